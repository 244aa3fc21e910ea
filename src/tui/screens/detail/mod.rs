//! 客户详情 Customer detail: profile (masked personal data; `u` unmasks for this customer only and
//! is audited), tier and why, level/type and validity, holdings with R rating and suitability, a
//! price sparkline of the selected (initially the largest) position, assessment history; on tall
//! terminals also open alerts and the callback log.
//!
//! Privacy: the detail loads (and `u` unmasks) only a customer in the book in view — the whole
//! branch for a supervisor, else the manager's own customers (`store::book::in_scope`, checked
//! again whenever the scope or the data changes). Any other customer shows the same screen as an
//! unknown one, and nothing is read, unmasked or audited.

use crate::i18n::{en::titles as et, zh::titles as zt};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};

mod holdings;
mod panels;
mod profile;
mod sparkline;

use super::call_form::{self, CallForm, PlanRef};
use super::{Ctx, Outcome};
use crate::domain::mask::{mask_id_number, mask_mobile};
use crate::domain::model::{InvestorClass, PriceMilli};
use crate::domain::money::{format_compact, format_wan};
use crate::domain::risk::{AssessmentStatus, RiskProfile};
use crate::domain::text::Align;
use crate::session::Lang;
use crate::store::book::Scope;
use crate::store::detail::{CustomerDetail, HoldingLine};
use crate::tui::action::Action;
use crate::tui::format::{percent_of, price, signed_compact};
use crate::tui::theme;
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{fit_segments, fit_words, put_line, spans_width};
pub use holdings::holding_cells;
use holdings::{pnl_style, rating_basis_text, weight_basis_text};
use panels::{render_alerts, render_callbacks, render_history};

/// Holdings columns. The figures are sized from their content: the full amount when it fits,
/// else (the whole column) the compact form in 万 — digits are never cut.
pub const COLUMNS: [ColSpec; 11] = [
    ColSpec::new(zt::CODE, et::CODE, 6, Align::Left),
    ColSpec::new(zt::NAME_2, et::NAME_2, 8, Align::Left),
    ColSpec::new(zt::R, et::R, 2, Align::Left),
    ColSpec::new(zt::ALERTS, et::ALERTS, 4, Align::Left).content(),
    ColSpec::new(zt::QTY, et::QTY, 8, Align::Right).content(),
    ColSpec::new(zt::COST, et::COST, 8, Align::Right).content(),
    ColSpec::new(zt::PRICE, et::PRICE, 8, Align::Right).content(),
    ColSpec::new(zt::VALUE, et::VALUE, 9, Align::Right).content(),
    ColSpec::new(zt::WEIGHT, et::WEIGHT, 6, Align::Right).content().short(zt::WT, et::WT),
    ColSpec::new(zt::P_L, et::P_L, 8, Align::Right).content(),
    ColSpec::new(zt::SUITABILITY, et::SUITABILITY, 6, Align::Left).content().short(zt::FIT, et::FIT),
];
const C_NAME: usize = 1;
/// The name column grows into spare cells up to its longest name, at most this wide.
const NAME_MAX: u16 = 24;
/// How the holdings table gives way: the cost goes, the suitability reason shortens, the amounts
/// switch to 万, the name narrows; then whole columns go.
pub const STEPS: [Step; 12] = [
    Step::Drop(5),
    Step::Compact(10),
    Step::Compact(7),
    Step::Compact(9),
    Step::Compact(4),
    Step::Narrow(C_NAME, 6),
    Step::Drop(6),
    Step::Drop(4),
    Step::Compact(10),
    Step::Drop(9),
    Step::Drop(0),
    Step::Drop(3),
];
/// How many closes the price sparkline shows.
pub const SPARKLINE_CLOSES: usize = 60;
/// The smallest useful height of the sparkline and assessment boxes (3 lines inside).
const BOX_MIN: u16 = 5;

