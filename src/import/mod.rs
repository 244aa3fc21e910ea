//! Back-office CSV imports (SPEC §3 "Imports"): `brokerdesk import KIND FILE`.
//!
//! A file goes through four steps:
//! 1. **decode** ([`decode`]): UTF-8 with or without BOM, or GBK/GB18030 (also "GBK with a UTF-8
//!    BOM"), detected or forced by [`ImportOptions::encoding`];
//! 2. **header** ([`headers`]): English field names or the usual Chinese ones, any order, extra
//!    columns ignored; a missing required column is [`ImportError::Header`];
//! 3. **check every row** ([`kinds`], [`fields`]): each cell parsed, every cross-check against the
//!    DB and the rest of the file made, *every* problem collected — nothing is written yet, but the
//!    write transaction is already open, so the DB the checks read is the DB written to;
//! 4. **write** in that transaction: the upserts, the `customer_book` refresh (for kinds that change
//!    it), one `import_runs` row, commit. A file with any bad row is refused whole
//!    ([`ImportError::Rejected`], the transaction rolled back) unless `skip_bad`, which imports the
//!    good rows and writes the bad ones to a rejects file ([`rejects`]).
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

pub mod decode;
pub mod error;
pub mod fields;
pub mod headers;
pub(crate) mod kinds;
pub mod rejects;
pub(crate) mod row;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use csv::StringRecord;
use rusqlite::Connection;

pub use decode::{ENCODINGS, encoding_for_label, parse_encoding};
pub use error::{ImportError, Problem};
pub use headers::Col;

use kinds::Kind;
use row::{Row, is_blank};

use crate::i18n::{AlertCounts, Lang, Msg, ReportLine};
use crate::store::{self, Upsert};

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
    conn: &mut Connection,
    kind: ImportKind,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io { path: name.clone(), source })?;
    run_kind(conn, kind, &name, &bytes, opts, Some(rejects::default_path(path)))
}

/// Imports a file already in memory; `name` names it in problems and in `import_runs`.
pub fn import_bytes(
    conn: &mut Connection,
    kind: ImportKind,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    run_kind(conn, kind, name, bytes, opts, None)
}

fn run_kind(
    conn: &mut Connection,
    kind: ImportKind,
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    default_rejects: Option<PathBuf>,
) -> Result<ImportReport, ImportError> {
    let file = File { name, bytes, default_rejects };
    match kind {
        ImportKind::Managers => run::<kinds::managers::Managers>(conn, file, opts),
        ImportKind::Customers => run::<kinds::customers::Customers>(conn, file, opts),
        ImportKind::Accounts => run::<kinds::accounts::Accounts>(conn, file, opts),
        ImportKind::Securities => run::<kinds::securities::Securities>(conn, file, opts),
        ImportKind::Prices => run::<kinds::prices::Prices>(conn, file, opts),
        ImportKind::Holdings => run::<kinds::holdings::Holdings>(conn, file, opts),
        ImportKind::Orders => run::<kinds::orders::Orders>(conn, file, opts),
        ImportKind::Assessments => run::<kinds::assessments::Assessments>(conn, file, opts),
    }
}

struct File<'a> {
    name: &'a str,
    bytes: &'a [u8],
    default_rejects: Option<PathBuf>,
}

/// A bad row as read, with its problems (for the error or the rejects file).
type BadRow = (StringRecord, Vec<Problem>);

