//! Messages of the reliability guards (issue 11): `check`'s findings, waiting for the write lock,
//! schema versions, file privacy, bounds on figures. Carried by [`Msg::Rel`](super::Msg::Rel);
//! the texts are in `zh::rel` and `en::rel`.

/// One reliability message with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelMsg {
    /// `check`: a guard trigger is missing (dropped or never created).
    MissingTrigger { trigger: String, table: String },
    /// `check`: a file of the book is readable by others (`mode` e.g. 0o644).
    LooseFile { path: String, mode: u32 },
    /// `check`: a build (`what`, e.g. `demo`) was stopped before it finished.
    Incomplete { what: String },
    /// The DB was written by a newer brokerdesk (schema `version` above `latest`): left untouched.
    NewerSchema { db: String, version: usize, latest: usize },
    /// A DB, backup or output path that is a symbolic link (followed, it could write elsewhere).
    Symlink { path: String },
    /// Another process holds the write lock: this one waits (said once).
    WaitingForWriter,
    /// The wait for the write lock on `db` ran out after `secs`; `holder` names the writer if known.
    LockTimeout { db: String, secs: u64, holder: Option<String> },
    /// `backup` asked by a manager: only the supervisor copies the branch's book.
    BackupNotSupervisor { manager: String },
    /// `check`'s last line: `problems` things wrong (0: sound).
    Verdict { problems: usize },
}
