//! 审计 Audit (supervisor only): the audit log newest first, as a window of rows read off its
//! indexes (fast at any size); filters by person (`p`, the picker), customer (`/`, name or
//! account), action (`a`, the picker) and date (`t` presets, `d` a typed `from..to` range, China
//! dates). Enter opens the customer a row concerns. A manager sees why the screen is empty.
//!
//! State and keys here; the drawing in [`render`].

pub mod render;

use chrono::{Days, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::session::Lang;
use crate::store::audit::{self, AuditFilter, AuditRow};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, DetailState, Outcome, Screen};
use crate::tui::widgets::cursor;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::manager_picker::{PickItem, Picked, Picker};

/// What an open picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Person,
    Action,
}

/// What the text input edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditField {
    Customer,
    Dates,
}

/// Date-range presets of `t` (0 = all; 4 = a typed range).
const RANGES: usize = 4;

/// State of the 审计 screen.
#[derive(Default)]
pub struct AuditState {
    pub filter: AuditFilter,
    pub range: usize,
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    pub total: u64,
    pub rows: Vec<AuditRow>,
    rows_key: Option<(AuditFilter, usize, usize)>,
    count_key: Option<AuditFilter>,
    pub picker: Option<(PickFor, Picker)>,
    pub editing: Option<(EditField, LineInput)>,
}

impl AuditState {
    pub fn new() -> AuditState {
        AuditState::default()
    }

    pub fn title(&self, ctx: &Ctx) -> String {
        tr!(ctx.lang(), AUDIT).to_string()
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::Picker
        } else if self.editing.is_some() {
            Context::Search
        } else {
            Context::Audit
        }
    }

    pub fn invalidate(&mut self) {
        self.rows_key = None;
        self.count_key = None;
    }

    fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// The selected row, if it is in the fetched window.
    pub fn selected_row(&self) -> Option<&AuditRow> {
        self.selected.checked_sub(self.offset).and_then(|i| self.rows.get(i))
    }

    fn range_label(&self, lang: Lang) -> String {
        match self.range {
            1 => tr!(lang, TODAY_JINRI).into(),
            2 => tr!(lang, LAST_7_DAYS).into(),
            3 => tr!(lang, LAST_30_DAYS).into(),
            _ if self.filter.from.is_some() || self.filter.to.is_some() => format!(
                "{}..{}",
                self.filter.from.map(|d| d.to_string()).unwrap_or_default(),
                self.filter.to.map(|d| d.to_string()).unwrap_or_default()
            ),
            _ => String::new(),
        }
    }

    fn set_range(&mut self, range: usize, today: NaiveDate) {
        self.range = range;
        (self.filter.from, self.filter.to) = match range {
            1 => (Some(today), Some(today)),
            2 => (today.checked_sub_days(Days::new(6)), Some(today)),
            3 => (today.checked_sub_days(Days::new(29)), Some(today)),
            _ => (None, None),
        };
        self.reset();
    }

    /// The filters as chips for the summary line.
    pub fn chips(&self, ctx: &Ctx) -> Vec<String> {
        let lang = ctx.lang();
        let mut chips = Vec::new();
        if let Some(a) = &self.filter.actor {
            chips.push(ctx.manager_label(a));
        }
        if let Some(c) = &self.filter.customer {
            chips.push(format!("{}{c}", tr!(lang, CUSTOMER_KEHU_2)));
        }
        if let Some(a) = &self.filter.action {
            chips.push(audit::action_label(a, lang));
        }
        let range = self.range_label(lang);
        if !range.is_empty() {
            chips.push(range);
        }
        chips
    }

    /// Keys for the picker or the text input: `Some` when consumed.
    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        if let Some((what, picker)) = self.picker.as_mut() {
            let what = *what;
            match picker.handle_key(key) {
                Picked::Open => {}
                Picked::Cancelled => self.picker = None,
                Picked::Item(v) => {
                    self.picker = None;
                    match what {
                        PickFor::Person => self.filter.actor = v,
                        PickFor::Action => self.filter.action = v,
                    }
                    self.reset();
                }
            }
            return Ok(Some(Outcome::None));
        }
        if let Some((field, input)) = self.editing.as_mut() {
            let field = *field;
            match keymap::lookup(Context::Search, key) {
                Some(Action::Cancel) => self.editing = None,
                Some(Action::Confirm) => {
                    let text = input.text().trim().to_string();
                    match field {
                        EditField::Customer => {
                            self.filter.customer = (!text.is_empty()).then_some(text);
                        }
                        EditField::Dates => match parse_range(&text) {
                            Ok((from, to)) => {
                                self.range = 0;
                                (self.filter.from, self.filter.to) = (from, to);
                            }
                            Err(bad) => {
                                let why = match bad {
                                    BadRange::Shape => tr!(ctx.lang(), DATES_AS_RANGE),
                                    BadRange::Reversed => tr!(ctx.lang(), DATES_REVERSED),
                                };
                                return Ok(Some(Outcome::Message(why.into())));
                            }
                        },
                    }
                    self.editing = None;
                    self.reset();
                }
                Some(action) => {
                    input.edit(action);
                }
                None => {
                    if let KeyCode::Char(c) = key.code
                        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    {
                        input.insert(c);
                    }
                }
            }
            return Ok(Some(Outcome::None));
        }
        Ok(None)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let lang = ctx.lang();
        if !ctx.session.is_supervisor() {
            return Ok(Outcome::None);
        }
        if let Some(to) = cursor::moved(self.selected, action, self.total as usize, self.height) {
            self.selected = to;
            return Ok(Outcome::None);
        }
        match action {
            Action::PickPerson => {
                let mut items = vec![PickItem::new(None, tr!(lang, EVERYONE), "all")];
                items.extend(ctx.managers.iter().map(PickItem::manager));
                for a in audit::actors(&ctx.session.conn)? {
                    if !ctx.managers.iter().any(|m| m.manager_id == a) {
                        items.push(PickItem::new(Some(a.clone()), a, ""));
                    }
                }
                let at = self.filter.actor.clone();
                self.picker = Some((PickFor::Person, Picker::new(tr!(lang, PERSON), items, Some(&at))));
            }
            Action::PickAction => {
                let mut items = vec![PickItem::new(None, tr!(lang, EVERY_ACTION), "all")];
                items.extend(audit::ACTIONS.iter().map(|(code, zh, en)| {
                    PickItem::new(Some(code.to_string()), lang.pick(zh, en), &format!("{zh} {en}"))
                }));
                let at = self.filter.action.clone();
                self.picker = Some((PickFor::Action, Picker::new(tr!(lang, ACTION), items, Some(&at))));
            }
            Action::Search => {
                let text = self.filter.customer.clone().unwrap_or_default();
                self.editing = Some((EditField::Customer, LineInput::new(&text)));
            }
            Action::EditDates => {
                let text = match (self.filter.from, self.filter.to) {
                    (None, None) => String::new(),
                    (f, t) => format!(
                        "{}..{}",
                        f.map(|d| d.to_string()).unwrap_or_default(),
                        t.map(|d| d.to_string()).unwrap_or_default()
                    ),
                };
                self.editing = Some((EditField::Dates, LineInput::new(&text)));
            }
            Action::NextRange => self.set_range((self.range + 1) % RANGES, ctx.today()),
            Action::ClearFilters => {
                self.filter = AuditFilter::default();
                self.range = 0;
                self.reset();
            }
            Action::Open => {
                if let Some(id) = self.selected_row().and_then(|r| r.customer_id.clone()) {
                    return Ok(Outcome::Push(Box::new(Screen::Detail(DetailState::new(&id)))));
                }
            }
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// Rows of the table in `body` (a summary line and the header above, two lines of the
    /// selected entry below when there is room).
    fn table_rows(body: Rect) -> usize {
        let panel = if body.height >= 8 { 2 } else { 0 };
        body.height.saturating_sub(2 + panel) as usize
    }

    /// Fetches the count and the visible window if the filter or the window changed.
    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        if !ctx.session.is_supervisor() {
            return Ok(());
        }
        let conn = &ctx.session.conn;
        if self.count_key.as_ref() != Some(&self.filter) {
            self.total = audit::count(conn, &self.filter)?;
            self.count_key = Some(self.filter.clone());
        }
        self.height = Self::table_rows(body);
        self.selected = self.selected.min((self.total as usize).saturating_sub(1));
        self.offset = cursor::keep_in_view(self.selected, self.offset, self.height, self.total as usize);
        let key = (self.filter.clone(), self.offset, self.height);
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = if self.height == 0 || self.total == 0 {
                Vec::new()
            } else {
                audit::query(conn, &self.filter, self.offset as u64, self.height as u64)?
            };
            self.rows_key = Some(key);
        }
        Ok(())
    }

    /// `3/120 条记录`.
    pub fn counts(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        if self.total == 0 {
            return tr!(lang, T_0_ENTRIES).to_string();
        }
        let f = crate::domain::money::format_count;
        format!("{}/{} {}", f(self.selected as u64 + 1), f(self.total), tr!(lang, ENTRIES))
    }
}

