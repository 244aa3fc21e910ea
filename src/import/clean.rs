//! Cell cleaning before a row is parsed (issue 9, "Excel damage"; issue 11, size limits): what
//! spreadsheets and back offices do to cells, undone where it is safe and refused where the value
//! is lost. Pure functions over text; the row's parser then sees the cleaned cell.
//!
//! For every column the file maps to a field:
//! - a cell longer than [`max_chars`] is refused (never stored, never echoed);
//! - `="000858"` and `'000858` (Excel's ways of keeping a text) are unwrapped to the text inside;
//! - `--`, `-`, `—`, `——`, `N/A` read as empty when the field is optional;
//! - in an ID, account, mobile or code column ([`is_identity`]) a number in scientific notation
//!   (`3.30106E+17`: Excel lost the digits) or a masked value (`330108********1703`) is refused;
//! - a figure whose header carries a unit (`成交金额(万元)`) is multiplied by it exactly, by moving
//!   the decimal point ([`shift_decimal`]);
//! - a price with 4 decimals (back offices print 参考成本价 to 0.0001) is rounded half-up to the
//!   stored 0.001 yuan ([`round_price_4`]), and the import says so.

use std::borrow::Cow;

use csv::StringRecord;

use super::headers::{FieldClass, HeaderMap, Unit, class_of};
use crate::i18n::Msg;
use crate::i18n::import_msg::ImportMsg;

/// The most characters a cell may have: 1,000 for assessment answers, 200 for anything else.
pub fn max_chars(field: &str) -> usize {
    if field == "answers" { 1000 } else { 200 }
}

/// Fields whose values are identifiers (account, manager, security code, ID number, mobile):
/// Excel damage there is refused, never repaired.
pub fn is_identity(field: &str) -> bool {
    matches!(field, "customer_id" | "manager_id" | "code" | "id_number" | "mobile")
}

/// What cleaning found in one row: the cleaned cells (`None` when no cell changed: the row as
/// read is used, without a copy) and the problems, by field.
#[derive(Debug, Default)]
pub struct CleanRow {
    pub record: Option<StringRecord>,
    pub problems: Vec<(&'static str, Msg)>,
}

/// Prices rounded from 4 decimals, per field: (count, first line, from, to).
#[derive(Debug, Default)]
pub struct Rounded(pub Vec<(&'static str, usize, u64, String, String)>);

impl Rounded {
    fn note(&mut self, field: &'static str, line: u64, from: &str, to: &str) {
        match self.0.iter_mut().find(|r| r.0 == field) {
            Some(r) => r.1 += 1,
            None => self.0.push((field, 1, line, from.to_string(), to.to_string())),
        }
    }
}

/// Cleans the mapped cells of `record` (on `line`); `required(field)` says whether a field is
/// required (dashes only read as empty in optional ones).
pub fn clean_row(
    line: u64,
    record: &StringRecord,
    map: &HeaderMap,
    required: impl Fn(&str) -> bool,
    rounded: &mut Rounded,
) -> CleanRow {
    // the changed cells only: most rows change none, and are then used as read
    let mut changes: Vec<(usize, Cow<'_, str>)> = Vec::new();
    let mut problems = Vec::new();
    for (field, i, unit) in map.columns() {
        let Some(raw) = record.get(i) else { continue };
        match clean_cell(field, raw, required(field), unit) {
            Ok(cell) => {
                let cell = match (class_of(field), &cell) {
                    (Some(FieldClass::Price), c) => match round_price_4(c) {
                        Some(r) => {
                            rounded.note(field, line, c.trim(), &r);
                            Cow::Owned(r)
                        }
                        None => cell,
                    },
                    _ => cell,
                };
                // the row reader trims cells itself: only a different text is a change
                if cell.as_ref() != raw.trim() {
                    changes.push((i, cell));
                }
            }
            Err(m) => {
                problems.push((field, m));
                changes.push((i, Cow::Borrowed("")));
            }
        }
    }
    let record = (!changes.is_empty()).then(|| {
        let mut cells: Vec<&str> = record.iter().collect();
        for (i, c) in &changes {
            cells[*i] = c.as_ref();
        }
        let mut out = StringRecord::from(cells);
        out.set_position(record.position().cloned());
        out
    });
    CleanRow { record, problems }
}

/// One cell of `field` cleaned (see the module doc), or why it is refused.
pub fn clean_cell<'a>(field: &str, raw: &'a str, required: bool, unit: Option<&Unit>) -> Result<Cow<'a, str>, Msg> {
    let max = max_chars(field);
    if raw.len() > max && raw.chars().count() > max {
        return Err(Msg::Import(ImportMsg::TooLong { chars: raw.chars().count(), max }));
    }
    let t = unwrap_text(raw.trim());
    if !required && matches!(t.as_ref(), "--" | "-" | "—" | "——" | "－" | "N/A" | "n/a" | "NA") {
        return Ok(Cow::Borrowed(""));
    }
    if is_identity(field) {
        if is_scientific(&t) {
            return Err(Msg::Import(ImportMsg::ScientificNotation { text: t.into_owned() }));
        }
        if t.contains(['*', '＊']) {
            let text = match field {
                "id_number" => crate::domain::mask::mask_id_number(&t),
                "mobile" => crate::domain::mask::mask_mobile(&t),
                _ => t.to_string(),
            };
            return Err(Msg::Import(ImportMsg::Masked { text: super::headers::cut(&text, 40) }));
        }
    }
    if let Some(unit) = unit.filter(|u| u.shift > 0)
        && !t.is_empty()
    {
        super::fields::thousands_separators(&t)?;
        let scaled = shift_decimal(&t, unit.shift)
            .ok_or_else(|| Msg::Import(ImportMsg::NotANumberInUnit { text: t.to_string(), unit: unit.text.clone() }))?;
        // an amount finer than a fen once scaled: say so of the cell as written, not of the product
        let decimals = scaled.split_once('.').map_or(0, |(_, f)| f.len());
        if class_of(field) == Some(FieldClass::Amount) && decimals > 2 {
            return Err(Msg::Import(ImportMsg::FinerThanFenInUnit { text: t.into_owned(), unit: unit.text.clone() }));
        }
        return Ok(Cow::Owned(scaled));
    }
    Ok(t)
}

/// `="000858"` → `000858` (`""` inside → `"`); `'000858` → `000858` (a leading apostrophe
/// before a digit or letter; `'=…` is left for [`crate::export::cell::unneutralise`]).
pub fn unwrap_text(t: &str) -> Cow<'_, str> {
    if let Some(inner) = t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return Cow::Owned(inner.replace("\"\"", "\""));
    }
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| c.is_alphanumeric()) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(t),
    }
}

