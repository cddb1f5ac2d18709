//! The administrator's team runs: a team badge run (lookup, plan, `$batch` creates, report) and a renewal
//! run (lookup, assess, `$batch` extensions and replacements, the same report).

mod lookup;
mod renew;
mod run;
mod words;

pub use lookup::{to_member, MethodAnswer};
pub use renew::distinct_users;
pub use run::{Phase, RunKind, TeamRun, CONCURRENT_BATCHES};
pub use words::lookup_failed_words;
