//! What the catalogue's runs show, against the language files: every word of the core a run
//! shows (a role, an inspector row, a timer, a word in a note) has a text in pt and es, and
//! every sentence an inspector row says ("1a Prepare sent; 1 of 3 promises") is said in pt
//! and es, and not in English.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use consenso_core::sim::say::Item;
use consenso_core::sim::view::RowText;
use consenso_core::sim::Say;

use super::strings::{install, slug};
use super::tests::{file, placeholders};
use super::{Lang, Words};

/// What the catalogue's runs show in their first 20,000 steps.
struct Shown {
    /// Every role, inspector row, timer, drop reason, command and word of a sentence, as
    /// `Words::data` keys. Rows that name a path of relayed orders ("1→2→3", OM's tree) are
    /// data, not names: they stay as they are.
    words: BTreeSet<String>,
    /// Every sentence an inspector row says (as its name or its value), once per English text.
    row_says: BTreeMap<String, Say>,
}

/// Harvested once for the tests that read it.
fn shown() -> &'static Shown {
    static SHOWN: OnceLock<Shown> = OnceLock::new();
    SHOWN.get_or_init(harvest)
}

fn harvest() -> Shown {
    use consenso_core::sim::trace::What;
    let mut out = BTreeSet::new();
    let mut row_says = BTreeMap::new();
    for e in crate::catalog::CATALOG {
        let mut sim = consenso_core::build(&consenso_core::Scenario::parse(e.text).unwrap()).unwrap();
        out.extend(sim.commands().iter().map(|c| format!("command.{}", slug(c))));
        while sim.steps() < 20_000 && sim.step() {
            for n in sim.view(sim.now()).nodes {
                out.insert(format!("role.{}", slug(&n.view.role)));
                out.extend(n.timers.iter().map(|t| format!("timer.{}", slug(&t.label))));
                for (name, value) in &n.view.rows {
                    match name {
                        RowText::Plain(k) if !k.contains('→') => {
                            out.insert(format!("row.{}", slug(k)));
                        }
                        RowText::Plain(_) => {}
                        RowText::Said(s) => said_in_a_row(s, &mut out, &mut row_says),
                    }
                    text_said("value", value, &mut out, &mut row_says);
                }
                text_said("label", &n.view.label, &mut out, &mut row_says);
            }
        }
        sim.for_each_record(u64::MAX, &mut |t| {
            match &t.what {
                What::Drop { reason, .. } => out.insert(format!("reason.{}", slug(reason))),
                What::Timer { timer, .. } => out.insert(format!("timer.{}", slug(timer))),
                What::Note { text, .. } | What::Violation { explanation: text, .. } => {
                    words_said(text, &mut out);
                    false
                }
                _ => false,
            };
        });
    }
    Shown { words: out, row_says }
}

/// A row's value or a circle's label: a word ("not yet", "attack") is looked up in `area`,
/// data (numbers, logs, client values such as "x", paths) is not, a sentence is said.
fn text_said(area: &str, text: &RowText, words: &mut BTreeSet<String>, row_says: &mut BTreeMap<String, Say>) {
    match text {
        RowText::Plain(v) if is_word(v) => {
            words.insert(format!("{area}.{}", slug(v)));
        }
        RowText::Plain(_) => {}
        RowText::Said(s) => said_in_a_row(s, words, row_says),
    }
}

fn said_in_a_row(say: &Say, words: &mut BTreeSet<String>, row_says: &mut BTreeMap<String, Say>) {
    words_said(say, words);
    row_says.entry(say.to_string()).or_insert_with(|| say.clone());
}

/// Letters, spaces and hyphens only, and more than one letter: a word or a phrase, not data.
fn is_word(v: &str) -> bool {
    v.len() > 1 && v.chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
}

/// The `Words::data` keys of the word arguments of a sentence, at every level.
fn words_said(say: &Say, out: &mut BTreeSet<String>) {
    fn walk(item: &Item, out: &mut BTreeSet<String>) {
        match item {
            Item::Word { area, word } => {
                out.insert(format!("{area}.{}", slug(word)));
            }
            Item::Part { items, .. } | Item::List(items, _) => items.iter().for_each(|i| walk(i, out)),
            Item::Text(_) => {}
        }
    }
    say.items().iter().for_each(|i| walk(i, out));
}

