//! Keys as data: one table per context (global, each screen, each popup). Lookup and the help
//! popup read the same tables, so the help always lists exactly the keys that work.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::session::Lang;

/// One key (code + the modifiers that matter: Ctrl and Alt; Shift is part of the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> KeySpec {
    KeySpec { code, ctrl: false }
}
const fn ch(c: char) -> KeySpec {
    KeySpec { code: KeyCode::Char(c), ctrl: false }
}
const fn ctrl(c: char) -> KeySpec {
    KeySpec { code: KeyCode::Char(c), ctrl: true }
}

impl KeySpec {
    /// Whether a pressed key is this one.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match (self.code, ev.code) {
            // Shift+Tab arrives as BackTab on most terminals, as Tab+SHIFT on some.
            (KeyCode::BackTab, KeyCode::Tab) if ev.modifiers.contains(KeyModifiers::SHIFT) => true,
            (KeyCode::Tab, KeyCode::Tab) => !ev.modifiers.contains(KeyModifiers::SHIFT),
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                if self.ctrl {
                    a.eq_ignore_ascii_case(&b)
                } else {
                    a == b
                }
            }
            (a, b) => a == b,
        };
        code && ctrl == self.ctrl && !ev.modifiers.contains(KeyModifiers::ALT)
    }

    /// How the help popup names the key: `↑`, `PgDn`, `Ctrl-C`, `g`, `Space`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("Ctrl-{base}") } else { base }
    }
}

/// One binding: keys → action, with its description for the help popup.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [KeySpec],
    pub action: Action,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Binding {
    /// The description in `lang`.
    pub fn describe(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
    /// `↑ / k`; a run of more than 6 keys (the option letters) as `a … z`.
    pub fn keys_label(&self) -> String {
        if self.keys.len() > 6
            && let (Some(first), Some(last)) = (self.keys.first(), self.keys.last())
        {
            return format!("{} … {}", first.label(), last.label());
        }
        self.keys.iter().map(KeySpec::label).collect::<Vec<_>>().join(" / ")
    }
}

const fn b(keys: &'static [KeySpec], action: Action, zh: &'static str, en: &'static str) -> Binding {
    Binding { keys, action, zh, en }
}

/// A binding whose help text is the catalogue's `KEY` (`KEY_<context>_<action>` in
/// src/i18n/zh/ui.rs and src/i18n/en/ui.rs).
macro_rules! kb {
    ($keys:expr, $action:expr, $key:ident) => {
        b($keys, $action, crate::i18n::zh::ui::$key, crate::i18n::en::ui::$key)
    };
}

/// Where keys are looked up: the focused popup or screen, then [`Context::Global`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    /// 今日 agenda.
    Today,
    /// 回访 plan and log.
    Callbacks,
    /// The call log form (other keys type text).
    CallForm,
    Customers,
    Segments,
    Detail,
    /// The filter popup of the customer list.
    Filter,
    /// The one-line search input (other keys type text).
    Search,
    /// 预警 list.
    Alerts,
    /// The note input of an acknowledgement, resolution or signed warning (other keys type text).
    Note,
    /// The help popup itself (any key closes it).
    Help,
    /// Interview: a question page (letters choose options).
    Interview,
    /// Interview: the review page.
    InterviewReview,
    /// Interview: the result page (confirmation, reason, save).
    InterviewResult,
    /// Interview: after saving.
    InterviewSaved,
    /// Interview: "leave the unfinished interview?".
    InterviewLeave,
    /// Interview: a draft of this customer exists.
    InterviewResume,
    /// Interview: typing a note (age change) or a reason (other keys type text).
    InterviewText,
    /// The picker popup (a manager, an action): other keys type the filter.
    Picker,
    /// 审计 audit log (supervisor).
    Audit,
    /// 分配 allocation (supervisor).
    Allocate,
    /// A yes/no confirmation (applying an allocation).
    Confirm,
}

