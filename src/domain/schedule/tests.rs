//! Planning rules with a fixed today, worked by hand against the 2026 exchange calendar.

use super::*;
use crate::domain::model::CustomerStatus;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn facts(tier: Tier, opened_on: &str) -> CustomerFacts {
    CustomerFacts {
        status: CustomerStatus::Active,
        opened_on: d(opened_on),
        tier,
        age: Some(45),
        highest_holding: Some(ProductRisk::R3),
        last_contact: None,
        level_changes: Vec::new(),
        confirmed_mismatches: Vec::new(),
    }
}

fn setup() -> (Rules, Calendar) {
    (Rules::defaults(), Calendar::defaults())
}

#[test]
fn first_routine_callback_per_tier_from_the_opening_date() {
    let (rules, cal) = setup();
    // opened Mon 2026-01-05: +30 Wed 02-04; +60 Fri 03-06; +90 Sun 04-05 → Mon 04-06 is 清明 → Tue 04-07;
    // +180 Sat 07-04 → Mon 07-06
    let due = |t| routine(&facts(t, "2026-01-05"), &rules, &cal).unwrap().due_on;
    assert_eq!(due(Tier::T1), d("2026-02-04"));
    assert_eq!(due(Tier::T2), d("2026-03-06"));
    assert_eq!(due(Tier::T3), d("2026-04-07"));
    assert_eq!(due(Tier::T4), d("2026-07-06"));
}

#[test]
fn routine_follows_the_last_contact_and_the_date_set_at_it() {
    let (rules, cal) = setup();
    let mut f = facts(Tier::T2, "2020-03-02");
    f.last_contact = Some(Contact { on: d("2026-11-02"), next_on: None });
    // 11-02 + 60 = Fri 2027-01-01 (元旦) → Mon 01-04
    assert_eq!(routine(&f, &rules, &cal).unwrap().due_on, d("2027-01-04"));
    f.last_contact = Some(Contact { on: d("2026-11-02"), next_on: Some(d("2026-11-14")) });
    // the manager's date, a Saturday → Monday
    assert_eq!(routine(&f, &rules, &cal).unwrap().due_on, d("2026-11-16"));
}

#[test]
fn a_due_date_on_national_day_moves_past_the_holiday() {
    let (rules, cal) = setup();
    let mut f = facts(Tier::T1, "2020-03-02");
    f.last_contact = Some(Contact { on: d("2026-09-01"), next_on: None });
    // 09-01 + 30 = 10-01, closed through 10-07 (and the weekend) → Thu 10-08
    assert_eq!(routine(&f, &rules, &cal).unwrap().due_on, d("2026-10-08"));
}

#[test]
fn dormant_and_closed_customers_leave_the_routine_plan() {
    let (rules, cal) = setup();
    let today = d("2026-11-30");
    let open = vec![OpenPlan {
        id: "r".into(),
        reason: CallbackReason::Routine,
        trigger: String::new(),
        due_on: d("2026-12-10"),
        tries: 0,
    }];
    for status in [CustomerStatus::Dormant, CustomerStatus::Closed] {
        let mut f = facts(Tier::T3, "2020-03-02");
        f.status = status;
        assert_eq!(routine(&f, &rules, &cal), None);
        assert_eq!(
            reconcile(&f, &open, &rules, &cal, today, |_, _| false),
            vec![Change::Cancel { id: "r".into() }],
            "{status:?}"
        );
    }
    // a closed customer's event callbacks go too; a dormant one's stay
    let ev = OpenPlan {
        id: "e".into(),
        reason: CallbackReason::LevelChanged,
        trigger: "2026-11-27:C4".into(),
        due_on: d("2026-12-01"),
        tries: 0,
    };
    let mut f = facts(Tier::T3, "2020-03-02");
    f.status = CustomerStatus::Closed;
    assert_eq!(
        reconcile(&f, std::slice::from_ref(&ev), &rules, &cal, today, |_, _| false),
        vec![Change::Cancel { id: "e".into() }]
    );
    f.status = CustomerStatus::Dormant;
    assert_eq!(reconcile(&f, &[ev], &rules, &cal, today, |_, _| false), vec![]);
}

