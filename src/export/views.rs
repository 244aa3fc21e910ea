//! Each view's rows as a [`Table`], read through the store's list queries (the same the screens
//! run), and the words of the scope sheet (scope, filters, sort).

use crate::store::db::Db;
use crate::i18n::{en::titles as et, zh::titles as zt};
use chrono::NaiveDate;

use super::{Column, Table, Value, View, col};
use crate::domain::mask::{mask_id_number, mask_mobile};
use crate::domain::risk::SegmentColumn;
use crate::domain::rules::Rules;
use crate::domain::tier::Tier;
use crate::session::Lang;
use crate::store::alerts::AlertFilter;
use crate::store::audit::AuditFilter;
use crate::store::book::{BookFilter, Scope, SortKey};
use crate::store::callbacks::lists::{LogFilter, PlanFilter};

/// What to export: a view with the filters (and sort) of its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Customers {
        filter: BookFilter,
        sort: SortKey,
    },
    Segments {
        scope: Scope,
    },
    /// The matrix on another axis (`x` on 分级分类; `export segments --axes …`): tier × segment.
    SegmentAxis {
        scope: Scope,
        axis: crate::domain::segment_axes::Axis,
    },
    Holdings {
        scope: Scope,
    },
    Callbacks {
        filter: PlanFilter,
    },
    Calls {
        filter: LogFilter,
    },
    Alerts {
        filter: AlertFilter,
    },
    Assessments {
        scope: Scope,
    },
    Audit {
        filter: AuditFilter,
    },
}

impl Request {
    /// The view exported.
    pub fn view(&self) -> View {
        match self {
            Request::Customers { .. } => View::Customers,
            Request::Segments { .. } | Request::SegmentAxis { .. } => View::Segments,
            Request::Holdings { .. } => View::Holdings,
            Request::Callbacks { .. } => View::Callbacks,
            Request::Calls { .. } => View::Calls,
            Request::Alerts { .. } => View::Alerts,
            Request::Assessments { .. } => View::Assessments,
            Request::Audit { .. } => View::Audit,
        }
    }
    /// The book exported (`None` for the audit log, which is the branch's).
    pub fn scope(&self) -> Option<&Scope> {
        match self {
            Request::Customers { filter, .. } => Some(&filter.scope),
            Request::Segments { scope }
            | Request::SegmentAxis { scope, .. }
            | Request::Holdings { scope }
            | Request::Assessments { scope } => Some(scope),
            Request::Callbacks { filter } => Some(&filter.scope),
            Request::Calls { filter } => Some(&filter.scope),
            Request::Alerts { filter } => Some(&filter.scope),
            Request::Audit { .. } => None,
        }
    }
    /// `view` with no filters in `scope` (the CLI adds its filters to the customers').
    pub fn plain(view: View, scope: Scope) -> Request {
        match view {
            View::Customers => {
                Request::Customers { filter: BookFilter { scope, ..BookFilter::default() }, sort: SortKey::default() }
            }
            View::Segments => Request::Segments { scope },
            View::Holdings => Request::Holdings { scope },
            View::Callbacks => Request::Callbacks { filter: PlanFilter { scope, ..PlanFilter::default() } },
            View::Calls => Request::Calls { filter: LogFilter { scope, ..LogFilter::default() } },
            View::Alerts => Request::Alerts { filter: AlertFilter { scope, ..AlertFilter::default() } },
            View::Assessments => Request::Assessments { scope },
            View::Audit => Request::Audit { filter: AuditFilter::default() },
        }
    }
}

