//! SQLite storage (SPEC §3): opening with the right pragmas, versioned migrations, and one file of
//! queries per entity. Knows the domain types, never the terminal.

pub mod accounts;
pub mod alerts;
pub mod allocation;
pub mod assessments;
pub mod audit;
pub mod book;
pub mod book_refresh;
pub mod book_view;
pub mod bulk;
pub mod busy;
pub mod callbacks;
pub mod customers;
pub mod days;
pub mod db;
pub mod detail;
pub mod files;
pub mod guards;
pub mod holdings;
pub mod ids;
pub mod import_runs;
pub mod managers;
pub mod migrations;
pub mod orders;
pub mod pg;
pub mod prices;
pub mod professional;
pub mod securities;
pub mod search;
pub mod segments;

use crate::store::db::{Db, Row, Tx};
use std::path::{Path, PathBuf};
use std::time::Duration;


/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("database {path}: schema upgrade failed: {}", migration_cause(cause))]
    Migrate { path: String, cause: rusqlite_migration::Error },
    #[error("database {path}: cannot create its folder or file: {source}")]
    Io { path: String, source: std::io::Error },
    /// The PostgreSQL server refused or failed (`url` with its password masked).
    #[error("{url}: {message}")]
    Server { url: String, message: String },
    #[error("no platform data directory (set --db PATH)")]
    NoDataDir,
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Rule(String),
    /// A refusal worded in the catalogue; `Display` is English, [`StoreError::render`] in a language.
    #[error("{}", .0.render(crate::session::Lang::En))]
    Refused(Box<crate::i18n::Msg>),
}

impl StoreError {
    /// The error as the user reads it in `lang`: a [`StoreError::Refused`] from the catalogue,
    /// any other error its own (English) text.
    pub fn render(&self, lang: crate::session::Lang) -> String {
        match self {
            StoreError::Refused(m) => m.render(lang),
            other => other.to_string(),
        }
    }
}


/// The cause of a failed migration without the whole SQL text of the migration (rusqlite_migration
/// prints it): SQLite's own message, e.g. `table alert_actions already exists`. The file was backed
/// up before the upgrade (`<path>.bak-v<version>`).
fn migration_cause(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => {
            let cause = match err {
                rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
                other => other.to_string(),
            };
            format!(
                "{cause} (the failed step was rolled back; a copy from before the upgrade is beside the file as .bak-v<version>)"
            )
        }
        other => other.to_string(),
    }
}

impl db::Retryable for StoreError {
    fn store_error(&self) -> Option<&rusqlite::Error> {
        match self {
            StoreError::Sql(e) | StoreError::Open { source: e, .. } => Some(e),
            _ => None,
        }
    }
}

/// Result of writing one business-keyed row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Inserted,
    Updated,
    Unchanged,
}

/// Column access by index, so one row mapper serves a table's own query and joins where its
/// columns start further right (see [`Shifted`]).
pub(crate) trait Columns {
    fn get<T: rusqlite::types::FromSql>(&self, i: usize) -> rusqlite::Result<T>;
}

impl Columns for Row<'_> {
    fn get<T: rusqlite::types::FromSql>(&self, i: usize) -> rusqlite::Result<T> {
        Row::get(self, i)
    }
}

/// A row whose column 0 is column `.1` of the underlying row.
pub(crate) struct Shifted<'a, 'b>(pub &'a Row<'b>, pub usize);

impl Columns for Shifted<'_, '_> {
    fn get<T: rusqlite::types::FromSql>(&self, i: usize) -> rusqlite::Result<T> {
        self.0.get(i + self.1)
    }
}

/// Busy timeout: a second instance waits this long for a lock instead of failing at once.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The default DB file: `<data_local_dir>/brokerdesk.db` from `ProjectDirs::from("", "", "brokerdesk")`.
pub fn default_db_path() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("", "", "brokerdesk")
        .map(|d| d.data_local_dir().join("brokerdesk.db"))
        .ok_or(StoreError::NoDataDir)
}

