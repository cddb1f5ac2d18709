//! A team badge run: look up every member, plan, create badge codes through `$batch` with bounded
//! concurrency, and report each person's outcome.
//!
//! Both steps send `CONCURRENT_BATCHES` `$batch` calls at a time and, when any request in them failed
//! transiently, wait (Graph's `Retry-After`, else `qrpin::retry`'s back-off) before sending anything
//! else, then send the failed requests again first. Graph throttles per caller, so sending the rest of
//! the run meanwhile would only collect more 429s and use up every person's attempts.

use std::collections::VecDeque;

use chrono::Utc;
use futures_util::future::join_all;
use leptos::prelude::*;
use qrpin::batch::{
    batches, deletions, plan, read_batch_failure, read_batch_response, BadgeWindow, ItemOutcome,
    PlanError, PlannedUser, RunReport, TeamMember, MAX_BATCH_SIZE,
};
use qrpin::model::User;
use qrpin::retry::{FailureKind, GaveUp, Next, RetryPolicy};
use qrpin::rules::WindowProblem;

use super::lookup::{lookup_batches, read_lookup, to_member, Answer, Lookup, MethodAnswer};
use crate::graph::{ApiError, BatchAnswer, GraphClient};

/// `$batch` calls in flight at once: enough to overlap latency, few enough not to provoke throttling.
pub const CONCURRENT_BATCHES: usize = 2;
/// How often a wait looks at the cancel button.
const CANCEL_CHECK_SECONDS: f64 = 0.2;

/// Which requests a `TeamRun::send` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pass {
    /// The run's creates, replacements and extensions, recorded in the report.
    Write,
    /// The deletes before replacements that may meet a valid code (`qrpin::batch::deletions`).
    Delete,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    LookingUp,
    Creating,
    /// Waiting this many seconds for Graph's `Retry-After` (or a back-off) before asking again.
    Waiting(f64),
    Done,
    Cancelled,
    Failed(ApiError),
    /// The badges' validity would be refused by Graph: nothing was sent.
    Refused(WindowProblem),
}

/// Which run the report belongs to (its file name and headings say so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// Badge codes for everyone in a team without one.
    Team,
    /// Extensions and replacements of a team's expiring badges.
    Renewal,
}

/// Everything the page shows while a run goes on.
#[derive(Clone, Copy)]
pub struct TeamRun {
    pub phase: RwSignal<Phase>,
    pub report: RwSignal<Option<RunReport>>,
    /// Members looked up so far, out of how many.
    pub looked_up: RwSignal<(usize, usize)>,
    /// Graph `$batch` calls made (lookups and creates).
    pub calls: RwSignal<u32>,
    pub cancel_requested: RwSignal<bool>,
    pub kind: RwSignal<RunKind>,
}

impl TeamRun {
    pub fn new() -> Self {
        Self {
            phase: RwSignal::new(Phase::Idle),
            report: RwSignal::new(None),
            looked_up: RwSignal::new((0, 0)),
            calls: RwSignal::new(0),
            cancel_requested: RwSignal::new(false),
            kind: RwSignal::new(RunKind::Team),
        }
    }

    /// A new run of `kind` starts with its lookups: no report, no calls, no cancel yet.
    pub(super) fn begin_lookups(&self, kind: RunKind) {
        self.cancel_requested.set(false);
        self.calls.set(0);
        self.report.set(None);
        self.kind.set(kind);
        self.phase.set(Phase::LookingUp);
    }

    /// Whether a run is under way: looking up, sending or waiting to send again.
    pub fn is_running(&self) -> bool {
        matches!(
            self.phase.get(),
            Phase::LookingUp | Phase::Creating | Phase::Waiting(_)
        )
    }

    pub(super) fn cancelled(&self) -> bool {
        self.cancel_requested.get_untracked()
    }

    /// Shows `Waiting`, sleeps `seconds` unless cancelled first, then shows `then`. `false` when cancelled.
    pub(super) async fn wait(&self, seconds: f64, then: Phase) -> bool {
        self.phase.set(Phase::Waiting(seconds));
        let mut left = seconds;
        while left > 0.0 {
            if self.cancelled() {
                return false;
            }
            let step = left.min(CANCEL_CHECK_SECONDS);
            crate::graph::sleep(step).await;
            left -= step;
        }
        self.phase.set(then);
        !self.cancelled()
    }

