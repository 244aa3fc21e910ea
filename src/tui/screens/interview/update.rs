//! The interview as a screen: keys → the pure transitions of [`super::state`], the effects they
//! ask for carried out on the DB (save in one transaction, keep or drop a draft, write the
//! printable record), and `sync` (reads the customer, the questionnaire and any draft once).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::state::{DraftState, Effect, InterviewState, Page, Prompt, Subject};
use crate::domain::assessment::{lowest_cause_text, shown_answers};
use crate::domain::mask::mask_id_number;
use crate::domain::model::InvestorClass;
use crate::domain::scoring::Answers;
use crate::store::assessments::NewInterview;
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::{Ctx, Outcome};

impl InterviewState {
    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        match (&self.prompt, &self.page) {
            (Some(Prompt::Leave), _) => Context::InterviewLeave,
            (Some(_), _) => Context::InterviewText,
            (None, Page::Resume) => Context::InterviewResume,
            (None, Page::Review) => Context::InterviewReview,
            (None, Page::Result) => Context::InterviewResult,
            (None, Page::Saved(_)) => Context::InterviewSaved,
            (None, Page::Step(_) | Page::Loading) => Context::Interview,
        }
    }

    /// Title for the breadcrumb (never drawn: the interview is full screen).
    pub fn title(&self, ctx: &Ctx) -> String {
        tr!(ctx.lang(), ASSESSMENT_FENGXIANCEPING).to_string()
    }

    /// Keys that carry more than an action: the option letters and typed text.
    pub fn handle_modal(&mut self, key: &KeyEvent, _ctx: &Ctx) -> anyhow::Result<Option<Outcome>> {
        match self.context() {
            Context::InterviewText => {
                match keymap::lookup(Context::InterviewText, key) {
                    Some(Action::Confirm) => self.accept_text(),
                    Some(Action::Cancel) => self.close_prompt(),
                    Some(a) => {
                        if let Some(input) = self.input_mut() {
                            input.edit(a);
                        }
                    }
                    None => {
                        if let (KeyCode::Char(c), Some(input)) = (key.code, self.input_mut()) {
                            input.insert(c);
                        }
                    }
                }
                Ok(Some(Outcome::None))
            }
            Context::Interview if keymap::lookup(Context::Interview, key) == Some(Action::Choose) => {
                if let KeyCode::Char(c) = key.code {
                    self.choose_letter(c);
                }
                Ok(Some(Outcome::None))
            }
            _ => Ok(None),
        }
    }

    /// One action of the interview's contexts.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let effect = match action {
            Action::Up => {
                self.up();
                Effect::None
            }
            Action::Down => {
                self.down();
                Effect::None
            }
            Action::Toggle => {
                self.toggle();
                Effect::None
            }
            Action::Next => {
                self.next();
                Effect::None
            }
            Action::Prev => {
                self.prev();
                Effect::None
            }
            Action::Review => {
                self.review();
                Effect::None
            }
            Action::Open => {
                self.change();
                Effect::None
            }
            Action::CustomerConfirms => {
                self.toggle_confirmed();
                Effect::None
            }
            Action::EditReason => {
                self.edit_reason();
                Effect::None
            }
            Action::Save => self.save(),
            Action::Cancel => self.cancel(),
            Action::Close => {
                self.close_prompt();
                Effect::None
            }
            Action::Discard => self.discard(),
            Action::KeepDraft => self.keep_draft(),
            Action::Resume => {
                self.resume();
                Effect::None
            }
            Action::StartOver => self.start_over(),
            Action::Print => Effect::Print,
            _ => Effect::None,
        };
        self.carry_out(effect, ctx)
    }

    fn carry_out(&mut self, effect: Effect, ctx: &Ctx) -> anyhow::Result<Outcome> {
        let conn = &ctx.session.conn;
        match effect {
            Effect::None => Ok(Outcome::None),
            Effect::Close => Ok(Outcome::Close),
            Effect::DiscardDraft => {
                crate::store::assessments::discard_draft(conn, &self.customer_id)?;
                Ok(Outcome::None)
            }
            Effect::DiscardAndClose => {
                crate::store::assessments::discard_draft(conn, &self.customer_id)?;
                Ok(Outcome::CloseWith(
                    tr!(ctx.lang(), INTERVIEW_DISCARDED_NOTHING_SAVED).into(),
                ))
            }
            Effect::KeepDraftAndClose => {
                let Some(q) = &self.questionnaire else { return Ok(Outcome::Close) };
                let state = serde_json::to_string(&self.draft_state())?;
                crate::store::assessments::save_draft(
                    conn,
                    &crate::store::assessments::Draft {
                        customer_id: self.customer_id.clone(),
                        questionnaire_id: q.id.clone(),
                        version: q.version,
                        state,
                        manager_id: ctx.session.user.manager_id.clone(),
                        saved_at: crate::clock::now_on(ctx.today()).to_rfc3339(),
                    },
                )?;
                Ok(Outcome::CloseWith(
                    tr!(ctx.lang(), DRAFT_KEPT_NOT_A_RECORD).into(),
                ))
            }
            Effect::Save => {
                let id = self.save_record(ctx)?;
                self.page = Page::Saved(id);
                self.notice = None;
                Ok(Outcome::None)
            }
            Effect::Print => {
                let Page::Saved(id) = &self.page else { return Ok(Outcome::None) };
                let p = crate::print::load(conn, &self.customer_id, Some(id))?;
                let dir = std::path::Path::new(&ctx.session.db_label)
                    .parent()
                    .map(|d| d.join("records"))
                    .unwrap_or_else(|| "records".into());
                std::fs::create_dir_all(&dir)?;
                let file =
                    dir.join(format!("{}-{}-{}.html", self.customer_id, p.record.assessed_on, &id[..8.min(id.len())]));
                std::fs::write(&file, crate::print::html(&p))?;
                self.notice = Some(super::state::Notice::Printed(file.display().to_string()));
                Ok(Outcome::None)
            }
        }
    }

    /// The record of the confirmed result, from the state alone (what is saved; also what the
    /// tests compare with `assess print` and `assess score`).
    pub fn new_record(&self, manager_id: &str) -> anyhow::Result<NewInterview> {
        let (Some(s), Some(q)) = (&self.subject, &self.questionnaire) else { anyhow::bail!("not loaded") };
        let r = match self.result() {
            Some(r) => r?,
            None => anyhow::bail!("the interview is not finished"),
        };
        let answers = Answers(self.answers.clone());
        Ok(NewInterview {
            customer_id: self.customer_id.clone(),
            answers: answers.to_text(),
            answers_shown: shown_answers(q, &answers),
            score: r.score,
            level: r.level,
            lowest: r.lowest,
            lowest_cause: lowest_cause_text(q, &r.lowest_reasons),
            no_full_civil_capacity: self.capacity == Some(false),
            age_note: self.age_note.clone(),
            assessed_on: s.today,
            valid_until: q.valid_until(s.today),
            manager_id: manager_id.to_string(),
            previous_level: s.previous.map(|p| p.0),
            reason: self.reason.clone(),
        })
    }

    /// Saves the record in one write transaction (retried on PostgreSQL's 40001/40P01: `write_retrying`) and returns its id.
    fn save_record(&self, ctx: &Ctx) -> anyhow::Result<String> {
        let session = ctx.session;
        let q = self.questionnaire.as_ref().ok_or_else(|| anyhow::anyhow!("no questionnaire"))?;
        let rec = self.new_record(&session.user.manager_id)?;
        let now = crate::clock::now_on(ctx.today());
        let id = session
            .conn
            .write_retrying(|tx| crate::store::assessments::save_interview(tx, &session.rules, q, &rec, now))?;
        Ok(id)
    }

    /// Forgets what was read (the data changed): nothing to do once started — the interview
    /// keeps what it showed the customer.
    pub fn invalidate(&mut self) {}

    /// Reads the customer (only one in the book in view), the questionnaire for their kind and
    /// any kept draft — once.
    pub fn sync(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        if self.loaded {
            return Ok(());
        }
        let conn = &ctx.session.conn;
        self.loaded = true;
        if !crate::store::book::in_scope(conn, ctx.scope, &self.customer_id)? {
            return Ok(());
        }
        let Some(d) = crate::store::detail::load(conn, &self.customer_id, ctx.today(), ctx.rules())? else {
            return Ok(());
        };
        let catalog = match crate::questionnaires::Catalog::load_default(ctx.questionnaire_file) {
            Ok(c) => c,
            Err(e) => {
                // a broken questionnaire file: say which and why, on the interview's own screen
                self.error = Some(e.to_string());
                return Ok(());
            }
        };
        let Some(q) = catalog.for_kind(d.customer.kind).cloned() else {
            anyhow::bail!("no questionnaire for {}", d.customer.kind.code());
        };
        let draft = crate::store::assessments::draft(conn, &self.customer_id)?
            .filter(|x| x.questionnaire_id == q.id && x.version == q.version)
            .and_then(|x| serde_json::from_str::<DraftState>(&x.state).ok());
        let subject = Subject {
            customer_id: d.customer.customer_id.clone(),
            name: d.customer.name.clone(),
            masked_account: mask_id_number(&d.customer.customer_id),
            kind: d.customer.kind,
            age: d.age,
            professional: d.customer.investor_class == InvestorClass::Professional,
            previous: d.latest_assessment.as_ref().map(|a| (a.level, a.lowest, a.valid_until)),
            holdings: d
                .holdings
                .iter()
                .map(|h| (h.valued.holding.code.clone(), h.valued.security.name.clone(), h.rating))
                .collect(),
            today: ctx.today(),
        };
        self.start(subject, q, draft);
        Ok(())
    }
}
