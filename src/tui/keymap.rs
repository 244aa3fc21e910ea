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
    b(&[ch('?')], Action::Help, "帮助：本屏按键", "help: keys of this screen"),
    b(&[key(K::Esc)], Action::Back, "返回上一屏", "back to the previous screen"),
    b(&[ch('1')], Action::Tab(0), "今日", "Today"),
    b(&[ch('2')], Action::Tab(1), "客户", "Customers"),
    b(&[ch('3')], Action::Tab(2), "分级分类", "Segments"),
    b(&[ch('4')], Action::Tab(3), "回访", "Callbacks"),
    b(&[ch('5')], Action::Tab(4), "预警", "Alerts"),
    b(&[ch('6')], Action::Tab(5), "审计（负责人）", "Audit (supervisor)"),
    b(&[ch('7')], Action::Tab(6), "分配（负责人）", "Allocation (supervisor)"),
    b(&[key(K::Tab)], Action::NextTab, "下一个标签页", "next tab"),
    b(&[key(K::BackTab)], Action::PrevTab, "上一个标签页", "previous tab"),
    b(
        &[ch('m')],
        Action::CycleScope,
        "选择范围：全营业部 / 客户经理（负责人）",
        "pick the scope: branch / a manager (supervisor)",
    ),
    b(&[ch('r')], Action::Reload, "刷新：重新读取数据", "reload: read the data again"),
    b(&[ch('q'), ctrl('c')], Action::Quit, "退出", "quit"),
];

/// 今日 agenda.
pub const TODAY: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上移", "up"),
    b(&[key(K::Down), ch('j')], Action::Down, "下移", "down"),
    b(&[key(K::PageUp), ctrl('b')], Action::PageUp, "上一页", "page up"),
    b(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, "下一页", "page down"),
    b(&[ch('g'), key(K::Home)], Action::Top, "第一行", "first row"),
    b(&[ch('G'), key(K::End)], Action::Bottom, "最后一行", "last row"),
    b(&[key(K::Enter)], Action::Open, "打开客户详情", "open the customer"),
    b(&[ch('l')], Action::LogCall, "记录这次回访", "log the call"),
    b(&[ch('a')], Action::OpenAlerts, "未处理的预警", "open alerts"),
    b(&[ch('e')], Action::OpenExpiring, "测评即将到期的客户", "customers whose assessment expires soon"),
];

/// 回访 plan and call log.
pub const CALLBACKS: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上移", "up"),
    b(&[key(K::Down), ch('j')], Action::Down, "下移", "down"),
    b(&[key(K::PageUp), ctrl('b')], Action::PageUp, "上一页", "page up"),
    b(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, "下一页", "page down"),
    b(&[ch('g'), key(K::Home)], Action::Top, "第一行", "first row"),
    b(&[ch('G'), key(K::End)], Action::Bottom, "最后一行", "last row"),
    b(&[key(K::Enter)], Action::Open, "打开客户详情", "open the customer"),
    b(&[ch('l')], Action::LogCall, "记录回访（待办列表）", "log a call (open list)"),
    b(&[ch('v')], Action::ToggleView, "切换：待回访 / 回访记录", "switch: open callbacks / call log"),
    b(&[ch('n')], Action::NextReason, "筛选原因（待回访）", "filter by reason (open list)"),
    b(&[ch('o')], Action::ToggleOverdue, "只看逾期（待回访）", "overdue only (open list)"),
    b(&[ch('t')], Action::NextRange, "日期范围", "date range"),
    b(&[ch('u')], Action::NextOutcome, "筛选结果（回访记录）", "filter by outcome (call log)"),
    b(&[ch('c')], Action::ClearFilters, "清除全部筛选", "clear all filters"),
    b(
        &[ch('e')],
        Action::Export,
        "导出 XLSX（待回访或回访记录，当前筛选）",
        "export XLSX (open list or call log, current filters)",
    ),
];

