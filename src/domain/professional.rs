//! Professional-investor tests (专业投资者, SPEC §4.2, from the CSRC suitability measures).

use serde::Serialize;

use super::model::CustomerKind;
use super::money::{FEN_PER_WAN, Fen};

/// The facts the tests need. Money in fen; experience in whole years.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProfessionalFacts {
    /// Financial assets (金融资产).
    pub financial_assets: Fen,
    /// Average annual income over the last 3 years (individuals).
    pub avg_income_3y: Fen,
    /// Net assets (institutions).
    pub net_assets: Fen,
    /// Years of investing experience or of finance work.
    pub experience_years: u32,
}

/// Outcome of the tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ProfessionalEligibility {
    /// Meets the professional tests outright.
    Professional { reason: String },
    /// An ordinary individual who may be converted on request (financial assets ≥ 300万 or income ≥ 30万,
    /// and ≥ 1 year).
    ConvertibleOnRequest { reason: String },
    /// Neither; the reason names what is missing.
    Ordinary { reason: String },
}

/// Individual: financial assets ≥ 500万 or 3-year average income ≥ 50万, and ≥ 2 years.
/// Institution: net assets ≥ 2000万 and financial assets ≥ 1000万 and ≥ 2 years.
/// Ordinary individual convertible on request: financial assets ≥ 300万 or income ≥ 30万, and ≥ 1 year.
pub fn professional_eligibility(kind: CustomerKind, f: ProfessionalFacts) -> ProfessionalEligibility {
    let wan = FEN_PER_WAN;
    match kind {
        CustomerKind::Institution => {
            if f.net_assets >= 2000 * wan && f.financial_assets >= 1000 * wan && f.experience_years >= 2 {
                ProfessionalEligibility::Professional {
                    reason: "净资产≥2000万、金融资产≥1000万、投资经历≥2年".into()
                }
            } else {
                ProfessionalEligibility::Ordinary {
                    reason: "机构须净资产≥2000万、金融资产≥1000万且投资经历≥2年".into(),
                }
            }
        }
        CustomerKind::Individual => {
            let wealth = f.financial_assets >= 500 * wan || f.avg_income_3y >= 50 * wan;
            if wealth && f.experience_years >= 2 {
                return ProfessionalEligibility::Professional {
                    reason: if f.financial_assets >= 500 * wan {
                        "金融资产≥500万且经历≥2年"
                    } else {
                        "近3年年均收入≥50万且经历≥2年"
                    }
                    .into(),
                };
            }
            let near = f.financial_assets >= 300 * wan || f.avg_income_3y >= 30 * wan;
            if near && f.experience_years >= 1 {
                ProfessionalEligibility::ConvertibleOnRequest {
                    reason: "金融资产≥300万或年收入≥30万且经历≥1年，可申请转化".into(),
                }
            } else {
                ProfessionalEligibility::Ordinary { reason: "未达专业投资者或申请转化条件".into() }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const WAN: Fen = FEN_PER_WAN;

    fn ind(fa: Fen, inc: Fen, years: u32) -> ProfessionalEligibility {
        professional_eligibility(
            CustomerKind::Individual,
            ProfessionalFacts { financial_assets: fa, avg_income_3y: inc, net_assets: 0, experience_years: years },
        )
    }

    #[test]
    fn individual_thresholds() {
        assert!(matches!(ind(500 * WAN, 0, 2), ProfessionalEligibility::Professional { .. }));
        assert!(matches!(ind(0, 50 * WAN, 2), ProfessionalEligibility::Professional { .. }));
        assert!(matches!(ind(500 * WAN, 0, 1), ProfessionalEligibility::ConvertibleOnRequest { .. }));
        assert!(matches!(ind(300 * WAN, 0, 1), ProfessionalEligibility::ConvertibleOnRequest { .. }));
        assert!(matches!(ind(300 * WAN - 1, 30 * WAN - 1, 5), ProfessionalEligibility::Ordinary { .. }));
        assert!(matches!(ind(400 * WAN, 0, 0), ProfessionalEligibility::Ordinary { .. }));
    }

    #[test]
    fn institution_needs_all_three() {
        let inst = |na, fa, y| {
            professional_eligibility(
                CustomerKind::Institution,
                ProfessionalFacts { financial_assets: fa, avg_income_3y: 0, net_assets: na, experience_years: y },
            )
        };
        assert!(matches!(inst(2000 * WAN, 1000 * WAN, 2), ProfessionalEligibility::Professional { .. }));
        assert!(matches!(inst(2000 * WAN, 999 * WAN, 2), ProfessionalEligibility::Ordinary { .. }));
        assert!(matches!(inst(1999 * WAN, 1000 * WAN, 2), ProfessionalEligibility::Ordinary { .. }));
    }
}
