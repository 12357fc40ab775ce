//! Why a tour was refused: one line naming the file, the step and the problem, so a tour
//! author (or a teacher with a broken link) knows what to fix.
//!
//! The line is all anyone needs (the page shows it; tests read it), so it is one `Told::Text`
//! made by one function (`TourError::at`) from the file, the step and the problem's words: an
//! enum with a variant per problem cost the wasm its own formatting code for each, and a
//! `format!` per refusal site its own copy of the allocation around it. A file's problems are
//! for the tour's author and stay English; a tour that cannot be fetched is told to the reader
//! in the page's language.

use std::fmt::{self, Write};

use crate::i18n::{Lang, Words};
use crate::told::Told;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourError(Told);

impl TourError {
    /// `tours/raft.json: step 'split-vote': PROBLEM`, or without the step when `step` is empty
    /// (a problem with the whole file). `format_args!` at the call site costs a few words on
    /// the stack, where `format!` would inline an allocation per site.
    #[inline(never)]
    pub fn at(file: &str, step: &str, problem: fmt::Arguments) -> TourError {
        let mut line = String::new();
        let _ = write!(line, "{file}: ");
        if !step.is_empty() {
            let _ = write!(line, "step '{step}': ");
        }
        let _ = line.write_fmt(problem);
        TourError(Told::Text(line))
    }

    /// A problem with no file to name (an unknown tour, a failed fetch).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // made by fetch.rs, in the browser only
    pub fn other(message: Told) -> TourError {
        TourError(message)
    }

    /// What the page says.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub fn told(self) -> Told {
        self.0
    }
}

impl fmt::Display for TourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Words::of(Lang::En).told(&self.0))
    }
}

impl std::error::Error for TourError {}
