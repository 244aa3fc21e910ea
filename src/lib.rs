//! brokerdesk: a terminal desk for a securities account manager (客户经理).
//!
//! Layers, each its own module tree:
//! - [`domain`]: pure rules (questionnaire, scoring, tier, risk, suitability, masking, text width);
//! - [`store`]: SQLite schema, migrations and queries;
//! - [`import`]: back-office CSV files into the store;
//! - [`demo`]: the deterministic demo branch built from real market data;
//! - [`tui`]: screens, drawn by the same code in the terminal and headless;
//! - [`cli`]: the command line.

// first: its `tr!` macro is used by the modules below
#[macro_use]
pub mod i18n;
pub mod assets;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod import;
pub mod print;
pub mod questionnaires;
pub mod report;
pub mod session;
pub mod store;
pub mod tui;
