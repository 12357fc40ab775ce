//! Languages and the page's own words (buttons, labels, messages) in every language.
//! Tour texts live with the tours (tours/, src/tour); this module holds what the app chrome says.
//!
//! The page chooses the language once (`choose`) and the select#lang changes it. English is
//! compiled in; the other languages are fetched when chosen (`fetch`).

#[cfg(target_arch = "wasm32")]
mod fetch;
mod lang;
mod strings;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_refusals;
#[cfg(test)]
mod tests_runs;
mod words;

#[cfg(target_arch = "wasm32")]
pub use fetch::ensure;
pub use lang::{choose, query_lang, Lang};
pub use strings::{format, text};
pub use words::Words;

/// Natively (tests) there is nothing to fetch: the languages stay as installed.
#[cfg(not(target_arch = "wasm32"))]
pub fn ensure(_: Lang, _: impl FnOnce() + 'static) {}
