//! SQLite's dialect of the common SQL into PostgreSQL's (issue 12): the store writes each
//! statement once; this turns it into what the server takes. Pure text work, done once per
//! statement text and cached by [`super::pg::PgConn`].
//!
//! - Placeholders: `?N`, `?` (the next number after the largest so far, as SQLite numbers them)
//!   and `:name` become `$1…$k` in order of first use; [`Translated::keys`] says which parameter
//!   each `$i` takes. Text inside `'…'`, `"…"` and `--` comments is left alone, and `::` casts
//!   are not names.
//! - `INSERT OR IGNORE INTO …` → `INSERT INTO … ON CONFLICT DO NOTHING`.
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
    Translated { sql, keys }
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
            out.push_str(&format!("json_array_elements_text(CAST({} AS json))", json_functions(args[0])));
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
    fn insert_or_ignore_becomes_on_conflict_do_nothing() {
        let t = translate("INSERT OR IGNORE INTO prices (code, date) VALUES (?1, ?2);");
        assert_eq!(t.sql, "INSERT INTO prices (code, date) VALUES ($1, $2) ON CONFLICT DO NOTHING");
    }

    #[test]
    fn json_functions_become_postgres_json_operators() {
        let t = translate("SELECT value FROM json_each(?1) WHERE id BETWEEN json_extract(?1, '$[0]') AND json_extract(?1, '$[1]')");
        assert_eq!(
            t.sql,
            "SELECT value FROM json_array_elements_text(CAST($1 AS json)) WHERE id BETWEEN (CAST($1 AS json) ->> 0) AND (CAST($1 AS json) ->> 1)"
        );
        let t = translate("SELECT CAST(json_extract(q.definition, '$.expiring_days') AS INTEGER) FROM q");
        assert_eq!(t.sql, "SELECT CAST((CAST(q.definition AS json) ->> 'expiring_days') AS INTEGER) FROM q");
    }
}
