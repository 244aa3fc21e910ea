//! Styles in one place. Chinese market convention: red is up (profit), green is down (loss).

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn header() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn muted() -> Style {
    Style::new().fg(Color::Gray)
}
pub fn warn() -> Style {
    Style::new().fg(Color::Yellow)
}
pub fn bad() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn good() -> Style {
    Style::new().fg(Color::Green)
}
/// A rise or profit (red in China).
pub fn up() -> Style {
    Style::new().fg(Color::Red)
}
/// A fall or loss (green in China).
pub fn down() -> Style {
    Style::new().fg(Color::Green)
}
pub fn key() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
pub fn tab_active() -> Style {
    Style::new().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn bar() -> Style {
    Style::new().fg(Color::White).bg(Color::Blue)
}
pub fn message() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}
pub fn error() -> Style {
    Style::new().fg(Color::White).bg(Color::Red)
}
pub fn tier(t: crate::domain::tier::Tier) -> Style {
    use crate::domain::tier::Tier;
    match t {
        Tier::T1 => Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        Tier::T2 => Style::new().fg(Color::Yellow),
        Tier::T3 => Style::new().fg(Color::Cyan),
        Tier::T4 => Style::new(),
    }
}
