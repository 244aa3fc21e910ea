//! The rejects file of `--skip-bad`: the original header, the bad rows as they were, and an
//! `error` column saying what is wrong with each; UTF-8 with a BOM so Excel opens it correctly.
//! The rows hold full ID numbers and mobiles, so the file is private to its owner (0600 on Unix,
//! like the DB), also when it replaces an older one.

use std::io::Write;
use std::path::{Path, PathBuf};

use csv::StringRecord;

use super::error::{ImportError, Problem};

/// The default rejects path next to `input`: `holdings.csv` → `holdings.rejects.csv`.
pub fn default_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "import".into());
    input.with_file_name(format!("{stem}.rejects.csv"))
}

/// The `error` cell of a bad row: its problems as `field: message`, joined by `; `.
pub fn error_cell(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; ")
}

/// Creates (or truncates) `path` for writing, readable and writable by its owner only.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        // `mode` only applies to a new file: an older rejects file keeps its mode otherwise
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    options.open(path)
}

/// Writes the rejects file (replacing any older one), private to its owner. A path that is a
/// symbolic link is refused (never followed: it could point at any file of the user's).
pub fn write(
    path: &Path,
    header: &StringRecord,
    bad: &[(StringRecord, Vec<Problem>)],
    lang: crate::i18n::Lang,
) -> Result<(), ImportError> {
    let io = |source: std::io::Error| ImportError::Io { path: path.display().to_string(), source };
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        let m = crate::i18n::Msg::Import(crate::i18n::import_msg::ImportMsg::RejectsSymlink);
        return Err(io(std::io::Error::other(m.render(lang))));
    }
    let mut file = std::io::BufWriter::new(create_private(path).map_err(io)?);
    file.write_all(b"\xEF\xBB\xBF").map_err(io)?;
    let width = header.len();
    {
        let mut w = csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(&mut file);
        let csv_err =
            |e: csv::Error| ImportError::Io { path: path.display().to_string(), source: std::io::Error::other(e) };
        let mut head: Vec<String> = header
            .iter()
            .map(|h| crate::export::cell::neutralise_untyped(h.trim_start_matches('\u{feff}')).into_owned())
            .collect();
        head.push("error".into());
        w.write_record(&head).map_err(csv_err)?;
        for (record, problems) in bad {
            // the rows as they were, formula-looking cells neutralised (crate::export::cell)
            let mut cells: Vec<String> =
                record.iter().map(|c| crate::export::cell::neutralise_untyped(c).into_owned()).collect();
            // pad short rows (and drop cells beyond the header) so `error` sits under its header
            cells.resize(width, String::new());
            cells.push(crate::export::cell::neutralise_untyped(&error_cell(problems)).into_owned());
            w.write_record(&cells).map_err(csv_err)?;
        }
        w.flush().map_err(io)?;
    }
    file.flush().map_err(io)?;
    Ok(())
}
