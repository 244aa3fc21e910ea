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
