//! `prices`: code 证券代码, date 日期, open 开盘价, high 最高价, low 最低价, close 收盘价, volume? 成交量.
//! Prices in yuan (to 3 decimals) → 厘. The code must be a known security; the bar must be
//! consistent (0 < low ≤ open, close ≤ high) and not dated after today. Without a volume column an
//! existing bar keeps its stored volume.

use crate::store::db::Db;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::{Absent, Kind, Seen, key_set, known_security, not_after_today};
use crate::domain::model::PriceBar;
use crate::i18n::{BarPrice, DateNoun, Msg, Noun};
use crate::import::error::ImportError;
use crate::import::fields::{date, price, whole};
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("code", &["证券代码", "股票代码"]).or(&["代码"]),
    Col::req("date", &["日期", "交易日期"]),
    Col::req("open", &["开盘价"]),
    Col::req("high", &["最高价"]),
    Col::req("low", &["最低价"]),
    Col::req("close", &["收盘价"]),
    Col::opt("volume", &["成交量"]),
];

pub struct Prices {
    codes: super::Keys,
    seen: Seen<(String, NaiveDate)>,
    absent: Absent,
}

impl Kind for Prices {
    const KIND: ImportKind = ImportKind::Prices;
    const ALERTS: super::AlertsAfter = super::AlertsAfter::Everyone;
    type Record = PriceBar;

    fn load(conn: &Db, header: &HeaderMap) -> Result<Self, ImportError> {
        Ok(Prices {
            codes: key_set(conn, "SELECT code FROM securities")?,
            seen: Seen::default(),
            absent: Absent::of(header, COLUMNS),
        })
    }

    fn parse(&mut self, _conn: &Db, row: &mut Row<'_>, opts: &ImportOptions) -> Option<PriceBar> {
        let code = known_security(row, &self.codes);
        let day = row.req("date", date);
        not_after_today(row, "date", DateNoun::PriceDate, day, opts.today);
        if let (Some(c), Some(d)) = (code, day) {
            self.seen.check(row, &["code", "date"], (c.to_string(), d));
        }
        let open = row.req("open", price);
        let high = row.req("high", price);
        let low = row.req("low", price);
        let close = row.req("close", price);
        let volume = row.opt("volume", |s| whole(s, Noun::Volume)).unwrap_or(0);
        let (open, high, low, close) = (open?, high?, low?, close?);
        let mut positive = true;
        let bar = [
            ("open", BarPrice::Open, open),
            ("high", BarPrice::High, high),
            ("low", BarPrice::Low, low),
            ("close", BarPrice::Close, close),
        ];
        for (field, which, v) in bar {
            if v == 0 {
                row.problem(field, Msg::PriceNotPositive { which });
                positive = false;
            }
        }
        if !positive {
            // the bar's consistency is moot
        } else if low > high {
            row.problem("low", Msg::LowAboveHigh { low: shown(low), high: shown(high) });
        } else {
            for (field, which, v) in [("open", BarPrice::Open, open), ("close", BarPrice::Close, close)] {
                if v < low || v > high {
                    row.problem(
                        field,
                        Msg::OutsideLowHigh { which, value: shown(v), low: shown(low), high: shown(high) },
                    );
                }
            }
        }
        Some(PriceBar { code: code?.to_string(), date: day?, open, high, low, close, volume })
    }

    /// Without a volume column an existing bar keeps its stored volume (a new one has 0).
    fn write(&mut self, tx: &Db, b: &PriceBar, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        if self.absent.lacks("volume")
            && let Some(volume) = tx
                .prepare_cached("SELECT volume FROM prices WHERE code = ?1 AND date = ?2")?
                .query_row(rusqlite::params![b.code, b.date], |r| r.get::<_, i64>(0))
                .optional()?
        {
            return Ok(store::prices::upsert(tx, &PriceBar { volume, ..b.clone() })?);
        }
        Ok(store::prices::upsert(tx, b)?)
    }
}

/// 厘 as yuan with 3 decimals.
fn shown(milli: i64) -> String {
    format!("{}.{:03}", milli / 1000, milli % 1000)
}
