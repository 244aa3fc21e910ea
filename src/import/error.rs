//! What can go wrong with an import, and one bad cell of one row ([`Problem`]).

use std::fmt;

use crate::i18n::{Lang, Msg};
use crate::store::StoreError;

/// How many problems [`ImportError::Rejected`]'s `Display` lists before "… and N more".
pub const SHOWN_PROBLEMS: usize = 200;

/// One thing wrong with one row: `FILE:LINE: field: message` when rendered with its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// The column as its header is written in the file (e.g. `证件号码`), or the field name.
    pub field: String,
    /// What is wrong, in plain words, in the import's language ([`Msg::render`]).
    pub message: String,
}

impl Problem {
    /// `FILE:LINE: field: message`.
    pub fn render(&self, file: &str) -> String {
        format!("{file}:{}: {}: {}", self.line, self.field, self.message)
    }
}

impl fmt::Display for Problem {
    /// `LINE: field: message` (without the file; see [`Problem::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.line, self.field, self.message)
    }
}

/// Something the import did with the file's shape (a preamble skipped, a unit applied…):
/// `FILE:LINE: message` (or `FILE: message` without a line) when rendered with its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The 1-based line it is about, if one.
    pub line: Option<u64>,
    /// In the import's language.
    pub message: String,
}

impl Notice {
    /// `FILE:LINE: message` or `FILE: message`.
    pub fn render(&self, file: &str) -> String {
        match self.line {
            Some(l) => format!("{file}:{l}: {}", self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

/// Why an import did not happen. Every variant names the file; nothing was written to the DB.
/// Messages are rendered in the import's language when the error is built (`lang` words the
/// summary and labels), so `Display` is the text to show.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Some rows are bad and `skip_bad` is off: the whole file is refused.
    /// `problems` holds every problem (the `Display` shows the first [`SHOWN_PROBLEMS`]);
    /// `total` is the number of data rows in the file and `bad_rows` how many of them have problems.
    #[error("{}", render_rejected(file, problems, *total, *bad_rows, *lang))]
    Rejected { file: String, problems: Vec<Problem>, total: usize, bad_rows: usize, lang: Lang },
    /// Reading the input or writing the rejects file failed.
    #[error("{path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// The bytes are neither UTF-8 nor GB18030/GBK (or not the forced encoding).
    #[error("{file}:{line}: {}: {message}", Msg::EncodingLabel.render(*lang))]
    Encoding { file: String, line: u64, message: String, lang: Lang },
    /// The header is missing required columns, or the file is not of the kind asked for.
    /// `missing` lists the missing required fields (English names).
    #[error("{file}:{line}: {}: {message}", Msg::HeaderLabel.render(*lang))]
    Header { file: String, line: u64, message: String, missing: Vec<String>, lang: Lang },
    /// The file's shape is refused as a whole: a cut last line, a workbook that cannot be read
    /// (the message in the import's language).
    #[error("{file}:{line}: {message}")]
    Shape { file: String, line: u64, message: String },
    /// The CSV itself could not be read (e.g. a broken quoted field).
    #[error("{file}:{line}: csv: {message}")]
    Malformed { file: String, line: u64, message: String },
    /// The database failed; the transaction was rolled back, nothing was written.
    #[error("database: {0}")]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> ImportError {
        ImportError::Store(StoreError::Sql(e))
    }
}

impl ImportError {
    /// The problems of a rejected file (empty for the other variants).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ImportError::Rejected { problems, .. } => problems,
            _ => &[],
        }
    }
}

fn render_rejected(file: &str, problems: &[Problem], total: usize, bad_rows: usize, lang: Lang) -> String {
    let mut out = Msg::Rejected { file: file.to_string(), problems: problems.len(), bad_rows, total }.render(lang);
    for p in problems.iter().take(SHOWN_PROBLEMS) {
        out.push('\n');
        out.push_str(&p.render(file));
    }
    if problems.len() > SHOWN_PROBLEMS {
        out.push('\n');
        out.push_str(&Msg::AndMore { n: problems.len() - SHOWN_PROBLEMS }.render(lang));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_lists_problems_with_a_cap() {
        let problems: Vec<Problem> =
            (0..203).map(|i| Problem { line: i + 2, field: "code".into(), message: "bad".into() }).collect();
        let e = ImportError::Rejected {
            file: "h.csv".into(),
            problems: problems.clone(),
            total: 300,
            bad_rows: 203,
            lang: Lang::En,
        };
        let text = e.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + SHOWN_PROBLEMS + 1);
        assert!(lines[0].starts_with("h.csv: rejected, nothing imported: 203 problems on 203 of 300 rows"));
        assert_eq!(lines[1], "h.csv:2: code: bad");
        assert_eq!(lines[200], "h.csv:201: code: bad");
        assert_eq!(lines[201], "… and 3 more");
        let e = ImportError::Rejected { file: "h.csv".into(), problems, total: 300, bad_rows: 203, lang: Lang::Zh };
        let text = e.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "h.csv：已拒绝，未导入任何数据：203 处问题，涉及 300 行中的 203 行（请修正，或用 --skip-bad 只导入正确的行）"
        );
        assert_eq!(lines[1], "h.csv:2: code: bad");
        assert_eq!(lines[201], "…… 另有 3 处");
    }
}
