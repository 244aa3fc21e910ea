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

/// Which audit rows to list (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only rows of this actor (manager id).
    pub actor: Option<String>,
    /// Only rows of this entity (`customer`, `alert`, `export`, …).
    pub entity: Option<String>,
    /// Only rows at or after this instant (RFC 3339 text compares in time order: all are UTC).
    pub since: Option<DateTime<Utc>>,
}

/// One audit row as stored (`at` is RFC 3339 UTC text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// The audit rows matching `q`, oldest first (the order they were written).
pub fn list(conn: &Connection, q: &AuditQuery) -> rusqlite::Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, entity, entity_id, action, old_value, new_value FROM audit_log
         WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR entity = ?2) AND (?3 IS NULL OR at >= ?3)
         ORDER BY at, rowid",
    )?;
    let rows = stmt.query_map(params![q.actor, q.entity, q.since.map(|t| t.to_rfc3339())], |r| {
        Ok(AuditRow {
            at: r.get(0)?,
            actor: r.get(1)?,
            entity: r.get(2)?,
            entity_id: r.get(3)?,
            action: r.get(4)?,
            old_value: r.get(5)?,
            new_value: r.get(6)?,
        })
    })?;
    rows.collect()
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

    #[test]
    fn list_filters() {
        let conn = crate::store::open_in_memory().unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        for (t, actor, entity) in
            [("2026-11-29T01:00:00Z", "M01", "customer"), ("2026-11-30T01:00:00Z", "S01", "export")]
        {
            let e = AuditEntry {
                at: at(t),
                actor,
                entity,
                entity_id: "x",
                action: "a",
                old_value: None,
                new_value: Some("n"),
            };
            record(&conn, &e).unwrap();
        }
        assert_eq!(list(&conn, &AuditQuery::default()).unwrap().len(), 2);
        let only = list(&conn, &AuditQuery { entity: Some("export".into()), ..AuditQuery::default() }).unwrap();
        assert_eq!((only.len(), only[0].actor.as_str(), only[0].new_value.as_deref()), (1, "S01", Some("n")));
        let since = AuditQuery { since: Some(at("2026-11-29T12:00:00Z")), ..AuditQuery::default() };
        assert_eq!(list(&conn, &since).unwrap()[0].entity, "export");
        assert!(list(&conn, &AuditQuery { actor: Some("M09".into()), ..AuditQuery::default() }).unwrap().is_empty());
    }
}
