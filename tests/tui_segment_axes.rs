//! 分级分类's other axes (SPEC §4.4): snapshots of the matrix on each axis at 80×24 and 160×48,
//! the list a cell opens counts what the cell counts, and no size panics.

mod tui_fixture;

use brokerdesk::domain::segment_axes::Axis;
use brokerdesk::domain::tier::Tier;
use brokerdesk::store::book::{self, BookFilter, Scope};
use brokerdesk::tui::ScreenId;
use ratatui::crossterm::event::KeyCode;
use tui_fixture::{STAT, TODAY, ch, d, key, open, press, session};

/// The 分级分类 screen after `x` pressed `n` times (axis `n` of tier×type, ABCD, I-IV, age, …).
fn on_axis(n: usize, w: u16, h: u16) -> String {
    let s = session();
    let mut app = open(&s, ScreenId::Segments, w, h);
    press(&mut app, &s, &vec![ch('x'); n]);
    app.sync(&s, ratatui::layout::Size::new(w, h)).unwrap();
    brokerdesk::tui::draw_to_string(&app, &s, w, h)
}

macro_rules! axis_snapshots {
    ($($name:ident: $n:expr, $w:expr, $h:expr;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(on_axis($n, $w, $h));
        }
    )*};
}

axis_snapshots! {
    abcd_80x24: 1, 80, 24;
    abcd_160x48: 1, 160, 48;
    growth_80x24: 2, 80, 24;
    growth_160x48: 2, 160, 48;
    age_80x24: 3, 80, 24;
    age_160x48: 3, 160, 48;
    tenure_80x24: 4, 80, 24;
    tenure_160x48: 4, 160, 48;
    concentration_80x24: 5, 80, 24;
    concentration_160x48: 5, 160, 48;
    pnl_80x24: 6, 80, 24;
    pnl_160x48: 6, 160, 48;
}

#[test]
fn x_cycles_back_to_the_tier_matrix_and_capital_x_goes_back() {
    let plain = on_axis(0, 80, 24);
    assert_eq!(on_axis(7, 80, 24), plain, "six axes, then the default matrix again");
    let s = session();
    let mut app = open(&s, ScreenId::Segments, 80, 24);
    press(&mut app, &s, &[ch('X')]);
    app.sync(&s, ratatui::layout::Size::new(80, 24)).unwrap();
    let text = brokerdesk::tui::draw_to_string(&app, &s, 80, 24);
    assert!(text.contains("浮动盈亏"), "X from the default matrix goes to the last axis:\n{text}");
}

#[test]
fn every_fixture_customer_opened_2018_06_15_is_in_5_to_10_years() {
    // hand-worked: the fixture opens all 12 accounts on 2018-06-15; 2018-06-15 → 2026-11-27 is 8 whole years
    let conn = tui_fixture::conn();
    let facts =
        brokerdesk::store::segments::branch_facts(&conn, d(STAT), &brokerdesk::domain::rules::Rules::defaults())
            .unwrap();
    assert_eq!(facts.rows.len(), 12);
    let m = facts.matrix(Axis::Tenure, &Scope::Branch);
    assert_eq!(m.cell(None, Some(3)).customers, 12);
    assert_eq!(m.cell(None, None).customers, 12);
    // one snapshot per customer, none a year back: all in 新开户/无历史 on the growth axis
    let g = facts.matrix(Axis::Growth, &Scope::Branch);
    assert_eq!(g.cell(None, Some(4)).customers, 12);
    // a manager's book is a part of the branch's, cut at the same (branch) thresholds
    let mine = facts.matrix(Axis::Tenure, &Scope::Manager("M01".into()));
    assert!(mine.cell(None, None).customers < 12 && mine.cell(None, None).customers > 0);
}

