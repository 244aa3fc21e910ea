//! Queries on `managers`.

use rusqlite::{Connection, OptionalExtension, params};

use super::Upsert;
use crate::domain::model::{Manager, Role};

/// Inserts or updates a manager by `manager_id`.
pub fn upsert(conn: &Connection, m: &Manager) -> rusqlite::Result<Upsert> {
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
pub fn get(conn: &Connection, manager_id: &str) -> rusqlite::Result<Option<Manager>> {
    conn.prepare_cached("SELECT manager_id, name, branch, role FROM managers WHERE manager_id = ?1")?
        .query_row([manager_id], row)
        .optional()
}

/// All managers, by id.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Manager>> {
    conn.prepare_cached("SELECT manager_id, name, branch, role FROM managers ORDER BY manager_id")?
        .query_map([], row)?
        .collect()
}

/// The first supervisor (营业部负责人) by id, if any.
pub fn first_supervisor(conn: &Connection) -> rusqlite::Result<Option<Manager>> {
    conn.prepare_cached(
        "SELECT manager_id, name, branch, role FROM managers WHERE role = 'supervisor' ORDER BY manager_id LIMIT 1",
    )?
    .query_row([], row)
    .optional()
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Manager> {
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
pub fn book_sizes(conn: &Connection) -> rusqlite::Result<std::collections::HashMap<String, u64>> {
    conn.prepare_cached("SELECT manager_id, COUNT(*) FROM customer_book WHERE status <> 'closed' GROUP BY manager_id")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?
        .collect()
}
