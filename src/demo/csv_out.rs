//! The demo book as import files: UTF-8 CSV with the SPEC §3 English headers, amounts in yuan to
//! the fen, prices in yuan to the 厘, dates `YYYY-MM-DD`.

use chrono::NaiveDate;

use super::book::DemoBook;
use crate::domain::id_number::Gender;
use crate::domain::model::PriceMilli;
use crate::domain::money::format_yuan_plain;

/// 厘 as a yuan price with at least 2 decimals: `12340` → `12.34`, `1935` → `1.935`.
pub fn price(milli: PriceMilli) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let a = milli.unsigned_abs();
    if a.is_multiple_of(10) {
        format!("{sign}{}.{:02}", a / 1000, (a % 1000) / 10)
    } else {
        format!("{sign}{}.{:03}", a / 1000, a % 1000)
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_default()
}

/// One column of an import file: its header and how a record fills it.
type Column<T> = (&'static str, fn(&T) -> String);

fn write<T>(records: &[T], columns: &[Column<T>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(columns.iter().map(|(header, _)| header)).expect("writing to memory");
    for r in records {
        // formula-looking text neutralised like every CSV we write (crate::export::cell)
        w.write_record(
            columns.iter().map(|(_, field)| crate::export::cell::neutralise_untyped(&field(r)).into_owned()),
        )
        .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// `manager_id,name,branch,role`.
pub fn managers(book: &DemoBook) -> Vec<u8> {
    write(
        &book.managers,
        &[
            ("manager_id", |m| m.manager_id.clone()),
            ("name", |m| m.name.clone()),
            ("branch", |m| m.branch.clone()),
            ("role", |m| m.role.code().to_string()),
        ],
    )
}

/// `customer_id,name,kind,gender,birth_date,id_number,mobile,manager_id,opened_on,investor_class,status`.
pub fn customers(book: &DemoBook) -> Vec<u8> {
    write(
        &book.customers,
        &[
            ("customer_id", |c| c.customer_id.clone()),
            ("name", |c| c.name.clone()),
            ("kind", |c| c.kind.code().to_string()),
            ("gender", |c| c.gender.map(Gender::code).unwrap_or_default().to_string()),
            ("birth_date", |c| opt_date(c.birth_date)),
            ("id_number", |c| c.id_number.clone()),
            ("mobile", |c| c.mobile.clone().unwrap_or_default()),
            ("manager_id", |c| c.manager_id.clone()),
            ("opened_on", |c| date(c.opened_on)),
            ("investor_class", |c| c.investor_class.code().to_string()),
            ("status", |c| c.status.code().to_string()),
        ],
    )
}

/// `customer_id,as_of,cash,total_assets,net_commission_12m,other_income_12m,turnover_12m,last_trade_on`.
pub fn accounts(book: &DemoBook) -> Vec<u8> {
    write(
        &book.accounts,
        &[
            ("customer_id", |a| a.customer_id.clone()),
            ("as_of", |a| date(a.as_of)),
            ("cash", |a| format_yuan_plain(a.cash)),
            ("total_assets", |a| format_yuan_plain(a.total_assets)),
            ("net_commission_12m", |a| format_yuan_plain(a.net_commission_12m)),
            ("other_income_12m", |a| format_yuan_plain(a.other_income_12m)),
            ("turnover_12m", |a| format_yuan_plain(a.turnover_12m)),
            ("last_trade_on", |a| opt_date(a.last_trade_on)),
        ],
    )
}

/// `customer_id,as_of,code,quantity,cost_price`.
pub fn holdings(book: &DemoBook) -> Vec<u8> {
    write(
        &book.holdings,
        &[
            ("customer_id", |h| h.customer_id.clone()),
            ("as_of", |h| date(h.as_of)),
            ("code", |h| h.code.clone()),
            ("quantity", |h| h.quantity.to_string()),
            ("cost_price", |h| price(h.cost_price)),
        ],
    )
}

/// `customer_id,time,code,side,price,quantity` (time in China time, `YYYY-MM-DD HH:MM:SS`).
pub fn orders(book: &DemoBook) -> Vec<u8> {
    write(
        &book.orders,
        &[
            ("customer_id", |o| o.customer_id.clone()),
            ("time", |o| o.time.with_timezone(&crate::clock::china_offset()).format("%Y-%m-%d %H:%M:%S").to_string()),
            ("code", |o| o.code.clone()),
            ("side", |o| o.side.code().to_string()),
            ("price", |o| price(o.price)),
            ("quantity", |o| o.quantity.to_string()),
        ],
    )
}

/// `customer_id,questionnaire_id,version,answers,assessed_on` (answers in the `--answers` form, quoted).
pub fn assessments(book: &DemoBook) -> Vec<u8> {
    write(
        &book.assessments,
        &[
            ("customer_id", |a| a.customer_id.clone()),
            ("questionnaire_id", |a| a.questionnaire_id.clone()),
            ("version", |a| a.version.to_string()),
            ("answers", |a| a.answers.clone()),
            ("assessed_on", |a| date(a.assessed_on)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_and_prices() {
        assert_eq!(format_yuan_plain(123_456), "1234.56");
        assert_eq!(format_yuan_plain(5), "0.05");
        assert_eq!(format_yuan_plain(-250), "-2.50");
        assert_eq!(price(12_340), "12.34");
        assert_eq!(price(1_935), "1.935");
        assert_eq!(price(1_000), "1.00");
        assert_eq!(price(1_419_500), "1419.50");
    }
}
