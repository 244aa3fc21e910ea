//! 今日 Today, the first screen (SPEC §5.1): the signed-in manager's (or the branch's) callbacks
//! overdue, due today and in the next days, the counts of new alerts and of assessments about to
//! expire (each opens its list), and a small segment summary. Enter opens the customer; `l` logs
//! the call from the row.

use crate::i18n::{en::titles as et, zh::titles as zt};
use crate::i18n::Msg;
use chrono::{Datelike, NaiveDate, Weekday};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::call_form::{self, CallForm, PlanRef};
use super::{Ctx, CustomersState, DetailState, Outcome, Screen};
use crate::domain::mask::mask_mobile;
use crate::domain::money::format_count;
use crate::domain::schedule::{Bucket, bucket};
use crate::domain::text::Align;
use crate::domain::tier::Tier;
use crate::session::Lang;
use crate::store::book::{BookFilter, Validity};
use crate::store::callbacks::lists::{self, PlanRow};
use crate::tui::action::Action;
use crate::tui::theme;
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{cursor, fit_segments, put_line};

/// The most agenda rows loaded (the 回访 screen pages through all of them).
pub const AGENDA_CAP: usize = 2_000;

/// Columns of the agenda.
pub const COLUMNS: [ColSpec; 8] = [
    ColSpec::new(zt::DUE, et::DUE, 10, Align::Left),
    ColSpec::new(zt::NAME, et::NAME, 10, Align::Left),
    ColSpec::new(zt::ACCOUNT, et::ACCOUNT, 12, Align::Left).short(zt::ACCT, et::ACCT),
    ColSpec::new(zt::TIER_2, et::TIER_2, 7, Align::Left),
    // as wide as its longest reason when there is room (`测评等级变化`), narrowed when not
    ColSpec::new(zt::REASON, et::REASON, 10, Align::Left).content(),
    ColSpec::new(zt::TRY_2, et::TRY_2, 4, Align::Right),
    ColSpec::new(zt::MOBILE, et::MOBILE, 11, Align::Left),
    ColSpec::new(zt::MANAGER, et::MANAGER, 12, Align::Left).short(zt::MGR, et::MGR),
];
/// How the agenda's columns give way on a narrow terminal (the 回访 plan list uses the same).
pub const STEPS: [Step; 8] = [
    Step::Drop(6),
    Step::Drop(2),
    Step::Narrow(7, 6),
    Step::Narrow(4, 8),
    Step::Narrow(1, 8),
    Step::Narrow(3, 2),
    Step::Drop(7),
    Step::Drop(5),
];

/// What the screen shows, read in one sync.
#[derive(Debug, Clone, Default)]
pub struct TodayData {
    /// Open callbacks due up to the end of the window, earliest first.
    pub rows: Vec<PlanRow>,
    /// (overdue, due today, next days) over the whole scope (the rows may be capped).
    pub counts: (u64, u64, u64),
    /// Open (not yet acknowledged) alerts in scope.
    pub open_alerts: u64,
    /// Customers whose assessment is valid but ends within the expiring window.
    pub expiring: u64,
    /// Customers per tier, T1..T4.
    pub tiers: [u64; 4],
    /// The scope's 分级分类 matrix (the charts under the agenda).
    pub matrix: crate::domain::segment::SegmentMatrix,
}

/// Rows of the charts under the agenda: only on a terminal 30 rows high or more (a 28-row body),
/// so the agenda keeps every row at 80×24.
pub fn chart_rows(body: Rect) -> u16 {
    if body.height >= 28 && body.width >= 40 { 8 } else { 0 }
}

/// State of the 今日 screen.
#[derive(Default)]
pub struct TodayState {
    pub data: Option<TodayData>,
    /// Index into `data.rows`.
    pub selected: usize,
    /// First display line shown (display lines include the section headings).
    pub offset: usize,
    /// Rows of the list area at the last sync.
    pub height: usize,
    pub form: Option<CallForm>,
    /// The scope `data` was read for (a supervisor may switch it with `m`).
    scope: Option<crate::store::book::Scope>,
}

/// A display line of the agenda: a section heading or a callback row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Heading(Section, u64),
    Row(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overdue,
    Today,
    Upcoming,
}

impl TodayState {
    pub fn new() -> TodayState {
        TodayState::default()
    }

