//! Identities of demo customers: resident ID numbers with real area codes and valid GB 11643 check
//! characters, unified social credit codes with valid GB 32100 (and GB 11714) check characters,
//! mobiles with real prefixes, birth dates by the AMAC age bands.

use chrono::{Datelike, Days, NaiveDate};
use rand::Rng;

use super::calibration::{AMAC_2020_AGES, normal_cdf};
use super::draw::{quantile_band, weighted_index};
use crate::domain::id_number::{Gender, resident_check_char, uscc_check_char};

/// Real county-level area codes (GB/T 2260) with weights: Shanghai first, then Jiangsu and
/// Zhejiang, then a spread of other provinces (people move to Shanghai).
const AREA_CODES: &[(&str, u32)] = &[
    // Shanghai
    ("310101", 6),
    ("310104", 6),
    ("310105", 5),
    ("310106", 6),
    ("310107", 5),
    ("310109", 5),
    ("310110", 6),
    ("310112", 7),
    ("310113", 5),
    ("310114", 4),
    ("310115", 12),
    ("310116", 2),
    ("310117", 4),
    ("310118", 3),
    ("310120", 3),
    ("310151", 2),
    // Jiangsu
    ("320102", 2),
    ("320104", 2),
    ("320106", 2),
    ("320205", 1),
    ("320211", 1),
    ("320402", 1),
    ("320505", 2),
    ("320506", 1),
    ("320508", 2),
    ("320583", 2),
    ("320585", 1),
    ("320602", 1),
    ("321002", 1),
    // Zhejiang
    ("330102", 2),
    ("330106", 2),
    ("330108", 1),
    ("330110", 1),
    ("330203", 1),
    ("330212", 2),
    ("330302", 1),
    ("330402", 1),
    ("330502", 1),
    ("330602", 1),
    // elsewhere
    ("110101", 1),
    ("110105", 1),
    ("110108", 1),
    ("340104", 1),
    ("360102", 1),
    ("370102", 1),
    ("410105", 1),
    ("420106", 1),
    ("430104", 1),
    ("440106", 1),
    ("440305", 1),
    ("510107", 1),
    ("500103", 1),
    ("350203", 1),
    ("210202", 1),
    ("230103", 1),
    ("610113", 1),
    ("340202", 1),
    ("320303", 1),
    ("321102", 1),
];

/// Mobile prefixes of the three carriers in use.
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
    "157", "158", "159", "166", "173", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188",
    "189", "191", "198", "199",
];

/// A real area code, weighted toward Shanghai, Jiangsu and Zhejiang.
pub fn area_code<R: Rng>(rng: &mut R) -> &'static str {
    AREA_CODES[weighted_index(rng, AREA_CODES.iter().map(|(_, w)| *w))].0
}

/// A real area code whose code starts with `prefix` (e.g. `3205` for Suzhou), weighted like
/// [`area_code`]; any area code if none does.
pub fn area_code_in<R: Rng>(rng: &mut R, prefix: &str) -> &'static str {
    let within: Vec<&(&str, u32)> = AREA_CODES.iter().filter(|(c, _)| c.starts_with(prefix)).collect();
    if within.is_empty() {
        return area_code(rng);
    }
    within[weighted_index(rng, within.iter().map(|(_, w)| *w))].0
}

/// An 18-digit resident ID: area code, birth date, 2 random sequence digits, a gender digit (odd
/// male) and the GB 11643 check character.
pub fn resident_id<R: Rng>(rng: &mut R, area: &str, birth: NaiveDate, gender: Gender) -> String {
    let seq: u32 = rng.random_range(0..100);
    let g: u32 = rng.random_range(0..5) * 2 + if gender == Gender::Male { 1 } else { 0 };
    let first17 = format!("{area}{}{seq:02}{g}", birth.format("%Y%m%d"));
    let check = resident_check_char(&first17).expect("17 digits");
    format!("{first17}{check}")
}

