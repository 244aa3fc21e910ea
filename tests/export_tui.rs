//! `e` on a TUI list: the rows shown (filters, sort, scope) as XLSX in `exports/` beside the DB,
//! the status bar saying where it went, and an audit row.

mod tui_fixture;

use brokerdesk::session::Lang;
use brokerdesk::tui::ScreenId;
use brokerdesk::tui::app::Message;
use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use ratatui::crossterm::event::KeyCode;
use tui_fixture::*;

/// The file named in the status message `已导出 N 行 → PATH`, and N.
fn exported(app: &brokerdesk::tui::app::App) -> (usize, std::path::PathBuf) {
    let Some(Message::Info(m)) = &app.message else { panic!("{:?}", app.message) };
    let (head, path) = m.split_once(" → ").unwrap_or_else(|| panic!("{m}"));
    let n = head.trim_start_matches("已导出 ").trim_end_matches(" 行").replace(',', "").parse().unwrap();
    (n, path.into())
}

fn sheet(path: &std::path::Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

#[test]
fn e_on_the_customer_list_exports_what_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let s = session_on_file(&dir.path().join("book.db"), "M00", Lang::Zh);
    let mut app = open(&s, ScreenId::Customers, 100, 30);
    // sort by account, then search 欧阳
    press(&mut app, &s, &[ch('s'), ch('s'), ch('s'), ch('s'), ch('/')]);
    for c in "欧阳".chars() {
        press(&mut app, &s, &[ch(c)]);
    }
    press(&mut app, &s, &[key(KeyCode::Enter), ch('e')]);
    let (n, path) = exported(&app);
    assert!(path.starts_with(dir.path().join("exports")), "{path:?}");
    let rows = sheet(&path, "客户");
    assert_eq!(rows.height(), n + 1);
    assert!(n >= 1);
    for r in 1..rows.height() {
        assert!(rows.get((r, 1)).unwrap().to_string().contains("欧阳"), "row {r}");
        let id = rows.get((r, 5)).unwrap().to_string();
        assert!(id.contains("********"), "masked: {id}");
    }
    let about = sheet(&path, "说明");
    let facts: Vec<String> = (0..about.height()).map(|r| about.get((r, 1)).unwrap().to_string()).collect();
    assert!(facts.contains(&"搜索: 欧阳".to_string()) && facts.contains(&"账号".to_string()), "{facts:?}");
    let audited: i64 = s
        .conn
        .query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'export' AND action = 'export'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn e_on_segments_callbacks_and_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let s = session_on_file(&dir.path().join("book.db"), "M01", Lang::Zh);
    let mut app = open(&s, ScreenId::Segments, 100, 30);
    press(&mut app, &s, &[ch('e')]);
    let (n, path) = exported(&app);
    assert_eq!(n, 20);
    let seg = sheet(&path, "分级分类");
    let customers: f64 = (1..seg.height()).map(|r| seg.get((r, 2)).unwrap().get_float().unwrap()).sum();
    let mine: i64 =
        s.conn.query_row("SELECT COUNT(*) FROM customers WHERE manager_id = 'M01'", [], |r| r.get(0)).unwrap();
    assert_eq!(customers as i64, mine, "a manager's matrix: their own customers");
    // on another axis (x), e exports that axis: tier × segment, the same customers
    press(&mut app, &s, &[ch('x'), ch('e')]);
    let (n, path) = exported(&app);
    let axis = brokerdesk::domain::segment_axes::Axis::ALL[0];
    assert_eq!(n, 4 * axis.len());
    let seg = sheet(&path, "分级分类");
    assert_eq!(seg.get((0, 1)), Some(&Data::String("分类".into())), "the segment column");
    let on_axis: f64 = (1..seg.height()).map(|r| seg.get((r, 3)).unwrap().get_float().unwrap()).sum();
    assert_eq!(on_axis as i64, mine);
    press(&mut app, &s, &[ch('X')]);

    press(&mut app, &s, &[ch('4'), ch('e')]);
    let (n, path) = exported(&app);
    let plan: i64 = s
        .conn
        .query_row(
            "SELECT COUNT(*) FROM callback_plans p JOIN customers c USING (customer_id)
             WHERE p.status = 'open' AND c.manager_id = 'M01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n as i64, plan);
    assert_eq!(sheet(&path, "回访").height(), n + 1);
    press(&mut app, &s, &[ch('v'), ch('e')]);
    let (_, path) = exported(&app);
    let log = sheet(&path, "回访记录");
    assert_eq!(log.get((1, 9)), Some(&Data::String("客户满意".into())), "the fixture's logged call and its note");

    press(&mut app, &s, &[ch('5'), ch('e')]);
    let (n, path) = exported(&app);
    let open: i64 = s
        .conn
        .query_row(
            "SELECT COUNT(*) FROM alerts a JOIN customers c USING (customer_id)
             WHERE a.status IN ('open', 'acknowledged') AND c.manager_id = 'M01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n as i64, open);
    assert_eq!(sheet(&path, "预警").height(), n + 1);
}

#[test]
fn e_says_exporting_on_a_frame_before_the_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let s = session_on_file(&dir.path().join("book.db"), "M00", Lang::Zh);
    let mut app = open(&s, ScreenId::Customers, 100, 30);
    // what the event loop does: the key, then a frame, then the deferred work
    app.on_event(&s, ratatui::crossterm::event::Event::Key(ch('e')));
    assert_eq!(app.message, Some(Message::Info("正在导出…".into())));
    assert!(brokerdesk::tui::draw_to_string(&app, &s, 100, 30).contains("正在导出…"));
    assert!(!dir.path().join("exports").exists(), "nothing written before the frame");
    assert!(app.run_pending(&s));
    assert!(app.poll_export(&s, true));
    let (n, path) = exported(&app);
    assert_eq!(n, 12, "the fixture's 12 customers");
    assert!(path.exists());
    assert!(!app.run_pending(&s), "done once");
}

#[test]
fn an_export_runs_on_a_worker_thread_one_at_a_time_and_q_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let s = session_on_file(&dir.path().join("book.db"), "M00", Lang::Zh);
    let mut app = open(&s, ScreenId::Customers, 100, 30);
    let event = |c: char| ratatui::crossterm::event::Event::Key(ch(c));
    app.on_event(&s, event('e'));
    assert!(app.run_pending(&s));
    assert!(app.exporting(), "started on its thread, the loop goes on");
    let Some(Message::Info(status)) = app.message.clone() else { panic!("{:?}", app.message) };
    assert!(status.starts_with("正在导出…"), "{status}");
    // the screen is live: keys still move the list while it runs
    app.on_event(&s, ratatui::crossterm::event::Event::Key(key(KeyCode::Down)));
    // a second `e` is refused while the first runs
    app.on_event(&s, event('e'));
    assert_eq!(app.message, Some(Message::Error("已有一个导出在进行中，请等它完成".into())));
    assert!(!app.run_pending(&s), "nothing queued");
    // `q` waits for it, and says so
    app.on_event(&s, event('q'));
    assert!(!app.quit);
    let Some(Message::Info(status)) = app.message.clone() else { panic!("{:?}", app.message) };
    assert!(status.starts_with("等待导出完成后退出… · 正在导出…"), "{status}");
    assert!(app.poll_export(&s, true));
    assert!(app.quit, "quits once the export is done");
    let (n, path) = exported(&app);
    assert_eq!(n, 12);
    assert!(path.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // audited by the worker's own connection
    let audited: i64 =
        s.conn.query_row("SELECT COUNT(*) FROM audit_log WHERE entity = 'export'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1);
}
