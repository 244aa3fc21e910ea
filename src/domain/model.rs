//! The entities of SPEC §3 as plain Rust values: what imports produce, the demo generates and the
//! store writes. Money in fen ([`Fen`]); prices in 厘 (1/1000 yuan, [`PriceMilli`]); quantities in units.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::id_number::Gender;
use super::money::Fen;
use super::risk::{ProductRisk, RiskLevel};

/// A price in 厘 (0.001 yuan), enough for ETF and fund prices quoted to 3 decimals.
pub type PriceMilli = i64;

/// Market value in fen of `quantity` units at `price` (厘), rounded half away from zero. Computed
/// in `i128` and saturated at the `i64` range, never wrapped (imports bound quantities to 10^12 and
/// prices to 10^7 yuan, whose product can still pass `i64`: `src/import/bounds.rs`).
pub fn market_value(quantity: i64, price: PriceMilli) -> Fen {
    let milli = quantity as i128 * price as i128; // in 厘
    let fen = if milli >= 0 { (milli + 5) / 10 } else { (milli - 5) / 10 };
    // saturates rather than wraps (figures are bounded at import; this is the last net)
    fen.clamp(i128::from(Fen::MIN), i128::from(Fen::MAX)) as Fen
}

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal / $zh:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(into = "&'static str", try_from = "String")]
        pub enum $name { $($variant),+ }
        impl From<$name> for &'static str {
            fn from(v: $name) -> &'static str { v.code() }
        }
        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<$name, String> {
                $name::parse(&s).ok_or_else(|| format!("unknown {} {:?}", stringify!($name), s))
            }
        }
        impl $name {
            /// All values in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The English code stored in the DB and used in CSV files.
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            /// The Chinese label shown in the UI.
            pub fn label_zh(self) -> &'static str { match self { $($name::$variant => $zh),+ } }
            /// Parses the English code or the Chinese label (and listed aliases), case-insensitive for ASCII.
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $( if s.eq_ignore_ascii_case($code) || s == $zh $(|| s.eq_ignore_ascii_case($alias))* { return Some($name::$variant); } )+
                None
            }
        }
    };
}

code_enum!(
    /// Role of a manager record.
    Role { Manager = "manager" / "客户经理", Supervisor = "supervisor" / "营业部负责人" | "负责人" | "主管" }
);
code_enum!(
    /// Natural person or institution.
    CustomerKind { Individual = "individual" / "个人", Institution = "institution" / "机构" }
);
code_enum!(
    /// Ordinary or professional investor (SPEC §4.2).
    InvestorClass { Ordinary = "ordinary" / "普通" | "普通投资者", Professional = "professional" / "专业" | "专业投资者" }
);
code_enum!(
    /// Account status.
    CustomerStatus { Active = "active" / "正常", Dormant = "dormant" / "休眠", Closed = "closed" / "销户" }
);
code_enum!(
    /// Kind of security or product.
    SecurityKind {
        Stock = "stock" / "股票",
        Fund = "fund" / "基金" | "etf",
        Bond = "bond" / "债券",
        Convertible = "convertible" / "可转债" | "convertible_bond",
        Warrant = "warrant" / "权证",
        WealthProduct = "wealth_product" / "理财产品" | "wealth" | "资管产品",
        Other = "other" / "其他",
    }
);
code_enum!(
    /// Exchange of listing.
    Exchange { SH = "SH" / "上交所" | "上海", SZ = "SZ" / "深交所" | "深圳", BJ = "BJ" / "北交所" | "北京", OTC = "OTC" / "场外" }
);
code_enum!(
    /// Order side.
    Side { Buy = "buy" / "买入" | "B", Sell = "sell" / "卖出" | "S" }
);

/// A manager (客户经理) or the branch head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manager {
    pub manager_id: String,
    pub name: String,
    pub branch: String,
    pub role: Role,
}

