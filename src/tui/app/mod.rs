//! The app shell: one screen stack per tab (Enter pushes, Esc pops), global keys, the scope a
//! supervisor can switch, the tab bar on top and the status bar at the bottom, the help popup.
//!
//! Key routing: the help popup, then the focused screen's popup or input, then the screen's
//! keymap, then the global keymap. `update` only changes state; `sync` fetches what the next
//! frame needs (only when it changed); `render` draws the state and reads nothing.
//!
//! Fresh data: every screen caches its queries; [`App::tick`] (each turn of the event loop)
//! polls `PRAGMA data_version`, which changes when another process commits (an import, another
//! instance), and then [`App::invalidate`]s every cache. `r` does the same on request, and the
//! caches are dropped when `PRAGMA data_version` moves (another connection committed).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEvent};
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};

use super::ScreenId;
use super::action::Action;
use super::event::{AppEvent, translate};
use super::keymap::{self, Context};
use super::screens::{
    AlertsState, AllocateState, AuditState, CallbacksState, Ctx, CustomersState, DetailState, Outcome, Screen,
    SegmentsState, TodayState,
};
use super::theme;
use super::widgets::manager_picker::{PickItem, Picked, Picker};
use super::widgets::{fit_leading, fit_message, help, put_line, spans_width};
use crate::domain::model::{Manager, Role};
use crate::domain::text::width;
use crate::session::Session;
use crate::store::book::{BookFilter, Scope};

mod chrome;
mod exporting;

/// The tabs, in order (1, 2, … switch to them). The last [`SUPERVISOR_TABS`] are the
/// supervisor's only (a manager does not see them).
pub const TABS: [ScreenId; 7] = [
    ScreenId::Today,
    ScreenId::Customers,
    ScreenId::Segments,
    ScreenId::Callbacks,
    ScreenId::Alerts,
    ScreenId::Audit,
    ScreenId::Allocate,
];

/// How many tabs at the end of [`TABS`] only a supervisor has (审计, 分配).
pub const SUPERVISOR_TABS: usize = 2;

/// The tab of the customer list (detail screens opened by `--customer` stack on it).
const CUSTOMERS_TAB: usize = 1;

/// A transient line in the status bar (until the next key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Info(String),
    Error(String),
}

/// The whole UI state.
pub struct App {
    /// One stack per tab; the last screen of the active tab is shown.
    pub tabs: Vec<Vec<Screen>>,
    pub tab: usize,
    /// The book in view.
    pub scope: Scope,
    /// All managers (for names).
    pub managers: Vec<Manager>,
    /// The managers that have customers: the scopes a supervisor cycles through after 全营业部.
    pub scopes: Vec<String>,
    /// `PRAGMA data_version` when the caches were last filled.
    pub data_version: i64,
    pub statistics_date: Option<NaiveDate>,
    pub help: bool,
    /// First line of the help popup shown (it scrolls when the terminal is short).
    pub help_scroll: usize,
    pub message: Option<Message>,
    pub quit: bool,
    /// The size of the last sync (for page sizes between frames).
    pub size: Size,
    /// `--questionnaire FILE` for the interview.
    pub questionnaire_file: Option<std::path::PathBuf>,
    /// The open scope picker of `m` (supervisor).
    pub picker: Option<Picker>,
    /// An export asked for, written after the frame saying 正在导出… ([`App::run_pending`]).
    pub pending_export: Option<crate::export::Request>,
    /// The export running on its worker thread, if any.
    pub export_job: Option<crate::tui::export::ExportJob>,
    /// `q` while an export runs: quit once it is done.
    pub quit_after_export: bool,
}

