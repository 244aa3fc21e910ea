//! `brokerdesk roles sync --pg postgres://…` (run as the owner of the book's tables): one LOGIN
//! role per manager named `bd_` + the lower-case manager id (`M03` → `bd_m03`), all members of
//! the group `bd_staff` (the grants), the branch head(s) (`managers.role = 'supervisor'`) also
//! of `bd_supervisor`; row-level security on every table that holds customers' data; record
//! tables INSERT-only (no UPDATE/DELETE grant to anyone but the owner, whose triggers refuse too).
//!
//! How a role learns its manager: `bd_manager_id()` maps `current_user` through the managers
//! table (`'bd_' || lower(manager_id) = current_user`); `bd_is_supervisor()` is membership of
//! `bd_supervisor`. No password is set here: the DBA sets them (`ALTER ROLE bd_m03 PASSWORD …`)
//! or uses the server's own authentication (pg_hba.conf). A `bd_` role whose manager is no
//! longer in the table loses LOGIN (its records stay).

use postgres::Client;

use super::{PgError, ident};
use crate::i18n::pg::PgMsg;

/// The group every manager's role belongs to: it carries the grants.
pub const STAFF: &str = "bd_staff";
/// The group of the branch head(s): sees and writes the whole branch through the policies.
pub const SUPERVISOR: &str = "bd_supervisor";

/// Record tables: what a person recorded, never changed or removed (SELECT, INSERT only).
pub const RECORD_TABLES: &[&str] = &[
    "callback_logs",
    "assessments",
    "professional_records",
    "alert_actions",
    "warning_confirmations",
    "audit_log",
    "reassignments",
];

/// State tables the app updates in place (SELECT, INSERT, UPDATE; DELETE where listed in
/// [`DELETABLE`]), all under row-level security by customer.
pub const STATE_TABLES: &[&str] = &[
    "customers",
    "account_snapshots",
    "holdings",
    "orders",
    "callback_plans",
    "alerts",
    "assessment_drafts",
    "customer_book",
];

/// State tables whose rows the app removes and rebuilds (derived book rows, drafts, a date's holdings).
pub const DELETABLE: &[&str] = &["customer_book", "assessment_drafts", "holdings"];

/// Tables without customers' data (no row-level security): readable by every role; written by
/// the supervisor (managers, securities, prices) or by anyone (questionnaires INSERT-only,
/// settings, import_runs INSERT-only with their own rows).
pub const REFERENCE_TABLES: &[&str] = &["managers", "securities", "prices", "questionnaires", "settings"];

/// The role name of manager `id`: `bd_` + lower case. Errors: an id that is not letters, digits
/// and `_` (1–50), refused naming it (a role name must be plain).
pub fn role_name(id: &str) -> Result<String, PgError> {
    let ok = !id.is_empty() && id.len() <= 50 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !ok {
        return Err(PgError::refused(PgMsg::BadManagerId { id: id.to_string() }));
    }
    Ok(format!("bd_{}", id.to_ascii_lowercase()))
}

/// What a sync did: roles created, roles that existed (updated), roles disabled (manager gone),
/// and the supervisors' roles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// New login roles.
    pub created: Vec<String>,
    /// Existing roles brought up to date (LOGIN, groups).
    pub updated: Vec<String>,
    /// `bd_` login roles whose manager is no longer in the managers table: NOLOGIN now.
    pub disabled: Vec<String>,
    /// Roles in `bd_supervisor`.
    pub supervisors: Vec<String>,
}

