//! Files embedded from `assets/`: the default questionnaire(s) and rules. Market data for the demo
//! is embedded by [`crate::demo`].

use crate::domain::questionnaire::{Questionnaire, QuestionnaireError};

/// Embedded questionnaire files: (path, TOML text).
pub const QUESTIONNAIRES: &[(&str, &str)] = &[
    ("assets/questionnaires/sac-individual-v1.toml", include_str!("../assets/questionnaires/sac-individual-v1.toml")),
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

    /// Every band boundary (SPEC §4.1: C1 0–19, C2 20–36, C3 37–53, C4 54–82, C5 83–100), each
    /// sheet worked out by hand from the points table (Q1..Q20, age 17 = E, no birth date given).
    #[test]
    fn every_band_boundary() {
        let q = default_questionnaire();
        let cases = [
            // the lowest sheet without a ★ answer: 1+1+0+0+0+1+1+1+0+0+1+2+0+0+2+1+0+1+1+0 = 13
            ("D,A,D,A,D,A,A,A,A,E,A,A,A,A,B,E,E,C,A,E", 13, RiskLevel::C1),
            // Q3 D→A (+3), Q4 A→D (+3): 19, the top of C1
            ("D,A,A,D,D,A,A,A,A,E,A,A,A,A,B,E,E,C,A,E", 19, RiskLevel::C1),
            // Q19 A→B (+1): 20, the bottom of C2
            ("D,A,A,D,D,A,A,A,A,E,A,A,A,A,B,E,E,C,B,E", 20, RiskLevel::C2),
            // Q5 D→A (+5), Q16 E→A (+6), Q20 E→A (+4), Q7 A→B (+1): 36, the top of C2
            ("D,A,A,D,A,A,B,A,A,E,A,A,A,A,B,A,E,C,B,A", 36, RiskLevel::C2),
            // Q7 B→C (+1): 37, the bottom of C3
            ("D,A,A,D,A,A,C,A,A,E,A,A,A,A,B,A,E,C,B,A", 37, RiskLevel::C3),
            // Q2 A→E (+5), Q8 A→D (+5), Q11 A→C (+4), Q14 A→B (+2): 53, the top of C3
            ("D,E,A,D,A,A,C,D,A,E,C,A,A,B,B,A,E,C,B,A", 53, RiskLevel::C3),
            // Q14 B→C (+1): 54, the bottom of C4
            ("D,E,A,D,A,A,C,D,A,E,C,A,A,C,B,A,E,C,B,A", 54, RiskLevel::C4),
            // 3+6+3+3+5+5+4+6+6+4+5+6+6+4+2+7+0+1+2+4 = 82, the top of C4
            ("A,E,A,D,A,D,D,D,E,D,C,D,E,D,B,A,E,C,B,A", 82, RiskLevel::C4),
            // Q14 D→C (−1), Q18 C→B (+2): 83, the bottom of C5
            ("A,E,A,D,A,D,D,D,E,D,C,D,E,C,B,A,E,B,B,A", 83, RiskLevel::C5),
            // every highest option: 100
            ("A,E,A,D,A,D,D,D,E,D,C,D,E,D,D,A,B,A,D,A", 100, RiskLevel::C5),
        ];
        for (sheet, points, level) in cases {
            let r = score(&q, &Answers::parse(sheet, &q).unwrap(), ScoringContext::default()).unwrap();
            assert_eq!((r.score, r.level, r.lowest), (points, level, false), "{sheet}");
        }
    }

    /// Multi-select scores the highest chosen option: Q9 A+E = 6 (not 0+6), Q12 A+B+C = 5.
    #[test]
    fn multi_select_counts_the_highest_option() {
        let q = default_questionnaire();
        let base = "D,A,D,A,D,A,A,A,A,E,A,A,A,A,B,E,E,C,A,E"; // 13
        let multi = "D,A,D,A,D,A,A,A,AE,E,A,ABC,A,A,B,E,E,C,A,E"; // 13 - 0 + 6 - 2 + 5 = 22
        let r = score(&q, &Answers::parse(multi, &q).unwrap(), ScoringContext::default()).unwrap();
        assert_eq!((r.score, r.level), (22, RiskLevel::C2));
        let r = score(&q, &Answers::parse(base, &q).unwrap(), ScoringContext::default()).unwrap();
        assert_eq!(r.score, 13);
    }

    /// Forced lowest: a ★ answer, no full civil capacity, or an age under 18 — C1 + lowest
    /// whatever the score (the 100-point sheet here).
    #[test]
    fn forced_lowest_by_star_capacity_and_age() {
        use crate::domain::scoring::LowestReason;
        let q = default_questionnaire();
        let best = Answers::parse("A,E,A,D,A,D,D,D,E,D,C,D,E,D,D,A,B,A,D,A", &q).unwrap();
        let capacity = ScoringContext { no_full_civil_capacity: true, ..Default::default() };
        let r = score(&q, &best, capacity).unwrap();
        assert_eq!((r.score, r.level, r.lowest), (100, RiskLevel::C1, true));
        assert_eq!(r.lowest_reasons, vec![LowestReason::NoCivilCapacity]);
        // 17 years old: Q17 has no option for 17, so the sheet's B is not checked; forced by age
        let minor = ScoringContext { age: Some(17), ..Default::default() };
        let r = score(&q, &best, minor).unwrap();
        assert_eq!(
            (r.level, r.lowest, r.lowest_reasons.clone()),
            (RiskLevel::C1, true, vec![LowestReason::Minor { age: 17 }])
        );
        // 18: not forced (B = 31–40 is wrong for 18 unless changed with a note)
        let adult = ScoringContext { age: Some(18), age_answer_overridden: true, ..Default::default() };
        assert_eq!(score(&q, &best, adult).unwrap().level, RiskLevel::C5);
        // ★ on Q1 E: 100 − 3 = 97 points, C1 + lowest
        let star = Answers::parse("E,E,A,D,A,D,D,D,E,D,C,D,E,D,D,A,B,A,D,A", &q).unwrap();
        let r = score(&q, &star, ScoringContext::default()).unwrap();
        assert_eq!((r.score, r.level, r.lowest), (97, RiskLevel::C1, true));
    }
}