impl Context {
    /// All contexts (for the duplicate-key check).
    pub const ALL: [Context; 23] = [
        Context::Global,
        Context::Today,
        Context::Callbacks,
        Context::CallForm,
        Context::Customers,
        Context::Segments,
        Context::Detail,
        Context::Filter,
        Context::Search,
        Context::Alerts,
        Context::Note,
        Context::Help,
        Context::Interview,
        Context::InterviewReview,
        Context::InterviewResult,
        Context::InterviewSaved,
        Context::InterviewLeave,
        Context::InterviewResume,
        Context::InterviewText,
        Context::Picker,
        Context::Audit,
        Context::Allocate,
        Context::Confirm,
    ];

    /// The bindings of this context.
    pub fn bindings(self) -> &'static [Binding] {
        match self {
            Context::Global => GLOBAL,
            Context::Today => TODAY,
            Context::Callbacks => CALLBACKS,
            Context::CallForm => CALL_FORM,
            Context::Customers => CUSTOMERS,
            Context::Segments => SEGMENTS,
            Context::Detail => DETAIL,
            Context::Filter => FILTER,
            Context::Search => SEARCH,
            Context::Alerts => ALERTS,
            Context::Note => NOTE,
            Context::Help => HELP,
            Context::Interview => INTERVIEW,
            Context::InterviewReview => INTERVIEW_REVIEW,
            Context::InterviewResult => INTERVIEW_RESULT,
            Context::InterviewSaved => INTERVIEW_SAVED,
            Context::InterviewLeave => INTERVIEW_LEAVE,
            Context::InterviewResume => INTERVIEW_RESUME,
            Context::InterviewText => INTERVIEW_TEXT,
            Context::Picker => PICKER,
            Context::Audit => AUDIT,
            Context::Allocate => ALLOCATE,
            Context::Confirm => CONFIRM,
        }
    }

    /// Whether this is one of the interview's contexts: full screen, and of the global keys only
    /// `?` (help) and Ctrl-C work — letters choose options, and nothing may switch to another
    /// customer's data.
    pub fn is_interview(self) -> bool {
        matches!(
            self,
            Context::Interview
                | Context::InterviewReview
                | Context::InterviewResult
                | Context::InterviewSaved
                | Context::InterviewLeave
                | Context::InterviewResume
                | Context::InterviewText
        )
    }

    /// Whether unbound keys of this context fall through to the global keys. The text input
    /// keeps them (they are typed); the help popup closes on any key.
    pub fn falls_through(self) -> bool {
        !matches!(
            self,
            Context::Search | Context::Note | Context::Help | Context::CallForm | Context::Picker | Context::Confirm
        ) && !self.is_interview()
    }

    /// Title of the context in the help popup.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Context::Global => tr!(lang, EVERYWHERE),
            Context::Today => tr!(lang, TODAY),
            Context::Callbacks => tr!(lang, CALLBACKS),
            Context::CallForm => tr!(lang, LOG_A_CALL),
            Context::Customers => tr!(lang, CUSTOMER_LIST),
            Context::Segments => tr!(lang, SEGMENTS),
            Context::Detail => tr!(lang, CUSTOMER_DETAIL),
            Context::Filter => tr!(lang, FILTER),
            Context::Search => tr!(lang, SEARCH),
            Context::Alerts => tr!(lang, ALERTS),
            Context::Note => tr!(lang, NOTE),
            Context::Help => tr!(lang, HELP_BANGZHU),
            Context::Interview => tr!(lang, ASSESSMENT_QUESTIONS),
            Context::InterviewReview => tr!(lang, ASSESSMENT_REVIEW),
            Context::InterviewResult => tr!(lang, ASSESSMENT_RESULT),
            Context::InterviewSaved => tr!(lang, ASSESSMENT_SAVED),
            Context::InterviewLeave => tr!(lang, ASSESSMENT_LEAVE),
            Context::InterviewResume => tr!(lang, ASSESSMENT_DRAFT),
            Context::InterviewText => tr!(lang, TYPING),
            Context::Picker => tr!(lang, PICK),
            Context::Audit => tr!(lang, AUDIT_LOG),
            Context::Allocate => tr!(lang, ALLOCATION_KEHUFENPEI),
            Context::Confirm => tr!(lang, CONFIRM),
        }
    }
}

