//! `Words`: what a component needs to speak the page's language. It is a prop (Copy, cheap to
//! compare) rather than a global, so a component re-renders when the language changes and
//! again when that language's file arrives (`ready` flips), and not otherwise.

use consenso_core::sim::say::{Say, Sentence, Tongue};

use super::strings::{fill, installed, lookup, slug, text, Arg};
use super::Lang;

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

    /// The text of a key built at run time, or `fallback` (the data's English) without one.
    pub fn or<'a>(self, key: &str, fallback: &'a str) -> &'a str {
        lookup(self.lang, key).unwrap_or(fallback)
    }
}

impl Tongue for Words {
    fn template(&self, s: &'static Sentence) -> &'static str {
        if self.lang == Lang::En {
            return s.en;
        }
        lookup(self.lang, &format!("say.{}", s.key)).unwrap_or(s.en)
    }

    fn word<'a>(&self, area: &'static str, word: &'a str) -> &'a str {
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
}
