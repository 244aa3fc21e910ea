//! Drawing the 分配 screen: a pure function of [`AllocateState`] (nothing is read here): the
//! choice, the before/after table per manager, the moves, the y/n popup and the picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::AllocateState;
use crate::domain::money::{format_count, format_wan};
use crate::domain::text::{Align, truncate_to_cells, width};
use crate::tui::screens::Ctx;
use crate::tui::theme;
use crate::tui::widgets::table::{self, Cell, ColSpec, Step};
use crate::tui::widgets::{centered, clear_popup, fit_leading, put_line};

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
    ColSpec::new("调出 → 接收", "From → to", 24, Align::Left).short("调动", "Move"),
];
const MOVE_STEPS: [Step; 4] = [Step::Narrow(4, 14), Step::Drop(1), Step::Drop(2), Step::Narrow(4, 10)];

impl AllocateState {
    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        if !ctx.session.is_supervisor() {
            let text = tr!(lang, ALLOCATION_IS_FOR_THE_BRANCH_HEAD);
            put_line(frame, body, 1, Line::styled(format!("  {text}"), theme::dim()));
            return;
        }
        let w = body.width as usize;
        let receivers = if self.receivers.is_empty() {
            tr!(lang, NONE_T).to_string()
        } else {
            self.receivers.iter().map(|r| ctx.manager_label(r)).collect::<Vec<_>>().join("、")
        };
        let items = vec![
            vec![Span::styled(tr!(lang, ALLOCATION), theme::title())],
            vec![Span::raw(format!("  {}", tr!(lang, FROM))), Span::styled(self.source_label(ctx), theme::warn())],
            vec![Span::raw(format!("  {}", tr!(lang, TO))), Span::styled(receivers, theme::warn())],
            vec![Span::styled(
                format!("  {}", if self.balance { tr!(lang, BALANCED) } else { tr!(lang, ALL_TO_ONE) }),
                theme::muted(),
            )],
        ];
        put_line(frame, body, 0, fit_leading(items, w));
        let mut y: u16 = 2;
        match &self.plan {
            None => {
                let lines = [
                    tr!(lang, F_THE_DEPARTING_MANAGER_THEIR_WHOLE),
                    tr!(lang, OR_R_ON_THE_CUSTOMER_LIST),
                    tr!(lang, T_ADD_RECEIVING_MANAGERS_SEVERAL_BALANCED),
                    tr!(lang, B_BALANCE_BY_COUNT_ASSETS_AND),
                    tr!(lang, ENTER_APPLIES_AFTER_A_Y_N),
                ];
                for (i, l) in lines.iter().enumerate() {
                    put_line(frame, body, y + i as u16, Line::styled(truncate_to_cells(l, w), theme::dim()));
                }
            }
            Some(Err(e)) => {
                put_line(frame, body, y, Line::styled(truncate_to_cells(e, w), theme::error()));
            }
            Some(Ok(plan)) => {
                let legend = tr!(lang, EACH_MANAGER_BEFORE_AFTER_TIERS_CUSTOMERS);
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
                let title = crate::i18n::Msg::MovesTitle { n: plan.moves.len() as u64 }.render(lang);
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
                // spare cells widen the name column to the widest name on screen (institutions'
                // names run long), never past 24 cells
                let widest = move_rows.iter().map(|r| crate::domain::text::width(r[0].form_at(0))).max().unwrap_or(0);
                let grow = Some((0, widest.clamp(8, 24) as u16));
                let widths = table::layout(&MOVE_COLUMNS, &MOVE_STEPS, grow, body.width);
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
            let keys = tr!(lang, F_FROM_T_TO_B_BALANCE);
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
        let n = self.moves() as u64;
        let to = self.receivers.iter().map(|r| ctx.manager_label(r)).collect::<Vec<_>>().join("、");
        let lines: [String; 3] = [
            crate::i18n::Msg::ConfirmMove { n, to }.render(lang),
            tr!(lang, OPEN_CALLBACKS_AND_ALERTS_FOLLOW).into(),
            tr!(lang, Y_APPLY_N_ESC_CANCEL).into(),
        ];
        let inner = lines.iter().map(|l| width(l)).max().unwrap_or(20);
        let rect = centered(body, (inner + 4) as u16, 5);
        if rect.width < 8 || rect.height < 5 {
            return crate::tui::widgets::too_small(frame, body, lang);
        }
        let room = rect.width.saturating_sub(2) as usize;
        let text: Vec<Line> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Line::styled(truncate_to_cells(l, room), if i == 2 { theme::key() } else { theme::title() }))
            .collect();
        clear_popup(frame, rect);
        let block = Block::default().borders(Borders::ALL).title(format!(" {} ", tr!(lang, APPLY)));
        frame.render_widget(Paragraph::new(text).block(block), rect);
    }
}
