//! Where the employee stands, in words: pure functions from Graph's method to what the overview
//! says, so the advice for every state is unit-tested natively.

use chrono::{DateTime, Utc};
use qrpin::model::{QrCode, QrCodePinMethod, QrPin};
use qrpin::rules::{code_state, CodeState};

/// Who reads the advice: the person themselves ("your badge"), or an administrator acting for them
/// ("their badge"), who must never be sent to the self-service pages, which act on their own account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Audience {
    #[default]
    Employee,
    Administrator,
}

/// A standard code this close to expiry gets a warning.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warning,
    Bad,
    Neutral,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Good => "tone-good",
            Tone::Warning => "tone-warning",
            Tone::Bad => "tone-bad",
            Tone::Neutral => "tone-neutral",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodeSummary {
    /// `None` when there is no code.
    pub state: Option<CodeState>,
    pub state_label: &'static str,
    pub tone: Tone,
    pub advice: String,
    pub starts: Option<DateTime<Utc>>,
    pub expires: Option<DateTime<Utc>>,
    pub last_used: Option<DateTime<Utc>>,
}

fn whole_days(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    (to - from).num_days()
}

pub fn summarize_standard(
    code: Option<&QrCode>,
    now: DateTime<Utc>,
    audience: Audience,
) -> CodeSummary {
    let mine = audience == Audience::Employee;
    let Some(code) = code else {
        return CodeSummary {
            state: None,
            state_label: "No badge code",
            tone: Tone::Bad,
            advice: if mine {
                "You have no active badge QR code. Create a new one to print a badge."
            } else {
                "This person has no active badge QR code. Issue a new badge to print one."
            }
            .into(),
            starts: None,
            expires: None,
            last_used: None,
        };
    };
    let state = code_state(code, now);
    let (state_label, tone, advice) = match state {
        CodeState::Active => {
            let days = code
                .expire_date_time
                .map(|e| whole_days(now, e))
                .unwrap_or(i64::MAX);
            if days < EXPIRY_WARNING_DAYS {
                (
                    "Expires soon",
                    Tone::Warning,
                    if mine {
                        format!(
                            "Your badge stops working in {}. Extend it or ask for a new badge before then.",
                            plural_days(days)
                        )
                    } else {
                        format!(
                            "Their badge stops working in {}. Issue a new badge before then.",
                            plural_days(days)
                        )
                    },
                )
            } else {
                (
                    "Active",
                    Tone::Good,
                    if mine {
                        format!("Your badge works for another {}.", plural_days(days))
                    } else {
                        format!("Their badge works for another {}.", plural_days(days))
                    },
                )
            }
        }
        CodeState::NotYetValid => (
            "Not yet valid",
            Tone::Neutral,
            if mine {
                "Your badge is ready but only starts working on its start date."
            } else {
                "Their badge is ready but only starts working on its start date."
            }
            .into(),
        ),
        CodeState::Expired => (
            "Expired",
            Tone::Bad,
            if mine {
                "Your badge has expired and no longer signs you in. Replace it to get a new one."
            } else {
                "Their badge has expired and no longer signs them in. Issue a new badge."
            }
            .into(),
        ),
        CodeState::Unknown => (
            "Unknown",
            Tone::Neutral,
            "Microsoft Graph did not say when this code is valid.".into(),
        ),
    };
    CodeSummary {
        state: Some(state),
        state_label,
        tone,
        advice,
        starts: code.start_date_time,
        expires: code.expire_date_time,
        last_used: code.last_used_date_time,
    }
}

pub fn summarize_temporary(
    code: Option<&QrCode>,
    now: DateTime<Utc>,
    audience: Audience,
) -> Option<CodeSummary> {
    let code = code?;
    let state = code_state(code, now);
    let (state_label, tone, advice) = match state {
        CodeState::Active => (
            "Active",
            Tone::Good,
            if audience == Audience::Employee {
                "A temporary code is active for a forgotten badge. Revoke it as soon as you have your badge back."
            } else {
                "A temporary code is active for a forgotten badge. Revoke it when they have their badge back."
            }
            .to_string(),
        ),
        CodeState::NotYetValid => (
            "Not yet valid",
            Tone::Neutral,
            "A temporary code will start working soon.".to_string(),
        ),
        CodeState::Expired => (
            "Expired",
            Tone::Neutral,
            "An old temporary code has expired. You can remove it.".to_string(),
        ),
        CodeState::Unknown => ("Unknown", Tone::Neutral, String::new()),
    };
    Some(CodeSummary {
        state: Some(state),
        state_label,
        tone,
        advice,
        starts: code.start_date_time,
        expires: code.expire_date_time,
        last_used: code.last_used_date_time,
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct PinSummary {
    pub state_label: &'static str,
    pub tone: Tone,
    pub advice: &'static str,
    pub must_change: bool,
    pub updated: Option<DateTime<Utc>>,
}

pub fn summarize_pin(pin: Option<&QrPin>, audience: Audience) -> PinSummary {
    let mine = audience == Audience::Employee;
    match pin {
        Some(pin) if pin.force_change_pin_next_sign_in => PinSummary {
            state_label: "Temporary PIN",
            tone: Tone::Warning,
            advice: if mine {
                "Your PIN was set by an administrator. Change it to one only you know."
            } else {
                "Their PIN is temporary: they must change it at their next sign-in."
            },
            must_change: true,
            updated: pin.updated_date_time,
        },
        Some(pin) => PinSummary {
            state_label: if mine { "Set by you" } else { "Set by them" },
            tone: Tone::Good,
            advice: if mine {
                "You chose this PIN. Never write it on your badge."
            } else {
                "They chose this PIN. Reset it only if they forgot it."
            },
            must_change: false,
            updated: pin.updated_date_time,
        },
        None => PinSummary {
            state_label: "No PIN",
            tone: Tone::Bad,
            advice: if mine {
                "No PIN is set. Ask an administrator to reset it."
            } else {
                "No PIN is set. Reset it to give them a temporary one."
            },
            must_change: false,
            updated: None,
        },
    }
}

/// The method's last successful sign-in, if Graph reported one.
pub fn last_used(method: &QrCodePinMethod) -> Option<DateTime<Utc>> {
    method.last_used_date_time
}

fn plural_days(days: i64) -> String {
    match days {
        0 => "less than a day".into(),
        1 => "1 day".into(),
        n => format!("{n} days"),
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
