//! The CLI's refusals of `export` and `allocate` speak Chinese by default and English with
//! `--lang en` (issue 8, "Language"); the settings file is an empty temp file so a developer's
//! own `lang` cannot leak in.

mod tui_fixture;

use std::path::Path;

/// [`tui_fixture::bd`] (the DB's folder is `dir`).
fn bd(_dir: &Path, db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, args)
}

fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.db");
    drop(tui_fixture::session_on_file(&db, "M00", brokerdesk::session::Lang::Zh));
    (dir, db)
}

#[test]
fn export_refusals_in_chinese_by_default_and_english_with_lang_en() {
    let (dir, db) = book();
    let out = dir.path().join("c.csv");
    let out = out.to_str().unwrap();
    let (code, stdout, err) = bd(dir.path(), &db, &["export", "customers", "--format", "csv", "--output", out]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("c.csv"), "{stdout}");
    // the file exists: refused without --force
    let (code, _, err) = bd(dir.path(), &db, &["export", "customers", "--format", "csv", "--output", out]);
    assert_ne!(code, 0);
    assert!(err.contains(&format!("{out} 已存在（加 --force 覆盖）")), "{err}");
    let (code, _, err) =
        bd(dir.path(), &db, &["--lang", "en", "export", "customers", "--format", "csv", "--output", out]);
    assert_ne!(code, 0);
    assert!(err.contains(&format!("{out} exists already (--force replaces it)")), "{err}");
    // filters on another view; a bad --tier
    let (_, _, err) =
        bd(dir.path(), &db, &["export", "holdings", "--format", "csv", "--tier", "T1", "--force", "--output", out]);
    assert!(err.contains("--tier、--type 和 --search 只能筛选 customers 视图"), "{err}");
    let (_, _, err) = bd(
        dir.path(),
        &db,
        &["--lang", "en", "export", "holdings", "--format", "csv", "--tier", "T1", "--force", "--output", out],
    );
    assert!(err.contains("--tier, --type and --search filter the customers view only"), "{err}");
    let (_, _, err) =
        bd(dir.path(), &db, &["export", "customers", "--format", "csv", "--tier", "T9", "--force", "--output", out]);
    assert!(err.contains("--tier \"T9\"：应为 T1、T2、T3 或 T4"), "{err}");
    // a folder as the file, and a folder that does not exist (refused, not created)
    let folder = dir.path().to_str().unwrap();
    let (code, _, err) =
        bd(dir.path(), &db, &["export", "customers", "--format", "csv", "--force", "--output", folder]);
    assert_ne!(code, 0);
    assert!(err.contains(&format!("{folder} 是文件夹")), "{err}");
    let missing = dir.path().join("typo/c.csv");
    let (code, _, err) =
        bd(dir.path(), &db, &["export", "customers", "--format", "csv", "--output", missing.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("不存在"), "{err}");
    assert!(!dir.path().join("typo").exists(), "the folder is not created");
    // --axes: an unknown axis, and on another view than segments
    let (_, _, err) =
        bd(dir.path(), &db, &["export", "segments", "--format", "csv", "--axes", "zz", "--force", "--output", out]);
    assert!(err.contains("--axes \"zz\"：应为 abcd、growth、age、tenure、concentration 或 pnl"), "{err}");
    let (_, _, err) =
        bd(dir.path(), &db, &["export", "customers", "--format", "csv", "--axes", "abcd", "--force", "--output", out]);
    assert!(err.contains("--axes 只用于 segments 视图"), "{err}");
    let (code, stdout, err) =
        bd(dir.path(), &db, &["export", "segments", "--format", "csv", "--axes", "age", "--force", "--output", out]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.starts_with("28 行"), "7 age bands × 4 tiers: {stdout}");
}

#[test]
fn allocate_refusals_in_chinese_by_default_and_english_with_lang_en() {
    let (dir, db) = book();
    let dir = dir.path();
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--manager", "M01", "allocate", "--from", "M01", "--to", "M02"],
            "仅营业部负责人可调动客户：请以负责人身份运行 allocate（不加 --manager），而不是 M01",
            "only the branch head (营业部负责人) reassigns customers: run allocate as the supervisor (without --manager), not as M01",
        ),
        (
            &["allocate", "--from", "M01", "--to", "M02,M00"],
            "--to 指定了多位客户经理（M02,M00），需加 --balance",
            "--to with several managers (M02,M00) needs --balance",
        ),
        (&["allocate", "--from", "M01", "--to", "M99"], "没有客户经理 M99", "no manager M99"),
        (&["allocate", "--customer", "X", "--to", "M02"], "没有客户 X", "no customer X"),
        (
            &["allocate", "--customer", "310000000009", "--to", "M02"],
            "客户 310000000009 已由 M02 负责",
            "customer 310000000009 is already with M02",
        ),
    ];
    for (args, zh, en) in cases {
        let (code, _, err) = bd(dir, &db, args);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(zh), "{args:?}: {err}");
        let mut with_en = vec!["--lang", "en"];
        with_en.extend_from_slice(args);
        let (code, _, err) = bd(dir, &db, &with_en);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(en), "{args:?}: {err}");
    }
    // the dry run's count line in both languages
    let (code, out, err) = bd(dir, &db, &["allocate", "--from", "M01", "--to", "M02", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("拟调动 8 位客户（试算，未写入）\n"), "{out}");
    let (_, out, _) = bd(dir, &db, &["--lang", "en", "allocate", "--from", "M01", "--to", "M02", "--dry-run"]);
    assert!(out.ends_with("8 customers would move (dry run: nothing written)\n"), "{out}");
}

/// clap's `--help` and its own errors in the user's language: Chinese by default, English with
/// `--lang en` or `BROKERDESK_LANG=en`.
#[test]
fn help_and_command_line_errors_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let run = |args: &[&str], lang_env: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_brokerdesk"));
        cmd.env("BROKERDESK_CONFIG", &config).env_remove("BROKERDESK_LANG").args(args);
        if let Some(l) = lang_env {
            cmd.env("BROKERDESK_LANG", l);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, help, _) = run(&["export", "--help"], None);
    assert_eq!(code, Some(0));
    assert!(
        help.starts_with("导出一个视图为 CSV")
            && help.contains("用法： brokerdesk export")
            && help.contains("覆盖已有文件"),
        "{help}"
    );
    let (_, help, _) = run(&["export", "--help", "--lang", "en"], None);
    assert!(help.starts_with("Export a view as CSV") && help.contains("Replace an existing file"), "{help}");
    let (_, help, _) = run(&["--help"], Some("en"));
    assert!(help.contains("Usage: brokerdesk"), "{help}");
    let (code, _, err) = run(&["exprot"], None);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("brokerdesk: 无法识别的命令 'exprot'（是否想用 'report' 或 'export'？）"), "{err}");
    let (code, _, err) = run(&["exprot", "--lang=en"], None);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("error: unrecognized subcommand 'exprot'"), "{err}");
}
