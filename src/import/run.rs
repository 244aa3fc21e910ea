//! The import driver: bytes → text ([`super::workbook`] or [`super::decode`]) → the table
//! ([`super::table`]: header, rows, footer) → each row cleaned ([`super::clean`]) and parsed by
//! its kind, every problem collected inside the open write transaction → the writes, the book
//! refresh, the callback plan, the alerts and the `import_runs` row, committed together; or
//! nothing at all when a row is bad and `skip_bad` is off.
//!
//! Streaming (issue 10): rows are read one at a time ([`super::table::Rows::next`]) and each good
//! row is written as soon as it passes its checks, inside the one write transaction; nothing of
//! the file is kept but the bad rows (for the error or the rejects file) and the set of customers
//! it touched (for the alerts and the book refresh). Once a row is bad and `skip_bad` is off, the
//! rest of the file is still read and checked (every bad line is named) but no longer written,
//! and the transaction is rolled back whole.

use crate::store::db::Db;
use std::borrow::Cow;
use std::path::PathBuf;

use csv::StringRecord;

use super::error::{ImportError, Notice, Problem};
use super::headers::{self, HeaderMap};
use super::kinds::{self, Kind};
use super::row::Row;
use super::table::{self, Found, Rows};
use super::{ImportKind, ImportOptions, ImportReport, clean, decode, rejects, workbook};
use crate::i18n::import_msg::ImportMsg;
use crate::i18n::{Lang, Msg};
use crate::store::{self, Upsert};

/// A file to import: its name (in messages), its bytes (owned when read from a path, so they are
/// freed once the rows are read, before the book refresh and the alert run), where its rejects go
/// by default.
pub(super) struct File<'a> {
    pub name: &'a str,
    pub bytes: Cow<'a, [u8]>,
    pub default_rejects: Option<PathBuf>,
}

/// A bad row as read, with its problems (for the error or the rejects file).
type BadRow = (StringRecord, Vec<Problem>);

/// How many rows decide which of two same-named columns to keep.
const REPEAT_SAMPLE: usize = 1000;

/// The file as text, with the notices of how it was read.
fn text_of<'f>(
    file: &'f File<'_>,
    kind: ImportKind,
    opts: &ImportOptions,
    notices: &mut Vec<Notice>,
) -> Result<Cow<'f, str>, ImportError> {
    let (name, lang) = (file.name, opts.lang);
    if opts.encoding.is_none() && workbook::is_workbook(&file.bytes) {
        let has_table = |text: &str| table::find_header(text, kind, kind.columns()).is_ok();
        let (text, sheet) = workbook::to_text(&file.bytes, &has_table).map_err(|m| ImportError::Shape {
            file: name.to_string(),
            line: 1,
            message: Msg::Import(m).render(lang),
        })?;
        notices.push(Notice { line: None, message: Msg::Import(ImportMsg::WorkbookSheet { sheet }).render(lang) });
        return Ok(Cow::Owned(text));
    }
    if workbook::named_like_workbook(name) {
        notices.push(Notice { line: None, message: Msg::Import(ImportMsg::TextSavedAsXls).render(lang) });
    }
    let (text, _) = decode::decode(&file.bytes, opts.encoding).map_err(|e| ImportError::Encoding {
        file: name.to_string(),
        line: e.line,
        message: e.message.render(lang),
        lang,
    })?;
    Ok(text)
}

