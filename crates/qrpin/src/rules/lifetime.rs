//! What a person types or picks for a code's lifetime, turned into dates without ever overflowing, and what an
//! extension of an existing badge may do. Every input is checked here before any date arithmetic, so no value a
//! form, a tampered select or a stored resume entry can hold reaches a panic.

use chrono::{DateTime, Duration, Utc};

use super::window::{
    check_standard_window, check_temporary_window, WindowProblem, STANDARD_MAX_DAYS,
    STANDARD_MIN_DAYS, TEMPORARY_MAX_HOURS, TEMPORARY_MIN_HOURS,
};
use crate::model::QrCode;

/// The temporary-code lifetimes every page offers (self-service, kiosk, administrator): one list, so a person
/// sees the same choices wherever they are.
pub const TEMPORARY_HOUR_CHOICES: [u32; 7] = [1, 2, 4, 6, 8, 10, 12];
/// Preselected: one working shift.
pub const DEFAULT_TEMPORARY_HOURS: u32 = 8;

/// Why a typed lifetime cannot be used. Nothing is sent while one of these stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LifetimeInputProblem {
    /// Empty, signed, decimal, exponent or any other non-digit text.
    NotWholeNumber,
    /// Below the shortest lifetime Graph accepts.
    TooShort,
    /// Above the longest lifetime Graph accepts (including numbers too large to represent).
    TooLong,
}

/// The unit a lifetime is typed in, with Graph's bounds for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LifetimeUnit {
    /// Badge (standard) codes: 1–395 days.
    Days,
    /// Temporary codes: 1–12 hours.
    Hours,
}

impl LifetimeUnit {
    pub fn bounds(self) -> (u32, u32) {
        match self {
            LifetimeUnit::Days => (STANDARD_MIN_DAYS as u32, STANDARD_MAX_DAYS as u32),
            LifetimeUnit::Hours => (TEMPORARY_MIN_HOURS as u32, TEMPORARY_MAX_HOURS as u32),
        }
    }

    fn duration(self, amount: u32) -> Duration {
        match self {
            LifetimeUnit::Days => Duration::days(i64::from(amount)),
            LifetimeUnit::Hours => Duration::hours(i64::from(amount)),
        }
    }
}

/// Reads a lifetime typed by a person: optional surrounding spaces, then ASCII digits only, within the unit's
/// bounds. `-1`, `abc`, `1e9`, `1.5` and `""` are refused, never rounded to something else.
pub fn parse_lifetime(text: &str, unit: LifetimeUnit) -> Result<u32, LifetimeInputProblem> {
    let digits = text.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LifetimeInputProblem::NotWholeNumber);
    }
    let (min, max) = unit.bounds();
    // Leading zeros are harmless; an overlong digit string is simply too long.
    let significant = digits.trim_start_matches('0');
    if significant.len() > 9 {
        return Err(LifetimeInputProblem::TooLong);
    }
    let value: u32 = significant.parse().unwrap_or(0);
    if value < min {
        Err(LifetimeInputProblem::TooShort)
    } else if value > max {
        Err(LifetimeInputProblem::TooLong)
    } else {
        Ok(value)
    }
}

/// Checks an amount that did not come from typing (a select, a stored resume entry) against the unit's bounds.
pub fn check_lifetime(amount: u32, unit: LifetimeUnit) -> Result<u32, LifetimeInputProblem> {
    parse_lifetime(&amount.to_string(), unit)
}

/// The expiry of a code that starts at `start` and lives `amount` units, with Graph's window rules applied.
/// Checked arithmetic: an out-of-range amount is a problem, not a panic.
pub fn expiry_after(
    start: DateTime<Utc>,
    amount: u32,
    unit: LifetimeUnit,
) -> Result<DateTime<Utc>, LifetimeInputProblem> {
    let amount = check_lifetime(amount, unit)?;
    let expire = start
        .checked_add_signed(unit.duration(amount))
        .ok_or(LifetimeInputProblem::TooLong)?;
    let check = match unit {
        LifetimeUnit::Days => check_standard_window,
        LifetimeUnit::Hours => check_temporary_window,
    };
    check(start, expire, start).map_err(|problem| match problem {
        WindowProblem::StandardTooShort { .. } | WindowProblem::TemporaryTooShort { .. } => {
            LifetimeInputProblem::TooShort
        }
        _ => LifetimeInputProblem::TooLong,
    })?;
    Ok(expire)
}

/// Why an existing badge cannot get the chosen new expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtendProblem {
    /// The badge has expired: Graph keeps its start, and the window is spent. Replace it instead.
    Expired,
    /// The badge already expires at the latest moment its start allows.
    AlreadyLatest,
    /// Graph did not report the badge's dates, so no extension can be checked.
    DatesUnknown,
    /// The chosen date is not after the current expiry: it would shorten the badge.
    NotLater { current: DateTime<Utc> },
    /// The chosen date is past start + 395 days.
    TooLate { latest: DateTime<Utc> },
}

/// How far an existing badge can be extended: after its current expiry, up to start + 395 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtensionRange {
    pub current: DateTime<Utc>,
    pub latest: DateTime<Utc>,
}

/// The range an extension may pick from, or why there is none (expired, already at the limit, dates unknown).
/// Graph measures the 395 days from the code's own start, so without a start no bound can be checked.
pub fn extension_range(code: &QrCode, now: DateTime<Utc>) -> Result<ExtensionRange, ExtendProblem> {
    let current = code.expire_date_time.ok_or(ExtendProblem::DatesUnknown)?;
    if current <= now {
        return Err(ExtendProblem::Expired);
    }
    let start = code.start_date_time.ok_or(ExtendProblem::DatesUnknown)?;
    let latest = start
        .checked_add_signed(Duration::days(STANDARD_MAX_DAYS))
        .ok_or(ExtendProblem::DatesUnknown)?;
    if latest <= current {
        return Err(ExtendProblem::AlreadyLatest);
    }
    Ok(ExtensionRange { current, latest })
}

/// Checks a chosen new expiry for an existing badge: it must lengthen the badge and stay within the window.
pub fn check_extension(
    code: &QrCode,
    new_expire: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ExtendProblem> {
    let range = extension_range(code, now)?;
    if new_expire <= range.current {
        return Err(ExtendProblem::NotLater {
            current: range.current,
        });
    }
    if new_expire > range.latest {
        return Err(ExtendProblem::TooLate {
            latest: range.latest,
        });
    }
    Ok(new_expire)
}

#[cfg(test)]
#[path = "lifetime_tests.rs"]
mod tests;
