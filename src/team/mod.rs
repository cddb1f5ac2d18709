//! The administrator's team badge run (lookup, plan, `$batch` creates, report).

mod lookup;
mod run;
mod words;

pub use run::{Phase, TeamRun, CONCURRENT_BATCHES};
pub use words::lookup_failed_words;
