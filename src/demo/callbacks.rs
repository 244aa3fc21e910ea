//! The demo book's 12-month callback history (回访记录), so that 今日 is useful on first run.
//!
//! Each customer's calls are simulated on the tier cadence of the rules and the exchange calendar:
//! most calls reach the customer within a few business days of the due date; some are not
//! reached and retried the next business day; a few are refused or hit a wrong number; some
//! recent callbacks are left overdue. Past calls are appended with
//! [`store::callbacks::insert_log`], the plan is then derived once by
//! [`store::callbacks::replan`], and the calls still in progress at the end of the window (the
//! retries of the last days) go through [`store::callbacks::log_call`], the path a manager's
//! call takes, so their open callbacks carry real try counts and retry dates.

use crate::store::db::Db;
use chrono::{Days, NaiveDate, TimeZone};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

use super::draw::weighted_index;
use crate::domain::calendar::Calendar;
use crate::domain::model::CustomerStatus;
use crate::domain::rules::Rules;
use crate::domain::schedule::{CallOutcome, Channel};
use crate::store::StoreError;
use crate::store::book::Scope;
use crate::store::callbacks::{self, Caller, LogRecord, NewCall, Subject};

const REACHED_NOTES: &[&str] = &[
    "客户近况良好，暂无调整需求",
    "提示近期市场波动风险，客户表示理解",
    "介绍新发债券基金，客户有兴趣，已发资料",
    "客户询问融资融券业务，已约时间面谈",
    "核对联系方式与地址，无变化",
    "客户对服务满意，无其他需求",
    "提醒客户风险测评即将到期，约下周来营业部",
    "客户持仓集中，已提示分散投资风险",
    "客户关心分红到账时间，已解答",
    "客户准备追加资金，关注可转债",
];
const NOT_REACHED_NOTES: &[&str] = &["无人接听", "关机", "占线", "客户在开会，稍后再联系", "信号不好，通话中断"];
const REFUSED_NOTES: &[&str] = &["客户表示不需要回访", "客户较忙，不愿多谈"];
const WRONG_NUMBER_NOTES: &[&str] = &["空号", "号码已易主，需核实联系方式"];

/// What the history generator wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistorySummary {
    /// Logged calls in all.
    pub calls: usize,
    /// Of which still in progress (logged through `log_call` on an open callback).
    pub in_progress: usize,
}

/// One simulated call.
struct Call {
    day: NaiveDate,
    outcome: CallOutcome,
    channel: Channel,
    note: &'static str,
    try_no: u32,
    reason: &'static str,
}

/// Generates and writes the history for every customer of the imported book, as of `today`, in
/// one transaction, and plans the callbacks (the demo's imports leave that to this step). When
/// the DB already holds logged calls (a refreshed demo keeps its history) it only re-plans.
/// Deterministic for a seed.
pub fn history(
    conn: &mut Db,
    seed: u64,
    today: NaiveDate,
    rules: &Rules,
) -> Result<HistorySummary, StoreError> {
    let tx = crate::store::write_tx(conn)?;
    let cal = Calendar::defaults();
    if callbacks::lists::count_logs(&tx, &callbacks::lists::LogFilter::default())? > 0 {
        callbacks::replan(&tx, rules, &cal, today, crate::clock::now(Some(today)), None)?;
        tx.commit()?;
        return Ok(HistorySummary::default());
    }
    let mut rng = Pcg64::seed_from_u64(seed ^ 0x0CA1_1BAC);
    let mut summary = HistorySummary::default();
    let mut tails: Vec<(Subject, Vec<Call>)> = Vec::new();
    for s in callbacks::subjects(&tx, rules, today)? {
        let (past, tail) = simulate(&s, today, rules, &cal, &mut rng);
        for c in &past {
            let call = NewCall {
                customer_id: s.customer_id.clone(),
                plan_id: None,
                channel: c.channel,
                outcome: c.outcome,
                note: c.note.to_string(),
                next_on: None,
            };
            callbacks::insert_log(
                &tx,
                &LogRecord {
                    call: &call,
                    manager_id: &s.manager_id,
                    now: instant(c.day, &mut rng),
                    called_on: c.day,
                    reason: c.reason,
                    try_no: c.try_no,
                },
            )?;
            summary.calls += 1;
        }
        if !tail.is_empty() {
            tails.push((s, tail));
        }
    }
    // the plan as the rules derive it from that history, as of the first day of the tails
    let now = crate::clock::now(Some(today));
    callbacks::replan(&tx, rules, &cal, today, now, None)?;
    // the calls of the last days, on their open callbacks, through the manager's path
    for (s, tail) in tails {
        for c in tail {
            let Some((plan, _, _)) = callbacks::open_routine(&tx, &s.customer_id)? else { break };
            let call = NewCall {
                customer_id: s.customer_id.clone(),
                plan_id: Some(plan),
                channel: c.channel,
                outcome: c.outcome,
                note: c.note.to_string(),
                next_on: None,
            };
            let by = Caller {
                manager_id: &s.manager_id,
                scope: &Scope::Branch,
                today: c.day,
                now: instant(c.day, &mut rng),
            };
            callbacks::log_call(&tx, &call, by, rules, &cal)?;
            summary.calls += 1;
            summary.in_progress += 1;
        }
    }
    // the tails re-planned as of their own days: bring every plan to today
    callbacks::replan(&tx, rules, &cal, today, now, None)?;
    tx.commit()?;
    Ok(summary)
}

