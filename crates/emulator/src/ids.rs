//! Random identifiers: GUIDs for directory objects and request ids, opaque tokens, nonces.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

/// A lower-case GUID, the form Graph uses for ids it generates.
pub fn new_guid() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
}

/// An unguessable opaque string (authorization codes, refresh tokens, session cookies).
pub fn opaque_token(entropy_bytes: usize) -> String {
    URL_SAFE_NO_PAD.encode(random_bytes(entropy_bytes))
}
