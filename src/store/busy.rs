//! Waiting for another writer (issue 11, item 3): SQLite's "database is locked" never reaches the
//! user. A command that needs the write lock while another process holds it (a long import)
//! says `正在等待另一个导入完成…` once and waits — [`lock_wait`], 120 s unless
//! `BROKERDESK_LOCK_WAIT_SECS` says otherwise — and on timeout says who holds the lock, from the
//! note `<db>.writer-<pid>` a long writer leaves beside the DB while it runs ([`WriterNote`]).

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::time::{Duration, Instant};

use crate::i18n::Msg;
use crate::i18n::rel::RelMsg;
use crate::session::Lang;

/// The environment variable that sets [`lock_wait`] in whole seconds.
pub const LOCK_WAIT_ENV: &str = "BROKERDESK_LOCK_WAIT_SECS";

/// How long a writer waits for another's lock by default: 120 s (an import of a 100k book runs
/// for tens of seconds).
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(120);

/// The wait for another writer's lock: `BROKERDESK_LOCK_WAIT_SECS` (0–86400) or [`DEFAULT_LOCK_WAIT`].
pub fn lock_wait() -> Duration {
    std::env::var(LOCK_WAIT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s <= 86_400)
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_LOCK_WAIT)
}

static QUIET: AtomicBool = AtomicBool::new(false);
static LANG_EN: AtomicU8 = AtomicU8::new(0);
static SAID: AtomicBool = AtomicBool::new(false);

/// The language of the waiting line (set when the session signs in).
pub fn set_lang(lang: Lang) {
    LANG_EN.store(u8::from(lang == Lang::En), Ordering::Relaxed);
}

/// Silences the waiting line (the TUI owns the terminal and has its own short wait).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn lang() -> Lang {
    if LANG_EN.load(Ordering::Relaxed) == 1 { Lang::En } else { Lang::Zh }
}

thread_local! {
    static WAIT_STARTED: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// SQLite's busy handler: called with the number of earlier calls for the same lock. Says once
/// per process that it waits, sleeps a little (up to 100 ms), and gives up after [`lock_wait`].
fn busy_handler(calls: i32) -> bool {
    let now = Instant::now();
    let started = WAIT_STARTED.with(|s| {
        if calls == 0 || s.get().is_none() {
            s.set(Some(now));
        }
        s.get().unwrap_or(now)
    });
    if calls == 0 && !QUIET.load(Ordering::Relaxed) && !SAID.swap(true, Ordering::Relaxed) {
        eprintln!("{}", Msg::Rel(RelMsg::WaitingForWriter).render(lang()));
    }
    if now.duration_since(started) >= lock_wait() {
        return false;
    }
    std::thread::sleep(Duration::from_millis(match calls {
        0..=4 => 5,
        5..=20 => 25,
        _ => 100,
    }));
    true
}

/// Installs the waiting busy handler on `conn` (instead of a fixed busy timeout).
pub fn install(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(busy_handler))
}

/// A note beside the DB, `<db>.writer-<pid>`, saying which command holds (or is about to hold)
/// the write lock and since when; removed when dropped. A writer that waits in vain names it.
#[derive(Debug)]
pub struct WriterNote {
    path: PathBuf,
}

impl WriterNote {
    /// Leaves the note for `db` (best effort: a read-only folder just means no note).
    pub fn create(db: &Path, command: &str) -> WriterNote {
        let mut p = db.as_os_str().to_owned();
        p.push(format!(".writer-{}", std::process::id()));
        let path = PathBuf::from(p);
        let text = format!(
            "pid={}\ncommand={command}\nsince={}\n",
            std::process::id(),
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
        );
        if super::files::create_private_file(&path).is_ok() {
            let _ = std::fs::write(&path, text);
        }
        WriterNote { path }
    }
}

impl Drop for WriterNote {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Who holds `db`'s write lock, from the notes of writers still running: `pid 123 (import
/// holdings, since 2026-12-03T07:00:00Z)`. `None` when no live writer left a note.
pub fn holder(db: &Path) -> Option<String> {
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let prefix = format!("{}.writer-", db.file_name()?.to_string_lossy());
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(pid) = name.strip_prefix(&prefix).and_then(|p| p.parse::<u32>().ok()) else { continue };
        if pid == std::process::id() || !alive(pid) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let field = |k: &str| text.lines().find_map(|l| l.strip_prefix(k)).unwrap_or("?").to_string();
        found.push(format!("pid {pid} ({}, {})", field("command="), field("since=")));
    }
    (!found.is_empty()).then(|| found.join("; "))
}

#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn alive(_pid: u32) -> bool {
    true
}

/// Whether `e` (anywhere in its chain) is SQLite's busy/locked error, or its text is.
pub fn is_lock_error(e: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    let busy = |code: Option<rusqlite::ErrorCode>| matches!(code, Some(DatabaseBusy | DatabaseLocked));
    e.chain().any(|cause| {
        if let Some(r) = cause.downcast_ref::<rusqlite::Error>() {
            return super::db::is_busy(r);
        }
        match cause.downcast_ref::<super::StoreError>() {
            Some(super::StoreError::Sql(r) | super::StoreError::Open { source: r, .. }) => {
                return super::db::is_busy(r);
            }
            Some(super::StoreError::Migrate {
                cause: rusqlite_migration::Error::RusqliteError { err, .. }, ..
            }) => return busy(err.sqlite_error_code()),
            _ => {}
        }
        if cause.downcast_ref::<rusqlite::ffi::Error>().is_some_and(|f| busy(Some(f.code))) {
            return true;
        }
        let text = cause.to_string();
        text.contains("database is locked") || text.contains("database is busy")
    })
}

/// The user's message for a lock wait that ran out on `db`: how long it waited and who holds it.
pub fn timeout_message(db: &Path, lang: Lang) -> String {
    Msg::Rel(RelMsg::LockTimeout { db: db.display().to_string(), secs: lock_wait().as_secs(), holder: holder(db) })
        .render(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_writers_note_names_it_and_a_dead_ones_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.db");
        // a note of a process that is not running (pid far above any in use)
        std::fs::write(dir.path().join("b.db.writer-4000000"), "pid=4000000\ncommand=import x\nsince=t\n").unwrap();
        assert_eq!(holder(&db), None);
        // this process's own note is not "another" holder
        let note = WriterNote::create(&db, "import holdings");
        assert!(dir.path().join(format!("b.db.writer-{}", std::process::id())).exists());
        assert_eq!(holder(&db), None);
        drop(note);
        assert!(!dir.path().join(format!("b.db.writer-{}", std::process::id())).exists());
        #[cfg(target_os = "linux")]
        {
            // pid 1 is always alive
            std::fs::write(
                dir.path().join("b.db.writer-1"),
                "pid=1\ncommand=import holdings\nsince=2026-12-03T07:00:00Z\n",
            )
            .unwrap();
            assert_eq!(holder(&db).as_deref(), Some("pid 1 (import holdings, 2026-12-03T07:00:00Z)"));
        }
    }
}
