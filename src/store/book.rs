//! The book: the derived `customer_book` table (tier and risk level per customer, rebuilt from the
//! domain rules after every import) and the indexed queries the customer list, the segment matrix
//! and the reports run on it. Only the visible window of rows is ever built.

use crate::store::db::{Db, Row};
use chrono::NaiveDate;
use rusqlite::{ToSql, params};

use crate::domain::money::Fen;
use crate::domain::risk::{RiskLevel, RiskProfile, SegmentColumn};
use crate::domain::segment::SegmentMatrix;
use crate::domain::tier::Tier;

/// Which customers a session sees: the whole branch (supervisor) or one manager's book.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Branch,
    Manager(String),
}

pub use super::book_refresh::*;

/// `RiskProfile::segment_column() == column` as a WHERE condition an index can serve (`:today` bound).
///
/// `Purpose::Count` lets SQLite count on the (risk_type, professional, valid_until) index;
/// `Purpose::Page` marks those two terms with unary `+` so the window is read in list order from the
/// (risk_type, total_assets, customer_id) index instead of sorting every match.
pub fn column_condition(column: SegmentColumn, purpose: Purpose) -> String {
    let p = match purpose {
        Purpose::Count => "",
        Purpose::Page => "+",
    };
    match column {
        SegmentColumn::Professional => "b.professional = 1".into(),
        SegmentColumn::Unassessed => {
            format!("({p}b.professional = 0 AND (b.risk_level IS NULL OR {p}b.valid_until < :today))")
        }
        SegmentColumn::Type(t) => {
            format!("(b.risk_type = '{}' AND {p}b.professional = 0 AND {p}b.valid_until >= :today)", t.code())
        }
    }
}

/// What a WHERE clause is for (see [`column_condition`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Count,
    Page,
}

/// The assessment-validity filter of the customer list (SPEC §4.1 re-assessment), for ordinary
/// investors (professional investors have no assessment to renew).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// Valid today and ending within this many days (即将到期).
    Expiring(u32),
    /// The latest assessment ended before today (已过期).
    Expired,
    /// Never assessed (从未测评).
    Never,
}

impl Validity {
    /// 30天内到期 / 已过期 / 从未测评.
    pub fn label(self, lang: crate::session::Lang) -> String {
        match self {
            Validity::Expiring(days) => crate::i18n::Msg::ExpiringIn { days: days as i64 }.render(lang),
            Validity::Expired => tr!(lang, EXPIRED).into(),
            Validity::Never => tr!(lang, NEVER_ASSESSED).into(),
        }
    }
}

/// Filters of the customer list (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookFilter {
    pub scope: Scope,
    pub tier: Option<Tier>,
    pub column: Option<SegmentColumn>,
    /// The latest assessment's level (shown even when expired).
    pub level: Option<RiskLevel>,
    /// Substring of name, 资金账号, or the last 4 digits of the mobile.
    pub text: String,
    /// Only customers with open alerts.
    pub with_alerts: bool,
    /// Assessment validity.
    pub validity: Option<Validity>,
    /// One cell of a segment axis (SPEC §4.4): exactly the customers the cell counts.
    pub axis_cell: Option<super::segments::AxisCell>,
}

/// Sort orders of the customer list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    AssetsDesc,
    ContributionDesc,
    Name,
    CustomerId,
    Tier,
}

impl SortKey {
    /// All keys in the order `s` cycles through them.
    pub const ALL: [SortKey; 5] =
        [SortKey::AssetsDesc, SortKey::ContributionDesc, SortKey::Tier, SortKey::Name, SortKey::CustomerId];

    fn order_by(self) -> &'static str {
        match self {
            SortKey::AssetsDesc => "b.total_assets DESC, b.customer_id",
            SortKey::ContributionDesc => "b.contribution DESC, b.customer_id",
            SortKey::Name => "b.name_key, b.customer_id",
            SortKey::CustomerId => "b.customer_id",
            SortKey::Tier => "b.tier, b.total_assets DESC, b.customer_id",
        }
    }
    /// 资产 / 贡献 / 等级 / 姓名 / 账号.
    pub fn label_zh(self) -> &'static str {
        match self {
            SortKey::AssetsDesc => "资产↓",
            SortKey::ContributionDesc => "贡献↓",
            SortKey::Name => "姓名",
            SortKey::CustomerId => "账号",
            SortKey::Tier => "等级",
        }
    }
    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            SortKey::AssetsDesc => "assets↓",
            SortKey::ContributionDesc => "contribution↓",
            SortKey::Name => "name",
            SortKey::CustomerId => "account",
            SortKey::Tier => "tier",
        }
    }
}

