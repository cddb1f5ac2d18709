//! Generates the translation module (`src/locale/mod.rs` includes it) from `locales/{language}/{area}.json`
//! with `leptos_i18n`'s own parser and code generator, so a missing key or a wrong interpolation is a compile
//! error. `interpolate_display` lets `t_string!` fill placeholders (attributes, file names, titles).
//!
//! `leptos_i18n_build` wraps these two crates, but also compiles ICU's data exporter with networking for
//! formatting data qrbadge takes from the browser's `Intl` instead (`src/locale/intl.rs`).

use std::path::{Path, PathBuf};

#[path = "build/split_languages.rs"]
mod split_languages;

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
    let (code, moved) = split_languages::split(&code.to_string(), "en", &TRANSLATIONS);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    write(&out_dir.join("i18n.rs"), &code);
    write_language_files(&out_dir, &moved);
}

/// Each moved language as `languages/<language>.json` in `OUT_DIR` (native builds compile it in, for tests)
/// and as `<language>-<hash>.json` next to the build's wasm, where the trunk hook
/// (scripts/lib/copy-languages.sh) copies it into the site. The wasm names the files of its own build
/// (`language_files.rs`), so a cached file of another build is never read.
fn write_language_files(out_dir: &Path, moved: &split_languages::Moved) {
    // OUT_DIR is <target>/[<triple>/]<profile>/build/<package>-<hash>/out.
    let profile_dir = out_dir
        .ancestors()
        .nth(3)
        .expect("OUT_DIR is inside the target directory");
    let site_dir = profile_dir.join("languages");
    let _ = std::fs::remove_dir_all(&site_dir);
    std::fs::create_dir_all(out_dir.join("languages")).expect("OUT_DIR is writable");
    std::fs::create_dir_all(&site_dir).expect("the target directory is writable");
    let mut names = Vec::new();
    for (language, units) in &moved.languages {
        let json = serde_json::to_string(units).expect("strings serialise");
        write(
            &out_dir.join("languages").join(format!("{language}.json")),
            &json,
        );
        let name = format!("{language}-{:016x}.json", fnv1a(json.as_bytes()));
        write(&site_dir.join(&name), &json);
        names.push(name);
    }
    let lengths: Vec<Vec<usize>> = moved
        .languages
        .iter()
        .map(|(_, units)| units.iter().map(Vec::len).collect())
        .collect();
    let rust = format!(
        "/// The moved languages' files, in the order of `TRANSLATIONS` in build.rs.\n\
         pub const FILES: [&str; {}] = {:?};\n\
         /// Each language's pieces per translation unit: a loaded file must match them exactly.\n\
         pub const UNIT_LENGTHS: [[usize; {}]; {}] = {:?};\n",
        names.len(),
        names,
        moved.unit_names.len(),
        lengths.len(),
        lengths
    );
    write(&out_dir.join("language_files.rs"), &rust);
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A content fingerprint for file names (not security): FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
