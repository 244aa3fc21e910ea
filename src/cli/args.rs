//! The command line's shape (SPEC §6): global options, the subcommands and their arguments (clap
//! derive), and what the global options resolve to (the DB path, the rules in force).

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::rules::Rules;
use crate::i18n::Msg;
use crate::report::Format;
use crate::session::Lang;

/// brokerdesk — 客户经理的终端工作台：分级分类、回访、持仓风险预警、风险测评。
#[derive(Debug, Parser)]
#[command(name = "brokerdesk", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The environment variable naming the book when `--db` is not given (a file or a
/// `postgres://` URL).
pub const DB_ENV: &str = "BROKERDESK_DB";

/// Where the book is: a SQLite file or a PostgreSQL server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    File(PathBuf),
    /// A `postgres://` URL (password included: never shown; see `store::pg::mask_url`).
    Server(String),
}

impl DbTarget {
    /// How the book is named to people: the file path, or the URL with its password masked.
    pub fn label(&self) -> String {
        match self {
            DbTarget::File(p) => p.display().to_string(),
            DbTarget::Server(url) => crate::store::pg::mask_url(url),
        }
    }
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// SQLite file (default: the platform data dir, e.g. ~/.local/share/brokerdesk/brokerdesk.db),
    /// or a branch's PostgreSQL book `postgres://user@host:port/db` (also from BROKERDESK_DB).
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
    /// Act as this manager (客户经理编号): see only their book. Without it: the branch's supervisor.
    #[arg(long, global = true, value_name = "ID")]
    pub manager: Option<String>,
    /// Override today's date (China time) for reviews of a past day and for tests.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub today: Option<NaiveDate>,
    /// UI language.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// A firm's own rules file (same shape as assets/rules.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Screen the TUI opens at.
    #[arg(long, value_enum)]
    pub screen: Option<crate::tui::ScreenId>,
    /// Customer (资金账号) for `--screen customer`.
    #[arg(long, value_name = "ID")]
    pub customer: Option<String>,
    /// The interview's questionnaire (TOML, SPEC §4.1) for customers of its audience; else the
    /// config directory's questionnaires, else the embedded ones.
    #[arg(long, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,
}

/// Sort orders of the customer list on the command line (`render customers --sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// 资产↓ total assets, largest first.
    Assets,
    /// 贡献↓ 12-month contribution, largest first.
    Contribution,
    /// 等级 tier, then assets.
    Tier,
    /// 姓名 name (pinyin order).
    Name,
    /// 账号 资金账号.
    Account,
}