#[test]
fn the_list_a_cell_opens_counts_what_the_cell_counts() {
    let conn = tui_fixture::conn();
    let today = d(TODAY);
    let facts =
        brokerdesk::store::segments::branch_facts(&conn, d(STAT), &brokerdesk::domain::rules::Rules::defaults())
            .unwrap();
    for scope in [Scope::Branch, Scope::Manager("M01".into())] {
        for axis in Axis::ALL {
            let m = facts.matrix(axis, &scope);
            for segment in (0..axis.len()).map(Some).chain([None]) {
                for tier in Tier::ALL.into_iter().map(Some).chain([None]) {
                    let cell = facts.cell(axis, &scope, None, segment);
                    let filter =
                        BookFilter { scope: scope.clone(), tier, axis_cell: Some(cell), ..BookFilter::default() };
                    let listed = book::count(&conn, &filter, today).unwrap();
                    let ids = book::ids(&conn, &filter, book::SortKey::AssetsDesc, today).unwrap();
                    let want = m.cell(tier, segment).customers;
                    assert_eq!(listed, want, "{axis:?} {segment:?} {tier:?} {scope:?}");
                    assert_eq!(ids.len() as u64, want);
                }
            }
        }
    }
}

#[test]
fn enter_on_an_axis_cell_opens_its_list() {
    let s = session();
    let mut app = open(&s, ScreenId::Segments, 100, 30);
    // the age axis, 合计 column, first row with customers… Enter on the totals row lists everyone
    press(&mut app, &s, &[ch('x'), ch('x'), ch('x')]);
    app.sync(&s, ratatui::layout::Size::new(100, 30)).unwrap();
    press(&mut app, &s, &[key(KeyCode::Down); 9]);
    press(&mut app, &s, &[key(KeyCode::Enter)]);
    app.sync(&s, ratatui::layout::Size::new(100, 30)).unwrap();
    let text = brokerdesk::tui::draw_to_string(&app, &s, 100, 30);
    assert!(text.contains("12 位") || text.contains("/12 位"), "{text}");
}

#[test]
fn no_panic_on_any_axis_at_any_size() {
    let s = session();
    for n in 1..=6 {
        let mut app = open(&s, ScreenId::Segments, 80, 24);
        press(&mut app, &s, &vec![ch('x'); n]);
        for (w, h) in [(1, 1), (2, 1), (10, 3), (20, 5), (33, 7), (40, 12), (79, 23), (100, 30), (250, 70)] {
            app.sync(&s, ratatui::layout::Size::new(w, h)).unwrap();
            let text = brokerdesk::tui::draw_to_string(&app, &s, w, h);
            assert!(text.lines().count() <= h as usize);
            assert!(
                text.lines().all(|l| brokerdesk::domain::text::width(l) <= w as usize),
                "axis {n} {w}x{h}:\n{text}"
            );
        }
    }
}

#[test]
fn a_fund_with_one_nav_shows_the_figure_not_a_full_height_bar() {
    // customer 4 holds only 银华日利 (511880); keep its last price alone
    let s = session();
    s.conn.execute("DELETE FROM prices WHERE code = '511880' AND date < ?1", [STAT]).unwrap();
    let text = brokerdesk::tui::render_to_string(&s, ScreenId::Customer, 80, 24, Some("310000000004")).unwrap();
    assert!(text.contains("最新价/净值 92.20 · 2026-11-27"), "{text}");
    assert!(text.contains("┌ 银华日利 ─"), "one price: no change over 1 day in the title\n{text}");
    assert!(!text.contains('█'), "no full-height bar:\n{text}");
    // a flat series is a low line: every close the same
    let s = session();
    s.conn.execute("UPDATE prices SET close = 100000 WHERE code = '511880'", []).unwrap();
    let text = brokerdesk::tui::render_to_string(&s, ScreenId::Customer, 80, 24, Some("310000000004")).unwrap();
    assert!(text.contains('▁') && !text.contains('█'), "{text}");
}

#[test]
fn today_shows_the_tier_and_type_charts_only_when_tall_enough() {
    let s = session();
    let short = brokerdesk::tui::render_to_string(&s, ScreenId::Today, 80, 24, None).unwrap();
    assert!(!short.contains("按等级"), "80×24 keeps every row for the agenda:\n{short}");
    let tall = brokerdesk::tui::render_to_string(&s, ScreenId::Today, 160, 48, None).unwrap();
    insta::assert_snapshot!(tall);
    for (w, h) in [(1, 1), (10, 3), (39, 30), (40, 30), (80, 29), (80, 30), (119, 40), (120, 40), (250, 70)] {
        let text = brokerdesk::tui::render_to_string(&s, ScreenId::Today, w, h, None).unwrap();
        assert!(text.lines().count() <= h as usize);
        assert!(text.lines().all(|l| brokerdesk::domain::text::width(l) <= w as usize), "{w}x{h}:\n{text}");
    }
}

