//! The emulator's data: one [`Directory`] behind a mutex, a seed to return to, and optional persistence.

pub mod model;
pub mod persist;
pub mod pin_hash;
pub mod seed;

use std::sync::Mutex;

use chrono::{DateTime, Utc};

pub use model::Directory;
use persist::{PersistError, StateFile};
use seed::{SeedError, SeedSpec};

pub struct Store {
    directory: Mutex<Directory>,
    seed: Mutex<SeedSpec>,
    state_file: Option<StateFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Seed(#[from] SeedError),
    #[error(transparent)]
    Persist(#[from] PersistError),
}

impl Store {
    /// Starts from the state file when it exists, otherwise from the seed.
    pub fn open(
        seed: SeedSpec,
        state_file: Option<StateFile>,
        now: DateTime<Utc>,
    ) -> Result<Store, StoreError> {
        let restored = match &state_file {
            Some(file) => file.load()?,
            None => None,
        };
        let directory = match restored {
            Some(directory) => directory,
            None => seed.materialize(now)?,
        };
        let store = Store {
            directory: Mutex::new(directory),
            seed: Mutex::new(seed),
            state_file,
        };
        store.persist_current();
        Ok(store)
    }

    pub fn read<R>(&self, reader: impl FnOnce(&Directory) -> R) -> R {
        let guard = self.lock_directory();
        reader(&guard)
    }

    /// Runs `writer` under the lock; when it succeeds the new state is persisted before returning, so an
    /// acknowledged write survives a restart.
    pub fn write<R, E>(&self, writer: impl FnOnce(&mut Directory) -> Result<R, E>) -> Result<R, E> {
        let (result, snapshot) = {
            let mut guard = self.lock_directory();
            let result = writer(&mut guard)?;
            let snapshot = self.state_file.as_ref().map(|_| guard.clone());
            (result, snapshot)
        };
        if let (Some(file), Some(snapshot)) = (&self.state_file, snapshot) {
            file.save_logged(&snapshot);
        }
        Ok(result)
    }

    /// Back to the seed as of `now` (relative seed times are re-evaluated).
    pub fn reset(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let fresh = self.seed().materialize(now)?;
        self.write(|directory| {
            *directory = fresh;
            Ok::<(), StoreError>(())
        })
    }

    /// Replaces the seed (test control "seed users from JSON") and resets to it.
    pub fn replace_seed(&self, spec: SeedSpec, now: DateTime<Utc>) -> Result<(), StoreError> {
        let fresh = spec.materialize(now)?;
        *self
            .seed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = spec;
        self.write(|directory| {
            *directory = fresh;
            Ok::<(), StoreError>(())
        })
    }

    pub fn seed(&self) -> SeedSpec {
        self.seed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn persist_current(&self) {
        if let Some(file) = &self.state_file {
            let snapshot = self.lock_directory().clone();
            file.save_logged(&snapshot);
        }
    }

    fn lock_directory(&self) -> std::sync::MutexGuard<'_, Directory> {
        // A panic while holding the lock cannot leave a half-applied write: writers mutate in place only
        // after validating, so the data is still consistent and we keep serving.
        self.directory
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