/// Opens (creating if needed, mode 0600 on Unix) the DB at `path`, sets WAL, foreign keys and the
/// busy timeout, and applies pending migrations — after backing an existing older file up to
/// `<path>.bak-v<old version>`. A symbolic link at `path` is refused; a file written by a newer
/// brokerdesk is refused untouched; an existing DB, `-wal` or `-shm` open to others is tightened
/// to 0600; a folder made for it is 0700 (the default data folder is tightened to 0700).
pub fn open(path: &Path) -> Result<Db, StoreError> {
    let shown = path.display().to_string();
    files::refuse_symlink(path)?;
    migrations::refuse_newer(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let own = default_db_path().is_ok_and(|d| d == path);
        files::private_dir(dir, own).map_err(|source| StoreError::Io { path: shown.clone(), source })?;
    }
    create_private(path).map_err(|source| StoreError::Io { path: shown.clone(), source })?;
    files::tighten_book(path).map_err(|source| StoreError::Io { path: shown.clone(), source })?;
    let mut conn =
        rusqlite::Connection::open(path).map_err(|source| StoreError::Open { path: shown.clone(), source })?;
    configure(&conn).map_err(|source| StoreError::Open { path: shown.clone(), source })?;
    migrations::backup_before_upgrade(&conn, path)?;
    migrations::repair_early_v1(&conn)?;
    migrations::migrate(&mut conn).map_err(|cause| StoreError::Migrate { path: shown, cause })?;
    Ok(Db::Lite(conn))
}

/// Opens the PostgreSQL book at `url` (`postgres://user@host:port/db`, issue 12): connects and
/// applies pending migrations in one transaction holding the write lock (the owner's role does
/// this once; a manager's role finding the schema behind gets the server's permission error).
/// A database written by a newer brokerdesk is refused untouched. Errors name the URL with its
/// password masked.
pub fn open_server(url: &str) -> Result<Db, StoreError> {
    let shown = pg::mask_url(url);
    let fail = |e: pg::PgError| StoreError::Server { url: shown.clone(), message: e.render(crate::session::Lang::En) };
    let mut client = pg::connect(url).map_err(fail)?;
    let (current, latest) = pg::versions(&mut client).map_err(fail)?;
    if current != latest {
        let mut tx = client.transaction().map_err(|e| fail(e.into()))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&db::pg::WRITE_LOCK]).map_err(|e| fail(e.into()))?;
        pg::migrate(&mut tx).map_err(fail)?;
        tx.commit().map_err(|e| fail(e.into()))?;
    }
    // the write lock's wait (`lock_timeout`) came with the connection (pg::connect)
    Ok(Db::Pg(db::pg::PgConn::new(client, url)))
}

/// The environment variable choosing the backend of [`open_scratch`]: `postgres` puts each
/// scratch book in a fresh database on the server of [`TEST_SERVER_ENV`]; unset or `sqlite`: memory.
pub const TEST_BACKEND_ENV: &str = "BROKERDESK_TEST_BACKEND";
/// The PostgreSQL server of scratch books: a superuser URL (`scripts/pg-test-server.sh` sets it).
pub const TEST_SERVER_ENV: &str = "BROKERDESK_TEST_PG";

/// Whether scratch books go to PostgreSQL ([`TEST_BACKEND_ENV`] = `postgres`).
pub fn scratch_on_server() -> bool {
    std::env::var(TEST_BACKEND_ENV).is_ok_and(|v| v == "postgres" || v == "pg")
}

