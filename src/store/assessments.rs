//! Questionnaire definitions and assessments (风险测评). Both are append-only: a definition version
//! never changes; a finished assessment is never edited or deleted (triggers enforce it).

use crate::store::db::{Db, Row};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::{StoreError, Upsert};
use crate::domain::assessment::{AnswerShown, Confirmation, Source, shown_answers};
use crate::domain::model::Assessment;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::risk::RiskLevel;
use crate::domain::rules::Rules;
use crate::domain::scoring::Answers;

/// Stores a questionnaire definition under (id, version) if it is not there yet. The same
/// (id, version) with a different definition is refused: versions are immutable.
pub fn ensure_questionnaire(conn: &Db, q: &Questionnaire, now: DateTime<Utc>) -> Result<Upsert, StoreError> {
    let json = serde_json::to_string(q).map_err(|e| StoreError::Rule(e.to_string()))?;
    let old: Option<String> = conn
        .prepare_cached("SELECT definition FROM questionnaires WHERE id = ?1 AND version = ?2")?
        .query_row(params![q.id, q.version], |r| r.get(0))
        .optional()?;
    match old {
        Some(stored) if stored == json => Ok(Upsert::Unchanged),
        Some(_) => Err(StoreError::Rule(format!(
            "questionnaire {} version {} is already stored with a different definition: bump the version",
            q.id, q.version
        ))),
        None => {
            conn.prepare_cached(
                "INSERT INTO questionnaires (id, version, title, definition, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![q.id, q.version, q.title, json, now.to_rfc3339()])?;
            Ok(Upsert::Inserted)
        }
    }
}

/// A stored questionnaire definition.
pub fn questionnaire(conn: &Db, id: &str, version: u32) -> Result<Option<Questionnaire>, StoreError> {
    let json: Option<String> = conn
        .prepare_cached("SELECT definition FROM questionnaires WHERE id = ?1 AND version = ?2")?
        .query_row(params![id, version], |r| r.get(0))
        .optional()?;
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| StoreError::Rule(format!("stored questionnaire {id} v{version}: {e}")))
    })
    .transpose()
}

/// The answers and score already recorded under `a`'s business key (customer, questionnaire,
/// version, date), if any.
pub fn recorded(conn: &Db, a: &Assessment) -> rusqlite::Result<Option<(String, u32)>> {
    conn.prepare_cached(
        "SELECT answers, score FROM assessments
         WHERE customer_id = ?1 AND questionnaire_id = ?2 AND version = ?3 AND assessed_on = ?4 AND source = 'import'",
    )?
    .query_row(params![a.customer_id, a.questionnaire_id, a.version, a.assessed_on], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
}

/// Appends an imported assessment (source `import`, confirmed `on_paper`: the back office holds
/// the signed form; no interview is pretended). The same (customer, questionnaire, version, date)
/// already imported with the same answers is `Unchanged`; with other answers it is an error
/// (append-only: record a new one). The record gets a UUID v7 and this installation's id.
pub fn append(conn: &Db, a: &Assessment, now: DateTime<Utc>) -> Result<Upsert, StoreError> {
    let old = recorded(conn, a)?;
    if let Some((answers, score)) = old {
        return if answers == a.answers && score == a.score {
            Ok(Upsert::Unchanged)
        } else {
            Err(StoreError::Rule(format!(
                "an assessment of {} on {} is already recorded with other answers; assessments are never edited",
                a.customer_id, a.assessed_on
            )))
        };
    }
    conn.prepare_cached(
        "INSERT INTO assessments (id, installation_id, customer_id, questionnaire_id, version, answers, score, level,
         lowest, assessed_on, valid_until, manager_id, source, confirmation, recorded_at)
         VALUES (?12, ?13, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'import', 'on_paper', ?11)",
    )?
    .execute(params![
        a.customer_id,
        a.questionnaire_id,
        a.version,
        a.answers,
        a.score,
        a.level.code(),
        a.lowest,
        a.assessed_on,
        a.valid_until,
        a.manager_id,
        now.to_rfc3339(),
        super::ids::new_record_id(now),
        super::ids::installation_id(conn)?,
    ])?;
    Ok(Upsert::Inserted)
}

const COLUMNS: &str = "customer_id, questionnaire_id, version, answers, score, level, lowest, assessed_on, valid_until,
                       manager_id, 1";

