//! The book under the process's own tier rules (issue 11, item 3): reads never write. The file's
//! `customer_book` is built under the rules recorded beside it (`settings.book_tier_rules`); a
//! process whose rules differ (`--rules`) keeps a private copy computed under its own rules in a
//! TEMP table of the same name, which shadows the file's table for that connection only (SQLite
//! looks names up in `temp` first). Nothing is written to the file, and two instances with
//! different rules never overwrite each other's tiers.
//!
//! Writers keep both current: a saved assessment refreshes the customer's row in the private
//! copy under the process's rules and in the file's book under the file's rules; an import (a
//! full [`super::book::refresh`]) drops the private copy and rebuilds the file's book under the
//! importer's rules, which then become the file's.

use crate::store::db::Db;
use rusqlite::OptionalExtension;

use super::book;
use crate::domain::rules::Rules;
use crate::domain::tier::Tier;

/// The tier rules the file's book was built with (its fingerprint), if recorded.
pub fn stored_fingerprint(conn: &Db) -> rusqlite::Result<Option<String>> {
    let sql = format!("SELECT value FROM {}.settings WHERE key = ?1", conn.main_schema());
    conn.query_row(&sql, [book::BOOK_RULES_KEY], |r| r.get(0)).optional()
}

/// Whether this connection reads a private book (its rules differ from the file's).
pub fn is_private(conn: &Db) -> rusqlite::Result<bool> {
    let sql = match conn {
        Db::Lite(_) => "SELECT EXISTS (SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'customer_book')",
        Db::Pg(_) => "SELECT to_regclass('pg_temp.customer_book') IS NOT NULL",
    };
    conn.query_row(sql, [], |r| r.get(0))
}

/// Drops this connection's private book (back to the file's).
pub fn drop_private(conn: &Db) -> rusqlite::Result<()> {
    if is_private(conn)? {
        conn.execute_batch(&format!("DROP TABLE {}.customer_book;", conn.temp_schema()))?;
        conn.flush_prepared_statement_cache();
    }
    Ok(())
}

/// The DDL of the private book: the file's `customer_book` and its indexes, in `temp`, without
/// the foreign key (a temp table cannot refer to the file's tables). On PostgreSQL the same
/// table made `LIKE` the book's (columns, defaults, indexes; no foreign key either).
fn private_ddl(conn: &Db) -> String {
    if conn.is_pg() {
        return "CREATE TEMP TABLE customer_book (LIKE public.customer_book INCLUDING DEFAULTS INCLUDING INDEXES);"
            .into();
    }
    let initial = include_str!("sql/001_initial.sql");
    let ddl = &initial[initial.find("CREATE TABLE customer_book").unwrap_or(initial.len())..];
    ddl.replace("CREATE TABLE customer_book", "CREATE TEMP TABLE customer_book")
        .replace(" REFERENCES customers (customer_id)", "")
        .replace("CREATE INDEX customer_book_", "CREATE INDEX temp.customer_book_")
}

/// Makes this connection read the book under `rules`: the file's when it was built with them,
/// else a private copy computed now (a read transaction on the file; nothing written to it). A
/// file whose book was never built (nothing recorded, customers present: an upgraded old file)
/// gets it built once. Returns whether the connection reads a private copy.
pub fn attach(conn: &Db, rules: &Rules) -> rusqlite::Result<bool> {
    let stored = stored_fingerprint(conn)?;
    let mine = book::rules_fingerprint(rules);
    if stored.as_deref() == Some(mine.as_str()) {
        drop_private(conn)?;
        return Ok(false);
    }
    if stored.is_none() {
        drop_private(conn)?;
        let has_customers: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM customers)", [], |r| r.get(0))?;
        if has_customers {
            let tx = super::write_tx_shared(conn)?;
            book::refresh(&tx, rules)?;
            tx.commit()?;
        }
        return Ok(false);
    }
    build_private(conn, rules)?;
    Ok(true)
}

