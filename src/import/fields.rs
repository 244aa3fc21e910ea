//! Parsers for one cell each: dates, amounts, prices, quantities, gender, mobile numbers and the
//! coded enums of the model. Pure, language-free functions `&str → Result<T, Msg>`; the error is
//! the message shown after `FILE:LINE: field:`, rendered in the import's language
//! ([`Msg::render`]). None of them panics on any input.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::domain::id_number::Gender;
use crate::domain::model::{
    CustomerKind, CustomerStatus, Exchange, InvestorClass, PriceMilli, Role, SecurityKind, Side,
};
use crate::domain::money::{Fen, MoneyError, parse_decimal};
use crate::domain::risk::ProductRisk;
use crate::i18n::import_msg::{Bound, ImportMsg};
use crate::i18n::{KeyChar, Msg, Noun};

/// Dates as `YYYY-MM-DD` (4-digit year, 2-digit month and day), `YYYYMMDD`, or Excel's short
/// form `YYYY/M/D` (one or two digits for month and day); a midnight time part
/// (`2024-01-05 00:00:00`, as Excel writes dates) is ignored. Years 1900–2099. Anything else —
/// `2025-2-3`, `+2025-01-01`, `12025-01-01` — is not a date (issue 11: never read leniently).
pub fn date(s: &str) -> Result<NaiveDate, Msg> {
    let t = s.trim();
    let day = match t.split_once([' ', 'T']) {
        Some((d, time)) if matches!(time.trim(), "00:00:00" | "0:00:00" | "00:00" | "0:00" | "00:00:00.000") => d,
        _ => t,
    };
    let digits =
        |p: &str, min: usize, max: usize| (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let shaped = |sep: char, min: usize| {
        let parts: Vec<&str> = day.split(sep).collect();
        parts.len() == 3 && digits(parts[0], 4, 4) && digits(parts[1], min, 2) && digits(parts[2], min, 2)
    };
    let parsed = if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(day, "%Y%m%d").ok()
    } else if shaped('-', 2) {
        NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
    } else if shaped('/', 1) {
        NaiveDate::parse_from_str(day, "%Y/%m/%d").ok()
    } else {
        None
    };
    use chrono::Datelike;
    match parsed {
        Some(d) if (1900..=2099).contains(&d.year()) => Ok(d),
        Some(_) => Err(Msg::DateOutOfRange { text: t.to_string() }),
        None => Err(Msg::NotADate { text: t.to_string() }),
    }
}

/// A moment of an order: a full date and time, or a time of day only (the date comes from elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    At(DateTime<Utc>),
    TimeOfDay(NaiveTime),
}

/// Order times: `YYYY-MM-DD HH:MM[:SS[.fff]]` (also with `/`, `T`, or `YYYYMMDD HHMMSS`) in China
/// time (UTC+8); RFC 3339 with an offset; or a time of day alone (`HH:MM:SS`, `HHMMSS`).
pub fn order_time(s: &str) -> Result<When, Msg> {
    let t = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(When::At(dt.with_timezone(&Utc)));
    }
    const DATETIME: &[&str] = &[
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y/%m/%d %H:%M:%S%.f",
        "%Y/%m/%d %H:%M",
        "%Y%m%d %H:%M:%S%.f",
        "%Y%m%d %H%M%S",
        "%Y%m%d%H%M%S",
    ];
    for f in DATETIME {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, f) {
            return china_to_utc(naive).map(When::At).ok_or_else(|| Msg::NotATime { text: t.to_string(), hint: false });
        }
    }
    const TIME: &[&str] = &["%H:%M:%S%.f", "%H:%M", "%H%M%S"];
    for f in TIME {
        if let Ok(time) = NaiveTime::parse_from_str(t, f) {
            return Ok(When::TimeOfDay(time));
        }
    }
    Err(Msg::NotATime { text: t.to_string(), hint: true })
}

