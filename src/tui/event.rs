//! Terminal events → what the app reacts to. Key presses only (Windows also sends Release and
//! Repeat events for every key): this is the one place that filters them.

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};

/// An event the app acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppEvent {
    /// A key was pressed.
    Key(KeyEvent),
    /// The terminal changed size: the next frame lays out again (and fetches a new window).
    Resize,
    /// Text pasted (bracketed paste): typed into the focused text field as one piece, its line
    /// breaks never acting as Enter.
    Paste(String),
}

/// Filters a crossterm event: key presses and resizes pass, everything else is dropped.
pub fn translate(ev: Event) -> Option<AppEvent> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => Some(AppEvent::Key(k)),
        Event::Resize(_, _) => Some(AppEvent::Resize),
        Event::Paste(text) => Some(AppEvent::Paste(text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

    #[test]
    fn releases_are_ignored() {
        let mut k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(translate(Event::Key(k)), Some(AppEvent::Key(k)));
        k.kind = KeyEventKind::Release;
        k.state = KeyEventState::NONE;
        assert_eq!(translate(Event::Key(k)), None);
        assert_eq!(translate(Event::Resize(80, 24)), Some(AppEvent::Resize));
    }
}
