//! Finding the table in a file as back offices write it (issue 9, "Find the table"): the
//! delimiter (comma, tab or semicolon), the header line after any title, export-information and
//! blank lines, and the data rows up to a footer (`合计`, `总计`, `小计`, `共 N 条`, a line of
//! separators, text after them). Every row carries its **physical** line in the file (`FILE:LINE`
//! counts every line, whatever the line ends, skipped lines included).
//!
//! Rows are handed out one at a time ([`Rows::next`]), so a driver could write them as they pass.

use std::collections::VecDeque;

use csv::StringRecord;

use super::headers::{self, HeaderMap};
use super::row::is_blank;
use super::{Col, ImportKind};
use crate::i18n::Msg;
use crate::i18n::import_msg::ImportMsg;

/// How many non-blank lines may come before the header.
pub const MAX_PREAMBLE: usize = 50;

/// The physical line (1-based) of byte offsets in a text, for offsets asked in increasing order.
#[derive(Debug, Default)]
pub struct LineCounter {
    pos: usize,
    line: u64,
}

impl LineCounter {
    /// The line of byte `at` of `text` (`\n` ends a line; `\r\n` is one line end).
    ///
    /// The csv reader puts a record's start before the line end that precedes it (the `\n` of a
    /// `\r\n`, and any blank lines it skipped), so leading line ends are passed over first: this
    /// is what made CRLF files report one line too low.
    pub fn line_at(&mut self, text: &str, at: usize) -> u64 {
        let mut at = at.min(text.len());
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at < self.pos {
            *self = LineCounter::default();
        }
        self.line += text.as_bytes()[self.pos..at].iter().filter(|b| **b == b'\n').count() as u64;
        self.pos = at;
        self.line + 1
    }
}

/// The header found.
#[derive(Debug)]
pub struct Found {
    pub delimiter: u8,
    /// The header cells, trailing empty unnamed columns dropped.
    pub header: StringRecord,
    /// Its physical line.
    pub line: u64,
    /// The byte where the data starts (after the header line).
    pub data_start: usize,
    pub map: HeaderMap,
    /// The non-blank lines skipped before the header (first, last).
    pub preamble: Option<(u64, u64)>,
    /// A `单位：万元` title line: (line, unit text).
    pub title_unit: Option<(u64, String)>,
}

/// Why no header was found: the line, the message, the missing required fields.
#[derive(Debug)]
pub struct NoHeader {
    pub line: u64,
    pub message: Msg,
    pub missing: Vec<String>,
}

/// The delimiters to try, most frequent in the first lines first (comma when none is seen).
pub fn delimiters(text: &str) -> Vec<u8> {
    let head: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect();
    let mut found: Vec<(usize, u8)> = [b',', b'\t', b';']
        .into_iter()
        .map(|d| (head.iter().map(|l| l.bytes().filter(|b| *b == d).count()).max().unwrap_or(0), d))
        .filter(|(n, _)| *n > 0)
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    let mut out: Vec<u8> = found.into_iter().map(|(_, d)| d).collect();
    if !out.contains(&b',') {
        out.push(b',');
    }
    out
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes())
}

/// `record` without its trailing empty cells (Excel pads rows with empty unnamed columns).
pub fn trimmed_len(record: &StringRecord) -> usize {
    (0..record.len()).rev().find(|&i| record.get(i).is_some_and(|c| !c.trim().is_empty())).map_or(0, |i| i + 1)
}

