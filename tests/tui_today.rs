//! 今日 and 回访 as a manager uses them: the agenda of the fixture (today Sunday 2026-11-29; open
//! callbacks: 欧阳娜娜 due 11-20 → 9 days overdue, 张三a due Mon 11-30, 钱多多 due 12-15 beyond
//! the 7-day window), three calls logged from the agenda with Chinese notes, the form's CJK
//! cursor, and snapshots of the screens.

mod tui_fixture;

use brokerdesk::domain::schedule::CallOutcome;
use brokerdesk::session::{Lang, Session};
use brokerdesk::store::book::Scope;
use brokerdesk::store::callbacks::lists;
use brokerdesk::tui::app::App;
use brokerdesk::tui::keymap::Context;
use brokerdesk::tui::screens::Screen;
use brokerdesk::tui::{ScreenId, draw_to_string};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;
use tui_fixture::{ch, d, key, open, press, session, session_as};

fn typed(app: &mut App, s: &Session, text: &str) {
    for c in text.chars() {
        app.press(s, ch(c)).unwrap();
    }
}

fn agenda_names(app: &App) -> Vec<String> {
    match app.top() {
        Screen::Today(t) => t.data.as_ref().unwrap().rows.iter().map(|r| r.name.clone()).collect(),
        _ => panic!("top screen is not 今日"),
    }
}

#[test]
fn today_opens_first_with_the_agenda_of_the_signed_in_manager() {
    let s = session_as("M01", Lang::Zh);
    let app = open(&s, ScreenId::Today, 80, 24);
    assert_eq!(agenda_names(&app), vec!["欧阳娜娜", "张三a"]);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("逾期 1 · 今日到期 0 · 未来7天 1"), "{screen}");
    assert!(screen.contains("逾期9天"), "{screen}");
    assert!(screen.contains("11-30 周一"), "{screen}");
    assert!(!screen.contains("钱多多"), "due 12-15 is beyond the 7-day window");
    // M02's book has no callbacks due
    let m2 = session_as("M02", Lang::Zh);
    let app = open(&m2, ScreenId::Today, 80, 24);
    assert!(agenda_names(&app).is_empty());
    assert!(draw_to_string(&app, &m2, 80, 24).contains("没有待回访的客户"));
}

#[test]
fn a_manager_logs_three_calls_from_today() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Today, 80, 24);

    // 1. 欧阳娜娜 (overdue): reached, with a note
    press(&mut app, &s, &[ch('l')]);
    assert_eq!(app.context(), Context::CallForm);
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), Context::CallForm, "no outcome chosen: nothing saved");
    assert!(draw_to_string(&app, &s, 80, 24).contains("请先选择回访结果"));
    press(&mut app, &s, &[ch('1'), key(KeyCode::Tab)]);
    typed(&mut app, &s, "客户满意，已提示集中度风险");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), Context::Today, "the form closed on save");
    let status = draw_to_string(&app, &s, 80, 24);
    assert!(status.contains("已记录： 欧阳娜娜 已联系上，下次回访 2026-12-29"), "{status}");
    assert_eq!(agenda_names(&app), vec!["张三a"], "done, next one due after the window (T1: 30 days)");

    // 2. 张三a: not reached → retried Monday 11-30, try 1 of 3
    press(&mut app, &s, &[ch('l'), key(KeyCode::Right), key(KeyCode::Right), key(KeyCode::Tab)]);
    typed(&mut app, &s, "无人接听");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(agenda_names(&app), vec!["张三a"]);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("1/3"), "{screen}");
    assert!(screen.contains("重试 2026-11-30"), "{screen}");

    // 3. 张三a again: refused (third outcome) → done
    press(&mut app, &s, &[ch('l'), ch('3'), key(KeyCode::Down)]);
    typed(&mut app, &s, "客户表示不需要回访");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert!(agenda_names(&app).is_empty());

    // the log, newest first, with who and the notes; the open plan and the report follow
    let f = lists::LogFilter { scope: Scope::Manager("M01".into()), ..Default::default() };
    let log = lists::log_page(&s.conn, &f, 0, 10).unwrap();
    let seen: Vec<(&str, CallOutcome, &str, &str)> =
        log.iter().map(|r| (r.name.as_str(), r.outcome, r.note.as_str(), r.manager_id.as_str())).collect();
    assert_eq!(
        &seen[..3],
        &[
            ("张三a", CallOutcome::Refused, "客户表示不需要回访", "M01"),
            ("张三a", CallOutcome::NotReached, "无人接听", "M01"),
            ("欧阳娜娜", CallOutcome::Reached, "客户满意，已提示集中度风险", "M01"),
        ]
    );
    let report = lists::report_rows(&s.conn, &s.scope, d("2026-11-29")).unwrap();
    let due: Vec<(&str, String)> = report.iter().map(|r| (r.customer_id.as_str(), r.due_on.to_string())).collect();
    assert!(due.contains(&("310000000001", "2026-12-29".into())), "{due:?}");
    assert!(report.iter().all(|r| r.overdue_days == 0), "nothing overdue any more: {due:?}");
    // the customer's detail shows the log
    press(&mut app, &s, &[ch('2')]);
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000002")).unwrap();
    app.sync(&s, Size::new(160, 48)).unwrap();
    let detail = draw_to_string(&app, &s, 160, 48);
    assert!(detail.contains("拒绝回访") && detail.contains("客户表示不需要回访"), "{detail}");
}

