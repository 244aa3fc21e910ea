//! What an assessment record holds besides the score (SPEC §4.1, §4.5, §5.7): the answers as
//! shown, why the lowest category was forced, how the record came about, the report state, what
//! a new level changes for the customer's holdings, and whether a reason must be given.
//!
//! Pure: no I/O, no clock; `today` is a parameter.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::questionnaire::{Questionnaire, option_key};
use super::risk::{AssessmentStatus, ProductRisk, RiskLevel, RiskProfile, Suitability, suitability};
use super::scoring::{Answers, LowestReason};

/// One answer exactly as the customer saw it: the question text and the chosen options' text,
/// so a record stays readable even if the questionnaire file is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerShown {
    /// 1-based question number in the questionnaire.
    pub number: usize,
    /// The question's id in the file.
    pub id: String,
    pub question: String,
    /// The chosen option keys, e.g. `"B"` or `"AD"`.
    pub keys: String,
    /// The chosen options' text, in key order.
    pub options: Vec<String>,
    /// Points this answer scored (multi-select: the highest chosen option).
    pub points: u32,
}

/// The answers of `answers` as shown by `q` (answers beyond the questions are ignored).
pub fn shown_answers(q: &Questionnaire, answers: &Answers) -> Vec<AnswerShown> {
    q.questions
        .iter()
        .zip(&answers.0)
        .enumerate()
        .map(|(i, (question, chosen))| AnswerShown {
            number: i + 1,
            id: question.id.clone(),
            question: question.text.clone(),
            keys: chosen.iter().map(|k| option_key(*k)).collect(),
            options: chosen.iter().filter_map(|k| question.options.get(*k)).map(|o| o.text.clone()).collect(),
            points: chosen.iter().filter_map(|k| question.options.get(*k)).map(|o| o.points).max().unwrap_or(0),
        })
        .collect()
}

/// Which answer or fact forced the lowest category, as one line of Chinese text for the record:
/// `第15题 A「…」`, `年龄 17 岁（未满 18 周岁）`, `无完全民事行为能力`; several joined with `；`.
/// Empty when nothing forced it.
pub fn lowest_cause_text(q: &Questionnaire, reasons: &[LowestReason]) -> String {
    reasons
        .iter()
        .map(|r| match r {
            LowestReason::Option { number, key, .. } => {
                let text = q
                    .questions
                    .get(number - 1)
                    .and_then(|qq| qq.options.get((*key as u8 - b'A') as usize))
                    .map(|o| o.text.as_str())
                    .unwrap_or("");
                format!("第{number}题 {key}「{text}」")
            }
            LowestReason::Minor { age } => format!("年龄 {age} 岁（未满 18 周岁）"),
            LowestReason::NoCivilCapacity => "无完全民事行为能力".to_string(),
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// How an assessment record came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// Taken in the branch through the interview screen.
    Interview,
    /// Loaded from a back-office file (`import assessments`) or migrated from an older DB.
    Import,
}

impl Source {
    /// `interview` / `import` (stored, and the report's `source` column).
    pub fn code(self) -> &'static str {
        match self {
            Source::Interview => "interview",
            Source::Import => "import",
        }
    }
    /// Parses [`Source::code`].
    pub fn parse(s: &str) -> Option<Source> {
        [Source::Interview, Source::Import].into_iter().find(|x| x.code() == s)
    }
    /// 现场测评 / 导入.
    pub fn label_zh(self) -> &'static str {
        match self {
            Source::Interview => "现场测评",
            Source::Import => "导入",
        }
    }
}

/// How the customer confirmed the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confirmation {
    /// Confirmed in person at the end of the interview (recorded by the manager).
    InPerson,
    /// Confirmed on the paper form the back office holds (imports).
    OnPaper,
}

impl Confirmation {
    /// `in_person` / `on_paper` (stored).
    pub fn code(self) -> &'static str {
        match self {
            Confirmation::InPerson => "in_person",
            Confirmation::OnPaper => "on_paper",
        }
    }
    /// Parses [`Confirmation::code`].
    pub fn parse(s: &str) -> Option<Confirmation> {
        [Confirmation::InPerson, Confirmation::OnPaper].into_iter().find(|x| x.code() == s)
    }
    /// 客户现场确认 / 纸质确认.
    pub fn label_zh(self) -> &'static str {
        match self {
            Confirmation::InPerson => "客户现场确认",
            Confirmation::OnPaper => "纸质确认（导入）",
        }
    }
}

/// The `state` column of `report assessments`: `valid|expiring|expired|never|professional`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReportState {
    Valid,
    Expiring,
    Expired,
    Never,
    /// A professional investor (no C level is needed, whatever the last assessment).
    Professional,
}

impl ReportState {
    /// A professional investor is `professional`; otherwise the latest assessment's
    /// [`AssessmentStatus`] on `today` with the questionnaire's expiring window.
    pub fn of(professional: bool, valid_until: Option<NaiveDate>, today: NaiveDate, expiring_days: u32) -> ReportState {
        if professional {
            return ReportState::Professional;
        }
        match AssessmentStatus::of(valid_until, today, expiring_days) {
            AssessmentStatus::Never => ReportState::Never,
            AssessmentStatus::Valid => ReportState::Valid,
            AssessmentStatus::Expiring => ReportState::Expiring,
            AssessmentStatus::Expired => ReportState::Expired,
        }
    }
    /// The report code.
    pub fn code(self) -> &'static str {
        match self {
            ReportState::Valid => "valid",
            ReportState::Expiring => "expiring",
            ReportState::Expired => "expired",
            ReportState::Never => "never",
            ReportState::Professional => "professional",
        }
    }
}

