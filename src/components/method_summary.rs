//! The overview of one person's QR code + PIN method: badge code, temporary code and PIN.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use qrpin::model::QrCodePinMethod;

use super::Countdown;
use crate::format::{date_time, optional_date_time};
use crate::status::{
    summarize_pin, summarize_standard, summarize_temporary, Audience, CodeSummary,
};
use qrpin::rules::CodeState;

#[component]
pub fn MethodSummary(
    /// `None` when the person has no QR code + PIN method yet.
    method: Option<QrCodePinMethod>,
    now: DateTime<Utc>,
    /// An administrator reads about someone else, and gets no links to the self-service pages.
    #[prop(optional)]
    audience: Audience,
) -> impl IntoView {
    let mine = audience == Audience::Employee;
    let Some(method) = method else {
        // One empty state; only the employee gets the link, which would act on the reader's own account.
        let explanation = if mine {
            "You don't have a QR code + PIN sign-in method. With one, you sign in to shared phones and tablets at work by scanning your badge and typing your PIN."
        } else {
            "This person has no QR code + PIN sign-in method. Create one below: the badge QR code and a temporary PIN are shown once, for you to hand over."
        };
        return view! {
            <section class="card empty-state" aria-labelledby="no-method-title">
                <h2 id="no-method-title">"No QR code sign-in yet"</h2>
                <p>{explanation}</p>
                {mine
                    .then(|| {
                        view! {
                            <a class="button primary" href="/create">
                                "Set up QR code sign-in"
                            </a>
                        }
                    })}
            </section>
        }
        .into_any();
    };
    let standard = summarize_standard(method.standard_qr_code.as_ref(), now, audience);
    let temporary = summarize_temporary(method.temporary_qr_code.as_ref(), now, audience);
    let pin = summarize_pin(method.pin.as_ref(), audience);
    let must_change = pin.must_change && mine;
    view! {
        {must_change
            .then(|| {
                view! {
                    <p class="notice callout" role="note">
                        <strong>"Your PIN is temporary."</strong>
                        " Choose your own before you next sign in at work: "
                        <a href="/pin">"change your PIN now"</a>
                        "."
                    </p>
                }
            })}
        <div class="card-grid">
            <CodeCard title="Badge QR code" heading_id="standard-title" summary=standard />
            {match temporary {
                Some(summary) => {
                    view! {
                        <CodeCard
                            title="Temporary QR code"
                            heading_id="temporary-title"
                            summary
                            countdown=true
                        />
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <section class="card" aria-labelledby="temporary-title">
                            <h2 id="temporary-title">"Temporary QR code"</h2>
                            <p class="muted">
                                {if mine {
                                    "None. Forgot your badge? A temporary code works for up to 12 hours."
                                } else {
                                    "None. A temporary code works for up to 12 hours, for a forgotten badge."
                                }}
                            </p>
                        </section>
                    }
                        .into_any()
                }
            }}
            <section class="card" aria-labelledby="pin-title">
                <div class="card-head">
                    <h2 id="pin-title">"PIN"</h2>
                    <span class=format!("chip {}", pin.tone.class())>{pin.state_label}</span>
                </div>
                <p>{pin.advice}</p>
                <dl class="facts">
                    <dt>"Last changed"</dt>
                    <dd>{optional_date_time(pin.updated, "Not reported")}</dd>
                    <dt>"Last used to sign in"</dt>
                    <dd>{optional_date_time(method.last_used_date_time, "Never")}</dd>
                </dl>
            </section>
        </div>
    }
    .into_any()
}

#[component]
fn CodeCard(
    title: &'static str,
    heading_id: &'static str,
    summary: CodeSummary,
    /// Show the time left while the code is active (temporary codes).
    #[prop(optional)]
    countdown: bool,
) -> impl IntoView {
    let live_until = summary
        .expires
        .filter(|_| countdown && summary.state == Some(CodeState::Active));
    view! {
        <section class="card" aria-labelledby=heading_id>
            <div class="card-head">
                <h2 id=heading_id>{title}</h2>
                <span class=format!("chip {}", summary.tone.class())>{summary.state_label}</span>
            </div>
            <p>{summary.advice}</p>
            <dl class="facts">
                <dt>"Valid from"</dt>
                <dd>{optional_date_time(summary.starts, "Not set")}</dd>
                <dt>"Valid until"</dt>
                <dd>{optional_date_time(summary.expires, "Not set")}</dd>
                {live_until
                    .map(|until| {
                        view! {
                            <dt>"Time left"</dt>
                            <dd>
                                <Countdown until />
                            </dd>
                        }
                    })}
                <dt>"Last used"</dt>
                <dd>{summary.last_used.map(date_time).unwrap_or_else(|| "Never".into())}</dd>
            </dl>
        </section>
    }
}
