//! Header rows: English field names of SPEC §3 or the usual Chinese ones, in any order, with extra
//! columns ignored. Names are compared after trimming, dropping a unit in brackets (`成本价(元)`),
//! lower-casing ASCII and treating spaces and dashes as `_` (`Customer ID` = `customer_id`).

use crate::i18n::Msg;
use crate::i18n::import_msg::{ImportMsg, UnitFits};
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
    /// (field, column index, header as written in the file (cut to [`SHOWN_CHARS`]), unit)
    cols: Vec<(&'static str, usize, String, Option<Unit>)>,
    /// Fields whose name the header repeats (same name twice): the other columns, for the
    /// importer to keep the one whose values parse ([`HeaderMap::repeats`]).
    repeats: Vec<(&'static str, Vec<usize>)>,
}

impl HeaderMap {
    /// The column index of `field`, if the file has it.
    pub fn index(&self, field: &str) -> Option<usize> {
        self.cols.iter().find(|c| c.0 == field).map(|c| c.1)
    }
    /// The header of `field` as written in the file, or the field name when the file lacks it.
    pub fn header<'a>(&'a self, field: &'a str) -> &'a str {
        self.cols.iter().find(|c| c.0 == field).map(|c| c.2.as_str()).unwrap_or(field)
    }
    /// Whether the file has a column for `field`.
    pub fn has(&self, field: &str) -> bool {
        self.index(field).is_some()
    }
    /// The unit of `field`'s column (from its header, or a `单位：` title line), if any.
    pub fn unit(&self, field: &str) -> Option<&Unit> {
        self.cols.iter().find(|c| c.0 == field).and_then(|c| c.3.as_ref())
    }
    /// Every mapped field with its column index.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.cols.iter().map(|c| (c.0, c.1))
    }
    /// Every mapped field with its column index and unit.
    pub fn columns(&self) -> impl Iterator<Item = (&'static str, usize, Option<&Unit>)> + '_ {
        self.cols.iter().map(|c| (c.0, c.1, c.3.as_ref()))
    }
    /// Fields whose header name is repeated, with the other columns of the same name.
    pub fn repeats(&self) -> &[(&'static str, Vec<usize>)] {
        &self.repeats
    }
    /// Uses column `index` for `field` (one of its repeats) and forgets the repeat.
    pub fn choose(&mut self, field: &str, index: usize) {
        if let Some(c) = self.cols.iter_mut().find(|c| c.0 == field) {
            c.1 = index;
        }
        self.repeats.retain(|r| r.0 != field);
    }
    /// Gives the amount columns without a unit of their own the unit `unit` (a `单位：万元` title
    /// line); returns their headers.
    pub fn apply_title_unit(&mut self, unit: &Unit) -> Vec<String> {
        let mut applied = Vec::new();
        for c in self.cols.iter_mut().filter(|c| c.3.is_none() && class_of(c.0) == Some(FieldClass::Amount)) {
            c.3 = Some(unit.clone());
            applied.push(c.2.clone());
        }
        applied
    }
}

/// Header cells are cut to this many characters in messages.
pub const SHOWN_CHARS: usize = 40;

/// A unit in a header (`(万元)`, `（股）`): its text and the power of ten its values are multiplied by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// As written inside the brackets.
    pub text: String,
    /// Values are multiplied by 10^shift (万元: 4).
    pub shift: u32,
    /// What kind of column the unit fits.
    pub fits: UnitFits,
}

/// The unit named by `text` (inside brackets or after `单位：`), if known: 元 (and 元/股, 人民币元),
/// 千元, 万元, 百万元, 亿元; 股, 份, 张, 只, 手 (100), 万股, 万份, 万张, 亿股; %.
pub fn unit_of(text: &str) -> Option<Unit> {
    let t: String = text.trim().chars().filter(|c| !c.is_whitespace()).collect();
    let (shift, fits) = match t.as_str() {
        "元" | "人民币元" | "人民币" | "元/股" | "元/份" | "元/张" | "rmb" | "RMB" | "CNY" | "yuan" => {
            (0, UnitFits::Money)
        }
        "千元" => (3, UnitFits::Money),
        "万元" => (4, UnitFits::Money),
        "百万元" => (6, UnitFits::Money),
        "亿元" => (8, UnitFits::Money),
        "股" | "份" | "张" | "只" => (0, UnitFits::Count),
        "手" => (2, UnitFits::Count),
        "万股" | "万份" | "万张" => (4, UnitFits::Count),
        "亿股" => (8, UnitFits::Count),
        "%" | "％" => (0, UnitFits::Percent),
        _ => return None,
    };
    Some(Unit { text: text.trim().to_string(), shift, fits })
}

/// What a field holds, for units and cleaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// An amount of money in yuan.
    Amount,
    /// A price in yuan.
    Price,
    /// A count of units.
    Count,
}

/// The class of `field`, when it is a figure.
pub fn class_of(field: &str) -> Option<FieldClass> {
    match field {
        "cash" | "total_assets" | "net_commission_12m" | "other_income_12m" | "turnover_12m" | "face_value" => {
            Some(FieldClass::Amount)
        }
        "cost_price" | "price" | "open" | "high" | "low" | "close" => Some(FieldClass::Price),
        "quantity" | "volume" => Some(FieldClass::Count),
        _ => None,
    }
}