/// Finds the header of a `kind` file: the first line (of the first [`MAX_PREAMBLE`] non-blank
/// ones) that names the kind's required columns, trying each delimiter of [`delimiters`].
pub fn find_header(text: &str, kind: ImportKind, cols: &[Col]) -> Result<Found, NoHeader> {
    let mut best: Option<NoHeader> = None;
    let mut first: Option<NoHeader> = None;
    for delimiter in delimiters(text) {
        let mut rdr = reader(text, delimiter);
        let mut record = StringRecord::new();
        let mut counter = LineCounter::default();
        let mut skipped: Option<(u64, u64)> = None;
        let mut title_unit = None;
        let mut seen = 0;
        while seen < MAX_PREAMBLE {
            match rdr.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) | Err(_) => break,
            }
            if is_blank(&record) {
                continue;
            }
            seen += 1;
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let line = counter.line_at(text, start);
            let n = trimmed_len(&record);
            let cells: Vec<&str> = record.iter().take(n).collect();
            match headers::map_header(kind, cols, &cells) {
                Ok(map) => {
                    let mut header = StringRecord::from(cells);
                    header.set_position(record.position().cloned());
                    return Ok(Found {
                        delimiter,
                        header,
                        line,
                        data_start: rdr.position().byte() as usize,
                        map,
                        preamble: skipped,
                        title_unit,
                    });
                }
                Err(_)
                    if let Some(Unterminated { column, last_line }) =
                        unterminated(text, &record, rdr.position().byte(), delimiter, line) =>
                {
                    // a quote opened in the header and never closed swallows the lines after it
                    let message = Msg::HeaderUnterminated { column: column + 1, last_line };
                    return Err(NoHeader { line, message, missing: Vec::new() });
                }
                Err(e) => {
                    let not_kind = matches!(e.message, Msg::NotAKindFile { .. });
                    let err = NoHeader { line, message: e.message, missing: e.missing };
                    if !not_kind && best.is_none() {
                        best = Some(err);
                    } else if first.is_none() {
                        first = Some(err);
                    }
                }
            }
            if title_unit.is_none() {
                title_unit = cells.iter().find_map(|c| unit_line(c)).map(|u| (line, u));
            }
            skipped = Some((skipped.map_or(line, |s| s.0), line));
        }
    }
    if let Some(line) = fixed_width_grid(text, cols) {
        return Err(NoHeader { line, message: Msg::Import(ImportMsg::FixedWidthGrid { line }), missing: Vec::new() });
    }
    Err(best.or(first).unwrap_or(NoHeader {
        line: 1,
        message: Msg::EmptyFile { kind },
        missing: cols.iter().filter(|c| c.required).map(|c| c.field.to_string()).collect(),
    }))
}

/// The unit of a `单位：万元` / `金额单位:元` cell.
fn unit_line(cell: &str) -> Option<String> {
    let at = cell.find("单位")?;
    let rest = cell[at + "单位".len()..].trim_start();
    let rest = rest.strip_prefix(['：', ':'])?.trim();
    let unit: String =
        rest.chars().take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | ';' | '；' | ')' | '）')).collect();
    (!unit.is_empty()).then_some(unit)
}

/// The line of a fixed-width grid's header: a line whose whitespace-separated words name at least
/// two of the kind's columns (a trading terminal's "save as text" of its grid).
fn fixed_width_grid(text: &str, cols: &[Col]) -> Option<u64> {
    let names: Vec<String> = cols
        .iter()
        .flat_map(|c| std::iter::once(c.field).chain(c.aliases.iter().copied()).chain(c.fallbacks.iter().copied()))
        .map(headers::normalize)
        .collect();
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).take(MAX_PREAMBLE).find_map(|(i, l)| {
        let hits = l.split_whitespace().filter(|w| names.contains(&headers::normalize(w))).count();
        (hits >= 2 && l.contains("  ")).then_some(i as u64 + 1)
    })
}

/// A data row as read: its physical line, its cells, and whether it is the file's last line and
/// has no line end.
#[derive(Debug)]
pub struct RawRow {
    pub line: u64,
    pub record: StringRecord,
    /// Where the next record starts (relative to the data).
    pub end: u64,
    pub last_without_newline: bool,
}

/// The data rows after the header, footer lines skipped.
pub struct Rows<'t> {
    text: &'t str,
    data: &'t str,
    offset: usize,
    reader: csv::Reader<&'t [u8]>,
    counter: LineCounter,
    header_len: usize,
    pending: VecDeque<RawRow>,
    ready: VecDeque<RawRow>,
    in_footer: bool,
    /// The lines skipped as a footer.
    pub footer: Vec<u64>,
}

