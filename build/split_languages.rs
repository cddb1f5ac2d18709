//! Takes the translations out of the generated module, so the wasm carries English only and loads another
//! language when a person chooses it (`src/locale/loaded.rs`).
//!
//! `leptos_i18n`'s code generator (pinned `=0.6.2` in Cargo.toml) writes each language's text of one area
//! (a "translation unit") as a constant array of string pieces, and every key reads its pieces by index.
//! The structure (which piece, which placeholder, in which order) stays compiled in for every language;
//! only the pieces of the other languages move to one JSON file per language (an array of units, each an
//! array of pieces, in the generator's order). Their arrays in the module become empty strings that are
//! never read, and their keys read `crate::locale::loaded::strings`.
//!
//! Any change in the generator's output format is a build error here (a count that does not match), never
//! a silently untranslated page.

/// The languages moved out; English is the reference and stays compiled in.
pub struct Moved {
    /// `(language, units)`: each unit's pieces, in unit order (the order of `unit_names`). Languages split
    /// a text into different numbers of pieces (word order moves the placeholders).
    pub languages: Vec<(String, Vec<Vec<String>>)>,
    pub unit_names: Vec<String>,
}

const UNIT_IMPL: &str =
    "impl l_i18n_crate :: __private :: fetch_translations :: TranslationUnit for ";
const STRINGS_DECL: &str = "const STRINGS : & [& str ; ";
const ARRAY_DECL: &str = "const I18N_TRANSLATIONS : & [& str ; ";
const PIECE_USE: &str = "const S : & str = l_i18n_crate :: __private :: index_translations :: < ";

/// Rewrites `code` (the generator's output) for the languages other than `reference`; returns the new code
/// and the pieces that left it.
pub fn split(code: &str, reference: &str, languages: &[&str]) -> (String, Moved) {
    let mut moved = Moved {
        languages: languages
            .iter()
            .map(|l| (l.to_string(), Vec::new()))
            .collect(),
        unit_names: Vec::new(),
    };
    let code = empty_moved_arrays(code, reference, languages, &mut moved);
    let code = read_loaded_arrays(&code, languages, &moved);
    let code = index_at_run_time(&code, languages, &moved.unit_names);
    (code, moved)
}

/// Collects every unit's pieces and replaces a moved language's array by empty strings.
fn empty_moved_arrays(
    code: &str,
    reference: &str,
    languages: &[&str],
    moved: &mut Moved,
) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find(UNIT_IMPL) {
        let after = at + UNIT_IMPL.len();
        let name_end = after + rest[after..].find(' ').expect("unit name ends");
        let unit_struct = &rest[after..name_end];
        let (unit, language) = unit_struct.rsplit_once('_').expect("unit_language");
        let decl = name_end
            + rest[name_end..]
                .find(STRINGS_DECL)
                .expect("unit has strings");
        let len_start = decl + STRINGS_DECL.len();
        let len_end = len_start + rest[len_start..].find("usize").expect("array length");
        let length: usize = rest[len_start..len_end]
            .parse()
            .expect("array length is a number");
        let open = len_end + rest[len_end..].find("& [").expect("array opens") + "& [".len();
        let (pieces, close) = read_literals(&rest[open..]);
        assert_eq!(pieces.len(), length, "{unit_struct}: pieces counted");
        if language == reference {
            moved.unit_names.push(unit.to_string());
            out.push_str(&rest[..open + close]);
        } else {
            let slot = languages.iter().position(|l| *l == language);
            let slot = slot.unwrap_or_else(|| panic!("{unit_struct}: unexpected language"));
            moved.languages[slot].1.push(pieces);
            out.push_str(&rest[..open - 1]);
            out.push_str(&format!("[\"\" ; {length}usize]"));
        }
        rest = &rest[open + close..];
    }
    out.push_str(rest);
    for (language, units) in &moved.languages {
        assert_eq!(
            units.len(),
            moved.unit_names.len(),
            "{language}: every unit"
        );
    }
    out
}

