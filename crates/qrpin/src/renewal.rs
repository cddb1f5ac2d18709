//! A year on: which of a team's badges need attention, how urgently, and what to propose for each one.
//!
//! Every person is assessed from their method as Graph returned it ([`MethodLookup`]), at one `now`, with the
//! administrator's thresholds ([`RenewalSettings`]). Only the standard (badge) code counts: a temporary code lasts
//! hours and is never renewed, so it changes nothing here.
//!
//! **Standing**, most urgent first (the order of [`StandingKind`], which [`plan_renewals`] sorts by):
//! 1. [`Standing::Expired`]: the badge no longer signs anyone in (earliest expiry first);
//! 2. [`Standing::NoBadgeCode`]: the method exists without a badge code, so no badge signs in either;
//! 3. [`Standing::ExpiresSoon`]: the badge stops within N days (earliest expiry first);
//! 4. [`Standing::DatesUnknown`]: Graph did not say when the badge expires, so it may stop at any time;
//! 5. [`Standing::LookupFailed`]: nothing is known; look the person up again;
//! 6. [`Standing::NeverUsed`]: works, but nobody signed in with it for at least M days since its start (oldest
//!    first): the card may never have reached its owner;
//! 7. [`Standing::NoMethod`]: QR code sign-in was never set up (perhaps on purpose);
//! 8. [`Standing::Fine`].
//!
//! Within one standing the input order is kept (the sort is stable).
//!
//! **Proposal**, the action preselected for the person ([`Proposal`]):
//! - **Extend** (`PATCH …/standardQRCode` with `expireDateTime`) while the badge is valid or not yet valid and
//!   Graph's bound (start + 395 days, [`crate::rules::extension_range`]) still allows at least one more day. The
//!   proposed expiry is what a new badge would get (now + the tenant's lifetime, 365 days by default), kept between
//!   one day after the current expiry and the bound. The printed card keeps working.
//! - **Replace** (a new standard code; the method and its PIN stay) when an extension cannot help: the badge
//!   expired, is missing, is at (or within a day of) its bound, or its dates are unknown. The card must be printed
//!   again.
//! - **Create** (`PUT …/qrCodePinMethod`, the team run's create, which generates a PIN) for people without a method.
//! - Nothing for a badge that is fine or merely never used (replacing it would void a card that may be in its
//!   owner's pocket: an individual decision), nor when the lookup failed.

mod proposal;
mod standing;

pub use proposal::{Extension, Proposal, ProposalKind, ReplaceReason};
pub use standing::{Standing, StandingKind};

use chrono::{DateTime, Duration, Utc};

use crate::batch::BadgeWindow;
use crate::model::{QrCode, QrCodePinMethod, QrCodePinPolicy};
use crate::rules::{
    code_state, expiry_after, extension_range, CodeState, ExtendProblem, ExtensionRange,
    LifetimeInputProblem, LifetimeUnit, STANDARD_MIN_DAYS,
};

/// Badges expiring within this many days are listed, unless the administrator chooses otherwise.
pub const DEFAULT_EXPIRING_WITHIN_DAYS: u32 = 30;
/// Badges never used this many days after their start are listed, unless the administrator chooses otherwise.
pub const DEFAULT_UNUSED_AFTER_DAYS: u32 = 30;

/// The administrator's thresholds, and the lifetime of the badges a renewal creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RenewalSettings {
    /// N: a badge that expires at most this many days from now is [`Standing::ExpiresSoon`].
    pub expiring_within_days: u32,
    /// M: a never-used badge whose start is at least this many days ago is [`Standing::NeverUsed`].
    pub unused_after_days: u32,
    /// Lifetime of a replaced or created badge, and the most an extension aims for from now (the tenant policy's
    /// `standardQRCodeLifetimeInDays`, 1 to 395).
    pub new_badge_days: u32,
}

impl Default for RenewalSettings {
    fn default() -> Self {
        Self {
            expiring_within_days: DEFAULT_EXPIRING_WITHIN_DAYS,
            unused_after_days: DEFAULT_UNUSED_AFTER_DAYS,
            new_badge_days: QrCodePinPolicy::DEFAULT_LIFETIME_DAYS,
        }
    }
}

/// What the lookup of one person's method found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodLookup<'a> {
    /// `GET …/qrCodePinMethod` answered 404.
    NoMethod,
    /// The method as Graph returned it.
    Found(&'a QrCodePinMethod),
    /// No usable answer (the caller keeps why, to word it).
    Failed,
}

/// One person's assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub standing: Standing,
    /// The badge's start as Graph reported it (its creation when the start is missing).
    pub started: Option<DateTime<Utc>>,
    /// The badge's current expiry, when known.
    pub expires: Option<DateTime<Utc>>,
    /// A badge exists and was never used to sign in (whatever its age).
    pub never_used: bool,
    pub proposal: Option<Proposal>,
}

impl Assessment {
    /// Whether the person belongs on the renewal list.
    pub fn needs_attention(&self) -> bool {
        self.standing != Standing::Fine
    }

    /// Sort key: the standing's urgency, then the earliest expiry (expired or expiring) or the oldest start
    /// (never used); `i64::MAX` leaves the input order alone.
    fn urgency(&self) -> (StandingKind, i64) {
        let within = match self.standing {
            Standing::Expired { .. } | Standing::ExpiresSoon { .. } => self.expires,
            Standing::NeverUsed { .. } => self.started,
            _ => None,
        };
        (
            self.standing.kind(),
            within.map_or(i64::MAX, |at| at.timestamp()),
        )
    }
}

/// A person with their assessment; `P` is whatever the caller identifies people with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal<P> {
    pub person: P,
    pub assessment: Assessment,
}

