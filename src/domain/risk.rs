//! Risk levels of customers (C1–C5), risk types (分类), product risk ratings (R1–R5) and the
//! suitability rule R ≤ C (SPEC §2, §4.5).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Customer risk-tolerance level from the questionnaire (风险承受能力等级), C1 lowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskLevel {
    C1,
    C2,
    C3,
    C4,
    C5,
}

impl RiskLevel {
    /// All five, lowest first.
    pub const ALL: [RiskLevel; 5] = [RiskLevel::C1, RiskLevel::C2, RiskLevel::C3, RiskLevel::C4, RiskLevel::C5];

    /// 1..=5.
    pub fn rank(self) -> u8 {
        self as u8 + 1
    }
    /// `"C1"` … `"C5"`.
    pub fn code(self) -> &'static str {
        ["C1", "C2", "C3", "C4", "C5"][self as usize]
    }
    /// Parses `C1`..`C5` (case-insensitive).
    pub fn parse(s: &str) -> Option<RiskLevel> {
        RiskLevel::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(s.trim()))
    }
    /// Level names of the SAC template: 保守型 谨慎型 稳健型 积极型 激进型.
    pub fn label_zh(self) -> &'static str {
        ["保守型", "谨慎型", "稳健型", "积极型", "激进型"][self as usize]
    }
    /// The risk type (分类) this level belongs to: C1–C2 conservative, C3 balanced, C4–C5 aggressive.
    pub fn risk_type(self) -> RiskType {
        match self {
            RiskLevel::C1 | RiskLevel::C2 => RiskType::Conservative,
            RiskLevel::C3 => RiskType::Balanced,
            RiskLevel::C4 | RiskLevel::C5 => RiskType::Aggressive,
        }
    }
}

/// The three risk types of the source documents (分类): 保守型 = C1–C2, 稳健型 = C3, 进取型 = C4–C5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskType {
    Conservative,
    Balanced,
    Aggressive,
}

impl RiskType {
    pub const ALL: [RiskType; 3] = [RiskType::Conservative, RiskType::Balanced, RiskType::Aggressive];
    /// `conservative` / `balanced` / `aggressive`.
    pub fn code(self) -> &'static str {
        ["conservative", "balanced", "aggressive"][self as usize]
    }
    /// 保守型 / 稳健型 / 进取型.
    pub fn label_zh(self) -> &'static str {
        ["保守型", "稳健型", "进取型"][self as usize]
    }
    /// English label.
    pub fn label_en(self) -> &'static str {
        ["Conservative", "Balanced", "Aggressive"][self as usize]
    }
}

/// Product risk rating (产品风险等级), R1 低 … R5 高.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ProductRisk {
    R1,
    R2,
    R3,
    R4,
    R5,
}

impl ProductRisk {
    pub const ALL: [ProductRisk; 5] =
        [ProductRisk::R1, ProductRisk::R2, ProductRisk::R3, ProductRisk::R4, ProductRisk::R5];
    /// 1..=5.
    pub fn rank(self) -> u8 {
        self as u8 + 1
    }
    /// `"R1"` … `"R5"`.
    pub fn code(self) -> &'static str {
        ["R1", "R2", "R3", "R4", "R5"][self as usize]
    }
    /// Parses `R1`..`R5` (case-insensitive).
    pub fn parse(s: &str) -> Option<ProductRisk> {
        ProductRisk::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(s.trim()))
    }
    /// 低 / 中低 / 中 / 中高 / 高.
    pub fn label_zh(self) -> &'static str {
        ["低", "中低", "中", "中高", "高"][self as usize]
    }
}

/// State of a customer's latest assessment on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssessmentStatus {
    /// No assessment on record.
    Never,
    /// Valid and not within the expiring window.
    Valid,
    /// Valid, but expires within the expiring window (SPEC §4.1: 30 days by default).
    Expiring,
    /// `valid_until` has passed.
    Expired,
}

impl AssessmentStatus {
    /// From the latest assessment's `valid_until` (last valid day, inclusive), `today` and the
    /// questionnaire's expiring window in days.
    pub fn of(valid_until: Option<NaiveDate>, today: NaiveDate, expiring_days: u32) -> AssessmentStatus {
        match valid_until {
            None => AssessmentStatus::Never,
            Some(until) if until < today => AssessmentStatus::Expired,
            Some(until) if (until - today).num_days() < expiring_days as i64 => AssessmentStatus::Expiring,
            Some(_) => AssessmentStatus::Valid,
        }
    }
    /// 未测评 / 有效 / 即将到期 / 已过期.
    pub fn label_zh(self) -> &'static str {
        match self {
            AssessmentStatus::Never => "未测评",
            AssessmentStatus::Valid => "有效",
            AssessmentStatus::Expiring => "即将到期",
            AssessmentStatus::Expired => "已过期",
        }
    }
}

