//! `securities`: code 证券代码, exchange? 交易所, name 证券名称, kind 证券类别, board? 板块,
//! industry? 行业, category? 类别细分, risk_rating? 风险等级, face_value? 面值 (yuan).
//!
//! Without an exchange the code's form decides ([`guess_exchange`]); without a rating the default
//! rating rules of SPEC §4.5 apply later.

use rusqlite::Connection;

use super::{Kind, Seen};
use crate::domain::model::{Exchange, Security, SecurityKind};
use crate::import::ImportOptions;
use crate::import::error::ImportError;
use crate::import::fields::{coded, guess_exchange, risk_rating, yuan_non_negative};
use crate::import::headers::Col;
use crate::import::row::Row;
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("code", &["证券代码", "代码", "产品代码"]),
    Col::opt("exchange", &["交易所", "市场"]),
    Col::req("name", &["证券名称", "证券简称", "产品名称", "名称"]),
    Col::req("kind", &["证券类别", "证券类型", "品种", "类别"]),
    Col::opt("board", &["板块"]),
    Col::opt("industry", &["行业"]),
    Col::opt("category", &["类别细分", "细分类别"]),
    Col::opt("risk_rating", &["风险等级", "产品风险等级"]),
    Col::opt("face_value", &["面值"]),
];

#[derive(Default)]
pub struct Securities {
    seen: Seen<String>,
}

impl Kind for Securities {
    type Record = Security;
    const COLUMNS: &'static [Col] = COLUMNS;
    const AFFECTS_BOOK: bool = false;

    fn load(_conn: &Connection, _opts: &ImportOptions) -> Result<Self, ImportError> {
        Ok(Securities::default())
    }

    fn parse(&mut self, _conn: &Connection, row: &mut Row<'_>, _opts: &ImportOptions) -> Option<Security> {
        let code = row.text("code");
        if let Some(c) = code {
            if c.chars().any(char::is_whitespace) {
                row.problem("code", format!("security code {c:?} contains spaces"));
            }
            self.seen.check(row, &["code"], c.to_string());
        }
        let exchange: Option<Exchange> = row.opt("exchange", coded::<Exchange>);
        let bad_exchange = row.cell("exchange").is_some() && exchange.is_none();
        let name = row.text("name");
        let kind = row.req("kind", coded::<SecurityKind>);
        let text = |row: &Row<'_>, f: &str| row.cell(f).unwrap_or_default().to_string();
        let board = text(row, "board");
        let industry = text(row, "industry");
        let category = text(row, "category");
        let risk_rating = row.opt("risk_rating", risk_rating);
        let face_value = row.opt("face_value", yuan_non_negative);
        let code = code?;
        if bad_exchange {
            return None;
        }
        Some(Security {
            code: code.to_string(),
            exchange: exchange.unwrap_or_else(|| guess_exchange(code)),
            name: name?.to_string(),
            kind: kind?,
            board,
            industry,
            category,
            risk_rating,
            face_value,
        })
    }

    fn write(&mut self, tx: &Connection, s: &Security, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        Ok(store::securities::upsert(tx, s)?)
    }
}
