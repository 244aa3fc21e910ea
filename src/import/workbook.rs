//! Excel workbooks (`.xls`, `.xlsx`) read through calamine (issue 9, "Encodings and shapes"):
//! the first sheet with data becomes delimited text for the same table reader as a CSV, one line
//! per sheet row (so `FILE:LINE` is the row number Excel shows). A file named `.xls` that is not a
//! workbook (a trading terminal's tab text) is read as text, and the import says so.
//!
//! Cells: text as is; whole numbers without `.0`; other numbers in their shortest form; a number of
//! 10^15 or more (an ID or account Excel stored as a number, its last digits lost) in scientific
//! notation, which the ID, account, mobile and code columns refuse; dates as `YYYY-MM-DD` (with
//! `HH:MM:SS` when not midnight).

use calamine::{Data, Reader};

use crate::i18n::import_msg::ImportMsg;

/// Whether `bytes` are a workbook: a zip (xlsx) or an OLE2 compound file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Whether `name` ends like a workbook file (`.xls`, `.xlsx`, any case).
pub fn named_like_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".xls") || lower.ends_with(".xlsx")
}

/// A sheet as comma-separated text (CRLF-free, quoted where needed), and its name: the first sheet
/// with data for which `wanted` (the text holds the kind's table) is true, else the first with data
/// (whose header error then names it). Errors: an unreadable workbook, no sheet with data.
pub fn to_text(bytes: &[u8], wanted: &dyn Fn(&str) -> bool) -> Result<(String, String), ImportMsg> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| ImportMsg::Workbook { detail: super::headers::cut(&e.to_string(), 200) })?;
    let names = book.sheet_names();
    // the first sheet with data, unless a later one holds the table (our own exports open on a
    // 说明 sheet before the data sheet)
    let mut first: Option<(String, String)> = None;
    for (i, name) in names.iter().enumerate() {
        let range = match book.worksheet_range_at(i) {
            Some(Ok(r)) => r,
            Some(Err(e)) => return Err(ImportMsg::Workbook { detail: super::headers::cut(&e.to_string(), 200) }),
            None => continue,
        };
        if range.is_empty() {
            continue;
        }
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        let mut out = Vec::new();
        for _ in 0..row0 {
            out.push(b'\n');
        }
        for row in range.rows() {
            let mut cells: Vec<String> = vec![String::new(); col0 as usize];
            cells.extend(row.iter().map(cell_text));
            w.write_record(&cells).map_err(|e| ImportMsg::Workbook { detail: e.to_string() })?;
        }
        out.extend(w.into_inner().map_err(|e| ImportMsg::Workbook { detail: e.to_string() })?);
        let text = String::from_utf8(out).map_err(|e| ImportMsg::Workbook { detail: e.to_string() })?;
        if wanted(&text) {
            return Ok((text, name.clone()));
        }
        first.get_or_insert((text, name.clone()));
    }
    first.ok_or(ImportMsg::WorkbookEmpty)
}

/// One cell as text (see the module doc).
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e}"),
    }
}

/// A number cell as text: whole numbers below 10^15 without a decimal point, larger ones in
/// scientific notation (`3.30106E17`: digits were lost), others in their shortest form.
pub fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.abs() >= 1e15 {
        return format!("{f:E}");
    }
    if f.fract() == 0.0 {
        return format!("{}", f as i64);
    }
    format!("{f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_excel_shows_them() {
        assert_eq!(float_text(310800100001.0), "310800100001");
        assert_eq!(float_text(858.0), "858");
        assert_eq!(float_text(12.35), "12.35");
        assert_eq!(float_text(330106000000000000.0), "3.30106E17");
        assert!(crate::import::clean::is_scientific(&float_text(330106000000000000.0)));
    }

    #[test]
    fn magic_bytes() {
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(!is_workbook("证券代码\t证券名称\n".as_bytes()));
        assert!(named_like_workbook("持仓.XLS"));
        assert!(!named_like_workbook("持仓.csv"));
    }
}
