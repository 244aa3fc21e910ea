//! brokerdesk binary: parse the command line, run, map errors to a message and exit code.

fn main() {
    // the command line, with the settings file's `lang` unless --lang is given
    let cli = match brokerdesk::config::command_line() {
        Ok(cli) => cli,
        Err(err) => {
            eprintln!("brokerdesk: {err:#}");
            std::process::exit(2);
        }
    };
    let lang = cli.global.lang;
    match brokerdesk::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("brokerdesk: {}", brokerdesk::cli::localize::error_message(&err, lang));
            std::process::exit(2);
        }
    }
}
