//! Asking Graph again after a transient failure: which failures are transient, how long to wait before the next
//! attempt (Graph's `Retry-After` when it sends one, otherwise exponential back-off), and when to stop. Pure: the
//! caller sends, sleeps and counts the attempts.
//!
//! Meant for reads, which change nothing and may be sent any number of times. A write that failed transiently may
//! have been applied, so whether to send it again is the write's own decision (`batch::ItemOutcome::is_retriable`);
//! only the waiting schedule is shared.

use crate::http::retry_after_seconds;

/// Why one attempt gave no usable answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Failure {
    /// No answer at all: the connection failed, was cut, or timed out.
    Network,
    /// An HTTP error status, with Graph's `Retry-After` in seconds when it sent a readable one.
    Status {
        status: u16,
        retry_after: Option<f64>,
    },
    /// An answer whose body could not be read: truncated, not JSON, or a success of the wrong shape.
    Unreadable,
    /// A `$batch` answer that had no response for this request.
    NoResponse,
}

impl Failure {
    /// An HTTP status, reading its `Retry-After` header text the way Graph writes it (seconds, maybe fractional).
    pub fn status(status: u16, retry_after: Option<&str>) -> Self {
        Failure::Status {
            status,
            retry_after: retry_after.and_then(retry_after_seconds),
        }
    }

    /// Whether the same request may succeed later: no answer, an unreadable answer, throttling (429), a timeout
    /// (408) or a server error (5xx except 501 "not implemented", which will not change). Other client errors
    /// (400, 401, 403, 404 …) would fail the same way again.
    pub fn is_transient(&self) -> bool {
        match self {
            Failure::Network | Failure::Unreadable | Failure::NoResponse => true,
            Failure::Status { status, .. } => {
                matches!(status, 408 | 429) || ((500..600).contains(status) && *status != 501)
            }
        }
    }

    /// What kind of failure this was, for the words a person reads.
    pub fn kind(&self) -> FailureKind {
        match self {
            Failure::Network => FailureKind::NoAnswer,
            Failure::Unreadable | Failure::NoResponse => FailureKind::Unreadable,
            Failure::Status { status: 429, .. } => FailureKind::Throttled,
            failure if failure.is_transient() => FailureKind::Unavailable,
            Failure::Status { .. } => FailureKind::Refused,
        }
    }

