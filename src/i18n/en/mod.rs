//! English texts of the catalogue (`--lang en`): one exhaustive `match` over [`Msg`].

pub mod cli;
pub mod import;
mod pg;
mod rel;
pub mod titles;
pub mod ui;

use super::{BarPrice, ColName, DateNoun, IdIssue, KeyChar, Msg, Noun, ReportLine};
use crate::domain::mask::{mask_id_number, mask_mobile};
use crate::domain::money::format_count;
use crate::domain::risk::Suitability;
use crate::domain::scoring::AnswerError;

/// `msg` in English.
pub fn render(msg: &Msg) -> String {
    match msg {
        Msg::Import(m) => import::render(m),
        Msg::Rel(m) => rel::render(m),
        Msg::Pg(m) => pg::render(m),
        Msg::Required => "required, but empty".into(),
        Msg::NotADate { text } => format!("not a date: {text:?} (use YYYY-MM-DD or YYYYMMDD)"),
        Msg::DateOutOfRange { text } => format!("date {text:?} is out of range (1900–2099)"),
        Msg::NotATime { text, hint: true } => format!("not a time: {text:?} (use YYYY-MM-DD HH:MM:SS, China time)"),
        Msg::NotATime { text, hint: false } => format!("not a time: {text:?}"),
        Msg::MisplacedSeparator { text } => {
            format!("misplaced thousands separator in {text:?} (groups of 3 digits: 1,234,567.89)")
        }
        Msg::ControlChar { code } => format!("contains a control character (U+{code:04X})"),
        Msg::BadKeyChar { text, bad } => {
            let what = match bad {
                KeyChar::FullWidth(c) => format!("full-width {c:?}"),
                KeyChar::Control(code) => format!("control character U+{code:04X}"),
                KeyChar::Other(c) => format!("{c:?}"),
            };
            format!("{text:?} has {what}: keys must be ASCII letters and digits")
        }
        Msg::EmptyNumber { noun } => format!("empty {}", noun_en(*noun)),
        Msg::NotANumber { noun, text } => format!("not {}: {text:?}", a(noun_en(*noun))),
        Msg::NotAWholeNumber { noun, text } => format!("{} is not a whole number: {text:?}", noun_en(*noun)),
        Msg::TooManyDecimals { places: 2, text } => format!("more than 2 decimals (finer than a fen): {text:?}"),
        Msg::TooManyDecimals { places, text } => format!("more than {places} decimals: {text:?}"),
        Msg::TooLarge { noun, text } => format!("{} too large: {text:?}", noun_en(*noun)),
        Msg::Negative { noun, text } => format!("negative {} {text}", noun_en(*noun)),
        Msg::MustNotBeNegative => "must not be negative".into(),
        Msg::UnknownGender { text } => format!("unknown gender {text:?} (use M/F or 男/女)"),
        Msg::NotAMobile { text } => format!("not a mobile number: {:?} (11 digits starting with 1)", mask_mobile(text)),
        Msg::NotAVersion { text } => format!("not a version number: {text:?}"),
        Msg::UnknownRiskRating { text } => format!("unknown risk rating {text:?} (use R1–R5)"),
        Msg::UnknownValue { text, accepted } => {
            let list: Vec<String> = accepted.iter().map(|(code, zh)| format!("{code} ({zh})")).collect();
            format!("unknown value {text:?}; use one of {}", list.join(", "))
        }
        Msg::UnknownEncoding { text, accepted } => {
            format!("unknown encoding {text:?}; use one of {}", accepted.join(", "))
        }
        Msg::NotUtf8 { byte } => format!("not valid UTF-8 at byte {byte}"),
        Msg::InvalidBytes { encoding, byte } => format!("bytes not valid in {encoding} at byte {byte}"),
        Msg::NeitherUtf8NorGbk { encoding, byte } => {
            format!("neither UTF-8 nor GBK/GB18030: bytes not valid in {encoding} at byte {byte}")
        }
        Msg::DuplicateColumn { a, b, header } => format!("columns {a} and {b} are both {header:?}; keep one"),
        Msg::AmbiguousColumns { a, header_a, b, header_b, col } => {
            format!("columns {a} ({header_a:?}) and {b} ({header_b:?}) are both {}; keep one", describe(col))
        }
        Msg::NotAKindFile { kind, expected } => format!(
            "not {} file: none of its columns found; expected {}",
            a(kind.code()),
            expected.iter().map(describe).collect::<Vec<_>>().join(", ")
        ),
        Msg::MissingColumns { kind, missing } => format!(
            "missing required column{} {} for {} file",
            if missing.len() == 1 { "" } else { "s" },
            missing.iter().map(describe).collect::<Vec<_>>().join(", "),
            a(kind.code())
        ),
        Msg::EmptyFile { kind } => format!("empty file: no header row (expected {} file)", a(kind.code())),
        Msg::HeaderUnterminated { column, last_line } => {
            format!("column {column}: unterminated quote (the header runs to line {last_line})")
        }
        Msg::RowUnterminated { last_line } => format!("unterminated quote (the row runs to line {last_line})"),
        Msg::ColumnN { n } => format!("column {n}"),
        Msg::CouldNotBeRead => "could not be read".into(),
        Msg::Csv { detail } => detail.clone(),
        Msg::DuplicateOf { line, fields } => format!("duplicate of line {line} (same {})", fields.join(" + ")),
        Msg::AfterToday { what, day, today } => format!("{} {day} is after today ({today})", date_noun(*what)),
        Msg::OrderTimeAfterToday { time, today } => format!("order time {time} is after today ({today})"),
        Msg::BeforeOpening { what, day, opened } => {
            format!("{} {day} is before the account was opened on {opened}", date_noun(*what))
        }
        Msg::LastTradeAfterStatisticsDate { trade, as_of } => {
            format!("last trade {trade} is after the statistics date {as_of}")
        }
        Msg::UnknownCustomer { id } => format!("unknown customer {id} (import the customers first)"),
        Msg::UnknownSecurity { code } => format!("unknown security code {code}"),
        Msg::UnknownManager { id } => format!("unknown manager {id} (import the managers first)"),
        Msg::OpeningBeforeBirth { opened, born } => format!("opening date {opened} is before the birth date {born}"),
        Msg::SecurityCodeHasSpaces { code } => format!("security code {code:?} contains spaces"),
        Msg::OrderQuantityZero => "an order quantity must be more than 0".into(),
        Msg::PriceNotPositive { which } => format!("{} price must be more than 0", bar(*which)),
        Msg::LowAboveHigh { low, high } => format!("low {low} is above high {high}"),
        Msg::OutsideLowHigh { which, value, low, high } => {
            format!("{} {value} is outside low–high {low}–{high}", bar(*which))
        }
        Msg::UnknownQuestionnaire { id } => format!("unknown questionnaire {id}"),
        Msg::NoSuchVersion { id, version, known } => format!(
            "questionnaire {id} has no version {version} (known: {})",
            known.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
        ),
        Msg::CannotReadQuestionnaire { id, version, detail } => {
            format!("cannot read questionnaire {id} v{version}: {detail}")
        }
        Msg::AssessmentAlreadyRecorded { customer, on, id, version, answers } => format!(
            "an assessment of {customer} on {on} with {id} v{version} is already recorded with answers {answers}; assessments are never edited"
        ),
        Msg::CannotReadRecordedAssessments { detail } => format!("cannot read recorded assessments: {detail}"),
        Msg::Answer(e) => answer(e),
        Msg::BadUscc { text, error, stored } => {
            let text = mask_id_number(text);
            format!("bad unified social credit code {text}: {error}{}", stored_hint(*stored))
        }
        Msg::BadResidentId { text, issue, stored } => {
            let text = mask_id_number(text);
            let what = match issue {
                IdIssue::Id(e) => e.to_string(),
                IdIssue::BirthYearBefore1900(y) => format!("birth year {y} is before 1900"),
            };
            format!("bad resident ID {text}: {what}{}", stored_hint(*stored))
        }
        Msg::IdBirthInFuture { number, birth } => {
            let number = mask_id_number(number);
            format!("bad resident ID {number}: birth date {birth} in the number is in the future")
        }
        Msg::GenderMismatch { cell, number, gender } => format!(
            "{cell} does not match the ID number {}, which says {} ({})",
            mask_id_number(number),
            gender.code(),
            gender.label_zh()
        ),
        Msg::BirthDateMismatch { given, number, birth } => {
            let number = mask_id_number(number);
            format!("{given} does not match the ID number {number}, which says {birth}")
        }
        Msg::Rejected { file, problems, bad_rows, total } => format!(
            "{file}: rejected, nothing imported: {problems} problem{} on {bad_rows} of {total} row{} (fix them, or use --skip-bad to import the good rows)",
            if *problems == 1 { "" } else { "s" },
            if *total == 1 { "" } else { "s" },
        ),
        Msg::AndMore { n } => format!("… and {n} more"),
        Msg::Report(r) => {
            let ReportLine { file, kind, rows, inserted, updated, unchanged, rejected, rejects_file, alerts } = &**r;
            let mut out = format!(
                "{file} ({kind}): {rows} row{}: {inserted} inserted, {updated} updated, {unchanged} unchanged, {rejected} rejected",
                if *rows == 1 { "" } else { "s" }
            );
            if let Some(p) = rejects_file {
                out.push_str(&format!(" → {p}"));
            }
            if let Some(a) = alerts {
                out.push_str(&format!(
                    "; alerts for {} customers: {} opened, {} updated, {} reopened, {} resolved",
                    a.customers, a.opened, a.updated, a.reopened, a.resolved
                ));
            }
            out
        }
        Msg::HeaderLabel => "header".into(),
        Msg::EncodingLabel => "encoding".into(),
        Msg::NoManager { id, db } => format!("no manager {id:?} in {db} (see the managers import)"),
        Msg::NoDatabase { path } => {
            format!("no database at {path} (build one with `brokerdesk demo` or `brokerdesk import …`)")
        }
        Msg::FirstRunDemo { path } => format!("brokerdesk: first run — building the demo branch book in {path} …"),
        Msg::DemoIntoImported { db, runs } => format!(
            "{db} holds imported data ({runs} import runs): the demo book goes into its own file, e.g. --db demo.db"
        ),
        Msg::DemoBuilt(d) => format!(
            "{}: {} managers, {} customers (the file now holds {}), {} holdings, {} assessments, {} logged calls, {} securities, {} price bars; statistics date {} ({}.{} s) → {}",
            d.branch,
            d.managers,
            d.customers,
            d.in_db,
            d.holdings,
            d.assessments,
            d.calls,
            d.securities,
            d.price_bars,
            d.statistics_date,
            d.tenths / 10,
            d.tenths % 10,
            d.path
        ),
        Msg::ImportNotSupervisor { manager } => format!(
            "imports load the whole branch's back-office files: run them as the supervisor (without --manager), not as {manager}"
        ),
        Msg::ImportIntoDemo { db } => format!(
            "{db} holds the demo book: real files go into their own DB (--db PATH), or delete this file to start over"
        ),
        Msg::BadYear { year } => format!("--year {year}: expected a year between 1990 and 2200"),
        Msg::YearNotBegun { year, today } => format!("--year {year}: that year has not begun (today is {today})"),
        Msg::NoCustomerInBook { id } => format!("no customer {id} in your book"),
        Msg::Check { db, integrity, fk_violations, schema, latest, customers } => {
            let fk = match fk_violations {
                0 => "ok".to_string(),
                n => format!("{n} violations"),
            };
            format!(
                "db: {db}\nintegrity: {integrity}\nforeign keys: {fk}\nschema: version {schema} of {latest}\ncustomers: {customers}"
            )
        }
        Msg::BackedUp { path } => format!("backed up to {path}"),
        Msg::ListFilterCustomers { n } => format!("the {} customers of the list's filter", format_count(*n)),
        Msg::ExportWriting { rows } => format!("writing {} {}", format_count(*rows), if *rows == 1 { "row" } else { "rows" }),
        Msg::Exported { rows, path } => format!("exported {} rows → {path}", format_count(*rows)),
        Msg::Unsuitable(s) => match s {
            Suitability::AboveLevel { level, rating } => format!("✗ {} above {}", rating.code(), level.code()),
            Suitability::LowestCategory { rating } => format!("✗ lowest category holds {}", rating.code()),
            Suitability::Unassessed { rating } => format!("✗ unassessed holds {}", rating.code()),
            Suitability::Suitable => String::new(),
        },
        Msg::NoCustomerShown { id } => format!("No customer {id} (not in your book)"),
        Msg::Age { age } => format!("age {age}"),
        Msg::Days { days: 1 } => "1 day".into(),
        Msg::Days { days } => format!("{days} days"),
        Msg::LevelName(level) => level.code().to_string(),
        Msg::OnAgenda { n } => format!("{} on the agenda", format_count(*n)),
        Msg::NextDays { days } => format!("next {days} days"),
        Msg::FirstShown { shown, all } => {
            format!("  first {} of {} shown; press 4 for all", format_count(*shown), format_count(*all))
        }
        Msg::DaysLate { days } => format!("{days}d late"),
        Msg::Tries { n } => format!("{n}x"),
        Msg::NoteLength { used, max } => format!("note {used}/{max} characters"),
        Msg::MovedAudited { n } => format!("{n} customers moved (recorded in the audit log)"),
        Msg::ToMove { n } => format!("{} to move", format_count(*n)),
        Msg::MovesTitle { n } => format!("Moves  {}", format_count(*n)),
        Msg::ConfirmMove { n, to } => format!("Move {} customers to {to}", format_count(*n)),
        Msg::StepNotAnswered { step } => format!("step {step} is not answered"),
        Msg::PrefilledAge { age, option } => format!(" Pre-filled from the birth date: age {age} → {option}"),
        Msg::DraftExists { answered, total } => {
            format!(" This customer has an unfinished draft ({answered}/{total} answered); a draft is not a record.")
        }
        Msg::OpenCallbacks { open, overdue } => format!("{open} open callbacks, {overdue} overdue"),
        Msg::CoverageTitle { year } => format!(
            "Callback coverage {year} (customers active at the start of the year, dormant excluded; rule ≥ 10%)\n"
        ),
        Msg::RuleLabel(rule) => rule.code().to_string(),
        Msg::CallbacksOpen { n } => format!("{} open", format_count(*n)),
        Msg::CallsLogged { n } => format!("{} calls", format_count(*n)),
        Msg::ExpiringIn { days } => format!("expiring in {days} days"),
        Msg::AlertsRun { customers, findings, opened, updated, reopened, resolved } => {
            let total: usize = findings.iter().map(|(_, n)| n).sum();
            let mut s = format!(
                "{customers} customers evaluated; {total} alerts hold: {opened} opened, {updated} updated, {reopened} reopened, {resolved} resolved"
            );
            for (rule, n) in findings {
                s.push_str(&format!("\n  {:<16}{n:>8}", rule.code()));
            }
            s
        }
        Msg::WouldMove { n } => format!("{n} customers would move (dry run: nothing written)"),
        Msg::Moved { n } => format!("{n} customers moved"),
        Msg::AllocateNotSupervisor { manager } => format!(
            "only the branch head (营业部负责人) reassigns customers: run allocate as the supervisor (without --manager), not as {manager}"
        ),
        Msg::SeveralReceiversNeedBalance { to } => format!("--to with several managers ({to}) needs --balance"),
        Msg::GiveFromOrCustomer => "give --from M or --customer ID".into(),
        Msg::UnknownManagerId { id } => format!("no manager {id}"),
        Msg::UnknownCustomerId { id } => format!("no customer {id}"),
        Msg::CustomerClosed { id } => format!("customer {id} is closed: a closed account is not reassigned"),
        Msg::AlreadyWith { customer, manager } => format!("customer {customer} is already with {manager}"),
        Msg::NowWith { customer, now, from } => format!("customer {customer} is now with {now}, not {from}: propose again"),
        Msg::OnlyHeadReassigns { manager } => {
            format!("only the branch head (营业部负责人) reassigns customers; {manager} is a manager")
        }
        Msg::Allocation(e) => e.to_string(),
        Msg::BadYuanOption { option, text, detail } => format!("--{option} {text:?}: {detail}"),
        Msg::AlreadyClass { customer, class } => format!("{customer} is already {}", class.code()),
        Msg::ConversionNeedsReason => "a conversion needs the customer's reason".into(),
        Msg::ExistsAlready { path } => format!("{path} exists already (--force replaces it)"),
        Msg::IsAFolder { path } => format!("{path} is a folder: give a file name (e.g. {path}/export.xlsx)"),
        Msg::NoSuchFolder { path } => format!("the folder {path} does not exist (create it first, or choose another path)"),
        Msg::ExportAuditFailed => "writing the export's audit row (the file was removed)".into(),
        Msg::FiltersCustomersOnly => "--tier, --type and --search filter the customers view only".into(),
        Msg::BadAxis { text } => {
            format!("--axes {text:?}: expected abcd, growth, age, tenure, concentration or pnl")
        }
        Msg::AxesSegmentsOnly => "--axes goes with the segments view".into(),
        Msg::BadTier { text } => format!("--tier {text:?}: expected T1, T2, T3 or T4"),
        Msg::BadRiskType { text } => {
            format!("--type {text:?}: expected conservative, balanced, aggressive, professional or unassessed")
        }
        Msg::Reading { path } => format!("reading {path}"),
        Msg::Writing { path } => format!("writing {path}"),
        Msg::Creating { path } => format!("creating {path}"),
        Msg::PrintNoCustomer { id } => format!("no customer {id}"),
        Msg::PrintNoSuchAssessment { id, customer } => format!("no assessment {id} of customer {customer}"),
        Msg::PrintNoAssessment { customer } => format!("customer {customer} has no assessment"),
        Msg::DbOpen { path, detail } => format!("database {path}: {detail}"),
        Msg::DbMigrate { path, detail } => format!("database {path}: schema upgrade failed: {detail} (backed up first)"),
        Msg::DbCreate { path, detail } => format!("database {path}: cannot create its folder or file: {detail}"),
        Msg::DbNoDataDir => "no platform data directory (set --db PATH)".to_string(),
        Msg::DbBusy => "the database is busy (an import may be running); try again".to_string(),
        Msg::DemoMarket { detail } => format!("demo market data: {detail}"),
        Msg::DemoImport { file, detail } => format!("demo import of {file}: {detail}"),
        Msg::DemoTodayBeforeData { today, statistics_date } => {
            format!("the demo data runs to {statistics_date}; today ({today}) must be on or after it")
        }
        Msg::CliUnknownArgument { arg, suggestion } => match suggestion {
            Some(s) => format!("unexpected argument '{arg}' (did you mean '{s}'?)"),
            None => format!("unexpected argument '{arg}'"),
        },
        Msg::CliUnknownCommand { name, suggestion } => match suggestion {
            Some(s) => format!("unrecognized subcommand '{name}' (did you mean '{s}'?)"),
            None => format!("unrecognized subcommand '{name}'"),
        },
        Msg::CliInvalidValue { arg, value, valid } if valid.is_empty() => format!("invalid value '{value}' for '{arg}'"),
        Msg::CliInvalidValue { arg, value, valid } => format!("invalid value '{value}' for '{arg}' ({valid})"),
        Msg::CliMissingArgument { args } => format!("required arguments were not provided: {args}"),
        Msg::CliConflict { arg, other } => format!("the argument '{arg}' cannot be used with '{other}'"),
        Msg::CliOther { detail } => format!("bad command line: {detail}"),
        Msg::ConfigUnreadable { path, detail } => format!("{path}: cannot read the settings: {detail}"),
        Msg::ConfigMissing { var, path } => format!("{var} names the settings file {path}, which does not exist (fix the path or unset {var})"),
        Msg::ConfigDirUnreadable { path, detail } => format!("warning: cannot look for the settings file {path} ({detail}); starting without settings"),
        Msg::ConfigBadLang { path, value } => {
            format!("{path}: lang = {value:?}: use \"zh\" (Chinese) or \"en\" (English)")
        }
    }
}

