//! Assessment and professional-classification records in the store: append-only through SQL,
//! UUID v7 ids with the installation id, the save refreshing one customer's book row, legacy
//! rows migrated from schema v1, and professional conversion both ways (SPEC §4.1, §4.2, §6).

mod tui_fixture;

use brokerdesk::domain::assessment::{Confirmation, Source};
use brokerdesk::domain::professional::{Conversion, ProfessionalFacts};
use brokerdesk::domain::risk::{ProductRisk, RiskLevel, RiskProfile, suitability};
use brokerdesk::domain::rules::Rules;
use brokerdesk::store::{self, assessments::NewInterview};
use tui_fixture::{conn, d};

const WAN: i64 = 1_000_000; // fen

fn interview(customer: &str, level: RiskLevel, lowest: bool) -> NewInterview {
    NewInterview {
        customer_id: customer.into(),
        answers: "A".into(),
        answers_shown: Vec::new(),
        score: 40,
        level,
        lowest,
        lowest_cause: String::new(),
        no_full_civil_capacity: false,
        age_note: String::new(),
        assessed_on: d("2026-11-29"),
        valid_until: d("2028-11-27"),
        manager_id: "M01".into(),
        previous_level: None,
        reason: String::new(),
    }
}

#[test]
fn update_and_delete_fail_through_sql() {
    let c = conn();
    let q = brokerdesk::assets::default_questionnaire();
    let now = "2026-11-29T01:00:00Z".parse().unwrap();
    let id = store::assessments::save_interview(
        &c,
        &Rules::defaults(),
        &q,
        &interview("310000000004", RiskLevel::C3, false),
        now,
    )
    .unwrap();
    let e = c.execute("UPDATE assessments SET level = 'C5' WHERE id = ?1", [&id]).unwrap_err().to_string();
    assert!(e.contains("append-only"), "{e}");
    let e = c.execute("DELETE FROM assessments WHERE id = ?1", [&id]).unwrap_err().to_string();
    assert!(e.contains("append-only"), "{e}");
    assert!(c.execute("DELETE FROM assessments", []).is_err(), "imported rows too");
    // the record: a UUID v7, this installation, an interview confirmed in person
    let r = store::assessments::record(&c, &id).unwrap().unwrap();
    assert_eq!(uuid::Uuid::parse_str(&r.id).unwrap().get_version_num(), 7);
    assert_eq!(r.installation_id, store::ids::installation_id(&c).unwrap());
    assert_eq!((r.source, r.confirmation), (Source::Interview, Confirmation::InPerson));
    assert_eq!(r.assessed_at.unwrap().to_rfc3339(), "2026-11-29T01:00:00+00:00");
    // professional records refuse edits too
    let now = "2026-11-29T01:00:00Z".parse().unwrap();
    let facts = ProfessionalFacts { financial_assets: 300 * WAN, experience_years: 1, ..Default::default() };
    let pid = store::professional::convert(
        &c,
        &Rules::defaults(),
        "310000000002",
        Conversion::ToProfessional,
        facts,
        "客户申请",
        d("2026-11-29"),
        "M01",
        now,
    )
    .unwrap();
    assert!(c.execute("UPDATE professional_records SET reason = 'x' WHERE id = ?1", [&pid]).is_err());
    assert!(c.execute("DELETE FROM professional_records WHERE id = ?1", [&pid]).is_err());
}

#[test]
fn imported_rows_say_so() {
    let c = conn();
    // the fixture's assessments come through store::assessments::append (the import's path)
    let r = store::assessments::latest_record(&c, "310000000002").unwrap().unwrap();
    assert_eq!((r.source, r.confirmation, r.assessed_at), (Source::Import, Confirmation::OnPaper, None));
    assert_eq!(uuid::Uuid::parse_str(&r.id).unwrap().get_version_num(), 7);
}

