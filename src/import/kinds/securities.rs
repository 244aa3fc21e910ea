//! `securities`: code 证券代码, exchange? 交易所, name 证券名称, kind 证券类别, board? 板块,
//! industry? 行业, category? 类别细分 / 类别 / 基金类型 / 债券类型 (e.g. 货币型, 债券型, 国债, 可转债; English
//! names such as `money market` or `government bond` are stored as the Chinese category the
//! rating rules know), risk_rating? 风险等级, face_value? 面值 (yuan).
//!
//! Without an exchange the code's form decides ([`guess_exchange`]); without a rating the default
//! rating rules of SPEC §4.5 apply later. Those defaults are for new securities: a file without
//! some optional column (exchange, board, industry, category, rating, face value) leaves an
//! existing security's stored value alone; an empty cell means empty / the default.


use crate::store::db::Db;
use super::{Absent, Kind, Seen, key, opt_plain, plain};
use crate::domain::model::{Exchange, Security, SecurityKind};
use crate::i18n::Msg;
use crate::import::error::ImportError;
use crate::import::fields::{coded, guess_exchange, risk_rating, yuan_non_negative};
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("code", &["证券代码", "产品代码", "股票代码"]).or(&["代码"]),
    Col::opt("exchange", &["交易所"]).or(&["市场"]),
    Col::req("name", &["证券名称", "产品名称"]).or(&["证券简称", "名称"]),
    Col::req("kind", &["证券类别", "证券类型", "品种", "security_kind"]),
    Col::opt("board", &["板块"]),
    Col::opt("industry", &["行业"]),
    Col::opt(
        "category",
        &["类别细分", "细分类别", "类别", "基金类型", "债券类型", "产品类别", "fund_type", "bond_type", "sub_category"],
    ),
    Col::opt("risk_rating", &["风险等级", "产品风险等级"]),
    Col::opt("face_value", &["面值"]),
];

pub struct Securities {
    seen: Seen<String>,
    absent: Absent,
}

impl Kind for Securities {
    const KIND: ImportKind = ImportKind::Securities;
    const ALERTS: super::AlertsAfter = super::AlertsAfter::Everyone;
    type Record = Security;

    fn load(_conn: &Db, header: &HeaderMap) -> Result<Self, ImportError> {
        Ok(Securities { seen: Seen::default(), absent: Absent::of(header, COLUMNS) })
    }

    fn parse(&mut self, _conn: &Db, row: &mut Row<'_>, _opts: &ImportOptions) -> Option<Security> {
        let code = match row.text("code") {
            Some(c) if c.chars().any(char::is_whitespace) => {
                row.problem("code", Msg::SecurityCodeHasSpaces { code: c.to_string() });
                None
            }
            Some(_) => key(row, "code"),
            None => None,
        };
        if let Some(c) = code {
            self.seen.check(row, &["code"], c.to_string());
        }
        let exchange = row.opt("exchange", coded::<Exchange>);
        let name = plain(row, "name");
        let kind = row.req("kind", coded::<SecurityKind>);
        let board = opt_plain(row, "board");
        let industry = opt_plain(row, "industry");
        let category = crate::domain::rating::canonical_category(&opt_plain(row, "category"));
        let risk_rating = row.opt("risk_rating", risk_rating);
        let face_value = row.opt("face_value", yuan_non_negative);
        let code = code?;
        let exchange = exchange.unwrap_or_else(|| guess_exchange(code));
        // A shares of SH/SZ/BJ have 6-digit codes (a `.SH` suffix allowed)
        let bare = code.split_once('.').map_or(code, |(c, _)| c);
        if kind == Some(SecurityKind::Stock)
            && matches!(exchange, Exchange::SH | Exchange::SZ | Exchange::BJ)
            && !(bare.len() == 6 && bare.bytes().all(|b| b.is_ascii_digit()))
        {
            let m = crate::i18n::import_msg::ImportMsg::CodeNotSixDigits {
                code: code.to_string(),
                exchange: exchange.code(),
            };
            row.problem("code", Msg::Import(m));
            return None;
        }
        Some(Security {
            code: code.to_string(),
            exchange,
            name: name?.to_string(),
            kind: kind?,
            board,
            industry,
            category,
            risk_rating,
            face_value,
        })
    }

    /// A file without some optional column leaves an existing security's stored value of it alone.
    fn write(&mut self, tx: &Db, s: &Security, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        if self.absent.any(&["exchange", "board", "industry", "category", "risk_rating", "face_value"])
            && let Some(old) = store::securities::get(tx, &s.code)?
        {
            let a = &self.absent;
            let merged = Security {
                exchange: a.keep("exchange", old.exchange, s.exchange),
                board: a.keep("board", old.board, s.board.clone()),
                industry: a.keep("industry", old.industry, s.industry.clone()),
                category: a.keep("category", old.category, s.category.clone()),
                risk_rating: a.keep("risk_rating", old.risk_rating, s.risk_rating),
                face_value: a.keep("face_value", old.face_value, s.face_value),
                ..s.clone()
            };
            return Ok(store::securities::upsert(tx, &merged)?);
        }
        Ok(store::securities::upsert(tx, s)?)
    }
}
