//! Which questionnaire an interview uses (SPEC §4.1, issue 5): every embedded file of
//! `assets/questionnaires`, every `*.toml` in the config directory's `questionnaires/` folder
//! (`ProjectDirs::from("", "", "brokerdesk")`, e.g. `~/.config/brokerdesk/questionnaires`), and a
//! file named with `--questionnaire FILE`. The form renders whatever definition is chosen.
//!
//! Choice for a customer of kind K (individual / institution): the `--questionnaire` file if its
//! `audience` is K; else the highest version among the config directory's files for K; else the
//! embedded default for K. A file with an error is refused with its path and the broken rule.

use std::path::{Path, PathBuf};

use crate::domain::model::CustomerKind;
use crate::domain::questionnaire::{Questionnaire, QuestionnaireError};

/// Where a loaded definition came from (its priority, highest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// `--questionnaire FILE`.
    Given,
    /// The config directory.
    ConfigDir,
    /// Embedded in the binary.
    Embedded,
}

/// The loaded questionnaires with their path and origin.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub entries: Vec<(String, Origin, Questionnaire)>,
}

/// `<config dir>/questionnaires`, if the platform has a config directory.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "brokerdesk").map(|d| d.config_dir().join("questionnaires"))
}

fn load_file(path: &Path) -> Result<Questionnaire, QuestionnaireError> {
    let shown = path.display().to_string();
    let text = crate::config::read_definition(path)
        .map_err(|e| QuestionnaireError::Syntax { path: shown.clone(), message: e.to_string() })?;
    Questionnaire::from_toml(&text, &shown)
}

impl Catalog {
    /// Loads the embedded files, every `*.toml` of `dir` (if it exists) and `given`.
    ///
    /// Errors: the first file that fails to read or breaks a rule (names the file).
    pub fn load(given: Option<&Path>, dir: Option<&Path>) -> Result<Catalog, QuestionnaireError> {
        let mut entries = Vec::new();
        if let Some(p) = given {
            entries.push((p.display().to_string(), Origin::Given, load_file(p)?));
        }
        if let Some(dir) = dir
            && let Ok(read) = std::fs::read_dir(dir)
        {
            let mut files: Vec<PathBuf> =
                read.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
            files.sort();
            for p in files {
                entries.push((p.display().to_string(), Origin::ConfigDir, load_file(&p)?));
            }
        }
        for (path, text) in crate::assets::QUESTIONNAIRES {
            entries.push((path.to_string(), Origin::Embedded, Questionnaire::from_toml(text, path)?));
        }
        Ok(Catalog { entries })
    }

    /// [`Catalog::load`] with the platform config directory.
    pub fn load_default(given: Option<&Path>) -> Result<Catalog, QuestionnaireError> {
        Catalog::load(given, config_dir().as_deref())
    }

    /// The questionnaire for a customer of `kind` (see the module doc for the order).
    pub fn for_kind(&self, kind: CustomerKind) -> Option<&Questionnaire> {
        let institution = kind == CustomerKind::Institution;
        let fits = |q: &Questionnaire| q.for_institutions() == institution;
        let default_id = if institution {
            crate::assets::INSTITUTION_QUESTIONNAIRE_ID
        } else {
            crate::assets::DEFAULT_QUESTIONNAIRE_ID
        };
        for origin in [Origin::Given, Origin::ConfigDir] {
            let best = self
                .entries
                .iter()
                .filter(|(_, o, q)| *o == origin && fits(q))
                .map(|(_, _, q)| q)
                .max_by_key(|q| q.version);
            if best.is_some() {
                return best;
            }
        }
        self.entries
            .iter()
            .filter(|(_, o, q)| *o == Origin::Embedded && q.id == default_id)
            .map(|(_, _, q)| q)
            .max_by_key(|q| q.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn institutions_get_their_own_questionnaire() {
        let c = Catalog::load(None, None).unwrap();
        assert_eq!(c.for_kind(CustomerKind::Individual).unwrap().id, "sac-individual");
        let inst = c.for_kind(CustomerKind::Institution).unwrap();
        assert_eq!((inst.id.as_str(), inst.questions.len()), ("institution", 10));
        assert_eq!(inst.reachable_range(), (7, 100)); // 1+1+1+0+1+1+0+0+2+0
    }

    #[test]
    fn a_given_file_wins_and_a_bad_one_is_refused_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let own = crate::assets::QUESTIONNAIRES[0].1.replace("version = 1", "version = 7");
        let p = dir.path().join("own.toml");
        std::fs::write(&p, own).unwrap();
        let c = Catalog::load(Some(&p), None).unwrap();
        assert_eq!(c.for_kind(CustomerKind::Individual).unwrap().version, 7);
        assert_eq!(c.for_kind(CustomerKind::Institution).unwrap().id, "institution");
        // the config directory: its highest version for the audience
        let c = Catalog::load(None, Some(dir.path())).unwrap();
        assert_eq!(c.for_kind(CustomerKind::Individual).unwrap().version, 7);
        let bad = dir.path().join("zz-bad.toml");
        std::fs::write(&bad, crate::assets::QUESTIONNAIRES[0].1.replace("min = 20", "min = 21")).unwrap();
        let e = Catalog::load(None, Some(dir.path())).unwrap_err().to_string();
        assert!(e.starts_with(&bad.display().to_string()), "{e}");
        assert!(e.ends_with("gap in bands: scores 20–20 have no level"), "{e}");
    }
}
