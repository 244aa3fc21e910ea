//! Drawing the interview: a pure function of [`InterviewState`] over the whole terminal (no tab
//! bar, no status bar: nothing about any other customer). Only ASCII and CJK glyphs mark
//! choices and progress, so alignment holds on CJK terminals that draw ★ ▸ █ two cells wide.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::chrome::render_input;
use super::state::{InterviewState, Page, Prompt};
use crate::domain::questionnaire::option_key;
use crate::domain::risk::RiskLevel;
use crate::domain::text::{truncate_to_cells, width, wrap_to_cells};
use crate::session::Lang;
use crate::tui::screens::Ctx;
use crate::tui::theme;
use crate::tui::widgets::{fit_segments, put_line};

/// The mark of an option that forces the lowest category, shown before it is chosen (no ★:
/// CJK terminals may draw it two cells wide).
pub fn forces_lowest_mark(lang: Lang) -> &'static str {
    tr!(lang, FORCES_LOWEST)
}

fn level_text(level: RiskLevel, lang: Lang) -> String {
    format!("{} {}", level.code(), lang.pick(level.label_zh(), level.risk_type().label_en()))
}

impl InterviewState {
    /// Draws the interview over `area` (the whole frame).
    pub fn render(&self, ctx: &Ctx, area: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        if area.width == 0 || area.height == 0 {
            return;
        }
        let Some(subject) = &self.subject else {
            let text = if let Some(e) = &self.error {
                format!("{} {e}", tr!(lang, CANNOT_START))
            } else if self.loaded {
                crate::tui::screens::DetailState::not_found_text(&self.customer_id, lang)
            } else {
                tr!(lang, LOADING).to_string()
            };
            put_line(frame, area, 1, Line::styled(format!("  {text}"), theme::warn()));
            put_line(frame, area, 3, Line::raw(format!("  Esc {}", tr!(lang, BACK))));
            return;
        };
        // header: who (name and masked account only) and where in the interview
        let progress = match &self.page {
            Page::Step(k) => match self.question_of(*k) {
                Some(i) => format!("{} {}/{}", tr!(lang, Q), i + 1, self.answers.len()) + tr!(lang, TEXT),
                None => tr!(lang, PRELIMINARY).to_string(),
            },
            Page::Review => tr!(lang, REVIEW).to_string(),
            Page::Result => tr!(lang, RESULT).to_string(),
            Page::Saved(_) => tr!(lang, SAVED).to_string(),
            Page::Resume => tr!(lang, DRAFT).to_string(),
            Page::Loading => String::new(),
        };
        let title = self.questionnaire.as_ref().map(|q| q.title.clone()).unwrap_or_default();
        let header = fit_segments(
            vec![
                vec![Span::styled(format!(" {} ", tr!(lang, RISK_ASSESSMENT)), theme::tab_active())],
                vec![Span::styled(subject.name.clone(), theme::title())],
                vec![Span::raw(format!("{} {}", tr!(lang, ACCOUNT), subject.masked_account))],
                vec![Span::styled(progress, theme::header())],
                vec![Span::styled(title, theme::muted())],
            ],
            "  ",
            area.width as usize,
        );
        put_line(frame, area, 0, header);
        put_line(frame, area, 1, Line::raw(self.progress_bar(area.width as usize)));
        let body = Rect { y: area.y + 2, height: area.height.saturating_sub(4), ..area };
        match &self.page {
            Page::Step(k) => self.render_step(*k, ctx, body, frame),
            Page::Review => self.render_review(ctx, body, frame),
            Page::Result => self.render_result(ctx, body, frame),
            Page::Saved(id) => self.render_saved(id, ctx, body, frame),
            Page::Resume => self.render_resume(ctx, body, frame),
            Page::Loading => {}
        }
        if area.height >= 4 {
            if let Some(n) = self.notice.as_ref().map(|n| n.text(lang)) {
                put_line(
                    frame,
                    area,
                    area.height - 2,
                    Line::styled(format!(" {}", truncate_to_cells(&n, area.width as usize - 1)), theme::warn()),
                );
            }
            put_line(frame, area, area.height - 1, self.footer(ctx, area.width as usize));
        }
        match &self.prompt {
            Some(Prompt::Leave) => self.render_leave(ctx, area, frame),
            Some(Prompt::AgeNote { input, .. }) => {
                let label = tr!(lang, CHANGING_THE_PRE_FILLED_AGE_NEEDS);
                render_input(frame, area, label, input.text(), input.cursor_cells(), input.scroll_cells(40));
            }
            Some(Prompt::Reason(input)) => {
                let label = tr!(lang, THE_CUSTOMER_S_REASON_FOR_THE);
                render_input(frame, area, label, input.text(), input.cursor_cells(), input.scroll_cells(40));
            }
            None => {}
        }
    }