/// A China-time (UTC+8) local date-time as a UTC instant.
pub fn china_to_utc(naive: NaiveDateTime) -> Option<DateTime<Utc>> {
    naive.and_local_timezone(crate::clock::china_offset()).single().map(|t| t.with_timezone(&Utc))
}

/// Thousands separators (`,` `，`, also spaces and `_`, which the number parser drops) may only
/// split the integer part into groups of 3 digits from the right: `1,000,000.5` and `12,300` pass;
/// `1,000,00`, `1,4,50`, `5,0000.00`, `,100`, `1,,000` and `0.5,00` do not. Text that is not
/// digits and separators (around a sign, a currency sign and a decimal point) is left to the
/// number parser to refuse.
pub fn thousands_separators(s: &str) -> Result<(), Msg> {
    let is_sep = |c: char| matches!(c, ',' | '，' | ' ' | '_');
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let t = s.trim().trim_start_matches(['¥', '￥', '-', '－', '+', ' ']).trim_end_matches(['¥', '￥', ' ']);
    if !t.chars().any(is_sep) {
        return Ok(());
    }
    let (int_part, frac_part) = match t.split_once(['.', '．']) {
        Some((i, f)) => (i, f),
        None => (t, ""),
    };
    if !int_part.chars().chain(frac_part.chars()).all(|c| is_digit(c) || is_sep(c)) {
        return Ok(());
    }
    let misplaced = || Err(Msg::MisplacedSeparator { text: s.trim().to_string() });
    if frac_part.chars().any(is_sep) {
        return misplaced();
    }
    let groups: Vec<usize> = int_part.split(is_sep).map(|g| g.chars().count()).collect();
    if groups.len() > 1 && !((1..=3).contains(&groups[0]) && groups[1..].iter().all(|&n| n == 3)) {
        return misplaced();
    }
    Ok(())
}

/// A free-text cell (a name, a branch, an industry): any control character (NUL, tab, a line
/// break inside quotes…) is refused.
pub fn plain_text(s: &str) -> Result<&str, Msg> {
    match s.chars().find(|c| c.is_control()) {
        Some(c) => Err(Msg::ControlChar { code: c as u32 }),
        None => Ok(s),
    }
}

/// A business key (资金账号, 客户经理编号, 证券代码): ASCII letters and digits, with `.`, `-` or
/// `_` inside (`000001.SH`). Full-width digits and anything else are refused, never converted.
pub fn key(s: &str) -> Result<&str, Msg> {
    let t = s.trim();
    let bad =
        t.chars().enumerate().find(|&(i, c)| !(c.is_ascii_alphanumeric() || (i > 0 && matches!(c, '.' | '-' | '_'))));
    match bad {
        None if !t.is_empty() => Ok(t),
        None => Err(Msg::Required),
        Some((_, c)) => {
            let bad = if ('\u{ff01}'..='\u{ff5e}').contains(&c) {
                KeyChar::FullWidth(c)
            } else if c.is_control() {
                KeyChar::Control(c as u32)
            } else {
                KeyChar::Other(c)
            };
            Err(Msg::BadKeyChar { text: t.to_string(), bad })
        }
    }
}

/// An amount in yuan (thousands separators allowed, at most 2 decimals) → fen.
/// Over ±10^15 yuan is refused ([`super::bounds::MAX_FEN`]).
pub fn yuan(s: &str) -> Result<Fen, Msg> {
    thousands_separators(s)?;
    let v = parse_decimal(s, 2).map_err(|e| number_error(e, Noun::Amount, 2))?;
    if v.checked_abs().is_none_or(|a| a > super::bounds::MAX_FEN) {
        return Err(over(Bound::Money, s));
    }
    Ok(v)
}

/// A figure over its sane maximum.
fn over(bound: Bound, s: &str) -> Msg {
    Msg::Import(ImportMsg::OverBound { bound, text: super::headers::cut(s.trim(), 40) })
}

