//! Key-sequence tests on the TUI state: keys go through the same routing as in the terminal
//! (`App::press` = handle one key press, then sync what the next frame shows).

mod tui_fixture;

use brokerdesk::domain::risk::{RiskType, SegmentColumn};
use brokerdesk::domain::tier::Tier;
use brokerdesk::session::{Lang, Session};
use brokerdesk::store::book::{self, BookFilter, Scope};
use brokerdesk::tui::app::App;
use brokerdesk::tui::keymap::Context;
use brokerdesk::tui::screens::{CustomersState, DetailState, Screen, SegmentsState};
use brokerdesk::tui::{ScreenId, draw_to_string};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Size;
use tui_fixture::{ch, key, open, press, session, session_as};

fn typed(app: &mut App, s: &Session, text: &str) {
    for c in text.chars() {
        app.press(s, ch(c)).unwrap();
    }
}

fn list(app: &App) -> &CustomersState {
    match app.top() {
        Screen::Customers(c) => c,
        _ => panic!("top screen is not the customer list"),
    }
}
fn segments(app: &App) -> &SegmentsState {
    match app.top() {
        Screen::Segments(c) => c,
        _ => panic!("top screen is not the segments"),
    }
}
fn detail(app: &App) -> &DetailState {
    match app.top() {
        Screen::Detail(c) => c,
        _ => panic!("top screen is not a customer detail"),
    }
}

#[test]
fn filter_popup_cycles_the_tier_and_the_count_follows() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    assert_eq!(list(&app).total, 12);
    press(&mut app, &s, &[ch('f')]);
    assert_eq!(app.context(), Context::Filter);
    press(&mut app, &s, &[key(KeyCode::Right)]);
    assert_eq!(list(&app).filter.tier, Some(Tier::T1));
    assert_eq!(list(&app).total, 3);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("3 位客户符合"), "{screen}");
    press(&mut app, &s, &[key(KeyCode::Right)]);
    assert_eq!((list(&app).filter.tier, list(&app).total), (Some(Tier::T2), 3));
    press(&mut app, &s, &[key(KeyCode::Right), key(KeyCode::Right)]);
    assert_eq!((list(&app).filter.tier, list(&app).total), (Some(Tier::T4), 2));
    press(&mut app, &s, &[key(KeyCode::Right)]);
    assert_eq!((list(&app).filter.tier, list(&app).total), (None, 12));
    // risk type column: 未评估 is the fifth value after 全部
    press(&mut app, &s, &[key(KeyCode::Down), key(KeyCode::Left)]);
    assert_eq!(list(&app).filter.column, Some(SegmentColumn::Unassessed));
    assert_eq!(list(&app).total, 3, "王五, 郑和 never assessed; 李四 expired");
    // level C2 (shown even when expired) and alerts
    press(&mut app, &s, &[key(KeyCode::Down), key(KeyCode::Right), key(KeyCode::Right)]);
    assert_eq!(list(&app).total, 1);
    assert_eq!(list(&app).rows[0].name, "李四");
    press(&mut app, &s, &[key(KeyCode::Down), key(KeyCode::Right)]);
    assert!(list(&app).filter.with_alerts);
    assert_eq!(list(&app).total, 1);
    // close: the filter stays and is shown above the table
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), Context::Customers);
    let screen = draw_to_string(&app, &s, 80, 24);
    let line = screen.lines().nth(1).unwrap();
    assert!(line.contains("类型 未评估") && line.contains("测评 C2") && line.contains("有预警"), "{line}");
    // c clears everything
    press(&mut app, &s, &[ch('c')]);
    assert_eq!(list(&app).total, 12);
    assert_eq!(list(&app).filter, BookFilter::default());
}

#[test]
fn every_segment_cell_opens_a_list_of_its_count() {
    let s = session();
    let mut app = open(&s, ScreenId::Segments, 80, 24);
    let matrix = segments(&app).matrix.clone();
    assert_eq!(matrix.total().customers, 12);
    for row in 0..5 {
        for col in 0..6 {
            // walk the cursor there from the top-left corner
            let mut keys = vec![];
            keys.extend(std::iter::repeat_n(ch('k'), 5));
            keys.extend(std::iter::repeat_n(ch('h'), 6));
            keys.extend(std::iter::repeat_n(ch('j'), row));
            keys.extend(std::iter::repeat_n(ch('l'), col));
            press(&mut app, &s, &keys);
            let expected = segments(&app).selected_cell().customers;
            press(&mut app, &s, &[key(KeyCode::Enter)]);
            let l = list(&app);
            assert_eq!(l.total, expected, "cell ({row}, {col})");
            assert_eq!(l.filter.tier, Tier::ALL.get(row).copied());
            assert_eq!(l.filter.column, SegmentColumn::ALL.get(col).copied());
            press(&mut app, &s, &[key(KeyCode::Esc)]);
            assert!(matches!(app.top(), Screen::Segments(_)));
        }
    }
    // T2 × 稳健型: 张三a (contribution) and 周杰
    press(
        &mut app,
        &s,
        &[ch('k'), ch('k'), ch('k'), ch('k'), ch('h'), ch('h'), ch('h'), ch('h'), ch('h'), ch('j'), ch('l')],
    );
    assert_eq!(segments(&app).tier(), Some(Tier::T2));
    assert_eq!(segments(&app).column(), Some(SegmentColumn::Type(RiskType::Balanced)));
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    let names: Vec<&str> = list(&app).rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["周杰", "张三a"]);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.lines().next().unwrap().contains("› 客户 T2 金卡×稳健型"), "{screen}");
}