/// The call log form (printable keys type into the note and the date).
pub const CALL_FORM: &[Binding] = &[
    b(&[key(K::Enter)], Action::Confirm, "保存", "save"),
    b(&[key(K::Esc)], Action::Cancel, "取消（不保存）", "cancel (nothing saved)"),
    b(&[key(K::Tab), key(K::Down)], Action::Down, "下一项", "next field"),
    b(&[key(K::BackTab), key(K::Up)], Action::Up, "上一项", "previous field"),
    b(&[key(K::Left)], Action::Left, "上一选项 / 光标左移", "previous choice / cursor left"),
    b(&[key(K::Right)], Action::Right, "下一选项 / 光标右移", "next choice / cursor right"),
    b(&[key(K::Home), ctrl('a')], Action::Top, "行首", "start of line"),
    b(&[key(K::End), ctrl('e')], Action::Bottom, "行尾", "end of line"),
    b(&[key(K::Backspace)], Action::DeleteBack, "删除前一字", "delete before cursor"),
    b(&[key(K::Delete)], Action::DeleteForward, "删除后一字", "delete at cursor"),
    b(&[ctrl('u')], Action::ClearInput, "清空该项", "clear the field"),
];

/// 客户 list.
pub const CUSTOMERS: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上移", "up"),
    b(&[key(K::Down), ch('j')], Action::Down, "下移", "down"),
    b(&[key(K::PageUp), ctrl('b')], Action::PageUp, "上一页", "page up"),
    b(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, "下一页", "page down"),
    b(&[ch('g'), key(K::Home)], Action::Top, "第一行", "first row"),
    b(&[ch('G'), key(K::End)], Action::Bottom, "最后一行", "last row"),
    b(&[ch('/')], Action::Search, "搜索：姓名、资金账号、手机后四位", "search: name, account, last 4 of mobile"),
    b(&[ch('f')], Action::Filter, "筛选：等级、风险类型、测评等级、预警", "filter: tier, risk type, level, alerts"),
    b(&[ch('s')], Action::CycleSort, "切换排序", "next sort order"),
    b(&[ch('c')], Action::ClearFilters, "清除全部筛选", "clear all filters"),
    b(&[key(K::Enter)], Action::Open, "打开客户详情", "open the customer"),
    b(&[ch('a')], Action::StartAssessment, "为该客户做风险测评", "start the risk assessment of the customer"),
    b(&[ch('e')], Action::Export, "导出 XLSX（当前筛选与排序）", "export XLSX (current filters and sort)"),
    b(
        &[ch('R')],
        Action::Reassign,
        "分配：当前筛选的客户（负责人）",
        "reassign the customers of this filter (supervisor)",
    ),
];

/// 分级分类 matrix.
pub const SEGMENTS: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上一等级", "tier up"),
    b(&[key(K::Down), ch('j')], Action::Down, "下一等级", "tier down"),
    b(&[key(K::Left), ch('h')], Action::Left, "左一列", "column left"),
    b(&[key(K::Right), ch('l')], Action::Right, "右一列", "column right"),
    b(&[key(K::Enter)], Action::Open, "打开该格客户列表", "open the customers of the cell"),
    b(&[ch('a')], Action::ToggleMetric, "图表：客户数 / 资产", "chart: customers / assets"),
    b(&[ch('e')], Action::Export, "导出 XLSX（分级分类表）", "export XLSX (the matrix)"),
    b(
        &[ch('x')],
        Action::NextAxis,
        "下一维度：ABCD / I-IV / 年龄 / 开户年限 / 集中度 / 盈亏",
        "next axis: ABCD / I-IV / age / tenure / concentration / P&L",
    ),
    b(&[ch('X')], Action::PrevAxis, "上一维度", "previous axis"),
];

