//! Formula neutralisation (CSV/formula injection, OWASP "CSV Injection"): a text cell that a
//! spreadsheet would run as a formula — one starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return — gets a leading `'`, so Excel, WPS and LibreOffice show it as text.
//!
//! Two callers, one rule:
//! - typed writers (the exports, CSV and XLSX) know which cells are text: money, counts and
//!   dates are written as numbers and never pass here, and every *text* cell starting with a
//!   trigger is neutralised ([`neutralise`]) — a customer named `+1` is text, and a spreadsheet
//!   would otherwise turn it into the number 1;
//! - untyped CSV text (the `report … --format csv` output, the import's rejects file, the demo's
//!   import files) cannot tell a text from an amount: there a cell that parses fully as a number
//!   (`-12.50`, `+3`, `1,234.5`) is data and is left alone ([`neutralise_untyped`], OWASP:
//!   neutralise only non-numeric cells).
//!
//! The import reads a neutralised cell back with [`unneutralise`], so an exported customers file
//! imports back unchanged.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (or, for tab and CR, that
/// some tools strip before doing so).
pub const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` parses fully as a plain number: an optional sign, digits (thousands commas
/// allowed), an optional fraction. `-12.50`, `+3`, `1,234.5` are numbers; `-2+3`, `-`, `=1` are not.
pub fn is_number(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let int_ok = !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !int.starts_with(',')
        && !int.ends_with(',');
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    int_ok && frac_ok
}

/// Whether a spreadsheet would take `text` as a formula: it starts with one of [`TRIGGERS`] and
/// is not a plain number.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(TRIGGERS) && !is_number(text)
}

/// A text cell as written: with a leading `'` when it starts with one of [`TRIGGERS`]
/// (`=HYPERLINK("x")` → `'=HYPERLINK("x")`, `+1` → `'+1`, `@SUM(A1)` → `'@SUM(A1)`, `-2+3` →
/// `'-2+3`); every other text unchanged (borrowed). For cells known to be text.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(TRIGGERS) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// A cell of unknown type as written: like [`neutralise`], except that a cell parsing fully as a
/// number (`-12.50`, `+3`) is data and stays as it is.
pub fn neutralise_untyped(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// The inverse of [`neutralise`] for the import: a `'` followed by a trigger is dropped
/// (`'=…` → `=…`, `'+1` → `+1`); every other cell unchanged (`'abc` stays `'abc`).
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

/// Every field of a whole CSV text passed through [`neutralise_untyped`] (for the serde-written reports).
/// The header and record shapes are kept; the output ends every record with `\n` like the
/// csv crate's default writer. Errors only on a malformed input (which our writers never produce).
pub fn neutralise_csv(text: &str) -> Result<String, csv::Error> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for record in r.records() {
        let record = record?;
        w.write_record(record.iter().map(neutralise_untyped).collect::<Vec<_>>().iter().map(|c| c.as_ref()))?;
    }
    let bytes = w.into_inner().map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_get_a_quote() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1", "a text cell, even if it looks like a number");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("\tcmd"), "'\tcmd");
        assert_eq!(neutralise("\r=1"), "'\r=1");
        assert_eq!(neutralise("张三"), "张三");
        assert_eq!(neutralise(""), "");
        assert_eq!(neutralise("a=b"), "a=b", "only the first character counts");
    }

    #[test]
    fn untyped_cells_keep_numbers() {
        assert_eq!(neutralise_untyped("=1+1"), "'=1+1");
        assert_eq!(neutralise_untyped("+1"), "+1", "a signed number is data");
        assert_eq!(neutralise_untyped("+1 (800)"), "'+1 (800)");
        assert_eq!(neutralise_untyped("-12.50"), "-12.50");
        assert_eq!(neutralise_untyped("-1,234.50"), "-1,234.50");
        assert_eq!(neutralise_untyped("-2+3"), "'-2+3");
        assert_eq!(neutralise_untyped("-"), "'-");
        assert_eq!(neutralise_untyped("-.5"), "'-.5", "not a plain number: no integer part");
        assert_eq!(neutralise_untyped("@x"), "'@x");
    }

    #[test]
    fn unneutralise_inverts() {
        for t in ["=HYPERLINK(\"x\")", "+1", "@SUM", "-2+3", "-12.50", "张三", "'quoted", "'", ""] {
            assert_eq!(unneutralise(&neutralise(t)), t, "{t:?}");
            assert_eq!(unneutralise(&neutralise_untyped(t)), t, "{t:?}");
        }
        assert_eq!(unneutralise("'abc"), "'abc", "a quote before plain text stays");
    }

    #[test]
    fn whole_csv() {
        let out = neutralise_csv("customer_id,message\n1,=1+1\n2,-3.5\n3,\"a,b\"\n").unwrap();
        assert_eq!(out, "customer_id,message\n1,'=1+1\n2,-3.5\n3,\"a,b\"\n");
    }
}
