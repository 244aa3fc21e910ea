//! The 分配 and 审计 screens and the manager picker, driven by keys on the fixture book: typing
//! filters the picker, a manager gets neither screen, a proposal is shown before anything is
//! applied and applied only after `y`, the audit screen lists what was done (snapshots at 80×24
//! and 160×48).

mod tui_fixture;

use brokerdesk::domain::model::{Manager, Role};
use brokerdesk::session::{Lang, Session};
use brokerdesk::store::{self, book::Scope};
use brokerdesk::tui::app::App;
use brokerdesk::tui::keymap::Context;
use brokerdesk::tui::screens::Screen;
use brokerdesk::tui::{ScreenId, draw_to_string};
use ratatui::crossterm::event::KeyCode;
use tui_fixture::{ch, key, open, press, session, session_as};

fn typed(app: &mut App, s: &Session, text: &str) {
    for c in text.chars() {
        press(app, s, &[ch(c)]);
    }
}

fn enter(app: &mut App, s: &Session) {
    press(app, s, &[key(KeyCode::Enter)]);
}

/// The fixture with a third manager, 吴敏 (M03), who keeps no customers yet.
fn with_m03() -> Session {
    let s = session();
    store::managers::upsert(
        &s.conn,
        &Manager {
            manager_id: "M03".into(),
            name: "吴敏".into(),
            branch: "深圳福田营业部".into(),
            role: Role::Manager,
        },
    )
    .unwrap();
    s
}

fn reassignments(s: &Session) -> i64 {
    s.conn.query_row("SELECT COUNT(*) FROM reassignments", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_scope_picker_filters_as_you_type() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('m')]);
    assert_eq!(app.context(), Context::Picker);
    let labels =
        |app: &App| -> Vec<String> { app.picker.as_ref().unwrap().visible().iter().map(|i| i.label.clone()).collect() };
    // 全营业部, then the managers with customers (王强 M00 has none)
    assert_eq!(labels(&app), ["全营业部", "李娜(M01)", "陈明(M02)"]);
    typed(&mut app, &s, "陈");
    assert_eq!(labels(&app), ["陈明(M02)"]);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("筛选: 陈") && screen.contains("› 陈明(M02)"), "{screen}");
    enter(&mut app, &s);
    assert_eq!(app.scope, Scope::Manager("M02".into()));
    assert!(app.picker.is_none());
    // pinyin initials, and Esc keeps the scope
    press(&mut app, &s, &[ch('m')]);
    typed(&mut app, &s, "ln");
    assert_eq!(labels(&app), ["李娜(M01)"]);
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert_eq!(app.scope, Scope::Manager("M02".into()));
    // back to the whole branch by typing its name
    press(&mut app, &s, &[ch('m')]);
    typed(&mut app, &s, "全营");
    enter(&mut app, &s);
    assert_eq!(app.scope, Scope::Branch);
}

#[test]
fn a_manager_has_neither_audit_nor_allocation() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('6')]);
    assert!(matches!(app.top(), Screen::Customers(_)));
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("审计与分配仅营业部负责人可用"), "{screen}");
    assert!(!screen.lines().next().unwrap().contains("审计"), "no tab for a manager: {screen}");
    // Tab wraps after 预警
    press(&mut app, &s, &[ch('5'), key(KeyCode::Tab)]);
    assert!(matches!(app.top(), Screen::Today(_)));
    // R on a customer is refused
    press(&mut app, &s, &[ch('2'), key(KeyCode::Enter), ch('R')]);
    assert!(matches!(app.top(), Screen::Detail(_)));
    assert!(draw_to_string(&app, &s, 80, 24).contains("只有营业部负责人可以分配客户"));
    // opened directly, the screens say why they are empty
    let audit = brokerdesk::tui::render_to_string(&s, ScreenId::Audit, 80, 24, None).unwrap();
    assert!(audit.contains("审计日志仅营业部负责人可查看"), "{audit}");
}

