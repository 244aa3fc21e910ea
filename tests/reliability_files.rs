//! Privacy of files (issue 11, item 4): the DB, its -wal and -shm, backups, exports and rejects
//! are 0600 and folders brokerdesk makes 0700, an existing 0644 book is tightened, a path that is
//! a symbolic link (even dangling) is refused and nothing is written through it, and only the
//! supervisor may back the branch up.
#![cfg(unix)]

mod tui_fixture;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn bd(db: &Path, args: &[&str]) -> (i32, String, String) {
    tui_fixture::bd(db, &[&["--lang", "en"][..], args].concat())
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn demo(db: &Path) {
    let (code, _, err) = bd(db, &["demo", "--customers", "40"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_new_book_its_folder_backups_and_exports_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/sub/book.db");
    demo(&db);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&dir.path().join("data/sub")), 0o700);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    for suffix in ["-wal", "-shm"] {
        let p = dir.path().join(format!("data/sub/book.db{suffix}"));
        if p.exists() {
            assert_eq!(mode(&p), 0o600, "{suffix}");
        }
    }
    let bak = dir.path().join("copy.db");
    let (code, _, err) = bd(&db, &["backup", bak.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&bak), 0o600);
    let out = dir.path().join("customers.csv");
    let (code, _, err) = bd(&db, &["export", "customers", "--format", "csv", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn an_open_book_is_tightened_with_its_wal_and_shm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loose.db");
    demo(&db);
    // leave -wal and -shm behind (a reader holds them open), then open everything up
    let keep = rusqlite::Connection::open(&db).unwrap();
    keep.query_row("SELECT COUNT(*) FROM customers", [], |r| r.get::<_, i64>(0)).unwrap();
    let files: Vec<_> =
        ["", "-wal", "-shm"].iter().map(|s| dir.path().join(format!("loose.db{s}"))).filter(|p| p.exists()).collect();
    assert!(files.len() >= 2, "{files:?}");
    for p in &files {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let (code, out, err) = bd(&db, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    for p in &files {
        assert_eq!(mode(p), 0o600, "{}", p.display());
    }
    drop(keep);
}

#[test]
fn symbolic_links_are_refused_and_nothing_is_written_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("elsewhere/target.db");
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&nowhere, &link).unwrap();
    let (code, _, err) = bd(&link, &["demo", "--customers", "40"]);
    assert_eq!(code, 2);
    assert!(err.contains("link.db is a symbolic link"), "{err}");
    assert!(!nowhere.exists());

    let db = dir.path().join("real.db");
    demo(&db);
    let bak_link = dir.path().join("bak.db");
    let bak_target = dir.path().join("elsewhere/bak.db");
    std::os::unix::fs::symlink(&bak_target, &bak_link).unwrap();
    let (code, _, err) = bd(&db, &["backup", bak_link.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(!bak_target.exists());

    let out_link = dir.path().join("out.csv");
    let out_target = dir.path().join("elsewhere/out.csv");
    std::os::unix::fs::symlink(&out_target, &out_link).unwrap();
    let (code, _, err) =
        bd(&db, &["export", "customers", "--format", "csv", "-o", out_link.to_str().unwrap(), "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(!out_target.exists());

    // the rejects file of an import
    let imp = dir.path().join("imp.db");
    let csv = dir.path().join("managers.csv");
    std::fs::write(&csv, "manager_id,name,branch,role\nS001,赵敏,测试营业部,supervisor\n,,,\n").unwrap();
    let rej_target = dir.path().join("elsewhere/rejects.csv");
    std::os::unix::fs::symlink(&rej_target, dir.path().join("managers.rejects.csv")).unwrap();
    let (code, _, err) = bd(&imp, &["import", "managers", csv.to_str().unwrap(), "--skip-bad"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert!(!rej_target.exists());
}

#[test]
fn only_the_supervisor_backs_the_branch_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    demo(&db);
    let bak = dir.path().join("m03.db");
    let (code, _, err) = bd(&db, &["--manager", "M03", "backup", bak.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("M03 is not the supervisor"), "{err}");
    assert!(!bak.exists());
    let (_, _, err) = tui_fixture::bd(&db, &["--manager", "M03", "backup", bak.to_str().unwrap()]);
    assert!(err.contains("只有营业部负责人可以备份"), "{err}");
    let (code, _, err) = bd(&db, &["backup", bak.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(bak.exists());
}
