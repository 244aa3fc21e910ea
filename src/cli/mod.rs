//! The command line (SPEC §6): signing in (the session every command runs in) and running each
//! subcommand; the options and subcommands themselves are in [`args`].

use crate::store::db::Db;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::domain::model::{Manager, Role};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::scoring::{Answers, ScoringContext, score};
use crate::domain::tier::Tier;
use crate::i18n::Msg;
use crate::session::Session;
use crate::store::book::Scope;

pub mod args;
mod backup;
pub mod localize;
pub use args::*;

/// Opens the DB and signs in: `--manager ID` must exist; without it the branch's first supervisor
/// (or, on a DB with no managers yet, a stand-in 营业部负责人 who sees everything).
pub fn open_session(global: &Global) -> anyhow::Result<Session> {
    let (conn, label) = open_book(global, false)?;
    session_on(conn, label, global)
}

/// Opens the book `--db`/`BROKERDESK_DB` names (see [`Global::db_target`]): a SQLite file
/// (with `existing`, a missing file is an error: a mistyped `--db` must not create an empty
/// book) or a PostgreSQL server (migrated on open by its owner). Returns it and its label.
pub fn open_book(global: &Global, existing: bool) -> anyhow::Result<(Db, String)> {
    let target = global.db_target()?;
    let label = target.label();
    match target {
        DbTarget::File(path) => {
            if existing && !path.exists() {
                bail!(Msg::NoDatabase { path: path.display().to_string() }.render(global.lang));
            }
            Ok((crate::store::open(&path)?, label))
        }
        DbTarget::Server(url) => Ok((crate::store::open_server(&url)?, label)),
    }
}

/// Signs in on an already open connection (see [`open_session`]).
pub fn session_on(conn: Db, db_label: String, global: &Global) -> anyhow::Result<Session> {
    // on a server the database role is who signs in: a manager's role is that manager (RLS
    // shows it nothing else); the branch head's role (or the owner) chooses like a file's user
    let signed_in = match crate::store::managers::signed_in(&conn)? {
        Some(id) => crate::store::managers::get(&conn, &id)?,
        None => None,
    };
    if let Some(me) = signed_in.as_ref().filter(|m| m.role == Role::Manager) {
        if let Some(asked) = global.manager.as_ref().filter(|a| **a != me.manager_id) {
            let m = crate::i18n::pg::PgMsg::SignedInAs { manager: me.manager_id.clone(), asked: asked.clone() };
            bail!(Msg::Pg(m).render(global.lang));
        }
    }
    let manager = match signed_in.as_ref().filter(|m| m.role == Role::Manager) {
        Some(me) => Some(me.manager_id.clone()),
        None => global.manager.clone(),
    };
    let user = match &manager {
        Some(id) => match crate::store::managers::get(&conn, id)? {
            Some(m) => m,
            None => bail!(Msg::NoManager { id: id.clone(), db: db_label }.render(global.lang)),
        },
        None => crate::store::managers::first_supervisor(&conn)?.unwrap_or_else(|| Manager {
            manager_id: "supervisor".into(),
            name: "营业部负责人".into(),
            branch: String::new(),
            role: Role::Supervisor,
        }),
    };
    let rules = global.load_rules()?;
    crate::store::busy::set_lang(global.lang);
    // reads never write: under other rules than the file's the session reads a private book
    crate::store::book_view::attach(&conn, &rules)?;
    let scope = match user.role {
        Role::Supervisor => Scope::Branch,
        Role::Manager => Scope::Manager(user.manager_id.clone()),
    };
    Ok(Session { conn, db_label, today: crate::clock::today(global.today), user, scope, rules, lang: global.lang })
}

