//! Allocation (存量客户分配, SPEC §4.8) in the store: a departing manager's book moved whole with
//! its open callbacks and alerts, one reassignment record and one audit row per customer, the
//! append-only refusals, and a manager refused.

mod tui_fixture;

use brokerdesk::store::db::Db;
use brokerdesk::domain::allocation::Method;
use brokerdesk::domain::model::{Manager, Role};
use brokerdesk::store::{self, allocation::Selection, book::Scope};
use tui_fixture::{TODAY, bd, conn, d};

fn add_m03(c: &Db) {
    store::managers::upsert(
        c,
        &Manager {
            manager_id: "M03".into(),
            name: "周杰".into(),
            branch: "深圳福田营业部".into(),
            role: Role::Manager,
        },
    )
    .unwrap();
}

fn supervisor(c: &Db) -> Manager {
    store::managers::get(c, "M00").unwrap().unwrap()
}

/// (customers, open callbacks, unresolved alerts) of a manager's book.
fn book_of(c: &Db, m: &str) -> (usize, u64, u64) {
    let scope = Scope::Manager(m.into());
    let customers = store::customers::ids_of_manager(c, m).unwrap().len();
    let plans = store::callbacks::lists::count_open(
        c,
        &store::callbacks::lists::PlanFilter { scope: scope.clone(), ..Default::default() },
        d(TODAY),
    )
    .unwrap();
    let alerts = store::alerts::count(c, &store::alerts::AlertFilter { scope, ..Default::default() }).unwrap();
    (customers, plans, alerts)
}

fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-11-29T02:00:00Z".parse().unwrap()
}

#[test]
fn a_departing_book_moves_whole_with_its_callbacks_and_alerts() {
    let c = conn();
    add_m03(&c);
    let alerts_m01: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM alerts a JOIN customers k ON k.customer_id = a.customer_id
             WHERE k.manager_id = 'M01' AND a.status <> 'resolved'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // the fixture: M01 keeps customers 1–8 (8 dormant) with the open callbacks p1, p2, p3;
    // M02 keeps 9–12 and no callback; M03 is new
    assert_eq!(book_of(&c, "M01"), (8, 3, alerts_m01 as u64));
    assert!(alerts_m01 > 0);
    let m02_before = book_of(&c, "M02");
    assert_eq!((m02_before.0, m02_before.1), (4, 0));
    assert_eq!(book_of(&c, "M03"), (0, 0, 0));

    let to = ["M02".to_string(), "M03".to_string()];
    let plan = store::allocation::propose(&c, &Selection::Book("M01".into()), &to, Method::Balance).unwrap();
    assert_eq!(plan.moves.len(), 8);
    let row = |m: &str| plan.table.iter().find(|r| r.manager_id == m).unwrap().clone();
    assert_eq!((row("M01").before.count, row("M01").after.count), (8, 0));
    assert_eq!(row("M02").after.count + row("M03").after.count, 12);
    // the assets move whole: M01's before = what M02 and M03 gain
    let gained = row("M02").after.assets - row("M02").before.assets + row("M03").after.assets;
    assert_eq!(gained, row("M01").before.assets);
    // 6,123,456 + 300,000 + 150,000 + 30,000 + 8,000,000 + 200,000 + 1,500,000 + 50 yuan, in fen
    assert_eq!(row("M01").before.assets, 16_303_506 * 100);

    // the calls M01 logged (the fixture's, on M01's customers)
    let log_of = |m: &str| {
        let f = store::callbacks::lists::LogFilter {
            scope: store::book::Scope::Manager(m.into()),
            ..Default::default()
        };
        store::callbacks::lists::count_logs(&c, &f).unwrap()
    };
    let logged_by_m01: i64 =
        c.query_row("SELECT COUNT(*) FROM callback_logs WHERE manager_id = 'M01'", [], |r| r.get(0)).unwrap();
    assert!(logged_by_m01 > 0);
    let m01_log_before = log_of("M01");

    let moved = store::allocation::apply(&c, &plan, &supervisor(&c), "departure", now()).unwrap();
    assert_eq!(moved, 8);
    // M01's own calls stay in M01's log after the book moved
    assert_eq!(log_of("M01"), logged_by_m01 as u64);
    assert!(m01_log_before >= logged_by_m01 as u64);
    let (m02, m03) = (book_of(&c, "M02"), book_of(&c, "M03"));
    assert_eq!(book_of(&c, "M01"), (0, 0, 0));
    assert_eq!(m02.0 + m03.0, 12);
    assert_eq!(m02.0 as u64, row("M02").after.count);
    assert_eq!(m02.1 + m03.1, 3, "the three open callbacks follow their customers");
    assert_eq!(m02.2 + m03.2, m02_before.2 + alerts_m01 as u64, "the alerts follow their customers");
    // customer_book agrees with customers
    let stale: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM customer_book b JOIN customers k USING (customer_id) WHERE b.manager_id <> k.manager_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0);

    // one reassignment record and one audit row per customer, with the old → new manager
    let h = store::allocation::history(&c, "310000000001").unwrap();
    assert_eq!(h.len(), 1);
    let mv = plan.moves.iter().find(|m| m.customer_id == "310000000001").unwrap();
    assert_eq!((h[0].from_manager.as_str(), h[0].to_manager.as_str()), ("M01", mv.to.as_str()));
    assert_eq!((h[0].by_manager.as_str(), h[0].reason.as_str()), ("M00", "departure"));
    assert_eq!(uuid::Uuid::parse_str(&h[0].id).unwrap().get_version_num(), 7);
    assert_eq!(h[0].installation_id, store::ids::installation_id(&c).unwrap());
    let f = store::audit::AuditFilter { action: Some("reassign".into()), ..Default::default() };
    assert_eq!(store::audit::count(&c, &f).unwrap(), 8);
    let rows =
        store::audit::query(&c, &store::audit::AuditFilter { customer: Some("310000000001".into()), ..f }, 0, 10)
            .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].actor.as_str(), rows[0].old_value.as_deref(), rows[0].new_value.as_deref()),
        ("M00", Some("M01"), Some(mv.to.as_str()))
    );
    assert_eq!(rows[0].customer_name.as_deref(), Some("欧阳娜娜"));
}

