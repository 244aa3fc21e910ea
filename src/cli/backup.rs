//! `brokerdesk backup FILE`: a new SQLite file of the book. From a SQLite file, the online backup
//! of the whole file (the whole branch with full ID numbers: the supervisor's alone); from a
//! PostgreSQL book, the signed-in role's scope (a manager's role: only that manager's book, see
//! [`crate::store::pg::backup`]).

use std::path::Path;

use anyhow::bail;

use super::{Global, emit, open_existing_session};
use crate::i18n::Msg;
use crate::i18n::pg::{BackupScope, PgMsg};
use crate::store::book::Scope;

/// Runs `backup PATH`; the exit code.
pub(super) fn run(global: &Global, path: &Path) -> anyhow::Result<i32> {
    let s = open_existing_session(global)?;
    if s.conn.is_pg() {
        let done =
            crate::store::pg::backup::backup(&s.conn, &s.scope, path).map_err(|e| anyhow::anyhow!(e.render(s.lang)))?;
        let scope = match &s.scope {
            Scope::Branch => BackupScope::Branch,
            Scope::Manager(id) => BackupScope::Manager { id: id.clone(), name: s.user.name.clone() },
        };
        let m = PgMsg::BackedUp {
            path: path.display().to_string(),
            scope,
            tables: done.copied.tables,
            millis: done.millis,
        };
        emit(&format!("{}\n", Msg::Pg(m).render(s.lang)))?;
        return Ok(0);
    }
    // the file holds the whole branch with full ID numbers: the supervisor's alone
    if !s.is_supervisor() {
        let m = crate::i18n::rel::RelMsg::BackupNotSupervisor { manager: s.user.manager_id.clone() };
        bail!(Msg::Rel(m).render(s.lang));
    }
    crate::store::backup(&s.conn, path).map_err(|e| anyhow::anyhow!(e.render(s.lang)))?;
    emit(&format!("{}\n", Msg::BackedUp { path: path.display().to_string() }.render(global.lang)))?;
    Ok(0)
}