/// A typed date range that cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadRange {
    /// Not `YYYY-MM-DD..YYYY-MM-DD` (or one end, or one date).
    Shape,
    /// The first date after the last (it would silently match nothing).
    Reversed,
}

/// `2026-11-01..2026-11-29`, `2026-11-01..`, `..2026-11-29`, one date (that day), or empty (all).
/// Errors: [`BadRange::Shape`], [`BadRange::Reversed`] (`2026-12-03..2026-12-01`).
pub fn parse_range(text: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>), BadRange> {
    let date = |s: &str| -> Result<Option<NaiveDate>, BadRange> {
        let s = s.trim();
        if s.is_empty() { Ok(None) } else { s.parse().map(Some).map_err(|_| BadRange::Shape) }
    };
    match text.split_once("..") {
        Some((a, b)) => match (date(a)?, date(b)?) {
            (Some(from), Some(to)) if from > to => Err(BadRange::Reversed),
            range => Ok(range),
        },
        None => {
            let d = date(text)?;
            Ok((d, d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_parse() {
        let d = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
        assert_eq!(parse_range("2026-11-01..2026-11-29"), Ok((d("2026-11-01"), d("2026-11-29"))));
        assert_eq!(parse_range("2026-11-01.."), Ok((d("2026-11-01"), None)));
        assert_eq!(parse_range(" ..2026-11-29"), Ok((None, d("2026-11-29"))));
        assert_eq!(parse_range("2026-11-03"), Ok((d("2026-11-03"), d("2026-11-03"))));
        assert_eq!(parse_range(""), Ok((None, None)));
        assert_eq!(parse_range("11/03"), Err(BadRange::Shape));
        assert_eq!(parse_range("2026-12-03..2026-12-01"), Err(BadRange::Reversed));
        assert_eq!(parse_range("2026-12-01..2026-12-01"), Ok((d("2026-12-01"), d("2026-12-01"))));
    }
}
