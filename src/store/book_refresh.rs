//! Keeping the derived `customer_book` table true to the data and the rules in force: the rules
//! fingerprint it was built under, the whole-book refresh (bulk for large books, `super::bulk`),
//! the refresh of the customers a file touched, and one customer's row after an interview.
//! Re-exported from [`super::book`], where the queries on the table live.

use crate::store::db::Db;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use crate::domain::money::Fen;
use crate::domain::risk::RiskLevel;
use crate::domain::rules::Rules;
use crate::domain::text::name_sort_key;
use crate::domain::tier::{TierBasis, assign_tier};

/// The `settings` key holding the tier rules `customer_book` was built with.
pub(crate) const BOOK_RULES_KEY: &str = "book_tier_rules";

/// The part of the rules the book depends on (tier thresholds), as stable text.
pub(crate) fn rules_fingerprint(rules: &Rules) -> String {
    rules
        .tiers
        .iter()
        .map(|t| format!("{}:{:?}:{:?}", t.tier.code(), t.min_assets_yuan, t.min_contribution_yuan))
        .collect::<Vec<_>>()
        .join(";")
}

/// Rebuilds the book when it was built with other tier rules than `rules` (a firm's `--rules`
/// file, or a changed default). Cheap when nothing changed: one lookup. Returns whether it rebuilt.
pub fn ensure_rules(conn: &mut Db, rules: &Rules) -> rusqlite::Result<bool> {
    let stored: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [BOOK_RULES_KEY], |r| r.get(0)).optional()?;
    let has_book: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM customers)", [], |r| r.get(0))?;
    if stored.as_deref() == Some(rules_fingerprint(rules).as_str()) || (!has_book && stored.is_none()) {
        return Ok(false);
    }
    let tx = super::write_tx(conn)?;
    refresh(&tx, rules)?;
    tx.commit()?;
    Ok(true)
}

/// Rebuilds `customer_book` for every customer from the latest snapshot and latest assessment,
/// with the tier rule of [`assign_tier`], and records which tier rules it used. Run inside the
/// import's transaction. Returns the row count.
pub fn refresh(conn: &Db, rules: &Rules) -> rusqlite::Result<usize> {
    // the file's book is rebuilt under these rules: a private copy (book_view) is no longer needed
    super::book_view::drop_private(conn)?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![BOOK_RULES_KEY, rules_fingerprint(rules)],
    )?;
    let rewrite = || {
        conn.execute("DELETE FROM customer_book", [])?;
        rebuild(conn, rules, None)
    };
    // a large book: rows first, then its indexes (store::bulk)
    if super::bulk::worth_it(super::customers::count(conn)?) {
        return super::bulk::without_indexes(conn, "customer_book", rewrite);
    }
    rewrite()
}

/// The largest share of the book, one customer in this many, that [`refresh_customers`] rebuilds
/// row by row; a file touching more takes the full [`refresh`] (bulk for a large book).
pub const INCREMENTAL_ONE_IN: u64 = 10;

/// Rebuilds the `customer_book` rows of `ids` only (the customers an import touched; unknown ids
/// are skipped), with the rule of [`refresh`], when the book was built under `rules` and `ids` is at
/// most one customer in [`INCREMENTAL_ONE_IN`]; otherwise the full [`refresh`]. The other rows
/// do not depend on these customers' data, so the result is the full refresh's (issue 10). Run
/// inside the import's transaction. Returns the rows rebuilt.
pub fn refresh_customers<'a, I>(conn: &Db, rules: &Rules, ids: I) -> rusqlite::Result<usize>
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: ExactSizeIterator,
{
    let ids = ids.into_iter();
    let stored: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [BOOK_RULES_KEY], |r| r.get(0)).optional()?;
    let many = (ids.len() as u64).saturating_mul(INCREMENTAL_ONE_IN) > super::customers::count(conn)?;
    if many || stored.as_deref() != Some(rules_fingerprint(rules).as_str()) {
        return refresh(conn, rules);
    }
    // as in `refresh`: the file's book is written, a private copy would hide it
    super::book_view::drop_private(conn)?;
    let mut n = 0;
    for id in ids {
        n += refresh_customer(conn, rules, id)?;
    }
    Ok(n)
}

