//! The demo book (`brokerdesk demo`): one branch of a Shanghai brokerage with real A-share
//! securities and prices, managers, customers whose asset sizes follow the CSDC distribution,
//! holdings at real closes, account snapshots and questionnaire answers scored by the real engine.
//!
//! The generator is deterministic for a given [`DemoOptions`] (a seeded PCG64; no hash-map order
//! reaches the output) and produces the same CSV files a back office would export
//! ([`DemoBook::csv`]); [`build`] feeds them through [`crate::import::import_bytes`], the path real
//! files take. Money in fen, prices in 厘 (1/1000 yuan), as in [`crate::domain::model`].
//!
//! Files: [`calibration`] (published statistics), [`market`] (embedded data), [`names`],
//! [`people`] (IDs, mobiles, ages), [`portfolio`] (holdings and activity), [`answers`]
//! (questionnaire sheets), [`book`] (the generator), [`csv_out`] (import files), [`stats`]
//! (measured distributions), `draw` (weighted picks and band lookups shared by the others).

pub mod answers;
pub mod book;
pub mod calibration;
pub mod callbacks;
pub mod csv_out;
mod draw;
pub mod market;
pub mod names;
pub mod people;
pub mod portfolio;
pub mod stats;

use crate::store::db::Db;
use std::borrow::Cow;

use chrono::NaiveDate;

use crate::domain::rules::Rules;
use crate::import::{ImportKind, ImportOptions, ImportReport, import_bytes};

pub use book::DemoBook;
pub use stats::DemoStats;

/// The demo branch (营业部).
pub const BRANCH: &str = "上海陆家嘴证券营业部";
/// The default seed of the generator.
pub const DEFAULT_SEED: u64 = 20_250_826;
/// The default number of customers.
pub const DEFAULT_CUSTOMERS: usize = 3_000;
/// The actor recorded by the demo's imports.
pub const DEMO_ACTOR: &str = "demo";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Number of customers (default 3,000; 100,000 for a branch-size benchmark).
    pub customers: usize,
    /// Seed of the generator; the same options always give the same book.
    pub seed: u64,
    /// Today (China date): assessment dates and ages are counted back from it. The statistics
    /// date is fixed by the embedded prices (2025-08-26).
    pub today: NaiveDate,
}

impl Default for DemoOptions {
    /// 3,000 customers, [`DEFAULT_SEED`], today = 2025-08-27 (the trading day after the statistics date).
    fn default() -> DemoOptions {
        DemoOptions {
            customers: DEFAULT_CUSTOMERS,
            seed: DEFAULT_SEED,
            today: NaiveDate::from_ymd_opt(2025, 8, 27).expect("valid date"),
        }
    }
}

/// The import files of the demo, in the order [`build`] imports them (dependencies first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DemoFile {
    Managers,
    Securities,
    Prices,
    Customers,
    Holdings,
    Accounts,
    Assessments,
    Orders,
}

impl DemoFile {
    /// All files in import order.
    pub const ALL: [DemoFile; 8] = [
        DemoFile::Managers,
        DemoFile::Securities,
        DemoFile::Prices,
        DemoFile::Customers,
        DemoFile::Holdings,
        DemoFile::Accounts,
        DemoFile::Assessments,
        DemoFile::Orders,
    ];

    /// The import kind this file is imported as.
    pub fn import_kind(self) -> ImportKind {
        match self {
            DemoFile::Managers => ImportKind::Managers,
            DemoFile::Securities => ImportKind::Securities,
            DemoFile::Prices => ImportKind::Prices,
            DemoFile::Customers => ImportKind::Customers,
            DemoFile::Holdings => ImportKind::Holdings,
            DemoFile::Accounts => ImportKind::Accounts,
            DemoFile::Assessments => ImportKind::Assessments,
            DemoFile::Orders => ImportKind::Orders,
        }
    }

