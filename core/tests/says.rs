//! What the core says (notes, violation explanations, inspector rows with data in them) is a
//! sentence key and arguments (and so are refused scenarios): the keys are unique and named after who says them, and every
//! sentence said in the examples fills exactly the placeholders its template has, at every
//! level.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use consenso_core::protocols::{NAMES, SAYS};
use consenso_core::sim::trace::What;
use consenso_core::sim::say::{placeholders, Item};
use consenso_core::sim::view::RowText;
use consenso_core::{build, Scenario};

#[test]
fn sentence_keys_are_unique_and_belong_to_the_simulator_the_scenario_or_a_protocol() {
    let mut seen = BTreeSet::new();
    for s in SAYS.iter().flat_map(|list| list.iter()) {
        let key = s.key();
        assert!(seen.insert(key), "{key} is declared twice");
        let (owner, name) = key.split_once('.').unwrap_or_else(|| panic!("{key} has no owner part"));
        assert!(matches!(owner, "sim" | "scenario") || NAMES.contains(&owner), "{key}: {owner} is neither sim, scenario nor a protocol");
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{key}");
        assert!(!s.en().is_empty() && !s.en().contains('\u{1f}'), "{key}: no English template");
    }
    assert!(seen.len() > 150, "only {} sentences", seen.len());
}

/// Every placeholder of `say`'s template has an argument, in it and in every part of it
/// (`say!` checks their names and order when it compiles; this checks the sentences said
/// without it, such as the simulator's).
fn check_filled(key: &str, en: &str, items: &[Item], context: &str) {
    let wanted = placeholders(en).len();
    assert_eq!(wanted, items.len(), "{context}: {key} is said with {} arguments for {wanted} placeholders", items.len());
    items.iter().for_each(|i| check_item(i, context));
}

fn check_item(item: &Item, context: &str) {
    match item {
        Item::Part { key, en, items } => check_filled(key, en, items, context),
        Item::List(items, _) => items.iter().for_each(|i| check_item(i, context)),
        Item::Word { word, .. } => assert!(!word.is_empty(), "{context}: an empty word"),
        Item::Text(_) => {}
    }
}

#[test]
fn every_sentence_said_in_the_examples_fills_its_template() {
    let declared: BTreeSet<&str> = SAYS.iter().flat_map(|l| l.iter()).map(|s| s.key()).collect();
    let mut said = BTreeSet::new();
    for (name, text) in common::examples() {
        let mut sim = build(&Scenario::parse(&text).unwrap()).unwrap();
        // The inspector's rows that are sentences, as a reader sees them at each step (once
        // per English text).
        let mut rows = BTreeMap::new();
        while sim.step() {
            for n in sim.view(sim.now()).nodes {
                for text in n.view.rows.into_iter().flat_map(|(k, v)| [k, v]) {
                    if let RowText::Said(say) = text {
                        rows.entry(say.to_string()).or_insert(say);
                    }
                }
            }
        }
        for say in rows.values() {
            let key = say.sentence.key();
            assert!(declared.contains(key), "{name}: the row sentence {key} is not in SAYS");
            check_filled(key, say.sentence.en(), &say.items(), &name);
        }
        sim.for_each_record(u64::MAX, &mut |e| {
            let say = match &e.what {
                What::Note { text, .. } => text,
                What::Violation { explanation, .. } => explanation,
                _ => return,
            };
            let key = say.sentence.key();
            assert!(declared.contains(key), "{name}: {key} is not in SAYS");
            said.insert(key);
            check_filled(key, say.sentence.en(), &say.items(), &name);
        });
    }
    // The examples exercise every protocol's main sentences (not all: some need rare faults).
    for protocol in NAMES {
        assert!(said.iter().any(|k| k.starts_with(&format!("{protocol}."))), "no example says anything of {protocol}");
    }
}
