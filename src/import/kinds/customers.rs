//! `customers`: customer_id 资金账号, name 客户姓名, kind? 客户类型, gender? 性别, birth_date? 出生日期,
//! id_number 证件号码, mobile? 手机号码, manager_id 客户经理编号, opened_on 开户日期,
//! investor_class? 投资者类别, status? 状态.
//!
//! Individuals' ID numbers are checked (GB 11643) and give the gender and birth date when those
//! columns are absent or empty; a stated gender or birth date that disagrees with the ID is an
//! error. Institutions' codes are checked (GB 32100); they have no gender or birth date. Without a
//! kind column, a valid resident ID means an individual and a valid credit code an institution
//! (for a new customer; an existing one keeps its stored kind). A birth date after today or after
//! the opening date is an error.
//!
//! An optional column absent from the file leaves an existing customer's stored value alone
//! (mobile, investor class, status, kind); an empty cell in a present column means empty or the
//! default, as for a new customer.

use crate::store::db::Db;
use chrono::{Datelike, NaiveDate};

use super::{Absent, Kind, Seen, StoredCustomers, key, key_set, plain, stored_customers};
use crate::domain::id_number::{Gender, IdError, parse_resident_id, parse_uscc};
use crate::domain::model::{Customer, CustomerKind, CustomerStatus, InvestorClass};
use crate::i18n::{DateNoun, IdIssue, Msg};
use crate::import::error::ImportError;
use crate::import::fields::{coded, date, gender, mobile};
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("customer_id", &["资金账号", "资金帐号", "资产账户", "资产账号"]).or(&["客户号", "客户编号"]),
    Col::req("name", &["客户姓名", "姓名", "客户名称"]),
    Col::opt("kind", &["客户类型", "客户类别"]),
    Col::opt("gender", &["性别"]),
    Col::opt("birth_date", &["出生日期"]),
    Col::req("id_number", &["证件号码", "证件号", "身份证号码", "身份证号"]),
    Col::opt("mobile", &["手机号码", "手机号", "手机", "移动电话"]),
    Col::req("manager_id", &["客户经理编号", "客户经理代码", "经理编号"]).or(&["客户经理"]),
    Col::req("opened_on", &["开户日期"]),
    Col::opt("investor_class", &["投资者类别", "投资者分类"]),
    Col::opt("status", &["状态", "账户状态", "客户状态"]),
];

/// The optional columns whose stored values an existing customer keeps when the file lacks them
/// (its kind is kept at parse time; its gender and birth date always follow its ID number).
const KEPT: [&str; 3] = ["mobile", "investor_class", "status"];

pub struct Customers {
    managers: super::Keys,
    /// The stored customers, when the file has no kind column (an existing customer's kind then
    /// decides how its ID number is read); empty otherwise.
    stored: StoredCustomers,
    seen: Seen<String>,
    absent: Absent,
}

impl Kind for Customers {
    const KIND: ImportKind = ImportKind::Customers;
    const ALERTS: super::AlertsAfter = super::AlertsAfter::Records;
    type Record = Customer;

    fn load(conn: &Db, header: &HeaderMap) -> Result<Self, ImportError> {
        Ok(Customers {
            managers: key_set(conn, "SELECT manager_id FROM managers")?,
            stored: if header.has("kind") { StoredCustomers::default() } else { stored_customers(conn)? },
            seen: Seen::default(),
            absent: Absent::of(header, COLUMNS),
        })
    }