/// One holding whose suitability changes with a new level (SPEC §4.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuitabilityChange {
    pub code: String,
    pub name: String,
    pub rating: ProductRisk,
    pub before: Suitability,
    pub after: Suitability,
}

impl SuitabilityChange {
    /// `true`: the holding becomes suitable; `false`: it becomes unsuitable.
    pub fn becomes_suitable(&self) -> bool {
        self.after.is_suitable()
    }
}

/// The holdings (code, name, rating) whose suitability differs between the profile `before` and
/// the profile `after` a new assessment, in the order given.
pub fn what_changes(
    holdings: &[(String, String, ProductRisk)],
    before: RiskProfile,
    after: RiskProfile,
) -> Vec<SuitabilityChange> {
    holdings
        .iter()
        .filter_map(|(code, name, rating)| {
            let (b, a) = (suitability(before, *rating), suitability(after, *rating));
            (b.is_suitable() != a.is_suitable()).then(|| SuitabilityChange {
                code: code.clone(),
                name: name.clone(),
                rating: *rating,
                before: b,
                after: a,
            })
        })
        .collect()
}

/// Whether the customer must give a reason before the result is saved: the level is lower or
/// higher than the previous assessment's (issue 5: "for a lower or higher level than before, the
/// reason given"). A first assessment needs none.
pub fn needs_reason(previous: Option<RiskLevel>, new: RiskLevel) -> bool {
    previous.is_some_and(|p| p != new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::{ScoringContext, score};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn shown_answers_keep_text_and_points() {
        let q = crate::assets::default_questionnaire();
        let sheet = "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A";
        let shown = shown_answers(&q, &Answers::parse(sheet, &q).unwrap());
        assert_eq!(shown.len(), 20);
        assert_eq!((shown[0].keys.as_str(), shown[0].points), ("A", 3));
        assert_eq!(shown[0].options, vec!["工资、劳务报酬".to_string()]);
        assert_eq!((shown[8].keys.as_str(), shown[8].points, shown[8].options.len()), ("BC", 2, 2));
        assert_eq!(shown.iter().map(|a| a.points).sum::<u32>(), 59);
    }

    #[test]
    fn lowest_cause_names_the_answer() {
        let q = crate::assets::default_questionnaire();
        let forced = "A,E,A,D,A,D,D,D,E,D,C,D,E,D,A,A,B,A,D,A";
        let r = score(&q, &Answers::parse(forced, &q).unwrap(), ScoringContext::default()).unwrap();
        assert_eq!(lowest_cause_text(&q, &r.lowest_reasons), "第15题 A「不能承受任何损失，必须保本」");
        let minor = ScoringContext { age: Some(17), no_full_civil_capacity: true, ..Default::default() };
        let r = score(&q, &Answers::parse(forced, &q).unwrap(), minor).unwrap();
        assert!(lowest_cause_text(&q, &r.lowest_reasons).ends_with("；年龄 17 岁（未满 18 周岁）；无完全民事行为能力"));
    }

    #[test]
    fn report_states() {
        let today = d("2026-11-29");
        assert_eq!(ReportState::of(true, None, today, 30), ReportState::Professional);
        assert_eq!(ReportState::of(false, None, today, 30), ReportState::Never);
        assert_eq!(ReportState::of(false, Some(d("2026-11-28")), today, 30), ReportState::Expired);
        assert_eq!(ReportState::of(false, Some(d("2026-12-28")), today, 30), ReportState::Expiring);
        assert_eq!(ReportState::of(false, Some(d("2026-12-29")), today, 30).code(), "valid");
    }

    #[test]
    fn what_changes_lists_only_flips() {
        let h = vec![
            ("511880".to_string(), "银华日利".to_string(), ProductRisk::R1),
            ("510300".to_string(), "沪深300ETF".to_string(), ProductRisk::R3),
            ("300750".to_string(), "宁德时代".to_string(), ProductRisk::R4),
        ];
        let c4 = RiskProfile::Assessed { level: RiskLevel::C4, lowest: false };
        let c3 = RiskProfile::Assessed { level: RiskLevel::C3, lowest: false };
        let changes = what_changes(&h, c4, c3);
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].code.as_str(), changes[0].becomes_suitable()), ("300750", false));
        let back = what_changes(&h, c3, c4);
        assert!(back[0].becomes_suitable());
        // a lowest-category customer may hold R1 only: R1 never changes
        let lowest = RiskProfile::Assessed { level: RiskLevel::C1, lowest: true };
        let changes = what_changes(&h, c4, lowest);
        assert_eq!(changes.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), vec!["510300", "300750"]);
        assert!(suitability(lowest, ProductRisk::R1).is_suitable());
    }

    #[test]
    fn reason_only_when_the_level_moves() {
        assert!(!needs_reason(None, RiskLevel::C3));
        assert!(!needs_reason(Some(RiskLevel::C3), RiskLevel::C3));
        assert!(needs_reason(Some(RiskLevel::C3), RiskLevel::C2));
        assert!(needs_reason(Some(RiskLevel::C3), RiskLevel::C4));
    }
}
