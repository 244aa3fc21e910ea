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

    fn profile_lines(&self, d: &CustomerDetail, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let lang = ctx.lang();
        let c = &d.customer;
        let fit = |segs: Vec<Vec<Span<'static>>>| fit_segments(segs, "  ", width);
        let label = |zh: &'static str, en: &'static str| Span::styled(lang.pick(zh, en), theme::muted());

        // line 1: who
        let mut facts = vec![lang.pick(c.kind.label_zh(), c.kind.code()).to_string()];
        if let Some(g) = c.gender {
            facts.push(lang.pick(g.label_zh(), g.code()).to_string());
        }
        if let Some(age) = d.age {
            facts.push(crate::i18n::Msg::Age { age: age as u64 }.render(lang));
        }
        let status_style =
            if c.status == crate::domain::model::CustomerStatus::Active { Style::new() } else { theme::warn() };
        let who = fit(vec![
            vec![Span::styled(c.name.clone(), theme::title())],
            vec![Span::raw(c.customer_id.clone())],
            vec![Span::raw(facts.join(" "))],
            vec![Span::styled(lang.pick(c.status.label_zh(), c.status.code()).to_string(), status_style)],
            vec![match c.investor_class {
                InvestorClass::Professional => {
                    Span::styled(tr!(lang, PROFESSIONAL_INVESTOR), theme::good())
                }
                InvestorClass::Ordinary => Span::raw(tr!(lang, ORDINARY_INVESTOR)),
            }],
            vec![label("开户 ", "opened "), Span::styled(c.opened_on.to_string(), theme::muted())],
        ]);

        // line 2: personal data (masked unless unmasked) and manager
        let (id, mobile) = if self.unmasked {
            (c.id_number.clone(), c.mobile.clone().unwrap_or_else(|| "—".into()))
        } else {
            (mask_id_number(&c.id_number), c.mobile.as_deref().map(mask_mobile).unwrap_or_else(|| "—".into()))
        };
        let manager = ctx.manager_label(&c.manager_id);
        let pd_style = if self.unmasked { theme::warn() } else { Style::new() };
        let personal = fit(vec![
            vec![label("证件 ", "ID "), Span::styled(id, pd_style)],
            vec![label("手机 ", "mobile "), Span::styled(mobile, pd_style)],
            vec![label("客户经理 ", "manager "), Span::raw(manager)],
            vec![Span::styled(
                if self.unmasked {
                    tr!(lang, SHOWN_U_HIDES)
                } else {
                    tr!(lang, U_UNMASK)
                },
                theme::dim(),
            )],
        ]);

        // line 3: tier and why
        // the reason loses whole words (not the line) when narrow: it is what the tier line is for
        let tier = vec![label("等级 ", "Tier "), Span::styled(ctx.tier_label(d.tier.tier), theme::tier(d.tier.tier))];
        let room = width.saturating_sub(spans_width(&tier) + 2);
        let reason = match lang {
            Lang::Zh => d.tier.reason_zh(),
            Lang::En => d.tier.reason_en(),
        };
        let reason = fit_words(&reason, room);
        let tier_line = if reason == "…" { fit(vec![tier]) } else { fit(vec![tier, vec![Span::raw(reason)]]) };

        // line 4: risk level / type and validity
        let mut risk: Vec<Vec<Span<'static>>> = Vec::new();
        match d.profile {
            RiskProfile::Professional => {
                risk.push(vec![
                    label("风险 ", "Risk "),
                    Span::styled(tr!(lang, PROFESSIONAL), theme::good()),
                ]);
                risk.push(vec![Span::styled(tr!(lang, MAY_HOLD_R1_R5), theme::muted())]);
            }
            RiskProfile::Assessed { level, lowest } => {
                risk.push(vec![label("风险 ", "Risk "), Span::styled(level_name(level, lang), theme::title())]);
                // the type (分类) only when it adds something: C1 保守型 and C3 稳健型 are named after
                // their type, and `C1 保守型 保守型` reads as a typo
                let kind = lang.pick(level.risk_type().label_zh(), level.risk_type().label_en());
                if !level_name(level, lang).ends_with(kind) {
                    risk.push(vec![label("分类 ", "type "), Span::raw(kind.to_string())]);
                }
                if lowest {
                    risk.push(vec![Span::styled(tr!(lang, LOWEST_CATEGORY), theme::bad())]);
                }
            }
            RiskProfile::Unassessed { last_level } => match last_level {
                Some(l) => {
                    risk.push(vec![label("风险 ", "Risk "), Span::styled(level_name(l, lang), theme::dim())]);
                    risk.push(vec![Span::styled(tr!(lang, TREATED_AS_UNASSESSED), theme::warn())]);
                }
                None => risk.push(vec![
                    label("风险 ", "Risk "),
                    Span::styled(tr!(lang, UNASSESSED_WEIPINGGU), theme::warn()),
                ]),
            },
        }
        if let Some(a) = d.latest_assessment.as_ref() {
            let validity = match d.assessment_status {
                AssessmentStatus::Valid => {
                    Some((format!("{} {}", tr!(lang, VALID_UNTIL), a.valid_until), theme::good()))
                }
                AssessmentStatus::Expiring => Some((
                    format!("{} {} {}", tr!(lang, EXPIRING), tr!(lang, UNTIL), a.valid_until),
                    theme::warn(),
                )),
                AssessmentStatus::Expired => {
                    Some((format!("{} {}", tr!(lang, EXPIRED), a.valid_until), theme::bad()))
                }
                AssessmentStatus::Never => None,
            };
            if let Some((text, style)) = validity {
                risk.push(vec![Span::styled(text, style)]);
            }
            risk.push(vec![Span::styled(
                format!("{} {} {}{}", tr!(lang, ASSESSED), a.assessed_on, a.score, tr!(lang, PTS)),
                theme::muted(),
            )]);
        }
        let risk = fit(risk);

        // line 5: figures
        let snap = d.snapshot.as_ref();
        let pnl = d.pnl();
        // the assets of the latest snapshot, dated when the holdings (P/L, weights) are of another day
        let mut assets = vec![label("资产 ", "Assets "), Span::styled(format_wan(d.total_assets), theme::title())];
        if let Some(s) = snap.filter(|s| d.holdings_as_of.is_some_and(|h| h != s.as_of)) {
            assets.push(Span::styled(format!(" {} {}", tr!(lang, AS_OF_JIEZHI), s.as_of), theme::muted()));
        }
        let mut figures = vec![assets, vec![label("盈亏 ", "P/L "), Span::styled(signed_compact(pnl), pnl_style(pnl))]];
        if !d.alerts.is_empty() {
            figures
                .push(vec![Span::styled(format!("{} {}", tr!(lang, ALERTS_YUJING), d.alerts.len()), theme::bad())]);
        }
        if let Some(next) = d.next_callback() {
            let style = if next < ctx.today() { theme::bad() } else { Style::new() };
            figures.push(vec![label("回访 ", "callback "), Span::styled(next.to_string(), style)]);
        }
        figures.push(vec![
            label("现金 ", "cash "),
            Span::raw(snap.map(|s| format_compact(s.cash)).unwrap_or_else(|| "—".into())),
        ]);
        figures.push(vec![
            label("贡献 ", "contrib "),
            Span::raw(snap.map(|s| format_compact(s.contribution())).unwrap_or_else(|| "—".into())),
        ]);
        let figures = fit(figures);
        vec![who, personal, tier_line, risk, figures]
    }

    fn render_sparkline(&self, ctx: &Ctx, area: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let holding = self.selected_holding();
        let name =
            holding.map(|h| h.valued.security.name.clone()).unwrap_or_else(|| tr!(lang, PRICES).to_string());
        let code = holding.map(|h| h.valued.holding.code.clone()).unwrap_or_default();
        let mut forms = vec![format!(" {name} ")];
        if let (Some(first), Some(last)) = (self.closes.first(), self.closes.last())
            && self.closes.len() > 1
        {
            let change = percent_of(last.1 - first.1, first.1);
            let change = format!("{}{}", if last.1 >= first.1 { "+" } else { "" }, change);
            let days = self.closes.len();
            let closes: Vec<PriceMilli> = self.closes.iter().map(|c| c.1).collect();
            let ma = crate::domain::alerts::turning_point::moving_average(&closes, closes.len() - 1, 20)
                .map(|m| format!(" {} {}", tr!(lang, MA20), price(m)))
                .unwrap_or_default();
            forms = vec![
                format!(
                    " {name} {code} {} {} {} {change}{ma} ",
                    tr!(lang, LAST),
                    crate::i18n::Msg::Days { days: days as u64 }.render(lang),
                    price(last.1)
                ),
                format!(" {name} {days}{} {} {change}{ma} ", tr!(lang, D), price(last.1)),
                format!(" {name} {days}{} {} {change} ", tr!(lang, D), price(last.1)),
                format!(" {name} {change} "),
                format!(" {name} "),
            ];
        }
        let title = crate::tui::widgets::table::fit(&forms, area.width.saturating_sub(2) as usize);
        let block = Block::default().borders(Borders::ALL).title(title);
        let inner = block.inner(area);
        if area.width < 2 || area.height < 2 {
            return;
        }
        if self.closes.is_empty() {
            frame
                .render_widget(Paragraph::new(tr!(lang, NO_PRICES)).style(theme::dim()).block(block), area);
            return;
        }
        if let [(date, close)] = self.closes.as_slice() {
            // one price (a fund with one NAV): the figure, not a full-height bar of nothing
            let text = format!("{} {} · {date}", tr!(lang, LAST_PRICE_NAV), price(*close));
            let text = crate::tui::widgets::fit_message(&text, inner.width as usize);
            frame.render_widget(Paragraph::new(text).style(theme::title()).block(block), area);
            return;
        }
        let take = (inner.width as usize).min(self.closes.len());
        let shown = &self.closes[self.closes.len() - take..];
        let min = shown.iter().map(|c| c.1).min().unwrap_or(0);
        let max = shown.iter().map(|c| c.1).max().unwrap_or(0);
        let base = ((max - min) / 8).max(1);
        let data: Vec<u64> = shown.iter().map(|c| (c.1 - min + base) as u64).collect();
        let rising = shown.last().map(|c| c.1) >= shown.first().map(|c| c.1);
        let style = if rising { theme::up() } else { theme::down() };
        // a flat series (unchanged price, e.g. a money fund's NAV) is the lowest line (one eighth of
        // a row), not a full-height block
        let top = if max == min { 8 * u64::from(inner.height.max(1)) } else { (max - min + base) as u64 };
        frame.render_widget(Sparkline::default().block(block).data(&data).max(top).style(style), area);
    }
}

/// `C3 稳健型` (English: `C3`).
pub(super) fn level_name(level: crate::domain::risk::RiskLevel, lang: Lang) -> String {
    crate::i18n::Msg::LevelName(level).render(lang)
}
