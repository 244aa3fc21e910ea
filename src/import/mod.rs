//! Back-office CSV imports (SPEC §3 "Imports"): `brokerdesk import KIND FILE`.
//!
//! A file goes through these steps (the driver is [`run`]; issue 9 for files as back offices
//! really write them, docs/import-formats.md for what is accepted and refused):
//! 1. **read** ([`workbook`], [`decode`]): an Excel workbook (`.xls`/`.xlsx`, by its bytes) becomes
//!    text through calamine; other bytes are UTF-8 with or without BOM, GBK/GB18030, or UTF-16
//!    with a BOM, detected or forced by [`ImportOptions::encoding`] (UTF-16 without a BOM,
//!    Shift-JIS and files mixing UTF-8 and GBK lines are refused, never stored as mojibake);
//! 2. **find the table** ([`table`]): the delimiter (comma, tab, semicolon), the header after any
//!    title and export lines ([`headers`]: English field names or the usual Chinese ones and
//!    their synonyms, any order, extra columns ignored, units such as `(万元)` read), the data rows
//!    up to a footer (`合计`, `共 N 条`…), each with its physical line;
//! 3. **check every row**: cells cleaned ([`clean`]: Excel's `="…"` unwrapped, scientific
//!    notation and masked values refused in ID columns, units applied, 4-decimal prices rounded,
//!    lengths and [`bounds`] kept), then parsed by the kind ([`kinds`], [`fields`]), every cross-check
//!    against the DB and the rest of the file made, *every* problem collected, inside the open
//!    write transaction (the DB the checks read is the DB written to);
//! 4. **write** in that transaction: each good row as soon as it passes (streaming: memory does not
//!    grow with the file; writing stops at the first bad row unless `skip_bad`), then the
//!    `customer_book` refresh (for kinds that change it: only the customers the file touched when
//!    they are few), one `import_runs` row, commit. A file with any bad row is refused whole
//!    ([`ImportError::Rejected`], the transaction rolled back) unless `skip_bad`, which imports the
//!    good rows and writes the bad ones to a rejects file ([`rejects`]). What was done with the
//!    file's shape is in [`ImportReport::notices`].
//!
//! Re-importing the same business key updates the row or leaves it unchanged; it never duplicates.
//! An optional column absent from the file leaves the stored value of an existing row alone
//! (defaults only apply to new rows); an empty cell in a present column means empty / the default.
//! A quoted cell never closed is reported on its row (`unterminated quote (the row runs to line N)`)
//! instead of silently swallowing the rows after it. The book is refreshed with
//! [`ImportOptions::rules`], the rules in force.
//!
//! Every message (problems, errors, the Rejected summary, the rejects file's `error` cells, the
//! report line via [`ImportReport::render`]) is a [`crate::i18n::Msg`] rendered in
//! [`ImportOptions::lang`]: Chinese by default, English with `--lang en`.

pub mod bounds;
pub mod clean;
pub mod decode;
pub mod error;
pub mod fields;
pub mod headers;
pub(crate) mod kinds;
pub mod rejects;
pub(crate) mod row;
pub(crate) mod run;
pub mod table;
pub mod workbook;

use crate::store::db::Db;
use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

pub use decode::{ENCODINGS, encoding_for_label, parse_encoding};
pub use error::{ImportError, Notice, Problem};
pub use headers::Col;

use crate::i18n::{AlertCounts, Lang, Msg, ReportLine};
use crate::store;

/// The kinds of back-office file (see [`ImportKind::ALL`] for the order a full load imports them in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum ImportKind {
    Managers,
    Customers,
    Accounts,
    Securities,
    Prices,
    Holdings,
    Orders,
    Assessments,
}

impl ImportKind {
    /// All kinds, in dependency order (managers before customers, securities before prices and
    /// holdings, holdings and prices before accounts that derive total assets from them).
    pub const ALL: [ImportKind; 8] = [
        ImportKind::Managers,
        ImportKind::Customers,
        ImportKind::Securities,
        ImportKind::Prices,
        ImportKind::Holdings,
        ImportKind::Accounts,
        ImportKind::Orders,
        ImportKind::Assessments,
    ];

