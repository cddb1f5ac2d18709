//! Graph's rules for PINs and QR code lifetimes, checked locally so users get a precise message before sending.

mod lifetime;
mod pin;
mod window;

pub use lifetime::{
    check_extension, check_lifetime, expiry_after, extension_range, parse_lifetime, ExtendProblem,
    ExtensionRange, LifetimeInputProblem, LifetimeUnit, DEFAULT_TEMPORARY_HOURS,
    TEMPORARY_HOUR_CHOICES,
};
pub use pin::{
    check_pin, generate_pin, normalize_current_pin, CurrentPinProblem, PinProblem, PIN_MAX_LEN,
    PIN_MIN_LEN,
};
pub use window::{
    check_standard_window, check_temporary_window, code_state, CodeState, WindowProblem,
    STANDARD_MAX_DAYS, STANDARD_MIN_DAYS, TEMPORARY_MAX_HOURS, TEMPORARY_MIN_HOURS,
};