/// The action bound to `ev` in `ctx`, if any (global keys are not consulted here).
pub fn lookup(ctx: Context, ev: &KeyEvent) -> Option<Action> {
    ctx.bindings().iter().find(|b| b.keys.iter().any(|k| k.matches(ev))).map(|b| b.action)
}

use KeyCode as K;

/// Keys that work on every screen (after the screen had its chance).
pub const GLOBAL: &[Binding] = &[
    kb!(&[ch('?')], Action::Help, KEY_GLOBAL_HELP),
    kb!(&[key(K::Esc)], Action::Back, KEY_GLOBAL_BACK),
    kb!(&[ch('1')], Action::Tab(0), KEY_GLOBAL_TAB_0),
    kb!(&[ch('2')], Action::Tab(1), KEY_GLOBAL_TAB_1),
    kb!(&[ch('3')], Action::Tab(2), KEY_GLOBAL_TAB_2),
    kb!(&[ch('4')], Action::Tab(3), KEY_GLOBAL_TAB_3),
    kb!(&[ch('5')], Action::Tab(4), KEY_GLOBAL_TAB_4),
    kb!(&[ch('6')], Action::Tab(5), KEY_GLOBAL_TAB_5),
    kb!(&[ch('7')], Action::Tab(6), KEY_GLOBAL_TAB_6),
    kb!(&[key(K::Tab)], Action::NextTab, KEY_GLOBAL_NEXT_TAB),
    kb!(&[key(K::BackTab)], Action::PrevTab, KEY_GLOBAL_PREV_TAB),
    kb!(&[ch('m')], Action::CycleScope, KEY_GLOBAL_CYCLE_SCOPE),
    kb!(&[ch('r')], Action::Reload, KEY_GLOBAL_RELOAD),
    kb!(&[ch('q'), ctrl('c')], Action::Quit, KEY_GLOBAL_QUIT),
];

/// 今日 agenda.
pub const TODAY: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_TODAY_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_TODAY_DOWN),
    kb!(&[key(K::PageUp), ctrl('b')], Action::PageUp, KEY_TODAY_PAGE_UP),
    kb!(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, KEY_TODAY_PAGE_DOWN),
    kb!(&[ch('g'), key(K::Home)], Action::Top, KEY_TODAY_TOP),
    kb!(&[ch('G'), key(K::End)], Action::Bottom, KEY_TODAY_BOTTOM),
    kb!(&[key(K::Enter)], Action::Open, KEY_TODAY_OPEN),
    kb!(&[ch('l')], Action::LogCall, KEY_TODAY_LOG_CALL),
    kb!(&[ch('a')], Action::OpenAlerts, KEY_TODAY_OPEN_ALERTS),
    kb!(&[ch('e')], Action::OpenExpiring, KEY_TODAY_OPEN_EXPIRING),
];