    /// The options of step `k` as shown in `lang` (the built-in civil-capacity question is
    /// translated; a questionnaire's own text is shown as written).
    fn options_shown(&self, k: usize, lang: Lang) -> Vec<(String, bool)> {
        let mut options = self.options(k);
        if self.question_of(k).is_none() && lang == Lang::En {
            options[0].0 = "Has full civil capacity".into();
            options[1].0 = "Lacks full civil capacity".into();
        }
        options
    }

    /// `[#####.....] 3/21` in ASCII, scaled to `w`.
    fn progress_bar(&self, w: usize) -> String {
        let total = self.steps().max(1);
        let done = (0..self.steps()).filter(|k| self.answered(*k)).count();
        let label = format!(" {done}/{total}");
        let inner = w.saturating_sub(3 + label.len()).min(60);
        if inner < 4 {
            return String::new();
        }
        let filled = inner * done / total;
        format!(" [{}{}]{label}", "#".repeat(filled), ".".repeat(inner - filled))
    }

    fn render_step(&self, k: usize, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let w = body.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line<'static>> = vec![Line::raw("")];
        let (text, multi) = match self.question(k) {
            Some(q) => (format!("{}. {}", self.question_of(k).unwrap_or(0) + 1, q.text), q.multi),
            None => (
                tr!(lang, DOES_THE_CUSTOMER_HAVE_FULL_CIVIL)
                .to_string(),
                false,
            ),
        };
        for l in wrap_to_cells(&text, w) {
            lines.push(Line::styled(format!(" {l}"), theme::title()));
        }
        if multi {
            lines.push(Line::styled(
                tr!(lang, SEVERAL_MAY_BE_CHOSEN_THE_HIGHEST),
                theme::muted(),
            ));
        }
        // the pre-filled age and its note
        if let (Some((ai, p)), Some(i), Some(age)) =
            (self.age_prefill, self.question_of(k), self.subject.as_ref().and_then(|s| s.age))
            && ai == i
        {
            let prefilled = crate::i18n::Msg::PrefilledAge { age: age as u64, option: option_key(p).to_string() }.render(lang);
            lines.push(Line::styled(prefilled, theme::muted()));
            if !self.age_note.is_empty() {
                lines.push(Line::styled(
                    format!(" {}{}", tr!(lang, CHANGED_NOTE), self.age_note),
                    theme::warn(),
                ));
            }
        }
        let options = self.options_shown(k, lang);
        let chosen = self.chosen(k);
        let mark_text = forces_lowest_mark(lang);
        let spaced = lines.len() + 1 + options.len() * 2 <= body.height as usize;
        lines.push(Line::raw(""));
        for (j, (text, forces)) in options.iter().enumerate() {
            let on = chosen.contains(&j);
            let mark = match (multi, on) {
                (true, true) => "[x]",
                (true, false) => "[ ]",
                (false, true) => "(*)",
                (false, false) => "( )",
            };
            let pointer = if j == self.cursor { ">" } else { " " };
            let head = format!(" {pointer} {mark} {}. ", option_key(j));
            let mut tail = if *forces { format!("{text} {mark_text}") } else { text.clone() };
            let room = w.saturating_sub(width(&head));
            if width(&tail) > room {
                tail = truncate_to_cells(&tail, room);
            }
            let style = if on { theme::selected() } else { Style::new() };
            let mut spans = vec![Span::styled(head, if j == self.cursor { theme::key() } else { Style::new() })];
            if *forces && width(&tail) > width(mark_text) && tail.ends_with(mark_text) {
                let plain = tail.trim_end_matches(mark_text).to_string();
                spans.push(Span::styled(plain, style));
                spans.push(Span::styled(mark_text, theme::bad()));
            } else {
                spans.push(Span::styled(tail, style));
            }
            lines.push(Line::from(spans));
            if spaced {
                lines.push(Line::raw(""));
            }
        }
        for (i, l) in lines.into_iter().take(body.height as usize).enumerate() {
            put_line(frame, body, i as u16, l);
        }
    }