impl<'t> Rows<'t> {
    /// The rows of `text` after `found`'s header.
    pub fn new(text: &'t str, found: &Found) -> Rows<'t> {
        let data = text.get(found.data_start..).unwrap_or("");
        Rows {
            text,
            data,
            offset: found.data_start,
            reader: reader(data, found.delimiter),
            counter: LineCounter::default(),
            header_len: found.header.len(),
            pending: VecDeque::new(),
            ready: VecDeque::new(),
            in_footer: false,
            footer: Vec::new(),
        }
    }

    /// The data (for the unterminated-quote check, whose positions are relative to it).
    pub fn data(&self) -> &'t str {
        self.data
    }

    /// The next data row (blank lines and the footer skipped), `None` at the end.
    pub fn next(&mut self) -> Result<Option<RawRow>, csv::Error> {
        loop {
            if let Some(r) = self.ready.pop_front() {
                return Ok(Some(r));
            }
            let mut record = StringRecord::new();
            if !self.reader.read_record(&mut record)? {
                // text lines left at the end (export information) are part of the footer
                self.footer.extend(self.pending.drain(..).map(|r| r.line));
                return Ok(None);
            }
            if is_blank(&record) {
                continue;
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let line = self.counter.line_at(self.text, self.offset + start);
            let end = self.reader.position().byte();
            let last_without_newline = end as usize >= self.data.len() && !self.data.ends_with('\n');
            let row = RawRow { line, record, end, last_without_newline };
            if is_footer_marker(&row.record) {
                self.footer.extend(self.pending.drain(..).map(|r| r.line));
                self.footer.push(line);
                self.in_footer = true;
            } else if self.header_len >= 3 && is_footer_text(&row.record) {
                if self.in_footer {
                    self.footer.push(line);
                } else {
                    self.pending.push_back(row);
                }
            } else {
                // a data row: text lines held back were data after all
                self.ready.extend(self.pending.drain(..));
                self.ready.push_back(row);
            }
        }
    }
}

/// A footer line: `合计`, `总计`, `小计`, `共计`, `共 N 条` (笔, 行, 户, 只, 个, 项), `记录数` first, or a
/// line of separators (`-----`, `=====`).
pub fn is_footer_marker(record: &StringRecord) -> bool {
    let Some(first) = record.iter().map(str::trim).find(|c| !c.is_empty()) else { return false };
    // most rows start with a digit or a letter: decided without allocating
    if !first.starts_with(['合', '总', '小', '共', '记', '-', '=', '_', '*', '─', '━', '—', '~', '·', '+', '|'])
    {
        return false;
    }
    let compact: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    if ["合计", "总计", "小计", "共计", "记录数", "记录条数", "总记录数"].iter().any(|p| compact.starts_with(p))
    {
        return true;
    }
    if let Some(rest) = compact.strip_prefix('共') {
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
        if digits.len() < rest.len()
            && ["条", "笔", "行", "户", "只", "个", "项", "记录"].iter().any(|u| digits.starts_with(u))
        {
            return true;
        }
    }
    let sep = |c: char| matches!(c, '-' | '=' | '_' | '*' | '─' | '━' | '—' | '~' | '·' | '+' | '|' | ' ');
    record.iter().any(|c| c.trim().chars().count() >= 3) && record.iter().all(|c| c.trim().chars().all(sep))
}

/// A line of text after the data (`导出时间：…`, `制表人：张三`): one non-empty cell with a colon
/// or Chinese text.
fn is_footer_text(record: &StringRecord) -> bool {
    let mut cells = record.iter().map(str::trim).filter(|c| !c.is_empty());
    match (cells.next(), cells.next()) {
        (Some(c), None) => c.contains(['：', ':']) || c.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
        _ => false,
    }
}

/// Whether the last line (without a line end) looks cut: it has fewer fields than the previous
/// row (or the header), or its last non-empty cell has another shape than the previous row's
/// cell there (a number with other decimals; an ID, code or date of another length).
pub fn looks_cut(prev: Option<&StringRecord>, row: &StringRecord, header_len: usize, map: &HeaderMap) -> bool {
    if row.len() < prev.map_or(header_len, StringRecord::len) {
        return true;
    }
    let Some(prev) = prev else { return false };
    // a download cut short loses the end of its last line: only the last non-empty cell can be cut
    let last = trimmed_len(row).checked_sub(1);
    map.fields().filter(|(_, i)| Some(*i) == last).any(|(field, i)| {
        let (Some(a), Some(b)) = (prev.get(i).map(str::trim), row.get(i).map(str::trim)) else { return false };
        if a.is_empty() || b.is_empty() {
            return false;
        }
        let decimals = |s: &str| s.split_once('.').map(|(_, f)| f.len());
        let fixed = super::clean::is_identity(field)
            || matches!(field, "as_of" | "date" | "opened_on" | "birth_date" | "assessed_on" | "last_trade_on");
        (decimals(a).is_some_and(|d| d > 0) && decimals(a) != decimals(b)) || (fixed && a.len() != b.len())
    })
}

/// A quoted cell that was never closed: its column (0-based) and the last line the record runs to.
#[derive(Debug, PartialEq, Eq)]
pub struct Unterminated {
    pub column: usize,
    pub last_line: u64,
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
/// `line` is the record's physical first line.
pub fn unterminated(text: &str, record: &StringRecord, end: u64, delimiter: u8, line: u64) -> Option<Unterminated> {
    let start = record.position()?.byte() as usize;
    let raw = text.get(start..(end as usize).min(text.len()))?;
    if !raw.contains('"') {
        return None; // without quotes a record is one line and has nothing open
    }
    let body = raw.trim_end_matches(['\r', '\n']);
    let last_line = line + body.matches('\n').count() as u64;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    #[test]
    fn delimiters_by_frequency() {
        assert_eq!(delimiters("a\tb\n1\t2\n"), vec![b'\t', b',']);
        assert_eq!(delimiters("\na,b\tc\n"), vec![b',', b'\t']);
        assert_eq!(delimiters("a;b;c\n1,5;2;3\n"), vec![b';', b',']);
        assert_eq!(delimiters("x\n"), vec![b',']);
    }

    #[test]
    fn lines_are_physical_whatever_the_line_ends() {
        let text = "a\r\nb\r\n\r\nc\n";
        let mut c = LineCounter::default();
        assert_eq!(c.line_at(text, 0), 1);
        assert_eq!(c.line_at(text, 3), 2);
        assert_eq!(c.line_at(text, 8), 4);
        // where the csv reader says a record starts: before the line ends it skipped
        let mut c = LineCounter::default();
        assert_eq!(c.line_at(text, 1), 2);
        assert_eq!(c.line_at(text, 4), 4);
    }

    #[test]
    fn only_the_end_of_the_last_line_can_be_cut() {
        let cols = ImportKind::Holdings.columns();
        let map = headers::map_header(
            ImportKind::Holdings,
            cols,
            &["customer_id", "as_of", "code", "quantity", "cost_price"],
        )
        .unwrap();
        let prev = rec(&["100001", "2025-08-26", "600519", "100.00", "1380.25"]);
        assert!(looks_cut(Some(&prev), &rec(&["100002", "2025-08-26", "510300", "20000", "3.9"]), 5, &map));
        assert!(looks_cut(Some(&prev), &rec(&["100002", "2025-08-26", "510300"]), 5, &map));
        assert!(!looks_cut(Some(&prev), &rec(&["100002", "2025-08-26", "510300", "20000", "3.95"]), 5, &map));
        assert!(looks_cut(None, &rec(&["100002", "2025-08-26"]), 5, &map));
        assert!(!looks_cut(None, &rec(&["100002", "2025-08-26", "510300", "1", "3"]), 5, &map));
    }

    #[test]
    fn footers() {
        for yes in [
            &["合计", "", "1,000"][..],
            &["总 计："],
            &["共 12 条记录"],
            &["共12条"],
            &["--------", "---"],
            &["小计", "2"],
        ] {
            assert!(is_footer_marker(&rec(yes)), "{yes:?}");
        }
        for no in [&["310800100001", "合计"][..], &["共同基金"], &["-", ""], &["100", "200"]] {
            assert!(!is_footer_marker(&rec(no)), "{no:?}");
        }
        assert!(is_footer_text(&rec(&["导出时间：2025-08-27", "", ""])));
        assert!(!is_footer_text(&rec(&["310800100001", "", ""])));
        assert_eq!(unit_line("金额单位：万元"), Some("万元".into()));
        assert_eq!(unit_line("单位: 元  导出人 M01"), Some("元".into()));
        assert_eq!(unit_line("单位"), None);
    }
}
