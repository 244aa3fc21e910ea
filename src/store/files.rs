//! Privacy of the files that hold personal data (issue 11, SPEC §7): the DB, its `-wal` and
//! `-shm`, backups, exports, rejects and logs are readable by their owner only (0600), folders
//! brokerdesk makes are 0700, and a path that is a symbolic link (dangling or not) is refused
//! rather than followed to wherever it points.

use std::path::Path;

use super::StoreError;
use crate::i18n::Msg;
use crate::i18n::rel::RelMsg;

/// Refuses `path` when it is a symbolic link (even a dangling one): writing through it could
/// create or overwrite a file elsewhere, world-readable. A missing path is fine.
pub fn refuse_symlink(path: &Path) -> Result<(), StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            Err(StoreError::Refused(Box::new(Msg::Rel(RelMsg::Symlink { path: path.display().to_string() }))))
        }
        _ => Ok(()),
    }
}

/// The io error for a symbolic link where a private file is wanted.
fn symlink_error(path: &Path) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{} is a symbolic link", path.display()))
}

/// Makes sure `path` is a private regular file: a symbolic link is refused, a missing file is
/// created empty with mode 0600, an existing one is tightened to 0600 (Unix).
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(symlink_error(path));
    }
    super::create_private(path)?;
    tighten(path)
}

/// Sets an existing file's mode to 0600 when others may read or write it (Unix; nothing elsewhere).
pub fn tighten(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(path)?;
        if meta.file_type().is_file() && meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Tightens the DB at `db` and its `-wal` and `-shm` (those that exist) to 0600.
pub fn tighten_book(db: &Path) -> std::io::Result<()> {
    for p in super::guards::book_files(db) {
        tighten(&p)?;
    }
    Ok(())
}

/// Creates the folder `dir` (and missing parents) with mode 0700. An existing folder is left
/// as it is, except `own` (brokerdesk's own data folder), which is tightened to 0700.
pub fn private_dir(dir: &Path, own: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.exists() {
            std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        } else if own {
            let mode = std::fs::metadata(dir)?.permissions().mode();
            if mode & 0o077 != 0 {
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
            }
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = own;
        std::fs::create_dir_all(dir)
    }
}

/// Files brokerdesk creates from here on (exports, rejects, logs, notes) are private: the
/// process's umask is set to 077 (Unix). Called once at start by the binary.
pub fn private_umask() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn symlinks_are_refused_and_loose_files_tightened() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(dir.path().join("nowhere.db"), &link).unwrap();
        assert!(refuse_symlink(&link).is_err());
        assert!(create_private_file(&link).is_err());
        assert!(!dir.path().join("nowhere.db").exists());
        let loose = dir.path().join("loose.db");
        std::fs::write(&loose, b"x").unwrap();
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
        create_private_file(&loose).unwrap();
        assert_eq!(std::fs::metadata(&loose).unwrap().permissions().mode() & 0o777, 0o600);
        let sub = dir.path().join("a/b");
        private_dir(&sub, false).unwrap();
        assert_eq!(std::fs::metadata(&sub).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(std::fs::metadata(dir.path().join("a")).unwrap().permissions().mode() & 0o777, 0o700);
    }
}
