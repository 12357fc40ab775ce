//! Why a tour was refused: one line naming the file, the step and the problem, so a tour
//! author (or a teacher with a broken link) knows what to fix.
//!
//! The line is all anyone needs (the page shows it; tests read it), so it is made where the
//! problem is found: an enum with a variant per problem cost the wasm its own formatting code
//! for each, and the page only ever printed it. A file's problems are for the tour's author
//! and stay English; a tour that cannot be fetched is told to the reader in the page's language.

use std::fmt;

use crate::i18n::{Lang, Words};
use crate::told::Told;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourError(Told);

impl TourError {
    /// A problem with a whole file: `tours/raft.json: ...`.
    pub fn in_file(file: &str, problem: &str) -> TourError {
        TourError(Told::Text(format!("{file}: {problem}")))
    }

    /// A problem with one step: `tours/raft.json: step 'split-vote': ...`.
    pub fn at_step(file: &str, step: &str, problem: &str) -> TourError {
        TourError::in_file(file, &format!("step '{step}': {problem}"))
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