/// 分配 with M01's book (8 customers) proposed to M02 and M03, balanced.
fn proposal(s: &Session, w: u16, h: u16) -> App {
    let mut app = open(s, ScreenId::Allocate, w, h);
    press(&mut app, s, &[ch('f')]);
    typed(&mut app, s, "李娜");
    enter(&mut app, s);
    press(&mut app, s, &[ch('t')]);
    typed(&mut app, s, "M02");
    enter(&mut app, s);
    press(&mut app, s, &[ch('t')]);
    typed(&mut app, s, "wm");
    enter(&mut app, s);
    app
}

#[test]
fn allocation_proposal_80x24() {
    let s = with_m03();
    let app = proposal(&s, 80, 24);
    insta::assert_snapshot!(draw_to_string(&app, &s, 80, 24));
}

#[test]
fn allocation_proposal_160x48() {
    let s = with_m03();
    let app = proposal(&s, 160, 48);
    insta::assert_snapshot!(draw_to_string(&app, &s, 160, 48));
}

#[test]
fn the_proposal_is_applied_only_after_yes() {
    let s = with_m03();
    let mut app = proposal(&s, 80, 24);
    let Screen::Allocate(a) = app.top() else { panic!("not 分配") };
    assert!(a.balance, "two receivers switch the balance on");
    let plan = a.plan.clone().unwrap().unwrap();
    assert_eq!(plan.moves.len(), 8);
    assert_eq!(reassignments(&s), 0, "showing the proposal writes nothing");
    enter(&mut app, &s);
    assert_eq!(app.context(), Context::Confirm);
    assert!(draw_to_string(&app, &s, 80, 24).contains("将 8 位客户调给 陈明(M02)、吴敏(M03)"));
    press(&mut app, &s, &[ch('n')]);
    assert_eq!(reassignments(&s), 0);
    assert!(draw_to_string(&app, &s, 80, 24).contains("未执行分配"));
    press(&mut app, &s, &[key(KeyCode::Enter), ch('y')]);
    assert_eq!(reassignments(&s), 8);
    assert!(draw_to_string(&app, &s, 80, 24).contains("已调动 8 位客户"));
    // the moves are those of the proposal
    for m in &plan.moves {
        assert_eq!(store::customers::get(&s.conn, &m.customer_id).unwrap().unwrap().manager_id, m.to);
    }
    // removing a receiver by picking it again; a receiver who is the source is refused
    press(&mut app, &s, &[ch('f')]);
    typed(&mut app, &s, "M02");
    enter(&mut app, &s);
    let Screen::Allocate(a) = app.top() else { panic!() };
    assert_eq!(a.receivers, ["M03"], "the source is no receiver");
    // …and the receiver picker does not offer the departing manager
    press(&mut app, &s, &[ch('t')]);
    let Screen::Allocate(a) = app.top() else { panic!() };
    let (_, picker) = a.picker.as_ref().expect("the receiver picker");
    let offered: Vec<Option<&str>> = picker.items.iter().map(|i| i.value.as_deref()).collect();
    assert!(!offered.contains(&Some("M02")) && offered.contains(&Some("M03")), "{offered:?}");
    press(&mut app, &s, &[key(KeyCode::Esc)]);
}

#[test]
fn r_on_a_customer_opens_allocation_with_that_customer() {
    let s = with_m03();
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000009")).unwrap();
    app.sync(&s, ratatui::layout::Size::new(80, 24)).unwrap();
    press(&mut app, &s, &[ch('R'), ch('t')]);
    typed(&mut app, &s, "吴敏");
    enter(&mut app, &s);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("› 分配") && screen.contains("调出:") && screen.contains("310000000009"), "{screen}");
    assert!(screen.contains("陈明(M02)") && screen.contains("→ 1"), "{screen}");
    press(&mut app, &s, &[key(KeyCode::Enter), ch('y')]);
    assert_eq!(store::customers::get(&s.conn, "310000000009").unwrap().unwrap().manager_id, "M03");
    // Esc back to the customer, who is now M03's
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert!(matches!(app.top(), Screen::Detail(_)));
}