    fn status_code(&self) -> Option<u16> {
        match self {
            Failure::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    fn retry_after(&self) -> Option<f64> {
        match self {
            Failure::Status { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// The kinds of failure a person is told about, worded by the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// Graph kept answering 429 "too many requests".
    Throttled,
    /// Graph answered with a server error or a timeout (5xx, 408).
    Unavailable,
    /// No answer came: the network failed or the request timed out.
    NoAnswer,
    /// An answer came but could not be read, or the `$batch` answer left the request out.
    Unreadable,
    /// Graph refused the request (a client error such as 403): asking again would not help.
    Refused,
}

impl FailureKind {
    /// Every kind, for checks that each one is worded.
    pub const ALL: [FailureKind; 5] = [
        FailureKind::Throttled,
        FailureKind::Unavailable,
        FailureKind::NoAnswer,
        FailureKind::Unreadable,
        FailureKind::Refused,
    ];
}

/// Why a request was given up on: the last failure's kind and status, and how many attempts were made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GaveUp {
    pub kind: FailureKind,
    /// The last answer's HTTP status, when there was one.
    pub status: Option<u16>,
    pub attempts: u32,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next {
    /// Send the request again after this many seconds.
    RetryIn(f64),
    /// Stop: the failure is not transient, or the attempts are used up.
    GiveUp(GaveUp),
}

/// How many times to ask, and how long to wait in between.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
    /// Wait after the first failure when Graph gives no `Retry-After`; doubled after each further failure.
    pub first_backoff_seconds: f64,
    /// The doubling stops here.
    pub max_backoff_seconds: f64,
    /// A `Retry-After` above this is cut down to it, so that one answer cannot stall a run for an hour.
    pub max_retry_after_seconds: f64,
}

impl RetryPolicy {
    /// A team run's lookups, and the waits and attempts of its creates. Six attempts with back-off 1, 2, 4, 8 and
    /// 16 s give an outage about half a minute before a person is given up on; Graph's throttling windows are
    /// seconds long, and the run sends nothing while it waits, so a person is rarely throttled more than once.
    pub const TEAM_RUN: RetryPolicy = RetryPolicy {
        max_attempts: 6,
        first_backoff_seconds: 1.0,
        max_backoff_seconds: 16.0,
        max_retry_after_seconds: 60.0,
    };

    /// The wait after `failures` failed attempts (1 for the first) when Graph did not say how long.
    pub fn backoff_seconds(&self, failures: u32) -> f64 {
        let doublings = failures.saturating_sub(1).min(30);
        let seconds = self.first_backoff_seconds * f64::from(1u32 << doublings);
        seconds.min(self.max_backoff_seconds).max(0.0)
    }

    /// The wait after `failures` failed attempts: Graph's `Retry-After` as given (up to
    /// [`RetryPolicy::max_retry_after_seconds`]), even when it is shorter than the back-off, since it is Graph's
    /// own estimate of when the request will go through; the back-off when Graph gave none.
    pub fn wait_seconds(&self, failures: u32, retry_after: Option<f64>) -> f64 {
        match retry_after {
            Some(seconds) => seconds.clamp(0.0, self.max_retry_after_seconds),
            None => self.backoff_seconds(failures),
        }
    }

    /// What to do after `attempts` attempts (1 or more), the last of which failed with `failure`.
    pub fn after(&self, attempts: u32, failure: &Failure) -> Next {
        if !failure.is_transient() || attempts >= self.max_attempts {
            return Next::GiveUp(GaveUp {
                kind: failure.kind(),
                status: failure.status_code(),
                attempts,
            });
        }
        Next::RetryIn(self.wait_seconds(attempts, failure.retry_after()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy = RetryPolicy::TEAM_RUN;

    #[test]
    fn network_unreadable_throttling_and_server_errors_are_transient() {
        for failure in [
            Failure::Network,
            Failure::Unreadable,
            Failure::NoResponse,
            Failure::status(429, Some("2")),
            Failure::status(408, None),
            Failure::status(500, None),
            Failure::status(502, None),
            Failure::status(503, Some("1.5")),
            Failure::status(504, None),
        ] {
            assert!(failure.is_transient(), "{failure:?}");
        }
    }

    #[test]
    fn client_errors_and_not_implemented_are_not_retried() {
        for status in [400, 401, 403, 404, 409, 501] {
            let failure = Failure::status(status, None);
            assert!(!failure.is_transient(), "{status}");
            assert_eq!(
                POLICY.after(1, &failure),
                Next::GiveUp(GaveUp {
                    kind: FailureKind::Refused,
                    status: Some(status),
                    attempts: 1
                })
            );
        }
    }

    #[test]
    fn retry_after_is_honoured_even_when_fractional_or_short() {
        assert_eq!(
            POLICY.after(1, &Failure::status(429, Some("2.128"))),
            Next::RetryIn(2.128)
        );
        assert_eq!(
            POLICY.after(4, &Failure::status(503, Some("0.2"))),
            Next::RetryIn(0.2)
        );
        assert_eq!(
            POLICY.after(1, &Failure::status(429, Some("3600"))),
            Next::RetryIn(60.0),
            "an hour is cut to the policy's limit"
        );
    }

    #[test]
    fn without_retry_after_the_wait_doubles_up_to_its_limit() {
        let waits: Vec<Next> = (1..=5)
            .map(|attempts| POLICY.after(attempts, &Failure::Network))
            .collect();
        assert_eq!(
            waits,
            [1.0, 2.0, 4.0, 8.0, 16.0].map(Next::RetryIn).to_vec()
        );
        assert_eq!(
            POLICY.after(2, &Failure::status(429, Some("soon"))),
            Next::RetryIn(2.0),
            "an unreadable Retry-After backs off"
        );
        assert_eq!(POLICY.backoff_seconds(40), 16.0);
    }

    #[test]
    fn the_last_attempt_gives_up_with_what_went_wrong() {
        assert_eq!(
            POLICY.after(6, &Failure::status(429, Some("1"))),
            Next::GiveUp(GaveUp {
                kind: FailureKind::Throttled,
                status: Some(429),
                attempts: 6
            })
        );
        let kinds = [
            (Failure::Network, FailureKind::NoAnswer, None),
            (Failure::Unreadable, FailureKind::Unreadable, None),
            (Failure::NoResponse, FailureKind::Unreadable, None),
            (
                Failure::status(503, None),
                FailureKind::Unavailable,
                Some(503),
            ),
        ];
        for (failure, kind, status) in kinds {
            assert_eq!(
                POLICY.after(6, &failure),
                Next::GiveUp(GaveUp {
                    kind,
                    status,
                    attempts: 6
                }),
                "{failure:?}"
            );
        }
    }

    #[test]
    fn a_lookup_given_up_is_skipped_with_what_went_wrong_never_created() {
        use crate::batch::{plan, BadgeWindow, Decision, KnownMethod, SkipReason, TeamMember};
        let now = chrono::Utc::now();
        let window = BadgeWindow {
            start: now,
            expire: now + chrono::Duration::days(30),
        };
        let Next::GiveUp(gave_up) = POLICY.after(6, &Failure::Unreadable) else {
            panic!("the sixth attempt gives up");
        };
        let member = TeamMember {
            id: "1".into(),
            upn: "adele@contoso.com".into(),
            display_name: "Adele".into(),
            method: KnownMethod::LookupFailed(gave_up),
        };
        let planned = plan(&[member], window, now).expect("a valid window");
        assert_eq!(
            planned[0].decision,
            Decision::Skip(SkipReason::LookupFailed(gave_up))
        );
    }
}
