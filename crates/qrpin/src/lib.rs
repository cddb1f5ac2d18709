//! Pure domain of Microsoft Entra QR code + PIN sign-in: Graph resource types, the PIN and lifetime rules, and
//! turning a QR payload into a module matrix and an SVG.
//!
//! No I/O and no browser APIs, so the same code runs in the wasm portal and in the native emulator.

pub mod model;
pub mod qr;
pub mod rules;
