//! Scoring a filled questionnaire (SPEC §4.1): answers → score → level, with the lowest-category rules.

use serde::Serialize;

use super::questionnaire::{Questionnaire, option_key};
use super::risk::RiskLevel;

/// The chosen option indexes (0 = `A`) of every question, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers(pub Vec<Vec<usize>>);

/// A wrong answer sheet; every variant names the question (1-based number and id).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("expected {expected} answers (one per question), found {found}")]
    Count { expected: usize, found: usize },
    #[error("question {number} ({id}): no option chosen")]
    Empty { number: usize, id: String },
    #[error("question {number} ({id}): unknown option {letter:?} (options are A–{last})")]
    UnknownOption { number: usize, id: String, letter: char, last: char },
    #[error("question {number} ({id}) is single-choice but {given:?} chooses several")]
    SeveralOnSingle { number: usize, id: String, given: String },
    #[error("question {number} ({id}) is filled from the birth date: age {age} is option {expected}, not {given}")]
    AgeMismatch { number: usize, id: String, age: u32, expected: char, given: String },
    #[error("score {score} falls in no band")]
    NoBand { score: u32 },
}

impl Answers {
    /// Parses the `--answers` form `A,C,B,AD,…`: one comma-separated token per question, a
    /// multi-select token lists its letters (case-insensitive; spaces ignored; repeats ignored).
    pub fn parse(text: &str, q: &Questionnaire) -> Result<Answers, AnswerError> {
        let tokens: Vec<&str> = text.split([',', '，']).map(str::trim).collect();
        let tokens = if tokens.len() == 1 && tokens[0].is_empty() { Vec::new() } else { tokens };
        if tokens.len() != q.questions.len() {
            return Err(AnswerError::Count { expected: q.questions.len(), found: tokens.len() });
        }
        let mut out = Vec::with_capacity(tokens.len());
        for (i, (token, question)) in tokens.iter().zip(&q.questions).enumerate() {
            let number = i + 1;
            let mut chosen = Vec::new();
            for c in token.chars().filter(|c| !c.is_whitespace()) {
                let upper = c.to_ascii_uppercase();
                let idx = (upper as u32).wrapping_sub('A' as u32) as usize;
                if !upper.is_ascii_uppercase() || idx >= question.options.len() {
                    return Err(AnswerError::UnknownOption {
                        number,
                        id: question.id.clone(),
                        letter: c,
                        last: option_key(question.options.len() - 1),
                    });
                }
                if !chosen.contains(&idx) {
                    chosen.push(idx);
                }
            }
            if chosen.is_empty() {
                return Err(AnswerError::Empty { number, id: question.id.clone() });
            }
            if chosen.len() > 1 && !question.multi {
                return Err(AnswerError::SeveralOnSingle { number, id: question.id.clone(), given: token.to_string() });
            }
            chosen.sort_unstable();
            out.push(chosen);
        }
        Ok(Answers(out))
    }

    /// Back to the canonical `--answers` form (letters sorted, upper case).
    pub fn to_text(&self) -> String {
        self.0.iter().map(|c| c.iter().map(|i| option_key(*i)).collect::<String>()).collect::<Vec<_>>().join(",")
    }
}

/// Why a result was forced to the lowest category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum LowestReason {
    /// An option marked `forces_lowest` was chosen (question number, id, option key).
    Option { number: usize, id: String, key: char },
    /// The customer is under 18 by the ID number.
    Minor { age: u32 },
    /// The customer lacks full civil capacity (recorded by the manager).
    NoCivilCapacity,
}

/// Facts about the customer that can force the lowest category, outside the answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoringContext {
    /// Age in whole years from the ID number, if known.
    pub age: Option<u32>,
    /// `true` when the customer lacks full civil capacity.
    pub no_full_civil_capacity: bool,
    /// The manager changed the pre-filled age answer and wrote a note why (SPEC §4.1): the
    /// `autofill = "age"` answer is then not checked against `age`.
    pub age_answer_overridden: bool,
}

