//! `orders`: customer_id 资金账号, time 委托时间, code 证券代码, side 买卖方向 (buy 买入 / sell 卖出),
//! price 委托价格, quantity 委托数量; optionally date 委托日期 when the time column holds only the
//! time of day (without either, the day is `today`). Times are China time (UTC+8); an order on a
//! day after today is an error.

use crate::store::db::Db;
use chrono::{DateTime, Utc};

use super::{Kind, Seen, StoredCustomers, key_set, known_customer, known_security, stored_customers};
use crate::domain::model::{Order, Side};
use crate::i18n::Msg;
use crate::import::error::ImportError;
use crate::import::fields::{When, china_to_utc, coded, date, order_time, price, quantity};
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("customer_id", &["资金账号", "资金帐号", "资产账户", "资产账号"]).or(&["客户号", "客户编号"]),
    Col::opt("date", &["委托日期"]).or(&["日期"]),
    Col::req("time", &["委托时间"]).or(&["时间"]),
    Col::req("code", &["证券代码", "股票代码"]).or(&["代码"]),
    Col::req("side", &["买卖方向", "买卖标志", "委托方向"]),
    Col::req("price", &["委托价格"]).or(&["价格"]),
    Col::req("quantity", &["委托数量"]).or(&["数量"]),
];

pub struct Orders {
    customers: StoredCustomers,
    codes: super::Keys,
    seen: Seen<(String, DateTime<Utc>, String, Side)>,
}

impl Kind for Orders {
    const KIND: ImportKind = ImportKind::Orders;
    const ALERTS: super::AlertsAfter = super::AlertsAfter::Records;
    type Record = Order;

    fn load(conn: &Db, _header: &HeaderMap) -> Result<Self, ImportError> {
        Ok(Orders {
            customers: stored_customers(conn)?,
            codes: key_set(conn, "SELECT code FROM securities")?,
            seen: Seen::default(),
        })
    }

    fn parse(&mut self, _conn: &Db, row: &mut Row<'_>, opts: &ImportOptions) -> Option<Order> {
        let customer_id = known_customer(row, &self.customers).map(|(id, _)| id);
        let day = row.opt("date", date);
        let when = row.req("time", order_time);
        let time = match when {
            Some(When::At(t)) => Some(t),
            Some(When::TimeOfDay(t)) => {
                let on = day.unwrap_or(opts.today);
                china_to_utc(on.and_time(t))
            }
            None => None,
        };
        if let Some(t) = time {
            let local = t.with_timezone(&crate::clock::china_offset());
            if local.date_naive() > opts.today {
                let time = local.format("%Y-%m-%d %H:%M:%S").to_string();
                row.problem("time", Msg::OrderTimeAfterToday { time, today: opts.today });
            }
        }
        let code = known_security(row, &self.codes);
        let side = row.req("side", coded::<Side>);
        if let (Some(c), Some(t), Some(s), Some(sd)) = (customer_id, time, code, side) {
            self.seen.check(row, &["customer_id", "time", "code", "side"], (c.to_string(), t, s.to_string(), sd));
        }
        let price = row.req("price", price);
        let quantity = row.req("quantity", quantity);
        if quantity == Some(0) {
            row.problem("quantity", Msg::OrderQuantityZero);
        }
        Some(Order {
            customer_id: customer_id?.to_string(),
            time: time?,
            code: code?.to_string(),
            side: side?,
            price: price?,
            quantity: quantity?,
        })
    }

    fn customer_of(record: &Self::Record) -> Option<&str> {
        Some(&record.customer_id)
    }

    fn write(&mut self, tx: &Db, o: &Order, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        Ok(store::orders::upsert(tx, o)?)
    }
}
