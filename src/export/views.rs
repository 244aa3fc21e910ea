//! Each view's rows as a [`Table`], read through the store's list queries (the same the screens
//! run), and the words of the scope sheet (scope, filters, sort).

use chrono::NaiveDate;
use rusqlite::Connection;

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
    col("customer_id", "资金账号", "Account"),
    col("name", "客户姓名", "Name"),
    col("kind", "客户类型", "Kind"),
    col("gender", "性别", "Gender"),
    col("birth_date", "出生日期", "Birth date"),
    col("id_number", "证件号码", "ID number"),
    col("mobile", "手机号码", "Mobile"),
    col("manager_id", "客户经理编号", "Manager"),
    col("opened_on", "开户日期", "Opened"),
    col("investor_class", "投资者类别", "Investor class"),
    col("status", "状态", "Status"),
    col("tier", "服务等级", "Tier"),
    col("risk_level", "风险等级", "Risk level"),
    col("risk_type", "风险类型", "Risk type"),
    col("valid_until", "测评有效期至", "Assessment valid until"),
    col("total_assets", "资产总值(元)", "Total assets (yuan)"),
    col("contribution_12m", "贡献12月(元)", "Contribution 12m (yuan)"),
    col("next_callback", "下次回访", "Next callback"),
    col("open_alerts", "未处理预警", "Open alerts"),
];

/// The columns of the holdings export: the `holdings` import's columns, then names and values.
pub const HOLDING_COLUMNS: [Column; 13] = [
    col("customer_id", "资金账号", "Account"),
    col("as_of", "统计日期", "As of"),
    col("code", "证券代码", "Code"),
    col("quantity", "持仓数量", "Quantity"),
    col("cost_price", "成本价", "Cost price"),
    col("customer_name", "客户姓名", "Customer"),
    col("manager_id", "客户经理编号", "Manager"),
    col("security_name", "证券名称", "Security"),
    col("risk_rating", "产品风险等级", "Product risk"),
    col("close", "收盘价", "Close"),
    col("close_on", "收盘日", "Close date"),
    col("market_value", "市值(元)", "Market value (yuan)"),
    col("cost_value", "成本(元)", "Cost (yuan)"),
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
    conn: &Connection,
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
                col("tier", "服务等级", "Tier"),
                col("risk_type", "风险类型", "Risk type"),
                col("customers", "客户数", "Customers"),
                col("total_assets", "资产总值(元)", "Total assets (yuan)"),
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
                col("axis", "维度", "Axis"),
                col("segment", "分类", "Segment"),
                col("tier", "服务等级", "Tier"),
                col("customers", "客户数", "Customers"),
                col("total_assets", "资产总值(元)", "Total assets (yuan)"),
                col("threshold", "阈值", "Threshold"),
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
                col("customer_id", "资金账号", "Account"),
                col("name", "客户姓名", "Name"),
                col("manager_id", "客户经理编号", "Manager"),
                col("tier", "服务等级", "Tier"),
                col("mobile", "手机号码", "Mobile"),
                col("due_on", "应回访日", "Due"),
                col("first_due_on", "首次到期日", "First due"),
                col("reason", "原因", "Reason"),
                col("tries", "尝试次数", "Tries"),
                col("overdue_days", "逾期天数", "Days overdue"),
                col("wrong_number", "号码错误", "Wrong number"),
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
                col("customer_id", "资金账号", "Account"),
                col("name", "客户姓名", "Name"),
                col("manager_id", "记录人", "Logged by"),
                col("called_on", "回访日期", "Called on"),
                col("logged_at", "记录时间", "Logged at"),
                col("reason", "原因", "Reason"),
                col("channel", "方式", "Channel"),
                col("outcome", "结果", "Outcome"),
                col("try_no", "第几次", "Try"),
                col("note", "备注", "Note"),
                col("next_on", "下次回访", "Next"),
                col("id", "记录编号", "Record id"),
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
                col("customer_id", "资金账号", "Account"),
                col("name", "客户姓名", "Name"),
                col("manager_id", "客户经理编号", "Manager"),
                col("rule", "规则", "Rule"),
                col("severity", "程度", "Severity"),
                col("subject", "标的", "Subject"),
                col("status", "状态", "Status"),
                col("first_seen", "首次发现", "First seen"),
                col("last_seen", "最近发现", "Last seen"),
                col("message", "说明", "Message"),
                col("actor", "处理人", "Handled by"),
                col("note", "处理说明", "Note"),
                col("resolved_at", "解决时间", "Resolved at"),
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
                col("customer_id", "资金账号", "Account"),
                col("level", "风险等级", "Level"),
                col("score", "得分", "Score"),
                col("lowest", "最低类别", "Lowest"),
                col("assessed_on", "测评日期", "Assessed on"),
                col("valid_until", "有效期至", "Valid until"),
                col("state", "状态", "State"),
                col("source", "来源", "Source"),
                col("manager_id", "测评人", "Assessed by"),
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
                col("at", "时间", "At"),
                col("actor", "操作人", "Actor"),
                col("action", "操作", "Action"),
                col("entity", "对象", "Entity"),
                col("customer", "客户", "Customer"),
                col("change", "变更", "Change"),
                col("record_id", "记录编号", "Record id"),
                col("installation", "安装编号", "Installation"),
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
    conn: &Connection,
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
