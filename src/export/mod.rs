//! Exports (`brokerdesk export VIEW --format csv|xlsx`, and `e` on a list in the TUI): the rows
//! a list shows, with its filters and sort, written as CSV (UTF-8 with BOM, CRLF) or XLSX (a
//! scope sheet 说明 and the view's sheet).
//!
//! - [`views`] builds a view's [`Table`] from the store's list queries (the same ones the
//!   screens run, so an export holds exactly what the screen shows); [`scope`] words the scope
//!   sheet;
//! - [`csv`] and [`xlsx`] write a table; [`cell`] neutralises formula-looking text in both;
//! - [`run`] checks who may export what, writes the file (never over an existing one unless
//!   forced; private to its owner) and the audit row (SPEC §3 audit log).
//!
//! Personal data (ID numbers, mobiles, birth dates) is masked unless the supervisor asks for
//! `--unmasked` (audited as `unmask_export`).

pub mod cell;
pub mod csv;
pub mod scope;
pub mod views;
pub mod xlsx;

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::model::PriceMilli;
use crate::domain::money::Fen;
use crate::session::{Lang, Session};

pub use views::Request;

/// The exportable views (SPEC §5 screens whose data has landed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// 客户: the customer list (import columns of `customers` first).
    Customers,
    /// 分级分类: the tier × risk-type matrix, one row per cell.
    Segments,
    /// 持仓: each customer's holdings on their latest holdings date (import columns of `holdings` first).
    Holdings,
    /// 回访: the open callback plan.
    Callbacks,
    /// 回访记录: the call log.
    Calls,
    /// 预警: holding-risk alerts.
    Alerts,
    /// 风险测评: the latest assessment per customer.
    Assessments,
    /// 审计: the audit log (supervisor only).
    Audit,
}

impl View {
    /// `customers`, … (file names, the audit row).
    pub fn code(self) -> &'static str {
        match self {
            View::Customers => "customers",
            View::Segments => "segments",
            View::Holdings => "holdings",
            View::Callbacks => "callbacks",
            View::Calls => "calls",
            View::Alerts => "alerts",
            View::Assessments => "assessments",
            View::Audit => "audit",
        }
    }
    /// The data sheet's name: 客户, 分级分类, 持仓, 回访, 回访记录, 预警, 风险测评, 审计.
    pub fn sheet_name(self, lang: Lang) -> &'static str {
        match self {
            View::Customers => tr!(lang, CUSTOMERS),
            View::Segments => tr!(lang, SEGMENTS),
            View::Holdings => tr!(lang, HOLDINGS),
            View::Callbacks => tr!(lang, CALLBACKS),
            View::Calls => tr!(lang, CALL_LOG),
            View::Alerts => tr!(lang, ALERTS),
            View::Assessments => tr!(lang, ASSESSMENTS),
            View::Audit => tr!(lang, AUDIT),
        }
    }
    /// Whether the view holds personal data that masking hides.
    pub fn has_personal_data(self) -> bool {
        matches!(self, View::Customers | View::Callbacks)
    }
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// `csv` / `xlsx`.
    pub fn ext(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Free text (neutralised when written).
    Text(String),
    /// A coded value: the code in CSV (what the import reads: `individual`), the label in XLSX (`个人`).
    Coded(&'static str, String),
    /// A count or quantity.
    Int(i64),
    /// Money in fen: CSV `1234.50`, XLSX the number 1234.5 in yuan with `#,##0.00`.
    Money(Fen),
    /// A price in 厘 (yuan to 3 decimals): CSV `12.34` / `1.935`, XLSX a number with `#,##0.000`.
    Price(PriceMilli),
    /// A date: CSV `YYYY-MM-DD`, XLSX a real Excel date with `yyyy-mm-dd`.
    Date(NaiveDate),
    /// A China-time date and time: CSV `YYYY-MM-DD HH:MM:SS`, XLSX a real Excel date-time with
    /// `yyyy-mm-dd hh:mm:ss`.
    DateTime(chrono::NaiveDateTime),
    Empty,
}

impl Value {
    /// Text, or empty for `None`.
    pub fn text(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::Empty, |s| Value::Text(s.into()))
    }
    /// A date, or empty for `None`.
    pub fn date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Empty, Value::Date)
    }
}

/// A column: the CSV header (the import's English field name where there is one) and the XLSX
/// header in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// `Column { key, zh, en }`.
pub const fn col(key: &'static str, zh: &'static str, en: &'static str) -> Column {
    Column { key, zh, en }
}

/// A view's rows as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub view: View,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

/// What the scope sheet (说明) states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// 全营业部 or `陈芳丽(M03)`.
    pub scope: String,
    /// `(name, value)` of each filter in force (empty: none).
    pub filters: Vec<(String, String)>,
    /// The sort order, as the screen names it.
    pub sort: String,
    pub statistics_date: Option<NaiveDate>,
    pub today: NaiveDate,
    /// `刘峰凯(M01)`.
    pub exported_by: String,
    pub at: DateTime<Utc>,
    pub masked: bool,
    pub lang: Lang,
}

/// How to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub format: ExportFormat,
    /// The file to write.
    pub path: PathBuf,
    /// Full ID numbers and mobiles (supervisor only; audited).
    pub unmasked: bool,
    /// Replace an existing file.
    pub force: bool,
    pub now: DateTime<Utc>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub rows: usize,
    pub view: View,
}

/// `brokerdesk-<view>-<today>.<ext>` (the CLI's default file name, in the current directory).
pub fn default_file_name(view: View, today: NaiveDate, format: ExportFormat) -> String {
    format!("brokerdesk-{}-{today}.{}", view.code(), format.ext())
}

