//! Callback planning (回访计划, SPEC §4.6): which callbacks a customer should have open, when they
//! fall due, what a logged call does to them, and the coverage rule. Pure: the store gathers the
//! facts, these functions decide, the store writes the [`Change`]s.
//!
//! - **Routine**: every active customer has exactly one open routine callback, due
//!   `last contact + tier period` (the first from the opening date), or the date the manager set
//!   at the last contact; an elderly customer (≥ 60) holding R4/R5 is called at least every 30
//!   days. Dormant and closed customers have none.
//! - **Events**: a new account (within 30 days of opening), a new assessment that changed the
//!   level (within 2 trading days), a suitability mismatch the customer confirmed (within 2
//!   trading days). Each event plans one callback, once: keyed by (reason, trigger).
//! - Due dates fall on business days ([`Calendar`]). Numbers from [`CallbackRules`] and
//!   [`crate::domain::rules::TierRule::callback_days`] (assets/rules.toml).

use chrono::NaiveDate;

use super::calendar::Calendar;
use super::risk::ProductRisk;
use super::rules::{CallbackRules, Rules};
use super::tier::Tier;

macro_rules! labelled {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal / $zh:literal / $en:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $variant),+ }
        impl $name {
            /// All values in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The code stored in the DB and written in CSV files.
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            /// The Chinese label.
            pub fn label_zh(self) -> &'static str { match self { $($name::$variant => $zh),+ } }
            /// The English label.
            pub fn label_en(self) -> &'static str { match self { $($name::$variant => $en),+ } }
            /// Parses the code or either label.
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $( if s == $code || s == $zh || s.eq_ignore_ascii_case($en) { return Some($name::$variant); } )+
                None
            }
        }
    };
}

labelled!(
    /// Why a callback is planned (回访原因).
    CallbackReason {
        /// The tier's cadence.
        Routine = "routine" / "例行回访" / "routine",
        /// The routine callback at the shortened cadence of an elderly customer holding R4/R5.
        ElderlyHighRisk = "elderly_high_risk" / "高龄高风险" / "elderly, high risk",
        /// Within 30 days of opening.
        NewAccount = "new_account" / "新开户回访" / "new account",
        /// A new assessment changed the level.
        LevelChanged = "level_changed" / "测评等级变化" / "level changed",
        /// The customer confirmed a suitability mismatch (signed warning).
        MismatchConfirmed = "mismatch_confirmed" / "不适当确认" / "mismatch confirmed",
    }
);

impl CallbackReason {
    /// Whether this is the customer's routine callback (one open at most) rather than an event.
    pub fn is_routine(self) -> bool {
        matches!(self, CallbackReason::Routine | CallbackReason::ElderlyHighRisk)
    }
}

labelled!(
    /// How the customer was contacted (回访方式).
    Channel {
        Phone = "phone" / "电话" / "phone",
        WeChat = "wechat" / "微信" / "WeChat",
        InPerson = "in_person" / "面谈" / "in person",
        Sms = "sms" / "短信" / "SMS",
    }
);

labelled!(
    /// What came of a call (回访结果).
    CallOutcome {
        Reached = "reached" / "已联系上" / "reached",
        NotReached = "not_reached" / "未接通" / "not reached",
        Refused = "refused" / "拒绝回访" / "refused",
        WrongNumber = "wrong_number" / "号码错误" / "wrong number",
    }
);

impl CallOutcome {
    /// Whether the customer was spoken to (reached, or reached and refused): the callback is done
    /// and the next routine one is planned from this day.
    pub fn is_contact(self) -> bool {
        matches!(self, CallOutcome::Reached | CallOutcome::Refused)
    }
}

/// The last time the customer was spoken to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    /// China date of the call.
    pub on: NaiveDate,
    /// The next callback date the manager set at that call, if any.
    pub next_on: Option<NaiveDate>,
}

/// A dated event that may plan a callback: its date and a key unique for the customer and reason
/// (e.g. `2026-11-30:C4` for an assessment, the alert id for a confirmation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub on: NaiveDate,
    pub key: String,
}

/// What planning needs to know about one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFacts {
    pub status: super::model::CustomerStatus,
    pub opened_on: NaiveDate,
    pub tier: Tier,
    /// Age in whole years today, if the birth date is known.
    pub age: Option<u32>,
    /// The highest rating among the customer's current holdings.
    pub highest_holding: Option<ProductRisk>,
    pub last_contact: Option<Contact>,
    /// Assessments whose level differs from the assessment before them.
    pub level_changes: Vec<Event>,
    /// Suitability mismatches the customer confirmed with a signed warning.
    pub confirmed_mismatches: Vec<Event>,
}