#[test]
fn j_k_move_the_selection_and_enter_opens_the_customer() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    assert_eq!(list(&app).selected_row().unwrap().name, "深圳前海星河投资管理有限公司");
    press(&mut app, &s, &[ch('j'), ch('j')]);
    assert_eq!(list(&app).selected, 2);
    assert_eq!(list(&app).selected_row().unwrap().name, "欧阳娜娜");
    press(&mut app, &s, &[ch('k'), key(KeyCode::Down), key(KeyCode::Down)]);
    assert_eq!(list(&app).selected, 3);
    press(&mut app, &s, &[ch('G')]);
    assert_eq!(list(&app).selected, 11);
    press(&mut app, &s, &[ch('j')]);
    assert_eq!(list(&app).selected, 11, "stays on the last row");
    press(&mut app, &s, &[ch('g'), ch('k')]);
    assert_eq!(list(&app).selected, 0);
    press(&mut app, &s, &[ch('j'), ch('j'), key(KeyCode::Enter)]);
    let d = detail(&app);
    assert_eq!(d.customer_id, "310000000001");
    assert_eq!(d.detail.as_ref().unwrap().customer.name, "欧阳娜娜");
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert_eq!(list(&app).selected, 2, "back where we were");
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert!(matches!(app.top(), Screen::Customers(_)), "Esc on the root screen stays");
}

#[test]
fn scrolling_past_the_window_fetches_the_next_page_only() {
    let s = session();
    // 80×8: tab bar, summary, header, status → 4 table rows
    let mut app = open(&s, ScreenId::Customers, 80, 8);
    let l = list(&app);
    assert_eq!((l.height, l.rows.len(), l.offset, l.page_fetches, l.count_fetches), (4, 4, 0, 1, 1));
    press(&mut app, &s, &[ch('j'), ch('j'), ch('j')]);
    assert_eq!((list(&app).offset, list(&app).page_fetches), (0, 1), "moving inside the window queries nothing");
    press(&mut app, &s, &[ch('j')]);
    let l = list(&app);
    assert_eq!((l.selected, l.offset, l.page_fetches), (4, 1, 2));
    assert_eq!(l.rows.len(), 4);
    assert_eq!(l.rows[0].name, "赵敏", "window starts at the second customer");
    assert_eq!(l.selected_row().unwrap().name, "周杰");
    press(&mut app, &s, &[key(KeyCode::PageDown)]);
    let l = list(&app);
    assert_eq!((l.selected, l.offset, l.page_fetches), (8, 5, 3));
    press(&mut app, &s, &[key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    let l = list(&app);
    assert_eq!((l.selected, l.offset), (11, 8), "the last page is full, not blank");
    assert_eq!(l.rows.last().unwrap().name, "孙悟空");
    // help, a redraw, a resize to the same size: no query
    let before = (list(&app).page_fetches, list(&app).count_fetches);
    press(&mut app, &s, &[ch('?'), ch('x')]);
    app.sync(&s, Size::new(80, 8)).unwrap();
    assert_eq!((list(&app).page_fetches, list(&app).count_fetches), before);
    // a taller terminal: the window grows, one page query, no count
    app.sync(&s, Size::new(80, 12)).unwrap();
    let l = list(&app);
    assert_eq!((l.height, l.rows.len(), l.page_fetches, l.count_fetches), (8, 8, before.0 + 1, before.1));
    assert!(l.selected >= l.offset && l.selected < l.offset + l.height);
}

#[test]
fn search_by_name_account_or_mobile_with_cursor_at_the_cell() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('/')]);
    assert_eq!(app.context(), Context::Search);
    typed(&mut app, &s, "张三a");
    assert_eq!(list(&app).total, 1);
    assert_eq!(list(&app).rows[0].customer_id, "310000000002");
    // the cursor sits after 张三a: prompt + 5 cells
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.render(&s, f)).unwrap();
    let prompt = brokerdesk::domain::text::width("搜索 姓名/账号/手机后4位: ");
    let pos = terminal.get_cursor_position().unwrap();
    assert_eq!((pos.x as usize, pos.y), (prompt + 5, 1));
    press(&mut app, &s, &[key(KeyCode::Left)]);
    terminal.draw(|f| app.render(&s, f)).unwrap();
    assert_eq!(terminal.get_cursor_position().unwrap().x as usize, prompt + 4);
    // q and j are text while typing
    press(&mut app, &s, &[key(KeyCode::End), ch('q')]);
    assert!(!app.quit);
    assert_eq!(list(&app).filter.text, "张三aq");
    assert_eq!(list(&app).total, 0);
    // Esc restores the text from before the search
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert_eq!((list(&app).filter.text.as_str(), list(&app).total), ("", 12));
    // last 4 of the mobile, then the account number; Enter keeps the filter
    press(&mut app, &s, &[ch('/')]);
    typed(&mut app, &s, "5678");
    assert_eq!(list(&app).rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["欧阳娜娜"]);
    press(&mut app, &s, &[KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)]);
    typed(&mut app, &s, "310000000012");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), Context::Customers);
    assert_eq!(list(&app).rows[0].name, "郑和");
    assert!(draw_to_string(&app, &s, 80, 24).lines().nth(1).unwrap().contains("搜索 \"310000000012\""));
}