/// One visible row of the customer list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookRow {
    pub customer_id: String,
    pub name: String,
    pub id_number: String,
    pub mobile: Option<String>,
    pub manager_id: String,
    pub tier: Tier,
    pub column: SegmentColumn,
    /// Latest assessment level, even if expired.
    pub risk_level: Option<RiskLevel>,
    pub lowest: bool,
    pub valid_until: Option<NaiveDate>,
    pub total_assets: Fen,
    pub contribution: Fen,
    pub status: String,
    /// Earliest open callback.
    pub next_callback: Option<NaiveDate>,
    pub open_alerts: u32,
}

struct Where {
    sql: String,
    params: Vec<(&'static str, Box<dyn ToSql>)>,
}

fn where_clause(f: &BookFilter, today: NaiveDate, purpose: Purpose) -> Where {
    let mut parts: Vec<String> = Vec::new();
    let mut params: Vec<(&'static str, Box<dyn ToSql>)> = Vec::new();
    if let Scope::Manager(m) = &f.scope {
        parts.push("b.manager_id = :manager".into());
        params.push((":manager", Box::new(m.clone())));
    }
    if let Some(t) = f.tier {
        parts.push("b.tier = :tier".into());
        params.push((":tier", Box::new(t.code())));
    }
    if let Some(c) = f.column {
        parts.push(column_condition(c, purpose));
        if c != SegmentColumn::Professional {
            params.push((":today", Box::new(today)));
        }
    }
    if let Some(l) = f.level {
        parts.push("b.risk_level = :level".into());
        params.push((":level", Box::new(l.code())));
    }
    let text = f.text.trim();
    if !text.is_empty() {
        parts.push("b.search_text LIKE :text ESCAPE '\\'".into());
        let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        params.push((":text", Box::new(format!("%{escaped}%"))));
    }
    match f.validity {
        Some(Validity::Expiring(days)) => {
            parts.push("(b.professional = 0 AND b.valid_until >= :today AND b.valid_until <= :soon)".into());
            params.push((":today", Box::new(today)));
            params
                .push((":soon", Box::new(today.checked_add_days(chrono::Days::new(u64::from(days))).unwrap_or(today))));
        }
        Some(Validity::Expired) => {
            parts.push("(b.professional = 0 AND b.valid_until < :today)".into());
            params.push((":today", Box::new(today)));
        }
        Some(Validity::Never) => parts.push("(b.professional = 0 AND b.risk_level IS NULL)".into()),
        None => {}
    }
    if let Some(cell) = &f.axis_cell {
        parts.push("b.customer_id IN (SELECT value FROM json_each(:cell))".into());
        params.push((":cell", Box::new(serde_json::to_string(cell.ids.as_slice()).unwrap_or_else(|_| "[]".into()))));
    }
    if f.with_alerts {
        parts.push("EXISTS (SELECT 1 FROM alerts a WHERE a.customer_id = b.customer_id AND a.status = 'open')".into());
    }
    let sql = if parts.is_empty() { "1 = 1".to_string() } else { parts.join(" AND ") };
    Where { sql, params }
}

fn bind(w: &Where) -> Vec<(&str, &dyn ToSql)> {
    w.params.iter().map(|(k, v)| (*k, v.as_ref())).collect()
}

/// How many customers match `filter` (customers whose segment column uses `today` for expiry).
pub fn count(conn: &Db, filter: &BookFilter, today: NaiveDate) -> rusqlite::Result<u64> {
    let w = where_clause(filter, today, Purpose::Count);
    // no condition: a bare COUNT(*) takes SQLite's b-tree count, which does not decode each row
    // (a `WHERE 1 = 1` scans them: 3× the CPU of the count at 1M customers, issue 10)
    let sql = if w.params.is_empty() && w.sql == "1 = 1" {
        "SELECT COUNT(*) FROM customer_book b".to_string()
    } else {
        format!("SELECT COUNT(*) FROM customer_book b WHERE {}", w.sql)
    };
    conn.prepare_cached(&sql)?.query_row(bind(&w).as_slice(), |r| r.get::<_, i64>(0).map(|n| n as u64))
}

/// The columns of one [`BookRow`] over `customer_book b JOIN customers c`, as read by
/// [`book_row`]: shared by [`page`] and [`rows_for_ids`].
const ROW_COLUMNS: &str = "b.customer_id, b.name, c.id_number, c.mobile, b.manager_id, b.tier, b.professional,
                b.risk_level, b.lowest, b.valid_until, b.total_assets, b.contribution, b.status,
                (SELECT MIN(k.due_on) FROM callback_plans k WHERE k.customer_id = b.customer_id AND k.status = 'open'),
                (SELECT COUNT(*) FROM alerts a WHERE a.customer_id = b.customer_id AND a.status = 'open')";

/// One [`BookRow`] from the columns of [`ROW_COLUMNS`]; the segment column as of `today` comes
/// from the domain rule ([`RiskProfile::segment_column`]).
fn book_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<BookRow> {
    let tier: String = r.get(5)?;
    let level: Option<String> = r.get(7)?;
    let risk_level = level.as_deref().and_then(RiskLevel::parse);
    let lowest: bool = r.get(8)?;
    let valid_until: Option<NaiveDate> = r.get(9)?;
    Ok(BookRow {
        customer_id: r.get(0)?,
        name: r.get(1)?,
        id_number: r.get(2)?,
        mobile: r.get(3)?,
        manager_id: r.get(4)?,
        tier: Tier::parse(&tier).unwrap_or(Tier::T4),
        column: profile_of(r.get(6)?, risk_level, lowest, valid_until, today).segment_column(),
        risk_level,
        lowest,
        valid_until,
        total_assets: r.get(10)?,
        contribution: r.get(11)?,
        status: r.get(12)?,
        next_callback: r.get(13)?,
        open_alerts: r.get(14)?,
    })
}

/// The rows `offset .. offset + limit` of the filtered, sorted list.
pub fn page(
    conn: &Db,
    filter: &BookFilter,
    sort: SortKey,
    today: NaiveDate,
    offset: usize,
    limit: usize,
) -> rusqlite::Result<Vec<BookRow>> {
    let w = where_clause(filter, today, Purpose::Page);
    let sql = format!(
        // The window's ids come from the index alone; only those rows are joined and decorated.
        "SELECT {ROW_COLUMNS}
         FROM (SELECT b.customer_id FROM customer_book b WHERE {} ORDER BY {order} LIMIT {} OFFSET {}) w
         JOIN customer_book b ON b.customer_id = w.customer_id
         JOIN customers c ON c.customer_id = b.customer_id
         ORDER BY {order}",
        w.sql,
        limit,
        offset,
        order = sort.order_by(),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(bind(&w).as_slice(), |r| book_row(r, today))?;
    rows.collect()
}

/// The `customer_id`s of every customer matching `filter`, in `sort` order: the same list as
/// [`page`] over all offsets, fetched in one pass.
///
/// For the text filter: `LIKE '%…%'` cannot use an index, so each deep window of [`page`] would
/// scan the book again. The list caches these ids once per filter/sort change and builds only the
/// visible rows with [`rows_for_ids`]. One scan of the matches (no ORDER BY, so SQLite never walks
/// an order index with a table lookup per row); the order is applied here, with the same keys
/// and collation as [`SortKey`]'s ORDER BY (BINARY = byte order of UTF-8 = `str` order).
pub fn ids(conn: &Db, filter: &BookFilter, sort: SortKey, today: NaiveDate) -> rusqlite::Result<Vec<String>> {
    let w = where_clause(filter, today, Purpose::Count);
    // (text key, number key) per sort: ORDER BY text, number DESC, customer_id
    let (text, number) = match sort {
        SortKey::AssetsDesc => ("NULL", "b.total_assets"),
        SortKey::ContributionDesc => ("NULL", "b.contribution"),
        SortKey::Name => ("b.name_key", "0"),
        SortKey::CustomerId => ("NULL", "0"),
        SortKey::Tier => ("b.tier", "b.total_assets"),
    };
    let sql = format!("SELECT b.customer_id, {text}, {number} FROM customer_book b WHERE {}", w.sql);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut keyed: Vec<(Option<String>, i64, String)> = stmt
        .query_map(bind(&w).as_slice(), |r| Ok((r.get::<_, Option<String>>(1)?, r.get::<_, i64>(2)?, r.get(0)?)))?
        .collect::<rusqlite::Result<_>>()?;
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
    Ok(keyed.into_iter().map(|(_, _, id)| id).collect())
}

/// The list rows of `ids`, in the order of `ids` (unknown ids are left out): the visible window
/// of an [`ids`] list. Same columns as [`page`].
pub fn rows_for_ids(conn: &Db, ids: &[String], today: NaiveDate) -> rusqlite::Result<Vec<BookRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let json = serde_json::to_string(ids).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    // the ids drive the join (CROSS JOIN keeps json_each outermost): one primary-key lookup each
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM json_each(:ids) j
         CROSS JOIN customer_book b ON b.customer_id = j.value
         JOIN customers c ON c.customer_id = b.customer_id
         ORDER BY j.key"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::named_params! {":ids": json}, |r| book_row(r, today))?;
    rows.collect()
}

/// Whether `customer_id` is in the book `scope` sees: any existing customer for the whole branch,
/// only that manager's customers for a manager. Unknown customers are in no scope.
pub fn in_scope(conn: &Db, scope: &Scope, customer_id: &str) -> rusqlite::Result<bool> {
    match scope {
        Scope::Branch => conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE customer_id = ?1)")?
            .query_row([customer_id], |r| r.get(0)),
        Scope::Manager(m) => conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE customer_id = ?1 AND manager_id = ?2)")?
            .query_row(params![customer_id, m], |r| r.get(0)),
    }
}

