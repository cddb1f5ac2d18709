//! What happened to each user across all the batches and retries of one run.

use std::collections::BTreeMap;

use super::plan::{CreateVia, Decision, PlannedUser};
use super::request::BatchRequest;
use super::response::ItemOutcome;

/// One planned user and the latest answer for them.
#[derive(Debug, Clone, PartialEq)]
pub struct RunEntry {
    pub planned: PlannedUser,
    /// Requests sent for this user so far.
    pub attempts: u32,
    /// The latest outcome; a success (`Created`, `Extended`) is never replaced.
    pub last_outcome: Option<ItemOutcome>,
    /// Set by [`RunReport::stop_retrying`]: a retriable failure now counts as final.
    pub retries_stopped: bool,
}

/// Where one user stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryState {
    Skipped,
    /// Planned, no answer recorded yet.
    NotSent,
    Created,
    /// A renewal's extension was accepted.
    Extended,
    /// Throttled or a retriable failure: in [`RunReport::retry_list`].
    WaitingToRetry,
    Failed,
}

impl EntryState {
    /// Done for good: a code made or a badge extended.
    pub fn is_success(self) -> bool {
        matches!(self, EntryState::Created | EntryState::Extended)
    }
}

impl RunEntry {
    pub fn state(&self) -> EntryState {
        if let Decision::Skip(_) = self.planned.decision {
            return EntryState::Skipped;
        }
        match &self.last_outcome {
            None => EntryState::NotSent,
            Some(ItemOutcome::Created { .. }) => EntryState::Created,
            Some(ItemOutcome::Extended { .. }) => EntryState::Extended,
            Some(outcome) if outcome.is_retriable() && !self.retries_stopped => {
                EntryState::WaitingToRetry
            }
            Some(_) => EntryState::Failed,
        }
    }
}

/// Totals for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RunCounts {
    pub created: usize,
    pub extended: usize,
    pub skipped: usize,
    /// Final failures (including retriable ones after [`RunReport::stop_retrying`]).
    pub failed: usize,
    pub waiting_to_retry: usize,
    pub not_sent: usize,
    /// Requests sent again for a user who had already been answered.
    pub retried: usize,
}

/// Accumulates outcomes per user over a run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunReport {
    entries: Vec<RunEntry>,
    /// Lower-cased `/users/{key}` → entry, for the users that get requests (plan leaves one per key).
    by_key: BTreeMap<String, usize>,
    retried: usize,
}

impl RunReport {
    /// Starts a report with every planned user, skipped ones included, in plan order.
    pub fn new(planned: &[PlannedUser]) -> Self {
        let mut report = Self::default();
        for user in planned {
            report.add(user.clone());
        }
        report
    }

    fn add(&mut self, planned: PlannedUser) -> usize {
        let index = self.entries.len();
        if planned.gets_request() {
            self.by_key.entry(key_of(&planned)).or_insert(index);
        }
        self.entries.push(RunEntry {
            planned,
            attempts: 0,
            last_outcome: None,
            retries_stopped: false,
        });
        index
    }

    /// Records the outcomes read for `batch` (`outcomes[i]` for `batch.requests[i]`, as
    /// [`super::read_batch_response`] returns them). A user already created keeps that outcome: a later failure
    /// (such as "already exists" after a retry) must not hide the code and PIN the admin still has to hand out.
    pub fn record(&mut self, batch: &BatchRequest, outcomes: &[ItemOutcome]) {
        for (item, outcome) in batch.requests.iter().zip(outcomes) {
            let index = match self.by_key.get(&key_of(&item.user)) {
                Some(&index) => index,
                // A batch built from another plan: keep its answer rather than lose it.
                None => self.add(item.user.clone()),
            };
            let Some(entry) = self.entries.get_mut(index) else {
                continue;
            };
            if entry.state().is_success() {
                continue;
            }
            if entry.attempts > 0 {
                self.retried += 1;
            }
            entry.attempts += 1;
            entry.last_outcome = Some(outcome.clone());
            entry.retries_stopped = false;
        }
    }

