//! The words of the XLSX scope sheet (说明): the scope, the filters in force and the sort, as
//! the screens name them.

use crate::store::db::Db;
use chrono::NaiveDate;

use super::Request;
use crate::session::Lang;
use crate::store::alerts::StatusFilter;
use crate::store::book::Scope;

/// 全营业部, or the manager as `陈芳丽(M03)`; the audit log is the branch's.
pub fn scope_label(conn: &Db, scope: Option<&Scope>, lang: Lang) -> anyhow::Result<String> {
    Ok(match scope {
        None | Some(Scope::Branch) => tr!(lang, WHOLE_BRANCH).to_string(),
        Some(Scope::Manager(id)) => match crate::store::managers::get(conn, id)? {
            Some(m) => format!("{}({})", m.name, m.manager_id),
            None => id.clone(),
        },
    })
}

/// The filters in force as `(name, value)` pairs, in the screen's words.
pub fn describe_filters(request: &Request, lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |zh: &str, en: &str, v: String| out.push((lang.pick(zh, en).to_string(), v));
    match request {
        Request::Customers { filter: f, .. } => {
            if let Some(t) = f.tier {
                add("等级", "tier", t.code().to_string());
            }
            if let Some(c) = f.column {
                add("类型", "type", lang.pick(c.label_zh(), c.label_en()).to_string());
            }
            if let Some(l) = f.level {
                add("风险等级", "level", l.code().to_string());
            }
            if !f.text.trim().is_empty() {
                add("搜索", "search", f.text.trim().to_string());
            }
            if f.with_alerts {
                add("预警", "alerts", tr!(lang, WITH_OPEN_ALERTS).to_string());
            }
            if let Some(v) = f.validity {
                add("测评", "assessment", v.label(lang));
            }
        }
        Request::Callbacks { filter: f } => {
            if let Some(r) = f.reason {
                add("原因", "reason", lang.pick(r.label_zh(), r.label_en()).to_string());
            }
            if f.overdue_only {
                add("逾期", "overdue", tr!(lang, OVERDUE_ONLY).to_string());
            }
            if f.from.is_some() || f.to.is_some() {
                add("应回访日", "due", range(f.from, f.to));
            }
        }
        Request::Calls { filter: f } => {
            if let Some(o) = f.outcome {
                add("结果", "outcome", lang.pick(o.label_zh(), o.label_en()).to_string());
            }
            if f.from.is_some() || f.to.is_some() {
                add("回访日期", "called", range(f.from, f.to));
            }
        }
        Request::Alerts { filter: f } => {
            if let Some(r) = f.rule {
                add("规则", "rule", lang.pick(r.label_zh(), r.label_en()).to_string());
            }
            if let Some(s) = f.severity {
                add("程度", "severity", lang.pick(s.label_zh(), s.label_en()).to_string());
            }
            let status = match f.status {
                StatusFilter::Unresolved => tr!(lang, UNRESOLVED).to_string(),
                StatusFilter::Only(s) => lang.pick(s.label_zh(), s.label_en()).to_string(),
                StatusFilter::All => tr!(lang, ALL).to_string(),
            };
            add("状态", "status", status);
        }
        Request::Audit { filter: f } => {
            if let Some(a) = &f.actor {
                add("操作人", "actor", a.clone());
            }
            if let Some(c) = &f.customer {
                add("客户", "customer", c.clone());
            }
            if let Some(a) = &f.action {
                add("操作", "action", crate::store::audit::action_label(a, lang));
            }
            if let Some(d) = f.from {
                add("起始日", "from", d.to_string());
            }
            if let Some(d) = f.to {
                add("截止日", "to", d.to_string());
            }
        }
        Request::SegmentAxis { axis, .. } => {
            add("维度", "axis", lang.pick(axis.label_zh(), axis.label_en()).to_string());
        }
        Request::Segments { .. } | Request::Holdings { .. } | Request::Assessments { .. } => {}
    }
    out
}

fn range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("{} ~ {}", d(from), d(to))
}

/// The sort order of the rows, in the screen's words.
pub fn describe_sort(request: &Request, lang: Lang) -> String {
    match request {
        Request::Customers { sort, .. } => lang.pick(sort.label_zh(), sort.label_en()).to_string(),
        Request::Segments { .. } => tr!(lang, TIER_TYPE).into(),
        Request::SegmentAxis { .. } => tr!(lang, TIER_SEGMENT).into(),
        Request::Holdings { .. } => tr!(lang, ACCOUNT_CODE).into(),
        Request::Callbacks { .. } => tr!(lang, DUE_DATE_EARLIEST_FIRST).into(),
        Request::Calls { .. } => tr!(lang, CALL_DATE_NEWEST_FIRST).into(),
        Request::Alerts { .. } => tr!(lang, SEVERITY_THEN_OLDEST_FIRST).into(),
        Request::Assessments { .. } => tr!(lang, ACCOUNT).into(),
        Request::Audit { .. } => tr!(lang, TIME_NEWEST_FIRST).into(),
    }
}