/// After another process committed: the private copy follows the file (rebuilt, or dropped when
/// the file's rules became this process's). Returns whether the connection reads a private copy.
pub fn sync(conn: &Db, rules: &Rules) -> rusqlite::Result<bool> {
    let stored = stored_fingerprint(conn)?;
    if stored.is_none() || stored.as_deref() == Some(book::rules_fingerprint(rules).as_str()) {
        drop_private(conn)?;
        return Ok(false);
    }
    build_private(conn, rules)?;
    Ok(true)
}

fn build_private(conn: &Db, rules: &Rules) -> rusqlite::Result<()> {
    drop_private(conn)?;
    // a deferred transaction: it reads the file (one snapshot) and writes only `temp`
    let tx = conn.transaction()?;
    tx.execute_batch(&private_ddl(&tx))?;
    tx.flush_prepared_statement_cache();
    book::rebuild_all(&tx, rules)?;
    tx.commit()
}

/// The tier rules the file's book was built with: `rules` with the recorded thresholds. `None`
/// when nothing (or something unreadable) is recorded.
pub fn stored_rules(conn: &Db, rules: &Rules) -> rusqlite::Result<Option<Rules>> {
    Ok(stored_fingerprint(conn)?.and_then(|f| rules_from_fingerprint(&f, rules)))
}

/// Parses a fingerprint (`T1:Some(4000000):Some(50000);…;T4:None:None`) over `base`.
fn rules_from_fingerprint(f: &str, base: &Rules) -> Option<Rules> {
    let amount = |s: &str| -> Option<Option<i64>> {
        match s {
            "None" => Some(None),
            s => s.strip_prefix("Some(")?.strip_suffix(')')?.parse().ok().map(Some),
        }
    };
    let mut out = base.clone();
    for part in f.split(';') {
        let mut it = part.split(':');
        let (tier, assets, contribution) = (it.next()?, it.next()?, it.next()?);
        let tier = Tier::parse(tier)?;
        let rule = out.tiers.iter_mut().find(|t| t.tier == tier)?;
        rule.min_assets_yuan = amount(assets)?;
        rule.min_contribution_yuan = amount(contribution)?;
    }
    (book::rules_fingerprint(&out) == f).then_some(out)
}

/// Refreshes one customer's book row after a write (an assessment, a classification): in the
/// book this connection reads, and — when that is a private copy — in the file's book under the
/// file's rules (the private copy is set aside for that step). If the file's rules cannot be
/// read back, its record is cleared so the next reader rebuilds the file's book.
pub fn refresh_customer(conn: &Db, rules: &Rules, customer_id: &str) -> rusqlite::Result<usize> {
    let n = book::refresh_customer(conn, rules, customer_id)?;
    if is_private(conn)? {
        match stored_rules(conn, rules)? {
            Some(file_rules) => {
                conn.execute_batch(&format!(
                    "ALTER TABLE {}.customer_book RENAME TO customer_book_private;",
                    conn.temp_schema()
                ))?;
                conn.flush_prepared_statement_cache();
                let r = book::refresh_customer(conn, &file_rules, customer_id);
                conn.execute_batch(&format!(
                    "ALTER TABLE {}.customer_book_private RENAME TO customer_book;",
                    conn.temp_schema()
                ))?;
                conn.flush_prepared_statement_cache();
                r?;
            }
            None => {
                let sql = format!("DELETE FROM {}.settings WHERE key = ?1", conn.main_schema());
                conn.execute(&sql, [book::BOOK_RULES_KEY])?;
            }
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_parse_back_to_the_same_rules() {
        let defaults = Rules::defaults();
        let f = book::rules_fingerprint(&defaults);
        assert_eq!(rules_from_fingerprint(&f, &defaults), Some(defaults.clone()));
        let mut firm = defaults.clone();
        firm.tiers[0].min_assets_yuan = Some(4_000_000);
        let back = rules_from_fingerprint(&book::rules_fingerprint(&firm), &defaults).unwrap();
        assert_eq!(back.tiers[0].min_assets_yuan, Some(4_000_000));
        assert_eq!(rules_from_fingerprint("T1:Some(x):None", &defaults), None);
    }
}
