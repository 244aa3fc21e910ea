//! 分配 Allocation (存量客户分配, SPEC §4.8; supervisor only). Choose what moves — a departing
//! manager's whole book (`f`, the picker), the customers of the 客户 list's filter (`R` there) or
//! one customer (`R` on its detail) — and the receiving managers (`t`, the picker: picking one
//! again removes it); `b` switches the balance proposal (on by itself for several receivers).
//! The proposal shows as a before/after table per manager (customers, assets, tier mix) and the
//! list of moves; Enter asks y/n and only then applies it in one transaction.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::allocation::{Method, Plan};
use crate::domain::money::{format_count, format_wan};
use crate::domain::text::{Align, truncate_to_cells, width};
use crate::session::Lang;
use crate::store::allocation::Selection;
use crate::store::book::BookRow;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, Outcome};
use crate::tui::theme;
use crate::tui::widgets::manager_picker::{PickItem, Picked, Picker};
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{centered, clear_popup, fit_leading, put_line};

/// What moves, and how the screen names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Nothing chosen yet.
    None,
    /// A departing manager's whole book.
    Book(String),
    /// A set of customers (the 客户 filter, or one from the detail screen) and its label.
    Customers { ids: Vec<String>, label: String },
}

/// What an open picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickFor {
    Source,
    Receiver,
}

/// State of the 分配 screen.
pub struct AllocateState {
    pub source: Source,
    pub receivers: Vec<String>,
    pub balance: bool,
    /// The proposal for the current choice, or why there is none.
    pub plan: Option<Result<Plan, String>>,
    plan_key: Option<(Source, Vec<String>, bool)>,
    pub picker: Option<(PickFor, Picker)>,
    /// The y/n popup before applying.
    pub confirm: bool,
    /// Cursor and window of the list of moves.
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    /// The list rows of the moves in the window (names, assets, tiers).
    pub window: Vec<BookRow>,
    window_key: Option<(usize, usize)>,
}

/// Columns of the before/after table: each figure before, then after (`→ 644`), right-aligned
/// so the figures line up.
const LOAD_COLUMNS: [ColSpec; 7] = [
    ColSpec::new("客户经理", "Manager", 9, Align::Left).content(),
    ColSpec::new("客户 前", "Cust.", 4, Align::Right).content(),
    ColSpec::new("后", "after", 4, Align::Right).content(),
    ColSpec::new("资产 前", "Assets", 6, Align::Right).content(),
    ColSpec::new("后", "after", 6, Align::Right).content(),
    ColSpec::new("分级 前", "Tiers", 6, Align::Right).content(),
    ColSpec::new("后", "after", 6, Align::Right).content(),
];
/// On a narrow terminal the "before" tier mix goes first, then the "before" assets and counts,
/// then the tier mix altogether.
const LOAD_STEPS: [Step; 4] = [Step::Drop(5), Step::Drop(3), Step::Drop(1), Step::Drop(6)];

/// Columns of the list of moves.
const MOVE_COLUMNS: [ColSpec; 5] = [
    ColSpec::new("客户", "Customer", 8, Align::Left),
    ColSpec::new("资金账号", "Account", 12, Align::Left),
    ColSpec::new("分级", "Tier", 4, Align::Left),
    ColSpec::new("资产", "Assets", 11, Align::Right),
    ColSpec::new("调出 → 接收", "From → to", 14, Align::Left).short("调动", "Move"),
];
const MOVE_STEPS: [Step; 3] = [Step::Drop(1), Step::Drop(2), Step::Narrow(4, 10)];

impl Default for AllocateState {
    fn default() -> Self {
        AllocateState::new(Source::None)
    }
}

impl AllocateState {
    pub fn new(source: Source) -> AllocateState {
        AllocateState {
            source,
            receivers: Vec::new(),
            balance: false,
            plan: None,
            plan_key: None,
            picker: None,
            confirm: false,
            selected: 0,
            offset: 0,
            height: 0,
            window: Vec::new(),
            window_key: None,
        }
    }

