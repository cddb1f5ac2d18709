//! Kept only for the sign-out's storage clean-up until it stops naming feature keys.
pub(crate) use crate::commands::RESUME_KEY;
