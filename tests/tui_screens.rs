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
fn alerts_80x24() {
    insta::assert_snapshot!(render(ScreenId::Alerts, 80, 24, None));
}

#[test]
fn alerts_160x48() {
    insta::assert_snapshot!(render(ScreenId::Alerts, 160, 48, None));
}

#[test]
fn alerts_note_popup_80x24() {
    insta::assert_snapshot!(after_keys(ScreenId::Alerts, "a张", 80, 24));
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
    for screen in [
        ScreenId::Customers,
        ScreenId::Segments,
        ScreenId::Customer,
        ScreenId::Alerts,
        ScreenId::Audit,
        ScreenId::Allocate,
    ] {
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
            .into_iter()
            // the pickers (scope, 分配, 审计), the audit's text input, a proposal and its confirmation
            .chain([
                (&s, "m李"),
                (&s, "7f"),
                (&s, "6p"),
                (&s, "6/周"),
                (&s, "6a"),
                (&s, "7f李娜\rtM02\r"),
                (&s, "7f李娜\rtM02\r\r"),
            ])
    {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = brokerdesk::tui::app::App::new(sess, ScreenId::Customers, None).unwrap();
        for c in keys.chars() {
            let code = if c == '\r' { KeyCode::Enter } else { KeyCode::Char(c) };
            app.handle_key(sess, &KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
            app.sync(sess, ratatui::layout::Size::new(80, 24)).unwrap();
        }
        for (w, h) in sizes {
            app.sync(sess, ratatui::layout::Size::new(w, h)).unwrap();
            let text = brokerdesk::tui::draw_to_string(&app, sess, w, h);
            assert!(text.lines().all(|l| brokerdesk::domain::text::width(l) <= w as usize), "{keys} {w}x{h}");
        }
    }
}

/// The screen after `keys` (see [`draw_after`]) on the supervisor's session.
fn after_keys(screen: ScreenId, keys: &str, w: u16, h: u16) -> String {
    draw_after(&session(), screen, None, keys, w, h)
}

#[test]
fn customers_help_popup_80x24() {
    insta::assert_snapshot!(after_keys(ScreenId::Customers, "?", 80, 24));
}

#[test]
fn customers_filter_popup_80x24() {
    insta::assert_snapshot!(after_keys(ScreenId::Customers, "f→↓→→", 80, 24));
}

#[test]
fn segments_assets_cursor_80x24() {
    insta::assert_snapshot!(after_keys(ScreenId::Segments, "alljj", 80, 24));
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
                // an amount below 0.005亿 (50万) shows in whole 万 rather than as `0.00亿` (issue 8:
                // never 0亿 for an amount that is not zero); every other figure keeps its column's unit
                let small_wan = part
                    .strip_suffix('万')
                    .and_then(|n| n.replace(',', "").parse::<f64>().ok())
                    .is_some_and(|n| n < 50.0);
                if let Some(u) = part.chars().last().filter(|c| *c == '万' || *c == '亿')
                    && part.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && !small_wan
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
        lang: brokerdesk::session::Lang::Zh,
        rules: None,
        screen: None,
        customer: None,
        questionnaire: None,
    };
    let conn = brokerdesk::store::open_scratch().unwrap();
    let s = brokerdesk::cli::session_on(conn, "/tmp/empty.db".into(), &global).unwrap();
    for screen in [ScreenId::Customers, ScreenId::Segments] {
        let text = render_to_string(&s, screen, 100, 24, None).unwrap();
        let status = text.lines().last().unwrap();
        assert_eq!(status.matches("营业部负责人").count(), 1, "{status}");
        // at any width: the role at most once, never an empty segment or a dangling separator
        for w in 20u16..=200 {
            let text = render_to_string(&s, screen, w, 24, None).unwrap();
            let status = text.lines().last().unwrap();
            assert!(status.matches("营业部负责人").count() <= 1, "{w}: {status}");
            assert!(!status.trim_end().ends_with('│') && !status.contains("│ │"), "{w}: {status}");
            assert!(!status.trim_start().starts_with('│') && !status.contains('…'), "{w}: {status}");
        }
    }
    insta::assert_snapshot!(render_to_string(&s, ScreenId::Customers, 80, 12, None).unwrap());
}

#[test]
fn an_empty_db_says_how_to_fill_it() {
    let global = |lang| brokerdesk::cli::Global {
        db: None,
        manager: None,
        today: Some(tui_fixture::d(tui_fixture::TODAY)),
        lang,
        rules: None,
        screen: None,
        customer: None,
        questionnaire: None,
    };
    for (lang, hint, none) in [
        (brokerdesk::session::Lang::Zh, "数据库中还没有客户", "数据库中还没有客户"),
        (brokerdesk::session::Lang::En, "No customers in this database yet", "no customers in this DB"),
    ] {
        let conn = brokerdesk::store::open_scratch().unwrap();
        let s = brokerdesk::cli::session_on(conn, "/tmp/empty.db".into(), &global(lang)).unwrap();
        for screen in [ScreenId::Customers, ScreenId::Segments] {
            let text = render_to_string(&s, screen, 100, 24, None).unwrap();
            assert!(
                text.contains(hint) && text.contains("brokerdesk import") && text.contains("brokerdesk demo"),
                "{text}"
            );
            assert!(!text.contains("没有符合条件") && !text.contains("No customer matches"), "{text}");
        }
        // the detail without a customer is an error, like an unknown customer
        let err = render_to_string(&s, ScreenId::Customer, 100, 24, None).unwrap_err().to_string();
        assert_eq!(err, none);
    }
    // a filter that matches nobody in a filled DB still says so
    let text = after_keys(ScreenId::Customers, "/xyz⏎", 80, 24);
    assert!(text.contains("没有符合条件的客户（c 清除筛选）") && !text.contains("数据库中还没有客户"), "{text}");
    // a manager without customers in a filled DB: their book is empty, the DB is not
    let s = session();
    s.conn
        .execute("INSERT INTO managers (manager_id, name, branch, role) VALUES ('M09', '新经理', '深圳福田营业部', 'manager')", [])
        .unwrap();
    let m = brokerdesk::session::Session {
        user: brokerdesk::store::managers::get(&s.conn, "M09").unwrap().unwrap(),
        scope: brokerdesk::store::book::Scope::Manager("M09".into()),
        ..s
    };
    let text = render_to_string(&m, ScreenId::Customers, 80, 24, None).unwrap();
    assert!(text.contains("名下还没有客户") && !text.contains("数据库中还没有客户"), "{text}");
    let err = render_to_string(&m, ScreenId::Customer, 80, 24, None).unwrap_err().to_string();
    assert_eq!(err, "您的客户范围内没有客户");
}

/// A token of a header or footer line as compared: a path counts by its file name (the DB label
/// shortens to it on a narrow terminal).
fn token_key(t: &str) -> &str {
    if t.contains('/') && !t.contains('≥') { t.rsplit('/').next().unwrap_or(t) } else { t }
}

/// An amount with its unit (`3,803.4万`, `0.4亿`) in 万, and half its last digit (its rounding).
fn amount(t: &str) -> Option<(f64, f64)> {
    let (number, unit) =
        if let Some(n) = t.strip_suffix('万') { (n, 1.0) } else { (t.strip_suffix('亿')?, 10_000.0) };
    let digits = number.replace(',', "");
    let value: f64 = digits.parse().ok()?;
    let decimals = digits.split('.').nth(1).map_or(0, str::len) as i32;
    Some((value * unit, 0.5 * 10f64.powi(-decimals) * unit))
}

/// Whether `narrow` is the amount `wide` in another unit (a narrow line may say `0.4亿` for
/// `3,803.4万`); a figure without its unit is never the same.
fn same_amount(narrow: &str, wide: &str) -> bool {
    match (amount(narrow), amount(wide)) {
        (Some((a, half)), Some((b, _))) => (a - b).abs() <= half + 1e-9,
        _ => false,
    }
}

/// Whether every token of `narrow` is a whole token of `wide`, in order (a line that lost items
/// from the right or the middle, never a cut figure or word). A lone `…` between items is fine.
fn whole_tokens_of(narrow: &str, wide: &str) -> Result<(), String> {
    let wide: Vec<&str> = wide.split_whitespace().map(token_key).collect();
    let mut at = 0;
    for t in narrow.split_whitespace() {
        if t == "…" {
            continue;
        }
        let key = token_key(t);
        match wide[at..].iter().position(|w| *w == key || same_amount(key, w)) {
            Some(i) => at += i + 1,
            None => return Err(format!("{t:?} is not a whole item of {wide:?}")),
        }
    }
    Ok(())
}

/// The screens of the sweep: (name, session, screen, customer, keys pressed first).
fn sweep_cases() -> Vec<(&'static str, brokerdesk::session::Session, ScreenId, Option<&'static str>, &'static str)> {
    vec![
        ("customers", session(), ScreenId::Customers, None, ""),
        ("customers filtered", session(), ScreenId::Customers, None, "f→↓→→⏎"),
        ("customers en", session_as("M01", Lang::En), ScreenId::Customers, None, ""),
        ("segments", session(), ScreenId::Segments, None, ""),
        ("segments total cell", session(), ScreenId::Segments, None, "jjjjjlllllla"),
        ("segments en", session_as("M01", Lang::En), ScreenId::Segments, None, "jjjjjllllll"),
        ("detail", session(), ScreenId::Customer, Some("310000000001"), ""),
        ("detail institution", session(), ScreenId::Customer, Some("310000000011"), ""),
        ("detail en", session_as("M01", Lang::En), ScreenId::Customer, Some("310000000007"), ""),
        ("alerts", session(), ScreenId::Alerts, None, ""),
        ("alerts en", session_as("M01", Lang::En), ScreenId::Alerts, None, "j"),
        ("alerts note", session(), ScreenId::Alerts, None, "a"),
        ("audit", session(), ScreenId::Audit, None, ""),
        ("allocate", session(), ScreenId::Allocate, None, "f李娜⏎tM02⏎"),
    ]
}

/// `screen` opened on `s` at `w × h` after `keys` were pressed (`→` `↓` `⏎` for the arrow and
/// Enter keys, `⎋` Esc), each followed by a sync as in the terminal.
fn draw_after(
    s: &brokerdesk::session::Session,
    screen: ScreenId,
    customer: Option<&str>,
    keys: &str,
    w: u16,
    h: u16,
) -> String {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = brokerdesk::tui::app::App::new(s, screen, customer).unwrap();
    app.sync(s, ratatui::layout::Size::new(w, h)).unwrap();
    for c in keys.chars() {
        let code = match c {
            '→' => KeyCode::Right,
            '↓' => KeyCode::Down,
            '⏎' => KeyCode::Enter,
            '⎋' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.press(s, KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
    }
    brokerdesk::tui::draw_to_string(&app, s, w, h)
}

#[test]
fn header_and_footer_lines_drop_whole_items_never_cut_a_figure() {
    for (name, s, screen, customer, keys) in sweep_cases() {
        for h in [24u16, 50] {
            let wide = draw_after(&s, screen, customer, keys, 1000, h);
            let wide_lines: Vec<&str> = wide.lines().collect();
            for w in 20u16..=200 {
                let text = draw_after(&s, screen, customer, keys, w, h);
                let lines: Vec<&str> = text.lines().collect();
                // the header and footer lines of each screen (by row), and the tab bar against
                // the tab bar and the status bar of the wide one (the DB label moves between them)
                let mut rows: Vec<usize> = vec![1, h as usize - 1];
                match screen {
                    ScreenId::Segments => rows.push(h as usize - 2),
                    ScreenId::Customer => rows.extend(2..=6),
                    ScreenId::Customers | ScreenId::Today | ScreenId::Callbacks | ScreenId::Alerts => {}
                    ScreenId::Audit | ScreenId::Allocate => {}
                }
                for row in rows {
                    let (Some(line), Some(reference)) = (lines.get(row), wide_lines.get(row)) else { continue };
                    if let Err(e) = whole_tokens_of(line, reference) {
                        panic!("{name} {w}x{h} line {row}: {e}\n{text}");
                    }
                }
                // (a tab's short name is a whole item too, in its place: `3 分级` beside a breadcrumb)
                let mut tabs_wide = wide_lines[0].to_string();
                for (full, short) in [
                    ("分级分类", "分级"),
                    ("Customers", "Cust"),
                    ("Segments", "Seg"),
                    ("Callbacks", "Calls"),
                    ("Allocation", "Alloc"),
                ] {
                    tabs_wide = tabs_wide.replace(full, &format!("{full} {short}"));
                }
                let tabs_reference = format!("{tabs_wide} {}", wide_lines[h as usize - 1]);
                if let Err(e) = whole_tokens_of(lines[0], &tabs_reference) {
                    panic!("{name} {w}x{h} tab bar: {e}\n{text}");
                }
                // and on every line of the screen, no figure ends in an ellipsis
                let cut = cut_figures(&text);
                assert!(cut.is_empty(), "{name} {w}x{h}: {cut:?}\n{text}");
            }
        }
    }
}

/// The bars of every chart box on screen, in order of appearance: (label, cells drawn), per box
/// (the left box of a row of charts before the right one).
fn chart_bars(text: &str) -> Vec<Vec<(String, usize)>> {
    let mut boxes: Vec<Vec<(String, usize)>> = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // the boxes of the current row of charts
    for line in text.lines() {
        if line.starts_with('┌') {
            open = (0..line.matches('┌').count()).map(|i| boxes.len() + i).collect();
            boxes.extend(open.iter().map(|_| Vec::new()));
            continue;
        }
        if !line.starts_with('│') || open.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('│').filter(|f| !f.is_empty()).collect();
        for (field, b) in fields.iter().zip(&open) {
            if field.contains('█') {
                let label = field.split('█').next().unwrap().trim().to_string();
                boxes[*b].push((label, field.matches('█').count()));
            }
        }
    }
    boxes
}

#[test]
fn segment_bars_are_proportional_to_their_values() {
    // at 120×50 both metrics show: customers (the selected metric) above, assets below. Each box
    // is 58 cells inside; the bar width is what the label (7 or 10 cells), the value after the
    // bar and two spaces leave: customers 48 / 45 cells, assets 40 / 37 cells.
    let text = render(ScreenId::Segments, 120, 50, None);
    // the boxes with bars (the assets-history line chart below them has none)
    let boxes: Vec<_> = chart_bars(&text).into_iter().filter(|b| !b.is_empty()).collect();
    fn bars(b: &[(String, usize)]) -> Vec<(&str, usize)> {
        b.iter().map(|(l, c)| (l.as_str(), *c)).collect()
    }
    assert_eq!(boxes.len(), 4, "{text}");
    // customers by tier 3, 3, 4, 2 of 4 over 48 cells
    assert_eq!(bars(&boxes[0]), [("T1 钻石", 36), ("T2 金卡", 36), ("T3 银卡", 48), ("T4 普通", 24)], "{text}");
    // by type 1, 3, 4, 1, 3 over 45: 11.25 → 11, 33.75 → 34
    assert_eq!(
        bars(&boxes[1]),
        [("保守型", 11), ("稳健型", 34), ("进取型", 45), ("专业投资者", 11), ("未评估", 34)],
        "{text}"
    );
    // assets by tier (万): 3,412.3456, 300, 88, 3.005 over 40: 3.52 → 4, 1.03 → 1, 0.04 → 1 (not zero)
    assert_eq!(bars(&boxes[2]), [("T1 钻石", 40), ("T2 金卡", 4), ("T3 银卡", 1), ("T4 普通", 1)], "{text}");
    // by type: 20, 150.005, 2,807.3456, 800, 26 over 37: 0.26 → 1, 1.98 → 2, 10.54 → 11, 0.34 → 1
    assert_eq!(
        bars(&boxes[3]),
        [("保守型", 1), ("稳健型", 2), ("进取型", 37), ("专业投资者", 11), ("未评估", 1)],
        "{text}"
    );
    // the value follows its bar, whole
    assert!(text.contains("████ 300.0万") && text.contains("█ 3.0万"), "{text}");

    // at every width and in both metrics: each bar is round(value / max × the max bar's cells),
    // at least one cell when the value is not zero
    use brokerdesk::tui::screens::segments::bar_cells;
    let s = session();
    let matrix = brokerdesk::store::book::matrix(&s.conn, &brokerdesk::store::book::Scope::Branch, s.today).unwrap();
    let tiers = brokerdesk::domain::tier::Tier::ALL.map(|t| matrix.tier_total(t));
    let types = brokerdesk::domain::risk::SegmentColumn::ALL.map(|c| matrix.column_total(c));
    for w in 40u16..=200 {
        let text = render(ScreenId::Segments, w, 50, None);
        let boxes: Vec<_> = chart_bars(&text).into_iter().filter(|b| !b.is_empty()).collect();
        for (b, cells) in boxes.iter().enumerate() {
            let values: Vec<i64> = match b {
                0 => tiers.iter().map(|c| c.customers as i64).collect(),
                1 => types.iter().map(|c| c.customers as i64).collect(),
                2 => tiers.iter().map(|c| c.total_assets).collect(),
                _ => types.iter().map(|c| c.total_assets).collect(),
            };
            let max = *values.iter().max().unwrap();
            let full = cells.iter().map(|(_, n)| *n).max().unwrap();
            let expected: Vec<usize> = values.iter().map(|v| bar_cells(*v, max, full)).collect();
            let got: Vec<usize> = cells.iter().map(|(_, n)| *n).collect();
            assert_eq!(got, expected, "box {b} at {w}:\n{text}");
        }
    }
}

#[test]
fn holding_weights_are_of_the_holdings_own_date_when_a_newer_snapshot_exists() {
    use brokerdesk::store::detail::{WeightBasis, load};
    let s = session();
    let id = "310000000001";
    let weights = |s: &brokerdesk::session::Session| {
        let d = load(&s.conn, id, s.today, &s.rules).unwrap().unwrap();
        let sum: i64 = d.holdings.iter().map(|h| h.weight_bp.unwrap()).sum();
        (d, sum)
    };
    // the next day's account snapshot (10万) is in; the holdings are still of 2026-11-27 (~634万)
    s.conn
        .execute(
            "INSERT INTO account_snapshots (customer_id, as_of, cash, total_assets, net_commission_12m, other_income_12m, turnover_12m)
             VALUES (?1, '2026-11-28', 1000000, 10000000, 0, 0, 0)",
            [id],
        )
        .unwrap();
    let (d, sum) = weights(&s);
    assert_eq!(d.holdings_as_of, Some(tui_fixture::d(tui_fixture::STAT)));
    assert_eq!(d.total_assets, 10_000_000, "the profile shows the latest snapshot");
    assert_eq!(d.weight_basis, WeightBasis::Snapshot { as_of: tui_fixture::d(tui_fixture::STAT) });
    assert_eq!(d.weight_base, 612_345_600, "the 2026-11-27 snapshot's 6,123,456 yuan");
    assert!(sum <= 10_000, "weights add up to {sum} bp");
    let largest = &d.holdings[0];
    assert_eq!(largest.weight_bp, brokerdesk::domain::money::ratio_bp(largest.valued.market_value, 612_345_600));
    let text = render_to_string(&s, ScreenId::Customer, 120, 30, Some(id)).unwrap();
    let holdings_line = text.lines().find(|l| l.starts_with("持仓 3")).unwrap();
    assert!(holdings_line.contains("统计日 2026-11-27"), "{text}");
    assert!(holdings_line.contains("占比按 2026-11-27 资产 612.3万"), "{text}");
    assert!(text.contains("资产 10.0万 截至 2026-11-28"), "{text}");
    let over: Vec<&str> = text
        .split_whitespace()
        .filter(|t| t.ends_with('%') && t.trim_end_matches('%').parse::<f64>().is_ok_and(|p| p > 100.0))
        .collect();
    assert!(over.is_empty(), "{over:?}\n{text}");

    // no snapshot on the holdings' date: the holdings plus the nearest snapshot's cash
    s.conn
        .execute("DELETE FROM account_snapshots WHERE customer_id = ?1 AND as_of = ?2", [id, tui_fixture::STAT])
        .unwrap();
    let (d, sum) = weights(&s);
    let market = d.market_value();
    assert_eq!(d.weight_basis, WeightBasis::MarketPlusCash { cash_as_of: tui_fixture::d("2026-11-28") });
    assert_eq!(d.weight_base, market + 1_000_000);
    assert!(sum <= 10_000, "{sum}");
    let text = render_to_string(&s, ScreenId::Customer, 120, 30, Some(id)).unwrap();
    assert!(text.contains("占比按 持仓市值+现金(2026-11-28)"), "{text}");

    // a snapshot on that date below the holdings' value (inconsistent data): value + its cash
    s.conn
        .execute(
            "INSERT INTO account_snapshots (customer_id, as_of, cash, total_assets, net_commission_12m, other_income_12m, turnover_12m)
             VALUES (?1, ?2, 500000, 5000000, 0, 0, 0)",
            [id, tui_fixture::STAT],
        )
        .unwrap();
    let (d, sum) = weights(&s);
    assert_eq!(d.weight_basis, WeightBasis::MarketPlusCash { cash_as_of: tui_fixture::d(tui_fixture::STAT) });
    assert_eq!(d.weight_base, market + 500_000);
    assert!(sum <= 10_000, "{sum}");
    // the usual case says nothing extra
    let text = render(ScreenId::Customer, 120, 30, Some(id));
    assert!(!text.contains("占比按") && !text.contains("截至"), "{text}");
}

#[test]
fn a_huge_amount_in_the_list_switches_unit_rather_than_being_cut() {
    let s = session();
    // 12.3亿 yuan: `123,456.8万` is wider than the column
    s.conn
        .execute("UPDATE customer_book SET total_assets = 123456789000 WHERE customer_id = '310000000011'", [])
        .unwrap();
    for w in [60u16, 80, 100, 160] {
        let text = render_to_string(&s, ScreenId::Customers, w, 24, None).unwrap();
        assert!(text.contains("123,457万") || text.contains("123,456.8万"), "{w}:\n{text}");
        assert!(cut_figures(&text).is_empty(), "{w}: {:?}\n{text}", cut_figures(&text));
    }
}

#[test]
fn a_customer_without_holdings_shows_no_weight_basis() {
    // 孙悟空 (dormant, a snapshot of 50 yuan) and 郑和 hold nothing: there are no weights to explain
    for id in ["310000000008", "310000000012"] {
        let text = render(ScreenId::Customer, 120, 30, Some(id));
        let holdings_line = text.lines().find(|l| l.starts_with("持仓 0")).unwrap();
        assert!(!holdings_line.contains("占比按"), "{text}");
        assert!(text.contains("无持仓"), "{text}");
    }
}

/// The tab bar's first line.
fn tab_bar(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

#[test]
fn beside_a_breadcrumb_the_other_tabs_keep_short_names() {
    // 80 columns, the supervisor's 7 tabs and a customer's breadcrumb: every tab still named
    let narrow = render(ScreenId::Customer, 80, 24, Some("310000000001"));
    let bar = tab_bar(&narrow);
    for name in ["1 今日", " 2 客户 ", "3 分级", "4 回访", "5 预警", "6 审计", "7 分配", "› 客户详情 欧阳娜娜"]
    {
        assert!(bar.contains(name), "{name:?} missing:\n{bar}");
    }
    // 200 columns: the full names, padded
    let wide = render(ScreenId::Customer, 200, 24, Some("310000000001"));
    let bar = tab_bar(&wide);
    for name in [" 1 今日 ", " 3 分级分类 ", " 6 审计 ", " 7 分配 ", "› 客户详情 欧阳娜娜", "? 帮助"]
    {
        assert!(bar.contains(name), "{name:?} missing:\n{bar}");
    }
    // English at 80: the longer names give way to numbers for the supervisor's tabs only
    let mut s = session();
    s.lang = Lang::En;
    let en = render_to_string(&s, ScreenId::Customer, 80, 24, Some("310000000001")).unwrap();
    let bar = tab_bar(&en);
    for name in ["1 Today", " 2 Customers ", "3 Seg", "4 Calls", "5 Alerts", "› Customer"] {
        assert!(bar.contains(name), "{name:?} missing:\n{bar}");
    }
    assert!(!bar.contains("Audit"), "{bar}");
}

/// The fixture with every customer's assets × 40 (its columns then reach 1亿 and more:
/// 3,803万 → 15.2亿 in all), for the matrix's units.
fn rich_session() -> brokerdesk::session::Session {
    let s = session();
    s.conn.execute("UPDATE customer_book SET total_assets = total_assets * 40", []).unwrap();
    s
}

/// The amounts of the matrix by column (by where a figure ends), as (unit, decimals): a figure
/// in yuan (`50元`, under 1万 in a 万 column) and `<0.1亿` are left out.
fn matrix_units(text: &str) -> std::collections::HashMap<usize, std::collections::BTreeSet<(char, usize)>> {
    let mut units: std::collections::HashMap<usize, std::collections::BTreeSet<(char, usize)>> = Default::default();
    for line in text.lines().skip(2).take(11) {
        let mut col = 0;
        for (i, part) in line.split(' ').enumerate() {
            if i > 0 {
                col += 1;
            }
            col += brokerdesk::domain::text::width(part);
            if let Some(u) = part.chars().last().filter(|c| *c == '万' || *c == '亿')
                && part.chars().next().is_some_and(|c| c.is_ascii_digit())
            {
                let number = part.trim_end_matches(['万', '亿']);
                let decimals = number.split('.').nth(1).map_or(0, str::len);
                units.entry(col).or_default().insert((u, decimals));
            }
        }
    }
    units
}

#[test]
fn the_matrix_keeps_one_unit_and_precision_per_column_at_every_width() {
    for s in [session(), rich_session()] {
        for w in 20u16..=200 {
            let text = render_to_string(&s, ScreenId::Segments, w, 24, None).unwrap();
            for (col, seen) in matrix_units(&text) {
                assert_eq!(seen.len(), 1, "{w}: column ending at {col} shows {seen:?}\n{text}");
            }
            // and every row in one precision: no `3,474.0万` beside `103,707万`
            let decimals: std::collections::BTreeSet<usize> =
                matrix_units(&text).values().flatten().filter(|(u, _)| *u == '万').map(|(_, d)| *d).collect();
            assert!(decimals.len() <= 1, "{w}: 万 columns with {decimals:?} decimals\n{text}");
            assert!(cut_figures(&text).is_empty(), "{w}:\n{text}");
        }
    }
    // 5,370万-like amounts in a narrow column read `0.x亿`, never `1亿`
    let narrow = render_to_string(&rich_session(), ScreenId::Segments, 30, 24, None).unwrap();
    assert!(!narrow.contains(" 1亿") && !narrow.contains(" 0亿"), "{narrow}");
    insta::assert_snapshot!(
        "segments_rich_80x24",
        render_to_string(&rich_session(), ScreenId::Segments, 80, 24, None).unwrap()
    );
    insta::assert_snapshot!("segments_rich_30x24", narrow);
}

#[test]
fn a_popup_too_big_for_the_terminal_says_so() {
    // 12×4: the scope picker (`m`) and the alerts' filter (`f`) are open, so they say why they
    // are not drawn rather than take keys unseen
    for (screen, keys) in [(ScreenId::Customers, "m"), (ScreenId::Alerts, "f")] {
        let text = after_keys(screen, keys, 12, 4);
        assert!(text.contains("窗口太小"), "{screen:?} {keys}:\n{text}");
    }
    let s = session_as("M00", Lang::En);
    let text = draw_after(&s, ScreenId::Customers, None, "m", 12, 4);
    assert!(text.contains("Too small"), "{text}");
    // closed again, the screen is back
    assert!(!after_keys(ScreenId::Customers, "m⎋", 12, 4).contains("窗口太小"));
}

#[test]
fn the_scope_picker_shows_each_book_size() {
    // the fixture: M01 has 8 customers (one dormant), M02 4; the branch 12
    let text = after_keys(ScreenId::Customers, "m", 80, 24);
    // the popup's row of an item: between its borders
    let item = |name: &str| {
        text.lines()
            .flat_map(|l| l.split('│'))
            .find(|cell| cell.contains(name))
            .unwrap_or_else(|| panic!("{name}:\n{text}"))
    };
    assert!(item("全营业部").ends_with(" 12 位"), "{text}");
    assert!(item("李娜(M01)").ends_with(" 8 位"), "{text}");
    assert!(item("陈明(M02)").ends_with(" 4 位"), "{text}");
}
