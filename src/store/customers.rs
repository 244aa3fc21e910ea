//! Queries on `customers`.

use crate::store::db::{Db, Row};
use rusqlite::{OptionalExtension, params};

use super::Upsert;
use crate::domain::id_number::Gender;
use crate::domain::model::{Customer, CustomerKind, CustomerStatus, InvestorClass};

const COLUMNS: &str =
    "customer_id, name, kind, gender, birth_date, id_number, mobile, manager_id, opened_on, investor_class, status";

/// Inserts or updates a customer by `customer_id`.
pub fn upsert(conn: &Db, c: &Customer) -> rusqlite::Result<Upsert> {
    let old = get(conn, &c.customer_id)?;
    if old.as_ref() == Some(c) {
        return Ok(Upsert::Unchanged);
    }
    let sql = if old.is_some() {
        "UPDATE customers SET name = ?2, kind = ?3, gender = ?4, birth_date = ?5, id_number = ?6, mobile = ?7,
         manager_id = ?8, opened_on = ?9, investor_class = ?10, status = ?11 WHERE customer_id = ?1"
    } else {
        "INSERT INTO customers (customer_id, name, kind, gender, birth_date, id_number, mobile, manager_id, opened_on,
         investor_class, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    };
    conn.prepare_cached(sql)?.execute(params![
        c.customer_id,
        c.name,
        c.kind.code(),
        c.gender.map(Gender::code),
        c.birth_date,
        c.id_number,
        c.mobile,
        c.manager_id,
        c.opened_on,
        c.investor_class.code(),
        c.status.code()
    ])?;
    Ok(if old.is_some() { Upsert::Updated } else { Upsert::Inserted })
}

/// One customer by 资金账号.
pub fn get(conn: &Db, customer_id: &str) -> rusqlite::Result<Option<Customer>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE customer_id = ?1"))?
        .query_row([customer_id], row)
        .optional()
}

/// Whether a customer exists.
pub fn exists(conn: &Db, customer_id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM customers WHERE customer_id = ?1")?.exists([customer_id])
}

/// Number of customers (all managers).
pub fn count(conn: &Db) -> rusqlite::Result<u64> {
    conn.query_row("SELECT COUNT(*) FROM customers", [], |r| r.get::<_, i64>(0).map(|n| n as u64))
}

pub(crate) fn row(r: &Row<'_>) -> rusqlite::Result<Customer> {
    let kind: String = r.get(2)?;
    let gender: Option<String> = r.get(3)?;
    let class: String = r.get(9)?;
    let status: String = r.get(10)?;
    Ok(Customer {
        customer_id: r.get(0)?,
        name: r.get(1)?,
        kind: CustomerKind::parse(&kind).unwrap_or(CustomerKind::Individual),
        gender: gender.as_deref().and_then(Gender::parse),
        birth_date: r.get(4)?,
        id_number: r.get(5)?,
        mobile: r.get(6)?,
        manager_id: r.get(7)?,
        opened_on: r.get(8)?,
        investor_class: InvestorClass::parse(&class).unwrap_or(InvestorClass::Ordinary),
        status: CustomerStatus::parse(&status).unwrap_or(CustomerStatus::Active),
    })
}

/// The ids of one manager's customers.
pub fn ids_of_manager(conn: &Db, manager_id: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT customer_id FROM customers WHERE manager_id = ?1 ORDER BY customer_id")?
        .query_map([manager_id], |r| r.get(0))?
        .collect()
}
