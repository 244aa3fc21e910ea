//! Branch-scale benchmarks of the book (SPEC §7): opening the first screen, scrolling, filtering
//! and the segment matrix on the demo branch, each next to the bare SQLite query it wraps so the
//! overhead ratio can be read off.
//!
//! Data: `brokerdesk demo --customers N` (N = `BENCH_CUSTOMERS`, default 100,000: 50 managers,
//! ~390k holdings), built once into `target/bench-book-N.db` and reused.
//! Run: `cargo bench --bench book` (release profile).
//!
//! The benches taking an argument are named by their data size (`search_keystroke_name/100000`):
//! `BENCH_SIZES=100000,1000000` runs each on those books (`target/bench-book-N.db`, built once,
//! `scripts/bench.sh` builds them with the release CLI); default: `BENCH_CUSTOMERS` (100,000).

use brokerdesk::store::db::Db;
use std::path::PathBuf;

use brokerdesk::domain::risk::{RiskType, SegmentColumn};
use brokerdesk::domain::tier::Tier;
use brokerdesk::store::book::{self, BookFilter, Scope, SortKey};
use brokerdesk::store::search::{Matches, SearchIndex};
use chrono::NaiveDate;
use divan::{Bencher, black_box};
use std::sync::atomic::AtomicBool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn customers() -> usize {
    std::env::var("BENCH_CUSTOMERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

fn db_path() -> PathBuf {
    db_path_for(customers())
}

/// The book sizes of the size-named benches (`BENCH_SIZES`, comma-separated; default the one
/// `BENCH_CUSTOMERS` book).
fn sizes() -> Vec<usize> {
    match std::env::var("BENCH_SIZES") {
        Ok(v) => v.split(',').filter_map(|x| x.trim().replace('_', "").parse().ok()).collect(),
        Err(_) => vec![customers()],
    }
}

fn db_path_for(n: usize) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench-book-{n}.db"));
    if !path.exists() {
        let tmp = path.with_extension("building");
        let _ = std::fs::remove_file(&tmp);
        let mut conn = brokerdesk::store::open(&tmp).unwrap();
        let opts = brokerdesk::demo::DemoOptions { customers: n, seed: brokerdesk::demo::DEFAULT_SEED, today: today() };
        let s = brokerdesk::demo::build(&mut conn, &opts).unwrap();
        eprintln!("bench data: {} customers, {} holdings, {} managers", s.customers, s.holdings, s.managers);
        drop(conn);
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

fn conn() -> Db {
    brokerdesk::store::open(&db_path()).unwrap()
}

fn main() {
    for n in sizes() {
        db_path_for(n);
    }
    db_path();
    divan::main();
}

/// Open the DB and build the first Customers screen: count + first 20 rows + statistics date.
#[divan::bench(sample_count = 20)]
fn open_first_screen() {
    let c = conn();
    let f = BookFilter::default();
    black_box(book::count(&c, &f, today()).unwrap());
    black_box(book::page(&c, &f, SortKey::AssetsDesc, today(), 0, 20).unwrap());
    black_box(brokerdesk::store::accounts::statistics_date(&c).unwrap());
}

/// The whole Customers screen at 80×24, headless, through the TUI's draw code (open + sign-in included).
#[divan::bench(sample_count = 20)]
fn render_customers_80x24() {
    let global = brokerdesk::cli::Global {
        db: Some(db_path()),
        manager: None,
        today: Some(today()),
        lang: brokerdesk::session::Lang::Zh,
        rules: None,
        screen: None,
        customer: None,
        questionnaire: None,
    };
    let s = brokerdesk::cli::open_session(&global).unwrap();
    black_box(brokerdesk::tui::render_to_string(&s, brokerdesk::tui::ScreenId::Customers, 80, 24, None).unwrap());
}

/// One window of 20 rows at the end of the list (End key).
#[divan::bench]
fn scroll_to_end(b: Bencher) {
    let c = conn();
    let n = customers();
    b.bench_local(|| book::page(&c, &BookFilter::default(), SortKey::AssetsDesc, today(), n - 20, 20).unwrap());
}

/// The same window as bare SQL (ids only), for the overhead ratio.
#[divan::bench]
fn scroll_to_end_sqlite(b: Bencher) {
    let c = conn();
    let n = customers();
    let mut stmt = c
        .prepare("SELECT customer_id FROM customer_book ORDER BY total_assets DESC, customer_id LIMIT 20 OFFSET ?1")
        .unwrap();
    b.bench_local(|| stmt.query_map([n as i64 - 20], |r| r.get::<_, String>(0)).unwrap().count());
}

fn filter_and_page(c: &Db, f: &BookFilter) -> usize {
    let n = book::count(c, f, today()).unwrap();
    book::page(c, f, SortKey::AssetsDesc, today(), 0, 20).unwrap().len() + n as usize
}

/// Filter change: tier T2 (count + first window).
#[divan::bench]
fn filter_tier(b: Bencher) {
    let c = conn();
    let f = BookFilter { tier: Some(Tier::T2), ..BookFilter::default() };
    b.bench_local(|| filter_and_page(&c, &f));
}

/// Filter change: risk type 稳健型 (valid assessment as of today).
#[divan::bench]
fn filter_type(b: Bencher) {
    let c = conn();
    let f = BookFilter { column: Some(SegmentColumn::Type(RiskType::Balanced)), ..BookFilter::default() };
    b.bench_local(|| filter_and_page(&c, &f));
}

/// Filter change: text search 王 (name substring; a scan).
#[divan::bench]
fn filter_text(b: Bencher) {
    let c = conn();
    let f = BookFilter { text: "王".into(), ..BookFilter::default() };
    b.bench_local(|| filter_and_page(&c, &f));
}

/// Text search count as bare SQL.
#[divan::bench]
fn filter_text_sqlite(b: Bencher) {
    let c = conn();
    let mut stmt = c.prepare("SELECT COUNT(*) FROM customer_book WHERE search_text LIKE '%王%'").unwrap();
    b.bench_local(|| stmt.query_row([], |r| r.get::<_, i64>(0)).unwrap());
}

/// Text search 王 as the list runs it: the ordered ids of every match, once per filter/sort
/// change (one scan; ~8.7k matches at 100k).
#[divan::bench]
fn filter_text_ids(b: Bencher) {
    let c = conn();
    let f = BookFilter { text: "王".into(), ..BookFilter::default() };
    b.bench_local(|| book::ids(&c, &f, SortKey::AssetsDesc, today()).unwrap().len());
}

/// The same ids as bare SQL (ORDER BY in SQLite, table scan), for the overhead ratio.
#[divan::bench]
fn filter_text_ids_sqlite(b: Bencher) {
    let c = conn();
    let mut stmt = c
        .prepare(
            "SELECT customer_id FROM customer_book NOT INDEXED WHERE search_text LIKE '%王%'
             ORDER BY total_assets DESC, customer_id",
        )
        .unwrap();
    b.bench_local(|| stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().count());
}

/// Text search 王, one window of 20 rows at the end (End key): a slice of the cached ids.
#[divan::bench]
fn filter_text_rows_for_ids_end(b: Bencher) {
    let c = conn();
    let f = BookFilter { text: "王".into(), ..BookFilter::default() };
    let ids = book::ids(&c, &f, SortKey::AssetsDesc, today()).unwrap();
    let window = &ids[ids.len().saturating_sub(20)..];
    b.bench_local(|| book::rows_for_ids(&c, window, today()).unwrap());
}

/// The same end window through `page` (a deep OFFSET over a LIKE scan: what the list did before).
#[divan::bench]
fn filter_text_page_end(b: Bencher) {
    let c = conn();
    let f = BookFilter { text: "王".into(), ..BookFilter::default() };
    let n = book::count(&c, &f, today()).unwrap() as usize;
    b.bench_local(|| book::page(&c, &f, SortKey::AssetsDesc, today(), n.saturating_sub(20), 20).unwrap());
}

/// The 4 × 5 segment matrix of the whole branch.
#[divan::bench]
fn matrix_branch(b: Bencher) {
    let c = conn();
    b.bench_local(|| book::matrix(&c, &Scope::Branch, today()).unwrap());
}

/// The matrix's grouping as bare SQL (the domain rule then folds ~6k groups into 20 cells).
#[divan::bench]
fn matrix_branch_sqlite(b: Bencher) {
    let c = conn();
    let mut stmt = c
        .prepare(
            "SELECT b.tier, b.professional, b.risk_level, b.valid_until, COUNT(*), SUM(b.total_assets)
             FROM customer_book b GROUP BY b.tier, b.professional, b.risk_type, b.valid_until, b.risk_level",
        )
        .unwrap();
    b.bench_local(|| stmt.query_map([], |r| r.get::<_, i64>(4)).unwrap().count());
}

/// One manager's matrix (~2,000 customers).
#[divan::bench]
fn matrix_manager(b: Bencher) {
    let c = conn();
    let scope = Scope::Manager("M07".into());
    b.bench_local(|| book::matrix(&c, &scope, today()).unwrap());
}

// ---- size-named benches (issue 10): the search index, re-sort, first frames, matrix, alerts ----

fn conn_for(n: usize) -> Db {
    brokerdesk::store::open(&db_path_for(n)).unwrap()
}

fn index_for(n: usize) -> SearchIndex {
    SearchIndex::open_and_build(&brokerdesk::store::db::Location::File(db_path_for(n)), &Scope::Branch, &AtomicBool::new(false)).unwrap()
}

/// Building the branch's search index (the background thread's work after launch or a commit).
#[divan::bench(args = sizes(), sample_count = 5)]
fn search_index_build(n: usize) -> usize {
    index_for(n).len()
}

/// One keystroke of a search as the list answers it from the index: the matches, the count and
/// the first window of 20 rows in order, read from the DB (`rows_for_ids`).
fn keystroke(c: &Db, ix: &SearchIndex, q: &str, from: Option<&Matches>) -> usize {
    let m = ix.find(q, from);
    let f = BookFilter { text: q.into(), ..BookFilter::default() };
    let mut list = ix.list(&m, &f, SortKey::AssetsDesc, today());
    let window = ix.ids_of(list.window(ix, 0, 20));
    list.len() + book::rows_for_ids(c, &window, today()).unwrap().len()
}

fn bench_keystroke(b: Bencher, n: usize, q: &str) {
    let (c, ix) = (conn_for(n), index_for(n));
    b.bench_local(|| keystroke(&c, &ix, q, None));
}

/// Keystroke `王` (a common surname: ~9 % of the book), searched from scratch.
#[divan::bench(args = sizes())]
fn search_keystroke_name(b: Bencher, n: usize) {
    bench_keystroke(b, n, "王");
}

/// Keystroke `1` (in every 资金账号: the whole book matches), from scratch.
#[divan::bench(args = sizes())]
fn search_keystroke_everyone(b: Bencher, n: usize) {
    bench_keystroke(b, n, "1");
}

/// Keystroke `31080012` (a 资金账号 prefix), from scratch.
#[divan::bench(args = sizes())]
fn search_keystroke_account(b: Bencher, n: usize) {
    bench_keystroke(b, n, "31080012");
}

/// Keystroke `310800` (a 资金账号 prefix in ~90 % of the rows at 1M), from scratch (pasted).
#[divan::bench(args = sizes())]
fn search_keystroke_dense_prefix(b: Bencher, n: usize) {
    bench_keystroke(b, n, "310800");
}

/// Keystroke `0` after `31080`: typing a 资金账号, each key narrowing (the whole book matches
/// `31080`: one compare per row).
#[divan::bench(args = sizes())]
fn search_keystroke_typed_account(b: Bencher, n: usize) {
    let (c, ix) = (conn_for(n), index_for(n));
    let first = ix.find("31080", None);
    b.bench_local(|| keystroke(&c, &ix, "310800", Some(&first)));
}

/// Keystroke `zzz` (nothing matches), from scratch.
#[divan::bench(args = sizes())]
fn search_keystroke_none(b: Bencher, n: usize) {
    bench_keystroke(b, n, "zzz");
}

/// Keystroke `芳` after `王`: `王芳` narrowed from the matches of `王`.
#[divan::bench(args = sizes())]
fn search_keystroke_narrow(b: Bencher, n: usize) {
    let (c, ix) = (conn_for(n), index_for(n));
    let first = ix.find("王", None);
    b.bench_local(|| keystroke(&c, &ix, "王芳", Some(&first)));
}

/// The LIKE scan the list ran per keystroke before the index (and still runs until it is
/// built): the ordered ids of `王` + the first window.
#[divan::bench(args = sizes(), sample_count = 10)]
fn search_keystroke_name_sql(b: Bencher, n: usize) {
    let c = conn_for(n);
    let f = BookFilter { text: "王".into(), ..BookFilter::default() };
    b.bench_local(|| {
        let ids = book::ids(&c, &f, SortKey::AssetsDesc, today()).unwrap();
        ids.len() + book::rows_for_ids(&c, &ids[..ids.len().min(20)], today()).unwrap().len()
    });
}

/// `s` during a search: the matches of `1` (the whole book) in another order + the first window.
#[divan::bench(args = sizes())]
fn search_resort(b: Bencher, n: usize) {
    let (c, ix) = (conn_for(n), index_for(n));
    let m = ix.find("1", None);
    let f = BookFilter { text: "1".into(), ..BookFilter::default() };
    let mut k = 0;
    b.bench_local(|| {
        k += 1;
        let mut list = ix.list(&m, &f, SortKey::ALL[k % SortKey::ALL.len()], today());
        let window = ix.ids_of(list.window(&ix, 0, 20));
        list.len() + book::rows_for_ids(&c, &window, today()).unwrap().len()
    });
}

fn session_for(n: usize) -> brokerdesk::session::Session {
    let global = brokerdesk::cli::Global {
        db: Some(db_path_for(n)),
        manager: None,
        today: Some(today()),
        lang: brokerdesk::session::Lang::Zh,
        rules: None,
        screen: None,
        customer: None,
        questionnaire: None,
    };
    brokerdesk::cli::open_session(&global).unwrap()
}

fn first_frame(n: usize, screen: brokerdesk::tui::ScreenId) -> usize {
    let s = session_for(n);
    brokerdesk::tui::render_to_string(&s, screen, 120, 40, None).unwrap().len()
}

/// First frame of 今日 at 120×40 (open + sign-in + queries + draw).
#[divan::bench(args = sizes(), sample_count = 10)]
fn first_frame_today(n: usize) -> usize {
    first_frame(n, brokerdesk::tui::ScreenId::Today)
}

/// First frame of 客户 at 120×40.
#[divan::bench(args = sizes(), sample_count = 10)]
fn first_frame_customers(n: usize) -> usize {
    first_frame(n, brokerdesk::tui::ScreenId::Customers)
}

/// First frame of 分级分类 at 120×40.
#[divan::bench(args = sizes(), sample_count = 10)]
fn first_frame_segments(n: usize) -> usize {
    first_frame(n, brokerdesk::tui::ScreenId::Segments)
}

/// First frame of 回访 at 120×40.
#[divan::bench(args = sizes(), sample_count = 10)]
fn first_frame_callbacks(n: usize) -> usize {
    first_frame(n, brokerdesk::tui::ScreenId::Callbacks)
}

/// First frame of 预警 at 120×40.
#[divan::bench(args = sizes(), sample_count = 10)]
fn first_frame_alerts(n: usize) -> usize {
    first_frame(n, brokerdesk::tui::ScreenId::Alerts)
}

/// The branch's segment matrix.
#[divan::bench(args = sizes())]
fn matrix_of_branch(b: Bencher, n: usize) {
    let c = conn_for(n);
    b.bench_local(|| book::matrix(&c, &Scope::Branch, today()).unwrap());
}

/// `alerts run` over the whole book (every rule), in a transaction rolled back after each run.
#[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
fn alerts_run_all(b: Bencher, n: usize) {
    let c = conn_for(n);
    let rules = brokerdesk::domain::rules::Rules::defaults();
    let now = brokerdesk::clock::now(Some(today()));
    b.bench_local(|| {
        let tx = c.transaction().unwrap();
        let s =
            brokerdesk::store::alerts::run(&tx, &brokerdesk::store::alerts::Which::All, today(), now, &rules).unwrap();
        tx.rollback().unwrap();
        black_box(s);
    });
}
