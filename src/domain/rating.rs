//! Default product risk ratings (SPEC §4.5) as ordered data rules; a security file may set its own.

use serde::Deserialize;

use super::model::{Security, SecurityKind};
use super::risk::ProductRisk;

/// One default-rating rule: every condition given must hold; the first matching rule wins.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RatingRule {
    pub rating: ProductRisk,
    /// Security kind (`stock`, `fund`, …).
    pub kind: Option<SecurityKind>,
    /// Stock board (主板, 创业板, 科创板, 北交所).
    pub board: Option<String>,
    /// Any of these prefixes of the security's category (e.g. fund type `货币型`).
    #[serde(default)]
    pub category_prefix: Vec<String>,
    /// Any of these prefixes of the code (e.g. `300`, `688`).
    #[serde(default)]
    pub code_prefix: Vec<String>,
    /// `true`: only ST/*ST names; `false`: only names without ST.
    pub st: Option<bool>,
    /// Why, shown next to the rating.
    #[serde(default)]
    pub note: String,
}

impl RatingRule {
    /// Whether the rule has no condition (the required final fallback).
    pub fn is_catch_all(&self) -> bool {
        self.kind.is_none()
            && self.board.is_none()
            && self.category_prefix.is_empty()
            && self.code_prefix.is_empty()
            && self.st.is_none()
    }

    /// Whether `security` meets every condition of this rule.
    pub fn matches(&self, security: &Security) -> bool {
        self.kind.is_none_or(|k| k == security.kind)
            && self.board.as_deref().is_none_or(|b| b == security.board)
            && (self.category_prefix.is_empty()
                || self.category_prefix.iter().any(|p| security.category.starts_with(p.as_str())))
            && (self.code_prefix.is_empty() || self.code_prefix.iter().any(|p| security.code.starts_with(p.as_str())))
            && self.st.is_none_or(|st| st == is_st_name(&security.name))
    }
}

/// Whether a security name carries the ST or *ST risk-warning prefix.
pub fn is_st_name(name: &str) -> bool {
    let n = name.trim_start().to_ascii_uppercase();
    n.starts_with("ST")
        || n.starts_with("*ST")
        || n.starts_with("＊ST")
        || n.starts_with("SST")
        || n.starts_with("S*ST")
}

/// The rating in force: the security's own if set, else the first matching default rule.
/// `rules` must end with a catch-all (checked when rules load); R3 if it does not.
pub fn effective_rating(security: &Security, rules: &[RatingRule]) -> ProductRisk {
    security
        .risk_rating
        .or_else(|| rules.iter().find(|r| r.matches(security)).map(|r| r.rating))
        .unwrap_or(ProductRisk::R3)
}

/// English names of fund and bond categories → the Chinese category the default rating rules
/// of `assets/rules.toml` match by prefix (case and spaces/dashes/underscores ignored). Chinese
/// or unknown text is kept as it is (trimmed).
const CATEGORY_NAMES: &[(&str, &str)] = &[
    ("moneymarket", "货币型"),
    ("moneymarketfund", "货币型"),
    ("money", "货币型"),
    ("mmf", "货币型"),
    ("bond", "债券型"),
    ("bondfund", "债券型"),
    ("fixedincome", "债券型"),
    ("mixed", "混合型"),
    ("hybrid", "混合型"),
    ("balanced", "混合型"),
    ("equity", "股票型"),
    ("stock", "股票型"),
    ("equityfund", "股票型"),
    ("index", "指数型"),
    ("indexfund", "指数型"),
    ("etf", "ETF"),
    ("qdii", "QDII"),
    ("commodity", "商品"),
    ("leveraged", "杠杆"),
    ("structured", "结构化"),
    ("government", "国债"),
    ("governmentbond", "国债"),
    ("treasury", "国债"),
    ("treasurybond", "国债"),
    ("localgovernmentbond", "地方政府债"),
    ("municipalbond", "地方政府债"),
    ("policybankbond", "政策性金融债"),
    ("policyfinancialbond", "政策性金融债"),
    ("enterprisebond", "企业债"),
    ("corporatebond", "公司债"),
    ("convertible", "可转债"),
    ("convertiblebond", "可转债"),
    ("exchangeable", "可交换债"),
    ("exchangeablebond", "可交换债"),
    ("abs", "资产支持证券"),
    ("assetbacked", "资产支持证券"),
    ("assetbackedsecurities", "资产支持证券"),
];

/// The category as the rating rules know it: an English name (`Money Market`, `government bond`)
/// becomes its Chinese category (`货币型`, `国债`); anything else is kept, trimmed.
pub fn canonical_category(text: &str) -> String {
    let t = text.trim();
    let key: String = t.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect();
    CATEGORY_NAMES.iter().find(|(en, _)| *en == key).map(|(_, zh)| zh.to_string()).unwrap_or_else(|| t.to_string())
}

/// Where a security's rating in force comes from (the detail screen says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RatingBasis {
    /// The security file set it.
    Own,
    /// The first matching default rule, by its note (e.g. `主板股票`).
    Rule(String),
    /// No rule matched (rules without a catch-all): R3.
    Fallback,
}

