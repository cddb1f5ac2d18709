//! The overview of one person's QR code + PIN method: badge code, temporary code and PIN.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use qrpin::model::{QrCode, QrCodePinMethod};

use super::{Countdown, ReminderDownload};
use crate::locale::{intl, t, t_string, use_i18n, Language, Locale, Plural};
use crate::status::{
    summarize_pin, summarize_standard, summarize_temporary, Advice, Audience, CodeLabel,
    CodeSummary, Days, PinState, PinSummary,
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
    let i18n = use_i18n();
    let mine = audience == Audience::Employee;
    let Some(method) = method else {
        // One empty state; only the employee gets the link, which would act on the reader's own account.
        return view! {
            <section class="card empty-state" aria-labelledby="no-method-title">
                <h2 id="no-method-title">{t!(i18n, status.no_method.title)}</h2>
                <p>
                    {move || {
                        if mine {
                            t_string!(i18n, status.no_method.mine)
                        } else {
                            t_string!(i18n, status.no_method.theirs)
                        }
                    }}
                </p>
                {mine
                    .then(|| {
                        view! {
                            <a class="button primary" href="/create">
                                {t!(i18n, status.no_method.set_up)}
                            </a>
                        }
                    })}
            </section>
        }
        .into_any();
    };
    let standard = summarize_standard(method.standard_qr_code.as_ref(), now, audience);
    // The calendar reminder is the employee's own: an administrator's view of someone else offers none.
    let reminder = method.standard_qr_code.clone().filter(|_| mine);
    let temporary = summarize_temporary(method.temporary_qr_code.as_ref(), now, audience);
    let pin = summarize_pin(method.pin.as_ref(), audience);
    let must_change = pin.must_change && mine;
    let last_signed_in = method.last_used_date_time;
    let pin_updated = pin.updated;
    let pin_tone = pin.tone;
    view! {
        {must_change
            .then(|| {
                view! {
                    <p class="notice callout" role="note">
                        {t!(
                            i18n,
                            status.pin.must_change,
                            <b> = <strong />,
                            <link> = |children: ChildrenFn| view! { <a href="/pin">{children()}</a> }
                        )}
                    </p>
                }
            })}
        <div class="card-grid">
            <CodeCard
                kind=CardKind::Badge
                heading_id="standard-title"
                summary=standard
                reminder
                now
            />
            {match temporary {
                Some(summary) => {
                    view! {
                        <CodeCard
                            kind=CardKind::Temporary
                            heading_id="temporary-title"
                            summary
                            countdown=true
                            now
                        />
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <section class="card" aria-labelledby="temporary-title">
                            <h2 id="temporary-title">{t!(i18n, status.card.temporary_title)}</h2>
                            <p class="muted">
                                {move || {
                                    if mine {
                                        t_string!(i18n, status.card.no_temporary_mine)
                                    } else {
                                        t_string!(i18n, status.card.no_temporary_theirs)
                                    }
                                }}
                            </p>
                        </section>
                    }
                        .into_any()
                }
            }}
            <section class="card" aria-labelledby="pin-title">
                <div class="card-head">
                    <h2 id="pin-title">{t!(i18n, status.pin.title)}</h2>
                    <span class=format!(
                        "chip {}",
                        pin_tone.class(),
                    )>{move || pin_label(i18n, &pin)}</span>
                </div>
                <p>{move || pin_advice(i18n, pin.state, pin.audience)}</p>
                <dl class="facts">
                    <dt>{t!(i18n, status.pin.last_changed)}</dt>
                    <dd>
                        {move || when(
                            i18n,
                            pin_updated,
                            |i18n| t_string!(i18n, status.card.not_reported),
                        )}
                    </dd>
                    <dt>{t!(i18n, status.pin.last_used_to_sign_in)}</dt>
                    <dd>
                        {move || when(
                            i18n,
                            last_signed_in,
                            |i18n| t_string!(i18n, status.card.never),
                        )}
                    </dd>
                </dl>
            </section>
        </div>
    }
    .into_any()
}

/// Which code a card shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CardKind {
    Badge,
    Temporary,
}

#[component]
fn CodeCard(
    kind: CardKind,
    heading_id: &'static str,
    summary: CodeSummary,
    /// Show the time left while the code is active (temporary codes).
    #[prop(optional)]
    countdown: bool,
    /// The badge code whose expiry the person may add to their calendar.
    #[prop(optional_no_strip)]
    reminder: Option<QrCode>,
    now: DateTime<Utc>,
) -> impl IntoView {
    let i18n = use_i18n();
    let live_until = summary
        .expires
        .filter(|_| countdown && summary.state == Some(CodeState::Active));
    let CodeSummary {
        label,
        tone,
        advice,
        starts,
        expires,
        last_used,
        ..
    } = summary;
    view! {
        <section class="card" aria-labelledby=heading_id>
            <div class="card-head">
                <h2 id=heading_id>
                    {move || match kind {
                        CardKind::Badge => t_string!(i18n, status.card.badge_title),
                        CardKind::Temporary => t_string!(i18n, status.card.temporary_title),
                    }}
                </h2>
                <span class=format!(
                    "chip {}",
                    tone.class(),
                )>{move || label_words(i18n, label)}</span>
            </div>
            <p>{move || advice_words(i18n, advice)}</p>
            <dl class="facts">
                <dt>{t!(i18n, status.card.valid_from)}</dt>
                <dd>{move || when(i18n, starts, |i18n| t_string!(i18n, status.card.not_set))}</dd>
                <dt>{t!(i18n, status.card.valid_until)}</dt>
                <dd>{move || when(i18n, expires, |i18n| t_string!(i18n, status.card.not_set))}</dd>
                {live_until
                    .map(|until| {
                        view! {
                            <dt>{t!(i18n, status.card.time_left)}</dt>
                            <dd>
                                <Countdown until />
                            </dd>
                        }
                    })}
                <dt>{t!(i18n, status.card.last_used)}</dt>
                <dd>{move || when(i18n, last_used, |i18n| t_string!(i18n, status.card.never))}</dd>
            </dl>
            {reminder.map(|code| view! { <ReminderDownload code now /> })}
        </section>
    }
}