#[test]
fn sort_cycles_through_every_key() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    let first = |app: &App| list(app).rows[0].name.clone();
    assert_eq!(first(&app), "深圳前海星河投资管理有限公司");
    press(&mut app, &s, &[ch('j'), ch('s')]);
    assert_eq!(list(&app).sort, book::SortKey::ContributionDesc);
    assert_eq!(list(&app).selected, 0, "a new order starts at the top");
    press(&mut app, &s, &[ch('s'), ch('s')]);
    assert_eq!(list(&app).sort, book::SortKey::Name);
    press(&mut app, &s, &[ch('s')]);
    assert_eq!(list(&app).sort, book::SortKey::CustomerId);
    assert_eq!(list(&app).rows[0].customer_id, "310000000001");
    press(&mut app, &s, &[ch('s')]);
    assert_eq!(list(&app).sort, book::SortKey::AssetsDesc);
}

#[test]
fn tabs_and_help() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('3')]);
    assert!(matches!(app.top(), Screen::Segments(_)));
    press(&mut app, &s, &[key(KeyCode::Tab)]);
    assert!(matches!(app.top(), Screen::Callbacks(_)));
    press(&mut app, &s, &[key(KeyCode::Tab)]);
    assert!(matches!(app.top(), Screen::Alerts(_)));
    // the supervisor's 审计 and 分配 follow
    press(&mut app, &s, &[key(KeyCode::Tab)]);
    assert!(matches!(app.top(), Screen::Audit(_)));
    press(&mut app, &s, &[key(KeyCode::Tab)]);
    assert!(matches!(app.top(), Screen::Allocate(_)));
    press(&mut app, &s, &[key(KeyCode::Tab)]);
    assert!(matches!(app.top(), Screen::Today(_)), "Tab wraps to the first tab");
    press(&mut app, &s, &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)]);
    assert!(matches!(app.top(), Screen::Allocate(_)));
    press(&mut app, &s, &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)]);
    assert!(matches!(app.top(), Screen::Audit(_)));
    press(&mut app, &s, &[ch('3')]);
    assert!(matches!(app.top(), Screen::Segments(_)));
    press(&mut app, &s, &[ch('?')]);
    assert!(app.help);
    let screen = draw_to_string(&app, &s, 80, 30);
    for b in Context::Segments.bindings().iter().chain(Context::Global.bindings()) {
        assert!(screen.contains(b.zh), "help lacks {:?}:\n{screen}", b.zh);
    }
    press(&mut app, &s, &[ch('q')]);
    assert!(!app.help && !app.quit, "a key closes the help first");
    press(&mut app, &s, &[ch('q')]);
    assert!(app.quit);
}

#[test]
fn help_in_english_lists_the_list_keys() {
    let s = session_as("M01", Lang::En);
    let mut app = open(&s, ScreenId::Customers, 100, 40);
    press(&mut app, &s, &[ch('?')]);
    let screen = draw_to_string(&app, &s, 100, 40);
    for b in Context::Customers.bindings() {
        assert!(screen.contains(b.en), "help lacks {:?}:\n{screen}", b.en);
    }
    assert!(screen.contains("PgDn") && screen.contains("Ctrl-C"));
}