/// The `manager_id`s that have customers in the book, in id order (the scopes a supervisor cycles
/// through; the supervisor's own book included).
pub fn managers_with_customers(conn: &Db) -> rusqlite::Result<Vec<String>> {
    // a skip scan of the (manager_id, …) index: one seek per manager instead of reading every
    // customer's entry (0.1 ms instead of 6 ms at 100k customers)
    conn.prepare_cached(
        "WITH RECURSIVE m(id) AS (
             SELECT MIN(manager_id) FROM customer_book
             UNION ALL
             SELECT (SELECT MIN(b.manager_id) FROM customer_book b WHERE b.manager_id > m.id) FROM m
             WHERE m.id IS NOT NULL)
         SELECT id FROM m WHERE id IS NOT NULL",
    )?
    .query_map([], |r| r.get(0))?
    .collect()
}

/// How many alerts are open (not yet acknowledged or resolved) on the customers of `scope`.
///
/// The branch counts on the alerts' status index; a manager's book drives the count from their
/// customers (CROSS JOIN keeps that order: 5 ms instead of 220 ms at 100k customers / 258k alerts).
pub fn open_alerts(conn: &Db, scope: &Scope) -> rusqlite::Result<u64> {
    let n: i64 = match scope {
        Scope::Branch => {
            conn.prepare_cached("SELECT COUNT(*) FROM alerts WHERE status = 'open'")?.query_row([], |r| r.get(0))?
        }
        Scope::Manager(m) => conn
            .prepare_cached(
                "SELECT COUNT(*) FROM customer_book b CROSS JOIN alerts a ON a.customer_id = b.customer_id
                 WHERE b.manager_id = ?1 AND a.status = 'open'",
            )?
            .query_row([m], |r| r.get(0))?,
    };
    Ok(n as u64)
}

