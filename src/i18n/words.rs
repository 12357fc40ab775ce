//! `Words`: what a component needs to speak the page's language. It is a prop (Copy, cheap to
//! compare) rather than a global, so a component re-renders when the language changes and
//! again when that language's file arrives (`ready` flips), and not otherwise.

use consenso_core::sim::say::{Say, Tongue};
use consenso_core::sim::view::RowText;

use super::strings::{fill, installed, lookup, slug, text, Arg};
use super::Lang;
use crate::told::Told;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Words {
    pub lang: Lang,
    /// The language's own words are here (false: English shows until they arrive).
    ready: bool,
}

impl Words {
    /// English, always here (compiled in).
    #[cfg(test)]
    pub const ENGLISH: Words = Words { lang: Lang::En, ready: true };

    pub fn of(lang: Lang) -> Words {
        Words { lang, ready: installed(lang) }
    }

    /// The text of a key (see `strings::text`).
    pub fn t(self, key: &str) -> &str {
        text(self.lang, key)
    }

    /// A text with its `{name}` placeholders filled in.
    pub fn f(self, key: &str, args: &[Arg]) -> String {
        fill(text(self.lang, key), args)
    }

    /// Words that come from a protocol through the view types (a role, an inspector row, a
    /// timer): the text of `area.slug(data)` when a language file has it, else the protocol's
    /// own English. Renderers so name protocol data without matching on it.
    pub fn data<'a>(self, area: &str, data: &'a str) -> &'a str {
        self.or(&format!("{area}.{}", slug(data)), data)
    }

    /// A sentence of the core (a note, an invariant's explanation) in the page's language:
    /// its template is `say.<key>` of the language file, else the core's English; its word
    /// arguments are looked up as `data`.
    pub fn say(self, s: &Say) -> String {
        s.render(&self)
    }

    /// A message kept as what to say (a refusal), said now: a key's text with its arguments
    /// said first, or the core's refusal in its sentences.
    pub fn told(self, told: &Told) -> String {
        match told {
            Told::Text(text) => text.clone(),
            Told::Key(key, args) => {
                let said: Vec<String> = args.iter().map(|(_, a)| self.told(a)).collect();
                let args: Vec<Arg> = args.iter().zip(&said).map(|((name, _), s)| (*name, s as &dyn std::fmt::Display)).collect();
                self.f(key, &args)
            }
            Told::Refused(e) => e.said(&self),
        }
    }

    /// An inspector row's name (`area` "row") or value ("value"): a word looked up as `data`,
    /// a sentence said as `say`.
    pub fn row(self, area: &str, text: &RowText) -> String {
        match text {
            RowText::Plain(s) => self.data(area, s).into(),
            RowText::Said(s) => self.say(s),
        }
    }

    /// The text of a key built at run time, or `fallback` (the data's English) without one.
    pub fn or<'a>(self, key: &str, fallback: &'a str) -> &'a str {
        lookup(self.lang, key).unwrap_or(fallback)
    }
}

/// In English, for tests that look for words in a refusal.
#[cfg(test)]
impl Told {
    pub fn en(&self) -> String {
        Words::ENGLISH.told(self)
    }
}

impl Tongue for Words {
    fn template<'a>(&self, key: &str, en: &'a str) -> &'a str {
        if self.lang == Lang::En {
            return en;
        }
        lookup(self.lang, &format!("say.{key}")).unwrap_or(en)
    }

    fn word<'a>(&self, area: &str, word: &'a str) -> &'a str {
        self.data(area, word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_data_is_translated_by_key_or_left_as_it_is() {
        let en = Words::of(Lang::En);
        assert_eq!(en.data("role", "non-participating"), "non-participating");
        assert_eq!(en.data("row", "voted for"), "voted for");
        assert_eq!(en.data("row", "1→2→3"), "1→2→3");
        let pt = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/pt.json")).unwrap();
        super::super::strings::install(Lang::Pt, &pt).unwrap();
        let pt = Words::of(Lang::Pt);
        assert_eq!(pt.data("role", "leader"), "líder");
        assert_eq!(pt.data("role", "non-participating"), "não participante");
        assert_eq!(pt.data("row", "1→2→3"), "1→2→3");
        assert_eq!(pt.t("control.restart"), "Reiniciar");
    }

    /// The core's notes and explanations, with their parts and word arguments, in pt and es
    /// (and unchanged in English, which is the trace's text).
    #[test]
    fn the_cores_sentences_are_said_in_the_pages_language() {
        use consenso_core::protocols::{bully, om, raft};
        use consenso_core::say;
        use consenso_core::sim::say::word;
        for lang in [Lang::Pt, Lang::Es] {
            let src = std::fs::read_to_string(format!("{}/i18n/{}.json", env!("CARGO_MANIFEST_DIR"), lang.code())).unwrap();
            super::super::strings::install(lang, &src).unwrap();
        }
        let (en, pt, es) = (Words::of(Lang::En), Words::of(Lang::Pt), Words::of(Lang::Es));

        let won = say!(raft::says::WINS, node = 1u32, term = 2u64, voters = "P1, P3, P4");
        assert_eq!(en.say(&won), "P1 wins the election for term 2 with votes from P1, P3, P4: it is the leader");
        assert_eq!(pt.say(&won), "P1 vence a eleição do mandato 2 com os votos de P1, P3, P4: é o líder");

        // A role is a word of the page's language.
        let down = say!(raft::says::STEPS_DOWN, node = 2u32, term = 3u64, from = 4u32, role = word("role", "candidate"));
        assert_eq!(pt.say(&down), "P2 vê o mandato 3 numa mensagem de P4: um mandato mais novo, então o candidato volta a ser seguidor");
        assert_eq!(es.say(&down), "P2 ve el mandato 3 en un mensaje de P4: un mandato más nuevo, así que el candidato vuelve a ser seguidor");

        // A part of a sentence is a sentence of the same language.
        let waited = say!(bully::says::HAS_WAITED, t = "400 ms");
        let suspects = say!(bully::says::SUSPECTS, node = 1u32, why = waited, coordinator = 5u32);
        assert_eq!(en.say(&suspects), "P1 has waited heartbeat + T = 400 ms without news from P5: it suspects P5 crashed and starts an election");
        assert_eq!(es.say(&suspects), "P1 esperó heartbeat + T = 400 ms sin noticias de P5: sospecha que P5 se cayó e inicia una elección");

        // A violation's explanation, its orders words too.
        let ic2 = say!(om::says::IC2_BROKEN, node = 1u32, order = word("word", "attack"), wrong = "P2", other = word("word", "retreat"));
        assert_eq!(
            pt.say(&ic2),
            "IC2 (se o comandante é leal, todo tenente leal obedece à sua ordem) está quebrada: o comandante P1 é leal e ordenou atacar, mas os leais P2 decidiram retirar"
        );
        assert!(es.say(&ic2).ends_with("el comandante P1 es leal y ordenó atacar, pero los leales P2 decidieron retirarse"));
    }
}