#[test]
fn supervisor_cycles_scope_manager_is_locked() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('j'), ch('m'), key(KeyCode::Enter)]);
    assert_eq!(app.scope, Scope::Manager("M01".into()));
    assert_eq!((list(&app).total, list(&app).selected), (8, 0));
    assert!(draw_to_string(&app, &s, 80, 24).lines().last().unwrap().contains("范围： 李娜(M01)"));
    press(&mut app, &s, &[ch('x')]);
    assert!(draw_to_string(&app, &s, 80, 24).lines().last().unwrap().contains("李娜(M01)"));
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
    assert_eq!(list(&app).total, 4);
    press(&mut app, &s, &[ch('3')]);
    assert_eq!(segments(&app).matrix.total().customers, 4, "the matrix follows the scope");
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
    assert_eq!(app.scope, Scope::Branch);
    assert_eq!(segments(&app).matrix.total().customers, 12);

    let m = session_as("M01", Lang::Zh);
    let mut app = open(&m, ScreenId::Customers, 80, 24);
    assert_eq!(list(&app).total, 8);
    press(&mut app, &m, &[ch('m')]);
    assert_eq!(app.scope, Scope::Manager("M01".into()));
    assert_eq!(list(&app).total, 8);
    assert!(draw_to_string(&app, &m, 80, 24).contains("客户经理只能查看本人名下客户"));
}

#[test]
fn unmask_is_per_customer_and_audited() {
    let s = session();
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    let full_id = detail(&app).detail.as_ref().unwrap().customer.id_number.clone();
    let masked = draw_to_string(&app, &s, 80, 24);
    assert!(masked.contains("440304********") && !masked.contains(&full_id));
    assert!(masked.contains("138****5678"));
    press(&mut app, &s, &[ch('u')]);
    assert!(detail(&app).unmasked);
    let shown = draw_to_string(&app, &s, 80, 24);
    assert!(shown.contains(&full_id) && shown.contains("13812345678"), "{shown}");
    assert!(shown.contains("已记入审计日志"));
    let (actor, entity, id, action): (String, String, String, String) = s
        .conn
        .query_row("SELECT actor, entity, entity_id, action FROM audit_log", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(
        (actor.as_str(), entity.as_str(), id.as_str(), action.as_str()),
        ("M00", "customer", "310000000001", "unmask")
    );
    // back to the list and into another customer: masked there
    press(&mut app, &s, &[key(KeyCode::Esc), ch('j'), key(KeyCode::Enter)]);
    assert!(!detail(&app).unmasked);
    assert_ne!(detail(&app).customer_id, "310000000001");
    // hiding again writes nothing
    press(&mut app, &s, &[key(KeyCode::Esc), ch('g'), ch('j'), ch('j'), key(KeyCode::Enter), ch('u'), ch('u')]);
    let n: i64 = s.conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
}

#[test]
fn detail_holdings_selection_moves_the_sparkline() {
    let s = session();
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    let d = detail(&app);
    let h = &d.detail.as_ref().unwrap().holdings;
    assert_eq!(h.iter().map(|h| h.valued.holding.code.as_str()).collect::<Vec<_>>(), ["600519", "300750", "511880"]);
    assert_eq!(d.closes.len(), 60);
    let before = d.closes.clone();
    press(&mut app, &s, &[ch('j')]);
    assert_eq!(detail(&app).selected, 1);
    assert_ne!(detail(&app).closes, before);
    assert!(draw_to_string(&app, &s, 80, 24).contains("┌ 宁德时代"));
    press(&mut app, &s, &[ch('G'), ch('j')]);
    assert_eq!(detail(&app).selected, 2);
    assert_eq!(detail(&app).loads, 1, "moving the selection fetches closes only, never the customer again");
}

#[test]
fn key_releases_are_ignored_and_ctrl_c_always_quits() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    let mut release = ch('j');
    release.kind = KeyEventKind::Release;
    app.on_event(&s, Event::Key(release));
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert_eq!(list(&app).selected, 0);
    app.on_event(&s, Event::Key(ch('j')));
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert_eq!(list(&app).selected, 1);
    // even inside the search input
    press(&mut app, &s, &[ch('/')]);
    press(&mut app, &s, &[KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)]);
    assert!(app.quit);
}

