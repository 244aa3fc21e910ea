//! Sane maxima for the figures of an import (issue 11, item 1): a figure past them is refused on
//! its row, never stored, so that sums of a book (a customer's assets, a branch's turnover) stay
//! far inside `i64` and checked arithmetic never has to fail on stored data.
//!
//! | figure | unit stored | maximum |
//! |---|---|---|
//! | quantity, volume | units | 10^12 |
//! | price, cost price | 厘 (0.001 yuan) | 10^7 yuan = 10^10 厘 |
//! | amount | fen | 10^15 yuan = 10^17 fen |
//!
//! A holding's value (quantity × cost price) is bounded like an amount ([`holding_value_fen`]).

use crate::domain::model::PriceMilli;
use crate::domain::money::Fen;

/// The largest quantity (shares, fund units, bonds) or volume accepted: 10^12.
pub const MAX_QUANTITY: i64 = 1_000_000_000_000;
/// The largest price accepted, in 厘: 10^7 yuan.
pub const MAX_PRICE_MILLI: PriceMilli = 10_000_000_000;
/// The largest amount accepted (in absolute value), in fen: 10^15 yuan.
pub const MAX_FEN: Fen = 100_000_000_000_000_000;

/// Quantity × price (厘) in fen, rounded down; `None` when it is over [`MAX_FEN`] (checked in
/// `i128`, so no input wraps).
pub fn holding_value_fen(quantity: i64, price: PriceMilli) -> Option<Fen> {
    let v = i128::from(quantity).checked_mul(i128::from(price))? / 10;
    (v.abs() <= i128::from(MAX_FEN)).then(|| v as Fen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holding_values_are_bounded() {
        // 1,000 shares at 12.345 yuan = 12,345.00 yuan = 1,234,500 fen
        assert_eq!(holding_value_fen(1_000, 12_345), Some(1_234_500));
        assert_eq!(holding_value_fen(MAX_QUANTITY, MAX_PRICE_MILLI), None);
        assert_eq!(holding_value_fen(i64::MAX, i64::MAX), None);
        // exactly 10^15 yuan: 10^12 shares at 1,000 yuan
        assert_eq!(holding_value_fen(MAX_QUANTITY, 1_000_000), Some(MAX_FEN));
    }
}