/// `3.30106E+17`, `1E10`, `-2.5e-3`: a number in scientific notation.
pub fn is_scientific(t: &str) -> bool {
    let Some((mantissa, exp)) = t.split_once(['e', 'E']) else { return false };
    let mantissa = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !exp.is_empty()
        && exp.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal text multiplied by 10^`shift` exactly, as text (`612.35`, 4 → `6123500`); thousands
/// separators, `¥` and spaces dropped. `None` when it is not a plain decimal number.
pub fn shift_decimal(t: &str, shift: u32) -> Option<String> {
    let cleaned: String = t.chars().filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | ' ' | '_')).collect();
    let (sign, body) = match cleaned.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let shift = shift as usize;
    let mut digits = String::with_capacity(int.len() + frac.len() + shift);
    digits.push_str(int);
    let (moved, rest) = if frac.len() > shift { frac.split_at(shift) } else { (frac, "") };
    digits.push_str(moved);
    for _ in moved.len()..shift {
        digits.push('0');
    }
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    Some(if rest.is_empty() { format!("{sign}{digits}") } else { format!("{sign}{digits}.{rest}") })
}

/// A non-negative price with exactly 4 decimals rounded half-up to 3 (`12.3456` → `12.346`,
/// `0.00005` untouched); `None` when the cell is not such a price.
pub fn round_price_4(t: &str) -> Option<String> {
    let t = t.trim();
    let (int, frac) = t.split_once('.')?;
    if frac.len() != 4
        || int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if frac.ends_with('0') {
        return None; // 12.3450 is 12.345 already: nothing rounded
    }
    let v: u128 = format!("{int}{frac}").parse().ok()?;
    let r = (v + 5) / 10;
    Some(format!("{}.{:03}", r / 1000, r % 1000))
}