pub(super) fn run<K: Kind>(
    conn: &mut Db,
    file: File<'_>,
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let (kind_code, name) = (K::KIND.code(), file.name);
    let lang = opts.lang;
    let mut notices = Vec::new();
    let text = text_of(&file, K::KIND, opts, &mut notices)?;
    let notice = |line: Option<u64>, m: ImportMsg| Notice { line, message: Msg::Import(m).render(lang) };
    let header_error = |line: u64, message: Msg, missing: Vec<String>| ImportError::Header {
        file: name.to_string(),
        line,
        message: clean::mask_ids(&message.render(lang)).into_owned(),
        missing,
        lang,
    };

    // 1. the header: the first line naming the kind's columns, after any title lines
    let mut found = table::find_header(&text, K::KIND, K::KIND.columns())
        .map_err(|e| header_error(e.line, e.message, e.missing))?;
    let header = found.header.clone();
    let header_line = found.line;
    if let Some(table::Unterminated { column, last_line }) =
        table::unterminated(&text, &header, found.data_start as u64, found.delimiter, header_line)
    {
        return Err(header_error(header_line, Msg::HeaderUnterminated { column: column + 1, last_line }, Vec::new()));
    }
    if let Some((first, last)) = found.preamble {
        notices.push(notice(Some(first), ImportMsg::PreambleSkipped { first, last }));
    }
    for (field, i) in found.map.fields() {
        if let Some(u) = found.map.unit(field).filter(|u| u.shift > 0) {
            let header = headers::shown_cut(header.get(i).unwrap_or(field));
            notices.push(notice(
                Some(header_line),
                ImportMsg::UnitApplied { header, unit: u.text.clone(), factor: 10u64.pow(u.shift) },
            ));
        }
    }
    if let Some((line, unit_text)) = found.title_unit.clone() {
        match headers::unit_of(&unit_text).filter(|u| u.fits == crate::i18n::import_msg::UnitFits::Money) {
            Some(unit) => {
                let applied = found.map.apply_title_unit(&unit);
                if !applied.is_empty() && unit.shift > 0 {
                    notices.push(notice(
                        Some(line),
                        ImportMsg::TitleUnitApplied { line, unit: unit.text, headers: applied },
                    ));
                }
            }
            None => {
                let unit = headers::cut(&unit_text, headers::SHOWN_CHARS);
                return Err(header_error(line, Msg::Import(ImportMsg::UnknownTitleUnit { line, unit }), Vec::new()));
            }
        }
    }
    choose_repeats::<K>(&text, &mut found, &mut notices, lang).map_err(|m| header_error(header_line, m, Vec::new()))?;
    let map = found.map.clone();
    let required_fields: Vec<&str> = K::KIND.columns().iter().filter(|c| c.required).map(|c| c.field).collect();
    let required = |field: &str| required_fields.contains(&field);

    // 2. every row checked inside the write transaction (the DB the checks read is the DB written
    //    to) and written as soon as it passes; a refused file drops the transaction: rolled back
    let tx = store::write_tx(conn)?;
    let mut kind = K::load(&tx, &map)?;
    let mut bad: Vec<BadRow> = Vec::new();
    let mut rows = 0usize;
    let (mut inserted, mut updated, mut unchanged) = (0usize, 0usize, 0usize);
    // the customers of the written records (alerts and book refresh), not the records themselves
    let mut touched: foldhash::HashSet<Box<str>> = foldhash::HashSet::default();
    let mut any_good = false;
    let mut rounded = clean::Rounded::default();
    let mut reader = Rows::new(&text, &found);
    kind.expect_rows(memchr::memchr_iter(b'\n', reader.data().as_bytes()).count() + 1);
    let mut prev: Option<StringRecord> = None;
    let malformed = |e: csv::Error, line: u64| ImportError::Malformed {
        file: name.to_string(),
        line,
        message: Msg::Csv { detail: e.to_string() }.render(lang),
    };
    let mut last_line = header_line;
    while let Some(raw) = reader.next().map_err(|e| malformed(e, last_line + 1))? {
        rows += 1;
        let line = raw.line;
        last_line = line;
        if raw.last_without_newline && table::looks_cut(prev.as_ref(), &raw.record, header.len(), &map) {
            return Err(ImportError::Shape {
                file: name.to_string(),
                line,
                message: Msg::Import(ImportMsg::CutLastLine { line, fields: raw.record.len(), expected: header.len() })
                    .render(lang),
            });
        }
        if let Some(table::Unterminated { column, last_line }) =
            table::unterminated(reader.data(), &raw.record, raw.end, found.delimiter, line)
        {
            // the rest of the row (and the rows it swallowed) is noise: this is its only problem
            let field = header.get(column).map(headers::shown_cut).unwrap_or_default();
            let field = if field.is_empty() { Msg::ColumnN { n: column + 1 }.render(lang) } else { field };
            let message = Msg::RowUnterminated { last_line }.render(lang);
            bad.push((raw.record.clone(), vec![Problem { line, field, message }]));
            continue;
        }
        let cleaned = clean::clean_row(line, &raw.record, &map, required, &mut rounded);
        let mut row = Row::new(line, cleaned.record.as_ref().unwrap_or(&raw.record), &map, lang);
        for (field, m) in cleaned.problems {
            row.refuse(field, m);
        }
        let parsed = kind.parse(&tx, &mut row, opts);
        match parsed {
            Some(r) if !row.is_bad() => {
                any_good = true;
                // a refused file is rolled back whole: once a row is bad, stop writing
                if bad.is_empty() || opts.skip_bad {
                    match kind.write(&tx, &r, opts)? {
                        Upsert::Inserted => inserted += 1,
                        Upsert::Updated => updated += 1,
                        Upsert::Unchanged => unchanged += 1,
                    }
                    if !K::KEEPS_TOUCHED
                        && let Some(id) = K::customer_of(&r)
                        && !touched.contains(id)
                    {
                        touched.insert(id.into());
                    }
                }
            }
            _ => {
                if !row.is_bad() {
                    row.problem("row", Msg::CouldNotBeRead);
                }
                let problems = std::mem::take(&mut row.problems);
                bad.push((raw.record.clone(), problems));
            }
        }
        prev = Some(raw.record);
    }
    for (field, count, line, from, to) in rounded.0 {
        let header = map.header(field).to_string();
        notices.push(notice(Some(line), ImportMsg::PricesRounded { header, count, line, from, to }));
    }
    if !reader.footer.is_empty() {
        let first = reader.footer[0];
        notices.push(notice(Some(first), ImportMsg::FooterSkipped { lines: std::mem::take(&mut reader.footer) }));
    }
    // the rows are read: the file's bytes and text are not needed any more
    drop(reader);
    drop(text);
    let File { bytes, default_rejects, .. } = file;
    drop(bytes);
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
    // the customers the file touched, sorted; the checks' state (stored customers, keys seen) is
    // freed before the book refresh and the alert run
    let mut touched: Vec<String> = if K::KEEPS_TOUCHED {
        kind.touched()
    } else {
        let mut ids: Vec<String> = touched.into_iter().map(String::from).collect();
        ids.sort_unstable();
        ids
    };
    drop(kind);

    if K::KIND.affects_book() && opts.refresh_book {
        if K::ALERTS == kinds::AlertsAfter::Records {
            // only the customers the file touched (all of the book when many: the bulk refresh)
            store::book::refresh_customers(&tx, &opts.rules, touched.iter().map(String::as_str))?;
        } else {
            store::book::refresh(&tx, &opts.rules)?;
        }
    }
    if opts.replan && (K::KIND.affects_book() || matches!(K::KIND, ImportKind::Holdings | ImportKind::Securities)) {
        // tiers, statuses, opening dates, levels and holdings decide the callback plan
        let cal = crate::domain::calendar::Calendar::defaults();
        store::callbacks::replan(&tx, &opts.rules, &cal, opts.today, opts.now, None)?;
    }
    let which = match K::ALERTS {
        _ if !opts.alerts || !any_good => None,
        kinds::AlertsAfter::Nobody => None,
        kinds::AlertsAfter::Everyone => Some(store::alerts::Which::All),
        kinds::AlertsAfter::Records => Some(store::alerts::Which::Customers(std::mem::take(&mut touched))),
    };
    let alerts = match which {
        Some(w) => Some(store::alerts::run(&tx, &w, opts.today, opts.now, &opts.rules)?),
        None => None,
    };
    let rejects_file = match opts.rejects_path.clone().or(default_rejects) {
        Some(path) if !bad.is_empty() => {
            rejects::write(&path, &header, &bad, lang)?;
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
        notices,
    })
}

