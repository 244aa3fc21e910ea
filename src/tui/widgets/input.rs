//! A one-line text input. The cursor is kept on a grapheme boundary and reported in terminal
//! cells (`张三a` = 3 characters, 5 cells), so the terminal cursor — and the IME candidate window
//! that follows it — sits where the next character will appear.

use unicode_segmentation::UnicodeSegmentation;

use crate::domain::text::width;
use crate::tui::action::Action;

/// Text and a cursor (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// An input holding `text`, cursor at the end.
    pub fn new(text: &str) -> LineInput {
        LineInput { text: text.to_string(), cursor: text.len() }
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The cursor's column in cells from the start of the text.
    pub fn cursor_cells(&self) -> usize {
        width(self.text.get(..self.cursor).unwrap_or(&self.text))
    }
    /// Types a character at the cursor.
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        // a combining mark may have merged with the previous grapheme: stay on a boundary
        self.cursor = self.boundary_at_or_after(self.cursor);
    }
    /// Applies an editing action; returns whether the text changed.
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::Left => {
                self.cursor = self.prev_boundary();
                false
            }
            Action::Right => {
                self.cursor = self.next_boundary();
                false
            }
            Action::Top => {
                self.cursor = 0;
                false
            }
            Action::Bottom => {
                self.cursor = self.text.len();
                false
            }
            Action::DeleteBack => {
                let start = self.prev_boundary();
                if start == self.cursor {
                    return false;
                }
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                true
            }
            Action::DeleteForward => {
                let end = self.next_boundary();
                if end == self.cursor {
                    return false;
                }
                self.text.replace_range(self.cursor..end, "");
                true
            }
            Action::ClearInput => {
                let changed = !self.text.is_empty();
                self.text.clear();
                self.cursor = 0;
                changed
            }
            _ => false,
        }
    }

    fn prev_boundary(&self) -> usize {
        self.text.grapheme_indices(true).map(|(i, _)| i).take_while(|i| *i < self.cursor).last().unwrap_or(0)
    }
    fn next_boundary(&self) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .find(|end| *end > self.cursor)
            .unwrap_or(self.text.len())
    }
    fn boundary_at_or_after(&self, at: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .chain(std::iter::once(0))
            .filter(|end| *end >= at)
            .min()
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_in_cells() {
        let mut i = LineInput::default();
        for c in "张三a".chars() {
            i.insert(c);
        }
        assert_eq!(i.text(), "张三a");
        assert_eq!(i.cursor_cells(), 5);
        i.edit(Action::Left);
        assert_eq!(i.cursor_cells(), 4);
        i.edit(Action::Left);
        assert_eq!(i.cursor_cells(), 2);
        i.edit(Action::DeleteBack);
        assert_eq!(i.text(), "三a");
        assert_eq!(i.cursor_cells(), 0);
        i.edit(Action::DeleteForward);
        assert_eq!(i.text(), "a");
        i.edit(Action::Bottom);
        i.insert('李');
        assert_eq!((i.text(), i.cursor_cells()), ("a李", 3));
    }
}
