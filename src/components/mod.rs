//! Reusable view pieces. Pages compose these; none of them talks to Graph.

mod error_panel;
mod header;
mod method_summary;
mod qr_svg;

pub use error_panel::{ErrorList, ErrorPanel};
pub use header::AppHeader;
pub use method_summary::MethodSummary;
pub use qr_svg::QrSvg;
