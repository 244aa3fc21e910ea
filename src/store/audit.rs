//! The audit log (who, when, what entity, old → new) for every change a person makes; append-only
//! (SQLite triggers refuse UPDATE, DELETE and a REPLACE of an existing row). Each row is a record
//! a person makes: a UUID v7 (`record_id`) and the installation id (`installation`), SPEC §6.
//!
//! Rows written before schema v5 carry `legacy-audit-<row id>` as their record id (a UUID v7 cannot
//! be made for them in SQL): see `sql/005_audit_allocation.sql`.
//!
//! What is audited (action codes): `unmask`, `investor_class`, `log_call`, `acknowledge`,
//! `resolve`, `signed_warning`, `assessment`, `import`, `reassign` (and exports of unmasked data).
//! Old → new values are short and never hold a full ID number or mobile.

use crate::store::db::Db;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{ToSql, params};

/// One audit entry to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    /// `customer`, `callback` (entity id: the customer), `alert` (the alert's id),
    /// `warning_confirmation` (its record id), `import` (the kind).
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
}

/// Appends one entry with a new UUID v7 (time part `e.at`) and this file's installation id; the
/// customer it concerns is found from the entity (an alert's or a signed warning's customer, else
/// the entity id when it names a customer).
pub fn record(conn: &Db, e: &AuditEntry<'_>) -> rusqlite::Result<()> {
    let installation = super::ids::installation_id(conn)?;
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, old_value, new_value, record_id, installation,
             customer_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
             CASE ?3
                 WHEN 'alert' THEN (SELECT a.customer_id FROM alerts a WHERE a.id = CAST(CAST(?4 AS TEXT) AS BIGINT))
                 WHEN 'warning_confirmation' THEN (SELECT w.customer_id FROM warning_confirmations w WHERE w.id = ?4)
                 ELSE (SELECT c.customer_id FROM customers c WHERE c.customer_id = ?4) END)",
    )?
    .execute(params![
        e.at.to_rfc3339(),
        e.actor,
        e.entity,
        e.entity_id,
        e.action,
        e.old_value,
        e.new_value,
        super::ids::new_record_id(e.at),
        installation
    ])?;
    Ok(())
}

/// What the 审计 screen shows: every field optional (`None`: no filter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Who made the change (`manager_id`, exact).
    pub actor: Option<String>,
    /// A customer: their id (exact) or part of their name.
    pub customer: Option<String>,
    /// An action code (`reassign`, `unmask`, …; see [`ACTIONS`]).
    pub action: Option<String>,
    /// First and last China date, inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One row of the audit log with the names it is shown with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// The row number (newest first is `at` then this).
    pub id: i64,
    /// UUID v7 (`legacy-audit-<id>` before schema v5).
    pub record_id: String,
    pub installation: String,
    /// RFC 3339 UTC (shown in China time).
    pub at: String,
    pub actor: String,
    /// The actor's name, if a manager of that id exists.
    pub actor_name: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub customer_id: Option<String>,
    pub customer_name: Option<String>,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl AuditRow {
    /// The instant, if it parses.
    pub fn instant(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.at).ok().map(|t| t.with_timezone(&Utc))
    }
}

/// The action codes a person's changes are recorded under, with their Chinese and English
/// names from the catalogue (the 审计 screen's action picker, in this order).
pub const ACTIONS: &[(&str, &str, &str)] = {
    use crate::i18n::{en::ui as en, zh::ui as zh};
    &[
        ("reassign", zh::AUDIT_ACTION_REASSIGN, en::AUDIT_ACTION_REASSIGN),
        ("unmask", zh::AUDIT_ACTION_UNMASK, en::AUDIT_ACTION_UNMASK),
        ("log_call", zh::AUDIT_ACTION_LOG_CALL, en::AUDIT_ACTION_LOG_CALL),
        ("acknowledge", zh::AUDIT_ACTION_ACKNOWLEDGE, en::AUDIT_ACTION_ACKNOWLEDGE),
        ("resolve", zh::AUDIT_ACTION_RESOLVE, en::AUDIT_ACTION_RESOLVE),
        ("signed_warning", zh::AUDIT_ACTION_SIGNED_WARNING, en::AUDIT_ACTION_SIGNED_WARNING),
        ("assessment", zh::AUDIT_ACTION_ASSESSMENT, en::AUDIT_ACTION_ASSESSMENT),
        ("investor_class", zh::AUDIT_ACTION_INVESTOR_CLASS, en::AUDIT_ACTION_INVESTOR_CLASS),
        ("import", zh::AUDIT_ACTION_IMPORT, en::AUDIT_ACTION_IMPORT),
        ("export", zh::AUDIT_ACTION_EXPORT, en::AUDIT_ACTION_EXPORT),
        ("unmask_export", zh::AUDIT_ACTION_UNMASK_EXPORT, en::AUDIT_ACTION_UNMASK_EXPORT),
    ]
};