impl App {
    /// Opens the app on `start`; `customer` names the customer of the detail screen (the first of
    /// the list when not given).
    pub fn new(session: &Session, start: ScreenId, customer: Option<&str>) -> anyhow::Result<App> {
        let scope = if session.is_supervisor() {
            session.scope.clone()
        } else {
            Scope::Manager(session.user.manager_id.clone())
        };
        let customers = CustomersState::new(BookFilter { scope: scope.clone(), ..BookFilter::default() });
        let alerts = AlertsState::new(crate::store::alerts::AlertFilter { scope: scope.clone(), ..Default::default() });
        let mut app = App {
            tabs: vec![
                vec![Screen::Today(TodayState::new())],
                vec![Screen::Customers(customers)],
                vec![Screen::Segments(SegmentsState::new())],
                vec![Screen::Callbacks(CallbacksState::new())],
                vec![Screen::Alerts(alerts)],
                vec![Screen::Audit(AuditState::new())],
                vec![Screen::Allocate(AllocateState::default())],
            ],
            tab: 0,
            scope,
            managers: Vec::new(),
            scopes: Vec::new(),
            data_version: 0,
            statistics_date: None,
            help: false,
            help_scroll: 0,
            message: None,
            quit: false,
            size: Size::new(80, 24),
            questionnaire_file: None,
            pending_export: None,
            export_job: None,
            quit_after_export: false,
            picker: None,
        };
        // the managers, the scopes, the statistics date and the data version
        app.invalidate(session)?;
        match start {
            ScreenId::Today => app.tab = 0,
            ScreenId::Customers => app.tab = CUSTOMERS_TAB,
            ScreenId::Segments => app.tab = 2,
            ScreenId::Callbacks => app.tab = 3,
            ScreenId::Alerts => app.tab = 4,
            ScreenId::Audit => app.tab = 5,
            ScreenId::Allocate => app.tab = 6,
            ScreenId::Customer => {
                app.tab = CUSTOMERS_TAB;
                let id = match customer {
                    Some(id) => Some(id.to_string()),
                    None => {
                        let filter = BookFilter { scope: app.scope.clone(), ..BookFilter::default() };
                        crate::store::book::page(&session.conn, &filter, Default::default(), session.today, 0, 1)?
                            .into_iter()
                            .next()
                            .map(|r| r.customer_id)
                    }
                };
                if let Some(id) = id {
                    app.tabs[CUSTOMERS_TAB].push(Screen::Detail(DetailState::new(&id)));
                }
            }
        }
        Ok(app)
    }

    fn ctx<'a>(&'a self, session: &'a Session) -> Ctx<'a> {
        Ctx {
            session,
            scope: &self.scope,
            managers: &self.managers,
            statistics_date: self.statistics_date,
            questionnaire_file: self.questionnaire_file.as_deref(),
        }
    }

    /// The screen on top of the active tab.
    pub fn top(&self) -> &Screen {
        self.tabs[self.tab].last().expect("a tab always has its root screen")
    }

    /// The context whose keys apply now (what the help popup lists).
    pub fn context(&self) -> Context {
        if self.help {
            Context::Help
        } else if self.picker.is_some() {
            Context::Picker
        } else {
            self.top().context()
        }
    }

    /// Reacts to one terminal event (key presses only; resizes just redraw).
    pub fn on_event(&mut self, session: &Session, ev: Event) {
        match translate(ev) {
            Some(AppEvent::Key(key)) => {
                if let Err(e) = self.handle_key(session, &key) {
                    self.show_error(session, &e);
                }
            }
            Some(AppEvent::Paste(text)) if !self.help => {
                let top = self.tabs[self.tab].last_mut().expect("a tab always has its root screen");
                top.paste(&text);
            }
            _ => {}
        }
    }

    /// One turn of the event loop: if another connection committed since the caches were
    /// filled (`PRAGMA data_version` moved), invalidates them all. Returns whether it did (the
    /// next frame must be synced and drawn).
    pub fn tick(&mut self, session: &Session) -> anyhow::Result<bool> {
        let exported = self.poll_export(session, false);
        let version = crate::store::book::data_version(&session.conn)?;
        if version == self.data_version {
            return Ok(exported);
        }
        crate::store::book_view::sync(&session.conn, &session.rules)?;
        self.invalidate(session)?;
        Ok(true)
    }

    /// Forgets every cached query of every screen (and reloads the managers, the scopes and the
    /// statistics date): the next sync reads everything shown again.
    pub fn invalidate(&mut self, session: &Session) -> anyhow::Result<()> {
        let conn = &session.conn;
        self.data_version = crate::store::book::data_version(conn)?;
        self.managers = crate::store::managers::list(conn)?;
        // only the branch head cycles scopes (a manager's role on a server would scan the
        // whole book through its row policy to find its own id)
        self.scopes =
            if session.is_supervisor() { crate::store::book::managers_with_customers(conn)? } else { Vec::new() };
        self.statistics_date = crate::store::accounts::statistics_date(conn)?;
        for screen in self.tabs.iter_mut().flatten() {
            screen.invalidate();
        }
        self.warm_search_index(session);
        Ok(())
    }

