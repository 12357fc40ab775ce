//! What the core says to a reader (a protocol's note, an invariant's explanation) as a
//! sentence key and its arguments rather than finished English, so that a UI can say it in
//! the reader's language. The English template of every sentence lives beside the protocol
//! that says it (its `says.rs`, one `const` per sentence, listed in its `SAYS`); other
//! languages are the UI's business. Rendered in English (`Display`), a sentence is exactly
//! the text the trace, the report and the trace hash are made of.
//!
//! Arguments are positional, in the order their placeholders first appear in the English
//! template: `say!` names them for the reader of the code and checks the names against the
//! template at compile time, so nothing but the values reaches the bundle.

use std::fmt::{self, Display, Write};

use serde::{Serialize, Serializer};

/// Between a sentence's key and its English template in `Sentence`.
const SEP: char = '\u{1f}';

/// One sentence a protocol can say: its key ("ring.starts_election", unique across the
/// core) and its English template, with `{name}` for each argument. Kept as one string
/// ("key\u{1f}template") so that a sentence costs the bundle its text and nothing more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence(&'static str);

impl Sentence {
    /// `joined` is `concat!(key, "\u{1f}", template)` (as `says!` writes it).
    pub const fn joined(joined: &'static str) -> Sentence {
        Sentence(joined)
    }

    pub fn key(self) -> &'static str {
        self.0.split_once(SEP).map_or("", |(key, _)| key)
    }

    pub fn en(self) -> &'static str {
        self.0.split_once(SEP).map_or(self.0, |(_, en)| en)
    }
}

/// A sentence with its arguments filled in. The arguments are kept encoded in one string
/// (see `Arg`): a note is made on most steps of a run and kept in its trace, and one string
/// is cheaper to build, clone, compare and drop than a tree, in time and in bundle size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Say {
    pub sentence: Sentence,
    /// The encoded arguments, each followed by `END`, in the order the English template
    /// first names them.
    args: String,
}

/// One encoded argument: text (a count, a node's name, a ballot, a client's value: the same
/// in every language), a word of the protocol's vocabulary (a role, "attack": a reader's
/// language has its own, found by area and word as the view types' words are), a part that is
/// a sentence of its own, or a list of arguments with a separator (punctuation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg(String);

/// The encoding's marks: control characters, escaped (`ESC`) wherever text holds one.
const END: char = '\u{1e}';
const WORD: char = '\u{1d}';
const PART: char = '\u{1c}';
const LIST: char = '\u{19}';
/// Ends a part's sentence or a list's separator.
const INNER: char = '\u{17}';
const CLOSE: char = '\u{1a}';
const ESC: char = '\u{1b}';

/// An argument as it was given, decoded (for checks and tests; rendering reads the encoding).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Text(String),
    Word { area: String, word: String },
    Part { key: String, en: String, items: Vec<Item> },
    List(Vec<Item>, String),
}

/// Where a reader's language gets its words: the template of a sentence (by key, with its
/// English) and the word for a word argument.
pub trait Tongue {
    fn template<'a>(&self, key: &str, en: &'a str) -> &'a str;
    fn word<'a>(&self, area: &str, word: &'a str) -> &'a str;
}

/// The core's own language: the templates and words as written in the code.
pub struct English;

impl Tongue for English {
    fn template<'a>(&self, _key: &str, en: &'a str) -> &'a str {
        en
    }
    fn word<'a>(&self, _area: &str, word: &'a str) -> &'a str {
        word
    }
}

/// The `{name}`s of a template, each once, in the order they first appear.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some((_, tail)) = rest.split_once('{') {
        let Some((name, after)) = tail.split_once('}') else { break };
        if !out.contains(&name) {
            out.push(name);
        }
        rest = after;
    }
    out
}

impl Say {
    /// The sentence with `args` in the order its English template first names them (see
    /// `say!`, which checks that order).
    pub fn new(sentence: Sentence, args: &[&dyn ToArg]) -> Say {
        let mut encoded = String::new();
        for a in args {
            a.encode(&mut encoded);
            encoded.push(END);
        }
        Say { sentence, args: encoded }
    }

