//! When a kiosk warns and when it clears (pure, tested natively).
//!
//! WCAG 2.2.1 (Timing Adjustable): the person is warned at least 20 seconds before the timeout
//! and can extend it with one simple action ("Stay", or any tap or key).

/// The warning comes at least this long before the timeout.
pub const MIN_WARNING_SECONDS: u32 = 20;
/// The warning comes at most this long before the timeout (long timeouts do not nag for minutes).
pub const MAX_WARNING_SECONDS: u32 = 60;
/// Shorter configured timeouts are raised to this, so the 20-second warning is never the first
/// thing the person sees.
pub const MIN_TIMEOUT_SECONDS: u32 = 25;

/// The idle rules for one kiosk, from `kiosk.idleTimeoutSeconds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdlePolicy {
    timeout_seconds: u32,
    warning_seconds: u32,
}

/// Where a kiosk stands after some idle time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdlePhase {
    Active,
    /// The warning is shown; whole seconds left before clearing (at least 1).
    Warning {
        seconds_left: u32,
    },
    TimedOut,
}

impl IdlePolicy {
    /// The warning lead is a quarter of the timeout, kept between 20 and 60 seconds.
    pub fn from_config(idle_timeout_seconds: u32) -> Self {
        let timeout_seconds = idle_timeout_seconds.max(MIN_TIMEOUT_SECONDS);
        let warning_seconds = (timeout_seconds / 4).clamp(MIN_WARNING_SECONDS, MAX_WARNING_SECONDS);
        Self {
            timeout_seconds,
            warning_seconds,
        }
    }

    pub fn timeout_seconds(&self) -> u32 {
        self.timeout_seconds
    }

    pub fn warning_seconds(&self) -> u32 {
        self.warning_seconds
    }

    /// The phase after `idle_ms` milliseconds without a tap or key (negative counts as none).
    pub fn phase(&self, idle_ms: f64) -> IdlePhase {
        let timeout_ms = f64::from(self.timeout_seconds) * 1000.0;
        let warn_at_ms = f64::from(self.timeout_seconds - self.warning_seconds) * 1000.0;
        let idle_ms = idle_ms.max(0.0);
        if idle_ms >= timeout_ms {
            IdlePhase::TimedOut
        } else if idle_ms >= warn_at_ms {
            let left = ((timeout_ms - idle_ms) / 1000.0).ceil() as u32;
            IdlePhase::Warning {
                seconds_left: left.max(1),
            }
        } else {
            IdlePhase::Active
        }
    }
}

/// The idle timeout as the start screen says it: whole minutes and the seconds left over ("2 minutes",
/// "1 minute 30 seconds", "45 seconds"); the view words each part in the person's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutParts {
    Seconds(u32),
    Minutes(u32),
    MinutesAndSeconds(u32, u32),
}

impl TimeoutParts {
    pub fn of(seconds: u32) -> Self {
        match (seconds / 60, seconds % 60) {
            (0, s) => TimeoutParts::Seconds(s),
            (m, 0) => TimeoutParts::Minutes(m),
            (m, s) => TimeoutParts::MinutesAndSeconds(m, s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_two_minutes_warns_thirty_seconds_before() {
        let policy = IdlePolicy::from_config(120);
        assert_eq!(policy.timeout_seconds(), 120);
        assert_eq!(policy.warning_seconds(), 30);
        assert_eq!(policy.phase(0.0), IdlePhase::Active);
        assert_eq!(policy.phase(89_999.0), IdlePhase::Active);
        assert_eq!(
            policy.phase(90_000.0),
            IdlePhase::Warning { seconds_left: 30 }
        );
        assert_eq!(
            policy.phase(119_001.0),
            IdlePhase::Warning { seconds_left: 1 }
        );
        assert_eq!(policy.phase(120_000.0), IdlePhase::TimedOut);
        assert_eq!(policy.phase(1e9), IdlePhase::TimedOut);
    }

    #[test]
    fn the_warning_is_never_shorter_than_twenty_seconds() {
        for configured in [0, 1, 10, 20, 25, 30, 60, 79, 80, 81, 120, 300, 3600] {
            let policy = IdlePolicy::from_config(configured);
            assert!(
                policy.warning_seconds() >= MIN_WARNING_SECONDS,
                "{configured}"
            );
            assert!(
                policy.timeout_seconds() > policy.warning_seconds(),
                "{configured}: some quiet time before the warning"
            );
        }
    }

    #[test]
    fn short_timeouts_are_raised_and_long_ones_do_not_warn_for_minutes() {
        let short = IdlePolicy::from_config(10);
        assert_eq!(short.timeout_seconds(), 25);
        assert_eq!(short.warning_seconds(), 20);
        assert_eq!(short.phase(4_999.0), IdlePhase::Active);
        assert_eq!(
            short.phase(5_000.0),
            IdlePhase::Warning { seconds_left: 20 }
        );
        let long = IdlePolicy::from_config(3600);
        assert_eq!(long.warning_seconds(), 60);
    }

    #[test]
    fn clock_going_backwards_counts_as_activity() {
        assert_eq!(
            IdlePolicy::from_config(120).phase(-5_000.0),
            IdlePhase::Active
        );
    }

    #[test]
    fn timeouts_in_parts() {
        assert_eq!(TimeoutParts::of(120), TimeoutParts::Minutes(2));
        assert_eq!(TimeoutParts::of(60), TimeoutParts::Minutes(1));
        assert_eq!(TimeoutParts::of(90), TimeoutParts::MinutesAndSeconds(1, 30));
        assert_eq!(TimeoutParts::of(25), TimeoutParts::Seconds(25));
        assert_eq!(TimeoutParts::of(61), TimeoutParts::MinutesAndSeconds(1, 1));
    }
}
