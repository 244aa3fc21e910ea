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
use crate::import::headers::Col;
pub use crate::session::Lang;

/// What a number cell holds, for the number parsers' messages (`empty cost price` / `成本价为空`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// An amount in yuan (金额).
    Amount,
    /// A price in yuan (价格).
    Price,
    /// A holding's cost price (成本价).
    CostPrice,
    /// A quantity of units (数量).
    Quantity,
    /// A price bar's volume (成交量).
    Volume,
}

/// Which date a date check is about (`statistics date 2025-09-01 is after today …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateNoun {
    /// 统计日期 of a snapshot or holding.
    StatisticsDate,
    /// 最近交易日期, in "after today".
    LastTradeDate,
    /// 最近交易日期, in "before the account was opened".
    LastTrade,
    /// A price bar's 日期.
    PriceDate,
    /// 测评日期.
    AssessmentDate,
    /// 开户日期.
    OpeningDate,
}

/// One of a price bar's four prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarPrice {
    Open,
    High,
    Low,
    Close,
}

/// The character that makes a business key invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyChar {
    /// A full-width form (U+FF01–U+FF5E), e.g. `１`.
    FullWidth(char),
    /// A control character, by code point.
    Control(u32),
    /// Anything else that is not an ASCII letter or digit (or `.` `-` `_` inside).
    Other(char),
}

/// What is wrong with a resident ID: the domain's [`IdError`], or a real birth date before 1900.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdIssue {
    Id(IdError),
    BirthYearBefore1900(i32),
}

/// A column as named in messages: its field and usual Chinese header (`customer_id (资金账号)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColName {
    pub field: &'static str,
    pub usual: Option<&'static str>,
}

impl From<&Col> for ColName {
    fn from(c: &Col) -> ColName {
        ColName { field: c.field, usual: c.aliases.first().or(c.fallbacks.first()).copied() }
    }
}

/// What the alert rules did after an import (the report line's tail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertCounts {
    pub customers: usize,
    pub opened: usize,
    pub updated: usize,
    pub reopened: usize,
    pub resolved: usize,
}

/// The values of a finished import's report line ([`Msg::Report`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    /// The file as named by the caller.
    pub file: String,
    pub kind: ImportKind,
    pub rows: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
    /// Where the rejected rows were written.
    pub rejects_file: Option<String>,
    /// What the alert rules did, when they touched anyone.
    pub alerts: Option<AlertCounts>,
}

