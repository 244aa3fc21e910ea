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

/// A change of investor class on the customer's request (SPEC §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Conversion {
    /// Ordinary → professional: the figures must meet the professional tests or (individuals)
    /// the conversion-on-request thresholds.
    ToProfessional,
    /// Professional → ordinary: always allowed on the customer's request.
    ToOrdinary,
}

impl Conversion {
    /// `to_professional` / `to_ordinary` (stored).
    pub fn code(self) -> &'static str {
        match self {
            Conversion::ToProfessional => "to_professional",
            Conversion::ToOrdinary => "to_ordinary",
        }
    }
    /// Parses [`Conversion::code`].
    pub fn parse(s: &str) -> Option<Conversion> {
        [Conversion::ToProfessional, Conversion::ToOrdinary].into_iter().find(|c| c.code() == s)
    }
}

/// Checks a conversion against SPEC §4.2 and returns the criterion met (Chinese text, recorded
/// with the classification), or why it is refused.
///
/// To professional: [`professional_eligibility`] must say `Professional` or, for an individual,
/// `ConvertibleOnRequest`. To ordinary: always allowed (`应客户申请转为普通投资者`).
pub fn check_conversion(kind: CustomerKind, f: ProfessionalFacts, to: Conversion) -> Result<String, String> {
    match to {
        Conversion::ToOrdinary => Ok("应客户申请转为普通投资者".into()),
        Conversion::ToProfessional => match professional_eligibility(kind, f) {
            ProfessionalEligibility::Professional { reason } => Ok(reason),
            ProfessionalEligibility::ConvertibleOnRequest { reason } => Ok(reason),
            ProfessionalEligibility::Ordinary { reason } => Err(reason),
        },
    }
}

#[cfg(test)]
mod conversion_tests {
    use super::*;
    const WAN: Fen = FEN_PER_WAN;

    #[test]
    fn conversion_both_ways() {
        let facts =
            |fa: Fen, years| ProfessionalFacts { financial_assets: fa, experience_years: years, ..Default::default() };
        // 300万 and 1 year: convertible on request
        assert_eq!(
            check_conversion(CustomerKind::Individual, facts(300 * WAN, 1), Conversion::ToProfessional).unwrap(),
            "金融资产≥300万或年收入≥30万且经历≥1年，可申请转化"
        );
        // 299.99万: refused, with the rule
        assert!(
            check_conversion(CustomerKind::Individual, facts(300 * WAN - 1, 5), Conversion::ToProfessional).is_err()
        );
        // 500万 and 2 years: professional outright
        assert_eq!(
            check_conversion(CustomerKind::Individual, facts(500 * WAN, 2), Conversion::ToProfessional).unwrap(),
            "金融资产≥500万且经历≥2年"
        );
        // institutions have no conversion-on-request tier
        assert!(check_conversion(CustomerKind::Institution, facts(1000 * WAN, 2), Conversion::ToProfessional).is_err());
        // back to ordinary: always
        assert!(check_conversion(CustomerKind::Individual, facts(0, 0), Conversion::ToOrdinary).is_ok());
        assert_eq!(Conversion::parse("to_ordinary"), Some(Conversion::ToOrdinary));
    }
}
