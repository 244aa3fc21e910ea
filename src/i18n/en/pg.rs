//! English texts of [`PgMsg`].

use crate::i18n::pg::PgMsg;

fn list(v: &[String]) -> String {
    if v.is_empty() { "none".into() } else { v.join(", ") }
}

/// `msg` in English.
pub fn render(msg: &PgMsg) -> String {
    match msg {
        PgMsg::Server { url, detail } => format!("cannot use the server book {url}: {detail}"),
        PgMsg::SignedInAs { manager, asked } => format!(
            "signed in with manager {manager}'s database role: only {manager}'s own book, not --manager {asked}"
        ),
        PgMsg::MigrateFromServer => {
            "migrate --to copies a SQLite file into a server: name the file to copy with --db FILE".into()
        }
        PgMsg::NotPgUrl { url } => format!("{url} is not a PostgreSQL URL (postgres://user@host:port/database)"),
        PgMsg::NewerSchema { version, latest } => format!(
            "this PostgreSQL database was made by a newer brokerdesk (schema version {version}, this build knows up to {latest}): left untouched"
        ),
        PgMsg::TargetNotEmpty { found } => {
            let f: Vec<String> = found.iter().map(|(t, n)| format!("{t} {n} rows")).collect();
            format!("the target database is not empty ({}): nothing copied; use a new, empty database", f.join(", "))
        }
        PgMsg::CountMismatch { diffs } => {
            let f: Vec<String> =
                diffs.iter().map(|(t, a, b)| format!("{t}: SQLite {a} rows, PostgreSQL {b} rows")).collect();
            format!("the counts differ after the copy ({}): all rolled back", f.join("; "))
        }
        PgMsg::BadText { table, column } => format!(
            "{table}.{column} holds a text PostgreSQL cannot store (a NUL character, or not UTF-8): all rolled back"
        ),
        PgMsg::CopyFailed { table, error } => {
            format!("the connection broke while copying {table}: {error}; all rolled back")
        }
        PgMsg::Migrated { target, tables, rows, millis } => {
            let secs = *millis as f64 / 1000.0;
            format!(
                "copied to {target}: {tables} tables, {rows} rows, every table's count equal on both sides ({secs:.1} s)"
            )
        }
        PgMsg::BadManagerId { id } => {
            format!("manager id {id} cannot be a database role name (letters, digits and _ only): nothing changed")
        }
        PgMsg::NoSchema { version, latest } => format!(
            "the database is at schema version {version} (expected {latest}): run brokerdesk migrate --to first"
        ),
        PgMsg::RolesSynced { created, updated, disabled, supervisors } => format!(
            "roles synced: created {}; updated {}; disabled (manager gone) {}; branch head {}. No password was set: the DBA sets them",
            list(created),
            list(updated),
            list(disabled),
            list(supervisors)
        ),
    }
}
