//! Which language a person reads: their own earlier choice (kept in localStorage, not a secret), else the
//! first of the browser's languages the organisation offers (`es-MX` → Spanish), else the organisation's
//! default. Pure, so the rules are unit-tested natively; the browser calls are in `remembered` / `remember`
//! and `browser_languages`.

use serde::Deserialize;

use super::Locale;

/// The languages qrbadge is translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum Language {
    #[serde(rename = "en")]
    English,
    #[serde(rename = "es")]
    Spanish,
    #[serde(rename = "fr")]
    French,
    #[serde(rename = "de")]
    German,
}

pub const ALL_LANGUAGES: [Language; 4] = [
    Language::English,
    Language::Spanish,
    Language::French,
    Language::German,
];

/// localStorage key of the person's own choice (not a secret, and kept across sign-out on purpose).
const STORAGE_KEY: &str = "qrbadge.language";

impl Language {
    /// The BCP 47 tag, for `<html lang>`, `Intl` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
            Language::French => "fr",
            Language::German => "de",
        }
    }

    /// The language's own name, shown in the switcher whatever the current language is (a Spanish speaker
    /// looks for "Español", not "Spanish").
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Spanish => "Español",
            Language::French => "Français",
            Language::German => "Deutsch",
        }
    }

    /// `es`, `es-MX`, `ES_mx`… → Spanish; `None` for a language qrbadge is not translated into.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        ALL_LANGUAGES.into_iter().find(|l| l.tag() == primary)
    }

    pub fn locale(self) -> Locale {
        match self {
            Language::English => Locale::en,
            Language::Spanish => Locale::es,
            Language::French => Locale::fr,
            Language::German => Locale::de,
        }
    }

    pub fn of(locale: Locale) -> Language {
        match locale {
            Locale::en => Language::English,
            Locale::es => Language::Spanish,
            Locale::fr => Language::French,
            Locale::de => Language::German,
        }
    }
}

/// `config.json`'s `languages`: which languages the organisation offers and which one people get when
/// their browser asks for none of them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageSettings {
    #[serde(default = "all_languages")]
    pub offered: Vec<Language>,
    #[serde(default)]
    pub default: Option<Language>,
}

fn all_languages() -> Vec<Language> {
    ALL_LANGUAGES.to_vec()
}

impl Default for LanguageSettings {
    fn default() -> Self {
        Self {
            offered: all_languages(),
            default: None,
        }
    }
}

impl LanguageSettings {
    /// The offered languages in qrbadge's order, never empty (an empty list in `config.json` offers all).
    pub fn offered(&self) -> Vec<Language> {
        let offered: Vec<Language> = ALL_LANGUAGES
            .into_iter()
            .filter(|l| self.offered.contains(l))
            .collect();
        if offered.is_empty() {
            all_languages()
        } else {
            offered
        }
    }

    /// The organisation's default: the configured one when it is offered, else the first offered.
    pub fn default_language(&self) -> Language {
        let offered = self.offered();
        self.default
            .filter(|l| offered.contains(l))
            .or_else(|| {
                offered
                    .contains(&Language::English)
                    .then_some(Language::English)
            })
            .unwrap_or(offered[0])
    }

    /// The language for a person: their remembered choice if still offered, else the first browser
    /// language that is offered, else the default.
    pub fn choose(&self, remembered: Option<&str>, browser: &[String]) -> Language {
        let offered = self.offered();
        let is_offered = |l: &Language| offered.contains(l);
        remembered
            .and_then(Language::from_tag)
            .filter(is_offered)
            .or_else(|| {
                browser
                    .iter()
                    .filter_map(|tag| Language::from_tag(tag))
                    .find(is_offered)
            })
            .unwrap_or_else(|| self.default_language())
    }
}

/// `navigator.languages` (most preferred first).
pub fn browser_languages() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .map(|w| w.navigator().languages())
            .map(|list| list.iter().filter_map(|v| v.as_string()).collect())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Vec::new()
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language this browser's person chose earlier with the switcher, if any.
pub fn remembered() -> Option<String> {
    local_storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// Keeps an explicit choice for the next visit.
pub fn remember(language: Language) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, language.tag());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn browser(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn the_browser_languages_pick_by_primary_subtag_in_order() {
        let all = LanguageSettings::default();
        assert_eq!(
            all.choose(None, &browser(&["es-MX", "en"])),
            Language::Spanish
        );
        assert_eq!(all.choose(None, &browser(&["fr-CA"])), Language::French);
        assert_eq!(all.choose(None, &browser(&["de_AT"])), Language::German);
        assert_eq!(
            all.choose(None, &browser(&["pt-BR", "DE"])),
            Language::German
        );
        assert_eq!(
            all.choose(None, &browser(&["pt-BR", "ja"])),
            Language::English
        );
        assert_eq!(all.choose(None, &[]), Language::English);
    }

    #[test]
    fn a_remembered_choice_wins_while_it_is_offered() {
        let all = LanguageSettings::default();
        assert_eq!(all.choose(Some("de"), &browser(&["es"])), Language::German);
        assert_eq!(
            all.choose(Some("klingon"), &browser(&["es"])),
            Language::Spanish
        );
        let no_german = LanguageSettings {
            offered: vec![Language::English, Language::Spanish],
            default: None,
        };
        assert_eq!(
            no_german.choose(Some("de"), &browser(&["fr"])),
            Language::English
        );
    }

    #[test]
    fn the_organisation_restricts_and_sets_the_default() {
        let settings: LanguageSettings =
            serde_json::from_str(r#"{"offered": ["de", "fr"], "default": "fr"}"#).unwrap();
        assert_eq!(settings.offered(), [Language::French, Language::German]);
        assert_eq!(
            settings.choose(None, &browser(&["es", "en"])),
            Language::French
        );
        assert_eq!(
            settings.choose(None, &browser(&["de-CH"])),
            Language::German
        );
        // A default that is not offered falls back to an offered language.
        let odd: LanguageSettings =
            serde_json::from_str(r#"{"offered": ["de"], "default": "es"}"#).unwrap();
        assert_eq!(odd.default_language(), Language::German);
        // Unknown tags in config.json are an error, not a silent English portal.
        assert!(serde_json::from_str::<LanguageSettings>(r#"{"offered": ["xx"]}"#).is_err());
        let empty: LanguageSettings = serde_json::from_str(r#"{"offered": []}"#).unwrap();
        assert_eq!(empty.offered().len(), 4);
    }

    #[test]
    fn every_language_round_trips_through_its_tag() {
        for language in ALL_LANGUAGES {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
            assert_eq!(Language::of(language.locale()), language);
        }
    }
}
