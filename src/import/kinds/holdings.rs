//! `holdings`: customer_id 资金账号, as_of 统计日期, code 证券代码, quantity 持仓数量, cost_price 成本价.
//! The customer and the security must be known; quantities are whole numbers ≥ 0; cost prices in
//! yuan (to 3 decimals) → 厘, ≥ 0; the statistics date may not be after today, nor before the
//! customer's account was opened.

use crate::store::db::Db;
use chrono::Datelike;

use super::{
    Kind, SeenTriples, StoredCustomers, key_set, known_customer, known_security, not_after_today, not_before_opening,
    stored_customers,
};
use crate::domain::model::Holding;
use crate::i18n::{DateNoun, Noun};
use crate::import::error::ImportError;
use crate::import::fields::{date, price_of, quantity};
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("customer_id", &["资金账号", "资金帐号", "资产账户", "资产账号"]).or(&["客户号", "客户编号"]),
    Col::req("as_of", &["统计日期"]).or(&["日期"]),
    Col::req("code", &["证券代码", "股票代码"]).or(&["代码"]),
    Col::req("quantity", &["持仓数量", "股份余额", "证券数量", "持股数量", "当前数量"]).or(&["数量"]),
    Col::req("cost_price", &["成本价", "成本价格", "持仓成本价", "参考成本价", "买入均价", "持仓均价"]),
];

pub struct Holdings {
    customers: StoredCustomers,
    codes: super::Keys,
    /// Security codes numbered as first met (the compact key of `seen`).
    code_idx: foldhash::HashMap<Box<str>, u32>,
    /// (customer number, statistics date as a day number, code number): no text copied per row.
    seen: SeenTriples,
    /// The customers of the written rows, one bit per customer number.
    touched: Vec<u64>,
}

impl Kind for Holdings {
    const KIND: ImportKind = ImportKind::Holdings;
    const ALERTS: super::AlertsAfter = super::AlertsAfter::Records;
    type Record = Holding;

    fn load(conn: &Db, _header: &HeaderMap) -> Result<Self, ImportError> {
        Ok(Holdings {
            customers: stored_customers(conn)?,
            codes: key_set(conn, "SELECT code FROM securities")?,
            code_idx: foldhash::HashMap::default(),
            seen: SeenTriples::default(),
            touched: Vec::new(),
        })
    }

    fn parse(&mut self, _conn: &Db, row: &mut Row<'_>, opts: &ImportOptions) -> Option<Holding> {
        let customer = known_customer(row, &self.customers);
        let customer_id = customer.map(|(id, _)| id);
        let as_of = row.req("as_of", date);
        not_after_today(row, "as_of", DateNoun::StatisticsDate, as_of, opts.today);
        not_before_opening(row, "as_of", DateNoun::StatisticsDate, as_of, customer.map(|(_, c)| c.opened_on));
        let code = known_security(row, &self.codes);
        if let (Some((_, c)), Some(d), Some(s)) = (customer, as_of, code) {
            let next = self.code_idx.len() as u32;
            let s = match self.code_idx.get(s) {
                Some(&i) => i,
                None => *self.code_idx.entry(s.into()).or_insert(next),
            };
            self.seen.check(row, &["customer_id", "as_of", "code"], [c.idx, d.num_days_from_ce() as u32, s]);
        }
        let quantity = row.req("quantity", quantity);
        let cost_price = row.req("cost_price", |s| price_of(s, Noun::CostPrice));
        if let (Some(q), Some(p)) = (quantity, cost_price)
            && crate::import::bounds::holding_value_fen(q, p).is_none()
        {
            row.problem("quantity", crate::i18n::Msg::Import(crate::i18n::import_msg::ImportMsg::ValueOverBound));
        }
        Some(Holding {
            customer_id: customer_id?.to_string(),
            as_of: as_of?,
            code: code?.to_string(),
            quantity: quantity?,
            cost_price: cost_price?,
        })
    }

    fn customer_of(record: &Self::Record) -> Option<&str> {
        Some(&record.customer_id)
    }

    const KEEPS_TOUCHED: bool = true;

    fn touched(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for (w, &bits) in self.touched.iter().enumerate() {
            let mut b = bits;
            while b != 0 {
                let idx = (w * 64) as u32 + b.trailing_zeros();
                b &= b - 1;
                if let Some(id) = self.customers.id_of(idx) {
                    ids.push(id.to_string());
                }
            }
        }
        ids.sort_unstable();
        ids
    }

    fn expect_rows(&mut self, rows: usize) {
        self.seen.reserve(rows);
    }

    fn write(&mut self, tx: &Db, h: &Holding, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        let written = store::holdings::upsert(tx, h)?;
        if let Some(c) = self.customers.get(&h.customer_id) {
            let (w, bit) = (c.idx as usize / 64, c.idx % 64);
            if self.touched.len() <= w {
                self.touched.resize(self.customers.len().div_ceil(64).max(w + 1), 0);
            }
            self.touched[w] |= 1 << bit;
        }
        Ok(written)
    }
}
