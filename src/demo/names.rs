//! Plausible Chinese names: common surnames weighted by frequency, given names by generation and
//! gender, a few compound surnames (欧阳, 司马…) that make 4-character names, and company names.

use rand::Rng;

use super::draw::weighted_index;
use crate::domain::id_number::Gender;

/// Common surnames with rough frequency weights (per mille of the population, national ranking;
/// 沈, 陆, 顾, 钱, 严 raised a little for the Shanghai region).
const SURNAMES: &[(&str, u32)] = &[
    ("王", 71),
    ("李", 70),
    ("张", 67),
    ("刘", 54),
    ("陈", 45),
    ("杨", 31),
    ("黄", 22),
    ("赵", 20),
    ("吴", 20),
    ("周", 19),
    ("徐", 15),
    ("孙", 14),
    ("马", 13),
    ("朱", 13),
    ("胡", 12),
    ("郭", 11),
    ("何", 11),
    ("林", 10),
    ("高", 10),
    ("罗", 9),
    ("郑", 8),
    ("梁", 8),
    ("谢", 8),
    ("宋", 7),
    ("唐", 7),
    ("许", 6),
    ("韩", 6),
    ("冯", 6),
    ("邓", 6),
    ("曹", 6),
    ("彭", 6),
    ("曾", 5),
    ("肖", 5),
    ("田", 5),
    ("董", 5),
    ("袁", 5),
    ("潘", 5),
    ("于", 5),
    ("蒋", 5),
    ("蔡", 5),
    ("余", 5),
    ("杜", 4),
    ("叶", 4),
    ("程", 4),
    ("苏", 4),
    ("魏", 4),
    ("吕", 4),
    ("丁", 4),
    ("任", 4),
    ("沈", 6),
    ("姚", 4),
    ("卢", 3),
    ("姜", 3),
    ("崔", 3),
    ("钟", 3),
    ("谭", 3),
    ("陆", 5),
    ("汪", 3),
    ("范", 3),
    ("金", 3),
    ("石", 3),
    ("廖", 3),
    ("贾", 3),
    ("夏", 3),
    ("韦", 3),
    ("方", 3),
    ("白", 2),
    ("邹", 2),
    ("孟", 2),
    ("熊", 2),
    ("秦", 2),
    ("邱", 2),
    ("江", 2),
    ("尹", 2),
    ("薛", 2),
    ("段", 2),
    ("雷", 2),
    ("侯", 2),
    ("龙", 2),
    ("史", 2),
    ("顾", 4),
    ("钱", 3),
    ("严", 3),
    ("施", 2),
    ("倪", 2),
    ("俞", 2),
    ("戴", 2),
    ("葛", 2),
];

/// Compound surnames; always followed by a two-character given name (a 4-character name).
const COMPOUND_SURNAMES: &[(&str, u32)] =
    &[("欧阳", 4), ("司马", 1), ("上官", 1), ("诸葛", 1), ("东方", 1), ("皇甫", 1), ("慕容", 1), ("尉迟", 1)];
/// Weight of all compound surnames together, against the sum of [`SURNAMES`] (about 1 %).
const COMPOUND_WEIGHT: u32 = 7;

const MALE_OLD: &str = "国建华明军伟志平德福文祥荣林海涛刚强永春宝忠勇生庆成兴贵金良山昌才";
const FEMALE_OLD: &str = "秀英兰珍芳玉凤桂梅琴华丽萍红霞敏燕美娟云芬彩凤翠莲淑惠";
const MALE_MID: &str = "伟强磊军勇杰涛斌超明刚辉鹏华飞波宇浩凯健俊峰东志翔毅晖斌军亮建新";
const FEMALE_MID: &str = "芳娜敏静丽艳娟霞燕玲婷雪慧颖琳倩洁晶萍红莉蕾丹琴云月洁红";
const MALE_YOUNG: &str = "子浩宇轩博文俊杰晨昊天睿泽航然皓逸铭哲楷瑞嘉鑫磊凯豪奕辰煜";
const FEMALE_YOUNG: &str = "子涵欣怡梓萱诗雨佳琪思彤悦可馨雅婷紫妍心语嫣梦瑶璐婧媛晴倩文静宁若晗";

fn pick_char<R: Rng>(rng: &mut R, pool: &str) -> char {
    let chars: Vec<char> = pool.chars().collect();
    chars[rng.random_range(0..chars.len())]
}