    pub fn invalidate(&mut self) {
        self.data = None;
    }

    fn upcoming_days(ctx: &Ctx) -> u32 {
        ctx.rules().callbacks.upcoming_days
    }

    /// The display lines: each non-empty section's heading, then its rows.
    fn items(&self, ctx: &Ctx) -> Vec<Item> {
        let Some(d) = &self.data else { return Vec::new() };
        let mut out = Vec::with_capacity(d.rows.len() + 3);
        let mut last: Option<Section> = None;
        for (i, r) in d.rows.iter().enumerate() {
            let section = match bucket(r.first_due_on, ctx.today(), Self::upcoming_days(ctx)) {
                Some(Bucket::Overdue(_)) => Section::Overdue,
                Some(Bucket::Today) => Section::Today,
                _ => Section::Upcoming,
            };
            if last != Some(section) {
                let n = match section {
                    Section::Overdue => d.counts.0,
                    Section::Today => d.counts.1,
                    Section::Upcoming => d.counts.2,
                };
                out.push(Item::Heading(section, n));
                last = Some(section);
            }
            out.push(Item::Row(i));
        }
        out
    }

    fn selected_row(&self) -> Option<&PlanRow> {
        self.data.as_ref().and_then(|d| d.rows.get(self.selected))
    }

    /// Keys for the open call form.
    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        call_form::route_key(&mut self.form, key, ctx)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let n = self.data.as_ref().map_or(0, |d| d.rows.len());
        if let Some(to) = cursor::moved(self.selected, action, n, self.height) {
            self.selected = to;
            return Ok(Outcome::None);
        }
        match action {
            Action::Open => {
                if let Some(r) = self.selected_row() {
                    return Ok(Outcome::Push(Box::new(Screen::Detail(DetailState::new(&r.customer_id)))));
                }
            }
            Action::LogCall => {
                if let Some(r) = self.selected_row() {
                    let plan = PlanRef::of(r);
                    self.form = Some(CallForm::new(&r.customer_id, &r.name, Some(plan)));
                } else {
                    return Ok(Outcome::Message(tr!(ctx.lang(), NO_CALLBACK_TO_LOG).into()));
                }
            }
            Action::OpenAlerts => {
                // the open (not yet handled) alerts of the book in view, most severe first
                let filter = crate::store::alerts::AlertFilter {
                    scope: ctx.scope.clone(),
                    status: crate::store::alerts::StatusFilter::Only(crate::domain::alerts::AlertStatus::Open),
                    ..Default::default()
                };
                return Ok(Outcome::Push(Box::new(Screen::Alerts(super::AlertsState::new(filter)))));
            }
            Action::OpenExpiring => {
                let days = ctx.rules().assessment.expiring_days;
                let filter = BookFilter {
                    scope: ctx.scope.clone(),
                    validity: Some(Validity::Expiring(days)),
                    ..BookFilter::default()
                };
                return Ok(Outcome::Push(Box::new(Screen::Customers(CustomersState::new(filter)))));
            }
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// Reads the agenda and the counts when they are not cached, and keeps the selection in view.
    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        self.height = (body.height.saturating_sub(chart_rows(body)) as usize).saturating_sub(LIST_TOP + 1);
        if self.scope.as_ref() != Some(ctx.scope) {
            self.scope = Some(ctx.scope.clone());
            self.data = None;
            self.selected = 0;
            self.offset = 0;
        }
        if self.data.is_none() {
            let conn = &ctx.session.conn;
            let today = ctx.today();
            let days = Self::upcoming_days(ctx);
            let expiring = ctx.rules().assessment.expiring_days;
            let m = crate::store::book::matrix(conn, ctx.scope, today)?;
            let mut tiers = [0u64; 4];
            for t in Tier::ALL {
                tiers[t.index()] = m.tier_total(t).customers;
            }
            let count = |f: BookFilter| crate::store::book::count(conn, &f, today);
            self.data = Some(TodayData {
                rows: lists::agenda(conn, ctx.scope, today, days, AGENDA_CAP)?,
                counts: lists::agenda_counts(conn, ctx.scope, today, days)?,
                open_alerts: crate::store::book::open_alerts(conn, ctx.scope)?,
                expiring: count(BookFilter {
                    scope: ctx.scope.clone(),
                    validity: Some(Validity::Expiring(expiring)),
                    ..BookFilter::default()
                })?,
                tiers,
                matrix: m,
            });
        }
        let n = self.data.as_ref().map_or(0, |d| d.rows.len());
        self.selected = self.selected.min(n.saturating_sub(1));
        // keep the selected row (and its heading, when it is the first of a section) in view
        let items = self.items(ctx);
        if let Some(pos) = items.iter().position(|i| *i == Item::Row(self.selected)) {
            let top = if pos > 0 && matches!(items[pos - 1], Item::Heading(..)) { pos - 1 } else { pos };
            if top < self.offset {
                self.offset = top;
            } else if pos >= self.offset + self.height.max(1) {
                self.offset = pos + 1 - self.height.max(1);
            }
        } else {
            self.offset = 0;
        }
        Ok(())
    }

