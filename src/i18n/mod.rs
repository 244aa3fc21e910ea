//! The message catalogue (issue 8, "Language"), one module per language ([`zh`], [`en`]): the
//! screens' fixed texts by key (`zh::ui`, `en::ui`, picked with [`tr!`]), and every message of the importer — cell parsers,
//! decoding, headers, the rows' cross-checks, the Rejected summary and the report line — as one
//! [`Msg`] variant carrying its values, rendered in Simplified Chinese ([`zh`], the default) or
//! English ([`en`], `--lang en`).
//!
//! Each language is one exhaustive `match` over [`Msg`], so a message without a translation does
//! not compile. Values (cells as written in the file, dates, numbers, codes) are carried raw and
//! written the same in both languages; Chinese text uses full-width punctuation around them.
//! Parsers stay pure and language-free (`fn date(&str) -> Result<NaiveDate, Msg>`); the import
//! renders with its [`ImportOptions::lang`](crate::import::ImportOptions::lang) when it records a
//! problem.

pub mod en;
pub mod import_msg;
pub mod pg;
pub mod rel;
pub mod zh;

/// A screen's text `KEY` in `lang`: `tr!(lang, SEARCH)` → `"搜索"` or `"Search"` (a
/// `&'static str` from [`zh::ui`] or [`en::ui`]). Every key exists in both languages; a key
/// missing from either does not compile. Texts with values are [`Msg`] variants instead.
macro_rules! tr {
    ($lang:expr, $key:ident) => {
        match $lang {
            $crate::session::Lang::Zh => $crate::i18n::zh::ui::$key,
            $crate::session::Lang::En => $crate::i18n::en::ui::$key,
        }
    };
}

use chrono::NaiveDate;

use crate::domain::id_number::{Gender, IdError};
use crate::domain::alerts::AlertRule;
use crate::domain::model::CustomerKind;
use crate::domain::risk::{RiskLevel, Suitability};
use crate::domain::scoring::AnswerError;
use crate::import::ImportKind;
pub use crate::session::Lang;

mod parts;
pub use parts::*;

