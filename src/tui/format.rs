//! Display forms of figures for the screens, built on `domain::money` (which owns money text).
//! Widths are measured only through `domain::text`.

use crate::domain::model::PriceMilli;
use crate::domain::money::{
    FEN_PER_WAN, Fen, format_compact, format_count, format_wan, format_yuan, format_yuan_whole,
};
use crate::domain::text::width;

/// Fen per 亿 (100 million yuan).
const FEN_PER_YI: i64 = 10_000 * FEN_PER_WAN;

/// A signed integer with thousands separators (`12,345`, `-1,000`); counts use
/// [`format_count`].
pub fn grouped(n: i64) -> String {
    let text = format_count(n.unsigned_abs());
    if n < 0 { format!("-{text}") } else { text }
}

/// `n` in units of `per`, rounded half away from zero to `decimals` decimals, grouped, with
/// `unit` after it (`12,345.6万`); no sign when it rounds to zero.
fn in_units(n: i64, per: i64, decimals: u32, unit: &str) -> String {
    let scale = 10u128.pow(decimals);
    let per = per.unsigned_abs() as u128;
    let scaled = (n.unsigned_abs() as u128 * scale + per / 2) / per;
    let whole = format_count((scaled / scale) as u64);
    let text = match decimals {
        0 => format!("{whole}{unit}"),
        d => format!("{whole}.{:0w$}{unit}", scaled % scale, w = d as usize),
    };
    if n < 0 && scaled > 0 { format!("-{text}") } else { text }
}

/// Forms of a quantity for a narrowing column: `22,513,456`, then `2,251.3万` (shares or fund units).
pub fn quantity_forms(q: i64) -> Vec<String> {
    let full = grouped(q);
    if q.abs() < 100_000 {
        return vec![full];
    }
    vec![full, in_units(q, 10_000, 1, "万")]
}

/// An amount in 亿 with `decimals` decimals, always in 亿 (a column's unit): one that is not zero
/// but would round to zero shows as `<0.1亿` (`<0.01亿` at two decimals), never `0.0亿`.
pub fn yi_strict(fen: Fen, decimals: u32) -> String {
    let per = FEN_PER_YI as u128;
    let scaled = (fen.unsigned_abs() as u128 * 10u128.pow(decimals) + per / 2) / per;
    if fen != 0 && scaled == 0 {
        let step = in_units(FEN_PER_YI / 10i64.pow(decimals), FEN_PER_YI, decimals, "亿");
        return if fen < 0 { format!(">-{step}") } else { format!("<{step}") };
    }
    in_units(fen, FEN_PER_YI, decimals, "亿")
}

/// An amount in whole 万 (`3,457万`); one that would round to `0万` but is not zero shows in
/// whole yuan (`50元`), so a small figure never reads as nothing.
pub fn wan_whole(fen: Fen) -> String {
    if fen != 0 && fen.unsigned_abs() * 2 < FEN_PER_WAN as u64 {
        return format!("{}元", format_yuan_whole(fen));
    }
    in_units(fen, FEN_PER_WAN, 0, "万")
}

/// An amount in 亿 with `decimals` decimals (`1,234.5亿`, `0.28亿`, `438亿`). An amount that is
/// not zero never shows as zero 亿: one that would round to `0亿` (`0.0亿`, …) shows in whole 万
/// (`3,474万`), or in whole yuan below 0.5万 (`4,999元`).
pub fn format_yi(fen: Fen, decimals: u32) -> String {
    let per = FEN_PER_YI as u128;
    let scaled = (fen.unsigned_abs() as u128 * 10u128.pow(decimals) + per / 2) / per;
    if fen != 0 && scaled == 0 {
        return wan_whole(fen);
    }
    in_units(fen, FEN_PER_YI, decimals, "亿")
}

/// An amount in 万 that fits `cells` if it can: `3,456.7万`, else `3,457万`, else `12.3亿`.
pub fn wan_fit(fen: Fen, cells: usize) -> String {
    let yi = format_yi(fen, 1);
    [format_wan(fen), wan_whole(fen)].into_iter().find(|f| width(f) <= cells).unwrap_or(yi)
}

/// An amount in whole yuan with a sign (`+1,046,123`, `-3,456`, `0`).
pub fn signed_whole(fen: Fen) -> String {
    let t = format_yuan_whole(fen);
    if fen > 0 { format!("+{t}") } else { t }
}

/// Forms of an amount for a fixed-width column, longest first: `12,345.6万` (or whole yuan below
/// 10万), `12,346万`, `1.2亿` — the column shows the first that fits, so digits are never cut.
pub fn amount_forms(fen: Fen) -> Vec<String> {
    let compact = format_compact(fen);
    if fen.abs() < 10 * FEN_PER_WAN {
        return vec![compact];
    }
    vec![compact, wan_whole(fen), format_yi(fen, 1)]
}

/// An amount with a sign (`+1.2万`, `-3,456`), compact.
pub fn signed_compact(fen: Fen) -> String {
    let t = format_compact(fen);
    if fen > 0 { format!("+{t}") } else { t }
}