    fn render_review(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let w = body.width as usize;
        put_line(
            frame,
            body,
            0,
            Line::styled(
                tr!(lang, CHECK_EVERY_ANSWER_WITH_THE_CUSTOMER),
                theme::muted(),
            ),
        );
        let rows = body.height.saturating_sub(1) as usize;
        let n = self.steps();
        let offset = self.cursor.saturating_sub(rows.saturating_sub(1)).min(n.saturating_sub(rows.max(1)));
        let q_w = (w / 2).saturating_sub(6).clamp(8, 40);
        for (row, k) in (offset..n).take(rows).enumerate() {
            let number = match self.question_of(k) {
                Some(i) => format!("{:>3}. ", i + 1),
                None => "  0. ".to_string(),
            };
            let question = match self.question(k) {
                Some(q) => q.text.clone(),
                None => tr!(lang, FULL_CIVIL_CAPACITY).to_string(),
            };
            let options = self.options_shown(k, lang);
            let chosen = self.chosen(k);
            let answer = if chosen.is_empty() {
                tr!(lang, NOT_ANSWERED).to_string()
            } else {
                let keys: String = chosen.iter().map(|j| option_key(*j)).collect();
                let texts: Vec<String> = chosen.iter().filter_map(|j| options.get(*j)).map(|o| o.0.clone()).collect();
                format!("{keys} {}", texts.join("；"))
            };
            let forced = chosen.iter().any(|j| options.get(*j).is_some_and(|o| o.1));
            let q_text = crate::domain::text::pad_to_cells(&question, q_w, crate::domain::text::Align::Left);
            let left = format!("{number}{q_text} ");
            let room = w.saturating_sub(width(&left));
            let style = if chosen.is_empty() {
                theme::warn()
            } else if forced {
                theme::bad()
            } else {
                Style::new()
            };
            let mut line = Line::from(vec![Span::raw(left), Span::styled(truncate_to_cells(&answer, room), style)]);
            if k == self.cursor {
                line = line.style(theme::selected());
            }
            put_line(frame, body, row as u16 + 1, line);
        }
    }

