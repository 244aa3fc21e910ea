//! `prices`: code 证券代码, date 日期, open 开盘价, high 最高价, low 最低价, close 收盘价, volume? 成交量.
//! Prices in yuan (to 3 decimals) → 厘. The code must be a known security; the bar must be
//! consistent (low ≤ open, close ≤ high).

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Kind, Seen, key_set, known_security};
use crate::domain::model::PriceBar;
use crate::import::ImportOptions;
use crate::import::error::ImportError;
use crate::import::fields::{date, price, whole};
use crate::import::headers::Col;
use crate::import::row::Row;
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("code", &["证券代码", "代码"]),
    Col::req("date", &["日期", "交易日期"]),
    Col::req("open", &["开盘价"]),
    Col::req("high", &["最高价"]),
    Col::req("low", &["最低价"]),
    Col::req("close", &["收盘价"]),
    Col::opt("volume", &["成交量"]),
];

pub struct Prices {
    codes: HashSet<String>,
    seen: Seen<(String, NaiveDate)>,
}

impl Kind for Prices {
    type Record = PriceBar;
    const COLUMNS: &'static [Col] = COLUMNS;
    const AFFECTS_BOOK: bool = false;

    fn load(conn: &Connection, _opts: &ImportOptions) -> Result<Self, ImportError> {
        Ok(Prices { codes: key_set(conn, "SELECT code FROM securities")?, seen: Seen::default() })
    }

    fn parse(&mut self, _conn: &Connection, row: &mut Row<'_>, _opts: &ImportOptions) -> Option<PriceBar> {
        let code = known_security(row, &self.codes);
        let day = row.req("date", date);
        if let (Some(c), Some(d)) = (code, day) {
            self.seen.check(row, &["code", "date"], (c.to_string(), d));
        }
        let open = row.req("open", price);
        let high = row.req("high", price);
        let low = row.req("low", price);
        let close = row.req("close", price);
        let volume = row.opt("volume", |s| whole(s, "volume")).unwrap_or(0);
        let (open, high, low, close) = (open?, high?, low?, close?);
        if low > high {
            row.problem("low", format!("low {} is above high {}", shown(low), shown(high)));
        } else {
            for (field, v) in [("open", open), ("close", close)] {
                if v < low || v > high {
                    row.problem(
                        field,
                        format!("{field} {} is outside low–high {}–{}", shown(v), shown(low), shown(high)),
                    );
                }
            }
        }
        Some(PriceBar { code: code?.to_string(), date: day?, open, high, low, close, volume })
    }

    fn write(&mut self, tx: &Connection, b: &PriceBar, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        Ok(store::prices::upsert(tx, b)?)
    }
}

/// 厘 as yuan with 3 decimals.
fn shown(milli: i64) -> String {
    format!("{}.{:03}", milli / 1000, milli % 1000)
}