/// 回访 plan and call log.
pub const CALLBACKS: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_CALLBACKS_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_CALLBACKS_DOWN),
    kb!(&[key(K::PageUp), ctrl('b')], Action::PageUp, KEY_CALLBACKS_PAGE_UP),
    kb!(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, KEY_CALLBACKS_PAGE_DOWN),
    kb!(&[ch('g'), key(K::Home)], Action::Top, KEY_CALLBACKS_TOP),
    kb!(&[ch('G'), key(K::End)], Action::Bottom, KEY_CALLBACKS_BOTTOM),
    kb!(&[key(K::Enter)], Action::Open, KEY_CALLBACKS_OPEN),
    kb!(&[ch('l')], Action::LogCall, KEY_CALLBACKS_LOG_CALL),
    kb!(&[ch('v')], Action::ToggleView, KEY_CALLBACKS_TOGGLE_VIEW),
    kb!(&[ch('n')], Action::NextReason, KEY_CALLBACKS_NEXT_REASON),
    kb!(&[ch('o')], Action::ToggleOverdue, KEY_CALLBACKS_TOGGLE_OVERDUE),
    kb!(&[ch('t')], Action::NextRange, KEY_CALLBACKS_NEXT_RANGE),
    kb!(&[ch('u')], Action::NextOutcome, KEY_CALLBACKS_NEXT_OUTCOME),
    kb!(&[ch('c')], Action::ClearFilters, KEY_CALLBACKS_CLEAR_FILTERS),
    kb!(&[ch('e')], Action::Export, KEY_CALLBACKS_EXPORT),
];

/// The call log form (printable keys type into the note and the date).
pub const CALL_FORM: &[Binding] = &[
    kb!(&[key(K::Enter)], Action::Confirm, KEY_CALL_FORM_CONFIRM),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_CALL_FORM_CANCEL),
    kb!(&[key(K::Tab), key(K::Down)], Action::Down, KEY_CALL_FORM_DOWN),
    kb!(&[key(K::BackTab), key(K::Up)], Action::Up, KEY_CALL_FORM_UP),
    kb!(&[key(K::Left)], Action::Left, KEY_CALL_FORM_LEFT),
    kb!(&[key(K::Right)], Action::Right, KEY_CALL_FORM_RIGHT),
    kb!(&[key(K::Home), ctrl('a')], Action::Top, KEY_CALL_FORM_TOP),
    kb!(&[key(K::End), ctrl('e')], Action::Bottom, KEY_CALL_FORM_BOTTOM),
    kb!(&[key(K::Backspace)], Action::DeleteBack, KEY_CALL_FORM_DELETE_BACK),
    kb!(&[key(K::Delete)], Action::DeleteForward, KEY_CALL_FORM_DELETE_FORWARD),
    kb!(&[ctrl('u')], Action::ClearInput, KEY_CALL_FORM_CLEAR_INPUT),
];

/// 客户 list.
pub const CUSTOMERS: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_CUSTOMERS_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_CUSTOMERS_DOWN),
    kb!(&[key(K::PageUp), ctrl('b')], Action::PageUp, KEY_CUSTOMERS_PAGE_UP),
    kb!(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, KEY_CUSTOMERS_PAGE_DOWN),
    kb!(&[ch('g'), key(K::Home)], Action::Top, KEY_CUSTOMERS_TOP),
    kb!(&[ch('G'), key(K::End)], Action::Bottom, KEY_CUSTOMERS_BOTTOM),
    kb!(&[ch('/')], Action::Search, KEY_CUSTOMERS_SEARCH),
    kb!(&[ch('f')], Action::Filter, KEY_CUSTOMERS_FILTER),
    kb!(&[ch('s')], Action::CycleSort, KEY_CUSTOMERS_CYCLE_SORT),
    kb!(&[ch('c')], Action::ClearFilters, KEY_CUSTOMERS_CLEAR_FILTERS),
    kb!(&[key(K::Enter)], Action::Open, KEY_CUSTOMERS_OPEN),
    kb!(&[ch('a')], Action::StartAssessment, KEY_CUSTOMERS_START_ASSESSMENT),
    kb!(&[ch('e')], Action::Export, KEY_CUSTOMERS_EXPORT),
    kb!(&[ch('R')], Action::Reassign, KEY_CUSTOMERS_REASSIGN),
];

