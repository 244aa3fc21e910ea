//! The China exchange business-day calendar (交易日历): weekends and the exchange holidays listed
//! in `assets/holidays.toml` are closed. Callback due dates fall on business days (SPEC §4.6):
//! a date on a closed day moves to the next business day; "within 2 trading days" counts
//! business days.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// The embedded holiday list.
pub const DEFAULT_HOLIDAYS_TOML: &str = include_str!("../../assets/holidays.toml");

/// Business days: Monday–Friday except the listed exchange holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
    /// First and last year the list covers.
    years: Option<(i32, i32)>,
}

/// Why a holiday file was refused.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error("{path}: {source}")]
    Toml { path: String, source: toml::de::Error },
    #[error("{path}: {rule}")]
    Invalid { path: String, rule: String },
}

#[derive(Deserialize)]
struct File {
    years: BTreeMap<String, Vec<NaiveDate>>,
}

impl Calendar {
    /// Parses a holiday file (`[years]` table: `2026 = ["2026-01-01", …]`); `path` names it in
    /// errors. Errors: TOML shape, a year key that is not a year, a date filed under another
    /// year, a date on a weekend (never a holiday: weekends are closed anyway), a date twice.
    pub fn from_toml(text: &str, path: &str) -> Result<Calendar, CalendarError> {
        let file: File = toml::from_str(text).map_err(|source| CalendarError::Toml { path: path.into(), source })?;
        let invalid = |rule: String| CalendarError::Invalid { path: path.into(), rule };
        let mut holidays = BTreeSet::new();
        let mut years: Option<(i32, i32)> = None;
        for (key, dates) in &file.years {
            let year: i32 = key.parse().map_err(|_| invalid(format!("years.{key}: not a year")))?;
            years = Some(years.map_or((year, year), |(a, b)| (a.min(year), b.max(year))));
            for d in dates {
                if d.year() != year {
                    return Err(invalid(format!("years.{key}: {d} is not in {year}")));
                }
                if is_weekend(*d) {
                    return Err(invalid(format!("years.{key}: {d} is a weekend (weekends are always closed)")));
                }
                if !holidays.insert(*d) {
                    return Err(invalid(format!("years.{key}: {d} listed twice")));
                }
            }
        }
        Ok(Calendar { holidays, years })
    }

    /// The embedded calendar (2022–2027).
    pub fn defaults() -> Calendar {
        Calendar::from_toml(DEFAULT_HOLIDAYS_TOML, "assets/holidays.toml")
            .expect("embedded holidays.toml is valid (tested)")
    }

    /// Whether the exchanges are open on `day`.
    pub fn is_business_day(&self, day: NaiveDate) -> bool {
        !is_weekend(day) && !self.holidays.contains(&day)
    }

    /// Whether `day` falls in a year the holiday list covers (outside it only weekends close).
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.years.is_some_and(|(a, b)| (a..=b).contains(&day.year()))
    }

    /// `day` if it is a business day, else the next one after it.
    pub fn on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let mut d = day;
        // at most a couple of weeks of closed days in a row; bounded so bad data cannot spin
        for _ in 0..60 {
            if self.is_business_day(d) {
                return d;
            }
            match d.succ_opt() {
                Some(n) => d = n,
                None => return d,
            }
        }
        d
    }

    /// The first business day strictly after `day`.
    pub fn next_after(&self, day: NaiveDate) -> NaiveDate {
        self.on_or_after(day.succ_opt().unwrap_or(day))
    }

    /// The business day `n` business days after `day` (`n = 0`: `day` itself if open, else the
    /// next business day). "Within 2 trading days" of a Friday is the next Tuesday.
    pub fn add_business_days(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut d = self.on_or_after(day);
        for _ in 0..n {
            d = self.next_after(d);
        }
        d
    }

    /// `day + days` calendar days, moved to a business day (on or after).
    pub fn add_days(&self, day: NaiveDate, days: u32) -> NaiveDate {
        self.on_or_after(day.checked_add_days(Days::new(u64::from(days))).unwrap_or(day))
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn national_day_moves_past_the_holiday() {
        let c = Calendar::defaults();
        // 2026-10-01 (Thu) … 10-07 (Wed) closed, 10-03/04 a weekend: first open day Thu 10-08
        assert_eq!(c.on_or_after(d("2026-10-01")), d("2026-10-08"));
        assert_eq!(c.on_or_after(d("2026-10-07")), d("2026-10-08"));
        assert_eq!(c.on_or_after(d("2026-09-30")), d("2026-09-30"), "an open day stays");
        // the 2025 National Day week ran to Wed 10-08
        assert_eq!(c.on_or_after(d("2025-10-01")), d("2025-10-09"));
        // spring festival 2026: 02-16 … 02-23 closed (with the weekend between)
        assert_eq!(c.on_or_after(d("2026-02-14")), d("2026-02-24"));
    }

    #[test]
    fn weekends_move_to_monday() {
        let c = Calendar::defaults();
        assert_eq!(c.on_or_after(d("2026-11-28")), d("2026-11-30")); // Sat → Mon
        assert_eq!(c.on_or_after(d("2026-11-29")), d("2026-11-30")); // Sun → Mon
        assert_eq!(c.next_after(d("2026-11-27")), d("2026-11-30")); // Fri → Mon
        assert_eq!(c.next_after(d("2026-11-30")), d("2026-12-01"));
    }

    #[test]
    fn trading_days_count_only_open_days() {
        let c = Calendar::defaults();
        assert_eq!(c.add_business_days(d("2026-11-27"), 2), d("2026-12-01")); // Fri + 2 = Tue
        assert_eq!(c.add_business_days(d("2026-09-29"), 2), d("2026-10-08")); // Tue + Wed, then the holiday
        assert_eq!(c.add_business_days(d("2026-11-28"), 0), d("2026-11-30"));
        assert_eq!(c.add_days(d("2026-09-01"), 30), d("2026-10-08")); // 10-01 → after National Day
    }

    #[test]
    fn holiday_list_covers_2022_to_2027_and_is_checked() {
        let c = Calendar::defaults();
        assert!(c.covers(d("2022-01-03")) && c.covers(d("2027-12-31")));
        assert!(!c.covers(d("2028-01-03")));
        assert!(!c.is_business_day(d("2027-02-08")));
        let weekend = "[years]\n2026 = [\"2026-10-03\"]\n";
        let err = Calendar::from_toml(weekend, "h.toml").unwrap_err().to_string();
        assert_eq!(err, "h.toml: years.2026: 2026-10-03 is a weekend (weekends are always closed)");
        let other_year = "[years]\n2026 = [\"2025-10-08\"]\n";
        assert!(Calendar::from_toml(other_year, "h.toml").unwrap_err().to_string().contains("not in 2026"));
    }
}
