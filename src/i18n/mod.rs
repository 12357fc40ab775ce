//! Languages and the page's own words (buttons, labels, messages) in every language.
//! Tour texts live with the tours (tours/, src/tour); this module holds what the app chrome says.
//!
//! The page chooses the language once (`choose`) and the select#lang changes it.


mod lang;
mod strings;

pub use lang::{choose, query_lang, Lang};
pub use strings::{format, text};
