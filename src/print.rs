//! The signable assessment record (`brokerdesk assess print`, and `p` after saving an interview):
//! the customer's name and masked ID, every question with the chosen answer, score, level, type,
//! the lowest-category flag and its cause, dates, questionnaire id + version, the manager, how it
//! came about, and signature and date lines for the customer and the manager. Plain text or HTML
//! (A4, one or two pages from a browser). The record is a Chinese compliance document: its labels
//! are Chinese whatever `--lang`.


use crate::store::db::Db;
use crate::domain::assessment::AnswerShown;
use crate::domain::mask::mask_id_number;
use crate::i18n::Msg;
use crate::store::StoreError;
use crate::store::assessments::{AssessmentRecord, latest_record, record, shown_or_rebuilt};

/// Everything printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printable {
    pub customer_id: String,
    pub customer_name: String,
    /// The ID number, masked (`110101********1234`).
    pub masked_id: String,
    pub questionnaire_title: String,
    /// The level's name in the questionnaire's bands (`稳健型`).
    pub level_label: String,
    /// `李娜(M01)`, or the id.
    pub manager: String,
    pub record: AssessmentRecord,
    pub answers: Vec<AnswerShown>,
}

/// Loads the record `assessment` (an id) of `customer_id`, or the customer's latest.
///
/// Errors: unknown customer, no assessment, or an id that is not this customer's.
pub fn load(conn: &Db, customer_id: &str, assessment: Option<&str>) -> Result<Printable, StoreError> {
    let Some(c) = crate::store::customers::get(conn, customer_id)? else {
        return Err(StoreError::Refused(Box::new(Msg::PrintNoCustomer { id: customer_id.to_string() })));
    };
    let rec = match assessment {
        Some(id) => record(conn, id)?.filter(|r| r.customer_id == customer_id).ok_or_else(|| {
            StoreError::Refused(Box::new(Msg::PrintNoSuchAssessment {
                id: id.to_string(),
                customer: customer_id.to_string(),
            }))
        })?,
        None => latest_record(conn, customer_id)?.ok_or_else(|| {
            StoreError::Refused(Box::new(Msg::PrintNoAssessment { customer: customer_id.to_string() }))
        })?,
    };
    let q = crate::store::assessments::questionnaire(conn, &rec.questionnaire_id, rec.version)?;
    let level_label = q
        .as_ref()
        .and_then(|q| q.bands.iter().find(|b| b.level == rec.level).map(|b| b.label.clone()))
        .unwrap_or_else(|| rec.level.label_zh().to_string());
    let manager = match &rec.manager_id {
        Some(id) => match crate::store::managers::get(conn, id)? {
            Some(m) => format!("{}({})", m.name, m.manager_id),
            None => id.clone(),
        },
        None => "—".into(),
    };
    Ok(Printable {
        customer_id: c.customer_id,
        customer_name: c.name,
        masked_id: mask_id_number(&c.id_number),
        questionnaire_title: q.map(|q| q.title).unwrap_or_default(),
        level_label,
        manager,
        answers: shown_or_rebuilt(conn, &rec)?,
        record: rec,
    })
}

/// (label, value) lines of the summary, shared by the text and HTML forms.
pub fn summary(p: &Printable) -> Vec<(&'static str, String)> {
    let r = &p.record;
    let mut out = vec![
        ("客户姓名", p.customer_name.clone()),
        ("资金账号", p.customer_id.clone()),
        ("证件号码", p.masked_id.clone()),
        ("测评得分", r.score.to_string()),
        ("风险承受能力等级", format!("{} {}", r.level.code(), p.level_label)),
        ("风险类型", r.level.risk_type().label_zh().to_string()),
        ("最低风险承受能力类别", if r.lowest { "是".into() } else { "否".into() }),
    ];
    if r.lowest && !r.lowest_cause.is_empty() {
        out.push(("最低类别原因", r.lowest_cause.clone()));
    }
    out.push(("测评日期", r.assessed_on.to_string()));
    if let Some(at) = r.assessed_at {
        out.push(("测评时间", crate::clock::china_time_text(at)));
    }
    out.push(("有效期至", r.valid_until.to_string()));
    out.push(("问卷", format!("{} {} 第{}版", p.questionnaire_title, r.questionnaire_id, r.version)));
    out.push(("客户经理", p.manager.clone()));
    out.push(("来源", format!("{}，{}", r.source.label_zh(), r.confirmation.label_zh())));
    if let Some(prev) = r.previous_level {
        out.push(("上次等级", prev.code().to_string()));
    }
    if !r.reason.is_empty() {
        out.push(("等级变化原因", r.reason.clone()));
    }
    if !r.age_note.is_empty() {
        out.push(("年龄答案说明", r.age_note.clone()));
    }
    out.push(("记录编号", r.id.clone()));
    out
}

