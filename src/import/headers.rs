//! Header rows: English field names of SPEC §3 or the usual Chinese ones, in any order, with extra
//! columns ignored. Names are compared after trimming, dropping a unit in brackets (`成本价(元)`),
//! lower-casing ASCII and treating spaces and dashes as `_` (`Customer ID` = `customer_id`).

use crate::i18n::Msg;
use crate::import::ImportKind;

/// One column a kind of file knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    /// The English field name (SPEC §3), used in code and as the first accepted header.
    pub field: &'static str,
    /// Other headers that mean exactly this field, most usual first. A file with two columns among
    /// the field name and these is refused as ambiguous.
    pub aliases: &'static [&'static str],
    /// Looser headers (`客户经理`, `日期`, `代码`…) that often name something else in a file that
    /// also has a specific one: used only when no name of `aliases` is found, and ignored otherwise.
    pub fallbacks: &'static [&'static str],
    /// A file without this column is refused.
    pub required: bool,
}

impl Col {
    pub const fn req(field: &'static str, aliases: &'static [&'static str]) -> Col {
        Col { field, aliases, fallbacks: &[], required: true }
    }
    pub const fn opt(field: &'static str, aliases: &'static [&'static str]) -> Col {
        Col { field, aliases, fallbacks: &[], required: false }
    }
    /// The same column with looser `fallbacks` headers.
    pub const fn or(self, fallbacks: &'static [&'static str]) -> Col {
        Col { fallbacks, ..self }
    }
    /// `customer_id (资金账号)`: the field with its usual Chinese header, for messages and help.
    pub fn describe(&self) -> String {
        match self.aliases.first().or(self.fallbacks.first()) {
            Some(zh) => format!("{} ({zh})", self.field),
            None => self.field.to_string(),
        }
    }
}

/// Where each known field sits in a file.
#[derive(Debug, Clone, Default)]
pub struct HeaderMap {
    /// (field, column index, header as written in the file)
    cols: Vec<(&'static str, usize, String)>,
}

impl HeaderMap {
    /// The column index of `field`, if the file has it.
    pub fn index(&self, field: &str) -> Option<usize> {
        self.cols.iter().find(|(f, _, _)| *f == field).map(|c| c.1)
    }
    /// The header of `field` as written in the file, or the field name when the file lacks it.
    pub fn header<'a>(&'a self, field: &'a str) -> &'a str {
        self.cols.iter().find(|(f, _, _)| *f == field).map(|c| c.2.as_str()).unwrap_or(field)
    }
    /// Whether the file has a column for `field`.
    pub fn has(&self, field: &str) -> bool {
        self.index(field).is_some()
    }
}

/// Why a header row is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError {
    pub message: Msg,
    /// Required fields with no column.
    pub missing: Vec<String>,
}

/// A header cell as shown in messages: trimmed, without a BOM left by a decoder.
pub fn shown(cell: &str) -> &str {
    cell.trim().trim_start_matches('\u{feff}').trim()
}

/// Normalises a header cell for comparison.
pub fn normalize(header: &str) -> String {
    let h = shown(header);
    // drop a trailing unit or note in brackets, unless that is all there is
    let cut = h.find(['(', '（', '[', '【']).filter(|&i| i > 0).unwrap_or(h.len());
    let h = h.get(..cut).unwrap_or(h).trim();
    h.chars()
        .filter(|c| !matches!(c, '\u{3000}' | '*'))
        .map(|c| match c {
            ' ' | '-' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Maps a header row onto `cols`. Each field takes the column matching its field name or one of
/// its aliases; only when none is found, a column matching one of its fallbacks. Two columns for
/// the same field at the same level (`customer_id` and `资金账号`, or the same name twice) are an
/// error naming both, as is a missing required column. A header matching none of the columns is
/// "not a `kind` file".
pub fn map_header(kind: ImportKind, cols: &[Col], header: &[&str]) -> Result<HeaderMap, HeaderError> {
    let normalized: Vec<String> = header.iter().map(|h| normalize(h)).collect();
    let shown = |i: usize| shown(header[i]).to_string();
    let mut map = HeaderMap::default();
    let mut missing = Vec::new();
    for col in cols {
        let exact = std::iter::once(col.field).chain(col.aliases.iter().copied()).collect::<Vec<_>>();
        let mut found = None;
        for names in [exact.as_slice(), col.fallbacks] {
            let wanted: Vec<String> = names.iter().map(|n| normalize(n)).collect();
            let hits: Vec<usize> = (0..normalized.len()).filter(|&i| wanted.contains(&normalized[i])).collect();
            match hits.as_slice() {
                [] => continue,
                [one] => found = Some(*one),
                [first, second, ..] => {
                    let (a, b) = (*first, *second);
                    let message = if normalized[a] == normalized[b] {
                        Msg::DuplicateColumn { a: a + 1, b: b + 1, header: shown(a) }
                    } else {
                        Msg::AmbiguousColumns {
                            a: a + 1,
                            header_a: shown(a),
                            b: b + 1,
                            header_b: shown(b),
                            col: col.into(),
                        }
                    };
                    return Err(HeaderError { message, missing: Vec::new() });
                }
            }
            break;
        }
        match found {
            Some(i) => map.cols.push((col.field, i, shown(i))),
            None if col.required => missing.push(col),
            None => {}
        }
    }
    if map.cols.is_empty() {
        return Err(HeaderError {
            message: Msg::NotAKindFile { kind, expected: cols.iter().filter(|c| c.required).map(Into::into).collect() },
            missing: cols.iter().filter(|c| c.required).map(|c| c.field.to_string()).collect(),
        });
    }
    if !missing.is_empty() {
        return Err(HeaderError {
            message: Msg::MissingColumns { kind, missing: missing.iter().map(|c| (*c).into()).collect() },
            missing: missing.iter().map(|c| c.field.to_string()).collect(),
        });
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::import::ImportKind::{Accounts, Customers, Holdings};

    const COLS: &[Col] = &[
        Col::req("customer_id", &["资金账号"]),
        Col::req("manager_id", &["客户经理编号"]).or(&["客户经理"]),
        Col::opt("cost_price", &["成本价"]),
    ];

    #[test]
    fn normalizes_headers() {
        assert_eq!(normalize(" Customer ID "), "customer_id");
        assert_eq!(normalize("\u{feff}资金账号"), "资金账号");
        assert_eq!(normalize("成本价(元)"), "成本价");
        assert_eq!(normalize("成本价（元）"), "成本价");
        assert_eq!(normalize("(x)"), "(x)");
    }

    #[test]
    fn maps_any_order_and_prefers_specific_names() {
        let m = map_header(Customers, COLS, &["客户经理", "备注", "资金账号", "客户经理编号"]).unwrap();
        assert_eq!(m.index("customer_id"), Some(2));
        assert_eq!(m.index("manager_id"), Some(3));
        assert_eq!(m.header("manager_id"), "客户经理编号");
        assert_eq!(m.index("cost_price"), None);
        assert_eq!(m.header("cost_price"), "cost_price");
    }

    #[test]
    fn missing_and_foreign_headers() {
        let e = map_header(Holdings, COLS, &["资金账号", "x"]).unwrap_err();
        assert_eq!(e.message.render(Lang::En), "missing required column manager_id (客户经理编号) for a holdings file");
        assert_eq!(e.missing, vec!["manager_id".to_string()]);
        assert_eq!(e.message.render(Lang::Zh), "持仓文件缺少必需的列：manager_id（客户经理编号）");
        let e = map_header(Accounts, COLS, &["资金账号"]).unwrap_err();
        assert_eq!(
            e.message.render(Lang::En),
            "missing required column manager_id (客户经理编号) for an accounts file"
        );
        let e = map_header(Holdings, COLS, &["a", "b"]).unwrap_err();
        assert!(e.message.render(Lang::En).starts_with("not a holdings file"), "{:?}", e.message);
        let e = map_header(Holdings, COLS, &["资金账号", "客户经理", "资金账号 "]).unwrap_err();
        assert_eq!(e.message.render(Lang::En), "columns 1 and 3 are both \"资金账号\"; keep one");
    }

    #[test]
    fn two_names_of_one_field_are_ambiguous() {
        let e = map_header(Holdings, COLS, &["customer_id", "客户经理编号", "资金账号"]).unwrap_err();
        assert_eq!(
            e.message.render(Lang::En),
            "columns 1 (\"customer_id\") and 3 (\"资金账号\") are both customer_id (资金账号); keep one"
        );
        assert!(e.missing.is_empty());
        // the same with the real customers columns, and two specific names of the manager
        let cols = crate::import::kinds::customers::COLUMNS;
        let base = ["name", "证件号码", "opened_on"];
        let e =
            map_header(Customers, cols, &[&base[..], &["资金账号", "manager_id", "customer_id"]].concat()).unwrap_err();
        assert_eq!(
            e.message.render(Lang::En),
            "columns 4 (\"资金账号\") and 6 (\"customer_id\") are both customer_id (资金账号); keep one"
        );
        let e =
            map_header(Customers, cols, &[&base[..], &["资金账号", "客户经理编号", "经理编号"]].concat()).unwrap_err();
        assert_eq!(
            e.message.render(Lang::En),
            "columns 5 (\"客户经理编号\") and 6 (\"经理编号\") are both manager_id (客户经理编号); keep one"
        );
        // two loose names alone are ambiguous too
        let e = map_header(Customers, cols, &[&base[..], &["客户号", "客户编号", "客户经理"]].concat()).unwrap_err();
        assert_eq!(
            e.message.render(Lang::En),
            "columns 4 (\"客户号\") and 5 (\"客户编号\") are both customer_id (资金账号); keep one"
        );
        // a specific name beside a loose one: the specific one, the loose one ignored
        let m = map_header(Customers, cols, &[&base[..], &["客户号", "资金账号", "客户经理", "客户经理编号"]].concat())
            .unwrap();
        assert_eq!((m.index("customer_id"), m.index("manager_id")), (Some(4), Some(6)));
    }
}
