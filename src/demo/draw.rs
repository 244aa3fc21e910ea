//! Sampling helpers shared by the generator: weighted picks, inverse-CDF lookup over published
//! bands, log-scale interpolation.

use rand::Rng;

/// An index drawn with probability proportional to its integer weight (the weights must not all be 0).
pub fn weighted_index<R: Rng>(rng: &mut R, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let total: u32 = weights.clone().sum();
    let mut x = rng.random_range(0..total);
    for (i, w) in weights.enumerate() {
        if x < w {
            return i;
        }
        x -= w;
    }
    0
}

/// An index drawn with probability proportional to its weight; `None` when no weight is positive.
pub fn weighted_pick<R: Rng>(rng: &mut R, weights: &[f64]) -> Option<usize> {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return Some(i);
        }
        x -= w;
    }
    weights.iter().rposition(|w| *w > 0.0)
}

/// The band a uniform draw `u` in [0, 1) falls in, for bands with the given shares (any scale), and
/// where in that band it falls (0 ≤ within < 1). Beyond the last band counts as the last.
pub fn quantile_band(shares: impl ExactSizeIterator<Item = f64> + Clone, u: f64) -> (usize, f64) {
    let total: f64 = shares.clone().sum();
    let last = shares.len().saturating_sub(1);
    let mut acc = 0.0;
    for (i, share) in shares.enumerate() {
        let share = share / total;
        if u < acc + share || i == last {
            return (i, ((u - acc) / share).clamp(0.0, 0.999_999));
        }
        acc += share;
    }
    (0, 0.0)
}

/// The point at `t` (0..=1) between `lo` and `hi` on a log scale.
pub fn log_lerp(lo: f64, hi: f64, t: f64) -> f64 {
    (lo.ln() + t * (hi.ln() - lo.ln())).exp()
}
