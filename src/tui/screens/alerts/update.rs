//! Keys of the 预警 screen: movement, filters, opening the customer, and the note popup whose
//! Enter writes the record (one store function each, one transaction).

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::state::{AlertsState, FILTER_FIELDS, NoteKind, NotePopup};
use crate::domain::alerts::{AlertRule, AlertStatus};
use crate::store::alerts::{self, Handling};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, DetailState, Outcome, Screen};
use crate::tui::widgets::input::LineInput;

/// The instant records are stamped with: the real time ([`crate::clock::now_on`]).
pub fn record_time(ctx: &Ctx) -> DateTime<Utc> {
    crate::clock::now_on(ctx.today())
}

impl AlertsState {
    /// Keys for the note popup or the filter popup: `Some` when consumed.
    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        if let Some(note) = self.note.as_mut() {
            match keymap::lookup(Context::Note, key) {
                Some(Action::Cancel) => self.note = None,
                Some(Action::Confirm) => return self.save_note(ctx).map(Some),
                Some(action) => {
                    note.input.edit(action);
                }
                None => {
                    if let KeyCode::Char(c) = key.code
                        && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    {
                        note.input.insert(c);
                    }
                }
            }
            return Ok(Some(Outcome::None));
        }
        if let Some(field) = self.popup {
            let Some(action) = keymap::lookup(Context::Filter, key) else { return Ok(None) };
            match action {
                Action::Up => self.popup = Some((field + FILTER_FIELDS - 1) % FILTER_FIELDS),
                Action::Down => self.popup = Some((field + 1) % FILTER_FIELDS),
                Action::Left => self.cycle_field(field, -1),
                Action::Right => self.cycle_field(field, 1),
                Action::ClearFilters => self.clear_filters(),
                Action::Close => self.popup = None,
                _ => {}
            }
            return Ok(Some(Outcome::None));
        }
        Ok(None)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let lang = ctx.lang();
        let page = self.height.max(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(self.last()),
            Action::PageUp => {
                self.selected = self.selected.saturating_sub(page);
                self.offset = self.offset.saturating_sub(page);
            }
            Action::PageDown => {
                self.selected = (self.selected + page).min(self.last());
                self.offset += page;
            }
            Action::Top => self.reset_position(),
            Action::Bottom => self.selected = self.last(),
            Action::Filter => self.popup = Some(0),
            Action::ClearFilters => self.clear_filters(),
            Action::Export => {
                let filter = crate::store::alerts::AlertFilter { scope: ctx.scope.clone(), ..self.filter.clone() };
                return crate::tui::export::export(ctx, crate::export::Request::Alerts { filter });
            }
            Action::Open => {
                if let Some(row) = self.selected_row() {
                    // the holding the alert is about is selected (its chart shows)
                    let mut detail = DetailState::new(&row.customer_id);
                    detail.focus = Some(row.subject.clone());
                    return Ok(Outcome::Push(Box::new(Screen::Detail(detail))));
                }
            }
            Action::Acknowledge | Action::Resolve | Action::SignWarning => {
                let Some(row) = self.selected_row().cloned() else { return Ok(Outcome::None) };
                let kind = match action {
                    Action::Acknowledge => NoteKind::Acknowledge,
                    Action::Resolve => NoteKind::Resolve,
                    _ => NoteKind::SignedWarning,
                };
                let refusal = match kind {
                    NoteKind::Acknowledge if row.status != AlertStatus::Open => {
                        Some(tr!(lang, ONLY_AN_OPEN_ALERT_CAN_BE))
                    }
                    NoteKind::Resolve | NoteKind::SignedWarning if row.status == AlertStatus::Resolved => {
                        Some(tr!(lang, THIS_ALERT_IS_RESOLVED))
                    }
                    NoteKind::SignedWarning if row.rule != AlertRule::Suitability => {
                        Some(tr!(lang, A_SIGNED_WARNING_GOES_ON_A))
                    }
                    _ => None,
                };
                if let Some(m) = refusal {
                    return Ok(Outcome::Message(m.to_string()));
                }
                let text = match kind {
                    NoteKind::SignedWarning => tr!(lang, SIGNED_RISK_WARNING_RECEIVED),
                    _ => "",
                };
                self.note = Some(NotePopup { kind, alert: row, input: LineInput::new(text), error: None });
            }
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// Enter in the note popup: writes the record (refused ones keep the popup open with why).
    fn save_note(&mut self, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let Some(note) = self.note.as_mut() else { return Ok(Outcome::None) };
        let lang = ctx.lang();
        let text = note.input.text().trim().to_string();
        if text.is_empty() {
            note.error = Some(tr!(lang, A_NOTE_IS_REQUIRED).to_string());
            return Ok(Outcome::None);
        }
        let s = ctx.session;
        let now = record_time(ctx);
        let id = note.alert.id;
        let by = alerts::Actor { scope: ctx.scope, manager_id: &s.user.manager_id, now };
        let result = match note.kind {
            NoteKind::Acknowledge => alerts::handle(&s.conn, id, Handling::Acknowledge, by, &text).map(|_| ()),
            NoteKind::Resolve => alerts::handle(&s.conn, id, Handling::Resolve, by, &text).map(|_| ()),
            NoteKind::SignedWarning => {
                alerts::confirm_warning(&s.conn, id, by, &text, ctx.today(), ctx.rules()).map(|_| ())
            }
        };
        match result {
            Ok(()) => {
                let done = match note.kind {
                    NoteKind::Acknowledge => tr!(lang, ACKNOWLEDGED_YIBIAOJIZHI),
                    NoteKind::Resolve => tr!(lang, RESOLVED),
                    NoteKind::SignedWarning => tr!(lang, SIGNED_WARNING_RECORDED),
                };
                let m = format!("{done}：{} {}", note.alert.customer_name, note.alert.subject);
                self.note = None;
                self.invalidate();
                Ok(Outcome::Changed(m))
            }
            Err(crate::store::StoreError::Rule(why)) => {
                note.error = Some(why);
                Ok(Outcome::None)
            }
            Err(e) => Err(e.into()),
        }
    }
}