/// 客户详情.
pub const DETAIL: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上一持仓（走势图跟随）", "previous holding (chart follows)"),
    b(&[key(K::Down), ch('j')], Action::Down, "下一持仓（走势图跟随）", "next holding (chart follows)"),
    b(&[ch('g'), key(K::Home)], Action::Top, "最大持仓", "largest holding"),
    b(&[ch('G'), key(K::End)], Action::Bottom, "最后一个持仓", "last holding"),
    b(&[ch('u')], Action::Unmask, "显示/隐藏证件号与手机（记入审计）", "show/hide ID and mobile (audited)"),
    b(&[ch('a')], Action::StartAssessment, "开始风险测评（全屏）", "start the risk assessment (full screen)"),
    b(&[ch('l')], Action::LogCall, "记录回访", "log a call"),
    b(
        &[ch('p')],
        Action::NextPanel,
        "右下框：测评记录 / 回访 / 预警",
        "lower right box: assessments / callbacks / alerts",
    ),
    b(&[ch('R')], Action::Reassign, "分配该客户给其他客户经理（负责人）", "reassign this customer (supervisor)"),
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
    b(
        LETTERS,
        Action::Choose,
        "按字母选择选项（多选题：再按取消）",
        "choose the option by its letter (multi: again to undo)",
    ),
    b(&[key(K::Up)], Action::Up, "上一个选项", "previous option"),
    b(&[key(K::Down)], Action::Down, "下一个选项", "next option"),
    b(&[ch(' ')], Action::Toggle, "选中光标所在选项", "choose the option under the cursor"),
    b(
        &[key(K::Enter), key(K::Right), key(K::PageDown)],
        Action::Next,
        "下一题（修改答案时：回到复核）",
        "next question (when changing: back to review)",
    ),
    b(&[key(K::Left), key(K::PageUp)], Action::Prev, "上一题（答案保留）", "previous question (answers kept)"),
    b(&[key(K::Tab)], Action::Review, "复核全部答案", "review every answer"),
    b(&[key(K::Esc)], Action::Cancel, "离开：放弃或保存草稿", "leave: discard or keep a draft"),
    b(&[ch('?')], Action::Help, "帮助", "help"),
];

/// Interview: the review page.
pub const INTERVIEW_REVIEW: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上一题", "previous answer"),
    b(&[key(K::Down), ch('j')], Action::Down, "下一题", "next answer"),
    b(&[key(K::Enter)], Action::Open, "修改该题答案", "change this answer"),
    b(&[key(K::Right), key(K::Tab)], Action::Next, "查看测评结果", "see the result"),
    b(&[key(K::Left)], Action::Prev, "回到最后一题", "back to the last question"),
    b(&[key(K::Esc)], Action::Cancel, "离开：放弃或保存草稿", "leave: discard or keep a draft"),
    b(&[ch('?')], Action::Help, "帮助", "help"),
];

/// Interview: the result page.
pub const INTERVIEW_RESULT: &[Binding] = &[
    b(&[ch('y')], Action::CustomerConfirms, "客户已确认测评结果（切换）", "the customer confirmed the result (toggle)"),
    b(&[ch('e')], Action::EditReason, "填写等级变化原因", "type the reason for the changed level"),
    b(&[key(K::Enter)], Action::Save, "保存测评记录（需客户确认）", "save the record (needs the confirmation)"),
    b(&[key(K::Left)], Action::Prev, "回到复核页", "back to the review"),
    b(&[key(K::Esc)], Action::Cancel, "离开：放弃或保存草稿", "leave: discard or keep a draft"),
    b(&[ch('?')], Action::Help, "帮助", "help"),
];

/// Interview: saved.
pub const INTERVIEW_SAVED: &[Binding] = &[
    b(&[ch('p')], Action::Print, "生成打印版测评记录（HTML 文件）", "write the printable record (HTML file)"),
    b(&[key(K::Enter), key(K::Esc)], Action::Back, "完成，回到客户详情", "done: back to the customer"),
    b(&[ch('?')], Action::Help, "帮助", "help"),
];

/// Interview: leave an unfinished interview?
pub const INTERVIEW_LEAVE: &[Binding] = &[
    b(&[ch('d')], Action::Discard, "放弃本次测评（不保存）", "discard this interview (nothing saved)"),
    b(&[ch('s')], Action::KeepDraft, "保存为草稿，稍后继续", "keep it as a draft to resume later"),
    b(&[key(K::Esc), ch('n')], Action::Close, "继续测评", "go on with the interview"),
];

/// Interview: a draft exists.
pub const INTERVIEW_RESUME: &[Binding] = &[
    b(&[key(K::Enter), ch('r')], Action::Resume, "继续草稿", "resume the draft"),
    b(&[ch('n')], Action::StartOver, "重新开始（丢弃草稿）", "start afresh (drop the draft)"),
    b(&[key(K::Esc)], Action::Back, "返回", "back"),
];