/// [`effective_rating`] and where it comes from.
pub fn rating_with_basis(security: &Security, rules: &[RatingRule]) -> (ProductRisk, RatingBasis) {
    if let Some(own) = security.risk_rating {
        return (own, RatingBasis::Own);
    }
    match rules.iter().find(|r| r.matches(security)) {
        Some(r) => (r.rating, RatingBasis::Rule(r.note.clone())),
        None => (ProductRisk::R3, RatingBasis::Fallback),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Exchange;
    use crate::domain::rules::Rules;

    fn sec(code: &str, name: &str, kind: SecurityKind, board: &str, category: &str) -> Security {
        Security {
            code: code.into(),
            exchange: Exchange::SH,
            name: name.into(),
            kind,
            board: board.into(),
            industry: String::new(),
            category: category.into(),
            risk_rating: None,
            face_value: None,
        }
    }

    #[test]
    fn spec_default_ratings() {
        let r = Rules::defaults().product_ratings;
        let rate = |s: Security| effective_rating(&s, &r);
        assert_eq!(rate(sec("600519", "贵州茅台", SecurityKind::Stock, "主板", "")), ProductRisk::R3);
        assert_eq!(rate(sec("300750", "宁德时代", SecurityKind::Stock, "创业板", "")), ProductRisk::R4);
        assert_eq!(rate(sec("688981", "中芯国际", SecurityKind::Stock, "科创板", "")), ProductRisk::R4);
        assert_eq!(rate(sec("920001", "某北交所", SecurityKind::Stock, "北交所", "")), ProductRisk::R4);
        assert_eq!(rate(sec("600001", "*ST某某", SecurityKind::Stock, "主板", "")), ProductRisk::R5);
        assert_eq!(rate(sec("300001", "ST某某", SecurityKind::Stock, "创业板", "")), ProductRisk::R5);
        assert_eq!(rate(sec("000001", "某货币A", SecurityKind::Fund, "", "货币型-普通货币")), ProductRisk::R1);
        assert_eq!(rate(sec("000002", "某债券A", SecurityKind::Fund, "", "债券型-长债")), ProductRisk::R2);
        assert_eq!(rate(sec("000003", "某混合", SecurityKind::Fund, "", "混合型-偏股")), ProductRisk::R3);
        assert_eq!(rate(sec("510300", "沪深300ETF", SecurityKind::Fund, "", "ETF")), ProductRisk::R3);
        assert_eq!(rate(sec("113001", "某转债", SecurityKind::Convertible, "", "")), ProductRisk::R4);
        assert_eq!(rate(sec("019001", "国债", SecurityKind::Bond, "", "国债")), ProductRisk::R1);
        assert_eq!(rate(sec("580001", "某权证", SecurityKind::Warrant, "", "")), ProductRisk::R5);
        let mut own = sec("600519", "贵州茅台", SecurityKind::Stock, "主板", "");
        own.risk_rating = Some(ProductRisk::R2);
        assert_eq!(rating_with_basis(&own, &r), (ProductRisk::R2, RatingBasis::Own));
        assert_eq!(rate(own), ProductRisk::R2);
        let money = sec("000001", "某货币A", SecurityKind::Fund, "", "货币型-普通货币");
        assert_eq!(rating_with_basis(&money, &r), (ProductRisk::R1, RatingBasis::Rule("货币市场基金".into())));
        let convertible = sec("113001", "某转债", SecurityKind::Convertible, "", "可转债");
        // categories of SPEC §4.5 as the import stores them (English names too)
        let bond = |c: &str| sec("019547", "某债", SecurityKind::Bond, "", &canonical_category(c));
        let fund = |c: &str| sec("000009", "某基金", SecurityKind::Fund, "", &canonical_category(c));
        assert_eq!(rate(bond("国债")), ProductRisk::R1);
        assert_eq!(rate(bond("Government Bond")), ProductRisk::R1);
        assert_eq!(rate(bond("地方政府债")), ProductRisk::R1);
        assert_eq!(rate(bond("policy bank bond")), ProductRisk::R1);
        assert_eq!(rate(bond("企业债")), ProductRisk::R2);
        assert_eq!(rate(bond("corporate_bond")), ProductRisk::R2);
        assert_eq!(rate(bond("可转债")), ProductRisk::R4);
        assert_eq!(rate(bond("exchangeable")), ProductRisk::R4);
        assert_eq!(rate(fund("Money Market")), ProductRisk::R1);
        assert_eq!(rate(fund("bond")), ProductRisk::R2);
        assert_eq!(rate(fund("指数型-固收")), ProductRisk::R2);
        assert_eq!(rate(fund("mixed")), ProductRisk::R3);
        assert_eq!(rate(fund("QDII")), ProductRisk::R4);
        assert_eq!(canonical_category(" 货币型-普通货币 "), "货币型-普通货币");
        assert_eq!(rating_with_basis(&convertible, &r).1, RatingBasis::Rule("可转换公司债券".into()));
    }
}