    /// Write the sentence in `tongue`. A placeholder without an argument stays as it is
    /// (visible, so the slip is noticed; never a panic).
    pub fn write_in(&self, out: &mut dyn Write, tongue: &dyn Tongue) -> fmt::Result {
        fill(self.sentence.0, &self.args, out, tongue)
    }

    /// The sentence in `tongue`.
    pub fn render(&self, tongue: &dyn Tongue) -> String {
        let mut out = String::new();
        let _ = self.write_in(&mut out, tongue);
        out
    }

    /// The arguments, decoded.
    pub fn items(&self) -> Vec<Item> {
        split(&self.args).into_iter().map(decode).collect()
    }
}

/// `joined` ("key\u{1f}template") in `tongue`, its placeholders filled from `args`.
fn fill(joined: &str, args: &str, out: &mut dyn Write, tongue: &dyn Tongue) -> fmt::Result {
    let (key, en) = joined.split_once(SEP).unwrap_or(("", joined));
    let names = placeholders(en);
    let items = split(args);
    let mut rest = tongue.template(key, en);
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        out.write_str(&rest[..open])?;
        let name = &rest[open + 1..open + len];
        match names.iter().position(|n| *n == name).and_then(|i| items.get(i)) {
            Some(item) => write_item(item, out, tongue)?,
            None => out.write_str(&rest[open..=open + len])?,
        }
        rest = &rest[open + len + 1..];
    }
    out.write_str(rest)
}

/// The items of an encoded argument list (each without its `END`).
fn split(args: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start, mut escaped) = (Vec::new(), 0, 0, false);
    for (i, c) in args.char_indices() {
        match c {
            _ if escaped => escaped = false,
            ESC => escaped = true,
            PART | LIST => depth += 1,
            CLOSE => depth -= 1,
            END if depth == 0 => {
                out.push(&args[start..i]);
                start = i + END.len_utf8();
            }
            _ => {}
        }
    }
    out
}

/// A part's or a list's head (its sentence, its separator) and body (its items).
fn inner(item: &str) -> (&str, &str) {
    let body = &item[PART.len_utf8()..item.len() - CLOSE.len_utf8()];
    body.split_once(INNER).unwrap_or((body, ""))
}

fn write_item(item: &str, out: &mut dyn Write, tongue: &dyn Tongue) -> fmt::Result {
    match item.chars().next() {
        Some(WORD) => {
            let (area, word) = item[WORD.len_utf8()..].split_once(WORD).unwrap_or(("", item));
            out.write_str(tongue.word(area, word))
        }
        Some(PART) => {
            let (joined, args) = inner(item);
            fill(joined, args, out, tongue)
        }
        Some(LIST) => {
            let (sep, items) = inner(item);
            for (i, each) in split(items).into_iter().enumerate() {
                if i > 0 {
                    out.write_str(sep)?;
                }
                write_item(each, out, tongue)?;
            }
            Ok(())
        }
        _ => {
            let mut escaped = false;
            for c in item.chars() {
                if c == ESC && !escaped {
                    escaped = true;
                } else {
                    escaped = false;
                    out.write_char(c)?;
                }
            }
            Ok(())
        }
    }
}

fn decode(item: &str) -> Item {
    match item.chars().next() {
        Some(WORD) => {
            let (area, word) = item[WORD.len_utf8()..].split_once(WORD).unwrap_or(("", item));
            Item::Word { area: area.into(), word: word.into() }
        }
        Some(PART) => {
            let (joined, args) = inner(item);
            let (key, en) = joined.split_once(SEP).unwrap_or(("", joined));
            Item::Part { key: key.into(), en: en.into(), items: split(args).into_iter().map(decode).collect() }
        }
        Some(LIST) => {
            let (sep, items) = inner(item);
            Item::List(split(items).into_iter().map(decode).collect(), sep.into())
        }
        _ => {
            let mut text = String::new();
            let _ = write_item(item, &mut text, &English);
            Item::Text(text)
        }
    }
}

