//! CSV export: UTF-8 with a BOM (so Excel and WPS read the Chinese text), CRLF line ends, the
//! header row of the columns' English keys first (for customers and holdings: the import's
//! field names, SPEC §3). Money as yuan with two decimals (`1234.50`), prices to the 厘 as the
//! import files write them, dates `YYYY-MM-DD`, coded values as their codes (`individual`);
//! every text cell through [`super::cell::neutralise`].

use super::cell::neutralise;
use super::{Table, Value};
use crate::domain::money::format_yuan_plain;

/// The cell text of `v` in a CSV file.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Text(t) => neutralise(t).into_owned(),
        Value::Coded(code, _) => neutralise(code).into_owned(),
        Value::Int(n) => n.to_string(),
        Value::Money(fen) => format_yuan_plain(*fen),
        Value::Price(milli) => crate::demo::csv_out::price(*milli),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::DateTime(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Value::Empty => String::new(),
    }
}

/// The whole file: BOM, header, rows. Errors only if the csv writer fails (in memory: never).
pub fn write(table: &Table) -> anyhow::Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(table.columns.iter().map(|c| c.key))?;
        for row in &table.rows {
            w.write_record(row.iter().map(cell_text))?;
        }
        w.flush()?;
    }
    Ok(out)
}
