//! Commands that open the DB: a mistyped path is an error, the demo never mixes into imported
//! data, backups are private, output into a closed pipe ends quietly.

mod tui_fixture;

use std::path::Path;
use std::process::{Command, Stdio};

/// [`tui_fixture::bd`] in English.
fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

#[test]
fn read_commands_refuse_a_missing_db_and_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo/x.db");
    for args in [&["check"][..], &["report", "segments"], &["render", "customers"]] {
        let (code, _, err) = bd(&db, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("no database at"), "{err}");
    }
    assert!(!dir.path().join("typo").exists());
}

#[test]
fn demo_refuses_a_db_with_imported_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.db");
    let csv = dir.path().join("managers.csv");
    std::fs::write(&csv, "manager_id,name,branch,role\nS001,赵敏,测试营业部,supervisor\n").unwrap();
    let (code, out, err) = bd(&db, &["import", "managers", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = bd(&db, &["demo", "--customers", "50"]);
    assert_eq!(code, 2);
    assert!(err.contains("holds imported data (1 import runs)"), "{err}");
    let (_, out, _) = bd(&db, &["check"]);
    assert!(out.contains("customers: 0"), "{out}");
}

#[test]
fn backup_is_private_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (code, out, err) = bd(&db, &["demo", "--customers", "40"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("40 customers (the file now holds 40)"), "{out}");
    let target = dir.path().join("copy.db");
    let (code, _, err) = bd(&db, &["backup", target.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let (code, out, _) = bd(&target, &["check"]);
    assert_eq!(code, 0);
    assert!(out.contains("integrity: ok") && out.contains("customers: 40"), "{out}");
    let (code, _, err) = bd(&db, &["backup", target.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("exists; choose a new file name"), "{err}");
}

#[test]
fn closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert_eq!(bd(&db, &["demo", "--customers", "30"]).0, 0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
        .args(["--db", db.to_str().unwrap(), "render", "customers", "--width", "200", "--height", "300"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is read
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn demo_refuses_a_today_before_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let run = |lang: &str| {
        Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .args(["--db", dir.path().join("d.db").to_str().unwrap(), "--today", "2025-06-01", "--lang", lang])
            .args(["demo", "--customers", "20"])
            .output()
            .unwrap()
    };
    let out = run("en");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the demo data runs to 2025-08-26; today (2025-06-01) must be on or after it"), "{err}");
    // Chinese by default, from the catalogue
    let err = String::from_utf8_lossy(&run("zh").stderr).into_owned();
    assert_eq!(err.trim_end(), "brokerdesk: 演示数据截至 2025-08-26；今天（2025-06-01）不能早于该日期");
}

#[test]
fn imports_are_the_supervisors_and_never_go_into_the_demo_book() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    assert_eq!(bd(&demo, &["demo", "--customers", "30"]).0, 0);
    let csv = dir.path().join("managers.csv");
    std::fs::write(&csv, "manager_id,name,branch,role\nM03,张三,测试营业部,supervisor\n").unwrap();
    let (code, _, err) = bd(&demo, &["--manager", "M03", "import", "managers", csv.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("run them as the supervisor (without --manager), not as M03"), "{err}");
    let (code, _, err) = bd(&demo, &["import", "managers", csv.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("holds the demo book: real files go into their own DB"), "{err}");
    let (_, out, _) = bd(&demo, &["--manager", "M03", "report", "segments", "--format", "csv"]);
    let m03: u64 = out.lines().skip(1).map(|l| l.split(',').nth(2).unwrap().parse::<u64>().unwrap()).sum();
    assert!(m03 < 30, "M03 is still a manager with part of the book ({m03})");
}

/// `report coverage --year` counts a year that has begun: one after today's is refused (it
/// would print 0.0% for every manager), in the user's language.
#[test]
fn coverage_of_a_year_not_begun_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (code, _, err) = bd(&db, &["demo", "--customers", "30"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = bd(&db, &["report", "coverage", "--year", "2031"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert_eq!(err.trim_end(), "brokerdesk: --year 2031: that year has not begun (today is 2026-11-29)");
    let (code, _, err) = tui_fixture::bd(&db, &["report", "coverage", "--year", "2027"]);
    assert_eq!(code, 2);
    assert_eq!(err.trim_end(), "brokerdesk: --year 2027：该年尚未开始（今天是 2026-11-29）");
    let (code, out, err) = bd(&db, &["report", "coverage", "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ALL") || out.contains("branch"), "{out}");
}

/// `--db postgres://…` opens a server book (issue 12): with no server there, every command
/// that opens the book fails naming the URL with its password masked — and nothing is created
/// on disk (it once made a folder `postgres:` holding a SQLite file). Another `scheme://` is
/// refused as not a PostgreSQL URL. `BROKERDESK_DB` names the book the same way.
#[test]
fn a_server_url_names_a_server_book_and_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let settings = tempfile::tempdir().unwrap();
    let config = settings.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    // port 1 on loopback: nothing listens there
    let url = "postgres://bd_m03:s3cret@127.0.0.1:1/branch";
    for args in [&["demo", "--customers", "20"][..], &["report", "segments"], &["check"], &["render", "customers"]] {
        for via_env in [false, true] {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_brokerdesk"));
            cmd.current_dir(dir.path()).env("BROKERDESK_CONFIG", &config);
            if via_env {
                cmd.env("BROKERDESK_DB", url);
            } else {
                cmd.env_remove("BROKERDESK_DB").args(["--db", url]);
            }
            let out = cmd.args(args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains("postgres://bd_m03:***@127.0.0.1:1/branch"), "{args:?}: {err}");
            assert!(!err.contains("s3cret"), "{err}");
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
        .current_dir(dir.path())
        .env("BROKERDESK_CONFIG", &config)
        .args(["--db", "mysql://u:pw@h/branch", "report", "segments"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("mysql://u:***@h/branch 不是 PostgreSQL 地址") && !err.contains("pw@"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing created");
}
