//! Validity windows of QR codes (a badge code lasts 1 to 395 days, a temporary code 1 to 12 hours) and the state of
//! an existing code (not yet valid, active, expired).

use chrono::{DateTime, Duration, Utc};

use crate::model::QrCode;

/// Shortest lifetime of a standard (badge) QR code, in days.
pub const STANDARD_MIN_DAYS: i64 = 1;
/// Longest lifetime of a standard (badge) QR code, in days (13 months).
pub const STANDARD_MAX_DAYS: i64 = 395;
/// Shortest lifetime of a temporary QR code, in hours.
pub const TEMPORARY_MIN_HOURS: i64 = 1;
/// Longest lifetime of a temporary QR code, in hours.
pub const TEMPORARY_MAX_HOURS: i64 = 12;

/// Why a start/expiry pair would be refused. `Display` and [`WindowProblem::message`] say what to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum WindowProblem {
    #[error("The expiry must be later than the start.")]
    ExpireNotAfterStart,
    #[error("The expiry is in the past. Choose a later expiry.")]
    ExpireInPast,
    #[error("A badge QR code must stay valid for at least 1 day. Choose a later expiry.")]
    StandardTooShort,
    #[error("A badge QR code can stay valid for at most 395 days (13 months). Choose an earlier expiry.")]
    StandardTooLong,
    #[error("A temporary QR code must stay valid for at least 1 hour. Choose a later expiry.")]
    TemporaryTooShort,
    #[error("A temporary QR code can stay valid for at most 12 hours. Choose an earlier expiry.")]
    TemporaryTooLong,
}

impl WindowProblem {
    /// What the user should do, in plain words.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// Checks a standard (badge) code's window: start < expire, expire in the future, lifetime 1..=395 days inclusive.
/// A start in the past is allowed (Graph accepts it).
pub fn check_standard_window(
    start: DateTime<Utc>,
    expire: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), WindowProblem> {
    check_window(
        start,
        expire,
        now,
        (
            Duration::days(STANDARD_MIN_DAYS),
            WindowProblem::StandardTooShort,
        ),
        (
            Duration::days(STANDARD_MAX_DAYS),
            WindowProblem::StandardTooLong,
        ),
    )
}

/// Checks a temporary code's window: start < expire, expire in the future, lifetime 1..=12 hours inclusive.
pub fn check_temporary_window(
    start: DateTime<Utc>,
    expire: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), WindowProblem> {
    check_window(
        start,
        expire,
        now,
        (
            Duration::hours(TEMPORARY_MIN_HOURS),
            WindowProblem::TemporaryTooShort,
        ),
        (
            Duration::hours(TEMPORARY_MAX_HOURS),
            WindowProblem::TemporaryTooLong,
        ),
    )
}

/// Shared order of checks, so the first message is the one most worth fixing: the order of the dates, then the
/// past, then the length.
fn check_window(
    start: DateTime<Utc>,
    expire: DateTime<Utc>,
    now: DateTime<Utc>,
    (min, too_short): (Duration, WindowProblem),
    (max, too_long): (Duration, WindowProblem),
) -> Result<(), WindowProblem> {
    if expire <= start {
        return Err(WindowProblem::ExpireNotAfterStart);
    }
    if expire <= now {
        return Err(WindowProblem::ExpireInPast);
    }
    let lifetime = expire - start;
    if lifetime < min {
        return Err(too_short);
    }
    if lifetime > max {
        return Err(too_long);
    }
    Ok(())
}

/// Whether a QR code can be used to sign in right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeState {
    /// The start is still ahead.
    NotYetValid,
    /// Usable now: start <= now < expire.
    Active,
    /// The expiry has passed.
    Expired,
    /// Graph did not say when the code expires.
    Unknown,
}

/// Computes the state of `code` at `now` (usable iff start <= now < expire).
/// A missing start counts as already started; a missing expiry makes the state unknown, never active.
pub fn code_state(code: &QrCode, now: DateTime<Utc>) -> CodeState {
    let Some(expire) = code.expire_date_time else {
        return CodeState::Unknown;
    };
    if now >= expire {
        return CodeState::Expired;
    }
    match code.start_date_time {
        Some(start) if now < start => CodeState::NotYetValid,
        _ => CodeState::Active,
    }
}
