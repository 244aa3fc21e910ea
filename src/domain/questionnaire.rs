//! Questionnaire definitions (问卷) in the TOML format of SPEC §4.1, validated at load.
//!
//! The engine knows no question by number: topics, points, bands and flags all come from the file.

use serde::{Deserialize, Serialize};

use super::risk::RiskLevel;

/// A score band: `min..=max` points give `level`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub level: RiskLevel,
    pub min: u32,
    pub max: u32,
    pub label: String,
}

/// One option of a question; its key is `A`, `B`, … by position in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionOption {
    pub text: String,
    pub points: u32,
    /// Choosing it forces C1 with the lowest-category flag.
    #[serde(default)]
    pub forces_lowest: bool,
    /// With `autofill = "age"` on the question: the inclusive age range this option stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_max: Option<u32>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Several options may be chosen; the highest points count.
    #[serde(default)]
    pub multi: bool,
    /// `"age"`: the answer is filled from the customer's birth date (options carry `age_min`/`age_max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autofill: Option<String>,
    pub options: Vec<QuestionOption>,
}

/// A whole questionnaire definition, as loaded (stored verbatim with every assessment's id + version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// Who the questionnaire is for: `"individual"` (the default when absent) or `"institution"`;
    /// the interview picks the questionnaire of the customer's kind. Left out of the stored JSON
    /// when absent, so definitions stored before this field existed compare equal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    pub validity_days: u32,
    pub expiring_days: u32,
    pub bands: Vec<Band>,
    pub questions: Vec<Question>,
}

/// Why a questionnaire file was refused; always names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionnaireError {
    #[error("{path}: {message}")]
    Syntax { path: String, message: String },
    #[error("{path}: {rule}")]
    Rule { path: String, rule: String },
}

/// Option key for position `i` (0 → `A`).
pub fn option_key(i: usize) -> char {
    (b'A' + i as u8) as char
}

impl Questionnaire {
    /// Parses and validates a questionnaire file; `path` only names it in errors.
    ///
    /// Rules checked: at least one question; unique, non-empty question ids; every question has 1–26
    /// options; bands have known levels, `min ≤ max`, no overlaps, and cover every reachable score
    /// (from the sum of each question's lowest option to the sum of its highest); `version ≥ 1`;
    /// `validity_days > 0`; one band per level; an `autofill = "age"` question has age ranges on every option.
    pub fn from_toml(text: &str, path: &str) -> Result<Questionnaire, QuestionnaireError> {
        let q: Questionnaire = toml::from_str(text)
            .map_err(|e| QuestionnaireError::Syntax { path: path.into(), message: e.to_string().trim().to_string() })?;
        q.bounds(text).map_err(|rule| QuestionnaireError::Rule { path: path.into(), rule })?;
        q.validate().map_err(|rule| QuestionnaireError::Rule { path: path.into(), rule })?;
        Ok(q)
    }

    /// Figures within [`super::limits`]: questions, option points and band bounds, so that no
    /// total can wrap (issue 11). The error names the line (when written literally) and field.
    fn bounds(&self, text: &str) -> Result<(), String> {
        use super::limits::{MAX_BAND_POINTS, MAX_OPTION_POINTS, MAX_QUESTIONS, line_of};
        let at = |key: &str, v: u32| line_of(text, key, &v.to_string()).map(|n| format!("line {n}: ")).unwrap_or_default();
        if self.questions.len() > MAX_QUESTIONS {
            return Err(format!("{} questions: at most {MAX_QUESTIONS}", self.questions.len()));
        }
        for (i, q) in self.questions.iter().enumerate() {
            for (k, o) in q.options.iter().enumerate() {
                if o.points > MAX_OPTION_POINTS {
                    return Err(format!(
                        "{}question {} ({}) option {} points = {} must be at most {MAX_OPTION_POINTS}",
                        at("points", o.points),
                        i + 1,
                        q.id,
                        option_key(k.min(25)),
                        o.points
                    ));
                }
            }
        }
        for b in &self.bands {
            for (key, v) in [("min", b.min), ("max", b.max)] {
                if v > MAX_BAND_POINTS {
                    return Err(format!(
                        "{}band {} {key} = {v} must be at most {MAX_BAND_POINTS}",
                        at(key, v),
                        b.level.code()
                    ));
                }
            }
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("id is empty".into());
        }
        if self.version == 0 {
            return Err("version must be 1 or more".into());
        }
        if self.validity_days == 0 {
            return Err("validity_days must be positive".into());
        }
        if self.questions.is_empty() {
            return Err("no questions".into());
        }
        if let Some(a) = &self.audience
            && a != "individual"
            && a != "institution"
        {
            return Err(format!("audience must be \"individual\" or \"institution\", not {a:?}"));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, q) in self.questions.iter().enumerate() {
            let n = i + 1;
            if q.id.trim().is_empty() {
                return Err(format!("question {n} has no id"));
            }
            if !seen.insert(q.id.as_str()) {
                return Err(format!("duplicate question id {:?} (question {n})", q.id));
            }
            if q.options.is_empty() {
                return Err(format!("question {n} ({}) has no options", q.id));
            }
            if q.options.len() > 26 {
                return Err(format!("question {n} ({}) has more than 26 options", q.id));
            }
            match q.autofill.as_deref() {
                None => {}
                Some("age") if q.options.iter().any(|o| o.age_min.is_none() && o.age_max.is_none()) => {
                    return Err(format!("question {n} ({}) autofills age but an option has no age range", q.id));
                }
                Some("age") => {}
                Some(other) => return Err(format!("question {n} ({}): unknown autofill {other:?}", q.id)),
            }
        }
        if self.bands.is_empty() {
            return Err("no bands".into());
        }
        let mut levels = std::collections::HashSet::new();
        for b in &self.bands {
            if !levels.insert(b.level) {
                return Err(format!("level {} has more than one band", b.level.code()));
            }
        }
        let mut bands: Vec<&Band> = self.bands.iter().collect();
        bands.sort_by_key(|b| b.min);
        for b in &bands {
            if b.min > b.max {
                return Err(format!("band {} has min {} > max {}", b.level.code(), b.min, b.max));
            }
        }
        for pair in bands.windows(2) {
            if pair[1].min <= pair[0].max {
                return Err(format!(
                    "bands {} ({}–{}) and {} ({}–{}) overlap",
                    pair[0].level.code(),
                    pair[0].min,
                    pair[0].max,
                    pair[1].level.code(),
                    pair[1].min,
                    pair[1].max
                ));
            }
            if pair[1].min > pair[0].max + 1 {
                return Err(format!("gap in bands: scores {}–{} have no level", pair[0].max + 1, pair[1].min - 1));
            }
        }
        let (lo, hi) = self.reachable_range();
        let first = bands[0];
        let last = bands[bands.len() - 1];
        if first.min > lo {
            return Err(format!("bands start at {} but a score of {lo} is reachable", first.min));
        }
        if last.max < hi {
            return Err(format!("bands end at {} but a score of {hi} is reachable", last.max));
        }
        Ok(())
    }

