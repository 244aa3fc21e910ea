//! The export that runs on a worker thread while the screen stays live: starting it once its
//! `正在导出…` frame is drawn, its progress in the status bar, its end (message or error) and the
//! quit that `q` asked for meanwhile.

use std::time::Duration;

use super::{App, Message, Outcome};
use crate::session::Session;

impl App {
    /// Whether an export runs on its worker thread.
    pub fn exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// How long the interactive loop may wait for input: short while an export runs (its
    /// progress shows), else the usual tick.
    pub fn poll_interval(&self) -> Duration {
        if self.exporting() { Duration::from_millis(100) } else { crate::tui::TICK }
    }

    /// The status while an export runs (with `q` pressed: that the app quits once it is done).
    pub(super) fn export_status(&self, lang: crate::session::Lang) -> String {
        let status = self.export_job.as_ref().map(|j| j.status()).unwrap_or_default();
        if self.quit_after_export { format!("{} · {status}", tr!(lang, EXPORT_QUIT_WAITS)) } else { status }
    }

    /// Takes the running export's news (`wait`: until it is done): its progress into the status
    /// bar, and once done its message (or error), then the quit `q` asked for. Returns whether
    /// anything changed.
    pub fn poll_export(&mut self, session: &Session, wait: bool) -> bool {
        let Some(job) = self.export_job.as_mut() else { return false };
        match job.poll(wait) {
            None => {
                let status = self.export_status(session.lang);
                let changed = self.message != Some(Message::Info(status.clone()));
                // a message of the user's own keys stays until the progress moves on
                let lang = session.lang;
                let ours = |m: &str| m.starts_with(tr!(lang, EXPORTING)) || m.starts_with(tr!(lang, EXPORT_QUIT_WAITS));
                if changed && matches!(&self.message, Some(Message::Info(m)) if ours(m)) {
                    self.message = Some(Message::Info(status));
                }
                changed
            }
            Some(done) => {
                self.export_job = None;
                if let Err(e) = done.and_then(|o| self.apply(session, o)) {
                    self.show_error(session, &e);
                }
                if self.quit_after_export {
                    self.quit = true;
                }
                true
            }
        }
    }

    /// Does the work an action deferred until its `正在导出…` frame was drawn (an export); its
    /// message or error goes to the status bar. Returns whether there was any.
    pub fn run_pending(&mut self, session: &Session) -> bool {
        let Some(request) = self.pending_export.take() else { return false };
        // on a worker thread when the DB is a file; in memory (tests, renders), here
        let started = self.with_top(session, |_, ctx| -> anyhow::Result<Result<_, Outcome>> {
            match crate::tui::export::ExportJob::start(ctx, request.clone())? {
                Some(job) => Ok(Ok(job)),
                None => crate::tui::export::write(ctx, request).map(Err),
            }
        });
        let done = match started {
            Ok(Ok(job)) => {
                self.export_job = Some(job);
                self.message = Some(Message::Info(self.export_status(session.lang)));
                return true;
            }
            Ok(Err(outcome)) => Ok(outcome),
            Err(e) => Err(e),
        };
        if let Err(e) = done.and_then(|o| self.apply(session, o)) {
            self.show_error(session, &e);
        }
        true
    }
}