/// A callback the rules want open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desired {
    pub reason: CallbackReason,
    /// Empty for the routine callback; the event's key otherwise.
    pub trigger: String,
    pub due_on: NaiveDate,
}

/// An open callback as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenPlan {
    pub id: String,
    pub reason: CallbackReason,
    pub trigger: String,
    pub due_on: NaiveDate,
    /// Calls logged on it without reaching the customer.
    pub tries: u32,
}

/// A write the store makes to bring the open plan in line with [`desired`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Insert(Desired),
    /// The routine callback moves (tier or cadence changed) or changes reason.
    Reschedule {
        id: String,
        reason: CallbackReason,
        due_on: NaiveDate,
    },
    /// The customer left the routine plan (dormant, closed) or closed.
    Cancel {
        id: String,
    },
}

/// The routine cadence in days for `facts`: the tier's period, capped for an elderly customer
/// holding a high-risk product. Returns the reason it is planned under.
pub fn cadence(facts: &CustomerFacts, rules: &Rules) -> (CallbackReason, u32) {
    let c: &CallbackRules = &rules.callbacks;
    let period = rules.tier_rule(facts.tier).callback_days;
    let elderly = facts.age.is_some_and(|a| a >= c.elderly_age)
        && facts.highest_holding.is_some_and(|r| r >= c.elderly_min_rating);
    if elderly && c.elderly_cadence_days < period {
        (CallbackReason::ElderlyHighRisk, c.elderly_cadence_days)
    } else {
        (CallbackReason::Routine, period)
    }
}

/// The routine callback `facts` should have open, if any: active customers only; due the date
/// set at the last contact, else `last contact (or opening) + cadence`, on a business day.
pub fn routine(facts: &CustomerFacts, rules: &Rules, cal: &Calendar) -> Option<Desired> {
    if facts.status != super::model::CustomerStatus::Active {
        return None;
    }
    let (reason, days) = cadence(facts, rules);
    let due_on = match facts.last_contact {
        Some(Contact { next_on: Some(next), .. }) => cal.on_or_after(next),
        Some(Contact { on, next_on: None }) => cal.add_days(on, days),
        None => cal.add_days(facts.opened_on, days),
    };
    Some(Desired { reason, trigger: String::new(), due_on })
}

/// The event callbacks `facts` calls for as of `today`: events dated within the look-back
/// window only (older ones are history) that no contact has followed yet (a call on or after the
/// event's day covers it). Closed customers get none.
pub fn events(facts: &CustomerFacts, rules: &Rules, cal: &Calendar, today: NaiveDate) -> Vec<Desired> {
    let c = &rules.callbacks;
    if facts.status == super::model::CustomerStatus::Closed {
        return Vec::new();
    }
    // an event still to be followed up: recent, and nobody has spoken to the customer since
    let contacted_since = |on: NaiveDate| facts.last_contact.is_some_and(|c| c.on >= on);
    let recent = |on: NaiveDate, window: u32| {
        (today - on).num_days() <= i64::from(window) && on <= today && !contacted_since(on)
    };
    let mut out = Vec::new();
    if recent(facts.opened_on, c.new_account_days) {
        out.push(Desired {
            reason: CallbackReason::NewAccount,
            trigger: facts.opened_on.to_string(),
            due_on: cal.add_days(facts.opened_on, c.new_account_days),
        });
    }
    for e in &facts.level_changes {
        if recent(e.on, c.event_lookback_days) {
            out.push(Desired {
                reason: CallbackReason::LevelChanged,
                trigger: e.key.clone(),
                due_on: cal.add_business_days(e.on, c.level_change_trading_days),
            });
        }
    }
    for e in &facts.confirmed_mismatches {
        if recent(e.on, c.event_lookback_days) {
            out.push(Desired {
                reason: CallbackReason::MismatchConfirmed,
                trigger: e.key.clone(),
                due_on: cal.add_business_days(e.on, c.mismatch_trading_days),
            });
        }
    }
    out
}