/// Characters of the organisation code body allowed inside a credit code (no I, O, Z, S, V).
const ORG_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// GB 11714 check character of an 8-character organisation code body (digits, or letters A=10…Z=35).
pub fn org_code_check(body: &str) -> Option<char> {
    if body.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.chars().zip(ORG_WEIGHTS) {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// An 18-character unified social credit code of a company registered in `area`: `91` (market
/// regulator, enterprise) + area + a post-2015 organisation code `MA…` with its GB 11714 check +
/// the GB 32100 check character.
pub fn credit_code<R: Rng>(rng: &mut R, area: &str) -> String {
    loop {
        let mut body = String::from("MA");
        for _ in 0..6 {
            body.push(ORG_CHARS[rng.random_range(0..ORG_CHARS.len())] as char);
        }
        let Some(org_check) = org_code_check(&body) else { continue };
        let first17 = format!("91{area}{body}{org_check}");
        if let Some(check) = uscc_check_char(&first17) {
            return format!("{first17}{check}");
        }
    }
}

/// An 11-digit mobile number with a real prefix.
pub fn mobile<R: Rng>(rng: &mut R) -> String {
    let prefix = MOBILE_PREFIXES[rng.random_range(0..MOBILE_PREFIXES.len())];
    format!("{prefix}{:08}", rng.random_range(0..100_000_000u32))
}

/// Age in whole years for a uniform draw `u` in [0, 1), by the AMAC 2020 bands (uniform within
/// a band; the 60+ band declines geometrically so few are past 80).
pub fn age_for_quantile(u: f64) -> u32 {
    let (i, within) = quantile_band(AMAC_2020_AGES.iter().map(|b| b.share_pct), u);
    let b = &AMAC_2020_AGES[i];
    if i == AMAC_2020_AGES.len() - 1 {
        // Exponential with mean 7 years, truncated at max_age.
        let span = (b.max_age - b.min_age) as f64;
        let cap = 1.0 - (-span / 7.0).exp();
        let years = -7.0 * (1.0 - within * cap).ln();
        return b.min_age + years as u32;
    }
    b.min_age + (within * (b.max_age - b.min_age + 1) as f64) as u32
}

/// Age for a standard-normal latent value (so age can be correlated with wealth).
pub fn age_for_latent(z: f64) -> u32 {
    age_for_quantile(normal_cdf(z))
}

/// A birth date giving exactly `age` whole years on `on`.
pub fn birth_date_for_age<R: Rng>(rng: &mut R, age: u32, on: NaiveDate) -> NaiveDate {
    // Born between (on − age − 1 years, on − age years].
    let latest = on
        .with_year(on.year() - age as i32)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(on.year() - age as i32, 2, 28).unwrap());
    let back = rng.random_range(0..365u64);
    latest.checked_sub_days(Days::new(back)).unwrap_or(latest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::id_number::{age_on, parse_resident_id, parse_uscc};
    use rand::SeedableRng;
    use rand_pcg::Pcg64;

    #[test]
    fn ids_are_valid_and_encode_birth_and_gender() {
        let mut rng = Pcg64::seed_from_u64(3);
        let on = NaiveDate::from_ymd_opt(2025, 8, 27).unwrap();
        for i in 0..2000u32 {
            let age = 18 + i % 70;
            let birth = birth_date_for_age(&mut rng, age, on);
            assert_eq!(age_on(birth, on), age);
            let g = if i % 3 == 0 { Gender::Female } else { Gender::Male };
            let area = area_code(&mut rng);
            let id = parse_resident_id(&resident_id(&mut rng, area, birth, g)).unwrap();
            assert_eq!((id.birth_date, id.gender), (birth, g));
            let suzhou = area_code_in(&mut rng, "3205");
            let code = credit_code(&mut rng, suzhou);
            assert_eq!(&code[2..6], "3205");
            assert_eq!(parse_uscc(&code).unwrap(), code);
            assert_eq!(org_code_check(&code[8..16]), code.chars().nth(16));
            let m = mobile(&mut rng);
            assert!(m.len() == 11 && m.starts_with('1') && m.bytes().all(|b| b.is_ascii_digit()));
        }
        // GB 11714 worked example: D2143569 → check 1? Use a known-valid code body instead:
        // 12345678 → 3*1+7*2+9*3+10*4+5*5+8*6+4*7+2*8 = 201; 201 % 11 = 3; 11 − 3 = 8.
        assert_eq!(org_code_check("12345678"), Some('8'));
    }

    #[test]
    fn age_bands_follow_amac() {
        let n = 100_000;
        let mut counts = [0usize; 4];
        for i in 0..n {
            let age = age_for_quantile((i as f64 + 0.5) / n as f64);
            assert!((18..=88).contains(&age), "{age}");
            let band = AMAC_2020_AGES.iter().position(|b| age >= b.min_age && age <= b.max_age).unwrap();
            counts[band] += 1;
        }
        for (c, b) in counts.iter().zip(AMAC_2020_AGES) {
            assert!((*c as f64 / n as f64 * 100.0 - b.share_pct).abs() < 0.2, "{c} vs {}", b.share_pct);
        }
    }
}