/// A [`MoneyError`] of a number named `noun` read to `places` decimals, as a [`Msg`].
fn number_error(e: MoneyError, noun: Noun, places: u8) -> Msg {
    match e {
        MoneyError::Empty => Msg::EmptyNumber { noun },
        MoneyError::NotANumber(text) if places == 0 => Msg::NotAWholeNumber { noun, text },
        MoneyError::TooPrecise(text) if places == 0 => Msg::NotAWholeNumber { noun, text },
        MoneyError::NotANumber(text) => Msg::NotANumber { noun, text },
        MoneyError::TooPrecise(text) => Msg::TooManyDecimals { places, text },
        MoneyError::Overflow(text) => Msg::TooLarge { noun, text },
    }
}

/// An amount in yuan that may not be negative.
pub fn yuan_non_negative(s: &str) -> Result<Fen, Msg> {
    match yuan(s)? {
        v if v < 0 => Err(Msg::Negative { noun: Noun::Amount, text: s.trim().to_string() }),
        v => Ok(v),
    }
}

/// A price in yuan (at most 3 decimals) → 厘; negative prices are refused.
pub fn price(s: &str) -> Result<PriceMilli, Msg> {
    price_of(s, Noun::Price)
}

/// [`price`] named `what` in messages ([`Noun::CostPrice`]).
pub fn price_of(s: &str, what: Noun) -> Result<PriceMilli, Msg> {
    thousands_separators(s)?;
    let v = parse_decimal(s, 3).map_err(|e| number_error(e, what, 3))?;
    if v < 0 {
        return Err(Msg::Negative { noun: what, text: s.trim().to_string() });
    }
    if v > super::bounds::MAX_PRICE_MILLI {
        return Err(over(Bound::Price, s));
    }
    Ok(v)
}

/// A whole number ≥ 0 (thousands separators allowed; `100.00` is 100) named `what` in messages;
/// over 10^12 is refused ([`super::bounds::MAX_QUANTITY`]).
pub fn whole(s: &str, what: Noun) -> Result<i64, Msg> {
    thousands_separators(s)?;
    let v = parse_decimal(s, 0).map_err(|e| number_error(e, what, 0))?;
    if v < 0 {
        return Err(Msg::Negative { noun: what, text: s.trim().to_string() });
    }
    if v > super::bounds::MAX_QUANTITY {
        return Err(over(Bound::Quantity, s));
    }
    Ok(v)
}

/// A quantity of units ≥ 0.
pub fn quantity(s: &str) -> Result<i64, Msg> {
    whole(s, Noun::Quantity)
}

/// `M`/`F`/`男`/`女`.
pub fn gender(s: &str) -> Result<Gender, Msg> {
    Gender::parse(s).ok_or_else(|| Msg::UnknownGender { text: s.trim().to_string() })
}

/// A mainland mobile number: 11 digits starting with 1, after dropping spaces, dashes and a
/// `+86`/`0086`/`86` prefix. Returned as the 11 digits.
pub fn mobile(s: &str) -> Result<String, Msg> {
    let digits: String = s.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '\u{3000}')).collect();
    let rest = ["+86", "0086"].iter().find_map(|p| digits.strip_prefix(p)).unwrap_or(&digits);
    let rest = if rest.len() == 13 { rest.strip_prefix("86").unwrap_or(rest) } else { rest };
    if rest.len() == 11 && rest.starts_with('1') && rest.bytes().all(|b| b.is_ascii_digit()) {
        Ok(rest.to_string())
    } else {
        Err(Msg::NotAMobile { text: s.trim().to_string() })
    }
}

/// A questionnaire version: a whole number ≥ 1 (`v2` and `V2` accepted).
pub fn version(s: &str) -> Result<u32, Msg> {
    let t = s.trim();
    let digits = t.strip_prefix(['v', 'V']).unwrap_or(t);
    digits.parse::<u32>().ok().filter(|v| *v >= 1).ok_or_else(|| Msg::NotAVersion { text: t.to_string() })
}

