//! Printing badges, apart from drawing them: the queue of codes just created (memory only), and the
//! pure layout of a sheet in page millimetres (which label holds which badge, the QR square, fitted
//! text, the 50 mm check ruler); which sheet a run starts on (`choice`); and what it all says in the
//! person's language (`words`). `components/badge_sheet.rs` only renders what `layout` computes.
//! PIN hand-out slips (`slips`) are a separate print run: no QR code on a slip, no PIN on a badge.

pub mod choice;
pub mod layout;
pub mod queue;
pub mod slips;
pub mod text;
pub mod words;
