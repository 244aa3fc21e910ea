//! The pieces [`super::Msg`]'s variants carry (what a cell holds, a column's name, a report's or
//! the demo's summary line…), apart from the catalogue itself.

use chrono::NaiveDate;

use crate::domain::id_number::IdError;
use crate::import::ImportKind;
use crate::import::headers::Col;

/// What a number cell holds, for the number parsers' messages (`empty cost price` / `成本价为空`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// An amount in yuan (金额).
    Amount,
    /// A price in yuan (价格).
    Price,
    /// A holding's cost price (成本价).
    CostPrice,
    /// A quantity of units (数量).
    Quantity,
    /// A price bar's volume (成交量).
    Volume,
}

/// Which date a date check is about (`statistics date 2025-09-01 is after today …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateNoun {
    /// 统计日期 of a snapshot or holding.
    StatisticsDate,
    /// 最近交易日期, in "after today".
    LastTradeDate,
    /// 最近交易日期, in "before the account was opened".
    LastTrade,
    /// A price bar's 日期.
    PriceDate,
    /// 测评日期.
    AssessmentDate,
    /// 开户日期.
    OpeningDate,
}

/// One of a price bar's four prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarPrice {
    Open,
    High,
    Low,
    Close,
}

/// The character that makes a business key invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyChar {
    /// A full-width form (U+FF01–U+FF5E), e.g. `１`.
    FullWidth(char),
    /// A control character, by code point.
    Control(u32),
    /// Anything else that is not an ASCII letter or digit (or `.` `-` `_` inside).
    Other(char),
}

/// What is wrong with a resident ID: the domain's [`IdError`], or a real birth date before 1900.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdIssue {
    Id(IdError),
    BirthYearBefore1900(i32),
}

/// A column as named in messages: its field and usual Chinese header (`customer_id (资金账号)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColName {
    pub field: &'static str,
    pub usual: Option<&'static str>,
}

impl From<&Col> for ColName {
    fn from(c: &Col) -> ColName {
        ColName { field: c.field, usual: c.aliases.first().or(c.fallbacks.first()).copied() }
    }
}

/// What the alert rules did after an import (the report line's tail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertCounts {
    pub customers: usize,
    pub opened: usize,
    pub updated: usize,
    pub reopened: usize,
    pub resolved: usize,
}

/// The values of a finished import's report line ([`Msg::Report`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    /// The file as named by the caller.
    pub file: String,
    pub kind: ImportKind,
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// Where the rejected rows were written.
    pub rejects_file: Option<String>,
    /// What the alert rules did, when they touched anyone.
    pub alerts: Option<AlertCounts>,
}

/// What `brokerdesk demo` built ([`Msg::DemoBuilt`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLine {
    pub branch: String,
    pub managers: usize,
    pub customers: usize,
    /// Customers in the file after the build.
    pub in_db: u64,
    pub holdings: usize,
    pub assessments: usize,
    pub calls: usize,
    pub securities: usize,
    pub price_bars: usize,
    pub statistics_date: NaiveDate,
    /// How long the build took, in tenths of a second.
    pub tenths: u64,
    /// The DB file.
    pub path: String,
}
