//! The language menu: every language the organisation offers, each in its own name. Changing it re-words
//! the page in place (nothing typed is lost: the text is reactive, the page is not re-created).

use leptos::prelude::*;

use crate::config::PortalConfig;
use crate::locale::choice::remember;
use crate::locale::{t, use_i18n, Language};

#[component]
pub fn LanguageSwitcher(
    /// Keep the choice for the next visit (the portal); the kiosk, a shared screen, does not.
    remember_choice: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let offered = use_context::<PortalConfig>()
        .map(|config| config.languages.offered())
        .unwrap_or_default();
    let current = move || Language::of(i18n.get_locale());
    // Only a language the organisation offers can be chosen, whatever a tampered `<option>` says.
    let choosable = offered.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let tag = event_target_value(&ev);
        if let Some(language) = Language::from_tag(&tag).filter(|l| choosable.contains(l)) {
            crate::locale::loaded::show(i18n, language);
            if remember_choice {
                remember(language);
            }
        }
    };
    (offered.len() > 1).then(|| {
        view! {
            <label class="language-switcher">
                <span class="visually-hidden">{t!(i18n, common.language)}</span>
                <select on:change=on_change>
                    {offered
                        .into_iter()
                        .map(|language| {
                            view! {
                                <option
                                    value=language.tag()
                                    lang=language.tag()
                                    selected=move || current() == language
                                >
                                    {language.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    })
}