/// A price in 厘 as yuan: two decimals when the third is zero, else three (`1,419.50`, `2.345`).
pub fn price(milli: PriceMilli) -> String {
    if milli % 10 == 0 {
        format_yuan(milli / 10)
    } else {
        let abs = milli.unsigned_abs();
        let text = format!("{}.{:03}", format_count(abs / 1000), abs % 1000);
        if milli < 0 { format!("-{text}") } else { text }
    }
}

/// Basis points as a percentage with one decimal (`6230` → `62.3%`).
pub fn percent_bp(bp: i64) -> String {
    let neg = bp < 0;
    let tenths = (bp.unsigned_abs() + 5) / 10;
    let text = format!("{}.{}%", tenths / 10, tenths % 10);
    if neg && tenths > 0 { format!("-{text}") } else { text }
}

/// `part / whole` as a percentage with one decimal, or `—`.
pub fn percent_of(part: i64, whole: i64) -> String {
    crate::domain::money::ratio_bp(part, whole).map(percent_bp).unwrap_or_else(|| "—".into())
}

/// A round threshold shortly: `500万`, `5万`, `2千`, else compact yuan.
pub fn threshold(fen: Fen) -> String {
    const FEN_PER_QIAN: i64 = 1_000 * 100;
    if fen != 0 && fen % FEN_PER_WAN == 0 {
        format!("{}万", grouped(fen / FEN_PER_WAN))
    } else if fen != 0 && fen % FEN_PER_QIAN == 0 {
        format!("{}千", fen / FEN_PER_QIAN)
    } else {
        format_compact(fen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_narrow_to_wan() {
        assert_eq!(quantity_forms(99_999), vec!["99,999".to_string()]);
        assert_eq!(quantity_forms(22_513_456), vec!["22,513,456".to_string(), "2,251.3万".to_string()]);
        assert_eq!(quantity_forms(-22_513_456)[1], "-2,251.3万");
    }

    #[test]
    fn units_round_half_away_from_zero() {
        assert_eq!(grouped(-1_234), "-1,234");
        assert_eq!(grouped(0), "0");
        assert_eq!(wan_whole(34_567_500_000), "34,568万");
        assert_eq!(wan_whole(-34_567_500_000), "-34,568万");
        assert_eq!(wan_whole(-400_000), "-4,000元", "under 0.5万: yuan, never 0万");
        assert_eq!(wan_whole(0), "0万");
        assert_eq!(wan_whole(5_000), "50元");
        assert_eq!(wan_whole(500_000), "1万", "0.5万 rounds up to 1万");
        assert_eq!(format_yi(150 * 1_000_000, 2), "0.02亿");
        assert_eq!(format_yi(-150 * 1_000_000, 2), "-0.02亿");
        assert_eq!(format_yi(28_073_000_000, 0), "3亿");
        // 3,474万 is 0.3474亿: never `0亿` (the 30-column matrix defect)
        assert_eq!(format_yi(3_474 * FEN_PER_WAN, 0), "3,474万");
        assert_eq!(format_yi(-3_474 * FEN_PER_WAN, 0), "-3,474万");
        assert_eq!(format_yi(3_474 * FEN_PER_WAN, 1), "0.3亿");
        assert_eq!(format_yi(4_999 * FEN_PER_WAN, 0), "4,999万");
        assert_eq!(format_yi(5_000 * FEN_PER_WAN, 0), "1亿", "0.5亿 rounds half up");
        assert_eq!(format_yi(400 * FEN_PER_WAN, 1), "400万", "0.04亿 at one decimal");
        assert_eq!(format_yi(499_900, 0), "4,999元", "below 0.5万: whole yuan");
        assert_eq!(format_yi(0, 0), "0亿");
        assert_eq!(format_yi(i64::MIN, 1), "-922,337,203.7亿", "no overflow");
        assert_eq!(price(-2_345), "-2.345");
    }

    #[test]
    fn forms() {
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(price(1_419_500), "1,419.50");
        assert_eq!(price(2_345), "2.345");
        assert_eq!(percent_bp(6230), "62.3%");
        assert_eq!(percent_bp(5), "0.1%");
        assert_eq!(format_yi(123_456_000_000, 1), "12.3亿");
        assert_eq!(wan_fit(34_567_000_000, 10), "34,567.0万");
        assert_eq!(wan_fit(34_567_000_000, 9), "34,567万");
        assert_eq!(wan_fit(34_567_000_000, 6), "3.5亿");
        assert_eq!(signed_compact(1_200_000), "+12,000");
        assert_eq!(signed_compact(12_000_000), "+12.0万");
        assert_eq!(signed_compact(-500), "-5");
        assert_eq!(amount_forms(1_234_500), vec!["12,345".to_string()]);
        assert_eq!(
            amount_forms(123_456_789_000),
            vec!["123,456.8万".to_string(), "123,457万".to_string(), "12.3亿".to_string()]
        );
    }
}
