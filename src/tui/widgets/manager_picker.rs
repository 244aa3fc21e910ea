//! A popup list to pick one item (a manager, or an action) with a type-to-filter input: typing
//! narrows the list to the items whose name, id or pinyin initials contain the text
//! (`ln` finds 李娜, `M02` finds 陈明(M02)); ↑↓ move, Enter picks, Esc closes. The supervisor's
//! scope switch (`m`), the 分配 screen and the 审计 screen's person filter use it.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::input::LineInput;
use super::{box_title, centered, clear_popup};
use crate::domain::model::Manager;
use crate::domain::text::{truncate_to_cells, width};
use crate::session::Lang;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::theme;

/// One choice: the value it stands for (`None`: "all", e.g. 全营业部), what is shown, and the
/// lower-case text typing is matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    pub value: Option<String>,
    pub label: String,
    pub search: String,
    /// Shown right-aligned after the label (a manager's book size, `263 位`); not searched.
    pub detail: String,
}

impl PickItem {
    /// An item searched by its label, its value and `extra`.
    pub fn new(value: Option<String>, label: impl Into<String>, extra: &str) -> PickItem {
        let label = label.into();
        let search = format!("{label} {} {extra}", value.as_deref().unwrap_or("")).to_lowercase();
        PickItem { value, label, search, detail: String::new() }
    }

    /// The item with `detail` shown after its label.
    pub fn with_detail(mut self, detail: impl Into<String>) -> PickItem {
        self.detail = detail.into();
        self
    }

    /// The item with a book size after its label (`263 位`, `1 customer`).
    pub fn with_book_size(self, customers: u64, lang: Lang) -> PickItem {
        self.with_detail(lang.count(customers, tr!(lang, BOOK_SIZE_UNIT), "customer", "customers"))
    }

    /// A manager: `李娜(M01)`, found by name, id and pinyin initials (`ln`).
    pub fn manager(m: &Manager) -> PickItem {
        PickItem::new(Some(m.manager_id.clone()), format!("{}({})", m.name, m.manager_id), &initials(&m.name))
    }
}

/// The pinyin initials of a name (`李娜` → `ln`); other characters lower-cased as they are.
pub fn initials(name: &str) -> String {
    use pinyin::ToPinyin;
    name.chars()
        .zip(name.to_pinyin())
        .filter_map(|(c, p)| match p {
            Some(p) => p.plain().chars().next(),
            None => c.to_lowercase().next(),
        })
        .collect()
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// Still open.
    Open,
    /// Enter on an item: its value.
    Item(Option<String>),
    /// Esc: closed, nothing picked.
    Cancelled,
}

/// The open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub title: String,
    pub items: Vec<PickItem>,
    pub input: LineInput,
    /// Index into [`Picker::visible`].
    pub selected: usize,
}

impl Picker {
    /// A picker over `items`, the cursor on the item of value `at` if any.
    pub fn new(title: impl Into<String>, items: Vec<PickItem>, at: Option<&Option<String>>) -> Picker {
        let selected = at.and_then(|v| items.iter().position(|i| i.value == *v)).unwrap_or(0);
        Picker { title: title.into(), items, input: LineInput::default(), selected }
    }

    /// The items matching the typed text (all of them when nothing is typed).
    pub fn visible(&self) -> Vec<&PickItem> {
        let q = self.input.text().trim().to_lowercase();
        self.items.iter().filter(|i| q.is_empty() || i.search.contains(&q)).collect()
    }

