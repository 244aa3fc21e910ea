//! English texts of [`RelMsg`].

use crate::i18n::rel::RelMsg;

/// `msg` in English.
pub fn render(msg: &RelMsg) -> String {
    match msg {
        RelMsg::MissingTrigger { trigger, table } => {
            format!(
                "guard trigger {trigger} (table {table}) is missing: that table's records can be rewritten or deleted"
            )
        }
        RelMsg::LooseFile { path, mode } => format!("file too open: {path} is {mode:04o} (expected 0600, owner only)"),
        RelMsg::Incomplete { what } => {
            format!("incomplete: {what} was stopped before it finished; delete this file and build it again")
        }
        RelMsg::NewerSchema { db, version, latest } => format!(
            "{db} was written by a newer brokerdesk (schema version {version}; this build knows up to {latest}): left untouched, upgrade brokerdesk"
        ),
        RelMsg::Symlink { path } => {
            format!(
                "{path} is a symbolic link: refused so that nothing is written elsewhere; give the real file's path"
            )
        }
        RelMsg::WaitingForWriter => "waiting for another import to finish…".into(),
        RelMsg::LockTimeout { db, secs, holder: Some(h) } => format!(
            "{db} is being written by another process: still busy after {secs} s ({h}); try again when it is done, or set BROKERDESK_LOCK_WAIT_SECS to wait longer"
        ),
        RelMsg::LockTimeout { db, secs, holder: None } => format!(
            "{db} is being written by another process: still busy after {secs} s; try again when it is done, or set BROKERDESK_LOCK_WAIT_SECS to wait longer"
        ),
        RelMsg::BackupNotSupervisor { manager } => format!(
            "{manager} is not the supervisor: a backup holds the whole branch with full ID numbers, only the supervisor may make one"
        ),
        RelMsg::Verdict { problems: 0 } => "check: ok".into(),
        RelMsg::Verdict { problems } => format!("check: {problems} problems found"),
    }
}
