//! The in-memory search index (`store::search`) gives exactly the list of the `LIKE` scan
//! (`store::book::ids`): on the demo book for a set of queries (1–2 byte queries, queries typed
//! key by key and narrowed, whole-book matches, long company names), every sort and the filters
//! it covers; and in the TUI's customer list after another process imported customers.

mod tui_fixture;

use std::sync::atomic::AtomicBool;

use brokerdesk::demo::{self, DemoOptions};
use brokerdesk::domain::risk::{RiskLevel, RiskType, SegmentColumn};
use brokerdesk::domain::tier::Tier;
use brokerdesk::store::book::{self, BookFilter, Scope, SortKey, Validity};
use brokerdesk::store::search::{Matches, SearchIndex};
use brokerdesk::tui::screens::Screen;
use tui_fixture::{TODAY, bd, ch, d, key, press};

const QUERIES: &[&str] = &[
    "张",
    "王",
    "伟",
    "张伟",
    "欧阳",
    "3108",
    // typed one key at a time: each narrows the one before by its occurrence masks
    "3",
    "31",
    "310",
    "3108",
    "31080",
    "310800",
    "3108001",
    // a byte added in front: narrowed by containment
    "03108001",
    "1",
    "0942",
    "5498",
    "9",
    "00",
    "a",
    "A",
    "投资",
    "资产",
    "有限",
    "王 3",
    "芳 31",
    " 李 ",
    "%",
    "_",
    "\\",
    "'",
    "zzz",
    "31080011734",
    "休眠",
];

fn filters(scope: &Scope) -> Vec<BookFilter> {
    let base = BookFilter { scope: scope.clone(), ..BookFilter::default() };
    vec![
        base.clone(),
        BookFilter { tier: Some(Tier::T3), ..base.clone() },
        BookFilter { column: Some(SegmentColumn::Type(RiskType::Balanced)), ..base.clone() },
        BookFilter { column: Some(SegmentColumn::Unassessed), ..base.clone() },
        BookFilter { column: Some(SegmentColumn::Professional), ..base.clone() },
        BookFilter { level: Some(RiskLevel::C2), ..base.clone() },
        BookFilter { validity: Some(Validity::Expiring(30)), ..base.clone() },
        BookFilter { validity: Some(Validity::Expired), ..base.clone() },
        BookFilter { validity: Some(Validity::Never), tier: Some(Tier::T4), ..base },
    ]
}

#[test]
fn index_lists_what_the_like_scan_lists_on_the_demo_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut conn = brokerdesk::store::open(&path).unwrap();
    let today = d("2026-11-29");
    demo::build(&mut conn, &DemoOptions { today, ..DemoOptions::default() }).unwrap();
    let no = AtomicBool::new(false);
    let mut checked = 0;
    let mut nonempty = 0;
    for scope in [Scope::Branch, Scope::Manager("M03".into())] {
        let ix = SearchIndex::open_and_build(&brokerdesk::store::db::Location::File(path.clone()), &scope, &no).unwrap();
        assert_eq!(
            ix.len() as u64,
            book::count(&conn, &BookFilter { scope: scope.clone(), ..Default::default() }, today).unwrap()
        );
        for f in filters(&scope) {
            // each query narrowed from the one before where it extends it (as typing does)
            let mut last: Option<Matches> = None;
            for q in QUERIES {
                let m = ix.find(q, last.as_ref());
                for sort in SortKey::ALL {
                    let filter = BookFilter { text: q.to_string(), ..f.clone() };
                    let want = book::ids(&conn, &filter, sort, today).unwrap();
                    let got = ix.ids_of(&ix.ordered(&m, &filter, sort, today));
                    assert_eq!(got, want, "query {q:?} sort {sort:?} filter {filter:?}");
                    // read as the list reads it: the count, then window after window
                    let mut list = ix.list(&m, &filter, sort, today);
                    assert_eq!(list.len(), want.len());
                    for from in [0, 36, 72] {
                        let to = (from + 36).min(want.len());
                        let window = ix.ids_of(list.window(&ix, from, from + 36));
                        assert_eq!(window, want[from.min(to)..to].to_vec(), "window {from} of {q:?} {sort:?}");
                    }
                    checked += 1;
                    nonempty += usize::from(!want.is_empty());
                }
                last = Some(m);
            }
        }
    }
    // the set is not vacuous: most queries find customers, and some find thousands
    assert_eq!(checked, 2 * 9 * QUERIES.len() * 5);
    assert!(nonempty > checked / 3, "{nonempty} of {checked} non-empty");
    let ix = SearchIndex::open_and_build(&brokerdesk::store::db::Location::File(path.clone()), &Scope::Branch, &no).unwrap();
    assert_eq!(ix.find("1", None).len(), 3000, "every 资金账号 holds a 1");
    assert_eq!(
        ix.find("3108001", None).len(),
        book::ids(&conn, &BookFilter { text: "3108001".into(), ..Default::default() }, SortKey::CustomerId, today)
            .unwrap()
            .len()
    );
}

