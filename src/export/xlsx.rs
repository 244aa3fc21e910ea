//! XLSX export (rust_xlsxwriter): sheet 1 说明 states the scope, filters, sort, statistics date,
//! today, who exported and when, whether personal data is masked, and the row count; sheet 2,
//! named after the view (客户, 持仓, …), holds the rows under a bold, frozen header row with an
//! autofilter. Money is a number in yuan formatted `#,##0.00`, prices `#,##0.000`, dates real
//! Excel dates formatted `yyyy-mm-dd`; column widths follow the display width of the text
//! (a CJK character counts 2), capped; date-times (the audit log) `yyyy-mm-dd hh:mm:ss`. A text
//! cell that a spreadsheet would run as a formula (the triggers of [`super::cell::TRIGGERS`]) is
//! written as it is with Excel's quote-prefix style: shown and read back as text, no visible `'`.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

use super::{Meta, Table, Value};
use crate::domain::money::format_yuan;
use crate::domain::text::width;
use crate::session::Lang;

/// Number format of money cells (yuan).
pub const MONEY_FORMAT: &str = "#,##0.00";
/// Number format of price cells (yuan to the 厘).
pub const PRICE_FORMAT: &str = "#,##0.000";
/// Number format of date cells.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";
/// Number format of date-time cells (China time).
pub const DATETIME_FORMAT: &str = "yyyy-mm-dd hh:mm:ss";
/// The widest a column gets (Excel character units).
pub const MAX_WIDTH: usize = 60;

struct Formats {
    bold: Format,
    money: Format,
    price: Format,
    date: Format,
    datetime: Format,
    /// Text a spreadsheet would run as a formula: written as it is, with Excel's quote prefix
    /// (shown as text, no visible `'`).
    quoted: Format,
}

/// Writes a text cell: a formula-looking text (starting with one of the neutralisation triggers)
/// with the quote-prefix format, every other as plain text. Returns the width it takes.
fn text_cell(ws: &mut Worksheet, row: u32, col: u16, t: &str, f: &Formats) -> anyhow::Result<usize> {
    if needs_quote_prefix(t) {
        ws.write_string_with_format(row, col, t, &f.quoted)?;
    } else {
        ws.write_string(row, col, t)?;
    }
    Ok(width(t))
}

/// Whether a text cell gets the quote prefix (the same triggers as the CSV's leading `'`).
pub fn needs_quote_prefix(t: &str) -> bool {
    t.starts_with(crate::export::cell::TRIGGERS)
}

/// The workbook as bytes. Errors from rust_xlsxwriter (e.g. more rows than a sheet holds).
pub fn write(table: &Table, meta: &Meta) -> anyhow::Result<Vec<u8>> {
    let f = Formats {
        bold: Format::new().set_bold(),
        money: Format::new().set_num_format(MONEY_FORMAT),
        price: Format::new().set_num_format(PRICE_FORMAT),
        date: Format::new().set_num_format(DATE_FORMAT),
        datetime: Format::new().set_num_format(DATETIME_FORMAT),
        quoted: Format::new().set_quote_prefix(),
    };
    let lang = meta.lang;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("brokerdesk {}", table.view.sheet_name(lang)))
            .set_author(&meta.exported_by),
    );
    scope_sheet(wb.add_worksheet(), table, meta, &f)?;
    // rows are written in order: the data sheet streams them to a temporary file instead of
    // holding every cell in memory (≈ 1.5 GB for 390k holdings otherwise)
    data_sheet(wb.add_worksheet_with_constant_memory()?, table, lang, &f)?;
    Ok(wb.save_to_buffer()?)
}