/// The columns of the customers export: the `customers` import's columns (SPEC §3), then the list's.
pub const CUSTOMER_COLUMNS: [Column; 19] = [
    col("customer_id", zt::ACCOUNT, et::ACCOUNT),
    col("name", zt::NAME_3, et::NAME_3),
    col("kind", zt::KIND, et::KIND),
    col("gender", zt::GENDER, et::GENDER),
    col("birth_date", zt::BIRTH_DATE, et::BIRTH_DATE),
    col("id_number", zt::ID_NUMBER, et::ID_NUMBER),
    col("mobile", zt::MOBILE_2, et::MOBILE_2),
    col("manager_id", zt::MANAGER_2, et::MANAGER_2),
    col("opened_on", zt::OPENED, et::OPENED),
    col("investor_class", zt::INVESTOR_CLASS, et::INVESTOR_CLASS),
    col("status", zt::STATUS, et::STATUS),
    col("tier", zt::TIER_3, et::TIER_3),
    col("risk_level", zt::RISK_LEVEL, et::RISK_LEVEL),
    col("risk_type", zt::RISK_TYPE, et::RISK_TYPE),
    col("valid_until", zt::ASSESSMENT_VALID_UNTIL, et::ASSESSMENT_VALID_UNTIL),
    col("total_assets", zt::TOTAL_ASSETS_YUAN, et::TOTAL_ASSETS_YUAN),
    col("contribution_12m", zt::CONTRIBUTION_12M_YUAN, et::CONTRIBUTION_12M_YUAN),
    col("next_callback", zt::NEXT_CALLBACK, et::NEXT_CALLBACK),
    col("open_alerts", zt::OPEN_ALERTS, et::OPEN_ALERTS),
];

/// The columns of the holdings export: the `holdings` import's columns, then names and values.
pub const HOLDING_COLUMNS: [Column; 13] = [
    col("customer_id", zt::ACCOUNT, et::ACCOUNT),
    col("as_of", zt::AS_OF, et::AS_OF),
    col("code", zt::CODE_2, et::CODE_2),
    col("quantity", zt::QUANTITY, et::QUANTITY),
    col("cost_price", zt::COST_PRICE, et::COST_PRICE),
    col("customer_name", zt::CUSTOMER_2, et::CUSTOMER_2),
    col("manager_id", zt::MANAGER_2, et::MANAGER_2),
    col("security_name", zt::SECURITY, et::SECURITY),
    col("risk_rating", zt::PRODUCT_RISK, et::PRODUCT_RISK),
    col("close", zt::CLOSE, et::CLOSE),
    col("close_on", zt::CLOSE_DATE, et::CLOSE_DATE),
    col("market_value", zt::MARKET_VALUE_YUAN, et::MARKET_VALUE_YUAN),
    col("cost_value", zt::COST_YUAN, et::COST_YUAN),
];

fn coded_lang(code: &'static str, zh: &str, en: &str, lang: Lang) -> Value {
    Value::Coded(code, lang.pick(zh, en).to_string())
}

fn tier_value(t: Tier, rules: &Rules, lang: Lang) -> Value {
    let r = rules.tier_rule(t);
    Value::Coded(t.code(), format!("{} {}", t.code(), lang.pick(&r.label_zh, &r.label_en)))
}

fn column_value(c: SegmentColumn, lang: Lang) -> Value {
    coded_lang(c.code(), c.label_zh(), c.label_en(), lang)
}

