//! The one store boundary (issue 12): every store path reaches the book through [`Db`], over
//! SQLite (embedded, the default: one file per installation) or PostgreSQL (a branch's shared
//! book, `--db postgres://…` or `BROKERDESK_DB`).
//!
//! - **SQL is written once**, in the subset both speak, with SQLite's placeholders (`?1`, `?`,
//!   `:name`). On PostgreSQL each text is translated once ([`translate`]: `$n` placeholders,
//!   `INSERT OR IGNORE` → `ON CONFLICT DO NOTHING`, `json_each`/`json_extract` → the `json`
//!   functions) and prepared once per connection.
//! - **Values cross as SQLite's five storage classes** ([`rusqlite::types::Value`]): parameters
//!   are anything [`rusqlite::ToSql`] (dates as ISO text, money as `i64` fen), results are read
//!   with [`rusqlite::types::FromSql`], so one row mapper serves both backends. On PostgreSQL a
//!   parameter takes the type the server inferred for its place (an integer bound where `text`
//!   is expected is sent as its digits), and a `numeric` result (`SUM` of `bigint`) reads back as
//!   an integer when it has no fraction.
//! - **Errors stay [`rusqlite::Error`]**: a server's error travels inside it as
//!   `UserFunctionError`, [`server_error`] gets it back (SQLSTATE, message).
//! - **Write transactions are serialized on both**: SQLite's `BEGIN IMMEDIATE` takes the file's
//!   write lock; on PostgreSQL [`Db::write_tx`] takes one transaction-scoped advisory lock
//!   ([`pg::WRITE_LOCK`]), so a read-then-write transaction never meets a serialization failure
//!   and never loses a concurrent writer's row.

mod params;
pub mod pg;
mod row;
pub mod translate;

pub use params::{Key, Params};
pub use row::{ColIndex, FromRow, MappedRows, Row, Rows};

use rusqlite::types::{ToSql, Value, ValueRef};

pub use rusqlite::{Error, OptionalExtension, Result};

/// Which engine holds the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// One SQLite file (or memory), embedded.
    Sqlite,
    /// A PostgreSQL server shared by the branch.
    Postgres,
}

/// An open book: the connection every store function takes.
pub enum Db {
    /// SQLite through rusqlite.
    Lite(rusqlite::Connection),
    /// PostgreSQL through the blocking `postgres` client.
    Pg(pg::PgConn),
}

impl From<rusqlite::Connection> for Db {
    fn from(c: rusqlite::Connection) -> Db {
        Db::Lite(c)
    }
}

/// Where a book lives, to open a second connection to it (a background thread's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    File(std::path::PathBuf),
    /// A PostgreSQL URL (password included; never shown).
    Server(String),
}

/// Whether `e` is a lock wait that ran out: SQLite busy/locked, or PostgreSQL's lock timeout
/// (SQLSTATE 55P03).
pub fn is_busy(e: &Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked))
        || server_error(e).and_then(|p| p.code()).is_some_and(|c| c.code() == "55P03")
}

/// The server's error inside a store error, if it came from PostgreSQL.
pub fn server_error(e: &Error) -> Option<&postgres::Error> {
    match e {
        Error::UserFunctionError(inner) => inner.downcast_ref::<pg::ServerError>().map(|e| &e.0),
        _ => None,
    }
}

