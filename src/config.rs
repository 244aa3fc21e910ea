//! The user's settings file, read at start: `config.toml` in the platform config directory
//! (`ProjectDirs::from("", "", "brokerdesk").config_dir()`, e.g. `~/.config/brokerdesk/config.toml`
//! on Linux), or the file named by the `BROKERDESK_CONFIG` environment variable. One setting so
//! far (issue 8, "Language"):
//!
//! ```toml
//! lang = "en"   # "zh" (default) or "en"
//! ```
//!
//! `--lang` on the command line wins over the file. A missing default file is no settings (and so
//! is one whose folder cannot be read: a warning, the start goes on); a file named by
//! `BROKERDESK_CONFIG` must exist; an unreadable or wrong one is an error naming the file (an
//! unknown key too: a misspelt setting must not be silently ignored).

use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches, ValueEnum};

use crate::cli::Cli;
use crate::i18n::{Lang, Msg};

/// The environment variable naming another settings file (tests, several installations).
pub const ENV: &str = "BROKERDESK_CONFIG";

/// The settings of `config.toml`; `None` where the file says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The language of the UI and the CLI's messages.
    pub lang: Option<Lang>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    lang: Option<String>,
}

/// Where the settings file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Named by `$BROKERDESK_CONFIG`: it must exist.
    Env,
    /// `<config dir>/config.toml`: a missing one (or one whose folder cannot be read) is no settings.
    Default,
}

/// The settings file in use: `$BROKERDESK_CONFIG` if set, else `<config dir>/config.toml` (`None`
/// on a platform without a config directory).
pub fn path() -> Option<(PathBuf, Source)> {
    match std::env::var_os(ENV) {
        Some(p) if !p.is_empty() => Some((PathBuf::from(p), Source::Env)),
        _ => directories::ProjectDirs::from("", "", "brokerdesk")
            .map(|d| (d.config_dir().join("config.toml"), Source::Default)),
    }
}

/// Reads the settings at `path`, with a warning to show when there is one. A missing default
/// file is no settings, and so is one that cannot even be looked for (an unreadable config
/// folder: [`Msg::ConfigDirUnreadable`] as the warning); a file named by `$BROKERDESK_CONFIG`
/// that does not exist is [`Msg::ConfigMissing`]; a file that exists but cannot be read or is
/// wrong is [`Msg::ConfigUnreadable`] / [`Msg::ConfigBadLang`].
pub fn load(path: &Path, source: Source) -> Result<(Config, Option<Msg>), Msg> {
    let shown = path.display().to_string();
    match (path.try_exists(), source) {
        (Ok(false), Source::Default) => return Ok((Config::default(), None)),
        (Ok(false), Source::Env) => return Err(Msg::ConfigMissing { var: ENV, path: shown }),
        (Err(e), Source::Default) => {
            return Ok((Config::default(), Some(Msg::ConfigDirUnreadable { path: shown, detail: e.to_string() })));
        }
        (Err(e), Source::Env) => return Err(Msg::ConfigUnreadable { path: shown, detail: e.to_string() }),
        (Ok(true), _) => {}
    }
    let text =
        read_definition(path).map_err(|e| Msg::ConfigUnreadable { path: shown.clone(), detail: e.to_string() })?;
    Ok((parse(&text, &shown)?, None))
}

/// Parses the text of a settings file named `shown` in errors.
pub fn parse(text: &str, shown: &str) -> Result<Config, Msg> {
    let raw: Raw = toml::from_str(text)
        .map_err(|e| Msg::ConfigUnreadable { path: shown.to_string(), detail: e.message().into() })?;
    let lang = match raw.lang {
        None => None,
        Some(v) => Some(
            Lang::from_str(v.trim(), true)
                .map_err(|_| Msg::ConfigBadLang { path: shown.to_string(), value: v.clone() })?,
        ),
    };
    Ok(Config { lang })
}