    fn parse(&mut self, _conn: &Db, row: &mut Row<'_>, opts: &ImportOptions) -> Option<Customer> {
        let customer_id = key(row, "customer_id");
        if let Some(id) = customer_id {
            self.seen.check(row, &["customer_id"], id.to_string());
        }
        let name = plain(row, "name");
        let stated_kind = row.opt("kind", coded::<CustomerKind>);
        let bad_kind = row.cell("kind").is_some() && stated_kind.is_none();
        // without a kind column an existing customer keeps its kind; a new one's comes from the ID
        let stored_kind = customer_id.and_then(|id| self.stored.get(id)).map(|c| c.kind);
        let kind = match (stated_kind, stored_kind) {
            (Some(k), _) => Some(Stated::InFile(k)),
            (None, Some(k)) => Some(Stated::Stored(k)),
            (None, None) => None,
        };
        let identity = identity(row, kind, bad_kind, opts.today);
        let mobile = row.opt("mobile", mobile);
        let manager_id = key(row, "manager_id");
        if let Some(m) = manager_id
            && !self.managers.contains(m)
        {
            row.problem("manager_id", Msg::UnknownManager { id: m.to_string() });
        }
        let opened_on = row.req("opened_on", date);
        if let Some(d) = opened_on
            && d > opts.today
        {
            row.problem("opened_on", Msg::AfterToday { what: DateNoun::OpeningDate, day: d, today: opts.today });
        }
        if let (Some((_, _, _, Some(born))), Some(d)) = (&identity, opened_on)
            && d < *born
        {
            row.problem("opened_on", Msg::OpeningBeforeBirth { opened: d, born: *born });
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

    fn customer_of(record: &Self::Record) -> Option<&str> {
        Some(&record.customer_id)
    }

    /// An existing customer keeps its stored mobile, investor class and status when the file has
    /// no such column.
    fn write(&mut self, tx: &Db, c: &Customer, _opts: &ImportOptions) -> Result<Upsert, ImportError> {
        if self.absent.any(&KEPT)
            && let Some(old) = store::customers::get(tx, &c.customer_id)?
        {
            let a = &self.absent;
            let merged = Customer {
                mobile: a.keep("mobile", old.mobile, c.mobile.clone()),
                investor_class: a.keep("investor_class", old.investor_class, c.investor_class),
                status: a.keep("status", old.status, c.status),
                ..c.clone()
            };
            return Ok(store::customers::upsert(tx, &merged)?);
        }
        Ok(store::customers::upsert(tx, c)?)
    }
}

/// Where a customer's kind comes from: the file's kind column, or the stored customer.
#[derive(Clone, Copy)]
enum Stated {
    InFile(CustomerKind),
    Stored(CustomerKind),
}

type Identity = (CustomerKind, String, Option<Gender>, Option<NaiveDate>);

/// Kind, checked ID number, gender and birth date, with every disagreement recorded on the row.
fn identity(row: &mut Row<'_>, stated: Option<Stated>, bad_kind: bool, today: NaiveDate) -> Option<Identity> {
    let id_text = row.text("id_number");
    let stated_gender = row.opt("gender", gender);
    let stated_birth = row.opt("birth_date", date);
    let id_text = id_text?;
    if bad_kind {
        return None;
    }
    let kind = match stated {
        Some(Stated::InFile(k) | Stated::Stored(k)) => k,
        None if parse_resident_id(id_text).is_err() && parse_uscc(id_text).is_ok() => CustomerKind::Institution,
        None => CustomerKind::Individual,
    };
    // a stored kind the ID does not fit: say where the kind came from
    let stored = match stated {
        Some(Stated::Stored(k)) => Some(k),
        _ => None,
    };
    match kind {
        CustomerKind::Institution => match parse_uscc(id_text) {
            Ok(code) => Some((kind, code, None, None)),
            Err(e) => {
                row.problem("id_number", Msg::BadUscc { text: id_text.to_string(), error: e, stored });
                None
            }
        },
        CustomerKind::Individual => {
            let id = match parse_resident_id(id_text) {
                Ok(id) => id,
                Err(e) => {
                    let issue = resident_id_issue(e);
                    row.problem("id_number", Msg::BadResidentId { text: id_text.to_string(), issue, stored });
                    return None;
                }
            };
            if id.birth_date > today {
                row.problem("id_number", Msg::IdBirthInFuture { number: id.number.clone(), birth: id.birth_date });
                return None;
            }
            if let Some(g) = stated_gender
                && g != id.gender
            {
                let cell = row.cell("gender").unwrap_or_default().to_string();
                row.problem("gender", Msg::GenderMismatch { cell, number: id.number.clone(), gender: id.gender });
            }
            if let Some(b) = stated_birth
                && b != id.birth_date
            {
                row.problem(
                    "birth_date",
                    Msg::BirthDateMismatch { given: b, number: id.number.clone(), birth: id.birth_date },
                );
            }
            Some((kind, id.number, Some(id.gender), Some(id.birth_date)))
        }
    }
}

/// The domain's error, except for a real date before 1900, which the domain calls "not a real
/// date": that is a birth year out of range.
fn resident_id_issue(e: IdError) -> IdIssue {
    if let IdError::BirthDate(digits) = &e
        && let Ok(d) = NaiveDate::parse_from_str(digits, "%Y%m%d")
        && d.year() < 1900
    {
        return IdIssue::BirthYearBefore1900(d.year());
    }
    IdIssue::Id(e)
}
