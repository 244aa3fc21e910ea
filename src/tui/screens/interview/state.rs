//! The interview's state and its pure transitions (no DB, no terminal): one struct holds the
//! answers so far; each method is one step of `question k of n → review → result → confirm`, and
//! returns the [`Effect`] the screen must carry out (save, keep a draft, close). Tested as key
//! sequences in `tests/interview.rs` without a terminal.

use crate::domain::assessment::{SuitabilityChange, needs_reason, what_changes};
use crate::domain::model::CustomerKind;
use crate::domain::questionnaire::{Question, Questionnaire};
use crate::domain::risk::RiskProfile;
use crate::domain::scoring::{AnswerError, Answers, ScoreResult, ScoringContext, score};
use crate::tui::widgets::input::LineInput;

pub use super::model::{DraftState, Effect, Notice, Page, Prompt, Subject};

/// The whole interview.
#[derive(Debug, Clone)]
pub struct InterviewState {
    pub customer_id: String,
    pub subject: Option<Subject>,
    pub questionnaire: Option<Questionnaire>,
    pub page: Page,
    /// Chosen option indexes per question (empty: not answered yet).
    pub answers: Vec<Vec<usize>>,
    /// Individuals only: `Some(true)` full civil capacity, `Some(false)` not (forces the lowest).
    pub capacity: Option<bool>,
    /// The age question's index and its pre-filled option (from the birth date).
    pub age_prefill: Option<(usize, usize)>,
    /// Why the pre-filled age answer was changed (required to change it).
    pub age_note: String,
    /// Option cursor on a question page, row cursor on the review page.
    pub cursor: usize,
    /// Changing an answer from the review page: `Next` goes back to it.
    pub from_review: bool,
    /// The customer confirmed the result.
    pub confirmed: bool,
    pub reason: String,
    pub prompt: Option<Prompt>,
    /// A kept draft found at load (offered on [`Page::Resume`]).
    pub draft: Option<DraftState>,
    /// A line for the manager (what is missing, where the record was written).
    pub notice: Option<Notice>,
    /// `true` once loaded (then `subject == None` means not found / not in the book).
    pub loaded: bool,
    /// Why the interview cannot start (a questionnaire file refused: its path and the rule).
    pub error: Option<String>,
}

impl InterviewState {
    pub fn new(customer_id: &str) -> InterviewState {
        InterviewState {
            customer_id: customer_id.to_string(),
            subject: None,
            questionnaire: None,
            page: Page::Loading,
            answers: Vec::new(),
            capacity: None,
            age_prefill: None,
            age_note: String::new(),
            cursor: 0,
            from_review: false,
            confirmed: false,
            reason: String::new(),
            prompt: None,
            draft: None,
            notice: None,
            loaded: false,
            error: None,
        }
    }

    /// Starts the interview of `subject` with `q` (pre-filling the age answer from the birth
    /// date); with a `draft`, first offers to resume it.
    pub fn start(&mut self, subject: Subject, q: Questionnaire, draft: Option<DraftState>) {
        self.answers = vec![Vec::new(); q.questions.len()];
        self.age_prefill = subject.age.and_then(|age| {
            q.questions
                .iter()
                .enumerate()
                .find(|(_, qq)| qq.autofill.as_deref() == Some("age"))
                .and_then(|(i, qq)| Questionnaire::option_for_age(qq, age).map(|k| (i, (k as u8 - b'A') as usize)))
        });
        if let Some((i, k)) = self.age_prefill {
            self.answers[i] = vec![k];
        }
        self.subject = Some(subject);
        self.questionnaire = Some(q);
        self.loaded = true;
        self.draft = draft.filter(|d| d.answers.len() == self.answers.len());
        self.page = if self.draft.is_some() { Page::Resume } else { Page::Step(0) };
        self.cursor = 0;
    }

