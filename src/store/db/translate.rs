//! SQLite's dialect of the common SQL into PostgreSQL's (issue 12): the store writes each
//! statement once; this turns it into what the server takes. Pure text work, done once per
//! statement text and cached by [`super::pg::PgConn`].
//!
//! - Placeholders: `?N`, `?` (the next number after the largest so far, as SQLite numbers them)
//!   and `:name` become `$1…$k` in order of first use; [`Translated::keys`] says which parameter
//!   each `$i` takes. Text inside `'…'`, `"…"` and `--` comments is left alone, and `::` casts
//!   are not names.
//! - `INSERT OR IGNORE INTO …` → `INSERT INTO … ON CONFLICT DO NOTHING`; `INSERT OR REPLACE` →
//!   `INSERT` (the key refuses a repeat: the store writes no REPLACE, its guards' tests try one).
//! - `json_each(x)` → `json_array_elements_text(CAST(x AS json))` (its column is `value` on both);
//!   `json_extract(x, '$[N]')` → `(CAST(x AS json) ->> N)`, `json_extract(x, '$.k')` →
//!   `(CAST(x AS json) ->> 'k')` (text; compare with text columns or `CAST` it).

/// Where the value of one `$i` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamKey {
    /// SQLite's `?N`: the N-th positional parameter (1-based).
    Index(usize),
    /// `:name` (with its colon).
    Name(String),
}

/// A statement in PostgreSQL's dialect and where each of its `$i` comes from (`keys[i - 1]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub sql: String,
    pub keys: Vec<ParamKey>,
}

/// Translates one statement (or several separated by `;`, for batches without parameters).
pub fn translate(sql: &str) -> Translated {
    let (sql, keys) = placeholders(sql);
    let sql = insert_or_ignore(&sql);
    let sql = json_functions(&sql);
    let sql = cross_join_on(&sql);
    let sql = unary_plus(&sql);
    let sql = renamed_functions(&sql);
    Translated { sql, keys }
}

/// Functions PostgreSQL names otherwise: `instr(a, b)` → `strpos(a, b)`, `json_array(…)` →
/// `json_build_array(…)`.
fn renamed_functions(sql: &str) -> String {
    sql.replace("instr(", "strpos(").replace("json_array(", "json_build_array(")
}

/// SQLite's unary `+` before a column (`WHERE +status = 'open'`: "do not use an index on it") is
/// dropped: PostgreSQL has no unary `+` on text, and its planner needs no such hint.
fn unary_plus(sql: &str) -> String {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let mut last = 0;
    for (i, &c) in b.iter().enumerate() {
        if c != b'+' || !b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || *n == b'_') {
            continue;
        }
        let before = sql[..i].trim_end();
        let word = before.rsplit(|ch: char| !ch.is_ascii_alphanumeric() && ch != '_').next().unwrap_or("");
        let operand_before =
            before.ends_with(|ch: char| ch.is_ascii_alphanumeric() || ch == '_' || ch == ')' || ch == '\'');
        let keyword = ["WHERE", "AND", "OR", "ON", "NOT", "BY", "SELECT", "WHEN", "THEN", "ELSE"].contains(&word);
        if !operand_before || keyword {
            out.push_str(&sql[last..i]);
            last = i + 1;
        }
    }
    out.push_str(&sql[last..]);
    out
}

/// SQLite's `CROSS JOIN t ON …` (an inner join whose order the planner keeps) is PostgreSQL's
/// `JOIN t ON …` (PostgreSQL takes no `ON` after `CROSS JOIN`); a `CROSS JOIN` without `ON` stays.
fn cross_join_on(sql: &str) -> String {
    const CROSS: &str = "CROSS JOIN ";
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(CROSS) {
        out.push_str(&rest[..at]);
        let after = &rest[at + CROSS.len()..];
        let words: Vec<&str> = after.split_whitespace().take(3).collect();
        let has_on = words.get(1) == Some(&"ON") || words.get(2) == Some(&"ON");
        out.push_str(if has_on { "JOIN " } else { CROSS });
        rest = after;
    }
    out.push_str(rest);
    out
}