    /// Starts building the customer list's search index of the scope in view at once (at launch
    /// and after every change of the data), not when the list is first shown, so a search typed
    /// soon after finds it built. Only in the interactive TUI (`customers::enable_search_index`);
    /// until it is ready the list answers from SQL.
    fn warm_search_index(&mut self, session: &Session) {
        let path = session.conn.location();
        if let Some(Screen::Customers(c)) = self.tabs[CUSTOMERS_TAB].first_mut() {
            c.index.poll(path.as_ref(), &self.scope);
        }
    }

    /// How long the interactive loop should wait before syncing (a search being typed is
    /// queried once the typing pauses); `None`: sync now.
    pub fn settling(&self, now: Instant) -> Option<Duration> {
        match self.top() {
            Screen::Customers(c) => c.settling(now),
            _ => None,
        }
    }

    /// Shows an error in the status bar: a write refused because another process holds the
    /// database (an import) as a plain "busy, try again" — followed by who writes when the
    /// writer left its note (`· pid 123 (import holdings, since …)`, [`crate::store::busy::holder`]) —
    /// anything else as it is.
    pub fn show_error(&mut self, session: &Session, e: &anyhow::Error) {
        self.message = Some(if is_busy(e) {
            let busy = tr!(session.lang, THE_DATABASE_IS_BUSY);
            match crate::store::busy::holder(std::path::Path::new(&session.db_label)) {
                Some(who) => Message::Info(format!("{busy} · {who}")),
                None => Message::Info(busy.into()),
            }
        } else {
            Message::Error(format!("{e:#}"))
        });
    }

    /// Routes one pressed key.
    pub fn handle_key(&mut self, session: &Session, key: &KeyEvent) -> anyhow::Result<()> {
        self.message = None;
        // Ctrl-C always quits, whatever has the focus.
        if keymap::lookup(Context::Global, key) == Some(Action::Quit)
            && key.modifiers.contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
        {
            self.quit = true;
            return Ok(());
        }
        if self.help {
            let max = help::max_scroll(self.top().context(), session.lang, self.size.height);
            match keymap::lookup(Context::Help, key) {
                // j/k scroll a help taller than the terminal; when it all fits, they close it
                // like any other key (the popup says 任意键关闭)
                Some(Action::Down) if max > 0 => self.help_scroll = (self.help_scroll + 1).min(max),
                Some(Action::Up) if max > 0 => self.help_scroll = self.help_scroll.saturating_sub(1).min(max),
                _ => self.help = false,
            }
            return Ok(());
        }
        if let Some(picker) = self.picker.as_mut() {
            match picker.handle_key(key) {
                Picked::Open => {}
                Picked::Cancelled => self.picker = None,
                Picked::Item(value) => {
                    self.picker = None;
                    self.scope = value.map(Scope::Manager).unwrap_or(Scope::Branch);
                    let label = self.ctx(session).scope_label();
                    self.message = Some(Message::Info(format!("{} {label}", tr!(session.lang, SCOPE_FANWEI))));
                }
            }
            return Ok(());
        }
        let outcome = match self.with_top(session, |top, ctx| route(top, ctx, key))? {
            Routed::Screen(o) => o,
            Routed::Global(action) => {
                self.global(session, action)?;
                Outcome::None
            }
            Routed::Nothing => Outcome::None,
        };
        self.apply(session, outcome)
    }

    /// Runs `f` on the top screen with the context it reads (the screen stack and the context
    /// are disjoint parts of the app).
    fn with_top<R>(&mut self, session: &Session, f: impl FnOnce(&mut Screen, &Ctx) -> R) -> R {
        let ctx = Ctx {
            session,
            scope: &self.scope,
            managers: &self.managers,
            statistics_date: self.statistics_date,
            questionnaire_file: self.questionnaire_file.as_deref(),
        };
        let top = self.tabs[self.tab].last_mut().expect("a tab always has its root screen");
        f(top, &ctx)
    }

    fn apply(&mut self, session: &Session, outcome: Outcome) -> anyhow::Result<()> {
        match outcome {
            Outcome::None => {}
            Outcome::Push(screen) => self.tabs[self.tab].push(*screen),
            Outcome::Message(m) => self.message = Some(Message::Info(m)),
            Outcome::Changed(m) => {
                // our own write does not move `data_version`: drop every cache here
                self.invalidate(session)?;
                self.message = Some(Message::Info(m));
            }
            Outcome::Export(request) => {
                if self.export_job.is_some() || self.pending_export.is_some() {
                    // one at a time: the running one keeps its status
                    self.message = Some(Message::Error(tr!(session.lang, EXPORT_ALREADY_RUNNING).to_string()));
                } else {
                    self.pending_export = Some(request);
                    self.message = Some(Message::Info(tr!(session.lang, EXPORTING).to_string()));
                }
            }
            Outcome::Close | Outcome::CloseWith(_) => {
                if self.tabs[self.tab].len() > 1 {
                    self.tabs[self.tab].pop();
                }
                // the closed screen may have written (an assessment): read everything again
                self.invalidate(session)?;
                if let Outcome::CloseWith(m) = outcome {
                    self.message = Some(Message::Info(m));
                }
            }
        }
        Ok(())
    }

