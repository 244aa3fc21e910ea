//! `brokerdesk alerts run` and `brokerdesk report alerts` end to end on a small demo book.

mod tui_fixture;

use tui_fixture::bd;


#[test]
fn alerts_run_and_report_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    for args in [&["--lang", "en", "alerts", "run"][..], &["--lang", "en", "report", "alerts"]] {
        let (code, _, err) = bd(&db, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("no database at"), "{err}");
    }
    let (code, out, err) = bd(&db, &["demo", "--customers", "300"]);
    assert_eq!(code, 0, "{out}{err}");
    // the demo already ran the rules: a run finds the same and changes nothing
    let (code, out, err) = bd(&db, &["--lang", "en", "alerts", "run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("300 customers evaluated;") && out.contains(": 0 opened, 0 updated, 0 reopened, 0 resolved"),
        "{out}"
    );
    assert!(out.contains("suitability") && out.contains("concentration"), "{out}");
    // Chinese by default
    let (code, out, err) = bd(&db, &["alerts", "run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("已检查 300 位客户；成立预警 ") && out.contains("：新开 0，更新 0，重开 0，解除 0"), "{out}");
    assert!(out.contains("\n  适当性 suitability") && out.contains("\n  集中度 concentration"), "{out}");
    let (code, csv, _) = bd(&db, &["report", "alerts", "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("customer_id,rule,severity,subject,status,first_seen,last_seen,message"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() > 100, "{} alerts", rows.len());
    let rules = [
        "suitability",
        "concentration",
        "drawdown",
        "turning_point",
        "customer_loss",
        "mispriced_order",
        "idle_cash",
        "dormant",
        "assessment",
        "elderly",
    ];
    assert!(rows.iter().all(|r| rules.contains(&r.split(',').nth(1).unwrap())));
    let (_, json, _) = bd(&db, &["report", "alerts", "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), rows.len());
    // English messages with --lang en; the text report counts per rule
    let (_, en, _) = bd(&db, &["--lang", "en", "report", "alerts", "--format", "json"]);
    assert!(en.contains("of assets >") || en.contains("no valid assessment"), "{}", &en[..en.len().min(400)]);
    let (_, text, _) = bd(&db, &["report", "alerts"]);
    assert!(text.contains("适当性 suitability") && text.contains("合计"), "{text}");
}
