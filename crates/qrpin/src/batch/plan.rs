//! Who gets a badge code in a team run, and through which call.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use crate::model::QrCodePinMethod;
use crate::retry::GaveUp;
use crate::rules::{check_standard_window, code_state, CodeState, WindowProblem};

/// What the portal knows about a user's QR code + PIN method before the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnownMethod {
    /// `GET …/qrCodePinMethod` answered 404: the user has no method yet.
    NoMethod,
    /// The method has a standard (badge) code that is active, or not yet valid. Either way a PATCH would only change
    /// that code's expiry and return no image, so the run must leave the user alone.
    ActiveStandardCode,
    /// The method exists but its standard code expired or was deleted: a PATCH of `standardQRCode` creates a new one.
    NoActiveStandardCode,
    /// Looked up, but Graph did not say when the code expires.
    Unknown,
    /// The lookup was given up (a refusal, or transient failures until the attempts ran out): nothing is known.
    LookupFailed(GaveUp),
}

impl KnownMethod {
    /// Classifies the answer of `GET …/qrCodePinMethod`: `None` for a 404, `Some(method)` otherwise.
    pub fn from_lookup(method: Option<&QrCodePinMethod>, now: DateTime<Utc>) -> Self {
        let Some(method) = method else {
            return Self::NoMethod;
        };
        match method
            .standard_qr_code
            .as_ref()
            .map(|code| code_state(code, now))
        {
            None | Some(CodeState::Expired) => Self::NoActiveStandardCode,
            Some(CodeState::Active | CodeState::NotYetValid) => Self::ActiveStandardCode,
            Some(CodeState::Unknown) => Self::Unknown,
        }
    }
}

/// One person selected for the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    /// Entra object id; when empty the UPN addresses the user instead (Graph accepts `/users/{upn}`).
    pub id: String,
    pub upn: String,
    pub display_name: String,
    pub method: KnownMethod,
}

impl TeamMember {
    /// The `{id}` of `/users/{id}`: the object id, or the UPN when the id is unknown.
    pub fn graph_key(&self) -> &str {
        let id = self.id.trim();
        if id.is_empty() {
            self.upn.trim()
        } else {
            id
        }
    }
}

/// Start and expiry of the badge codes created in the run (Graph requires both to create a code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BadgeWindow {
    pub start: DateTime<Utc>,
    pub expire: DateTime<Utc>,
}

/// How a code is created for one user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CreateVia {
    /// `PUT …/qrCodePinMethod`: the user has no method; Entra creates it with the badge code and generates a PIN.
    PutMethod,
    /// `PATCH …/qrCodePinMethod/standardQRCode`: the method exists without an active badge code; the user keeps
    /// their PIN.
    PatchStandardCode,
    /// A renewal's replacement: the same PATCH, for a badge that is reprinted (the report says "replaced").
    /// With `delete_first`, the current code may still be valid (Graph only creates a code where no valid one
    /// exists), so `DELETE …/standardQRCode` goes first, in a `$batch` of its own ([`super::deletions`]) so that no
    /// batch mixes sequenced and parallel requests; once the code is gone ([`super::RunReport::code_deleted`])
    /// `delete_first` is cleared, and a resumed run does not delete again.
    ReplaceStandardCode { delete_first: bool },
}

/// Why a user is left out of the run: a typed reason, which the portal words for the administrator in their
/// language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipReason {
    /// Has an active badge code: replace it individually.
    HasActiveCode,
    /// Listed more than once (same user principal name or id): only the first entry is used.
    Duplicate,
    /// No user principal name, which the badge's QR code needs.
    EmptyUpn,
    /// Not known whether the user already has a badge code: look the user up again.
    MethodUnknown,
    /// The lookup failed (see [`GaveUp`]), so it is not known whether the user already has a badge code.
    LookupFailed(GaveUp),
}

impl SkipReason {
    /// Every reason without details, for checks that each one is worded ([`SkipReason::LookupFailed`] is worded by
    /// its [`crate::retry::FailureKind`], listed in `FailureKind::ALL`).
    pub const ALL: [SkipReason; 4] = [
        SkipReason::HasActiveCode,
        SkipReason::Duplicate,
        SkipReason::EmptyUpn,
        SkipReason::MethodUnknown,
    ];
}

/// The decision for one user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    Create {
        via: CreateVia,
        window: BadgeWindow,
    },
    /// A renewal: `PATCH …/standardQRCode` with this `expireDateTime` only; the printed badge keeps working.
    Extend {
        expire: DateTime<Utc>,
    },
    Skip(SkipReason),
}

/// A user with the decision taken for them. Self-contained, so a retry list can be batched again as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedUser {
    pub member: TeamMember,
    pub decision: Decision,
}

impl PlannedUser {
    /// Whether this user gets a request (a create, a replacement or an extension).
    pub fn gets_request(&self) -> bool {
        !matches!(self.decision, Decision::Skip(_))
    }
}

/// Why no run can be planned at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Checked once here rather than failing the same way in every one of the run's requests.
    #[error("{0}")]
    Window(#[from] WindowProblem),
}

/// Decides, for each user in order, whether to create a badge code and how.
///
/// Rules, first match wins: an empty UPN is skipped; a user already seen (same UPN, ignoring case, or same id) is
/// skipped; then by [`KnownMethod`]: no method → PUT, no active standard code → PATCH, an active (or not yet valid)
/// code → skipped, unknown or a failed lookup → skipped (a PUT over an existing method or a PATCH over an active code would do harm).
/// The window is checked against Graph's standard-code rules first.
pub fn plan(
    users: &[TeamMember],
    window: BadgeWindow,
    now: DateTime<Utc>,
) -> Result<Vec<PlannedUser>, PlanError> {
    check_standard_window(window.start, window.expire, now)?;
    let mut seen_upns = BTreeSet::new();
    let mut seen_ids = BTreeSet::new();
    let planned = users
        .iter()
        .map(|member| {
            let upn = member.upn.trim().to_lowercase();
            let id = member.id.trim().to_lowercase();
            let decision = if upn.is_empty() {
                Decision::Skip(SkipReason::EmptyUpn)
            } else {
                // Only accepted entries are remembered, so a skipped duplicate cannot shadow a later, different user.
                let duplicate =
                    seen_upns.contains(&upn) || (!id.is_empty() && seen_ids.contains(&id));
                if duplicate {
                    Decision::Skip(SkipReason::Duplicate)
                } else {
                    seen_upns.insert(upn);
                    if !id.is_empty() {
                        seen_ids.insert(id);
                    }
                    decide(member.method, window)
                }
            };
            PlannedUser {
                member: member.clone(),
                decision,
            }
        })
        .collect();
    Ok(planned)
}

fn decide(method: KnownMethod, window: BadgeWindow) -> Decision {
    match method {
        KnownMethod::NoMethod => Decision::Create {
            via: CreateVia::PutMethod,
            window,
        },
        KnownMethod::NoActiveStandardCode => Decision::Create {
            via: CreateVia::PatchStandardCode,
            window,
        },
        KnownMethod::ActiveStandardCode => Decision::Skip(SkipReason::HasActiveCode),
        KnownMethod::Unknown => Decision::Skip(SkipReason::MethodUnknown),
        KnownMethod::LookupFailed(gave_up) => Decision::Skip(SkipReason::LookupFailed(gave_up)),
    }
}
