//! The terminal UI (SPEC §5): a screen stack per tab, each screen a file with its state, its
//! `update` (actions → state changes) and its `render` (a pure function of the state).
//!
//! - [`event`]: crossterm events → key presses (Press only, in one place) and resizes;
//! - [`action`] + [`keymap`]: keys are data; the same tables feed the help popup;
//! - [`app`]: the screen stacks, global keys, scope switching, status and tab bars;
//! - [`screens`]: 今日 Today, 客户 Customers, 分级分类 Segments, 回访 Callbacks, 客户详情 Customer
//!   detail, and the call log form;
//! - [`widgets`]: the windowed table with priority columns, the one-line input, popups.
//!
//! Database reads happen in `sync` (before each frame, only when what is shown changed), never
//! in `render`; so the interactive loop and [`render_to_string`] draw through the same code.
//!
//! The interactive loop waits for input at most [`TICK`]; on every turn it polls the DB's
//! `data_version` ([`App::tick`]) so a commit by another process (an import, a second instance)
//! shows without a key press.

pub mod action;
pub mod app;
pub mod event;
pub mod export;
pub mod format;
pub mod keymap;
pub mod screens;
pub mod signals;
pub mod theme;
pub mod widgets;

use crate::store::db::Db;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Size;

use crate::session::Session;
use app::App;

/// The screens that can be opened directly (`brokerdesk --screen …`, `brokerdesk render …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ScreenId {
    /// 今日: the agenda (callbacks overdue, due today, coming up; alerts; expiring assessments).
    Today,
    /// 客户: the customer list.
    Customers,
    /// 分级分类: the tier × risk-type matrix.
    Segments,
    /// 客户详情: one customer (`--customer ID`, else the first of the list).
    Customer,
    /// 回访: the open callbacks and the call log.
    Callbacks,
    /// 预警: the holding-risk alerts.
    Alerts,
    /// 审计: the audit log (supervisor).
    Audit,
    /// 分配: reassigning customers between managers (supervisor).
    Allocate,
}

/// Runs the interactive TUI until the user quits. The terminal is restored on exit, on error and
/// on panic (`ratatui::init` installs the panic hook).
///
/// `questionnaire` (`--questionnaire FILE`) is the interview's questionnaire for customers of its
/// audience (see [`crate::questionnaires`]).
pub fn run(
    session: Session,
    start: ScreenId,
    customer: Option<String>,
    questionnaire: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    prepare_connection(&session.conn)?;
    // the customer lists build their in-memory search index in the background
    screens::customers::enable_search_index();
    if let Some(p) = &questionnaire {
        // a bad file is refused before the terminal is taken, with its path and the rule
        crate::questionnaires::Catalog::load(Some(p), None)?;
    }
    let mut app = App::new(&session, start, customer.as_deref())?;
    app.questionnaire_file = questionnaire;
    let mut terminal = ratatui::init();
    // SIGTERM/SIGHUP/SIGINT/SIGQUIT give the terminal back too (the panic hook is ratatui's)
    let signals = signals::restore_on_signals()?;
    // a paste arrives as one event (a multi-line note must not press Enter for each line)
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::event::EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &session);
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    signals.close();
    result
}

/// How long a write of the interactive TUI (an audited unmask) waits for another process's
/// write lock (an import) before it gives up with "busy, try again": short, so the UI never
/// freezes (the store's default for batch commands is [`crate::store::BUSY_TIMEOUT`]).
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(300);

/// Sets the interactive session's connection up: the short [`BUSY_TIMEOUT`].
pub fn prepare_connection(conn: &Db) -> anyhow::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}

/// The longest the event loop waits for input before it checks the DB for other writers' commits.
pub const TICK: Duration = Duration::from_millis(500);

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, session: &Session) -> anyhow::Result<()> {
    let mut dirty = true;
    loop {
        // while a search is being typed, draw the input at once but query when the typing pauses
        let settling = app.settling(Instant::now());
        if dirty {
            if settling.is_none() {
                let size = terminal.size()?;
                if let Err(e) = app.sync(session, size) {
                    app.show_error(session, &e);
                }
            }
            terminal.draw(|frame| app.render(session, frame))?;
            dirty = settling.is_some();
            // an export shown as 正在导出… on the frame just drawn: do it now, then draw its result
            if app.run_pending(session) {
                dirty = true;
                continue;
            }
        }
        if app.quit {
            return Ok(());
        }
        // Wait for an event (at most one tick), then drain whatever else is queued, then draw once.
        if ratatui::crossterm::event::poll(settling.map_or(TICK, |d| d.min(TICK)).min(app.poll_interval()))? {
            app.on_event(session, ratatui::crossterm::event::read()?);
            while !app.quit && ratatui::crossterm::event::poll(Duration::ZERO)? {
                app.on_event(session, ratatui::crossterm::event::read()?);
            }
            dirty = true;
        }
        if app.quit {
            return Ok(());
        }
        match app.tick(session) {
            Ok(changed) => dirty |= changed,
            Err(e) => {
                app.show_error(session, &e);
                dirty = true;
            }
        }
    }
}