    fn global(&mut self, session: &Session, action: Action) -> anyhow::Result<()> {
        let lang = session.lang;
        match action {
            Action::Quit if self.export_job.is_some() => {
                // the file is written to the end (and audited) before the app goes
                self.quit_after_export = true;
                self.message = Some(Message::Info(self.export_status(lang)));
            }
            Action::Quit => self.quit = true,
            Action::Help => {
                self.help = true;
                self.help_scroll = 0;
            }
            Action::Back if self.tabs[self.tab].len() > 1 => {
                let wrote = self.top().full_screen();
                self.tabs[self.tab].pop();
                if wrote {
                    // leaving the interview (after a save): read everything again
                    self.invalidate(session)?;
                }
            }
            // the number of the tab in view goes back to its first screen (the agenda, the list)
            Action::Tab(i) if i >= self.visible_tabs(session) && i < self.tabs.len() => {
                self.message = Some(Message::Info(tr!(lang, AUDIT_AND_ALLOCATION_ARE_FOR_THE).into()));
            }
            Action::Tab(i) if i == self.tab => self.tabs[i].truncate(1),
            Action::Tab(i) if i < self.tabs.len() => self.enter_tab(i),
            Action::NextTab => {
                let n = self.visible_tabs(session);
                self.enter_tab((self.tab + 1) % n)
            }
            Action::PrevTab => {
                let n = self.visible_tabs(session);
                self.enter_tab((self.tab + n - 1) % n)
            }
            Action::Reassign => self.reassign(session)?,
            Action::Reload => {
                self.invalidate(session)?;
                self.message = Some(Message::Info(tr!(lang, RELOADED).into()));
            }
            Action::CycleScope => {
                if !session.is_supervisor() {
                    self.message = Some(Message::Info(tr!(lang, A_MANAGER_SEES_ONLY_THEIR_OWN).into()));
                    return Ok(());
                }
                // 全营业部, then every manager with customers (the supervisor's own book included),
                // the cursor on the one after the scope in view (so `m Enter` steps to the next)
                // with each book's size (customers not closed)
                let sizes = crate::store::managers::book_sizes(&session.conn)?;
                let mut items = vec![
                    PickItem::new(None, tr!(lang, WHOLE_BRANCH), "all qyyb branch")
                        .with_book_size(sizes.values().sum(), lang),
                ];
                for id in &self.scopes {
                    let item = match self.managers.iter().find(|m| m.manager_id == *id) {
                        Some(m) => PickItem::manager(m),
                        None => PickItem::new(Some(id.clone()), id.clone(), ""),
                    };
                    items.push(item.with_book_size(sizes.get(id).copied().unwrap_or(0), lang));
                }
                let current = match &self.scope {
                    Scope::Branch => None,
                    Scope::Manager(m) => Some(m.clone()),
                };
                let i = items.iter().position(|it| it.value == current).unwrap_or(0);
                let mut picker = Picker::new(tr!(lang, SCOPE_TYPE_A_NAME_OR_ID), items, None);
                picker.selected = (i + 1) % picker.items.len();
                self.picker = Some(picker);
            }
            _ => {}
        }
        Ok(())
    }

    /// How many tabs the user has: all for a supervisor, without 审计 and 分配 for a manager.
    pub fn visible_tabs(&self, session: &Session) -> usize {
        if session.is_supervisor() { self.tabs.len() } else { self.tabs.len() - SUPERVISOR_TABS }
    }