    /// Handles one key (Context::Picker, else a typed character).
    pub fn handle_key(&mut self, key: &KeyEvent) -> Picked {
        match keymap::lookup(Context::Picker, key) {
            Some(Action::Cancel) => return Picked::Cancelled,
            Some(Action::Confirm) => {
                return match self.visible().get(self.selected) {
                    Some(item) => Picked::Item(item.value.clone()),
                    None => Picked::Open,
                };
            }
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.visible().len().saturating_sub(1));
            }
            Some(action) => {
                if self.input.edit(action) {
                    self.selected = 0;
                }
            }
            None => {
                if let KeyCode::Char(c) = key.code
                    && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    self.input.insert(c);
                    self.selected = 0;
                }
            }
        }
        Picked::Open
    }

    /// Draws the popup centred in `area`: the filter input (cursor at its cell position), then a
    /// window of the matching items around the cursor.
    pub fn render(&self, frame: &mut Frame, area: Rect, lang: Lang) {
        let visible = self.visible();
        let hint = tr!(lang, TYPE_TO_FILTER_ENTER_ESC);
        let widest = self
            .items
            .iter()
            .map(|i| width(&i.label) + if i.detail.is_empty() { 0 } else { width(&i.detail) + 2 })
            .max()
            .unwrap_or(8);
        let w = (widest.max(24) + 6).max(width(hint) + 2).max(width(&self.title) + 6).min(area.width as usize) as u16;
        let rows = (visible.len().max(1) as u16).min(area.height.saturating_sub(6)).max(1);
        let rect = centered(area, w, rows + 4);
        if rect.width < 8 || rect.height < 5 {
            return super::too_small(frame, area, lang);
        }
        let inner = rect.width.saturating_sub(2) as usize;
        let list_h = rect.height.saturating_sub(4) as usize;
        let prompt = tr!(lang, FILTER_SHAIXUAN);
        let field = inner.saturating_sub(width(prompt) + 1).max(1);
        let scroll = self.input.scroll_cells(field);
        let shown = crate::domain::text::skip_cells(self.input.text(), scroll);
        let mut lines =
            vec![Line::from(vec![Span::styled(prompt, theme::key()), Span::raw(truncate_to_cells(&shown, field))])];
        let first = (self.selected + 1).saturating_sub(list_h);
        for (i, item) in visible.iter().enumerate().skip(first).take(list_h) {
            let focus = i == self.selected;
            // the detail (book size) right-aligned when it fits beside the label, else left out
            let detail_w = if item.detail.is_empty() { 0 } else { width(&item.detail) + 1 };
            let detail = if detail_w + 4 <= inner { item.detail.as_str() } else { "" };
            let room = inner.saturating_sub(if detail.is_empty() { 0 } else { detail_w });
            let text = format!("{}{}", if focus { "› " } else { "  " }, item.label);
            let text = truncate_to_cells(&text, room);
            let pad = room.saturating_sub(width(&text));
            let text = if detail.is_empty() { text } else { format!("{text}{} {detail}", " ".repeat(pad)) };
            let pad = inner.saturating_sub(width(&text));
            let style = if focus { theme::selected() } else { ratatui::style::Style::new() };
            lines.push(Line::styled(format!("{text}{}", " ".repeat(pad)), style));
        }
        if visible.is_empty() {
            lines.push(Line::styled(truncate_to_cells(tr!(lang, NO_MATCH), inner), theme::dim()));
        }
        while lines.len() < list_h + 1 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(truncate_to_cells(hint, inner), theme::dim()));
        clear_popup(frame, rect);
        let block = Block::default().borders(Borders::ALL).title(box_title(&[format!(" {} ", self.title)], rect.width));
        frame.render_widget(Paragraph::new(lines).block(block), rect);
        let x = rect.x as usize + 1 + width(prompt) + self.input.cursor_cells().saturating_sub(scroll);
        frame.set_cursor_position((x.min(rect.right().saturating_sub(2) as usize) as u16, rect.y + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Role;

    fn m(id: &str, name: &str) -> Manager {
        Manager { manager_id: id.into(), name: name.into(), branch: String::new(), role: Role::Manager }
    }

    fn k(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn typing_filters_by_name_id_and_initials() {
        let items = std::iter::once(PickItem::new(None, "全营业部", "all qyyb"))
            .chain([m("M01", "李娜"), m("M02", "陈明"), m("M10", "李明远")].iter().map(PickItem::manager))
            .collect();
        let mut p = Picker::new("范围", items, None);
        let labels = |p: &Picker| p.visible().iter().map(|i| i.label.clone()).collect::<Vec<_>>();
        assert_eq!(labels(&p).len(), 4);
        p.handle_key(&k('李'));
        assert_eq!(labels(&p), ["李娜(M01)", "李明远(M10)"]);
        p.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(p.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)), Picked::Item(Some("M10".into())));
        let mut p = Picker::new("范围", p.items.clone(), None);
        for c in "m0".chars() {
            p.handle_key(&k(c));
        }
        assert_eq!(labels(&p), ["李娜(M01)", "陈明(M02)"], "ids, case-insensitive");
        p.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        p.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        for c in "lmy".chars() {
            p.handle_key(&k(c));
        }
        assert_eq!(labels(&p), ["李明远(M10)"], "pinyin initials");
        p.handle_key(&k('x'));
        assert!(p.visible().is_empty());
        assert_eq!(p.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)), Picked::Open);
        assert_eq!(p.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)), Picked::Cancelled);
        assert_eq!(initials("陈明"), "cm");
    }
}