/// 分级分类 matrix.
pub const SEGMENTS: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_SEGMENTS_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_SEGMENTS_DOWN),
    kb!(&[key(K::Left), ch('h')], Action::Left, KEY_SEGMENTS_LEFT),
    kb!(&[key(K::Right), ch('l')], Action::Right, KEY_SEGMENTS_RIGHT),
    kb!(&[key(K::Enter)], Action::Open, KEY_SEGMENTS_OPEN),
    kb!(&[ch('a')], Action::ToggleMetric, KEY_SEGMENTS_TOGGLE_METRIC),
    kb!(&[ch('e')], Action::Export, KEY_SEGMENTS_EXPORT),
    kb!(&[ch('x')], Action::NextAxis, KEY_SEGMENTS_NEXT_AXIS),
    kb!(&[ch('X')], Action::PrevAxis, KEY_SEGMENTS_PREV_AXIS),
];

/// 客户详情.
pub const DETAIL: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_DETAIL_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_DETAIL_DOWN),
    kb!(&[ch('g'), key(K::Home)], Action::Top, KEY_DETAIL_TOP),
    kb!(&[ch('G'), key(K::End)], Action::Bottom, KEY_DETAIL_BOTTOM),
    kb!(&[ch('u')], Action::Unmask, KEY_DETAIL_UNMASK),
    kb!(&[ch('a')], Action::StartAssessment, KEY_DETAIL_START_ASSESSMENT),
    kb!(&[ch('l')], Action::LogCall, KEY_DETAIL_LOG_CALL),
    kb!(&[ch('p')], Action::NextPanel, KEY_DETAIL_NEXT_PANEL),
    kb!(&[ch('R')], Action::Reassign, KEY_DETAIL_REASSIGN),
];

/// The option letters, lower and upper case (`a … Z`).
#[rustfmt::skip]
const LETTERS: &[KeySpec] = &[
    ch('a'), ch('b'), ch('c'), ch('d'), ch('e'), ch('f'), ch('g'), ch('h'), ch('i'), ch('j'), ch('k'), ch('l'),
    ch('m'), ch('n'), ch('o'), ch('p'), ch('q'), ch('r'), ch('s'), ch('t'), ch('u'), ch('v'), ch('w'), ch('x'),
    ch('y'), ch('z'), ch('A'), ch('B'), ch('C'), ch('D'), ch('E'), ch('F'), ch('G'), ch('H'), ch('I'), ch('J'),
    ch('K'), ch('L'), ch('M'), ch('N'), ch('O'), ch('P'), ch('Q'), ch('R'), ch('S'), ch('T'), ch('U'), ch('V'),
    ch('W'), ch('X'), ch('Y'), ch('Z'),
];

/// Interview: a question page.
pub const INTERVIEW: &[Binding] = &[
    kb!(LETTERS, Action::Choose, KEY_INTERVIEW_CHOOSE),
    kb!(&[key(K::Up)], Action::Up, KEY_INTERVIEW_UP),
    kb!(&[key(K::Down)], Action::Down, KEY_INTERVIEW_DOWN),
    kb!(&[ch(' ')], Action::Toggle, KEY_INTERVIEW_TOGGLE),
    kb!(&[key(K::Enter), key(K::Right), key(K::PageDown)], Action::Next, KEY_INTERVIEW_NEXT),
    kb!(&[key(K::Left), key(K::PageUp)], Action::Prev, KEY_INTERVIEW_PREV),
    kb!(&[key(K::Tab)], Action::Review, KEY_INTERVIEW_REVIEW),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_INTERVIEW_CANCEL),
    kb!(&[ch('?')], Action::Help, KEY_INTERVIEW_HELP),
];

/// Interview: the review page.
pub const INTERVIEW_REVIEW: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_INTERVIEW_REVIEW_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_INTERVIEW_REVIEW_DOWN),
    kb!(&[key(K::Enter)], Action::Open, KEY_INTERVIEW_REVIEW_OPEN),
    kb!(&[key(K::Right), key(K::Tab)], Action::Next, KEY_INTERVIEW_REVIEW_NEXT),
    kb!(&[key(K::Left)], Action::Prev, KEY_INTERVIEW_REVIEW_PREV),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_INTERVIEW_REVIEW_CANCEL),
    kb!(&[ch('?')], Action::Help, KEY_INTERVIEW_REVIEW_HELP),
];

