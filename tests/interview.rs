//! The interview (风险测评) as key sequences through the app's routing (`App::press` = one key
//! press, then the sync of the next frame), without a terminal; snapshots of its pages; and the
//! saved record agreeing with `assess print` and `assess score` (issue 5, SPEC §4.1, §5.7).

mod tui_fixture;

use brokerdesk::domain::risk::RiskLevel;
use brokerdesk::session::{Lang, Session};
use brokerdesk::tui::app::App;
use brokerdesk::tui::keymap::Context;
use brokerdesk::tui::screens::Screen;
use brokerdesk::tui::screens::interview::{InterviewState, Notice, Page, Prompt};
use brokerdesk::tui::{ScreenId, draw_to_string};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use tui_fixture::{session, session_on_file};

/// 欧阳娜娜: age 41 on 2026-11-29 (Q17 pre-filled C), C4 valid, holds 600519 R3, 300750 R4, 511880 R1.
const OUYANG: &str = "310000000001";
/// 王五: never assessed, holds 511880 (R1).
const WANG: &str = "310000000004";
/// 3+4+3+1+0+3+3+3+2+2+3+4+3+2+2+5+3+5+4+4 = 59 → C4, with Q17 = C (41–50).
const SHEET_59: &str = "A,C,A,B,D,C,C,B,BC,B,B,AB,C,B,B,B,C,A,C,A";
const Q: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/questionnaires/sac-individual-v1.toml");

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}
fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn press(app: &mut App, s: &Session, keys: &[KeyEvent]) {
    for k in keys {
        app.press(s, *k).unwrap();
    }
}

/// The detail of `customer`, then `a`: the interview.
fn start(s: &Session, customer: &str, w: u16, h: u16) -> App {
    let mut app = App::new(s, ScreenId::Customer, Some(customer)).unwrap();
    app.sync(s, Size::new(w, h)).unwrap();
    press(&mut app, s, &[ch('a')]);
    assert!(matches!(app.top(), Screen::Interview(_)), "a starts the interview");
    app
}

fn iv(app: &App) -> &InterviewState {
    match app.top() {
        Screen::Interview(i) => i,
        _ => panic!("top screen is not the interview"),
    }
}

/// Answers the capacity question (`a` = full capacity) and then each token of `sheet` (its
/// letters, then Enter).
fn answer(app: &mut App, s: &Session, capacity: char, sheet: &str) {
    press(app, s, &[ch(capacity), key(KeyCode::Enter)]);
    for token in sheet.split(',') {
        for c in token.chars() {
            press(app, s, &[ch(c.to_ascii_lowercase())]);
        }
        press(app, s, &[key(KeyCode::Enter)]);
    }
}

fn assessments_of(s: &Session, customer: &str) -> i64 {
    s.conn.query_row("SELECT COUNT(*) FROM assessments WHERE customer_id = ?1", [customer], |r| r.get(0)).unwrap()
}