    fn render_result(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let w = body.width as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        let Some(result) = self.result() else { return };
        let r = match result {
            Ok(r) => r,
            Err(e) => {
                put_line(frame, body, 1, Line::styled(format!(" {e}"), theme::bad()));
                return;
            }
        };
        let q = self.questionnaire.as_ref();
        let subject = self.subject.as_ref();
        let label = q.and_then(|q| q.bands.iter().find(|b| b.level == r.level)).map(|b| b.label.clone());
        lines.push(Line::raw(""));
        lines.push(fit_segments(
            vec![
                vec![
                    Span::raw(format!(" {} ", tr!(lang, SCORE))),
                    Span::styled(r.score.to_string(), theme::title()),
                ],
                vec![
                    Span::raw(format!("{} ", tr!(lang, LEVEL_DENGJI))),
                    Span::styled(
                        // the questionnaire's own (Chinese) band name, in Chinese only
                        match label.filter(|_| lang == Lang::Zh) {
                            Some(l) => format!("{} {l}", r.level.code()),
                            None => level_text(r.level, lang),
                        },
                        theme::title(),
                    ),
                ],
                vec![Span::raw(format!(
                    "{} {}",
                    tr!(lang, TYPE_FENGXIANLEIXING),
                    lang.pick(r.level.risk_type().label_zh(), r.level.risk_type().label_en())
                ))],
            ],
            "   ",
            w,
        ));
        let lowest = if r.lowest {
            let cause =
                q.map(|q| crate::domain::assessment::lowest_cause_text(q, &r.lowest_reasons)).unwrap_or_default();
            Line::styled(
                format!(
                    " {}{cause}",
                    tr!(lang, LOWEST_CATEGORY_YES_BECAUSE)
                ),
                theme::bad(),
            )
        } else {
            Line::raw(tr!(lang, LOWEST_CATEGORY_NO).to_string())
        };
        lines.push(lowest);
        if let (Some(q), Some(s)) = (q, subject) {
            let previous = match s.previous {
                Some((level, _, until)) => {
                    format!("{}（{} {until}）", level_text(level, lang), tr!(lang, UNTIL))
                }
                None => tr!(lang, NONE_FIRST).to_string(),
            };
            lines.push(fit_segments(
                vec![
                    vec![Span::raw(format!(" {} {}", tr!(lang, VALID_UNTIL_YOUXIAOQIZHI), q.valid_until(s.today)))],
                    vec![Span::raw(format!("{} {previous}", tr!(lang, PREVIOUS)))],
                ],
                "   ",
                w,
            ));
            if s.professional {
                lines.push(Line::styled(
                    tr!(lang, PROFESSIONAL_INVESTOR_SUITABILITY_IS_UNAFFECTED),
                    theme::muted(),
                ));
            }
        }
        lines.push(Line::raw(""));
        let changes = self.changes(&r);
        lines
            .push(Line::styled(tr!(lang, WHAT_CHANGES_FOR_THE_HOLDINGS), theme::header()));
        if changes.is_empty() {
            lines.push(Line::raw(
                tr!(lang, NO_HOLDING_CHANGES_SUITABILITY).to_string(),
            ));
        }
        let room = body.height.saturating_sub(lines.len() as u16 + 4) as usize;
        for (i, c) in changes.iter().enumerate() {
            if i + 1 == room && changes.len() > room {
                lines.push(Line::raw(format!("   … {} {}", changes.len() - i, tr!(lang, MORE))));
                break;
            }
            let (what, style) = if c.becomes_suitable() {
                (tr!(lang, BECOMES_SUITABLE), theme::good())
            } else {
                (tr!(lang, BECOMES_UNSUITABLE), theme::bad())
            };
            lines.push(Line::from(vec![
                Span::raw(format!("   {} {} {} ", c.code, truncate_to_cells(&c.name, 16), c.rating.code())),
                Span::styled(what.to_string(), style),
            ]));
        }
        lines.push(Line::raw(""));
        let confirmed = if self.confirmed { "[x]" } else { "[ ]" };
        lines.push(Line::styled(
            format!(" {confirmed} {}", tr!(lang, THE_CUSTOMER_CONFIRMED_THE_RESULT_Y)),
            if self.confirmed { theme::good() } else { theme::warn() },
        ));
        if self.reason_required(&r) {
            let reason = if self.reason.is_empty() {
                tr!(lang, PRESS_E).to_string()
            } else {
                self.reason.clone()
            };
            lines.push(Line::raw(format!(" {}{reason}", tr!(lang, REASON_FOR_THE_CHANGE))));
        }
        for (i, l) in lines.into_iter().take(body.height as usize).enumerate() {
            put_line(frame, body, i as u16, l);
        }
    }

    fn render_saved(&self, id: &str, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let mut lines = vec![
            Line::raw(""),
            Line::styled(
                tr!(lang, THE_ASSESSMENT_IS_SAVED_NEVER_EDITED),
                theme::good(),
            ),
            Line::raw(format!(" {} {id}", tr!(lang, RECORD_JILUBIANHAO))),
        ];
        if let Some(Ok(r)) = self.result() {
            lines.push(Line::raw(format!(
                " {} {}  {} {}",
                tr!(lang, LEVEL_DENGJI),
                level_text(r.level, lang),
                tr!(lang, SCORE_DEFEN),
                r.score
            )));
        }
        lines.push(Line::raw(""));
        lines.push(Line::raw(
            tr!(lang, P_WRITES_THE_PRINTABLE_RECORD_FOR)
                .to_string(),
        ));
        lines.push(Line::raw(
            tr!(lang, OR_BROKERDESK_ASSESS_PRINT_ACCOUNT)
                .to_string(),
        ));
        for (i, l) in lines.into_iter().take(body.height as usize).enumerate() {
            put_line(frame, body, i as u16, l);
        }
    }

    fn render_resume(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        let lang = ctx.lang();
        let answered = self.draft.as_ref().map(|d| d.answers.iter().filter(|a| !a.is_empty()).count()).unwrap_or(0);
        let lines = [
            Line::raw(""),
            Line::styled(
                crate::i18n::Msg::DraftExists { answered, total: self.answers.len() }.render(lang),
                theme::warn(),
            ),
            Line::raw(
                tr!(lang, ENTER_RESUME_N_START_AFRESH_ESC)
                .to_string(),
            ),
        ];
        for (i, l) in lines.into_iter().take(body.height as usize).enumerate() {
            put_line(frame, body, i as u16, l);
        }
    }
}
