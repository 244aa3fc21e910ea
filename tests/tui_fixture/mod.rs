//! A small deterministic book for the TUI tests: 3 managers, 12 customers (CJK names incl. 4-char
//! 欧阳娜娜 / 司马光明, mixed 张三a, a long institution name), snapshots, securities with every
//! default rating, 80 days of prices, holdings, assessments (valid, expiring, expired, lowest,
//! never), open callbacks and the alerts the rules find. Today is fixed at 2026-11-29, statistics date 2026-11-27.

#![allow(dead_code)]

use brokerdesk::domain::id_number::{Gender, resident_check_char};
use brokerdesk::domain::model::*;
use brokerdesk::domain::risk::RiskLevel;
use brokerdesk::domain::rules::Rules;
use brokerdesk::session::{Lang, Session};
use brokerdesk::store::db::Db;
use brokerdesk::store::{self, book::Scope};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub const TODAY: &str = "2026-11-29";
pub const STAT: &str = "2026-11-27";

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A valid 18-digit resident ID for a birth date and a sequence (odd last digit = male).
pub fn resident_id(area: &str, birth: &str, seq: &str) -> String {
    let first = format!("{area}{birth}{seq}");
    format!("{first}{}", resident_check_char(&first).unwrap())
}

struct C {
    id: &'static str,
    name: &'static str,
    manager: &'static str,
    birth: &'static str,
    seq: &'static str,
    mobile: Option<&'static str>,
    class: InvestorClass,
    status: CustomerStatus,
    institution: bool,
    /// yuan
    assets: i64,
    cash: i64,
    contribution: i64,
    /// (level, lowest, assessed_on, valid_until, score)
    assessment: Option<(RiskLevel, bool, &'static str, &'static str, u32)>,
    /// (code, quantity, cost price in 厘)
    holdings: &'static [(&'static str, i64, i64)],
}

const WAN: i64 = 10_000;