    /// The name the file is imported under (shown in import reports and errors).
    pub fn file_name(self) -> &'static str {
        match self {
            DemoFile::Managers => "demo/managers.csv",
            DemoFile::Securities => "demo/securities.csv",
            DemoFile::Prices => "demo/prices.csv",
            DemoFile::Customers => "demo/customers.csv",
            DemoFile::Holdings => "demo/holdings.csv",
            DemoFile::Accounts => "demo/accounts.csv",
            DemoFile::Assessments => "demo/assessments.csv",
            DemoFile::Orders => "demo/orders.csv",
        }
    }
}

/// Why the demo could not be generated or imported.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The embedded market data is unreadable (a build problem).
    #[error("demo market data: {0}")]
    Market(String),
    /// An import of a demo file failed or rejected rows.
    #[error("demo import of {file}: {message}")]
    Import { file: &'static str, message: String },
    /// `today` is before the embedded data's statistics date, so the demo's snapshots would lie in
    /// the future.
    #[error("the demo data runs to {statistics_date}; today ({today}) must be on or after it")]
    TodayBeforeData { today: NaiveDate, statistics_date: NaiveDate },
}

/// The book for `opts`, as domain records (no database), scored with the default questionnaire.
pub fn generate(opts: &DemoOptions) -> Result<DemoBook, DemoError> {
    let market = market::market().map_err(DemoError::Market)?;
    Ok(book::generate_book(market, &crate::assets::default_questionnaire(), opts))
}

impl DemoBook {
    /// The import file `file` as UTF-8 CSV bytes with the SPEC §3 English header (securities and
    /// prices are the embedded files as they are).
    pub fn csv(&self, file: DemoFile) -> Result<Cow<'static, [u8]>, DemoError> {
        Ok(match file {
            DemoFile::Managers => Cow::Owned(csv_out::managers(self)),
            DemoFile::Securities => Cow::Borrowed(market::securities_csv().map_err(DemoError::Market)?),
            DemoFile::Prices => Cow::Borrowed(market::prices_csv().map_err(DemoError::Market)?),
            DemoFile::Customers => Cow::Owned(csv_out::customers(self)),
            DemoFile::Holdings => Cow::Owned(csv_out::holdings(self)),
            DemoFile::Accounts => Cow::Owned(csv_out::accounts(self)),
            DemoFile::Assessments => Cow::Owned(csv_out::assessments(self)),
            DemoFile::Orders => Cow::Owned(csv_out::orders(self)),
        })
    }

    /// Distributions of this book as of `today` (expiring window of the default rules).
    pub fn stats(&self, today: NaiveDate) -> DemoStats {
        stats::measure(self, today, Rules::defaults().assessment.expiring_days)
    }
}

/// What [`build`] did.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// The branch name.
    pub branch: &'static str,
    pub managers: usize,
    pub customers: usize,
    /// Account snapshot rows (current and one year earlier).
    pub accounts: usize,
    pub holdings: usize,
    /// Assessment rows (some customers have an older, superseded one).
    pub assessments: usize,
    pub securities: usize,
    pub price_bars: usize,
    /// The statistics date of the current snapshot and holdings (the latest price date).
    pub statistics_date: NaiveDate,
    /// The date of the earlier snapshot.
    pub previous_date: NaiveDate,
    /// Measured distributions of the generated book (as of `today`).
    pub stats: DemoStats,
    /// One report per imported file, in import order.
    pub imports: Vec<ImportReport>,
    /// What the alert rules found over the new book.
    pub alerts: crate::store::alerts::RunSummary,
    /// The 12-month callback history written after the imports.
    pub callbacks: callbacks::HistorySummary,
}