impl Arg {
    /// Arguments one after the other with `sep` between them ("attack to P2; retreat to P3").
    pub fn list(items: Vec<Arg>, sep: &'static str) -> Arg {
        let mut out = String::from(LIST);
        out.push_str(sep);
        out.push(INNER);
        for item in items {
            out.push_str(&item.0);
            out.push(END);
        }
        out.push(CLOSE);
        Arg(out)
    }
}

/// In English.
impl Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_item(&self.0, f, &English)
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

/// What may fill a placeholder. Numbers, names and values are text (the same in every
/// language); a word, a `Say` or a `Sentence` is translated.
pub trait ToArg {
    /// Append this argument's encoding (see `Arg`).
    fn encode(&self, out: &mut String);
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn encode(&self, out: &mut String) {
        (**self).encode(out)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn encode(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
number_args!(u32, u64, usize);

impl ToArg for str {
    fn encode(&self, out: &mut String) {
        for c in self.chars() {
            if c < ' ' {
                out.push(ESC);
            }
            out.push(c);
        }
    }
}

impl ToArg for String {
    fn encode(&self, out: &mut String) {
        self.as_str().encode(out)
    }
}

impl ToArg for Arg {
    fn encode(&self, out: &mut String) {
        out.push_str(&self.0)
    }
}

impl ToArg for Say {
    fn encode(&self, out: &mut String) {
        out.push(PART);
        out.push_str(self.sentence.0);
        out.push(INNER);
        out.push_str(&self.args);
        out.push(CLOSE);
    }
}

/// A sentence with no arguments is a part as it is.
impl ToArg for Sentence {
    fn encode(&self, out: &mut String) {
        Say::from(*self).encode(out)
    }
}

macro_rules! into_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(t: $t) -> Arg {
                let mut out = String::new();
                t.encode(&mut out);
                Arg(out)
            }
        }
    )*};
}
into_arg!(u32, u64, usize, &str, String, Say, Sentence);

impl From<Sentence> for Say {
    fn from(s: Sentence) -> Say {
        Say { sentence: s, args: String::new() }
    }
}

/// A word argument: `word("role", "leader")`.
pub fn word(area: &'static str, word: &'static str) -> Arg {
    Arg(format!("{WORD}{area}{WORD}{word}"))
}

/// Whether `names` are the placeholders of `sentence`'s English template, each once, in the
/// order they first appear (`say!` asserts it at compile time).
pub const fn names_match(sentence: Sentence, names: &[&str]) -> bool {
    let t = sentence.0.as_bytes();
    let mut i = 0;
    while i < t.len() && t[i] != 0x1f {
        i += 1;
    }
    let mut matched = 0;
    while i < t.len() {
        if t[i] != b'{' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < t.len() && t[end] != b'}' {
            end += 1;
        }
        if end == t.len() {
            break;
        }
        let mut seen = false;
        let mut k = 0;
        while k < matched {
            seen = seen || bytes_eq(names[k].as_bytes(), t, start, end);
            k += 1;
        }
        if !seen {
            if matched == names.len() || !bytes_eq(names[matched].as_bytes(), t, start, end) {
                return false;
            }
            matched += 1;
        }
        i = end + 1;
    }
    matched == names.len()
}

/// `name == t[start..end]`, in a const fn.
const fn bytes_eq(name: &[u8], t: &[u8], start: usize, end: usize) -> bool {
    if name.len() != end - start {
        return false;
    }
    let mut j = 0;
    while j < name.len() {
        if name[j] != t[start + j] {
            return false;
        }
        j += 1;
    }
    true
}