/// Interview: the result page.
pub const INTERVIEW_RESULT: &[Binding] = &[
    kb!(&[ch('y')], Action::CustomerConfirms, KEY_INTERVIEW_RESULT_CUSTOMER_CONFIRMS),
    kb!(&[ch('e')], Action::EditReason, KEY_INTERVIEW_RESULT_EDIT_REASON),
    kb!(&[key(K::Enter)], Action::Save, KEY_INTERVIEW_RESULT_SAVE),
    kb!(&[key(K::Left)], Action::Prev, KEY_INTERVIEW_RESULT_PREV),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_INTERVIEW_RESULT_CANCEL),
    kb!(&[ch('?')], Action::Help, KEY_INTERVIEW_RESULT_HELP),
];

/// Interview: saved.
pub const INTERVIEW_SAVED: &[Binding] = &[
    kb!(&[ch('p')], Action::Print, KEY_INTERVIEW_SAVED_PRINT),
    kb!(&[key(K::Enter), key(K::Esc)], Action::Back, KEY_INTERVIEW_SAVED_BACK),
    kb!(&[ch('?')], Action::Help, KEY_INTERVIEW_SAVED_HELP),
];

/// Interview: leave an unfinished interview?
pub const INTERVIEW_LEAVE: &[Binding] = &[
    kb!(&[ch('d')], Action::Discard, KEY_INTERVIEW_LEAVE_DISCARD),
    kb!(&[ch('s')], Action::KeepDraft, KEY_INTERVIEW_LEAVE_KEEP_DRAFT),
    kb!(&[key(K::Esc), ch('n')], Action::Close, KEY_INTERVIEW_LEAVE_CLOSE),
];

/// Interview: a draft exists.
pub const INTERVIEW_RESUME: &[Binding] = &[
    kb!(&[key(K::Enter), ch('r')], Action::Resume, KEY_INTERVIEW_RESUME_RESUME),
    kb!(&[ch('n')], Action::StartOver, KEY_INTERVIEW_RESUME_START_OVER),
    kb!(&[key(K::Esc)], Action::Back, KEY_INTERVIEW_RESUME_BACK),
];

/// Interview: typing a note or a reason (printable keys type text).
pub const INTERVIEW_TEXT: &[Binding] = &[
    kb!(&[key(K::Enter)], Action::Confirm, KEY_INTERVIEW_TEXT_CONFIRM),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_INTERVIEW_TEXT_CANCEL),
    kb!(&[key(K::Left)], Action::Left, KEY_INTERVIEW_TEXT_LEFT),
    kb!(&[key(K::Right)], Action::Right, KEY_INTERVIEW_TEXT_RIGHT),
    kb!(&[key(K::Home), ctrl('a')], Action::Top, KEY_INTERVIEW_TEXT_TOP),
    kb!(&[key(K::End), ctrl('e')], Action::Bottom, KEY_INTERVIEW_TEXT_BOTTOM),
    kb!(&[key(K::Backspace)], Action::DeleteBack, KEY_INTERVIEW_TEXT_DELETE_BACK),
    kb!(&[key(K::Delete)], Action::DeleteForward, KEY_INTERVIEW_TEXT_DELETE_FORWARD),
    kb!(&[ctrl('u')], Action::ClearInput, KEY_INTERVIEW_TEXT_CLEAR_INPUT),
];