    /// Records an outcome for `user` that came from another request than their own, such as the failed DELETE
    /// before a replacement: the person's PATCH is then not sent, and this is what the report says about them.
    pub fn record_outcome(&mut self, user: &PlannedUser, outcome: ItemOutcome) {
        let Some(&index) = self.by_key.get(&key_of(user)) else {
            return;
        };
        if let Some(entry) = self.entries.get_mut(index) {
            if !entry.state().is_success() {
                entry.attempts += 1;
                entry.last_outcome = Some(outcome);
                entry.retries_stopped = false;
            }
        }
    }

    /// Notes that `user`'s current badge code is gone, so their replacement no longer deletes first (a resumed
    /// run sends the PATCH only). Returns the user as planned from now on.
    pub fn code_deleted(&mut self, user: &PlannedUser) -> Option<PlannedUser> {
        let index = *self.by_key.get(&key_of(user))?;
        let entry = self.entries.get_mut(index)?;
        if let Decision::Create {
            via: CreateVia::ReplaceStandardCode { delete_first },
            ..
        } = &mut entry.planned.decision
        {
            *delete_first = false;
        }
        Some(entry.planned.clone())
    }

    /// Users whose request is still to be sent, or failed in a way that may succeed if sent again, including
    /// those whose retries a cancel stopped: what a resumed run sends.
    pub fn unfinished(&self) -> Vec<PlannedUser> {
        self.entries
            .iter()
            .filter(|entry| match entry.state() {
                EntryState::NotSent | EntryState::WaitingToRetry => true,
                EntryState::Failed => entry
                    .last_outcome
                    .as_ref()
                    .is_some_and(ItemOutcome::is_retriable),
                _ => false,
            })
            .map(|entry| entry.planned.clone())
            .collect()
    }

    /// The entry of `user` (by their `/users/{key}`), as planned now and with their latest outcome.
    pub fn entry_of(&self, user: &PlannedUser) -> Option<&RunEntry> {
        self.entries.get(*self.by_key.get(&key_of(user))?)
    }

    /// Every user in plan order, with their latest outcome.
    pub fn entries(&self) -> &[RunEntry] {
        &self.entries
    }

    pub fn counts(&self) -> RunCounts {
        let mut counts = RunCounts {
            retried: self.retried,
            ..RunCounts::default()
        };
        for entry in &self.entries {
            match entry.state() {
                EntryState::Skipped => counts.skipped += 1,
                EntryState::NotSent => counts.not_sent += 1,
                EntryState::Created => counts.created += 1,
                EntryState::Extended => counts.extended += 1,
                EntryState::WaitingToRetry => counts.waiting_to_retry += 1,
                EntryState::Failed => counts.failed += 1,
            }
        }
        counts
    }

    /// Users to send again (throttled or a retriable failure), ready for [`super::batches`].
    ///
    /// A user whose earlier answer was lost (`noResponse`, 5xx) may in fact have been created; the retry then fails
    /// with Graph's "already exists" error and the admin replaces that badge individually, since the image of the
    /// first code is gone for good.
    pub fn retry_list(&self) -> Vec<PlannedUser> {
        self.entries
            .iter()
            .filter(|entry| entry.state() == EntryState::WaitingToRetry)
            .map(|entry| entry.planned.clone())
            .collect()
    }

    /// How long to wait before sending the retry list: the longest `Retry-After` among the throttled users, or
    /// `None` when no one is throttled (other retriable failures may go again at once).
    pub fn retry_after_seconds(&self) -> Option<f64> {
        self.entries
            .iter()
            .filter(|entry| entry.state() == EntryState::WaitingToRetry)
            .filter_map(|entry| match entry.last_outcome {
                Some(ItemOutcome::Throttled {
                    retry_after_seconds,
                }) => Some(retry_after_seconds),
                _ => None,
            })
            .reduce(f64::max)
    }

    /// Ends the run's retries: users still waiting count as failed from now on (a later [`RunReport::record`] for
    /// them reopens it).
    pub fn stop_retrying(&mut self) {
        for entry in &mut self.entries {
            if entry.state() == EntryState::WaitingToRetry {
                entry.retries_stopped = true;
            }
        }
    }

    /// Whether nothing is left to send.
    pub fn is_finished(&self) -> bool {
        self.entries.iter().all(|entry| {
            !matches!(
                entry.state(),
                EntryState::NotSent | EntryState::WaitingToRetry
            )
        })
    }
}

fn key_of(user: &PlannedUser) -> String {
    user.member.graph_key().to_lowercase()
}
