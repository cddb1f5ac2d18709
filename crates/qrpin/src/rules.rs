//! Graph's rules for PINs and QR code lifetimes, checked locally so users get a precise message before sending.

mod pin;
mod window;

pub use pin::{check_pin, generate_pin, PinProblem, PIN_MAX_LEN, PIN_MIN_LEN};
pub use window::{
    check_standard_window, check_temporary_window, code_state, CodeState, WindowProblem,
    STANDARD_MAX_DAYS, STANDARD_MIN_DAYS, TEMPORARY_MAX_HOURS, TEMPORARY_MIN_HOURS,
};
