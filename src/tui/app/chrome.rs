//! The app's chrome: the whole frame (the screen, the tab bar with its breadcrumb, the status bar
//! with who, the scope, counts and the dates, the help popup) drawn from the state; reads nothing.

use super::*;

impl App {
    /// Draws the whole frame.
    pub fn render(&self, session: &Session, frame: &mut Frame) {
        let ctx = self.ctx(session);
        let (top, body, status) = self.layout_for(frame.area());
        self.top().render(&ctx, body, frame);
        if self.top().full_screen() {
            // the interview: nothing about any other customer (no tabs, no status bar); a
            // message (an error) takes the row above the key hints
            let area = frame.area();
            if area.height >= 3 && self.message.is_some() {
                let row = Rect { y: area.bottom() - 2, height: 1, ..area };
                self.render_status(&ctx, row, String::new(), frame);
            }
            if self.help {
                help::render(frame, frame.area(), self.top().context(), ctx.lang(), self.help_scroll);
            }
            return;
        }
        // the status line decides where the DB label goes (it moves to the tab bar when narrow)
        let (status_line, status_has_db) = self.status_line(&ctx, status.width as usize);
        self.render_tabs(&ctx, top, status_has_db, frame);
        self.render_status(&ctx, status, status_line, frame);
        if let Some(picker) = &self.picker {
            picker.render(frame, body, ctx.lang());
        }
        if self.help {
            let keys = if self.picker.is_some() { Context::Picker } else { self.top().context() };
            help::render(frame, frame.area(), keys, ctx.lang(), self.help_scroll);
        }
    }

    fn render_tabs(&self, ctx: &Ctx, area: Rect, status_has_db: bool, frame: &mut Frame) {
        let lang = ctx.lang();
        let shown = if ctx.session.is_supervisor() { TABS.len() } else { TABS.len() - SUPERVISOR_TABS };
        // the tabs named, or (when they and the breadcrumb do not fit) the other tabs shorter:
        // level 0: all named; 1: the other tabs by short name (`1 今日`, `3 分级`), unpadded;
        // 2: as 1, the other supervisor tabs by number; 3: every other tab by number
        let build = |level: usize| {
            let mut items: Vec<Vec<Span<'static>>> = Vec::new();
            for (i, id) in TABS.iter().enumerate().take(shown) {
                let (name, short) = match id {
                    ScreenId::Today => (tr!(lang, TODAY), tr!(lang, TAB_SHORT_TODAY)),
                    ScreenId::Callbacks => (tr!(lang, CALLBACKS), tr!(lang, TAB_SHORT_CALLBACKS)),
                    ScreenId::Customers => (tr!(lang, CUSTOMERS), tr!(lang, TAB_SHORT_CUSTOMERS)),
                    ScreenId::Segments => (tr!(lang, SEGMENTS), tr!(lang, TAB_SHORT_SEGMENTS)),
                    ScreenId::Customer => (tr!(lang, CUSTOMER_KEHUXIANGQING), tr!(lang, CUSTOMER_KEHUXIANGQING)),
                    ScreenId::Alerts => (tr!(lang, ALERTS), tr!(lang, TAB_SHORT_ALERTS)),
                    ScreenId::Audit => (tr!(lang, AUDIT), tr!(lang, TAB_SHORT_AUDIT)),
                    ScreenId::Allocate => (tr!(lang, ALLOCATION), tr!(lang, TAB_SHORT_ALLOCATION)),
                };
                let style = if i == self.tab { theme::tab_active() } else { theme::muted() };
                let supervisor_tab = i >= TABS.len() - SUPERVISOR_TABS;
                let text = match level {
                    _ if i == self.tab => format!(" {} {name} ", i + 1),
                    0 => format!(" {} {name} ", i + 1),
                    1 => format!("{} {short}", i + 1),
                    2 if !supervisor_tab => format!("{} {short}", i + 1),
                    _ => format!("{}", i + 1),
                };
                items.push(vec![Span::styled(text, style), Span::raw(" ")]);
            }
            for screen in self.tabs[self.tab].iter().skip(1) {
                items.push(vec![Span::styled(format!("› {} ", screen.title(ctx)), theme::title())]);
            }
            items
        };
        let fits =
            |items: &[Vec<Span<'static>>]| items.iter().map(|i| spans_width(i)).sum::<usize>() <= area.width as usize;
        let mut items = build(0);
        for level in 1..=3 {
            if fits(&items) {
                break;
            }
            items = build(level);
        }
        // the tabs and the breadcrumb as far as they fit, whole
        let left = fit_leading(items, area.width as usize);
        let used = spans_width(&left.spans);
        let mut spans = left.spans;
        // on the right: `? 帮助` first, then the DB label when the status bar has no room for it
        let hint = tr!(lang, HELP);
        let db = if status_has_db {
            String::new()
        } else {
            // the help hint keeps its place: the DB label gets what is left after it
            match (area.width as usize).saturating_sub(used + 1 + width(hint) + 2) {
                0 => String::new(),
                room => db_label(ctx, room),
            }
        };
        let mut right = db;
        if used + width(&right) + width(hint) + 3 <= area.width as usize {
            right = if right.is_empty() { hint.to_string() } else { format!("{hint}  {right}") };
        }
        if !right.is_empty() {
            let gap = (area.width as usize).saturating_sub(used + width(&right));
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(right, theme::dim()));
        }
        put_line(frame, area, 0, Line::from(spans));
    }