/// The name of an action code in the session language (the code itself when unknown).
pub fn action_label(code: &str, lang: crate::session::Lang) -> String {
    ACTIONS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| lang.pick(zh, en).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The UTC instant text where China date `day` starts (00:00 UTC+8), for comparing with `at`.
fn day_start(day: NaiveDate) -> String {
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::clock::china_offset()).single())
        .map(|t| t.with_timezone(&Utc).to_rfc3339())
        .unwrap_or_default()
}

/// Named SQL parameters.
type Params = Vec<(&'static str, Box<dyn ToSql>)>;

fn conditions(f: &AuditFilter) -> (String, Params) {
    let mut parts: Vec<String> = Vec::new();
    let mut p: Params = Vec::new();
    if let Some(a) = &f.actor {
        parts.push("l.actor = :actor".into());
        p.push((":actor", Box::new(a.clone())));
    }
    if let Some(a) = &f.action {
        parts.push("l.action = :action".into());
        p.push((":action", Box::new(a.clone())));
    }
    if let Some(c) = f.customer.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        // the matching customers first (an id, or part of a name), then their rows by index
        parts.push(
            "l.customer_id IN (SELECT customer_id FROM customers WHERE customer_id = :cust OR instr(name, :cust) > 0)"
                .into(),
        );
        p.push((":cust", Box::new(c.to_string())));
    }
    if let Some(d) = f.from {
        parts.push("l.at >= :from".into());
        p.push((":from", Box::new(day_start(d))));
    }
    if let Some(d) = f.to.and_then(|d| d.succ_opt()) {
        parts.push("l.at < :to".into());
        p.push((":to", Box::new(day_start(d))));
    }
    let clause = if parts.is_empty() { String::new() } else { format!("WHERE {}", parts.join(" AND ")) };
    (clause, p)
}

/// How many rows match `f`.
pub fn count(conn: &Db, f: &AuditFilter) -> rusqlite::Result<u64> {
    let (clause, p) = conditions(f);
    let refs: Vec<(&str, &dyn ToSql)> = p.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let n: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM audit_log l {clause}"))?
        .query_row(refs.as_slice(), |r| r.get(0))?;
    Ok(n as u64)
}

/// The rows matching `f`, newest first (`at`, then row number, both descending), `limit` of them
/// from `offset`: one window of the 审计 screen, read off the `audit_log_*` indexes.
pub fn query(conn: &Db, f: &AuditFilter, offset: u64, limit: u64) -> rusqlite::Result<Vec<AuditRow>> {
    let (clause, mut p) = conditions(f);
    p.push((":limit", Box::new(limit as i64)));
    p.push((":offset", Box::new(offset as i64)));
    let refs: Vec<(&str, &dyn ToSql)> = p.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let sql = format!(
        "SELECT l.id, coalesce(l.record_id, ''), coalesce(l.installation, ''), l.at, l.actor, m.name, l.entity,
                l.entity_id, l.customer_id, c.name, l.action, l.old_value, l.new_value
         FROM audit_log l
         LEFT JOIN managers m ON m.manager_id = l.actor
         LEFT JOIN customers c ON c.customer_id = l.customer_id
         {clause}
         ORDER BY l.at DESC, l.id DESC LIMIT :limit OFFSET :offset"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(refs.as_slice(), |r| {
        Ok(AuditRow {
            id: r.get(0)?,
            record_id: r.get(1)?,
            installation: r.get(2)?,
            at: r.get(3)?,
            actor: r.get(4)?,
            actor_name: r.get(5)?,
            entity: r.get(6)?,
            entity_id: r.get(7)?,
            customer_id: r.get(8)?,
            customer_name: r.get(9)?,
            action: r.get(10)?,
            old_value: r.get(11)?,
            new_value: r.get(12)?,
        })
    })?;
    rows.collect()
}

