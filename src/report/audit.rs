//! How an audit row reads to a person (the 审计 screen and the audit export, CSV and XLSX): the
//! change as words (`状态 未处理 → 已知悉`, `客户经理 李娜(M01) → 王强(M02)`), people and
//! customers by name where the store knows them, the instant in China time. Pure: the caller
//! passes the row (with the names its query joined) and a manager-name lookup.
//!
//! The stored values stay as written (codes, the export's JSON): this module only reads them, and
//! anything it does not recognise is shown as stored.

use chrono::NaiveDateTime;

use crate::domain::alerts::AlertStatus;
use crate::domain::model::InvestorClass;
use crate::domain::risk::RiskLevel;
use crate::domain::schedule::{CallOutcome, Channel};
use crate::session::Lang;
use crate::store::audit::AuditRow;

/// The row's instant as a China-time date and time (`None` when the stored text does not parse).
pub fn local_time(r: &AuditRow) -> Option<NaiveDateTime> {
    r.instant().map(|t| t.with_timezone(&crate::clock::china_offset()).naive_local())
}

/// `2026-11-29 10:00` (China time), or the stored text when it does not parse.
pub fn time_text(r: &AuditRow) -> String {
    local_time(r).map_or_else(|| r.at.clone(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

/// The person who made the change: `刘峰凯(M01)`, or the id alone when no manager has it
/// (`demo`, a deleted manager).
pub fn who_text(r: &AuditRow) -> String {
    match &r.actor_name {
        Some(n) => format!("{n}({})", r.actor),
        None => r.actor.clone(),
    }
}

/// The customer the change concerns: `张三(310800100007)`, the id alone when the name is not
/// known, empty when the change concerns no customer (an import, an export).
pub fn customer_text(r: &AuditRow) -> String {
    match (&r.customer_name, &r.customer_id) {
        (Some(n), Some(id)) => format!("{n}({id})"),
        (None, Some(id)) => id.clone(),
        _ => String::new(),
    }
}

/// What was changed: `预警 1234`, `客户 310800100007`, `导入 customers`, `导出 customers`.
pub fn entity_text(r: &AuditRow, lang: Lang) -> String {
    format!("{} {}", entity_label(&r.entity, lang), r.entity_id)
}

/// The entity kind in words (the code itself when unknown).
pub fn entity_label(entity: &str, lang: Lang) -> &str {
    match entity {
        "customer" => tr!(lang, CUSTOMER_KEHU),
        "callback" => tr!(lang, CALLBACK),
        "alert" => tr!(lang, ALERT),
        "warning_confirmation" => tr!(lang, WARNING_FENGXIANJIESHI),
        "import" => tr!(lang, IMPORT),
        "export" => tr!(lang, AUDIT_ACTION_EXPORT),
        other => other,
    }
}

/// The change in words, by action:
/// - `acknowledge` / `resolve`: `状态 未处理 → 已知悉`;
/// - `reassign`: `客户经理 李娜(M01) → 王强(M02)` (`manager` names a manager id);
/// - `assessment`: `测评等级 C2 谨慎型 → C3 稳健型` (a first assessment: the new level alone);
/// - `investor_class`: `投资者分类 普通投资者 → 专业投资者`;
/// - `log_call`: `电话 · 已联系上` (the log's id is in the stored value, not shown);
/// - `signed_warning`: `000001 R4 > C2` (the product, its rating, the customer's level);
/// - `import`: `customers.csv · 12 行 · 新增 10 · 更新 1 · 未变 0 · 拒绝 1`;
/// - `export` / `unmask_export`: `xlsx · 263 行 · 已脱敏 · /path/file.xlsx · 范围 … · 筛选 …`;
/// - anything else: `old → new` as stored (the new value alone without an old one).
pub fn change_text(r: &AuditRow, manager: &dyn Fn(&str) -> Option<String>, lang: Lang) -> String {
    let old = r.old_value.as_deref().unwrap_or("");
    let new = r.new_value.as_deref().unwrap_or("");
    let arrow = |field: &str, o: String, n: String| match (field, o.is_empty()) {
        ("", true) => n,
        ("", false) => format!("{o} → {n}"),
        (f, true) => format!("{f} {n}"),
        (f, false) => format!("{f} {o} → {n}"),
    };
    match r.action.as_str() {
        "acknowledge" | "resolve" => {
            let label = |v: &str| {
                AlertStatus::parse(v).map_or(v.to_string(), |s| lang.pick(s.label_zh(), s.label_en()).to_string())
            };
            arrow(tr!(lang, STATUS), label(old), label(new))
        }
        "reassign" => {
            let label =
                |v: &str| if v.is_empty() { String::new() } else { manager(v).unwrap_or_else(|| v.to_string()) };
            arrow(tr!(lang, MANAGER), label(old), label(new))
        }
        "assessment" => {
            // the SAC level names are Chinese only: English shows the code
            let label = |v: &str| match RiskLevel::parse(v).map(|l| (l.code(), lang.pick(l.label_zh(), ""))) {
                Some((code, name)) if !name.is_empty() => format!("{code} {name}"),
                _ => v.to_string(),
            };
            arrow(tr!(lang, LEVEL_CEPINGDENGJI), label(old), label(new))
        }
        "investor_class" => {
            let label = |v: &str| match InvestorClass::parse(v) {
                Some(InvestorClass::Ordinary) => tr!(lang, ORDINARY_INVESTOR).to_string(),
                Some(InvestorClass::Professional) => tr!(lang, PROFESSIONAL_INVESTOR).to_string(),
                None => v.to_string(),
            };
            arrow(tr!(lang, AUDIT_ACTION_INVESTOR_CLASS), label(old), label(new))
        }
        "log_call" => {
            // `phone reached · <log id>`
            let head = new.split(" · ").next().unwrap_or(new);
            let mut words = head.split_whitespace();
            match (words.next().and_then(Channel::parse), words.next().and_then(CallOutcome::parse), words.next()) {
                (Some(c), Some(o), None) => {
                    format!("{} · {}", lang.pick(c.label_zh(), c.label_en()), lang.pick(o.label_zh(), o.label_en()))
                }
                _ => arrow("", old.to_string(), new.to_string()),
            }
        }
        "signed_warning" => {
            // `<customer id> <code> <rating> > <level>`: the customer has a column of their own
            match new.split_once(' ') {
                Some((first, rest)) if r.customer_id.as_deref() == Some(first) => rest.to_string(),
                _ => new.to_string(),
            }
        }
        "import" => import_text(new, lang).unwrap_or_else(|| new.to_string()),
        "export" | "unmask_export" => export_text(new, lang).unwrap_or_else(|| new.to_string()),
        _ => arrow("", old.to_string(), new.to_string()),
    }
}

/// `<file> rows N +inserted ~updated =unchanged !rejected` in words.
fn import_text(v: &str, lang: Lang) -> Option<String> {
    let (file, counts) = v.rsplit_once(" rows ")?;
    let mut parts = counts.split_whitespace();
    let rows = parts.next()?;
    let mut take = |prefix: char| parts.next().and_then(|p| p.strip_prefix(prefix)).map(str::to_string);
    let (ins, upd, same, rej) = (take('+')?, take('~')?, take('=')?, take('!')?);
    Some(format!(
        "{file} · {rows} {} · {} {ins} · {} {upd} · {} {same} · {} {rej}",
        tr!(lang, ROWS),
        tr!(lang, AUDIT_INSERTED),
        tr!(lang, AUDIT_UPDATED),
        tr!(lang, AUDIT_UNCHANGED),
        tr!(lang, AUDIT_REJECTED)
    ))
}

/// The export's JSON (`format`, `rows`, `file`, `masked`, `scope`, `filters`) in words.
fn export_text(v: &str, lang: Lang) -> Option<String> {
    let j: serde_json::Value = serde_json::from_str(v).ok()?;
    let mut parts = vec![
        j["format"].as_str()?.to_string(),
        format!("{} {}", j["rows"].as_u64()?, tr!(lang, ROWS)),
        if j["masked"].as_bool()? { tr!(lang, AUDIT_MASKED) } else { tr!(lang, AUDIT_UNMASKED) }.to_string(),
        j["file"].as_str()?.to_string(),
    ];
    if let Some(scope) = j["scope"].as_str().filter(|s| !s.is_empty()) {
        parts.push(format!("{} {scope}", tr!(lang, SCOPE)));
    }
    let filters: Vec<&str> =
        j["filters"].as_array().map_or(Vec::new(), |a| a.iter().filter_map(|f| f.as_str()).collect());
    if !filters.is_empty() {
        parts.push(format!("{} {}", tr!(lang, FILTERS), filters.join(", ")));
    }
    Some(parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(action: &str, old: Option<&str>, new: Option<&str>) -> AuditRow {
        AuditRow {
            id: 1,
            record_id: "r".into(),
            installation: "i".into(),
            at: "2026-11-29T02:05:00+00:00".into(),
            actor: "S01".into(),
            actor_name: Some("刘峰凯".into()),
            entity: "alert".into(),
            entity_id: "17".into(),
            customer_id: Some("310800100007".into()),
            customer_name: Some("孙杰晖".into()),
            action: action.into(),
            old_value: old.map(str::to_string),
            new_value: new.map(str::to_string),
        }
    }

    fn names(id: &str) -> Option<String> {
        (id == "M01").then(|| "李娜(M01)".to_string())
    }

    fn zh(r: &AuditRow) -> String {
        change_text(r, &names, Lang::Zh)
    }

    #[test]
    fn changes_read_as_words() {
        assert_eq!(zh(&row("acknowledge", Some("open"), Some("acknowledged"))), "状态 未处理 → 已知悉");
        assert_eq!(
            change_text(&row("resolve", Some("acknowledged"), Some("resolved")), &names, Lang::En),
            "Status acknowledged → resolved"
        );
        // a manager the lookup does not know stays an id
        assert_eq!(zh(&row("reassign", Some("M01"), Some("M07"))), "客户经理 李娜(M01) → M07");
        assert_eq!(zh(&row("assessment", Some("C2"), Some("C3"))), "测评等级 C2 谨慎型 → C3 稳健型");
        assert_eq!(zh(&row("assessment", None, Some("C1"))), "测评等级 C1 保守型");
        assert_eq!(
            zh(&row("investor_class", Some("ordinary"), Some("professional"))),
            "投资者分类 普通投资者 → 专业投资者"
        );
        assert_eq!(zh(&row("log_call", None, Some("phone reached · 0192-abc"))), "电话 · 已联系上");
        assert_eq!(zh(&row("signed_warning", None, Some("310800100007 000001 R4 > C2"))), "000001 R4 > C2");
        assert_eq!(
            zh(&row("import", None, Some("customers.csv rows 12 +10 ~1 =0 !1"))),
            "customers.csv · 12 行 · 新增 10 · 更新 1 · 未变 0 · 拒绝 1"
        );
        assert_eq!(zh(&row("unmask", None, None)), "");
        assert_eq!(zh(&row("something_new", Some("a"), Some("b"))), "a → b");
        // a value that is not what the action writes is shown as stored
        assert_eq!(zh(&row("import", None, Some("odd"))), "odd");
    }

    #[test]
    fn an_export_reads_without_its_json() {
        let json = r#"{"format":"xlsx","rows":263,"file":"/tmp/a b.xlsx","masked":true,"scope":"全营业部","filters":["等级: T1"]}"#;
        assert_eq!(
            zh(&row("export", None, Some(json))),
            "xlsx · 263 行 · 已脱敏 · /tmp/a b.xlsx · 范围 全营业部 · 筛选 等级: T1"
        );
        let json = r#"{"format":"csv","rows":5,"file":"/f.csv","masked":false,"scope":"","filters":[]}"#;
        assert_eq!(
            change_text(&row("unmask_export", None, Some(json)), &names, Lang::En),
            "csv · 5 rows · unmasked · /f.csv"
        );
    }

    #[test]
    fn who_customer_and_time_by_name_in_china_time() {
        let r = row("unmask", None, None);
        assert_eq!(who_text(&r), "刘峰凯(S01)");
        assert_eq!(customer_text(&r), "孙杰晖(310800100007)");
        assert_eq!(time_text(&r), "2026-11-29 10:05");
        assert_eq!(entity_text(&r, Lang::Zh), "预警 17");
        let bare = AuditRow { actor_name: None, customer_name: None, at: "x".into(), ..r.clone() };
        assert_eq!(
            (who_text(&bare), customer_text(&bare), time_text(&bare)),
            ("S01".into(), "310800100007".into(), "x".into())
        );
        assert_eq!(customer_text(&AuditRow { customer_id: None, ..r }), "");
    }
}