/// The 说明 sheet: one `name | value` line per fact.
fn scope_sheet(ws: &mut Worksheet, table: &Table, meta: &Meta, f: &Formats) -> anyhow::Result<()> {
    let lang = meta.lang;
    ws.set_name(tr!(lang, ABOUT))?;
    let none = tr!(lang, NONE).to_string();
    let filters = if meta.filters.is_empty() {
        none.clone()
    } else {
        meta.filters.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("；")
    };
    let lines: Vec<(&str, String)> = vec![
        (tr!(lang, VIEW), table.view.sheet_name(lang).to_string()),
        (tr!(lang, SCOPE), meta.scope.clone()),
        (tr!(lang, FILTERS), filters),
        (tr!(lang, SORT), meta.sort.clone()),
        (tr!(lang, STATISTICS_DATE), meta.statistics_date.map(|d| d.to_string()).unwrap_or(none)),
        (tr!(lang, TODAY), meta.today.to_string()),
        (tr!(lang, EXPORTED_BY), meta.exported_by.clone()),
        (tr!(lang, EXPORTED_AT), crate::clock::china_time_text(meta.at)),
        (
            tr!(lang, PERSONAL_DATA),
            if meta.masked {
                tr!(lang, MASKED_ID_NUMBERS_AND_MOBILES_PARTLY)
            } else {
                tr!(lang, UNMASKED_FULL_ID_NUMBERS_AND_MOBILES)
            }
            .to_string(),
        ),
        (tr!(lang, ROWS_XINGSHU), table.rows.len().to_string()),
    ];
    let mut key_w = 0;
    let mut val_w = 0;
    for (i, (k, v)) in lines.iter().enumerate() {
        let row = i as u32;
        ws.write_string_with_format(row, 0, *k, &f.bold)?;
        text_cell(ws, row, 1, v, f)?;
        key_w = key_w.max(width(k));
        val_w = val_w.max(width(v));
    }
    ws.set_column_width(0, (key_w + 2) as f64)?;
    ws.set_column_width(1, (val_w + 2).min(MAX_WIDTH * 2) as f64)?;
    Ok(())
}

/// The view's sheet.
fn data_sheet(ws: &mut Worksheet, table: &Table, lang: Lang, f: &Formats) -> anyhow::Result<()> {
    ws.set_name(table.view.sheet_name(lang))?;
    let mut widths: Vec<usize> = Vec::with_capacity(table.columns.len());
    for (c, column) in table.columns.iter().enumerate() {
        let head = lang.pick(column.zh, column.en);
        ws.write_string_with_format(0, c as u16, head, &f.bold)?;
        widths.push(width(head));
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, v) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match v {
                Value::Text(t) => text_cell(ws, r, col, t, f)?,
                Value::Coded(_, label) => text_cell(ws, r, col, label, f)?,
                Value::Int(n) => {
                    ws.write_number(r, col, *n as f64)?;
                    n.to_string().len()
                }
                Value::Money(fen) => {
                    // fen → yuan: exact as an f64 for any balance below 2^53 fen (≈ 90 trillion yuan)
                    ws.write_number_with_format(r, col, *fen as f64 / 100.0, &f.money)?;
                    format_yuan(*fen).len()
                }
                Value::Price(milli) => {
                    ws.write_number_with_format(r, col, *milli as f64 / 1000.0, &f.price)?;
                    crate::demo::csv_out::price(*milli).len() + 2
                }
                Value::Date(d) => {
                    use chrono::Datelike;
                    let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, col, &dt, &f.date)?;
                    10
                }
                Value::DateTime(t) => {
                    use chrono::{Datelike, Timelike};
                    let dt = ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?.and_hms(
                        t.hour() as u16,
                        t.minute() as u8,
                        t.second() as u8,
                    )?;
                    ws.write_datetime_with_format(r, col, &dt, &f.datetime)?;
                    19
                }
                Value::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (w + 2).min(MAX_WIDTH) as f64)?;
    }
    if !table.columns.is_empty() {
        ws.set_freeze_panes(1, 0)?;
        // printed (or as PDF): the header on every page, landscape for the wide lists
        ws.set_repeat_rows(0, 0)?;
        ws.set_landscape();
        ws.set_paper_size(9); // A4
        // all columns on one page wide (as many pages tall as it takes): a printed list reads
        // across, not scattered over pages of column slices
        ws.set_print_fit_to_pages(1, 0);
        ws.autofilter(0, 0, table.rows.len() as u32, (table.columns.len() - 1) as u16)?;
    }
    Ok(())
}