    /// The last valid day (inclusive) of an assessment made on `assessed_on`: `validity_days` days
    /// counting the day itself (a 730-day assessment of 2024-03-01 is valid to 2026-02-28).
    pub fn valid_until(&self, assessed_on: chrono::NaiveDate) -> chrono::NaiveDate {
        assessed_on.checked_add_days(chrono::Days::new(u64::from(self.validity_days.max(1)) - 1)).unwrap_or(assessed_on)
    }

    /// Whether the questionnaire is meant for institutions (`audience = "institution"`).
    pub fn for_institutions(&self) -> bool {
        self.audience.as_deref() == Some("institution")
    }

    /// Lowest and highest total score the questions allow.
    pub fn reachable_range(&self) -> (u32, u32) {
        let lo = self.questions.iter().map(|q| q.options.iter().map(|o| o.points).min().unwrap_or(0)).sum();
        let hi = self.questions.iter().map(|q| q.options.iter().map(|o| o.points).max().unwrap_or(0)).sum();
        (lo, hi)
    }

    /// The band containing `score`, if any.
    pub fn band_for(&self, score: u32) -> Option<&Band> {
        self.bands.iter().find(|b| (b.min..=b.max).contains(&score))
    }

    /// For an `autofill = "age"` question: the key of the option whose age range holds `age`.
    pub fn option_for_age(question: &Question, age: u32) -> Option<char> {
        question
            .options
            .iter()
            .position(|o| o.age_min.is_none_or(|m| age >= m) && o.age_max.is_none_or(|m| age <= m))
            .map(option_key)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const SMALL: &str = r#"
id = "t"
version = 2
title = "测试"
validity_days = 730
expiring_days = 30
[[bands]]
level = "C1"
min = 0
max = 3
label = "保守型"
[[bands]]
level = "C3"
min = 4
max = 9
label = "稳健型"
[[questions]]
id = "a"
text = "问题一"
[[questions.options]]
text = "甲"
points = 0
forces_lowest = true
[[questions.options]]
text = "乙"
points = 3
[[questions]]
id = "b"
text = "问题二"
multi = true
[[questions.options]]
text = "甲"
points = 1
[[questions.options]]
text = "乙"
points = 6
"#;

    #[test]
    fn loads_and_ranges() {
        let q = Questionnaire::from_toml(SMALL, "t.toml").unwrap();
        assert_eq!(q.reachable_range(), (1, 9));
        assert_eq!(q.band_for(4).unwrap().level, RiskLevel::C3);
        let on = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(q.valid_until(on), chrono::NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    }

    #[test]
    fn refuses_broken_files() {
        let gap = SMALL.replace("min = 4", "min = 5");
        assert_eq!(
            Questionnaire::from_toml(&gap, "g.toml").unwrap_err().to_string(),
            "g.toml: gap in bands: scores 4–4 have no level"
        );
        let overlap = SMALL.replace("min = 4", "min = 3");
        assert!(Questionnaire::from_toml(&overlap, "o.toml").unwrap_err().to_string().contains("overlap"));
        let short = SMALL.replace("max = 9", "max = 8");
        assert_eq!(
            Questionnaire::from_toml(&short, "s.toml").unwrap_err().to_string(),
            "s.toml: bands end at 8 but a score of 9 is reachable"
        );
        let dup = SMALL.replace("id = \"b\"", "id = \"a\"");
        assert!(Questionnaire::from_toml(&dup, "d.toml").unwrap_err().to_string().contains("duplicate question id"));
        let twice = SMALL.replace("level = \"C3\"", "level = \"C1\"");
        assert_eq!(
            Questionnaire::from_toml(&twice, "t.toml").unwrap_err().to_string(),
            "t.toml: level C1 has more than one band"
        );
        let level = SMALL.replace("level = \"C3\"", "level = \"C9\"");
        assert!(matches!(Questionnaire::from_toml(&level, "l.toml"), Err(QuestionnaireError::Syntax { .. })));
    }
}
