//! Money: integer fen (分) everywhere; parsing of yuan amounts and display as yuan or 万.

/// An amount of money in fen (1 yuan = 100 fen).
pub type Fen = i64;

/// Fen per yuan.
pub const FEN_PER_YUAN: i64 = 100;
/// Fen per 万 (10,000 yuan).
pub const FEN_PER_WAN: i64 = 1_000_000;

/// Why a money or price text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("empty amount")]
    Empty,
    #[error("not a number: {0:?}")]
    NotANumber(String),
    #[error("more than 2 decimals (finer than a fen): {0:?}")]
    TooPrecise(String),
    #[error("amount too large: {0:?}")]
    Overflow(String),
}

/// Parses a yuan amount such as `1,234.5`, `-12`, `１２３` (full-width digits are folded), `¥88.00`
/// into fen. Thousands separators (`,` or `，`) and surrounding spaces are accepted; more than two
/// decimals is an error unless the extra digits are zeros.
///
/// ```
/// use brokerdesk::domain::money::parse_yuan;
/// assert_eq!(parse_yuan("1,234.56"), Ok(123_456));
/// assert_eq!(parse_yuan("-0.5"), Ok(-50));
/// ```
pub fn parse_yuan(text: &str) -> Result<Fen, MoneyError> {
    parse_decimal(text, 2)
}

/// Parses a decimal text into an integer scaled by `10^scale` (e.g. scale 3 for prices in 厘).
/// Same accepted forms as [`parse_yuan`].
pub fn parse_decimal(text: &str, scale: u32) -> Result<i64, MoneyError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | ' ' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            other => other,
        })
        .collect();
    if cleaned.is_empty() {
        return Err(MoneyError::Empty);
    }
    let (neg, body) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if (int_part.is_empty() && frac_part.is_empty())
        || !int_part.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return Err(MoneyError::NotANumber(text.to_string()));
    }
    let scale = scale as usize;
    let (kept, extra) = if frac_part.len() > scale { frac_part.split_at(scale) } else { (frac_part, "") };
    if extra.chars().any(|c| c != '0') {
        return Err(MoneyError::TooPrecise(text.to_string()));
    }
    let mut digits = String::with_capacity(int_part.len() + scale);
    digits.push_str(if int_part.is_empty() { "0" } else { int_part });
    digits.push_str(kept);
    for _ in kept.len()..scale {
        digits.push('0');
    }
    let value: i64 = digits.parse().map_err(|_| MoneyError::Overflow(text.to_string()))?;
    Ok(if neg { -value } else { value })
}

/// Formats fen as yuan with thousands separators and two decimals: `123456` → `"1,234.56"`.
pub fn format_yuan(fen: Fen) -> String {
    let neg = fen < 0;
    let abs = fen.unsigned_abs();
    let mut out = group_thousands(abs / 100);
    out.push('.');
    out.push_str(&format!("{:02}", abs % 100));
    if neg { format!("-{out}") } else { out }
}

/// Formats fen as plain yuan with two decimals and no separators, as machine-read files want it:
/// `123450` → `"1234.50"`, `-5` → `"-0.05"`.
pub fn format_yuan_plain(fen: Fen) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Formats fen as whole yuan with thousands separators (rounded half away from zero): `123456` → `"1,235"`.
pub fn format_yuan_whole(fen: Fen) -> String {
    let neg = fen < 0;
    let abs = fen.unsigned_abs();
    let yuan = (abs + 50) / 100;
    let out = group_thousands(yuan);
    if neg && yuan > 0 { format!("-{out}") } else { out }
}

/// Formats fen in 万 with one decimal where space is short: `52_345_000_00` → `"5,234.5万"`;
/// below 1万 in whole yuan with its unit (`500_000` → `"5,000元"`, not `0.5万`; `0` → `"0元"`), so a
/// small figure never reads `0.0万`.
pub fn format_wan(fen: Fen) -> String {
    let neg = fen < 0;
    let abs = fen.unsigned_abs();
    if abs < FEN_PER_WAN as u64 - 50 {
        // rounds to under 10,000 yuan
        return format!("{}元", format_yuan_whole(fen));
    }
    // tenths of 万, rounded half up
    let tenths = (abs + FEN_PER_WAN as u64 / 20) / (FEN_PER_WAN as u64 / 10);
    let out = format!("{}.{}万", group_thousands(tenths / 10), tenths % 10);
    if neg && tenths > 0 { format!("-{out}") } else { out }
}