/// Generates the book for `opts` and imports it into `conn` through
/// [`crate::import::import_bytes`] (the path real back-office files take), file by file in
/// dependency order: managers, securities, prices, customers, holdings, accounts, assessments.
///
/// Running it again with the same options refreshes the same book: imports upsert on business
/// keys and an identical assessment row is left unchanged. Each file is one transaction; a refused
/// file stops the build with [`DemoError::Import`].
///
/// Then, each once over the whole book: the `customer_book` refresh (the imports skip theirs),
/// the alert rules and the callback history. A new, empty file is filled with the bulk settings
/// of [`crate::store::bulk::NewFileBuild`] (no WAL, no fsync, a bigger cache; WAL again at the
/// end); the generated records are freed once imported, before the alert run.
pub fn build(conn: &mut Db, opts: &DemoOptions) -> Result<DemoSummary, DemoError> {
    let market = market::market().map_err(DemoError::Market)?;
    let statistics_date = market.statistics_date();
    if opts.today < statistics_date {
        return Err(DemoError::TodayBeforeData { today: opts.today, statistics_date });
    }
    let book = generate(opts)?;
    // a new file is filled with the bulk settings (no WAL, no fsync, bigger cache)
    let bulk = crate::store::bulk::NewFileBuild::start(conn)
        .map_err(|e| DemoError::Import { file: "settings", message: e.to_string() })?;
    let import_opts = ImportOptions {
        encoding: None,
        skip_bad: false,
        rejects_path: None,
        actor: DEMO_ACTOR.to_string(),
        today: opts.today,
        now: crate::clock::now(Some(opts.today)),
        rules: Rules::defaults(),
        alerts: false,
        replan: false,
        // the book once after the last file, not after each of managers/customers/accounts/assessments
        refresh_book: false,
        // a refused demo file is a generator bug, reported to developers in English
        lang: crate::session::Lang::En,
    };
    let mut imports = Vec::with_capacity(DemoFile::ALL.len());
    for file in DemoFile::ALL {
        let bytes = book.csv(file)?;
        let report = import_bytes(conn, file.import_kind(), file.file_name(), &bytes, &import_opts)
            .map_err(|e| DemoError::Import { file: file.file_name(), message: e.to_string() })?;
        if report.rejected > 0 {
            return Err(DemoError::Import {
                file: file.file_name(),
                message: format!("{} rows rejected", report.rejected),
            });
        }
        imports.push(report);
    }
    // what the summary needs of the generated book; then the book is freed before the alert run
    // and the callback history (at 1M customers it is hundreds of MB)
    let measured = stats::measure(&book, opts.today, import_opts.rules.assessment.expiring_days);
    let (managers, customers, accounts, holdings, assessments) =
        (book.managers.len(), book.customers.len(), book.accounts.len(), book.holdings.len(), book.assessments.len());
    let (statistics_date, previous_date) = (book.statistics_date, book.previous_date);
    drop(book);
    // the customer_book once over the imported records (what the last file's refresh gave)
    let refreshed = (|| {
        let tx = crate::store::write_tx(conn)?;
        crate::store::book::refresh(&tx, &import_opts.rules)?;
        tx.commit()
    })();
    refreshed.map_err(|e| DemoError::Import { file: "customer_book", message: e.to_string() })?;
    // the alert rules once over the whole book (not after each file)
    let alerts = crate::store::alerts::run_now(
        conn,
        &crate::store::alerts::Which::All,
        opts.today,
        import_opts.now,
        &import_opts.rules,
    )
    .map_err(|e| DemoError::Import { file: "alerts", message: e.to_string() })?;
    let history = callbacks::history(conn, opts.seed, opts.today, &import_opts.rules)
        .map_err(|e| DemoError::Import { file: "callbacks", message: e.to_string() })?;
    if let Some(bulk) = bulk {
        bulk.finish(conn).map_err(|e| DemoError::Import { file: "settings", message: e.to_string() })?;
    }
    Ok(DemoSummary {
        alerts,
        branch: BRANCH,
        managers,
        customers,
        accounts,
        holdings,
        assessments,
        securities: market.securities,
        price_bars: market.price_bars,
        statistics_date,
        previous_date,
        stats: measured,
        imports,
        callbacks: history,
    })
}

#[cfg(test)]
mod tests;
