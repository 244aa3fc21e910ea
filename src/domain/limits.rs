//! Sane maxima for figures read from files (issue 11, item 5): a wrapped or absurd number is an
//! error naming the file, line and field, never a value the rules compute with.

/// Largest tier threshold in whole yuan: 1 万亿 (10^12), far above any customer's assets and
/// small enough that fen (×100) and sums over a branch stay inside `i64`.
pub const MAX_THRESHOLD_YUAN: i64 = 1_000_000_000_000;

/// Largest points one questionnaire option may give; with at most [`MAX_QUESTIONS`] questions a
/// total stays far inside `u32`.
pub const MAX_OPTION_POINTS: u32 = 1_000;

/// Most questions a questionnaire may have.
pub const MAX_QUESTIONS: usize = 200;

/// Largest band bound (points): above any reachable total.
pub const MAX_BAND_POINTS: u32 = MAX_OPTION_POINTS * MAX_QUESTIONS as u32;

/// Largest definition file read (questionnaire, rules, settings): 1 MiB.
pub const MAX_DEFINITION_BYTES: u64 = 1 << 20;

/// The 1-based line of `text` where `key = value` is written (the first line that starts with
/// `key` and holds `value`), to name it in an error; `None` when not found literally.
pub fn line_of(text: &str, key: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(key) && l[key.len()..].trim_start().starts_with('=') && l.contains(value)
        })
        .map(|i| i + 1)
}

/// `path:line: ` (or `path: ` when the line is unknown) for an error about `key = value`.
pub fn locate(path: &str, text: &str, key: &str, value: &str) -> String {
    match line_of(text, key, value) {
        Some(n) => format!("{path}:{n}: {key}"),
        None => format!("{path}: {key}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_of_a_field_is_found() {
        let text = "[a]\nx = 1\n\n  min_assets_yuan = 9223372036854775807\n";
        assert_eq!(line_of(text, "min_assets_yuan", "9223372036854775807"), Some(4));
        assert_eq!(line_of(text, "min_assets", "1"), None);
        assert_eq!(locate("f.toml", text, "x", "1"), "f.toml:2: x");
    }
}