/// Formats a yuan figure compactly: below 10万 as whole yuan, from 10万 as 万 (for narrow columns).
pub fn format_compact(fen: Fen) -> String {
    if fen.abs() < 10 * FEN_PER_WAN { format_yuan_whole(fen) } else { format_wan(fen) }
}

/// `part / whole` in basis points (1 bp = 0.01 %), e.g. a position's weight in total assets, rounded half away from zero; `None` for a zero whole.
pub fn ratio_bp(part: Fen, whole: Fen) -> Option<i64> {
    if whole == 0 {
        return None;
    }
    let (n, d) =
        if whole < 0 { (-(part as i128) * 10_000, -(whole as i128)) } else { (part as i128 * 10_000, whole as i128) };
    let q = if n >= 0 { (n + d / 2) / d } else { (n - d / 2) / d };
    Some(q as i64)
}

/// A count with thousands separators: `2107` → `"2,107"`.
pub fn format_count(n: u64) -> String {
    group_thousands(n)
}

fn group_thousands(mut n: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    let mut parts = Vec::new();
    while n > 0 {
        parts.push(n % 1000);
        n /= 1000;
    }
    let mut out = format!("{}", parts.pop().unwrap_or(0));
    while let Some(p) = parts.pop() {
        out.push_str(&format!(",{p:03}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yuan_forms() {
        assert_eq!(parse_yuan("1,234.56"), Ok(123_456));
        assert_eq!(parse_yuan(" 5000000 "), Ok(500_000_000));
        assert_eq!(parse_yuan("0.1"), Ok(10));
        assert_eq!(parse_yuan(".5"), Ok(50));
        assert_eq!(parse_yuan("-12"), Ok(-1200));
        assert_eq!(parse_yuan("１，２００．５"), Ok(120_050));
        assert_eq!(parse_yuan("3.1400"), Ok(314));
        assert_eq!(parse_yuan("3.141"), Err(MoneyError::TooPrecise("3.141".into())));
        assert_eq!(parse_yuan(""), Err(MoneyError::Empty));
        assert!(matches!(parse_yuan("12a"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(parse_yuan("."), Err(MoneyError::NotANumber(_))));
        assert!(matches!(parse_yuan("99999999999999999999"), Err(MoneyError::Overflow(_))));
    }

    #[test]
    fn parses_prices_in_milli() {
        assert_eq!(parse_decimal("1419.5", 3), Ok(1_419_500));
        assert_eq!(parse_decimal("2.345", 3), Ok(2345));
    }

    #[test]
    fn formats() {
        assert_eq!(format_yuan(123_456), "1,234.56");
        assert_eq!(format_yuan(-5), "-0.05");
        assert_eq!(format_yuan(0), "0.00");
        assert_eq!(format_yuan_whole(123_456), "1,235");
        assert_eq!(format_yuan_whole(99_999_949), "999,999");
        assert_eq!(format_wan(5_234_500_000), "5,234.5万");
        assert_eq!(format_wan(50_000), "500元");
        assert_eq!(format_wan(0), "0元");
        assert_eq!(format_wan(-123_456), "-1,235元");
        assert_eq!(format_wan(999_949), "9,999元");
        // 9,999.50 yuan rounds to 10,000: shown in 万, never as 10,000元
        assert_eq!(format_wan(999_950), "1.0万");
        assert_eq!(format_wan(1_000_000), "1.0万");
    }

    #[test]
    fn ratios_in_basis_points() {
        assert_eq!(ratio_bp(623, 1000), Some(6230));
        assert_eq!(ratio_bp(1, 3), Some(3333));
        assert_eq!(ratio_bp(2, 3), Some(6667));
        assert_eq!(ratio_bp(5, 0), None);
        assert_eq!(ratio_bp(-1, 3), Some(-3333));
    }

    #[test]
    fn plain_yuan() {
        assert_eq!(format_yuan_plain(123_450), "1234.50");
        assert_eq!(format_yuan_plain(-5), "-0.05");
        assert_eq!(format_yuan_plain(0), "0.00");
    }

    #[test]
    fn counts() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(2107), "2,107");
        assert_eq!(format_count(100_000), "100,000");
    }

    #[test]
    fn compact_switches_at_ten_wan() {
        assert_eq!(format_compact(9_999_900), "99,999");
        assert_eq!(format_compact(10_000_000), "10.0万");
    }
}
