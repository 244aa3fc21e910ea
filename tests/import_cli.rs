//! `brokerdesk import` on the command line: the --encoding names it accepts.

mod import_support;

use std::process::Command;

#[test]
fn unknown_encoding_is_refused_with_the_accepted_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let text = String::from_utf8(import_support::fixture("managers.csv")).unwrap();
    let gbk = dir.path().join("managers_gbk.csv");
    std::fs::write(&gbk, encoding_rs::GBK.encode(&text).0).unwrap();
    let run = |encoding: &str| {
        Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .env("BROKERDESK_CONFIG", dir.path().join("no-config.toml"))
            .args(["--db", db.to_str().unwrap(), "--today", "2025-08-27", "--lang", "en", "import", "managers"])
            .arg(&gbk)
            .args(["--encoding", encoding])
            .output()
            .unwrap()
    };
    let out = run("latin1");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "brokerdesk: unknown encoding \"latin1\"; use one of utf-8, gbk, gb18030, utf-16le, utf-16be"
    );
    assert!(!db.exists(), "refused before the DB is opened");
    let out = run("GBK");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 rows: 3 inserted"));
}

/// The CLI prints the import's notices (`FILE:LINE: …` on stderr) and refuses a `--today` that is
/// not `YYYY-MM-DD` in 1990–2200 (the CLI's own range; imported dates take 1900–2099).
#[test]
fn notices_are_printed_and_today_is_strict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let bd = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .env("BROKERDESK_CONFIG", dir.path().join("no-config.toml"))
            .args(["--db", db.to_str().unwrap(), "--lang", "en"])
            .args(args)
            .output()
            .unwrap()
    };
    let managers = import_support::fixture_path("managers.csv");
    let titled = dir.path().join("managers.csv");
    let mut text = b"\xEF\xBB\xBF\xE5\xAE\xA2\xE6\x88\xB7\xE7\xBB\x8F\xE7\x90\x86\xE5\x90\x8D\xE5\x8D\x95\r\n".to_vec(); // 客户经理名单
    text.extend(std::fs::read(&managers).unwrap());
    std::fs::write(&titled, &text).unwrap();
    let out = bd(&["--today", "2025-08-27", "import", "managers", titled.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!("{}:1: skipped line 1 before the header (title or export information)", titled.display())
    );
    for bad in ["+2025-01-01", "2025-2-3", "0000-01-01", "9999-12-31"] {
        let out = bd(&["--today", bad, "check"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        let shape = bad.starts_with('+') || bad.len() != 10;
        let why = if shape { "is not a date YYYY-MM-DD" } else { "the year must be between 1990 and 2200" };
        assert!(err.contains(&format!("{bad:?}")) && err.contains(why), "{bad}: {err}");
    }
}