/// A new, empty book with the full schema for tests and headless fixture renders: SQLite in
/// memory, or — with `BROKERDESK_TEST_BACKEND=postgres` — a fresh database `bd_scratch_<uuid>`
/// on the server named by `BROKERDESK_TEST_PG` (so one test suite runs on both backends, issue 12),
/// dropped when the returned connection is.
/// Errors: the server variable missing or the server refusing, as [`StoreError::Server`].
pub fn open_scratch() -> Result<Db, StoreError> {
    if !scratch_on_server() {
        return open_in_memory();
    }
    let url = scratch_database()?;
    let mut db = open_server(&url)?;
    if let (Db::Pg(c), Ok(admin)) = (&mut db, std::env::var(TEST_SERVER_ENV)) {
        // a suite makes hundreds of these: each goes with its connection
        let name = url.rsplit('/').next().unwrap_or_default().to_string();
        c.drop_database_on_close(&admin, &name);
    }
    Ok(db)
}

/// Creates an empty database `bd_scratch_<uuid>` on the test server; its URL.
pub fn scratch_database() -> Result<String, StoreError> {
    let admin = std::env::var(TEST_SERVER_ENV).map_err(|_| StoreError::Server {
        url: TEST_SERVER_ENV.into(),
        message: "not set: start a server with scripts/pg-test-server.sh".into(),
    })?;
    let name = format!("bd_scratch_{}", uuid::Uuid::now_v7().simple());
    let fail = |e: postgres::Error| StoreError::Server { url: pg::mask_url(&admin), message: e.to_string() };
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).map_err(fail)?;
    client.batch_execute(&format!("CREATE DATABASE {name}")).map_err(fail)?;
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    Ok(format!("{base}/{name}"))
}

/// An in-memory DB with the full schema (tests, headless renders of fixtures).
pub fn open_in_memory() -> Result<Db, StoreError> {
    let mut conn = rusqlite::Connection::open_in_memory()?;
    configure(&conn)?;
    migrations::migrate(&mut conn).map_err(|cause| StoreError::Migrate { path: ":memory:".into(), cause })?;
    Ok(Db::Lite(conn))
}

/// How much of the DB file [`map_for_reads`] maps (`PRAGMA mmap_size`, bytes): SQLite's default
/// compiled ceiling, 0x7fff0000 (pages beyond it are read as usual).
pub const MMAP_BYTES: i64 = 0x7fff_0000;

/// Makes `conn` read the file through a memory map instead of copying each page into its heap
/// cache: for one-shot reading commands (`render`). At 100k customers a `render customers`
/// spent about a third of its CPU faulting in fresh page-cache memory for the pages it read
/// (issue 10). Not for the TUI: mapped pages count in the process's resident memory, and a
/// long session that scans the book (the search index) would show the whole table as its own.
pub fn map_for_reads(conn: &Db) -> rusqlite::Result<()> {
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)
}

fn configure(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    // a writer waits for another's lock (saying so) instead of failing after a few seconds
    busy::install(conn)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 32 MiB page cache: the book's indexes of a 100k-customer branch stay in memory.
    conn.pragma_update(None, "cache_size", -32_768)?;
    Ok(())
}

/// Creates `path` empty with mode 0600 (Unix) unless it exists.
#[cfg(unix)]
pub fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates nothing off Unix (no file modes).
#[cfg(not(unix))]
pub fn create_private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Whether nothing was ever put in the DB: no managers, customers, securities or import runs.
pub fn is_empty(conn: &Db) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM managers) AND NOT EXISTS (SELECT 1 FROM customers)
         AND NOT EXISTS (SELECT 1 FROM securities) AND NOT EXISTS (SELECT 1 FROM import_runs)",
        [],
        |r| r.get(0),
    )
}

/// What `brokerdesk check` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// `PRAGMA integrity_check`'s first line (`ok` when sound).
    pub integrity: String,
    /// Rows `PRAGMA foreign_key_check` reports.
    pub foreign_key_violations: u64,
    /// Schema version of the file and the latest this build knows.
    pub schema: (usize, usize),
    pub customers: u64,
    /// Guard triggers of [`guards::EXPECTED`] missing from the file.
    pub missing_triggers: Vec<guards::Guard>,
    /// Files of the book (DB, -wal, -shm) open to others, with their modes.
    pub loose_files: Vec<(PathBuf, u32)>,
    /// A build stopped half-way (the `building` marker, e.g. `demo`).
    pub incomplete: Option<String>,
}