/// The command line of the process in the user's language: `--lang` if given, else
/// `$BROKERDESK_LANG`, else the settings file's `lang` (the file is not read when `--lang` is
/// given), else Chinese. clap's `--help` and its own errors are worded in that language (see
/// [`crate::cli::localize`]); a bad command line exits as clap does (code 2); a bad settings
/// file is an error.
pub fn command_line() -> anyhow::Result<Cli> {
    use crate::cli::localize;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let given = localize::pre_scan_lang(&args);
    let mut from_file = None;
    if given.is_none()
        && let Some((path, source)) = path()
    {
        let shown_in = localize::env_lang().unwrap_or_default();
        let (config, warning) = load(&path, source).map_err(|m| anyhow::Error::msg(m.render(shown_in)))?;
        from_file = config.lang;
        if let Some(w) = warning {
            eprintln!("brokerdesk: {}", w.render(shown_in));
        }
    }
    let lang = given.or_else(localize::env_lang).or(from_file).unwrap_or_default();
    let mut cmd = localize::localize(Cli::command(), lang);
    let matches = match cmd.clone().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind::DisplayVersion;
            if lang == Lang::En || e.kind() == DisplayVersion {
                e.exit();
            }
            if let Some(help) = localize::help_text(&e, lang) {
                if e.use_stderr() {
                    eprint!("{help}");
                } else {
                    print!("{help}");
                }
                std::process::exit(e.exit_code());
            }
            eprint!("brokerdesk: {}", localize::error_text(&e, &mut cmd, lang));
            std::process::exit(2);
        }
    };
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if matches.value_source("lang") != Some(ValueSource::CommandLine) {
        cli.global.lang = lang;
    }
    Ok(cli)
}

/// Reads a definition file (settings, rules, questionnaire) as UTF-8 text, refusing one larger
/// than [`MAX_DEFINITION_BYTES`](crate::domain::limits::MAX_DEFINITION_BYTES) (1 MiB) after
/// reading at most that much: `/dev/zero` or a huge file fails at once instead of filling memory.
pub fn read_definition(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let limit = crate::domain::limits::MAX_DEFINITION_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {} KiB, the limit for a definition file", limit / 1024),
        ));
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language() {
        assert_eq!(parse("lang = \"en\"\n", "c.toml"), Ok(Config { lang: Some(Lang::En) }));
        assert_eq!(parse("lang = \"ZH\"", "c.toml"), Ok(Config { lang: Some(Lang::Zh) }));
        assert_eq!(parse("# nothing yet\n", "c.toml"), Ok(Config::default()));
        let e = parse("lang = \"fr\"", "c.toml").unwrap_err();
        assert_eq!(e.render(Lang::En), "c.toml: lang = \"fr\": use \"zh\" (Chinese) or \"en\" (English)");
        assert_eq!(e.render(Lang::Zh), "c.toml：lang = \"fr\"：请用 \"zh\"（中文）或 \"en\"（英文）");
        let e = parse("lnag = \"en\"", "c.toml").unwrap_err();
        assert!(e.render(Lang::En).starts_with("c.toml: cannot read the settings: unknown field `lnag`"), "{e:?}");
    }

    #[test]
    fn a_missing_file_is_no_settings_unless_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        assert_eq!(load(&file, Source::Default), Ok((Config::default(), None)));
        let e = load(&file, Source::Env).unwrap_err();
        assert_eq!(
            e.render(Lang::En),
            format!(
                "BROKERDESK_CONFIG names the settings file {}, which does not exist (fix the path or unset BROKERDESK_CONFIG)",
                file.display()
            )
        );
        std::fs::write(&file, "lang = \"en\"").unwrap();
        assert_eq!(load(&file, Source::Default), Ok((Config { lang: Some(Lang::En) }, None)));
        assert_eq!(load(&file, Source::Env), Ok((Config { lang: Some(Lang::En) }, None)));
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_config_folder_does_not_stop_the_start() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("brokerdesk");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
        let file = folder.join("config.toml");
        let result = load(&file, Source::Default);
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        // root can look into any folder: then the file is simply missing
        let (config, warning) = result.unwrap();
        assert_eq!(config, Config::default());
        if let Some(w) = warning {
            assert!(w.render(Lang::Zh).starts_with("警告：无法查找设置文件 "), "{w:?}");
        }
        // a folder in place of the file's parent (a file named `brokerdesk`): no settings either
        let not_dir = dir.path().join("plain");
        std::fs::write(&not_dir, "").unwrap();
        let (config, warning) = load(&not_dir.join("config.toml"), Source::Default).unwrap();
        assert_eq!(config, Config::default());
        assert!(warning.unwrap().render(Lang::En).starts_with("warning: cannot look for the settings file "));
        // named by BROKERDESK_CONFIG, the same is an error
        assert!(load(&not_dir.join("config.toml"), Source::Env).is_err());
    }
}
