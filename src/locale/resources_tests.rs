//! Every language has exactly English's keys, and each translation the same `{{ placeholders }}` and inline
//! `<tags>` as the English text: a translation that drops `{{ days }}` would silently lose the number.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

const TRANSLATIONS: [&str; 3] = ["es", "fr", "de"];

/// `area.key.sub` → text, for every file of one language.
fn flatten(language: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(language);
    let mut texts = BTreeMap::new();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let area = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let value: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        walk(&area, &value, &mut texts);
    }
    texts
}

fn walk(prefix: &str, value: &Value, texts: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                walk(&format!("{prefix}.{key}"), child, texts);
            }
        }
        Value::String(text) => {
            texts.insert(prefix.to_string(), text.clone());
        }
        other => panic!("{prefix}: translations are text, not {other}"),
    }
}

/// The `{{ name }}` placeholders and `<tag>`s of a text.
fn slots(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        found.insert(rest[start + 2..start + end].trim().to_string());
        rest = &rest[start + end + 2..];
    }
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        found.insert(rest[start..start + end + 1].replace(' ', ""));
        rest = &rest[start + end + 1..];
    }
    found
}

#[test]
fn every_language_has_englishs_keys_and_placeholders() {
    let english = flatten("en");
    assert!(english.len() > 10, "English resources are missing");
    let mut problems = Vec::new();
    for language in TRANSLATIONS {
        let texts = flatten(language);
        for (key, text) in &english {
            match texts.get(key) {
                None => problems.push(format!("{language}: missing {key}")),
                Some(translated) if slots(translated) != slots(text) => problems.push(format!(
                    "{language}: {key} has {:?}, English has {:?}",
                    slots(translated),
                    slots(text)
                )),
                Some(translated) if translated.trim().is_empty() => {
                    problems.push(format!("{language}: {key} is empty"))
                }
                Some(_) => {}
            }
        }
        for key in texts.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("{language}: {key} is not in English"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_placeholder_reader_sees_names_and_tags() {
    let found = slots("Your badge works for {{ days }} more <b>days</b>, {{name}}.");
    let expected: BTreeSet<String> = ["days", "name", "<b>", "</b>"].map(String::from).into();
    assert_eq!(found, expected);
}

/// The languages loaded on demand (build/split_languages.rs) carry exactly the resources' words: every text
/// without placeholders is one of its language's pieces, character for character (escapes, accents,
/// no-break spaces).
#[test]
fn the_loaded_languages_carry_every_plain_text_unchanged() {
    let files = [
        include_str!(concat!(env!("OUT_DIR"), "/languages/es.json")),
        include_str!(concat!(env!("OUT_DIR"), "/languages/fr.json")),
        include_str!(concat!(env!("OUT_DIR"), "/languages/de.json")),
    ];
    for (language, file) in TRANSLATIONS.into_iter().zip(files) {
        let units: Vec<Vec<String>> = serde_json::from_str(file).expect("a language file is JSON");
        let pieces: BTreeSet<&str> = units.iter().flatten().map(String::as_str).collect();
        let plain = flatten(language)
            .into_iter()
            .filter(|(_, text)| !text.contains("{{") && !text.contains('<'));
        let missing: Vec<String> = plain
            .filter(|(_, text)| !pieces.contains(text.as_str()))
            .map(|(key, _)| key)
            .collect();
        assert!(missing.is_empty(), "{language}: {missing:?}");
        let english_words = ["Sign out", "Your organisation", "Skip to content"];
        assert!(
            english_words.iter().all(|w| !pieces.contains(w)),
            "{language} carries English words"
        );
    }
}

/// The keys of a loaded language read their own pieces (the right unit, the right index), plain and with
/// placeholders in that language's word order.
#[test]
fn keys_read_their_languages_words() {
    use super::{td_string, Locale};
    for (locale, language) in [
        (Locale::es, "es"),
        (Locale::fr, "fr"),
        (Locale::de, "de"),
        (Locale::en, "en"),
    ] {
        let texts = flatten(language);
        assert_eq!(
            td_string!(locale, common.signin.sign_in).to_string(),
            texts["common.signin.sign_in"]
        );
        assert_eq!(
            td_string!(
                locale,
                common.signin.session_ended,
                username = "ana@contoso.com"
            )
            .to_string(),
            texts["common.signin.session_ended"].replace("{{ username }}", "ana@contoso.com")
        );
        assert_eq!(
            td_string!(locale, common.title).to_string(),
            texts["common.title"]
        );
    }
}