/// Whether the DB holds any customer at all (an empty or new DB does not: the screens say how
/// to fill it instead of "nothing matches").
pub fn any_customers(conn: &Db) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM customers)")?.query_row([], |r| r.get(0))
}

/// A number that moves when the book changes, polled by the TUI to know its cached queries are
/// stale. SQLite: `PRAGMA data_version` (moves when another connection commits to the file; this
/// connection's own writes do not move it). PostgreSQL: the sequence `bd_changes`, moved by
/// every statement that changes a table of the book, this connection's own included.
pub fn data_version(conn: &Db) -> rusqlite::Result<i64> {
    match conn {
        Db::Lite(_) => conn.query_row("PRAGMA data_version", [], |r| r.get(0)),
        Db::Pg(_) => conn.query_row("SELECT last_value FROM bd_changes", [], |r| r.get(0)),
    }
}

/// The 4 × 5 segment matrix of `scope` as of `today` (SPEC §4.4).
///
/// SQLite groups by the raw columns in the order of the covering `*_segment` indexes (a streaming
/// aggregate, no sort); each group is then placed in its column by the domain rule
/// ([`RiskProfile::segment_column`]), so expiry against `today` is decided in one place.
pub fn matrix(conn: &Db, scope: &Scope, today: NaiveDate) -> rusqlite::Result<SegmentMatrix> {
    let w = where_clause(&BookFilter { scope: scope.clone(), ..BookFilter::default() }, today, Purpose::Count);
    let sql = format!(
        "SELECT b.tier, b.professional, b.risk_level, b.valid_until, COUNT(*), SUM(b.total_assets)
         FROM customer_book b WHERE {}
         GROUP BY b.tier, b.professional, b.risk_type, b.valid_until, b.risk_level",
        w.sql
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut m = SegmentMatrix::default();
    let mut rows = stmt.query(bind(&w).as_slice())?;
    while let Some(ref r) = rows.next()? {
        let tier: String = r.get(0)?;
        let level: Option<String> = r.get(2)?;
        let level = level.as_deref().and_then(RiskLevel::parse);
        let column = profile_of(r.get(1)?, level, false, r.get(3)?, today).segment_column();
        if let Some(t) = Tier::parse(&tier) {
            m.add(t, column, r.get::<_, i64>(4)? as u64, r.get::<_, Option<Fen>>(5)?.unwrap_or(0));
        }
    }
    Ok(m)
}

/// The risk profile of a book row's data, as the domain rule sees it.
pub fn profile_of(
    professional: bool,
    level: Option<RiskLevel>,
    lowest: bool,
    valid_until: Option<NaiveDate>,
    today: NaiveDate,
) -> RiskProfile {
    RiskProfile::resolve(professional, level.zip(valid_until).map(|(l, u)| (l, lowest, u)), today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    #[test]
    fn other_tier_rules_rebuild_the_book() {
        let mut conn = crate::store::open_scratch().unwrap();
        let defaults = Rules::defaults();
        assert!(!ensure_rules(&mut conn, &defaults).unwrap(), "empty DB: nothing to rebuild");
        refresh(&conn, &defaults).unwrap();
        assert!(!ensure_rules(&mut conn, &defaults).unwrap());
        let mut firm = defaults.clone();
        firm.tiers[0].min_assets_yuan = Some(50_000_000);
        assert!(ensure_rules(&mut conn, &firm).unwrap());
        assert!(!ensure_rules(&mut conn, &firm).unwrap());
    }

    #[test]
    fn column_conditions_agree_with_domain_rule() {
        let conn = crate::store::open_in_memory().unwrap(); // binds untyped literals: SQLite's typing
        let today: NaiveDate = "2026-11-29".parse().unwrap();
        let cases = [
            (true, Some(RiskLevel::C2), Some("2027-01-01")),
            (true, None, None),
            (false, None, None),
            (false, Some(RiskLevel::C1), Some("2026-11-28")),
            (false, Some(RiskLevel::C1), Some("2026-11-29")),
            (false, Some(RiskLevel::C3), Some("2027-05-01")),
            (false, Some(RiskLevel::C5), Some("2027-05-01")),
        ];
        for (prof, level, until) in cases {
            let until: Option<NaiveDate> = until.map(|u| u.parse().unwrap());
            let domain = profile_of(prof, level, false, until, today).segment_column();
            // exactly one indexable filter condition holds: the domain's column
            for (col, purpose) in SegmentColumn::ALL.into_iter().flat_map(|c| [(c, Purpose::Count), (c, Purpose::Page)])
            {
                let holds: bool = conn
                    .query_row(
                        &format!(
                            "SELECT CASE WHEN :today IS NULL THEN NULL ELSE ({}) END
                             FROM (SELECT ?1 AS professional, ?2 AS risk_level, ?3 AS risk_type, ?4 AS valid_until) b",
                            column_condition(col, purpose)
                        )
                        .replace(":today", "?5"),
                        params![prof, level.map(RiskLevel::code), level.map(|l| l.risk_type().code()), until, today],
                        |r| r.get::<_, Option<bool>>(0),
                    )
                    .unwrap()
                    .unwrap_or(false);
                assert_eq!(holds, col == domain, "condition {col:?} for case {prof} {level:?} {until:?}");
            }
        }
    }
}
