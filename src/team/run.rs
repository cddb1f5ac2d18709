//! A team badge run: look up every member, plan, create badge codes through `$batch` with bounded
//! concurrency, wait out `Retry-After` for throttled items, and report each person's outcome.

use chrono::Utc;
use futures_util::future::join_all;
use leptos::prelude::*;
use qrpin::batch::{
    batches, plan, read_batch_failure, read_batch_response, BadgeWindow, KnownMethod, PlanError,
    PlannedUser, RunReport, TeamMember, MAX_BATCH_SIZE,
};
use qrpin::model::User;
use qrpin::rules::WindowProblem;

use super::lookup::{lookup_batches, read_lookup, to_member, Lookup};
use crate::graph::{ApiError, GraphClient};

/// `$batch` calls in flight at once: enough to overlap latency, few enough not to provoke throttling.
pub const CONCURRENT_BATCHES: usize = 2;
/// Rounds of retries for throttled or transiently failed items before giving up on them.
const MAX_ROUNDS: u32 = 8;

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    LookingUp,
    Creating,
    /// Waiting this many seconds for Graph's `Retry-After`.
    Waiting(f64),
    Done,
    Cancelled,
    Failed(ApiError),
    /// The badges' validity would be refused by Graph: nothing was sent.
    Refused(WindowProblem),
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
}

impl TeamRun {
    pub fn new() -> Self {
        Self {
            phase: RwSignal::new(Phase::Idle),
            report: RwSignal::new(None),
            looked_up: RwSignal::new((0, 0)),
            calls: RwSignal::new(0),
            cancel_requested: RwSignal::new(false),
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel_requested.get_untracked()
    }

    /// Runs to the end (or cancel). Errors that stop the whole run end in `Phase::Failed`.
    pub async fn run(self, graph: GraphClient, users: Vec<User>, window: BadgeWindow) {
        self.cancel_requested.set(false);
        self.calls.set(0);
        self.report.set(None);
        self.phase.set(Phase::LookingUp);
        let members = match self.look_up(&graph, &users).await {
            Ok(Some(members)) => members,
            Ok(None) => return self.phase.set(Phase::Cancelled),
            Err(error) => return self.phase.set(Phase::Failed(error)),
        };
        let planned = match plan(&members, window, Utc::now()) {
            Ok(planned) => planned,
            Err(PlanError::Window(problem)) => return self.phase.set(Phase::Refused(problem)),
        };
        self.report.set(Some(RunReport::new(&planned)));
        let mut todo: Vec<PlannedUser> = planned.into_iter().filter(|p| p.is_create()).collect();
        for _ in 0..MAX_ROUNDS {
            if todo.is_empty() {
                break;
            }
            self.phase.set(Phase::Creating);
            if let Err(error) = self.send_round(&graph, &todo).await {
                return self.phase.set(Phase::Failed(error));
            }
            if self.cancelled() {
                self.report
                    .update(|r| r.iter_mut().for_each(RunReport::stop_retrying));
                return self.phase.set(Phase::Cancelled);
            }
            let report = self.report.get_untracked().unwrap_or_default();
            todo = report.retry_list();
            if let (false, Some(wait)) = (todo.is_empty(), report.retry_after_seconds()) {
                self.phase.set(Phase::Waiting(wait));
                crate::graph::sleep(wait).await;
            }
        }
        self.report
            .update(|r| r.iter_mut().for_each(RunReport::stop_retrying));
        self.phase.set(Phase::Done);
    }

    /// What each member has today; `None` when cancelled.
    async fn look_up(
        &self,
        graph: &GraphClient,
        users: &[User],
    ) -> Result<Option<Vec<TeamMember>>, ApiError> {
        let mut known: Vec<Option<KnownMethod>> = vec![None; users.len()];
        self.looked_up.set((0, users.len()));
        for _ in 0..MAX_ROUNDS {
            let missing: Vec<usize> = (0..users.len()).filter(|&i| known[i].is_none()).collect();
            if missing.is_empty() {
                break;
            }
            let subset: Vec<User> = missing.iter().map(|&i| users[i].clone()).collect();
            let mut longest_wait: Option<f64> = None;
            for chunk in lookup_batches(&subset).chunks(CONCURRENT_BATCHES) {
                if self.cancelled() {
                    return Ok(None);
                }
                let answers =
                    join_all(chunk.iter().map(|(_, body)| graph.post_batch(body.clone()))).await;
                self.calls.update(|c| *c += chunk.len() as u32);
                for ((ids, _), answer) in chunk.iter().zip(answers) {
                    let answer = answer?;
                    let body = if answer.status == 200 {
                        answer.body
                    } else {
                        String::new()
                    };
                    for (sub_index, lookup) in read_lookup(&body, ids, Utc::now()) {
                        let index = missing[sub_index];
                        match lookup {
                            Lookup::Known(method) => known[index] = Some(method),
                            Lookup::Failed(_) => known[index] = Some(KnownMethod::Unknown),
                            Lookup::Throttled(wait) => {
                                longest_wait = Some(longest_wait.map_or(wait, |w| w.max(wait)))
                            }
                        }
                    }
                }
                let done = known.iter().filter(|k| k.is_some()).count();
                self.looked_up.set((done, users.len()));
            }
            if let Some(wait) = longest_wait {
                self.phase.set(Phase::Waiting(wait));
                crate::graph::sleep(wait).await;
                self.phase.set(Phase::LookingUp);
            }
        }
        Ok(Some(
            users
                .iter()
                .zip(known)
                .map(|(user, method)| to_member(user, method.unwrap_or(KnownMethod::Unknown)))
                .collect(),
        ))
    }

    /// Sends the creates of one round, `CONCURRENT_BATCHES` `$batch` calls at a time.
    async fn send_round(&self, graph: &GraphClient, todo: &[PlannedUser]) -> Result<(), ApiError> {
        let requests = batches(todo, MAX_BATCH_SIZE);
        for chunk in requests.chunks(CONCURRENT_BATCHES) {
            if self.cancelled() {
                return Ok(());
            }
            let bodies: Vec<String> = chunk
                .iter()
                .map(|batch| serde_json::to_string(batch).unwrap_or_default())
                .collect();
            let answers = join_all(bodies.into_iter().map(|body| graph.post_batch(body))).await;
            self.calls.update(|c| *c += chunk.len() as u32);
            for (batch, answer) in chunk.iter().zip(answers) {
                let outcomes = match answer {
                    Ok(answer) if answer.status == 200 => read_batch_response(&answer.body, batch),
                    Ok(answer) => read_batch_failure(
                        Some(answer.status),
                        answer.retry_after.as_deref(),
                        &answer.body,
                        batch,
                    ),
                    Err(ApiError::Network(_)) => read_batch_failure(None, None, "", batch),
                    Err(other) => return Err(other),
                };
                self.report.update(|r| {
                    if let Some(report) = r {
                        report.record(batch, &outcomes);
                    }
                });
            }
        }
        Ok(())
    }
}

impl Default for TeamRun {
    fn default() -> Self {
        Self::new()
    }
}