impl Db {
    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Lite(_) => Backend::Sqlite,
            Db::Pg(_) => Backend::Postgres,
        }
    }

    /// Whether the book is on a PostgreSQL server.
    pub fn is_pg(&self) -> bool {
        matches!(self, Db::Pg(_))
    }

    /// The SQLite connection, for the paths only SQLite has (pragmas, the bulk file build, the
    /// memory-mapped search scan); `None` on PostgreSQL.
    pub fn lite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Db::Lite(c) => Some(c),
            Db::Pg(_) => None,
        }
    }

    /// [`Db::lite`], mutable.
    pub fn lite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match self {
            Db::Lite(c) => Some(c),
            Db::Pg(_) => None,
        }
    }

    /// The PostgreSQL connection; `None` on SQLite.
    pub fn pg(&self) -> Option<&pg::PgConn> {
        match self {
            Db::Pg(c) => Some(c),
            Db::Lite(_) => None,
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// Runs statements separated by `;` with no parameters (DDL, `BEGIN`).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Db::Lite(c) => c.execute_batch(sql),
            Db::Pg(c) => c.batch(sql),
        }
    }

    /// The first row of a query mapped by `f`; `Error::QueryReturnedNoRows` when there is none.
    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// A statement, prepared once per connection and text and kept for reuse.
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        match self {
            Db::Lite(c) => Ok(Stmt::Lite(LiteStmt::Cached(c.prepare_cached(sql)?))),
            Db::Pg(c) => Ok(Stmt::Pg(c.prepare(sql)?)),
        }
    }

    /// A statement for one use (dynamic text); on PostgreSQL cached like any other.
    pub fn prepare(&self, sql: &str) -> Result<Stmt<'_>> {
        match self {
            Db::Lite(c) => Ok(Stmt::Lite(LiteStmt::Plain(c.prepare(sql)?))),
            Db::Pg(c) => Ok(Stmt::Pg(c.prepare(sql)?)),
        }
    }

    /// A read (deferred) transaction: one consistent view for several queries.
    pub fn transaction(&self) -> Result<Tx<'_>> {
        self.execute_batch("BEGIN")?;
        Ok(Tx { db: self, done: false })
    }

    /// A write transaction that holds the book's write lock from its first statement (SQLite
    /// `BEGIN IMMEDIATE`; PostgreSQL `BEGIN` and the advisory [`pg::WRITE_LOCK`]): two writers
    /// never deadlock upgrading a read and never lose each other's rows (GUIDE: read-then-write).
    pub fn write_tx(&self) -> Result<Tx<'_>> {
        match self {
            Db::Lite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            Db::Pg(c) => c.begin_write()?,
        }
        Ok(Tx { db: self, done: false })
    }

    /// Whether no transaction is open on this connection.
    pub fn is_autocommit(&self) -> bool {
        match self {
            Db::Lite(c) => c.is_autocommit(),
            Db::Pg(c) => c.is_autocommit(),
        }
    }

    /// The file of a SQLite book (`None` in memory, and for a server: see [`Db::url`]).
    pub fn path(&self) -> Option<&str> {
        match self {
            Db::Lite(c) => c.path().filter(|p| !p.is_empty()),
            Db::Pg(_) => None,
        }
    }

    /// The server URL of a PostgreSQL book (with its password, for opening a second connection;
    /// show [`pg::PgConn::label`] instead).
    pub fn url(&self) -> Option<&str> {
        match self {
            Db::Pg(c) => Some(c.url()),
            Db::Lite(_) => None,
        }
    }

    /// Where this book lives (`None`: SQLite in memory, no second connection possible).
    pub fn location(&self) -> Option<Location> {
        match self {
            Db::Lite(c) => c.path().filter(|p| !p.is_empty()).map(|p| Location::File(p.into())),
            Db::Pg(c) => Some(Location::Server(c.url().to_string())),
        }
    }

    /// Forgets the prepared statements (after a temporary table shadows a stored one).
    pub fn flush_prepared_statement_cache(&self) {
        match self {
            Db::Lite(c) => c.flush_prepared_statement_cache(),
            Db::Pg(c) => c.forget_prepared(),
        }
    }

    /// How long a statement waits for another writer's lock before failing as busy: SQLite's
    /// busy timeout; PostgreSQL's `lock_timeout` (the write lock of [`Db::write_tx`] included;
    /// the failure is SQLSTATE 55P03, which [`is_busy`] recognises).
    pub fn busy_timeout(&self, wait: std::time::Duration) -> Result<()> {
        match self {
            Db::Lite(c) => c.busy_timeout(wait),
            Db::Pg(c) => c.batch(&format!("SET lock_timeout = '{}ms'", wait.as_millis().max(1))),
        }
    }

    /// The schema of the book's own tables, to name one past a temporary table of the same name:
    /// SQLite `main`, PostgreSQL `public`.
    pub fn main_schema(&self) -> &'static str {
        match self {
            Db::Lite(_) => "main",
            Db::Pg(_) => "public",
        }
    }

    /// The schema of this connection's temporary tables: SQLite `temp`, PostgreSQL `pg_temp`.
    pub fn temp_schema(&self) -> &'static str {
        match self {
            Db::Lite(_) => "temp",
            Db::Pg(_) => "pg_temp",
        }
    }

    /// Sets a SQLite pragma; nothing on PostgreSQL (the server's settings are the DBA's).
    pub fn pragma_update<V: ToSql>(&self, schema: Option<&str>, name: &str, value: V) -> Result<()> {
        match self {
            Db::Lite(c) => c.pragma_update(schema, name, value),
            Db::Pg(_) => Ok(()),
        }
    }
}

