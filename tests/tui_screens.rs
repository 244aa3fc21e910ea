//! Whole-screen snapshots of the TUI drawn headless (the same draw code as the terminal), and
//! the no-panic sweep over sizes from 1×1 up.

mod tui_fixture;

use brokerdesk::session::Lang;
use brokerdesk::tui::{ScreenId, render_to_string};
use tui_fixture::{session, session_as};

fn render(screen: ScreenId, w: u16, h: u16, customer: Option<&str>) -> String {
    render_to_string(&session(), screen, w, h, customer).unwrap()
}

#[test]
fn customers_80x24() {
    insta::assert_snapshot!(render(ScreenId::Customers, 80, 24, None));
}

#[test]
fn customers_160x48() {
    insta::assert_snapshot!(render(ScreenId::Customers, 160, 48, None));
}

#[test]
fn segments_80x24() {
    insta::assert_snapshot!(render(ScreenId::Segments, 80, 24, None));
}

#[test]
fn segments_160x48() {
    insta::assert_snapshot!(render(ScreenId::Segments, 160, 48, None));
}

#[test]
fn detail_80x24() {
    insta::assert_snapshot!(render(ScreenId::Customer, 80, 24, Some("310000000001")));
}

#[test]
fn detail_unassessed_80x24() {
    // expired assessment: last level shown as expired, holdings above R1 flagged
    insta::assert_snapshot!(render(ScreenId::Customer, 80, 24, Some("310000000003")));
}

#[test]
fn detail_160x48() {
    insta::assert_snapshot!(render(ScreenId::Customer, 160, 48, Some("310000000001")));
}

#[test]
fn customers_manager_english_80x24() {
    let s = session_as("M01", Lang::En);
    insta::assert_snapshot!(render_to_string(&s, ScreenId::Customers, 80, 24, None).unwrap());
}

#[test]
fn no_panic_at_any_size() {
    let s = session();
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 2),
        (10, 3),
        (20, 5),
        (33, 7),
        (40, 12),
        (79, 23),
        (80, 24),
        (100, 30),
        (160, 48),
        (250, 70),
    ];
    for screen in [ScreenId::Customers, ScreenId::Segments, ScreenId::Customer] {
        for (w, h) in sizes {
            for customer in [None, Some("310000000001"), Some("310000000011"), Some("nobody")] {
                let text = render_to_string(&s, screen, w, h, customer).unwrap();
                assert!(text.lines().count() <= h as usize, "{screen:?} {w}x{h}");
                for line in text.lines() {
                    assert!(brokerdesk::domain::text::width(line) <= w as usize, "{screen:?} {w}x{h}: {line:?}");
                }
            }
        }
    }
    // popups, the search input and English, at every size (resizing the same app, as a terminal does)
    let en = session_as("M01", Lang::En);
    for (sess, keys) in
        [(&s, "?"), (&s, "f"), (&s, "/张三a"), (&en, "f"), (&en, "?"), (&s, "2?"), (&s, "2a"), (&en, "2")]
    {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = brokerdesk::tui::app::App::new(sess, ScreenId::Customers, None).unwrap();
        for c in keys.chars() {
            app.handle_key(sess, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)).unwrap();
        }
        for (w, h) in sizes {
            app.sync(sess, ratatui::layout::Size::new(w, h)).unwrap();
            let text = brokerdesk::tui::draw_to_string(&app, sess, w, h);
            assert!(text.lines().all(|l| brokerdesk::domain::text::width(l) <= w as usize), "{keys} {w}x{h}");
        }
    }
}

fn after_keys(screen: ScreenId, keys: &[char], w: u16, h: u16) -> String {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let s = session();
    let mut app = brokerdesk::tui::app::App::new(&s, screen, None).unwrap();
    app.sync(&s, ratatui::layout::Size::new(w, h)).unwrap();
    for c in keys {
        let code = match c {
            '→' => KeyCode::Right,
            '↓' => KeyCode::Down,
            '⏎' => KeyCode::Enter,
            c => KeyCode::Char(*c),
        };
        app.press(&s, KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
    }
    brokerdesk::tui::draw_to_string(&app, &s, w, h)
}

#[test]
fn customers_help_popup_80x24() {
    insta::assert_snapshot!(after_keys(ScreenId::Customers, &['?'], 80, 24));
}

#[test]
fn customers_filter_popup_80x24() {
    insta::assert_snapshot!(after_keys(ScreenId::Customers, &['f', '→', '↓', '→', '→'], 80, 24));
}

#[test]
fn segments_assets_cursor_80x24() {
    insta::assert_snapshot!(after_keys(ScreenId::Segments, &['a', 'l', 'l', 'j', 'j'], 80, 24));
}
