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
            for customer in [None, Some("310000000001"), Some("310000000011")] {
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

/// Tokens that are figures cut short (`9,509.7…`, `+1,170.…`): digits, separators and a sign
/// followed by the ellipsis.
fn cut_figures(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|t| {
            t.ends_with('…')
                && t.chars().any(|c| c.is_ascii_digit())
                && t.trim_end_matches('…').chars().all(|c| c.is_ascii_digit() || ",.+-%万亿".contains(c))
        })
        .map(String::from)
        .collect()
}

#[test]
fn detail_figures_are_never_cut_at_any_width() {
    let s = session();
    // a large fund position: 95,097,416 units worth 110.9 million yuan
    s.conn
        .execute(
            "INSERT INTO holdings (customer_id, as_of, code, quantity, cost_price) VALUES ('310000000011', ?1, '510300', 95097416, 1155)",
            [tui_fixture::STAT],
        )
        .unwrap();
    for w in [60u16, 70, 80, 90, 100, 120, 140, 160, 200] {
        for customer in ["310000000001", "310000000011", "310000000003"] {
            let text = render_to_string(&s, ScreenId::Customer, w, 30, Some(customer)).unwrap();
            // the holdings rows (they start with the security code)
            let rows: Vec<&str> =
                text.lines().filter(|l| l.len() > 6 && l.bytes().take(6).all(|b| b.is_ascii_digit())).collect();
            assert!(!rows.is_empty(), "{customer} at {w}:\n{text}");
            let cut = cut_figures(&rows.join("\n"));
            assert!(cut.is_empty(), "{customer} at {w}: {cut:?}\n{text}");
        }
        let text = render_to_string(&s, ScreenId::Customer, w, 30, Some("310000000011")).unwrap();
        if w >= 100 {
            assert!(text.contains("95,097,416"), "{w}:\n{text}");
        } else if w >= 70 {
            assert!(text.contains("95,097,416") || text.contains("9,509.7万"), "{w}:\n{text}");
        }
    }
    // at 80 the amounts are whole or in 万, and one column never mixes both because of width
    let text = render_to_string(&s, ScreenId::Customer, 80, 30, Some("310000000011")).unwrap();
    insta::assert_snapshot!(text);
}

#[test]
fn segments_at_50_columns_keep_figures_whole_one_unit_per_column() {
    for (s, w) in [(session(), 50u16), (session(), 44), (session_as("M01", Lang::En), 50)] {
        let text = render_to_string(&s, ScreenId::Segments, w, 24, None).unwrap();
        let matrix: Vec<&str> = text.lines().skip(2).take(11).collect();
        assert!(cut_figures(&matrix.join("\n")).is_empty(), "{w}:\n{text}");
        assert!(matrix.iter().all(|l| !l.contains('…')), "{w}:\n{text}");
        // a figure's unit per column (by where it ends)
        let mut units: std::collections::HashMap<usize, char> = Default::default();
        for line in &matrix {
            let mut col = 0;
            for (i, part) in line.split(' ').enumerate() {
                if i > 0 {
                    col += 1;
                }
                col += brokerdesk::domain::text::width(part);
                if let Some(u) = part.chars().last().filter(|c| *c == '万' || *c == '亿')
                    && part.chars().next().is_some_and(|c| c.is_ascii_digit())
                {
                    assert_eq!(*units.entry(col).or_insert(u), u, "column ending at {col} mixes units:\n{text}");
                }
            }
        }
    }
    insta::assert_snapshot!(render_to_string(&session(), ScreenId::Segments, 50, 24, None).unwrap());
}

#[test]
fn an_expired_level_keeps_its_mark_in_the_narrowest_form() {
    for (lang, mark) in [(Lang::En, "exp"), (Lang::Zh, "过期")] {
        let s = session_as("M01", lang);
        for w in [60u16, 70, 80] {
            let text = render_to_string(&s, ScreenId::Customers, w, 24, None).unwrap();
            let line = text.lines().find(|l| l.contains("李四")).unwrap();
            assert!(line.contains("C2") && line.contains(mark), "{lang:?} {w}: {line}");
        }
    }
}

#[test]
fn a_huge_render_is_clamped() {
    let s = session();
    for screen in [ScreenId::Customers, ScreenId::Segments, ScreenId::Customer] {
        let text = render_to_string(&s, screen, u16::MAX, u16::MAX, None).unwrap();
        assert!(text.lines().count() <= 500, "{screen:?}");
        assert!(text.lines().all(|l| brokerdesk::domain::text::width(l) <= 1000), "{screen:?}");
    }
    let (w, h) = brokerdesk::tui::RENDER_MAX;
    assert_eq!((w, h), (1000, 500));
}

#[test]
fn a_short_detail_shows_holdings_before_the_boxes() {
    for h in 12u16..=16 {
        let text = render(ScreenId::Customer, 80, h, Some("310000000001"));
        assert!(text.contains("600519 贵州茅台"), "{h}:\n{text}");
        assert!(text.contains("300750 宁德时代"), "{h}: two holdings\n{text}");
        if text.contains('┌') {
            // a box only below the holdings
            let table = text.lines().position(|l| l.contains("600519")).unwrap();
            let boxes = text.lines().position(|l| l.contains('┌')).unwrap();
            assert!(boxes > table, "{h}:\n{text}");
        }
    }
    insta::assert_snapshot!(render(ScreenId::Customer, 80, 13, Some("310000000001")));
}

#[test]
fn an_empty_db_names_the_role_once() {
    let global = brokerdesk::cli::Global {
        db: None,
        manager: None,
        today: Some(tui_fixture::d(tui_fixture::TODAY)),
        lang: brokerdesk::cli::LangArg::Zh,
        rules: None,
        screen: None,
        customer: None,
    };
    let conn = brokerdesk::store::open_in_memory().unwrap();
    let s = brokerdesk::cli::session_on(conn, "/tmp/empty.db".into(), &global).unwrap();
    for screen in [ScreenId::Customers, ScreenId::Segments] {
        let text = render_to_string(&s, screen, 100, 24, None).unwrap();
        let status = text.lines().last().unwrap();
        assert_eq!(status.matches("营业部负责人").count(), 1, "{status}");
    }
    insta::assert_snapshot!(render_to_string(&s, ScreenId::Customers, 80, 12, None).unwrap());
}