#[test]
fn a_save_refreshes_that_customers_book_row_only() {
    let c = conn();
    let book_row = |id: &str| -> (Option<String>, Option<String>) {
        c.query_row("SELECT risk_level, valid_until FROM customer_book WHERE customer_id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    };
    // a stale value planted in another customer's row stays: only one row is rebuilt
    c.execute("UPDATE customer_book SET risk_level = 'C5' WHERE customer_id = '310000000002'", []).unwrap();
    assert_eq!(book_row("310000000004"), (None, None), "never assessed");
    let q = brokerdesk::assets::default_questionnaire();
    let now = "2026-11-29T01:00:00Z".parse().unwrap();
    store::assessments::save_interview(
        &c,
        &Rules::defaults(),
        &q,
        &interview("310000000004", RiskLevel::C2, false),
        now,
    )
    .unwrap();
    assert_eq!(book_row("310000000004"), (Some("C2".into()), Some("2028-11-27".into())));
    assert_eq!(book_row("310000000002").0.as_deref(), Some("C5"), "other rows untouched");
    // the matrix follows at once: 王五 left 未评估 for 保守型
    let m = store::book::matrix(&c, &store::book::Scope::Branch, d("2026-11-29")).unwrap();
    let total: u64 = brokerdesk::domain::tier::Tier::ALL
        .iter()
        .map(|t| {
            m.cell(*t, brokerdesk::domain::risk::SegmentColumn::Type(brokerdesk::domain::risk::RiskType::Conservative))
                .customers
        })
        .sum();
    assert!(total >= 1);
}

#[test]
fn a_lowest_category_customer_may_hold_r1_only() {
    let c = conn();
    let q = brokerdesk::assets::default_questionnaire();
    let now = "2026-11-29T01:00:00Z".parse().unwrap();
    // 王五 holds 511880 (a money-market fund, R1)
    store::assessments::save_interview(
        &c,
        &Rules::defaults(),
        &q,
        &interview("310000000004", RiskLevel::C1, true),
        now,
    )
    .unwrap();
    let detail = store::detail::load(&c, "310000000004", d("2026-11-29"), &Rules::defaults()).unwrap().unwrap();
    assert_eq!(detail.profile, RiskProfile::Assessed { level: RiskLevel::C1, lowest: true });
    assert_eq!(detail.holdings[0].rating, ProductRisk::R1);
    assert!(detail.holdings[0].suitability.is_suitable());
    assert!(!suitability(detail.profile, ProductRisk::R2).is_suitable());
}

#[test]
fn professional_conversion_both_ways() {
    let c = conn();
    let rules = Rules::defaults();
    let now = "2026-11-29T01:00:00Z".parse().unwrap();
    let class = |id: &str| -> (String, i64) {
        c.query_row(
            "SELECT c.investor_class, b.professional FROM customers c JOIN customer_book b USING (customer_id) WHERE customer_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    assert_eq!(class("310000000002"), ("ordinary".into(), 0));
    // 299.99万 and 30万 income − 1 fen: refused with the rule
    let short = ProfessionalFacts {
        financial_assets: 300 * WAN - 1,
        avg_income_3y: 30 * WAN - 1,
        experience_years: 3,
        ..Default::default()
    };
    let e = store::professional::convert(
        &c,
        &rules,
        "310000000002",
        Conversion::ToProfessional,
        short,
        "申请",
        d("2026-11-29"),
        "M01",
        now,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(e, "未达专业投资者或申请转化条件");
    // 300万 and 1 year: converted on request; the book row follows at once
    let ok = ProfessionalFacts { financial_assets: 300 * WAN, experience_years: 1, ..Default::default() };
    store::professional::convert(
        &c,
        &rules,
        "310000000002",
        Conversion::ToProfessional,
        ok,
        "客户申请转化",
        d("2026-11-29"),
        "M01",
        now,
    )
    .unwrap();
    assert_eq!(class("310000000002"), ("professional".into(), 1));
    // holding R4 宁德时代 becomes suitable for a professional
    let det = store::detail::load(&c, "310000000002", d("2026-11-29"), &rules).unwrap().unwrap();
    assert!(det.holdings.iter().all(|h| h.suitability.is_suitable()));
    assert_eq!(det.classifications.len(), 1, "shown on the detail");
    // again: already professional
    assert!(
        store::professional::convert(
            &c,
            &rules,
            "310000000002",
            Conversion::ToProfessional,
            ok,
            "x",
            d("2026-11-29"),
            "M01",
            now
        )
        .is_err()
    );
    // back to ordinary on request (no figures needed); the C3 assessment counts again
    store::professional::convert(
        &c,
        &rules,
        "310000000002",
        Conversion::ToOrdinary,
        ProfessionalFacts::default(),
        "客户要求按普通投资者对待",
        d("2026-11-30"),
        "M01",
        now,
    )
    .unwrap();
    assert_eq!(class("310000000002"), ("ordinary".into(), 0));
    let h = store::professional::history(&c, "310000000002").unwrap();
    assert_eq!(
        h.iter().map(|r| r.conversion).collect::<Vec<_>>(),
        vec![Conversion::ToOrdinary, Conversion::ToProfessional]
    );
    assert_eq!(h[1].financial_assets, 300 * WAN);
    assert_eq!(h[1].criterion, "金融资产≥300万或年收入≥30万且经历≥1年，可申请转化");
    // both changes are in the audit log
    let n: i64 =
        c.query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'investor_class'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
}

#[test]
fn legacy_rows_migrate_into_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut c = rusqlite::Connection::open(&path).unwrap();
        rusqlite_migration::Migrations::from_slice(&store::migrations::MIGRATIONS[..1]).to_latest(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO managers VALUES ('M01', '李娜', '福田', 'manager');
             INSERT INTO customers (customer_id, name, id_number, manager_id, opened_on) VALUES ('1', '张三', 'x', 'M01', '2020-01-01');
             INSERT INTO questionnaires VALUES ('sac-individual', 1, 't', '{}', '2024-01-01T00:00:00Z');
             INSERT INTO assessments (customer_id, questionnaire_id, version, answers, score, level, lowest, assessed_on,
                 valid_until, manager_id, customer_confirmed, recorded_at)
             VALUES ('1', 'sac-individual', 1, 'A', 45, 'C3', 0, '2024-03-01', '2026-02-28', 'M01', 1, '2024-03-01T02:00:00Z');
             INSERT INTO callbacks (customer_id, due_on, reason, status, tries) VALUES ('1', '2026-12-01', 'routine', 'open', 2);
             INSERT INTO callbacks (customer_id, due_on, reason, status) VALUES ('1', '2026-10-01', 'routine', 'done');",
        )
        .unwrap();
    }
    let c = store::open(&path).unwrap();
    let r = store::assessments::latest_record(&c, "1").unwrap().unwrap();
    assert_eq!(
        (r.level, r.score, r.source, r.confirmation),
        (RiskLevel::C3, 45, Source::Import, Confirmation::OnPaper)
    );
    let u = uuid::Uuid::parse_str(&r.id).unwrap();
    assert_eq!(u.get_version_num(), 4, "{}", r.id);
    assert_eq!(r.installation_id, "legacy");
    assert!(path.with_extension("db.bak-v1").exists(), "backed up before the upgrade");
    // the book still reads the latest assessment
    store::book::refresh(&c, &Rules::defaults()).unwrap();
    let level: String =
        c.query_row("SELECT risk_level FROM customer_book WHERE customer_id = '1'", [], |r| r.get(0)).unwrap();
    assert_eq!(level, "C3");
    assert!(c.execute("DELETE FROM assessments", []).is_err(), "triggers recreated");
    // v1's open callback is carried into the plan (migration 2), the done one is not a plan
    let plans: Vec<(String, String, u32, String)> = c
        .prepare("SELECT reason, due_on, tries, status FROM callback_plans WHERE customer_id = '1'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(plans, vec![("routine".into(), "2026-12-01".into(), 2, "open".into())]);
}