fn weighted<'a, R: Rng>(rng: &mut R, items: &'a [(&'a str, u32)]) -> &'a str {
    items[weighted_index(rng, items.iter().map(|(_, w)| *w))].0
}

/// A surname by frequency; `true` with it when it is a compound surname.
pub fn surname<R: Rng>(rng: &mut R) -> (&'static str, bool) {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    if rng.random_range(0..total + COMPOUND_WEIGHT) >= total {
        (weighted(rng, COMPOUND_SURNAMES), true)
    } else {
        (weighted(rng, SURNAMES), false)
    }
}

/// A personal name for someone of `gender` born in `birth_year`: surname + one or two characters
/// (two after a compound surname). Older generations use more single-character given names.
pub fn person_name<R: Rng>(rng: &mut R, gender: Gender, birth_year: i32) -> String {
    let (family, compound) = surname(rng);
    let pool: &str = match (gender, birth_year) {
        (Gender::Male, y) if y < 1965 => MALE_OLD,
        (Gender::Female, y) if y < 1965 => FEMALE_OLD,
        (Gender::Male, y) if y < 1988 => MALE_MID,
        (Gender::Female, y) if y < 1988 => FEMALE_MID,
        (Gender::Male, _) => MALE_YOUNG,
        (Gender::Female, _) => FEMALE_YOUNG,
    };
    let single_share = if birth_year < 1975 {
        0.35
    } else if birth_year < 1995 {
        0.25
    } else {
        0.15
    };
    let mut name = String::from(family);
    let first = pick_char(rng, pool);
    name.push(first);
    if compound || !rng.random_bool(single_share) {
        let mut second = pick_char(rng, pool);
        for _ in 0..3 {
            if second != first {
                break;
            }
            second = pick_char(rng, pool);
        }
        name.push(second);
    }
    name
}

/// Cities of registration with the prefix of their area codes (GB/T 2260).
const COMPANY_CITIES: &[(&str, &str)] = &[
    ("上海", "3101"),
    ("上海", "3101"),
    ("上海", "3101"),
    ("苏州", "3205"),
    ("杭州", "3301"),
    ("南京", "3201"),
    ("宁波", "3302"),
    ("无锡", "3202"),
    ("嘉兴", "3304"),
    ("常州", "3204"),
];
const BRAND_FIRST: &str = "恒鼎华瑞宏金远博嘉盛长中德同明润泓锦弘正信睿聚泰元安汇卓";
const BRAND_SECOND: &str = "泰盛信丰达石景远禾世青鑫诚创德源通辉隆和晟成祥澜川峰";
const COMPANY_TRADES: &[(&str, u32)] = &[
    ("投资管理有限公司", 6),
    ("资产管理有限公司", 4),
    ("私募基金管理有限公司", 3),
    ("实业有限公司", 4),
    ("科技有限公司", 3),
    ("贸易有限公司", 2),
    ("投资咨询有限公司", 2),
    ("股权投资合伙企业（有限合伙）", 2),
];

/// A company name such as `上海恒泰投资管理有限公司`, with the area-code prefix of its city.
pub fn company_name<R: Rng>(rng: &mut R) -> (String, &'static str) {
    let (city, prefix) = COMPANY_CITIES[rng.random_range(0..COMPANY_CITIES.len())];
    let a = pick_char(rng, BRAND_FIRST);
    let mut b = pick_char(rng, BRAND_SECOND);
    while b == a {
        b = pick_char(rng, BRAND_SECOND);
    }
    (format!("{city}{a}{b}{}", weighted(rng, COMPANY_TRADES)), prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_pcg::Pcg64;

    #[test]
    fn names_are_chinese_and_sized() {
        let mut rng = Pcg64::seed_from_u64(1);
        let mut four = 0;
        let mut wang = 0;
        for i in 0..5000 {
            let g = if i % 2 == 0 { Gender::Male } else { Gender::Female };
            let n = person_name(&mut rng, g, 1950 + (i % 55));
            let len = n.chars().count();
            assert!((2..=4).contains(&len), "{n}");
            assert!(n.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{n}");
            if len == 4 {
                four += 1;
            }
            if n.starts_with('王') {
                wang += 1;
            }
        }
        assert!((20..=120).contains(&four), "{four} four-character names of 5000");
        assert!((250..=500).contains(&wang), "{wang} 王 of 5000");
        let (c, prefix) = company_name(&mut rng);
        assert_eq!(prefix.len(), 4);
        assert!(c.ends_with("有限公司") || c.ends_with("（有限合伙）"), "{c}");
    }
}
