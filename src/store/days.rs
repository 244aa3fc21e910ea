//! Dates as the store keeps them: `YYYY-MM-DD` text (what chrono's rusqlite binding writes),
//! written and read by hand on the hot paths (an import's rows, the alert engine's reads) —
//! the same text, without chrono's formatter and parser per row.

use crate::store::db::Row;
use chrono::{Datelike, NaiveDate};

use rusqlite::types::ValueRef;

/// `day` as `YYYY-MM-DD` written into `buf` (the text chrono's binding stores, without its
/// formatter and allocation, once per imported row); `None` outside years 0–9999.
pub fn ymd(day: NaiveDate, buf: &mut [u8; 10]) -> Option<&str> {
    let (y, m, d) = (day.year(), day.month(), day.day());
    if !(0..=9999).contains(&y) {
        return None;
    }
    let y = y as u32;
    *buf = [
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
        b'-',
        b'0' + (m / 10) as u8,
        b'0' + (m % 10) as u8,
        b'-',
        b'0' + (d / 10) as u8,
        b'0' + (d % 10) as u8,
    ];
    std::str::from_utf8(buf).ok()
}

/// `day` as the `YYYY-MM-DD` text chrono's binding stores.
pub fn day_text(day: NaiveDate) -> String {
    let mut buf = [0u8; 10];
    match ymd(day, &mut buf) {
        Some(text) => text.to_string(),
        None => day.format("%F").to_string(),
    }
}

/// A `YYYY-MM-DD` text as a date: the fixed layout parsed by hand, anything else by chrono.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let num = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(s, "%F").ok()
}

/// Column `i` as a date (`NULL` → `None`); a text that is not a date is an error, as chrono's
/// `FromSql` makes it.
pub fn day_opt(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()
            .and_then(parse_day)
            .map(Some)
            .ok_or_else(|| rusqlite::Error::InvalidColumnType(i, "date".into(), rusqlite::types::Type::Text)),
        _ => r.get(i),
    }
}

/// Column `i` as a date; `NULL` is an error.
pub fn day(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    day_opt(r, i)?.ok_or(rusqlite::Error::InvalidColumnType(i, "date".into(), rusqlite::types::Type::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ymd_is_the_text_chrono_binds() {
        let mut buf = [0u8; 10];
        for (y, m, d) in [(2026, 12, 3), (1999, 1, 31), (2000, 2, 29), (12, 7, 4)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(ymd(day, &mut buf), Some(day.format("%F").to_string().as_str()));
        }
        assert_eq!(ymd(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), &mut buf), Some("2026-12-03"));
        assert_eq!(ymd(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap(), &mut buf), None);
    }

    #[test]
    fn days_parse_by_hand_as_chrono_does() {
        assert_eq!(parse_day("2025-08-26"), NaiveDate::from_ymd_opt(2025, 8, 26));
        assert_eq!(parse_day("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_day("2025-02-29"), None);
        assert_eq!(parse_day("2025-0a-26"), None);
        assert_eq!(day_text(NaiveDate::from_ymd_opt(987, 1, 2).unwrap()), "0987-01-02");
        assert_eq!(day_text(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()), "2025-12-31");
    }
}