/// The people who appear in the audit log, by id (the 审计 screen's person picker adds them to
/// the managers).
pub fn actors(conn: &Db) -> rusqlite::Result<Vec<String>> {
    // a skip scan of the actor index: one seek per person
    conn.prepare_cached(
        "WITH RECURSIVE a(id) AS (
             SELECT MIN(actor) FROM audit_log
             UNION ALL
             SELECT (SELECT MIN(l.actor) FROM audit_log l WHERE l.actor > a.id) FROM a WHERE a.id IS NOT NULL)
         SELECT id FROM a WHERE id IS NOT NULL",
    )?
    .query_map([], |r| r.get(0))?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(at: &str, actor: &'a str, entity_id: &'a str, action: &'a str) -> AuditEntry<'a> {
        AuditEntry {
            at: at.parse().unwrap(),
            actor,
            entity: "customer",
            entity_id,
            action,
            old_value: None,
            new_value: None,
        }
    }

    #[test]
    fn audit_log_refuses_edits() {
        let conn = crate::store::open_scratch().unwrap();
        record(&conn, &entry("2026-11-29T01:00:00Z", "M01", "1", "unmask")).unwrap();
        let err = conn.execute("UPDATE audit_log SET actor = 'x'", []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{err}");
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    }

    #[test]
    fn rows_are_v7_records_and_refuse_replace() {
        let conn = crate::store::open_in_memory().unwrap(); // SQLite's REPLACE guards
        record(&conn, &entry("2026-11-29T01:00:00Z", "M01", "1", "unmask")).unwrap();
        let (id, rec, inst): (i64, String, String) = conn
            .query_row("SELECT id, record_id, installation FROM audit_log", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(uuid::Uuid::parse_str(&rec).unwrap().get_version_num(), 7);
        assert_eq!(inst, crate::store::ids::installation_id(&conn).unwrap());
        // REPLACE on the row number or on the record id would silently delete the old row
        for sql in [
            format!(
                "INSERT OR REPLACE INTO audit_log (id, at, actor, entity, entity_id, action, record_id, installation)
                 VALUES ({id}, 'x', 'x', 'x', 'x', 'x', 'new-id', 'x')"
            ),
            format!(
                "INSERT OR REPLACE INTO audit_log (at, actor, entity, entity_id, action, record_id, installation)
                 VALUES ('x', 'x', 'x', 'x', 'x', '{rec}', 'x')"
            ),
            "INSERT INTO audit_log (at, actor, entity, entity_id, action) VALUES ('x', 'x', 'x', 'x', 'x')".into(),
        ] {
            let err = conn.execute(&sql, []).unwrap_err().to_string();
            assert!(err.contains("append-only"), "{sql}: {err}");
        }
        let (n, actor): (i64, String) =
            conn.query_row("SELECT COUNT(*), MIN(actor) FROM audit_log", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((n, actor.as_str()), (1, "M01"));
    }

    #[test]
    fn rows_before_v5_get_a_legacy_id_and_their_customer() {
        use rusqlite_migration::Migrations;
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let all = Migrations::from_slice(crate::store::migrations::MIGRATIONS);
        all.to_version(&mut conn, 4).unwrap();
        conn.execute_batch(
            "INSERT INTO settings (key, value) VALUES ('installation_id', 'inst-1');
             INSERT INTO managers (manager_id, name, branch) VALUES ('M01', '李娜', 'B');
             INSERT INTO customers (customer_id, name, id_number, manager_id, opened_on)
             VALUES ('C1', '张三', 'x', 'M01', '2020-01-01');
             INSERT INTO alerts (id, customer_id, rule, severity, detail, first_seen, last_seen, updated_at)
             VALUES (7, 'C1', 'dormant', 'info', 'd', '2026-11-01', '2026-11-01', 'x');
             INSERT INTO audit_log (at, actor, entity, entity_id, action) VALUES
                 ('2026-11-28T01:00:00+00:00', 'M01', 'customer', 'C1', 'unmask'),
                 ('2026-11-28T02:00:00+00:00', 'M01', 'alert', '7', 'acknowledge'),
                 ('2026-11-28T03:00:00+00:00', 'demo', 'import', 'managers', 'import');",
        )
        .unwrap();
        all.to_latest(&mut conn).unwrap();
        let rows: Vec<(String, String, Option<String>)> = conn
            .prepare("SELECT record_id, installation, customer_id FROM audit_log ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let c1 = Some("C1".to_string());
        assert_eq!(
            rows,
            [
                ("legacy-audit-1".to_string(), "inst-1".to_string(), c1.clone()),
                ("legacy-audit-2".into(), "inst-1".into(), c1),
                ("legacy-audit-3".into(), "inst-1".into(), None),
            ]
        );
        // the append-only trigger is back after the backfill
        let err = conn.execute("UPDATE audit_log SET actor = 'x'", []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{err}");
    }

    #[test]
    fn query_filters_and_orders_newest_first() {
        let conn = crate::store::open_scratch().unwrap();
        conn.execute_batch(
            "INSERT INTO managers (manager_id, name, branch, role) VALUES ('M01', '李娜', 'B', 'manager'),
                 ('S01', '王强', 'B', 'supervisor');
             INSERT INTO customers (customer_id, name, id_number, manager_id, opened_on)
             VALUES ('C1', '张三', 'x', 'M01', '2020-01-01'), ('C2', '李四', 'y', 'M01', '2020-01-01');",
        )
        .unwrap();
        // 2026-11-28 23:30 UTC is 2026-11-29 07:30 in China
        record(&conn, &entry("2026-11-28T15:30:00Z", "M01", "C1", "unmask")).unwrap(); // China 11-28
        record(&conn, &entry("2026-11-28T23:30:00Z", "M01", "C2", "unmask")).unwrap(); // China 11-29
        record(&conn, &entry("2026-11-29T02:00:00Z", "S01", "C1", "reassign")).unwrap(); // China 11-29
        let all = query(&conn, &AuditFilter::default(), 0, 10).unwrap();
        let seen: Vec<(&str, Option<&str>)> =
            all.iter().map(|r| (r.action.as_str(), r.customer_name.as_deref())).collect();
        assert_eq!(seen, [("reassign", Some("张三")), ("unmask", Some("李四")), ("unmask", Some("张三"))]);
        assert_eq!(all[0].actor_name.as_deref(), Some("王强"));
        let f = |f: AuditFilter| (count(&conn, &f).unwrap(), query(&conn, &f, 0, 10).unwrap().len() as u64);
        let day = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
        assert_eq!(f(AuditFilter { actor: Some("M01".into()), ..Default::default() }), (2, 2));
        assert_eq!(f(AuditFilter { customer: Some("张".into()), ..Default::default() }), (2, 2));
        assert_eq!(f(AuditFilter { customer: Some("C2".into()), ..Default::default() }), (1, 1));
        assert_eq!(f(AuditFilter { action: Some("reassign".into()), ..Default::default() }), (1, 1));
        assert_eq!(f(AuditFilter { from: day("2026-11-29"), ..Default::default() }), (2, 2));
        assert_eq!(f(AuditFilter { to: day("2026-11-28"), ..Default::default() }), (1, 1));
        assert_eq!(
            f(AuditFilter {
                actor: Some("M01".into()),
                from: day("2026-11-29"),
                to: day("2026-11-29"),
                ..Default::default()
            }),
            (1, 1)
        );
        assert_eq!(query(&conn, &AuditFilter::default(), 1, 1).unwrap()[0].customer_name.as_deref(), Some("李四"));
        assert_eq!(actors(&conn).unwrap(), ["M01", "S01"]);
    }
}