/// The order that puts a customer's latest assessment first (on alias `y`): the latest date, then
/// the latest recorded. Shared by [`latest`], [`history`] and `book::refresh`.
pub const LATEST_ORDER_Y: &str = "y.assessed_on DESC, y.recorded_at DESC, y.id DESC";

/// A customer's assessments, newest first.
pub fn history(conn: &Db, customer_id: &str) -> rusqlite::Result<Vec<Assessment>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM assessments y WHERE customer_id = ?1 ORDER BY {LATEST_ORDER_Y}"
    ))?
    .query_map([customer_id], row)?
    .collect()
}

/// A customer's latest assessment.
pub fn latest(conn: &Db, customer_id: &str) -> rusqlite::Result<Option<Assessment>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM assessments y WHERE customer_id = ?1 ORDER BY {LATEST_ORDER_Y} LIMIT 1"
    ))?
    .query_row([customer_id], row)
    .optional()
}

fn row(r: &Row<'_>) -> rusqlite::Result<Assessment> {
    let level: String = r.get(5)?;
    Ok(Assessment {
        customer_id: r.get(0)?,
        questionnaire_id: r.get(1)?,
        version: r.get(2)?,
        answers: r.get(3)?,
        score: r.get(4)?,
        level: RiskLevel::parse(&level).unwrap_or(RiskLevel::C1),
        lowest: r.get(6)?,
        assessed_on: r.get(7)?,
        valid_until: r.get(8)?,
        manager_id: r.get(9)?,
        customer_confirmed: r.get(10)?,
    })
}

/// A whole assessment record as stored: everything `assess print` and compliance need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    /// UUID v7 (a random v4-shaped id for rows migrated from schema v1).
    pub id: String,
    pub installation_id: String,
    pub customer_id: String,
    pub questionnaire_id: String,
    pub version: u32,
    /// The `--answers` form.
    pub answers: String,
    /// The answers as shown; empty for imported rows (rebuild them from the stored definition
    /// with [`shown_or_rebuilt`]).
    pub answers_shown: Vec<AnswerShown>,
    pub score: u32,
    pub level: RiskLevel,
    pub lowest: bool,
    pub lowest_cause: String,
    pub no_full_civil_capacity: bool,
    pub age_note: String,
    /// The instant of the interview; `None` for imports.
    pub assessed_at: Option<DateTime<Utc>>,
    pub assessed_on: NaiveDate,
    pub valid_until: NaiveDate,
    pub manager_id: Option<String>,
    pub source: Source,
    pub confirmation: Confirmation,
    pub previous_level: Option<RiskLevel>,
    pub reason: String,
    pub recorded_at: String,
}

/// A finished interview, ready to be saved by [`save_interview`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInterview {
    pub customer_id: String,
    pub answers: String,
    pub answers_shown: Vec<AnswerShown>,
    pub score: u32,
    pub level: RiskLevel,
    pub lowest: bool,
    pub lowest_cause: String,
    pub no_full_civil_capacity: bool,
    pub age_note: String,
    pub assessed_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// The signed-in manager who ran it.
    pub manager_id: String,
    pub previous_level: Option<RiskLevel>,
    /// The customer's reason for a changed level (required by the interview when it changed).
    pub reason: String,
}

const RECORD_COLUMNS: &str = "id, installation_id, customer_id, questionnaire_id, version, answers, answers_shown,
    score, level, lowest, lowest_cause, no_full_civil_capacity, age_note, assessed_at, assessed_on, valid_until,
    manager_id, source, confirmation, previous_level, reason, recorded_at";

fn record_row(r: &Row<'_>) -> rusqlite::Result<AssessmentRecord> {
    let shown: String = r.get(6)?;
    let level: String = r.get(8)?;
    let at: Option<String> = r.get(13)?;
    let source: String = r.get(17)?;
    let confirmation: String = r.get(18)?;
    let previous: Option<String> = r.get(19)?;
    Ok(AssessmentRecord {
        id: r.get(0)?,
        installation_id: r.get(1)?,
        customer_id: r.get(2)?,
        questionnaire_id: r.get(3)?,
        version: r.get(4)?,
        answers: r.get(5)?,
        answers_shown: serde_json::from_str(&shown).unwrap_or_default(),
        score: r.get(7)?,
        level: RiskLevel::parse(&level).unwrap_or(RiskLevel::C1),
        lowest: r.get(9)?,
        lowest_cause: r.get(10)?,
        no_full_civil_capacity: r.get(11)?,
        age_note: r.get(12)?,
        assessed_at: at.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.with_timezone(&Utc)),
        assessed_on: r.get(14)?,
        valid_until: r.get(15)?,
        manager_id: r.get(16)?,
        source: Source::parse(&source).unwrap_or(Source::Import),
        confirmation: Confirmation::parse(&confirmation).unwrap_or(Confirmation::OnPaper),
        previous_level: previous.as_deref().and_then(RiskLevel::parse),
        reason: r.get(20)?,
        recorded_at: r.get(21)?,
    })
}