/// The bracketed groups of a header (`成交金额(近12月)（万元）` → `["近12月", "万元"]`) and the
/// name before the first one.
fn bracket_groups(header: &str) -> (String, Vec<String>) {
    let mut name = String::new();
    let mut groups = Vec::new();
    let mut current: Option<String> = None;
    for c in header.chars() {
        match (c, current.as_mut()) {
            ('(' | '（' | '[' | '【', None) => current = Some(String::new()),
            (')' | '）' | ']' | '】', Some(_)) => groups.extend(current.take()),
            (c, Some(g)) => g.push(c),
            (c, None) if groups.is_empty() => name.push(c),
            _ => {}
        }
    }
    groups.extend(current);
    (name.trim().to_string(), groups)
}

/// `header` without its last bracket group (the unit), normalised; brackets kept as `(`…`)`.
fn normalize_full(header: &str) -> String {
    let (name, groups) = bracket_groups(shown(header));
    let mut s = normalize(&name);
    for g in groups {
        s.push('(');
        s.push_str(&g.trim().to_ascii_lowercase());
        s.push(')');
    }
    s
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

/// [`shown`], cut to [`SHOWN_CHARS`] characters (with `…`): a hostile header is never echoed whole.
pub fn shown_cut(cell: &str) -> String {
    cut(shown(cell), SHOWN_CHARS)
}

/// `text` cut to `max` characters, with `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
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
/// its aliases; only when none is found, a column matching one of its fallbacks. Two columns with
/// different names for the same field (`customer_id` and `资金账号`) are an error naming both; the
/// same name twice is kept as a repeat ([`HeaderMap::repeats`]) for the importer to choose by the
/// values. A missing required column is an error. A header matching none of the columns is "not a
/// `kind` file".
///
/// Units: the last bracket group of a figure's header (`成交金额(万元)`) is its unit
/// ([`unit_of`]); a group that is neither a known unit nor part of an accepted name
/// (`净佣金(近12月)`) is an error naming the column, as is a unit of the wrong kind
/// (`持仓数量(万元)`, `成本价(%)`).
pub fn map_header(kind: ImportKind, cols: &[Col], header: &[&str]) -> Result<HeaderMap, HeaderError> {
    let normalized: Vec<String> = header.iter().map(|h| normalize(h)).collect();
    let shown = |i: usize| shown_cut(header[i]);
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
                [first, rest @ ..] if rest.iter().all(|&j| normalized[j] == normalized[*first]) => {
                    found = Some(*first);
                    map.repeats.push((col.field, rest.to_vec()));
                }
                [first, second, ..] => {
                    let (a, b) = (*first, *second);
                    let b = if normalized[a] == normalized[b] {
                        hits.iter().copied().find(|&j| normalized[j] != normalized[a]).unwrap_or(b)
                    } else {
                        b
                    };
                    let message = Msg::AmbiguousColumns {
                        a: a + 1,
                        header_a: shown(a),
                        b: b + 1,
                        header_b: shown(b),
                        col: col.into(),
                    };
                    return Err(HeaderError { message, missing: Vec::new() });
                }
            }
            break;
        }
        match found {
            Some(i) => {
                let all =
                    std::iter::once(col.field).chain(col.aliases.iter().copied()).chain(col.fallbacks.iter().copied());
                let unit = header_unit(col.field, header[i], i, all)?;
                map.cols.push((col.field, i, shown(i), unit));
            }
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

/// The unit of a figure's header cell `cell` (column `i`, 0-based), given the names its field
/// accepts; `None` for other fields and for figures without a unit.
fn header_unit<'n>(
    field: &str,
    cell: &str,
    i: usize,
    names: impl Iterator<Item = &'n str>,
) -> Result<Option<Unit>, HeaderError> {
    let Some(class) = class_of(field) else { return Ok(None) };
    let (_, groups) = bracket_groups(shown(cell));
    if groups.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = names.map(normalize_full).collect();
    let err = |m: ImportMsg| Err(HeaderError { message: Msg::Import(m), missing: Vec::new() });
    // a name with its note (`净佣金(近12月)`) and no unit
    if names.contains(&normalize_full(cell)) {
        return Ok(None);
    }
    let last = groups.last().map(String::as_str).unwrap_or("");
    let unit = unit_of(last);
    // everything but the last group must be an accepted name
    let (name, _) = bracket_groups(shown(cell));
    let mut rest = normalize(&name);
    for g in &groups[..groups.len() - 1] {
        rest.push('(');
        rest.push_str(&g.trim().to_ascii_lowercase());
        rest.push(')');
    }
    let (column, header) = (i + 1, shown_cut(cell));
    match unit {
        None => err(ImportMsg::UnknownUnit { column, header, unit: cut(last, SHOWN_CHARS) }),
        Some(_) if groups.len() > 1 && !names.contains(&rest) => {
            err(ImportMsg::UnknownUnit { column, header, unit: cut(&groups[0], SHOWN_CHARS) })
        }
        Some(u) => {
            let fits = match (class, u.fits) {
                (FieldClass::Amount | FieldClass::Price, UnitFits::Money) => true,
                (FieldClass::Count, UnitFits::Count) => true,
                _ => false,
            };
            if !fits {
                return err(ImportMsg::UnitDoesNotFit { column, header, unit: u.text, fits: u.fits });
            }
            Ok(Some(u))
        }
    }
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
        // the same name twice: kept as a repeat, the importer chooses by the values
        let m = map_header(Holdings, COLS, &["资金账号", "客户经理", "资金账号 "]).unwrap();
        assert_eq!(m.index("customer_id"), Some(0));
        assert_eq!(m.repeats(), &[("customer_id", vec![2])]);
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