#[test]
fn opening_the_detail_without_a_customer_takes_the_first_of_the_list() {
    let s = session_as("M02", Lang::Zh);
    let app = open(&s, ScreenId::Customer, 80, 24);
    assert_eq!(detail(&app).customer_id, "310000000011");
    // an unknown customer: the TUI says so on screen, `render` fails naming the customer
    let mut app = App::new(&s, ScreenId::Customer, Some("nobody")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert!(detail(&app).missing());
    assert!(draw_to_string(&app, &s, 80, 24).contains("未找到客户 nobody"));
    let err = brokerdesk::tui::render_to_string(&s, ScreenId::Customer, 80, 24, Some("nobody")).unwrap_err();
    assert!(err.to_string().contains("nobody"), "{err}");
}

fn audit_rows(s: &Session) -> i64 {
    s.conn.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_manager_cannot_open_or_unmask_another_managers_customer() {
    // 310000000001 is M01's; M02 signs in and asks for it directly
    let s = session_as("M02", Lang::Zh);
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert!(detail(&app).missing() && detail(&app).detail.is_none());
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("不在您的客户范围内"), "{screen}");
    assert!(!screen.contains("欧阳娜娜") && !screen.contains("138****5678"), "{screen}");
    assert!(!screen.lines().last().unwrap().contains("│  │"), "no empty status segment: {screen}");
    press(&mut app, &s, &[ch('u')]);
    assert!(!detail(&app).unmasked);
    assert_eq!(audit_rows(&s), 0, "nothing unmasked, nothing audited");
    // the same screen as an unknown customer, and `render` fails the same way
    let unknown = brokerdesk::tui::render_to_string(&s, ScreenId::Customer, 80, 24, Some("nobody")).unwrap_err();
    let other = brokerdesk::tui::render_to_string(&s, ScreenId::Customer, 80, 24, Some("310000000001")).unwrap_err();
    assert!(other.to_string().contains("310000000001") && other.to_string().contains("不在您的客户范围内"));
    assert_eq!(other.to_string().replace("310000000001", "X"), unknown.to_string().replace("nobody", "X"));
    // the own customer opens and unmasks
    assert!(brokerdesk::tui::render_to_string(&s, ScreenId::Customer, 80, 24, Some("310000000011")).is_ok());
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000011")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    press(&mut app, &s, &[ch('u')]);
    assert!(detail(&app).unmasked);
    assert_eq!(audit_rows(&s), 1);
}

#[test]
fn a_supervisor_switching_scope_sees_only_that_managers_customers_in_the_detail() {
    let s = session();
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert!(detail(&app).detail.is_some(), "the branch sees everyone");
    press(&mut app, &s, &[ch('u')]);
    assert!(detail(&app).unmasked);
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
    assert_eq!(app.scope, Scope::Manager("M01".into()));
    assert!(detail(&app).detail.is_some() && detail(&app).unmasked, "M01's own customer");
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
    assert_eq!(app.scope, Scope::Manager("M02".into()));
    assert!(detail(&app).missing() && !detail(&app).unmasked, "M02's book does not hold it");
    assert!(draw_to_string(&app, &s, 80, 24).contains("不在您的客户范围内"));
    press(&mut app, &s, &[ch('u')]);
    assert_eq!(audit_rows(&s), 1, "only the unmask made in scope is audited");
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
    assert_eq!(app.scope, Scope::Branch);
    assert!(detail(&app).detail.is_some() && !detail(&app).unmasked, "back in scope, masked again");
}

#[test]
fn the_scope_cycle_includes_the_supervisors_own_book() {
    let s = session();
    // the supervisor M00 serves one customer himself
    s.conn.execute("UPDATE customers SET manager_id = 'M00' WHERE customer_id = '310000000012'", []).unwrap();
    brokerdesk::store::book::refresh(&s.conn, &s.rules).unwrap();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    let mut seen = vec![app.scope.clone()];
    for _ in 0..4 {
        press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
        seen.push(app.scope.clone());
    }
    let m = |id: &str| Scope::Manager(id.into());
    assert_eq!(seen, [Scope::Branch, m("M00"), m("M01"), m("M02"), Scope::Branch]);
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
    assert_eq!((app.scope.clone(), list(&app).total), (m("M00"), 1));
    assert!(draw_to_string(&app, &s, 80, 24).contains("郑和"));
}

/// Another process's write: a second connection to the same file commits.
fn other_process(path: &std::path::Path, sql: &str) {
    let conn = brokerdesk::store::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute_batch(sql).unwrap();
    brokerdesk::store::book::refresh(&tx, &brokerdesk::domain::rules::Rules::defaults()).unwrap();
    tx.commit().unwrap();
}

#[test]
fn another_processs_commit_shows_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let s = tui_fixture::session_on_file(&path, "M00", Lang::Zh);
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('3'), ch('2')]);
    assert_eq!(list(&app).rows[0].name, "深圳前海星河投资管理有限公司");
    assert!(!app.tick(&s).unwrap(), "nothing changed: nothing to do");
    let fetches = (list(&app).count_fetches, list(&app).page_fetches);
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert_eq!((list(&app).count_fetches, list(&app).page_fetches), fetches);

    // an import elsewhere: 郑和 now holds 3,000万 (T1), and a new customer appears
    other_process(
        &path,
        "UPDATE account_snapshots SET total_assets = 3000000000 WHERE customer_id = '310000000012';
         INSERT INTO customers (customer_id, name, kind, id_number, manager_id, opened_on, investor_class, status)
         SELECT '310000000013', '新客户', kind, id_number, manager_id, opened_on, investor_class, status
         FROM customers WHERE customer_id = '310000000012';",
    );
    assert!(app.tick(&s).unwrap(), "data_version moved");
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert_eq!(list(&app).total, 13);
    assert_eq!(list(&app).rows[0].name, "郑和");
    assert!(draw_to_string(&app, &s, 80, 24).contains("13 位"));
    // the matrix (not on screen) was invalidated too
    press(&mut app, &s, &[ch('3')]);
    assert_eq!(segments(&app).matrix.total().customers, 13);
    assert_eq!(segments(&app).matrix.tier_total(Tier::T1).customers, 4);
    assert!(!app.tick(&s).unwrap());

    // switching tabs with nothing changed reads nothing again (the tick guards freshness)
    let before = segments(&app).fetches;
    press(&mut app, &s, &[ch('2'), ch('3')]);
    assert_eq!(segments(&app).fetches, before);
    // and `r` reloads on request (listed in the help)
    let before = segments(&app).fetches;
    press(&mut app, &s, &[ch('r')]);
    assert_eq!(segments(&app).fetches, before + 1);
    assert!(draw_to_string(&app, &s, 80, 24).contains("已刷新"));
    press(&mut app, &s, &[ch('?')]);
    assert!(draw_to_string(&app, &s, 100, 40).contains("刷新"));
}

