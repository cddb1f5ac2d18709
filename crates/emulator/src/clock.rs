//! The emulator's notion of "now": real time plus an offset that test control can move forward (or set),
//! so code expiry, token expiry, the 10-minute re-authentication rule and throttling windows can be tested
//! without waiting.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Default)]
pub struct Clock {
    offset_nanos: AtomicI64,
}

impl Clock {
    pub fn new() -> Clock {
        Clock::default()
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset()
    }

    pub fn offset(&self) -> Duration {
        Duration::nanoseconds(self.offset_nanos.load(Ordering::SeqCst))
    }

    /// Moves "now" by `by` (negative values move it back, which tests use sparingly).
    pub fn advance(&self, by: Duration) {
        self.offset_nanos.fetch_add(nanos(by), Ordering::SeqCst);
    }

    /// Makes "now" equal `instant` from this moment on (the clock keeps running).
    pub fn set(&self, instant: DateTime<Utc>) {
        let offset = instant - Utc::now();
        self.offset_nanos.store(nanos(offset), Ordering::SeqCst);
    }

    pub fn reset(&self) {
        self.offset_nanos.store(0, Ordering::SeqCst);
    }
}

/// Nanosecond precision keeps a set "now" exact; ±292 years is plenty for an emulator clock.
fn nanos(duration: Duration) -> i64 {
    duration
        .num_nanoseconds()
        .unwrap_or(if duration < Duration::zero() {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_now_forward() {
        let clock = Clock::new();
        let before = clock.now();
        clock.advance(Duration::hours(2));
        let after = clock.now();
        assert!(after - before >= Duration::hours(2));
        assert!(after - before < Duration::hours(2) + Duration::seconds(5));
        clock.reset();
        assert!(clock.now() - before < Duration::seconds(5));
    }

    #[test]
    fn setting_pins_now_to_an_instant() {
        let clock = Clock::new();
        let target = Utc::now() + Duration::days(400);
        clock.set(target);
        assert!((clock.now() - target).num_seconds().abs() < 5);
    }
}