/// A moved language's unit reads the loaded pieces (empty ones if it is read before they are loaded, which
/// `locale::loaded::show` never does: it switches the page to a language once its words are here).
fn read_loaded_arrays(code: &str, languages: &[&str], moved: &Moved) -> String {
    let mut code = code.to_string();
    for (slot, language) in languages.iter().enumerate() {
        let units = &moved.languages[slot].1;
        for (index, (unit, pieces)) in moved.unit_names.iter().zip(units).enumerate() {
            let length = pieces.len();
            let from = format!(
                "impl {unit}_{language} {{ pub const fn get_translations () -> & 'static [& 'static str ; \
                 {length}usize] {{ < Self as l_i18n_crate :: __private :: fetch_translations :: \
                 TranslationUnit > :: STRINGS }}"
            );
            let to = format!(
                "impl {unit}_{language} {{ pub fn get_translations () -> & 'static [& 'static str ; \
                 {length}usize] {{ crate :: locale :: loaded :: strings :: < {length}usize > ({slot}usize , \
                 {index}usize) . unwrap_or (& [\"\" ; {length}usize]) }}"
            );
            assert_eq!(
                code.matches(&from).count(),
                1,
                "{unit}_{language}: one accessor"
            );
            code = code.replace(&from, &to);
        }
        let getter = format!("const fn __get_{language}_translations__");
        assert!(code.contains(&getter), "{language}: key getters");
        code = code.replace(&getter, &format!("fn __get_{language}_translations__"));
    }
    code
}

/// Where a key reads a moved language's pieces, the array is a run-time value, not a constant. The keys'
/// accessors stop being `const fn` (nothing calls them in a constant).
fn index_at_run_time(code: &str, languages: &[&str], units: &[String]) -> String {
    let mut parts = code.split(ARRAY_DECL);
    let mut out = parts.next().expect("split yields a first part").to_string();
    for part in parts {
        let decl_end = part.find(';').expect("declaration ends");
        let moved = languages
            .iter()
            .any(|l| part[..decl_end].contains(&format!("__get_{l}_translations__")));
        if !moved {
            out.push_str(ARRAY_DECL);
            out.push_str(part);
            continue;
        }
        out.push_str("let loaded_pieces : & 'static [& 'static str ; ");
        let mut rest = part;
        while let Some(at) = rest.find(PIECE_USE) {
            out.push_str(&rest[..at]);
            let args = &rest[at + PIECE_USE.len()..];
            let end = args
                .find("> (I18N_TRANSLATIONS) ; S")
                .expect("piece use ends");
            let index = args[..end].split(" , ").nth(1).expect("piece index").trim();
            out.push_str(&format!("loaded_pieces [{index}]"));
            rest = &args[end + "> (I18N_TRANSLATIONS) ; S".len()..];
        }
        out.push_str(rest);
    }
    // English's arrays stay constants, read in constant items.
    let mut out = out.replace("pub const fn ", "pub fn ").replace(
        "pub fn __get_en_translations__",
        "pub const fn __get_en_translations__",
    );
    for unit in units {
        let accessor = format!("impl {unit}_en {{ pub fn get_translations");
        out = out.replace(
            &accessor,
            &format!("impl {unit}_en {{ pub const fn get_translations"),
        );
    }
    out
}

/// Reads `"…" , "…" ,] ;` (the generator's array body); returns the strings and where `]` ends.
fn read_literals(body: &str) -> (Vec<String>, usize) {
    let mut pieces = Vec::new();
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            ' ' | ',' => {}
            ']' => return (pieces, at + 1),
            '"' => {
                let mut piece = String::new();
                loop {
                    let (_, c) = chars.next().expect("string literal ends");
                    match c {
                        '"' => break,
                        '\\' => piece.push(unescape(&mut chars)),
                        c => piece.push(c),
                    }
                }
                pieces.push(piece);
            }
            other => panic!("unexpected {other:?} in a translation array"),
        }
    }
    panic!("translation array never ends")
}

/// The escapes `char::escape_debug` writes (what proc-macro2 uses for string literals).
fn unescape(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> char {
    let (_, c) = chars.next().expect("escape continues");
    match c {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '0' => '\0',
        '\\' | '"' | '\'' => c,
        'x' => {
            let hex: String = (0..2)
                .map(|_| chars.next().expect("\\x digits").1)
                .collect();
            char::from(u8::from_str_radix(&hex, 16).expect("\\x is hex"))
        }
        'u' => {
            assert_eq!(chars.next().map(|(_, c)| c), Some('{'), "\\u{{");
            let hex: String = std::iter::from_fn(|| chars.next().map(|(_, c)| c))
                .take_while(|c| *c != '}')
                .collect();
            char::from_u32(u32::from_str_radix(&hex, 16).expect("\\u is hex")).expect("a char")
        }
        other => panic!("unknown escape \\{other}"),
    }
}
