//! Badges waiting to be printed. A QR image exists only in the answer that created it, so the
//! queue lives in memory only and is filled right after creation (one badge or a team's sheet).

use leptos::prelude::*;
use qrpin::model::QrCode;

#[derive(Clone, Debug, PartialEq)]
pub struct BadgeToPrint {
    /// Display name printed on the badge.
    pub holder: String,
    /// User principal name printed under the name.
    pub upn: String,
    /// The code as Graph created it, with `image`.
    pub code: QrCode,
    pub temporary: bool,
}

/// Provided by the portal as context; never persisted.
#[derive(Clone, Copy)]
pub struct PrintQueue(pub RwSignal<Vec<BadgeToPrint>>);

impl PrintQueue {
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    /// Replaces what is queued: a sheet prints the codes just created, nothing older.
    pub fn set(&self, badges: Vec<BadgeToPrint>) {
        self.0.set(badges);
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }
}

impl Default for PrintQueue {
    fn default() -> Self {
        Self::new()
    }
}