/// Interview: typing a note or a reason (printable keys type text).
pub const INTERVIEW_TEXT: &[Binding] = &[
    b(&[key(K::Enter)], Action::Confirm, "确认", "accept"),
    b(&[key(K::Esc)], Action::Cancel, "取消", "cancel"),
    b(&[key(K::Left)], Action::Left, "光标左移", "cursor left"),
    b(&[key(K::Right)], Action::Right, "光标右移", "cursor right"),
    b(&[key(K::Home), ctrl('a')], Action::Top, "行首", "start of line"),
    b(&[key(K::End), ctrl('e')], Action::Bottom, "行尾", "end of line"),
    b(&[key(K::Backspace)], Action::DeleteBack, "删除前一字", "delete before cursor"),
    b(&[key(K::Delete)], Action::DeleteForward, "删除后一字", "delete at cursor"),
    b(&[ctrl('u')], Action::ClearInput, "清空", "clear"),
];

/// 预警 list.
pub const ALERTS: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上移", "up"),
    b(&[key(K::Down), ch('j')], Action::Down, "下移", "down"),
    b(&[key(K::PageUp), ctrl('b')], Action::PageUp, "上一页", "page up"),
    b(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, "下一页", "page down"),
    b(&[ch('g'), key(K::Home)], Action::Top, "第一行", "first row"),
    b(&[ch('G'), key(K::End)], Action::Bottom, "最后一行", "last row"),
    b(
        &[ch('f')],
        Action::Filter,
        "筛选：规则、严重程度、状态（m 切换客户经理）",
        "filter: rule, severity, status (m: manager)",
    ),
    b(&[ch('c')], Action::ClearFilters, "清除全部筛选", "clear all filters"),
    b(&[key(K::Enter)], Action::Open, "打开客户详情", "open the customer"),
    b(&[ch('a')], Action::Acknowledge, "知悉：填写说明后标记为已知悉", "acknowledge with a note"),
    b(&[ch('x')], Action::Resolve, "解决：填写说明后关闭预警", "resolve with a note"),
    b(
        &[ch('w')],
        Action::SignWarning,
        "记录客户签署的风险警示（适当性预警）",
        "record the customer's signed warning (suitability)",
    ),
    b(&[ch('e')], Action::Export, "导出 XLSX（当前筛选）", "export XLSX (current filters)"),
];

/// Note input of an alert action (printable keys type text).
pub const NOTE: &[Binding] = &[
    b(&[key(K::Enter)], Action::Confirm, "保存（记录不可修改）", "save (the record cannot be changed)"),
    b(&[key(K::Esc)], Action::Cancel, "取消", "cancel"),
    b(&[key(K::Left)], Action::Left, "光标左移", "cursor left"),
    b(&[key(K::Right)], Action::Right, "光标右移", "cursor right"),
    b(&[key(K::Home), ctrl('a')], Action::Top, "行首", "start of line"),
    b(&[key(K::End), ctrl('e')], Action::Bottom, "行尾", "end of line"),
    b(&[key(K::Backspace)], Action::DeleteBack, "删除前一字", "delete before cursor"),
    b(&[key(K::Delete)], Action::DeleteForward, "删除后一字", "delete at cursor"),
    b(&[ctrl('u')], Action::ClearInput, "清空", "clear"),
];

/// Filter popup.
pub const FILTER: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上一项", "previous field"),
    b(&[key(K::Down), ch('j')], Action::Down, "下一项", "next field"),
    b(&[key(K::Left), ch('h')], Action::Left, "上一个取值", "previous value"),
    b(&[key(K::Right), ch('l'), ch(' ')], Action::Right, "下一个取值", "next value"),
    b(&[ch('c')], Action::ClearFilters, "清除全部筛选", "clear all filters"),
    b(&[key(K::Enter), key(K::Esc), ch('f'), ch('q')], Action::Close, "关闭", "close"),
];

