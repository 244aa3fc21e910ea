//! One file per screen: its state, `update` (action → state change, returns what the app should
//! do next), `sync` (fetch what the next frame shows, only when it changed) and `render` (a pure
//! function of the state).

pub mod alerts;
pub mod allocate;
pub mod audit;
pub mod call_form;
pub mod callbacks;
pub mod customers;
pub mod detail;
pub mod interview;
pub mod segments;
pub mod today;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::Context;
use crate::domain::model::Manager;
use crate::domain::rules::Rules;
use crate::session::{Lang, Session};
use crate::store::book::Scope;

pub use alerts::AlertsState;
pub use allocate::AllocateState;
pub use audit::AuditState;
pub use callbacks::CallbacksState;
pub use customers::CustomersState;
pub use detail::DetailState;
pub use interview::InterviewState;
pub use segments::SegmentsState;
pub use today::TodayState;

/// What screens read: the session and the scope in view (a supervisor may switch it).
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub session: &'a Session,
    pub scope: &'a Scope,
    /// All managers (for names).
    pub managers: &'a [Manager],
    /// The statistics date of the data (统计日), if any.
    pub statistics_date: Option<NaiveDate>,
    /// `--questionnaire FILE`: the interview's questionnaire when it fits the customer's kind.
    pub questionnaire_file: Option<&'a std::path::Path>,
}

impl Ctx<'_> {
    pub fn lang(&self) -> Lang {
        self.session.lang
    }
    pub fn today(&self) -> NaiveDate {
        self.session.today
    }
    pub fn rules(&self) -> &Rules {
        &self.session.rules
    }
    /// `李娜(M01)`, or the id alone when the manager is unknown.
    pub fn manager_label(&self, manager_id: &str) -> String {
        match self.managers.iter().find(|m| m.manager_id == manager_id) {
            Some(m) => format!("{}({})", m.name, m.manager_id),
            None => manager_id.to_string(),
        }
    }
    /// 全营业部 or the manager's name.
    pub fn scope_label(&self) -> String {
        match self.scope {
            Scope::Branch => tr!(self.lang(), WHOLE_BRANCH).to_string(),
            Scope::Manager(id) => self.manager_label(id),
        }
    }
    /// `T1 钻石` from the rules.
    pub fn tier_label(&self, tier: crate::domain::tier::Tier) -> String {
        format!("{} {}", tier.code(), self.session.tier_name(tier))
    }
}

/// What an empty DB shows (no customers at all): how to fill it, two lines.
pub fn empty_db_hint(lang: Lang) -> [&'static str; 2] {
    [
        tr!(lang, NO_CUSTOMERS_IN_THIS_DATABASE_YET),
        tr!(lang, IMPORT_THEM_WITH_BROKERDESK_IMPORT_OR),
    ]
}

/// What the app does after a screen handled an action.
pub enum Outcome {
    /// Nothing more.
    None,
    /// Open a screen on top of this one.
    Push(Box<Screen>),
    /// Show a message in the status bar.
    Message(String),
    /// This screen wrote to the DB: every screen's cached queries are stale; show the message.
    Changed(String),
    /// Close this screen (the interview) and read everything shown again (it wrote).
    Close,
    /// [`Outcome::Close`] and show a message.
    CloseWith(String),
    /// Export these rows: the app says `正在导出…` and draws a frame first, then writes the file
    /// (a 100k-customer book takes seconds), see [`crate::tui::export`].
    Export(crate::export::Request),
}

/// A screen on a tab's stack (a handful at most, so the size difference of the variants does not matter).
#[allow(clippy::large_enum_variant)]
pub enum Screen {
    Today(TodayState),
    Callbacks(CallbacksState),
    Customers(CustomersState),
    Segments(SegmentsState),
    Detail(DetailState),
    /// The full-screen interview.
    Interview(InterviewState),
    Alerts(AlertsState),
    Audit(AuditState),
    Allocate(AllocateState),
}