/// Runs a parsed command line. Returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let global = &cli.global;
    match cli.command {
        None => {
            let (mut conn, label) = open_book(global, false)?;
            let unfinished = crate::store::guards::incomplete(&conn)?.is_some();
            if !global.db_named() && (crate::store::is_empty(&conn)? || unfinished) {
                // First run on the default DB (nothing imported yet): build the demo book so there
                // is something to see. A DB that holds anything at all is never touched.
                let today = crate::clock::today(global.today);
                eprintln!("{}", Msg::FirstRunDemo { path: label.clone() }.render(global.lang));
                crate::store::guards::mark_building(&conn, "demo")?;
                crate::demo::build(
                    &mut conn,
                    &crate::demo::DemoOptions { today, ..crate::demo::DemoOptions::default() },
                )?;
                crate::store::guards::clear_building(&conn)?;
            }
            let session = session_on(conn, label, global)?;
            let start = match (global.screen, &global.customer) {
                (Some(screen), _) => screen,
                (None, Some(_)) => crate::tui::ScreenId::Customer,
                (None, None) => crate::tui::ScreenId::Today,
            };
            crate::store::busy::set_quiet(true);
            crate::tui::run(session, start, global.customer.clone(), global.questionnaire.clone())?;
            Ok(0)
        }
        Some(Command::Demo { customers, seed }) => {
            let (mut conn, label) = open_book(global, false)?;
            let _note = global.db_path()?.map(|p| crate::store::busy::WriterNote::create(&p, "demo"));
            let (_, real) = crate::store::import_runs::count_by(&conn, crate::demo::DEMO_ACTOR)?;
            if real > 0 {
                bail!(Msg::DemoIntoImported { db: label, runs: real }.render(global.lang));
            }
            let today = crate::clock::today(global.today);
            let started = std::time::Instant::now();
            // a build killed half-way leaves the marker: `check` calls the book incomplete
            crate::store::guards::mark_building(&conn, "demo")?;
            let summary = crate::demo::build(&mut conn, &crate::demo::DemoOptions { customers, seed, today })?;
            crate::store::guards::clear_building(&conn)?;
            let in_db = crate::store::customers::count(&conn)?;
            let built = Msg::DemoBuilt(Box::new(crate::i18n::DemoLine {
                branch: summary.branch.to_string(),
                managers: summary.managers,
                customers: summary.customers,
                in_db,
                holdings: summary.holdings,
                assessments: summary.assessments,
                calls: summary.callbacks.calls,
                securities: summary.securities,
                price_bars: summary.price_bars,
                statistics_date: summary.statistics_date,
                tenths: (started.elapsed().as_millis() as u64 + 50) / 100,
                path: label,
            }));
            emit(&format!("{}\n", built.render(global.lang)))?;
            Ok(0)
        }
        Some(Command::Render { screen, width, height, customer, search, sort }) => {
            let s = open_existing_session(global)?;
            crate::store::map_for_reads(&s.conn)?;
            let text = if screen == crate::tui::ScreenId::Customers && (search.is_some() || sort.is_some()) {
                crate::tui::render_customers_search(&s, width, height, search.as_deref(), sort.map(SortArg::key))?
            } else {
                crate::tui::render_to_string(&s, screen, width, height, customer.as_deref())?
            };
            emit(&format!("{}\n", text.trim_end_matches('\n')))?;
            Ok(0)
        }
        Some(Command::Import { kind, file, encoding, skip_bad, rejects }) => {
            // a bad --encoding is refused before the DB is opened
            let encoding = match encoding {
                Some(label) => {
                    Some(crate::import::parse_encoding(&label).map_err(|m| anyhow::Error::msg(m.render(global.lang)))?)
                }
                None => None,
            };
            // a rejects file that is a symbolic link would be written wherever it points
            let rejects_at = rejects.clone().unwrap_or_else(|| crate::import::rejects::default_path(&file));
            crate::store::files::refuse_symlink(&rejects_at).map_err(|e| anyhow::anyhow!(e.render(global.lang)))?;
            let mut s = open_session(global)?;
            let _note = global
                .db_path()?
                .map(|p| crate::store::busy::WriterNote::create(&p, &format!("import {kind:?}").to_lowercase()));
            if !s.is_supervisor() {
                bail!(Msg::ImportNotSupervisor { manager: s.user.manager_id.clone() }.render(s.lang));
            }
            let (demo_runs, _) = crate::store::import_runs::count_by(&s.conn, crate::demo::DEMO_ACTOR)?;
            if demo_runs > 0 {
                bail!(Msg::ImportIntoDemo { db: s.db_label.clone() }.render(s.lang));
            }
            let opts = crate::import::ImportOptions {
                encoding,
                skip_bad,
                rejects_path: rejects,
                actor: s.user.manager_id.clone(),
                today: s.today,
                now: crate::clock::now_on(s.today),
                rules: s.rules.clone(),
                alerts: true,
                replan: true,
                refresh_book: true,
                lang: s.lang,
            };
            match crate::import::import_file(&mut s.conn, kind, &file, &opts) {
                Ok(report) => {
                    for n in &report.notices {
                        eprintln!("{}", n.render(&file.display().to_string()));
                    }
                    for p in &report.problems {
                        eprintln!("{}", p.render(&file.display().to_string()));
                    }
                    emit(&format!("{}\n", report.render(s.lang)))?;
                    Ok(0)
                }
                Err(e) => {
                    let e = anyhow::Error::from(e);
                    if let Some(p) = global.db_path()?.filter(|_| crate::store::busy::is_lock_error(&e)) {
                        eprintln!("{}", crate::store::busy::timeout_message(&p, s.lang));
                    } else {
                        eprintln!("{e}");
                    }
                    Ok(1)
                }
            }
        }
        Some(Command::Report { report: ReportCmd::Segments { format, axes: Some(axis) } }) => {
            let s = open_existing_session(global)?;
            let axis = crate::domain::segment_axes::Axis::parse(&axis).context("unknown axis")?;
            let on = crate::store::accounts::statistics_date(&s.conn)?.unwrap_or(s.today);
            let facts = crate::store::segments::branch_facts(&s.conn, on, &s.rules)?;
            let m = facts.matrix(axis, &s.scope);
            emit(&crate::report::segments::render(&m, &facts.thresholds, format, s.lang)?)?;
            Ok(0)
        }
        Some(Command::Report { report: ReportCmd::Segments { format, axes: None } }) => {
            let s = open_existing_session(global)?;
            let m = crate::store::book::matrix(&s.conn, &s.scope, s.today)?;
            let labels = Tier::ALL.map(|t| s.tier_name(t).to_string());
            emit(&crate::report::segments(&m, format, s.lang, &labels)?)?;
            Ok(0)
        }
        Some(Command::Report { report: ReportCmd::Alerts { format } }) => {
            let s = open_existing_session(global)?;
            let rows = crate::store::alerts::all(&s.conn, &s.scope)?;
            emit(&crate::report::alerts(&rows, format, s.lang)?)?;
            Ok(0)
        }
        Some(Command::Alerts { alerts: AlertsCmd::Run }) => {
            let mut s = open_existing_session(global)?;
            let _note = global.db_path()?.map(|p| crate::store::busy::WriterNote::create(&p, "alerts run"));
            // a manager runs the rules over their own book; the supervisor over the branch
            let which = match &s.scope {
                Scope::Branch => crate::store::alerts::Which::All,
                Scope::Manager(m) => {
                    crate::store::alerts::Which::Customers(crate::store::customers::ids_of_manager(&s.conn, m)?)
                }
            };
            let started = std::time::Instant::now();
            let summary =
                crate::store::alerts::run_now(&mut s.conn, &which, s.today, crate::clock::now_on(s.today), &s.rules)?;
            let line = Msg::AlertsRun {
                customers: summary.customers,
                findings: summary.findings.iter().map(|(r, n)| (*r, *n)).collect(),
                opened: summary.opened,
                updated: summary.updated,
                reopened: summary.reopened,
                resolved: summary.resolved,
            };
            emit(&format!("{}\n({:.2} s)\n", line.render(s.lang), started.elapsed().as_secs_f64()))?;
            Ok(0)
        }
        Some(Command::Report { report: ReportCmd::Callbacks { format } }) => {
            let s = open_existing_session(global)?;
            let rows = crate::store::callbacks::lists::report_rows(&s.conn, &s.scope, s.today)?;
            emit(&crate::report::callbacks::callbacks(&rows, format, s.lang)?)?;
            Ok(0)
        }
        Some(Command::Report { report: ReportCmd::Coverage { year, format } }) => {
            let s = open_existing_session(global)?;
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&s.today));
            if !(1990..=2200).contains(&year) {
                bail!(Msg::BadYear { year }.render(s.lang));
            }
            if year > chrono::Datelike::year(&s.today) {
                bail!(Msg::YearNotBegun { year, today: s.today.to_string() }.render(s.lang));
            }
            let cov = crate::store::callbacks::lists::coverage(&s.conn, &s.scope, year, s.today)?;
            let rows = crate::report::callbacks::coverage_rows(&cov, s.scope == Scope::Branch);
            emit(&crate::report::callbacks::coverage(&rows, year, format, s.lang)?)?;
            Ok(0)
        }
        Some(Command::Report { report: ReportCmd::Assessments { format } }) => {
            let s = open_existing_session(global)?;
            let lines = crate::store::assessments::latest_per_customer(&s.conn, &s.scope)?;
            let rows = crate::report::assessment_rows(&lines, s.today, s.rules.assessment.expiring_days);
            emit(&crate::report::assessments(&rows, format, s.lang)?)?;
            Ok(0)
        }
        Some(Command::Assess { assess: AssessCmd::Score { questionnaire, answers, age, format } }) => {
            emit(&assess_score(&questionnaire, &answers, age, format)?)?;
            Ok(0)
        }
        Some(Command::Assess { assess: AssessCmd::Print { customer, assessment, format, output } }) => {
            let s = open_existing_session(global)?;
            if !crate::store::book::in_scope(&s.conn, &s.scope, &customer)? {
                bail!(Msg::NoCustomerInBook { id: customer.clone() }.render(s.lang));
            }
            let p = crate::print::load(&s.conn, &customer, assessment.as_deref())?;
            let text = match format {
                PrintFormat::Text => crate::print::text(&p),
                PrintFormat::Html => crate::print::html(&p),
            };
            match output {
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| Msg::Writing { path: path.display().to_string() }.render(global.lang))?;
                    emit(&format!("{}\n", path.display()))?;
                }
                None => emit(&text)?,
            }
            Ok(0)
        }
        Some(Command::Assess {
            assess: AssessCmd::Professional { customer, to, financial_assets, income, net_assets, years, reason },
        }) => {
            let mut s = open_existing_session(global)?;
            if !crate::store::book::in_scope(&s.conn, &s.scope, &customer)? {
                bail!(Msg::NoCustomerInBook { id: customer.clone() }.render(s.lang));
            }
            let lang = s.lang;
            let yuan = |name: &str, v: &str| {
                crate::domain::money::parse_yuan(v).map_err(|e| {
                    let m = Msg::BadYuanOption { option: name.into(), text: v.into(), detail: e.to_string() };
                    anyhow::anyhow!(m.render(lang))
                })
            };
            let facts = crate::domain::professional::ProfessionalFacts {
                financial_assets: yuan("financial-assets", &financial_assets)?,
                avg_income_3y: yuan("income", &income)?,
                net_assets: yuan("net-assets", &net_assets)?,
                experience_years: years,
            };
            let to = match to {
                ClassArg::Professional => crate::domain::professional::Conversion::ToProfessional,
                ClassArg::Ordinary => crate::domain::professional::Conversion::ToOrdinary,
            };
            let now = crate::clock::now_on(s.today);
            let (today, manager, rules) = (s.today, s.user.manager_id.clone(), s.rules.clone());
            let tx = crate::store::write_tx(&mut s.conn)?;
            let id =
                crate::store::professional::convert(&tx, &rules, &customer, to, facts, &reason, today, &manager, now)
                    .map_err(|e| anyhow::anyhow!(e.render(lang)))?;
            tx.commit()?;
            emit(&format!("{customer}: {} ({id})\n", to.code()))?;
            Ok(0)
        }
        Some(Command::Export { view, format, output, unmasked, force, tier, risk_type, search, axes }) => {
            let s = open_existing_session(global)?;
            let mut request = crate::export::Request::plain(view, s.scope.clone());
            if let Some(code) = axes {
                let Some(axis) = crate::domain::segment_axes::Axis::parse(&code) else {
                    bail!(Msg::BadAxis { text: code }.render(s.lang));
                };
                let crate::export::Request::Segments { scope } = request else {
                    bail!(Msg::AxesSegmentsOnly.render(s.lang));
                };
                request = crate::export::Request::SegmentAxis { scope, axis };
            }
            if tier.is_some() || risk_type.is_some() || search.is_some() {
                let crate::export::Request::Customers { filter, .. } = &mut request else {
                    bail!(Msg::FiltersCustomersOnly.render(s.lang));
                };
                if let Some(t) = tier {
                    filter.tier = Some(
                        Tier::parse(&t)
                            .ok_or_else(|| anyhow::anyhow!(Msg::BadTier { text: t.clone() }.render(s.lang)))?,
                    );
                }
                if let Some(t) = risk_type {
                    use crate::domain::risk::SegmentColumn;
                    let column = SegmentColumn::parse(&t)
                        .or_else(|| SegmentColumn::ALL.into_iter().find(|c| c.label_zh() == t.trim()))
                        .ok_or_else(|| anyhow::anyhow!(Msg::BadRiskType { text: t.clone() }.render(s.lang)))?;
                    filter.column = Some(column);
                }
                filter.text = search.unwrap_or_default();
            }
            let path = output.unwrap_or_else(|| PathBuf::from(crate::export::default_file_name(view, s.today, format)));
            crate::store::files::refuse_symlink(&path).map_err(|e| anyhow::anyhow!(e.render(s.lang)))?;
            let opts = crate::export::Options { format, path, unmasked, force, now: crate::clock::now_on(s.today) };
            let w = crate::export::run(&s, &request, &opts)?;
            emit(&format!("{} {} → {}\n", w.rows, tr!(s.lang, ROWS), w.path.display()))?;
            Ok(0)
        }
        Some(Command::Allocate { from, customer, to, balance, dry_run }) => {
            allocate(global, from, customer, to, balance, dry_run)
        }
        Some(Command::Check) => {
            let path = global.db_path()?;
            // file modes as found: opening tightens them, `check` still reports what it found
            let loose = path.as_deref().map(crate::store::guards::loose_files).unwrap_or_default();
            let (conn, label) = open_book(global, true)?;
            let mut h = crate::store::health(&conn, path.as_deref())?;
            h.loose_files.extend(loose);
            let check = Msg::Check {
                db: label,
                integrity: h.integrity.clone(),
                fk_violations: h.foreign_key_violations,
                schema: h.schema.0,
                latest: h.schema.1,
                customers: h.customers,
            };
            let mut out = format!("{}\n", check.render(global.lang));
            for line in crate::store::guards::findings(&h) {
                out.push_str(&format!("{}\n", Msg::Rel(line).render(global.lang)));
            }
            emit(&out)?;
            Ok(if h.is_ok() { 0 } else { 1 })
        }
        Some(Command::Migrate { to }) => {
            // the whole book goes: the supervisor's alone, as for a backup
            let s = open_existing_session(global)?;
            if !s.is_supervisor() {
                let m = crate::i18n::rel::RelMsg::BackupNotSupervisor { manager: s.user.manager_id.clone() };
                bail!(Msg::Rel(m).render(s.lang));
            }
            let started = std::time::Instant::now();
            let pg_err = |e: crate::store::pg::PgError| anyhow::anyhow!(e.render(s.lang));
            let mut client = crate::store::pg::connect(&to).map_err(pg_err)?;
            let Some(src) = s.conn.lite() else {
                bail!(Msg::Pg(crate::i18n::pg::PgMsg::MigrateFromServer).render(s.lang));
            };
            let copied = crate::store::pg::copy::migrate_book(src, &mut client).map_err(pg_err)?;
            let done = crate::i18n::pg::PgMsg::Migrated {
                target: crate::store::pg::mask_url(&to),
                tables: copied.tables.len(),
                rows: copied.rows(),
                millis: started.elapsed().as_millis() as u64,
            };
            emit(&format!("{}\n", Msg::Pg(done).render(s.lang)))?;
            Ok(0)
        }
        Some(Command::Roles { roles: RolesCmd::Sync { pg } }) => {
            let pg_err = |e: crate::store::pg::PgError| anyhow::anyhow!(e.render(global.lang));
            // `--pg URL`, else the server book of --db / BROKERDESK_DB
            let url = match (pg, global.db_target()?) {
                (Some(url), _) | (None, DbTarget::Server(url)) => url,
                (None, DbTarget::File(path)) => {
                    let m = crate::i18n::pg::PgMsg::NotPgUrl { url: path.display().to_string() };
                    bail!(Msg::Pg(m).render(global.lang));
                }
            };
            let mut client = crate::store::pg::connect(&url).map_err(pg_err)?;
            let r = crate::store::pg::roles::sync(&mut client).map_err(pg_err)?;
            let m = crate::i18n::pg::PgMsg::RolesSynced {
                created: r.created,
                updated: r.updated,
                disabled: r.disabled,
                supervisors: r.supervisors,
            };
            emit(&format!("{}\n", Msg::Pg(m).render(global.lang)))?;
            Ok(0)
        }
        Some(Command::Backup { path }) => backup::run(global, &path),
    }
}

