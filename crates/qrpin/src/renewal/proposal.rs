//! What a renewal proposes for one person.

use chrono::{DateTime, Utc};

use crate::batch::{BadgeWindow, CreateVia, Decision};
use crate::rules::ExtensionRange;

/// Why a badge is replaced rather than extended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplaceReason {
    /// The badge expired: Graph keeps its start, so its window is spent.
    Expired,
    /// The method has no badge code.
    NoBadgeCode,
    /// The badge already expires at, or less than a day before, the latest moment its start allows.
    AtLatest,
    /// The badge's start or expiry is unknown, so no extension can be checked.
    DatesUnknown,
}

impl ReplaceReason {
    /// Every reason, for checks that each one is worded.
    pub const ALL: [ReplaceReason; 4] = [
        ReplaceReason::Expired,
        ReplaceReason::NoBadgeCode,
        ReplaceReason::AtLatest,
        ReplaceReason::DatesUnknown,
    ];

    /// Whether the current code must be deleted before the new one is made. A PATCH with a start creates a code
    /// only where no valid one exists (as in the team run); a code that may still be valid is deleted first, as the
    /// single-person "replace badge" does. A delete that finds nothing is done (the 404 rule).
    pub fn deletes_current_code(self) -> bool {
        matches!(self, ReplaceReason::AtLatest | ReplaceReason::DatesUnknown)
    }
}

/// An extension: how far the badge can go, and the date proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension {
    /// `range.current` is today's expiry, `range.latest` the bound (start + 395 days).
    pub range: ExtensionRange,
    /// The new expiry to send, within `range`.
    pub proposed: DateTime<Utc>,
}

/// The action proposed for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// `PATCH …/standardQRCode` with `expireDateTime` = `proposed`; the card keeps working.
    Extend(Extension),
    /// A new standard code over `window`; the method and its PIN stay; the card must be printed again.
    Replace {
        reason: ReplaceReason,
        window: BadgeWindow,
    },
    /// A new method with a badge code over `window`; Entra generates a PIN.
    Create { window: BadgeWindow },
}

/// The proposals without their details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalKind {
    Extend,
    Replace,
    Create,
}

impl ProposalKind {
    /// Every kind, for checks that each one is worded.
    pub const ALL: [ProposalKind; 3] = [
        ProposalKind::Extend,
        ProposalKind::Replace,
        ProposalKind::Create,
    ];
}

impl Proposal {
    pub fn kind(&self) -> ProposalKind {
        match self {
            Proposal::Extend(_) => ProposalKind::Extend,
            Proposal::Replace { .. } => ProposalKind::Replace,
            Proposal::Create { .. } => ProposalKind::Create,
        }
    }

    /// The run's decision that carries the proposal out, through the team run's `$batch` requests: an extension is
    /// [`Decision::Extend`]; a replacement is [`CreateVia::ReplaceStandardCode`], deleting first when
    /// [`ReplaceReason::deletes_current_code`]; a new method is [`CreateVia::PutMethod`].
    pub fn decision(&self) -> Decision {
        match *self {
            Proposal::Extend(extension) => Decision::Extend {
                expire: extension.proposed,
            },
            Proposal::Replace { reason, window } => Decision::Create {
                via: CreateVia::ReplaceStandardCode {
                    delete_first: reason.deletes_current_code(),
                },
                window,
            },
            Proposal::Create { window } => Decision::Create {
                via: CreateVia::PutMethod,
                window,
            },
        }
    }
}