/// A wrong answer sheet: the domain's own English.
fn answer(e: &AnswerError) -> String {
    e.to_string()
}

fn noun_en(n: Noun) -> &'static str {
    match n {
        Noun::Amount => "amount",
        Noun::Price => "price",
        Noun::CostPrice => "cost price",
        Noun::Quantity => "quantity",
        Noun::Volume => "volume",
    }
}

fn date_noun(d: DateNoun) -> &'static str {
    match d {
        DateNoun::StatisticsDate => "statistics date",
        DateNoun::LastTradeDate => "last trade date",
        DateNoun::LastTrade => "last trade",
        DateNoun::PriceDate => "price date",
        DateNoun::AssessmentDate => "assessment date",
        DateNoun::OpeningDate => "opening date",
    }
}

fn bar(b: BarPrice) -> &'static str {
    match b {
        BarPrice::Open => "open",
        BarPrice::High => "high",
        BarPrice::Low => "low",
        BarPrice::Close => "close",
    }
}

/// `a holdings` / `an accounts` / `an amount`.
fn a(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {word}")
}

/// `customer_id (资金账号)`: the field with its usual Chinese header.
fn describe(col: &ColName) -> String {
    match col.usual {
        Some(zh) => format!("{} ({zh})", col.field),
        None => col.field.to_string(),
    }
}

fn stored_hint(stored: Option<crate::domain::model::CustomerKind>) -> String {
    match stored {
        Some(k) => {
            format!(" (the customer is stored as {} ({}); add a kind column to change it)", k.code(), k.label_zh())
        }
        None => String::new(),
    }
}
