//! `brokerdesk backup FILE` on a PostgreSQL book (issue 12, item 4): a NEW SQLite file holding
//! what the signed-in database role may read, for offline review. A manager's role (`bd_m03`)
//! reads through row-level security, so its copy holds only that manager's customers and the
//! rows hanging off them (plus the reference tables every role reads: managers, securities,
//! prices, questionnaires, settings); the branch head's role or the owner copies the whole branch.
//!
//! How: the file is made by [`crate::store::open`] (the full SQLite schema at this build's
//! version), then every table of [`super::copy::TABLES`] (foreign-key order, the derived
//! `customer_book` included, so the copy opens in the TUI, `render` and `report` with no rebuild)
//! is streamed from one REPEATABLE READ, READ ONLY snapshot of the server into ONE SQLite
//! transaction. Per table, the rows read, the server's `count(*)` in that snapshot and the file's
//! `count(*)` after writing must agree; for a manager's copy no customer of another manager may
//! be in it. Any difference or error rolls back and removes the file (and its `-wal`/`-shm`).
//!
//! The copy gets its own installation id (SPEC §6: a record carries the id of the installation
//! that made it; records made on the copy are made on this machine, not on the server). Like the
//! SQLite online backup, it writes nothing to the audit log.

use std::path::Path;
use std::time::Instant;

use postgres::fallible_iterator::FallibleIterator;
use rusqlite::TransactionBehavior;

use super::copy::{Copied, TABLES};
use super::ident;
use crate::i18n::Msg;
use crate::i18n::pg::PgMsg;
use crate::store::StoreError;
use crate::store::book::Scope;
use crate::store::db::{Db, pg::wrap};

/// What a finished copy holds and how long it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackedUp {
    /// Rows per table in [`TABLES`] order (equal to what the role reads on the server).
    pub copied: Copied,
    /// Wall time of the copy, milliseconds.
    pub millis: u64,
}

fn refused(m: PgMsg) -> StoreError {
    StoreError::Refused(Box::new(Msg::Pg(m)))
}

/// Writes the part of the server book `book` that its role reads into the new SQLite file
/// `target` (mode 0600). `scope` is the session's: for [`Scope::Manager`] the connection must be
/// that manager's own role (row-level security does the narrowing; the owner with `--manager`
/// is refused, [`PgMsg::BackupNotOwnRole`]) and the copy is checked to hold none of another's
/// customers ([`PgMsg::BackupScopeLeak`]).
///
/// Errors: a symbolic link or an existing file at `target` (refused as by
/// [`crate::store::backup`], nothing touched); a book that is not on a server; a count that
/// differs ([`PgMsg::BackupCountMismatch`], naming the table); any server or SQLite error. After
/// the file was made, every error removes it.
pub fn backup(book: &Db, scope: &Scope, target: &Path) -> Result<BackedUp, StoreError> {
    let started = Instant::now();
    let Some(pg) = book.pg() else {
        return Err(StoreError::Rule("a SQLite book is backed up with the SQLite backup API".into()));
    };
    if let Scope::Manager(m) = scope {
        let me = crate::store::managers::signed_in(book)?;
        if me.as_deref() != Some(m.as_str()) {
            return Err(refused(PgMsg::BackupNotOwnRole { manager: m.clone() }));
        }
    }
    crate::store::new_backup_target(target)?;
    // from here on the file is ours: any failure removes it
    let result = (|| -> Result<Copied, StoreError> {
        let mut file = crate::store::open(target)?;
        let Some(lite) = file.lite_mut() else {
            return Err(StoreError::Rule("store::open made no SQLite book".into()));
        };
        let copied = copy_scope(&mut pg.client(), lite, scope)?;
        drop(file);
        Ok(copied)
    })();
    match result {
        Ok(copied) => Ok(BackedUp { copied, millis: started.elapsed().as_millis() as u64 }),
        Err(e) => {
            for f in crate::store::guards::book_files(target) {
                let _ = std::fs::remove_file(f);
            }
            Err(e)
        }
    }
}

/// Streams every table from one read-only snapshot of `client` into `lite` in one transaction,
/// counts checked per table; committed only when all agree.
fn copy_scope(
    client: &mut postgres::Client,
    lite: &mut rusqlite::Connection,
    scope: &Scope,
) -> Result<Copied, StoreError> {
    let mut snap = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(wrap)?;
    let tx = lite.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut tables = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let cols = super::copy::columns(&tx, table)?;
        let list = cols.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
        let marks = (1..=cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let mut insert = tx.prepare(&format!("INSERT INTO main.{} ({list}) VALUES ({marks})", ident(table)))?;
        // the book's own table, never this session's private customer_book (a TEMP shadow)
        let select = format!("SELECT {list} FROM public.{}", ident(table));
        let mut rows =
            snap.query_raw(select.as_str(), std::iter::empty::<&dyn postgres::types::ToSql>()).map_err(wrap)?;
        let mut read = 0i64;
        while let Some(row) = rows.next().map_err(wrap)? {
            for i in 0..cols.len() {
                let cell = crate::store::db::pg::cell(&row, i)?;
                insert.raw_bind_parameter(i + 1, rusqlite::types::ToSqlOutput::Borrowed(cell))?;
            }
            insert.raw_execute()?;
            read += 1;
        }
        drop(rows);
        let on_server: i64 =
            snap.query_one(&format!("SELECT count(*) FROM public.{}", ident(table)), &[]).map_err(wrap)?.get(0);
        let written: i64 = tx.query_row(&format!("SELECT count(*) FROM main.{}", ident(table)), [], |r| r.get(0))?;
        // the rows streamed are the role's rows in this snapshot, and each of them is in the file
        if read != on_server || written != read {
            let (read, written) = if read != on_server { (on_server, read) } else { (read, written) };
            return Err(refused(PgMsg::BackupCountMismatch { table: table.to_string(), read, written }));
        }
        tables.push((table.to_string(), written));
    }
    if let Scope::Manager(m) = scope {
        let others: i64 =
            tx.query_row("SELECT count(*) FROM main.customers WHERE manager_id <> ?1", [m], |r| r.get(0))?;
        if others > 0 {
            return Err(refused(PgMsg::BackupScopeLeak { manager: m.clone(), others }));
        }
    }
    // records made on the copy are made on this machine: its own installation id
    tx.execute(
        "UPDATE main.settings SET value = ?2 WHERE key = ?1",
        rusqlite::params![crate::store::ids::INSTALLATION_KEY, crate::store::ids::new_record_id(chrono::Utc::now())],
    )?;
    tx.commit()?;
    snap.commit().map_err(wrap)?;
    Ok(Copied { tables })
}