/// 预警 list.
pub const ALERTS: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_ALERTS_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_ALERTS_DOWN),
    kb!(&[key(K::PageUp), ctrl('b')], Action::PageUp, KEY_ALERTS_PAGE_UP),
    kb!(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, KEY_ALERTS_PAGE_DOWN),
    kb!(&[ch('g'), key(K::Home)], Action::Top, KEY_ALERTS_TOP),
    kb!(&[ch('G'), key(K::End)], Action::Bottom, KEY_ALERTS_BOTTOM),
    kb!(&[ch('f')], Action::Filter, KEY_ALERTS_FILTER),
    kb!(&[ch('c')], Action::ClearFilters, KEY_ALERTS_CLEAR_FILTERS),
    kb!(&[key(K::Enter)], Action::Open, KEY_ALERTS_OPEN),
    kb!(&[ch('a')], Action::Acknowledge, KEY_ALERTS_ACKNOWLEDGE),
    kb!(&[ch('x')], Action::Resolve, KEY_ALERTS_RESOLVE),
    kb!(&[ch('w')], Action::SignWarning, KEY_ALERTS_SIGN_WARNING),
    kb!(&[ch('e')], Action::Export, KEY_ALERTS_EXPORT),
];

/// Note input of an alert action (printable keys type text).
pub const NOTE: &[Binding] = &[
    kb!(&[key(K::Enter)], Action::Confirm, KEY_NOTE_CONFIRM),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_NOTE_CANCEL),
    kb!(&[key(K::Left)], Action::Left, KEY_NOTE_LEFT),
    kb!(&[key(K::Right)], Action::Right, KEY_NOTE_RIGHT),
    kb!(&[key(K::Home), ctrl('a')], Action::Top, KEY_NOTE_TOP),
    kb!(&[key(K::End), ctrl('e')], Action::Bottom, KEY_NOTE_BOTTOM),
    kb!(&[key(K::Backspace)], Action::DeleteBack, KEY_NOTE_DELETE_BACK),
    kb!(&[key(K::Delete)], Action::DeleteForward, KEY_NOTE_DELETE_FORWARD),
    kb!(&[ctrl('u')], Action::ClearInput, KEY_NOTE_CLEAR_INPUT),
];

/// Filter popup.
pub const FILTER: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_FILTER_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_FILTER_DOWN),
    kb!(&[key(K::Left), ch('h')], Action::Left, KEY_FILTER_LEFT),
    kb!(&[key(K::Right), ch('l'), ch(' ')], Action::Right, KEY_FILTER_RIGHT),
    kb!(&[ch('c')], Action::ClearFilters, KEY_FILTER_CLEAR_FILTERS),
    kb!(&[key(K::Enter), key(K::Esc), ch('f'), ch('q')], Action::Close, KEY_FILTER_CLOSE),
];

/// Search input (printable keys type text).
pub const SEARCH: &[Binding] = &[
    kb!(&[key(K::Enter)], Action::Confirm, KEY_SEARCH_CONFIRM),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_SEARCH_CANCEL),
    kb!(&[key(K::Left)], Action::Left, KEY_SEARCH_LEFT),
    kb!(&[key(K::Right)], Action::Right, KEY_SEARCH_RIGHT),
    kb!(&[key(K::Home), ctrl('a')], Action::Top, KEY_SEARCH_TOP),
    kb!(&[key(K::End), ctrl('e')], Action::Bottom, KEY_SEARCH_BOTTOM),
    kb!(&[key(K::Backspace)], Action::DeleteBack, KEY_SEARCH_DELETE_BACK),
    kb!(&[key(K::Delete)], Action::DeleteForward, KEY_SEARCH_DELETE_FORWARD),
    kb!(&[ctrl('u')], Action::ClearInput, KEY_SEARCH_CLEAR_INPUT),
];

