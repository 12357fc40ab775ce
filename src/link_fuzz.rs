//! Fuzzing of page links (proptest, natively): whatever `location.search` holds, `link::parse`
//! and `link::scenario` return a scenario or a message naming the problem, never panic, and
//! a scenario they return is refused with a message or runs within the engine's caps.
//! The committed corpus core/tests/fuzz_corpus/links.txt is replayed every time.
//! `FUZZ_CASES=n` sets the cases per property (default 256; `scripts/soak` runs more).

use consenso_core::{build, Scenario};
use proptest::prelude::*;

use crate::link;

fn config() -> ProptestConfig {
    let cases = std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// What the page does with a link, minus the drawing: parse it, pick the scenario, build it
/// and run it to its end (or a cap).
fn open(search: &str) {
    let parsed = link::parse(search).and_then(|l| link::scenario(&l));
    let text = match parsed {
        Ok((_, text)) => text,
        Err(message) => {
            assert!(!message.en().trim().is_empty(), "{search:?} refused without a message");
            return;
        }
    };
    let run = Scenario::parse(&text).and_then(|s| build(&s));
    match run {
        Ok(mut sim) => {
            sim.run_to_end();
            sim.report();
        }
        Err(e) => assert!(!e.to_string().trim().is_empty(), "{search:?}: scenario refused without a message"),
    }
}

/// A link made of known and unknown parameters with plausible and absurd values.
fn query() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        prop::sample::select(link::KNOWN).prop_map(str::to_string),
        "[a-z%]{0,6}",
    ];
    let value = prop_oneof![
        "[0-9]{0,22}",
        "-?[0-9]{1,4}",
        "(raft|paxos|bully|ring|om|pbft)",
        prop::sample::select(crate::catalog::CATALOG.iter().map(|e| e.id).collect::<Vec<_>>()).prop_map(str::to_string),
        "[ -~]{0,12}",
        "\\PC{0,8}",
    ];
    let pair = (key, prop::option::of(value)).prop_map(|(k, v)| match v {
        Some(v) => format!("{k}={v}"),
        None => k,
    });
    (any::<bool>(), prop::collection::vec(pair, 0..6)).prop_map(|(q, pairs)| format!("{}{}", if q { "?" } else { "" }, pairs.join("&")))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_as_a_link_is_refused_or_opens(search in "\\PC{0,80}") {
        open(&search);
    }

    #[test]
    fn links_of_parameters_are_refused_or_open(search in query()) {
        open(&search);
    }
}

#[test]
fn the_link_corpus_is_refused_or_opens() {
    let corpus = include_str!("../core/tests/fuzz_corpus/links.txt");
    let lines: Vec<&str> = corpus.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    assert!(lines.len() > 30);
    for search in lines {
        open(search);
    }
    // A link's text never reaches the page as markup: names are letters, digits, '-' and '_'.
    assert!(link::parse("?protocol=<img src=x onerror=alert(1)>").is_err());
}

/// No text from a link, a scenario or a protocol note reaches the page as markup: Yew
/// escapes text, and nothing in the app hands it raw HTML. (This file is skipped: it names
/// the APIs to look for.)
#[test]
fn no_source_file_hands_the_dom_raw_html() {
    // Setters only: reading outer_html (the SVG export does) puts nothing into the page.
    let raw = ["set_inner_html", "set_outer_html", "insert_adjacent_html", "from_html_unchecked", "dangerously", "VRaw"];
    let mut files = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("link_fuzz.rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for api in raw {
                assert!(!text.contains(api), "{} uses {api}: user text could reach the DOM as HTML", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} source files found");
}
