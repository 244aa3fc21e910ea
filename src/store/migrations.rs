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

/// Before upgrading a file that already has a schema, copies it with SQLite's online backup to
/// `<path>.bak-v<version>` so an upgrade can always be undone by hand.
pub fn backup_before_upgrade(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let (current, latest) = versions(conn)?;
    if current == 0 || current >= latest {
        return Ok(());
    }
    let mut target = path.as_os_str().to_owned();
    target.push(format!(".bak-v{current}"));
    conn.backup(rusqlite::MAIN_DB, Path::new(&target), None)?;
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
