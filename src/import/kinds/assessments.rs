//! `assessments`: customer_id 资金账号, questionnaire_id 问卷编号, version 版本, answers 答案 (the
//! `--answers` form of SPEC §4.1: `A,C,B,AD,…`), assessed_on 测评日期.
//!
//! Imported history is re-scored, never trusted: the questionnaire (id + version) is taken from the
//! `questionnaires` table when stored there (the definition the assessment was made with), else
//! from the embedded ones (and then stored). The score and level come from
//! [`crate::domain::scoring::score`] with the customer's age on the assessment date (an under-18
//! forces the lowest category). The last valid day is `assessed_on + validity_days − 1` (a 730-day
//! validity from 2024-03-01 runs to 2026-02-28 inclusive). The manager is the customer's manager;
//! `customer_confirmed` is true (the back office only exports confirmed assessments).
//!
//! Assessments are append-only: re-importing the same (customer, questionnaire, version, date) with
//! the same answers is unchanged; with other answers it is a problem on that row.

use crate::store::db::Db;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;

use super::{Kind, Seen, StoredCustomers, known_customer, stored_customers};
use crate::domain::id_number::age_on;
use crate::domain::model::Assessment;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::scoring::{Answers, ScoringContext, score};
use crate::i18n::{DateNoun, Msg};
use crate::import::error::ImportError;
use crate::import::fields::{date, version};
use crate::import::headers::{Col, HeaderMap};
use crate::import::row::Row;
use crate::import::{ImportKind, ImportOptions};
use crate::store::{self, StoreError, Upsert};

pub const COLUMNS: &[Col] = &[
    Col::req("customer_id", &["资金账号", "资金帐号", "资产账户", "资产账号"]).or(&["客户号", "客户编号"]),
    Col::req("questionnaire_id", &["问卷编号"]).or(&["问卷"]),
    Col::req("version", &["版本", "问卷版本"]),
    Col::req("answers", &["答案"]),
    Col::req("assessed_on", &["测评日期"]),
];

/// Where a questionnaire definition came from.
#[derive(Clone)]
struct Resolved {
    q: Rc<Questionnaire>,
    /// Embedded (not yet in the `questionnaires` table): stored before the first assessment using it.
    embedded: bool,
}

pub struct Assessments {
    customers: StoredCustomers,
    embedded: Vec<Questionnaire>,
    resolved: HashMap<(String, u32), Option<Resolved>>,
    stored: HashSet<(String, u32)>,
    seen: Seen<(String, String, u32, NaiveDate)>,
}

/// An assessment ready to append, with the definition to store first when it is new.
pub struct AssessmentRow {
    pub assessment: Assessment,
    questionnaire: Option<Rc<Questionnaire>>,
}

impl Assessments {
    fn resolve(&mut self, conn: &Db, id: &str, version: u32) -> Result<Option<Resolved>, StoreError> {
        let key = (id.to_string(), version);
        if let Some(r) = self.resolved.get(&key) {
            return Ok(r.clone());
        }
        let found = match store::assessments::questionnaire(conn, id, version)? {
            Some(q) => Some(Resolved { q: Rc::new(q), embedded: false }),
            None => self
                .embedded
                .iter()
                .find(|q| q.id == id && q.version == version)
                .map(|q| Resolved { q: Rc::new(q.clone()), embedded: true }),
        };
        self.resolved.insert(key, found.clone());
        Ok(found)
    }

    fn known_versions(&self, conn: &Db, id: &str) -> Vec<u32> {
        let mut v: Vec<u32> = self.embedded.iter().filter(|q| q.id == id).map(|q| q.version).collect();
        if let Ok(mut stmt) = conn.prepare_cached("SELECT version FROM questionnaires WHERE id = ?1")
            && let Ok(rows) = stmt.query_map([id], |r| r.get::<_, u32>(0))
        {
            v.extend(rows.flatten());
        }
        v.sort_unstable();
        v.dedup();
        v
    }
}

impl Kind for Assessments {
    const KIND: ImportKind = ImportKind::Assessments;
    const ALERTS: super::AlertsAfter = super::AlertsAfter::Records;
    type Record = AssessmentRow;

