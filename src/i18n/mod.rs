//! Languages and the page's own words (buttons, labels, messages) in every language.
//! Tour texts live with the tours (tours/, src/tour); this module holds what the app chrome says.
//!
//! Nothing in the app uses it yet: the lead wires it into the UI after the UI rewrite lands.
#![allow(dead_code, unused_imports)] // until the lead wires it in; remove then

mod lang;
mod strings;

pub use lang::{choose, query_lang, Lang};
pub use strings::{format, text};
