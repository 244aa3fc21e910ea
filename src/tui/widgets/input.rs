//! A one-line text input on the `tui-input` crate. The cursor is reported in terminal cells
//! (`张三a` = 3 characters, 5 cells), so the terminal cursor — and the IME candidate window that
//! follows it — sits where the next character will appear. Every text field of the TUI (search,
//! call notes, acknowledgement notes, reasons) is one of these.

use tui_input::{Input, InputRequest};

use crate::tui::action::Action;

/// Text and a cursor.
#[derive(Debug, Clone, Default)]
pub struct LineInput {
    inner: Input,
}

impl PartialEq for LineInput {
    fn eq(&self, other: &Self) -> bool {
        self.inner.value() == other.inner.value() && self.inner.cursor() == other.inner.cursor()
    }
}
impl Eq for LineInput {}

impl LineInput {
    /// An input holding `text`, cursor at the end.
    pub fn new(text: &str) -> LineInput {
        LineInput { inner: Input::new(text.to_string()) }
    }
    pub fn text(&self) -> &str {
        self.inner.value()
    }
    /// The cursor's column in cells from the start of the text.
    pub fn cursor_cells(&self) -> usize {
        self.inner.visual_cursor()
    }
    /// How many cells of the text scroll off the left of a field `width` cells wide, so that
    /// the cursor stays visible.
    pub fn scroll_cells(&self, width: usize) -> usize {
        self.inner.visual_scroll(width)
    }
    /// Types a character at the cursor (control characters are ignored).
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.inner.handle(InputRequest::InsertChar(c));
    }
    /// Applies an editing action; returns whether the text changed.
    pub fn edit(&mut self, action: Action) -> bool {
        let req = match action {
            Action::Left => InputRequest::GoToPrevChar,
            Action::Right => InputRequest::GoToNextChar,
            Action::Top => InputRequest::GoToStart,
            Action::Bottom => InputRequest::GoToEnd,
            Action::DeleteBack => InputRequest::DeletePrevChar,
            Action::DeleteForward => InputRequest::DeleteNextChar,
            Action::ClearInput => InputRequest::DeleteLine,
            _ => return false,
        };
        self.inner.handle(req).is_some_and(|change| change.value)
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
        assert!(i.edit(Action::DeleteBack));
        assert_eq!(i.text(), "三a");
        assert_eq!(i.cursor_cells(), 0);
        assert!(!i.edit(Action::DeleteBack), "nothing before the cursor");
        i.edit(Action::DeleteForward);
        assert_eq!(i.text(), "a");
        i.edit(Action::Bottom);
        i.insert('李');
        assert_eq!((i.text(), i.cursor_cells()), ("a李", 3));
        i.insert('\n');
        assert_eq!(i.text(), "a李", "control characters are not typed");
        assert!(i.edit(Action::ClearInput));
        assert_eq!((i.text(), i.cursor_cells()), ("", 0));
    }
}