/// The changes that bring a customer's `open` callbacks in line with the rules. `planned`
/// says whether an event callback (reason, trigger) was ever planned, open or not: an event
/// plans once, so a done or cancelled one is not planned again.
///
/// Idempotent: applying the changes and reconciling again yields none. Logged history is never
/// touched; the routine callback keeps a retry date while it has tries.
pub fn reconcile(
    facts: &CustomerFacts,
    open: &[OpenPlan],
    rules: &Rules,
    cal: &Calendar,
    today: NaiveDate,
    planned: impl Fn(CallbackReason, &str) -> bool,
) -> Vec<Change> {
    let mut changes = Vec::new();
    let want = routine(facts, rules, cal);
    let mut routines = open.iter().filter(|p| p.reason.is_routine());
    match (want, routines.next()) {
        (Some(w), None) => changes.push(Change::Insert(w)),
        (None, Some(o)) => changes.push(Change::Cancel { id: o.id.clone() }),
        (Some(w), Some(o)) => {
            // a callback being retried keeps its retry date
            let due_on = if o.tries > 0 { o.due_on } else { w.due_on };
            if o.reason != w.reason || o.due_on != due_on {
                changes.push(Change::Reschedule { id: o.id.clone(), reason: w.reason, due_on });
            }
        }
        (None, None) => {}
    }
    // more than one open routine callback cannot be stored (unique index); cancel extras if any
    changes.extend(routines.map(|o| Change::Cancel { id: o.id.clone() }));
    let closed = facts.status == super::model::CustomerStatus::Closed;
    for o in open.iter().filter(|p| !p.reason.is_routine()) {
        if closed {
            changes.push(Change::Cancel { id: o.id.clone() });
        }
    }
    for e in events(facts, rules, cal, today) {
        if !planned(e.reason, &e.trigger) {
            changes.push(Change::Insert(e));
        }
    }
    changes
}

/// What logging a call does to the callback it was logged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCall {
    /// Spoken to: this and the customer's other open callbacks are done; the routine one is
    /// planned again from today.
    Done,
    /// Not reached: try again on this business day (try `tries` of the maximum).
    Retry { tries: u32, due_on: NaiveDate },
    /// Not reached for the last allowed time, or a wrong number: it stays where it is (overdue
    /// once past) with its try count.
    Stays { tries: u32 },
}

/// The effect of a call with `outcome` logged `today` on a callback that had `tries` failed tries.
pub fn after_call(outcome: CallOutcome, tries: u32, rules: &Rules, cal: &Calendar, today: NaiveDate) -> AfterCall {
    let tries_after = tries.saturating_add(1);
    match outcome {
        CallOutcome::Reached | CallOutcome::Refused => AfterCall::Done,
        CallOutcome::NotReached if tries_after < rules.callbacks.max_tries => {
            AfterCall::Retry { tries: tries_after, due_on: cal.next_after(today) }
        }
        CallOutcome::NotReached | CallOutcome::WrongNumber => AfterCall::Stays { tries: tries_after },
    }
}

/// Where a due date falls in the agenda of `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bucket {
    /// Days past due (≥ 1).
    Overdue(u32),
    Today,
    /// Days until due (1 ..= the upcoming window).
    Upcoming(u32),
}

/// The agenda bucket of `due_on`, or `None` past the upcoming window.
pub fn bucket(due_on: NaiveDate, today: NaiveDate, upcoming_days: u32) -> Option<Bucket> {
    let days = (due_on - today).num_days();
    match days {
        d if d < 0 => Some(Bucket::Overdue(u32::try_from(-d).unwrap_or(u32::MAX))),
        0 => Some(Bucket::Today),
        d if d <= i64::from(upcoming_days) => Some(Bucket::Upcoming(d as u32)),
        _ => None,
    }
}

/// Callback coverage of a book for a year (SPEC §4.6: at least 10% of the customers active at the
/// start of the year, dormant excluded, reached during the year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub active_at_start: u64,
    pub reached: u64,
}

impl Coverage {
    /// The share reached in basis points (1/100 of a percent), rounded half up; 0 for an empty book.
    pub fn share_bp(&self) -> u64 {
        if self.active_at_start == 0 {
            return 0;
        }
        let num = u128::from(self.reached) * 10_000 * 2 + u128::from(self.active_at_start);
        u64::try_from(num / (2 * u128::from(self.active_at_start))).unwrap_or(u64::MAX)
    }
    /// `12.5` (one decimal, rounded half up from the exact share).
    pub fn share_pct(&self) -> String {
        if self.active_at_start == 0 {
            return "0.0".into();
        }
        let tenths = (u128::from(self.reached) * 1000 * 2 + u128::from(self.active_at_start))
            / (2 * u128::from(self.active_at_start));
        format!("{}.{}", tenths / 10, tenths % 10)
    }
    /// Whether at least 10% were reached (exact: reached × 10 ≥ active). An empty book meets nothing.
    pub fn meets_10pct(&self) -> bool {
        self.active_at_start > 0 && u128::from(self.reached) * 10 >= u128::from(self.active_at_start)
    }
}

#[cfg(test)]
mod tests;