#[test]
fn a_reassigned_customer_leaves_the_managers_open_detail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let s = tui_fixture::session_on_file(&path, "M01", Lang::Zh);
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    press(&mut app, &s, &[ch('u')]);
    assert!(detail(&app).unmasked);
    other_process(&path, "UPDATE customers SET manager_id = 'M02' WHERE customer_id = '310000000001';");
    assert!(app.tick(&s).unwrap());
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert!(detail(&app).missing() && !detail(&app).unmasked);
    assert!(!draw_to_string(&app, &s, 80, 24).contains("13812345678"));
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert_eq!(list(&app).total, 7, "and the list follows");
}

#[test]
fn a_text_search_scans_once_and_serves_every_window_from_its_ids() {
    let s = session();
    // 80×8: 4 table rows
    let mut app = open(&s, ScreenId::Customers, 80, 8);
    let all: Vec<String> = book::page(&s.conn, &BookFilter::default(), book::SortKey::AssetsDesc, s.today, 0, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.customer_id)
        .collect();
    press(&mut app, &s, &[ch('/')]);
    typed(&mut app, &s, "3100000000");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    let l = list(&app);
    assert_eq!((l.total, l.id_fetches), (12, 10), "one scan per keystroke (the terminal debounces typing)");
    let (ids, pages) = (l.id_fetches, l.page_fetches);
    press(&mut app, &s, &[ch('G')]);
    let l = list(&app);
    assert_eq!((l.id_fetches, l.page_fetches), (ids, pages + 1), "a deep window is a slice, no scan");
    let shown: Vec<&str> = l.rows.iter().map(|r| r.customer_id.as_str()).collect();
    assert_eq!(shown, all[8..12].iter().map(String::as_str).collect::<Vec<_>>(), "same order as the list");
    assert_eq!(l.selected_row().unwrap().name, "孙悟空");
    press(&mut app, &s, &[key(KeyCode::PageUp), ch('k'), ch('g')]);
    assert_eq!(list(&app).id_fetches, ids);
    assert_eq!(list(&app).rows[0].customer_id, all[0]);
    // each new sort: one new scan, same members
    press(&mut app, &s, &[ch('s'), ch('s'), ch('s')]);
    assert_eq!(list(&app).sort, book::SortKey::Name);
    assert_eq!((list(&app).id_fetches, list(&app).total), (ids + 3, 12));
    // back to no text: the index-backed path
    press(&mut app, &s, &[ch('c')]);
    let counts = list(&app).count_fetches;
    assert!(counts > 0 && list(&app).total == 12);
}