/// Result of scoring (SPEC §4.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreResult {
    /// Sum of points (multi-select: the highest chosen option of the question).
    pub score: u32,
    /// Level from the bands, or C1 when forced.
    pub level: RiskLevel,
    /// The lowest-category flag (最低风险承受能力类别).
    pub lowest: bool,
    /// Every reason the lowest category was forced (empty when not).
    pub lowest_reasons: Vec<LowestReason>,
}

/// Scores `answers` against `q`. Forced lowest (C1 + flag) when any chosen option forces it, the
/// customer is under 18, or lacks full civil capacity — whatever the score.
///
/// A question with `autofill = "age"` must carry the option of the customer's age when the age is
/// known (SPEC §4.1: filled from the birth date); another answer is [`AnswerError::AgeMismatch`].
pub fn score(q: &Questionnaire, answers: &Answers, ctx: ScoringContext) -> Result<ScoreResult, AnswerError> {
    let mut total = 0;
    let mut reasons = Vec::new();
    for (i, (question, chosen)) in q.questions.iter().zip(&answers.0).enumerate() {
        if let (Some("age"), Some(age), false) = (question.autofill.as_deref(), ctx.age, ctx.age_answer_overridden)
            && let Some(expected) = Questionnaire::option_for_age(question, age)
            && chosen.as_slice() != [expected as usize - 'A' as usize]
        {
            return Err(AnswerError::AgeMismatch {
                number: i + 1,
                id: question.id.clone(),
                age,
                expected,
                given: chosen.iter().map(|k| option_key(*k)).collect(),
            });
        }
        total += chosen.iter().map(|&k| question.options[k].points).max().unwrap_or(0);
        for &k in chosen {
            if question.options[k].forces_lowest {
                reasons.push(LowestReason::Option { number: i + 1, id: question.id.clone(), key: option_key(k) });
            }
        }
    }
    if let Some(age) = ctx.age.filter(|a| *a < 18) {
        reasons.push(LowestReason::Minor { age });
    }
    if ctx.no_full_civil_capacity {
        reasons.push(LowestReason::NoCivilCapacity);
    }
    let band = q.band_for(total).ok_or(AnswerError::NoBand { score: total })?;
    let lowest = !reasons.is_empty();
    Ok(ScoreResult {
        score: total,
        level: if lowest { RiskLevel::C1 } else { band.level },
        lowest,
        lowest_reasons: reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::tests::SMALL;

    fn q() -> Questionnaire {
        Questionnaire::from_toml(SMALL, "t.toml").unwrap()
    }

    #[test]
    fn multi_select_scores_highest() {
        let q = q();
        let a = Answers::parse("B, ab", &q).unwrap();
        assert_eq!(a.0, vec![vec![1], vec![0, 1]]);
        assert_eq!(a.to_text(), "B,AB");
        let r = score(&q, &a, ScoringContext::default()).unwrap();
        assert_eq!((r.score, r.level, r.lowest), (9, RiskLevel::C3, false)); // 3 + max(1, 6)
    }

    #[test]
    fn forced_lowest_whatever_the_score() {
        let q = q();
        let r = score(&q, &Answers::parse("A,B", &q).unwrap(), ScoringContext::default()).unwrap();
        assert_eq!((r.score, r.level, r.lowest), (6, RiskLevel::C1, true));
        assert_eq!(r.lowest_reasons, vec![LowestReason::Option { number: 1, id: "a".into(), key: 'A' }]);
        let minor = ScoringContext { age: Some(17), ..ScoringContext::default() };
        let r = score(&q, &Answers::parse("B,B", &q).unwrap(), minor).unwrap();
        assert_eq!((r.level, r.lowest), (RiskLevel::C1, true));
    }

    #[test]
    fn answer_errors_name_the_question() {
        let q = q();
        assert_eq!(Answers::parse("A", &q).unwrap_err().to_string(), "expected 2 answers (one per question), found 1");
        assert_eq!(
            Answers::parse("AB,A", &q).unwrap_err().to_string(),
            "question 1 (a) is single-choice but \"AB\" chooses several"
        );
        assert_eq!(
            Answers::parse("A,C", &q).unwrap_err().to_string(),
            "question 2 (b): unknown option 'C' (options are A–B)"
        );
        assert_eq!(Answers::parse("A,", &q).unwrap_err().to_string(), "question 2 (b): no option chosen");
    }
}
