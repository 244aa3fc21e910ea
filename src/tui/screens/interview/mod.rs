//! 风险测评 Interview mode (SPEC §5.7, issue 5): full screen, one question at a time, back/next
//! keeping every answer, the age answer pre-filled from the birth date (changing it needs a note),
//! forced-lowest options marked before they are chosen, a review page, a result page with what
//! changes for the holdings, the customer's confirmation, then one transaction saves the record.
//! An unfinished interview is never a record: leaving keeps it as a draft or discards it.
//!
//! - [`model`]: the plain types (subject, pages, popups, effects, notices, draft);
//! - [`state`]: the state and its pure transitions (tested as key sequences);
//! - [`update`]: keys → transitions, the effects on the DB, `sync`;
//! - [`render`]: drawing, a pure function of the state (`chrome`: footer and popups).

mod chrome;
pub mod model;
pub mod render;
pub mod state;
pub mod update;

pub use state::{DraftState, Effect, InterviewState, Notice, Page, Prompt, Subject};
