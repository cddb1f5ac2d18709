//! The administrator's team badge run (lookup, plan, `$batch` creates, report).

mod lookup;
mod run;

pub use run::{Phase, TeamRun, CONCURRENT_BATCHES};