/// The customer list's (text-search) ids as shown, whichever path served them.
fn list_ids(app: &brokerdesk::tui::app::App, s: &brokerdesk::session::Session) -> (Vec<String>, usize) {
    let Screen::Customers(c) = app.top() else { panic!("not the customer list") };
    let filter = c.filter.clone();
    let want = book::ids(&s.conn, &filter, c.sort, s.today).unwrap();
    assert_eq!(c.total, want.len() as u64);
    // the visible window is the head of the LIKE list
    let shown: Vec<String> = c.rows.iter().map(|r| r.customer_id.clone()).collect();
    assert_eq!(shown, want[..shown.len()].to_vec(), "window of {filter:?}");
    (want, c.index_fetches)
}

fn wait_for_index(app: &brokerdesk::tui::app::App) {
    let Screen::Customers(c) = app.top() else { panic!("not the customer list") };
    c.index.wait();
}

#[test]
fn the_list_searches_the_index_and_rebuilds_it_after_another_process_imports() {
    brokerdesk::tui::screens::customers::enable_search_index();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    let s = tui_fixture::session_on_file(&path, "M00", brokerdesk::session::Lang::Zh);
    let mut app = tui_fixture::open(&s, brokerdesk::tui::ScreenId::Customers, 100, 30);
    wait_for_index(&app);
    press(&mut app, &s, &[ch('/'), ch('张')]);
    let (before, served) = list_ids(&app, &s);
    assert_eq!(served, 1, "the index answered the search");
    assert_eq!(before, vec!["310000000002".to_string()], "张三a of the fixture");
    press(&mut app, &s, &[key(ratatui::crossterm::event::KeyCode::Enter), ch('s'), ch('s')]);
    let (_, served) = list_ids(&app, &s);
    assert_eq!(served, 3, "each re-sort from the index");

    // another process imports two customers named 张…
    let csv = dir.path().join("customers.csv");
    std::fs::write(
        &csv,
        "customer_id,name,id_number,mobile,manager_id,opened_on\n\
         390000000001,张新客,110105198001010016,13800009876,M01,2026-11-02\n\
         390000000002,李新客,110105198512150029,,M02,2026-11-03\n",
    )
    .unwrap();
    let (code, _, err) = bd(&path, &["import", "customers", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(app.tick(&s).unwrap(), "data_version moved");
    app.sync(&s, ratatui::layout::Size::new(100, 30)).unwrap();
    // until the new index is built the SQL path answers, with the new customer already
    let (now, _) = list_ids(&app, &s);
    assert_eq!(now.len(), 2);
    assert!(now.contains(&"390000000001".to_string()));
    wait_for_index(&app);
    press(&mut app, &s, &[ch('/'), key(ratatui::crossterm::event::KeyCode::Backspace), ch('新')]);
    let (found, served) = list_ids(&app, &s);
    assert_eq!(found.len(), 2, "张新客 and 李新客: {found:?}");
    assert_eq!(served, 4, "the rebuilt index answered");
    press(&mut app, &s, &[ch('客')]);
    let (found, served) = list_ids(&app, &s);
    assert_eq!((found.len(), served), (2, 5), "narrowed from 新");
    press(
        &mut app,
        &s,
        &[
            key(ratatui::crossterm::event::KeyCode::Backspace),
            key(ratatui::crossterm::event::KeyCode::Backspace),
            ch('9'),
            ch('8'),
            ch('7'),
            ch('6'),
        ],
    );
    let (found, _) = list_ids(&app, &s);
    assert_eq!(found, vec!["390000000001".to_string()], "last 4 of the mobile");
    let _ = TODAY;
}

#[test]
fn render_customers_draws_the_list_after_a_search_and_a_sort() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.db");
    drop(tui_fixture::session_on_file(&path, "M00", brokerdesk::session::Lang::Zh));
    let (code, out, err) = bd(&path, &["render", "customers", "--search", "张", "--width", "100", "--height", "8"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("搜索 \"张\""), "{out}");
    assert!(out.contains("310000000002 张三a"), "{out}");
    assert!(out.contains("1/1 位"), "{out}");
    // all 12 customers hold 3100 in their 资金账号; by 资金账号 the first is 310000000001
    let (code, out, err) =
        bd(&path, &["render", "customers", "--search", "3100", "--sort", "account", "--width", "100", "--height", "8"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("排序 账号  12 位"), "{out}");
    let first = out.lines().nth(3).unwrap();
    assert!(first.starts_with("310000000001 欧阳娜娜"), "{out}");
}
