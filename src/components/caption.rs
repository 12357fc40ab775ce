//! The one sentence under the drawing that says what just happened, as in The Secret Lives
//! of Data. Node names ("P2") and role words ("leader") in it are coloured like the things
//! they name in the drawing, so the eye can jump from the sentence to the picture.

use std::rc::Rc;

use consenso_core::sim::view::WorldView;
use yew::prelude::*;

use crate::i18n::Words;
use crate::state::{Kind, Note};

/// Props of `caption`, a plain function rather than a component: its world changes on every
/// frame of a run that plays, so a component's props check only ever cost a deep comparison
/// (and the wasm ~0.6 KB gz of Yew lifecycle).
pub struct CaptionProps {
    pub note: Option<Rc<Note>>,
    pub world: Rc<WorldView>,
    /// Message kinds seen so far, for words like "Elected(17)".
    pub kinds: Rc<Vec<Kind>>,
    pub words: Words,
}

pub fn caption(props: CaptionProps) -> Html {
    let w = &*props.world;
    let text = match &props.note {
        Some(note) => props.words.say(&note.text),
        None => props.words.f("caption.start", &[("n", &w.nodes.len())]),
    };
    let when = props.note.as_ref().map(|n| props.words.f("caption.at", &[("t", &(n.at / 1000))]));
    html! {
        <div class="caption">
            <p id="caption" aria-live="polite">{ for words(&text).map(|word| highlight(word, w, &props.kinds, props.words)) }</p>
            <p class="when">{ when.unwrap_or_default() }</p>
        </div>
    }
}

/// The text cut into words and the spaces between them (both kept, so nothing is lost).
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest.find(|c: char| c.is_whitespace() != space).unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// A word that names a node, a role or a message kind shown in the drawing, in that thing's
/// colour.
fn highlight(word: &str, w: &WorldView, kinds: &[Kind], lang: Words) -> Html {
    let core = core_of(word);
    let colour = node_named(core, w).or_else(|| role_named(core, w, lang)).or_else(|| kind_named(core, kinds));
    match colour {
        Some(colour) if !core.is_empty() => {
            let start = word.find(core).unwrap_or(0);
            let (before, rest) = word.split_at(start);
            let (core, after) = rest.split_at(core.len());
            html! { <>{ before }<span class="term" style={format!("background:{colour}")}>{ core }</span>{ after }</> }
        }
        _ => html! { { word } },
    }
}

fn node_named(word: &str, w: &WorldView) -> Option<String> {
    let id: u32 = word.strip_prefix('P')?.parse().ok()?;
    let node = w.nodes.iter().find(|n| n.id == id)?;
    Some(if node.up { node.view.colour.clone() } else { "#e6e6e6".into() })
}

/// The word without the punctuation around it: "(P2)," gives "P2", "Elected(17):" gives
/// "Elected(17)".
fn core_of(word: &str) -> &str {
    let w = word.trim_matches(|c: char| !letter_or_digit(c) && !"()-".contains(c));
    let w = w.trim_start_matches('(');
    if w.contains('(') { w } else { w.trim_end_matches(')') }
}

/// Letters and digits of English, Portuguese and Spanish: ASCII and the Latin-1 and Latin
/// Extended-A/B letters (á, ç, ñ, ...). `char::is_alphanumeric` would answer for every
/// script, but it brings Unicode's tables into the wasm, and the page writes only these.
fn letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || (('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷')
}

/// A message label such as "Elected(17)" names its kind ("elected"). A bare word such as
/// "election" names the idea, not a message, so it stays plain.
fn kind_named(word: &str, kinds: &[Kind]) -> Option<String> {
    let (head, _) = word.split_once('(')?;
    kinds.iter().find(|k| k.kind.eq_ignore_ascii_case(head)).map(|k| k.colour.clone())
}

/// A role in the page's language ("líder") or the protocol's own ("leader").
fn role_named(word: &str, w: &WorldView, lang: Words) -> Option<String> {
    let named = |role: &str| role.eq_ignore_ascii_case(word) || lang.data("role", role).eq_ignore_ascii_case(word);
    w.nodes.iter().find(|n| n.up && named(&n.view.role)).map(|n| n.view.colour.clone())
}

#[cfg(test)]
mod tests {
    use super::{core_of, words};

    #[test]
    fn words_keep_every_character() {
        let text = "P2 got its own id back:  it is the leader";
        assert_eq!(words(text).collect::<String>(), text);
        assert_eq!(words(text).next(), Some("P2"));
    }

    #[test]
    fn punctuation_is_not_part_of_a_name() {
        assert_eq!(core_of("(P2),"), "P2");
        assert_eq!(core_of("Elected(17):"), "Elected(17)");
        assert_eq!(core_of("non-participating."), "non-participating");
        assert_eq!(core_of("—"), "");
        // The page's languages: accented letters are part of a word, their punctuation is not.
        assert_eq!(core_of("«líder»,"), "líder");
        assert_eq!(core_of("¿elección?"), "elección");
        assert_eq!(core_of("→P3·"), "P3");
    }
}
