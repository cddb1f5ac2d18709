//! The per-person report of a team run or a renewal run, as CSV: who, what happened, and what support needs for a
//! failure (Graph's error code and request ID). The words (column titles, outcomes, details) come from the caller
//! in the administrator's language; this module only decides the columns and keeps PINs out unless asked.

use super::{to_csv, Cell};
use crate::batch::{CreateVia, Decision, EntryState, ItemOutcome, RunEntry};

/// What happened to one person in a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportOutcome {
    /// A method or a badge code was created.
    Created,
    /// The badge's expiry was moved later.
    Extended,
    /// The badge was replaced by a new code (PIN kept).
    Replaced,
    /// Left out on purpose (see the detail).
    Skipped,
    /// Graph refused, or the answer never came and the retries ran out.
    Failed,
    /// Not done: not sent yet, or waiting to be sent again when the run was cancelled.
    Pending,
}

impl ReportOutcome {
    /// Every outcome, for checks that each one is worded.
    pub const ALL: [ReportOutcome; 6] = [
        ReportOutcome::Created,
        ReportOutcome::Extended,
        ReportOutcome::Replaced,
        ReportOutcome::Skipped,
        ReportOutcome::Failed,
        ReportOutcome::Pending,
    ];

    /// A stable lower-case word, the same in every language, for files that scripts read or filter.
    pub fn machine_word(self) -> &'static str {
        match self {
            ReportOutcome::Created => "created",
            ReportOutcome::Extended => "extended",
            ReportOutcome::Replaced => "replaced",
            ReportOutcome::Skipped => "skipped",
            ReportOutcome::Failed => "failed",
            ReportOutcome::Pending => "pending",
        }
    }
}

impl From<EntryState> for ReportOutcome {
    /// A team run's state of one person.
    fn from(state: EntryState) -> Self {
        match state {
            EntryState::Skipped => ReportOutcome::Skipped,
            EntryState::NotSent | EntryState::WaitingToRetry => ReportOutcome::Pending,
            EntryState::Created => ReportOutcome::Created,
            EntryState::Extended => ReportOutcome::Extended,
            EntryState::Failed => ReportOutcome::Failed,
        }
    }
}

/// One person's line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub display_name: String,
    pub upn: String,
    pub outcome: ReportOutcome,
    /// The caller's words for the reason or result (a skip reason, Graph's own message, the new expiry …).
    pub detail: String,
    /// Graph's error `code` of a failure.
    pub error_code: Option<String>,
    /// Graph's `request-id` of a failure, which support asks for.
    pub request_id: Option<String>,
    /// The PIN Entra generated for a new method. Written only with [`PinColumn::Include`].
    pub temporary_pin: Option<String>,
}

impl ReportRow {
    /// A team or renewal run's line for `entry`: name, UPN, outcome, Graph's code and request ID of a failure, and the PIN of
    /// a new method. `detail` is the caller's words for the entry.
    pub fn from_team_entry(entry: &RunEntry, detail: String) -> Self {
        let member = &entry.planned.member;
        let (error_code, request_id, temporary_pin) = match &entry.last_outcome {
            Some(ItemOutcome::Failed {
                code, request_id, ..
            }) => (Some(code.clone()), request_id.clone(), None),
            Some(ItemOutcome::Created { pin, .. }) => (None, None, pin.clone()),
            Some(
                ItemOutcome::Throttled { .. } | ItemOutcome::Extended { .. } | ItemOutcome::Deleted,
            )
            | None => (None, None, None),
        };
        let replaced = matches!(
            entry.planned.decision,
            Decision::Create {
                via: CreateVia::ReplaceStandardCode { .. },
                ..
            }
        );
        let outcome = match entry.state() {
            EntryState::Created if replaced => ReportOutcome::Replaced,
            state => state.into(),
        };
        ReportRow {
            display_name: member.display_name.clone(),
            upn: member.upn.clone(),
            outcome,
            detail,
            error_code,
            request_id,
            temporary_pin,
        }
    }
}

/// Whether the file carries the temporary PINs. There is no default: whoever writes a report says which, and
/// [`PinColumn::Include`] should follow the administrator's explicit choice after a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PinColumn {
    /// No PIN column; no PIN is written anywhere in the file.
    Omit,
    /// A last column with each person's temporary PIN (empty when they got none).
    Include,
}

/// The column titles, in the administrator's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportColumns<'a> {
    pub display_name: &'a str,
    pub upn: &'a str,
    pub outcome: &'a str,
    pub detail: &'a str,
    pub error_code: &'a str,
    pub request_id: &'a str,
    /// Used only with [`PinColumn::Include`].
    pub temporary_pin: &'a str,
}

/// The report as CSV text ([`to_csv`]): a header row, then one row per person in the given order. Columns:
/// display name, UPN, outcome (`outcome_word`, e.g. [`ReportOutcome::machine_word`] or translated words), detail,
/// Graph error code, request ID, and the temporary PIN only with [`PinColumn::Include`].
pub fn report_csv<W>(
    columns: &ReportColumns<'_>,
    rows: &[ReportRow],
    outcome_word: W,
    pins: PinColumn,
) -> String
where
    W: Fn(ReportOutcome) -> String,
{
    let with_pin = pins == PinColumn::Include;
    let header = [
        columns.display_name,
        columns.upn,
        columns.outcome,
        columns.detail,
        columns.error_code,
        columns.request_id,
    ]
    .map(Cell::from)
    .into_iter()
    .chain(with_pin.then(|| Cell::from(columns.temporary_pin)));
    let records = rows.iter().map(|row| {
        [
            Cell::from(row.display_name.as_str()),
            Cell::from(row.upn.as_str()),
            Cell::Text(outcome_word(row.outcome)),
            Cell::from(row.detail.as_str()),
            Cell::from(row.error_code.as_deref()),
            Cell::from(row.request_id.as_deref()),
        ]
        .into_iter()
        .chain(with_pin.then(|| Cell::from(row.temporary_pin.as_deref())))
        .collect::<Vec<Cell>>()
    });
    to_csv(std::iter::once(header.collect::<Vec<Cell>>()).chain(records))
}