/// State of the detail screen of one customer.
#[derive(Debug, Clone)]
pub struct DetailState {
    pub customer_id: String,
    /// `None` before the first sync, or when the customer does not exist or is not in the book
    /// in view (the two look the same).
    pub detail: Option<CustomerDetail>,
    loaded: bool,
    /// The scope the customer was checked against (checked again when it changes).
    scope: Option<Scope>,
    /// Full ID and mobile shown (per customer; leaving the screen masks again).
    pub unmasked: bool,
    /// Selected holding (the sparkline follows it).
    pub selected: usize,
    /// Closes of the selected holding, oldest first.
    pub closes: Vec<(NaiveDate, PriceMilli)>,
    closes_code: Option<String>,
    /// How many detail loads ran.
    pub loads: usize,
    /// A holding to select once the detail is loaded (opened from its alert).
    pub focus: Option<String>,
    /// The call log form, when open (`l`).
    pub form: Option<CallForm>,
    /// What the lower right box shows on a terminal too short for all of them (`p` switches).
    pub panel: Panel,
}

/// The lower right box of a short detail screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    /// 测评记录.
    #[default]
    History,
    /// 回访: open callbacks and the call log.
    Callbacks,
    /// 预警.
    Alerts,
}

impl DetailState {
    pub fn new(customer_id: &str) -> DetailState {
        DetailState {
            customer_id: customer_id.to_string(),
            detail: None,
            loaded: false,
            scope: None,
            unmasked: false,
            selected: 0,
            closes: Vec::new(),
            closes_code: None,
            loads: 0,
            focus: None,
            form: None,
            panel: Panel::default(),
        }
    }

    pub fn title(&self, ctx: &Ctx) -> String {
        let name = self.detail.as_ref().map(|d| d.customer.name.as_str()).unwrap_or(&self.customer_id);
        format!("{} {}", tr!(ctx.lang(), CUSTOMER_KEHUXIANGQING), name)
    }

    /// Whether the customer is unknown or outside the book in view (after a sync).
    pub fn missing(&self) -> bool {
        self.loaded && self.detail.is_none()
    }

    /// Forgets the loaded customer (the data changed): the next sync checks the scope and loads
    /// again, keeping the selected holding and the unmasking (if still in scope).
    pub fn invalidate(&mut self) {
        self.loaded = false;
    }

    /// `未找到客户 X（不在您的客户范围内）`: what an unknown or out-of-scope customer shows.
    pub fn not_found_text(customer_id: &str, lang: Lang) -> String {
        crate::i18n::Msg::NoCustomerShown { id: customer_id.to_string() }.render(lang)
    }

    fn holdings_len(&self) -> usize {
        self.detail.as_ref().map(|d| d.holdings.len()).unwrap_or(0)
    }

    pub fn selected_holding(&self) -> Option<&HoldingLine> {
        self.detail.as_ref().and_then(|d| d.holdings.get(self.selected))
    }