    /// Sends `bodies` at once and counts the calls.
    async fn post_all(
        &self,
        graph: &GraphClient,
        bodies: Vec<String>,
    ) -> Vec<Result<BatchAnswer, ApiError>> {
        let count = bodies.len() as u32;
        let answers = join_all(bodies.into_iter().map(|body| graph.post_batch(body))).await;
        self.calls.update(|c| *c += count);
        answers
    }

    /// Runs to the end (or cancel). Errors that stop the whole run end in `Phase::Failed`.
    pub async fn run(self, graph: GraphClient, users: Vec<User>, window: BadgeWindow) {
        self.begin_lookups(RunKind::Team);
        let answers = match self.look_up(&graph, &users).await {
            Ok(Some(answers)) => answers,
            Ok(None) => return self.phase.set(Phase::Cancelled),
            Err(error) => return self.phase.set(Phase::Failed(error)),
        };
        let now = Utc::now();
        let members: Vec<TeamMember> = users
            .iter()
            .zip(&answers)
            .map(|(user, answer)| to_member(user, answer.known_method(now)))
            .collect();
        let planned = match plan(&members, window, now) {
            Ok(planned) => planned,
            Err(PlanError::Window(problem)) => return self.phase.set(Phase::Refused(problem)),
        };
        self.report.set(Some(RunReport::new(&planned)));
        let todo: Vec<PlannedUser> = planned.into_iter().filter(|p| p.gets_request()).collect();
        self.phase.set(Phase::Creating);
        let finished = self.send(&graph, todo, Pass::Write).await;
        self.finish(finished);
    }

    /// Ends a run: whoever is still waiting to be retried has used up their attempts (or the run was
    /// cancelled).
    pub(super) fn finish(&self, finished: Result<bool, ApiError>) {
        self.report
            .update(|r| r.iter_mut().for_each(RunReport::stop_retrying));
        self.phase.set(match finished {
            Ok(true) => Phase::Done,
            Ok(false) => Phase::Cancelled,
            Err(error) => Phase::Failed(error),
        });
    }

    /// What each member has today, in `users`' order; `None` when cancelled. A lookup that failed
    /// transiently is asked again as `RetryPolicy::TEAM_RUN` says, then given up.
    pub(super) async fn look_up(
        &self,
        graph: &GraphClient,
        users: &[User],
    ) -> Result<Option<Vec<MethodAnswer>>, ApiError> {
        let total = users.len();
        let mut known: Vec<Option<MethodAnswer>> = vec![None; total];
        let mut attempts: Vec<u32> = vec![0; total];
        let mut queue: VecDeque<usize> = (0..total).collect();
        self.looked_up.set((0, total));
        while !queue.is_empty() {
            if self.cancelled() {
                return Ok(None);
            }
            let chunk: Vec<usize> = queue
                .drain(..queue.len().min(MAX_BATCH_SIZE * CONCURRENT_BATCHES))
                .collect();
            let requests = lookup_batches(users, &chunk);
            let bodies = requests.iter().map(|(_, body)| body.clone()).collect();
            let answers = self.post_all(graph, bodies).await;
            let mut again: Vec<usize> = Vec::new();
            let mut longest_wait: f64 = 0.0;
            for ((ids, _), answer) in requests.iter().zip(answers) {
                let answer = match &answer {
                    // A token Graph no longer takes is not a lookup problem: the run stops and says so.
                    Ok(answer) if answer.status == 401 => return Err(ApiError::Unauthorized),
                    Ok(answer) => Answer::Http {
                        status: answer.status,
                        retry_after: answer.retry_after.as_deref(),
                        body: &answer.body,
                    },
                    Err(ApiError::Network(_) | ApiError::Timeout) => Answer::NoAnswer,
                    Err(other) => return Err(other.clone()),
                };
                for (index, lookup) in read_lookup(answer, ids) {
                    let failure = match lookup {
                        Lookup::NoMethod => {
                            known[index] = Some(MethodAnswer::NoMethod);
                            continue;
                        }
                        Lookup::Found(method) => {
                            known[index] = Some(MethodAnswer::Found(method));
                            continue;
                        }
                        Lookup::Failed(failure) => failure,
                    };
                    attempts[index] += 1;
                    match RetryPolicy::TEAM_RUN.after(attempts[index], &failure) {
                        Next::RetryIn(seconds) => {
                            again.push(index);
                            longest_wait = longest_wait.max(seconds);
                        }
                        Next::GiveUp(gave_up) => known[index] = Some(MethodAnswer::GaveUp(gave_up)),
                    }
                }
            }
            let done = known.iter().filter(|k| k.is_some()).count();
            self.looked_up.set((done, total));
            if !again.is_empty() {
                again.into_iter().rev().for_each(|i| queue.push_front(i));
                if !self.wait(longest_wait, Phase::LookingUp).await {
                    return Ok(None);
                }
            }
        }
        // Every member left the queue with an answer or a given-up lookup, so none is `None`.
        Ok(Some(
            known
                .into_iter()
                .map(|answer| {
                    answer.unwrap_or(MethodAnswer::GaveUp(GaveUp {
                        kind: FailureKind::NoAnswer,
                        status: None,
                        attempts: 0,
                    }))
                })
                .collect(),
        ))
    }