impl Health {
    /// How many things are wrong: integrity, foreign keys, schema version, each missing guard,
    /// each loose file, an unfinished build.
    pub fn problems(&self) -> usize {
        usize::from(self.integrity != "ok")
            + usize::from(self.foreign_key_violations != 0)
            + usize::from(self.schema.0 != self.schema.1)
            + self.missing_triggers.len()
            + self.loose_files.len()
            + usize::from(self.incomplete.is_some())
    }

    /// Sound, fully migrated, no dangling references, every guard in place, private files, complete.
    pub fn is_ok(&self) -> bool {
        self.problems() == 0
    }
}

/// Integrity, foreign keys, migration state, guard triggers, an unfinished build of the DB, and
/// (given its `path`) the modes of its files.
/// On PostgreSQL the server keeps integrity and foreign keys itself (reported `ok` and 0).
pub fn health(conn: &Db, path: Option<&Path>) -> Result<Health, StoreError> {
    let (integrity, foreign_key_violations, schema) = match conn {
        Db::Lite(c) => (
            c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?,
            c.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get::<_, i64>(0))? as u64,
            migrations::versions(c)?,
        ),
        Db::Pg(c) => {
            let versions = pg::versions(&mut *c.client()).map_err(|e| StoreError::Rule(e.to_string()))?;
            ("ok".to_string(), 0, versions)
        }
    };
    Ok(Health {
        integrity,
        foreign_key_violations,
        schema,
        customers: customers::count(conn)?,
        missing_triggers: guards::missing_triggers(conn)?,
        loose_files: path.map(guards::loose_files).unwrap_or_default(),
        incomplete: guards::incomplete(conn)?,
    })
}

/// SQLite online backup of `conn` into a new file `target`, created 0600 like the DB itself (a
/// backup holds the same personal data). An existing `target` is refused, never overwritten.
pub fn backup(conn: &Db, target: &Path) -> Result<(), StoreError> {
    let Db::Lite(c) = conn else {
        return Err(StoreError::Rule("a PostgreSQL book is backed up by store::pg::backup (its role's scope)".into()));
    };
    new_backup_target(target)?;
    create_private(target).map_err(|source| StoreError::Io { path: target.display().to_string(), source })?;
    c.backup(rusqlite::MAIN_DB, target, None)?;
    Ok(())
}

/// Refuses a backup's target that is a symbolic link (dangling or not) or that exists already:
/// a backup is always a NEW file, never written over another. Both backups check here.
pub fn new_backup_target(target: &Path) -> Result<(), StoreError> {
    files::refuse_symlink(target)?;
    if target.exists() {
        return Err(StoreError::Rule(format!("{} exists; choose a new file name", target.display())));
    }
    Ok(())
}

/// [`write_tx`] on a shared connection (the TUI's session holds `&Db`): `BEGIN
/// IMMEDIATE`, rolled back when dropped uncommitted. The caller must not nest it in another
/// transaction.
pub fn write_tx_shared(conn: &Db) -> rusqlite::Result<Tx<'_>> {
    conn.write_tx()
}

/// Starts a write transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so two
/// processes never deadlock upgrading a read lock (GUIDE: read-then-write transactions).
pub fn write_tx(conn: &mut Db) -> rusqlite::Result<Tx<'_>> {
    conn.write_tx()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_private_file_with_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/book.db");
        let conn = open(&path).unwrap();
        let mode: String = conn.lite().unwrap().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn.lite().unwrap().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        drop(conn);
        // reopening applies nothing new and keeps data
        open(&path).unwrap();
    }
}