    /// `managers`, `customers`, … (the CLI word and the `import_runs.kind` value).
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Managers => "managers",
            ImportKind::Customers => "customers",
            ImportKind::Accounts => "accounts",
            ImportKind::Securities => "securities",
            ImportKind::Prices => "prices",
            ImportKind::Holdings => "holdings",
            ImportKind::Orders => "orders",
            ImportKind::Assessments => "assessments",
        }
    }

    /// 客户经理 / 客户 / 账户 / 证券 / 行情 / 持仓 / 委托 / 风险测评.
    pub fn label_zh(self) -> &'static str {
        match self {
            ImportKind::Managers => "客户经理",
            ImportKind::Customers => "客户",
            ImportKind::Accounts => "账户",
            ImportKind::Securities => "证券",
            ImportKind::Prices => "行情",
            ImportKind::Holdings => "持仓",
            ImportKind::Orders => "委托",
            ImportKind::Assessments => "风险测评",
        }
    }

    /// Parses the code (case-insensitive, singular accepted) or the Chinese label.
    pub fn parse(s: &str) -> Option<ImportKind> {
        let t = s.trim();
        ImportKind::ALL.into_iter().find(|k| {
            let code = k.code();
            t.eq_ignore_ascii_case(code)
                || code.strip_suffix('s').is_some_and(|one| t.eq_ignore_ascii_case(one))
                || t == k.label_zh()
        })
    }

    /// The columns a file of this kind may have (required ones flagged), for help texts.
    pub fn columns(self) -> &'static [Col] {
        match self {
            ImportKind::Managers => kinds::managers::COLUMNS,
            ImportKind::Customers => kinds::customers::COLUMNS,
            ImportKind::Accounts => kinds::accounts::COLUMNS,
            ImportKind::Securities => kinds::securities::COLUMNS,
            ImportKind::Prices => kinds::prices::COLUMNS,
            ImportKind::Holdings => kinds::holdings::COLUMNS,
            ImportKind::Orders => kinds::orders::COLUMNS,
            ImportKind::Assessments => kinds::assessments::COLUMNS,
        }
    }

    /// Whether importing this kind changes the derived `customer_book` (tiers, levels).
    pub fn affects_book(self) -> bool {
        matches!(self, ImportKind::Managers | ImportKind::Customers | ImportKind::Accounts | ImportKind::Assessments)
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Force an encoding (`None`: detect UTF-8 or GB18030). See [`parse_encoding`] for the accepted names.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Import the good rows and write the bad ones to a rejects file instead of refusing the file.
    pub skip_bad: bool,
    /// Where to write rejected rows (default for files: `<stem>.rejects.csv` next to the input;
    /// for [`import_bytes`] rejects are only written when this is set).
    pub rejects_path: Option<PathBuf>,
    /// Who runs the import (recorded in `import_runs`).
    pub actor: String,
    /// Today in China (opening and assessment dates may not be later; orders with a bare time of day fall on it).
    pub today: NaiveDate,
    /// Now (recorded as the import time and the assessments' `recorded_at`).
    pub now: DateTime<Utc>,
    /// The rules in force (tiers, validity): the `customer_book` is refreshed with them.
    pub rules: crate::domain::rules::Rules,
    /// Run the alert rules for the customers the import touched, in its transaction (the demo
    /// turns this off and runs them once at the end).
    pub alerts: bool,
    /// Re-plan the callbacks in the import's transaction (the demo turns this off and plans once
    /// after its last file).
    pub replan: bool,
    /// Refresh the `customer_book` after a file that changes it (see [`ImportKind::affects_book`]).
    /// The demo turns this off and refreshes the whole book once after its last file; any other
    /// importer leaves it on, or the book no longer shows the records.
    pub refresh_book: bool,
    /// The language of every message (problems, errors, the rejects file's `error` cells); the
    /// CLI passes the session's (`--lang`, else the config file's, else Chinese).
    pub lang: Lang,
}

impl ImportOptions {
    /// Detected encoding, all-or-nothing, no rejects path, messages in Chinese, the default rules
    /// ([`Rules::defaults`](crate::domain::rules::Rules::defaults); set `rules` for a firm's own).
    pub fn new(actor: impl Into<String>, today: NaiveDate, now: DateTime<Utc>) -> ImportOptions {
        ImportOptions {
            encoding: None,
            skip_bad: false,
            rejects_path: None,
            actor: actor.into(),
            today,
            now,
            rules: crate::domain::rules::Rules::defaults(),
            alerts: true,
            replan: true,
            refresh_book: true,
            lang: Lang::default(),
        }
    }
}

/// What an import did. `rows = inserted + updated + unchanged + rejected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub kind: ImportKind,
    /// The file as named by the caller.
    pub file: String,
    /// Data rows read (blank lines not counted).
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Bad rows skipped (only with `skip_bad`).
    pub rejected: usize,
    /// Where the rejected rows were written, if anywhere.
    pub rejects_file: Option<PathBuf>,
    /// The problems of the rejected rows (empty without `skip_bad`).
    pub problems: Vec<Problem>,
    /// What the alert rules run after the import did (`None`: not run).
    pub alerts: Option<store::alerts::RunSummary>,
    /// What was done with the file's shape (lines skipped before the header and after the data,
    /// units applied, prices rounded, a repeated column chosen), to show the user.
    pub notices: Vec<Notice>,
}