/// One record by id.
pub fn record(conn: &Db, id: &str) -> rusqlite::Result<Option<AssessmentRecord>> {
    conn.prepare_cached(&format!("SELECT {RECORD_COLUMNS} FROM assessments WHERE id = ?1"))?
        .query_row([id], record_row)
        .optional()
}

/// A customer's latest record (also when expired).
pub fn latest_record(conn: &Db, customer_id: &str) -> rusqlite::Result<Option<AssessmentRecord>> {
    conn.prepare_cached(&format!(
        "SELECT {RECORD_COLUMNS} FROM assessments y WHERE customer_id = ?1 ORDER BY {LATEST_ORDER_Y} LIMIT 1"
    ))?
    .query_row([customer_id], record_row)
    .optional()
}

/// The answers as shown: the record's own, else rebuilt from the stored (immutable) definition
/// of its questionnaire id + version (imported and migrated rows).
pub fn shown_or_rebuilt(conn: &Db, r: &AssessmentRecord) -> Result<Vec<AnswerShown>, StoreError> {
    if !r.answers_shown.is_empty() {
        return Ok(r.answers_shown.clone());
    }
    let Some(q) = questionnaire(conn, &r.questionnaire_id, r.version)? else { return Ok(Vec::new()) };
    Ok(match Answers::parse(&r.answers, &q) {
        Ok(a) => shown_answers(&q, &a),
        Err(_) => Vec::new(),
    })
}

/// Saves a finished interview in the caller's transaction `tx`: stores the questionnaire
/// definition if new, appends the record (UUID v7, this installation, source `interview`,
/// confirmed `in_person`, assessed at `now`), drops the customer's draft, refreshes the
/// customer's `customer_book` row, re-plans the customer's callbacks (a changed level plans
/// one, SPEC §4.6) and re-runs the alert rules for the customer (SPEC §4.7). Returns the new
/// record's id.
///
/// Errors: the questionnaire (id, version) stored with another definition; SQL errors. Nothing
/// is written unless the caller commits.
pub fn save_interview(
    tx: &Db,
    rules: &Rules,
    q: &Questionnaire,
    a: &NewInterview,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    ensure_questionnaire(tx, q, now)?;
    let id = super::ids::new_record_id(now);
    let shown = serde_json::to_string(&a.answers_shown).map_err(|e| StoreError::Rule(e.to_string()))?;
    tx.prepare_cached(&format!(
        "INSERT INTO assessments ({RECORD_COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 'interview', 'in_person',
                 ?18, ?19, ?20)"
    ))?
    .execute(params![
        id,
        super::ids::installation_id(tx)?,
        a.customer_id,
        q.id,
        q.version,
        a.answers,
        shown,
        a.score,
        a.level.code(),
        a.lowest,
        a.lowest_cause,
        a.no_full_civil_capacity,
        a.age_note,
        now.to_rfc3339(),
        a.assessed_on,
        a.valid_until,
        a.manager_id,
        a.previous_level.map(RiskLevel::code),
        a.reason,
        now.to_rfc3339(),
    ])?;
    discard_draft(tx, &a.customer_id)?;
    super::audit::record(
        tx,
        &super::audit::AuditEntry {
            at: now,
            actor: &a.manager_id,
            entity: "customer",
            entity_id: &a.customer_id,
            action: "assessment",
            old_value: a.previous_level.map(RiskLevel::code),
            new_value: Some(a.level.code()),
        },
    )?;
    super::book_view::refresh_customer(tx, rules, &a.customer_id)?;
    // a changed level plans its callback (within 2 trading days) and changes what the holdings'
    // alerts say (suitability, assessment): both in the same transaction
    let cal = crate::domain::calendar::Calendar::defaults();
    let me = std::slice::from_ref(&a.customer_id);
    super::callbacks::replan(tx, rules, &cal, a.assessed_on, now, Some(me))?;
    super::alerts::run(tx, &super::alerts::Which::Customers(me.to_vec()), a.assessed_on, now, rules)?;
    Ok(id)
}

