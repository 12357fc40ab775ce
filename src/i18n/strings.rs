//! UI strings: one flat JSON object per language (`i18n/<code>.json` at the repo root), key →
//! text. Keys are dotted by area (`control.play`, `role.leader`); `{name}` marks a placeholder
//! that `format` fills in.
//!
//! English is compiled in: it is the fallback and the first render never waits for it. The
//! other languages are files the page fetches when a reader chooses them (`fetch.rs`) and
//! `install`s here; until one arrives, and for any key it lacks, English shows.

use std::fmt::{Display, Write};
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::Lang;

pub(crate) const ENGLISH: &str = include_str!("../../i18n/en.json");

/// Parsed as plain `Value`s (whose parser the wasm holds already) rather than into typed maps,
/// which would add a deserializer of their own to the bundle.
type Table = Map<String, Value>;

/// One slot per language, set once: English on first use, the others when their file arrives.
static TABLES: [OnceLock<Table>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn slot(lang: Lang) -> &'static OnceLock<Table> {
    &TABLES[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

/// Parse a language file: a JSON object whose values are all strings.
pub(crate) fn parse(src: &str) -> Result<Table, String> {
    match serde_json::from_str(src) {
        Ok(Value::Object(m)) => match m.iter().find(|(_, v)| !v.is_string()) {
            Some((k, _)) => Err(format!("{k} is not a string")),
            None => Ok(m),
        },
        Ok(_) => Err("not a JSON object".into()),
        Err(e) => Err(e.to_string()),
    }
}

fn table(lang: Lang) -> Option<&'static Table> {
    if lang == Lang::En {
        // Checked by the tests, so it parses; if it somehow did not, keys show instead of words.
        return Some(slot(lang).get_or_init(|| parse(ENGLISH).unwrap_or_default()));
    }
    slot(lang).get()
}

/// Take a language's words from its file's text. English is compiled in and not replaced.
#[cfg_attr(not(any(target_arch = "wasm32", test)), allow(dead_code))]
pub fn install(lang: Lang, src: &str) -> Result<(), String> {
    let parsed = parse(src)?;
    if lang != Lang::En {
        let _ = slot(lang).set(parsed);
    }
    Ok(())
}

/// Whether `lang`'s words are here (English always is).
pub fn installed(lang: Lang) -> bool {
    table(lang).is_some()
}

/// The text of `key` in `lang`, if that language or English has it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    let found = |l| table(l).and_then(|t| t.get(key)).and_then(Value::as_str);
    found(lang).or_else(|| found(Lang::En))
}

/// The text of `key` in `lang`; English if that language lacks it; the key itself if even
/// English lacks it (visible, so the slip is noticed, and never a panic).
pub fn text(lang: Lang, key: &str) -> &str {
    lookup(lang, key).unwrap_or(key)
}

/// A placeholder's name and its value: anything displayable, so a call site passes a number
/// as it is (`("n", &3)`) instead of formatting it first, which would cost the bundle a
/// `to_string` per call site.
pub type Arg<'a> = (&'a str, &'a dyn Display);

/// `text` with its `{name}` placeholders filled in: `format(Pt, "tour.step_of", &[("n", &2), ("m", &9)])`.
pub fn format(lang: Lang, key: &str, args: &[Arg]) -> String {
    fill(text(lang, key), args)
}

/// The template with each `{name}` replaced by its value; a placeholder without a value
/// stays as it is (visible, never a panic).
pub(crate) fn fill(template: &str, args: &[Arg]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            None => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// A key made from protocol data: "non-participating" → "non_participating",
/// "T: wait for an Answer" → "t_wait_for_an_answer". Lowercase ASCII letters and digits, runs of
/// anything else one `_`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    if out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_looked_up_and_filled_in() {
        assert_eq!(text(Lang::En, "tour.continue"), "Continue");
        assert_eq!(format(Lang::En, "tour.step_of", &[("n", &2), ("m", &9)]), "Step 2 of 9");
        assert_eq!(fill("{a} and {b}, {a}; {c} {", &[("a", &"x"), ("b", &7)]), "x and 7, x; {c} {");
        assert_eq!(text(Lang::En, "no.such.key"), "no.such.key");
    }

    #[test]
    fn a_language_shows_english_until_its_words_arrive() {
        // Es only (the other tests may install Pt): before, the fallback; after, its words.
        assert!(installed(Lang::En));
        let es = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/es.json")).unwrap();
        install(Lang::Es, &es).unwrap();
        assert!(installed(Lang::Es));
        assert_eq!(format(Lang::Es, "tour.step_of", &[("n", &2), ("m", &9)]), "Paso 2 de 9");
        assert_eq!(text(Lang::Es, "no.such.key"), "no.such.key");
    }

    #[test]
    fn a_bad_file_is_refused_with_its_problem() {
        assert!(parse("[1]").unwrap_err().contains("object"));
        assert!(parse(r#"{"a.b": 1}"#).unwrap_err().contains("a.b"));
        assert!(parse("{").is_err());
        assert!(install(Lang::Pt, "{").is_err());
    }

    #[test]
    fn slugs_are_keys() {
        assert_eq!(slug("non-participating"), "non_participating");
        assert_eq!(slug("T: wait for an Answer"), "t_wait_for_an_answer");
        assert_eq!(slug("⇒ majority: decision"), "majority_decision");
        assert_eq!(slug("proposer+acceptor+learner"), "proposer_acceptor_learner");
        assert_eq!(slug("→"), "");
    }
}
