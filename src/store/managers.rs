//! Queries on `managers`.

use crate::store::db::{Db, Row};
use rusqlite::{OptionalExtension, params};

use super::Upsert;
use crate::domain::model::{Manager, Role};

/// Inserts or updates a manager by `manager_id`.
pub fn upsert(conn: &Db, m: &Manager) -> rusqlite::Result<Upsert> {
    let old = get(conn, &m.manager_id)?;
    match old {
        Some(ref o) if o == m => Ok(Upsert::Unchanged),
        Some(_) => {
            conn.prepare_cached("UPDATE managers SET name = ?2, branch = ?3, role = ?4 WHERE manager_id = ?1")?
                .execute(params![m.manager_id, m.name, m.branch, m.role.code()])?;
            Ok(Upsert::Updated)
        }
        None => {
            conn.prepare_cached("INSERT INTO managers (manager_id, name, branch, role) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![m.manager_id, m.name, m.branch, m.role.code()])?;
            Ok(Upsert::Inserted)
        }
    }
}

/// One manager by id.
pub fn get(conn: &Db, manager_id: &str) -> rusqlite::Result<Option<Manager>> {
    conn.prepare_cached("SELECT manager_id, name, branch, role FROM managers WHERE manager_id = ?1")?
        .query_row([manager_id], row)
        .optional()
}

/// All managers, by id.
pub fn list(conn: &Db) -> rusqlite::Result<Vec<Manager>> {
    conn.prepare_cached("SELECT manager_id, name, branch, role FROM managers ORDER BY manager_id")?
        .query_map([], row)?
        .collect()
}

/// The first supervisor (营业部负责人) by id, if any.
pub fn first_supervisor(conn: &Db) -> rusqlite::Result<Option<Manager>> {
    conn.prepare_cached(
        "SELECT manager_id, name, branch, role FROM managers WHERE role = 'supervisor' ORDER BY manager_id LIMIT 1",
    )?
    .query_row([], row)
    .optional()
}

fn row(r: &Row<'_>) -> rusqlite::Result<Manager> {
    let role: String = r.get(3)?;
    Ok(Manager {
        manager_id: r.get(0)?,
        name: r.get(1)?,
        branch: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Manager),
    })
}

/// Each manager's book size: their customers that are not closed (active and dormant), by id;
/// a manager without customers is absent. For the pickers that name managers.
pub fn book_sizes(conn: &Db) -> rusqlite::Result<std::collections::HashMap<String, u64>> {
    conn.prepare_cached("SELECT manager_id, COUNT(*) FROM customer_book WHERE status <> 'closed' GROUP BY manager_id")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?
        .collect()
}

/// On a PostgreSQL book, the manager the database role signed in as (`bd_manager_id()`, set up
/// by `roles sync`: `bd_m03` → `M03`); `None` for the owner or an unmapped role, and always on
/// SQLite (a file has no sign-in: `--manager` chooses the view).
pub fn signed_in(conn: &Db) -> rusqlite::Result<Option<String>> {
    if !conn.is_pg() {
        return Ok(None);
    }
    let mapped: bool = conn.query_row("SELECT to_regproc('bd_manager_id') IS NOT NULL", [], |r| r.get(0))?;
    if !mapped {
        return Ok(None);
    }
    conn.query_row("SELECT bd_manager_id()", [], |r| r.get(0))
}
