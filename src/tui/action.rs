//! What a key asks for. Keys map to actions through [`super::keymap`]; screens and the app act on
//! actions only, so a key can be rebound without touching a screen.

/// Every action of the TUI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // global
    /// Leave the program.
    Quit,
    /// Show the keys of the current screen.
    Help,
    /// Close the top screen (back to the one below).
    Back,
    /// Switch to tab `n` (0-based).
    Tab(usize),
    NextTab,
    PrevTab,
    /// Supervisor: next scope (全营业部 → each manager → back).
    CycleScope,
    /// Read everything shown again from the DB.
    Reload,

    // movement
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open what is under the cursor.
    Open,

    // customer list
    /// Start a text search.
    Search,
    /// Open the filter popup.
    Filter,
    /// Next sort order.
    CycleSort,
    /// Clear every filter.
    ClearFilters,

    // segments
    /// Bars by customers ↔ by assets.
    ToggleMetric,

    // detail
    /// Show / hide full personal data of this customer (audited).
    Unmask,

    // alerts
    /// Acknowledge the selected alert (with a note).
    Acknowledge,
    /// Resolve the selected alert (with a note).
    Resolve,
    /// Record the customer's signed risk warning on the selected suitability alert.
    SignWarning,

    // popups and the text input
    /// Close the popup (keeping what it set).
    Close,
    /// Accept the input.
    Confirm,
    /// Abandon the input.
    Cancel,
    /// Delete the character before the cursor.
    DeleteBack,
    /// Delete the character under the cursor.
    DeleteForward,
    /// Empty the input.
    ClearInput,
}
