//! Printing badges, apart from drawing them: the queue of codes just created (memory only), and the
//! pure layout of a sheet in page millimetres (which label holds which badge, the QR square, fitted
//! text, the 50 mm check ruler). `components/badge_sheet.rs` only renders what `layout` computes.

pub mod layout;
pub mod queue;
pub mod text;
