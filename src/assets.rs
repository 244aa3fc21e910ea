//! Files embedded from `assets/`: the default questionnaire(s) and rules. Market data for the demo
//! is embedded by [`crate::demo`].

use crate::domain::questionnaire::{Questionnaire, QuestionnaireError};

/// Embedded questionnaire files: (path, TOML text).
pub const QUESTIONNAIRES: &[(&str, &str)] = &[
    (
        "assets/questionnaires/sac-individual-v1.toml",
        include_str!("../assets/questionnaires/sac-individual-v1.toml"),
    ),
    ("assets/questionnaires/institution-v1.toml", include_str!("../assets/questionnaires/institution-v1.toml")),
];

/// The id of the default questionnaire for individual ordinary investors.
pub const DEFAULT_QUESTIONNAIRE_ID: &str = "sac-individual";

/// The id of the embedded questionnaire for institutions.
pub const INSTITUTION_QUESTIONNAIRE_ID: &str = "institution";

/// All embedded questionnaires, loaded and validated.
pub fn questionnaires() -> Result<Vec<Questionnaire>, QuestionnaireError> {
    QUESTIONNAIRES.iter().map(|(path, text)| Questionnaire::from_toml(text, path)).collect()
}

/// The default questionnaire (latest version of [`DEFAULT_QUESTIONNAIRE_ID`]).
pub fn default_questionnaire() -> Questionnaire {
    questionnaires()
        .expect("embedded questionnaires are valid (tested)")
        .into_iter()
        .filter(|q| q.id == DEFAULT_QUESTIONNAIRE_ID)
        .max_by_key(|q| q.version)
        .expect("the default questionnaire is embedded")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::risk::RiskLevel;
    use crate::domain::scoring::{Answers, ScoringContext, score};

    #[test]
    fn default_questionnaire_matches_spec_table() {
        let q = default_questionnaire();
        assert_eq!(q.questions.len(), 20);
        assert_eq!((q.validity_days, q.expiring_days), (730, 30)); // SPEC §4.1 validity: 2 years
        assert_eq!(q.reachable_range(), (10, 100));
        let points: Vec<Vec<u32>> = q.questions.iter().map(|q| q.options.iter().map(|o| o.points).collect()).collect();
        assert_eq!(points[0], vec![3, 2, 1, 1, 0]);
        assert_eq!(points[8], vec![0, 1, 2, 4, 6]);
        assert_eq!(points[15], vec![7, 5, 4, 3, 1]);
        assert_eq!(points[16], vec![5, 7, 3, 2, 0]);
        assert!(q.questions[0].options[4].forces_lowest);
        assert!(q.questions[14].options[0].forces_lowest);
        assert!(q.questions[8].multi && q.questions[11].multi);
        let bands: Vec<(RiskLevel, u32, u32)> = q.bands.iter().map(|b| (b.level, b.min, b.max)).collect();
        assert_eq!(
            bands,
            vec![
                (RiskLevel::C1, 0, 19),
                (RiskLevel::C2, 20, 36),
                (RiskLevel::C3, 37, 53),
                (RiskLevel::C4, 54, 82),
                (RiskLevel::C5, 83, 100)
            ]
        );
    }

    #[test]
    fn scores_hand_worked_sheets() {
        let q = default_questionnaire();
        // All highest options: 100 → C5.
        let best = "A,E,A,D,A,D,D,D,E,D,C,D,E,D,D,A,B,A,D,A";
        let r = score(&q, &Answers::parse(best, &q).unwrap(), ScoringContext::default()).unwrap();
        assert_eq!((r.score, r.level, r.lowest), (100, RiskLevel::C5, false));
        // A middle sheet: 3+4+3+1+0+3+3+3+max(1,2)+2+3+max(2,4)+3+2+2+5+3+5+4+4 = 59 → C4 (54–82).
        let mid = "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A";
        let r = score(&q, &Answers::parse(mid, &q).unwrap(), ScoringContext::default()).unwrap();
        assert_eq!((r.score, r.level), (59, RiskLevel::C4));
        // Q15 "must keep principal" forces C1 + lowest whatever the rest.
        let forced = "A,E,A,D,A,D,D,D,E,D,C,D,E,D,A,A,B,A,D,A";
        let r = score(&q, &Answers::parse(forced, &q).unwrap(), ScoringContext::default()).unwrap();
        assert_eq!((r.score, r.level, r.lowest), (94, RiskLevel::C1, true));
    }

    #[test]
    fn age_answer_must_match_the_birth_date() {
        let q = default_questionnaire();
        // Q17 = C (41–50) is right for 45 and scores 59; B (31–40) is refused for a 45-year-old.
        let sheet = "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A";
        let ctx = |age| ScoringContext { age: Some(age), ..ScoringContext::default() };
        assert_eq!(score(&q, &Answers::parse(sheet, &q).unwrap(), ctx(45)).unwrap().score, 59);
        let wrong = sheet.replacen("B,C,A,C,A", "B,B,A,C,A", 1);
        assert_eq!(
            score(&q, &Answers::parse(&wrong, &q).unwrap(), ctx(45)).unwrap_err().to_string(),
            "question 17 (age) is filled from the birth date: age 45 is option C, not B"
        );
    }

    #[test]
    fn age_autofill_picks_the_band() {
        let q = default_questionnaire();
        let age_q = q.questions.iter().find(|q| q.autofill.as_deref() == Some("age")).unwrap();
        assert_eq!(Questionnaire::option_for_age(age_q, 30), Some('A'));
        assert_eq!(Questionnaire::option_for_age(age_q, 31), Some('B'));
        assert_eq!(Questionnaire::option_for_age(age_q, 60), Some('D'));
        assert_eq!(Questionnaire::option_for_age(age_q, 61), Some('E'));
        assert_eq!(Questionnaire::option_for_age(age_q, 17), None);
    }
}
