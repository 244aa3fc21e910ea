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
    /// Export the list as shown (filters, sort) to an XLSX file.
    Export,

    // segments
    /// Bars by customers ↔ by assets.
    ToggleMetric,
    /// Next segment axis (tier × type → A/B/C/D → Ⅰ–Ⅳ → age → tenure → concentration → P/L).
    NextAxis,
    /// Previous segment axis.
    PrevAxis,

    // detail
    /// Show / hide full personal data of this customer (audited).
    Unmask,
    /// The next box in the lower right (assessments, callbacks, alerts) on a short terminal.
    NextPanel,
    /// Start the risk assessment interview of the customer (detail, or the list's row).
    StartAssessment,

    // interview (风险测评)
    /// Choose the option of the letter pressed (multi-select: toggle it).
    Choose,
    /// Choose (multi-select: toggle) the option under the cursor.
    Toggle,
    /// Next question (or back to the review page when changing an answer).
    Next,
    /// Previous question.
    Prev,
    /// Go to the review page.
    Review,
    /// Result page: the customer confirmed the result (toggle).
    CustomerConfirms,
    /// Result page: type the customer's reason for a changed level.
    EditReason,
    /// Save the confirmed result as an assessment record.
    Save,
    /// Write the printable record (HTML) to a file.
    Print,
    /// Discard the unfinished interview.
    Discard,
    /// Keep the unfinished interview as a draft and leave.
    KeepDraft,
    /// Resume the kept draft.
    Resume,
    /// Start afresh (discarding the kept draft).
    StartOver,

    // callbacks (今日, 回访, detail)
    /// Log a call for the callback or customer under the cursor.
    LogCall,
    /// 今日: open the customers with open alerts.
    OpenAlerts,
    /// 今日: open the customers whose assessment expires soon.
    OpenExpiring,
    /// 回访: open plan ↔ call log.
    ToggleView,
    /// 回访: next reason filter.
    NextReason,
    /// 回访: only overdue callbacks on / off.
    ToggleOverdue,
    /// 回访: next date-range filter.
    NextRange,
    /// 回访 log: next outcome filter.
    NextOutcome,

    // alerts
    /// Acknowledge the selected alert (with a note).
    Acknowledge,
    /// Resolve the selected alert (with a note).
    Resolve,
    /// Record the customer's signed risk warning on the selected suitability alert.
    SignWarning,

    // audit, allocation
    /// 审计: pick the person filter.
    PickPerson,
    /// 审计: pick the action filter.
    PickAction,
    /// 审计: type a date range.
    EditDates,
    /// 分配: pick the departing manager.
    PickSource,
    /// 分配: add or remove a receiving manager.
    PickReceiver,
    /// 分配: balance proposal on / off.
    ToggleBalance,
    /// 分配: apply the proposal (after a confirmation).
    Apply,
    /// 客户 / 客户详情: reassign the customers of the filter / this customer (opens 分配).
    Reassign,

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