/// For a header that repeats a name (买卖标志 as text and as 0/1), keeps the column whose values
/// the field's cleaning and parsing accept on the first rows, and says so; a tie is refused as
/// before ("columns 3 and 7 are both …; keep one").
fn choose_repeats<K: Kind>(text: &str, found: &mut Found, notices: &mut Vec<Notice>, lang: Lang) -> Result<(), Msg> {
    let repeats = found.map.repeats().to_vec();
    if repeats.is_empty() {
        return Ok(());
    }
    let mut sample = Vec::new();
    let mut rows = Rows::new(text, found);
    while let Ok(Some(r)) = rows.next() {
        sample.push(r.record);
        if sample.len() >= REPEAT_SAMPLE {
            break;
        }
    }
    for (field, others) in repeats {
        let Some(first) = found.map.index(field) else { continue };
        let candidates: Vec<usize> = std::iter::once(first).chain(others.iter().copied()).collect();
        let score =
            |i: usize| sample.iter().filter(|r| r.get(i).is_some_and(|c| accepts(field, c, &found.map))).count();
        let scores: Vec<usize> = candidates.iter().map(|&i| score(i)).collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        let winners: Vec<usize> =
            candidates.iter().zip(&scores).filter(|(_, s)| **s == best).map(|(i, _)| *i).collect();
        if winners.len() != 1 {
            let header = headers::shown_cut(found.header.get(first).unwrap_or(field));
            return Err(Msg::DuplicateColumn { a: candidates[0] + 1, b: candidates[1] + 1, header });
        }
        let kept = winners[0];
        found.map.choose(field, kept);
        for dropped in candidates.into_iter().filter(|&i| i != kept) {
            let header = headers::shown_cut(found.header.get(kept).unwrap_or(field));
            let m = ImportMsg::RepeatedColumnKept { header, kept: kept + 1, dropped: dropped + 1 };
            notices.push(Notice { line: Some(found.line), message: Msg::Import(m).render(lang) });
        }
    }
    Ok(())
}