/// Exports `request` as the session's user: refuses `--unmasked` and the audit view to a manager
/// and a scope outside their book, builds the table, writes the file (see [`Options`]) and one
/// audit row (entity `export`, entity id the view, action `export`, or `unmask_export` for an
/// unmasked file; the new value names the format, rows, file and filters). A failed audit write
/// removes the file again.
pub fn run(s: &Session, request: &Request, opts: &Options) -> anyhow::Result<Written> {
    run_with_progress(s, request, opts, &mut |_| {})
}

/// How far an export has got (the TUI's status bar while its worker thread runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Reading the rows from the DB.
    Reading,
    /// Writing `rows` rows into the file (`FILE.part`, renamed when complete).
    Writing { rows: usize },
    /// Recording the audit row.
    Auditing,
}

/// [`run`], telling `progress` each step as it starts.
pub fn run_with_progress(
    s: &Session,
    request: &Request,
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Written> {
    let view = request.view();
    let lang = s.lang;
    if opts.unmasked && !s.is_supervisor() {
        bail!("{}", tr!(lang, ONLY_THE_SUPERVISOR_MAY_EXPORT_UNMASKED));
    }
    if view == View::Audit && !s.is_supervisor() {
        bail!("{}", tr!(lang, ONLY_THE_SUPERVISOR_MAY_EXPORT_THE));
    }
    if !s.is_supervisor() && request.scope() != Some(&s.scope) {
        bail!("{}", tr!(lang, YOU_MAY_EXPORT_ONLY_YOUR_OWN));
    }
    progress(Progress::Reading);
    let table = views::table(&s.conn, request, s.today, &s.rules, !opts.unmasked, lang)?;
    let meta = Meta {
        scope: scope::scope_label(&s.conn, request.scope(), lang)?,
        filters: scope::describe_filters(request, lang),
        sort: scope::describe_sort(request, lang),
        statistics_date: crate::store::accounts::statistics_date(&s.conn)?,
        today: s.today,
        exported_by: format!("{}({})", s.user.name, s.user.manager_id),
        at: opts.now,
        masked: !opts.unmasked,
        lang,
    };
    progress(Progress::Writing { rows: table.rows.len() });
    let bytes = match opts.format {
        ExportFormat::Csv => csv::write(&table)?,
        ExportFormat::Xlsx => xlsx::write(&table, &meta)?,
    };
    write_file(&opts.path, &bytes, opts.force, lang)?;
    // the full path: in the audit row and in what the user is told
    let path = std::path::absolute(&opts.path).unwrap_or_else(|_| opts.path.clone());
    progress(Progress::Auditing);
    let audit = (|| -> anyhow::Result<()> {
        let new_value = serde_json::json!({
            "format": opts.format.ext(),
            "rows": table.rows.len(),
            "file": path.display().to_string(),
            "masked": !opts.unmasked,
            "scope": meta.scope,
            "filters": meta.filters.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>(),
        })
        .to_string();
        let tx = crate::store::write_tx_shared(&s.conn)?;
        crate::store::audit::record(
            &tx,
            &crate::store::audit::AuditEntry {
                at: opts.now,
                actor: &s.user.manager_id,
                entity: "export",
                entity_id: view.code(),
                action: if opts.unmasked { "unmask_export" } else { "export" },
                old_value: None,
                new_value: Some(&new_value),
            },
        )?;
        tx.commit()?;
        Ok(())
    })();
    if let Err(e) = audit {
        let _ = std::fs::remove_file(&opts.path);
        return Err(e.context(crate::i18n::Msg::ExportAuditFailed.render(lang)));
    }
    Ok(Written { path, rows: table.rows.len(), view })
}

/// The file an export is written to before it is complete: `FILE.part` beside `FILE`.
pub fn part_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".part");
    path.with_file_name(name)
}

/// Writes `bytes` to `path`, readable and writable by its owner only (the file holds customer
/// data): first to `FILE.part` (see [`part_path`]), synced, then renamed to `FILE`, so a killed
/// export never leaves a half file under the final name. A new file, or over an existing one
/// only when `force`.
fn write_file(path: &Path, bytes: &[u8], force: bool, lang: crate::session::Lang) -> anyhow::Result<()> {
    use crate::i18n::Msg;
    use std::io::Write;
    let shown = || path.display().to_string();
    if path.is_dir() {
        bail!(Msg::IsAFolder { path: shown() }.render(lang));
    }
    if path.exists() && !force {
        bail!(Msg::ExistsAlready { path: shown() }.render(lang));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
        // a typo in the folder is refused, not created (the TUI makes its own exports/ folder)
        bail!(Msg::NoSuchFolder { path: dir.display().to_string() }.render(lang));
    }
    let part = part_path(path);
    // a `.part` left by a killed export is ours to replace
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| -> anyhow::Result<()> {
        let mut file = options.open(&part).with_context(|| Msg::Creating { path: shown() }.render(lang))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .with_context(|| Msg::Writing { path: shown() }.render(lang))?;
        if force {
            std::fs::rename(&part, path).with_context(|| Msg::Writing { path: shown() }.render(lang))?;
        } else {
            // no-clobber: a link fails if the file appeared meanwhile; where links are not
            // supported, a rename after the check above
            match std::fs::hard_link(&part, path) {
                Ok(()) => std::fs::remove_file(&part)?,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    bail!(Msg::ExistsAlready { path: shown() }.render(lang))
                }
                Err(_) => std::fs::rename(&part, path).with_context(|| Msg::Writing { path: shown() }.render(lang))?,
            }
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written
}
