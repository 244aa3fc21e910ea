//! `e` on a list (客户, 分级分类, 回访, 预警): the rows shown, with the list's filters and sort,
//! written as XLSX (what a branch head opens) into the `exports/` folder beside the DB file, masked
//! and audited like `brokerdesk export` ([`crate::export::run`]). The one function a screen calls.
//!
//! The file is written on a worker thread ([`ExportJob`]) with its own connection: the screen
//! stays live and the status bar follows the progress; a second `e` meanwhile is refused, and
//! `q` waits for it (saying so). The file is `FILE.part` until complete.

use std::path::PathBuf;
use std::sync::mpsc;

use anyhow::Context;

use super::screens::{Ctx, Outcome};
use crate::export::{ExportFormat, Options, Progress, Request};
use crate::session::{Lang, Session};

/// The folder exports go to: `exports/` beside the DB file (the current directory's `exports/`
/// when the DB label has no folder).
pub fn exports_dir(ctx: &Ctx) -> PathBuf {
    let db = std::path::Path::new(&ctx.session.db_label);
    match db.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.join("exports"),
        None => PathBuf::from("exports"),
    }
}

/// Asks for `request` to be written as an XLSX file named `brokerdesk-<view>-<today>-<HHMMSS>.xlsx` (`-2`, `-3`, …
/// when that exists already) and says where it went: `已导出 123 行 → /path/file.xlsx`. Errors
/// (a refused export, a full disk, a busy DB) go to the status bar as errors.
pub fn export(_ctx: &Ctx, request: Request) -> anyhow::Result<Outcome> {
    // the work happens after the next frame shows 正在导出… (App::run_pending)
    Ok(Outcome::Export(request))
}

/// Where `request` goes and how: `exports/brokerdesk-<view>-<today>-<HHMMSS>.xlsx` (`-2`, `-3`, …
/// when that exists already), the folder created.
fn options(ctx: &Ctx, request: &Request) -> anyhow::Result<Options> {
    let lang = ctx.lang();
    let now = crate::clock::now_on(ctx.today());
    let dir = exports_dir(ctx);
    let stamp = now.with_timezone(&crate::clock::china_offset()).format("%H%M%S");
    let stem = format!("brokerdesk-{}-{}-{stamp}", request.view().code(), ctx.today());
    std::fs::create_dir_all(&dir)
        .with_context(|| crate::i18n::Msg::Creating { path: dir.display().to_string() }.render(lang))?;
    let mut path = dir.join(format!("{stem}.xlsx"));
    for n in 2..100 {
        if !path.exists() && !crate::export::part_path(&path).exists() {
            break;
        }
        path = dir.join(format!("{stem}-{n}.xlsx"));
    }
    Ok(Options { format: ExportFormat::Xlsx, path, unmasked: false, force: false, now })
}

/// The status message of a finished export: `已导出 123 行 → /path/file.xlsx`, or the error.
fn finished(result: anyhow::Result<crate::export::Written>, lang: Lang) -> anyhow::Result<Outcome> {
    let w = result.map_err(|e| e.context(tr!(lang, EXPORT_FAILED).to_string()))?;
    Ok(Outcome::Message(
        crate::i18n::Msg::Exported { rows: w.rows as u64, path: w.path.display().to_string() }.render(lang),
    ))
}

/// Writes `request` now, on this thread (see [`export`]); the status message.
pub fn write(ctx: &Ctx, request: Request) -> anyhow::Result<Outcome> {
    let opts = options(ctx, &request)?;
    finished(crate::export::run(ctx.session, &request, &opts), ctx.lang())
}

/// What the worker thread of an export reports.
enum JobEvent {
    Progress(Progress),
    Done(anyhow::Result<crate::export::Written>),
}

/// An export running on a worker thread with its own connection to the DB file: the screen
/// stays live, the status bar follows its progress ([`ExportJob::status`]).
pub struct ExportJob {
    rx: mpsc::Receiver<JobEvent>,
    handle: Option<std::thread::JoinHandle<()>>,
    progress: Option<Progress>,
    lang: Lang,
}

impl ExportJob {
    /// Starts `request` on a worker thread, or `Ok(None)` when the session's DB has no file
    /// (in memory: the caller writes on its own thread, [`write`]).
    pub fn start(ctx: &Ctx, request: Request) -> anyhow::Result<Option<ExportJob>> {
        let session = ctx.session;
        let Some(db) = session.conn.path().filter(|p| !p.is_empty()).map(PathBuf::from) else {
            return Ok(None);
        };
        let opts = options(ctx, &request)?;
        let (tx, rx) = mpsc::channel();
        let (db_label, today, user, scope, rules, lang) = (
            session.db_label.clone(),
            session.today,
            session.user.clone(),
            session.scope.clone(),
            session.rules.clone(),
            session.lang,
        );
        let handle = std::thread::Builder::new().name("export".into()).spawn(move || {
            let result = crate::store::open(&db).map_err(anyhow::Error::from).and_then(|conn| {
                let worker = Session { conn, db_label, today, user, scope, rules, lang };
                crate::export::run_with_progress(&worker, &request, &opts, &mut |p| {
                    let _ = tx.send(JobEvent::Progress(p));
                })
            });
            let _ = tx.send(JobEvent::Done(result));
        })?;
        Ok(Some(ExportJob { rx, handle: Some(handle), progress: None, lang }))
    }

    /// What the status bar says while it runs: `正在导出… 写入 12,345 行`.
    pub fn status(&self) -> String {
        let lang = self.lang;
        match self.progress {
            None | Some(Progress::Reading) => format!("{} {}", tr!(lang, EXPORTING), tr!(lang, EXPORT_READING)),
            Some(Progress::Writing { rows }) => {
                format!(
                    "{} {}",
                    tr!(lang, EXPORTING),
                    crate::i18n::Msg::ExportWriting { rows: rows as u64 }.render(lang)
                )
            }
            Some(Progress::Auditing) => format!("{} {}", tr!(lang, EXPORTING), tr!(lang, EXPORT_AUDITING)),
        }
    }

    /// Takes what the worker reported: `Some(outcome)` once it is done (the thread joined),
    /// `None` while it runs (the progress updated). `wait` blocks until it is done.
    pub fn poll(&mut self, wait: bool) -> Option<anyhow::Result<Outcome>> {
        loop {
            let event = if wait {
                self.rx.recv().ok()
            } else {
                match self.rx.try_recv() {
                    Ok(e) => Some(e),
                    Err(mpsc::TryRecvError::Empty) => return None,
                    Err(mpsc::TryRecvError::Disconnected) => None,
                }
            };
            match event {
                Some(JobEvent::Progress(p)) => self.progress = Some(p),
                Some(JobEvent::Done(result)) => {
                    if let Some(h) = self.handle.take() {
                        let _ = h.join();
                    }
                    return Some(finished(result, self.lang));
                }
                // the worker ended without a word (it panicked)
                None => {
                    if let Some(h) = self.handle.take() {
                        let _ = h.join();
                    }
                    return Some(Err(anyhow::anyhow!(tr!(self.lang, EXPORT_FAILED).to_string())));
                }
            }
        }
    }
}
