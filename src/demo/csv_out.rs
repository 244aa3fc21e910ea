//! The demo book as import files: UTF-8 CSV with the SPEC §3 English headers, amounts in yuan to
//! the fen, prices in yuan to the 厘, dates `YYYY-MM-DD`.

use chrono::NaiveDate;

use super::book::DemoBook;
use crate::domain::id_number::Gender;
use crate::domain::model::PriceMilli;
use crate::domain::money::Fen;

/// Fen as a plain yuan figure: `123456` → `1234.56`.
pub fn yuan(fen: Fen) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

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

fn write<I, R>(header: &[&str], rows: I) -> Vec<u8>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(row.into_iter().collect::<Vec<String>>()).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// `manager_id,name,branch,role`.
pub fn managers(book: &DemoBook) -> Vec<u8> {
    write(
        &["manager_id", "name", "branch", "role"],
        book.managers
            .iter()
            .map(|m| [m.manager_id.clone(), m.name.clone(), m.branch.clone(), m.role.code().to_string()]),
    )
}

/// `customer_id,name,kind,gender,birth_date,id_number,mobile,manager_id,opened_on,investor_class,status`.
pub fn customers(book: &DemoBook) -> Vec<u8> {
    write(
        &[
            "customer_id",
            "name",
            "kind",
            "gender",
            "birth_date",
            "id_number",
            "mobile",
            "manager_id",
            "opened_on",
            "investor_class",
            "status",
        ],
        book.customers.iter().map(|c| {
            [
                c.customer_id.clone(),
                c.name.clone(),
                c.kind.code().to_string(),
                c.gender.map(Gender::code).unwrap_or_default().to_string(),
                opt_date(c.birth_date),
                c.id_number.clone(),
                c.mobile.clone().unwrap_or_default(),
                c.manager_id.clone(),
                date(c.opened_on),
                c.investor_class.code().to_string(),
                c.status.code().to_string(),
            ]
        }),
    )
}

/// `customer_id,as_of,cash,total_assets,net_commission_12m,other_income_12m,turnover_12m,last_trade_on`.
pub fn accounts(book: &DemoBook) -> Vec<u8> {
    write(
        &[
            "customer_id",
            "as_of",
            "cash",
            "total_assets",
            "net_commission_12m",
            "other_income_12m",
            "turnover_12m",
            "last_trade_on",
        ],
        book.accounts.iter().map(|a| {
            [
                a.customer_id.clone(),
                date(a.as_of),
                yuan(a.cash),
                yuan(a.total_assets),
                yuan(a.net_commission_12m),
                yuan(a.other_income_12m),
                yuan(a.turnover_12m),
                opt_date(a.last_trade_on),
            ]
        }),
    )
}

/// `customer_id,as_of,code,quantity,cost_price`.
pub fn holdings(book: &DemoBook) -> Vec<u8> {
    write(
        &["customer_id", "as_of", "code", "quantity", "cost_price"],
        book.holdings.iter().map(|h| {
            [h.customer_id.clone(), date(h.as_of), h.code.clone(), h.quantity.to_string(), price(h.cost_price)]
        }),
    )
}

/// `customer_id,questionnaire_id,version,answers,assessed_on` (answers in the `--answers` form, quoted).
pub fn assessments(book: &DemoBook) -> Vec<u8> {
    write(
        &["customer_id", "questionnaire_id", "version", "answers", "assessed_on"],
        book.assessments.iter().map(|a| {
            [
                a.customer_id.clone(),
                a.questionnaire_id.clone(),
                a.version.to_string(),
                a.answers.clone(),
                date(a.assessed_on),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_money_and_prices() {
        assert_eq!(yuan(123_456), "1234.56");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(-250), "-2.50");
        assert_eq!(price(12_340), "12.34");
        assert_eq!(price(1_935), "1.935");
        assert_eq!(price(1_000), "1.00");
        assert_eq!(price(1_419_500), "1419.50");
    }
}