/// What suitability matching uses for one customer (SPEC §4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskProfile {
    /// 专业投资者: no C level, may hold R1–R5.
    Professional,
    /// A usable (valid or expiring) assessment.
    Assessed { level: RiskLevel, lowest: bool },
    /// No assessment, or only an expired one; the last level stays visible.
    Unassessed { last_level: Option<RiskLevel> },
}

impl RiskProfile {
    /// Builds the profile from the investor class and the latest assessment
    /// (`(level, lowest flag, valid_until)`), as of `today`.
    pub fn resolve(professional: bool, latest: Option<(RiskLevel, bool, NaiveDate)>, today: NaiveDate) -> RiskProfile {
        if professional {
            return RiskProfile::Professional;
        }
        match latest {
            Some((level, lowest, until)) if until >= today => RiskProfile::Assessed { level, lowest },
            Some((level, _, _)) => RiskProfile::Unassessed { last_level: Some(level) },
            None => RiskProfile::Unassessed { last_level: None },
        }
    }

    /// The segment column of the 分级分类 matrix (SPEC §4.4).
    pub fn segment_column(self) -> SegmentColumn {
        match self {
            RiskProfile::Professional => SegmentColumn::Professional,
            RiskProfile::Assessed { level, .. } => SegmentColumn::Type(level.risk_type()),
            RiskProfile::Unassessed { .. } => SegmentColumn::Unassessed,
        }
    }
}

/// A column of the segment matrix: the three risk types, 专业投资者, 未评估.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SegmentColumn {
    Type(RiskType),
    Professional,
    Unassessed,
}

impl SegmentColumn {
    /// The five columns in matrix order.
    pub const ALL: [SegmentColumn; 5] = [
        SegmentColumn::Type(RiskType::Conservative),
        SegmentColumn::Type(RiskType::Balanced),
        SegmentColumn::Type(RiskType::Aggressive),
        SegmentColumn::Professional,
        SegmentColumn::Unassessed,
    ];
    /// `conservative|balanced|aggressive|professional|unassessed` (the report contract).
    pub fn code(self) -> &'static str {
        match self {
            SegmentColumn::Type(t) => t.code(),
            SegmentColumn::Professional => "professional",
            SegmentColumn::Unassessed => "unassessed",
        }
    }
    /// Parses a [`SegmentColumn::code`].
    pub fn parse(s: &str) -> Option<SegmentColumn> {
        SegmentColumn::ALL.into_iter().find(|c| c.code() == s.trim())
    }
    /// 保守型 稳健型 进取型 专业投资者 未评估.
    pub fn label_zh(self) -> &'static str {
        match self {
            SegmentColumn::Type(t) => t.label_zh(),
            SegmentColumn::Professional => "专业投资者",
            SegmentColumn::Unassessed => "未评估",
        }
    }
    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            SegmentColumn::Type(t) => t.label_en(),
            SegmentColumn::Professional => "Professional",
            SegmentColumn::Unassessed => "Unassessed",
        }
    }
    /// Index 0..5 in [`SegmentColumn::ALL`].
    pub fn index(self) -> usize {
        SegmentColumn::ALL.iter().position(|c| *c == self).unwrap_or(4)
    }
}

/// Result of matching one product against one customer (SPEC §4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Suitability {
    /// R ≤ C (or professional).
    Suitable,
    /// R above the customer's C.
    AboveLevel { level: RiskLevel, rating: ProductRisk },
    /// A lowest-category customer holds more than R1 (no waiver possible).
    LowestCategory { rating: ProductRisk },
    /// No valid assessment and the product is above R1.
    Unassessed { rating: ProductRisk },
}

impl Suitability {
    /// Whether the holding fits.
    pub fn is_suitable(self) -> bool {
        matches!(self, Suitability::Suitable)
    }
    /// Short mark for tables: `✓` suitable, `✗` otherwise.
    pub fn mark(self) -> &'static str {
        if self.is_suitable() { "✓" } else { "✗" }
    }
    /// Reason in Chinese, e.g. `R4 高于 C3`.
    pub fn reason_zh(self) -> String {
        match self {
            Suitability::Suitable => "适当".into(),
            Suitability::AboveLevel { level, rating } => format!("{} 高于 {}", rating.code(), level.code()),
            Suitability::LowestCategory { rating } => format!("最低类别持有 {}", rating.code()),
            Suitability::Unassessed { rating } => format!("未有效测评持有 {}", rating.code()),
        }
    }
}

