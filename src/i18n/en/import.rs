//! English texts of [`ImportMsg`] (the importer's messages about file shapes).

use crate::i18n::import_msg::{Bound, ImportMsg, UnitFits};

/// `m` in English.
pub fn render(m: &ImportMsg) -> String {
    match m {
        ImportMsg::PreambleSkipped { first, last } if first == last => {
            format!("skipped line {first} before the header (title or export information)")
        }
        ImportMsg::PreambleSkipped { first, last } => {
            format!("skipped lines {first}–{last} before the header (title or export information)")
        }
        ImportMsg::FooterSkipped { lines } => {
            let s = if lines.len() == 1 { "" } else { "s" };
            format!(
                "skipped the footer after the data (total, count or separator line{s}): line{s} {}",
                join_lines(lines)
            )
        }
        ImportMsg::UnitApplied { header, unit, factor } => {
            format!("{header}: values in {unit}, multiplied by {}", crate::domain::money::format_count(*factor))
        }
        ImportMsg::TitleUnitApplied { line, unit, headers } => {
            format!(
                "\"单位：{unit}\" on line {line} applies to the amount columns without a unit: {}",
                headers.join(", ")
            )
        }
        ImportMsg::PricesRounded { header, count, line, from, to } => format!(
            "{header}: {count} price(s) had 4 decimals, rounded half-up to 0.001 yuan (the stored precision), e.g. line {line}: {from} → {to}"
        ),
        ImportMsg::RepeatedColumnKept { header, kept, dropped } => {
            format!("header {header:?} appears twice: column {kept} used (its values parse), column {dropped} ignored")
        }
        ImportMsg::WorkbookSheet { sheet } => format!("Excel workbook: read sheet {sheet:?}"),
        ImportMsg::TextSavedAsXls => "named .xls but tab-separated text, not a workbook: read as text".into(),
        ImportMsg::UnknownUnit { column, header, unit } => {
            format!("column {column} {header:?}: unknown unit {unit:?}; use 元, 万元, 股 … or no unit")
        }
        ImportMsg::UnitDoesNotFit { column, header, unit, fits } => {
            format!(
                "column {column} {header:?}: {unit:?} is a unit of {}, which does not fit this column",
                fits_en(*fits)
            )
        }
        ImportMsg::UnknownTitleUnit { line, unit } => format!(
            "line {line}: unknown unit in \"单位：{unit}\"; put the unit in the column names instead (成交金额(万元))"
        ),
        ImportMsg::Utf16WithoutBom { le } => format!(
            "looks like UTF-16{} text without a byte-order mark; add --encoding {} or save as UTF-8 CSV",
            if *le { " LE" } else { " BE" },
            if *le { "utf-16le" } else { "utf-16be" }
        ),
        ImportMsg::LooksShiftJis => {
            "looks like Shift-JIS (Japanese), not UTF-8 or GBK; save it as UTF-8 or GBK in the program that made it"
                .into()
        }
        ImportMsg::NotChineseText { line } => format!(
            "decoded as GBK, line {line} on is mostly rare characters: not GBK Chinese text (another encoding?); save it as UTF-8 or GBK"
        ),
        ImportMsg::MixedEncodings { utf8_line, gbk_line } => format!(
            "the file mixes two encodings: line {utf8_line} is UTF-8, line {gbk_line} is GBK; save it in one encoding and import again"
        ),
        ImportMsg::FixedWidthGrid { line } => format!(
            "from line {line} this is a fixed-width text grid (columns aligned with spaces), not CSV; export it from the program as Excel, CSV or tab-separated text"
        ),
        ImportMsg::CutLastLine { line, fields, expected } => format!(
            "the last line ({line}) has no line end and {fields} fields where the header has {expected}: the file looks cut; export it again"
        ),
        ImportMsg::Workbook { detail } => format!("cannot read the Excel workbook: {detail}"),
        ImportMsg::WorkbookEmpty => "the Excel workbook has no sheet with data".into(),
        ImportMsg::RejectsSymlink => "a symbolic link: the rejects file is never written through one".into(),
        ImportMsg::ScientificNotation { text } => {
            format!("{text:?} in scientific notation (Excel lost the digits; re-export the column as text)")
        }
        ImportMsg::Masked { text } => format!("{text:?} is masked (has *); import the full value"),
        ImportMsg::TooLong { chars, max } => format!("too long: {chars} characters (at most {max})"),
        ImportMsg::OverBound { bound, text } => {
            format!("{text:?} is over the sane maximum for {} ({})", bound_en(*bound), max_en(*bound))
        }
        ImportMsg::NotANumberInUnit { text, unit } => format!("not a number: {text:?} (unit {unit})"),
        ImportMsg::FinerThanFenInUnit { text, unit } => {
            format!("{text:?} (unit {unit}) has more than 2 decimals in yuan (finer than a fen)")
        }
        ImportMsg::CodeNotSixDigits { code, exchange } => format!("{exchange} security codes are 6 digits: {code:?}"),
        ImportMsg::ValueOverBound => "quantity × cost price is over the sane maximum for money (10^15 yuan)".into(),
    }
}

fn join_lines(lines: &[u64]) -> String {
    lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}

fn fits_en(f: UnitFits) -> &'static str {
    match f {
        UnitFits::Money => "money",
        UnitFits::Count => "quantity",
        UnitFits::Percent => "percentage",
    }
}

fn bound_en(b: Bound) -> &'static str {
    match b {
        Bound::Quantity => "a quantity",
        Bound::Price => "a price",
        Bound::Money => "an amount",
    }
}

fn max_en(b: Bound) -> &'static str {
    match b {
        Bound::Quantity => "10^12",
        Bound::Price => "10^7 yuan",
        Bound::Money => "10^15 yuan",
    }
}
