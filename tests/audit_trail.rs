//! The audit trail (issue 8 part 2): every change a person makes is in the audit log with who,
//! when, the entity and old → new, as a record (UUID v7, installation id): assessments saved,
//! imports (one row per run: kind, file name, row counts, no personal data), calls logged.

mod tui_fixture;

use brokerdesk::store::db::Db;
use brokerdesk::domain::risk::RiskLevel;
use brokerdesk::domain::rules::Rules;
use brokerdesk::import::{ImportKind, ImportOptions, import_bytes};
use brokerdesk::store::{self, assessments::NewInterview, audit::AuditFilter};
use tui_fixture::{conn, d};

fn rows(c: &Db, action: &str) -> Vec<store::audit::AuditRow> {
    store::audit::query(c, &AuditFilter { action: Some(action.into()), ..Default::default() }, 0, 100).unwrap()
}

#[test]
fn a_saved_assessment_is_audited_with_old_and_new_level() {
    let c = conn();
    let q = brokerdesk::assets::default_questionnaire();
    let now = "2026-11-29T01:00:00Z".parse().unwrap();
    let a = NewInterview {
        customer_id: "310000000002".into(),
        answers: "A".into(),
        answers_shown: Vec::new(),
        score: 60,
        level: RiskLevel::C4,
        lowest: false,
        lowest_cause: String::new(),
        no_full_civil_capacity: false,
        age_note: String::new(),
        assessed_on: d("2026-11-29"),
        valid_until: d("2028-11-28"),
        manager_id: "M01".into(),
        previous_level: Some(RiskLevel::C3),
        reason: "收入增加".into(),
    };
    store::assessments::save_interview(&c, &Rules::defaults(), &q, &a, now).unwrap();
    let r = rows(&c, "assessment");
    assert_eq!(r.len(), 1);
    let r = &r[0];
    assert_eq!(
        (r.actor.as_str(), r.entity.as_str(), r.entity_id.as_str(), r.old_value.as_deref(), r.new_value.as_deref()),
        ("M01", "customer", "310000000002", Some("C3"), Some("C4"))
    );
    assert_eq!((r.customer_name.as_deref(), r.actor_name.as_deref()), (Some("张三a"), Some("李娜")));
    assert_eq!(r.at, "2026-11-29T01:00:00+00:00");
    assert_eq!(uuid::Uuid::parse_str(&r.record_id).unwrap().get_version_num(), 7);
    assert_eq!(r.installation, store::ids::installation_id(&c).unwrap());
}

#[test]
fn an_import_run_is_audited_once_with_counts_only() {
    let mut c = conn();
    let file = "manager_id,name,branch,role\nM07,吴敏,深圳福田营业部,manager\nM01,李娜,深圳福田营业部,manager\n";
    let opts = ImportOptions::new("M00", d("2026-11-29"), "2026-11-29T03:00:00Z".parse().unwrap());
    import_bytes(&mut c, ImportKind::Managers, "/data/in/managers.csv", file.as_bytes(), &opts).unwrap();
    let r = rows(&c, "import");
    assert_eq!(r.len(), 1);
    let r = &r[0];
    // 2 rows: M07 new, M01 as it was; the file's name without its folder
    assert_eq!(
        (r.actor.as_str(), r.entity.as_str(), r.entity_id.as_str(), r.new_value.as_deref()),
        ("M00", "import", "managers", Some("managers.csv rows 2 +1 ~0 =1 !0"))
    );
    assert_eq!(r.customer_id, None);
}

#[test]
fn handled_alerts_are_audited_under_their_customer() {
    let c = conn();
    let alert: (i64, String) = c
        .query_row("SELECT id, customer_id FROM alerts WHERE status = 'open' ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let scope = store::book::Scope::Branch;
    let by = store::alerts::Actor { scope: &scope, manager_id: "M00", now: "2026-11-29T04:00:00Z".parse().unwrap() };
    store::alerts::handle(&c, alert.0, store::alerts::Handling::Acknowledge, by, "已电话告知").unwrap();
    let f = AuditFilter { customer: Some(alert.1.clone()), action: Some("acknowledge".into()), ..Default::default() };
    let r = store::audit::query(&c, &f, 0, 10).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].old_value.as_deref(), r[0].new_value.as_deref()), (Some("open"), Some("acknowledged")));
    assert_eq!(r[0].customer_id.as_deref(), Some(alert.1.as_str()));
}

#[test]
fn audit_instants_are_real_time_even_when_reviewing_another_day() {
    // `--today` moves business dates only: who-did-what-when carries the wall clock, so the
    // audit log stays in the order things happened
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    drop(tui_fixture::session_on_file(&db, "M00", brokerdesk::session::Lang::Zh));
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let before = chrono::Utc::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
        .env("BROKERDESK_CONFIG", &config)
        .args(["--db", db.to_str().unwrap(), "--today", "2020-01-02", "export", "segments", "--format", "csv"])
        .arg("-o")
        .arg(dir.path().join("s.csv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = chrono::Utc::now();
    let c = store::open(&db).unwrap();
    let r = rows(&c, "export");
    let at: chrono::DateTime<chrono::Utc> = r[0].instant().unwrap();
    assert!(before - chrono::Duration::seconds(1) <= at && at <= after, "{at} not between {before} and {after}");
}