/// A transaction; rolled back when dropped without [`Tx::commit`]. Derefs to the [`Db`], so
/// store functions taking `&Db` run inside it.
pub struct Tx<'c> {
    db: &'c Db,
    done: bool,
}

impl Tx<'_> {
    /// Commits.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.db.execute_batch("COMMIT")
    }

    /// Rolls back.
    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.db.execute_batch("ROLLBACK")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done && !self.db.is_autocommit() {
            let _ = self.db.execute_batch("ROLLBACK");
        }
    }
}

/// A prepared statement of either backend.
pub enum Stmt<'c> {
    Lite(LiteStmt<'c>),
    Pg(pg::PgStmt<'c>),
}

/// A SQLite statement, cached or for one use.
pub enum LiteStmt<'c> {
    Cached(rusqlite::CachedStatement<'c>),
    Plain(rusqlite::Statement<'c>),
}

impl<'c> LiteStmt<'c> {
    fn stmt(&mut self) -> &mut rusqlite::Statement<'c> {
        match self {
            LiteStmt::Cached(s) => s,
            LiteStmt::Plain(s) => s,
        }
    }
}

fn bind_lite<P: Params>(stmt: &mut rusqlite::Statement<'_>, params: &P) -> Result<()> {
    stmt.clear_bindings();
    params.each(&mut |key, value| {
        let index = match key {
            Key::Index(i) => i,
            Key::Name(n) => stmt.parameter_index(n)?.ok_or_else(|| Error::InvalidParameterName(n.to_string()))?,
        };
        stmt.raw_bind_parameter(index, value)
    })
}

impl<'c> Stmt<'c> {
    /// Runs the statement; the number of rows changed.
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match self {
            Stmt::Lite(s) => {
                let s = s.stmt();
                bind_lite(s, &params)?;
                s.raw_execute()
            }
            Stmt::Pg(s) => s.execute(&params),
        }
    }

    /// The rows of a query, read one by one with [`Rows::next`].
    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        match self {
            Stmt::Lite(s) => {
                let s = s.stmt();
                bind_lite(s, &params)?;
                Ok(Rows::Lite(s.raw_query()))
            }
            Stmt::Pg(s) => Ok(Rows::Pg { rows: s.query(&params)?.into_iter(), current: None }),
        }
    }

    /// Each row mapped by `f`, as an iterator of results.
    pub fn query_map<T, P, F>(&mut self, params: P, f: F) -> Result<MappedRows<'_, F>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        Ok(MappedRows { rows: self.query(params)?, f })
    }

    /// The first row mapped by `f`; `Error::QueryReturnedNoRows` when there is none.
    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(r) => f(&r),
            None => Err(Error::QueryReturnedNoRows),
        }
    }

    /// Whether the query returns any row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }
}

/// A borrowed SQLite value as an owned one (text that is not UTF-8 is refused naming why).
pub(crate) fn owned_ref(v: ValueRef<'_>) -> Result<Value> {
    Value::try_from(v).map_err(|e| Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}