impl ImportReport {
    /// The report line in `lang`: `customers.csv (customers): 120 rows: 100 inserted, 10 updated,
    /// 8 unchanged, 2 rejected → customers.rejects.csv` / `customers.csv（客户）：120 行：新增 100，
    /// 更新 10，未变 8，拒绝 2 → customers.rejects.csv`, with the alerts run when it touched anyone.
    pub fn render(&self, lang: Lang) -> String {
        Msg::Report(Box::new(ReportLine {
            file: self.file.clone(),
            kind: self.kind,
            rows: self.rows,
            inserted: self.inserted,
            updated: self.updated,
            unchanged: self.unchanged,
            rejected: self.rejected,
            rejects_file: self.rejects_file.as_ref().map(|p| p.display().to_string()),
            alerts: self.alerts.as_ref().filter(|a| a.customers > 0).map(|a| AlertCounts {
                customers: a.customers,
                opened: a.opened,
                updated: a.updated,
                reopened: a.reopened,
                resolved: a.resolved,
            }),
        }))
        .render(lang)
    }
}

impl fmt::Display for ImportReport {
    /// The report line in English ([`ImportReport::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Imports the file at `path`. Errors and reports name the file as `path.display()`.
pub fn import_file(
    conn: &mut Db,
    kind: ImportKind,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io { path: name.clone(), source })?;
    run_kind(conn, kind, &name, Cow::Owned(bytes), opts, Some(rejects::default_path(path)))
}

/// Imports a file already in memory; `name` names it in problems and in `import_runs`.
pub fn import_bytes(
    conn: &mut Db,
    kind: ImportKind,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    run_kind(conn, kind, name, Cow::Borrowed(bytes), opts, None)
}

fn run_kind(
    conn: &mut Db,
    kind: ImportKind,
    name: &str,
    bytes: Cow<'_, [u8]>,
    opts: &ImportOptions,
    default_rejects: Option<PathBuf>,
) -> Result<ImportReport, ImportError> {
    let file = run::File { name, bytes, default_rejects };
    match kind {
        ImportKind::Managers => run::run::<kinds::managers::Managers>(conn, file, opts),
        ImportKind::Customers => run::run::<kinds::customers::Customers>(conn, file, opts),
        ImportKind::Accounts => run::run::<kinds::accounts::Accounts>(conn, file, opts),
        ImportKind::Securities => run::run::<kinds::securities::Securities>(conn, file, opts),
        ImportKind::Prices => run::run::<kinds::prices::Prices>(conn, file, opts),
        ImportKind::Holdings => run::run::<kinds::holdings::Holdings>(conn, file, opts),
        ImportKind::Orders => run::run::<kinds::orders::Orders>(conn, file, opts),
        ImportKind::Assessments => run::run::<kinds::assessments::Assessments>(conn, file, opts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_their_names() {
        for k in ImportKind::ALL {
            assert_eq!(ImportKind::parse(k.code()), Some(k));
            assert_eq!(ImportKind::parse(k.label_zh()), Some(k));
            assert_eq!(<ImportKind as clap::ValueEnum>::from_str(k.code(), false), Ok(k));
        }
        assert_eq!(ImportKind::parse("Holding"), Some(ImportKind::Holdings));
        assert_eq!(ImportKind::parse("x"), None);
    }

    /// Each kind reaches its own `Kind` (whose `KIND` names the report and says whether the book
    /// is refreshed).
    #[test]
    fn kinds_dispatch_to_their_own_parser() {
        let mut conn = crate::store::open_scratch().unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 8, 27).unwrap();
        let opts = ImportOptions::new("t", today, crate::clock::now(Some(today)));
        for k in ImportKind::ALL {
            let header = k.columns().iter().map(|c| c.field).collect::<Vec<_>>().join(",");
            let r = import_bytes(&mut conn, k, "h.csv", header.as_bytes(), &opts).unwrap();
            assert_eq!((r.kind, r.rows), (k, 0));
        }
    }

    #[test]
    fn errors_can_cross_threads() {
        fn send_sync<T: Send + Sync + 'static>() {}
        send_sync::<ImportError>();
        send_sync::<ImportReport>();
        send_sync::<ImportOptions>();
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_bytes_give_a_report_or_an_error(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let mut conn = crate::store::open_scratch().unwrap();
            let today = NaiveDate::from_ymd_opt(2025, 8, 27).unwrap();
            let opts = ImportOptions { skip_bad: true, ..ImportOptions::new("t", today, crate::clock::now(Some(today))) };
            for kind in ImportKind::ALL {
                let mut bytes = kind.columns().iter().map(|c| c.field).collect::<Vec<_>>().join(",").into_bytes();
                bytes.push(b'\n');
                bytes.extend_from_slice(&body);
                let _ = import_bytes(&mut conn, kind, "p.csv", &bytes, &opts);
            }
        }
    }
}