    /// `R` on the customer list (the customers of its filter) or a customer's detail (that
    /// customer): opens 分配 on this tab with them as the source (supervisor only).
    fn reassign(&mut self, session: &Session) -> anyhow::Result<()> {
        let lang = session.lang;
        if !session.is_supervisor() {
            self.message = Some(Message::Info(tr!(lang, ONLY_THE_BRANCH_HEAD_REASSIGNS_CUSTOMERS).into()));
            return Ok(());
        }
        let source = match self.top() {
            Screen::Customers(c) => {
                // closed accounts are not reassigned: the filter's open and dormant customers
                let ids = crate::store::book::ids(&session.conn, &c.filter, c.sort, session.today)?;
                let ids = crate::store::allocation::without_closed(&session.conn, &ids)?;
                let label = crate::i18n::Msg::ListFilterCustomers { n: ids.len() as u64 }.render(lang);
                super::screens::allocate::Source::Customers { ids, label }
            }
            Screen::Detail(d) => {
                let name =
                    crate::store::customers::get(&session.conn, &d.customer_id)?.map(|c| c.name).unwrap_or_default();
                let label = format!("{name} {}", d.customer_id);
                super::screens::allocate::Source::Customers { ids: vec![d.customer_id.clone()], label }
            }
            _ => return Ok(()),
        };
        self.tabs[self.tab].push(Screen::Allocate(AllocateState::new(source)));
        Ok(())
    }

    /// Switches to tab `i`. Its cached queries stay valid: [`Self::tick`] drops every cache as soon
    /// as another connection commits, so entering a tab re-reads nothing.
    fn enter_tab(&mut self, i: usize) {
        self.tab = i;
    }

    /// Lays the frame out for the screen on top: the whole area for a full-screen one (the
    /// interview), else [`App::layout`].
    pub fn layout_for(&self, area: Rect) -> (Rect, Rect, Rect) {
        if self.top().full_screen() {
            let none = Rect { height: 0, ..area };
            return (none, area, none);
        }
        App::layout(area)
    }

    /// Lays the frame out: tab bar, body, status bar.
    pub fn layout(area: Rect) -> (Rect, Rect, Rect) {
        let top = Rect { height: area.height.min(1), ..area };
        let status_h = u16::from(area.height >= 2);
        let status = Rect { y: area.bottom().saturating_sub(status_h), height: status_h, ..area };
        let body = Rect { y: area.y + top.height, height: area.height.saturating_sub(top.height + status_h), ..area };
        (top, body, status)
    }

    /// Fetches what the next frame shows (only what changed) for a terminal of `size`.
    pub fn sync(&mut self, session: &Session, size: Size) -> anyhow::Result<()> {
        self.size = size;
        let (_, body, _) = self.layout_for(Rect::new(0, 0, size.width, size.height));
        self.with_top(session, |top, ctx| top.sync(ctx, body))
    }

    /// Handles a key and syncs (what a frame of the interactive loop does), for tests.
    pub fn press(&mut self, session: &Session, key: KeyEvent) -> anyhow::Result<()> {
        self.handle_key(session, &key)?;
        self.run_pending(session);
        // a test sees the export finished (the terminal's loop polls it instead)
        self.poll_export(session, true);
        self.sync(session, self.size)
    }
}

/// Whether `e` is SQLite's "database is busy / locked" (another connection holds the write
/// lock past the busy timeout): [`crate::store::busy::is_lock_error`].
pub fn is_busy(e: &anyhow::Error) -> bool {
    crate::store::busy::is_lock_error(e)
}

enum Routed {
    Screen(Outcome),
    Global(Action),
    Nothing,
}

/// Where a key goes: the screen's popup or input, then the screen's keymap, then (unless the
/// context keeps its keys) the global keymap.
fn route(top: &mut Screen, ctx: &Ctx, key: &KeyEvent) -> anyhow::Result<Routed> {
    if let Some(outcome) = top.handle_modal(key, ctx)? {
        return Ok(Routed::Screen(outcome));
    }
    let context = top.context();
    if !matches!(context, Context::Filter | Context::Search | Context::Note)
        && let Some(action) = keymap::lookup(context, key)
    {
        // the interview's own `?` and "done" keys are the app's; so is `R` (it opens 分配)
        if (context.is_interview() && matches!(action, Action::Help | Action::Back)) || action == Action::Reassign {
            return Ok(Routed::Global(action));
        }
        return Ok(Routed::Screen(top.update(action, ctx)?));
    }
    if !context.falls_through() {
        // the interview: of the global keys only `?` (Ctrl-C was handled before)
        if context.is_interview() && keymap::lookup(Context::Global, key) == Some(Action::Help) {
            return Ok(Routed::Global(Action::Help));
        }
        return Ok(Routed::Nothing);
    }
    Ok(keymap::lookup(Context::Global, key).map(Routed::Global).unwrap_or(Routed::Nothing))
}
