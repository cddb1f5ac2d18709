//! Generates the translation module (`src/locale/mod.rs` includes it) from `locales/{language}/{area}.json`
//! with `leptos_i18n`'s own parser and code generator, so a missing key or a wrong interpolation is a compile
//! error. `interpolate_display` lets `t_string!` fill placeholders (attributes, file names, titles).
//!
//! `leptos_i18n_build` wraps these two crates, but also compiles ICU's data exporter with networking for
//! formatting data qrbadge takes from the browser's `Intl` instead (`src/locale/intl.rs`).

use std::path::PathBuf;

use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};

// English is the reference (the default locale); these are added to it.
const TRANSLATIONS: [&str; 3] = ["es", "fr", "de"];
const AREAS: [&str; 7] = [
    "common",
    "status",
    "errors",
    "selfservice",
    "kiosk",
    "print",
    "admin",
];

fn main() {
    println!("cargo::rerun-if-changed=locales");
    let config = Config::new("en")
        .and_then(|c| c.add_locales(TRANSLATIONS))
        .and_then(|c| c.add_namespaces(AREAS))
        .map(|c| c.parse_options(ParseOptions::default().interpolate_display(true)))
        .unwrap_or_else(|e| panic!("translation settings: {e}"));
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let parsed = leptos_i18n_parser::parse_locales::parse_locales(Some(manifest_dir), config)
        .unwrap_or_else(|e| panic!("locales/: {e}"));
    if let Some(error) = parsed.diag.errors().first() {
        panic!("locales/: {error}");
    }
    for warning in parsed.diag.warnings().iter() {
        println!("cargo::warning=locales/: {warning}");
    }
    if let Some(files) = parsed.tracked_files.as_deref() {
        for file in files {
            println!("cargo::rerun-if-changed={file}");
        }
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)
        .unwrap_or_else(|e| panic!("locales/: {e}"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("i18n.rs");
    std::fs::write(&out, code.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