#[test]
fn esc_cancels_the_form_and_saves_nothing() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Today, 80, 24);
    let before = lists::count_logs(&s.conn, &lists::LogFilter::default()).unwrap();
    press(&mut app, &s, &[ch('l'), key(KeyCode::Tab)]);
    typed(&mut app, &s, "q?1"); // typed into the note, not quit / help / tab
    assert!(!app.quit && !app.help);
    press(&mut app, &s, &[key(KeyCode::Esc)]);
    assert_eq!(app.context(), Context::Today);
    assert_eq!(lists::count_logs(&s.conn, &lists::LogFilter::default()).unwrap(), before);
    // a bad next date keeps the form open with the reason
    press(&mut app, &s, &[ch('l'), ch('1'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    typed(&mut app, &s, "2026-13-01");
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    assert_eq!(app.context(), Context::CallForm);
    assert!(draw_to_string(&app, &s, 80, 24).contains("下次回访日期应为 YYYY-MM-DD"));
}

#[test]
fn the_note_cursor_sits_at_the_cell_after_cjk_text() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Today, 80, 24);
    press(&mut app, &s, &[ch('l'), key(KeyCode::Tab)]);
    typed(&mut app, &s, "张三a");
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    let frame = terminal.draw(|f| app.render(&s, f)).unwrap();
    let text = brokerdesk::tui::buffer_to_string(frame.buffer);
    let row = text.lines().position(|l| l.contains("备注")).unwrap();
    let line = text.lines().nth(row).unwrap();
    // the field starts right after the label; 张三a is 5 cells
    let label_end = brokerdesk::domain::text::width(&line[..line.find("张三a").unwrap()]);
    let pos = terminal.get_cursor_position().unwrap();
    assert_eq!((pos.x as usize, pos.y as usize), (label_end + 5, row));
    press(&mut app, &s, &[key(KeyCode::Left), key(KeyCode::Left)]);
    let _ = terminal.draw(|f| app.render(&s, f)).unwrap();
    assert_eq!(terminal.get_cursor_position().unwrap().x as usize, label_end + 2, "after 张, before 三");
}

#[test]
fn the_callbacks_screen_filters_and_switches_to_the_log() {
    let s = session();
    let mut app = open(&s, ScreenId::Callbacks, 100, 24);
    let total = |app: &App| match app.top() {
        Screen::Callbacks(c) => c.total,
        _ => panic!("not 回访"),
    };
    assert_eq!(total(&app), 3);
    press(&mut app, &s, &[ch('o')]);
    assert_eq!(total(&app), 1, "overdue only");
    press(&mut app, &s, &[ch('c'), ch('t')]);
    assert_eq!(total(&app), 1, "due by today: the overdue one");
    press(&mut app, &s, &[ch('t'), ch('t')]);
    assert_eq!(total(&app), 3, "within 30 days: all three");
    press(&mut app, &s, &[ch('v')]);
    assert_eq!(total(&app), 1, "the call log: the fixture's one call");
    let screen = draw_to_string(&app, &s, 100, 24);
    assert!(screen.contains("客户满意") && screen.contains("已联系上"), "{screen}");
    press(&mut app, &s, &[ch('u')]);
    assert_eq!(total(&app), 1, "outcome reached");
    press(&mut app, &s, &[ch('u')]);
    assert_eq!(total(&app), 0, "outcome not reached");
    // Enter on the open list opens the customer
    press(&mut app, &s, &[ch('v'), key(KeyCode::Enter)]);
    assert!(matches!(app.top(), Screen::Detail(d) if d.customer_id == "310000000001"));
}

fn snapshot(s: &Session, screen: ScreenId, keys: &[KeyEvent], w: u16, h: u16) -> String {
    let mut app = open(s, screen, w, h);
    press(&mut app, s, keys);
    draw_to_string(&app, s, w, h)
}

#[test]
fn today_80x24() {
    insta::assert_snapshot!(snapshot(&session(), ScreenId::Today, &[], 80, 24));
}

#[test]
fn today_160x48() {
    insta::assert_snapshot!(snapshot(&session(), ScreenId::Today, &[], 160, 48));
}

#[test]
fn call_form_80x24() {
    let s = session_as("M01", Lang::Zh);
    let mut keys = vec![ch('l'), ch('2'), key(KeyCode::Tab)];
    keys.extend("客户在开会，稍后再联系".chars().map(ch));
    insta::assert_snapshot!(snapshot(&s, ScreenId::Today, &keys, 80, 24));
}

#[test]
fn callbacks_log_160x48() {
    insta::assert_snapshot!(snapshot(&session(), ScreenId::Callbacks, &[ch('v')], 160, 48));
}