#[test]
fn fixed_thresholds_from_the_rules_file_replace_the_medians_and_say_so() {
    use brokerdesk::domain::rules::{DEFAULT_RULES_TOML, Rules};
    let text = DEFAULT_RULES_TOML.replace("# contribution_yuan = 5000", "contribution_yuan = 0");
    let rules = Rules::from_toml(&text, "firm.toml").unwrap();
    assert_eq!(rules.segments.contribution_yuan, Some(0));
    let conn = tui_fixture::conn();
    let facts = brokerdesk::store::segments::branch_facts(&conn, d(STAT), &rules).unwrap();
    assert_eq!(facts.thresholds.contribution, 0);
    assert!(facts.fixed.contribution && !facts.fixed.turnover);
    // every customer with a contribution above 0 is high: A or B; the fixture's one customer
    // without contribution (the dormant 310000000012, contribution 0) is low
    let m = facts.matrix(Axis::Abcd, &Scope::Branch);
    let high = m.cell(None, Some(0)).customers + m.cell(None, Some(1)).customers;
    let contributing =
        facts.rows.iter().filter(|b| b.facts.contribution > 0 && b.facts.turnover_bp().is_some()).count();
    assert_eq!(high as usize, contributing);
    let mut s = session();
    s.rules = rules;
    let mut app = open(&s, ScreenId::Segments, 100, 30);
    press(&mut app, &s, &[ch('x')]);
    app.sync(&s, ratatui::layout::Size::new(100, 30)).unwrap();
    let screen = brokerdesk::tui::draw_to_string(&app, &s, 100, 30);
    assert!(screen.contains("贡献阈值(规则) 0.00元 · 周转率中位数"), "{screen}");
    // a bad [segments] is refused with its field named
    let bad = DEFAULT_RULES_TOML.replace("pnl_bp = [500, 2000]", "pnl_bp = [2000, 500]");
    let err = Rules::from_toml(&bad, "firm.toml").unwrap_err().to_string();
    assert!(err.starts_with("firm.toml: segments.pnl_bp"), "{err}");
    let unknown = DEFAULT_RULES_TOML.replace("[segments]\n", "[segments]\nmedian = 1\n");
    assert!(Rules::from_toml(&unknown, "firm.toml").is_err(), "unknown keys are refused");
}

#[test]
fn fixture_axes_worked_by_hand() {
    let conn = tui_fixture::conn();
    let facts =
        brokerdesk::store::segments::branch_facts(&conn, d(STAT), &brokerdesk::domain::rules::Rules::defaults())
            .unwrap();
    // ages on 2026-11-27 from the fixture's birth dates: 27 | 36, 31, 37 (30 Dec not yet), 34 |
    // 41, 48, 43 | 56 | 60 | 70 | the institution
    let age = facts.matrix(Axis::Age, &Scope::Branch);
    let by_band: Vec<u64> = (0..7).map(|s| age.cell(None, Some(s)).customers).collect();
    assert_eq!(by_band, [1, 4, 3, 1, 1, 1, 1]);
    // contributions (yuan) 0 100 300 800 1500 2500 | 5000 8000 12000 30000 60000 120000: the median
    // is (2500 + 5000) / 2 = 3750; turnover is 3 × assets for everyone, so nobody is above the
    // median turnover of 3.00 times: six B (high contribution) and six D
    assert_eq!(facts.thresholds.contribution, 375_000);
    assert_eq!(facts.thresholds.turnover_bp, 30_000);
    let abcd = facts.matrix(Axis::Abcd, &Scope::Branch);
    let by_quadrant: Vec<u64> = (0..5).map(|s| abcd.cell(None, Some(s)).customers).collect();
    assert_eq!(by_quadrant, [0, 6, 0, 6, 0]);
    // the T1 customers (612万 + 800万 + the institution's 2,000万) all contribute more than 3,750
    assert_eq!(abcd.cell(Some(Tier::T1), Some(1)).customers, 3);
}