/// A date and time in the chosen language, or the words for its absence.
fn when(
    i18n: I18nContext<Locale>,
    value: Option<DateTime<Utc>>,
    missing: fn(I18nContext<Locale>) -> &'static str,
) -> String {
    match value {
        Some(value) => intl::date_time(value, Language::of(i18n.get_locale())),
        None => missing(i18n).to_string(),
    }
}

/// "less than a day", "1 day", "200 days".
pub fn days_words(i18n: I18nContext<Locale>, Days(days): Days) -> String {
    let language = Language::of(i18n.get_locale());
    if days <= 0 {
        return t_string!(i18n, status.less_than_a_day).to_string();
    }
    let count = intl::number(days, language);
    match intl::plural(days, language) {
        Plural::One => t_string!(i18n, status.days.one, count = count).to_string(),
        Plural::Other => t_string!(i18n, status.days.other, count = count).to_string(),
    }
}

/// The chip of a code's card.
pub fn label_words(i18n: I18nContext<Locale>, label: CodeLabel) -> &'static str {
    match label {
        CodeLabel::NoCode => t_string!(i18n, status.label.no_code),
        CodeLabel::Active => t_string!(i18n, status.label.active),
        CodeLabel::ExpiresSoon => t_string!(i18n, status.label.expires_soon),
        CodeLabel::NotYetValid => t_string!(i18n, status.label.not_yet_valid),
        CodeLabel::Expired => t_string!(i18n, status.label.expired),
        CodeLabel::Unknown => t_string!(i18n, status.label.unknown),
    }
}

/// A code card's advice, for its reader.
pub fn advice_words(i18n: I18nContext<Locale>, advice: Advice) -> String {
    use Audience::{Administrator as Theirs, Employee as Mine};
    let text = match advice {
        Advice::NoCode(Mine) => t_string!(i18n, status.advice.no_code_mine),
        Advice::NoCode(Theirs) => t_string!(i18n, status.advice.no_code_theirs),
        Advice::ExpiresSoon(days, Mine) => {
            let days = days_words(i18n, days);
            return t_string!(i18n, status.advice.expires_soon_mine, days = days).to_string();
        }
        Advice::ExpiresSoon(days, Theirs) => {
            let days = days_words(i18n, days);
            return t_string!(i18n, status.advice.expires_soon_theirs, days = days).to_string();
        }
        Advice::WorksFor(days, Mine) => {
            let days = days_words(i18n, days);
            return t_string!(i18n, status.advice.works_for_mine, days = days).to_string();
        }
        Advice::WorksFor(days, Theirs) => {
            let days = days_words(i18n, days);
            return t_string!(i18n, status.advice.works_for_theirs, days = days).to_string();
        }
        Advice::NotYetValid(Mine) => t_string!(i18n, status.advice.not_yet_valid_mine),
        Advice::NotYetValid(Theirs) => t_string!(i18n, status.advice.not_yet_valid_theirs),
        Advice::Expired(Mine) => t_string!(i18n, status.advice.expired_mine),
        Advice::Expired(Theirs) => t_string!(i18n, status.advice.expired_theirs),
        Advice::DatesUnknown => t_string!(i18n, status.advice.dates_unknown),
        Advice::TemporaryActive(Mine) => t_string!(i18n, status.advice.temporary_active_mine),
        Advice::TemporaryActive(Theirs) => t_string!(i18n, status.advice.temporary_active_theirs),
        Advice::TemporaryNotYetValid => t_string!(i18n, status.advice.temporary_not_yet_valid),
        Advice::TemporaryExpired => t_string!(i18n, status.advice.temporary_expired),
        Advice::Nothing => "",
    };
    text.to_string()
}

/// The PIN card's chip.
pub fn pin_label(i18n: I18nContext<Locale>, pin: &PinSummary) -> &'static str {
    match (pin.state, pin.audience) {
        (PinState::Temporary, _) => t_string!(i18n, status.pin.temporary),
        (PinState::Chosen, Audience::Employee) => t_string!(i18n, status.pin.set_by_you),
        (PinState::Chosen, Audience::Administrator) => t_string!(i18n, status.pin.set_by_them),
        (PinState::Missing, _) => t_string!(i18n, status.pin.missing),
    }
}

/// The PIN card's advice, for its reader.
pub fn pin_advice(i18n: I18nContext<Locale>, state: PinState, audience: Audience) -> &'static str {
    match (state, audience) {
        (PinState::Temporary, Audience::Employee) => t_string!(i18n, status.pin.temporary_mine),
        (PinState::Temporary, Audience::Administrator) => {
            t_string!(i18n, status.pin.temporary_theirs)
        }
        (PinState::Chosen, Audience::Employee) => t_string!(i18n, status.pin.chosen_mine),
        (PinState::Chosen, Audience::Administrator) => t_string!(i18n, status.pin.chosen_theirs),
        (PinState::Missing, Audience::Employee) => t_string!(i18n, status.pin.missing_mine),
        (PinState::Missing, Audience::Administrator) => t_string!(i18n, status.pin.missing_theirs),
    }
}
