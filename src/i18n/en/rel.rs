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
        RelMsg::Verdict { problems: 0 } => "check: ok".into(),
        RelMsg::Verdict { problems } => format!("check: {problems} problems found"),
    }
}
