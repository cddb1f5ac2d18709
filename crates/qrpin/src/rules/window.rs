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

/// Why a start/expiry pair would be refused, with the bound that was crossed. No words: whoever shows it (the
/// portal in the person's language, the emulator in Graph's English) says what to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WindowProblem {
    /// The expiry is not later than the start.
    ExpireNotAfterStart,
    /// The expiry has already passed.
    ExpireInPast,
    /// A badge (standard) code shorter than `min_days`.
    StandardTooShort { min_days: i64 },
    /// A badge (standard) code longer than `max_days` (395, 13 months).
    StandardTooLong { max_days: i64 },
    /// A temporary code shorter than `min_hours`.
    TemporaryTooShort { min_hours: i64 },
    /// A temporary code longer than `max_hours`.
    TemporaryTooLong { max_hours: i64 },
}

/// For logs and developers only: the variant and its bound (`StandardTooLong { max_days: 395 }`), never a
/// sentence for people.
impl std::fmt::Display for WindowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for WindowProblem {}

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
            WindowProblem::StandardTooShort {
                min_days: STANDARD_MIN_DAYS,
            },
        ),
        (
            Duration::days(STANDARD_MAX_DAYS),
            WindowProblem::StandardTooLong {
                max_days: STANDARD_MAX_DAYS,
            },
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
            WindowProblem::TemporaryTooShort {
                min_hours: TEMPORARY_MIN_HOURS,
            },
        ),
        (
            Duration::hours(TEMPORARY_MAX_HOURS),
            WindowProblem::TemporaryTooLong {
                max_hours: TEMPORARY_MAX_HOURS,
            },
        ),
    )
}

/// Shared order of checks, so the first problem is the one most worth fixing: the order of the dates, then the
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