/// A product risk rating: `R1`–`R5`, `1`–`5`, or 低/中低/中/中高/高 (with or without 风险).
pub fn risk_rating(s: &str) -> Result<ProductRisk, Msg> {
    let t = s.trim();
    if let Some(r) = ProductRisk::parse(t) {
        return Ok(r);
    }
    let label = t.strip_suffix("风险").unwrap_or(t);
    ProductRisk::ALL
        .into_iter()
        .find(|r| r.rank().to_string() == label || r.label_zh() == label)
        .ok_or_else(|| Msg::UnknownRiskRating { text: t.to_string() })
}

/// The exchange a code is listed on, guessed from its form when the file does not say: a suffix
/// `.SH`/`.SZ`/`.BJ`, else by the leading digits of a 6-digit code (6, 5, 9, 11 → SH; 92, 4, 8 →
/// BJ; 0, 1, 2, 3 → SZ); anything else is OTC. Put the exchange in the file for bonds.
pub fn guess_exchange(code: &str) -> Exchange {
    let upper = code.trim().to_ascii_uppercase();
    for (suffix, ex) in [(".SH", Exchange::SH), (".SZ", Exchange::SZ), (".BJ", Exchange::BJ)] {
        if upper.ends_with(suffix) {
            return ex;
        }
    }
    let b = upper.as_bytes();
    if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
        return Exchange::OTC;
    }
    match (b[0], b[1]) {
        (b'9', b'2') => Exchange::BJ,
        (b'6' | b'5' | b'9', _) | (b'1', b'1') => Exchange::SH,
        (b'4' | b'8', _) => Exchange::BJ,
        _ => Exchange::SZ,
    }
}

/// The coded enums of the model (English code or Chinese label).
pub trait Coded: Sized + Copy + 'static {
    fn all() -> &'static [Self];
    fn parse_text(s: &str) -> Option<Self>;
    fn code_text(self) -> &'static str;
    fn label_text(self) -> &'static str;
}

macro_rules! coded {
    ($($t:ty),+) => {$(
        impl Coded for $t {
            fn all() -> &'static [Self] { <$t>::ALL }
            fn parse_text(s: &str) -> Option<Self> { <$t>::parse(s) }
            fn code_text(self) -> &'static str { self.code() }
            fn label_text(self) -> &'static str { self.label_zh() }
        }
    )+};
}
coded!(Role, CustomerKind, InvestorClass, CustomerStatus, SecurityKind, Exchange, Side);

