//! State of the 预警 screen: the filter, the visible window of rows (fetched in `sync`, only
//! when the filter, the window or the data changed), the filter popup and the note popup.

use ratatui::layout::Rect;

use crate::domain::alerts::{AlertRule, AlertStatus, Severity};
use crate::store::alerts::{self, AlertFilter, AlertRow, StatusFilter};
use crate::tui::keymap::Context;
use crate::tui::screens::Ctx;
use crate::tui::widgets::input::LineInput;

/// Fields of the filter popup: rule, severity, status.
pub const FILTER_FIELDS: usize = 3;

/// What the note popup records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Acknowledge,
    Resolve,
    /// The customer's signed risk warning (suitability alerts).
    SignedWarning,
}

impl NoteKind {
    pub fn title(self, lang: crate::session::Lang) -> &'static str {
        match self {
            NoteKind::Acknowledge => tr!(lang, ACKNOWLEDGE_ALERT),
            NoteKind::Resolve => tr!(lang, RESOLVE_ALERT),
            NoteKind::SignedWarning => tr!(lang, RECORD_THE_SIGNED_RISK_WARNING),
        }
    }
}

/// The open note popup: which alert, what for, the text, and the last refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePopup {
    pub kind: NoteKind,
    pub alert: AlertRow,
    pub input: LineInput,
    pub error: Option<String>,
}

/// State of the 预警 list.
pub struct AlertsState {
    pub filter: AlertFilter,
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    pub total: u64,
    pub rows: Vec<AlertRow>,
    pub(super) rows_key: Option<(AlertFilter, usize, usize)>,
    pub(super) count_key: Option<AlertFilter>,
    /// The focused field of the open filter popup.
    pub popup: Option<usize>,
    pub note: Option<NotePopup>,
}

impl AlertsState {
    pub fn new(filter: AlertFilter) -> AlertsState {
        AlertsState {
            filter,
            selected: 0,
            offset: 0,
            height: 0,
            total: 0,
            rows: Vec::new(),
            rows_key: None,
            count_key: None,
            popup: None,
            note: None,
        }
    }

    pub fn title(&self, ctx: &Ctx) -> String {
        tr!(ctx.lang(), ALERTS).to_string()
    }

    pub fn context(&self) -> Context {
        if self.note.is_some() {
            Context::Note
        } else if self.popup.is_some() {
            Context::Filter
        } else {
            Context::Alerts
        }
    }

    /// The selected row, if it is in the fetched window.
    pub fn selected_row(&self) -> Option<&AlertRow> {
        self.selected.checked_sub(self.offset).and_then(|i| self.rows.get(i))
    }

    pub(super) fn last(&self) -> usize {
        (self.total as usize).saturating_sub(1)
    }

    pub(super) fn reset_position(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    /// Forgets the cached count and window (the data changed).
    pub fn invalidate(&mut self) {
        self.rows_key = None;
        self.count_key = None;
    }

    /// Rows of the table in a body of this size (a summary line and the header above, the
    /// selected alert in three lines below when there is room).
    pub fn table_rows(body: Rect) -> usize {
        let panel = if body.height >= 7 { 3 } else { 0 };
        body.height.saturating_sub(2 + panel) as usize
    }

    /// Fetches the count and the visible window if the filter, the scope or the window changed.
    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        if self.filter.scope != *ctx.scope {
            self.filter.scope = ctx.scope.clone();
            self.reset_position();
        }
        let conn = &ctx.session.conn;
        if self.count_key.as_ref() != Some(&self.filter) {
            self.total = alerts::count(conn, &self.filter)?;
            self.count_key = Some(self.filter.clone());
        }
        self.height = Self::table_rows(body);
        self.selected = self.selected.min(self.last());
        self.offset =
            crate::tui::widgets::cursor::keep_in_view(self.selected, self.offset, self.height, self.total as usize);
        let key = (self.filter.clone(), self.offset, self.height);
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = if self.height == 0 || self.total == 0 {
                Vec::new()
            } else {
                alerts::page(conn, &self.filter, self.offset, self.height)?
            };
            self.rows_key = Some(key);
        }
        Ok(())
    }

    /// `12/345 条预警`.
    pub fn counts(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        if self.total == 0 {
            return tr!(lang, T_0_ALERTS).to_string();
        }
        let at = crate::domain::money::format_count(self.selected as u64 + 1);
        let of = crate::domain::money::format_count(self.total);
        format!("{at}/{of} {}", tr!(lang, ALERTS_TIAO))
    }

    /// The filter values as text chips (the status always shows).
    pub fn filter_chips(&self, ctx: &Ctx) -> Vec<String> {
        let lang = ctx.lang();
        let mut chips = vec![status_label(self.filter.status, lang)];
        if let Some(r) = self.filter.rule {
            chips.push(rule_label(r, lang).to_string());
        }
        if let Some(s) = self.filter.severity {
            chips.push(severity_label(s, lang).to_string());
        }
        chips
    }

    /// Steps filter field `field` to its next (`dir` 1) or previous (-1) value.
    pub fn cycle_field(&mut self, field: usize, dir: isize) {
        fn step<T: Copy + PartialEq>(all: &[T], current: Option<T>, dir: isize) -> Option<T> {
            let i = current.and_then(|c| all.iter().position(|a| *a == c)).map_or(0, |i| i + 1);
            let next = (i as isize + dir).rem_euclid(all.len() as isize + 1) as usize;
            next.checked_sub(1).map(|j| all[j])
        }
        match field {
            0 => self.filter.rule = step(&AlertRule::ALL, self.filter.rule, dir),
            1 => self.filter.severity = step(&Severity::ALL, self.filter.severity, dir),
            _ => {
                let all = [
                    StatusFilter::Unresolved,
                    StatusFilter::Only(AlertStatus::Open),
                    StatusFilter::Only(AlertStatus::Acknowledged),
                    StatusFilter::Only(AlertStatus::Resolved),
                    StatusFilter::All,
                ];
                let i = all.iter().position(|s| *s == self.filter.status).unwrap_or(0);
                self.filter.status = all[(i as isize + dir).rem_euclid(all.len() as isize) as usize];
            }
        }
        self.reset_position();
    }

    pub(super) fn clear_filters(&mut self) {
        self.filter = AlertFilter { scope: self.filter.scope.clone(), ..AlertFilter::default() };
        self.reset_position();
    }
}

pub fn rule_label(r: AlertRule, lang: crate::session::Lang) -> &'static str {
    lang.pick(r.label_zh(), r.label_en())
}

pub fn severity_label(s: Severity, lang: crate::session::Lang) -> &'static str {
    lang.pick(s.label_zh(), s.label_en())
}

pub fn alert_status_label(s: AlertStatus, lang: crate::session::Lang) -> &'static str {
    lang.pick(s.label_zh(), s.label_en())
}

pub fn status_label(s: StatusFilter, lang: crate::session::Lang) -> String {
    match s {
        StatusFilter::Unresolved => tr!(lang, UNRESOLVED).to_string(),
        StatusFilter::Only(st) => alert_status_label(st, lang).to_string(),
        StatusFilter::All => tr!(lang, ANY_STATUS).to_string(),
    }
}
