//! The audit log (who, when, what entity, old → new) for every change a person makes; append-only
//! (SQLite triggers refuse UPDATE and DELETE).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

/// One audit entry to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
}

/// Appends one entry.
pub fn record(conn: &Connection, e: &AuditEntry<'_>) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![e.at.to_rfc3339(), e.actor, e.entity, e.entity_id, e.action, e.old_value, e.new_value])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn audit_log_refuses_edits() {
        let conn = crate::store::open_in_memory().unwrap();
        let e = AuditEntry {
            at: "2026-11-29T01:00:00Z".parse().unwrap(),
            actor: "M01",
            entity: "customer",
            entity_id: "1",
            action: "unmask",
            old_value: None,
            new_value: None,
        };
        record(&conn, &e).unwrap();
        let err = conn.execute("UPDATE audit_log SET actor = 'x'", []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{err}");
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    }
}
