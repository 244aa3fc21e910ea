//! `accounts`: customer_id 资金账号, as_of 统计日期, cash 现金余额, total_assets? 资产总值,
//! net_commission_12m 净佣金, other_income_12m? 其他收入, turnover_12m? 成交金额,
//! last_trade_on? 最近交易日期.
//!
//! When total assets are absent (no column, or an empty cell) they are cash + the market value of
//! the customer's holdings of that date at the latest closes on or before it
//! ([`crate::store::holdings::market_value_on`]) — so import holdings and prices first.
//!
//! What a snapshot cannot hold is refused on its row:
//! - cash or total assets below zero ("must not be negative": an ordinary capital account cannot
//!   overdraw; margin accounts are not imported here);
//! - a statistics date or last trade date after today;
//! - a last trade after the statistics date: the snapshot is *as of* its date, so a later trade
//!   cannot be in it (an export of a past snapshot must carry the last trade as of then);
//! - a statistics date or last trade before the customer's account was opened (the opening date is
//!   never before the birth date, so this also covers dates before birth).
//!
//! Without an other-income, turnover or last-trade column, re-importing an existing snapshot
//! (same customer and date) keeps its stored values; a new snapshot gets 0 / none.

use crate::store::db::Db;
use chrono::NaiveDate;

use super::{
    Absent, Kind, Seen, StoredCustomers, known_customer, not_after_today, not_before_opening, stored_customers,
};
use crate::domain::model::AccountSnapshot;
use crate::domain::money::Fen;
use crate::i18n::{DateNoun, Msg};
use crate::import::error::ImportError;
use crate::import::fields::{date, yuan, yuan_non_negative};
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("customer_id", &["资金账号", "资金帐号", "资产账户", "资产账号"]).or(&["客户号", "客户编号"]),
    Col::req("as_of", &["统计日期"]).or(&["日期"]),
    Col::req("cash", &["现金余额", "资金余额"]),
    Col::opt("total_assets", &["资产总值", "总资产"]),
    Col::req("net_commission_12m", &["净佣金", "近12月净佣金", "净佣金(近12月)"]),
    Col::opt("other_income_12m", &["其他收入", "其他收入(近12月)"]),
    Col::opt("turnover_12m", &["成交金额", "成交额", "成交金额(近12月)"]),
    Col::opt("last_trade_on", &["最近交易日期", "最后交易日期"]),
];

/// The optional columns whose stored values an existing snapshot keeps when the file lacks them
/// (total assets are derived instead).
const KEPT: [&str; 3] = ["other_income_12m", "turnover_12m", "last_trade_on"];

/// A snapshot; `total_given` is false when total assets are to be derived at write time.
pub struct AccountRow {
    pub snapshot: AccountSnapshot,
    pub total_given: bool,
}

pub struct Accounts {
    customers: StoredCustomers,
    seen: Seen<(String, NaiveDate)>,
    absent: Absent,
}

impl Kind for Accounts {
    const KIND: ImportKind = ImportKind::Accounts;
    const ALERTS: super::AlertsAfter = super::AlertsAfter::Records;
    type Record = AccountRow;

    fn load(conn: &Db, header: &HeaderMap) -> Result<Self, ImportError> {
        Ok(Accounts { customers: stored_customers(conn)?, seen: Seen::default(), absent: Absent::of(header, COLUMNS) })
    }

    fn parse(&mut self, _conn: &Db, row: &mut Row<'_>, opts: &ImportOptions) -> Option<AccountRow> {
        let customer = known_customer(row, &self.customers);
        let customer_id = customer.map(|(id, _)| id);
        let opened_on = customer.map(|(_, c)| c.opened_on);
        let as_of = row.req("as_of", date);
        not_after_today(row, "as_of", DateNoun::StatisticsDate, as_of, opts.today);
        not_before_opening(row, "as_of", DateNoun::StatisticsDate, as_of, opened_on);
        if let (Some(c), Some(d)) = (customer_id, as_of) {
            self.seen.check(row, &["customer_id", "as_of"], (c.to_string(), d));
        }
        let cash = row.req("cash", not_negative);
        let total = row.opt("total_assets", not_negative);
        let net_commission = row.req("net_commission_12m", yuan);
        let other_income = row.opt("other_income_12m", yuan).unwrap_or(0);
        let turnover = row.opt("turnover_12m", yuan_non_negative).unwrap_or(0);
        let last_trade_on = row.opt("last_trade_on", date);
        not_after_today(row, "last_trade_on", DateNoun::LastTradeDate, last_trade_on, opts.today);
        // (a last trade after today is also after any statistics date not after today: said once)
        if let (Some(t), Some(d)) = (last_trade_on, as_of)
            && t > d
            && t <= opts.today
        {
            row.problem("last_trade_on", Msg::LastTradeAfterStatisticsDate { trade: t, as_of: d });
        }
        not_before_opening(row, "last_trade_on", DateNoun::LastTrade, last_trade_on, opened_on);
        Some(AccountRow {
            snapshot: AccountSnapshot {
                customer_id: customer_id?.to_string(),
                as_of: as_of?,
                cash: cash?,
                total_assets: total.unwrap_or(0),
                net_commission_12m: net_commission?,
                other_income_12m: other_income,
                turnover_12m: turnover,
                last_trade_on,
            },
            total_given: total.is_some(),
        })
    }

    fn customer_of(record: &Self::Record) -> Option<&str> {
        Some(&record.snapshot.customer_id)
    }

    /// Total assets not given are derived; other income, turnover and the last trade date of a
    /// file without those columns are the stored snapshot's (same customer and date), if any.
    fn write(&mut self, tx: &Db, r: &AccountRow, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        let mut s = r.snapshot.clone();
        if self.absent.any(&KEPT)
            && let Some(old) = store::accounts::get(tx, &s.customer_id, s.as_of)?
        {
            let a = &self.absent;
            s.other_income_12m = a.keep("other_income_12m", old.other_income_12m, s.other_income_12m);
            s.turnover_12m = a.keep("turnover_12m", old.turnover_12m, s.turnover_12m);
            s.last_trade_on = a.keep("last_trade_on", old.last_trade_on, s.last_trade_on);
        }
        if !r.total_given {
            // saturating: never wrapped (cash ≤ 10^15 yuan; the holdings' value saturates too)
            s.total_assets = s.cash.saturating_add(store::holdings::market_value_on(tx, &s.customer_id, s.as_of)?);
        }
        Ok(store::accounts::upsert(tx, &s)?)
    }
}

/// Cash and total assets: an amount in yuan ([`yuan`]) that an ordinary capital account cannot
/// have below zero.
fn not_negative(s: &str) -> Result<Fen, Msg> {
    match yuan(s)? {
        v if v < 0 => Err(Msg::MustNotBeNegative),
        v => Ok(v),
    }
}