impl Screen {
    /// Short title for the tab bar breadcrumb.
    pub fn title(&self, ctx: &Ctx) -> String {
        match self {
            Screen::Today(_) => tr!(ctx.lang(), TODAY).to_string(),
            Screen::Callbacks(_) => tr!(ctx.lang(), CALLBACKS).to_string(),
            Screen::Customers(s) => s.title(ctx),
            Screen::Segments(_) => tr!(ctx.lang(), SEGMENTS).to_string(),
            Screen::Detail(s) => s.title(ctx),
            Screen::Interview(s) => s.title(ctx),
            Screen::Alerts(s) => s.title(ctx),
            Screen::Audit(s) => s.title(ctx),
            Screen::Allocate(s) => s.title(ctx),
        }
    }
    /// The context whose keys apply now (a popup or input of the screen, else the screen's).
    pub fn context(&self) -> Context {
        match self {
            Screen::Today(s) if s.form.is_some() => Context::CallForm,
            Screen::Today(_) => Context::Today,
            Screen::Callbacks(s) if s.form.is_some() => Context::CallForm,
            Screen::Callbacks(_) => Context::Callbacks,
            Screen::Customers(s) => s.context(),
            Screen::Segments(_) => Context::Segments,
            Screen::Detail(s) if s.form.is_some() => Context::CallForm,
            Screen::Detail(_) => Context::Detail,
            Screen::Interview(s) => s.context(),
            Screen::Alerts(s) => s.context(),
            Screen::Audit(s) => s.context(),
            Screen::Allocate(s) => s.context(),
        }
    }
    /// Keys for an open popup or input, before the keymap: `Some` when consumed.
    pub fn handle_modal(&mut self, key: &KeyEvent, ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        match self {
            Screen::Today(s) => s.handle_modal(key, ctx),
            Screen::Callbacks(s) => s.handle_modal(key, ctx),
            Screen::Customers(s) => s.handle_modal(key, ctx),
            Screen::Detail(s) => s.handle_modal(key, ctx),
            Screen::Interview(s) => s.handle_modal(key, ctx),
            Screen::Alerts(s) => s.handle_modal(key, ctx),
            Screen::Audit(s) => s.handle_modal(key, ctx),
            Screen::Allocate(s) => s.handle_modal(key, ctx),
            Screen::Segments(_) => Ok(None),
        }
    }
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        match self {
            Screen::Today(s) => s.update(action, ctx),
            Screen::Callbacks(s) => s.update(action, ctx),
            Screen::Customers(s) => s.update(action, ctx),
            Screen::Segments(s) => s.update(action, ctx),
            Screen::Detail(s) => s.update(action, ctx),
            Screen::Interview(s) => s.update(action, ctx),
            Screen::Alerts(s) => s.update(action, ctx),
            Screen::Audit(s) => s.update(action, ctx),
            Screen::Allocate(s) => s.update(action, ctx),
        }
    }
    /// Pasted text for the focused text field, if the screen has one open (the call form).
    pub fn paste(&mut self, text: &str) {
        let form = match self {
            Screen::Today(s) => s.form.as_mut(),
            Screen::Callbacks(s) => s.form.as_mut(),
            Screen::Detail(s) => s.form.as_mut(),
            _ => None,
        };
        if let Some(form) = form {
            form.paste(text);
        }
    }

    /// Forgets the screen's cached queries (the data changed).
    pub fn invalidate(&mut self) {
        match self {
            Screen::Today(s) => s.invalidate(),
            Screen::Callbacks(s) => s.invalidate(),
            Screen::Customers(s) => s.invalidate(),
            Screen::Segments(s) => s.invalidate(),
            Screen::Detail(s) => s.invalidate(),
            Screen::Interview(s) => s.invalidate(),
            Screen::Alerts(s) => s.invalidate(),
            Screen::Audit(s) => s.invalidate(),
            Screen::Allocate(s) => s.invalidate(),
        }
    }
    /// Fetches what the next frame in `body` shows, if it changed.
    pub fn sync(&mut self, ctx: &Ctx, body: Rect) -> anyhow::Result<()> {
        match self {
            Screen::Today(s) => s.sync(ctx, body),
            Screen::Callbacks(s) => s.sync(ctx, body),
            Screen::Customers(s) => s.sync(ctx, body),
            Screen::Segments(s) => s.sync(ctx),
            Screen::Detail(s) => s.sync(ctx),
            Screen::Interview(s) => s.sync(ctx),
            Screen::Alerts(s) => s.sync(ctx, body),
            Screen::Audit(s) => s.sync(ctx, body),
            Screen::Allocate(s) => s.sync(ctx, body),
        }
    }
    pub fn render(&self, ctx: &Ctx, body: Rect, frame: &mut Frame) {
        match self {
            Screen::Today(s) => s.render(ctx, body, frame),
            Screen::Callbacks(s) => s.render(ctx, body, frame),
            Screen::Customers(s) => s.render(ctx, body, frame),
            Screen::Segments(s) => s.render(ctx, body, frame),
            Screen::Detail(s) => s.render(ctx, body, frame),
            Screen::Interview(s) => s.render(ctx, body, frame),
            Screen::Alerts(s) => s.render(ctx, body, frame),
            Screen::Audit(s) => s.render(ctx, body, frame),
            Screen::Allocate(s) => s.render(ctx, body, frame),
        }
    }
    /// Whether the screen takes the whole terminal (no tab bar, no status bar).
    pub fn full_screen(&self) -> bool {
        matches!(self, Screen::Interview(_))
    }
    /// Counts for the status bar (`1,234 位客户` …).
    pub fn counts(&self, ctx: &Ctx) -> String {
        match self {
            Screen::Today(s) => s.counts(ctx),
            Screen::Callbacks(s) => s.counts(ctx),
            Screen::Customers(s) => s.counts(ctx),
            Screen::Segments(s) => s.counts(ctx),
            Screen::Detail(s) => s.counts(ctx),
            Screen::Interview(_) => String::new(),
            Screen::Alerts(s) => s.counts(ctx),
            Screen::Audit(s) => s.counts(ctx),
            Screen::Allocate(s) => s.counts(ctx),
        }
    }
}