/// The keys and English templates of a sentence and of every sentence inside it.
fn sentences(say: &Say, out: &mut BTreeMap<String, String>) {
    fn walk(item: &Item, out: &mut BTreeMap<String, String>) {
        match item {
            Item::Part { key, en, items } => {
                out.insert(key.clone(), en.clone());
                items.iter().for_each(|i| walk(i, out));
            }
            Item::List(items, _) => items.iter().for_each(|i| walk(i, out)),
            Item::Word { .. } | Item::Text(_) => {}
        }
    }
    out.insert(say.sentence.key().into(), say.sentence.en().into());
    say.items().iter().for_each(|i| walk(i, out));
}

/// Whether a sentence says something in words (a template with letters outside its
/// placeholders, or a word argument, at any level), which another language must then say
/// otherwise; a list of data ("P2: (1,1) x; P3: (1,1) x") reads the same in every language.
fn has_words(say: &Say) -> bool {
    fn template(en: &str) -> bool {
        let mut outside = String::new();
        for (i, piece) in en.split(['{', '}']).enumerate() {
            if i % 2 == 0 {
                outside.push_str(piece);
            }
        }
        outside.chars().any(|c| c.is_ascii_alphabetic())
    }
    fn item(i: &Item) -> bool {
        match i {
            Item::Word { .. } => true,
            Item::Part { en, items, .. } => template(en) || items.iter().any(item),
            Item::List(items, _) => items.iter().any(item),
            Item::Text(_) => false,
        }
    }
    template(say.sentence.en()) || say.items().iter().any(item)
}

#[test]
fn every_word_of_the_core_a_run_shows_is_translated() {
    let seen = &shown().words;
    assert!(seen.len() > 60, "the runs showed only {} words: is the harvest broken?", seen.len());
    for lang in [Lang::Pt, Lang::Es] {
        let have = file(lang);
        let missing: Vec<&String> = seen.iter().filter(|k| !have.contains_key(*k)).collect();
        assert!(missing.is_empty(), "i18n/{lang}.json lacks words the protocols show: {missing:?}");
    }
}

/// The inspector's rows that are sentences with data in them: each has a template in pt and
/// es with English's placeholders, the page's English is the core's, and pt and es say each
/// one otherwise than English.
#[test]
fn every_sentence_an_inspector_row_says_is_said_in_pt_and_es() {
    let said = &shown().row_says;
    let mut templates = BTreeMap::new();
    said.values().for_each(|s| sentences(s, &mut templates));
    // Rows of every protocol say sentences (Raft's votes, Paxos' phase, bully's election...).
    for protocol in consenso_core::protocols::NAMES {
        assert!(templates.keys().any(|k| k.starts_with(&format!("{protocol}."))), "no row of {protocol} says a sentence");
    }
    let set = |s: &str| placeholders(s).into_iter().map(str::to_string).collect::<BTreeSet<String>>();
    for (en, say) in said {
        assert_eq!(&Words::ENGLISH.row("value", &RowText::Said(say.clone())), en, "the page's English is not the core's");
    }
    for lang in [Lang::Pt, Lang::Es] {
        let have = file(lang);
        for (key, en) in &templates {
            let t = have.get(&format!("say.{key}")).unwrap_or_else(|| panic!("i18n/{lang}.json lacks say.{key} ('{en}')"));
            assert_eq!(set(t), set(en), "i18n/{lang}.json: say.{key} has other placeholders than '{en}'");
        }
        let src = std::fs::read_to_string(format!("{}/i18n/{}.json", env!("CARGO_MANIFEST_DIR"), lang.code())).unwrap();
        install(lang, &src).unwrap();
        let words = Words::of(lang);
        for (en, say) in said.iter().filter(|(_, s)| has_words(s)) {
            let shown = words.row("value", &RowText::Said(say.clone()));
            assert_ne!(&shown, en, "{lang}: the row '{en}' ({}) is said in English", say.sentence.key());
        }
    }
}

#[test]
fn a_sentence_has_words_unless_it_is_only_data() {
    use consenso_core::protocols::{om, paxos};
    use consenso_core::say;
    use consenso_core::sim::say::word;
    use consenso_core::sim::Arg;
    let data: RowText = Arg::list(vec!["P2: (1,1) x".into(), "P3: (1,1) x".into()], "; ").into();
    let RowText::Said(data) = data else { panic!("a list is said") };
    assert!(!has_words(&data));
    let one_word: RowText = Arg::list(vec!["P2: (1,1) x".into(), say!(paxos::says::PROMISED_NOTHING, node = 3u32).into()], "; ").into();
    let RowText::Said(one_word) = one_word else { panic!("a list is said") };
    assert!(has_words(&one_word));
    assert!(has_words(&say!(om::says::BY_CHOICE, value = word("word", "attack"))));
    assert!(has_words(&say!(paxos::says::PHASE_DONE, value = "x")));
}
