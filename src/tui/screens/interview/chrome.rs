//! The interview's chrome: the key hints of the footer and the popups (leave? / a line of text
//! with the terminal cursor at the cell position of the input's cursor, so the IME follows).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::state::{InterviewState, Page};
use crate::domain::questionnaire::option_key;
use crate::domain::text::{truncate_to_cells, width};
use crate::tui::screens::Ctx;
use crate::tui::theme;
use crate::tui::widgets::{centered, clear_popup, fit_segments};

impl InterviewState {
    pub(super) fn render_leave(&self, ctx: &Ctx, area: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let lines = vec![
            Line::styled(tr!(lang, THIS_INTERVIEW_IS_NOT_SAVED), theme::title()),
            Line::raw(tr!(lang, D_DISCARD_NOTHING_SAVED)),
            Line::raw(tr!(lang, S_KEEP_A_DRAFT_RESUME_LATER)),
            Line::raw(tr!(lang, ESC_GO_ON)),
        ];
        let w = lines.iter().map(|l| crate::tui::widgets::spans_width(&l.spans)).max().unwrap_or(10) as u16 + 4;
        let rect = centered(area, w, lines.len() as u16 + 2);
        clear_popup(frame, rect);
        frame.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::ALL)), rect);
    }

    /// The key hints of the page, whole hints only.
    pub(super) fn footer(&self, ctx: &Ctx, w: usize) -> Line<'static> {
        let lang = ctx.lang();
        let letters = match &self.page {
            Page::Step(k) => format!("A-{}", option_key(self.options(*k).len().max(1) - 1)),
            _ => String::new(),
        };
        let hints: Vec<(&str, &str, &str)> = match (&self.page, self.prompt.is_some()) {
            (_, true) => vec![("Enter", "确认", "accept"), ("Esc", "取消", "cancel")],
            (Page::Step(_), _) => {
                vec![
                    ("\u{0}", "选择", "choose"),
                    ("Enter", "下一题", "next"),
                    ("←", "上一题", "back"),
                    ("Tab", "复核", "review"),
                    ("Esc", "离开", "leave"),
                    ("?", "帮助", "help"),
                ]
            }
            (Page::Review, _) => vec![
                ("↑↓", "选择", "move"),
                ("Enter", "修改", "change"),
                ("→", "查看结果", "result"),
                ("Esc", "离开", "leave"),
                ("?", "帮助", "help"),
            ],
            (Page::Result, _) => vec![
                ("y", "客户确认", "confirmed"),
                ("e", "填写原因", "reason"),
                ("Enter", "保存", "save"),
                ("←", "复核", "review"),
                ("Esc", "离开", "leave"),
            ],
            (Page::Saved(_), _) => vec![("p", "打印", "print"), ("Enter", "完成", "done")],
            _ => vec![("Esc", "返回", "back")],
        };
        let segs = hints
            .into_iter()
            .map(|(k, zh, en)| {
                // "\0" stands for the option letters of this question, `A-E`
                let k = if k == "\u{0}" { letters.clone() } else { k.to_string() };
                vec![Span::styled(k, theme::key()), Span::raw(format!(" {}", lang.pick(zh, en)))]
            })
            .collect();
        let mut line = fit_segments(segs, "  ", w.saturating_sub(1));
        line.spans.insert(0, Span::raw(" "));
        line
    }
}

/// A one-line text popup with the terminal cursor at the cell position of the input's cursor.
pub(super) fn render_input(frame: &mut Frame, area: Rect, label: &str, text: &str, cursor: usize, scroll: usize) {
    let w = (width(label) as u16 + 4).max(44).min(area.width);
    let rect = centered(area, w, 4);
    if rect.width < 4 || rect.height < 3 {
        return;
    }
    clear_popup(frame, rect);
    let inner_w = rect.width.saturating_sub(2) as usize;
    let shown: String = {
        // drop `scroll` cells from the left, whole graphemes
        use unicode_segmentation::UnicodeSegmentation;
        let mut skipped = 0;
        let mut out = String::new();
        for g in text.graphemes(true) {
            if skipped < scroll {
                skipped += width(g);
                continue;
            }
            out.push_str(g);
        }
        truncate_to_cells(&out, inner_w)
    };
    let lines = vec![Line::styled(truncate_to_cells(label, inner_w), theme::title()), Line::raw(shown)];
    frame.render_widget(Paragraph::new(lines).block(Block::default().borders(Borders::ALL)), rect);
    let x = rect.x + 1 + (cursor.saturating_sub(scroll) as u16).min(rect.width.saturating_sub(3));
    frame.set_cursor_position((x, rect.y + 2));
}
