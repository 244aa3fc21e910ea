//! brokerdesk binary: parse the command line, run, map errors to a message and exit code.

fn main() {
    // exports, rejects, backups and logs hold personal data: owner-only from the start
    brokerdesk::store::files::private_umask();
    // the command line, with the settings file's `lang` unless --lang is given
    let cli = match brokerdesk::config::command_line() {
        Ok(cli) => cli,
        Err(err) => {
            eprintln!("brokerdesk: {err:#}");
            std::process::exit(2);
        }
    };
    let lang = cli.global.lang;
    let db = cli.global.db_path().ok().flatten();
    match brokerdesk::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            if let Some(db) = db.as_deref().filter(|_| brokerdesk::store::busy::is_lock_error(&err)) {
                // never SQLite's raw "database is locked": how long it waited and who writes
                eprintln!("brokerdesk: {}", brokerdesk::store::busy::timeout_message(db, lang));
                std::process::exit(2);
            }
            eprintln!("brokerdesk: {}", brokerdesk::cli::localize::error_message(&err, lang));
            std::process::exit(2);
        }
    }
}
