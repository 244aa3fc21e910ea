//! brokerdesk binary: parse the command line, run, map errors to a message and exit code.

use clap::Parser;

fn main() {
    let cli = brokerdesk::cli::Cli::parse();
    match brokerdesk::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("brokerdesk: {err:#}");
            std::process::exit(2);
        }
    }
}
