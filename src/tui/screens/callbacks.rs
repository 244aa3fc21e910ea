//! 回访 Callbacks (SPEC §5.5): the open plan and the call log of the book in view, with filters
//! (reason, overdue, outcome, date range; the manager through the scope `m`), windowed like the
//! customer list (only the visible rows are read). `l` logs a call on an open callback.

use crate::i18n::{en::titles as et, zh::titles as zt};
use chrono::{Datelike, Days, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::call_form::{self, CallForm, PlanRef};
use super::today::{COLUMNS as PLAN_COLUMNS, STEPS as PLAN_STEPS, plan_cells};
use super::{Ctx, DetailState, Outcome, Screen};
use crate::domain::schedule::{CallOutcome, CallbackReason};
use crate::domain::text::Align;
use crate::session::Lang;
use crate::store::callbacks::lists::{self, LogFilter, LogRow, PlanFilter, PlanRow};
use crate::tui::action::Action;
use crate::tui::theme;
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{cursor, fit_segments, put_line};

/// Which list is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// 待回访: the open plan.
    #[default]
    Open,
    /// 回访记录: the call log.
    Log,
}

/// Columns of the call log.
pub const LOG_COLUMNS: [ColSpec; 9] = [
    ColSpec::new(zt::DATE, et::DATE, 10, Align::Left),
    ColSpec::new(zt::NAME, et::NAME, 10, Align::Left),
    ColSpec::new(zt::ACCOUNT, et::ACCOUNT, 12, Align::Left).short(zt::ACCT, et::ACCT),
    ColSpec::new(zt::OUTCOME, et::OUTCOME, 8, Align::Left),
    ColSpec::new(zt::CHANNEL, et::CHANNEL, 4, Align::Left),
    ColSpec::new(zt::REASON, et::REASON, 10, Align::Left),
    ColSpec::new(zt::TRY, et::TRY, 2, Align::Right),
    ColSpec::new(zt::BY, et::BY, 6, Align::Left),
    ColSpec::new(zt::NOTE, et::NOTE, 16, Align::Left),
];
const LOG_STEPS: [Step; 6] =
    [Step::Drop(2), Step::Drop(7), Step::Drop(6), Step::Drop(5), Step::Narrow(1, 8), Step::Drop(4)];

/// Date-range presets (the open plan: due up to; the log: called since).
const RANGES: usize = 4;

/// State of the 回访 screen.
#[derive(Default)]
pub struct CallbacksState {
    pub view: View,
    pub reason: Option<CallbackReason>,
    pub overdue_only: bool,
    pub outcome: Option<CallOutcome>,
    /// Index of the date-range preset (0 = all).
    pub range: usize,
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    pub total: u64,
    pub open_rows: Vec<PlanRow>,
    pub log_rows: Vec<LogRow>,
    /// What the cached count and window were read for.
    cache: Option<String>,
    pub form: Option<CallForm>,
}