/// What `brokerdesk demo` built ([`Msg::DemoBuilt`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLine {
    pub branch: String,
    pub managers: usize,
    pub customers: usize,
    /// Customers in the file after the build.
    pub in_db: u64,
    pub holdings: usize,
    pub assessments: usize,
    pub calls: usize,
    pub securities: usize,
    pub price_bars: usize,
    pub statistics_date: NaiveDate,
    /// How long the build took, in tenths of a second.
    pub tenths: u64,
    /// The DB file.
    pub path: String,
}

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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn both_languages_word_the_same_values() {
        let m = Msg::DuplicateOf {
            line: 12, fields: vec!["资金账号".into(), "统计日期".into(), "证券代码".into()]
        };
        assert_eq!(m.render(Lang::Zh), "与第 12 行重复（资金账号 + 统计日期 + 证券代码相同）");
        assert_eq!(m.render(Lang::En), "duplicate of line 12 (same 资金账号 + 统计日期 + 证券代码)");
        let m = Msg::UnknownCustomer { id: "310000000099".into() };
        assert_eq!(m.render(Lang::Zh), "未知客户 310000000099（请先导入客户）");
        assert_eq!(m.render(Lang::En), "unknown customer 310000000099 (import the customers first)");
        let m = Msg::AfterToday { what: DateNoun::StatisticsDate, day: d("2025-09-01"), today: d("2025-08-27") };
        assert_eq!(m.render(Lang::Zh), "统计日期 2025-09-01 晚于今天（2025-08-27）");
        assert_eq!(m.render(Lang::En), "statistics date 2025-09-01 is after today (2025-08-27)");
    }

    #[test]
    fn rejected_summary_and_report_line() {
        let m = Msg::Rejected { file: "customers.csv".into(), problems: 3, bad_rows: 2, total: 120 };
        assert_eq!(
            m.render(Lang::Zh),
            "customers.csv：已拒绝，未导入任何数据：3 处问题，涉及 120 行中的 2 行（请修正，或用 --skip-bad 只导入正确的行）"
        );
        assert_eq!(
            m.render(Lang::En),
            "customers.csv: rejected, nothing imported: 3 problems on 2 of 120 rows (fix them, or use --skip-bad to import the good rows)"
        );
        let one = Msg::Rejected { file: "m.csv".into(), problems: 1, bad_rows: 1, total: 1 };
        assert_eq!(
            one.render(Lang::En),
            "m.csv: rejected, nothing imported: 1 problem on 1 of 1 row (fix them, or use --skip-bad to import the good rows)"
        );
        let report = Msg::Report(Box::new(ReportLine {
            file: "customers.csv".into(),
            kind: ImportKind::Customers,
            rows: 120,
            inserted: 100,
            updated: 10,
            unchanged: 8,
            rejected: 2,
            rejects_file: Some("customers.rejects.csv".into()),
            alerts: Some(AlertCounts { customers: 110, opened: 5, updated: 1, reopened: 0, resolved: 2 }),
        }));
        assert_eq!(
            report.render(Lang::Zh),
            "customers.csv（客户）：120 行：新增 100，更新 10，未变 8，拒绝 2 → customers.rejects.csv；\
             预警涉及 110 位客户：新开 5，更新 1，重开 0，解除 2"
        );
        assert_eq!(
            report.render(Lang::En),
            "customers.csv (customers): 120 rows: 100 inserted, 10 updated, 8 unchanged, 2 rejected → customers.rejects.csv; \
             alerts for 110 customers: 5 opened, 1 updated, 0 reopened, 2 resolved"
        );
    }

    #[test]
    fn domain_errors_in_chinese() {
        let m = Msg::BadResidentId {
            text: "110105194912310021".into(),
            issue: IdIssue::Id(IdError::Checksum { found: '1', expected: 'X' }),
            stored: None,
        };
        assert_eq!(m.render(Lang::Zh), "居民身份证号码 110105********0021 有误：校验码为 1，应为 X");
        assert_eq!(m.render(Lang::En), "bad resident ID 110105********0021: check character is 1, expected X");
        let m = Msg::BadUscc { text: "123".into(), error: IdError::Length(3), stored: Some(CustomerKind::Institution) };
        assert_eq!(
            m.render(Lang::Zh),
            "统一社会信用代码 *23 有误：应为 18 位，实际 3 位（该客户已存为 institution（机构）；如需更改，请加上客户类型列）"
        );
        let m = Msg::Answer(AnswerError::Count { expected: 10, found: 9 });
        assert_eq!(m.render(Lang::Zh), "应有 10 个答案（每题一个），实际 9 个");
        assert_eq!(m.render(Lang::En), "expected 10 answers (one per question), found 9");
    }

    #[test]
    fn import_problems_never_show_a_full_id_number_or_mobile() {
        let m = Msg::BadResidentId {
            text: "110105198001010017".into(),
            issue: IdIssue::Id(IdError::Checksum { found: '7', expected: '5' }),
            stored: None,
        };
        assert_eq!(m.render(Lang::Zh), "居民身份证号码 110105********0017 有误：校验码为 7，应为 5");
        assert_eq!(m.render(Lang::En), "bad resident ID 110105********0017: check character is 7, expected 5");
        let m = Msg::BadUscc {
            text: "91310000MA1FL0000X".into(),
            error: IdError::Checksum { found: 'X', expected: '3' },
            stored: None,
        };
        assert_eq!(m.render(Lang::Zh), "统一社会信用代码 913100********000X 有误：校验码为 X，应为 3");
        let m = Msg::GenderMismatch { cell: "女".into(), number: "110105198001010017".into(), gender: Gender::Male };
        assert!(m.render(Lang::Zh).starts_with("女 与证件号码 110105********0017 不符"), "{}", m.render(Lang::Zh));
        assert!(m.render(Lang::En).contains("the ID number 110105********0017,"), "{}", m.render(Lang::En));
        let m = Msg::BirthDateMismatch { given: d("1980-01-02"), number: "110105198001010017".into(), birth: d("1980-01-01") };
        assert_eq!(m.render(Lang::Zh), "1980-01-02 与证件号码 110105********0017 不符（号码中的出生日期为 1980-01-01）");
        let m = Msg::IdBirthInFuture { number: "110105209901010017".into(), birth: d("2099-01-01") };
        assert_eq!(m.render(Lang::En), "bad resident ID 110105********0017: birth date 2099-01-01 in the number is in the future");
        let m = Msg::NotAMobile { text: "1381234567".into() };
        assert_eq!(m.render(Lang::Zh), "不是有效手机号码：\"******4567\"（应为 1 开头的 11 位数字）");
        // no 18-character run of the number survives in any rendering
        for m in [
            Msg::BadResidentId { text: "110105198001010017".into(), issue: IdIssue::BirthYearBefore1900(1899), stored: None },
            Msg::IdBirthInFuture { number: "110105198001010017".into(), birth: d("2099-01-01") },
        ] {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!m.render(lang).contains("198001010017"), "{}", m.render(lang));
            }
        }
    }

    #[test]
    fn screens_and_reports_in_chinese_and_english() {
        use crate::domain::risk::{ProductRisk, RiskLevel};
        let cases = [
            (Msg::OnAgenda { n: 1234 }, "日程 1,234", "1,234 on the agenda"),
            (Msg::DaysLate { days: 3 }, "逾期3天", "3d late"),
            (Msg::Tries { n: 3 }, "3次", "3x"),
            (Msg::Days { days: 1 }, "1 日", "1 day"),
            (Msg::Days { days: 60 }, "60 日", "60 days"),
            (Msg::Age { age: 45 }, "45岁", "age 45"),
            (Msg::LevelName(RiskLevel::C3), "C3 稳健型", "C3"),
            (
                Msg::Unsuitable(Suitability::AboveLevel { level: RiskLevel::C3, rating: ProductRisk::R4 }),
                "✗ R4 高于 C3",
                "✗ R4 above C3",
            ),
            (Msg::Unsuitable(Suitability::Suitable), "", ""),
            (Msg::NoteLength { used: 210, max: 200 }, "备注 210/200 字", "note 210/200 characters"),
            (Msg::ConfirmMove { n: 8, to: "陈明(M02)".into() }, "将 8 位客户调给 陈明(M02)", "Move 8 customers to 陈明(M02)"),
            (Msg::ToMove { n: 1200 }, "1,200 位待调动", "1,200 to move"),
            (Msg::StepNotAnswered { step: 4 }, "第 4 步尚未作答", "step 4 is not answered"),
            (Msg::ExpiringIn { days: 30 }, "30天内到期", "expiring in 30 days"),
            (Msg::OpenCallbacks { open: 12, overdue: 3 }, "共 12 个待回访，其中逾期 3 个", "12 open callbacks, 3 overdue"),
            (Msg::RuleLabel(AlertRule::Suitability), "适当性 suitability", "suitability"),
            (
                Msg::Exported { rows: 1500, path: "/tmp/c.xlsx".into() },
                "已导出 1,500 行 → /tmp/c.xlsx",
                "exported 1,500 rows → /tmp/c.xlsx",
            ),
        ];
        for (m, zh, en) in cases {
            assert_eq!(m.render(Lang::Zh), zh, "{m:?}");
            assert_eq!(m.render(Lang::En), en, "{m:?}");
        }
        assert!(Msg::CoverageTitle { year: 2025 }.render(Lang::Zh).starts_with("2025 年回访覆盖率"));
    }

    #[test]
    fn allocate_and_export_refusals_in_chinese_and_english() {
        use crate::domain::allocation::AllocationError;
        let cases = [
            (Msg::UnknownManagerId { id: "M99".into() }, "没有客户经理 M99", "no manager M99"),
            (
                Msg::CustomerClosed { id: "310000000001".into() },
                "客户 310000000001 已销户：已销户的账户不能调动",
                "customer 310000000001 is closed: a closed account is not reassigned",
            ),
            (
                Msg::Allocation(AllocationError::SeveralWithoutBalance),
                "多位接收人需要均衡方案（--balance）",
                "several receiving managers need the balance proposal (--balance)",
            ),
            (
                Msg::AlreadyClass {
                    customer: "310000000001".into(),
                    class: crate::domain::model::InvestorClass::Professional,
                },
                "310000000001 已是专业投资者",
                "310000000001 is already professional",
            ),
            (
                Msg::BadYuanOption { option: "income".into(), text: "1万".into(), detail: "not a number".into() },
                "--income \"1万\"：不是有效金额（以元为单位，最多 2 位小数）",
                "--income \"1万\": not a number",
            ),
            (Msg::WouldMove { n: 8 }, "拟调动 8 位客户（试算，未写入）", "8 customers would move (dry run: nothing written)"),
            (
                Msg::ExistsAlready { path: "c.csv".into() },
                "c.csv 已存在（加 --force 覆盖）",
                "c.csv exists already (--force replaces it)",
            ),
            (
                Msg::ExportAuditFailed,
                "无法写入导出的审计记录（已删除导出的文件）",
                "writing the export's audit row (the file was removed)",
            ),
        ];
        for (m, zh, en) in cases {
            assert_eq!(m.render(Lang::Zh), zh, "{m:?}");
            assert_eq!(m.render(Lang::En), en, "{m:?}");
        }
        // a store refusal reads in the user's language; its Display stays English
        let e = crate::store::StoreError::Refused(Box::new(Msg::UnknownCustomerId { id: "X".into() }));
        assert_eq!((e.render(Lang::Zh), e.to_string()), ("没有客户 X".to_string(), "no customer X".to_string()));
    }

    /// The screens and reports word their messages in the catalogue, not inline: no `.rs` file
    /// under src/tui or src/report (nor src/report.rs) has an arm on `Lang::Zh` (alone or in a
    /// tuple) whose expression is a `format!`.
    #[test]
    fn no_inline_wording_in_screens_or_reports() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root.join("report.rs")];
        walk(&root.join("tui"), &mut files);
        walk(&root.join("report"), &mut files);
        assert!(files.len() > 20, "found the sources: {files:?}");
        let mut offenders = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                // an arm on Chinese: `Lang::Zh =>`, `(View::Open, Lang::Zh) =>`, `(Lang::Zh, x) =>`
                let Some(at) = line.find("Lang::Zh") else { continue };
                if !line[at..].contains("=>") {
                    continue;
                }
                // the arm's expression: this line and the next two (a `format!` may wrap)
                let arm = lines[i..(i + 3).min(lines.len())].join(" ");
                let arm = arm[arm.find("Lang::Zh").unwrap_or(0)..].split_once("=>").map_or("", |(_, a)| a);
                let arm = arm.split("Lang::En").next().unwrap_or_default();
                if arm.contains("format!") {
                    offenders.push(format!("{}:{}", f.display(), i + 1));
                }
            }
        }
        assert!(offenders.is_empty(), "inline zh/en wording; add a Msg variant instead: {offenders:?}");
    }
}
