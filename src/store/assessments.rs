//! Questionnaire definitions and assessments (风险测评). Both are append-only: a definition version
//! never changes; a finished assessment is never edited or deleted (triggers enforce it).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, Upsert};
use crate::domain::model::Assessment;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::risk::RiskLevel;

/// Stores a questionnaire definition under (id, version) if it is not there yet. The same
/// (id, version) with a different definition is refused: versions are immutable.
pub fn ensure_questionnaire(conn: &Connection, q: &Questionnaire, now: DateTime<Utc>) -> Result<Upsert, StoreError> {
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
pub fn questionnaire(conn: &Connection, id: &str, version: u32) -> Result<Option<Questionnaire>, StoreError> {
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
pub fn recorded(conn: &Connection, a: &Assessment) -> rusqlite::Result<Option<(String, u32)>> {
    conn.prepare_cached(
        "SELECT answers, score FROM assessments
         WHERE customer_id = ?1 AND questionnaire_id = ?2 AND version = ?3 AND assessed_on = ?4",
    )?
    .query_row(params![a.customer_id, a.questionnaire_id, a.version, a.assessed_on], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()
}

/// Appends an assessment. The same (customer, questionnaire, version, date) already stored with the
/// same answers is `Unchanged`; with other answers it is an error (append-only: record a new one).
pub fn append(conn: &Connection, a: &Assessment, now: DateTime<Utc>) -> Result<Upsert, StoreError> {
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
        "INSERT INTO assessments (customer_id, questionnaire_id, version, answers, score, level, lowest, assessed_on,
         valid_until, manager_id, customer_confirmed, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        a.customer_confirmed,
        now.to_rfc3339()
    ])?;
    Ok(Upsert::Inserted)
}

const COLUMNS: &str = "customer_id, questionnaire_id, version, answers, score, level, lowest, assessed_on, valid_until,
                       manager_id, customer_confirmed";

/// A customer's assessments, newest first.
pub fn history(conn: &Connection, customer_id: &str) -> rusqlite::Result<Vec<Assessment>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM assessments WHERE customer_id = ?1 ORDER BY assessed_on DESC, id DESC"
    ))?
    .query_map([customer_id], row)?
    .collect()
}

/// A customer's latest assessment.
pub fn latest(conn: &Connection, customer_id: &str) -> rusqlite::Result<Option<Assessment>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM assessments WHERE customer_id = ?1 ORDER BY assessed_on DESC, id DESC LIMIT 1"
    ))?
    .query_row([customer_id], row)
    .optional()
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Assessment> {
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
