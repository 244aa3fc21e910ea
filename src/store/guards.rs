//! The guards a sound book file carries (issue 11, SPEC §3): the append-only triggers on every
//! table of records a person makes, private file modes, and the "demo being built" marker. What
//! `brokerdesk check` verifies beside SQLite's integrity and foreign-key checks.

use crate::store::db::Db;
use std::path::{Path, PathBuf};


/// The tables of records a person makes (or the audit trail of them): rows are only ever added.
pub const APPEND_ONLY: &[&str] = &[
    "assessments",
    "audit_log",
    "callback_logs",
    "professional_records",
    "alert_actions",
    "warning_confirmations",
    "reassignments",
];

/// One trigger a sound file must carry: its name and its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guard {
    /// The trigger's name in `sqlite_master`.
    pub trigger: &'static str,
    /// The table it guards.
    pub table: &'static str,
}

const fn g(trigger: &'static str, table: &'static str) -> Guard {
    Guard { trigger, table }
}

/// Every guard trigger of the latest schema (migrations 001–006): for each [`APPEND_ONLY`] table
/// `_no_update`, `_no_delete` and `_no_replace` (a BEFORE INSERT refusing an existing key, since
/// REPLACE's implicit delete fires no DELETE trigger); questionnaire versions immutable and, once
/// referred to, undeletable; the audit log's record id required.
pub const EXPECTED: &[Guard] = &[
    g("assessments_no_update", "assessments"),
    g("assessments_no_delete", "assessments"),
    g("assessments_no_replace", "assessments"),
    g("audit_log_no_update", "audit_log"),
    g("audit_log_no_delete", "audit_log"),
    g("audit_log_no_replace", "audit_log"),
    g("audit_log_record_id", "audit_log"),
    g("callback_logs_no_update", "callback_logs"),
    g("callback_logs_no_delete", "callback_logs"),
    g("callback_logs_no_replace", "callback_logs"),
    g("professional_records_no_update", "professional_records"),
    g("professional_records_no_delete", "professional_records"),
    g("professional_records_no_replace", "professional_records"),
    g("alert_actions_no_update", "alert_actions"),
    g("alert_actions_no_delete", "alert_actions"),
    g("alert_actions_no_replace", "alert_actions"),
    g("warning_confirmations_no_update", "warning_confirmations"),
    g("warning_confirmations_no_delete", "warning_confirmations"),
    g("warning_confirmations_no_replace", "warning_confirmations"),
    g("reassignments_no_update", "reassignments"),
    g("reassignments_no_delete", "reassignments"),
    g("reassignments_no_replace", "reassignments"),
    g("questionnaires_no_update", "questionnaires"),
    g("questionnaires_no_delete", "questionnaires"),
    g("questionnaires_no_replace", "questionnaires"),
];

/// The guards of [`EXPECTED`] missing from `conn` (dropped, or on another table), in list order.
/// On PostgreSQL these SQLite triggers have no twin (no REPLACE there; the roles get no UPDATE
/// or DELETE grant on a record table): nothing is reported missing.
pub fn missing_triggers(conn: &Db) -> rusqlite::Result<Vec<Guard>> {
    if conn.is_pg() {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare_cached("SELECT tbl_name FROM main.sqlite_master WHERE type = 'trigger' AND name = ?1")?;
    let mut missing = Vec::new();
    for guard in EXPECTED {
        let table: Option<String> = stmt.query_row([guard.trigger], |r| r.get(0)).ok();
        if table.as_deref() != Some(guard.table) {
            missing.push(*guard);
        }
    }
    Ok(missing)
}

/// The files of the book at `db` that exist: the DB itself, its `-wal` and `-shm`.
pub fn book_files(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p)
        })
        .filter(|p| p.exists())
        .collect()
}

/// Files of the book at `db` (DB, `-wal`, `-shm`) readable or writable by anyone but the owner,
/// with their permission bits (e.g. `0o644`). Empty off Unix.
pub fn loose_files(db: &Path) -> Vec<(PathBuf, u32)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        book_files(db)
            .into_iter()
            .filter_map(|p| {
                let mode = std::fs::metadata(&p).ok()?.permissions().mode() & 0o777;
                (mode & 0o077 != 0).then_some((p, mode))
            })
            .collect()
    }
    #[cfg(not(unix))]
    {
        let _ = db;
        Vec::new()
    }
}

/// The `settings` key set while `demo` builds a book and cleared in its last transaction: a
/// build killed half-way leaves it, and `check` calls the book incomplete.
pub const BUILDING_KEY: &str = "building";

/// What was being built when the process stopped (the `building` marker's value), if anything.
pub fn incomplete(conn: &Db) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [BUILDING_KEY], |r| r.get(0)).optional()
}

/// Sets the `building` marker (committed at once, before the long build starts).
pub fn mark_building(conn: &Db, what: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [BUILDING_KEY, what],
    )?;
    Ok(())
}

/// Clears the `building` marker (inside the build's last transaction).
pub fn clear_building(conn: &Db) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [BUILDING_KEY])?;
    Ok(())
}

/// `check`'s lines beyond integrity, foreign keys and schema: each missing guard, each loose file,
/// an unfinished build, then the verdict (number of problems).
pub fn findings(h: &super::Health) -> Vec<crate::i18n::rel::RelMsg> {
    use crate::i18n::rel::RelMsg;
    let mut out: Vec<RelMsg> = h
        .missing_triggers
        .iter()
        .map(|g| RelMsg::MissingTrigger { trigger: g.trigger.into(), table: g.table.into() })
        .collect();
    out.extend(h.loose_files.iter().map(|(p, mode)| RelMsg::LooseFile { path: p.display().to_string(), mode: *mode }));
    if let Some(what) = &h.incomplete {
        out.push(RelMsg::Incomplete { what: what.clone() });
    }
    out.push(RelMsg::Verdict { problems: h.problems() });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_book_has_every_guard_and_a_dropped_one_is_named() {
        let conn = crate::store::open_in_memory().unwrap();
        assert_eq!(missing_triggers(&conn).unwrap(), vec![]);
        conn.execute_batch("DROP TRIGGER assessments_no_replace; DROP TRIGGER audit_log_no_delete;").unwrap();
        let names: Vec<_> = missing_triggers(&conn).unwrap().iter().map(|g| g.trigger).collect();
        assert_eq!(names, ["assessments_no_replace", "audit_log_no_delete"]);
    }

    #[test]
    fn every_append_only_table_has_its_three_guards() {
        for table in APPEND_ONLY {
            for what in ["no_update", "no_delete", "no_replace"] {
                let name = format!("{table}_{what}");
                assert!(EXPECTED.iter().any(|g| g.trigger == name && g.table == *table), "{name}");
            }
        }
    }

    #[test]
    fn the_building_marker_round_trips() {
        let conn = crate::store::open_in_memory().unwrap();
        assert_eq!(incomplete(&conn).unwrap(), None);
        mark_building(&conn, "demo").unwrap();
        assert_eq!(incomplete(&conn).unwrap().as_deref(), Some("demo"));
        clear_building(&conn).unwrap();
        assert_eq!(incomplete(&conn).unwrap(), None);
    }
}
