//! The command line in the user's language: clap's `--help` and its own errors worded from the
//! catalogue (`src/i18n/{zh,en}/cli.rs`). The language is known before clap parses: `--lang` in
//! the arguments, else `$BROKERDESK_LANG`, else the settings file's `lang`, else Chinese
//! ([`pre_scan_lang`], used by [`crate::config::command_line`]).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::i18n::Msg;
use crate::session::Lang;

/// The environment variable naming the language (`zh` or `en`) when `--lang` is not given.
pub const LANG_ENV: &str = "BROKERDESK_LANG";

/// `--lang X` / `--lang=X` among `args` (the program name first), if any and valid.
pub fn pre_scan_lang(args: &[std::ffi::OsString]) -> Option<Lang> {
    use clap::ValueEnum;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(v) = value {
            return Lang::from_str(v.trim(), true).ok();
        }
    }
    None
}

/// `$BROKERDESK_LANG`, if set to a valid language.
pub fn env_lang() -> Option<Lang> {
    use clap::ValueEnum;
    std::env::var(LANG_ENV).ok().and_then(|v| Lang::from_str(v.trim(), true).ok())
}

fn catalogue(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Zh => crate::i18n::zh::cli::HELP,
        Lang::En => crate::i18n::en::cli::HELP,
    }
}

macro_rules! cli_text {
    ($lang:expr, $key:ident) => {
        match $lang {
            Lang::Zh => crate::i18n::zh::cli::$key,
            Lang::En => crate::i18n::en::cli::$key,
        }
    };
}

/// The key of an argument of the command at `path`: `--long`, or the positional's id.
fn arg_key(path: &str, arg: &Arg) -> String {
    let id = match arg.get_long() {
        Some(l) => format!("--{l}"),
        None => arg.get_id().to_string(),
    };
    if path.is_empty() { id } else { format!("{path} {id}") }
}

/// `cmd` (at `path`, `""` for the program) with its about, its arguments' help, the help and
/// version flags and the headings in `lang`; its subcommands likewise.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    localize_at(cmd, "", lang, true)
}

fn localize_at(mut cmd: Command, path: &str, lang: Lang, root: bool) -> Command {
    let texts = catalogue(lang);
    let find = |key: &str| texts.iter().find(|(k, _)| *k == key).map(|(_, t)| *t);
    if let Some(about) = find(path) {
        cmd = cmd.about(about);
    }
    let ids: Vec<(String, String, bool)> = cmd
        .get_arguments()
        .filter(|a| !(a.is_global_set() && !root))
        .map(|a| (a.get_id().to_string(), arg_key(path, a), a.is_positional()))
        .collect();
    for (id, key, positional) in ids {
        let heading = if positional { cli_text!(lang, ARGUMENTS) } else { cli_text!(lang, OPTIONS) };
        let help = find(&key);
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(cli_text!(lang, COMMANDS))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            cli_text!(lang, USAGE)
        ))
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(cli_text!(lang, HELP_FLAG))
                .help_heading(cli_text!(lang, OPTIONS)),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(cli_text!(lang, VERSION_FLAG))
                .help_heading(cli_text!(lang, OPTIONS)),
        );
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(&name, |s| localize_at(s, &sub_path, lang, false));
    }
    cmd
}

/// clap's help or usage text `drawn` with clap's fixed words (`[OPTIONS]`, `[possible values: …]`,
/// `[default: …]`) in `lang`; English as clap wrote it.
pub fn clap_words(drawn: &str, lang: Lang) -> String {
    cli_text!(lang, CLAP_WORDS).iter().fold(drawn.to_string(), |text, (from, to)| text.replace(from, to))
}