#[test]
fn a_tier_change_replans_the_routine_callback() {
    let (rules, cal) = setup();
    let today = d("2026-11-30");
    let mut f = facts(Tier::T4, "2020-03-02");
    f.last_contact = Some(Contact { on: d("2026-11-02"), next_on: None });
    let t4_due = routine(&f, &rules, &cal).unwrap().due_on; // +180 = Sat 2027-05-01 → 05-03..05 closed → Thu 05-06
    assert_eq!(t4_due, d("2027-05-06"));
    let open = vec![OpenPlan {
        id: "r".into(),
        reason: CallbackReason::Routine,
        trigger: String::new(),
        due_on: t4_due,
        tries: 0,
    }];
    assert_eq!(reconcile(&f, &open, &rules, &cal, today, |_, _| false), vec![], "nothing changed");
    f.tier = Tier::T1; // +30 = Wed 12-02
    assert_eq!(
        reconcile(&f, &open, &rules, &cal, today, |_, _| false),
        vec![Change::Reschedule { id: "r".into(), reason: CallbackReason::Routine, due_on: d("2026-12-02") }]
    );
    // a callback being retried keeps its retry date
    let retried = vec![OpenPlan { tries: 1, due_on: d("2026-12-01"), ..open[0].clone() }];
    assert_eq!(reconcile(&f, &retried, &rules, &cal, today, |_, _| false), vec![]);
}

#[test]
fn elderly_customer_holding_r4_is_called_at_least_every_30_days() {
    let (rules, cal) = setup();
    let mut f = facts(Tier::T4, "2026-01-05");
    f.age = Some(66);
    f.highest_holding = Some(ProductRisk::R4);
    assert_eq!(cadence(&f, &rules), (CallbackReason::ElderlyHighRisk, 30));
    assert_eq!(routine(&f, &rules, &cal).unwrap().due_on, d("2026-02-04"));
    f.age = Some(60);
    assert_eq!(cadence(&f, &rules), (CallbackReason::ElderlyHighRisk, 30), "60 is elderly");
    f.age = Some(59);
    assert_eq!(cadence(&f, &rules), (CallbackReason::Routine, 180));
    f.age = Some(70);
    f.highest_holding = Some(ProductRisk::R3);
    assert_eq!(cadence(&f, &rules), (CallbackReason::Routine, 180), "R3 is not high risk");
    f.highest_holding = Some(ProductRisk::R5);
    f.tier = Tier::T1;
    assert_eq!(cadence(&f, &rules), (CallbackReason::Routine, 30), "T1 is already monthly");
    f.age = None;
    f.tier = Tier::T2;
    assert_eq!(cadence(&f, &rules), (CallbackReason::Routine, 60), "unknown age");
}

#[test]
fn new_account_callback_within_30_days_of_opening() {
    let (rules, cal) = setup();
    let today = d("2026-11-30");
    // opened Mon 11-16: due 12-16 (Wed)
    let ev = events(&facts(Tier::T4, "2026-11-16"), &rules, &cal, today);
    assert_eq!(
        ev,
        vec![Desired { reason: CallbackReason::NewAccount, trigger: "2026-11-16".into(), due_on: d("2026-12-16") }]
    );
    // opened exactly 30 days ago still counts; 31 days ago is routine territory
    assert_eq!(events(&facts(Tier::T4, "2026-10-31"), &rules, &cal, today).len(), 1);
    assert_eq!(events(&facts(Tier::T4, "2026-10-30"), &rules, &cal, today), vec![]);
    // a call since the opening covers it; one before it (impossible, but) does not
    let mut f = facts(Tier::T4, "2026-11-16");
    f.last_contact = Some(Contact { on: d("2026-11-16"), next_on: None });
    assert_eq!(events(&f, &rules, &cal, today), vec![]);
    f.last_contact = Some(Contact { on: d("2026-11-15"), next_on: None });
    assert_eq!(events(&f, &rules, &cal, today).len(), 1);
}

#[test]
fn level_change_and_confirmed_mismatch_within_2_trading_days() {
    let (rules, cal) = setup();
    let today = d("2026-11-30");
    let mut f = facts(Tier::T3, "2020-03-02");
    f.level_changes = vec![Event { on: d("2026-11-27"), key: "2026-11-27:C4".into() }]; // Fri → Tue 12-01
    f.confirmed_mismatches = vec![Event { on: d("2026-09-29"), key: "old".into() }]; // 62 days ago: history
    let ev = events(&f, &rules, &cal, today);
    assert_eq!(
        ev,
        vec![Desired {
            reason: CallbackReason::LevelChanged,
            trigger: "2026-11-27:C4".into(),
            due_on: d("2026-12-01")
        }]
    );
    f.confirmed_mismatches = vec![Event { on: d("2026-11-30"), key: "a1".into() }]; // Mon → Wed 12-02
    let ev = events(&f, &rules, &cal, today);
    assert_eq!(ev[1].reason, CallbackReason::MismatchConfirmed);
    assert_eq!(ev[1].due_on, d("2026-12-02"));
}