    pub fn counts(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        match &self.data {
            Some(d) => Msg::OnAgenda { n: (d.counts.0 + d.counts.1 + d.counts.2) as u64 }.render(lang),
            None => String::new(),
        }
    }

    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let Some(d) = &self.data else { return };
        let today = ctx.today();
        let w = body.width as usize;
        // line 0: the day and the agenda counts
        let head = vec![
            vec![Span::styled(
                format!("{} {} {}", tr!(lang, TODAY), today, weekday(today, lang)),
                theme::title(),
            )],
            vec![Span::raw(ctx.scope_label())],
            vec![
                Span::raw(tr!(lang, OVERDUE_YUQI_2)),
                Span::styled(format_count(d.counts.0), if d.counts.0 > 0 { theme::bad() } else { theme::muted() }),
            ],
            vec![Span::raw(format!("{} {}", tr!(lang, DUE_TODAY), format_count(d.counts.1)))],
            vec![Span::raw(format!(
                "{} {}",
                Msg::NextDays { days: Self::upcoming_days(ctx) as u64 }.render(lang),
                format_count(d.counts.2)
            ))],
        ];
        put_line(frame, body, 0, fit_segments(head, " · ", w));
        // line 1: alerts and expiring assessments (keys open them), the tiers
        let mut second = vec![
            vec![
                Span::raw(tr!(lang, OPEN_ALERTS)),
                Span::styled(
                    format_count(d.open_alerts),
                    if d.open_alerts > 0 { theme::warn() } else { theme::muted() },
                ),
                Span::styled(" [a]", theme::key()),
            ],
            vec![
                Span::raw(tr!(lang, ASSESSMENTS_EXPIRING)),
                Span::styled(format_count(d.expiring), if d.expiring > 0 { theme::warn() } else { theme::muted() }),
                Span::styled(" [e]", theme::key()),
            ],
        ];
        for t in Tier::ALL {
            second.push(vec![
                Span::styled(t.code().to_string(), theme::tier(t)),
                Span::raw(format!(" {}", format_count(d.tiers[t.index()]))),
            ]);
        }
        put_line(frame, body, 1, fit_segments(second, "  ", w));
        let charts = chart_rows(body);
        if charts > 0 {
            let area = Rect { y: body.y + body.height - charts, height: charts, ..body };
            let tiers = Tier::ALL.map(|t| ctx.tier_label(t));
            crate::tui::widgets::charts::render_matrix_bars(frame, area, &d.matrix, &tiers, lang);
        }
        let list = Rect {
            y: body.y + (LIST_TOP as u16).min(body.height),
            height: body.height.saturating_sub(LIST_TOP as u16 + charts),
            ..body
        };
        if d.rows.is_empty() {
            put_line(
                frame,
                list,
                0,
                Line::styled(
                    tr!(lang, NO_CALLBACKS_DUE_TODAY_OR_IN),
                    theme::dim(),
                ),
            );
            self.render_form(ctx, body, frame);
            return;
        }
        let cells: Vec<Vec<Cell>> = d.rows.iter().map(|r| plan_cells(r, ctx)).collect();
        let mut specs = COLUMNS.to_vec();
        if matches!(ctx.scope, crate::store::book::Scope::Manager(_)) {
            specs.truncate(7); // a manager's own book: no manager column
        }
        let fitted = table::fit_columns(&specs, &cells, &STEPS, Some((1, 14)), body.width, lang);
        put_line(frame, list, 0, table::header_line(&specs, &fitted.widths, lang));
        let items = self.items(ctx);
        for (line, item) in items.iter().skip(self.offset).take(self.height).enumerate() {
            let y = line as u16 + 1;
            match *item {
                Item::Heading(section, n) => {
                    let (text, style) = match section {
                        Section::Overdue => (tr!(lang, OVERDUE_YUQI_3), theme::bad()),
                        Section::Today => (tr!(lang, DUE_TODAY_CAP), theme::title()),
                        Section::Upcoming => (tr!(lang, COMING_UP), theme::muted()),
                    };
                    put_line(
                        frame,
                        list,
                        y,
                        Line::from(vec![Span::styled(format!("── {text} {} ", format_count(n)), style)]),
                    );
                }
                Item::Row(i) => {
                    let selected = i == self.selected;
                    let style = if selected { theme::selected() } else { Style::new() };
                    let mut line = table::row_line_at(&specs, &fitted.widths, &fitted.levels, &cells[i], style);
                    if selected {
                        let pad = (body.width as usize).saturating_sub(table::total(&fitted.widths));
                        line.spans.push(Span::raw(" ".repeat(pad)));
                    }
                    put_line(frame, list, y, line);
                }
            }
        }
        let shown = d.rows.len() as u64;
        let all = d.counts.0 + d.counts.1 + d.counts.2;
        if all > shown && self.offset + self.height >= items.len() {
            let more = Msg::FirstShown { shown, all: all as u64 }.render(lang);
            let y = (items.len() - self.offset + 1) as u16;
            put_line(frame, list, y, Line::styled(more, theme::dim()));
        }
        self.render_form(ctx, body, frame);
    }

    fn render_form(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        if let Some(form) = &self.form {
            form.render(ctx, body, frame);
        }
    }
}

