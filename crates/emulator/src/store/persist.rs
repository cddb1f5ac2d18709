//! `--state FILE`: the directory as JSON, written atomically (temp file in the same folder, fsync, rename)
//! so a crash leaves either the old or the new file, never a torn one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use thiserror::Error;

use super::model::Directory;

#[derive(Debug, Error)]
pub enum PersistError {
    #[error("cannot read state file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("state file {path} is not a valid emulator state: {source}")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("cannot write state file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot serialise the state: {0}")]
    Serialise(#[from] serde_json::Error),
}

pub struct StateFile {
    path: PathBuf,
    /// Serialises writers so renames land in the order the snapshots were taken.
    write_lock: Mutex<()>,
}

impl StateFile {
    pub fn new(path: PathBuf) -> StateFile {
        StateFile {
            path,
            write_lock: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `Ok(None)` when the file does not exist yet.
    pub fn load(&self) -> Result<Option<Directory>, PersistError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(PersistError::Read {
                    path: self.path.clone(),
                    source,
                })
            }
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|source| PersistError::Parse {
                path: self.path.clone(),
                source,
            })
    }

    pub fn save(&self, directory: &Directory) -> Result<(), PersistError> {
        let json = serde_json::to_vec_pretty(directory)?;
        let _guard = self
            .write_lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let temp = self.temp_path();
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(&json)?;
            file.sync_all()?;
            std::fs::rename(&temp, &self.path)
        };
        write().map_err(|source| PersistError::Write {
            path: self.path.clone(),
            source,
        })
    }

    /// Persistence failures must not fail the Graph call that caused them (the write did happen in memory);
    /// they are reported on stderr instead.
    pub fn save_logged(&self, directory: &Directory) {
        if let Err(error) = self.save(directory) {
            eprintln!("qrbadge emulator: {error}");
        }
    }

    fn temp_path(&self) -> PathBuf {
        let mut name = self
            .path
            .file_name()
            .map(|name| name.to_os_string())
            .unwrap_or_default();
        name.push(format!(".tmp-{}", std::process::id()));
        self.path.with_file_name(name)
    }
}
