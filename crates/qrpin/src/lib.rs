//! Pure domain of Microsoft Entra QR code + PIN sign-in: the Graph API version and the method's paths, Graph
//! resource types, the PIN and lifetime rules, turning a QR payload into a module matrix and an SVG, badge sheet
//! geometry, and planning a team badge run through Graph `$batch`; the HTTP details both sides read alike
//! (`Retry-After`) and when a read is asked again (`retry`).
//!
//! No I/O and no browser APIs, so the same code runs in the wasm portal and in the native emulator.

pub mod api;
pub mod badge;
pub mod batch;
pub mod csv;
pub mod http;
pub mod ical;
pub mod model;
pub mod qr;
pub mod renewal;
pub mod retry;
pub mod rules;