/// Lines above the agenda table: the two summary lines and a gap.
const LIST_TOP: usize = 3;

/// 周三 / Wed.
pub fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    if lang == Lang::Zh { zh[i] } else { en[i] }
}

/// `逾期3天` / `今日` / `12-05 周六`, styled by urgency.
pub fn due_cell(due: NaiveDate, today: NaiveDate, lang: Lang) -> Cell {
    match bucket(due, today, u32::MAX) {
        Some(Bucket::Overdue(days)) => Cell::forms(vec![
            Msg::DaysLate { days: days as i64 }.render(lang),
            format!("-{days}"),
        ])
        .style(theme::bad()),
        Some(Bucket::Today) => Cell::new(tr!(lang, TODAY_JINRI)).style(theme::title()),
        _ => {
            let wd = if due.weekday() == Weekday::Sat || due.weekday() == Weekday::Sun {
                theme::dim()
            } else {
                Style::new()
            };
            Cell::forms(vec![
                format!("{} {}", due.format("%m-%d"), weekday(due, lang)),
                due.format("%m-%d").to_string(),
            ])
            .style(wd)
        }
    }
}

/// The cells of an open callback row (shared with the 回访 screen).
pub fn plan_cells(r: &PlanRow, ctx: &Ctx) -> Vec<Cell> {
    let lang = ctx.lang();
    let tries = if r.wrong_number {
        Cell::new(tr!(lang, BAD)).style(theme::bad())
    } else if r.tries >= ctx.rules().callbacks.max_tries {
        // out of tries: it stays overdue with the count
        Cell::new(Msg::Tries { n: r.tries as u64 }.render(lang))
        .style(theme::bad())
    } else if r.tries > 0 {
        Cell::new(format!("{}/{}", r.tries, ctx.rules().callbacks.max_tries)).style(theme::warn())
    } else {
        Cell::new("")
    };
    vec![
        due_cell(r.first_due_on, ctx.today(), lang),
        Cell::new(r.name.clone()),
        Cell::new(r.customer_id.clone()),
        Cell::forms(vec![ctx.tier_label(r.tier), r.tier.code().to_string()]).style(theme::tier(r.tier)),
        Cell::new(lang.pick(r.reason.label_zh(), r.reason.label_en())),
        tries,
        Cell::new(r.mobile.as_deref().map(mask_mobile).unwrap_or_else(|| "—".into())),
        Cell::new(ctx.manager_label(&r.manager_id)),
    ]
}