/// An unfinished interview kept for later (not a record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub customer_id: String,
    pub questionnaire_id: String,
    pub version: u32,
    /// The interview's own JSON of the answers so far.
    pub state: String,
    pub manager_id: String,
    pub saved_at: String,
}

/// Keeps (replacing any earlier) the draft of `customer_id`'s interview.
pub fn save_draft(conn: &Db, d: &Draft) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO assessment_drafts (customer_id, questionnaire_id, version, state, manager_id, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (customer_id) DO UPDATE SET questionnaire_id = excluded.questionnaire_id,
             version = excluded.version, state = excluded.state, manager_id = excluded.manager_id,
             saved_at = excluded.saved_at",
    )?
    .execute(params![d.customer_id, d.questionnaire_id, d.version, d.state, d.manager_id, d.saved_at])?;
    Ok(())
}

/// The draft of `customer_id`'s interview, if one was kept.
pub fn draft(conn: &Db, customer_id: &str) -> rusqlite::Result<Option<Draft>> {
    conn.prepare_cached(
        "SELECT customer_id, questionnaire_id, version, state, manager_id, saved_at FROM assessment_drafts
         WHERE customer_id = ?1",
    )?
    .query_row([customer_id], |r| {
        Ok(Draft {
            customer_id: r.get(0)?,
            questionnaire_id: r.get(1)?,
            version: r.get(2)?,
            state: r.get(3)?,
            manager_id: r.get(4)?,
            saved_at: r.get(5)?,
        })
    })
    .optional()
}

/// Drops `customer_id`'s draft (if any).
pub fn discard_draft(conn: &Db, customer_id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM assessment_drafts WHERE customer_id = ?1")?.execute([customer_id])?;
    Ok(())
}

/// One line of `report assessments`: a customer in scope with their latest assessment (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestLine {
    pub customer_id: String,
    pub professional: bool,
    pub level: Option<RiskLevel>,
    pub score: Option<u32>,
    pub lowest: bool,
    pub assessed_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub source: Option<Source>,
    /// Who ran the latest assessment.
    pub manager_id: Option<String>,
    /// The expiring window of that assessment's questionnaire (else the rules').
    pub expiring_days: Option<u32>,
}

/// Every customer of `scope` (customer id order) with their latest assessment.
pub fn latest_per_customer(conn: &Db, scope: &super::book::Scope) -> rusqlite::Result<Vec<LatestLine>> {
    let (filter, manager) = match scope {
        super::book::Scope::Branch => ("", None),
        super::book::Scope::Manager(m) => ("WHERE c.manager_id = ?1", Some(m.as_str())),
    };
    let sql = format!(
        "SELECT c.customer_id, c.investor_class = 'professional', a.level, a.score, a.lowest, a.assessed_on,
                a.valid_until, a.source, a.manager_id, CAST(json_extract(q.definition, '$.expiring_days') AS INTEGER)
         FROM customers c
         LEFT JOIN assessments a ON a.id = (SELECT y.id FROM assessments y WHERE y.customer_id = c.customer_id
              ORDER BY {LATEST_ORDER_Y} LIMIT 1)
         LEFT JOIN questionnaires q ON q.id = a.questionnaire_id AND q.version = a.version
         {filter} ORDER BY c.customer_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let map = |r: &Row<'_>| {
        let level: Option<String> = r.get(2)?;
        let source: Option<String> = r.get(7)?;
        Ok(LatestLine {
            customer_id: r.get(0)?,
            professional: r.get(1)?,
            level: level.as_deref().and_then(RiskLevel::parse),
            score: r.get(3)?,
            lowest: r.get::<_, Option<bool>>(4)?.unwrap_or(false),
            assessed_on: r.get(5)?,
            valid_until: r.get(6)?,
            source: source.as_deref().and_then(Source::parse),
            manager_id: r.get(8)?,
            expiring_days: r.get(9)?,
        })
    };
    match manager {
        Some(m) => stmt.query_map([m], map)?.collect(),
        None => stmt.query_map([], map)?.collect(),
    }
}
