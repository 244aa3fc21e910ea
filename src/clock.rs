//! The one place that reads the clock. Everything else takes `today` / `now` as parameters.
//!
//! Business dates are China Standard Time (UTC+8, no daylight saving); `--today` overrides today
//! for reviews of a past day and for tests (SPEC §2).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// China Standard Time, UTC+8.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("8h is a valid offset")
}

/// Today in China: `override_today` if given, else the system clock's date at UTC+8.
pub fn today(override_today: Option<NaiveDate>) -> NaiveDate {
    override_today.unwrap_or_else(|| china_date_of(Utc::now()))
}

/// The China business date of an instant.
pub fn china_date_of(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&china_offset()).date_naive()
}

/// Now as a UTC instant (for audit and record times). With an overridden `today` the instant is
/// that day's 09:00 China time, so records made in a review or a test are reproducible.
pub fn now(override_today: Option<NaiveDate>) -> DateTime<Utc> {
    match override_today {
        Some(day) => day
            .and_hms_opt(9, 0, 0)
            .and_then(|t| t.and_local_timezone(china_offset()).single())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(Utc::now),
        None => Utc::now(),
    }
}

/// The instant for a record a person makes (a logged call, an acknowledgement, an assessment, a
/// reassignment, an export, an audit row): always the real time. `--today` moves business dates
/// only (what is due, what is overdue, the call's date), never who-did-what-when, so the audit
/// log stays in the order things happened (issue 8 QA, issue 11). `_today` is the session's
/// business date, kept in the signature so call sites say which session the record belongs to.
pub fn now_on(_today: NaiveDate) -> DateTime<Utc> {
    Utc::now()
}

/// An instant as China time text, `2026-11-29 09:00:00`.
pub fn china_time_text(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&china_offset()).format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn china_date_crosses_midnight_before_utc() {
        // 2026-11-28 23:30 UTC is already 2026-11-29 07:30 in Beijing.
        let t: DateTime<Utc> = "2026-11-28T23:30:00Z".parse().unwrap();
        assert_eq!(china_date_of(t), NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
        let d = NaiveDate::from_ymd_opt(2025, 8, 26).unwrap();
        assert_eq!(today(Some(d)), d);
        assert_eq!(now(Some(d)).to_rfc3339(), "2025-08-26T01:00:00+00:00");
    }
}
