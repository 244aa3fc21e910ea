//! Display width of text in terminal cells: the one place width maths lives.
//!
//! CJK ideographs take two cells, so `张三a` is 3 chars and 5 cells. Cutting and padding go by
//! grapheme clusters, so a name is never split inside a character (no `&s[..n]` on user text).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The longest prefix of `s` that fits in `cells`, ending in `…` when something was cut
/// (the ellipsis takes one cell). Never wider than `cells`.
pub fn truncate_to_cells(s: &str, cells: usize) -> String {
    if width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let budget = cells - 1;
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > budget {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// `s` without its first `cells` cells (a wide character straddling the edge goes whole):
/// what a scrolled text field shows.
pub fn skip_cells(s: &str, cells: usize) -> String {
    let mut skipped = 0;
    let mut out = String::new();
    for g in s.graphemes(true) {
        if skipped < cells {
            skipped += width(g);
            continue;
        }
        out.push_str(g);
    }
    out
}

/// The longest prefix of `s` that fits in `cells`, cut without an ellipsis (a text field's
/// visible part).
pub fn take_cells(s: &str, cells: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > cells {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out
}

/// A sort key that orders Chinese names the way people look them up: by pinyin syllable
/// (丁军 `ding jun` before 丁倩雪 `ding qian xue`), other characters lower-cased in place; the
/// name itself breaks ties between homophones. Compare keys bytewise (SQLite `BINARY` agrees).
pub fn name_sort_key(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut syllables: Vec<String> = Vec::new();
    for (i, (c, p)) in name.chars().zip(name.to_pinyin()).enumerate() {
        match (i, surname_reading(c), p) {
            (0, Some(reading), _) => syllables.push(reading.to_string()),
            (_, _, Some(p)) => syllables.push(p.plain().to_string()),
            (_, _, None) => syllables.push(c.to_lowercase().collect()),
        }
    }
    format!("{}\u{1}{name}", syllables.join(" "))
}

/// Surnames read differently from the character's common reading (曾 zēng, not céng).
fn surname_reading(c: char) -> Option<&'static str> {
    Some(match c {
        '曾' => "zeng",
        '单' => "shan",
        '解' => "xie",
        '仇' => "qiu",
        '区' => "ou",
        '朴' => "piao",
        '查' => "zha",
        '盖' => "ge",
        '乐' => "yue",
        '缪' => "miao",
        '翟' => "zhai",
        '尉' => "yu",
        '秘' => "bi",
        '繁' => "po",
        '种' => "chong",
        '覃' => "qin",
        '折' => "she",
        '员' => "yun",
        '长' => "zhang",
        _ => return None,
    })
}

/// Where text sits in a padded cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// `s` cut to `cells` (see [`truncate_to_cells`]) then padded with spaces to exactly `cells` cells.
pub fn pad_to_cells(s: &str, cells: usize, align: Align) -> String {
    let cut = truncate_to_cells(s, cells);
    let gap = cells.saturating_sub(width(&cut));
    match align {
        Align::Left => format!("{cut}{}", " ".repeat(gap)),
        Align::Right => format!("{}{cut}", " ".repeat(gap)),
        Align::Center => format!("{}{cut}{}", " ".repeat(gap / 2), " ".repeat(gap - gap / 2)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn skip_and_take_cells_keep_whole_characters() {
        assert_eq!(skip_cells("张三a李", 2), "三a李");
        assert_eq!(skip_cells("张三a李", 3), "a李", "a wide character straddling the edge goes whole");
        assert_eq!(skip_cells("ab", 5), "");
        assert_eq!(take_cells("张三a李", 5), "张三a");
        assert_eq!(take_cells("张三a李", 4), "张三");
        assert_eq!(take_cells("张三a李", 1), "");
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cjk_widths() {
        assert_eq!(width("张三a"), 5);
        assert_eq!(truncate_to_cells("欧阳娜娜", 5), "欧阳…");
        assert_eq!(truncate_to_cells("欧阳娜娜", 8), "欧阳娜娜");
        assert_eq!(pad_to_cells("张三", 6, Align::Left), "张三  ");
        assert_eq!(pad_to_cells("12", 4, Align::Right), "  12");
        // a wide char that does not fit the last cell leaves a space, never half a glyph
        assert_eq!(pad_to_cells("张三丰", 4, Align::Left), "张… ");
    }

    #[test]
    fn names_sort_by_pinyin() {
        let mut names = vec!["丁倩雪", "丁军", "丁嫣语", "丁宝春", "欧阳娜娜", "张三a", "Alice", "王五"];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(names, vec!["Alice", "丁宝春", "丁军", "丁倩雪", "丁嫣语", "欧阳娜娜", "王五", "张三a"]);
        assert!(name_sort_key("欧阳娜娜").starts_with("ou yang na na\u{1}"));
        // surnames take their surname reading: 曾 zeng (not ceng), 单 shan (not dan)
        assert!(name_sort_key("曾奕嘉").starts_with("zeng yi jia\u{1}"));
        assert!(name_sort_key("单丹").starts_with("shan dan\u{1}"));
    }

    proptest! {
        #[test]
        fn pad_is_exact(s in "\\PC{0,12}", cells in 0usize..20) {
            let p = pad_to_cells(&s, cells, Align::Left);
            prop_assert_eq!(width(&p), cells.max(width(&truncate_to_cells(&s, cells))));
            prop_assert!(width(&truncate_to_cells(&s, cells)) <= cells);
        }
    }
}
