//! The importer's messages about files as back offices really write them (issue 9): preambles
//! and footers, units in headers, Excel damage, encodings, shapes, sane maxima. One
//! [`ImportMsg`] per message, carried as [`Msg::Import`](super::Msg::Import) and worded in
//! [`super::zh::import`] and [`super::en::import`]. Values that may be personal (cells of ID,
//! account or mobile columns) are never carried whole: the importer passes them masked or not
//! at all.

/// A figure kind with a sane maximum ([`crate::import::bounds`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A quantity of units (shares, fund units, bonds): at most 10^12.
    Quantity,
    /// A price: at most 10^7 yuan.
    Price,
    /// An amount of money: at most 10^15 yuan.
    Money,
}

/// What a header unit applies to ([`crate::import::headers::Unit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitFits {
    /// Amounts and prices (元, 万元 …).
    Money,
    /// Quantities (股, 份, 张, 手, 万股 …).
    Count,
    /// Percentages (%).
    Percent,
}

/// One message of the importer about the shape of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportMsg {
    // ── notices (the file was read; this is what was done with it) ──
    /// Lines `first..=last` before the header (title, export information) were skipped.
    PreambleSkipped { first: u64, last: u64 },
    /// Lines after the data (a total, a count, a separator line, text after them) were skipped.
    FooterSkipped { lines: Vec<u64> },
    /// A column's values are in `unit` and were multiplied by `factor` (`成交金额(万元)`).
    UnitApplied { header: String, unit: String, factor: u64 },
    /// A title line `单位：万元` (line `line`) applies to the amount columns without a unit.
    TitleUnitApplied { line: u64, unit: String, headers: Vec<String> },
    /// `count` prices of a column had 4 decimals and were rounded half-up to 0.001 yuan (the
    /// stored precision); the first on `line`, `from` → `to`.
    PricesRounded { header: String, count: usize, line: u64, from: String, to: String },
    /// A header repeats a field: column `kept` (its values parse) is used, `dropped` ignored.
    RepeatedColumnKept { header: String, kept: usize, dropped: usize },
    /// The file is a workbook; sheet `sheet` was read.
    WorkbookSheet { sheet: String },
    /// A `.xls` file that is tab-separated text, not a workbook (read as text).
    TextSavedAsXls,

    // ── errors about the whole file ──
    /// A header cell with a unit the importer does not know: never ignored.
    UnknownUnit { column: usize, header: String, unit: String },
    /// A known unit on a column it does not fit (`持仓数量(万元)`).
    UnitDoesNotFit { column: usize, header: String, unit: String, fits: UnitFits },
    /// A `单位：…` title line with a unit the importer does not know.
    UnknownTitleUnit { line: u64, unit: String },
    /// UTF-16 without a byte-order mark (little-endian when `le`).
    Utf16WithoutBom { le: bool },
    /// Bytes that decode as GBK only into rare characters but as Shift-JIS into Japanese text.
    LooksShiftJis,
    /// Bytes that are neither UTF-8 nor common GBK text.
    NotChineseText { line: u64 },
    /// Some lines UTF-8, others GBK: two files pasted together.
    MixedEncodings { utf8_line: u64, gbk_line: u64 },
    /// A fixed-width text grid (columns aligned with spaces), not a delimited file.
    FixedWidthGrid { line: u64 },
    /// The last line has no line end and does not have the shape of the rows: the file is cut.
    CutLastLine { line: u64, fields: usize, expected: usize },
    /// The workbook could not be read.
    Workbook { detail: String },
    /// The workbook has no sheet with data.
    WorkbookEmpty,
    /// The rejects file would be written through a symbolic link.
    RejectsSymlink,

    // ── problems of one cell ──
    /// A number in scientific notation in an ID, account, mobile or code column.
    ScientificNotation { text: String },
    /// A masked value (`330108********1703`, `136****1014`) where the full value is needed.
    /// `text` is the value as shown (an ID or mobile masked again as the book masks them).
    Masked { text: String },
    /// A cell longer than the column allows.
    TooLong { chars: usize, max: usize },
    /// A figure over its sane maximum.
    OverBound { bound: Bound, text: String },
    /// A unit-scaled cell that is not a number (the text as written).
    NotANumberInUnit { text: String, unit: String },
    /// A unit-scaled amount finer than a fen once multiplied (`612.123456` in 万元 is
    /// 6,121,234.56 yuan and more): the text as written, its unit.
    FinerThanFenInUnit { text: String, unit: String },
    /// A security code of an A-share exchange that is not 6 digits.
    CodeNotSixDigits { code: String, exchange: &'static str },
    /// Quantity × cost price over the money bound.
    ValueOverBound,
}