fn run<K: Kind>(conn: &mut Connection, file: File<'_>, opts: &ImportOptions) -> Result<ImportReport, ImportError> {
    let (kind_code, name) = (K::KIND.code(), file.name);
    let lang = opts.lang;
    let (text, _) = decode::decode(file.bytes, opts.encoding).map_err(|e| ImportError::Encoding {
        file: name.to_string(),
        line: e.line,
        message: e.message.render(lang),
        lang,
    })?;
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let malformed = |e: csv::Error| ImportError::Malformed {
        file: name.to_string(),
        line: e.position().map(|p| p.line()).unwrap_or(0),
        message: Msg::Csv { detail: e.to_string() }.render(lang),
    };

    // 1. the header: the first non-blank line
    let mut record = StringRecord::new();
    let header = loop {
        if !reader.read_record(&mut record).map_err(malformed)? {
            return Err(ImportError::Header {
                file: name.to_string(),
                line: 1,
                message: Msg::EmptyFile { kind: K::KIND }.render(lang),
                missing: K::KIND.columns().iter().filter(|c| c.required).map(|c| c.field.to_string()).collect(),
                lang,
            });
        }
        if !is_blank(&record) {
            break record.clone();
        }
    };
    let header_line = header.position().map(|p| p.line()).unwrap_or(1);
    if let Some(Unterminated { column, last_line }) = unterminated(&text, &header, reader.position().byte(), delimiter)
    {
        return Err(ImportError::Header {
            file: name.to_string(),
            line: header_line,
            message: Msg::HeaderUnterminated { column: column + 1, last_line }.render(lang),
            missing: Vec::new(),
            lang,
        });
    }
    let cells: Vec<&str> = header.iter().collect();
    let map = headers::map_header(K::KIND, K::KIND.columns(), &cells).map_err(|e| ImportError::Header {
        file: name.to_string(),
        line: header_line,
        message: e.message.render(lang),
        missing: e.missing,
        lang,
    })?;

    // 2. every row checked before anything is written, inside the write transaction: the DB the
    //    checks read is the DB written to (a refused file drops it: rolled back, nothing written)
    let tx = store::write_tx(conn)?;
    let mut kind = K::load(&tx, &map)?;
    let mut good: Vec<K::Record> = Vec::new();
    let mut bad: Vec<BadRow> = Vec::new();
    let mut rows = 0usize;
    while reader.read_record(&mut record).map_err(malformed)? {
        if is_blank(&record) {
            continue;
        }
        rows += 1;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if let Some(Unterminated { column, last_line }) =
            unterminated(&text, &record, reader.position().byte(), delimiter)
        {
            // the rest of the row (and the rows it swallowed) is noise: this is its only problem
            let field = header.get(column).map(headers::shown).unwrap_or("");
            let field = if field.is_empty() { Msg::ColumnN { n: column + 1 }.render(lang) } else { field.to_string() };
            let message = Msg::RowUnterminated { last_line }.render(lang);
            bad.push((record.clone(), vec![Problem { line, field, message }]));
            continue;
        }
        let mut row = Row::new(line, &record, &map, lang);
        let parsed = kind.parse(&tx, &mut row, opts);
        match parsed {
            Some(r) if !row.is_bad() => good.push(r),
            _ => {
                if !row.is_bad() {
                    row.problem("row", Msg::CouldNotBeRead);
                }
                let problems = std::mem::take(&mut row.problems);
                bad.push((record.clone(), problems));
            }
        }
    }
    if !bad.is_empty() && !opts.skip_bad {
        let bad_rows = bad.len();
        return Err(ImportError::Rejected {
            file: name.to_string(),
            problems: bad.into_iter().flat_map(|(_, p)| p).collect(),
            total: rows,
            bad_rows,
            lang,
        });
    }

    // 3. all writes, in the same transaction
    let (mut inserted, mut updated, mut unchanged) = (0, 0, 0);
    for r in &good {
        match kind.write(&tx, r, opts)? {
            Upsert::Inserted => inserted += 1,
            Upsert::Updated => updated += 1,
            Upsert::Unchanged => unchanged += 1,
        }
    }
    if K::KIND.affects_book() {
        store::book::refresh(&tx, &opts.rules)?;
    }
    if opts.replan && (K::KIND.affects_book() || matches!(K::KIND, ImportKind::Holdings | ImportKind::Securities)) {
        // tiers, statuses, opening dates, levels and holdings decide the callback plan
        let cal = crate::domain::calendar::Calendar::defaults();
        store::callbacks::replan(&tx, &opts.rules, &cal, opts.today, opts.now, None)?;
    }
    let which = match K::ALERTS {
        _ if !opts.alerts || good.is_empty() => None,
        kinds::AlertsAfter::Nobody => None,
        kinds::AlertsAfter::Everyone => Some(store::alerts::Which::All),
        kinds::AlertsAfter::Records => {
            let mut ids: Vec<String> = good.iter().filter_map(|r| K::customer_of(r)).map(str::to_string).collect();
            ids.sort_unstable();
            ids.dedup();
            Some(store::alerts::Which::Customers(ids))
        }
    };
    let alerts = match which {
        Some(w) => Some(store::alerts::run(&tx, &w, opts.today, opts.now, &opts.rules)?),
        None => None,
    };
    let rejects_file = match opts.rejects_path.clone().or(file.default_rejects) {
        Some(path) if !bad.is_empty() => {
            rejects::write(&path, &header, &bad)?;
            Some(path)
        }
        _ => None,
    };
    store::import_runs::record(
        &tx,
        &store::import_runs::ImportRun {
            at: opts.now,
            actor: &opts.actor,
            kind: kind_code,
            file: name,
            rows,
            inserted,
            updated,
            unchanged,
            rejected: bad.len(),
        },
    )?;
    tx.commit()?;
    Ok(ImportReport {
        kind: K::KIND,
        file: name.to_string(),
        rows,
        inserted,
        updated,
        unchanged,
        rejected: bad.len(),
        rejects_file,
        problems: bad.into_iter().flat_map(|(_, p)| p).collect(),
        alerts,
    })
}