/// A time during the branch's working hours (09:00–17:00 China time) on `day`, as UTC.
fn instant(day: NaiveDate, rng: &mut Pcg64) -> chrono::DateTime<chrono::Utc> {
    let minutes = rng.random_range(0..8 * 60);
    let t = day.and_hms_opt(9, 0, 0).unwrap_or_default() + chrono::Duration::minutes(minutes);
    crate::clock::china_offset()
        .from_local_datetime(&t)
        .single()
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|| chrono::Utc.from_utc_datetime(&t))
}

fn pick<'a>(rng: &mut Pcg64, notes: &[&'a str]) -> &'a str {
    notes[rng.random_range(0..notes.len())]
}

/// A routine call on `day` that reached the customer.
fn reached_routine(day: NaiveDate, rng: &mut Pcg64) -> Call {
    Call {
        day,
        outcome: CallOutcome::Reached,
        channel: channel(rng),
        note: pick(rng, REACHED_NOTES),
        try_no: 1,
        reason: "routine",
    }
}

fn channel(rng: &mut Pcg64) -> Channel {
    Channel::ALL[weighted_index(rng, [70u32, 20, 6, 4].into_iter())]
}

/// One customer's calls of the last 12 months: the past ones, and the tail (not-reached tries of
/// the last days, logged on the open callback afterwards).
fn simulate(s: &Subject, today: NaiveDate, rules: &Rules, cal: &Calendar, rng: &mut Pcg64) -> (Vec<Call>, Vec<Call>) {
    let mut past = Vec::new();
    let start = today.checked_sub_days(Days::new(365)).unwrap_or(today);
    let period = s.cadence_days;
    match s.status {
        CustomerStatus::Closed => return (past, Vec::new()),
        CustomerStatus::Dormant => {
            // dormant accounts were tried once in a while and rarely answered
            if rng.random_bool(0.3) {
                let day = cal.on_or_after(start + Days::new(rng.random_range(0..300)));
                let outcome = if rng.random_bool(0.7) { CallOutcome::NotReached } else { CallOutcome::Reached };
                let note = if outcome == CallOutcome::Reached {
                    "客户暂无交易计划"
                } else {
                    pick(rng, NOT_REACHED_NOTES)
                };
                past.push(Call { day, outcome, channel: Channel::Phone, note, try_no: 1, reason: "routine" });
            }
            return (past, Vec::new());
        }
        CustomerStatus::Active => {}
    }
    // a new account gets its welcome call within the month
    let mut due = if s.opened_on > start {
        let welcome = cal.add_days(s.opened_on, rng.random_range(3..25));
        if welcome < today && rng.random_bool(0.8) {
            past.push(Call {
                day: welcome,
                outcome: CallOutcome::Reached,
                channel: channel(rng),
                note: "新开户回访：介绍交易规则与适当性要求",
                try_no: 1,
                reason: "new_account",
            });
            cal.add_days(welcome, period)
        } else {
            cal.add_days(s.opened_on, period)
        }
    } else {
        // the last contact before the window (logged too: the plan counts from it), so calls
        // spread over the cadence
        let before = start.checked_sub_days(Days::new(rng.random_range(1..=u64::from(period)))).unwrap_or(start);
        let day = cal.on_or_after(before);
        past.push(reached_routine(day, rng));
        cal.add_days(day, period)
    };
    let behind = rng.random_bool(0.12); // this customer's latest callback slips
    loop {
        if due >= today {
            return (past, Vec::new());
        }
        let recent = (today - due).num_days() <= 30;
        if recent && behind {
            return (past, Vec::new()); // left overdue
        }
        let late = [0u32, 0, 0, 1, 1, 2, 3, 5][rng.random_range(0..8)];
        let mut day = cal.add_business_days(due, late);
        if day >= today {
            return (past, Vec::new());
        }
        // one callback's tries, until the customer is spoken to or the tries run out
        let mut chain = Vec::new();
        let mut try_no = 1;
        let done = loop {
            let outcome = CallOutcome::ALL[weighted_index(rng, [800u32, 130, 40, 3].into_iter())];
            let note = match outcome {
                CallOutcome::Reached => pick(rng, REACHED_NOTES),
                CallOutcome::NotReached => pick(rng, NOT_REACHED_NOTES),
                CallOutcome::Refused => pick(rng, REFUSED_NOTES),
                CallOutcome::WrongNumber => pick(rng, WRONG_NUMBER_NOTES),
            };
            chain.push(Call { day, outcome, channel: channel(rng), note, try_no, reason: "routine" });
            match outcome {
                CallOutcome::Reached | CallOutcome::Refused => break true,
                CallOutcome::WrongNumber => break false,
                CallOutcome::NotReached => {
                    day = cal.next_after(day);
                    if try_no >= rules.callbacks.max_tries || day >= today {
                        break false;
                    }
                    try_no += 1;
                }
            }
        };
        if !done {
            if (today - day).num_days() <= 30 {
                // still open: its tries go on the open callback (retry dates, try count, flag)
                return (past, chain);
            }
            // an older failure: the manager got through later (with a corrected number)
            past.extend(chain);
            day = cal.add_business_days(day, rng.random_range(3..12));
            if day >= today {
                return (past, Vec::new());
            }
            past.push(reached_routine(day, rng));
            due = cal.add_days(day, period);
            continue;
        }
        due = cal.add_days(day, period);
        past.extend(chain);
    }
}
