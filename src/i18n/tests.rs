//! The language files against each other and against the code: every language has exactly
//! English's keys and placeholders, every key the code names exists, and no key is left over.
//! All three files are read here natively, though only English is compiled into the page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::strings::ENGLISH;
use super::Lang;

pub(super) type Texts = BTreeMap<String, String>;

pub(super) fn file(lang: Lang) -> Texts {
    let path = format!("{}/i18n/{}.json", env!("CARGO_MANIFEST_DIR"), lang.code());
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&src).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Keys whose last part the code builds from data at run time (a protocol's role names,
/// inspector rows, timers; the catalog's ids...), so they appear in no literal.
const BUILT_AT_RUN_TIME: &[&str] =
    &["role.", "row.", "value.", "label.", "timer.", "reason.", "command.", "action.", "param.", "protocol.", "scenario.", "tour.name.", "say.", "word."];

/// Areas of words that come from the core through the view types (`Words::data`), and the
/// core's sentences (`say.`, `Words::say`) with the words in them (`word.`). English has none
/// of them: its words and sentences are the core's own, shown when no key exists. The other
/// languages have the same keys as each other, and one for every such word a run shows.
const FROM_THE_CORE: &[&str] = &["role.", "row.", "value.", "label.", "timer.", "reason.", "command.", "say.", "word."];

fn from_the_core(key: &str) -> bool {
    FROM_THE_CORE.iter().any(|a| key.starts_with(a))
}

/// The `{name}` placeholders of a text, sorted.
pub(super) fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name)).collect();
    out.sort_unstable();
    out
}

/// Every string literal in the app's sources that looks like a dotted i18n key
/// (`"control.play"`), with the file it is in.
fn literal_keys() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/tests.rs") {
                let src = std::fs::read_to_string(&path).unwrap();
                for (i, literal) in src.split('"').enumerate() {
                    if i % 2 == 1 && looks_like_key(literal) {
                        out.push((literal.to_string(), path.display().to_string()));
                    }
                }
            }
        }
    }
    out
}

/// `area.name` or `area.sub.name`: lowercase words joined by dots, nothing else.
fn looks_like_key(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        && parts[0].chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

#[test]
fn every_language_has_every_key_and_the_same_placeholders() {
    let en = file(Lang::En);
    assert!(en.len() > 200, "English has only {} keys", en.len());
    assert!(!en.keys().any(|k| from_the_core(k)), "i18n/en.json: words from the core are the core's own English");
    let pt_core: BTreeSet<String> = file(Lang::Pt).into_keys().filter(|k| from_the_core(k)).collect();
    let es_core: BTreeSet<String> = file(Lang::Es).into_keys().filter(|k| from_the_core(k)).collect();
    assert_eq!(pt_core, es_core, "i18n/pt.json and i18n/es.json name different words of the core");
    for lang in [Lang::Pt, Lang::Es] {
        let mut other = file(lang);
        other.retain(|k, _| !from_the_core(k));
        let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "i18n/{lang}.json lacks {missing:?}");
        assert!(extra.is_empty(), "i18n/{lang}.json has keys English lacks: {extra:?}");
        for (key, en_text) in &en {
            let t = &other[key];
            assert!(!t.trim().is_empty(), "i18n/{lang}.json: {key} is empty");
            assert_eq!(placeholders(t), placeholders(en_text), "i18n/{lang}.json: {key} has other placeholders than English");
        }
    }
}

/// Every sentence the core can say has a template in every other language, with English's
/// placeholders (the core's own template), and no language has a sentence the core lacks.
#[test]
fn every_sentence_of_the_core_is_translated_with_the_same_placeholders() {
    let core: BTreeMap<String, &str> =
        consenso_core::protocols::SAYS.iter().flat_map(|l| l.iter()).map(|s| (format!("say.{}", s.key()), s.en())).collect();
    assert!(core.len() > 150, "the core says only {} sentences", core.len());
    for lang in [Lang::Pt, Lang::Es] {
        let have = file(lang);
        let missing: Vec<&String> = core.keys().filter(|k| !have.contains_key(*k)).collect();
        assert!(missing.is_empty(), "i18n/{lang}.json lacks sentences of the core: {missing:?}");
        let extra: Vec<&String> = have.keys().filter(|k| k.starts_with("say.") && !core.contains_key(*k)).collect();
        assert!(extra.is_empty(), "i18n/{lang}.json has sentences the core does not say: {extra:?}");
        // As sets: a translation may name an argument once where English repeats it.
        let set = |s: &str| placeholders(s).into_iter().map(str::to_string).collect::<BTreeSet<String>>();
        for (key, en) in &core {
            assert_eq!(set(&have[key]), set(en), "i18n/{lang}.json: {key} has other placeholders than the core's English");
        }
    }
}

#[test]
fn the_compiled_english_is_the_file() {
    assert_eq!(super::strings::parse(ENGLISH).unwrap().len(), file(Lang::En).len());
}

#[test]
fn every_key_the_code_names_exists_in_english() {
    let en = file(Lang::En);
    let areas: BTreeSet<&str> = en.keys().filter_map(|k| k.split('.').next()).collect();
    let used = literal_keys();
    assert!(used.len() > 150, "found only {} keys in the sources: is the scan broken?", used.len());
    // A literal in a known area that is not a key is a typo ("control.paly"); literals of other
    // areas ("serde_json.value") are not keys at all.
    let unknown: Vec<String> = used
        .iter()
        .filter(|(k, _)| areas.contains(k.split('.').next().unwrap_or("")) && !en.contains_key(k))
        .map(|(k, f)| format!("{k} (in {f})"))
        .collect();
    assert!(unknown.is_empty(), "keys missing from i18n/en.json: {unknown:?}");
}

#[test]
fn no_key_is_left_unused() {
    let used: BTreeSet<String> = literal_keys().into_iter().map(|(k, _)| k).collect();
    let unused: Vec<String> = file(Lang::En)
        .into_keys()
        .filter(|k| !used.contains(k) && !BUILT_AT_RUN_TIME.iter().any(|p| k.starts_with(p)))
        .collect();
    assert!(unused.is_empty(), "keys in i18n/en.json that no code uses: {unused:?}");
}

#[test]
fn keys_built_from_the_catalog_and_tours_exist() {
    let en = file(Lang::En);
    for e in crate::catalog::CATALOG {
        assert!(en.contains_key(&format!("scenario.{}", e.id)), "no title scenario.{} in i18n/en.json", e.id);
        assert!(en.contains_key(&format!("protocol.{}", e.protocol)), "no protocol.{} in i18n/en.json", e.protocol);
    }
    for id in crate::tour::TOURS {
        assert!(en.contains_key(&format!("tour.name.{id}")), "no tour.name.{id} in i18n/en.json");
    }
}

#[test]
fn the_scan_finds_keys_and_only_keys() {
    assert!(looks_like_key("control.play") && looks_like_key("param.traitors.two_faced"));
    assert!(!looks_like_key("tours/raft.json") && !looks_like_key("P1.x"));
    assert!(!looks_like_key("Step {n}") && !looks_like_key("a.") && !looks_like_key(".a") && !looks_like_key("Raft.x"));
    assert_eq!(placeholders("Step {n} of {m}"), vec!["m", "n"]);
}