/// What `--help` (or a command given without its subcommand) prints in `lang`: clap's help with
/// its fixed words translated ([`clap_words`]). `None` for other outcomes (errors, `--version`).
pub fn help_text(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::ErrorKind::{DisplayHelp, DisplayHelpOnMissingArgumentOrSubcommand};
    matches!(e.kind(), DisplayHelp | DisplayHelpOnMissingArgumentOrSubcommand)
        .then(|| clap_words(&e.render().to_string(), lang))
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A clap error (not `--help` / `--version`) worded in `lang`: the problem, the usage of the
/// command, and where to read more. English keeps clap's own wording.
pub fn error_text(e: &clap::Error, cmd: &mut Command, lang: Lang) -> String {
    if lang == Lang::En {
        return e.render().to_string();
    }
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    // several suggestions: `'assessments' 或 'segments'` (the message quotes the whole)
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .map(|k| context(e, k))
        .find(|s| !s.is_empty())
        .map(|s| s.split(", ").collect::<Vec<_>>().join(&format!("'{}'", cli_text!(lang, OR))));
    let problem = match e.kind() {
        ErrorKind::UnknownArgument => Msg::CliUnknownArgument { arg, suggestion },
        ErrorKind::InvalidSubcommand => {
            Msg::CliUnknownCommand { name: context(e, ContextKind::InvalidSubcommand), suggestion }
        }
        ErrorKind::InvalidValue => Msg::CliInvalidValue { arg, value, valid: context(e, ContextKind::ValidValue) },
        // the parser's own reason is English (it runs inside clap): the rule of the options we
        // bound ourselves, else the value and its option say enough
        ErrorKind::ValueValidation => {
            let valid = if arg.starts_with("--today") {
                cli_text!(lang, TODAY_RULE).to_string()
            } else if arg.starts_with("--customers") {
                cli_text!(lang, CUSTOMERS_RULE).to_string()
            } else {
                String::new()
            };
            Msg::CliInvalidValue { arg, value, valid }
        }
        ErrorKind::MissingRequiredArgument => Msg::CliMissingArgument { args: arg },
        ErrorKind::ArgumentConflict => Msg::CliConflict { arg, other: context(e, ContextKind::PriorArg) },
        _ => Msg::CliOther { detail: e.kind().to_string() },
    };
    // the usage of the command the mistake is in (the error's own), else the program's
    let usage = match context(e, ContextKind::Usage) {
        u if u.is_empty() => cmd.render_usage().to_string(),
        u => u,
    };
    let usage = usage.trim().strip_prefix("Usage:").unwrap_or(usage.trim()).trim();
    let usage = clap_words(usage, lang);
    format!("{}\n\n{} {usage}\n\n{}\n", problem.render(lang), cli_text!(lang, USAGE), cli_text!(lang, MORE_INFO))
}

/// An error of a command as the user reads it in `lang` (`main` prints it): the database's own
/// errors (open, schema upgrade, create, busy) and the demo's worded from the catalogue, a
/// catalogue refusal in `lang`; any other error as it is (with its causes).
pub fn error_message(err: &anyhow::Error, lang: Lang) -> String {
    use crate::demo::DemoError;
    use crate::store::StoreError;
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            let msg = match e {
                StoreError::Open { path, source } => Msg::DbOpen { path: path.clone(), detail: source.to_string() },
                StoreError::Migrate { path, .. } => {
                    // the English text carries SQLite's cause without the migration's SQL
                    let detail = e.to_string();
                    let detail = detail.rsplit(": ").next().unwrap_or(&detail).to_string();
                    Msg::DbMigrate { path: path.clone(), detail }
                }
                StoreError::Io { path, source } => Msg::DbCreate { path: path.clone(), detail: source.to_string() },
                StoreError::NoDataDir => Msg::DbNoDataDir,
                StoreError::Refused(m) => return m.render(lang),
                StoreError::Server { url, message } => {
                    Msg::Pg(crate::i18n::pg::PgMsg::Server { url: url.clone(), detail: message.clone() })
                }
                StoreError::Sql(_) | StoreError::Rule(_) => continue,
            };
            return msg.render(lang);
        }
        if let Some(e) = cause.downcast_ref::<DemoError>() {
            let msg = match e {
                DemoError::Market(detail) => Msg::DemoMarket { detail: detail.clone() },
                DemoError::Import { file, message } => {
                    Msg::DemoImport { file: file.to_string(), detail: message.clone() }
                }
                DemoError::TodayBeforeData { today, statistics_date } => {
                    Msg::DemoTodayBeforeData { today: today.to_string(), statistics_date: statistics_date.to_string() }
                }
            };
            return msg.render(lang);
        }
    }
    if crate::tui::app::is_busy(err) {
        return Msg::DbBusy.render(lang);
    }
    format!("{err:#}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
        args.iter().map(|a| a.into()).collect()
    }

    #[test]
    fn database_and_demo_errors_in_the_users_language() {
        let e = anyhow::Error::from(crate::store::StoreError::NoDataDir);
        assert_eq!(error_message(&e, Lang::Zh), "没有平台数据目录（请用 --db PATH 指定数据库）");
        assert_eq!(error_message(&e, Lang::En), "no platform data directory (set --db PATH)");
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = anyhow::Error::from(crate::store::StoreError::Io { path: "/x/b.db".into(), source: io });
        assert!(error_message(&e, Lang::Zh).starts_with("数据库 /x/b.db：无法创建其文件夹或文件："), "{e:#}");
        let busy = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(5), None);
        let e = anyhow::Error::from(busy).context("writing");
        assert_eq!(error_message(&e, Lang::Zh), "数据库正忙（可能正在导入），请稍后再试");
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let e = anyhow::Error::from(crate::demo::DemoError::TodayBeforeData {
            today: day("2020-01-01"),
            statistics_date: day("2025-08-26"),
        });
        assert_eq!(error_message(&e, Lang::Zh), "演示数据截至 2025-08-26；今天（2020-01-01）不能早于该日期");
        // anything else as it is
        assert_eq!(error_message(&anyhow::anyhow!("x").context("y"), Lang::Zh), "y: x");
    }

    #[test]
    fn the_language_is_found_before_clap_parses() {
        assert_eq!(pre_scan_lang(&os(&["bd", "report", "--lang", "en"])), Some(Lang::En));
        assert_eq!(pre_scan_lang(&os(&["bd", "--lang=EN", "check"])), Some(Lang::En));
        assert_eq!(pre_scan_lang(&os(&["bd", "--lang", "zh"])), Some(Lang::Zh));
        assert_eq!(pre_scan_lang(&os(&["bd", "--lang", "fr"])), None);
        assert_eq!(pre_scan_lang(&os(&["bd", "check"])), None);
        assert_eq!(pre_scan_lang(&os(&["bd", "--", "--lang", "en"])), None);
    }

    /// Every option and command has its help in both languages (a new option needs its key in
    /// `src/i18n/{zh,en}/cli.rs`), and every key names one.
    #[test]
    fn every_help_text_is_in_the_catalogue_and_every_key_is_used() {
        fn keys(cmd: &Command, path: &str, out: &mut Vec<String>) {
            out.push(path.to_string());
            for a in cmd.get_arguments().filter(|a| !(a.is_global_set() && !path.is_empty())) {
                if a.get_help().is_some() {
                    out.push(arg_key(path, a));
                }
            }
            for s in cmd.get_subcommands() {
                let p = if path.is_empty() { s.get_name().to_string() } else { format!("{path} {}", s.get_name()) };
                keys(s, &p, out);
            }
        }
        let mut all = Vec::new();
        keys(&crate::cli::Cli::command(), "", &mut all);
        for lang in [Lang::Zh, Lang::En] {
            let have: Vec<&str> = catalogue(lang).iter().map(|(k, _)| *k).collect();
            let missing: Vec<&String> = all.iter().filter(|k| !have.contains(&k.as_str())).collect();
            assert!(missing.is_empty(), "{lang:?}: no help text for {missing:?}");
            let unused: Vec<&&str> = have.iter().filter(|k| !all.iter().any(|a| a == *k)).collect();
            assert!(unused.is_empty(), "{lang:?}: keys naming nothing {unused:?}");
        }
    }

    #[test]
    fn help_and_errors_in_chinese() {
        let mut cmd = localize(crate::cli::Cli::command(), Lang::Zh);
        let help = cmd.render_help().to_string();
        assert!(help.starts_with("客户经理的终端工作台"), "{help}");
        for part in ["用法： brokerdesk", "命令:", "选项:", "显示帮助", "导出一个视图为 CSV", "--db <PATH|URL>"]
        {
            assert!(help.contains(part), "{part}:\n{help}");
        }
        assert!(!help.contains("Print help") && !help.contains("Usage:"), "{help}");
        // clap's own words too, as `--help` prints them
        let e = cmd.clone().try_get_matches_from(["brokerdesk", "import", "--help"]).unwrap_err();
        let help = help_text(&e, Lang::Zh).expect("help");
        for part in [
            "用法： brokerdesk import [选项] <KIND> <FILE>",
            "[可选值：managers, customers",
            "[默认：zh]",
            "要读取的文件",
        ] {
            assert!(help.contains(part), "{part}:\n{help}");
        }
        for english in ["[OPTIONS]", "possible values", "[default:"] {
            assert!(!help.contains(english), "{english}:\n{help}");
        }
        let e = cmd.clone().try_get_matches_from(["brokerdesk", "report"]).unwrap_err();
        let help = help_text(&e, Lang::Zh).expect("a command without its subcommand shows its help");
        assert!(help.contains("用法： brokerdesk report [选项] <命令>"), "{help}");
        let e = cmd.clone().try_get_matches_from(["brokerdesk", "--frobnicate"]).unwrap_err();
        let text = error_text(&e, &mut cmd, Lang::Zh);
        assert!(text.starts_with("无法识别的参数 '--frobnicate'"), "{text}");
        assert!(text.contains("用法： brokerdesk") && text.ends_with("更多信息请用 '--help'。\n"), "{text}");
        let e = cmd.clone().try_get_matches_from(["brokerdesk", "report", "segmnets"]).unwrap_err();
        let text = error_text(&e, &mut cmd, Lang::Zh);
        assert!(text.starts_with("无法识别的命令 'segmnets'（是否想用 'assessments' 或 'segments'？）"), "{text}");
        assert!(text.contains("用法： brokerdesk report"), "the usage of `report`: {text}");
        let e = cmd.clone().try_get_matches_from(["brokerdesk", "export", "customers", "--format", "pdf"]).unwrap_err();
        let text = error_text(&e, &mut cmd, Lang::Zh);
        assert!(text.starts_with("参数 '--format <FORMAT>' 的值 'pdf' 无效"), "{text}");
        // English: clap's own
        let mut en = localize(crate::cli::Cli::command(), Lang::En);
        let help = en.render_help().to_string();
        assert!(help.contains("Print help") && help.contains("Usage: brokerdesk"), "{help}");
        let e = en.clone().try_get_matches_from(["brokerdesk", "--frobnicate"]).unwrap_err();
        assert!(error_text(&e, &mut en, Lang::En).contains("unexpected argument '--frobnicate'"));
    }
}