#[test]
fn today_english_80x24() {
    insta::assert_snapshot!(snapshot(&session_as("M01", Lang::En), ScreenId::Today, &[], 80, 24));
}

#[test]
fn a_short_detail_switches_its_lower_box_to_the_callbacks_and_logs_from_there() {
    let s = session_as("M01", Lang::Zh);
    let mut app = App::new(&s, ScreenId::Customer, Some("310000000001")).unwrap();
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert!(!draw_to_string(&app, &s, 80, 24).contains("2026-11-20 逾期"));
    press(&mut app, &s, &[ch('p')]);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("2026-11-20 逾期 例行回访"), "{screen}");
    assert!(screen.contains("2026-10-21 已联系上"), "{screen}");
    // log a call outside the agenda, from the detail: wrong number
    press(&mut app, &s, &[ch('l'), ch('4'), key(KeyCode::Enter)]);
    let screen = draw_to_string(&app, &s, 80, 24);
    assert!(screen.contains("号码错误"), "{screen}");
    assert!(screen.contains("已尝试 1"), "the open callback keeps its date with one try: {screen}");
}

#[test]
fn today_opens_the_open_alerts_and_the_expiring_assessments() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Today, 80, 24);
    let shown = match app.top() {
        Screen::Today(t) => (t.data.as_ref().unwrap().open_alerts, t.data.as_ref().unwrap().expiring),
        _ => unreachable!(),
    };
    press(&mut app, &s, &[ch('a')]);
    match app.top() {
        Screen::Alerts(a) => assert_eq!(a.total, shown.0, "the list holds what 今日 counted"),
        _ => panic!("a opens 预警"),
    }
    press(&mut app, &s, &[key(KeyCode::Esc), ch('e')]);
    match app.top() {
        Screen::Customers(c) => {
            assert_eq!(c.total, shown.1);
            assert!(shown.1 > 0, "the fixture has an expiring assessment");
        }
        _ => panic!("e opens the customer list"),
    }
    // the number of the tab in view goes back to its first screen
    press(&mut app, &s, &[ch('1')]);
    assert!(matches!(app.top(), Screen::Today(_)));
}

#[test]
fn today_and_callbacks_draw_at_every_size_for_a_manager_and_the_supervisor() {
    for user in ["M01", "M00"] {
        let s = session_as(user, Lang::Zh);
        for screen in [ScreenId::Today, ScreenId::Callbacks] {
            for w in 1u16..=120 {
                for h in [1u16, 3, 8, 24] {
                    let mut app = App::new(&s, screen, None).unwrap();
                    app.sync(&s, Size::new(w, h)).unwrap();
                    let _ = draw_to_string(&app, &s, w, h);
                }
            }
        }
    }
}

#[test]
fn the_supervisor_switching_manager_sees_that_managers_agenda() {
    let s = session();
    let mut app = open(&s, ScreenId::Today, 80, 24);
    assert_eq!(agenda_names(&app), vec!["欧阳娜娜", "张三a"]);
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]); // M01
    assert_eq!(agenda_names(&app), vec!["欧阳娜娜", "张三a"]);
    press(&mut app, &s, &[ch('m'), key(KeyCode::Enter)]); // M02: nothing due
    assert!(agenda_names(&app).is_empty());
    assert!(draw_to_string(&app, &s, 80, 24).contains("陈明(M02) · 逾期 0"));
}

#[test]
fn a_pasted_multi_line_note_is_typed_not_saved() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Today, 80, 24);
    let before = lists::count_logs(&s.conn, &lists::LogFilter::default()).unwrap();
    press(&mut app, &s, &[ch('l'), ch('1'), key(KeyCode::Tab)]);
    app.on_event(&s, ratatui::crossterm::event::Event::Paste("粘贴第一行\r\n第二行内容\nq".into()));
    app.sync(&s, Size::new(80, 24)).unwrap();
    assert_eq!(app.context(), Context::CallForm, "the paste did not press Enter");
    assert!(!app.quit);
    assert_eq!(lists::count_logs(&s.conn, &lists::LogFilter::default()).unwrap(), before);
    match app.top() {
        Screen::Today(t) => assert_eq!(t.form.as_ref().unwrap().note.text(), "粘贴第一行  第二行内容 q"),
        _ => unreachable!(),
    }
}

#[test]
fn a_long_note_shows_its_length_and_stops_at_500_characters() {
    let s = session_as("M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Today, 80, 24);
    press(&mut app, &s, &[ch('l'), ch('1'), key(KeyCode::Tab)]);
    app.on_event(&s, ratatui::crossterm::event::Event::Paste("长".repeat(460)));
    assert!(draw_to_string(&app, &s, 80, 24).contains("备注 460/500 字"));
    app.on_event(&s, ratatui::crossterm::event::Event::Paste("备注".repeat(40)));
    typed(&mut app, &s, "多");
    assert!(draw_to_string(&app, &s, 80, 24).contains("备注 500/500 字"));
}
