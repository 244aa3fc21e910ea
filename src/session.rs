//! What every command and screen works with: the open DB, who is signed in and what they may see,
//! today's date, the rules in force and the UI language.

use crate::store::db::Db;
use chrono::NaiveDate;

use crate::domain::model::{Manager, Role};
use crate::domain::rules::Rules;
use crate::store::book::Scope;

/// UI language: Simplified Chinese by default, English on request (`--lang en`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A count and its noun as the UI writes it: `3 位` (zh takes no plural), `1 customer`,
    /// `3,000 customers` (en, singular only for exactly one). `n` gets thousands separators.
    pub fn count(self, n: u64, zh: &str, en_one: &str, en_many: &str) -> String {
        let figure = crate::domain::money::format_count(n);
        match self {
            Lang::Zh => format!("{figure} {zh}"),
            Lang::En if n == 1 => format!("{figure} {en_one}"),
            Lang::En => format!("{figure} {en_many}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn counts_take_the_english_singular_only_for_one() {
        assert_eq!(Lang::En.count(1, "位", "customer", "customers"), "1 customer");
        assert_eq!(Lang::En.count(0, "位", "customer", "customers"), "0 customers");
        assert_eq!(Lang::En.count(3000, "位", "customer", "customers"), "3,000 customers");
        assert_eq!(Lang::Zh.count(1, "位", "customer", "customers"), "1 位");
    }
}

/// A signed-in session.
pub struct Session {
    pub conn: Db,
    /// The DB path as shown in the status bar.
    pub db_label: String,
    /// Today in China (or the `--today` override): callbacks and expiry are judged against it.
    pub today: NaiveDate,
    /// Who is signed in: a manager, or the branch's supervisor when `--manager` is not given.
    pub user: Manager,
    /// The book in view: the user's own, or the whole branch for a supervisor (who may switch).
    pub scope: Scope,
    pub rules: Rules,
    pub lang: Lang,
}

impl Session {
    /// The name of `tier` from the rules in force, in the session language (`钻石`).
    pub fn tier_name(&self, tier: crate::domain::tier::Tier) -> &str {
        let rule = self.rules.tier_rule(tier);
        self.lang.pick(&rule.label_zh, &rule.label_en)
    }

    /// Whether the signed-in user is a supervisor (sees all, may switch manager).
    pub fn is_supervisor(&self) -> bool {
        self.user.role == Role::Supervisor
    }
}