impl CallbacksState {
    pub fn new() -> CallbacksState {
        CallbacksState::default()
    }

    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    fn range_label(&self, lang: Lang) -> &'static str {
        match (self.view, self.range) {
            (_, 0) => tr!(lang, ALL),
            (View::Open, 1) => tr!(lang, DUE_BY_TODAY),
            (View::Open, 2) => tr!(lang, WITHIN_7_DAYS),
            (View::Open, _) => tr!(lang, WITHIN_30_DAYS),
            (View::Log, 1) => tr!(lang, TODAY_JINRI),
            (View::Log, 2) => tr!(lang, LAST_7_DAYS),
            (View::Log, _) => tr!(lang, THIS_YEAR),
        }
    }

    fn plan_filter(&self, ctx: &Ctx) -> PlanFilter {
        let today = ctx.today();
        let to = match self.range {
            1 => Some(today),
            2 => today.checked_add_days(Days::new(7)),
            3 => today.checked_add_days(Days::new(30)),
            _ => None,
        };
        PlanFilter { scope: ctx.scope.clone(), reason: self.reason, overdue_only: self.overdue_only, from: None, to }
    }

    fn log_filter(&self, ctx: &Ctx) -> LogFilter {
        let today = ctx.today();
        let from = match self.range {
            1 => Some(today),
            2 => today.checked_sub_days(Days::new(6)),
            3 => NaiveDate::from_ymd_opt(today.year(), 1, 1),
            _ => None,
        };
        LogFilter { scope: ctx.scope.clone(), outcome: self.outcome, from, to: None, customer_id: None }
    }

    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        call_form::route_key(&mut self.form, key, ctx)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let lang = ctx.lang();
        if let Some(to) = cursor::moved(self.selected, action, self.total as usize, self.height) {
            self.selected = to;
            return Ok(Outcome::None);
        }
        match action {
            Action::Export => {
                let request = match self.view {
                    View::Open => crate::export::Request::Callbacks { filter: self.plan_filter(ctx) },
                    View::Log => crate::export::Request::Calls { filter: self.log_filter(ctx) },
                };
                return crate::tui::export::export(ctx, request);
            }
            Action::ToggleView => {
                self.view = if self.view == View::Open { View::Log } else { View::Open };
                self.range = 0;
                self.reset();
            }
            Action::NextReason if self.view == View::Open => {
                let all = CallbackReason::ALL;
                let i = self.reason.and_then(|r| all.iter().position(|x| *x == r)).map_or(0, |i| i + 1);
                self.reason = all.get(i).copied();
                self.reset();
            }
            Action::ToggleOverdue if self.view == View::Open => {
                self.overdue_only = !self.overdue_only;
                self.reset();
            }
            Action::NextOutcome if self.view == View::Log => {
                let all = CallOutcome::ALL;
                let i = self.outcome.and_then(|r| all.iter().position(|x| *x == r)).map_or(0, |i| i + 1);
                self.outcome = all.get(i).copied();
                self.reset();
            }
            Action::NextReason | Action::ToggleOverdue => {
                return Ok(Outcome::Message(
                    tr!(lang, THAT_FILTER_IS_FOR_THE_OPEN).into(),
                ));
            }
            Action::NextOutcome => {
                return Ok(Outcome::Message(
                    tr!(lang, THAT_FILTER_IS_FOR_THE_CALL).into(),
                ));
            }
            Action::NextRange => {
                self.range = (self.range + 1) % RANGES;
                self.reset();
            }
            Action::ClearFilters => {
                (self.reason, self.overdue_only, self.outcome, self.range) = (None, false, None, 0);
                self.reset();
            }
            Action::Open => {
                let id = match self.view {
                    View::Open => {
                        self.window_index().and_then(|i| self.open_rows.get(i)).map(|r| r.customer_id.clone())
                    }
                    View::Log => self.window_index().and_then(|i| self.log_rows.get(i)).map(|r| r.customer_id.clone()),
                };
                if let Some(id) = id {
                    return Ok(Outcome::Push(Box::new(Screen::Detail(DetailState::new(&id)))));
                }
            }
            Action::LogCall => match self.view {
                View::Open => {
                    if let Some(r) = self.window_index().and_then(|i| self.open_rows.get(i)) {
                        self.form = Some(CallForm::new(&r.customer_id, &r.name, Some(PlanRef::of(r))));
                    }
                }
                View::Log => {
                    return Ok(Outcome::Message(
                        tr!(lang, LOG_CALLS_FROM_THE_OPEN_LIST).into(),
                    ));
                }
            },
            _ => {}
        }
        Ok(Outcome::None)
    }

    fn window_index(&self) -> Option<usize> {
        self.selected.checked_sub(self.offset)
    }

    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        self.height = (body.height as usize).saturating_sub(3).max(1);
        let conn = &ctx.session.conn;
        let today = ctx.today();
        let count_key = format!(
            "{:?}|{:?}|{:?}|{}|{:?}|{}|{today}",
            self.view, ctx.scope, self.reason, self.overdue_only, self.outcome, self.range
        );
        if self.cache.as_deref().is_none_or(|c| !c.starts_with(&count_key)) {
            self.total = match self.view {
                View::Open => lists::count_open(conn, &self.plan_filter(ctx), today)?,
                View::Log => lists::count_logs(conn, &self.log_filter(ctx))?,
            };
        }
        let n = self.total as usize;
        self.selected = self.selected.min(n.saturating_sub(1));
        self.offset = cursor::keep_in_view(self.selected, self.offset, self.height, n);
        let key = format!("{count_key}|{}|{}", self.offset, self.height);
        if self.cache.as_deref() != Some(key.as_str()) {
            match self.view {
                View::Open => {
                    self.open_rows = lists::open_page(conn, &self.plan_filter(ctx), today, self.offset, self.height)?
                }
                View::Log => self.log_rows = lists::log_page(conn, &self.log_filter(ctx), self.offset, self.height)?,
            }
            self.cache = Some(key);
        }
        Ok(())
    }

    pub fn counts(&self, ctx: &Ctx) -> String {
        let n = self.total;
        match self.view {
            View::Open => crate::i18n::Msg::CallbacksOpen { n },
            View::Log => crate::i18n::Msg::CallsLogged { n },
        }
        .render(ctx.lang())
    }

    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let w = body.width as usize;
        let tab = |v: View, text: &'static str| {
            let style = if self.view == v { theme::tab_active() } else { theme::muted() };
            vec![Span::styled(format!(" {text} "), style)]
        };
        let mut head = vec![tab(View::Open, tr!(lang, CALLBACKS_TAB_OPEN)), tab(View::Log, tr!(lang, CALL_LOG))];
        head.push(vec![Span::styled("[v]", theme::key()), Span::raw(format!(" {}", self.counts(ctx)))]);
        put_line(frame, body, 0, fit_segments(head, " ", w));
        let all = tr!(lang, ALL);
        let chip = |label: &'static str, value: String, key: &'static str| {
            let style = if value == all || value == tr!(lang, NO) { theme::muted() } else { theme::warn() };
            vec![
                Span::raw(format!("{label} ")),
                Span::styled(value, style),
                Span::styled(format!(" [{key}]"), theme::key()),
            ]
        };
        let mut chips = Vec::new();
        match self.view {
            View::Open => {
                chips.push(chip(
                    tr!(lang, REASON),
                    self.reason.map_or(all.to_string(), |r| lang.pick(r.label_zh(), r.label_en()).to_string()),
                    "n",
                ));
                chips.push(chip(
                    tr!(lang, OVERDUE_ONLY_JINYUQI),
                    if self.overdue_only { tr!(lang, YES) } else { tr!(lang, NO) }.to_string(),
                    "o",
                ));
                chips.push(chip(tr!(lang, DUE_DAOQI), self.range_label(lang).to_string(), "t"));
            }
            View::Log => {
                chips.push(chip(
                    tr!(lang, OUTCOME),
                    self.outcome.map_or(all.to_string(), |o| lang.pick(o.label_zh(), o.label_en()).to_string()),
                    "u",
                ));
                chips.push(chip(tr!(lang, DATE), self.range_label(lang).to_string(), "t"));
            }
        }
        put_line(frame, body, 1, fit_segments(chips, "  ", w));
        let list = Rect { y: body.y + 2.min(body.height), height: body.height.saturating_sub(2), ..body };
        if self.total == 0 {
            let empty = match self.view {
                View::Open => tr!(lang, NO_OPEN_CALLBACKS_MATCH),
                View::Log => tr!(lang, NO_LOGGED_CALLS_MATCH),
            };
            put_line(frame, list, 1, Line::styled(empty, theme::dim()));
        } else {
            let selected = self.window_index();
            match self.view {
                View::Open => {
                    let cells: Vec<Vec<Cell>> = self.open_rows.iter().map(|r| plan_cells(r, ctx)).collect();
                    let mut specs = PLAN_COLUMNS.to_vec();
                    if matches!(ctx.scope, crate::store::book::Scope::Manager(_)) {
                        specs.truncate(7);
                    }
                    let fitted = table::fit_columns(&specs, &cells, &PLAN_STEPS, Some((1, 14)), body.width, lang);
                    table::render_fitted(frame, list, &specs, &fitted, lang, &cells, selected);
                }
                View::Log => {
                    let cells: Vec<Vec<Cell>> = self.log_rows.iter().map(|r| log_cells(r, ctx)).collect();
                    let fitted = table::fit_columns(&LOG_COLUMNS, &cells, &LOG_STEPS, Some((8, 60)), body.width, lang);
                    table::render_fitted(frame, list, &LOG_COLUMNS, &fitted, lang, &cells, selected);
                }
            }
        }
        if let Some(form) = &self.form {
            form.render(ctx, body, frame);
        }
    }
}

fn log_cells(r: &LogRow, ctx: &Ctx) -> Vec<Cell> {
    let lang = ctx.lang();
    let outcome_style = if r.outcome.is_contact() { theme::good() } else { theme::warn() };
    let style = if r.called_on == ctx.today() { theme::title() } else { Style::new() };
    let date = Cell::forms(vec![r.called_on.to_string(), r.called_on.format("%m-%d").to_string()]).style(style);
    vec![
        date,
        Cell::new(r.name.clone()),
        Cell::new(r.customer_id.clone()),
        Cell::new(lang.pick(r.outcome.label_zh(), r.outcome.label_en())).style(outcome_style),
        Cell::new(lang.pick(r.channel.label_zh(), r.channel.label_en())),
        Cell::new(r.reason.map_or(tr!(lang, UNPLANNED), |x| lang.pick(x.label_zh(), x.label_en()))),
        Cell::new(r.try_no.to_string()),
        Cell::new(r.manager_id.clone()),
        Cell::new(r.note.clone()),
    ]
}
