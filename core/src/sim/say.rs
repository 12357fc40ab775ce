//! What the core says to a reader (a protocol's note, an invariant's explanation) as a
//! sentence key and its arguments rather than finished English, so that a UI can say it in
//! the reader's language. The English template of every sentence lives beside the protocol
//! that says it (its `says.rs`, one `static` per sentence, listed in its `SAYS`); other
//! languages are the UI's business. Rendered in English (`Display`), a sentence is exactly
//! the text the trace, the report and the trace hash are made of.

use std::fmt::{self, Display, Write};

use serde::{Serialize, Serializer};

/// One sentence a protocol can say: its key ("ring.starts_election", unique across the
/// core) and its English template, with `{name}` for each argument.
#[derive(Debug, PartialEq, Eq)]
pub struct Sentence {
    pub key: &'static str,
    pub en: &'static str,
}

/// A sentence with its arguments filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Say {
    pub sentence: &'static Sentence,
    pub args: Vec<(&'static str, Arg)>,
}

/// One argument of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// The same in every language: a count, an index, a term.
    Num(u64),
    /// The same in every language: a node's name, a ballot, a client's value, a path.
    Text(String),
    /// A word of the protocol's vocabulary (a role, "attack"): a reader's language has its
    /// own, found by `area` and the word as the view types' words are (the UI's `data`).
    Word { area: &'static str, word: &'static str },
    /// A part of the sentence that is a sentence of its own ("it has no entry at index 4").
    Part(Box<Say>),
    /// Arguments one after the other with a separator between them ("attack to P2; retreat
    /// to P3"): punctuation, the same in every language.
    List(Vec<Arg>, &'static str),
}

/// Where a reader's language gets its words: the template of a sentence and the word for
/// an `Arg::Word`.
pub trait Tongue {
    fn template(&self, s: &'static Sentence) -> &'static str;
    fn word<'a>(&self, area: &'static str, word: &'a str) -> &'a str;
}

/// The core's own language: the templates and words as written in the code.
pub struct English;

impl Tongue for English {
    fn template(&self, s: &'static Sentence) -> &'static str {
        s.en
    }
    fn word<'a>(&self, _area: &'static str, word: &'a str) -> &'a str {
        word
    }
}

impl Say {
    pub fn new(sentence: &'static Sentence, args: Vec<(&'static str, Arg)>) -> Say {
        Say { sentence, args }
    }

    /// Write the sentence in `tongue`. A placeholder without an argument stays as it is
    /// (visible, so the slip is noticed; never a panic).
    pub fn write_in(&self, out: &mut dyn Write, tongue: &dyn Tongue) -> fmt::Result {
        let mut rest = tongue.template(self.sentence);
        while let Some(open) = rest.find('{') {
            let Some(len) = rest[open..].find('}') else { break };
            out.write_str(&rest[..open])?;
            let name = &rest[open + 1..open + len];
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, arg)) => arg.write_in(out, tongue)?,
                None => out.write_str(&rest[open..=open + len])?,
            }
            rest = &rest[open + len + 1..];
        }
        out.write_str(rest)
    }

    /// The sentence in `tongue`.
    pub fn render(&self, tongue: &dyn Tongue) -> String {
        let mut out = String::with_capacity(self.sentence.en.len() + 16);
        let _ = self.write_in(&mut out, tongue);
        out
    }
}

impl Arg {
    pub fn write_in(&self, out: &mut dyn Write, tongue: &dyn Tongue) -> fmt::Result {
        match self {
            Arg::Num(n) => write!(out, "{n}"),
            Arg::Text(t) => out.write_str(t),
            Arg::Word { area, word } => out.write_str(tongue.word(area, word)),
            Arg::Part(part) => part.write_in(out, tongue),
            Arg::List(items, sep) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.write_str(sep)?;
                    }
                    item.write_in(out, tongue)?;
                }
                Ok(())
            }
        }
    }
}

/// In English.
impl Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_in(f, &English)
    }
}

/// In English, as the trace and the report have it.
impl Display for Say {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_in(f, &English)
    }
}

/// A string: the English text, byte for byte what the trace hash has always been made of.
impl Serialize for Say {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Num(n)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Num(n.into())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n as u64)
    }
}

impl From<String> for Arg {
    fn from(t: String) -> Arg {
        Arg::Text(t)
    }
}

impl From<&str> for Arg {
    fn from(t: &str) -> Arg {
        Arg::Text(t.to_string())
    }
}

impl From<&String> for Arg {
    fn from(t: &String) -> Arg {
        Arg::Text(t.clone())
    }
}

impl From<Say> for Arg {
    fn from(s: Say) -> Arg {
        Arg::Part(Box::new(s))
    }
}

/// A sentence with no arguments is a part as it is.
impl From<&'static Sentence> for Arg {
    fn from(s: &'static Sentence) -> Arg {
        Arg::Part(Box::new(Say::new(s, Vec::new())))
    }
}

impl From<&'static Sentence> for Say {
    fn from(s: &'static Sentence) -> Say {
        Say::new(s, Vec::new())
    }
}

/// A word argument: `word("role", "leader")`.
pub fn word(area: &'static str, word: &'static str) -> Arg {
    Arg::Word { area, word }
}

/// `say!(SENTENCE, node = 3, value)`: the sentence with its arguments, each converted with
/// `Arg::from`; a bare name is a variable of that name.
#[macro_export]
macro_rules! say {
    ($sentence:expr $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::sim::say::Say::new(
            &$sentence,
            vec![$((stringify!($name), $crate::say!(@value $name $($value)?))),*],
        )
    };
    (@value $name:ident) => { $crate::sim::say::Arg::from($name) };
    (@value $name:ident $value:expr) => { $crate::sim::say::Arg::from($value) };
}

/// Declare a protocol's sentences, one `static` each, and `SAYS`, the list of all of them
/// (for the test that every language has every one):
/// `says! { STARTS = "ring.starts": "P{node} starts an election"; }`.
#[macro_export]
macro_rules! says {
    ($($(#[$doc:meta])* $name:ident = $key:literal : $en:literal;)*) => {
        $($(#[$doc])* pub static $name: $crate::sim::say::Sentence = $crate::sim::say::Sentence { key: $key, en: $en };)*
        /// Every sentence declared here.
        pub static SAYS: &[&$crate::sim::say::Sentence] = &[$(&$name),*];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    mod says {
        crate::says! {
            STARTS = "test.starts": "P{node} starts an election for term {term}{why}";
            WHY = "test.why": ", because {who} is {role}";
        }
    }

    struct Shouting;
    impl Tongue for Shouting {
        fn template(&self, s: &'static Sentence) -> &'static str {
            if s.key == "test.why" { " ({role} {who})" } else { s.en }
        }
        fn word<'a>(&self, _area: &'static str, word: &'a str) -> &'a str {
            if word == "leader" { "LEADER" } else { word }
        }
    }

    #[test]
    fn a_sentence_renders_in_english_and_in_another_tongue() {
        let why = say!(says::WHY, who = "P2", role = word("role", "leader"));
        let s = say!(says::STARTS, node = 1u32, term = 4u64, why);
        assert_eq!(s.to_string(), "P1 starts an election for term 4, because P2 is leader");
        assert_eq!(s.render(&Shouting), "P1 starts an election for term 4 (LEADER P2)");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"P1 starts an election for term 4, because P2 is leader\"");
        assert_eq!(says::SAYS.len(), 2);
    }

    #[test]
    fn a_missing_argument_shows_its_placeholder() {
        let s = say!(says::STARTS, node = 1u32);
        assert_eq!(s.to_string(), "P1 starts an election for term {term}{why}");
    }
}
