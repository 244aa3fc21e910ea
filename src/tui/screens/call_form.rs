//! The call log form (记录回访): a popup over 今日, 回访 and 客户详情 for one customer's callback.
//! Channel and outcome are chosen with ←/→ (or 1–4), the note is a CJK text field, the next
//! callback date is optional. Enter saves in one transaction ([`save`]); Esc cancels. The form
//! is pure state + [`CallForm::handle_key`]; the screen that holds it calls [`save`].

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::Ctx;
use crate::domain::calendar::Calendar;
use crate::domain::schedule::{AfterCall, CallOutcome, CallbackReason, Channel};
use crate::domain::text::{truncate_to_cells, width};
use crate::session::Lang;
use crate::store::callbacks::{Caller, NOTE_MAX_CHARS, NewCall};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::theme;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::{centered, clear_popup, put_line};

/// The fields, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Channel,
    Outcome,
    Note,
    Next,
}

const FIELDS: [Field; 4] = [Field::Channel, Field::Outcome, Field::Note, Field::Next];

/// The open callback the call answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRef {
    pub plan_id: String,
    pub reason: CallbackReason,
    /// When it first fell due.
    pub first_due_on: NaiveDate,
    /// The next try, when "not reached" moved it.
    pub due_on: NaiveDate,
    pub tries: u32,
}

impl PlanRef {
    /// The callback of a row of the agenda or the plan list.
    pub fn of(r: &crate::store::callbacks::lists::PlanRow) -> PlanRef {
        PlanRef {
            plan_id: r.plan_id.clone(),
            reason: r.reason,
            first_due_on: r.first_due_on,
            due_on: r.due_on,
            tries: r.tries,
        }
    }
}

/// The form's state.
#[derive(Debug, Clone)]
pub struct CallForm {
    pub customer_id: String,
    pub customer_name: String,
    pub plan: Option<PlanRef>,
    pub field: Field,
    pub channel: Channel,
    /// Chosen by the manager (no default: an accidental Enter must not log a reached call).
    pub outcome: Option<CallOutcome>,
    pub note: LineInput,
    pub next: LineInput,
    /// Why the last save was refused (shown in the form, which stays open).
    pub error: Option<String>,
}

/// What a key did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormResult {
    Stay,
    Cancel,
    Save(NewCall),
}

impl CallForm {
    /// A form for `customer_id`, answering `plan` (none: a call outside the plan). Phone is
    /// preselected; the outcome must be chosen, and the form opens on it.
    pub fn new(customer_id: &str, customer_name: &str, plan: Option<PlanRef>) -> CallForm {
        CallForm {
            customer_id: customer_id.to_string(),
            customer_name: customer_name.to_string(),
            plan,
            field: Field::Outcome,
            channel: Channel::Phone,
            outcome: None,
            note: LineInput::default(),
            next: LineInput::default(),
            error: None,
        }
    }

    fn step(&mut self, by: isize) {
        let i = FIELDS.iter().position(|f| *f == self.field).unwrap_or(0) as isize;
        self.field = FIELDS[(i + by).rem_euclid(FIELDS.len() as isize) as usize];
    }

    fn cycle(&mut self, by: isize) {
        fn next<T: Copy + PartialEq>(all: &[T], cur: T, by: isize) -> T {
            let i = all.iter().position(|x| *x == cur).unwrap_or(0) as isize;
            all[(i + by).rem_euclid(all.len() as isize) as usize]
        }
        match self.field {
            Field::Channel => self.channel = next(Channel::ALL, self.channel, by),
            Field::Outcome => {
                self.outcome = Some(match self.outcome {
                    Some(o) => next(CallOutcome::ALL, o, by),
                    None if by < 0 => CallOutcome::ALL[CallOutcome::ALL.len() - 1],
                    None => CallOutcome::ALL[0],
                })
            }
            _ => {}
        }
    }

    fn input(&mut self) -> Option<&mut LineInput> {
        match self.field {
            Field::Note => Some(&mut self.note),
            Field::Next => Some(&mut self.next),
            _ => None,
        }
    }

