//! Pure domain rules of brokerdesk: no I/O, no SQL, no terminal, no clock.
//!
//! Every rule takes what it needs as parameters (`today`, the loaded [`rules::Rules`], figures in fen),
//! so it can be unit-tested with numbers worked out by hand from SPEC §4.

pub mod alerts;
pub mod allocation;
pub mod assessment;
pub mod calendar;
pub mod coverage;
pub mod id_number;
pub mod limits;
pub mod mask;
pub mod model;
pub mod money;
pub mod professional;
pub mod questionnaire;
pub mod rating;
pub mod risk;
pub mod rules;
pub mod schedule;
pub mod scoring;
pub mod segment;
pub mod segment_axes;
pub mod text;
pub mod tier;