#[test]
fn one_customer_moves_and_the_refusals() {
    let c = conn();
    let sel = Selection::Customers(vec!["310000000009".into()]);
    let plan = store::allocation::propose(&c, &sel, &["M01".into()], Method::AllTo).unwrap();
    assert_eq!(plan.moves.len(), 1);
    // a manager is refused, and nothing is written
    let m01 = store::managers::get(&c, "M01").unwrap().unwrap();
    let e = store::allocation::apply(&c, &plan, &m01, "single", now()).unwrap_err().to_string();
    assert!(e.contains("only the branch head"), "{e}");
    assert_eq!(store::customers::get(&c, "310000000009").unwrap().unwrap().manager_id, "M02");
    let n: i64 = c.query_row("SELECT COUNT(*) FROM reassignments", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    // the supervisor moves it
    assert_eq!(store::allocation::apply(&c, &plan, &supervisor(&c), "single", now()).unwrap(), 1);
    assert_eq!(store::customers::get(&c, "310000000009").unwrap().unwrap().manager_id, "M01");
    // the same plan again: the customer is with M01 now
    let e = store::allocation::apply(&c, &plan, &supervisor(&c), "single", now()).unwrap_err().to_string();
    assert!(e.contains("propose again"), "{e}");
    // moving to the same manager, an unknown manager or customer, several receivers without balance
    let refused = |sel: Selection, to: &[&str], m: Method| {
        let to: Vec<String> = to.iter().map(|s| s.to_string()).collect();
        store::allocation::propose(&c, &sel, &to, m).unwrap_err().to_string()
    };
    let one = || Selection::Customers(vec!["310000000009".into()]);
    assert!(refused(one(), &["M01"], Method::AllTo).contains("already with M01"));
    // a filtered set: the customers already with a receiver stay, the rest move
    let mixed = Selection::Customers(vec!["310000000009".into(), "310000000011".into()]);
    let from_11: String =
        c.query_row("SELECT manager_id FROM customers WHERE customer_id = '310000000011'", [], |r| r.get(0)).unwrap();
    assert_ne!(from_11, "M01");
    let plan = store::allocation::propose(&c, &mixed, &["M01".into()], Method::AllTo).unwrap();
    let moved: Vec<&str> = plan.moves.iter().map(|m| m.customer_id.as_str()).collect();
    assert_eq!(moved, ["310000000011"], "310000000009 is with M01 already and stays");
    assert!(refused(one(), &["M99"], Method::AllTo).contains("no manager M99"));
    assert!(refused(Selection::Customers(vec!["X".into()]), &["M02"], Method::AllTo).contains("no customer X"));
    assert!(refused(Selection::Book("M99".into()), &["M02"], Method::AllTo).contains("no manager M99"));
    assert!(refused(one(), &["M02", "M00"], Method::AllTo).contains("--balance"));
    // a closed customer
    c.execute("UPDATE customers SET status = 'closed' WHERE customer_id = '310000000010'", []).unwrap();
    store::book::refresh(&c, &brokerdesk::domain::rules::Rules::defaults()).unwrap();
    let closed = Selection::Customers(vec!["310000000010".into()]);
    assert!(refused(closed, &["M01"], Method::AllTo).contains("closed"));
    // a filter's customers are taken without the closed ones
    let ids: Vec<String> = ["310000000011", "310000000010", "X", "310000000012"].map(String::from).to_vec();
    assert_eq!(store::allocation::without_closed(&c, &ids).unwrap(), ["310000000011", "310000000012"]);
}

#[test]
fn reassignments_are_append_only() {
    let c = conn();
    let plan = store::allocation::propose(
        &c,
        &Selection::Customers(vec!["310000000009".into()]),
        &["M01".into()],
        Method::AllTo,
    )
    .unwrap();
    store::allocation::apply(&c, &plan, &supervisor(&c), "single", now()).unwrap();
    let id = store::allocation::history(&c, "310000000009").unwrap()[0].id.clone();
    for sql in [
        "UPDATE reassignments SET to_manager = 'M02'".to_string(),
        "DELETE FROM reassignments".to_string(),
        format!(
            "INSERT OR REPLACE INTO reassignments (id, installation_id, customer_id, from_manager, to_manager, by_manager, at)
             VALUES ('{id}', 'x', '310000000009', 'M02', 'M02', 'M00', 'x')"
        ),
    ] {
        let e = c.execute(&sql, []).unwrap_err().to_string();
        assert!(tui_fixture::refused_as_append_only(&c, &e), "{sql}: {e}");
    }
    let h = store::allocation::history(&c, "310000000009").unwrap();
    assert_eq!((h.len(), h[0].to_manager.as_str()), (1, "M01"));
}


#[test]
fn allocate_command_dry_run_then_apply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    drop(tui_fixture::session_on_file(&db, "M00", brokerdesk::session::Lang::Zh));
    let reassigned = || {
        let c = store::open(&db).unwrap();
        c.query_row("SELECT COUNT(*) FROM reassignments", [], |r| r.get::<_, i64>(0)).unwrap()
    };
    // a manager is refused, even a dry run
    let (code, _, err) = bd(&db, &["--manager", "M01", "allocate", "--from", "M01", "--to", "M02", "--dry-run"]);
    assert_eq!(code, 2);
    assert!(err.contains("仅营业部负责人可调动客户"), "{err}");
    // several receivers need --balance
    let (code, _, err) = bd(&db, &["allocate", "--from", "M01", "--to", "M02,M00"]);
    assert_eq!(code, 2);
    assert!(err.contains("需加 --balance"), "{err}");
    let (code, out, err) = bd(&db, &["allocate", "--from", "M01", "--to", "M02", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    // M01: 8 customers, 16,303,506 yuan = 1,630.4万; M02: 120 + 45 + 2,000 + 8 = 2,173万
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].starts_with("李娜(M01)") && lines[1].contains("8 → 0") && lines[1].contains("1,630.4万 → 0元"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("陈明(M02)") && lines[2].contains("4 → 12") && lines[2].contains("2,173.0万 → 3,803.4万"),
        "{out}"
    );
    assert_eq!(lines[3], "拟调动 8 位客户（试算，未写入）");
    assert_eq!(reassigned(), 0, "a dry run writes nothing");
    let (code, out, err) = bd(&db, &["allocate", "--from", "M01", "--to", "M02"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("已调动 8 位客户\n"), "{out}");
    assert_eq!(reassigned(), 8);
    // one customer back
    let (code, out, err) = bd(&db, &["allocate", "--customer", "310000000001", "--to", "M01"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("已调动 1 位客户\n"), "{out}");
    assert_eq!(
        store::open(&db)
            .unwrap()
            .query_row("SELECT manager_id FROM customers WHERE customer_id = '310000000001'", [], |r| r
                .get::<_, String>(0))
            .unwrap(),
        "M01"
    );
}