/// The row filters of a manager's role on each table under row-level security: (`USING`,
/// `WITH CHECK`) of the `bd_scope` policy, for `bd_staff`. The branch head passes through the
/// second policy, `bd_branch` (`true`, for `bd_supervisor` only): PostgreSQL picks a query's
/// policies by the role when it plans it, so the head's queries carry no filter at all, and a
/// manager's compute `bd_manager_id()` once per query (`(SELECT …)`: an init plan), not per row.
/// `customer_book` is read by its own `manager_id` (kept equal to its customer's in the same
/// transaction by every writer: the refresh copies it, a reassignment updates both), so a
/// manager's list, count and matrix use its `(manager_id, …)` indexes instead of a join per
/// query; a row written must still belong to a customer of theirs. (One policy
/// `bd_is_supervisor() OR …` cost a call per row, and a cost estimate high enough to JIT-compile
/// every query of 100k rows: BENCHMARKS.md, "PostgreSQL at 100k".)
fn policy(table: &str) -> (String, String) {
    let me = "(SELECT bd_manager_id())";
    let mine = |t: &str| {
        format!("EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = {t}.customer_id AND c.manager_id = {me})")
    };
    let same = |p: String| (p.clone(), p);
    match table {
        "customers" => same(format!("customers.manager_id = {me}")),
        "customer_book" => (
            format!("customer_book.manager_id = {me}"),
            format!("customer_book.manager_id = {me} AND {}", mine("customer_book")),
        ),
        "audit_log" => same(format!(
            "CASE WHEN audit_log.customer_id IS NULL THEN audit_log.actor = {me} ELSE {} END",
            mine("audit_log")
        )),
        "import_runs" => same(format!("import_runs.actor = {me}")),
        t => same(mine(t)),
    }
}

/// The tables under row-level security: every state and record table and `import_runs`.
pub fn rls_tables() -> Vec<&'static str> {
    STATE_TABLES.iter().chain(RECORD_TABLES).chain(&["import_runs"]).copied().collect()
}