#[test]
fn a_manager_in_english_on_the_abcd_axis_80x24() {
    // a manager may switch too: their own book, cut at the branch's thresholds
    let s = tui_fixture::session_as("M01", brokerdesk::session::Lang::En);
    let mut app = open(&s, ScreenId::Segments, 80, 24);
    press(&mut app, &s, &[ch('x')]);
    app.sync(&s, ratatui::layout::Size::new(80, 24)).unwrap();
    let text = brokerdesk::tui::draw_to_string(&app, &s, 80, 24);
    assert!(text.contains("contribution median 3,750.00 yuan · turnover median 3.00×"), "{text}");
    assert!(!text.contains('…'), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn report_segments_axes_csv_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("brokerdesk-axes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("axes.db");
    let _ = std::fs::remove_file(&db);
    drop(tui_fixture::session_on_file(&db, "M00", brokerdesk::session::Lang::Zh));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .args(["--db", db.to_str().unwrap(), "--today", TODAY, "report", "segments"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["--axes", "age", "--format", "csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("axis,segment,tier,customers,total_assets_yuan,threshold"));
    // per band over the tiers: the ages worked out in fixture_axes_worked_by_hand
    let mut per_band: std::collections::BTreeMap<String, u64> = Default::default();
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f[0], "age");
        *per_band.entry(f[1].to_string()).or_default() += f[3].parse::<u64>().unwrap();
    }
    let expected: std::collections::BTreeMap<String, u64> =
        [("lt30", 1), ("30-39", 4), ("40-49", 3), ("50-59", 1), ("60-69", 1), ("70plus", 1), ("unknown", 1)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
    assert_eq!(per_band, expected);
    // the default keeps its header byte for byte
    let default = String::from_utf8(run(&["--format", "csv"]).stdout).unwrap();
    assert!(default.starts_with("tier,risk_type,customers,total_assets_yuan\n"), "{default}");
    // an unknown axis is refused by the parser
    let bad = run(&["--axes", "tier"]);
    assert!(!bad.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// On a terminal too narrow for the 合计 column the cursor stops at the last column drawn (it
/// used to walk onto the hidden column and describe a cell nobody could see); wider, it goes on.
#[test]
fn the_cursor_stops_at_the_last_column_a_narrow_terminal_shows() {
    let s = session();
    let draw = |app: &brokerdesk::tui::app::App, w: u16| brokerdesk::tui::draw_to_string(app, &s, w, 24);
    // the selected cell's line: the one above the status bar
    let info = |screen: &str| screen.lines().rev().nth(1).unwrap_or_default().to_string();
    let mut app = open(&s, ScreenId::Segments, 30, 24);
    let narrow = draw(&app, 30);
    let header = narrow.lines().nth(2).unwrap_or_default();
    assert!(header.ends_with("专业") && !header.contains("未评"), "30 columns show 4 of 6:\n{narrow}");
    press(&mut app, &s, &[key(KeyCode::Right); 10]);
    let narrow = draw(&app, 30);
    assert!(info(&narrow).contains("× 专业投资者"), "the cursor on the last column drawn:\n{narrow}");
    let wide = draw(&app, 120);
    press(&mut app, &s, &[key(KeyCode::Right)]);
    let wide_next = draw(&app, 120);
    assert!(info(&wide).contains("× 专业投资者") && info(&wide_next).contains("× 未评估"), "{wide}\n{wide_next}");
}

/// The same on an axis view: with no room for the per-tier columns the cursor stays on the
/// all-tiers column; with room it moves onto T1.
#[test]
fn on_an_axis_the_cursor_stays_on_the_columns_drawn() {
    let s = session();
    let draw = |app: &brokerdesk::tui::app::App, w: u16| brokerdesk::tui::draw_to_string(app, &s, w, 24);
    let info = |screen: &str| screen.lines().rev().nth(1).unwrap_or_default().to_string();
    let mut app = open(&s, ScreenId::Segments, 40, 24);
    press(&mut app, &s, &[ch('x')]);
    let narrow = draw(&app, 40);
    assert!(!narrow.lines().nth(2).unwrap_or_default().contains("T1"), "no tier columns at 40:\n{narrow}");
    press(&mut app, &s, &[key(KeyCode::Right)]);
    let narrow = draw(&app, 40);
    assert!(!info(&narrow).contains("T1"), "still all tiers:\n{narrow}");
    let _ = draw(&app, 160);
    press(&mut app, &s, &[key(KeyCode::Right)]);
    let wide = draw(&app, 160);
    assert!(info(&wide).contains("T1"), "on T1 once drawn:\n{wide}");
}