    fn load(conn: &Db, _header: &HeaderMap) -> Result<Self, ImportError> {
        let embedded = crate::assets::questionnaires().map_err(|e| StoreError::Rule(e.to_string()))?;
        Ok(Assessments {
            customers: stored_customers(conn)?,
            embedded,
            resolved: HashMap::new(),
            stored: HashSet::new(),
            seen: Seen::default(),
        })
    }

    fn parse(&mut self, conn: &Db, row: &mut Row<'_>, opts: &ImportOptions) -> Option<AssessmentRow> {
        // (what the assessment needs of the customer, taken out of `self` for `self.resolve`)
        let customer = known_customer(row, &self.customers)
            .map(|(id, c)| (id, c.birth_date, self.customers.manager_id(c).to_string()));
        let customer_id = customer.as_ref().map(|(id, _, _)| *id);
        let qid = row.text("questionnaire_id");
        let ver = row.req("version", version);
        let answers_text = row.text("answers");
        let assessed_on = row.req("assessed_on", date);
        if let Some(d) = assessed_on
            && d > opts.today
        {
            row.problem("assessed_on", Msg::AfterToday { what: DateNoun::AssessmentDate, day: d, today: opts.today });
        }
        if let (Some(c), Some(q), Some(v), Some(d)) = (customer_id, qid, ver, assessed_on) {
            self.seen.check(
                row,
                &["customer_id", "questionnaire_id", "version", "assessed_on"],
                (c.to_string(), q.to_string(), v, d),
            );
        }
        let (qid, ver) = (qid?, ver?);
        let resolved = match self.resolve(conn, qid, ver) {
            Ok(Some(r)) => r,
            Ok(None) => {
                let known = self.known_versions(conn, qid);
                if known.is_empty() {
                    row.problem("questionnaire_id", Msg::UnknownQuestionnaire { id: qid.to_string() });
                } else {
                    row.problem("version", Msg::NoSuchVersion { id: qid.to_string(), version: ver, known });
                }
                return None;
            }
            Err(e) => {
                let detail = e.to_string();
                row.problem(
                    "questionnaire_id",
                    Msg::CannotReadQuestionnaire { id: qid.to_string(), version: ver, detail },
                );
                return None;
            }
        };
        let q = &resolved.q;
        let answers = match Answers::parse(answers_text?, q) {
            Ok(a) => a,
            Err(e) => {
                row.problem("answers", Msg::Answer(e));
                return None;
            }
        };
        let ((customer_id, birth_date, manager_id), assessed_on) = (customer?, assessed_on?);
        let ctx = ScoringContext { age: birth_date.map(|b| age_on(b, assessed_on)), ..ScoringContext::default() };
        let result = match score(q, &answers, ctx) {
            Ok(r) => r,
            Err(e) => {
                row.problem("answers", Msg::Answer(e));
                return None;
            }
        };
        let valid_until = q.valid_until(assessed_on);
        let assessment = Assessment {
            customer_id: customer_id.to_string(),
            questionnaire_id: q.id.clone(),
            version: q.version,
            answers: answers.to_text(),
            score: result.score,
            level: result.level,
            lowest: result.lowest,
            assessed_on,
            valid_until,
            manager_id: Some(manager_id),
            customer_confirmed: true,
        };
        match store::assessments::recorded(conn, &assessment) {
            Ok(Some((answers, score))) if answers != assessment.answers || score != assessment.score => {
                row.problem(
                    "answers",
                    Msg::AssessmentAlreadyRecorded {
                        customer: assessment.customer_id.clone(),
                        on: assessed_on,
                        id: q.id.clone(),
                        version: q.version,
                        answers,
                    },
                );
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                row.problem("answers", Msg::CannotReadRecordedAssessments { detail: e.to_string() });
                return None;
            }
        }
        Some(AssessmentRow { assessment, questionnaire: resolved.embedded.then(|| Rc::clone(q)) })
    }

    fn customer_of(record: &Self::Record) -> Option<&str> {
        Some(&record.assessment.customer_id)
    }

    fn write(&mut self, tx: &Db, r: &AssessmentRow, opts: &ImportOptions) -> Result<Upsert, ImportError> {
        if let Some(q) = &r.questionnaire
            && self.stored.insert((q.id.clone(), q.version))
        {
            store::assessments::ensure_questionnaire(tx, q, opts.now)?;
        }
        Ok(store::assessments::append(tx, &r.assessment, opts.now)?)
    }
}
