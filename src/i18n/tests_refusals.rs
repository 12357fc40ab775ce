//! Refusals (a bad link, a scenario the core refuses, a corrupt share link) are said in the
//! page's language: in English exactly as they always were, in pt and es with no English
//! sentence left around the names and values they quote.

use super::{Lang, Words};
use crate::told::Told;

/// Words of English sentences that no pt or es refusal may hold.
const ENGLISH: &[&str] =
    &["the", "and", "its", "is", "with", "from", "that", "to", "of", "has", "it", "not", "must", "parameter", "choose", "known", "unknown", "available", "below", "character"];

fn english_words(line: &str) -> Vec<&'static str> {
    let words: Vec<String> = line.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    ENGLISH.iter().copied().filter(|w| words.iter().any(|x| x == w)).collect()
}

fn installed() -> [Words; 3] {
    for lang in [Lang::Pt, Lang::Es] {
        let src = std::fs::read_to_string(format!("{}/i18n/{}.json", env!("CARGO_MANIFEST_DIR"), lang.code())).unwrap();
        super::strings::install(lang, &src).unwrap();
    }
    [Words::of(Lang::En), Words::of(Lang::Pt), Words::of(Lang::Es)]
}

/// `told` says `en` in English, and in pt and es something else with no English word, still
/// quoting each of `kept` (names and values are data).
fn check(told: &Told, en: &str, kept: &[&str]) {
    let [w_en, pt, es] = installed();
    assert_eq!(w_en.told(told), en);
    for w in [pt, es] {
        let said = w.told(told);
        assert_ne!(said, en, "{:?} says it in English", w.lang);
        assert!(english_words(&said).is_empty(), "{:?}: '{said}' has English words {:?}", w.lang, english_words(&said));
        for k in kept {
            assert!(said.contains(k), "{:?}: '{said}' lost '{k}'", w.lang);
        }
    }
}

fn refusal_of(source: &str) -> Told {
    crate::state::AppState::new(source).run.err().expect("refused")
}

#[test]
fn a_bad_link_is_refused_in_the_pages_language() {
    let unknown = crate::link::parse("?colour=red").unwrap_err();
    let known = crate::link::KNOWN.join(", ");
    check(&unknown, &format!("link parameter 'colour' is unknown; known: {known}"), &["'colour'", &known]);
    let protocol = crate::link::scenario(&crate::link::parse("?protocol=foo").unwrap()).unwrap_err();
    check(&protocol, "link parameter protocol: 'foo' is not available; choose one of raft, paxos, bully, ring, om", &["protocol", "'foo'", "raft, paxos"]);
    let nodes = crate::link::parse("?nodes=abc").unwrap_err();
    check(&nodes, "link parameter nodes: 'abc' is not a whole number in 1..=64", &["nodes", "'abc'", "1..=64"]);
}

#[test]
fn a_scenario_the_core_refuses_is_said_in_the_pages_language() {
    let raft = r#"{"protocol":"raft","nodes":3,"seed":1,"duration_ms":100,"params":{"election_timeout_ms":[150,300],"heartbeat_ms":500}}"#;
    let why = "params.heartbeat_ms: 500 must be below the shortest election timeout (150 ms), or followers would time out between heartbeats";
    check(&refusal_of(raft), why, &["params.heartbeat_ms: 500", "(150 ms)"]);
    let ring = r#"{"protocol":"ring","nodes":1,"seed":1,"duration_ms":100}"#;
    check(&refusal_of(ring), "nodes: 1 is out of range; ring allows 2..=64", &["nodes: 1", "ring", "2..=64"]);
    // A part of a sentence (a JSON type) is said in the language too.
    let events = r#"{"protocol":"ring","nodes":3,"seed":1,"duration_ms":100,"events":[3]}"#;
    check(&refusal_of(events), "events[0]: expected an object {...}, found a number", &["events[0]", "{...}"]);
    let [_, pt, _] = installed();
    assert_eq!(pt.told(&refusal_of(events)), "events[0]: esperava-se um objeto {...}, mas veio um número");
}

#[test]
fn serdes_type_and_syntax_refusals_are_said_around_the_types_they_quote() {
    let mistyped = r#"{"protocol":"ring","nodes":"three","seed":1,"duration_ms":100}"#;
    check(&refusal_of(mistyped), "nodes: invalid type: string \"three\", expected u32", &["nodes:", "string \"three\"", "u32"]);
    let [_, pt, es] = installed();
    assert_eq!(pt.told(&refusal_of(mistyped)), "nodes: tipo inválido: string \"three\", esperado u32");
    assert_eq!(es.told(&refusal_of(mistyped)), "nodes: tipo no válido: string \"three\", se esperaba u32");
    // A syntax error: serde_json's words for the problem stay, where it is is said.
    let broken = "{\"protocol\": \"ring\",\n  \"nodes\": }";
    assert_eq!(installed()[0].told(&refusal_of(broken)), "scenario: not valid JSON: expected value at line 2 column 12");
    assert_eq!(pt.told(&refusal_of(broken)), "scenario: não é JSON válido: expected value na linha 2, coluna 12");
}

#[test]
fn a_corrupt_share_link_is_refused_in_the_pages_language() {
    let corrupt = crate::hash::parse("#t=1&z=AA*A").unwrap().unwrap_err();
    check(&corrupt, "z: '*' is not a base64url character", &["z: '*'", "base64url"]);
    let opening = crate::share::Opening { source: Err(Told::key("share.corrupt", [])), at: None, origin: Told::key("share.the_link", []) };
    let shown = opening.apply(&crate::state::AppState::new(crate::state::DEFAULT_SCENARIO)).run.err().unwrap();
    check(&shown, "the shared link: the data is corrupt (it does not decompress); was the link cut short or edited?", &[]);
}
