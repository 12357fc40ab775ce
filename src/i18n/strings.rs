//! UI strings: one flat JSON object per language (`src/i18n/<code>.json`), key → text.
//! Keys are dotted by area (`tour.continue`, `control.play`, `role.leader`); `{name}` marks a
//! placeholder that `format` fills in. A test checks that every language has exactly the keys
//! and placeholders English has, so a missing translation fails the build's tests, not a user.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::Lang;

pub(crate) const FILES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("en.json")),
    (Lang::Pt, include_str!("pt.json")),
    (Lang::Es, include_str!("es.json")),
];

/// Parsed as plain `Value`s (whose parser the wasm holds already) rather than into typed maps,
/// which would add a deserializer of their own to the bundle.
type Table = Map<String, Value>;

/// Parsed on first use. The files are checked by the tests, so a parse failure here cannot
/// ship; if it somehow did, the page shows keys instead of words rather than failing.
fn table(lang: Lang) -> &'static Table {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        FILES.iter().map(|(_, src)| match serde_json::from_str(src) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        })
        .collect()
    });
    let i = FILES.iter().position(|(l, _)| *l == lang).unwrap_or(0);
    &tables[i]
}

/// The text of `key` in `lang`; English if that language lacks it; the key itself if even
/// English lacks it (visible, so the slip is noticed, and never a panic).
pub fn text<'a>(lang: Lang, key: &'a str) -> &'a str {
    let found = |l| table(l).get(key).and_then(Value::as_str);
    found(lang).or_else(|| found(Lang::En)).unwrap_or(key)
}

/// `text` with its `{name}` placeholders filled in: `format(Pt, "tour.step_of", &[("n", "2"), ("m", "9")])`.
pub fn format(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut out = text(lang, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The `{name}` placeholders of a text, in order of appearance (for the tests).
#[cfg(test)]
pub(crate) fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        match rest[i + 1..].find('}') {
            Some(j) => {
                out.push(&rest[i + 1..i + 1 + j]);
                rest = &rest[i + 2 + j..];
            }
            None => break,
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(src: &str, lang: Lang) -> std::collections::BTreeMap<String, String> {
        serde_json::from_str(src).unwrap_or_else(|e| panic!("src/i18n/{}.json: {e}", lang.code()))
    }

    #[test]
    fn every_language_has_every_key_and_the_same_placeholders() {
        let en = parsed(FILES[0].1, Lang::En);
        assert!(en.len() > 40, "English has only {} keys", en.len());
        for (lang, src) in &FILES[1..] {
            let other = parsed(src, *lang);
            let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(missing.is_empty(), "src/i18n/{lang}.json lacks {missing:?}");
            assert!(extra.is_empty(), "src/i18n/{lang}.json has keys English lacks: {extra:?}");
            for (key, en_text) in &en {
                let t = &other[key];
                assert!(!t.trim().is_empty(), "src/i18n/{lang}.json: {key} is empty");
                assert_eq!(placeholders(t), placeholders(en_text), "src/i18n/{lang}.json: {key} has other placeholders than English");
            }
        }
    }

    #[test]
    fn texts_are_looked_up_and_filled_in() {
        assert_eq!(text(Lang::En, "tour.continue"), "Continue");
        assert_eq!(text(Lang::Pt, "tour.continue"), "Continuar");
        assert_eq!(format(Lang::Es, "tour.step_of", &[("n", "2"), ("m", "9")]), "Paso 2 de 9");
        assert_eq!(text(Lang::Pt, "no.such.key"), "no.such.key");
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(placeholders("Step {n} of {m}"), vec!["m", "n"]);
        assert_eq!(placeholders("no braces"), Vec::<&str>::new());
        assert_eq!(placeholders("open { only"), Vec::<&str>::new());
    }
}
