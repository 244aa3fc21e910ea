//! `brokerdesk assess score` as a user runs it (SPEC §4.1 contract).

use std::process::Command;

const Q: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/questionnaires/sac-individual-v1.toml");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_brokerdesk")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn scores_text_and_json() {
    // 3+4+3+1+0+3+3+3+2+2+3+4+3+2+2+5+3+5+4+4 = 59 → C4 (54–82)
    let answers = "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A";
    let (code, out, _) = run(&["assess", "score", "--questionnaire", Q, "--answers", answers]);
    assert_eq!(code, 0);
    assert_eq!(out, "score: 59\nlevel: C4\nlowest: false\n");
    let (code, out, _) = run(&["assess", "score", "--questionnaire", Q, "--answers", answers, "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"questionnaire\":\"sac-individual\",\"version\":1,\"score\":59,\"level\":\"C4\",\"lowest\":false}\n"
    );
}

#[test]
fn lowest_category_forced() {
    // Q1 E ("no fixed income") forces C1 + lowest even with otherwise top answers: 100 - 3 = 97 points.
    let answers = "E,E,A,D,A,D,D,D,E,D,C,D,E,D,D,A,B,A,D,A";
    let (code, out, _) = run(&["assess", "score", "--questionnaire", Q, "--answers", answers, "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "{\"questionnaire\":\"sac-individual\",\"version\":1,\"score\":97,\"level\":\"C1\",\"lowest\":true}\n"
    );
    // an age under 18 forces it too
    let (_, out, _) = run(&[
        "assess",
        "score",
        "--questionnaire",
        Q,
        "--answers",
        "A,E,A,D,A,D,D,D,E,D,C,D,E,D,D,A,B,A,D,A",
        "--age",
        "17",
    ]);
    assert_eq!(out, "score: 100\nlevel: C1\nlowest: true\n");
}

#[test]
fn bad_answers_name_the_question() {
    let (code, _, err) = run(&["assess", "score", "--questionnaire", Q, "--answers", "A,B"]);
    assert_ne!(code, 0);
    assert!(err.contains("expected 20 answers (one per question), found 2"), "{err}");
    let sheet = "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,CD,A";
    let (code, _, err) = run(&["assess", "score", "--questionnaire", Q, "--answers", sheet]);
    assert_ne!(code, 0);
    assert!(err.contains("question 19 (education) is single-choice but \"CD\" chooses several"), "{err}");
    let sheet = "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,Z";
    let (_, _, err) = run(&["assess", "score", "--questionnaire", Q, "--answers", sheet]);
    assert!(err.contains("question 20 (household_employment): unknown option 'Z' (options are A–E)"), "{err}");
}

#[test]
fn broken_questionnaire_file_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gap.toml");
    let text = std::fs::read_to_string(Q).unwrap().replace("min = 20", "min = 21");
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = run(&["assess", "score", "--questionnaire", path.to_str().unwrap(), "--answers", "A"]);
    assert_ne!(code, 0);
    assert!(err.contains("gap.toml: gap in bands: scores 20–20 have no level"), "{err}");
}