/// Audit rows at fixed instants: an unmask by M01, a call logged, a reassignment by M00.
fn audited() -> Session {
    let s = with_m03();
    let e = |at: &str,
             actor: &'static str,
             entity: &'static str,
             id: &'static str,
             action: &'static str,
             old: Option<&'static str>,
             new: Option<&'static str>| {
        store::audit::record(
            &s.conn,
            &store::audit::AuditEntry {
                at: at.parse().unwrap(),
                actor,
                entity,
                entity_id: id,
                action,
                old_value: old,
                new_value: new,
            },
        )
        .unwrap();
    };
    e("2026-11-28T02:15:00Z", "M01", "customer", "310000000001", "unmask", None, None);
    e("2026-11-28T06:40:00Z", "M01", "callback", "310000000002", "log_call", None, Some("phone reached"));
    e("2026-11-29T01:30:00Z", "M00", "customer", "310000000009", "reassign", Some("M02"), Some("M03"));
    s
}

/// The screen with the UUIDs of the selected entry's line replaced (they are random).
fn audit_screen(s: &Session, keys: &str, w: u16, h: u16) -> String {
    let mut app = open(s, ScreenId::Audit, w, h);
    typed(&mut app, s, keys);
    let text = draw_to_string(&app, s, w, h);
    text.lines()
        .map(|l| if l.starts_with("记录 ") { "记录 <uuid>  安装 <installation>".to_string() } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn audit_screen_80x24() {
    insta::assert_snapshot!(audit_screen(&audited(), "", 80, 24));
}

#[test]
fn audit_screen_160x48() {
    insta::assert_snapshot!(audit_screen(&audited(), "", 160, 48));
}

#[test]
fn audit_filters_by_person_action_customer_and_date() {
    let s = audited();
    let mut app = open(&s, ScreenId::Audit, 80, 24);
    let rows = |app: &App| -> Vec<String> {
        let Screen::Audit(a) = app.top() else { panic!("not 审计") };
        a.rows.iter().map(|r| r.action.clone()).collect()
    };
    assert_eq!(rows(&app), ["reassign", "log_call", "unmask"], "newest first");
    press(&mut app, &s, &[ch('p')]);
    typed(&mut app, &s, "李娜");
    enter(&mut app, &s);
    assert_eq!(rows(&app), ["log_call", "unmask"]);
    press(&mut app, &s, &[ch('a')]);
    typed(&mut app, &s, "查看");
    enter(&mut app, &s);
    assert_eq!(rows(&app), ["unmask"]);
    // a customer by part of the name (310000000009 is 周杰), applied on Enter only
    press(&mut app, &s, &[ch('c'), ch('/')]);
    typed(&mut app, &s, "周");
    assert_eq!(rows(&app).len(), 3);
    enter(&mut app, &s);
    assert_eq!(rows(&app), ["reassign"]);
    press(&mut app, &s, &[ch('c'), ch('/')]);
    typed(&mut app, &s, "310000000009");
    enter(&mut app, &s);
    assert_eq!(rows(&app), ["reassign"]);
    // dates: today (2026-11-29 in China) holds only the reassignment; a typed range the 28th
    press(&mut app, &s, &[ch('c'), ch('t')]);
    assert_eq!(rows(&app), ["reassign"]);
    press(&mut app, &s, &[ch('d'), ch('u')]);
    press(
        &mut app,
        &s,
        &[ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('u'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )],
    );
    typed(&mut app, &s, "2026-11-28..2026-11-28");
    enter(&mut app, &s);
    assert_eq!(rows(&app), ["log_call", "unmask"]);
    // Enter opens the customer of the row
    enter(&mut app, &s);
    assert!(matches!(app.top(), Screen::Detail(d) if d.customer_id == "310000000002"));
}