#[test]
fn the_search_debounce_waits_only_while_typing() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    let now = std::time::Instant::now();
    assert_eq!(app.settling(now), None);
    app.handle_key(&s, &ch('/')).unwrap();
    app.handle_key(&s, &ch('王')).unwrap();
    let wait = app.settling(std::time::Instant::now()).expect("just typed");
    assert!(wait <= brokerdesk::tui::screens::customers::SEARCH_DEBOUNCE);
    assert_eq!(app.settling(std::time::Instant::now() + wait), None);
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert_eq!(app.settling(std::time::Instant::now()), None, "synced: nothing pending");
    assert_eq!(list(&app).total, 1);
}

#[test]
fn q_in_the_filter_popup_closes_it_and_in_the_search_types() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('f'), key(KeyCode::Right), ch('q')]);
    assert!(!app.quit, "q closes the popup, not the app");
    assert_eq!(app.context(), Context::Customers);
    assert_eq!(list(&app).filter.tier, Some(Tier::T1), "the filter stays");
    press(&mut app, &s, &[ch('/'), ch('q')]);
    assert!(!app.quit);
    assert_eq!(list(&app).filter.text, "q");
    press(&mut app, &s, &[key(KeyCode::Esc), ch('q')]);
    assert!(app.quit);
}

#[test]
fn the_help_scrolls_on_a_short_terminal() {
    let s = session();
    let mut app = open(&s, ScreenId::Customers, 80, 14);
    press(&mut app, &s, &[ch('?')]);
    let first = draw_to_string(&app, &s, 80, 14);
    assert!(first.contains("更多"), "{first}");
    assert!(first.contains("上移") && !first.contains("退出"), "{first}");
    press(&mut app, &s, &[ch('j'), ch('j')]);
    assert!(app.help && app.help_scroll == 2);
    assert!(!draw_to_string(&app, &s, 80, 14).contains("上移"), "scrolled past the title and the first key");
    for _ in 0..40 {
        press(&mut app, &s, &[key(KeyCode::Down)]);
    }
    let last = draw_to_string(&app, &s, 80, 14);
    assert!(last.contains("退出") && last.contains("上翻") && !last.contains("更多"), "{last}");
    press(&mut app, &s, &[ch('k')]);
    assert!(draw_to_string(&app, &s, 80, 14).contains("更多"));
    press(&mut app, &s, &[ch('x')]);
    assert!(!app.help && !app.quit, "another key closes the help");
    // on a tall terminal it all fits: no hint
    app.sync(&s, Size::new(100, 40)).unwrap();
    press(&mut app, &s, &[ch('?')]);
    let tall = draw_to_string(&app, &s, 100, 40);
    assert!(tall.contains("任意键关闭") && !tall.contains("更多"), "{tall}");
    // …and every key closes it, j and k included (there is nothing to scroll)
    for k in ['j', 'k'] {
        press(&mut app, &s, &[ch(k)]);
        assert!(!app.help, "{k} closes a help that fits");
        press(&mut app, &s, &[ch('?')]);
    }
}

#[test]
fn unmask_while_another_process_holds_the_write_lock_says_busy_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let s = tui_fixture::session_on_file(&path, "M00", Lang::Zh);
    // what `tui::run` does first
    brokerdesk::tui::prepare_connection(&s.conn).unwrap();
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert!(detail(&app).detail.is_some());

    // an import elsewhere holds the write lock
    let other = brokerdesk::store::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    app.on_event(&s, Event::Key(ch('u')));
    let waited = started.elapsed();
    assert!(waited < std::time::Duration::from_millis(1500), "the UI waited {waited:?}");
    assert_eq!(app.message, Some(brokerdesk::tui::app::Message::Info("数据库正忙（可能正在导入），请稍后再试".into())));
    assert!(!detail(&app).unmasked, "nothing unmasked");
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("数据库正忙") && !screen.contains("13812345678"), "{screen}");
    assert!(!screen.contains("database is locked"), "{screen}");
    // the writer left its note (as `import` does): the message says who writes
    let mut writer = std::process::Command::new("sleep").arg("30").spawn().unwrap();
    let note = dir.path().join(format!("book.db.writer-{}", writer.id()));
    std::fs::write(&note, format!("pid={}\ncommand=import holdings\nsince=2026-12-03T07:00:00Z\n", writer.id())).unwrap();
    app.on_event(&s, Event::Key(ch('u')));
    let said = format!("数据库正忙（可能正在导入），请稍后再试 · pid {} (import holdings, 2026-12-03T07:00:00Z)", writer.id());
    assert_eq!(app.message, Some(brokerdesk::tui::app::Message::Info(said)));
    writer.kill().unwrap();
    writer.wait().unwrap();
    std::fs::remove_file(&note).unwrap();
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(audit_rows(&s), 0, "nothing audited");

    // once the import is done, the same key works
    app.on_event(&s, Event::Key(ch('u')));
    assert!(detail(&app).unmasked);
    assert_eq!(audit_rows(&s), 1);

    // in English too
    let en = tui_fixture::session_on_file(&dir.path().join("en.db"), "M00", Lang::En);
    brokerdesk::tui::prepare_connection(&en.conn).unwrap();
    let mut app = App::new(&en, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&en, Size::new(80, 24)).unwrap();
    let other = brokerdesk::store::open(&dir.path().join("en.db")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    app.on_event(&en, Event::Key(ch('u')));
    assert_eq!(
        app.message,
        Some(brokerdesk::tui::app::Message::Info("The database is busy (an import may be running); try again".into()))
    );
    assert!(!detail(&app).unmasked);
}

