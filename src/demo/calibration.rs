//! Published Chinese investor statistics the demo book is calibrated to, copied from
//! `../shared/data/china_investor_facts.csv` (see `assets/market/README.md` for the sources), plus
//! the few shape parameters of the demo that are choices rather than statistics.

/// One asset-size bucket: `[lo, hi)` in whole yuan and its share in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AssetBucket {
    /// Label as published (`<1万`, `1万-10万`, …).
    pub label: &'static str,
    /// Inclusive lower bound, yuan.
    pub lo_yuan: i64,
    /// Exclusive upper bound, yuan (the open top bucket is capped: the demo has no account above it).
    pub hi_yuan: i64,
    /// Share of natural-person investors, percent.
    pub share_pct: f64,
}

/// CSDC (中国结算), natural persons holding A shares by market value held, December 2016
/// (`csdc_2016m12` in china_investor_facts.csv). The `<1万` bucket starts at 200 yuan and the
/// `>1亿` bucket is capped at 3亿 in the demo. Shares sum to 99.91 as published.
pub const CSDC_2016_BUCKETS: [AssetBucket; 8] = [
    AssetBucket { label: "<1万", lo_yuan: 200, hi_yuan: 10_000, share_pct: 24.37 },
    AssetBucket { label: "1万-10万", lo_yuan: 10_000, hi_yuan: 100_000, share_pct: 47.92 },
    AssetBucket { label: "10万-50万", lo_yuan: 100_000, hi_yuan: 500_000, share_pct: 21.32 },
    AssetBucket { label: "50万-100万", lo_yuan: 500_000, hi_yuan: 1_000_000, share_pct: 3.63 },
    AssetBucket { label: "100万-500万", lo_yuan: 1_000_000, hi_yuan: 5_000_000, share_pct: 2.42 },
    AssetBucket { label: "500万-1000万", lo_yuan: 5_000_000, hi_yuan: 10_000_000, share_pct: 0.12 },
    AssetBucket { label: "1000万-1亿", lo_yuan: 10_000_000, hi_yuan: 100_000_000, share_pct: 0.12 },
    AssetBucket { label: ">1亿", lo_yuan: 100_000_000, hi_yuan: 300_000_000, share_pct: 0.01 },
];

/// The index of the CSDC bucket holding `fen` (below the first bucket counts as the first).
pub fn bucket_of(fen: i64) -> usize {
    let yuan = fen / 100;
    CSDC_2016_BUCKETS.iter().rposition(|b| yuan >= b.lo_yuan).unwrap_or(0)
}

/// One age band: inclusive ages and share in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeBand {
    pub min_age: u32,
    pub max_age: u32,
    pub share_pct: f64,
}

/// AMAC (基金业协会) 2020 fund-investor survey, age of individual investors (`amac_2020`): <30 27.7%,
/// 30–45 38.8%, 45–60 25.8%, 60+ 7.7%. Everyone in the demo is 18 or older; the open 60+ band
/// runs to 88 with a declining density (see [`crate::demo::people`]).
pub const AMAC_2020_AGES: [AgeBand; 4] = [
    AgeBand { min_age: 18, max_age: 29, share_pct: 27.7 },
    AgeBand { min_age: 30, max_age: 44, share_pct: 38.8 },
    AgeBand { min_age: 45, max_age: 59, share_pct: 25.8 },
    AgeBand { min_age: 60, max_age: 88, share_pct: 7.7 },
];

/// AMAC 2020: share of male individual fund investors, percent.
pub const AMAC_2020_MALE_PCT: f64 = 54.1;

/// Target shares of the questionnaire levels C1..C5 among assessed customers, percent (a demo
/// choice; the lowest-category sheets are part of C1).
pub const LEVEL_TARGET_PCT: [f64; 5] = [10.0, 25.0, 35.0, 22.0, 8.0];

/// Share of assessed sheets forced to the lowest category (Q1 "no income" or Q15 "must keep principal").
pub const LOWEST_SHARE: f64 = 0.02;

/// Share of individual ordinary customers with at least one assessment.
pub const ASSESSED_SHARE: f64 = 0.85;

/// Share of institutions among customers.
pub const INSTITUTION_SHARE: f64 = 0.01;

/// Customers per manager (the count is clamped to [`MIN_MANAGERS`]..=[`MAX_MANAGERS`]).
pub const CUSTOMERS_PER_MANAGER: usize = 300;
/// Fewest managers in a branch.
pub const MIN_MANAGERS: usize = 10;
/// Most managers in a branch.
pub const MAX_MANAGERS: usize = 50;

/// Standard normal CDF Φ(x) (Abramowitz & Stegun 26.2.17, absolute error < 7.5e-8).
pub fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
    let poly =
        t * (0.319_381_530 + t * (-0.356_563_782 + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let tail = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly;
    if x >= 0.0 { 1.0 - tail } else { tail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_sum_to_the_published_total() {
        for pair in CSDC_2016_BUCKETS.windows(2) {
            assert_eq!(pair[0].hi_yuan, pair[1].lo_yuan);
        }
        let total: f64 = CSDC_2016_BUCKETS.iter().map(|b| b.share_pct).sum();
        assert!((total - 99.91).abs() < 1e-9);
        assert_eq!(bucket_of(999_999), 0);
        assert_eq!(bucket_of(1_000_000), 1);
        assert_eq!(bucket_of(50), 0);
        assert_eq!(bucket_of(20_000_000_000), 7);
        let ages: f64 = AMAC_2020_AGES.iter().map(|b| b.share_pct).sum();
        assert!((ages - 100.0).abs() < 1e-9);
        assert!((LEVEL_TARGET_PCT.iter().sum::<f64>() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn normal_cdf_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.959_964) - 0.975).abs() < 1e-6);
        assert!((normal_cdf(-1.0) - 0.158_655_25).abs() < 1e-6);
    }
}
