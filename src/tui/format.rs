//! Display forms of figures for the screens, built on `domain::money` (which owns money text).
//! Widths are measured only through `domain::text`.

use crate::domain::model::PriceMilli;
use crate::domain::money::{FEN_PER_WAN, Fen, format_wan, format_yuan, format_yuan_whole};
use crate::domain::text::width;

/// Fen per 亿 (100 million yuan).
const FEN_PER_YI: i64 = 10_000 * FEN_PER_WAN;

/// An integer with thousands separators (`12,345`).
pub fn grouped(n: i64) -> String {
    format_yuan_whole(n.saturating_mul(100))
}

/// Forms of a quantity for a narrowing column: `22,513,456`, then `2,251.3万` (shares or fund units).
pub fn quantity_forms(q: i64) -> Vec<String> {
    let full = grouped(q);
    if q.abs() < 100_000 {
        return vec![full];
    }
    // format_wan takes fen: q units × 100 reads as q "yuan", so it prints q in 万 with one decimal.
    vec![full, format_wan(q.saturating_mul(100))]
}

/// A large amount in 亿 with one decimal (`1,234.5亿`).
pub fn format_yi(fen: Fen) -> String {
    let neg = fen < 0;
    let abs = fen.unsigned_abs();
    let tenths = (abs + FEN_PER_YI as u64 / 20) / (FEN_PER_YI as u64 / 10);
    let text = format!("{}.{}亿", grouped((tenths / 10) as i64), tenths % 10);
    if neg && tenths > 0 { format!("-{text}") } else { text }
}

/// An amount in 万 that fits `cells` if it can: `3,456.7万`, else `3,457万`, else `12.3亿`.
pub fn wan_fit(fen: Fen, cells: usize) -> String {
    let full = format_wan(fen);
    if width(&full) <= cells {
        return full;
    }
    let whole = format!("{}万", grouped((fen + FEN_PER_WAN / 2 * fen.signum()) / FEN_PER_WAN));
    if width(&whole) <= cells {
        return whole;
    }
    format_yi(fen)
}

/// An amount in whole yuan with a sign (`+1,046,123`, `-3,456`, `0`).
pub fn signed_whole(fen: Fen) -> String {
    let t = format_yuan_whole(fen);
    if fen > 0 { format!("+{t}") } else { t }
}

/// Forms of an amount for a fixed-width column, longest first: `12,345.6万` (or whole yuan below
/// 10万), `12,346万`, `1.2亿` — the column shows the first that fits, so digits are never cut.
pub fn amount_forms(fen: Fen) -> Vec<String> {
    let compact = crate::domain::money::format_compact(fen);
    if fen.abs() < 10 * FEN_PER_WAN {
        return vec![compact];
    }
    let whole = format!("{}万", grouped((fen + FEN_PER_WAN / 2 * fen.signum()) / FEN_PER_WAN));
    vec![compact, whole, format_yi(fen)]
}

/// An amount with a sign (`+1.2万`, `-3,456`), compact.
pub fn signed_compact(fen: Fen) -> String {
    let t = crate::domain::money::format_compact(fen);
    if fen > 0 { format!("+{t}") } else { t }
}

/// A price in 厘 as yuan: two decimals when the third is zero, else three (`1,419.50`, `2.345`).
pub fn price(milli: PriceMilli) -> String {
    if milli % 10 == 0 {
        format_yuan(milli / 10)
    } else {
        let neg = milli < 0;
        let abs = milli.unsigned_abs() as i64;
        let text = format!("{}.{:03}", grouped(abs / 1000), abs % 1000);
        if neg { format!("-{text}") } else { text }
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
    crate::store::detail::weight_bp(part, whole).map(percent_bp).unwrap_or_else(|| "—".into())
}

/// A round threshold shortly: `500万`, `5万`, `2千`, else compact yuan.
pub fn threshold(fen: Fen) -> String {
    const FEN_PER_QIAN: i64 = 1_000 * 100;
    if fen != 0 && fen % FEN_PER_WAN == 0 {
        format!("{}万", grouped(fen / FEN_PER_WAN))
    } else if fen != 0 && fen % FEN_PER_QIAN == 0 {
        format!("{}千", fen / FEN_PER_QIAN)
    } else {
        crate::domain::money::format_compact(fen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_narrow_to_wan() {
        assert_eq!(quantity_forms(99_999), vec!["99,999".to_string()]);
        assert_eq!(quantity_forms(22_513_456), vec!["22,513,456".to_string(), "2,251.3万".to_string()]);
    }

    #[test]
    fn forms() {
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(price(1_419_500), "1,419.50");
        assert_eq!(price(2_345), "2.345");
        assert_eq!(percent_bp(6230), "62.3%");
        assert_eq!(percent_bp(5), "0.1%");
        assert_eq!(format_yi(123_456_000_000), "12.3亿");
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
