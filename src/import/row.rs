//! One data row being read: trimmed cells by field name, and the problems found so far. A kind's
//! parser reads every field it needs (so every bad cell of a row is reported, not just the first)
//! and returns a record only when it could build one; a row with any problem is bad as a whole.
//! Problems are [`Msg`]s rendered in the import's language as they are recorded.

use csv::StringRecord;

use super::error::Problem;
use super::headers::HeaderMap;
use crate::i18n::{Lang, Msg};

pub struct Row<'a> {
    pub line: u64,
    record: &'a StringRecord,
    map: &'a HeaderMap,
    lang: Lang,
    pub problems: Vec<Problem>,
    /// Fields refused by cleaning: their parser's later problems are not added (one problem a cell).
    refused: Vec<&'static str>,
}

impl<'a> Row<'a> {
    /// Row at 1-based `line`; problems are worded in `lang`.
    pub fn new(line: u64, record: &'a StringRecord, map: &'a HeaderMap, lang: Lang) -> Row<'a> {
        Row { line, record, map, lang, problems: Vec::new(), refused: Vec::new() }
    }

    /// The trimmed cell of `field`; `None` when the file has no such column or the cell is empty.
    /// A cell our exports neutralised against formula injection (`'=…`, `'+1`) reads back as
    /// written before ([`crate::export::cell::unneutralise`]).
    pub fn cell(&self, field: &str) -> Option<&'a str> {
        let i = self.map.index(field)?;
        self.record.get(i).map(|c| crate::export::cell::unneutralise(c.trim())).filter(|s| !s.is_empty())
    }

    /// The header of `field` as written in the file (or the field name).
    pub fn header(&self, field: &'a str) -> &'a str {
        self.map.header(field)
    }

    /// Records a problem on `field` (named by its header in the file), worded in the import's
    /// language; an ID number or USCC in it is masked ([`super::clean::mask_ids`]). A field
    /// already refused by cleaning gets no second problem.
    pub fn problem(&mut self, field: &str, message: Msg) {
        if self.refused.contains(&field) {
            return;
        }
        let header = self.map.header(field).to_string();
        let message = super::clean::mask_ids(&message.render(self.lang)).into_owned();
        self.problems.push(Problem { line: self.line, field: header, message });
    }

    /// Records the problem cleaning found on `field` (its cell reads as empty), and no other on it.
    pub fn refuse(&mut self, field: &'static str, message: Msg) {
        self.problem(field, message);
        self.refused.push(field);
    }

    /// A required text cell; an empty one is a problem.
    pub fn text(&mut self, field: &str) -> Option<&'a str> {
        let v = self.cell(field);
        if v.is_none() {
            self.problem(field, Msg::Required);
        }
        v
    }

    /// A required cell parsed by `parse`; empty or unparsable cells are problems.
    pub fn req<T>(&mut self, field: &str, parse: impl FnOnce(&'a str) -> Result<T, Msg>) -> Option<T> {
        let cell = self.text(field)?;
        self.parsed(field, cell, parse)
    }

    /// An optional cell parsed by `parse`: `None` when absent or empty; an unparsable cell is a
    /// problem (and also `None`, which does not matter since the row is then bad).
    pub fn opt<T>(&mut self, field: &str, parse: impl FnOnce(&'a str) -> Result<T, Msg>) -> Option<T> {
        let cell = self.cell(field)?;
        self.parsed(field, cell, parse)
    }

    /// `parse(cell)`, its error recorded as a problem on `field`.
    fn parsed<T>(&mut self, field: &str, cell: &'a str, parse: impl FnOnce(&'a str) -> Result<T, Msg>) -> Option<T> {
        parse(cell).map_err(|message| self.problem(field, message)).ok()
    }

    /// Whether the row has problems.
    pub fn is_bad(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// A row with only empty cells (skipped like a blank line).
pub fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|c| c.trim().is_empty())
}