    /// Keys for the open call form.
    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        let routed = call_form::route_key(&mut self.form, key, ctx)?;
        if matches!(routed, Some(Outcome::Changed(_))) {
            self.panel = Panel::Callbacks;
        }
        Ok(routed)
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let last = self.holdings_len().saturating_sub(1);
        match action {
            Action::NextPanel => {
                self.panel = match self.panel {
                    Panel::History => Panel::Callbacks,
                    Panel::Callbacks => Panel::Alerts,
                    Panel::Alerts => Panel::History,
                };
            }
            Action::LogCall => {
                if let Some(d) = &self.detail {
                    // the earliest open callback, else a call outside the plan
                    let plan = d.callbacks.iter().filter(|c| c.logged.is_none()).min_by_key(|c| c.on).and_then(|c| {
                        Some(PlanRef {
                            plan_id: c.plan_id.clone()?,
                            reason: c.reason?,
                            first_due_on: c.on,
                            due_on: c.on,
                            tries: c.tries,
                        })
                    });
                    self.form = Some(CallForm::new(&self.customer_id, &d.customer.name, plan));
                }
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::StartAssessment if self.detail.is_some() => {
                return Ok(Outcome::Push(Box::new(super::Screen::Interview(super::InterviewState::new(
                    &self.customer_id,
                )))));
            }
            Action::Unmask => {
                let lang = ctx.lang();
                if self.unmasked {
                    self.unmasked = false;
                    return Ok(Outcome::Message(
                        tr!(lang, ID_AND_MOBILE_MASKED_AGAIN).into(),
                    ));
                }
                // only a customer on screen, and (again, at the moment of the request) in scope
                let session = ctx.session;
                if self.detail.is_none() || !crate::store::book::in_scope(&session.conn, ctx.scope, &self.customer_id)?
                {
                    return Ok(Outcome::None);
                }
                crate::store::audit::record(
                    &session.conn,
                    &crate::store::audit::AuditEntry {
                        at: crate::clock::now(None),
                        actor: &session.user.manager_id,
                        entity: "customer",
                        entity_id: &self.customer_id,
                        action: "unmask",
                        old_value: None,
                        new_value: None,
                    },
                )?;
                self.unmasked = true;
                return Ok(Outcome::Message(
                    tr!(lang, FULL_ID_AND_MOBILE_SHOWN_RECORDED)
                    .into(),
                ));
            }
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// Loads the customer once (again when the scope or the data changed) if it is in the book
    /// in view; fetches the closes of the selected holding when it changed.
    pub fn sync(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        if self.scope.as_ref() != Some(ctx.scope) {
            self.scope = Some(ctx.scope.clone());
            self.loaded = false;
        }
        if !self.loaded {
            let conn = &ctx.session.conn;
            self.detail = if crate::store::book::in_scope(conn, ctx.scope, &self.customer_id)? {
                crate::store::detail::load(conn, &self.customer_id, ctx.today(), ctx.rules())?
            } else {
                None
            };
            self.loaded = true;
            self.loads += 1;
            self.closes_code = None;
            self.closes.clear();
            if self.detail.is_none() {
                self.unmasked = false;
            }
        }
        if let (Some(code), Some(d)) = (self.focus.as_deref(), &self.detail) {
            if let Some(i) = d.holdings.iter().position(|h| h.valued.holding.code == code) {
                self.selected = i;
            }
            // opened from an alert: its alerts in the lower right box
            self.panel = Panel::Alerts;
            self.focus = None;
        }
        self.selected = self.selected.min(self.holdings_len().saturating_sub(1));
        let wanted = self
            .selected_holding()
            .map(|h| (h.valued.holding.code.clone(), h.valued.close.map(|c| c.0).unwrap_or(h.valued.holding.as_of)));
        if let Some((code, on)) = wanted
            && self.closes_code.as_deref() != Some(code.as_str())
        {
            self.closes = crate::store::prices::recent_closes(&ctx.session.conn, &code, on, SPARKLINE_CLOSES)?;
            self.closes_code = Some(code);
        }
        Ok(())
    }

    pub fn counts(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        match &self.detail {
            Some(d) => format!(
                "{} {} · {} {}",
                tr!(lang, HOLDINGS_CHICANG),
                d.holdings.len(),
                tr!(lang, UNSUITABLE),
                d.unsuitable()
            ),
            None => String::new(),
        }
    }

    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        self.render_body(ctx, body, frame);
        if let Some(form) = &self.form {
            form.render(ctx, body, frame);
        }
    }

    fn render_body(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let Some(d) = &self.detail else {
            let text = if self.loaded {
                Self::not_found_text(&self.customer_id, lang)
            } else {
                tr!(lang, LOADING).to_string()
            };
            put_line(frame, body, 1, Line::styled(format!("  {text}"), theme::warn()));
            return;
        };
        let profile = self.profile_lines(d, ctx, body.width as usize);
        for (i, line) in profile.iter().enumerate() {
            put_line(frame, body, i as u16, line.clone());
        }
        let fixed = profile.len() as u16 + 2; // + section line + table header
        let tall = body.height >= 36;
        let n = d.holdings.len().max(1) as u16;
        // the holdings first: the boxes only when at least two holdings (or all) still show
        let room = body.height.saturating_sub(fixed);
        let boxes = BOX_MIN + if tall { 8 } else { 0 };
        let hold_rows = if room >= n.min(2) + boxes { n.min(room - boxes) } else { n.min(room) };
        let rest = body.height.saturating_sub(fixed + hold_rows);
        let (bottom_h, extra) = if tall {
            let bottom = rest.saturating_sub(8).min(14);
            (bottom, rest.saturating_sub(bottom).min(12))
        } else {
            (rest, 0)
        };

        // holdings
        let y = profile.len() as u16;
        let unsuitable = d.unsuitable();
        let mut section = vec![
            Span::styled(format!("{} {}", tr!(lang, HOLDINGS), d.holdings.len()), theme::header()),
            Span::styled(
                format!(
                    "  {} {}",
                    tr!(lang, AS_OF),
                    d.holdings_as_of.map(|x| x.to_string()).unwrap_or_else(|| "—".into())
                ),
                theme::muted(),
            ),
        ];
        if unsuitable > 0 {
            section.push(Span::styled(format!("  {} {}", tr!(lang, UNSUITABLE), unsuitable), theme::bad()));
        }
        if let Some(basis) = weight_basis_text(d, lang) {
            section.push(Span::styled(format!("  {basis}"), theme::muted()));
        }
        if let Some(h) = self.selected_holding() {
            section.push(Span::styled(format!("  {}", rating_basis_text(h, lang)), theme::muted()));
        }
        put_line(frame, body, y, fit_segments(section.into_iter().map(|s| vec![s]).collect(), "", body.width as usize));
        let table_area = Rect {
            y: body.y + (y + 1).min(body.height),
            height: (hold_rows + 1).min(body.height.saturating_sub(y + 1)),
            ..body
        };
        // columns sized over every holding (a customer has a handful), so they hold still while
        // the selection moves; only the visible ones are drawn
        let all: Vec<Vec<Cell>> = d.holdings.iter().map(|h| holding_cells(h, lang)).collect();
        let name_max = all.iter().map(|r| crate::domain::text::width(r[C_NAME].form_at(0))).max().unwrap_or(8);
        let grow = Some((C_NAME, (name_max as u16).clamp(8, NAME_MAX)));
        let fitted = table::fit_columns(&COLUMNS, &all, &STEPS, grow, body.width, lang);
        let offset = self.selected.saturating_sub((hold_rows as usize).saturating_sub(1));
        let rows: Vec<Vec<Cell>> = all.into_iter().skip(offset).take(hold_rows as usize).collect();
        table::render_fitted(
            frame,
            table_area,
            &COLUMNS,
            &fitted,
            lang,
            &rows,
            Some(self.selected - offset).filter(|_| !rows.is_empty()),
        );
        if d.holdings.is_empty() {
            put_line(frame, table_area, 1, Line::styled(tr!(lang, NO_HOLDINGS), theme::dim()));
        }

        // bottom panels
        let bottom_y = y + 1 + 1 + hold_rows;
        if bottom_h >= 4 && bottom_y < body.height {
            let area = Rect { y: body.y + bottom_y, height: bottom_h.min(body.height - bottom_y), ..body };
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
            self.render_sparkline(ctx, left, frame);
            match (tall, self.panel) {
                (false, Panel::Callbacks) => render_callbacks(d, ctx, right, frame),
                (false, Panel::Alerts) => render_alerts(d, ctx, right, frame),
                _ => render_history(d, ctx, right, frame),
            }
            if tall {
                let ey = bottom_y + area.height;
                if ey < body.height {
                    let area = Rect { y: body.y + ey, height: extra.min(body.height - ey), ..body };
                    let [left, right] =
                        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
                    render_alerts(d, ctx, left, frame);
                    render_callbacks(d, ctx, right, frame);
                }
            }
        }
    }

}

/// `C3 稳健型` (English: `C3`).
pub(super) fn level_name(level: crate::domain::risk::RiskLevel, lang: Lang) -> String {
    crate::i18n::Msg::LevelName(level).render(lang)
}