    /// The status bar text segments: who, the scope (supervisors), counts, today, statistics date.
    pub fn status_segments(&self, ctx: &Ctx) -> Vec<String> {
        let lang = ctx.lang();
        let user = &ctx.session.user;
        let stat = ctx.statistics_date.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        let role = match user.role {
            Role::Supervisor => tr!(lang, BRANCH_HEAD),
            Role::Manager => tr!(lang, MANAGER),
        };
        // the stand-in user of a DB without managers is named after the role: say it once
        let stand_in = user.name.trim().is_empty() || user.name == "营业部负责人" || user.name == role;
        let mut segs = vec![match user.role {
            Role::Supervisor if stand_in => role.to_string(),
            Role::Supervisor => format!("{role} {}", user.name),
            Role::Manager => format!("{role} {}({})", user.name, user.manager_id),
        }];
        if user.role == Role::Supervisor {
            segs.push(ctx.scope_label());
        }
        segs.push(self.top().counts(ctx));
        segs.push(format!("{} {}", tr!(lang, TODAY_JINRI), ctx.today()));
        segs.push(format!("{} {}", tr!(lang, AS_OF), stat));
        segs
    }

    /// The status line for `w` cells and whether it holds the DB label. Whole segments give way,
    /// never part of one: when narrow the DB label goes first (to the tab bar), then the counts
    /// (the screen shows them too), then who is signed in, today, the scope, the statistics date.
    pub fn status_line(&self, ctx: &Ctx, w: usize) -> (String, bool) {
        let mut segs = self.status_segments(ctx);
        let info = segs.len();
        segs.push(format!("DB {}", ctx.session.db_label));
        let n = segs.len();
        let db = n - 1;
        let mut keep: Vec<bool> = vec![true; n];
        let joined = |segs: &[String], keep: &[bool]| {
            format!(
                " {}",
                segs.iter()
                    .zip(keep)
                    .filter(|(s, k)| **k && !s.is_empty())
                    .map(|(s, _)| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" │ ")
            )
        };
        if width(&joined(&segs, &keep)) > w {
            // try the file name alone before giving the DB label up
            segs[db] = db_label(ctx, 0);
        }
        // who, [scope], counts, today, statistics date
        let (counts, today, stat) = (info - 3, info - 2, info - 1);
        let mut order = vec![db, counts, 0, today];
        if ctx.session.user.role == Role::Supervisor {
            order.push(1);
        }
        order.push(stat);
        for drop in order {
            if segs[db].is_empty() {
                keep[db] = false;
            }
            if width(&joined(&segs, &keep)) <= w {
                break;
            }
            keep[drop] = false;
        }
        let text = joined(&segs, &keep);
        let text = if width(&text) <= w { text } else { String::new() };
        let has_db = keep[db] && !segs[db].is_empty();
        (text, has_db)
    }

    fn render_status(&self, ctx: &Ctx, area: Rect, status_line: String, frame: &mut Frame) {
        if area.height == 0 {
            return;
        }
        let w = area.width as usize;
        // a message keeps whole words (it may name a figure); the status line whole segments
        let (text, style) = match &self.message {
            Some(Message::Info(m)) => (format!(" {}", fit_message(m, w.saturating_sub(1))), theme::message()),
            Some(Message::Error(m)) => {
                let m = format!("{} {m}", tr!(ctx.lang(), ERROR));
                (format!(" {}", fit_message(&m, w.saturating_sub(1))), theme::error())
            }
            None => (status_line, theme::bar()),
        };
        let text = if width(&text) <= w { text } else { String::new() };
        let pad = w.saturating_sub(width(&text));
        put_line(frame, area, 0, Line::from(vec![Span::raw(text), Span::raw(" ".repeat(pad))]).style(style));
    }
}

/// `DB <path>` if it fits `room` cells (0 = just the file name), else `DB <file name>`, else empty.
fn db_label(ctx: &Ctx, room: usize) -> String {
    let full = format!("DB {}", ctx.session.db_label);
    if room > 0 && width(&full) <= room {
        return full;
    }
    let file = std::path::Path::new(&ctx.session.db_label)
        .file_name()
        .map(|f| format!("DB {}", f.to_string_lossy()))
        .unwrap_or(full);
    if room == 0 || width(&file) <= room { file } else { String::new() }
}