/// The largest headless render, in cells: sizes are clamped to 1..=1000 columns × 1..=500 rows
/// (a larger buffer only costs memory: no screen has more to show).
pub const RENDER_MAX: (u16, u16) = (1000, 500);

/// Draws `screen` headless into a `width × height` buffer with the same code as the terminal and
/// returns it as text rows (trailing spaces trimmed). Any size is accepted; it is clamped to
/// 1×1 ..= [`RENDER_MAX`] (1000 × 500 cells).
///
/// The customer detail of a customer that is unknown or not in the session's book is an error
/// naming the customer (the interactive TUI shows the same message on screen instead); so is the
/// detail without a customer named when the book (or the whole DB) has none.
pub fn render_to_string(
    session: &Session,
    screen: ScreenId,
    width: u16,
    height: u16,
    customer: Option<&str>,
) -> anyhow::Result<String> {
    let mut app = App::new(session, screen, customer)?;
    if screen == ScreenId::Customer && !matches!(app.top(), screens::Screen::Detail(_)) {
        // no customer named and none in the book to take the first of
        let lang = session.lang;
        if crate::store::book::any_customers(&session.conn)? {
            anyhow::bail!("{}", tr!(lang, NO_CUSTOMERS_IN_YOUR_BOOK));
        }
        anyhow::bail!("{}", tr!(lang, NO_CUSTOMERS_IN_THIS_DB));
    }
    let size = Size::new(width.clamp(1, RENDER_MAX.0), height.clamp(1, RENDER_MAX.1));
    app.sync(session, size)?;
    if let screens::Screen::Detail(d) = app.top()
        && d.missing()
    {
        anyhow::bail!("{}", screens::DetailState::not_found_text(&d.customer_id, session.lang));
    }
    Ok(draw_to_string(&app, session, size.width, size.height))
}

/// Draws the customer list headless as the TUI shows it after `/`, typing `search` and Enter,
/// then `s` until the list is sorted by `sort` (the keys go through the same handling as the
/// terminal's; as when they arrive faster than a frame, the list is queried once, after the last).
/// Sizes as [`render_to_string`].
pub fn render_customers_search(
    session: &Session,
    width: u16,
    height: u16,
    search: Option<&str>,
    sort: Option<crate::store::book::SortKey>,
) -> anyhow::Result<String> {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let mut app = App::new(session, ScreenId::Customers, None)?;
    let size = Size::new(width.clamp(1, RENDER_MAX.0), height.clamp(1, RENDER_MAX.1));
    // the layout (table height) of this size, without querying the list yet
    app.size = size;
    if let Some(text) = search {
        app.on_event(session, key(KeyCode::Char('/')));
        for c in text.chars() {
            app.on_event(session, key(KeyCode::Char(c)));
        }
        app.on_event(session, key(KeyCode::Enter));
    }
    if let Some(sort) = sort {
        for _ in 0..crate::store::book::SortKey::ALL.len() {
            if matches!(app.top(), screens::Screen::Customers(c) if c.sort == sort) {
                break;
            }
            app.on_event(session, key(KeyCode::Char('s')));
        }
    }
    app.sync(session, size)?;
    Ok(draw_to_string(&app, session, size.width, size.height))
}

/// Draws an existing [`App`] headless (for key-sequence tests: press keys, then look).
/// Call [`App::sync`] with the same size first. The size is clamped like [`render_to_string`]'s.
pub fn draw_to_string(app: &App, session: &Session, width: u16, height: u16) -> String {
    let backend = TestBackend::new(width.clamp(1, RENDER_MAX.0), height.clamp(1, RENDER_MAX.1));
    let mut terminal = match Terminal::new(backend) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    match terminal.draw(|frame| app.render(session, frame)) {
        Ok(_) => {}
        Err(never) => match never {},
    }
    buffer_to_string(terminal.backend().buffer())
}

/// A buffer as text rows: wide glyphs once (their hidden trailing cells skipped), trailing
/// spaces trimmed, rows joined with `\n`.
pub fn buffer_to_string(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    let mut out = String::new();
    if width == 0 {
        return out;
    }
    for (i, row) in buffer.content.chunks(width).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = String::new();
        let mut skip = 0usize;
        for cell in row {
            if skip == 0 {
                line.push_str(cell.symbol());
            }
            skip = skip.max(crate::domain::text::width(cell.symbol())).saturating_sub(1);
        }
        out.push_str(line.trim_end());
    }
    out
}
