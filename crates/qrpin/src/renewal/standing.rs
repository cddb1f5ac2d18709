//! Where a person's badge stands, and the order of urgency.

/// Where a person's badge stands, with the numbers a view shows. Days are whole days, rounded down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// The badge expired this many whole days ago (0: within the last 24 hours).
    Expired { days_ago: i64 },
    /// The method has no standard code (deleted, or only a temporary code).
    NoBadgeCode,
    /// The badge expires within N days; `days_left` 0 means within the next 24 hours.
    ExpiresSoon { days_left: i64 },
    /// Graph did not report when the badge expires (missing or unreadable).
    DatesUnknown,
    /// The lookup failed: nothing is known.
    LookupFailed,
    /// Valid, but never used to sign in, and its start is `days_since_start` (at least M) days ago.
    NeverUsed { days_since_start: i64 },
    /// No QR code + PIN method.
    NoMethod,
    /// Nothing to do.
    Fine,
}

/// The standings without their numbers, in order of urgency (most urgent first), for filters and for checks that
/// each one is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StandingKind {
    Expired,
    NoBadgeCode,
    ExpiresSoon,
    DatesUnknown,
    LookupFailed,
    NeverUsed,
    NoMethod,
    Fine,
}

impl StandingKind {
    /// Every kind, most urgent first.
    pub const ALL: [StandingKind; 8] = [
        StandingKind::Expired,
        StandingKind::NoBadgeCode,
        StandingKind::ExpiresSoon,
        StandingKind::DatesUnknown,
        StandingKind::LookupFailed,
        StandingKind::NeverUsed,
        StandingKind::NoMethod,
        StandingKind::Fine,
    ];
}

impl Standing {
    pub fn kind(&self) -> StandingKind {
        match self {
            Standing::Expired { .. } => StandingKind::Expired,
            Standing::NoBadgeCode => StandingKind::NoBadgeCode,
            Standing::ExpiresSoon { .. } => StandingKind::ExpiresSoon,
            Standing::DatesUnknown => StandingKind::DatesUnknown,
            Standing::LookupFailed => StandingKind::LookupFailed,
            Standing::NeverUsed { .. } => StandingKind::NeverUsed,
            Standing::NoMethod => StandingKind::NoMethod,
            Standing::Fine => StandingKind::Fine,
        }
    }
}
