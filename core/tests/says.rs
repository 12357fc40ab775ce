//! What the core says (notes, violation explanations) is a sentence key and arguments: the
//! keys are unique and named after who says them, and every sentence said in the examples
//! fills exactly the placeholders its template has, at every level.

mod common;

use std::collections::BTreeSet;

use consenso_core::protocols::{NAMES, SAYS};
use consenso_core::sim::trace::What;
use consenso_core::sim::{Arg, Say};
use consenso_core::{build, Scenario};

fn placeholders(template: &str) -> BTreeSet<&str> {
    template.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(name, _)| name)).collect()
}

#[test]
fn sentence_keys_are_unique_and_belong_to_the_simulator_or_a_protocol() {
    let mut seen = BTreeSet::new();
    for s in SAYS.iter().flat_map(|list| list.iter()) {
        assert!(seen.insert(s.key), "{} is declared twice", s.key);
        let (owner, name) = s.key.split_once('.').unwrap_or_else(|| panic!("{} has no owner part", s.key));
        assert!(owner == "sim" || NAMES.contains(&owner), "{}: {owner} is neither sim nor a protocol", s.key);
        assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{}", s.key);
    }
    assert!(seen.len() > 150, "only {} sentences", seen.len());
}

/// Every placeholder of `say`'s template has an argument and every argument a placeholder,
/// in it and in every part of it.
fn check_filled(say: &Say, context: &str) {
    let wanted = placeholders(say.sentence.en);
    let given: BTreeSet<&str> = say.args.iter().map(|(n, _)| *n).collect();
    assert_eq!(wanted, given, "{context}: {} is said with other arguments than its template has", say.sentence.key);
    for (_, arg) in &say.args {
        check_arg(arg, context);
    }
}

fn check_arg(arg: &Arg, context: &str) {
    match arg {
        Arg::Part(part) => check_filled(part, context),
        Arg::List(items, _) => items.iter().for_each(|a| check_arg(a, context)),
        Arg::Word { word, .. } => assert!(!word.is_empty(), "{context}: an empty word"),
        Arg::Num(_) | Arg::Text(_) => {}
    }
}

#[test]
fn every_sentence_said_in_the_examples_fills_its_template() {
    let declared: BTreeSet<&str> = SAYS.iter().flat_map(|l| l.iter()).map(|s| s.key).collect();
    let mut said = BTreeSet::new();
    for (name, text) in common::examples() {
        let mut sim = build(&Scenario::parse(&text).unwrap()).unwrap();
        while sim.step() {}
        sim.for_each_record(u64::MAX, &mut |e| {
            let say = match &e.what {
                What::Note { text, .. } => text,
                What::Violation { explanation, .. } => explanation,
                _ => return,
            };
            assert!(declared.contains(say.sentence.key), "{name}: {} is not in SAYS", say.sentence.key);
            said.insert(say.sentence.key);
            check_filled(say, &name);
        });
    }
    // The examples exercise every protocol's main sentences (not all: some need rare faults).
    for protocol in NAMES {
        assert!(said.iter().any(|k| k.starts_with(&format!("{protocol}."))), "no example says anything of {protocol}");
    }
}