/// `brokerdesk allocate`: the proposal table, then (without `--dry-run`) the applied count.
fn allocate(
    global: &Global,
    from: Option<String>,
    customer: Option<String>,
    to: Vec<String>,
    balance: bool,
    dry_run: bool,
) -> anyhow::Result<i32> {
    use crate::domain::allocation::Method;
    use crate::store::allocation::Selection;
    let s = open_existing_session(global)?;
    if !s.is_supervisor() {
        bail!(Msg::AllocateNotSupervisor { manager: s.user.manager_id.clone() }.render(s.lang));
    }
    let to: Vec<String> = to.into_iter().map(|m| m.trim().to_string()).filter(|m| !m.is_empty()).collect();
    if to.len() > 1 && !balance {
        bail!(Msg::SeveralReceiversNeedBalance { to: to.join(",") }.render(s.lang));
    }
    let (selection, reason) = match (from, customer) {
        (Some(m), _) => (Selection::Book(m), if balance { "balance" } else { "departure" }),
        (None, Some(c)) => (Selection::Customers(vec![c]), "single"),
        (None, None) => bail!(Msg::GiveFromOrCustomer.render(s.lang)),
    };
    let method = if balance { Method::Balance } else { Method::AllTo };
    let plan = crate::store::allocation::propose(&s.conn, &selection, &to, method)
        .map_err(|e| anyhow::anyhow!(e.render(s.lang)))?;
    let managers = crate::store::managers::list(&s.conn)?;
    let mut out = crate::report::allocation::text(&plan, &managers, s.lang);
    let n = plan.moves.len();
    if dry_run {
        out.push_str(&format!("{}\n", Msg::WouldMove { n: n as u64 }.render(s.lang)));
    } else {
        let now = crate::clock::now_on(s.today);
        let moved = crate::store::allocation::apply(&s.conn, &plan, &s.user, reason, now)
            .map_err(|e| anyhow::anyhow!(e.render(s.lang)))?;
        out.push_str(&format!("{}\n", Msg::Moved { n: moved as u64 }.render(s.lang)));
    }
    emit(&out)?;
    Ok(0)
}

