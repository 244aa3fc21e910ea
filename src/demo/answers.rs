//! Questionnaire answer sheets for demo customers, scored by the real engine
//! ([`crate::domain::scoring::score`]).
//!
//! A sheet is drawn for a target level: every question is answered from an "aggressiveness" t in
//! [0, 1] (the option at rank t among the question's options ordered by points, with noise), and t
//! is nudged until the real score lands in the target band. Facts the customer has are answered
//! from the facts, not from t: age (the `autofill = "age"` question), investable assets, monthly
//! turnover, and retirement for the over-60s. Options that force the lowest category are only
//! chosen for sheets meant to be lowest-category.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::domain::questionnaire::Questionnaire;
use crate::domain::risk::RiskLevel;
use crate::domain::scoring::{Answers, ScoreResult, ScoringContext, score};

/// What the generator knows about the customer when the sheet is filled.
#[derive(Debug, Clone, Copy)]
pub struct SheetFacts {
    /// Age in whole years on the assessment date.
    pub age: u32,
    /// Investable assets (financial and other), yuan.
    pub investable_yuan: i64,
    /// Monthly turnover in an active month, yuan; `None` if the customer never invested.
    pub monthly_turnover_yuan: Option<i64>,
}

/// Answers for the default questionnaire's known topics, found by question id; a questionnaire
/// without them is answered generically.
#[derive(Debug, Clone)]
pub struct SheetMaker {
    q: Questionnaire,
    /// Per question: option indexes ordered by points (ties in file order), without lowest-forcing options.
    ranked: Vec<Vec<usize>>,
    age_q: Option<usize>,
    assets_q: Option<usize>,
    turnover_q: Option<usize>,
    employment_q: Option<usize>,
    /// (question, option) pairs that force the lowest category.
    forcing: Vec<(usize, usize)>,
}

impl SheetMaker {
    /// Prepares a maker for `q`.
    pub fn new(q: &Questionnaire) -> SheetMaker {
        let ranked = q
            .questions
            .iter()
            .map(|question| {
                let mut idx: Vec<usize> =
                    (0..question.options.len()).filter(|&i| !question.options[i].forces_lowest).collect();
                idx.sort_by_key(|&i| question.options[i].points);
                idx
            })
            .collect();
        let find = |id: &str| q.questions.iter().position(|x| x.id == id);
        let forcing = q
            .questions
            .iter()
            .enumerate()
            .flat_map(|(qi, question)| {
                question.options.iter().enumerate().filter(|(_, o)| o.forces_lowest).map(move |(oi, _)| (qi, oi))
            })
            .collect();
        SheetMaker {
            ranked,
            age_q: q.questions.iter().position(|x| x.autofill.as_deref() == Some("age")),
            assets_q: find("investable_assets").filter(|&i| q.questions[i].options.len() == 4),
            turnover_q: find("monthly_turnover").filter(|&i| q.questions[i].options.len() == 5),
            employment_q: find("household_employment")
                .or_else(|| find("employment"))
                .filter(|&i| q.questions[i].options.len() >= 3),
            forcing,
            q: q.clone(),
        }
    }

    fn draw<R: Rng>(&self, rng: &mut R, t: f64, spread: f64, facts: &SheetFacts) -> Vec<Vec<usize>> {
        let mut out = Vec::with_capacity(self.q.questions.len());
        for (qi, question) in self.q.questions.iter().enumerate() {
            if Some(qi) == self.age_q
                && let Some(key) = Questionnaire::option_for_age(question, facts.age)
            {
                out.push(vec![(key as u8 - b'A') as usize]);
                continue;
            }
            if Some(qi) == self.assets_q {
                let y = facts.investable_yuan;
                out.push(vec![if y <= 500_000 {
                    0
                } else if y < 3_000_000 {
                    1
                } else if y < 10_000_000 {
                    2
                } else {
                    3
                }]);
                continue;
            }
            if Some(qi) == self.turnover_q {
                out.push(vec![match facts.monthly_turnover_yuan {
                    None => 4,
                    Some(y) if y < 100_000 => 0,
                    Some(y) if y < 300_000 => 1,
                    Some(y) if y < 1_000_000 => 2,
                    Some(_) => 3,
                }]);
                continue;
            }
            if Some(qi) == self.employment_q && facts.age > 60 && rng.random_bool(0.8) {
                out.push(vec![2]); // neither employed / retired
                continue;
            }
            let ranked = &self.ranked[qi];
            let n = ranked.len();
            let noise: f64 = StandardNormal.sample(rng);
            let pos = (t * (n - 1) as f64 + noise * spread * (n as f64 / 4.0).max(0.5))
                .round()
                .clamp(0.0, (n - 1) as f64) as usize;
            let main = ranked[pos];
            let mut chosen = vec![main];
            if question.multi && rng.random_bool(0.45) {
                // Add one or two options scoring no more than the main one (the highest counts).
                let lower = &ranked[..pos];
                for _ in 0..rng.random_range(1..=2) {
                    if lower.is_empty() {
                        break;
                    }
                    let extra = lower[rng.random_range(0..lower.len())];
                    if !chosen.contains(&extra) {
                        chosen.push(extra);
                    }
                }
                chosen.sort_unstable();
            }
            out.push(chosen);
        }
        out
    }