fn alerts_of(app: &App) -> &brokerdesk::tui::screens::AlertsState {
    match app.top() {
        Screen::Alerts(a) => a,
        _ => panic!("not on the alerts screen"),
    }
}

#[test]
fn acknowledge_with_a_chinese_note_then_sign_a_warning() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Customers, 80, 24);
    press(&mut app, &s, &[ch('5')]);
    let first = alerts_of(&app).rows[0].clone();
    assert_eq!((first.customer_id.as_str(), first.subject.as_str()), ("310000000001", "600519"));
    // a: the note popup; typed CJK text; Enter saves the record
    press(&mut app, &s, &[ch('a')]);
    assert_eq!(app.context(), Context::Note);
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert!(alerts_of(&app).note.as_ref().unwrap().error.is_some(), "a note is required");
    typed(&mut app, &s, "已电话告知客户，建议分散持仓");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert!(alerts_of(&app).note.is_none());
    let (status, actor, note): (String, String, String) = s
        .conn
        .query_row("SELECT status, actor, note FROM alerts WHERE id = ?1", [first.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(
        (status.as_str(), actor.as_str(), note.as_str()),
        ("acknowledged", "M01", "已电话告知客户，建议分散持仓")
    );
    let (who, inst): (String, String) = s
        .conn
        .query_row("SELECT manager_id, installation_id FROM alert_actions WHERE alert_id = ?1", [first.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(who, "M01");
    assert_eq!(inst, brokerdesk::store::ids::installation_id(&s.conn).unwrap());
    // still listed (unresolved), now acknowledged; the list re-read at once
    assert!(alerts_of(&app).rows.iter().any(|r| r.id == first.id && r.status.code() == "acknowledged"));
    // w on a concentration alert: refused with a message
    press(&mut app, &s, &[ch('g'), ch('w')]);
    assert!(alerts_of(&app).note.is_none());
    // the suitability alert of 张三a (宁德时代 R4 > C3): the signed warning
    let i = alerts_of(&app).rows.iter().position(|r| r.rule.code() == "suitability").unwrap();
    for _ in 0..i {
        press(&mut app, &s, &[ch('j')]);
    }
    press(&mut app, &s, &[ch('w')]);
    assert_eq!(alerts_of(&app).note.as_ref().unwrap().input.text(), "客户已签署风险警示书");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    let signed = brokerdesk::store::alerts::confirmations_of(&s.conn, "310000000002").unwrap();
    assert_eq!(signed.len(), 1);
    assert_eq!((signed[0].code.as_str(), signed[0].manager_id.as_str()), ("300750", "M01"));
    // Enter opens the customer; the detail shows the alert as acknowledged
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("张三a") && screen.contains("已知悉"), "{screen}");
}

#[test]
fn alert_filters_cycle_rule_severity_status() {
    let s = session();
    let mut app = open(&s, ScreenId::Alerts, 100, 30);
    let all = alerts_of(&app).total;
    press(&mut app, &s, &[ch('f'), key(KeyCode::Right)]);
    assert_eq!(alerts_of(&app).filter.rule.map(|r| r.code()), Some("suitability"));
    let suitability = alerts_of(&app).total;
    assert!(suitability > 0 && suitability < all);
    assert!(alerts_of(&app).rows.iter().all(|r| r.rule.code() == "suitability"));
    press(&mut app, &s, &[key(KeyCode::Down), key(KeyCode::Right), key(KeyCode::Right)]);
    assert_eq!(alerts_of(&app).filter.severity.map(|r| r.code()), Some("warning"));
    assert_eq!(alerts_of(&app).total, 0, "suitability alerts are all critical");
    press(&mut app, &s, &[ch('c'), key(KeyCode::Enter)]);
    assert_eq!(alerts_of(&app).total, all);
    // the manager: the global scope key
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]);
    assert!(alerts_of(&app).rows.iter().all(|r| r.manager_id == "M01"));
    assert!(alerts_of(&app).total < all);
}
