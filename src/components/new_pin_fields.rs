//! The new PIN typed twice, with every rule shown live: used to change a PIN and to choose one
//! when setting up the method. Paste and password managers work (WCAG 3.3.8). Also the words for
//! qrpin's PIN reasons and the checklist's rules, in the chosen language.

use leptos::prelude::*;
use qrpin::rules::{PinProblem, PIN_MAX_LEN};

use crate::locale::{td_string, use_i18n, Locale};
use crate::pin_form::{NextStep, PinChecklist, PinRule};

/// What to do about a PIN qrpin refuses ("Use at least 8 digits.").
pub fn pin_problem_words(problem: PinProblem, locale: Locale) -> String {
    match problem {
        PinProblem::Empty => td_string!(locale, selfservice.pin_problem.empty).to_string(),
        PinProblem::NotDigits => td_string!(locale, selfservice.pin_problem.not_digits).to_string(),
        PinProblem::TooShort { min } => {
            td_string!(locale, selfservice.pin_problem.too_short, min = min).to_string()
        }
        PinProblem::TooLong { max } => {
            td_string!(locale, selfservice.pin_problem.too_long, max = max).to_string()
        }
        PinProblem::Sequence => td_string!(locale, selfservice.pin_problem.sequence).to_string(),
        PinProblem::RepeatedGroup => {
            td_string!(locale, selfservice.pin_problem.repeated_group).to_string()
        }
    }
}

/// The first thing still to fix, for the message next to the PIN fields.
pub fn next_step_words(step: NextStep, locale: Locale) -> String {
    match step {
        NextStep::Fix(problem) => pin_problem_words(problem, locale),
        NextStep::DifferentFromCurrent => {
            td_string!(locale, selfservice.pin_step.different).to_string()
        }
        NextStep::TypeSameTwice => td_string!(locale, selfservice.pin_step.same_twice).to_string(),
    }
}

/// One line of the checklist ("8 to 20 digits").
pub fn rule_words(rule: PinRule, min_len: usize, locale: Locale) -> String {
    match rule {
        PinRule::Length => td_string!(
            locale,
            selfservice.pin_rule.length,
            min = min_len,
            max = PIN_MAX_LEN
        )
        .to_string(),
        PinRule::Digits => td_string!(locale, selfservice.pin_rule.digits).to_string(),
        PinRule::NoSequence => td_string!(locale, selfservice.pin_rule.no_sequence).to_string(),
        PinRule::NoRepeatedGroup => {
            td_string!(locale, selfservice.pin_rule.no_repeated_group).to_string()
        }
        PinRule::DifferentFromCurrent => {
            td_string!(locale, selfservice.pin_rule.different).to_string()
        }
        PinRule::BothMatch => td_string!(locale, selfservice.pin_rule.both_match).to_string(),
    }
}

#[component]
pub fn NewPinFields(
    /// Label of the first field, e.g. "New PIN".
    #[prop(into)]
    label: Signal<String>,
    /// Label of the second field, e.g. "New PIN again".
    #[prop(into)]
    again_label: Signal<String>,
    /// Prefix for the fields' ids (several forms may exist in one page's history).
    id: &'static str,
    pin: RwSignal<String>,
    again: RwSignal<String>,
    #[prop(into)] checklist: Signal<PinChecklist>,
    /// A rule to leave out of the list, e.g. [`PinRule::DifferentFromCurrent`] when there is no
    /// current PIN.
    #[prop(optional)]
    hide: Option<PinRule>,
) -> impl IntoView {
    let i18n = use_i18n();
    let first_id = format!("{id}-pin");
    let again_id = format!("{id}-pin-again");
    let rules_id = format!("{id}-pin-rules");
    view! {
        <label for=first_id.clone()>{label}</label>
        <input
            id=first_id
            type="password"
            inputmode="numeric"
            autocomplete="new-password"
            prop:value=pin
            on:input:target=move |ev| pin.set(ev.target().value())
            aria-describedby=rules_id.clone()
        />
        <label for=again_id.clone()>{again_label}</label>
        <input
            id=again_id
            type="password"
            inputmode="numeric"
            autocomplete="new-password"
            prop:value=again
            on:input:target=move |ev| again.set(ev.target().value())
        />
        <ul
            id=rules_id
            class="checklist"
            aria-label=move || td_string!(i18n.get_locale(), selfservice.pin_rule.list)
        >
            // `try_get`: clearing the PINs after a successful set-up can re-run this once while the
            // form is being removed, after the prop's signal is gone; there is nothing to show then.
            {move || {
                let locale = i18n.get_locale();
                let Some(list) = checklist.try_get() else {
                    return Vec::new();
                };
                let min_len = list.min_len;
                list.checks
                    .into_iter()
                    .filter(|check| hide != Some(check.rule))
                    .map(|check| {
                        let state = if check.met {
                            td_string!(locale, selfservice.pin_rule.met)
                        } else {
                            td_string!(locale, selfservice.pin_rule.not_met)
                        };
                        view! {
                            <li class=if check.met { "met" } else { "unmet" }>
                                <span class="visually-hidden">{format!("{state} ")}</span>
                                {rule_words(check.rule, min_len, locale)}
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()
            }}
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::choice::ALL_LANGUAGES;

    #[test]
    fn every_pin_reason_and_rule_is_worded_in_every_language() {
        let problems = [
            PinProblem::Empty,
            PinProblem::NotDigits,
            PinProblem::TooShort { min: 10 },
            PinProblem::TooLong { max: 20 },
            PinProblem::Sequence,
            PinProblem::RepeatedGroup,
        ];
        for language in ALL_LANGUAGES {
            let locale = language.locale();
            for problem in problems {
                assert!(!pin_problem_words(problem, locale).is_empty());
            }
            for rule in PinRule::ALL {
                assert!(!rule_words(rule, 8, locale).is_empty());
            }
            assert!(pin_problem_words(PinProblem::TooShort { min: 10 }, locale).contains("10"));
            assert!(rule_words(PinRule::Length, 9, locale).contains("9"));
            assert!(rule_words(PinRule::Length, 9, locale).contains("20"));
        }
    }

    #[test]
    fn english_keeps_todays_words() {
        let english = Locale::en;
        assert_eq!(
            pin_problem_words(PinProblem::TooShort { min: 8 }, english),
            "Use at least 8 digits."
        );
        assert_eq!(
            pin_problem_words(PinProblem::TooLong { max: 20 }, english),
            "Use no more than 20 digits."
        );
        assert_eq!(rule_words(PinRule::Length, 10, english), "10 to 20 digits");
        assert_eq!(
            next_step_words(NextStep::TypeSameTwice, english),
            "Type the same new PIN in both fields."
        );
        assert_eq!(
            next_step_words(NextStep::DifferentFromCurrent, english),
            "Choose a PIN different from your current one."
        );
    }
}