    /// A sheet aiming at `target` (or, with `lowest`, a conservative sheet with one lowest-forcing
    /// option). Tries up to 40 draws; returns the last one scored if none lands in the band.
    pub fn sheet<R: Rng>(
        &self,
        rng: &mut R,
        target: RiskLevel,
        lowest: bool,
        facts: &SheetFacts,
    ) -> (Answers, ScoreResult) {
        let band = self.q.bands.iter().find(|b| b.level == target);
        let (lo, hi) = self.q.reachable_range();
        let (bmin, bmax) = band.map(|b| (b.min.max(lo), b.max.min(hi))).unwrap_or((lo, hi));
        let aim = if lowest {
            lo as f64 + 0.25 * (hi - lo) as f64
        } else {
            bmin as f64 + rng.random::<f64>() * (bmax - bmin) as f64
        };
        let mut t = ((aim - lo as f64) / (hi - lo).max(1) as f64).clamp(0.0, 1.0);
        let ctx = ScoringContext { age: Some(facts.age), ..ScoringContext::default() };
        let mut last = None;
        for attempt in 0..40 {
            // Answers vary around t; the spread narrows when draws keep missing the band.
            let spread = 0.6 * (1.0 - attempt as f64 / 30.0).max(0.1);
            let mut chosen = self.draw(rng, t, spread, facts);
            if lowest && !self.forcing.is_empty() {
                let (qi, oi) = self.forcing[rng.random_range(0..self.forcing.len())];
                chosen[qi] = vec![oi];
            }
            let answers = Answers(chosen);
            let result = score(&self.q, &answers, ctx).expect("generated sheets are complete and within the bands");
            if lowest || (result.level == target && !result.lowest) {
                return (answers, result);
            }
            let step = 0.02 + 0.03 * rng.random::<f64>();
            if result.score < bmin {
                t = (t + step).min(1.0);
            } else if result.score > bmax {
                t = (t - step).max(0.0);
            }
            last = Some((answers, result));
        }
        last.expect("at least one draw")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::default_questionnaire;
    use rand::SeedableRng;
    use rand_pcg::Pcg64;

    #[test]
    fn sheets_hit_their_target_and_reparse() {
        let q = default_questionnaire();
        let maker = SheetMaker::new(&q);
        assert!(maker.age_q.is_some() && maker.assets_q.is_some() && maker.turnover_q.is_some());
        let mut rng = Pcg64::seed_from_u64(9);
        let mut hits = 0;
        let mut per_level = [0; 5];
        let mut multi_letters = 0;
        let n = 2000;
        for i in 0..n {
            let target = RiskLevel::ALL[i % 5];
            // A non-forced C1 (0–19 points) needs an age over 40 (Q17 gives 0–3 points there).
            let age = if target == RiskLevel::C1 { 41 + (i % 40) as u32 } else { 20 + (i % 60) as u32 };
            let facts = SheetFacts { age, investable_yuan: 300_000, monthly_turnover_yuan: Some(150_000) };
            let (answers, result) = maker.sheet(&mut rng, target, false, &facts);
            let text = answers.to_text();
            let reparsed = Answers::parse(&text, &q).unwrap();
            assert_eq!(reparsed, answers);
            let age_key = Questionnaire::option_for_age(&q.questions[maker.age_q.unwrap()], facts.age).unwrap();
            assert_eq!(text.split(',').nth(maker.age_q.unwrap()).unwrap(), age_key.to_string());
            assert!(!result.lowest);
            if result.level == target {
                hits += 1;
                per_level[target as usize] += 1;
            }
            if text.split(',').any(|t| t.len() > 1) {
                multi_letters += 1;
            }
        }
        assert!(hits as f64 / n as f64 > 0.95, "{hits}/{n} sheets in their target band ({per_level:?} of 400 each)");
        assert!(multi_letters > n / 5, "{multi_letters} sheets with a multi-letter answer");
        let (_, r) = maker.sheet(
            &mut rng,
            RiskLevel::C1,
            true,
            &SheetFacts { age: 50, investable_yuan: 10_000, monthly_turnover_yuan: None },
        );
        assert!(r.lowest && r.level == RiskLevel::C1);
    }
}
