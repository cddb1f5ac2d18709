//! Salted PIN hashes. SHA-256 is enough for an emulator: the point is not to keep PINs in the clear in a
//! state file, not to resist offline attacks.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::model::PinRecord;
use crate::ids;

pub fn hash_pin(salt: &str, pin: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(b":");
    hasher.update(pin.as_bytes());
    STANDARD.encode(hasher.finalize())
}

pub fn new_salt() -> String {
    ids::opaque_token(12)
}

pub fn pin_matches(record: &PinRecord, candidate: &str) -> bool {
    // Constant-time comparison is not needed here; equality of the two digests is.
    hash_pin(&record.salt, candidate) == record.hash
}
