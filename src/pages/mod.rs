//! One module per route.

mod not_found;
mod overview;
mod welcome;

pub use not_found::NotFound;
pub use overview::Overview;
pub use welcome::Welcome;
