//! Hostile input (issue 11, item 5): no panic, no wrapped number, every error naming the file,
//! line and field — the questionnaire loader, the answers parser, the rules file, the
//! command-line bounds (`demo --customers`, `--today`) and definition files of any size.

mod tui_fixture;

use std::path::Path;
use std::time::{Duration, Instant};

use brokerdesk::domain::questionnaire::Questionnaire;
use brokerdesk::domain::rules::{DEFAULT_RULES_TOML, Rules};
use brokerdesk::domain::scoring::{Answers, ScoringContext, score};
use proptest::prelude::*;

const SAC: &str = include_str!("../assets/questionnaires/sac-individual-v1.toml");

fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

#[test]
fn a_threshold_at_the_edge_of_i64_is_refused_with_file_line_and_field() {
    let text = DEFAULT_RULES_TOML.replacen("min_assets_yuan = 5000000", "min_assets_yuan = 9223372036854775807", 1);
    let line = text.lines().position(|l| l.contains("9223372036854775807")).unwrap() + 1;
    let err = Rules::from_toml(&text, "firm.toml").unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "firm.toml: line {line}: T1 min_assets_yuan = 9223372036854775807 must be between 0 and 1000000000000 yuan"
        )
    );
    let text = DEFAULT_RULES_TOML.replacen("min_assets_yuan = 100000\n", "min_assets_yuan = -5\n", 1);
    assert!(Rules::from_toml(&text, "firm.toml").unwrap_err().to_string().contains("T3 min_assets_yuan = -5"));
}

#[test]
fn points_that_would_wrap_the_score_are_refused_with_line_and_field() {
    let text = SAC.replacen("points = 6", "points = 4294967295", 1);
    let line = text.lines().position(|l| l.contains("4294967295")).unwrap() + 1;
    let err = Questionnaire::from_toml(&text, "q.toml").unwrap_err().to_string();
    assert!(err.starts_with(&format!("q.toml: line {line}: question ")), "{err}");
    assert!(err.ends_with("points = 4294967295 must be at most 1000"), "{err}");
    let text = SAC.replacen("max = ", "max = 4000000000 #", 1);
    let err = Questionnaire::from_toml(&text, "q.toml").unwrap_err().to_string();
    assert!(err.contains("max = 4000000000 must be at most 200000"), "{err}");
}

#[cfg(unix)]
#[test]
fn an_endless_definition_file_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let started = Instant::now();
    let (code, _, err) = bd(&db, &["assess", "score", "--questionnaire", "/dev/zero", "--answers", "A"]);
    assert_ne!(code, 0);
    assert!(err.contains("/dev/zero") && err.contains("larger than 1024 KiB"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    let csv = dir.path().join("m.csv");
    std::fs::write(&csv, "manager_id,name,branch,role\nS001,赵敏,测试营业部,supervisor\n").unwrap();
    let (code, _, err) = bd(&db, &["import", "managers", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = bd(&db, &["--rules", "/dev/zero", "report", "segments"]);
    assert_eq!(code, 2);
    assert!(err.contains("larger than 1024 KiB"), "{err}");
}

#[test]
fn demo_size_and_today_are_bounded_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    for n in ["18446744073709551615", "0", "5000001", "x"] {
        let (code, _, err) = bd(&db, &["demo", "--customers", n]);
        assert_eq!(code, 2, "{n}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.contains("between 1 and 5000000"), "{n}: {err}");
    }
    assert!(!db.exists());
    for today in ["+2025-01-01", "2025-2-3", "0000-01-01", "9999-12-31", "1989-12-31", "2201-01-01", " 2025-01-01"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .args(["--db", db.to_str().unwrap(), "--today", today, "check"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{today}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--today") && !err.contains("panicked"), "{today}: {err}");
    }
}

/// A valid file with one number replaced by `n` (the `k`-th number of the text).
fn with_number(text: &str, k: usize, n: &str) -> String {
    let mut seen = 0;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() && (i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric()) {
            let mut j = i;
            while j < text.len() && text.as_bytes()[j].is_ascii_digit() {
                j += 1;
            }
            if seen == k {
                out.push_str(n);
                out.push_str(&text[j..]);
                return out;
            }
            seen += 1;
            out.push_str(&text[i..j]);
            while chars.peek().is_some_and(|(p, _)| *p < j) {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    out
}

fn hostile_number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("9223372036854775807".to_string()),
        Just("9223372036854775808".to_string()),
        Just("-9223372036854775808".to_string()),
        Just("4294967295".to_string()),
        Just("4294967296".to_string()),
        Just("0".to_string()),
        Just("-1".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u32>().prop_map(|n| n.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_questionnaire_loader_never_panics_and_names_the_file(k in 0usize..400, n in hostile_number()) {
        let text = with_number(SAC, k, &n);
        match Questionnaire::from_toml(&text, "hostile.toml") {
            Ok(q) => {
                // whatever loads scores without wrapping: the highest answers give the top of the range
                let (lo, hi) = q.reachable_range();
                prop_assert!(lo <= hi && hi <= 200_000);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("hostile.toml"), "{}", e),
        }
    }

    #[test]
    fn the_rules_loader_never_panics_and_names_the_file(k in 0usize..200, n in hostile_number()) {
        let text = with_number(DEFAULT_RULES_TOML, k, &n);
        match Rules::from_toml(&text, "hostile-rules.toml") {
            Ok(r) => {
                for t in &r.tiers {
                    prop_assert!(t.min_assets().is_none_or(|f| (0..=100_000_000_000_000).contains(&f)));
                }
            }
            Err(e) => prop_assert!(e.to_string().starts_with("hostile-rules.toml"), "{}", e),
        }
    }

    #[test]
    fn the_answers_parser_never_panics(text in "[A-Za-z0-9, ;，、\\-]{0,80}", age in proptest::option::of(0u32..200)) {
        let q = Questionnaire::from_toml(SAC, "sac.toml").unwrap();
        if let Ok(a) = Answers::parse(&text, &q) {
            if let Ok(r) = score(&q, &a, ScoringContext { age, ..ScoringContext::default() }) {
                let (lo, hi) = q.reachable_range();
                prop_assert!((lo..=hi).contains(&r.score));
            }
        }
    }

    #[test]
    fn any_text_as_a_questionnaire_or_rules_file_is_an_error_not_a_panic(text in "\\PC{0,300}") {
        let _ = Questionnaire::from_toml(&text, "any.toml");
        let _ = Rules::from_toml(&text, "any.toml");
    }
}
