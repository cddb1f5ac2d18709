//! Planning an administrator's team badge run through Graph JSON batching (`POST /$batch`): decide per user whether to
//! create a badge code and how, pack the calls into `$batch` bodies of at most 20, read the per-item answers
//! (each item may be throttled on its own, with its own `Retry-After`), and keep a report across retries.
//!
//! The flow the portal drives:
//! 1. [`plan`] the selected users with what is known of their method;
//! 2. POST each of [`batches`] to `/{version}/$batch` ([`BATCH_PATH`]);
//! 3. [`read_batch_response`] for each answer and [`RunReport::record`] it;
//! 4. wait [`RunReport::retry_after_seconds`], then batch [`RunReport::retry_list`] again, a bounded number of times.
//!
//! A team run never touches users who already have a badge code: replacing a code invalidates the printed badge.
//! A renewal run ([`crate::renewal`]) does, for the people the administrator selected: it extends badges
//! ([`Decision::Extend`]) and replaces them ([`CreateVia::ReplaceStandardCode`], after [`deletions`] where a code
//! may still be valid), through the same batches, answers and report.

mod plan;
mod report;
mod request;
mod response;

pub use plan::{
    plan, BadgeWindow, CreateVia, Decision, KnownMethod, PlanError, PlannedUser, SkipReason,
    TeamMember,
};
pub use report::{EntryState, RunCounts, RunEntry, RunReport};
pub use request::{
    batches, deletions, BatchItem, BatchItemBody, BatchRequest, JsonContentType, BATCH_PATH,
    MAX_BATCH_SIZE,
};
pub use response::{
    decode_body, read_batch_failure, read_batch_response, ItemOutcome, ItemProblem,
    DEFAULT_RETRY_AFTER_SECONDS, NO_IMAGE_CODE, NO_RESPONSE_CODE, UNREADABLE_RESPONSE_CODE,
};
