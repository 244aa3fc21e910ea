//! The interview's plain types: who is assessed, where the interview is, its popups, the
//! effects a transition asks for, the notices, and the draft kept between sessions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::model::CustomerKind;
use crate::domain::risk::{ProductRisk, RiskLevel};
use crate::tui::widgets::input::LineInput;

/// What the interview knows of the customer (read in `sync`; the screen shows only this).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub customer_id: String,
    pub name: String,
    /// 资金账号, masked.
    pub masked_account: String,
    pub kind: CustomerKind,
    /// Age today from the birth date, if known.
    pub age: Option<u32>,
    pub professional: bool,
    /// The latest assessment: (level, lowest flag, valid until).
    pub previous: Option<(RiskLevel, bool, NaiveDate)>,
    /// The holdings (code, name, rating in force), for "what changes".
    pub holdings: Vec<(String, String, ProductRisk)>,
    pub today: NaiveDate,
}

/// Where the interview is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// Not loaded yet (or the customer is not in the book in view).
    Loading,
    /// A draft of this customer exists: resume it or start afresh.
    Resume,
    /// Step `k` (0-based): the civil-capacity question (individuals) and then the questions.
    Step(usize),
    Review,
    Result,
    /// Saved as the record with this id.
    Saved(String),
}

/// A popup over the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// "Leave the unfinished interview? discard / keep a draft / go on".
    Leave,
    /// The manager chose `option` instead of the pre-filled age answer: a note is required.
    AgeNote { option: usize, input: LineInput },
    /// Typing the customer's reason for a changed level.
    Reason(LineInput),
}

/// What the screen must do after a transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Save the confirmed result as a record (one transaction).
    Save,
    /// Keep the answers as a draft and close the interview.
    KeepDraftAndClose,
    /// Drop any draft and close the interview (nothing saved).
    DiscardAndClose,
    /// Drop the kept draft (starting afresh).
    DiscardDraft,
    /// Write the printable record.
    Print,
    /// Close the interview.
    Close,
}

/// A line for the manager under the page (what is missing; where the record was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Next on an unanswered question.
    ChooseFirst,
    /// The result was asked for with step `k` (0-based) unanswered.
    Unanswered(usize),
    /// Save with an incomplete or refused answer sheet.
    Incomplete,
    /// Save before the customer's confirmation.
    ConfirmFirst,
    /// Save of a changed level without the customer's reason.
    ReasonRequired,
    /// An empty note for a changed age answer.
    AgeNoteRequired,
    /// The printable record was written to this file.
    Printed(String),
}

impl Notice {
    /// The text in `lang`.
    pub fn text(&self, lang: crate::session::Lang) -> String {
        match self {
            Notice::ChooseFirst => tr!(lang, CHOOSE_AN_ANSWER_FIRST).into(),
            Notice::Unanswered(k) => crate::i18n::Msg::StepNotAnswered { step: k + 1 }.render(lang),
            Notice::Incomplete => {
                tr!(lang, THE_ANSWERS_ARE_INCOMPLETE_NOTHING_SAVED).into()
            }
            Notice::ConfirmFirst => {
                tr!(lang, PRESS_Y_ONCE_THE_CUSTOMER_CONFIRMED).into()
            }
            Notice::ReasonRequired => tr!(lang, THE_LEVEL_CHANGED_PRESS_E)
                .into(),
            Notice::AgeNoteRequired => {
                tr!(lang, CHANGING_THE_AGE_ANSWER_NEEDS_A).into()
            }
            Notice::Printed(path) => format!("{} {path}", tr!(lang, PRINTABLE_RECORD)),
        }
    }
}

/// The answers so far, as kept in a draft (JSON in `assessment_drafts.state`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftState {
    pub answers: Vec<Vec<usize>>,
    /// `Some(false)`: the customer lacks full civil capacity.
    pub capacity: Option<bool>,
    pub age_note: String,
    pub step: usize,
}