/// The table of `request` as of `today`; personal data masked when `masked`.
pub fn table(
    conn: &Db,
    request: &Request,
    today: NaiveDate,
    rules: &Rules,
    masked: bool,
    lang: Lang,
) -> anyhow::Result<Table> {
    let view = request.view();
    let (columns, rows): (Vec<Column>, Vec<Vec<Value>>) = match request {
        Request::Customers { filter, sort } => {
            (CUSTOMER_COLUMNS.to_vec(), customers(conn, filter, *sort, today, rules, masked, lang)?)
        }
        Request::Segments { scope } => {
            let m = crate::store::book::matrix(conn, scope, today)?;
            let mut rows = Vec::with_capacity(20);
            for tier in Tier::ALL {
                for c in SegmentColumn::ALL {
                    let cell = m.cell(tier, c);
                    rows.push(vec![
                        tier_value(tier, rules, lang),
                        column_value(c, lang),
                        Value::Int(cell.customers as i64),
                        Value::Money(cell.total_assets),
                    ]);
                }
            }
            let columns = vec![
                col("tier", zt::TIER_3, et::TIER_3),
                col("risk_type", zt::RISK_TYPE, et::RISK_TYPE),
                col("customers", zt::CUSTOMERS, et::CUSTOMERS),
                col("total_assets", zt::TOTAL_ASSETS_YUAN, et::TOTAL_ASSETS_YUAN),
            ];
            (columns, rows)
        }
        Request::SegmentAxis { scope, axis } => {
            // what `report segments --axes` gives (thresholds: branch medians or the rules' figures)
            let on = crate::store::accounts::statistics_date(conn)?.unwrap_or(today);
            let facts = crate::store::segments::branch_facts(conn, on, rules)?;
            let m = facts.matrix(*axis, scope);
            let threshold = crate::report::segments::threshold_text(*axis, &facts.thresholds);
            let mut rows = Vec::with_capacity(Tier::ALL.len() * axis.len());
            for tier in Tier::ALL {
                for segment in 0..axis.len() {
                    let cell = m.cell(Some(tier), Some(segment));
                    let label = axis.segment_label(segment, lang == Lang::En).unwrap_or_default();
                    rows.push(vec![
                        coded_lang(axis.code(), axis.label_zh(), axis.label_en(), lang),
                        Value::Coded(axis.segment_code(segment), label.to_string()),
                        tier_value(tier, rules, lang),
                        Value::Int(cell.customers as i64),
                        Value::Money(cell.total_assets),
                        Value::Text(threshold.clone()),
                    ]);
                }
            }
            let columns = vec![
                col("axis", zt::AXIS, et::AXIS),
                col("segment", zt::SEGMENT, et::SEGMENT),
                col("tier", zt::TIER_3, et::TIER_3),
                col("customers", zt::CUSTOMERS, et::CUSTOMERS),
                col("total_assets", zt::TOTAL_ASSETS_YUAN, et::TOTAL_ASSETS_YUAN),
                col("threshold", zt::THRESHOLD, et::THRESHOLD),
            ];
            (columns, rows)
        }
        Request::Holdings { scope } => {
            let rows = crate::store::holdings::latest_of_scope(conn, scope)?
                .into_iter()
                .map(|l| {
                    let v = l.valued;
                    // the rating in force: the security file's own, else the firm's default rules
                    // (SPEC §4.5), as the customer screen and the suitability alert use it
                    let rating = crate::domain::rating::effective_rating(&v.security, &rules.product_ratings);
                    vec![
                        Value::Text(v.holding.customer_id),
                        Value::Date(v.holding.as_of),
                        Value::Text(v.holding.code),
                        Value::Int(v.holding.quantity),
                        Value::Price(v.holding.cost_price),
                        Value::Text(l.customer_name),
                        Value::Text(l.manager_id),
                        Value::Text(v.security.name),
                        // the rating in force: the security file's own, else the firm's default rules
                        // (SPEC §4.5), as the customer screen and the suitability alert use it
                        Value::Text(rating.code().to_string()),
                        v.close.map_or(Value::Empty, |c| Value::Price(c.1)),
                        Value::date(v.close.map(|c| c.0)),
                        Value::Money(v.market_value),
                        Value::Money(v.cost_value),
                    ]
                })
                .collect();
            (HOLDING_COLUMNS.to_vec(), rows)
        }
        Request::Callbacks { filter } => {
            let rows = crate::store::callbacks::lists::open_page(conn, filter, today, 0, i64::MAX as usize)?
                .into_iter()
                .map(|p| {
                    let overdue = (today - p.first_due_on).num_days().max(0);
                    vec![
                        Value::Text(p.customer_id),
                        Value::Text(p.name),
                        Value::Text(p.manager_id),
                        tier_value(p.tier, rules, lang),
                        Value::text(p.mobile.map(|m| if masked { mask_mobile(&m) } else { m })),
                        Value::Date(p.due_on),
                        Value::Date(p.first_due_on),
                        coded_lang(p.reason.code(), p.reason.label_zh(), p.reason.label_en(), lang),
                        Value::Int(i64::from(p.tries)),
                        Value::Int(overdue),
                        if p.wrong_number { coded_lang("true", "是", "yes", lang) } else { Value::Empty },
                    ]
                })
                .collect();
            let columns = vec![
                col("customer_id", zt::ACCOUNT, et::ACCOUNT),
                col("name", zt::NAME_3, et::NAME_3),
                col("manager_id", zt::MANAGER_2, et::MANAGER_2),
                col("tier", zt::TIER_3, et::TIER_3),
                col("mobile", zt::MOBILE_2, et::MOBILE_2),
                col("due_on", zt::DUE_2, et::DUE_2),
                col("first_due_on", zt::FIRST_DUE, et::FIRST_DUE),
                col("reason", zt::REASON, et::REASON),
                col("tries", zt::TRIES, et::TRIES),
                col("overdue_days", zt::DAYS_OVERDUE, et::DAYS_OVERDUE),
                col("wrong_number", zt::WRONG_NUMBER, et::WRONG_NUMBER),
            ];
            (columns, rows)
        }
        Request::Calls { filter } => {
            let rows = crate::store::callbacks::lists::log_page(conn, filter, 0, i64::MAX as usize)?
                .into_iter()
                .map(|l| {
                    let logged_at = crate::store::callbacks::lists::logged_at_local(&l.logged_at);
                    vec![
                        Value::Text(l.customer_id),
                        Value::Text(l.name),
                        Value::Text(l.manager_id),
                        Value::Date(l.called_on),
                        Value::Text(logged_at),
                        l.reason.map_or(Value::Empty, |r| coded_lang(r.code(), r.label_zh(), r.label_en(), lang)),
                        coded_lang(l.channel.code(), l.channel.label_zh(), l.channel.label_en(), lang),
                        coded_lang(l.outcome.code(), l.outcome.label_zh(), l.outcome.label_en(), lang),
                        Value::Int(i64::from(l.try_no)),
                        Value::Text(l.note),
                        Value::date(l.next_on),
                        Value::Text(l.id),
                    ]
                })
                .collect();
            let columns = vec![
                col("customer_id", zt::ACCOUNT, et::ACCOUNT),
                col("name", zt::NAME_3, et::NAME_3),
                col("manager_id", zt::LOGGED_BY, et::LOGGED_BY),
                col("called_on", zt::CALLED_ON, et::CALLED_ON),
                col("logged_at", zt::LOGGED_AT, et::LOGGED_AT),
                col("reason", zt::REASON, et::REASON),
                col("channel", zt::CHANNEL, et::CHANNEL),
                col("outcome", zt::OUTCOME, et::OUTCOME),
                col("try_no", zt::TRY_3, et::TRY_3),
                col("note", zt::NOTE, et::NOTE),
                col("next_on", zt::NEXT, et::NEXT),
                col("id", zt::RECORD_ID, et::RECORD_ID),
            ];
            (columns, rows)
        }
        Request::Alerts { filter } => {
            let rows = crate::store::alerts::page(conn, filter, 0, i64::MAX as usize)?
                .into_iter()
                .map(|a| {
                    let message = a.message(lang).to_string();
                    vec![
                        Value::Text(a.customer_id),
                        Value::Text(a.customer_name),
                        Value::Text(a.manager_id),
                        coded_lang(a.rule.code(), a.rule.label_zh(), a.rule.label_en(), lang),
                        coded_lang(a.severity.code(), a.severity.label_zh(), a.severity.label_en(), lang),
                        Value::Text(a.subject),
                        coded_lang(a.status.code(), a.status.label_zh(), a.status.label_en(), lang),
                        Value::Date(a.first_seen),
                        Value::Date(a.last_seen),
                        Value::Text(message),
                        Value::text(a.actor),
                        Value::Text(a.note),
                        Value::text(a.resolved_at.map(|t| crate::store::callbacks::lists::logged_at_local(&t))),
                    ]
                })
                .collect();
            let columns = vec![
                col("customer_id", zt::ACCOUNT, et::ACCOUNT),
                col("name", zt::NAME_3, et::NAME_3),
                col("manager_id", zt::MANAGER_2, et::MANAGER_2),
                col("rule", zt::RULE, et::RULE),
                col("severity", zt::SEVERITY, et::SEVERITY),
                col("subject", zt::SUBJECT, et::SUBJECT),
                col("status", zt::STATUS, et::STATUS),
                col("first_seen", zt::FIRST_SEEN, et::FIRST_SEEN),
                col("last_seen", zt::LAST_SEEN, et::LAST_SEEN),
                col("message", zt::MESSAGE, et::MESSAGE),
                col("actor", zt::HANDLED_BY, et::HANDLED_BY),
                col("note", zt::NOTE_2, et::NOTE_2),
                col("resolved_at", zt::RESOLVED_AT, et::RESOLVED_AT),
            ];
            (columns, rows)
        }
        Request::Assessments { scope } => {
            use crate::domain::assessment::ReportState;
            let rows = crate::store::assessments::latest_per_customer(conn, scope)?
                .into_iter()
                .map(|l| {
                    let state = ReportState::of(
                        l.professional,
                        l.valid_until,
                        today,
                        l.expiring_days.unwrap_or(rules.assessment.expiring_days),
                    );
                    vec![
                        Value::Text(l.customer_id),
                        l.level
                            .map_or(Value::Empty, |x| Value::Coded(x.code(), format!("{} {}", x.code(), x.label_zh()))),
                        l.score.map_or(Value::Empty, |s| Value::Int(i64::from(s))),
                        if l.lowest {
                            coded_lang("true", "是", "yes", lang)
                        } else {
                            coded_lang("false", "", "", lang)
                        },
                        Value::date(l.assessed_on),
                        Value::date(l.valid_until),
                        Value::Coded(state.code(), state_label(state, lang).to_string()),
                        l.source.map_or(Value::Empty, |s| {
                            Value::Coded(s.code(), lang.pick(s.label_zh(), s.code()).to_string())
                        }),
                        Value::text(l.manager_id),
                    ]
                })
                .collect();
            let columns = vec![
                col("customer_id", zt::ACCOUNT, et::ACCOUNT),
                col("level", zt::LEVEL, et::LEVEL),
                col("score", zt::SCORE, et::SCORE),
                col("lowest", zt::LOWEST, et::LOWEST),
                col("assessed_on", zt::ASSESSED_ON, et::ASSESSED_ON),
                col("valid_until", zt::VALID_UNTIL, et::VALID_UNTIL),
                col("state", zt::STATE, et::STATE),
                col("source", zt::SOURCE, et::SOURCE),
                col("manager_id", zt::ASSESSED_BY, et::ASSESSED_BY),
            ];
            (columns, rows)
        }
        Request::Audit { filter } => {
            // what the 审计 screen shows with the same filter, newest first, every row, in words
            // (report/audit.rs): people and customers by name, the change as text, China time
            use crate::report::audit as words;
            let managers = crate::store::managers::list(conn)?;
            let manager = |id: &str| managers.iter().find(|m| m.manager_id == id).map(|m| format!("{}({id})", m.name));
            let n = crate::store::audit::count(conn, filter)?;
            let rows = crate::store::audit::query(conn, filter, 0, n)?
                .into_iter()
                .map(|a| {
                    let action = crate::store::audit::ACTIONS
                        .iter()
                        .find(|(c, _, _)| *c == a.action)
                        .map_or(Value::Text(a.action.clone()), |(c, zh, en)| {
                            Value::Coded(c, lang.pick(zh, en).to_string())
                        });
                    vec![
                        words::local_time(&a).map_or_else(|| Value::Text(a.at.clone()), Value::DateTime),
                        Value::Text(words::who_text(&a)),
                        action,
                        Value::Text(words::entity_text(&a, lang)),
                        Value::Text(words::customer_text(&a)),
                        Value::Text(words::change_text(&a, &manager, lang)),
                        Value::Text(a.record_id),
                        Value::Text(a.installation),
                    ]
                })
                .collect();
            let columns = vec![
                col("at", zt::AT, et::AT),
                col("actor", zt::ACTOR, et::ACTOR),
                col("action", zt::ACTION, et::ACTION),
                col("entity", zt::ENTITY, et::ENTITY),
                col("customer", zt::CUSTOMER, et::CUSTOMER),
                col("change", zt::CHANGE, et::CHANGE),
                col("record_id", zt::RECORD_ID, et::RECORD_ID),
                col("installation", zt::INSTALLATION, et::INSTALLATION),
            ];
            (columns, rows)
        }
    };
    Ok(Table { view, columns, rows })
}