/// Rebuilds every `customer_book` row under `rules` without recording them (the private copy
/// of [`super::book_view`]).
pub(crate) fn rebuild_all(conn: &Db, rules: &Rules) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM customer_book", [])?;
    rebuild(conn, rules, None)
}

/// Rebuilds the `customer_book` row of one customer (after an assessment or a classification is
/// saved), with the same rule as [`refresh`]: the list row, the matrix and every holding's
/// suitability are current at once, without a full-book rebuild. Returns 1, or 0 for an unknown
/// customer. Run inside the writing transaction.
pub fn refresh_customer(conn: &Db, rules: &Rules, customer_id: &str) -> rusqlite::Result<usize> {
    conn.prepare_cached("DELETE FROM customer_book WHERE customer_id = ?1")?.execute([customer_id])?;
    rebuild(conn, rules, Some(customer_id))
}

/// Inserts the `customer_book` rows of every customer (`only = None`) or of one.
fn rebuild(conn: &Db, rules: &Rules, only: Option<&str>) -> rusqlite::Result<usize> {
    // the whole book in key order: its primary-key index is appended to, not split at random
    let filter = if only.is_some() { "WHERE c.customer_id = ?1" } else { "ORDER BY c.customer_id" };
    let mut read = conn.prepare_cached(&format!(
        "SELECT c.customer_id, c.manager_id, c.name, c.mobile, c.kind, c.status, c.investor_class,
                s.as_of, s.total_assets, s.net_commission_12m + s.other_income_12m,
                a.level, a.lowest, a.valid_until, c.opened_on
         FROM customers c
         LEFT JOIN account_snapshots s ON s.customer_id = c.customer_id
              AND s.as_of = (SELECT MAX(x.as_of) FROM account_snapshots x WHERE x.customer_id = c.customer_id)
         LEFT JOIN assessments a ON a.id = (SELECT y.id FROM assessments y WHERE y.customer_id = c.customer_id
              ORDER BY {LATEST_ORDER} LIMIT 1)
         {filter}",
        LATEST_ORDER = super::assessments::LATEST_ORDER_Y
    ))?;
    let mut write = conn.prepare_cached(
        "INSERT INTO customer_book (customer_id, manager_id, name, search_text, kind, status, as_of, total_assets,
         contribution, tier, tier_basis, professional, risk_level, risk_type, lowest, valid_until, name_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    let mut rows = match only {
        Some(id) => read.query([id])?,
        None => read.query([])?,
    };
    let mut n = 0;
    while let Some(ref r) = rows.next()? {
        let customer_id: String = r.get(0)?;
        let name: String = r.get(2)?;
        let mobile: Option<String> = r.get(3)?;
        let class: String = r.get(6)?;
        let as_of: Option<NaiveDate> = r.get(7)?;
        let assets: Fen = r.get::<_, Option<Fen>>(8)?.unwrap_or(0);
        let contribution: Fen = r.get::<_, Option<Fen>>(9)?.unwrap_or(0);
        let level: Option<String> = r.get(10)?;
        let level = level.as_deref().and_then(RiskLevel::parse);
        let opened_on: NaiveDate = r.get(13)?;
        let decision = assign_tier(assets, contribution, as_of.unwrap_or(opened_on), rules);
        let basis = match decision.basis {
            TierBasis::Assets { .. } => "assets",
            TierBasis::Contribution { .. } => "contribution",
            TierBasis::Base { .. } => "base",
        };
        let last4: String = mobile
            .as_deref()
            .map(|m| m.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect())
            .unwrap_or_default();
        let search = format!("{name} {customer_id} {last4}");
        write.execute(params![
            customer_id,
            r.get::<_, String>(1)?,
            name,
            search,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            as_of,
            assets,
            contribution,
            decision.tier.code(),
            basis,
            class == "professional",
            level.map(RiskLevel::code),
            level.map(|l| l.risk_type().code()),
            r.get::<_, Option<bool>>(11)?.unwrap_or(false),
            r.get::<_, Option<NaiveDate>>(12)?,
            name_sort_key(&name),
        ])?;
        n += 1;
    }
    Ok(n)
}
