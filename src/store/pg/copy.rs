//! `brokerdesk migrate --to postgres://…`: copies a SQLite book into an EMPTY PostgreSQL database
//! in one transaction: the schema (migrations 001–latest), every table's rows by `COPY … FROM
//! STDIN` (text format) in foreign-key order, the identity counters moved past the copied ids,
//! then every table counted on both sides; any difference rolls everything back. A target that
//! holds rows in any table is refused, naming the tables and their counts.

use std::io::Write;

use postgres::Client;
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::{PgError, ident};
use crate::i18n::pg::PgMsg;

/// Every table of the book in foreign-key order (a parent before its children). A test holds it
/// equal to the live SQLite schema's tables.
pub const TABLES: &[&str] = &[
    "managers",
    "customers",
    "securities",
    "prices",
    "account_snapshots",
    "holdings",
    "orders",
    "questionnaires",
    "assessments",
    "professional_records",
    "assessment_drafts",
    "callback_plans",
    "callback_logs",
    "alerts",
    "alert_actions",
    "warning_confirmations",
    "audit_log",
    "reassignments",
    "settings",
    "import_runs",
    "customer_book",
];

/// Tables whose `id` is a row number (SQLite `INTEGER PRIMARY KEY`, an identity on PostgreSQL).
const IDENTITY_TABLES: &[&str] = &["orders", "alerts", "audit_log", "import_runs"];

/// What a finished copy moved: (table, rows) in [`TABLES`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Rows per table, equal on both sides.
    pub tables: Vec<(String, i64)>,
}

impl Copied {
    /// All rows copied.
    pub fn rows(&self) -> i64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// Tables of the current schema on PostgreSQL that hold rows (name, count), the version table
/// left out: empty means the target may receive a book.
pub fn non_empty_tables(client: &mut impl postgres::GenericClient) -> Result<Vec<(String, i64)>, PgError> {
    let names: Vec<String> = client
        .query(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1
             ORDER BY table_name",
            &[&super::VERSION_TABLE],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut found = Vec::new();
    for t in names {
        let n: i64 = client.query_one(&format!("SELECT count(*) FROM {}", ident(&t)), &[])?.get(0);
        if n > 0 {
            found.push((t, n));
        }
    }
    Ok(found)
}

/// Copies the book in `src` (a SQLite connection at the latest schema) into the database of
/// `client`, in one transaction. Errors: a non-empty target ([`PgMsg::TargetNotEmpty`]), a count
/// that differs after the copy ([`PgMsg::CountMismatch`], rolled back), a text PostgreSQL cannot
/// hold (NUL, not UTF-8), any server error (rolled back).
pub fn migrate_book(src: &Connection, client: &mut Client) -> Result<Copied, PgError> {
    let mut tx = client.transaction()?;
    // nobody else starts a copy into the same database meanwhile
    tx.batch_execute("SELECT pg_advisory_xact_lock(1212)")?;
    let found = non_empty_tables(&mut tx)?;
    if !found.is_empty() {
        return Err(PgError::refused(PgMsg::TargetNotEmpty { found }));
    }
    super::migrate(&mut tx)?;
    for table in TABLES {
        copy_table(src, &mut tx, table)?;
    }
    for table in IDENTITY_TABLES {
        tx.batch_execute(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), m) FROM (SELECT max(id) AS m FROM {table}) x WHERE m IS NOT NULL"
        ))?;
    }
    let mut tables = Vec::new();
    let mut diffs = Vec::new();
    for table in TABLES {
        let ours: i64 = src.query_row(&format!("SELECT count(*) FROM main.{}", ident(table)), [], |r| r.get(0))?;
        let theirs: i64 = tx.query_one(&format!("SELECT count(*) FROM {}", ident(table)), &[])?.get(0);
        if ours != theirs {
            diffs.push((table.to_string(), ours, theirs));
        }
        tables.push((table.to_string(), theirs));
    }
    if !diffs.is_empty() {
        return Err(PgError::refused(PgMsg::CountMismatch { diffs }));
    }
    tx.commit()?;
    Ok(Copied { tables })
}

/// The column names of `table` on the SQLite side, in order (the same on the server: one schema
/// version, the same columns).
pub(crate) fn columns(src: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = src.prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid")?;
    st.query_map([table], |r| r.get::<_, String>(0))?.collect()
}

/// Streams one table with `COPY … FROM STDIN` (text format: tab-separated, `\N` for NULL).
fn copy_table(src: &Connection, tx: &mut postgres::Transaction<'_>, table: &str) -> Result<(), PgError> {
    let cols = columns(src, table)?;
    let list = cols.iter().map(|c| ident(c)).collect::<Vec<_>>().join(", ");
    let mut st = src.prepare(&format!("SELECT {list} FROM main.{}", ident(table)))?;
    let mut rows = st.query([])?;
    let mut w = tx.copy_in(&format!("COPY {} ({list}) FROM STDIN", ident(table)))?;
    let mut line = Vec::with_capacity(256);
    while let Some(row) = rows.next()? {
        line.clear();
        for (i, col) in cols.iter().enumerate() {
            if i > 0 {
                line.push(b'\t');
            }
            match row.get_ref(i)? {
                ValueRef::Null => line.extend_from_slice(b"\\N"),
                ValueRef::Integer(n) => line.extend_from_slice(n.to_string().as_bytes()),
                ValueRef::Real(f) => line.extend_from_slice(f.to_string().as_bytes()),
                ValueRef::Text(t) | ValueRef::Blob(t) => {
                    if std::str::from_utf8(t).is_err() || t.contains(&0) {
                        return Err(PgError::refused(PgMsg::BadText { table: table.into(), column: col.clone() }));
                    }
                    escape_into(&mut line, t);
                }
            }
        }
        line.push(b'\n');
        w.write_all(&line)
            .map_err(|e| PgError::refused(PgMsg::CopyFailed { table: table.into(), error: e.to_string() }))?;
    }
    w.finish()?;
    Ok(())
}

/// Appends `t` escaped for COPY's text format (backslash, tab, newline, carriage return).
fn escape_into(out: &mut Vec<u8>, t: &[u8]) {
    for &b in t {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_the_four_specials_and_nothing_else() {
        let mut out = Vec::new();
        escape_into(&mut out, "a\\b\tc\nd\re 张三 \\N".as_bytes());
        assert_eq!(String::from_utf8(out).unwrap(), "a\\\\b\\tc\\nd\\re 张三 \\\\N");
    }

    #[test]
    fn the_copy_order_names_every_table_of_the_sqlite_schema_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrations::migrate(&mut conn).unwrap();
        let mut live: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        live.sort();
        let mut ours: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
        ours.sort();
        assert_eq!(live, ours);
    }
}