/// The plain-text record.
pub fn text(p: &Printable) -> String {
    let mut s = format!("风险承受能力评估记录\n{}\n\n", p.questionnaire_title);
    for (k, v) in summary(p) {
        s.push_str(&format!("{k}：{v}\n"));
    }
    s.push_str("\n答题记录\n");
    for a in &p.answers {
        s.push_str(&format!(
            "{}. {}\n   {} {}（{}分）\n",
            a.number,
            a.question,
            a.keys,
            a.options.join("；"),
            a.points
        ));
    }
    s.push_str("\n本人已如实填写上述问卷，知悉并确认以上评估结果。\n\n");
    s.push_str("客户签字：____________________    日期：____________\n\n");
    s.push_str("客户经理签字：________________    日期：____________\n");
    s
}

/// HTML-escapes `s`.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The HTML record: A4 portrait, compact type so the default 20-question questionnaire fits on
/// two pages.
pub fn html(p: &Printable) -> String {
    let mut rows = String::new();
    for (k, v) in summary(p) {
        rows.push_str(&format!("<tr><th>{}</th><td>{}</td></tr>\n", esc(k), esc(&v)));
    }
    let mut answers = String::new();
    for a in &p.answers {
        answers.push_str(&format!(
            "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"k\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
            a.number,
            esc(&a.question),
            esc(&a.keys),
            esc(&a.options.join("；")),
            a.points
        ));
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>风险承受能力评估记录 {id}</title>
<style>
@page {{ size: A4; margin: 14mm 14mm 14mm 14mm; }}
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt; color: #000; margin: 0; }}
h1 {{ font-size: 15pt; text-align: center; margin: 0 0 2mm; }}
.sub {{ text-align: center; margin: 0 0 4mm; font-size: 9.5pt; }}
table {{ border-collapse: collapse; width: 100%; }}
.sum th, .sum td {{ border: 1px solid #555; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }}
.sum th {{ width: 30%; background: #eee; font-weight: normal; }}
.sum {{ margin-bottom: 4mm; }}
h2 {{ font-size: 11pt; margin: 3mm 0 1.5mm; }}
.ans td, .ans th {{ border: 1px solid #888; padding: 0.8mm 1.5mm; vertical-align: top; font-size: 8.8pt; }}
.ans th {{ background: #eee; font-weight: normal; }}
.n {{ text-align: right; white-space: nowrap; }}
.k {{ text-align: center; white-space: nowrap; font-weight: bold; }}
tr {{ page-break-inside: avoid; }}
.sign {{ margin-top: 7mm; page-break-inside: avoid; }}
.sign p {{ margin: 5mm 0; }}
.line {{ display: inline-block; border-bottom: 1px solid #000; width: 55mm; }}
.date {{ display: inline-block; border-bottom: 1px solid #000; width: 35mm; }}
</style></head><body>
<h1>风险承受能力评估记录</h1>
<p class="sub">{title}</p>
<table class="sum">
{rows}</table>
<h2>答题记录</h2>
<table class="ans"><tr><th class="n">题</th><th>问题</th><th class="k">选项</th><th>所选答案</th><th class="n">得分</th></tr>
{answers}</table>
<div class="sign">
<p>本人已如实填写上述问卷，知悉并确认以上评估结果。</p>
<p>客户签字：<span class="line"></span>　　日期：<span class="date"></span></p>
<p>客户经理签字：<span class="line"></span>　　日期：<span class="date"></span></p>
</div>
</body></html>
"#,
        id = esc(&p.record.id),
        title = esc(&p.questionnaire_title),
    )
}