/// `say!(SENTENCE, node = 3, value)`: the sentence with its arguments (`ToArg`), named as
/// in its template and in the template's order, which the compiler checks; a bare name is
/// a variable of that name.
#[macro_export]
macro_rules! say {
    ($sentence:path $(, $name:ident $(= $value:expr)?)* $(,)?) => {{
        const _: () = assert!(
            $crate::sim::say::names_match($sentence, &[$(stringify!($name)),*]),
            "say!: the arguments are not the template's placeholders in order"
        );
        $crate::sim::say::Say::new($sentence, &[$(&$crate::say!(@value $name $($value)?) as &dyn $crate::sim::say::ToArg),*])
    }};
    (@value $name:ident) => { $name };
    (@value $name:ident $value:expr) => { $value };
}

/// Declare a protocol's sentences, one `const` each, and `SAYS`, the list of all of them
/// (for the test that every language has every one):
/// `says! { STARTS = "ring.starts": "P{node} starts an election"; }`.
#[macro_export]
macro_rules! says {
    ($($(#[$doc:meta])* $name:ident = $key:literal : $en:literal;)*) => {
        $($(#[$doc])* pub const $name: $crate::sim::say::Sentence = $crate::sim::say::Sentence::joined(concat!($key, "\u{1f}", $en));)*
        /// Every sentence declared here.
        pub const SAYS: &[$crate::sim::say::Sentence] = &[$($name),*];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    mod says {
        crate::says! {
            STARTS = "test.starts": "P{node} starts an election for term {term}{why}, P{node}";
            WHY = "test.why": ", because {who} is {role}";
        }
    }

    struct Shouting;
    impl Tongue for Shouting {
        fn template<'a>(&self, key: &str, en: &'a str) -> &'a str {
            if key == "test.why" { " ({role} {who})" } else { en }
        }
        fn word<'a>(&self, _area: &str, word: &'a str) -> &'a str {
            if word == "leader" { "LEADER" } else { word }
        }
    }

    #[test]
    fn a_sentence_renders_in_english_and_in_another_tongue() {
        let why = say!(says::WHY, who = "P2", role = word("role", "leader"));
        let s = say!(says::STARTS, node = 1u32, term = 4u64, why);
        assert_eq!(s.to_string(), "P1 starts an election for term 4, because P2 is leader, P1");
        assert_eq!(s.render(&Shouting), "P1 starts an election for term 4 (LEADER P2), P1");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"P1 starts an election for term 4, because P2 is leader, P1\"");
        assert_eq!((says::STARTS.key(), says::SAYS.len()), ("test.starts", 2));
    }

    #[test]
    fn arguments_decode_as_given_and_text_may_hold_any_character() {
        let odd = "x\u{1e}y\u{1b}{z}";
        let list = Arg::list(vec![word("word", "attack"), "P2".into()], "; ");
        let s = Say::new(says::WHY, &[&odd, &list]);
        assert_eq!(s.to_string(), format!(", because {odd} is attack; P2"));
        let items = s.items();
        assert_eq!(items[0], Item::Text(odd.into()));
        let Item::List(inner, sep) = &items[1] else { panic!("{items:?}") };
        assert_eq!((inner.len(), sep.as_str()), (2, "; "));
        assert_eq!(inner[0], Item::Word { area: "word".into(), word: "attack".into() });
        let nested = Say::new(says::STARTS, &[&1u32, &2u32, &s]);
        let Item::Part { key, items, .. } = &nested.items()[2] else { panic!() };
        assert_eq!((key.as_str(), items.len()), ("test.why", 2));
    }

    #[test]
    fn arguments_are_checked_against_the_template() {
        assert!(names_match(says::STARTS, &["node", "term", "why"]));
        assert!(!names_match(says::STARTS, &["term", "node", "why"]), "out of order");
        assert!(!names_match(says::STARTS, &["node", "term"]), "one missing");
        assert!(!names_match(says::STARTS, &["node", "term", "why", "more"]), "one too many");
        assert!(!names_match(says::WHY, &["who", "rolf"]), "misspelt");
        assert_eq!(placeholders("{a} and {b}, {a}"), vec!["a", "b"]);
    }

    #[test]
    fn a_missing_argument_shows_its_placeholder() {
        let s = Say::new(says::STARTS, &[&1u32]);
        assert_eq!(s.to_string(), "P1 starts an election for term {term}{why}, P1");
    }
}