/// A customer with a capital account (资金账号 = `customer_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub customer_id: String,
    pub name: String,
    pub kind: CustomerKind,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    /// Resident ID (individuals) or unified social credit code (institutions), validated.
    pub id_number: String,
    pub mobile: Option<String>,
    pub manager_id: String,
    pub opened_on: NaiveDate,
    pub investor_class: InvestorClass,
    pub status: CustomerStatus,
}

/// One account snapshot per customer per statistics date (统计日期).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSnapshot {
    pub customer_id: String,
    pub as_of: NaiveDate,
    pub cash: Fen,
    /// 资产总值; when an import leaves it out, cash + market value of the holdings of that date.
    pub total_assets: Fen,
    /// 净佣金 over the last 12 months.
    pub net_commission_12m: Fen,
    /// Other income to the firm over the last 12 months (margin interest, product fees…).
    pub other_income_12m: Fen,
    /// 成交额 over the last 12 months.
    pub turnover_12m: Fen,
    pub last_trade_on: Option<NaiveDate>,
}

impl AccountSnapshot {
    /// Value contribution (价值贡献) = net commission + other income, 12 months.
    pub fn contribution(&self) -> Fen {
        self.net_commission_12m + self.other_income_12m
    }
}

/// A security or product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Security {
    pub code: String,
    pub exchange: Exchange,
    pub name: String,
    pub kind: SecurityKind,
    /// 主板 / 创业板 / 科创板 / 北交所 for stocks; empty otherwise.
    pub board: String,
    pub industry: String,
    /// Finer category, e.g. a fund type `债券型-长债`, `货币型`, `ETF`; empty when unknown.
    pub category: String,
    /// The rating set in the file; `None` means the default rating rules decide.
    pub risk_rating: Option<ProductRisk>,
    /// Face value in fen for bonds (usually 10,000 = 100 yuan).
    pub face_value: Option<Fen>,
}

/// A daily bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceBar {
    pub code: String,
    pub date: NaiveDate,
    pub open: PriceMilli,
    pub high: PriceMilli,
    pub low: PriceMilli,
    pub close: PriceMilli,
    /// Shares (units).
    pub volume: i64,
}

/// A position on a statistics date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holding {
    pub customer_id: String,
    pub as_of: NaiveDate,
    pub code: String,
    pub quantity: i64,
    pub cost_price: PriceMilli,
}

/// An order from the back office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub customer_id: String,
    pub time: DateTime<Utc>,
    pub code: String,
    pub side: Side,
    pub price: PriceMilli,
    pub quantity: i64,
}

/// A completed questionnaire (风险测评), append-only once stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub customer_id: String,
    pub questionnaire_id: String,
    pub version: u32,
    /// The `--answers` form: one token per question, e.g. `A,C,B,AD,…`.
    pub answers: String,
    pub score: u32,
    pub level: RiskLevel,
    pub lowest: bool,
    pub assessed_on: NaiveDate,
    /// Last valid day (inclusive).
    pub valid_until: NaiveDate,
    /// Who ran it; `None` for imported history without one.
    pub manager_id: Option<String>,
    pub customer_confirmed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn market_value_rounds() {
        // 100 shares at 1419.500 yuan = 141,950.00 yuan
        assert_eq!(market_value(100, 1_419_500), 14_195_000);
        // 3 units at 1.235 yuan = 3.705 → 3.71 yuan
        assert_eq!(market_value(3, 1235), 371);
        // at the import maxima (10^12 units at 10^7 yuan) the value passes i64: saturated, not wrapped
        assert_eq!(market_value(1_000_000_000_000, 10_000_000_000), i64::MAX);
        assert_eq!(market_value(-1_000_000_000_000, 10_000_000_000), i64::MIN);
    }
    #[test]
    fn enums_parse_both_languages() {
        assert_eq!(CustomerStatus::parse("休眠"), Some(CustomerStatus::Dormant));
        assert_eq!(CustomerStatus::parse("ACTIVE"), Some(CustomerStatus::Active));
        assert_eq!(SecurityKind::parse("可转债"), Some(SecurityKind::Convertible));
        assert_eq!(Side::parse("卖出"), Some(Side::Sell));
        assert_eq!(Exchange::parse("xx"), None);
    }
}