#[test]
fn whole_questionnaire_by_keyboard_and_record_print_score_agree() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let s = session_on_file(&path, "M01", Lang::Zh);
    let mut app = start(&s, OUYANG, 80, 24);
    assert_eq!(iv(&app).page, Page::Step(0));
    answer(&mut app, &s, 'a', SHEET_59);
    assert_eq!(iv(&app).page, Page::Review);
    press(&mut app, &s, &[key(KeyCode::Right)]);
    assert_eq!(iv(&app).page, Page::Result);
    let r = iv(&app).result().unwrap().unwrap();
    assert_eq!((r.score, r.level, r.lowest), (59, RiskLevel::C4, false));
    // Enter before the confirmation saves nothing
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(iv(&app).page, Page::Result);
    assert_eq!(assessments_of(&s, OUYANG), 2);
    press(&mut app, &s, &[ch('y'), key(KeyCode::Enter)]);
    let Page::Saved(id) = iv(&app).page.clone() else { panic!("not saved: {:?}", iv(&app).notice) };
    assert_eq!(assessments_of(&s, OUYANG), 3);

    // the record
    let rec = brokerdesk::store::assessments::record(&s.conn, &id).unwrap().unwrap();
    assert_eq!((rec.answers.as_str(), rec.score, rec.level, rec.lowest), (SHEET_59, 59, RiskLevel::C4, false));
    assert_eq!((rec.manager_id.as_deref(), rec.previous_level), (Some("M01"), Some(RiskLevel::C4)));
    assert_eq!(rec.answers_shown.len(), 20);
    assert_eq!(rec.answers_shown[16].options, vec!["41～50 岁".to_string()]);
    assert_eq!(rec.valid_until.to_string(), "2028-11-27"); // 730 days counting 2026-11-29 itself (2028 is a leap year)

    // `assess print` (text) says the same
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_brokerdesk")).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let db = path.to_str().unwrap();
    let printed = run(&["--db", db, "--today", "2026-11-29", "assess", "print", OUYANG]);
    assert!(printed.contains("测评得分：59\n"), "{printed}");
    assert!(printed.contains("风险承受能力等级：C4 积极型\n"));
    assert!(printed.contains("最低风险承受能力类别：否\n"));
    assert!(printed.contains(&format!("记录编号：{id}\n")));
    assert!(printed.contains("17. 您的年龄是：\n   C 41～50 岁（3分）\n"));
    assert!(printed.contains("客户签字："));
    // `assess score` with the same answers and age
    let scored = run(&["assess", "score", "--questionnaire", Q, "--answers", &rec.answers, "--age", "41"]);
    assert_eq!(scored, "score: 59\nlevel: C4\nlowest: false\n");
    // and the report's row
    let report = run(&["--db", db, "--today", "2026-11-29", "report", "assessments", "--format", "csv"]);
    assert!(report.starts_with("customer_id,level,score,lowest,assessed_on,valid_until,state,source,manager_id\n"));
    assert!(report.contains("\n310000000001,C4,59,false,2026-11-29,2028-11-27,valid,interview,M01\n"), "{report}");

    let json = run(&["--db", db, "--today", "2026-11-29", "report", "assessments", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let row = rows.as_array().unwrap().iter().find(|r| r["customer_id"] == OUYANG).unwrap();
    assert_eq!(
        (row["score"].as_u64(), row["state"].as_str(), row["source"].as_str()),
        (Some(59), Some("valid"), Some("interview"))
    );
    // the HTML record holds the same figures
    let html = run(&["--db", db, "--today", "2026-11-29", "assess", "print", OUYANG, "--format", "html"]);
    assert!(html.contains("<tr><th>测评得分</th><td>59</td></tr>") && html.contains("C4 积极型"));

    // Enter: done, back on the detail, which shows the new assessment
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    match app.top() {
        Screen::Detail(d) => assert_eq!(d.detail.as_ref().unwrap().history.len(), 3),
        _ => panic!("back on the detail"),
    }
}

#[test]
fn next_and_back_keep_every_answer() {
    let s = session();
    let mut app = start(&s, OUYANG, 80, 24);
    press(&mut app, &s, &[ch('a'), key(KeyCode::Enter), ch('b'), key(KeyCode::Enter), ch('c')]);
    assert_eq!(iv(&app).page, Page::Step(2));
    press(&mut app, &s, &[key(KeyCode::Left)]);
    assert_eq!((iv(&app).page.clone(), iv(&app).answers[0].clone()), (Page::Step(1), vec![1]));
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!((iv(&app).page.clone(), iv(&app).answers[1].clone()), (Page::Step(2), vec![2]));
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    // question 3 unanswered: Enter stays and says why
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(iv(&app).page, Page::Step(3));
    assert_eq!(iv(&app).notice, Some(Notice::ChooseFirst));
    // ↓ and Space choose by cursor; a multi-select question toggles
    press(&mut app, &s, &[key(KeyCode::Down), ch(' ')]);
    assert_eq!(iv(&app).answers[2], vec![1]);
    for _ in 0..6 {
        press(&mut app, &s, &[ch('a'), key(KeyCode::Enter)]);
    }
    assert_eq!(iv(&app).page, Page::Step(9)); // question 9, multi-select
    press(&mut app, &s, &[ch('b'), ch('e'), ch('b')]);
    assert_eq!(iv(&app).answers[8], vec![4]);
}

#[test]
fn review_then_change_an_answer_returns_to_review() {
    let s = session();
    let mut app = start(&s, OUYANG, 80, 24);
    answer(&mut app, &s, 'a', SHEET_59);
    assert_eq!((iv(&app).page.clone(), iv(&app).cursor), (Page::Review, 20));
    // up to question 2, Enter changes it, then Enter goes back to the review
    for _ in 0..18 {
        press(&mut app, &s, &[key(KeyCode::Up)]);
    }
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(iv(&app).page, Page::Step(2));
    press(&mut app, &s, &[ch('e'), key(KeyCode::Enter)]);
    assert_eq!((iv(&app).page.clone(), iv(&app).cursor), (Page::Review, 2));
    assert_eq!(iv(&app).answers[1], vec![4]);
    // 59 − 4 + 6 = 61
    press(&mut app, &s, &[key(KeyCode::Right)]);
    assert_eq!(iv(&app).result().unwrap().unwrap().score, 61);
    // ← from the result: the review; Tab on a question: the review too
    press(&mut app, &s, &[key(KeyCode::Left), key(KeyCode::Left)]);
    assert_eq!(iv(&app).page, Page::Step(20));
    press(&mut app, &s, &[key(KeyCode::Tab)]);
    assert_eq!(iv(&app).page, Page::Review);
}

#[test]
fn esc_asks_then_keeps_a_draft_that_resumes_or_is_discarded() {
    let s = session();
    let mut app = start(&s, OUYANG, 80, 24);
    press(&mut app, &s, &[ch('a'), key(KeyCode::Enter), ch('b'), key(KeyCode::Enter), ch('c')]);
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert_eq!(iv(&app).prompt, Some(Prompt::Leave));
    assert_eq!(app.context(), Context::InterviewLeave);
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert_eq!((iv(&app).prompt.clone(), iv(&app).page.clone()), (None, Page::Step(2)));
    // keep a draft: back on the detail, nothing saved as an assessment
    press(&mut app, &s, &[key(KeyCode::Esc), ch('s')]);
    assert!(matches!(app.top(), Screen::Detail(_)));
    assert_eq!(assessments_of(&s, OUYANG), 2);
    assert!(brokerdesk::store::assessments::draft(&s.conn, OUYANG).unwrap().is_some());
    // start again: the draft is offered, Enter resumes where it was
    press(&mut app, &s, &[ch('a')]);
    assert_eq!(iv(&app).page, Page::Resume);
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(iv(&app).page, Page::Step(2));
    assert_eq!(
        (iv(&app).capacity, iv(&app).answers[0].clone(), iv(&app).answers[1].clone()),
        (Some(true), vec![1], vec![2])
    );
    // discard: the draft is gone, still no new assessment
    press(&mut app, &s, &[key(KeyCode::Esc), ch('d')]);
    assert!(matches!(app.top(), Screen::Detail(_)));
    assert!(brokerdesk::store::assessments::draft(&s.conn, OUYANG).unwrap().is_none());
    assert_eq!(assessments_of(&s, OUYANG), 2);
    // a kept draft can also be dropped by starting afresh
    press(&mut app, &s, &[ch('a'), ch('a'), key(KeyCode::Esc), ch('s'), ch('a')]);
    assert_eq!(iv(&app).page, Page::Resume);
    press(&mut app, &s, &[ch('n')]);
    assert_eq!((iv(&app).page.clone(), iv(&app).capacity), (Page::Step(0), None));
    assert!(brokerdesk::store::assessments::draft(&s.conn, OUYANG).unwrap().is_none());
}

#[test]
fn age_is_prefilled_and_changing_it_needs_a_note() {
    let s = session();
    let mut app = start(&s, OUYANG, 80, 24);
    assert_eq!(iv(&app).age_prefill, Some((16, 2)), "Q17 = C for 41");
    assert_eq!(iv(&app).answers[16], vec![2]);
    answer(&mut app, &s, 'a', &SHEET_59.replace(",C,A,C,A", ",-,A,C,A").replace('-', ""));
    // on the review: change Q17 to B
    for _ in 0..3 {
        press(&mut app, &s, &[key(KeyCode::Up)]);
    }
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(iv(&app).page, Page::Step(17));
    press(&mut app, &s, &[ch('b')]);
    assert!(matches!(iv(&app).prompt, Some(Prompt::AgeNote { option: 1, .. })));
    assert_eq!(app.context(), Context::InterviewText);
    // an empty note is refused: the answer stays C
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!((iv(&app).answers[16].clone(), iv(&app).notice.clone()), (vec![2], Some(Notice::AgeNoteRequired)));
    press(&mut app, &s, &[ch('b')]);
    for c in "证件年龄有误".chars() {
        press(&mut app, &s, &[ch(c)]);
    }
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!((iv(&app).answers[16].clone(), iv(&app).age_note.as_str()), (vec![1], "证件年龄有误"));
    // 59 − 3 + 7 = 63, scored without the age check (the note explains it)
    press(&mut app, &s, &[key(KeyCode::Enter), key(KeyCode::Right)]);
    assert_eq!(iv(&app).result().unwrap().unwrap().score, 63);
    // choosing the pre-filled answer again drops the note
    press(&mut app, &s, &[key(KeyCode::Left), key(KeyCode::Left)]);
    for _ in 0..3 {
        press(&mut app, &s, &[key(KeyCode::Left)]);
    }
    assert_eq!(iv(&app).page, Page::Step(17));
    press(&mut app, &s, &[ch('c')]);
    assert_eq!((iv(&app).answers[16].clone(), iv(&app).age_note.as_str()), (vec![2], ""));
}

#[test]
fn no_full_civil_capacity_forces_c1_and_the_lowest_category() {
    let s = session();
    let mut app = start(&s, WANG, 80, 24);
    // 王五 (born 1995-11-11, 31: Q17 = B): the best sheet otherwise scores 100
    answer(&mut app, &s, 'b', "A,E,A,D,A,D,D,D,E,D,C,D,E,D,D,A,B,A,D,A");
    press(&mut app, &s, &[key(KeyCode::Right)]);
    let r = iv(&app).result().unwrap().unwrap();
    assert_eq!((r.score, r.level, r.lowest), (100, RiskLevel::C1, true));
    let text = draw_to_string(&app, &s, 80, 24);
    assert!(text.contains("最低风险承受能力类别：是 —— 原因：无完全民事行为能力"), "{text}");
    // first assessment: no reason needed
    press(&mut app, &s, &[ch('y'), key(KeyCode::Enter)]);
    let Page::Saved(id) = iv(&app).page.clone() else { panic!("not saved") };
    let rec = brokerdesk::store::assessments::record(&s.conn, &id).unwrap().unwrap();
    assert_eq!((rec.level, rec.lowest, rec.no_full_civil_capacity), (RiskLevel::C1, true, true));
    assert_eq!(rec.lowest_cause, "无完全民事行为能力");
    // the R1 money fund stays suitable for the lowest category
    let d = brokerdesk::store::detail::load(&s.conn, WANG, s.today, &s.rules).unwrap().unwrap();
    assert!(d.holdings.iter().all(|h| h.suitability.is_suitable()));
}

#[test]
fn a_changed_level_needs_the_reason_and_shows_what_changes() {
    let s = session();
    let mut app = start(&s, OUYANG, 80, 24);
    // Q2 C→A (−3), Q8 B→A (−2), Q20 A→C (−2): 52 → C3, down from C4
    answer(&mut app, &s, 'a', "A,A,A,B,D,C,C,A,BC,B,B,AB,C,B,B,B,C,A,C,C");
    press(&mut app, &s, &[key(KeyCode::Right)]);
    let st = iv(&app);
    let r = st.result().unwrap().unwrap();
    assert_eq!((r.score, r.level), (52, RiskLevel::C3));
    let changes = st.changes(&r);
    assert_eq!(changes.len(), 1);
    assert_eq!((changes[0].code.as_str(), changes[0].becomes_suitable()), ("300750", false));
    press(&mut app, &s, &[ch('y'), key(KeyCode::Enter)]);
    assert_eq!(iv(&app).page, Page::Result);
    assert_eq!(iv(&app).notice, Some(Notice::ReasonRequired));
    assert!(draw_to_string(&app, &s, 80, 24).contains("等级与上次不同：请按 e 填写客户说明的原因"));
    press(&mut app, &s, &[ch('e')]);
    for c in "退休后收入减少".chars() {
        press(&mut app, &s, &[ch(c)]);
    }
    press(&mut app, &s, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let Page::Saved(id) = iv(&app).page.clone() else { panic!("not saved: {:?}", iv(&app).notice) };
    let rec = brokerdesk::store::assessments::record(&s.conn, &id).unwrap().unwrap();
    assert_eq!((rec.previous_level, rec.reason.as_str()), (Some(RiskLevel::C4), "退休后收入减少"));
    // the holding is unsuitable at once (the book row and the detail)
    let d = brokerdesk::store::detail::load(&s.conn, OUYANG, s.today, &s.rules).unwrap().unwrap();
    assert_eq!(d.unsuitable(), 1);
    let level: String = s
        .conn
        .query_row("SELECT risk_level FROM customer_book WHERE customer_id = ?1", [OUYANG], |r| r.get(0))
        .unwrap();
    assert_eq!(level, "C3");
}

#[test]
fn full_screen_shows_only_this_customer_and_marks_forced_options() {
    let s = session();
    let mut app = start(&s, OUYANG, 80, 24);
    press(&mut app, &s, &[ch('a'), key(KeyCode::Enter)]);
    let text = draw_to_string(&app, &s, 80, 24);
    assert!(!text.contains("1 客户"), "no tab bar:\n{text}");
    assert!(!text.contains("营业部负责人"), "no status bar:\n{text}");
    assert!(text.contains("欧阳娜娜") && text.contains("310000**0001"));
    assert!(!text.contains("310000000001"), "the account is masked");
    assert!(text.contains("无固定收入，或收入低于当地最低生活保障标准 【强制最低类别】"), "{text}");
    // `?` opens the interview's own help; other global keys are not taken (q is an option)
    press(&mut app, &s, &[ch('?')]);
    assert!(app.help);
    press(&mut app, &s, &[key(KeyCode::Esc), ch('q')]);
    assert!(!app.quit);
}

#[test]
fn the_list_row_starts_it_too() {
    let s = session();
    let mut app = App::new(&s, ScreenId::Customers, None).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    press(&mut app, &s, &[ch('a')]);
    assert!(matches!(app.top(), Screen::Interview(_)));
    assert!(iv(&app).subject.is_some());
}

#[test]
fn institutions_get_the_institution_questionnaire() {
    let s = session();
    let inst = s
        .conn
        .query_row("SELECT customer_id FROM customers WHERE kind = 'institution' LIMIT 1", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap();
    let app = start(&s, &inst, 80, 24);
    assert_eq!(iv(&app).questionnaire.as_ref().unwrap().id, "institution");
    assert!(!iv(&app).has_capacity_step());
    assert_eq!(iv(&app).page, Page::Step(0));
}

fn snapshot_pages(w: u16, h: u16) -> (String, String, String) {
    let s = session();
    let mut app = start(&s, OUYANG, w, h);
    // question 1, whose option E forces the lowest category (marked before it is chosen)
    press(&mut app, &s, &[ch('a'), key(KeyCode::Enter), ch('a')]);
    let question = draw_to_string(&app, &s, w, h);
    press(&mut app, &s, &[key(KeyCode::Left)]);
    answer(&mut app, &s, 'a', "A,A,A,B,D,C,C,A,BC,B,B,AB,C,B,B,B,C,A,C,C");
    let review = draw_to_string(&app, &s, w, h);
    press(&mut app, &s, &[key(KeyCode::Right), ch('y')]);
    let result = draw_to_string(&app, &s, w, h);
    (question, review, result)
}

#[test]
fn pages_80x24() {
    let (q, review, result) = snapshot_pages(80, 24);
    insta::assert_snapshot!("question_80x24", q);
    insta::assert_snapshot!("review_80x24", review);
    insta::assert_snapshot!("result_80x24", result);
}

#[test]
fn pages_160x48() {
    let (q, review, result) = snapshot_pages(160, 48);
    insta::assert_snapshot!("question_160x48", q);
    insta::assert_snapshot!("review_160x48", review);
    insta::assert_snapshot!("result_160x48", result);
}

#[test]
fn no_panic_at_any_size() {
    let s = session();
    let mut app = start(&s, OUYANG, 80, 24);
    answer(&mut app, &s, 'a', SHEET_59);
    for page in 0..3 {
        for (w, h) in [(1, 1), (2, 2), (10, 3), (20, 5), (40, 12), (79, 23), (250, 70)] {
            app.sync(&s, Size::new(w, h)).unwrap();
            let text = draw_to_string(&app, &s, w, h);
            for line in text.lines() {
                assert!(brokerdesk::domain::text::width(line) <= w as usize, "{w}x{h}: {line:?}");
            }
        }
        match page {
            0 => press(&mut app, &s, &[key(KeyCode::Right)]),
            1 => press(&mut app, &s, &[ch('y'), ch('e')]),
            _ => {}
        }
    }
}

#[test]
fn a_broken_questionnaire_file_is_refused_with_its_path_and_rule() {
    let s = session();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("firm.toml");
    let text = std::fs::read_to_string(Q).unwrap().replace("min = 20", "min = 21");
    std::fs::write(&bad, text).unwrap();
    let mut app = App::new(&s, ScreenId::Customer, Some(OUYANG)).unwrap();
    app.questionnaire_file = Some(bad.clone());
    app.sync(&s, Size::new(160, 24)).unwrap();
    press(&mut app, &s, &[ch('a')]);
    let err = iv(&app).error.clone().unwrap();
    assert_eq!(err, format!("{}: gap in bands: scores 20–20 have no level", bad.display()));
    assert!(draw_to_string(&app, &s, 160, 24).contains("无法开始测评："));
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert!(matches!(app.top(), Screen::Detail(_)));
}

#[test]
fn a_given_questionnaire_file_is_used() {
    let s = session();
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("firm.toml");
    std::fs::write(&own, std::fs::read_to_string(Q).unwrap().replace("version = 1", "version = 3")).unwrap();
    let mut app = App::new(&s, ScreenId::Customer, Some(OUYANG)).unwrap();
    app.questionnaire_file = Some(own);
    app.sync(&s, Size::new(80, 24)).unwrap();
    press(&mut app, &s, &[ch('a')]);
    assert_eq!(iv(&app).questionnaire.as_ref().map(|q| q.version), Some(3));
    // saved with it: the definition is stored under its id + version
    answer(&mut app, &s, 'a', SHEET_59);
    press(&mut app, &s, &[key(KeyCode::Right), ch('y'), key(KeyCode::Enter)]);
    assert!(matches!(iv(&app).page, Page::Saved(_)));
    assert!(brokerdesk::store::assessments::questionnaire(&s.conn, "sac-individual", 3).unwrap().is_some());
}