/// The picker popup (printable keys type the filter).
pub const PICKER: &[Binding] = &[
    kb!(&[key(K::Enter)], Action::Confirm, KEY_PICKER_CONFIRM),
    kb!(&[key(K::Esc)], Action::Cancel, KEY_PICKER_CANCEL),
    kb!(&[key(K::Up)], Action::Up, KEY_PICKER_UP),
    kb!(&[key(K::Down)], Action::Down, KEY_PICKER_DOWN),
    kb!(&[key(K::Left)], Action::Left, KEY_PICKER_LEFT),
    kb!(&[key(K::Right)], Action::Right, KEY_PICKER_RIGHT),
    kb!(&[key(K::Backspace)], Action::DeleteBack, KEY_PICKER_DELETE_BACK),
    kb!(&[ctrl('u')], Action::ClearInput, KEY_PICKER_CLEAR_INPUT),
];

/// 审计 audit log.
pub const AUDIT: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_AUDIT_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_AUDIT_DOWN),
    kb!(&[key(K::PageUp), ctrl('b')], Action::PageUp, KEY_AUDIT_PAGE_UP),
    kb!(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, KEY_AUDIT_PAGE_DOWN),
    kb!(&[ch('g'), key(K::Home)], Action::Top, KEY_AUDIT_TOP),
    kb!(&[ch('G'), key(K::End)], Action::Bottom, KEY_AUDIT_BOTTOM),
    kb!(&[ch('p')], Action::PickPerson, KEY_AUDIT_PICK_PERSON),
    kb!(&[ch('/')], Action::Search, KEY_AUDIT_SEARCH),
    kb!(&[ch('a')], Action::PickAction, KEY_AUDIT_PICK_ACTION),
    kb!(&[ch('t')], Action::NextRange, KEY_AUDIT_NEXT_RANGE),
    kb!(&[ch('d')], Action::EditDates, KEY_AUDIT_EDIT_DATES),
    kb!(&[ch('c')], Action::ClearFilters, KEY_AUDIT_CLEAR_FILTERS),
    kb!(&[key(K::Enter)], Action::Open, KEY_AUDIT_OPEN),
];

/// 分配 allocation.
pub const ALLOCATE: &[Binding] = &[
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_ALLOCATE_UP),
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_ALLOCATE_DOWN),
    kb!(&[ch('f')], Action::PickSource, KEY_ALLOCATE_PICK_SOURCE),
    kb!(&[ch('t')], Action::PickReceiver, KEY_ALLOCATE_PICK_RECEIVER),
    kb!(&[ch('b')], Action::ToggleBalance, KEY_ALLOCATE_TOGGLE_BALANCE),
    kb!(&[ch('c')], Action::ClearFilters, KEY_ALLOCATE_CLEAR_FILTERS),
    kb!(&[key(K::Enter)], Action::Apply, KEY_ALLOCATE_APPLY),
];

/// A yes/no confirmation.
pub const CONFIRM: &[Binding] = &[
    kb!(&[ch('y')], Action::Confirm, KEY_CONFIRM_CONFIRM),
    kb!(&[ch('n'), key(K::Esc)], Action::Cancel, KEY_CONFIRM_CANCEL),
];

/// Help popup.
pub const HELP: &[Binding] = &[
    kb!(&[key(K::Down), ch('j')], Action::Down, KEY_HELP_DOWN),
    kb!(&[key(K::Up), ch('k')], Action::Up, KEY_HELP_UP),
    kb!(&[key(K::Esc), ch('?'), ch('q')], Action::Close, KEY_HELP_CLOSE),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for ctx in Context::ALL {
            let mut seen = HashSet::new();
            for bind in ctx.bindings() {
                for k in bind.keys {
                    assert!(seen.insert(*k), "{ctx:?}: {} bound twice", k.label());
                }
            }
        }
    }

    #[test]
    fn shift_letters_and_ctrl() {
        let g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Customers, &g), Some(Action::Bottom));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Context::Global, &c), Some(Action::Quit));
        assert_eq!(lookup(Context::Customers, &c), None, "Ctrl-C is not the plain c of clear");
        let bt = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(Context::Global, &bt), Some(Action::PrevTab));
    }
}