/// Search input (printable keys type text).
pub const SEARCH: &[Binding] = &[
    b(&[key(K::Enter)], Action::Confirm, "确认", "accept"),
    b(&[key(K::Esc)], Action::Cancel, "取消（恢复原条件）", "cancel (restore)"),
    b(&[key(K::Left)], Action::Left, "光标左移", "cursor left"),
    b(&[key(K::Right)], Action::Right, "光标右移", "cursor right"),
    b(&[key(K::Home), ctrl('a')], Action::Top, "行首", "start of line"),
    b(&[key(K::End), ctrl('e')], Action::Bottom, "行尾", "end of line"),
    b(&[key(K::Backspace)], Action::DeleteBack, "删除前一字", "delete before cursor"),
    b(&[key(K::Delete)], Action::DeleteForward, "删除后一字", "delete at cursor"),
    b(&[ctrl('u')], Action::ClearInput, "清空", "clear"),
];

/// The picker popup (printable keys type the filter).
pub const PICKER: &[Binding] = &[
    b(&[key(K::Enter)], Action::Confirm, "选定", "pick"),
    b(&[key(K::Esc)], Action::Cancel, "取消", "cancel"),
    b(&[key(K::Up)], Action::Up, "上一项", "previous"),
    b(&[key(K::Down)], Action::Down, "下一项", "next"),
    b(&[key(K::Left)], Action::Left, "光标左移", "cursor left"),
    b(&[key(K::Right)], Action::Right, "光标右移", "cursor right"),
    b(&[key(K::Backspace)], Action::DeleteBack, "删除前一字", "delete before cursor"),
    b(&[ctrl('u')], Action::ClearInput, "清空筛选", "clear the filter"),
];

/// 审计 audit log.
pub const AUDIT: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上移", "up"),
    b(&[key(K::Down), ch('j')], Action::Down, "下移", "down"),
    b(&[key(K::PageUp), ctrl('b')], Action::PageUp, "上一页", "page up"),
    b(&[key(K::PageDown), ctrl('f'), ch(' ')], Action::PageDown, "下一页", "page down"),
    b(&[ch('g'), key(K::Home)], Action::Top, "最新一条", "newest"),
    b(&[ch('G'), key(K::End)], Action::Bottom, "最早一条", "oldest"),
    b(&[ch('p')], Action::PickPerson, "筛选操作人", "filter by person"),
    b(&[ch('/')], Action::Search, "筛选客户：姓名或资金账号", "filter by customer: name or account"),
    b(&[ch('a')], Action::PickAction, "筛选操作类型", "filter by action"),
    b(&[ch('t')], Action::NextRange, "日期范围：全部 / 今日 / 7天 / 30天", "date range: all / today / 7 / 30 days"),
    b(&[ch('d')], Action::EditDates, "输入日期范围 起..止", "type a date range from..to"),
    b(&[ch('c')], Action::ClearFilters, "清除全部筛选", "clear all filters"),
    b(&[key(K::Enter)], Action::Open, "打开相关客户", "open the customer"),
];

/// 分配 allocation.
pub const ALLOCATE: &[Binding] = &[
    b(&[key(K::Up), ch('k')], Action::Up, "上移（调动明细）", "up (moves)"),
    b(&[key(K::Down), ch('j')], Action::Down, "下移（调动明细）", "down (moves)"),
    b(&[ch('f')], Action::PickSource, "调出：选择离岗客户经理（整本移交）", "from: the departing manager (whole book)"),
    b(&[ch('t')], Action::PickReceiver, "接收：添加/移除客户经理", "to: add / remove a receiving manager"),
    b(&[ch('b')], Action::ToggleBalance, "均衡方案：按客户数、资产与分级", "balance by count, assets and tiers"),
    b(&[ch('c')], Action::ClearFilters, "清除调出与接收", "clear source and receivers"),
    b(&[key(K::Enter)], Action::Apply, "执行分配（先确认）", "apply (asks first)"),
];

/// A yes/no confirmation.
pub const CONFIRM: &[Binding] = &[
    b(&[ch('y')], Action::Confirm, "确认执行", "yes, apply"),
    b(&[ch('n'), key(K::Esc)], Action::Cancel, "取消", "no"),
];

/// Help popup.
pub const HELP: &[Binding] = &[
    b(&[key(K::Down), ch('j')], Action::Down, "向下滚动（终端较矮时）", "scroll down (short terminal)"),
    b(&[key(K::Up), ch('k')], Action::Up, "向上滚动", "scroll up"),
    b(&[key(K::Esc), ch('?'), ch('q')], Action::Close, "关闭帮助（其他任意键）", "close help (any other key)"),
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
