//! `import_runs`: one line per import of a back-office file, and what they say about a DB's origin
//! (the demo book imports as [`crate::demo::DEMO_ACTOR`]).

use crate::store::db::Db;
use chrono::{DateTime, Utc};
use rusqlite::params;

/// One import run to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRun<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    /// `managers`, `customers`, …
    pub kind: &'a str,
    pub file: &'a str,
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

/// Appends one run (inside the import's transaction) and its audit row (entity `import`, the
/// kind; action `import`; new value `<file name> rows N +inserted ~updated =unchanged !rejected`:
/// counts and the file's name only, no personal data).
pub fn record(conn: &Db, run: &ImportRun<'_>) -> rusqlite::Result<()> {
    let file = std::path::Path::new(run.file).file_name().map(|f| f.to_string_lossy().into_owned());
    let summary = format!(
        "{} rows {} +{} ~{} ={} !{}",
        file.as_deref().unwrap_or(run.file),
        run.rows,
        run.inserted,
        run.updated,
        run.unchanged,
        run.rejected
    );
    super::audit::record(
        conn,
        &super::audit::AuditEntry {
            at: run.at,
            actor: run.actor,
            entity: "import",
            entity_id: run.kind,
            action: "import",
            old_value: None,
            new_value: Some(&summary),
        },
    )?;
    conn.prepare_cached(
        "INSERT INTO import_runs (at, actor, kind, file, rows, inserted, updated, unchanged, rejected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        run.at.to_rfc3339(),
        run.actor,
        run.kind,
        run.file,
        run.rows as i64,
        run.inserted as i64,
        run.updated as i64,
        run.unchanged as i64,
        run.rejected as i64
    ])?;
    Ok(())
}

/// How many runs were made by `actor` and by anyone else: `(by_actor, by_others)`.
pub fn count_by(conn: &Db, actor: &str) -> rusqlite::Result<(u64, u64)> {
    conn.query_row(
        "SELECT COALESCE(SUM(CASE WHEN actor = ?1 THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN actor <> ?1 THEN 1 ELSE 0 END), 0) FROM import_runs",
        [actor],
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_runs_by_actor() {
        let conn = crate::store::open_scratch().unwrap();
        let run = |actor| ImportRun {
            at: "2026-11-29T01:00:00Z".parse().unwrap(),
            actor,
            kind: "managers",
            file: "m.csv",
            rows: 1,
            inserted: 1,
            updated: 0,
            unchanged: 0,
            rejected: 0,
        };
        assert_eq!(count_by(&conn, "demo").unwrap(), (0, 0));
        record(&conn, &run("demo")).unwrap();
        record(&conn, &run("demo")).unwrap();
        record(&conn, &run("S001")).unwrap();
        assert_eq!(count_by(&conn, "demo").unwrap(), (2, 1));
    }
}