/// Creates or updates the roles, grants and policies for the managers in the database's
/// managers table, in one transaction. The schema must be there (`migrate --to` first).
pub fn sync(client: &mut Client) -> Result<Synced, PgError> {
    let mut tx = client.transaction()?;
    tx.batch_execute("SELECT pg_advisory_xact_lock(1213)")?;
    let (current, latest) = super::versions(&mut tx)?;
    if current != latest {
        return Err(PgError::refused(PgMsg::NoSchema { version: current, latest }));
    }
    // Every table whose grants or policies change, locked up front with `customers` LAST: a
    // reader locks its table, then (through its policy) customers, so it never holds customers
    // while waiting for a table this sync holds — no deadlock with managers at work (they wait).
    let mut locked: Vec<&str> = RECORD_TABLES
        .iter()
        .chain(STATE_TABLES)
        .chain(REFERENCE_TABLES)
        .chain(&["import_runs"])
        .copied()
        .filter(|t| *t != "customers" && *t != "managers")
        .collect();
    locked.push("customers");
    tx.batch_execute(&format!("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE", locked.join(", ")))?;
    let managers: Vec<(String, String)> = tx
        .query("SELECT manager_id, role FROM managers ORDER BY manager_id", &[])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut out = Synced::default();
    for group in [STAFF, SUPERVISOR] {
        tx.batch_execute(&format!(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN CREATE ROLE {group} NOLOGIN; END IF; END $$"
        ))?;
    }
    // the manager of the signed-in role, and whether it is the branch head's
    tx.batch_execute(&format!(
        "CREATE OR REPLACE FUNCTION bd_manager_id() RETURNS text LANGUAGE sql STABLE AS
           $$ SELECT manager_id FROM public.managers WHERE 'bd_' || lower(manager_id) = current_user $$;
         CREATE OR REPLACE FUNCTION bd_is_supervisor() RETURNS boolean LANGUAGE sql STABLE AS
           $$ SELECT pg_has_role(current_user, '{SUPERVISOR}', 'MEMBER') $$;"
    ))?;
    let mut wanted = Vec::new();
    for (id, role) in &managers {
        let name = role_name(id)?;
        let exists = !tx.query("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&name])?.is_empty();
        if exists {
            tx.batch_execute(&format!(
                "ALTER ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS",
                ident(&name)
            ))?;
            out.updated.push(name.clone());
        } else {
            tx.batch_execute(&format!("CREATE ROLE {} LOGIN", ident(&name)))?;
            out.created.push(name.clone());
        }
        tx.batch_execute(&format!("GRANT {STAFF} TO {}", ident(&name)))?;
        if role == "supervisor" {
            tx.batch_execute(&format!("GRANT {SUPERVISOR} TO {}", ident(&name)))?;
            out.supervisors.push(name.clone());
        } else {
            tx.batch_execute(&format!("REVOKE {SUPERVISOR} FROM {}", ident(&name)))?;
        }
        wanted.push(name);
    }
    // bd_ login roles of managers no longer in the table
    let stale: Vec<String> = tx
        .query(
            "SELECT rolname::text FROM pg_roles WHERE rolname LIKE 'bd\\_%' AND rolname NOT IN ($1, $2) ORDER BY rolname",
            &[&STAFF, &SUPERVISOR],
        )?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .filter(|n| !wanted.contains(n))
        .collect();
    for name in stale {
        tx.batch_execute(&format!("ALTER ROLE {} NOLOGIN; REVOKE {SUPERVISOR} FROM {0}", ident(&name)))?;
        out.disabled.push(name);
    }
    // grants: start from none, then exactly what each kind of table needs
    let all: Vec<&str> =
        RECORD_TABLES.iter().chain(STATE_TABLES).chain(REFERENCE_TABLES).chain(&["import_runs"]).copied().collect();
    let mut sql = format!("GRANT USAGE ON SCHEMA public TO {STAFF};\n");
    for t in &all {
        sql.push_str(&format!("REVOKE ALL ON {t} FROM {STAFF}, {SUPERVISOR}, PUBLIC;\n"));
    }
    for t in RECORD_TABLES {
        sql.push_str(&format!("GRANT SELECT, INSERT ON {t} TO {STAFF};\n"));
    }
    for t in STATE_TABLES {
        let del = if DELETABLE.contains(t) { ", DELETE" } else { "" };
        sql.push_str(&format!("GRANT SELECT, INSERT, UPDATE{del} ON {t} TO {STAFF};\n"));
    }
    sql.push_str(&format!(
        "GRANT SELECT ON managers, securities, prices TO {STAFF};
         GRANT INSERT, UPDATE ON managers, securities, prices TO {SUPERVISOR};
         GRANT SELECT, INSERT ON questionnaires, import_runs TO {STAFF};
         GRANT SELECT, INSERT, UPDATE, DELETE ON settings TO {STAFF};
         GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {STAFF};
         GRANT SELECT ON {} TO {STAFF};\n",
        super::VERSION_TABLE
    ));
    for t in rls_tables() {
        let (using, check) = policy(t);
        sql.push_str(&format!(
            "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;
             DROP POLICY IF EXISTS bd_scope ON {t};
             DROP POLICY IF EXISTS bd_branch ON {t};
             CREATE POLICY bd_scope ON {t} TO {STAFF} USING ({using}) WITH CHECK ({check});
             CREATE POLICY bd_branch ON {t} TO {SUPERVISOR} USING (true) WITH CHECK (true);\n",
        ));
    }
    tx.batch_execute(&sql)?;
    tx.commit()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_bd_and_the_lower_case_id() {
        assert_eq!(role_name("M03").unwrap(), "bd_m03");
        assert_eq!(role_name("m_10").unwrap(), "bd_m_10");
        assert!(role_name("M03; DROP TABLE customers").is_err());
        assert!(role_name("").is_err());
        assert!(role_name("张三").is_err());
    }

    #[test]
    fn every_table_is_in_exactly_one_grant_class() {
        let mut all: Vec<&str> =
            RECORD_TABLES.iter().chain(STATE_TABLES).chain(REFERENCE_TABLES).chain(&["import_runs"]).copied().collect();
        all.sort();
        let mut copy: Vec<&str> = super::super::copy::TABLES.to_vec();
        copy.sort();
        assert_eq!(all, copy);
        for t in DELETABLE {
            assert!(STATE_TABLES.contains(t) && !RECORD_TABLES.contains(t));
        }
    }

    #[test]
    fn a_child_table_is_scoped_through_its_customer() {
        let through = "EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = holdings.customer_id AND c.manager_id = (SELECT bd_manager_id()))";
        assert_eq!(policy("holdings"), (through.to_string(), through.to_string()));
    }

    #[test]
    fn the_book_is_read_by_its_own_manager_and_written_only_for_ones_customers() {
        let (using, check) = policy("customer_book");
        assert_eq!(using, "customer_book.manager_id = (SELECT bd_manager_id())");
        assert_eq!(
            check,
            "customer_book.manager_id = (SELECT bd_manager_id()) AND EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = customer_book.customer_id AND c.manager_id = (SELECT bd_manager_id()))"
        );
    }
}
