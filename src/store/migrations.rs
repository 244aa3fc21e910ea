//! Versioned schema migrations (rusqlite_migration; version in `PRAGMA user_version`).

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::StoreError;

/// Every migration, oldest first. Never edit a released one: append a new one.
pub const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("sql/001_initial.sql")),
    M::up(include_str!("sql/002_callbacks.sql")),
    M::up(include_str!("sql/003_assessment_records.sql")),
    M::up(include_str!("sql/004_alerts.sql")),
    M::up(include_str!("sql/005_audit_allocation.sql")),
    M::up(include_str!("sql/006_guards.sql")),
];

/// Applies all pending migrations in one transaction each.
pub fn migrate(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    Migrations::from_slice(MIGRATIONS).to_latest(conn)
}

/// The schema version of `conn` (0 for a new file) and the latest this build knows.
pub fn versions(conn: &Connection) -> Result<(usize, usize), StoreError> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok((current as usize, MIGRATIONS.len()))
}

/// The schema version (`PRAGMA user_version`) written in the header of the SQLite file at `path`,
/// read from the bytes (offset 60, big-endian) so that looking never writes; `None` for a file
/// shorter than a header (new or empty) or one that is not SQLite.
pub fn file_version(path: &Path) -> std::io::Result<Option<u32>> {
    use std::io::Read;
    let mut header = [0u8; 100];
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut read = 0;
    while read < header.len() {
        match f.read(&mut header[read..])? {
            0 => return Ok(None),
            n => read += n,
        }
    }
    if &header[..16] != b"SQLite format 3\0" {
        return Ok(None);
    }
    Ok(Some(u32::from_be_bytes([header[60], header[61], header[62], header[63]])))
}

/// Refuses a file written by a newer brokerdesk (its schema version above [`MIGRATIONS`]) before
/// anything touches it: the file stays byte-identical.
pub fn refuse_newer(path: &Path) -> Result<(), StoreError> {
    let latest = MIGRATIONS.len();
    match file_version(path) {
        Ok(Some(v)) if v as usize > latest => {
            Err(StoreError::Refused(Box::new(crate::i18n::Msg::Rel(crate::i18n::rel::RelMsg::NewerSchema {
                db: path.display().to_string(),
                version: v as usize,
                latest,
            }))))
        }
        _ => Ok(()),
    }
}

/// Brings a version-1 file as the first releases shipped it to the version-1 shape migration 002
/// onwards expect: the `settings` table (added to 001 later) and the derived `customer_book`
/// with its `name_key` column and list indexes (dropped and made again: it is rebuilt from the
/// records on first use, as the stored tier rules are unknown). Nothing else is touched.
pub fn repair_early_v1(conn: &Connection) -> Result<(), StoreError> {
    if versions(conn)?.0 != 1 {
        return Ok(());
    }
    let has_name_key: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('customer_book') WHERE name = 'name_key')",
        [],
        |r| r.get(0),
    )?;
    let initial = include_str!("sql/001_initial.sql");
    let book_ddl = &initial[initial.find("CREATE TABLE customer_book").unwrap_or(initial.len())..];
    let mut sql = String::from(
        "BEGIN IMMEDIATE;\nCREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n",
    );
    if !has_name_key {
        sql.push_str("DROP TABLE customer_book;\n");
        sql.push_str(book_ddl);
        sql.push_str("\nDELETE FROM settings WHERE key = 'book_tier_rules';\n");
    }
    sql.push_str("COMMIT;");
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Before upgrading a file that already has a schema, copies it with SQLite's online backup to
/// `<path>.bak-v<version>` so an upgrade can always be undone by hand.
pub fn backup_before_upgrade(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let (current, latest) = versions(conn)?;
    if current == 0 || current >= latest {
        return Ok(());
    }
    let mut target = path.as_os_str().to_owned();
    target.push(format!(".bak-v{current}"));
    let target = std::path::PathBuf::from(target);
    super::files::create_private_file(&target)
        .map_err(|source| StoreError::Io { path: target.display().to_string(), source })?;
    conn.backup(rusqlite::MAIN_DB, &target, None)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