    /// Whether step 0 is the civil-capacity question (individuals).
    pub fn has_capacity_step(&self) -> bool {
        self.subject.as_ref().is_some_and(|s| s.kind == CustomerKind::Individual)
    }

    /// Number of steps (capacity + questions).
    pub fn steps(&self) -> usize {
        usize::from(self.has_capacity_step()) + self.answers.len()
    }

    /// The question index of step `k`, or `None` for the capacity step.
    pub fn question_of(&self, k: usize) -> Option<usize> {
        let off = usize::from(self.has_capacity_step());
        k.checked_sub(off)
    }

    /// The question of step `k`.
    pub fn question(&self, k: usize) -> Option<&Question> {
        let i = self.question_of(k)?;
        self.questionnaire.as_ref()?.questions.get(i)
    }

    /// Options of step `k`: (text, forces lowest).
    pub fn options(&self, k: usize) -> Vec<(String, bool)> {
        match self.question_of(k) {
            None => vec![("具有完全民事行为能力".into(), false), ("不具有完全民事行为能力".into(), true)],
            Some(_) => self
                .question(k)
                .map(|q| q.options.iter().map(|o| (o.text.clone(), o.forces_lowest)).collect())
                .unwrap_or_default(),
        }
    }

    /// The chosen options of step `k`.
    pub fn chosen(&self, k: usize) -> Vec<usize> {
        match self.question_of(k) {
            None => self.capacity.map(|c| vec![usize::from(!c)]).unwrap_or_default(),
            Some(i) => self.answers.get(i).cloned().unwrap_or_default(),
        }
    }

    /// Whether step `k` is answered.
    pub fn answered(&self, k: usize) -> bool {
        !self.chosen(k).is_empty()
    }

    /// The first unanswered step.
    pub fn first_unanswered(&self) -> Option<usize> {
        (0..self.steps()).find(|k| !self.answered(*k))
    }

    /// The scoring context: the age (unless the manager changed the pre-filled answer with a
    /// note), the civil capacity.
    pub fn scoring_context(&self) -> ScoringContext {
        ScoringContext {
            age: self.subject.as_ref().and_then(|s| s.age),
            no_full_civil_capacity: self.capacity == Some(false),
            age_answer_overridden: !self.age_note.is_empty(),
        }
    }

    /// The result, once every question is answered.
    pub fn result(&self) -> Option<Result<ScoreResult, AnswerError>> {
        let q = self.questionnaire.as_ref()?;
        if self.first_unanswered().is_some() {
            return None;
        }
        Some(score(q, &Answers(self.answers.clone()), self.scoring_context()))
    }

    /// The risk profile before and after the result.
    pub fn profiles(&self, r: &ScoreResult) -> Option<(RiskProfile, RiskProfile)> {
        let s = self.subject.as_ref()?;
        let q = self.questionnaire.as_ref()?;
        let before = RiskProfile::resolve(s.professional, s.previous, s.today);
        let after = RiskProfile::resolve(s.professional, Some((r.level, r.lowest, q.valid_until(s.today))), s.today);
        Some((before, after))
    }

    /// The holdings whose suitability the result changes.
    pub fn changes(&self, r: &ScoreResult) -> Vec<SuitabilityChange> {
        match (self.subject.as_ref(), self.profiles(r)) {
            (Some(s), Some((before, after))) => what_changes(&s.holdings, before, after),
            _ => Vec::new(),
        }
    }

    /// Whether the result needs the customer's reason (the level moved).
    pub fn reason_required(&self, r: &ScoreResult) -> bool {
        needs_reason(self.subject.as_ref().and_then(|s| s.previous.map(|p| p.0)), r.level)
    }

    fn option_count(&self) -> usize {
        match self.page {
            Page::Step(k) => self.options(k).len(),
            Page::Review => self.steps(),
            _ => 0,
        }
    }

