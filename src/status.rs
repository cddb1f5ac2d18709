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

/// The chip on a code's card. The standard code reads `ExpiresSoon` instead of `Active` inside
/// [`EXPIRY_WARNING_DAYS`]; `state` keeps Graph's own state for logic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeLabel {
    NoCode,
    Active,
    ExpiresSoon,
    NotYetValid,
    Expired,
    Unknown,
}

impl From<CodeState> for CodeLabel {
    fn from(state: CodeState) -> Self {
        match state {
            CodeState::Active => CodeLabel::Active,
            CodeState::NotYetValid => CodeLabel::NotYetValid,
            CodeState::Expired => CodeLabel::Expired,
            CodeState::Unknown => CodeLabel::Unknown,
        }
    }
}

/// How long something still works, in whole days (0 reads "less than a day").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days(pub i64);

/// What the card advises, with what the words need; the view words it for the reader's `Audience`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// No standard code.
    NoCode(Audience),
    /// The standard code stops working within [`EXPIRY_WARNING_DAYS`].
    ExpiresSoon(Days, Audience),
    /// The standard code works for this long still.
    WorksFor(Days, Audience),
    /// The standard code only starts working on its start date.
    NotYetValid(Audience),
    /// The standard code has expired.
    Expired(Audience),
    /// Graph did not say when the code is valid.
    DatesUnknown,
    /// A temporary code is active.
    TemporaryActive(Audience),
    /// A temporary code starts working soon.
    TemporaryNotYetValid,
    /// An old temporary code has expired.
    TemporaryExpired,
    /// Nothing to add.
    Nothing,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CodeSummary {
    /// `None` when there is no code.
    pub state: Option<CodeState>,
    pub label: CodeLabel,
    pub tone: Tone,
    pub advice: Advice,
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
    let Some(code) = code else {
        return CodeSummary {
            state: None,
            label: CodeLabel::NoCode,
            tone: Tone::Bad,
            advice: Advice::NoCode(audience),
            starts: None,
            expires: None,
            last_used: None,
        };
    };
    let state = code_state(code, now);
    let (label, tone, advice) = match state {
        CodeState::Active => {
            let days = code
                .expire_date_time
                .map(|e| whole_days(now, e))
                .unwrap_or(i64::MAX);
            if days < EXPIRY_WARNING_DAYS {
                (
                    CodeLabel::ExpiresSoon,
                    Tone::Warning,
                    Advice::ExpiresSoon(Days(days), audience),
                )
            } else {
                (
                    CodeLabel::Active,
                    Tone::Good,
                    Advice::WorksFor(Days(days), audience),
                )
            }
        }
        CodeState::NotYetValid => (
            CodeLabel::NotYetValid,
            Tone::Neutral,
            Advice::NotYetValid(audience),
        ),
        CodeState::Expired => (CodeLabel::Expired, Tone::Bad, Advice::Expired(audience)),
        CodeState::Unknown => (CodeLabel::Unknown, Tone::Neutral, Advice::DatesUnknown),
    };
    CodeSummary {
        state: Some(state),
        label,
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
    let (tone, advice) = match state {
        CodeState::Active => (Tone::Good, Advice::TemporaryActive(audience)),
        CodeState::NotYetValid => (Tone::Neutral, Advice::TemporaryNotYetValid),
        CodeState::Expired => (Tone::Neutral, Advice::TemporaryExpired),
        CodeState::Unknown => (Tone::Neutral, Advice::Nothing),
    };
    Some(CodeSummary {
        state: Some(state),
        label: state.into(),
        tone,
        advice,
        starts: code.start_date_time,
        expires: code.expire_date_time,
        last_used: code.last_used_date_time,
    })
}

/// Where the PIN stands: the view words its chip and advice for the reader's `Audience`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinState {
    /// Set by an administrator: it must be changed at the next sign-in.
    Temporary,
    /// Chosen by its owner.
    Chosen,
    /// No PIN.
    Missing,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PinSummary {
    pub state: PinState,
    pub audience: Audience,
    pub tone: Tone,
    pub must_change: bool,
    pub updated: Option<DateTime<Utc>>,
}

pub fn summarize_pin(pin: Option<&QrPin>, audience: Audience) -> PinSummary {
    let (state, tone, updated) = match pin {
        Some(pin) if pin.force_change_pin_next_sign_in => {
            (PinState::Temporary, Tone::Warning, pin.updated_date_time)
        }
        Some(pin) => (PinState::Chosen, Tone::Good, pin.updated_date_time),
        None => (PinState::Missing, Tone::Bad, None),
    };
    PinSummary {
        state,
        audience,
        tone,
        must_change: state == PinState::Temporary,
        updated,
    }
}

/// The method's last successful sign-in, if Graph reported one.
pub fn last_used(method: &QrCodePinMethod) -> Option<DateTime<Utc>> {
    method.last_used_date_time
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
