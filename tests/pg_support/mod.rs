//! What the PostgreSQL tests (`tests/pg_*.rs`) share: the test server (`BROKERDESK_TEST_PG`, set
//! by `scripts/pg-test-server.sh`), URLs on it for a role, and fresh databases. Without a server
//! a test prints a skip line and passes — unless `CI` or `BROKERDESK_REQUIRE_PG=1` is set, where
//! a missing server fails it.

#![allow(dead_code)]

use postgres::{Client, Config, NoTls};

/// The server's (superuser) URL, or `None` (skip: a line on stderr naming `test`) when no server
/// is given and none is required. Panics when one is required (CI) and none is given.
pub fn server(test: &str) -> Option<String> {
    match std::env::var("BROKERDESK_TEST_PG") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            let required = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
                || std::env::var("BROKERDESK_REQUIRE_PG").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "BROKERDESK_TEST_PG is not set but a PostgreSQL server is required here (CI / BROKERDESK_REQUIRE_PG=1): \
                 run the tests under scripts/pg-test-server.sh"
            );
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: tests/{test}.rs needs a PostgreSQL server (run `scripts/pg-test-server.sh cargo test --test {test}`)"
            );
            None
        }
    }
}

/// `postgres://USER@host:port/DB` on the server of `config` (trust authentication: no password).
pub fn url_for(config: &Config, user: &str, db: &str) -> String {
    let host = match &config.get_hosts()[0] {
        postgres::config::Host::Tcp(h) => h.clone(),
        #[cfg(unix)]
        postgres::config::Host::Unix(p) => p.display().to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!("postgres://{user}@{host}:{port}/{db}")
}

/// A new empty database `bd_<what>_<pid>_<µs>` on the server of `admin`: its name.
pub fn fresh_database(admin: &str, what: &str) -> String {
    let db = format!("bd_{what}_{}_{}", std::process::id(), chrono::Utc::now().timestamp_micros());
    let mut client = Client::connect(admin, NoTls).expect("connect to BROKERDESK_TEST_PG");
    client.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    db
}