    /// Sends `todo`'s requests of this `pass`, `CONCURRENT_BATCHES` `$batch` calls at a time; a retriable
    /// item goes again after the wait, within `RetryPolicy::TEAM_RUN`'s attempts. `Ok(false)` when cancelled.
    /// A write's answers go into the report; a delete's are handed to `Pass::Delete`'s reader.
    pub(super) async fn send(
        &self,
        graph: &GraphClient,
        todo: Vec<PlannedUser>,
        pass: Pass,
    ) -> Result<bool, ApiError> {
        let policy = RetryPolicy::TEAM_RUN;
        let mut queue: VecDeque<(PlannedUser, u32)> = todo.into_iter().map(|u| (u, 0)).collect();
        while !queue.is_empty() {
            if self.cancelled() {
                return Ok(false);
            }
            let chunk: Vec<(PlannedUser, u32)> = queue
                .drain(..queue.len().min(MAX_BATCH_SIZE * CONCURRENT_BATCHES))
                .collect();
            let users: Vec<PlannedUser> = chunk.iter().map(|(user, _)| user.clone()).collect();
            let requests = match pass {
                Pass::Write => batches(&users, MAX_BATCH_SIZE),
                Pass::Delete => deletions(&users, MAX_BATCH_SIZE),
            };
            let bodies = requests
                .iter()
                .map(|batch| serde_json::to_string(batch).unwrap_or_default())
                .collect();
            let answers = self.post_all(graph, bodies).await;
            let mut outcomes: Vec<ItemOutcome> = Vec::with_capacity(users.len());
            for (batch, answer) in requests.iter().zip(answers) {
                let read = match answer {
                    Ok(answer) if answer.status == 200 => read_batch_response(&answer.body, batch),
                    Ok(answer) => read_batch_failure(
                        Some(answer.status),
                        answer.retry_after.as_deref(),
                        &answer.body,
                        batch,
                    ),
                    Err(ApiError::Network(_) | ApiError::Timeout) => {
                        read_batch_failure(None, None, "", batch)
                    }
                    Err(other) => return Err(other),
                };
                if pass == Pass::Write {
                    self.report.update(|r| {
                        if let Some(report) = r {
                            report.record(batch, &read);
                        }
                    });
                }
                outcomes.extend(read);
            }
            // `batches` keeps the users' order, so `outcomes[i]` belongs to `chunk[i]`.
            let mut again: Vec<(PlannedUser, u32)> = Vec::new();
            let mut longest_wait: f64 = 0.0;
            for ((user, attempts), outcome) in chunk.into_iter().zip(&outcomes) {
                let attempts = attempts + 1;
                if !outcome.is_retriable() || attempts >= policy.max_attempts {
                    if pass == Pass::Delete {
                        self.deleted_or_refused(&user, outcome);
                    }
                    continue;
                }
                let retry_after = match outcome {
                    ItemOutcome::Throttled {
                        retry_after_seconds,
                    } => Some(*retry_after_seconds),
                    _ => None,
                };
                longest_wait = longest_wait.max(policy.wait_seconds(attempts, retry_after));
                again.push((user, attempts));
            }
            if !again.is_empty() {
                again.into_iter().rev().for_each(|u| queue.push_front(u));
                if !self.wait(longest_wait, Phase::Creating).await {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}

impl Default for TeamRun {
    fn default() -> Self {
        Self::new()
    }
}