/// The window of every badge a renewal replaces or creates: from `now`, for `settings.new_badge_days`.
pub fn new_badge_window(
    now: DateTime<Utc>,
    settings: &RenewalSettings,
) -> Result<BadgeWindow, LifetimeInputProblem> {
    let expire = expiry_after(now, settings.new_badge_days, LifetimeUnit::Days)?;
    Ok(BadgeWindow { start: now, expire })
}

/// Assesses everyone and sorts them by urgency (see the module documentation), Fine ones last.
/// Fails only when `settings.new_badge_days` is not a lifetime Graph accepts.
pub fn plan_renewals<'a, P>(
    people: impl IntoIterator<Item = (P, MethodLookup<'a>)>,
    now: DateTime<Utc>,
    settings: &RenewalSettings,
) -> Result<Vec<Renewal<P>>, LifetimeInputProblem> {
    let window = new_badge_window(now, settings)?;
    let mut renewals: Vec<Renewal<P>> = people
        .into_iter()
        .map(|(person, lookup)| Renewal {
            person,
            assessment: assess(lookup, now, settings, window),
        })
        .collect();
    renewals.sort_by_key(|renewal| renewal.assessment.urgency());
    Ok(renewals)
}

/// Assesses one person. `window` is the window of a replaced or created badge ([`new_badge_window`]).
pub fn assess(
    lookup: MethodLookup<'_>,
    now: DateTime<Utc>,
    settings: &RenewalSettings,
    window: BadgeWindow,
) -> Assessment {
    let nothing_known = |standing, proposal| Assessment {
        standing,
        started: None,
        expires: None,
        never_used: false,
        proposal,
    };
    let replace = |reason| Some(Proposal::Replace { reason, window });
    let method = match lookup {
        MethodLookup::Failed => return nothing_known(Standing::LookupFailed, None),
        MethodLookup::NoMethod => {
            return nothing_known(Standing::NoMethod, Some(Proposal::Create { window }))
        }
        MethodLookup::Found(method) => method,
    };
    let Some(code) = method.standard_qr_code.as_ref() else {
        return nothing_known(Standing::NoBadgeCode, replace(ReplaceReason::NoBadgeCode));
    };
    let started = code.start_date_time.or(code.created_date_time);
    let never_used = code.last_used_date_time.is_none();
    let (standing, proposal) = match (code_state(code, now), code.expire_date_time) {
        (CodeState::Unknown, _) | (_, None) => {
            (Standing::DatesUnknown, replace(ReplaceReason::DatesUnknown))
        }
        (CodeState::Expired, Some(expires)) => (
            Standing::Expired {
                days_ago: (now - expires).num_days(),
            },
            replace(ReplaceReason::Expired),
        ),
        (CodeState::Active | CodeState::NotYetValid, Some(expires)) => {
            let left = expires - now;
            if left <= days(settings.expiring_within_days) {
                let proposal = extend_or_replace(code, now, settings, window);
                let days_left = left.num_days();
                (Standing::ExpiresSoon { days_left }, Some(proposal))
            } else {
                match started.map(|start| now - start) {
                    Some(age) if never_used && age >= days(settings.unused_after_days) => {
                        let days_since_start = age.num_days();
                        (Standing::NeverUsed { days_since_start }, None)
                    }
                    _ => (Standing::Fine, None),
                }
            }
        }
    };
    Assessment {
        standing,
        started,
        expires: code.expire_date_time,
        never_used,
        proposal,
    }
}

/// Extends when Graph's bound leaves at least a day more ([`extension_range`] is the one home of that bound),
/// otherwise replaces.
fn extend_or_replace(
    code: &QrCode,
    now: DateTime<Utc>,
    settings: &RenewalSettings,
    window: BadgeWindow,
) -> Proposal {
    let reason = match extension_range(code, now) {
        Ok(range) if range.latest - range.current >= Duration::days(STANDARD_MIN_DAYS) => {
            return Proposal::Extend(Extension {
                range,
                proposed: proposed_expiry(range, now, settings),
            });
        }
        Ok(_) | Err(ExtendProblem::AlreadyLatest) => ReplaceReason::AtLatest,
        Err(ExtendProblem::Expired) => ReplaceReason::Expired,
        Err(ExtendProblem::DatesUnknown) => ReplaceReason::DatesUnknown,
        // Not answers of `extension_range` (they judge a chosen date); the bound is what stands in the way.
        Err(ExtendProblem::NotLater { .. } | ExtendProblem::TooLate { .. }) => {
            ReplaceReason::AtLatest
        }
    };
    Proposal::Replace { reason, window }
}

/// What a new badge would get (now + the lifetime), at least a day past the current expiry, at most the bound.
/// The caller made sure the bound is at least a day past the current expiry.
fn proposed_expiry(
    range: ExtensionRange,
    now: DateTime<Utc>,
    settings: &RenewalSettings,
) -> DateTime<Utc> {
    let earliest = range
        .current
        .checked_add_signed(Duration::days(STANDARD_MIN_DAYS))
        .unwrap_or(range.latest);
    let aim = now
        .checked_add_signed(days(settings.new_badge_days))
        .unwrap_or(range.latest);
    aim.clamp(earliest, range.latest)
}

/// Whole days as a duration. A `u32` of days is far inside chrono's range, so this never panics.
fn days(count: u32) -> Duration {
    Duration::days(i64::from(count))
}

#[cfg(test)]
#[path = "renewal_test_support.rs"]
mod test_support;

#[cfg(test)]
#[path = "renewal_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "renewal_list_tests.rs"]
mod list_tests;
