//! The tours as shipped: every tour loads in every language, every step's scenario runs to its
//! pause, and the step shows what its text claims about invariants. Native: the files are read
//! from tours/ as the site will serve them.
//!
//! `cargo test -p consenso tour::tests::dump -- --ignored --nocapture` prints what each step
//! shows at its pause (roles, labels, outcome, broken invariants): use it when writing a step.

use std::collections::BTreeSet;
use std::fs;

use consenso_core::sim::time::ms;
use consenso_core::sim::trace::What;
use consenso_core::{build, Scenario, Simulation};

use super::*;
use crate::i18n::Lang;

fn read(path: &str) -> String {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn tour(id: &str, lang: Lang) -> Tour {
    load(id, lang, &read(&file_name(id, None)), &read(&file_name(id, Some(lang)))).unwrap_or_else(|e| panic!("{e}"))
}

/// A run at a step's pause, built from scratch.
fn run_to(step: &Step) -> Box<dyn Simulation> {
    let s = Scenario::parse(&step.scenario).unwrap();
    let mut sim = build(&s).unwrap();
    sim.run_until(ms(step.pause_ms));
    sim
}

fn broken(sim: &dyn Simulation) -> BTreeSet<String> {
    sim.invariants().iter().filter(|i| !i.ok).map(|i| i.name.to_string()).collect()
}

#[test]
fn every_tour_loads_in_every_language() {
    for id in TOURS {
        for lang in Lang::ALL {
            let t = tour(id, lang);
            assert_eq!(t.lang, lang);
            assert!(t.steps.len() >= 4, "{id}: a tour of {} steps", t.steps.len());
        }
    }
}

#[test]
fn every_tour_file_belongs_to_a_tour_and_a_language() {
    let dir = format!("{}/tours", env!("CARGO_MANIFEST_DIR"));
    for f in fs::read_dir(&dir).unwrap() {
        let name = f.unwrap().file_name().into_string().unwrap();
        let stem = name.strip_suffix(".json").unwrap_or_else(|| panic!("tours/{name}: only .json files belong here"));
        let (id, lang) = match stem.split_once('.') {
            Some((id, code)) => (id, Some(code)),
            None => (stem, None),
        };
        assert!(TOURS.contains(&id), "tours/{name}: '{id}' is not in TOURS (src/tour/mod.rs)");
        if let Some(code) = lang {
            assert!(Lang::ALL.iter().any(|l| l.code() == code), "tours/{name}: '{code}' is not a language of the page");
        }
    }
}

/// For tour writers (docs/tours.md): `TOUR_DUMP=raft` (or `all`) makes the test below also
/// print what each step shows at its pause, to check the text against.
fn dump(id: &str, step: &Step, sim: &dyn Simulation) {
    let Ok(only) = std::env::var("TOUR_DUMP") else { return };
    if only != "all" && only != id {
        return;
    }
    println!("== {id} / {} at {} ms: {}", step.id, step.pause_ms, step.title);
    for n in sim.view(sim.now()).nodes {
        let up = if n.up { "" } else { " (down)" };
        println!("   P{}{up}: {} [{}]", n.id, n.view.role, n.view.label);
    }
    println!("   outcome {}", sim.report().outcome);
    println!("   broken {:?}", broken(sim));
}

#[test]
fn steps_run_to_their_pause_and_break_only_what_they_say() {
    for id in TOURS {
        let t = tour(id, Lang::En);
        for step in &t.steps {
            let sim = run_to(step);
            dump(id, step, sim.as_ref());
            let name = format!("tours/{id}.json, step '{}'", step.id);
            assert!(sim.report().stopped_early.is_none(), "{name}: the run stopped early");
            let got = broken(sim.as_ref());
            let want: BTreeSet<String> = step.expect_violation.iter().cloned().collect();
            assert_eq!(got, want, "{name}: invariants broken at {} ms", step.pause_ms);
            if let Some(kind) = &step.highlight.message_kind {
                let sent = sim.trace().iter().any(|e| e.at <= ms(step.pause_ms) && matches!(&e.what, What::Send { kind: k, .. } if k == kind));
                assert!(sent, "{name}: highlights message kind '{kind}', but none was sent by {} ms", step.pause_ms);
            }
        }
    }
}

#[test]
fn every_tour_shows_its_protocol_working_before_breaking_it() {
    for id in TOURS {
        let t = tour(id, Lang::En);
        assert!(t.steps[0].expect_violation.is_none(), "{id}: the first step should show the protocol working");
        assert!(t.steps.iter().filter(|s| s.expect_violation.is_none()).count() * 2 > t.steps.len(), "{id}: mostly broken steps");
    }
}

/// The digits and node names a step's text mentions (`120 ms`, `P3`, `index 2`), in a language.
fn figures(step: &Step) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in std::iter::once(&step.title).chain(&step.paragraphs) {
        let mut cur = String::new();
        for c in p.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_digit() {
                cur.push(c);
            } else if !cur.is_empty() {
                out.insert(std::mem::take(&mut cur));
            }
        }
    }
    out
}

/// Translations say the same facts: the same numbers (times, terms, indexes, node ids) appear
/// in a step's text in every language, so a time fixed in English cannot stay wrong elsewhere.
#[test]
fn translations_mention_the_same_numbers() {
    for id in TOURS {
        let en = tour(id, Lang::En);
        for lang in &Lang::ALL[1..] {
            let other = tour(id, *lang);
            for (a, b) in en.steps.iter().zip(&other.steps) {
                assert_eq!(figures(b), figures(a), "tours/{id}.{lang}.json, step '{}': other numbers than English", a.id);
            }
        }
    }
}

#[test]
fn texts_are_plain_text() {
    for id in TOURS {
        for lang in Lang::ALL {
            for step in &tour(id, lang).steps {
                for p in std::iter::once(&step.title).chain(&step.paragraphs) {
                    let tag = p.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'));
                    assert!(!tag && !p.contains("&lt;") && !p.contains("&amp;"), "tours/{id}.{lang}.json, step '{}': markup in {p:?}", step.id);
                    assert!(p.len() <= 400, "tours/{id}.{lang}.json, step '{}': a paragraph of {} bytes; keep it short", step.id, p.len());
                }
            }
        }
    }
}

#[test]
fn links_name_steps_by_id_or_number_and_continue_plays_on() {
    let t = tour("raft", Lang::Pt);
    assert_eq!(t.find_step("split-vote"), t.steps.iter().position(|s| s.id == "split-vote"));
    assert_eq!(t.find_step("1"), Some(0));
    assert_eq!(t.find_step(&t.steps.len().to_string()), Some(t.steps.len() - 1));
    assert_eq!(t.find_step("0"), None);
    assert_eq!(t.find_step("nope"), None);
    assert_eq!(t.start_ms(0), 0);
    // Steps 1 and 2 pause the same scenario at 0 and 100 ms: Continue plays from 0 to 100.
    assert_eq!((t.steps[1].scenario == t.steps[0].scenario, t.start_ms(1)), (true, t.steps[0].pause_ms));
    let new_scenario = (1..t.steps.len()).find(|&i| t.steps[i].scenario != t.steps[i - 1].scenario).unwrap();
    assert_eq!(t.start_ms(new_scenario), 0);
}
