//! A message for the reader (why a link, a file or a scenario is refused) kept as what to say
//! rather than as finished text, so that it is said in the page's language when it is shown
//! (`Words::told`), and again in another one when the reader changes it.
//!
//! Free of the rest of the app (tests/wasm_share.rs includes it with hash.rs and compress.rs).

use consenso_core::ScenarioError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Told {
    /// Data, the same in every language: a name, a number, a value as the reader gave it.
    Text(String),
    /// A key of the language files, its `{placeholders}` filled with other messages.
    Key(&'static str, Vec<(&'static str, Told)>),
    /// A scenario the core refuses, in the core's sentences.
    Refused(ScenarioError),
}

impl Told {
    /// `Told::key("link.unknown", [("name", name.into())])`.
    pub fn key<const N: usize>(key: &'static str, args: [(&'static str, Told); N]) -> Told {
        Told::Key(key, args.into())
    }
}

impl From<String> for Told {
    fn from(text: String) -> Told {
        Told::Text(text)
    }
}

impl From<&str> for Told {
    fn from(text: &str) -> Told {
        Told::Text(text.into())
    }
}

/// Numbers are data too.
macro_rules! number {
    ($($t:ty),*) => {$(
        impl From<$t> for Told {
            fn from(n: $t) -> Told {
                Told::Text(n.to_string())
            }
        }
    )*};
}
number!(u16, u32, u64, usize);

impl From<ScenarioError> for Told {
    fn from(e: ScenarioError) -> Told {
        Told::Refused(e)
    }
}
