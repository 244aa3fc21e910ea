//! Bulk rewrites of a derived table (the whole `customer_book` after a demo build or a large
//! import): the table's secondary indexes are dropped, the rows written, and the indexes built
//! again from the finished table (one sort each) instead of being updated row by row, with a
//! larger page cache while it runs. At 1M customers the row-by-row refresh kept 9 indexes that
//! outgrow the default 32 MiB cache (tens of GB of page I/O); built afterwards they cost seconds.
use crate::store::db::Db;


/// From this many rows a full rewrite takes the bulk path ([`without_indexes`]); below it the
/// indexes are cheap to keep up (and small books, the tests' fixtures, keep the plain path).
pub const BULK_FROM: u64 = 20_000;

/// The page cache for the bulk phase: 256 MiB (`PRAGMA cache_size` in KiB when negative). The
/// session's own setting is restored afterwards.
pub const BULK_CACHE_KIB: i64 = 256 * 1024;

/// Runs `write` (which rewrites `table`) with `table`'s secondary indexes dropped and a
/// [`BULK_CACHE_KIB`] page cache, then creates the indexes again from their stored definitions
/// (`sqlite_master`, so an index a later migration adds is kept too). Run inside the writing
/// transaction: DDL is transactional in SQLite, so a failure rolls the indexes back with the rows.
/// `table` is a trusted identifier (a table of the schema), never user text.
pub fn without_indexes<T>(
    conn: &Db,
    table: &str,
    write: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    // PostgreSQL: the server's own bulk behaviour is the DBA's; the indexes stay
    if conn.is_pg() {
        return write();
    }
    let indexes: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL")?
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
    let result = (|| {
        for (name, _) in &indexes {
            conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        let out = write()?;
        for (_, sql) in &indexes {
            conn.execute_batch(sql)?;
        }
        Ok(out)
    })();
    conn.pragma_update(None, "cache_size", cache)?;
    result
}

/// The page cache of a new file's bulk build ([`NewFileBuild`]): 128 MiB (`PRAGMA cache_size` in
/// KiB when negative), enough for the book's indexes at 1M customers to stay mostly in memory
/// while keeping the build under its 1 GB target.
pub const NEW_FILE_CACHE_KIB: i64 = 128 * 1024;

/// The settings of one connection while it fills a new, empty file in bulk (the demo build):
/// a rollback journal instead of WAL (new pages are written once, not to the WAL and again at
/// the checkpoint), no fsync (`synchronous = OFF`), statement journals and sorts in memory
/// (`temp_store = MEMORY`) and a [`NEW_FILE_CACHE_KIB`] page cache. Transactions still roll back
/// (the journal is kept); only a crash or power cut can leave the file damaged, and a build
/// stopped half-way leaves its file marked unfinished anyway ([`super::guards::mark_building`]).
/// [`NewFileBuild::finish`] restores the connection's settings and WAL.
#[derive(Debug)]
pub struct NewFileBuild {
    cache: i64,
    synchronous: i64,
}

impl NewFileBuild {
    /// Switches `conn` to the bulk settings when the file is new ([`super::is_empty`]: nothing
    /// imported yet); `None`, with nothing changed, for a file that holds anything.
    pub fn start(conn: &Db) -> rusqlite::Result<Option<NewFileBuild>> {
        if conn.is_pg() || !super::is_empty(conn)? {
            return Ok(None);
        }
        let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let synchronous: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        conn.pragma_update(None, "journal_mode", "TRUNCATE")?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "cache_size", -NEW_FILE_CACHE_KIB)?;
        Ok(Some(NewFileBuild { cache, synchronous }))
    }

    /// Back to the settings every connection opens with ([`super::open`]): WAL, the earlier
    /// `synchronous` and cache, temp files on disk; the file is synced once.
    pub fn finish(self, conn: &Db) -> rusqlite::Result<()> {
        conn.pragma_update(None, "cache_size", self.cache)?;
        conn.pragma_update(None, "temp_store", "DEFAULT")?;
        conn.pragma_update(None, "synchronous", self.synchronous)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Ok(())
    }
}

/// Whether a full rewrite of a table of `rows` rows should take the bulk path.
pub fn worth_it(rows: u64) -> bool {
    rows >= BULK_FROM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_come_back_as_they_were_and_a_failure_keeps_them() {
        let conn = crate::store::open_in_memory().unwrap();
        let schema = |c: &Db| -> Vec<(String, String)> {
            c.prepare("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'customer_book' AND sql IS NOT NULL ORDER BY name")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let before = schema(&conn);
        assert_eq!(before.len(), 10, "the table and its 9 secondary indexes");
        let tx = conn.transaction().unwrap();
        let n = without_indexes(&tx, "customer_book", || {
            // inside: only the table is left
            assert_eq!(schema(&tx).len(), 1);
            Ok(7)
        })
        .unwrap();
        assert_eq!(n, 7);
        assert_eq!(schema(&tx), before);
        let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0)).unwrap();
        assert_ne!(cache, -BULK_CACHE_KIB, "the cache setting is restored");
        tx.commit().unwrap();
        let tx = conn.transaction().unwrap();
        let failed: rusqlite::Result<()> =
            without_indexes(&tx, "customer_book", || Err(rusqlite::Error::QueryReturnedNoRows));
        assert!(failed.is_err());
        tx.rollback().unwrap();
        assert_eq!(schema(&conn), before, "rolled back with the transaction");
    }

    #[test]
    fn a_new_file_is_built_without_wal_and_gets_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let conn = crate::store::open(&path).unwrap();
        let mode = |c: &Db| -> String { c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap() };
        let int = |c: &Db, p: &str| -> i64 { c.query_row(&format!("PRAGMA {p}"), [], |r| r.get(0)).unwrap() };
        assert_eq!(mode(&conn), "wal");
        let build = NewFileBuild::start(&conn).unwrap().expect("an empty file takes the bulk settings");
        assert_eq!(mode(&conn), "truncate");
        assert_eq!(int(&conn, "synchronous"), 0, "OFF");
        assert_eq!(int(&conn, "temp_store"), 2, "MEMORY");
        assert_eq!(int(&conn, "cache_size"), -NEW_FILE_CACHE_KIB);
        conn.execute("INSERT INTO managers (manager_id, name, branch, role) VALUES ('M01', '甲', 'B', 'manager')", [])
            .unwrap();
        build.finish(&conn).unwrap();
        assert_eq!(mode(&conn), "wal");
        assert_eq!(int(&conn, "synchronous"), 1, "NORMAL, as opened");
        assert_eq!(int(&conn, "temp_store"), 0);
        assert_eq!(int(&conn, "cache_size"), -32_768);
        // the file now holds a manager: not new any more, nothing changed
        assert!(NewFileBuild::start(&conn).unwrap().is_none());
        assert_eq!(mode(&conn), "wal");
    }
}
