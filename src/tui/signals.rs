//! The terminal is given back on a signal too (issue 11, item 6): SIGTERM, SIGHUP, SIGINT and
//! SIGQUIT while the TUI runs leave raw mode, the alternate screen and bracketed paste, then end
//! the process with 128 + the signal's number (the shell's convention). A panic restores it
//! through the hook [`ratatui::init`] installs.

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

/// The signals that end the TUI with the terminal restored.
pub const SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Gives the terminal back and leaves with `128 + signal`.
fn restore_and_exit(signal: i32) -> ! {
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    std::process::exit(128 + signal);
}

/// Starts a thread that waits for [`SIGNALS`] and restores the terminal before exiting. Close the
/// returned handle when the TUI ends normally.
pub fn restore_on_signals() -> std::io::Result<Handle> {
    let mut signals = Signals::new(SIGNALS)?;
    let handle = signals.handle();
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore_and_exit(signal);
        }
    })?;
    Ok(handle)
}
