//! A renewal run: the team run's lookups, then the selected people's extensions, replacements and new
//! methods through the same `$batch` pacing, retries, cancel and report; and resuming what a cancel left.
//!
//! A replacement of a badge that may still be valid deletes it first, in `$batch` calls of their own
//! (`qrpin::batch::deletions`), before any PATCH is sent: Graph asks that a batch be either fully
//! sequential or fully parallel, so the two steps are never mixed in one.

use std::collections::BTreeSet;

use leptos::prelude::*;
use qrpin::batch::{CreateVia, Decision, ItemOutcome, PlannedUser, RunReport};
use qrpin::model::User;

use super::lookup::MethodAnswer;
use super::run::{Pass, Phase, RunKind, TeamRun};
use crate::graph::GraphClient;

/// `users` without repeats (same object id, or same user principal name ignoring case), first one kept:
/// a person listed twice must be looked up, assessed and renewed once.
pub fn distinct_users(users: Vec<User>) -> Vec<User> {
    let mut seen = BTreeSet::new();
    users
        .into_iter()
        .filter(|user| {
            let id = user.id.trim().to_lowercase();
            let upn = user
                .user_principal_name
                .as_deref()
                .unwrap_or_default()
                .trim()
                .to_lowercase();
            let new_id = id.is_empty() || !seen.contains(&id);
            let new_upn = upn.is_empty() || !seen.contains(&upn);
            let keep = new_id && new_upn && !(id.is_empty() && upn.is_empty());
            if keep {
                seen.insert(id);
                seen.insert(upn);
            }
            keep
        })
        .collect()
}

fn deletes_first(user: &PlannedUser) -> bool {
    matches!(
        user.decision,
        Decision::Create {
            via: CreateVia::ReplaceStandardCode { delete_first: true },
            ..
        }
    )
}

impl TeamRun {
    /// Looks everyone up for the renewal list, in `users`' order. `None` when cancelled or failed (the
    /// phase says which).
    pub async fn check(self, graph: GraphClient, users: Vec<User>) -> Option<Vec<MethodAnswer>> {
        self.begin_lookups(RunKind::Renewal);
        match self.look_up(&graph, &users).await {
            Ok(Some(answers)) => {
                self.phase.set(Phase::Idle);
                Some(answers)
            }
            Ok(None) => {
                self.phase.set(Phase::Cancelled);
                None
            }
            Err(error) => {
                self.phase.set(Phase::Failed(error));
                None
            }
        }
    }

    /// Carries out the proposals of the people selected (`qrpin::renewal::Proposal::decision`).
    pub async fn renew(self, graph: GraphClient, planned: Vec<PlannedUser>) {
        self.cancel_requested.set(false);
        self.kind.set(RunKind::Renewal);
        self.report.set(Some(RunReport::new(&planned)));
        self.carry_out(&graph, planned).await;
    }

    /// Sends again what a cancel, or retries that ran out, left unfinished; successes are never sent twice.
    pub async fn resume(self, graph: GraphClient) {
        let todo = self
            .report
            .get_untracked()
            .map(|report| report.unfinished())
            .unwrap_or_default();
        self.cancel_requested.set(false);
        self.carry_out(&graph, todo).await;
    }

    async fn carry_out(&self, graph: &GraphClient, todo: Vec<PlannedUser>) {
        self.phase.set(Phase::Creating);
        let deleting: Vec<PlannedUser> =
            todo.iter().filter(|u| deletes_first(u)).cloned().collect();
        if !deleting.is_empty() {
            match self.send(graph, deleting, Pass::Delete).await {
                Ok(true) => {}
                other => return self.finish(other),
            }
        }
        // As planned now: a replacement whose delete went through PATCHes only; one whose delete
        // failed keeps `delete_first`, and the report already says why.
        let writing: Vec<PlannedUser> = self.report.with_untracked(|report| {
            todo.iter()
                .filter_map(|user| report.as_ref()?.entry_of(user))
                .map(|entry| entry.planned.clone())
                .filter(|user| !deletes_first(user))
                .collect()
        });
        let finished = self.send(graph, writing, Pass::Write).await;
        self.finish(finished);
    }

    /// Reads the final answer to a delete before a replacement: the code is gone (204, or 404), or the
    /// person's outcome is the delete's failure and no PATCH is sent for them.
    pub(super) fn deleted_or_refused(&self, user: &PlannedUser, outcome: &ItemOutcome) {
        self.report.update(|report| {
            let Some(report) = report else { return };
            match outcome {
                ItemOutcome::Deleted => {
                    report.code_deleted(user);
                }
                failure => report.record_outcome(user, failure.clone()),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::distinct_users;
    use qrpin::model::User;

    fn user(id: &str, upn: &str) -> User {
        User {
            id: id.into(),
            user_principal_name: Some(upn.into()),
            ..User::default()
        }
    }

    #[test]
    fn people_listed_twice_are_renewed_once() {
        let users = vec![
            user("1", "a@contoso.com"),
            user("", "A@Contoso.com"),
            user("2", "b@contoso.com"),
            user("2", "b2@contoso.com"),
            user("", ""),
            user("3", "c@contoso.com"),
        ];
        let kept: Vec<String> = distinct_users(users)
            .into_iter()
            .filter_map(|u| u.user_principal_name)
            .collect();
        assert_eq!(kept, ["a@contoso.com", "b@contoso.com", "c@contoso.com"]);
    }
}