/// Masks every token that looks like a full resident ID (18 characters, 17 digits and a digit or
/// X; or 15 digits) or a USCC (18 characters of digits and capitals, at least 8 digits) in a
/// message: a safety net so that no import message shows one whole (issue 11, item 4).
pub fn mask_ids(text: &str) -> Cow<'_, str> {
    let is_token = |c: char| c.is_ascii_alphanumeric();
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while let Some(start) = rest.find(is_token) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail.find(|c: char| !is_token(c)).unwrap_or(tail.len());
        let token = &tail[..end];
        let digits = token.bytes().filter(u8::is_ascii_digit).count();
        let id = match token.len() {
            18 => digits >= 17 || (digits >= 8 && token.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())),
            15 => digits == 15,
            _ => false,
        };
        if id {
            out.push_str(&crate::domain::mask::mask_id_number(token));
            changed = true;
        } else {
            out.push_str(token);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    if changed { Cow::Owned(out) } else { Cow::Borrowed(text) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_text_forms_are_unwrapped() {
        assert_eq!(unwrap_text("=\"000858\""), "000858");
        assert_eq!(unwrap_text("'000858"), "000858");
        assert_eq!(unwrap_text("=\"a\"\"b\""), "a\"b");
        assert_eq!(unwrap_text("'=1+1"), "'=1+1");
        assert_eq!(unwrap_text("000858"), "000858");
    }

    #[test]
    fn scientific_notation() {
        for yes in ["3.30106E+17", "1E10", "-2.5e-3", "1.38E+10"] {
            assert!(is_scientific(yes), "{yes}");
        }
        for no in ["310800100001", "E10", "1E", "1.2.3E4", "000858.SZ", "1e+"] {
            assert!(!is_scientific(no), "{no}");
        }
    }

    #[test]
    fn units_move_the_decimal_point_exactly() {
        assert_eq!(shift_decimal("612.35", 4).as_deref(), Some("6123500"));
        assert_eq!(shift_decimal("1,234.5678", 2).as_deref(), Some("123456.78"));
        assert_eq!(shift_decimal("-0.5", 3).as_deref(), Some("-500"));
        assert_eq!(shift_decimal("0.000012", 4).as_deref(), Some("0.12"));
        assert_eq!(shift_decimal("x", 4), None);
        assert_eq!(shift_decimal(".", 4), None);
    }

    #[test]
    fn an_amount_finer_than_a_fen_once_scaled_is_refused_as_written() {
        use crate::i18n::import_msg::UnitFits;
        let wan = crate::import::headers::Unit { text: "万元".into(), shift: 4, fits: UnitFits::Money };
        assert_eq!(clean_cell("total_assets", "612.35", true, Some(&wan)).as_deref(), Ok("6123500"));
        assert_eq!(clean_cell("total_assets", "612.123456", true, Some(&wan)).as_deref(), Ok("6121234.56"));
        let err = clean_cell("total_assets", "612.1234567", true, Some(&wan)).unwrap_err();
        assert_eq!(
            err.render(crate::session::Lang::Zh),
            "\"612.1234567\"（单位 万元）换算成元后超过 2 位小数（不足一分）"
        );
        // a count in 万股 may keep its decimals to the counting rules
        assert_eq!(clean_cell("quantity", "1.23456", true, Some(&wan)).as_deref(), Ok("12345.6"));
    }

    #[test]
    fn four_decimal_prices_round_half_up() {
        assert_eq!(round_price_4("12.3456").as_deref(), Some("12.346"));
        assert_eq!(round_price_4("12.3455").as_deref(), Some("12.346"));
        assert_eq!(round_price_4("12.3454").as_deref(), Some("12.345"));
        assert_eq!(round_price_4("9.9995").as_deref(), Some("10.000"));
        assert_eq!(round_price_4("12.3450"), None);
        assert_eq!(round_price_4("12.345"), None);
        assert_eq!(round_price_4("-1.2345"), None);
    }

    #[test]
    fn ids_are_masked_in_messages() {
        assert_eq!(mask_ids("bad 110105198001010017 here"), "bad 110105********0017 here");
        assert_eq!(mask_ids("x 91310000MA1FL8XX3Q"), "x 913100********XX3Q");
        assert_eq!(mask_ids("x 11010519800101X"), "x 11010519800101X");
        assert_eq!(mask_ids("310800100001 and 12.5"), "310800100001 and 12.5");
        assert_eq!(mask_ids("code 000858"), "code 000858");
    }
}
