//! Messages of the PostgreSQL foundations (issue 12): `migrate --to`, `roles sync`. Carried by
//! [`Msg::Pg`](super::Msg::Pg); the texts are in `zh::pg` and `en::pg`.

/// One PostgreSQL message with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PgMsg {
    /// `--to`/`--pg` is not a `postgres://` URL (`url` with any password masked).
    NotPgUrl { url: String },
    /// The PostgreSQL database is at schema `version`, newer than this build's `latest`: untouched.
    NewerSchema { version: usize, latest: usize },
    /// `migrate --to`: the target holds rows (table, count): nothing copied.
    TargetNotEmpty { found: Vec<(String, i64)> },
    /// `migrate --to`: after the copy the counts differ (table, SQLite rows, PostgreSQL rows): rolled back.
    CountMismatch { diffs: Vec<(String, i64, i64)> },
    /// `migrate --to`: a text PostgreSQL cannot hold (a NUL byte, not UTF-8) in `table.column`: rolled back.
    BadText { table: String, column: String },
    /// `migrate --to`: the stream to the server broke while copying `table`.
    CopyFailed { table: String, error: String },
    /// `migrate --to` done: `tables` tables, `rows` rows, in `millis` ms, into `target` (masked).
    Migrated { target: String, tables: usize, rows: i64, millis: u64 },
    /// `roles sync`: a manager id that cannot be a role name (letters, digits, `_` only).
    BadManagerId { id: String },
    /// `roles sync`: the database is not at this build's schema (`version` of `latest`): run `migrate --to` first.
    NoSchema { version: usize, latest: usize },
    /// `roles sync` done: roles created, updated, disabled (manager gone), and the supervisors'.
    RolesSynced { created: Vec<String>, updated: Vec<String>, disabled: Vec<String>, supervisors: Vec<String> },
    /// On a server, signed in as `manager`'s role but `--manager asked` given: refused (a
    /// manager's role sees only its own book).
    SignedInAs { manager: String, asked: String },
    /// The server book at `url` (masked) could not be opened or used: the server's words.
    Server { url: String, detail: String },
    /// `migrate --to` run on a server book: it copies a SQLite file (`--db FILE`) into a server.
    MigrateFromServer,
}