fn state_label(s: crate::domain::assessment::ReportState, lang: Lang) -> &'static str {
    use crate::domain::assessment::ReportState as S;
    match s {
        S::Valid => tr!(lang, VALID),
        S::Expiring => tr!(lang, EXPIRING),
        S::Expired => tr!(lang, EXPIRED),
        S::Never => tr!(lang, NEVER),
        S::Professional => tr!(lang, PROFESSIONAL),
    }
}

/// The customer list's rows (the same ids, in the same order, as the screen's list).
fn customers(
    conn: &Db,
    filter: &BookFilter,
    sort: SortKey,
    today: NaiveDate,
    rules: &Rules,
    masked: bool,
    lang: Lang,
) -> anyhow::Result<Vec<Vec<Value>>> {
    let ids = crate::store::book::ids(conn, filter, sort, today)?;
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        for b in crate::store::book::rows_for_ids(conn, chunk, today)? {
            let Some(c) = crate::store::customers::get(conn, &b.customer_id)? else { continue };
            let id_number = if masked { mask_id_number(&c.id_number) } else { c.id_number };
            let mobile = c.mobile.map(|m| if masked { mask_mobile(&m) } else { m });
            out.push(vec![
                Value::Text(c.customer_id),
                Value::Text(c.name),
                Value::Coded(c.kind.code(), lang.pick(c.kind.label_zh(), c.kind.code()).to_string()),
                c.gender
                    .map_or(Value::Empty, |g| Value::Coded(g.code(), lang.pick(g.label_zh(), g.code()).to_string())),
                // the birth date is in the ID number: masked with it
                if masked { Value::Empty } else { Value::date(c.birth_date) },
                Value::Text(id_number),
                Value::text(mobile),
                Value::Text(c.manager_id),
                Value::Date(c.opened_on),
                Value::Coded(
                    c.investor_class.code(),
                    lang.pick(c.investor_class.label_zh(), c.investor_class.code()).to_string(),
                ),
                Value::Coded(c.status.code(), lang.pick(c.status.label_zh(), c.status.code()).to_string()),
                tier_value(b.tier, rules, lang),
                b.risk_level.map_or(Value::Empty, |l| Value::Coded(l.code(), format!("{} {}", l.code(), l.label_zh()))),
                column_value(b.column, lang),
                Value::date(b.valid_until),
                Value::Money(b.total_assets),
                Value::Money(b.contribution),
                Value::date(b.next_callback),
                Value::Int(i64::from(b.open_alerts)),
            ]);
        }
    }
    Ok(out)
}
