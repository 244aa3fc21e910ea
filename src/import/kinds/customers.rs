//! `customers`: customer_id 资金账号, name 客户姓名, kind? 客户类型, gender? 性别, birth_date? 出生日期,
//! id_number 证件号码, mobile? 手机号码, manager_id 客户经理编号, opened_on 开户日期,
//! investor_class? 投资者类别, status? 状态.
//!
//! Individuals' ID numbers are checked (GB 11643) and give the gender and birth date when those
//! columns are absent or empty; a stated gender or birth date that disagrees with the ID is an
//! error. Institutions' codes are checked (GB 32100); they have no gender or birth date. Without a
//! kind column, a valid resident ID means an individual and a valid credit code an institution.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Kind, Seen, key_set};
use crate::domain::id_number::{Gender, parse_resident_id, parse_uscc};
use crate::domain::model::{Customer, CustomerKind, CustomerStatus, InvestorClass};
use crate::import::ImportOptions;
use crate::import::error::ImportError;
use crate::import::fields::{coded, date, gender, mobile};
use crate::import::headers::Col;
use crate::import::row::Row;
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("customer_id", &["资金账号", "资金帐号", "客户号", "客户编号"]),
    Col::req("name", &["客户姓名", "姓名", "客户名称"]),
    Col::opt("kind", &["客户类型", "客户类别"]),
    Col::opt("gender", &["性别"]),
    Col::opt("birth_date", &["出生日期"]),
    Col::req("id_number", &["证件号码", "证件号", "身份证号码", "身份证号"]),
    Col::opt("mobile", &["手机号码", "手机号", "手机", "移动电话"]),
    Col::req("manager_id", &["客户经理编号", "客户经理代码", "经理编号", "客户经理"]),
    Col::req("opened_on", &["开户日期"]),
    Col::opt("investor_class", &["投资者类别", "投资者分类"]),
    Col::opt("status", &["状态", "账户状态", "客户状态"]),
];

pub struct Customers {
    managers: HashSet<String>,
    seen: Seen<String>,
}

impl Kind for Customers {
    type Record = Customer;
    const COLUMNS: &'static [Col] = COLUMNS;
    const AFFECTS_BOOK: bool = true;

    fn load(conn: &Connection, _opts: &ImportOptions) -> Result<Self, ImportError> {
        Ok(Customers { managers: key_set(conn, "SELECT manager_id FROM managers")?, seen: Seen::default() })
    }

    fn parse(&mut self, _conn: &Connection, row: &mut Row<'_>, opts: &ImportOptions) -> Option<Customer> {
        let customer_id = row.text("customer_id");
        if let Some(id) = customer_id {
            self.seen.check(row, &["customer_id"], id.to_string());
        }
        let name = row.text("name");
        let stated_kind = row.opt("kind", coded::<CustomerKind>);
        let bad_kind = row.cell("kind").is_some() && stated_kind.is_none();
        let identity = identity(row, stated_kind, bad_kind);
        let mobile = row.opt("mobile", mobile);
        let manager_id = row.text("manager_id");
        if let Some(m) = manager_id
            && !self.managers.contains(m)
        {
            row.problem("manager_id", format!("unknown manager {m} (import the managers first)"));
        }
        let opened_on = row.req("opened_on", date);
        if let Some(d) = opened_on
            && d > opts.today
        {
            row.problem("opened_on", format!("opening date {d} is after today ({})", opts.today));
        }
        let investor_class = row.opt("investor_class", coded::<InvestorClass>).unwrap_or(InvestorClass::Ordinary);
        let status = row.opt("status", coded::<CustomerStatus>).unwrap_or(CustomerStatus::Active);
        let (kind, id_number, gender, birth_date) = identity?;
        Some(Customer {
            customer_id: customer_id?.to_string(),
            name: name?.to_string(),
            kind,
            gender,
            birth_date,
            id_number,
            mobile,
            manager_id: manager_id?.to_string(),
            opened_on: opened_on?,
            investor_class,
            status,
        })
    }

    fn write(&mut self, tx: &Connection, c: &Customer, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        Ok(store::customers::upsert(tx, c)?)
    }
}

type Identity = (CustomerKind, String, Option<Gender>, Option<NaiveDate>);

/// Kind, checked ID number, gender and birth date, with every disagreement recorded on the row.
fn identity(row: &mut Row<'_>, stated_kind: Option<CustomerKind>, bad_kind: bool) -> Option<Identity> {
    let id_text = row.text("id_number");
    let stated_gender = row.opt("gender", gender);
    let stated_birth = row.opt("birth_date", date);
    let id_text = id_text?;
    if bad_kind {
        return None;
    }
    let kind = match stated_kind {
        Some(k) => k,
        None if parse_resident_id(id_text).is_err() && parse_uscc(id_text).is_ok() => CustomerKind::Institution,
        None => CustomerKind::Individual,
    };
    match kind {
        CustomerKind::Institution => match parse_uscc(id_text) {
            Ok(code) => Some((kind, code, None, None)),
            Err(e) => {
                row.problem("id_number", format!("bad unified social credit code {id_text}: {e}"));
                None
            }
        },
        CustomerKind::Individual => {
            let id = match parse_resident_id(id_text) {
                Ok(id) => id,
                Err(e) => {
                    row.problem("id_number", format!("bad resident ID {id_text}: {e}"));
                    return None;
                }
            };
            if let Some(g) = stated_gender
                && g != id.gender
            {
                let cell = row.cell("gender").unwrap_or_default();
                row.problem(
                    "gender",
                    format!(
                        "{cell} does not match the ID number {}, which says {} ({})",
                        id.number,
                        id.gender.code(),
                        id.gender.label_zh()
                    ),
                );
            }
            if let Some(b) = stated_birth
                && b != id.birth_date
            {
                row.problem(
                    "birth_date",
                    format!("{b} does not match the ID number {}, which says {}", id.number, id.birth_date),
                );
            }
            Some((kind, id.number, Some(id.gender), Some(id.birth_date)))
        }
    }
}