/// One message, with its values. Cells (`text`) are as written in the file, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    // ── cell parsers (src/import/fields.rs) ──
    /// A required cell is empty.
    Required,
    /// Not a date in any accepted form.
    NotADate {
        text: String,
    },
    /// A real date outside 1900–2099.
    DateOutOfRange {
        text: String,
    },
    /// Not an order time; `hint` adds the accepted form.
    NotATime {
        text: String,
        hint: bool,
    },
    /// Thousands separators not in groups of 3.
    MisplacedSeparator {
        text: String,
    },
    /// A free-text cell with a control character (its code point).
    ControlChar {
        code: u32,
    },
    /// A business key with a character that keys may not have.
    BadKeyChar {
        text: String,
        bad: KeyChar,
    },
    /// A number cell that is empty after cleaning.
    EmptyNumber {
        noun: Noun,
    },
    /// Not a number.
    NotANumber {
        noun: Noun,
        text: String,
    },
    /// Not a whole number (a quantity or volume).
    NotAWholeNumber {
        noun: Noun,
        text: String,
    },
    /// More decimals than `places` (2 for amounts: finer than a fen; 3 for prices).
    TooManyDecimals {
        places: u8,
        text: String,
    },
    /// A number beyond i64.
    TooLarge {
        noun: Noun,
        text: String,
    },
    /// A negative number where none may be.
    Negative {
        noun: Noun,
        text: String,
    },
    /// Cash or total assets below zero (an ordinary capital account cannot overdraw).
    MustNotBeNegative,
    UnknownGender {
        text: String,
    },
    NotAMobile {
        text: String,
    },
    NotAVersion {
        text: String,
    },
    UnknownRiskRating {
        text: String,
    },
    /// A coded value none of `accepted` (code, Chinese label).
    UnknownValue {
        text: String,
        accepted: Vec<(&'static str, &'static str)>,
    },

    // ── decoding (src/import/decode.rs) ──
    /// An `--encoding` not in `accepted`.
    UnknownEncoding {
        text: String,
        accepted: &'static [&'static str],
    },
    /// Invalid UTF-8 at 1-based byte `byte`.
    NotUtf8 {
        byte: usize,
    },
    /// Bytes invalid in `encoding` at 1-based byte `byte`.
    InvalidBytes {
        encoding: &'static str,
        byte: usize,
    },
    /// Neither UTF-8 nor GB18030 (bytes invalid in `encoding` at `byte`).
    NeitherUtf8NorGbk {
        encoding: &'static str,
        byte: usize,
    },

    // ── header and file shape (src/import/headers.rs, mod.rs) ──
    /// Two columns with the same header (1-based column numbers).
    DuplicateColumn {
        a: usize,
        b: usize,
        header: String,
    },
    /// Two columns naming the same field differently.
    AmbiguousColumns {
        a: usize,
        header_a: String,
        b: usize,
        header_b: String,
        col: ColName,
    },
    /// None of the kind's columns found.
    NotAKindFile {
        kind: ImportKind,
        expected: Vec<ColName>,
    },
    /// Required columns missing.
    MissingColumns {
        kind: ImportKind,
        missing: Vec<ColName>,
    },
    /// No header row at all.
    EmptyFile {
        kind: ImportKind,
    },
    /// A quote opened in the header's 1-based `column` and never closed.
    HeaderUnterminated {
        column: usize,
        last_line: u64,
    },
    /// A quote opened in a row and never closed.
    RowUnterminated {
        last_line: u64,
    },
    /// A column without a header, named by its 1-based number (as a field name).
    ColumnN {
        n: usize,
    },
    /// A row that yielded no record and no problem (should not happen).
    CouldNotBeRead,
    /// The csv reader's own error text.
    Csv {
        detail: String,
    },

    // ── rows' checks (src/import/kinds) ──
    /// The same business key as line `line`; `fields` are the key's headers as written.
    DuplicateOf {
        line: u64,
        fields: Vec<String>,
    },
    /// A date after today.
    AfterToday {
        what: DateNoun,
        day: NaiveDate,
        today: NaiveDate,
    },
    /// An order time (China time, `YYYY-MM-DD HH:MM:SS`) on a day after today.
    OrderTimeAfterToday {
        time: String,
        today: NaiveDate,
    },
    /// A date before the account was opened.
    BeforeOpening {
        what: DateNoun,
        day: NaiveDate,
        opened: NaiveDate,
    },
    LastTradeAfterStatisticsDate {
        trade: NaiveDate,
        as_of: NaiveDate,
    },
    UnknownCustomer {
        id: String,
    },
    UnknownSecurity {
        code: String,
    },
    UnknownManager {
        id: String,
    },
    OpeningBeforeBirth {
        opened: NaiveDate,
        born: NaiveDate,
    },
    SecurityCodeHasSpaces {
        code: String,
    },
    OrderQuantityZero,
    PriceNotPositive {
        which: BarPrice,
    },
    /// Prices as yuan with 3 decimals.
    LowAboveHigh {
        low: String,
        high: String,
    },
    OutsideLowHigh {
        which: BarPrice,
        value: String,
        low: String,
        high: String,
    },
    UnknownQuestionnaire {
        id: String,
    },
    NoSuchVersion {
        id: String,
        version: u32,
        known: Vec<u32>,
    },
    CannotReadQuestionnaire {
        id: String,
        version: u32,
        detail: String,
    },
    AssessmentAlreadyRecorded {
        customer: String,
        on: NaiveDate,
        id: String,
        version: u32,
        answers: String,
    },
    CannotReadRecordedAssessments {
        detail: String,
    },
    /// A wrong answer sheet (src/domain/scoring.rs).
    Answer(AnswerError),
    /// A bad unified social credit code; `stored` is the stored kind the ID was read by.
    BadUscc {
        text: String,
        error: IdError,
        stored: Option<CustomerKind>,
    },
    /// A bad resident ID; `stored` as for [`Msg::BadUscc`].
    BadResidentId {
        text: String,
        issue: IdIssue,
        stored: Option<CustomerKind>,
    },
    IdBirthInFuture {
        number: String,
        birth: NaiveDate,
    },
    /// A stated gender `cell` that the ID number contradicts.
    GenderMismatch {
        cell: String,
        number: String,
        gender: Gender,
    },
    BirthDateMismatch {
        given: NaiveDate,
        number: String,
        birth: NaiveDate,
    },

    // ── summaries (src/import/error.rs, mod.rs) ──
    /// The first line of a refused file's error.
    Rejected {
        file: String,
        problems: usize,
        bad_rows: usize,
        total: usize,
    },
    /// After the first problems shown: how many more.
    AndMore {
        n: usize,
    },
    /// The report line of a finished import (boxed: the largest message).
    Report(Box<ReportLine>),
    /// The label before a header error (`FILE:LINE: header: …`).
    HeaderLabel,
    /// The label before an encoding error.
    EncodingLabel,

    // ── the settings file (src/config.rs) ──
    /// The settings file could not be read or is not valid TOML / has an unknown key.
    ConfigUnreadable {
        path: String,
        detail: String,
    },
    /// `lang` is neither `zh` nor `en`.
    ConfigBadLang {
        path: String,
        value: String,
    },
    /// `BROKERDESK_CONFIG` names a file that does not exist.
    ConfigMissing {
        var: &'static str,
        path: String,
    },
    /// A warning: the default settings file cannot be looked for (its folder is unreadable); the
    /// start goes on without settings.
    ConfigDirUnreadable {
        path: String,
        detail: String,
    },

    // ── the signable assessment record (src/print.rs) ──
    /// No customer of that id.
    PrintNoCustomer { id: String },
    /// The assessment id is not one of the customer's.
    PrintNoSuchAssessment { id: String, customer: String },
    /// The customer has never been assessed.
    PrintNoAssessment { customer: String },

    // ── the database and the demo, as the user reads them (src/cli/localize.rs) ──
    /// The DB file could not be opened.
    DbOpen { path: String, detail: String },
    /// The schema upgrade failed (the file was backed up first).
    DbMigrate { path: String, detail: String },
    /// The DB's folder or file could not be created.
    DbCreate { path: String, detail: String },
    /// No platform data directory for the default DB.
    DbNoDataDir,
    /// Another process holds the write lock past the busy timeout.
    DbBusy,
    /// The embedded market data of the demo is unreadable.
    DemoMarket { detail: String },
    /// An import of a demo file failed.
    DemoImport { file: String, detail: String },
    /// `--today` is before the demo data's statistics date.
    DemoTodayBeforeData { today: String, statistics_date: String },

    // ── clap's own errors, worded (src/cli/localize.rs) ──
    /// An option clap does not know, with its suggestion.
    CliUnknownArgument { arg: String, suggestion: Option<String> },
    /// A command clap does not know, with its suggestion.
    CliUnknownCommand { name: String, suggestion: Option<String> },
    /// A value an option does not take (`valid`: the values it takes, or why).
    CliInvalidValue { arg: String, value: String, valid: String },
    /// Required arguments missing.
    CliMissingArgument { args: String },
    /// Two options that exclude each other.
    CliConflict { arg: String, other: String },
    /// Any other mistake on the command line (clap's kind of error).
    CliOther { detail: String },

    // ── the command line (src/cli.rs) ──
    /// `--manager ID` names no manager of the DB `db`.
    NoManager {
        id: String,
        db: String,
    },
    /// A read command on a DB file that does not exist.
    NoDatabase {
        path: String,
    },
    /// The first run on the default DB builds the demo book in `path`.
    FirstRunDemo {
        path: String,
    },
    /// `demo` on a DB holding `runs` real imports.
    DemoIntoImported {
        db: String,
        runs: u64,
    },
    /// What `demo` built.
    DemoBuilt(Box<DemoLine>),
    /// `import` run as a manager, not the supervisor.
    ImportNotSupervisor {
        manager: String,
    },
    /// `import` into the demo book.
    ImportIntoDemo {
        db: String,
    },
    /// `report coverage --year` out of 1990–2200.
    BadYear {
        year: i32,
    },
    /// `report coverage --year` after the current year: nothing to count yet.
    YearNotBegun { year: i32, today: String },
    /// A customer outside the user's book (or unknown).
    NoCustomerInBook {
        id: String,
    },
    /// `check`: the DB file, SQLite's integrity answer (`ok`), foreign-key violations, the schema
    /// version and the latest one, customers.
    Check {
        db: String,
        integrity: String,
        fk_violations: u64,
        schema: usize,
        latest: usize,
        customers: u64,
    },
    /// `backup`: where the copy went.
    BackedUp {
        path: String,
    },

    // ── screens and reports (src/tui, src/report, src/store/book.rs) ──
    /// The allocation's source from the customer list: the `n` customers of its filter.
    ListFilterCustomers { n: u64 },
    /// An export written from a screen: `rows` rows to `path`.
    Exported { rows: u64, path: String },
    /// The status bar while an export writes its file: `写入 12,345 行`.
    ExportWriting { rows: u64 },
    /// A holding's unsuitability, long form (`✗ R4 高于 C3`); `Suitable` renders empty.
    Unsuitable(Suitability),
    /// The detail screen of a customer outside the user's book (or unknown).
    NoCustomerShown { id: String },
    /// A customer's age in whole years (`45岁`).
    Age { age: u64 },
    /// A span of `days` days of prices (`60 日`).
    Days { days: u64 },
    /// A risk level with its Chinese name (`C3 稳健型`; English the code only).
    LevelName(RiskLevel),
    /// 今日: how many items are on the agenda.
    OnAgenda { n: u64 },
    /// 今日: the next `days` days.
    NextDays { days: u64 },
    /// 今日: only the first `shown` of `all` callbacks listed.
    FirstShown { shown: u64, all: u64 },
    /// A callback `days` days overdue.
    DaysLate { days: i64 },
    /// How many tries a callback took.
    Tries { n: u64 },
    /// The call form's note length (characters) against its maximum.
    NoteLength { used: usize, max: usize },
    /// The allocation screen: `n` customers moved and audited.
    MovedAudited { n: u64 },
    /// The allocation screen: `n` customers to move.
    ToMove { n: u64 },
    /// The allocation screen's moves table title.
    MovesTitle { n: u64 },
    /// The allocation screen's confirm box first line: move `n` customers to `to` (labels joined).
    ConfirmMove { n: u64, to: String },
    /// The interview: 1-based `step` not answered.
    StepNotAnswered { step: usize },
    /// The interview: the age question pre-filled from the birth date.
    PrefilledAge { age: u64, option: String },
    /// The interview: an unfinished draft with `answered` of `total` answers.
    DraftExists { answered: usize, total: usize },
    /// `report callbacks`: the open callbacks, and how many are overdue.
    OpenCallbacks { open: usize, overdue: usize },
    /// `report coverage`: the title for `year`.
    CoverageTitle { year: i32 },
    /// `report alerts`: a rule's label (`适当性 suitability`; English the code).
    RuleLabel(AlertRule),
    /// 回访: `n` open callbacks.
    CallbacksOpen { n: u64 },
    /// 回访 log: `n` calls logged.
    CallsLogged { n: u64 },
    /// An assessment expiring in `days` days.
    ExpiringIn { days: i64 },

    // ── allocate and export (src/cli.rs, src/store/allocation.rs, src/export) ──
    /// `alerts run`: customers evaluated, the alerts that hold (per rule, in rule order) and what
    /// the run changed.
    AlertsRun {
        customers: usize,
        findings: Vec<(AlertRule, usize)>,
        opened: usize,
        updated: usize,
        reopened: usize,
        resolved: usize,
    },
    /// `allocate --dry-run`: `n` customers would move.
    WouldMove { n: u64 },
    /// `allocate`: `n` customers moved.
    Moved { n: u64 },
    /// `allocate` as a manager, not the branch head.
    AllocateNotSupervisor { manager: String },
    /// `--to` with several managers but no `--balance`.
    SeveralReceiversNeedBalance { to: String },
    /// `allocate` without `--from` or `--customer`.
    GiveFromOrCustomer,
    /// A manager id that names no manager.
    UnknownManagerId { id: String },
    /// A customer id that names no customer.
    UnknownCustomerId { id: String },
    /// A closed customer is never reassigned.
    CustomerClosed { id: String },
    /// Moving a customer to the manager who already has them.
    AlreadyWith { customer: String, manager: String },
    /// The book changed since the proposal.
    NowWith { customer: String, now: String, from: String },
    /// Applying as a manager, not the supervisor.
    OnlyHeadReassigns { manager: String },
    /// The allocation rule itself refused (src/domain/allocation.rs).
    Allocation(crate::domain::allocation::AllocationError),
    /// `assess professional`: an amount option (`--income`, …) that is not yuan; `detail` the
    /// parser's own English.
    BadYuanOption { option: String, text: String, detail: String },
    /// `assess professional` on a customer who is already of that investor class.
    AlreadyClass { customer: String, class: crate::domain::model::InvestorClass },
    /// `assess professional` without the customer's reason.
    ConversionNeedsReason,
    /// `export` to a file that exists, without `--force`.
    ExistsAlready { path: String },
    /// `export -o PATH` where PATH is a folder.
    IsAFolder { path: String },
    /// `export -o PATH` into a folder that does not exist (it is not created behind the user's back).
    NoSuchFolder { path: String },
    /// The export's audit row failed; the file was removed.
    ExportAuditFailed,
    /// `--tier/--type/--search` on a view other than customers.
    FiltersCustomersOnly,
    /// `export … --axes X` with an unknown axis.
    BadAxis { text: String },
    /// `--axes` on another view than segments.
    AxesSegmentsOnly,
    /// `--tier` not T1–T4.
    BadTier { text: String },
    /// `--type` not a column of the segments.
    BadRiskType { text: String },
    /// Reading or writing a file (the context of an I/O error).
    Reading { path: String },
    Writing { path: String },
    Creating { path: String },
    /// The importer's messages about file shapes (issue 9): [`import_msg::ImportMsg`].
    Import(import_msg::ImportMsg),
    /// The reliability guards' messages (issue 11), see [`rel::RelMsg`].
    Rel(rel::RelMsg),
    /// The PostgreSQL foundations' messages (issue 12), see [`pg::PgMsg`].
    Pg(pg::PgMsg),
}

impl Msg {
    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => zh::render(self),
            Lang::En => en::render(self),
        }
    }
}

impl From<AnswerError> for Msg {
    fn from(e: AnswerError) -> Msg {
        Msg::Answer(e)
    }
}

#[cfg(test)]
mod tests;