/// Whether `cell` is a value `field` accepts (cleaned, then parsed by the field's own parser when
/// it has a simple one; otherwise any non-empty text without control characters).
fn accepts(field: &str, cell: &str, map: &HeaderMap) -> bool {
    use super::fields as f;
    use crate::domain::model::{CustomerKind, CustomerStatus, Exchange, InvestorClass, Role, SecurityKind, Side};
    let Ok(c) = clean::clean_cell(field, cell, true, map.unit(field)) else { return false };
    let c = c.trim();
    if c.is_empty() {
        return false;
    }
    match field {
        "side" => f::coded::<Side>(c).is_ok(),
        "role" => f::coded::<Role>(c).is_ok(),
        "kind" => f::coded::<CustomerKind>(c).is_ok() || f::coded::<SecurityKind>(c).is_ok(),
        "status" => f::coded::<CustomerStatus>(c).is_ok(),
        "investor_class" => f::coded::<InvestorClass>(c).is_ok(),
        "exchange" => f::coded::<Exchange>(c).is_ok(),
        "gender" => f::gender(c).is_ok(),
        "mobile" => f::mobile(c).is_ok(),
        "risk_rating" => f::risk_rating(c).is_ok(),
        "version" => f::version(c).is_ok(),
        "time" => f::order_time(c).is_ok(),
        "customer_id" | "manager_id" | "code" | "questionnaire_id" => f::key(c).is_ok(),
        "as_of" | "date" | "opened_on" | "birth_date" | "assessed_on" | "last_trade_on" => f::date(c).is_ok(),
        _ => match headers::class_of(field) {
            Some(headers::FieldClass::Amount) => f::yuan(c).is_ok(),
            Some(headers::FieldClass::Price) => f::price(c).is_ok(),
            Some(headers::FieldClass::Count) => f::quantity(c).is_ok(),
            None => f::plain_text(c).is_ok(),
        },
    }
}