#[test]
fn replanning_twice_changes_nothing() {
    let (rules, cal) = setup();
    let today = d("2026-11-30");
    let mut f = facts(Tier::T2, "2026-11-16");
    f.level_changes = vec![Event { on: d("2026-11-27"), key: "2026-11-27:C4".into() }];
    // first run: routine + new account + level change
    let mut open: Vec<OpenPlan> = Vec::new();
    let mut planned: Vec<(CallbackReason, String)> = Vec::new();
    let first = reconcile(&f, &open, &rules, &cal, today, |_, _| false);
    assert_eq!(first.len(), 3);
    for (i, c) in first.into_iter().enumerate() {
        if let Change::Insert(w) = c {
            planned.push((w.reason, w.trigger.clone()));
            open.push(OpenPlan { id: i.to_string(), reason: w.reason, trigger: w.trigger, due_on: w.due_on, tries: 0 });
        }
    }
    let known = |r: CallbackReason, t: &str| planned.iter().any(|(pr, pt)| *pr == r && pt == t);
    assert_eq!(reconcile(&f, &open, &rules, &cal, today, known), vec![]);
    // the level-change callback was done: it is not planned again
    open.retain(|o| o.reason != CallbackReason::LevelChanged);
    assert_eq!(reconcile(&f, &open, &rules, &cal, today, known), vec![]);
}

#[test]
fn not_reached_is_retried_the_next_business_day_three_tries_in_all() {
    let (rules, cal) = setup();
    let fri = d("2026-11-27");
    assert_eq!(
        after_call(CallOutcome::NotReached, 0, &rules, &cal, fri),
        AfterCall::Retry { tries: 1, due_on: d("2026-11-30") }
    );
    assert_eq!(
        after_call(CallOutcome::NotReached, 1, &rules, &cal, d("2026-11-30")),
        AfterCall::Retry { tries: 2, due_on: d("2026-12-01") }
    );
    assert_eq!(after_call(CallOutcome::NotReached, 2, &rules, &cal, d("2026-12-01")), AfterCall::Stays { tries: 3 });
    assert_eq!(after_call(CallOutcome::NotReached, 3, &rules, &cal, d("2026-12-02")), AfterCall::Stays { tries: 4 });
    assert_eq!(after_call(CallOutcome::WrongNumber, 0, &rules, &cal, fri), AfterCall::Stays { tries: 1 });
    assert_eq!(after_call(CallOutcome::Reached, 2, &rules, &cal, fri), AfterCall::Done);
    assert_eq!(after_call(CallOutcome::Refused, 0, &rules, &cal, fri), AfterCall::Done);
    // the day before National Day: retry after the holiday
    assert_eq!(
        after_call(CallOutcome::NotReached, 0, &rules, &cal, d("2026-09-30")),
        AfterCall::Retry { tries: 1, due_on: d("2026-10-08") }
    );
}

#[test]
fn agenda_buckets() {
    let today = d("2026-11-30");
    assert_eq!(bucket(d("2026-11-27"), today, 7), Some(Bucket::Overdue(3)));
    assert_eq!(bucket(d("2026-11-29"), today, 7), Some(Bucket::Overdue(1)));
    assert_eq!(bucket(today, today, 7), Some(Bucket::Today));
    assert_eq!(bucket(d("2026-12-01"), today, 7), Some(Bucket::Upcoming(1)));
    assert_eq!(bucket(d("2026-12-07"), today, 7), Some(Bucket::Upcoming(7)));
    assert_eq!(bucket(d("2026-12-08"), today, 7), None);
}

#[test]
fn coverage_arithmetic() {
    let c = |active, reached| Coverage { active_at_start: active, reached };
    assert_eq!((c(40, 4).share_pct(), c(40, 4).meets_10pct(), c(40, 4).share_bp()), ("10.0".into(), true, 1000));
    // 4/41 = 9.756% → 9.8, 976 bp, not met
    assert_eq!((c(41, 4).share_pct(), c(41, 4).meets_10pct(), c(41, 4).share_bp()), ("9.8".into(), false, 976));
    assert_eq!(c(7, 3).share_pct(), "42.9"); // 42.857
    assert_eq!(c(8, 1).share_pct(), "12.5");
    assert_eq!((c(0, 0).share_pct(), c(0, 0).meets_10pct()), ("0.0".into(), false));
    assert_eq!(c(3, 3).share_pct(), "100.0");
}

#[test]
fn codes_and_labels_round_trip() {
    for r in CallbackReason::ALL {
        assert_eq!(CallbackReason::parse(r.code()), Some(*r));
        assert_eq!(CallbackReason::parse(r.label_zh()), Some(*r));
    }
    assert_eq!(Channel::parse("微信"), Some(Channel::WeChat));
    assert_eq!(CallOutcome::parse("wrong_number"), Some(CallOutcome::WrongNumber));
    assert!(CallOutcome::Refused.is_contact() && !CallOutcome::WrongNumber.is_contact());
    assert!(CallbackReason::ElderlyHighRisk.is_routine() && !CallbackReason::NewAccount.is_routine());
}
