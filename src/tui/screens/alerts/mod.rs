//! 预警 Alerts: the alerts of the book in scope, most severe first, then the oldest; filters by
//! rule, severity and status (the manager by the global scope key `m`); Enter opens the
//! customer; `a` acknowledges, `x` resolves, `w` records the customer's signed risk warning on a
//! suitability alert — each with a note typed in a [`LineInput`](crate::tui::widgets::input::LineInput).
//!
//! Split as state ([`state`]: what is shown and cached), update ([`update`]: keys → state, the
//! writes of the note popup) and render ([`render`]: a pure function of the state).

pub mod render;
pub mod state;
pub mod update;

pub use state::{AlertsState, NoteKind, NotePopup};