/// Writes command output to stdout; a closed pipe (`brokerdesk … | head`) ends quietly.
fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}


/// [`open_session`] on a DB that must already exist.
fn open_existing_session(global: &Global) -> anyhow::Result<Session> {
    let (conn, label) = open_book(global, true)?;
    session_on(conn, label, global)
}

/// `assess score`: loads the questionnaire file, parses the answers and prints the result.
/// Errors name the file (bad definition) or the question (bad answers).
pub fn assess_score(path: &Path, answers: &str, age: Option<u32>, format: ScoreFormat) -> anyhow::Result<String> {
    let text = crate::config::read_definition(path).with_context(|| format!("reading {}", path.display()))?;
    let q = Questionnaire::from_toml(&text, &path.display().to_string())?;
    let parsed = Answers::parse(answers, &q)?;
    let r = score(&q, &parsed, ScoringContext { age, ..ScoringContext::default() })?;
    Ok(match format {
        ScoreFormat::Json => {
            /// The JSON contract of SPEC §4.1, fields in this order.
            #[derive(serde::Serialize)]
            struct Out<'a> {
                questionnaire: &'a str,
                version: u32,
                score: u32,
                level: &'a str,
                lowest: bool,
            }
            let out = Out {
                questionnaire: &q.id,
                version: q.version,
                score: r.score,
                level: r.level.code(),
                lowest: r.lowest,
            };
            serde_json::to_string(&out)? + "\n"
        }
        ScoreFormat::Text => format!("score: {}\nlevel: {}\nlowest: {}\n", r.score, r.level.code(), r.lowest),
    })
}