fn customers() -> Vec<C> {
    use CustomerStatus::*;
    use InvestorClass::*;
    use RiskLevel::*;
    vec![
        C {
            id: "310000000001",
            name: "欧阳娜娜",
            manager: "M01",
            birth: "19850312",
            seq: "042",
            mobile: Some("13812345678"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 612 * WAN + 3_456,
            cash: 80 * WAN,
            contribution: 3 * WAN,
            assessment: Some((C4, false, "2025-05-01", "2027-04-30", 62)),
            holdings: &[("600519", 3_000, 1_350_000), ("300750", 2_000, 240_000), ("511880", 1_000, 100_000)],
        },
        C {
            id: "310000000002",
            name: "张三a",
            manager: "M01",
            birth: "19900101",
            seq: "123",
            mobile: Some("13900001234"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 30 * WAN,
            cash: 5 * WAN,
            contribution: 12_000,
            assessment: Some((C3, false, "2025-09-10", "2027-09-09", 45)),
            holdings: &[("300750", 500, 260_000), ("510300", 30_000, 3_900)],
        },
        C {
            id: "310000000003",
            name: "李四",
            manager: "M01",
            birth: "19700520",
            seq: "031",
            mobile: Some("13700005555"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 15 * WAN,
            cash: 2 * WAN,
            contribution: 800,
            assessment: Some((C2, false, "2024-10-02", "2026-10-01", 30)),
            holdings: &[("600519", 80, 1_500_000)],
        },
        C {
            id: "310000000004",
            name: "王五",
            manager: "M01",
            birth: "19951111",
            seq: "052",
            mobile: Some("13600006666"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 3 * WAN,
            cash: 2 * WAN,
            contribution: 100,
            assessment: None,
            holdings: &[("511880", 100, 100_000)],
        },
        C {
            id: "310000000005",
            name: "赵敏",
            manager: "M01",
            birth: "19780808",
            seq: "064",
            mobile: Some("13500007777"),
            class: Professional,
            status: Active,
            institution: false,
            assets: 800 * WAN,
            cash: 100 * WAN,
            contribution: 6 * WAN,
            assessment: None,
            holdings: &[("600399", 50_000, 4_000), ("113050", 10_000, 110_000)],
        },
        C {
            id: "310000000006",
            name: "司马光明",
            manager: "M01",
            birth: "19560202",
            seq: "071",
            mobile: None,
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 20 * WAN,
            cash: 18 * WAN,
            contribution: 300,
            assessment: Some((C1, true, "2026-03-01", "2028-02-29", 94)),
            holdings: &[("510300", 5_000, 4_100)],
        },
        C {
            id: "310000000007",
            name: "钱多多",
            manager: "M01",
            birth: "19881230",
            seq: "082",
            mobile: Some("18800008888"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 150 * WAN,
            cash: 30 * WAN,
            contribution: 8_000,
            assessment: Some((C5, false, "2024-12-11", "2026-12-10", 88)),
            holdings: &[("300750", 3_000, 200_000), ("600519", 200, 1_600_000)],
        },
        C {
            id: "310000000008",
            name: "孙悟空",
            manager: "M01",
            birth: "19660101",
            seq: "091",
            mobile: Some("13100009999"),
            class: Ordinary,
            status: Dormant,
            institution: false,
            assets: 50,
            cash: 50,
            contribution: 0,
            assessment: Some((C3, false, "2025-01-01", "2026-12-31", 40)),
            holdings: &[],
        },
        C {
            id: "310000000009",
            name: "周杰",
            manager: "M02",
            birth: "19920315",
            seq: "013",
            mobile: Some("13211112222"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 120 * WAN,
            cash: 20 * WAN,
            contribution: 5_000,
            assessment: Some((C3, false, "2026-01-05", "2028-01-04", 50)),
            holdings: &[("510300", 200_000, 3_950)],
        },
        C {
            id: "310000000010",
            name: "吴用",
            manager: "M02",
            birth: "19830707",
            seq: "025",
            mobile: Some("13322223333"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 45 * WAN,
            cash: 10 * WAN,
            contribution: 1_500,
            assessment: Some((C4, false, "2026-06-06", "2028-06-05", 70)),
            holdings: &[("300750", 1_000, 250_000)],
        },
        C {
            id: "310000000011",
            name: "深圳前海星河投资管理有限公司",
            manager: "M02",
            birth: "",
            seq: "",
            mobile: Some("075588889999"),
            class: Ordinary,
            status: Active,
            institution: true,
            assets: 2_000 * WAN,
            cash: 500 * WAN,
            contribution: 12 * WAN,
            assessment: Some((C4, false, "2026-02-02", "2028-02-01", 75)),
            holdings: &[("600519", 10_000, 1_400_000)],
        },
        C {
            id: "310000000012",
            name: "郑和",
            manager: "M02",
            birth: "19990909",
            seq: "036",
            mobile: Some("13433334444"),
            class: Ordinary,
            status: Active,
            institution: false,
            assets: 8 * WAN,
            cash: 8 * WAN,
            contribution: 2_500,
            assessment: None,
            holdings: &[],
        },
    ]
}

fn security(code: &str, exchange: Exchange, name: &str, kind: SecurityKind, board: &str, category: &str) -> Security {
    Security {
        code: code.into(),
        exchange,
        name: name.into(),
        kind,
        board: board.into(),
        industry: String::new(),
        category: category.into(),
        risk_rating: None,
        face_value: if kind == SecurityKind::Convertible { Some(10_000) } else { None },
    }
}

/// (security, base close in 厘)
fn securities() -> Vec<(Security, i64)> {
    vec![
        (security("600519", Exchange::SH, "贵州茅台", SecurityKind::Stock, "主板", ""), 1_420_000),
        (security("300750", Exchange::SZ, "宁德时代", SecurityKind::Stock, "创业板", ""), 250_000),
        (security("510300", Exchange::SH, "沪深300ETF", SecurityKind::Fund, "", "ETF"), 4_000),
        (security("511880", Exchange::SH, "银华日利", SecurityKind::Fund, "", "货币型"), 100_000),
        (security("113050", Exchange::SH, "南银转债", SecurityKind::Convertible, "", ""), 120_000),
        (security("600399", Exchange::SH, "*ST抚钢", SecurityKind::Stock, "主板", ""), 3_500),
    ]
}

/// The last `n` weekdays up to and including `end`, oldest first.
fn weekdays(end: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut day = end;
    while out.len() < n {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            out.push(day);
        }
        day -= Duration::days(1);
    }
    out.reverse();
    out
}

/// Builds the fixture book into a fresh scratch DB: SQLite in memory, or a new PostgreSQL
/// database with `BROKERDESK_TEST_BACKEND=postgres` (the suite on both backends, issue 12).
pub fn conn() -> Db {
    build(store::open_scratch().unwrap())
}

/// Whether `err` is an append-only table refusing a change: the guard's words on SQLite (its
/// triggers refuse UPDATE, DELETE and REPLACE); on PostgreSQL the same words (its triggers refuse
/// UPDATE and DELETE) or the primary key refusing a repeated row (it has no REPLACE).
pub fn refused_as_append_only(conn: &Db, err: &str) -> bool {
    err.contains("append-only") || (conn.is_pg() && err.contains("duplicate key value violates unique constraint"))
}

/// The fixture in SQLite memory whatever the backend (for tests about the SQLite file itself).
pub fn conn_in_memory() -> Db {
    build(store::open_in_memory().unwrap())
}

/// Builds the fixture book into `conn` (an empty book with the schema: SQLite or PostgreSQL).
pub fn build(conn: Db) -> Db {
    let now = brokerdesk::clock::now(Some(d(TODAY)));
    for (id, name, role) in
        [("M00", "王强", Role::Supervisor), ("M01", "李娜", Role::Manager), ("M02", "陈明", Role::Manager)]
    {
        store::managers::upsert(
            &conn,
            &Manager { manager_id: id.into(), name: name.into(), branch: "深圳福田营业部".into(), role },
        )
        .unwrap();
    }
    let days = weekdays(d(STAT), 80);
    for (i, (sec, base)) in securities().into_iter().enumerate() {
        store::securities::upsert(&conn, &sec).unwrap();
        for (k, day) in days.iter().enumerate() {
            // a gentle deterministic wave with a trend, different per security
            let k = k as i64;
            let period = 17 + i as i64 * 4;
            let phase = (k + i as i64 * 5) % period;
            let wave = if phase < period / 2 { phase } else { period - phase } - period / 4;
            let trend = if i % 2 == 0 { k } else { -k / 2 };
            let close = base + base * (wave * 4 + trend * 2) / 1000;
            store::prices::upsert(
                &conn,
                &PriceBar {
                    code: sec.code.clone(),
                    date: *day,
                    open: close,
                    high: close + close / 100,
                    low: close - close / 100,
                    close,
                    volume: 1_000_000,
                },
            )
            .unwrap();
        }
    }
    let q = brokerdesk::assets::default_questionnaire();
    store::assessments::ensure_questionnaire(&conn, &q, now).unwrap();
    for c in customers() {
        let (id_number, birth, gender) = if c.institution {
            ("91350100M000100Y43".to_string(), None, None)
        } else {
            let id = resident_id("440304", c.birth, c.seq);
            let g = if (c.seq.as_bytes()[2] - b'0') % 2 == 1 { Gender::Male } else { Gender::Female };
            (id, Some(NaiveDate::parse_from_str(c.birth, "%Y%m%d").unwrap()), Some(g))
        };
        store::customers::upsert(
            &conn,
            &Customer {
                customer_id: c.id.into(),
                name: c.name.into(),
                kind: if c.institution { CustomerKind::Institution } else { CustomerKind::Individual },
                gender,
                birth_date: birth,
                id_number,
                mobile: c.mobile.map(Into::into),
                manager_id: c.manager.into(),
                opened_on: d("2018-06-15"),
                investor_class: c.class,
                status: c.status,
            },
        )
        .unwrap();
        store::accounts::upsert(
            &conn,
            &AccountSnapshot {
                customer_id: c.id.into(),
                as_of: d(STAT),
                cash: c.cash * 100,
                total_assets: c.assets * 100,
                net_commission_12m: c.contribution * 100 * 4 / 5,
                other_income_12m: c.contribution * 100 - c.contribution * 100 * 4 / 5,
                turnover_12m: c.assets * 300,
                last_trade_on: Some(d("2026-11-20")),
            },
        )
        .unwrap();
        for (code, quantity, cost) in c.holdings {
            store::holdings::upsert(
                &conn,
                &Holding {
                    customer_id: c.id.into(),
                    as_of: d(STAT),
                    code: (*code).into(),
                    quantity: *quantity,
                    cost_price: *cost,
                },
            )
            .unwrap();
        }
        if let Some((level, lowest, on, until, score)) = c.assessment {
            // an older assessment first, so the history has two lines
            if c.id == "310000000001" {
                store::assessments::append(
                    &conn,
                    &Assessment {
                        customer_id: c.id.into(),
                        questionnaire_id: q.id.clone(),
                        version: q.version,
                        answers: "A".into(),
                        score: 41,
                        level: RiskLevel::C3,
                        lowest: false,
                        assessed_on: d("2023-04-20"),
                        valid_until: d("2025-04-19"),
                        manager_id: Some("M01".into()),
                        customer_confirmed: true,
                    },
                    now,
                )
                .unwrap();
            }
            store::assessments::append(
                &conn,
                &Assessment {
                    customer_id: c.id.into(),
                    questionnaire_id: q.id.clone(),
                    version: q.version,
                    answers: "B".into(),
                    score,
                    level,
                    lowest,
                    assessed_on: d(on),
                    valid_until: d(until),
                    manager_id: Some(c.manager.into()),
                    customer_confirmed: true,
                },
                now,
            )
            .unwrap();
        }
    }
    // open callbacks (one overdue, one today, one later) and a logged call
    for (id, cid, due) in [
        ("p1", "310000000001", "2026-11-20"),
        ("p2", "310000000002", "2026-11-30"),
        ("p3", "310000000007", "2026-12-15"),
    ] {
        conn.execute(
            "INSERT INTO callback_plans (id, customer_id, reason, routine, due_on, first_due_on, planned_at) VALUES (?1, ?2, 'routine', 1, ?3, ?3, '2026-11-01T01:00:00Z')",
            rusqlite::params![id, cid, due],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO callback_logs (id, installation_id, customer_id, manager_id, logged_at, called_on, reason, channel, outcome, note)
         VALUES ('l1', 'fixture', '310000000001', 'M01', '2026-10-21T02:00:00Z', '2026-10-21', 'routine', 'phone', 'reached', '客户满意')",
        [],
    )
    .unwrap();
    // the alerts the rules find on this book (as after an import)
    store::alerts::run(&conn, &store::alerts::Which::All, d(TODAY), now, &Rules::defaults()).unwrap();
    store::book::refresh(&conn, &Rules::defaults()).unwrap();
    conn
}

/// A session on the fixture, signed in as `user` (`M00` is the supervisor).
pub fn session_as(user: &str, lang: Lang) -> Session {
    signed_in(conn(), "/tmp/brokerdesk-fixture.db".into(), user, lang)
}

/// A session on `conn` signed in as `user`: a supervisor sees the branch, a manager their book.
fn signed_in(conn: Db, db_label: String, user: &str, lang: Lang) -> Session {
    let user = store::managers::get(&conn, user).unwrap().unwrap();
    let scope = if user.role == Role::Supervisor { Scope::Branch } else { Scope::Manager(user.manager_id.clone()) };
    Session { conn, db_label, today: d(TODAY), user, scope, rules: Rules::defaults(), lang }
}

/// The supervisor's session in Chinese.
pub fn session() -> Session {
    session_as("M00", Lang::Zh)
}

/// The fixture written to a SQLite DB file at `path` (for tests with a second connection, as
/// another process would have: locks, `--db` for the binary), and a session on it signed in as
/// `user`. SQLite on both test backends: these tests are about the file.
pub fn session_on_file(path: &std::path::Path, user: &str, lang: Lang) -> Session {
    let mem = conn_in_memory();
    mem.execute("VACUUM INTO ?1", [path.to_str().unwrap()]).unwrap();
    drop(mem);
    signed_in(store::open(path).unwrap(), path.display().to_string(), user, lang)
}

/// A key press without modifiers (key-sequence tests).
pub fn key(code: ratatui::crossterm::event::KeyCode) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(code, ratatui::crossterm::event::KeyModifiers::NONE)
}

/// A typed character.
pub fn ch(c: char) -> ratatui::crossterm::event::KeyEvent {
    key(ratatui::crossterm::event::KeyCode::Char(c))
}

/// The app opened on `screen` and synced for a `w × h` terminal.
pub fn open(s: &Session, screen: brokerdesk::tui::ScreenId, w: u16, h: u16) -> brokerdesk::tui::app::App {
    let mut app = brokerdesk::tui::app::App::new(s, screen, None).unwrap();
    app.sync(s, ratatui::layout::Size::new(w, h)).unwrap();
    app
}

/// Presses `keys` in order (each handled, then synced, as a frame of the terminal would).
pub fn press(app: &mut brokerdesk::tui::app::App, s: &Session, keys: &[ratatui::crossterm::event::KeyEvent]) {
    for k in keys {
        app.press(s, *k).unwrap();
    }
}

/// Runs the `brokerdesk` binary: `brokerdesk --db DB --today TODAY ARGS` in DB's folder (its
/// nearest existing one), with an empty settings file there (`BROKERDESK_CONFIG`), so a developer's own `config.toml` cannot leak
/// into a test. Returns (exit code, stdout, stderr).
pub fn bd(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    bd_env(db, &[], args)
}

/// [`bd`] with extra environment variables (`("BROKERDESK_LOCK_WAIT_SECS", "5")`).
pub fn bd_env(db: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    // the nearest folder that exists (a test may name a DB in a folder that must not be created)
    let dir = db.ancestors().skip(1).find(|p| p.is_dir()).expect("a DB path under an existing folder");
    bd_at(dir, db.to_str().unwrap(), env, args)
}

/// The binary run in `dir` (an empty settings file there) on the book `db` — a file path or a
/// server URL — with `--today` the fixture's day and extra environment `env` (the test's own
/// `BROKERDESK_DB` is not passed on); (exit code, stdout, stderr).
pub fn bd_at(dir: &std::path::Path, db: &str, env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let config = dir.join("config.toml");
    std::fs::write(&config, "").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
        .current_dir(dir)
        .env("BROKERDESK_CONFIG", &config)
        .env_remove("BROKERDESK_DB")
        .envs(env.iter().copied())
        .args(["--db", db, "--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}