/// SPEC §4.5: suitable iff R ≤ C; professional investors may hold all; a lowest-category customer
/// nothing above R1; an unassessed/expired customer nothing above R1.
pub fn suitability(profile: RiskProfile, rating: ProductRisk) -> Suitability {
    match profile {
        RiskProfile::Professional => Suitability::Suitable,
        RiskProfile::Assessed { lowest: true, .. } if rating > ProductRisk::R1 => {
            Suitability::LowestCategory { rating }
        }
        RiskProfile::Assessed { level, .. } if rating.rank() > level.rank() => {
            Suitability::AboveLevel { level, rating }
        }
        RiskProfile::Assessed { .. } => Suitability::Suitable,
        RiskProfile::Unassessed { .. } if rating > ProductRisk::R1 => Suitability::Unassessed { rating },
        RiskProfile::Unassessed { .. } => Suitability::Suitable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn types_group_levels() {
        assert_eq!(RiskLevel::C1.risk_type(), RiskType::Conservative);
        assert_eq!(RiskLevel::C2.risk_type(), RiskType::Conservative);
        assert_eq!(RiskLevel::C3.risk_type(), RiskType::Balanced);
        assert_eq!(RiskLevel::C4.risk_type(), RiskType::Aggressive);
        assert_eq!(RiskLevel::C5.risk_type(), RiskType::Aggressive);
    }

    #[test]
    fn suitability_table() {
        let c3 = RiskProfile::Assessed { level: RiskLevel::C3, lowest: false };
        assert!(suitability(c3, ProductRisk::R3).is_suitable());
        assert_eq!(
            suitability(c3, ProductRisk::R4),
            Suitability::AboveLevel { level: RiskLevel::C3, rating: ProductRisk::R4 }
        );
        let c1 = RiskProfile::Assessed { level: RiskLevel::C1, lowest: false };
        assert!(suitability(c1, ProductRisk::R1).is_suitable());
        assert!(!suitability(c1, ProductRisk::R2).is_suitable());
        let lowest = RiskProfile::Assessed { level: RiskLevel::C1, lowest: true };
        assert_eq!(suitability(lowest, ProductRisk::R2), Suitability::LowestCategory { rating: ProductRisk::R2 });
        let c5 = RiskProfile::Assessed { level: RiskLevel::C5, lowest: false };
        assert!(suitability(c5, ProductRisk::R5).is_suitable());
        assert!(suitability(RiskProfile::Professional, ProductRisk::R5).is_suitable());
        let un = RiskProfile::Unassessed { last_level: Some(RiskLevel::C5) };
        assert!(suitability(un, ProductRisk::R1).is_suitable());
        assert_eq!(suitability(un, ProductRisk::R2), Suitability::Unassessed { rating: ProductRisk::R2 });
    }

    #[test]
    fn profile_expiry() {
        let today = d("2026-11-29");
        let valid = Some((RiskLevel::C4, false, d("2026-11-29")));
        assert_eq!(
            RiskProfile::resolve(false, valid, today),
            RiskProfile::Assessed { level: RiskLevel::C4, lowest: false }
        );
        let expired = Some((RiskLevel::C4, false, d("2026-11-28")));
        assert_eq!(
            RiskProfile::resolve(false, expired, today),
            RiskProfile::Unassessed { last_level: Some(RiskLevel::C4) }
        );
        assert_eq!(RiskProfile::resolve(true, expired, today), RiskProfile::Professional);
        assert_eq!(RiskProfile::resolve(false, expired, today).segment_column(), SegmentColumn::Unassessed);
        assert_eq!(
            RiskProfile::resolve(false, valid, today).segment_column(),
            SegmentColumn::Type(RiskType::Aggressive)
        );
    }

    #[test]
    fn status_windows() {
        let today = d("2026-11-29");
        assert_eq!(AssessmentStatus::of(None, today, 30), AssessmentStatus::Never);
        assert_eq!(AssessmentStatus::of(Some(d("2026-11-28")), today, 30), AssessmentStatus::Expired);
        assert_eq!(AssessmentStatus::of(Some(d("2026-11-29")), today, 30), AssessmentStatus::Expiring);
        assert_eq!(AssessmentStatus::of(Some(d("2026-12-28")), today, 30), AssessmentStatus::Expiring);
        assert_eq!(AssessmentStatus::of(Some(d("2026-12-29")), today, 30), AssessmentStatus::Valid);
    }
}