    /// ↑ on a question (option cursor) or the review (row cursor).
    pub fn up(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// ↓.
    pub fn down(&mut self) {
        self.cursor = (self.cursor + 1).min(self.option_count().saturating_sub(1));
    }

    /// Chooses option `option` of the current step (multi-select: toggles it). Changing the
    /// pre-filled age answer opens the note prompt instead (SPEC §4.1).
    pub fn choose(&mut self, option: usize) {
        let Page::Step(k) = self.page else { return };
        if option >= self.options(k).len() {
            return;
        }
        self.notice = None;
        self.cursor = option;
        let Some(i) = self.question_of(k) else {
            self.capacity = Some(option == 0);
            return;
        };
        if let Some((ai, prefilled)) = self.age_prefill
            && ai == i
        {
            if option == prefilled {
                self.answers[i] = vec![option];
                self.age_note.clear();
            } else {
                self.prompt = Some(Prompt::AgeNote { option, input: LineInput::new(&self.age_note) });
            }
            return;
        }
        let multi = self.question(k).is_some_and(|q| q.multi);
        let chosen = &mut self.answers[i];
        if multi {
            if let Some(pos) = chosen.iter().position(|c| *c == option) {
                chosen.remove(pos);
            } else {
                chosen.push(option);
                chosen.sort_unstable();
            }
        } else {
            *chosen = vec![option];
        }
    }

    /// Chooses by letter (`a`/`A` = the first option).
    pub fn choose_letter(&mut self, c: char) {
        let c = c.to_ascii_uppercase();
        if c.is_ascii_uppercase() {
            self.choose((c as u8 - b'A') as usize);
        }
    }

    /// Space: chooses the option under the cursor.
    pub fn toggle(&mut self) {
        self.choose(self.cursor);
    }

    fn go(&mut self, page: Page) {
        self.cursor = match &page {
            Page::Step(k) => self.chosen(*k).first().copied().unwrap_or(0),
            Page::Review => match self.page {
                Page::Step(k) => k,
                _ => 0,
            },
            _ => 0,
        };
        self.page = page;
    }

    /// Next: the next step (an unanswered one is refused with a notice), or back to the review
    /// when changing an answer from it, or the review after the last step. On the review: the
    /// result when all is answered, else the first unanswered step.
    pub fn next(&mut self) {
        match self.page {
            Page::Step(k) => {
                if !self.answered(k) {
                    self.notice = Some(Notice::ChooseFirst);
                    return;
                }
                self.notice = None;
                if self.from_review || k + 1 >= self.steps() {
                    self.from_review = false;
                    self.go(Page::Review);
                } else {
                    self.go(Page::Step(k + 1));
                }
            }
            Page::Review => match self.first_unanswered() {
                Some(k) => {
                    self.notice = Some(Notice::Unanswered(k));
                    self.go(Page::Step(k));
                }
                None => {
                    self.notice = None;
                    self.go(Page::Result);
                }
            },
            _ => {}
        }
    }

    /// Back: the previous step (answers kept); from the review the last step; from the result
    /// the review.
    pub fn prev(&mut self) {
        self.notice = None;
        match self.page {
            Page::Step(k) if k > 0 => self.go(Page::Step(k - 1)),
            Page::Review => {
                let last = self.steps().saturating_sub(1);
                self.go(Page::Step(last));
            }
            Page::Result => self.go(Page::Review),
            _ => {}
        }
    }

    /// Tab on a question: the review page.
    pub fn review(&mut self) {
        if matches!(self.page, Page::Step(_)) {
            self.from_review = false;
            self.go(Page::Review);
        }
    }

    /// Enter on the review: change the answer under the cursor.
    pub fn change(&mut self) {
        if self.page == Page::Review && self.cursor < self.steps() {
            self.from_review = true;
            self.go(Page::Step(self.cursor));
        }
    }

    /// `y` on the result: the customer confirmed (toggle).
    pub fn toggle_confirmed(&mut self) {
        if self.page == Page::Result {
            self.confirmed = !self.confirmed;
            self.notice = None;
        }
    }

    /// `e` on the result: type the reason.
    pub fn edit_reason(&mut self) {
        if self.page == Page::Result {
            self.prompt = Some(Prompt::Reason(LineInput::new(&self.reason)));
        }
    }

    /// Enter on the result: [`Effect::Save`] when confirmed (and, for a changed level, with a
    /// reason); otherwise a notice says what is missing.
    pub fn save(&mut self) -> Effect {
        let Some(Ok(r)) = self.result() else {
            self.notice = Some(Notice::Incomplete);
            return Effect::None;
        };
        if !self.confirmed {
            self.notice = Some(Notice::ConfirmFirst);
            return Effect::None;
        }
        if self.reason_required(&r) && self.reason.trim().is_empty() {
            self.notice = Some(Notice::ReasonRequired);
            return Effect::None;
        }
        Effect::Save
    }

    /// Esc: on a page with answers, asks (leave prompt); a closed prompt; the saved page closes.
    pub fn cancel(&mut self) -> Effect {
        match self.page {
            Page::Saved(_) | Page::Loading => Effect::Close,
            Page::Resume => Effect::Close,
            _ => {
                self.prompt = Some(Prompt::Leave);
                Effect::None
            }
        }
    }

    /// Leave prompt: discard.
    pub fn discard(&mut self) -> Effect {
        self.prompt = None;
        Effect::DiscardAndClose
    }

    /// Leave prompt: keep a draft.
    pub fn keep_draft(&mut self) -> Effect {
        self.prompt = None;
        Effect::KeepDraftAndClose
    }

    /// Resume page: restore the draft's answers.
    pub fn resume(&mut self) {
        if let Some(d) = self.draft.take() {
            self.answers = d.answers;
            self.capacity = d.capacity;
            self.age_note = d.age_note;
            let step = d.step.min(self.steps().saturating_sub(1));
            self.go(Page::Step(step));
        }
    }

    /// Resume page: start afresh.
    pub fn start_over(&mut self) -> Effect {
        self.draft = None;
        self.go(Page::Step(0));
        Effect::DiscardDraft
    }

    /// The answers so far as a draft.
    pub fn draft_state(&self) -> DraftState {
        DraftState {
            answers: self.answers.clone(),
            capacity: self.capacity,
            age_note: self.age_note.clone(),
            step: match self.page {
                Page::Step(k) => k,
                _ => 0,
            },
        }
    }

    /// Accepts the text of the open prompt (age note: chooses the option if the note is not
    /// empty; reason: keeps it).
    pub fn accept_text(&mut self) {
        match self.prompt.take() {
            Some(Prompt::AgeNote { option, input }) => {
                let note = input.text().trim().to_string();
                if note.is_empty() {
                    self.notice = Some(Notice::AgeNoteRequired);
                    return;
                }
                if let Some((i, _)) = self.age_prefill {
                    self.answers[i] = vec![option];
                    self.cursor = option;
                }
                self.age_note = note;
            }
            Some(Prompt::Reason(input)) => self.reason = input.text().trim().to_string(),
            other => self.prompt = other,
        }
    }

    /// Closes the open prompt without taking its text.
    pub fn close_prompt(&mut self) {
        self.prompt = None;
    }

    /// The text input of the open prompt, if any.
    pub fn input_mut(&mut self) -> Option<&mut LineInput> {
        match &mut self.prompt {
            Some(Prompt::AgeNote { input, .. }) | Some(Prompt::Reason(input)) => Some(input),
            _ => None,
        }
    }

    /// The text input of the open prompt, if any.
    pub fn input(&self) -> Option<&LineInput> {
        match &self.prompt {
            Some(Prompt::AgeNote { input, .. }) | Some(Prompt::Reason(input)) => Some(input),
            _ => None,
        }
    }
}
