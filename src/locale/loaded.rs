//! Languages other than English, loaded when a person chooses one. The wasm carries English only:
//! build.rs moves the other languages' text into one file each (build/split_languages.rs explains the
//! format), which a trunk hook copies next to the wasm as `languages/<language>-<hash>.json`.
//!
//! `show` switches the page to a language once its words have arrived (until then the page stays in the
//! language it shows, so no label is ever empty). Native builds (tests, tools) compile the files in instead.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use leptos::prelude::Effect;
use leptos_i18n::I18nContext;

use super::{Language, Locale};

mod files {
    include!(concat!(env!("OUT_DIR"), "/language_files.rs"));
}

/// The moved languages, in build.rs's order (`TRANSLATIONS`).
const MOVED: [Language; 3] = [Language::Spanish, Language::French, Language::German];

/// One language's text: per translation unit, its pieces (leaked once per language and page: at most three).
type Units = Vec<&'static [&'static str]>;

static LOADED: [OnceLock<Units>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the language file could not be fetched: {0}")]
    Fetch(String),
    #[error("the language file is not this build's: {0}")]
    Mismatch(String),
}

/// Read by the generated keys (build/split_languages.rs): `slot` is the language's place in `MOVED`,
/// `unit` the translation unit's. `None` until the language is loaded.
pub fn strings<const N: usize>(slot: usize, unit: usize) -> Option<&'static [&'static str; N]> {
    let units = loaded(slot)?;
    units.get(unit).and_then(|pieces| (*pieces).try_into().ok())
}

#[cfg(target_arch = "wasm32")]
fn loaded(slot: usize) -> Option<&'static Units> {
    LOADED.get(slot)?.get()
}

/// Native builds read the files compiled in, so tests see every language.
#[cfg(not(target_arch = "wasm32"))]
fn loaded(slot: usize) -> Option<&'static Units> {
    const COMPILED: [&str; 3] = [
        include_str!(concat!(env!("OUT_DIR"), "/languages/es.json")),
        include_str!(concat!(env!("OUT_DIR"), "/languages/fr.json")),
        include_str!(concat!(env!("OUT_DIR"), "/languages/de.json")),
    ];
    let text = COMPILED.get(slot)?;
    Some(
        LOADED
            .get(slot)?
            .get_or_init(|| parse(slot, text).unwrap_or_default()),
    )
}

/// Checks a file against this build's shape, then keeps its text for the page's lifetime.
fn parse(slot: usize, text: &str) -> Result<Units, LoadError> {
    let units: Vec<Vec<String>> =
        serde_json::from_str(text).map_err(|e| LoadError::Mismatch(e.to_string()))?;
    let lengths: Vec<usize> = units.iter().map(Vec::len).collect();
    if files::UNIT_LENGTHS
        .get(slot)
        .is_none_or(|expected| lengths != expected)
    {
        return Err(LoadError::Mismatch(format!("pieces per unit {lengths:?}")));
    }
    Ok(units
        .into_iter()
        .map(|pieces| {
            let pieces: Vec<&'static str> = pieces
                .into_iter()
                .map(|piece| &*Box::leak(piece.into_boxed_str()))
                .collect();
            &*Box::leak(pieces.into_boxed_slice())
        })
        .collect())
}

fn slot_of(language: Language) -> Option<usize> {
    MOVED.iter().position(|moved| *moved == language)
}

/// Whether `language`'s words are here (English always is).
pub fn is_ready(language: Language) -> bool {
    slot_of(language).is_none_or(|slot| loaded(slot).is_some())
}

/// Loads `language`'s file if it is not here yet. Start-up, the header and the kiosk may ask for the same
/// language at once: they share one request (a failed one is forgotten, so a later choice asks again).
pub async fn ensure(language: Language) -> Result<(), LoadError> {
    let Some(slot) = slot_of(language) else {
        return Ok(());
    };
    if loaded(slot).is_some() {
        return Ok(());
    }
    let request = PENDING.with(|pending| {
        pending.borrow_mut()[slot]
            .get_or_insert_with(|| wasm_bindgen_futures::future_to_promise(fetch_text(slot)))
            .clone()
    });
    match wasm_bindgen_futures::JsFuture::from(request).await {
        Ok(_) if loaded(slot).is_some() => Ok(()),
        Ok(text) => {
            let units = parse(slot, &text.as_string().unwrap_or_default())?;
            let _ = LOADED[slot].set(units);
            Ok(())
        }
        Err(problem) => {
            PENDING.with(|pending| pending.borrow_mut()[slot] = None);
            Err(LoadError::Fetch(problem.as_string().unwrap_or_default()))
        }
    }
}

/// The file's text, as a promise's value (a promise can be awaited by every caller).
async fn fetch_text(slot: usize) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let failed = |problem: String| wasm_bindgen::JsValue::from_str(&problem);
    let url = file_url(files::FILES[slot]);
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    if !response.ok() {
        return Err(failed(format!("HTTP {}", response.status())));
    }
    let text = response.text().await.map_err(|e| failed(e.to_string()))?;
    Ok(wasm_bindgen::JsValue::from_str(&text))
}

/// The file next to the wasm (each bundle has its copy): the loader's `qrbadge-wasm` meta tag names the wasm's
/// URL; without it (browser tests), the page's base.
fn file_url(name: &str) -> String {
    let relative = format!("languages/{name}");
    let document = web_sys::window().and_then(|w| w.document());
    let base = document.as_ref().and_then(|d| {
        d.query_selector("meta[name=qrbadge-wasm]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .and_then(|wasm| web_sys::Url::new_with_base(&wasm, &d.base_uri().ok()??).ok())
            .map(|url| url.href())
            .or_else(|| d.base_uri().ok().flatten())
    });
    base.and_then(|base| web_sys::Url::new_with_base(&relative, &base).ok())
        .map(|url| url.href())
        .unwrap_or(relative)
}

thread_local! {
    /// The requests on their way, per moved language.
    static PENDING: RefCell<[Option<js_sys::Promise>; 3]> = const { RefCell::new([None, None, None]) };
    /// The language asked for last: a slow file for an earlier choice must not win over a later one.
    static WANTED: Cell<Option<Language>> = const { Cell::new(None) };
}

/// `leptos_i18n` starts in the browser's language and switches to it again when the browser's languages
/// change: whenever the page is set to a language whose words are not here, it shows the language asked for
/// last (if its words are here) or English instead. Called once, before the first page is drawn.
pub fn keep_words_on_screen(i18n: I18nContext<Locale>) {
    let fallback = || {
        WANTED
            .with(Cell::get)
            .filter(|wanted| is_ready(*wanted))
            .unwrap_or(Language::English)
    };
    if !is_ready(Language::of(i18n.get_locale_untracked())) {
        i18n.set_locale(fallback().locale());
    }
    Effect::new(move |_| {
        if !is_ready(Language::of(i18n.get_locale())) {
            i18n.set_locale(fallback().locale());
        }
    });
}

/// Shows the page in `language`: at once when its words are here, otherwise when they arrive. If they cannot
/// be fetched the page stays in the language it shows (the browser console says why).
pub fn show(i18n: I18nContext<Locale>, language: Language) {
    WANTED.with(|wanted| wanted.set(Some(language)));
    if is_ready(language) {
        i18n.set_locale(language.locale());
        return;
    }
    leptos::task::spawn_local(async move {
        match ensure(language).await {
            Ok(()) if WANTED.with(Cell::get) == Some(language) => {
                i18n.set_locale(language.locale())
            }
            Ok(()) => {}
            Err(problem) => leptos::logging::warn!("{}: {problem}", language.tag()),
        }
    });
}
