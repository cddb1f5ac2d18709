//! Reusable view pieces. Pages compose these; none of them talks to Graph.

mod badge_sheet;
mod command_report;
mod confirm;
mod countdown;
mod created_code;
mod error_panel;
mod header;
mod hours_select;
mod language_switcher;
mod loading_boundary;
mod method_summary;
mod new_pin_fields;
mod one_time_pin;
mod pin_slips;
mod qr_svg;
mod reminder_download;
mod sign_in_notice;

pub use badge_sheet::{BadgeSheets, PrintProblem, SheetBadge};
pub use command_report::{extend_words, lifetime_words, CommandReport};
pub use confirm::ConfirmAction;
pub use countdown::{countdown_words, remaining_seconds, Countdown};
pub use created_code::{CreatedCode, CreatedMethod};
pub use error_panel::{
    error_words, retry_words, Alert, ErrorList, ErrorPanel, SignInAgain, SignInReason,
};
pub use header::AppHeader;
pub use hours_select::{hours_words, start_temporary, window_problem_words, HoursSelect};
pub use language_switcher::LanguageSwitcher;
pub use loading_boundary::LoadingBoundary;
pub use method_summary::MethodSummary;
pub use new_pin_fields::{next_step_words, pin_problem_words, rule_words, NewPinFields};
pub use one_time_pin::OneTimePin;
pub use pin_slips::PinSlipSheets;
pub use qr_svg::QrSvg;
pub use reminder_download::ReminderDownload;
pub use sign_in_notice::{sign_in_words, switched_words, SignInNotice};