    /// Handles one key (pure: no DB). Enter checks the fields and returns the call to save.
    pub fn handle_key(&mut self, key: &KeyEvent, lang: Lang) -> FormResult {
        self.error = None;
        match keymap::lookup(Context::CallForm, key) {
            Some(Action::Cancel) => return FormResult::Cancel,
            Some(Action::Confirm) => return self.submit(lang),
            Some(Action::Down) => self.step(1),
            Some(Action::Up) => self.step(-1),
            Some(a @ (Action::Left | Action::Right)) => {
                let by = if a == Action::Left { -1 } else { 1 };
                match self.input() {
                    Some(i) => {
                        i.edit(a);
                    }
                    None => self.cycle(by),
                }
            }
            Some(a) => {
                if let Some(i) = self.input() {
                    i.edit(a);
                }
            }
            None => {
                if let KeyCode::Char(c) = key.code
                    && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    match self.field {
                        Field::Channel | Field::Outcome => match c.to_digit(10).map(|d| d as usize) {
                            Some(d @ 1..=4) => match self.field {
                                Field::Channel => self.channel = Channel::ALL[(d - 1).min(Channel::ALL.len() - 1)],
                                _ => self.outcome = Some(CallOutcome::ALL[(d - 1).min(CallOutcome::ALL.len() - 1)]),
                            },
                            _ if c == ' ' => self.cycle(1),
                            _ => {}
                        },
                        Field::Note => {
                            if self.note.text().chars().count() < NOTE_MAX_CHARS {
                                self.note.insert(c);
                            }
                        }
                        Field::Next => {
                            if self.next.text().len() < 10 {
                                self.next.insert(c);
                            }
                        }
                    }
                }
            }
        }
        FormResult::Stay
    }

    /// Pasted text into the focused text field: line breaks and tabs become spaces, the note
    /// stops at [`NOTE_MAX_CHARS`], the date field at 10 characters. Choice fields ignore it.
    pub fn paste(&mut self, text: &str) {
        self.error = None;
        let (input, max) = match self.field {
            Field::Note => (&mut self.note, NOTE_MAX_CHARS),
            Field::Next => (&mut self.next, 10),
            _ => return,
        };
        for c in text.chars().map(|c| if c.is_control() { ' ' } else { c }) {
            if input.text().chars().count() >= max {
                break;
            }
            input.insert(c);
        }
    }

    fn submit(&mut self, lang: Lang) -> FormResult {
        let Some(outcome) = self.outcome else {
            self.error = Some(tr!(lang, CHOOSE_THE_OUTCOME_FIRST_OR_1).into());
            self.field = Field::Outcome;
            return FormResult::Stay;
        };
        let text = self.next.text().trim();
        let next_on = if text.is_empty() {
            None
        } else {
            match NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%Y%m%d")) {
                Ok(d) => Some(d),
                Err(_) => {
                    self.error = Some(format!("{} {text:?}", tr!(lang, THE_NEXT_DATE_MUST_BE_YYYY)));
                    self.field = Field::Next;
                    return FormResult::Stay;
                }
            }
        };
        FormResult::Save(NewCall {
            customer_id: self.customer_id.clone(),
            plan_id: self.plan.as_ref().map(|p| p.plan_id.clone()),
            channel: self.channel,
            outcome,
            note: self.note.text().trim().to_string(),
            next_on,
        })
    }

    /// Draws the form as a popup in the middle of `area` and puts the terminal cursor in the
    /// text field being edited (at its cell position, so an IME window follows).
    pub fn render(&self, ctx: &Ctx, area: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let w = area.width.min(66);
        let h = area.height.min(12);
        if w < 20 || h < 6 {
            return crate::tui::widgets::too_small(frame, area, lang);
        }
        let rect = centered(area, w, h);
        clear_popup(frame, rect);
        let title = format!(" {} · {} {} ", tr!(lang, LOG_A_CALL), self.customer_name, self.customer_id);
        let title = truncate_to_cells(&title, w.saturating_sub(4) as usize);
        frame.render_widget(Block::default().borders(Borders::ALL).title(title).border_style(theme::title()), rect);
        let inner = Rect { x: rect.x + 2, y: rect.y + 1, width: rect.width.saturating_sub(4), height: rect.height - 2 };
        let label_w = if lang == Lang::Zh { 10 } else { 11 };
        let mut row = 0u16;
        let plan = match &self.plan {
            Some(p) => {
                let mut s = format!(
                    "{} · {} {}",
                    lang.pick(p.reason.label_zh(), p.reason.label_en()),
                    tr!(lang, DUE),
                    p.first_due_on
                );
                if p.tries > 0 {
                    s.push_str(&format!(" · {} {}", tr!(lang, TRIES_YICHANGSHI), p.tries));
                }
                if p.due_on != p.first_due_on {
                    s.push_str(&format!(" · {} {}", tr!(lang, RETRY), p.due_on));
                }
                s
            }
            None => tr!(lang, A_CALL_OUTSIDE_THE_PLAN).to_string(),
        };
        put_line(frame, inner, row, Line::styled(plan, theme::muted()));
        row += 2;
        let label = |f: Field, text: &'static str| {
            let style = if self.field == f { theme::key() } else { theme::muted() };
            Span::styled(crate::domain::text::pad_to_cells(text, label_w, crate::domain::text::Align::Left), style)
        };
        let choices = |labels: Vec<(&'static str, &'static str)>, chosen: usize, active: bool| -> Vec<Span<'static>> {
            labels
                .into_iter()
                .enumerate()
                .map(|(i, (zh, en))| {
                    let text = format!(" {} ", lang.pick(zh, en));
                    if i == chosen {
                        Span::styled(text, if active { theme::selected() } else { theme::title() })
                    } else {
                        Span::styled(text, theme::dim())
                    }
                })
                .collect()
        };
        let ch_i = Channel::ALL.iter().position(|c| *c == self.channel).unwrap_or(0);
        let mut spans = vec![label(Field::Channel, tr!(lang, CALL_FORM_CHANNEL))];
        spans.extend(choices(
            Channel::ALL.iter().map(|c| (c.label_zh(), c.label_en())).collect(),
            ch_i,
            self.field == Field::Channel,
        ));
        put_line(frame, inner, row, Line::from(spans));
        row += 1;
        // nothing highlighted until the manager chooses
        let out_i = self.outcome.and_then(|o| CallOutcome::ALL.iter().position(|c| *c == o)).unwrap_or(usize::MAX);
        let mut spans = vec![label(Field::Outcome, tr!(lang, CALL_FORM_OUTCOME))];
        spans.extend(choices(
            CallOutcome::ALL.iter().map(|c| (c.label_zh(), c.label_en())).collect(),
            out_i,
            self.field == Field::Outcome,
        ));
        put_line(frame, inner, row, Line::from(spans));
        row += 1;
        // a text field starts one cell after its label, in line with the first choice's text
        let field_w = (inner.width as usize).saturating_sub(label_w + 2).max(1);
        for (f, input, name, hint) in [
            (Field::Note, &self.note, tr!(lang, CALL_FORM_NOTE), ""),
            (Field::Next, &self.next, tr!(lang, CALL_FORM_NEXT_CALL), tr!(lang, OPTIONAL_YYYY_MM_DD)),
        ] {
            let scroll = input.scroll_cells(field_w);
            let shown = crate::domain::text::skip_cells(input.text(), scroll);
            let shown = crate::domain::text::take_cells(&shown, field_w);
            let mut spans = vec![label(f, name)];
            if shown.is_empty() && self.field != f && !hint.is_empty() {
                spans.push(Span::styled(format!(" {hint}"), theme::dim()));
            } else {
                let pad = field_w.saturating_sub(width(&shown));
                spans.push(Span::raw(" "));
                spans.push(Span::styled(format!("{shown}{}", " ".repeat(pad)), theme::selected()));
            }
            put_line(frame, inner, row, Line::from(spans));
            if self.field == f && row < inner.height {
                let cx = inner.x as usize + label_w + 1 + input.cursor_cells().saturating_sub(scroll).min(field_w);
                frame.set_cursor_position(Position { x: cx.min(u16::MAX as usize) as u16, y: inner.y + row });
            }
            row += 1;
        }
        row += 1;
        // the note's length near its limit, so the stop at the limit is no surprise
        let used = self.note.text().chars().count();
        if let Some(e) = &self.error {
            put_line(frame, inner, row, Line::styled(e.clone(), theme::error()));
        } else if used * 10 >= NOTE_MAX_CHARS * 9 {
            let text = crate::i18n::Msg::NoteLength { used, max: NOTE_MAX_CHARS }.render(lang);
            put_line(frame, inner, row, Line::styled(text, theme::warn()));
        } else {
            let out_of_tries = self.plan.as_ref().is_some_and(|p| p.tries + 1 >= ctx.rules().callbacks.max_tries);
            let effect = match self.outcome {
                None => tr!(lang, CHOOSE_THE_OUTCOME_OR_1_4),
                Some(CallOutcome::NotReached) if out_of_tries => tr!(lang, ON_SAVE_OUT_OF_TRIES_IT),
                Some(CallOutcome::Reached | CallOutcome::Refused) => {
                    tr!(lang, ON_SAVE_DONE_THE_NEXT_ONE)
                }
                Some(CallOutcome::NotReached) => tr!(lang, ON_SAVE_RETRIED_THE_NEXT_BUSINESS),
                Some(CallOutcome::WrongNumber) => {
                    tr!(lang, ON_SAVE_FLAGGED_WRONG_NUMBER_STAYS)
                }
            };
            put_line(frame, inner, row, Line::styled(effect, theme::dim()));
        }
        let keys = tr!(lang, ENTER_SAVE_TAB_NEXT_CHOOSE_ESC);
        put_line(frame, inner, inner.height.saturating_sub(1), Line::styled(keys, theme::muted()));
    }
}