fn placeholders(sql: &str) -> (String, Vec<ParamKey>) {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut keys: Vec<ParamKey> = Vec::new();
    let mut largest = 0usize;
    let mut i = 0;
    let mut start = 0;
    let number = |key: ParamKey, keys: &mut Vec<ParamKey>| -> usize {
        match keys.iter().position(|k| *k == key) {
            Some(p) => p + 1,
            None => {
                keys.push(key);
                keys.len()
            }
        }
    };
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'?' => {
                out.push_str(&sql[start..i]);
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                let n = if j > i + 1 { sql[i + 1..j].parse().unwrap_or(usize::MAX) } else { largest + 1 };
                largest = largest.max(n);
                let p = number(ParamKey::Index(n), &mut keys);
                out.push_str(&format!("${p}"));
                i = j;
                start = i;
            }
            b':' if b.get(i + 1) == Some(&b':') => i += 2,
            b':' if b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') => {
                out.push_str(&sql[start..i]);
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                let p = number(ParamKey::Name(sql[i..j].to_string()), &mut keys);
                out.push_str(&format!("${p}"));
                i = j;
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&sql[start..]);
    (out, keys)
}

fn insert_or_ignore(sql: &str) -> String {
    // PostgreSQL has no REPLACE: the key refuses the repeat (the store never writes REPLACE; the
    // append-only tests try it and must be refused on both)
    let sql = &sql.replace("INSERT OR REPLACE INTO", "INSERT INTO");
    const FROM: &str = "INSERT OR IGNORE INTO";
    match sql.find(FROM) {
        None => sql.to_string(),
        Some(at) => {
            let body = sql[at + FROM.len()..].trim_end().trim_end_matches(';');
            format!("{}INSERT INTO{body} ON CONFLICT DO NOTHING", &sql[..at])
        }
    }
}

