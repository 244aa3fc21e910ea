//! The same work on both backends, inside one process with the connection already open (issue 12,
//! item 6): what a session does after launch — the first frame of 今日 and 客户, a search, the
//! segment matrix, `report segments` — on the 100k SQLite book and on its copy on PostgreSQL,
//! as the branch head and as one manager. Process start-up (a new server backend per command:
//! fork, authentication, catalog caches) is what `scripts/bench-pg.sh` times; this is the rest.
//!
//! Data: `BENCH_PG_BOOK` (a SQLite book; default `target/bench-book-100000.db`, as `book.rs`
//! builds it) and `BENCH_PG_URL` (the same book on a server: `--db BOOK migrate --to URL` then
//! `roles sync`, as `scripts/bench-pg.sh` leaves it; the manager's role is `bd_m03` on the same
//! server). Without `BENCH_PG_URL` nothing runs.
//! Run: `BENCH_PG_URL=postgres://postgres@127.0.0.1:PORT/book cargo bench --bench pg_book`.

use std::path::PathBuf;

use brokerdesk::cli::{Global, session_on};
use brokerdesk::session::{Lang, Session};
use brokerdesk::store::book::{self, BookFilter, SortKey};
use brokerdesk::tui::ScreenId;
use chrono::NaiveDate;
use divan::{Bencher, black_box};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn book_path() -> PathBuf {
    std::env::var_os("BENCH_PG_BOOK")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-book-100000.db"))
}

fn server() -> Option<String> {
    std::env::var("BENCH_PG_URL").ok().filter(|u| !u.is_empty())
}

/// `url` signed in as `user` instead of its own user.
fn as_user(url: &str, user: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.split_once('@').map_or(rest, |(_, h)| h);
    format!("{scheme}://{user}@{host}")
}

/// A session on `backend` ("sqlite" | "pg") as `who` ("head" | "manager"), opened once.
fn session(backend: &str, who: &str) -> Session {
    let url = server().expect("BENCH_PG_URL");
    let (db, manager) = match (backend, who) {
        ("sqlite", "head") => (brokerdesk::store::open(&book_path()).unwrap(), None),
        ("sqlite", _) => (brokerdesk::store::open(&book_path()).unwrap(), Some("M03".to_string())),
        (_, "head") => (brokerdesk::store::open_server(&as_user(&url, "bd_m01")).unwrap(), None),
        _ => (brokerdesk::store::open_server(&as_user(&url, "bd_m03")).unwrap(), None),
    };
    let global = Global {
        db: None,
        manager,
        today: Some(today()),
        lang: Lang::Zh,
        rules: None,
        screen: None,
        customer: None,
        questionnaire: None,
    };
    session_on(db, format!("{backend} {who}"), &global).unwrap()
}

const ARGS: &[&str] = &["sqlite head", "pg head", "sqlite manager", "pg manager"];

fn split(arg: &str) -> (&str, &str) {
    arg.split_once(' ').unwrap()
}

fn main() {
    if server().is_none() {
        eprintln!("pg_book: set BENCH_PG_URL (and BENCH_PG_BOOK) to run; nothing measured");
        return;
    }
    divan::main();
}

/// The first frame of 今日 at 80×24 (agenda, counts, charts) on an open connection.
#[divan::bench(args = ARGS, sample_count = 10)]
fn first_frame_today(b: Bencher, arg: &str) {
    let (backend, who) = split(arg);
    let s = session(backend, who);
    b.bench_local(|| black_box(brokerdesk::tui::render_to_string(&s, ScreenId::Today, 80, 24, None).unwrap()));
}

/// The first frame of 客户 at 80×24 (count + first window) on an open connection.
#[divan::bench(args = ARGS, sample_count = 10)]
fn first_frame_customers(b: Bencher, arg: &str) {
    let (backend, who) = split(arg);
    let s = session(backend, who);
    b.bench_local(|| black_box(brokerdesk::tui::render_to_string(&s, ScreenId::Customers, 80, 24, None).unwrap()));
}

/// A search typed in the list: `王` (count + first window of 20, the SQL path every backend has).
#[divan::bench(args = ARGS, sample_count = 10)]
fn search_wang(b: Bencher, arg: &str) {
    let (backend, who) = split(arg);
    let s = session(backend, who);
    let f = BookFilter { scope: s.scope.clone(), text: "王".into(), ..BookFilter::default() };
    b.bench_local(|| {
        let n = book::count(&s.conn, &f, today()).unwrap();
        black_box(book::page(&s.conn, &f, SortKey::AssetsDesc, today(), 0, 20).unwrap().len() as u64 + n)
    });
}

/// The tier × risk-type matrix of the scope (分级分类, and the body of `report segments`).
#[divan::bench(args = ARGS, sample_count = 10)]
fn matrix(b: Bencher, arg: &str) {
    let (backend, who) = split(arg);
    let s = session(backend, who);
    b.bench_local(|| black_box(book::matrix(&s.conn, &s.scope, s.today).unwrap()));
}

/// `report segments` as CSV: the matrix and its text.
#[divan::bench(args = ARGS, sample_count = 10)]
fn report_segments_csv(b: Bencher, arg: &str) {
    let (backend, who) = split(arg);
    let s = session(backend, who);
    let labels = brokerdesk::domain::tier::Tier::ALL.map(|t| s.tier_name(t).to_string());
    b.bench_local(|| {
        let m = book::matrix(&s.conn, &s.scope, s.today).unwrap();
        black_box(brokerdesk::report::segments(&m, brokerdesk::report::Format::Csv, s.lang, &labels).unwrap())
    });
}