/// Parses a coded enum; the error lists the accepted values.
pub fn coded<T: Coded>(s: &str) -> Result<T, Msg> {
    T::parse_text(s).ok_or_else(|| Msg::UnknownValue {
        text: s.trim().to_string(),
        accepted: T::all().iter().map(|v| (v.code_text(), v.label_text())).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The error in English (the texts the team's tests have always asserted).
    fn en<T>(r: Result<T, Msg>) -> Result<T, String> {
        r.map_err(|m| m.render(Lang::En))
    }

    /// The error in Chinese (the default).
    fn zh<T: std::fmt::Debug>(r: Result<T, Msg>) -> String {
        r.unwrap_err().render(Lang::Zh)
    }

    #[test]
    fn every_parser_speaks_chinese() {
        assert_eq!(zh(date("2024-02-30")), "不是有效日期：\"2024-02-30\"（请用 YYYY-MM-DD 或 YYYYMMDD）");
        assert_eq!(zh(date("18000101")), "日期 \"18000101\" 超出范围（1900–2099 年）");
        assert_eq!(zh(order_time("9点半")), "不是有效时间：\"9点半\"（请用 YYYY-MM-DD HH:MM:SS，北京时间）");
        assert_eq!(zh(yuan("1,000,00")), "千分位分隔符位置不对：\"1,000,00\"（应每 3 位一组：1,234,567.89）");
        assert_eq!(zh(plain_text("张\0三")), "含有控制字符（U+0000）");
        assert_eq!(zh(key("")), "必填，但为空");
        assert_eq!(zh(key("M00１")), "\"M00１\" 含有全角字符 '１'：编号只能用半角字母和数字");
        assert_eq!(zh(yuan("x")), "不是有效金额：\"x\"");
        assert_eq!(zh(yuan("1.234")), "小数超过 2 位（不足 1 分）：\"1.234\"");
        assert_eq!(zh(yuan("99999999999999999999")), "金额过大：\"99999999999999999999\"");
        assert_eq!(zh(yuan_non_negative("-5")), "金额不能为负数：-5");
        assert_eq!(zh(price("1.2345")), "小数超过 3 位：\"1.2345\"");
        assert_eq!(zh(price_of("-5", Noun::CostPrice)), "成本价不能为负数：-5");
        assert_eq!(zh(price_of("x", Noun::CostPrice)), "不是有效成本价：\"x\"");
        assert_eq!(zh(quantity("1.5")), "数量不是整数：\"1.5\"");
        assert_eq!(zh(whole("", Noun::Volume)), "成交量为空");
        assert_eq!(zh(gender("x")), "未知性别 \"x\"（请用 M/F 或 男/女）");
        assert_eq!(zh(mobile("010-12345678")), "不是有效手机号码：\"********5678\"（应为 1 开头的 11 位数字）");
        assert_eq!(zh(version("0")), "不是有效版本号：\"0\"");
        assert_eq!(zh(risk_rating("R6")), "未知风险等级 \"R6\"（请用 R1–R5）");
        assert_eq!(zh(coded::<CustomerKind>("x")), "未知取值 \"x\"；可用：individual（个人）、institution（机构）");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-03-05"), Ok(d(2024, 3, 5)));
        assert_eq!(date("20240305"), Ok(d(2024, 3, 5)));
        assert_eq!(date("2024/3/5"), Ok(d(2024, 3, 5)));
        assert_eq!(date(" 2024-03-05 00:00:00 "), Ok(d(2024, 3, 5)));
        assert_eq!(en(date("2024-02-30")), Err("not a date: \"2024-02-30\" (use YYYY-MM-DD or YYYYMMDD)".into()));
        assert!(date("03/05/2024").is_err());
        assert!(date("2024-03-05 10:00:00").is_err());
        assert!(date("１２").is_err());
        // issue 11: only the accepted shapes, years 1900–2099
        for bad in ["2025-2-3", "+2025-01-01", "12025-01-01", "2025-01-1", "2025/001/02"] {
            assert!(matches!(date(bad), Err(Msg::NotADate { .. })), "{bad}");
        }
        for out in ["0000-01-01", "9999-12-31", "1899-12-31", "2100-01-01"] {
            assert!(matches!(date(out), Err(Msg::DateOutOfRange { .. })), "{out}");
        }
        assert_eq!(date("1975/11/2"), Ok(d(1975, 11, 2)));
        assert_eq!(date("2025/8/26"), Ok(d(2025, 8, 26)));
        assert_eq!(en(date("18000101")), Err("date \"18000101\" is out of range (1900–2099)".into()));
    }

    #[test]
    fn order_times_are_china_time() {
        let utc = |s: &str| When::At(s.parse::<DateTime<Utc>>().unwrap());
        assert_eq!(order_time("2025-08-26 09:31:05"), Ok(utc("2025-08-26T01:31:05Z")));
        assert_eq!(order_time("20250826 093105"), Ok(utc("2025-08-26T01:31:05Z")));
        assert_eq!(order_time("2025/08/26 09:31"), Ok(utc("2025-08-26T01:31:00Z")));
        assert_eq!(order_time("2025-08-26T09:31:05+08:00"), Ok(utc("2025-08-26T01:31:05Z")));
        assert_eq!(order_time("09:31:05"), Ok(When::TimeOfDay(NaiveTime::from_hms_opt(9, 31, 5).unwrap())));
        assert_eq!(order_time("093105"), Ok(When::TimeOfDay(NaiveTime::from_hms_opt(9, 31, 5).unwrap())));
        assert!(order_time("9点半").is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(yuan("1,234,567.89"), Ok(123_456_789));
        assert_eq!(yuan("-5"), Ok(-500));
        assert_eq!(en(yuan_non_negative("-5")), Err("negative amount -5".into()));
        assert_eq!(en(yuan("1.234")), Err("more than 2 decimals (finer than a fen): \"1.234\"".into()));
        assert_eq!(price("1,419.5"), Ok(1_419_500));
        assert_eq!(en(price("-1")), Err("negative price -1".into()));
        assert_eq!(en(price("x")), Err("not a price: \"x\"".into()));
        // the cell is quoted as written, not renamed with the field
        assert_eq!(en(price_of("price", Noun::CostPrice)), Err("not a cost price: \"price\"".into()));
        assert_eq!(en(price_of("-5", Noun::CostPrice)), Err("negative cost price -5".into()));
        assert_eq!(quantity("12,300"), Ok(12_300));
        assert_eq!(quantity("100.00"), Ok(100));
        assert_eq!(en(quantity("-100")), Err("negative quantity -100".into()));
        assert_eq!(en(quantity("1.5")), Err("quantity is not a whole number: \"1.5\"".into()));
        // sane maxima (issue 11): 10^12 units, 10^7 yuan a price, 10^15 yuan an amount
        assert_eq!(quantity("1000000000000"), Ok(1_000_000_000_000));
        assert_eq!(
            en(quantity("1000000000001")),
            Err("\"1000000000001\" is over the sane maximum for a quantity (10^12)".into())
        );
        assert_eq!(
            en(quantity("9223372036854775807")).unwrap_err(),
            "\"9223372036854775807\" is over the sane maximum for a quantity (10^12)"
        );
        assert_eq!(price("10000000"), Ok(10_000_000_000));
        assert_eq!(
            en(price("10000000.001")),
            Err("\"10000000.001\" is over the sane maximum for a price (10^7 yuan)".into())
        );
        assert_eq!(yuan("-1000000000000000"), Ok(-100_000_000_000_000_000));
        assert_eq!(
            en(yuan("1000000000000000.01")),
            Err("\"1000000000000000.01\" is over the sane maximum for an amount (10^15 yuan)".into())
        );
    }

    #[test]
    fn thousands_separators_only_every_three_digits() {
        for good in
            ["1,000", "12,300", "1,234,567.89", "-1,000.5", "¥1,000", "１，０００", "1 000 000", "100", "1000000"]
        {
            assert_eq!(thousands_separators(good), Ok(()), "{good}");
        }
        assert_eq!(
            en(yuan("1,000,00")),
            Err("misplaced thousands separator in \"1,000,00\" (groups of 3 digits: 1,234,567.89)".into())
        );
        assert_eq!(
            en(price("1,4,50")),
            Err("misplaced thousands separator in \"1,4,50\" (groups of 3 digits: 1,234,567.89)".into())
        );
        assert_eq!(
            en(yuan("5,0000.00")),
            Err("misplaced thousands separator in \"5,0000.00\" (groups of 3 digits: 1,234,567.89)".into())
        );
        for bad in [",100", "1,,000", "1000,000", "0.5,00", "1,000,", "-12,34"] {
            assert!(
                thousands_separators(bad).unwrap_err().render(Lang::En).starts_with("misplaced thousands separator"),
                "{bad}"
            );
        }
        assert_eq!(
            en(quantity("1,0000")),
            Err("misplaced thousands separator in \"1,0000\" (groups of 3 digits: 1,234,567.89)".into())
        );
        // not a number at all: the number parser says so
        assert_eq!(en(yuan("1,x00")), Err("not an amount: \"1,x00\"".into()));
    }

    #[test]
    fn keys_and_text() {
        assert_eq!(key("100001"), Ok("100001"));
        assert_eq!(key(" M001 "), Ok("M001"));
        assert_eq!(key("000001.SH"), Ok("000001.SH"));
        assert_eq!(
            en(key("１００００１")),
            Err("\"１００００１\" has full-width '１': keys must be ASCII letters and digits".into())
        );
        assert_eq!(
            en(key("M00１")),
            Err("\"M00１\" has full-width '１': keys must be ASCII letters and digits".into())
        );
        assert_eq!(en(key("10 01")), Err("\"10 01\" has ' ': keys must be ASCII letters and digits".into()));
        assert_eq!(en(key(".SH")), Err("\".SH\" has '.': keys must be ASCII letters and digits".into()));
        assert_eq!(en(key("张三")), Err("\"张三\" has '张': keys must be ASCII letters and digits".into()));
        assert_eq!(plain_text("张三"), Ok("张三"));
        assert_eq!(en(plain_text("张\0三")), Err("contains a control character (U+0000)".into()));
        assert_eq!(en(plain_text("a\u{7}b")), Err("contains a control character (U+0007)".into()));
    }

    #[test]
    fn people_fields() {
        assert_eq!(gender("女"), Ok(Gender::Female));
        assert_eq!(en(gender("x")), Err("unknown gender \"x\" (use M/F or 男/女)".into()));
        assert_eq!(mobile("138 0013 8000"), Ok("13800138000".into()));
        assert_eq!(mobile("+86-138-0013-8000"), Ok("13800138000".into()));
        assert_eq!(mobile("8613800138000"), Ok("13800138000".into()));
        assert!(mobile("010-12345678").is_err());
        assert!(mobile("1380013800０").is_err());
    }

    #[test]
    fn codes() {
        assert_eq!(coded::<Side>("买入"), Ok(Side::Buy));
        assert_eq!(coded::<CustomerKind>("机构"), Ok(CustomerKind::Institution));
        assert_eq!(
            en(coded::<CustomerKind>("x")),
            Err("unknown value \"x\"; use one of individual (个人), institution (机构)".into())
        );
        assert_eq!(risk_rating("r4"), Ok(ProductRisk::R4));
        assert_eq!(risk_rating("中高风险"), Ok(ProductRisk::R4));
        assert_eq!(risk_rating("5"), Ok(ProductRisk::R5));
        assert!(risk_rating("R6").is_err());
        assert_eq!(version("v2"), Ok(2));
        assert!(version("0").is_err());
        assert_eq!(guess_exchange("600519"), Exchange::SH);
        assert_eq!(guess_exchange("000001"), Exchange::SZ);
        assert_eq!(guess_exchange("300750"), Exchange::SZ);
        assert_eq!(guess_exchange("110043"), Exchange::SH);
        assert_eq!(guess_exchange("123001"), Exchange::SZ);
        assert_eq!(guess_exchange("920001"), Exchange::BJ);
        assert_eq!(guess_exchange("830799"), Exchange::BJ);
        assert_eq!(guess_exchange("510300"), Exchange::SH);
        assert_eq!(guess_exchange("000001.SH"), Exchange::SH);
        assert_eq!(guess_exchange("F0001"), Exchange::OTC);
    }

    proptest::proptest! {
        #[test]
        fn cell_parsers_never_panic(s in "\\PC{0,24}") {
            let _ = date(&s);
            let _ = order_time(&s);
            let _ = yuan(&s);
            let _ = price(&s);
            let _ = quantity(&s);
            let _ = gender(&s);
            let _ = mobile(&s);
            let _ = version(&s);
            let _ = risk_rating(&s);
            let _ = guess_exchange(&s);
            let _ = thousands_separators(&s);
            let _ = key(&s);
            let _ = plain_text(&s);
            let _ = coded::<SecurityKind>(&s);
            let _ = crate::import::headers::normalize(&s);
        }
    }
}
