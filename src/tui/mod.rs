//! The terminal UI (SPEC §5): a screen stack per tab, each screen a file with its state, its
//! `update` (actions → state changes) and its `render` (a pure function of the state).
//!
//! - [`event`]: crossterm events → key presses (Press only, in one place) and resizes;
//! - [`action`] + [`keymap`]: keys are data; the same tables feed the help popup;
//! - [`app`]: the screen stacks, global keys, scope switching, status and tab bars;
//! - [`screens`]: 客户 Customers, 分级分类 Segments, 客户详情 Customer detail;
//! - [`widgets`]: the windowed table with priority columns, the one-line input, popups.
//!
//! Database reads happen in `sync` (before each frame, only when what is shown changed), never
//! in `render`; so the interactive loop and [`render_to_string`] draw through the same code.

pub mod action;
pub mod app;
pub mod event;
pub mod format;
pub mod keymap;
pub mod screens;
pub mod theme;
pub mod widgets;

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Size;

use crate::session::Session;
use app::App;

/// The screens that can be opened directly (`brokerdesk --screen …`, `brokerdesk render …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ScreenId {
    /// 客户: the customer list.
    Customers,
    /// 分级分类: the tier × risk-type matrix.
    Segments,
    /// 客户详情: one customer (`--customer ID`, else the first of the list).
    Customer,
    // later: Today, Callbacks, Alerts, Assessment, Allocation
}

impl ScreenId {
    /// Parses `customers`, `segments`, `customer` (also the Chinese names).
    pub fn parse(s: &str) -> Option<ScreenId> {
        match s.trim() {
            "customers" | "客户" | "list" => Some(ScreenId::Customers),
            "segments" | "分级分类" | "matrix" => Some(ScreenId::Segments),
            "customer" | "客户详情" | "detail" => Some(ScreenId::Customer),
            _ => None,
        }
    }
    /// The stable name (`customers`, `segments`, `customer`).
    pub fn name(self) -> &'static str {
        match self {
            ScreenId::Customers => "customers",
            ScreenId::Segments => "segments",
            ScreenId::Customer => "customer",
        }
    }
}

/// Runs the interactive TUI until the user quits. The terminal is restored on exit, on error and
/// on panic (`ratatui::init` installs the panic hook).
pub fn run(session: Session, start: ScreenId, customer: Option<String>) -> anyhow::Result<()> {
    let mut app = App::new(&session, start, customer.as_deref())?;
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app, &session);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, session: &Session) -> anyhow::Result<()> {
    loop {
        let size = terminal.size()?;
        if let Err(e) = app.sync(session, size) {
            app.show_error(&e);
        }
        terminal.draw(|frame| app.render(session, frame))?;
        if app.quit {
            return Ok(());
        }
        // Block for one event, then drain whatever else is queued, then draw once.
        let first = ratatui::crossterm::event::read()?;
        app.on_event(session, first);
        while !app.quit && ratatui::crossterm::event::poll(Duration::ZERO)? {
            app.on_event(session, ratatui::crossterm::event::read()?);
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Draws `screen` headless into a `width × height` buffer with the same code as the terminal and
/// returns it as text rows (trailing spaces trimmed). Any size from 1×1 up.
pub fn render_to_string(
    session: &Session,
    screen: ScreenId,
    width: u16,
    height: u16,
    customer: Option<&str>,
) -> anyhow::Result<String> {
    let mut app = App::new(session, screen, customer)?;
    let size = Size::new(width.max(1), height.max(1));
    app.sync(session, size)?;
    Ok(draw_to_string(&app, session, size.width, size.height))
}

/// Draws an existing [`App`] headless (for key-sequence tests: press keys, then look).
/// Call [`App::sync`] with the same size first.
pub fn draw_to_string(app: &App, session: &Session, width: u16, height: u16) -> String {
    let backend = TestBackend::new(width.max(1), height.max(1));
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