    pub fn title(&self, ctx: &Ctx) -> String {
        ctx.lang().pick("分配", "Allocation").to_string()
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::Picker
        } else if self.confirm {
            Context::Confirm
        } else {
            Context::Allocate
        }
    }

    pub fn invalidate(&mut self) {
        self.plan_key = None;
        self.window_key = None;
    }

    fn moves(&self) -> usize {
        match &self.plan {
            Some(Ok(p)) => p.moves.len(),
            _ => 0,
        }
    }

    fn manager_items(ctx: &Ctx) -> Vec<PickItem> {
        ctx.managers.iter().map(PickItem::manager).collect()
    }

    /// Keys for the picker or the confirmation: `Some` when consumed.
    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        if let Some((what, picker)) = self.picker.as_mut() {
            let what = *what;
            match picker.handle_key(key) {
                Picked::Open => {}
                Picked::Cancelled | Picked::Item(None) => self.picker = None,
                Picked::Item(Some(m)) => {
                    self.picker = None;
                    match what {
                        PickFor::Source => {
                            self.receivers.retain(|r| *r != m);
                            self.source = Source::Book(m);
                        }
                        PickFor::Receiver => {
                            if let Some(i) = self.receivers.iter().position(|r| *r == m) {
                                self.receivers.remove(i);
                            } else {
                                self.receivers.push(m);
                                if self.receivers.len() > 1 {
                                    self.balance = true;
                                }
                            }
                        }
                    }
                    self.selected = 0;
                }
            }
            return Ok(Some(Outcome::None));
        }
        if self.confirm {
            match keymap::lookup(Context::Confirm, key) {
                Some(Action::Confirm) => {
                    self.confirm = false;
                    return self.apply(ctx).map(Some);
                }
                Some(Action::Cancel) => {
                    self.confirm = false;
                    return Ok(Some(Outcome::Message(ctx.lang().pick("未执行分配", "nothing applied").into())));
                }
                _ => {}
            }
            return Ok(Some(Outcome::None));
        }
        Ok(None)
    }

    fn apply(&mut self, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let lang = ctx.lang();
        let Some(Ok(plan)) = &self.plan else { return Ok(Outcome::None) };
        let reason = match (&self.source, self.balance) {
            (Source::Book(_), true) => "balance",
            (Source::Book(_), false) => "departure",
            (Source::Customers { ids, .. }, _) if ids.len() == 1 => "single",
            _ => "filter",
        };
        let now = crate::clock::now_on(ctx.today());
        let n = crate::store::allocation::apply(&ctx.session.conn, plan, &ctx.session.user, reason, now)?;
        self.source = Source::None;
        self.plan = None;
        self.plan_key = None;
        self.selected = 0;
        Ok(Outcome::Changed(match lang {
            Lang::Zh => format!("已调动 {n} 位客户（已记入审计日志）"),
            Lang::En => format!("{n} customers moved (recorded in the audit log)"),
        }))
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let lang = ctx.lang();
        if !ctx.session.is_supervisor() {
            return Ok(Outcome::Message(
                lang.pick("只有营业部负责人可以分配客户", "only the branch head reassigns customers").into(),
            ));
        }
        if let Some(to) = crate::tui::widgets::cursor::moved(self.selected, action, self.moves(), self.height) {
            self.selected = to;
            return Ok(Outcome::None);
        }
        match action {
            Action::PickSource => {
                let at = match &self.source {
                    Source::Book(m) => Some(m.clone()),
                    _ => None,
                };
                let title = lang.pick("调出：离岗客户经理", "From: the departing manager");
                self.picker = Some((PickFor::Source, Picker::new(title, Self::manager_items(ctx), Some(&at))));
            }
            Action::PickReceiver => {
                let title = lang.pick("接收：客户经理（再选一次即移除）", "To: a manager (again to remove)");
                let items = Self::manager_items(ctx)
                    .into_iter()
                    .map(|mut i| {
                        if i.value.as_ref().is_some_and(|v| self.receivers.contains(v)) {
                            i.label = format!("✓ {}", i.label);
                        }
                        i
                    })
                    .collect();
                self.picker = Some((PickFor::Receiver, Picker::new(title, items, None)));
            }
            Action::ToggleBalance => self.balance = !self.balance,
            Action::ClearFilters => {
                self.source = Source::None;
                self.receivers.clear();
                self.balance = false;
                self.selected = 0;
            }
            Action::Apply => match &self.plan {
                Some(Ok(p)) if !p.moves.is_empty() => self.confirm = true,
                Some(Err(e)) => return Ok(Outcome::Message(e.clone())),
                _ => {
                    return Ok(Outcome::Message(
                        lang.pick(
                            "先选择调出（f）与接收的客户经理（t）",
                            "choose the source (f) and the receiving managers (t) first",
                        )
                        .into(),
                    ));
                }
            },
            _ => {}
        }
        Ok(Outcome::None)
    }

    /// Rows of the table of moves: what is left of `body` under the summary (2 lines), the load
    /// table (header, rows, a blank line), the moves' title and header, and the key line.
    fn move_rows(&self, body: Rect) -> usize {
        let loads = match &self.plan {
            Some(Ok(p)) => p.table.len() + 2,
            _ => 0,
        };
        (body.height as usize).saturating_sub(2 + loads + 2 + 1)
    }

    /// Makes the proposal when the choice changed, and reads the list rows of the visible moves.
    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        if !ctx.session.is_supervisor() {
            return Ok(());
        }
        let key = (self.source.clone(), self.receivers.clone(), self.balance);
        if self.plan_key.as_ref() != Some(&key) {
            let selection = match &self.source {
                Source::None => None,
                Source::Book(m) => Some(Selection::Book(m.clone())),
                Source::Customers { ids, .. } => Some(Selection::Customers(ids.clone())),
            };
            self.plan = match selection {
                Some(sel) if !self.receivers.is_empty() => {
                    let method = if self.balance { Method::Balance } else { Method::AllTo };
                    Some(
                        crate::store::allocation::propose(&ctx.session.conn, &sel, &self.receivers, method)
                            .map_err(|e| explain(&e.to_string(), ctx.lang())),
                    )
                }
                _ => None,
            };
            self.plan_key = Some(key);
            self.window_key = None;
        }
        self.height = self.move_rows(body);
        let total = self.moves();
        self.selected = self.selected.min(total.saturating_sub(1));
        self.offset = crate::tui::widgets::cursor::keep_in_view(self.selected, self.offset, self.height, total);
        if self.window_key != Some((self.offset, self.height)) {
            self.window = match &self.plan {
                Some(Ok(p)) if self.height > 0 => {
                    let ids: Vec<String> =
                        p.moves.iter().skip(self.offset).take(self.height).map(|m| m.customer_id.clone()).collect();
                    crate::store::book::rows_for_ids(&ctx.session.conn, &ids, ctx.today())?
                }
                _ => Vec::new(),
            };
            self.window_key = Some((self.offset, self.height));
        }
        Ok(())
    }

    /// `8 位待调动`.
    pub fn counts(&self, ctx: &Ctx) -> String {
        let n = format_count(self.moves() as u64);
        match ctx.lang() {
            Lang::Zh => format!("{n} 位待调动"),
            Lang::En => format!("{n} to move"),
        }
    }

    fn source_label(&self, ctx: &Ctx) -> String {
        let lang = ctx.lang();
        match &self.source {
            Source::None => lang.pick("未选择（f）", "none (f)").to_string(),
            Source::Book(m) => format!("{} {}", ctx.manager_label(m), lang.pick("整本", "whole book")),
            Source::Customers { label, .. } => label.clone(),
        }
    }

    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        if !ctx.session.is_supervisor() {
            let text = lang.pick("客户分配仅营业部负责人可用", "Allocation is for the branch head only");
            put_line(frame, body, 1, Line::styled(format!("  {text}"), theme::dim()));
            return;
        }
        let w = body.width as usize;
        let receivers = if self.receivers.is_empty() {
            lang.pick("未选择（t）", "none (t)").to_string()
        } else {
            self.receivers.iter().map(|r| ctx.manager_label(r)).collect::<Vec<_>>().join("、")
        };
        let items = vec![
            vec![Span::styled(lang.pick("分配", "Allocation"), theme::title())],
            vec![
                Span::raw(format!("  {}", lang.pick("调出:", "from:"))),
                Span::styled(self.source_label(ctx), theme::warn()),
            ],
            vec![Span::raw(format!("  {}", lang.pick("接收:", "to:"))), Span::styled(receivers, theme::warn())],
            vec![Span::styled(
                format!(
                    "  {}",
                    if self.balance {
                        lang.pick("均衡方案", "balanced")
                    } else {
                        lang.pick("全部给一人", "all to one")
                    }
                ),
                theme::muted(),
            )],
        ];
        put_line(frame, body, 0, fit_leading(items, w));
        let mut y: u16 = 2;
        match &self.plan {
            None => {
                let lines = [
                    lang.pick(
                        "f 选择离岗的客户经理（其名下客户整本移交）",
                        "f: the departing manager (their whole book)",
                    ),
                    lang.pick(
                        "  或在 客户 列表 / 客户详情 按 R 分配筛选的客户 / 单个客户",
                        "  or R on the customer list / a customer",
                    ),
                    lang.pick(
                        "t 添加接收的客户经理（可多人，自动均衡）",
                        "t: add receiving managers (several: balanced)",
                    ),
                    lang.pick("b 均衡方案：按客户数、资产与分级结构分配", "b: balance by count, assets and tier mix"),
                    lang.pick(
                        "Enter 查看方案后确认执行；未确认不会写入",
                        "Enter applies after a y/n; nothing is written before",
                    ),
                ];
                for (i, l) in lines.iter().enumerate() {
                    put_line(frame, body, y + i as u16, Line::styled(truncate_to_cells(l, w), theme::dim()));
                }
            }
            Some(Err(e)) => {
                put_line(frame, body, y, Line::styled(truncate_to_cells(e, w), theme::error()));
            }
            Some(Ok(plan)) => {
                let legend = lang.pick(
                    "各客户经理调整前 → 后（分级：T1/T2/T3/T4 客户数）",
                    "each manager before → after (tiers: customers in T1/T2/T3/T4)",
                );
                put_line(frame, body, 1, Line::styled(truncate_to_cells(legend, w), theme::dim()));
                let rows: Vec<Vec<Cell>> = plan
                    .table
                    .iter()
                    .map(|r| {
                        use crate::report::allocation::{manager_label, tier_mix};
                        vec![
                            Cell::new(manager_label(ctx.managers, &r.manager_id)),
                            Cell::new(format_count(r.before.count)),
                            Cell::new(format!("→ {}", format_count(r.after.count))),
                            Cell::new(format_wan(r.before.assets)),
                            Cell::new(format!("→ {}", format_wan(r.after.assets))),
                            Cell::new(tier_mix(&r.before)),
                            Cell::new(format!("→ {}", tier_mix(&r.after))),
                        ]
                    })
                    .collect();
                let fitted = table::fit_columns(&LOAD_COLUMNS, &rows, &LOAD_STEPS, None, body.width, lang);
                let area =
                    Rect { y: body.y + y, height: (rows.len() as u16 + 1).min(body.height.saturating_sub(y)), ..body };
                table::render_fitted(frame, area, &LOAD_COLUMNS, &fitted, lang, &rows, None);
                y += rows.len() as u16 + 2;
                let title = match lang {
                    Lang::Zh => format!("调动明细  {} 位", format_count(plan.moves.len() as u64)),
                    Lang::En => format!("Moves  {}", format_count(plan.moves.len() as u64)),
                };
                put_line(frame, body, y, Line::styled(truncate_to_cells(&title, w), theme::title()));
                let move_rows: Vec<Vec<Cell>> = plan
                    .moves
                    .iter()
                    .skip(self.offset)
                    .take(self.height)
                    .map(|m| {
                        let row = self.window.iter().find(|r| r.customer_id == m.customer_id);
                        vec![
                            Cell::new(row.map(|r| r.name.clone()).unwrap_or_default()),
                            Cell::new(m.customer_id.clone()),
                            Cell::new(row.map(|r| r.tier.code()).unwrap_or(""))
                                .style(row.map(|r| theme::tier(r.tier)).unwrap_or_default()),
                            Cell::new(row.map(|r| format_wan(r.total_assets)).unwrap_or_default()),
                            Cell::forms(vec![
                                format!("{} → {}", ctx.manager_label(&m.from), ctx.manager_label(&m.to)),
                                format!("{} → {}", m.from, m.to),
                            ]),
                        ]
                    })
                    .collect();
                let widths = table::layout(&MOVE_COLUMNS, &MOVE_STEPS, Some((4, 40)), body.width);
                let area = Rect {
                    y: body.y + y + 1,
                    height: (self.height as u16 + 1).min(body.height.saturating_sub(y + 1)),
                    ..body
                };
                let selected = self.selected.checked_sub(self.offset).filter(|i| *i < move_rows.len());
                table::render(frame, area, &MOVE_COLUMNS, &widths, lang, &move_rows, selected);
            }
        }
        // the keys, on the last row
        if body.height >= 4 {
            let keys = lang.pick(
                "f 调出  t 接收  b 均衡  c 清除  Enter 执行（先确认）",
                "f from  t to  b balance  c clear  Enter apply (asks first)",
            );
            put_line(frame, body, body.height - 1, Line::styled(truncate_to_cells(keys, w), theme::dim()));
        }
        if self.confirm {
            self.render_confirm(ctx, body, frame);
        }
        if let Some((_, picker)) = &self.picker {
            picker.render(frame, body, lang);
        }
    }

    fn render_confirm(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let n = format_count(self.moves() as u64);
        let to = self.receivers.iter().map(|r| ctx.manager_label(r)).collect::<Vec<_>>().join("、");
        let lines = match lang {
            Lang::Zh => [
                format!("将 {n} 位客户调给 {to}"),
                "未完成的回访与预警随客户转移；逐户记入审计日志".into(),
                "y 确认执行    n / Esc 取消".into(),
            ],
            Lang::En => [
                format!("Move {n} customers to {to}"),
                "open callbacks and alerts follow; each move is audited".into(),
                "y apply    n / Esc cancel".into(),
            ],
        };
        let inner = lines.iter().map(|l| width(l)).max().unwrap_or(20);
        let rect = centered(body, (inner + 4) as u16, 5);
        if rect.width < 8 || rect.height < 5 {
            return;
        }
        let room = rect.width.saturating_sub(2) as usize;
        let text: Vec<Line> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Line::styled(truncate_to_cells(l, room), if i == 2 { theme::key() } else { theme::title() }))
            .collect();
        clear_popup(frame, rect);
        let block = Block::default().borders(Borders::ALL).title(format!(" {} ", lang.pick("确认分配", "Apply?")));
        frame.render_widget(Paragraph::new(text).block(block), rect);
    }
}

/// The store's refusal in the session language (the common ones; others as they are).
fn explain(e: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    if e.contains("several receiving managers") {
        return "多位接收人需要均衡方案（b）".into();
    }
    if let Some(rest) = e.strip_prefix("customer ")
        && let Some((id, m)) = rest.split_once(" is already with ")
    {
        let m = m.split(':').next().unwrap_or(m);
        return format!("客户 {id} 已在 {m} 名下：接收人不能同时是调出人");
    }
    if e.contains("is closed") {
        return format!("含已销户客户，不能分配（{e}）");
    }
    e.to_string()
}