/// Routes a key to the open form of a screen (`None` when no form is open, so the screen's own
/// keys apply): Esc closes it, Enter saves ([`save`]) and closes it, a refused save keeps it open
/// with the reason. The one key handler of every screen that holds the form.
pub fn route_key(slot: &mut Option<CallForm>, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<super::Outcome>> {
    let Some(form) = slot else { return Ok(None) };
    match form.handle_key(key, ctx.lang()) {
        FormResult::Stay => {}
        FormResult::Cancel => *slot = None,
        FormResult::Save(call) => match save(ctx, form, &call) {
            Ok(msg) => {
                *slot = None;
                return Ok(Some(super::Outcome::Changed(msg)));
            }
            Err(e) => form.error = Some(format!("{e:#}")),
        },
    }
    Ok(Some(super::Outcome::None))
}

/// Saves a call in one write transaction (retried on PostgreSQL's 40001/40P01) as the signed-in user, within their own book, and
/// returns the message the status bar shows (`已记录：欧阳娜娜 已联系上，下次回访 2026-12-30`).
pub fn save(ctx: &Ctx, form: &CallForm, call: &NewCall) -> anyhow::Result<String> {
    let s = ctx.session;
    let cal = Calendar::defaults();
    let by =
        Caller { manager_id: &s.user.manager_id, scope: &s.scope, today: s.today, now: crate::clock::now_on(s.today) };
    let logged = s.conn.write_retrying(|tx| crate::store::callbacks::log_call(tx, call, by, &s.rules, &cal))?;
    let lang = ctx.lang();
    let what = lang.pick(call.outcome.label_zh(), call.outcome.label_en());
    let next = match (logged.effect, logged.next_due) {
        (AfterCall::Retry { due_on, .. }, _) => format!("{} {due_on}", tr!(lang, RETRY_ON)),
        (_, Some(d)) => format!("{} {d}", tr!(lang, NEXT_CALL)),
        (_, None) => String::new(),
    };
    Ok(format!("{} {} {what}{next}", tr!(lang, LOGGED), form.customer_name))
}
