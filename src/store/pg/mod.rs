//! PostgreSQL foundations (issue 12, first slice): the schema twin of SQLite's migrations
//! (`sql/NNN_*.sql`, the same numbers: one version means the same tables, columns and keys on
//! both), `roles sync` ([`roles`]: one login role per manager, row-level security, INSERT-only
//! record tables) and `migrate --to` ([`copy`]: a SQLite book into an empty PostgreSQL database).
//! The store paths reach a server book through [`crate::store::db`] (`--db postgres://…`).
//!
//! Blocking client: the `postgres` crate (no TLS yet: a branch server on the LAN or loopback,
//! docs/branch-server.md).

use postgres::{Client, NoTls};

use crate::i18n::Msg;
use crate::i18n::pg::PgMsg;

pub mod backup;
pub mod copy;
pub mod roles;

/// PostgreSQL twins of `src/store/sql/NNN_*.sql`, oldest first: (file name, SQL). The file
/// names match SQLite's one for one (a test holds them together).
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("001_initial.sql", include_str!("sql/001_initial.sql")),
    ("002_callbacks.sql", include_str!("sql/002_callbacks.sql")),
    ("003_assessment_records.sql", include_str!("sql/003_assessment_records.sql")),
    ("004_alerts.sql", include_str!("sql/004_alerts.sql")),
    ("005_audit_allocation.sql", include_str!("sql/005_audit_allocation.sql")),
    ("006_guards.sql", include_str!("sql/006_guards.sql")),
];

/// The table holding the schema version on PostgreSQL (SQLite keeps it in `PRAGMA user_version`):
/// one row per applied migration. Not part of the book (left out of schema comparisons and copies).
pub const VERSION_TABLE: &str = "schema_migrations";

/// What went wrong talking to PostgreSQL or copying into it.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    /// The server's or the client's error (connection, SQL, permission), as the client words it.
    #[error("PostgreSQL: {0}")]
    Pg(#[from] postgres::Error),
    /// Reading the SQLite side.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A refusal a person reads (from the catalogue): non-empty target, count difference, …
    #[error("{0:?}")]
    Refused(Box<Msg>),
}

impl PgError {
    /// The error as the user reads it in `lang` (catalogue messages for refusals).
    pub fn render(&self, lang: crate::session::Lang) -> String {
        match self {
            PgError::Refused(m) => m.render(lang),
            PgError::Pg(e) => match e.as_db_error() {
                Some(db) => format!("PostgreSQL: {} ({})", db.message(), db.code().code()),
                None => format!("PostgreSQL: {e}"),
            },
            other => other.to_string(),
        }
    }

    pub(crate) fn refused(m: PgMsg) -> PgError {
        PgError::Refused(Box::new(Msg::Pg(m)))
    }
}

/// `url` with any password replaced by `***` (for messages and logs).
pub fn mask_url(url: &str) -> String {
    // postgres://user:password@host… → postgres://user:***@host…
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((cred, host)) = rest.split_once('@')
        && let Some((user, _)) = cred.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_string()
}

/// Whether `s` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// Connects to `url` (a `postgres://user@host:port/db` URL or a libpq key=value string).
/// The session runs with `jit = off` (in the start-up packet: no extra round trip; options in
/// the URL come after it and win): the app's queries take milliseconds, and at 100k customers
/// the planner's estimates crossed `jit_above_cost`, so the server spent 0.2–0.4 s compiling
/// each (BENCHMARKS.md, "PostgreSQL at 100k").
/// Errors: a URL of another kind is refused naming it; connection errors as the client words them.
pub fn connect(url: &str) -> Result<Client, PgError> {
    if !is_url(url) {
        return Err(PgError::refused(PgMsg::NotPgUrl { url: mask_url(url) }));
    }
    let mut config: postgres::Config = url.parse()?;
    // a writer waits for another's write lock as long as on a file (BROKERDESK_LOCK_WAIT_SECS)
    let ours = format!("{SESSION_OPTIONS} -c lock_timeout={}ms", crate::store::busy::lock_wait().as_millis().max(1));
    let options = match config.get_options() {
        Some(theirs) => format!("{ours} {theirs}"),
        None => ours,
    };
    config.options(&options);
    Ok(config.connect(NoTls)?)
}

/// The server settings every brokerdesk session starts with (`-c name=value`, as libpq's
/// `options`): no JIT compilation (see [`connect`]); [`connect`] adds `lock_timeout` (how long a
/// writer waits for another's write lock: `BROKERDESK_LOCK_WAIT_SECS`, 120 s by default).
pub const SESSION_OPTIONS: &str = "-c jit=off";

/// The schema version of the connected database (0: none applied) and the latest this build knows.
pub fn versions(client: &mut impl postgres::GenericClient) -> Result<(usize, usize), PgError> {
    let exists: bool =
        client.query_one("SELECT to_regclass(current_schema() || '.' || $1) IS NOT NULL", &[&VERSION_TABLE])?.get(0);
    let current = if exists {
        let v: Option<i64> = client.query_one(&format!("SELECT max(version) FROM {VERSION_TABLE}"), &[])?.get(0);
        v.unwrap_or(0) as usize
    } else {
        0
    };
    Ok((current, MIGRATIONS.len()))
}

/// Applies the pending migrations inside `tx` (the caller commits; DDL is transactional on
/// PostgreSQL, so a failure leaves nothing behind). A database at a newer version than this
/// build knows is refused untouched.
pub fn migrate(tx: &mut postgres::Transaction<'_>) -> Result<usize, PgError> {
    tx.batch_execute(&format!(
        "CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    ))?;
    let (current, latest) = versions(tx)?;
    if current > latest {
        return Err(PgError::refused(PgMsg::NewerSchema { version: current, latest }));
    }
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(current) {
        tx.batch_execute(sql)?;
        let v = (i + 1) as i64;
        tx.execute(
            &format!("INSERT INTO {VERSION_TABLE} (version, name, applied_at) VALUES ($1, $2, $3)"),
            &[&v, name, &now],
        )?;
    }
    Ok(latest)
}

/// Quotes `name` as a PostgreSQL identifier (`"a""b"`).
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sqlite_migration_has_its_twin_with_the_same_number_and_name() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/sql");
        let mut sqlite: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        sqlite.sort();
        let pg: Vec<String> = MIGRATIONS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(sqlite, pg, "each src/store/sql migration needs its twin in src/store/pg/sql");
        assert_eq!(crate::store::migrations::MIGRATIONS.len(), MIGRATIONS.len());
        assert_eq!(MIGRATIONS.len(), 6);
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(mask_url("postgres://bd_m03:s3cret@db:5432/book"), "postgres://bd_m03:***@db:5432/book");
        assert_eq!(mask_url("postgres://postgres@127.0.0.1:5/p"), "postgres://postgres@127.0.0.1:5/p");
        assert!(matches!(connect("/tmp/x.db"), Err(PgError::Refused(_))));
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(ident("bd_m03"), "\"bd_m03\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }
}