/// A quoted cell that was never closed: its column (0-based) and the last line the record runs to.
#[derive(Debug, PartialEq, Eq)]
struct Unterminated {
    column: usize,
    last_line: u64,
}

/// Whether `record` (read from `text`, ending where the next record starts, byte `end`) has a
/// quoted cell that was never closed. The csv reader then returns one record running to the end
/// of the file — or, when a later line has a quote, up to that line — with the lines it swallowed
/// inside one cell. Taken as unterminated:
/// - a cell opened with `"` and still open at the record's end (it ran to the end of the file);
/// - a record over several lines with an odd number of `"` (a closed quoted cell, `""` escapes
///   included, has an even number), or with a cell whose line break is followed by a delimiter
///   (more cells' worth of text: the start of a swallowed row).
///
/// A properly quoted cell over two lines without a delimiter after the break passes here (a name
/// with a line break is then refused for its control character; a note in an ignored column is
/// fine).
fn unterminated(text: &str, record: &StringRecord, end: u64, delimiter: u8) -> Option<Unterminated> {
    let start = record.position()?.byte() as usize;
    let raw = text.get(start..(end as usize).min(text.len()))?;
    if !raw.contains('"') {
        return None; // without quotes a record is one line and has nothing open
    }
    let body = raw.trim_end_matches(['\r', '\n']);
    let last_line = record.position()?.line() + body.matches('\n').count() as u64;
    if let Some(column) = open_quote(raw.as_bytes(), delimiter) {
        return Some(Unterminated { column, last_line });
    }
    if !body.contains('\n') {
        return None;
    }
    let odd = body.matches('"').count() % 2 == 1;
    let column = record.iter().position(|c| {
        c.trim_end_matches(['\r', '\n'])
            .split_once('\n')
            .is_some_and(|(_, after)| odd || after.contains(char::from(delimiter)))
    })?;
    Some(Unterminated { column, last_line })
}

/// The column (0-based) of a cell that opens a quote (`"` as its first character) and is still
/// inside it at the end of `raw`, as RFC 4180 reads it (`""` inside quotes is an escaped quote).
fn open_quote(raw: &[u8], delimiter: u8) -> Option<usize> {
    let (mut column, mut at_start, mut quoted) = (0usize, true, false);
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        if quoted {
            if c == b'"' {
                if raw.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if c == delimiter {
            column += 1;
            at_start = true;
        } else if c == b'"' && at_start {
            quoted = true;
            at_start = false;
        } else {
            at_start = false;
        }
        i += 1;
    }
    quoted.then_some(column)
}

/// Tab-separated when the first non-blank line has tabs and no commas; comma-separated otherwise.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains('\t') && !first.contains(',') { b'\t' } else { b',' }
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
        let mut conn = crate::store::open_in_memory().unwrap();
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

    #[test]
    fn tab_separated_files_are_read() {
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("\na,b\tc\n"), b',');
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_bytes_give_a_report_or_an_error(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let mut conn = crate::store::open_in_memory().unwrap();
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