impl SortArg {
    /// The list's sort key.
    pub fn key(self) -> crate::store::book::SortKey {
        use crate::store::book::SortKey;
        match self {
            SortArg::Assets => SortKey::AssetsDesc,
            SortArg::Contribution => SortKey::ContributionDesc,
            SortArg::Tier => SortKey::Tier,
            SortArg::Name => SortKey::Name,
            SortArg::Account => SortKey::CustomerId,
        }
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or refresh the demo branch book from the embedded real market data.
    Demo {
        /// Number of customers (3,000 by default; 100,000 for branch-scale runs; at most 5,000,000).
        #[arg(long, default_value_t = crate::demo::DEFAULT_CUSTOMERS, value_parser = parse_customers)]
        customers: usize,
        /// Generator seed: the same seed, size and --today give the same book.
        #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
        seed: u64,
    },
    /// Draw one screen headless (same code as the TUI) and print it as text.
    Render {
        #[arg(value_enum)]
        screen: crate::tui::ScreenId,
        /// Columns (drawn at most 1000 wide).
        #[arg(long, default_value_t = 80)]
        width: u16,
        /// Rows (drawn at most 500 high).
        #[arg(long, default_value_t = 24)]
        height: u16,
        /// Customer (资金账号) for the customer screen (default: the first in the list).
        #[arg(long, value_name = "ID")]
        customer: Option<String>,
        /// Customers screen: the list as after typing `/TEXT` Enter (name, 资金账号, last 4 of the mobile).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Customers screen: the list as after `s` until sorted by KEY.
        #[arg(long, value_enum, value_name = "KEY")]
        sort: Option<SortArg>,
    },
    /// Import a back-office export (CSV/TSV in UTF-8, GBK/GB18030 or UTF-16, or an Excel .xlsx/.xls
    /// workbook; English or Chinese headers; docs/import-formats.md). All-or-nothing: a file with
    /// any bad row is refused whole with every bad line listed, unless --skip-bad.
    Import {
        /// What the file holds.
        #[arg(value_enum)]
        kind: crate::import::ImportKind,
        /// The file to read.
        file: PathBuf,
        /// Force the encoding (utf-8, gbk, gb18030, utf-16le, utf-16be); detected when absent.
        #[arg(long)]
        encoding: Option<String>,
        /// Import the good rows and write the bad ones to a rejects file.
        #[arg(long)]
        skip_bad: bool,
        /// Where --skip-bad writes the bad rows (default: <file stem>.rejects.csv beside the file).
        #[arg(long, value_name = "PATH")]
        rejects: Option<PathBuf>,
    },
    /// Reports to stdout (plain text, or --format csv|json).
    Report {
        #[command(subcommand)]
        report: ReportCmd,
    },
    /// Questionnaire tools.
    Assess {
        #[command(subcommand)]
        assess: AssessCmd,
    },
    /// Holding-risk alerts (SPEC §4.7).
    Alerts {
        #[command(subcommand)]
        alerts: AlertsCmd,
    },
    /// Export a view as CSV (UTF-8 with BOM) or XLSX: personal data masked unless --unmasked
    /// (supervisor only, audited); every export is written to the audit log.
    Export {
        #[arg(value_enum)]
        view: crate::export::View,
        #[arg(long, value_enum)]
        format: crate::export::ExportFormat,
        /// The file to write (default: brokerdesk-<view>-<today>.<ext> in the current directory).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Full ID numbers and mobiles (the supervisor only; written to the audit log).
        #[arg(long)]
        unmasked: bool,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
        /// customers: only this tier (T1…T4).
        #[arg(long, value_name = "TIER")]
        tier: Option<String>,
        /// customers: only this risk type (conservative, balanced, aggressive, professional, unassessed, or 保守型 …).
        #[arg(long = "type", value_name = "TYPE")]
        risk_type: Option<String>,
        /// customers: name, 资金账号 or last 4 digits of the mobile contains this.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// segments: the matrix on another axis (abcd, growth, age, tenure, concentration, pnl), as
        /// `report segments --axes` gives it.
        #[arg(long, value_name = "AXIS")]
        axes: Option<String>,
    },
    /// 存量客户分配 (SPEC §4.8, supervisor only): move a departing manager's whole book
    /// (`--from M`, active and dormant customers) or one customer (`--customer ID`) to `--to`.
    /// Several receivers (`--to M2,M3`) require `--balance`: each customer, largest assets first,
    /// goes to the receiver with the lowest share of customers + assets + that tier. Prints the
    /// before/after table per manager (customers, assets 万, tiers T1/T2/T3/T4); --dry-run writes
    /// nothing; otherwise applies it in one transaction (a reassignment record and an audit row
    /// per customer; open callbacks and alerts follow the customer).
    Allocate {
        /// The departing manager whose book moves.
        #[arg(long, value_name = "M", conflicts_with = "customer", required_unless_present = "customer")]
        from: Option<String>,
        /// One customer (资金账号) to move.
        #[arg(long, value_name = "ID")]
        customer: Option<String>,
        /// The receiving manager(s), comma-separated.
        #[arg(long, value_name = "M2,M3", value_delimiter = ',', required = true)]
        to: Vec<String>,
        /// Spread the customers over the receivers by count, assets and tier mix.
        #[arg(long)]
        balance: bool,
        /// Show the proposal only; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Integrity check and migration state of the DB.
    Check,
    /// Backup of the book to a new SQLite file PATH: a SQLite book's online backup (safe while the
    /// TUI runs; the supervisor's alone), or from a PostgreSQL book what the signed-in role reads.
    Backup {
        /// Target file.
        path: PathBuf,
    },
    /// Copy the SQLite book (--db) into an EMPTY PostgreSQL database in one transaction: the
    /// schema, every table, then every table counted on both sides (any difference rolls back).
    Migrate {
        /// The PostgreSQL database (postgres://user@host:port/database).
        #[arg(long, value_name = "URL")]
        to: String,
    },
    /// PostgreSQL database roles (docs/branch-server.md).
    Roles {
        #[command(subcommand)]
        roles: RolesCmd,
    },
}

/// `roles …`
#[derive(Debug, Subcommand)]
pub enum RolesCmd {
    /// As the owner: one login role per manager (bd_ + lower-case id, e.g. bd_m03), bd_supervisor
    /// for the branch head, row-level security per manager, record tables INSERT-only. Sets no
    /// password (the DBA does).
    Sync {
        /// The PostgreSQL book (postgres://owner@host:port/database); without it, the server
        /// book --db / BROKERDESK_DB names.
        #[arg(long, value_name = "URL")]
        pg: Option<String>,
    },
}

/// `report …`
#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// 分级分类: customers and total assets per tier × risk type (20 rows); with `--axes`, per tier
    /// × segment of that axis (CSV header `axis,segment,tier,customers,total_assets_yuan,threshold`).
    Segments {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Another axis of SPEC §4.4 (thresholds: the branch medians).
        #[arg(long, value_parser = ["abcd", "growth", "age", "tenure", "concentration", "pnl"])]
        axes: Option<String>,
    },
    /// 回访: every open callback in scope, earliest due first
    /// (CSV header `customer_id,manager_id,due_on,reason,tries,overdue_days`).
    Callbacks {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 回访覆盖率: per manager and for the branch (`ALL`), the customers active at the start of the
    /// year (dormant excluded) and how many were reached that year
    /// (CSV header `manager_id,active_at_start,reached,share_pct,meets_10pct`).
    Coverage {
        /// The year (default: today's).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The latest assessment per customer in scope (CSV header
    /// `customer_id,level,score,lowest,assessed_on,valid_until,state,source,manager_id`).
    Assessments {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 预警: every alert (history included). CSV header
    /// `customer_id,rule,severity,subject,status,first_seen,last_seen,message`.
    Alerts {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// `alerts …`
#[derive(Debug, Subcommand)]
pub enum AlertsCmd {
    /// Evaluate every rule over the whole book in one transaction (also run after each import).
    Run,
}

/// `assess …`
#[derive(Debug, Subcommand)]
pub enum AssessCmd {
    /// Score a filled questionnaire without the TUI.
    Score {
        /// Questionnaire definition (TOML, SPEC §4.1 format).
        #[arg(long, value_name = "FILE")]
        questionnaire: PathBuf,
        /// One token per question in file order; a multi-select token lists its letters: "A,C,B,AD,…".
        #[arg(long)]
        answers: String,
        /// Age in years (an age under 18 forces the lowest category).
        #[arg(long)]
        age: Option<u32>,
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// The signable record of a customer's assessment (the latest, or --assessment ID).
    Print {
        /// Customer (资金账号).
        customer: String,
        /// Record id (UUID) of one of the customer's assessments.
        #[arg(long, value_name = "ID")]
        assessment: Option<String>,
        #[arg(long, value_enum, default_value_t = PrintFormat::Text)]
        format: PrintFormat,
        /// Write to FILE instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Record a professional-investor classification (SPEC §4.2) on the customer's request:
    /// ordinary → professional (the figures must meet the thresholds) or back to ordinary.
    Professional {
        /// Customer (资金账号).
        customer: String,
        /// `professional` or `ordinary`.
        #[arg(long, value_enum)]
        to: ClassArg,
        /// Financial assets in yuan (金融资产).
        #[arg(long, value_name = "YUAN", default_value = "0")]
        financial_assets: String,
        /// Average annual income over the last 3 years, yuan.
        #[arg(long, value_name = "YUAN", default_value = "0")]
        income: String,
        /// Net assets in yuan (institutions).
        #[arg(long, value_name = "YUAN", default_value = "0")]
        net_assets: String,
        /// Years of investing or finance work.
        #[arg(long, default_value_t = 0)]
        years: u32,
        /// The customer's reason.
        #[arg(long)]
        reason: String,
    },
}

/// Output of `assess print`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrintFormat {
    Text,
    Html,
}

/// Target class of `assess professional`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassArg {
    Professional,
    Ordinary,
}

/// Output of `assess score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
}

/// `--today`: exactly `YYYY-MM-DD` (four-digit year, two-digit month and day; no sign) within
/// 1990–2200.
fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| shaped)
        .ok_or_else(|| format!("{s:?} is not a date YYYY-MM-DD"))?;
    if !(1990..=2200).contains(&chrono::Datelike::year(&date)) {
        return Err(format!("{s:?}: the year must be between 1990 and 2200"));
    }
    Ok(date)
}

/// Most customers `demo` builds.
pub const MAX_DEMO_CUSTOMERS: usize = 5_000_000;

/// `demo --customers`: 1..=5,000,000.
fn parse_customers(s: &str) -> Result<usize, String> {
    match s.trim().replace(['_', ','], "").parse::<u64>() {
        Ok(n) if (1..=MAX_DEMO_CUSTOMERS as u64).contains(&n) => Ok(n as usize),
        _ => Err(format!("{s:?}: the number of customers must be between 1 and {MAX_DEMO_CUSTOMERS}")),
    }
}

impl Global {
    /// The book to open: `--db`, else `BROKERDESK_DB`, else the platform default file. A
    /// `postgres://` (or `postgresql://`) URL names a PostgreSQL book (issue 12); any other
    /// `scheme://` is refused before anything is created (it used to become a folder).
    pub fn db_target(&self) -> anyhow::Result<DbTarget> {
        let given = self.db.clone().or_else(|| std::env::var_os(DB_ENV).filter(|v| !v.is_empty()).map(PathBuf::from));
        match given {
            Some(p) if p.to_str().is_some_and(crate::store::pg::is_url) => {
                Ok(DbTarget::Server(p.to_string_lossy().into_owned()))
            }
            Some(p) if p.to_str().is_some_and(|s| s.contains("://")) => {
                let url = crate::store::pg::mask_url(&p.to_string_lossy());
                Err(crate::store::StoreError::Refused(Box::new(crate::i18n::Msg::Pg(
                    crate::i18n::pg::PgMsg::NotPgUrl { url },
                )))
                .into())
            }
            Some(p) => Ok(DbTarget::File(p)),
            None => Ok(DbTarget::File(crate::store::default_db_path()?)),
        }
    }

    /// Whether the book was named (`--db` or `BROKERDESK_DB`) rather than the default file.
    pub fn db_named(&self) -> bool {
        self.db.is_some() || std::env::var_os(DB_ENV).is_some_and(|v| !v.is_empty())
    }

    /// The DB file for the paths only a SQLite file has (writer notes, lock messages); `None`
    /// for a server book.
    pub fn db_path(&self) -> anyhow::Result<Option<PathBuf>> {
        Ok(match self.db_target()? {
            DbTarget::File(p) => Some(p),
            DbTarget::Server(_) => None,
        })
    }
    /// The rules in force.
    pub fn load_rules(&self) -> anyhow::Result<Rules> {
        match &self.rules {
            None => Ok(Rules::defaults()),
            Some(path) => {
                let text = crate::config::read_definition(path)
                    .with_context(|| Msg::Reading { path: path.display().to_string() }.render(self.lang))?;
                Ok(Rules::from_toml(&text, &path.display().to_string())?)
            }
        }
    }
}