/// The text of a call's first argument list starting just after `(`: (argument text, index
/// after the closing `)`), parentheses and quotes balanced.
fn call_args(s: &str, open: usize) -> Option<(Vec<&str>, usize)> {
    let b = s.as_bytes();
    let mut depth = 0;
    let mut args = Vec::new();
    let mut from = open;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'\'' => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
            }
            b'(' => depth += 1,
            b')' if depth == 0 => {
                args.push(s[from..i].trim());
                return Some((args, i + 1));
            }
            b')' => depth -= 1,
            b',' if depth == 0 => {
                args.push(s[from..i].trim());
                from = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn json_functions(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 32);
    let mut rest = sql;
    loop {
        let each = rest.find("json_each(");
        let extract = rest.find("json_extract(");
        let (at, name) = match (each, extract) {
            (None, None) => break,
            (Some(a), Some(b)) if b < a => (b, "json_extract("),
            (Some(a), _) => (a, "json_each("),
            (None, Some(b)) => (b, "json_extract("),
        };
        out.push_str(&rest[..at]);
        let open = at + name.len();
        let Some((args, end)) = call_args(rest, open) else {
            out.push_str(&rest[at..]);
            return out;
        };
        if name == "json_each(" {
            // SQLite's columns `value` and `key` (the position; PostgreSQL's counts from 1: same order)
            let after = &rest[end..];
            let word: String =
                after.trim_start().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let keyword = ["WHERE", "JOIN", "CROSS", "INNER", "LEFT", "ON", "ORDER", "GROUP", "LIMIT", "AS", ""]
                .contains(&word.to_ascii_uppercase().as_str());
            let alias = if keyword { "json_each".to_string() } else { word.clone() };
            out.push_str(&format!(
                "json_array_elements_text(CAST({} AS json)) WITH ORDINALITY AS {alias}(value, key)",
                json_functions(args[0])
            ));
            if !keyword {
                let skip = after.len() - after.trim_start().len() + word.len();
                rest = &rest[end + skip..];
                continue;
            }
        } else {
            let path = args.get(1).copied().unwrap_or("'$'").trim_matches('\'');
            let x = json_functions(args[0]);
            if let Some(n) = path.strip_prefix("$[").and_then(|p| p.strip_suffix(']')) {
                out.push_str(&format!("(CAST({x} AS json) ->> {n})"));
            } else if let Some(k) = path.strip_prefix("$.") {
                out.push_str(&format!("(CAST({x} AS json) ->> '{k}')"));
            } else {
                out.push_str(&format!("CAST({x} AS json)"));
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_anonymous_and_named_placeholders_become_dollars_in_first_use_order() {
        let t = translate("SELECT a FROM t WHERE b = ?2 AND c = ?1 AND d = ?2");
        assert_eq!(t.sql, "SELECT a FROM t WHERE b = $1 AND c = $2 AND d = $1");
        assert_eq!(t.keys, vec![ParamKey::Index(2), ParamKey::Index(1)]);
        let t = translate("INSERT INTO t VALUES (?, ?, ?)");
        assert_eq!(t.sql, "INSERT INTO t VALUES ($1, $2, $3)");
        assert_eq!(t.keys, vec![ParamKey::Index(1), ParamKey::Index(2), ParamKey::Index(3)]);
        let t = translate("SELECT 1 WHERE x = :cust OR y = :cust OR z = :m");
        assert_eq!(t.sql, "SELECT 1 WHERE x = $1 OR y = $1 OR z = $2");
        assert_eq!(t.keys, vec![ParamKey::Name(":cust".into()), ParamKey::Name(":m".into())]);
    }

    #[test]
    fn quotes_comments_and_casts_are_not_placeholders() {
        let t = translate("SELECT '?1 :x', \"a?\" FROM t -- ?3 :y\nWHERE v::text = ?1");
        assert_eq!(t.sql, "SELECT '?1 :x', \"a?\" FROM t -- ?3 :y\nWHERE v::text = $1");
        assert_eq!(t.keys, vec![ParamKey::Index(1)]);
    }

    #[test]
    fn cross_join_with_on_becomes_join_and_without_stays() {
        let t = translate("SELECT 1 FROM json_each(?1) j CROSS JOIN customer_book b ON b.customer_id = j.value");
        assert!(t.sql.ends_with(" AS j(value, key) JOIN customer_book b ON b.customer_id = j.value"), "{}", t.sql);
        assert_eq!(translate("SELECT 1 FROM a CROSS JOIN b").sql, "SELECT 1 FROM a CROSS JOIN b");
    }

    #[test]
    fn sqlites_unary_plus_hint_is_dropped_but_addition_stays() {
        assert_eq!(
            translate("SELECT 1 FROM t WHERE +status = 'open' AND (+a = 1)").sql,
            "SELECT 1 FROM t WHERE status = 'open' AND (a = 1)"
        );
        assert_eq!(translate("SELECT a +b, c+ d, x+y FROM t").sql, "SELECT a +b, c+ d, x+y FROM t");
    }

    #[test]
    fn insert_or_ignore_becomes_on_conflict_do_nothing() {
        let t = translate("INSERT OR IGNORE INTO prices (code, date) VALUES (?1, ?2);");
        assert_eq!(t.sql, "INSERT INTO prices (code, date) VALUES ($1, $2) ON CONFLICT DO NOTHING");
    }

    #[test]
    fn json_functions_become_postgres_json_operators() {
        let t = translate(
            "SELECT value FROM json_each(?1) WHERE id BETWEEN json_extract(?1, '$[0]') AND json_extract(?1, '$[1]')",
        );
        assert_eq!(
            t.sql,
            "SELECT value FROM json_array_elements_text(CAST($1 AS json)) WITH ORDINALITY AS json_each(value, key) WHERE id BETWEEN (CAST($1 AS json) ->> 0) AND (CAST($1 AS json) ->> 1)"
        );
        let t = translate("SELECT CAST(json_extract(q.definition, '$.expiring_days') AS INTEGER) FROM q");
        assert_eq!(t.sql, "SELECT CAST((CAST(q.definition AS json) ->> 'expiring_days') AS INTEGER) FROM q");
    }
}
