//! What a tour is. Two kinds of file make one tour (docs/tours.md):
//!
//! * `tours/<tour>.json`, language-neutral: the steps in order, each with its scenario, pause
//!   time, highlights and expected violation — everything the simulator checks;
//! * `tours/<tour>.<lang>.json`, one per language: the tour's title and, keyed by step id, each
//!   step's title and paragraphs — everything a translator touches.
//!
//! Structure lives in one file so it cannot drift between languages: a translator cannot move a
//! pause or forget a highlight, and a fix to a scenario fixes every language at once. The loader
//! refuses a language file whose step ids differ from the structure's.

use crate::i18n::Lang;

/// What the page should draw attention to while the step is shown. All optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Node ids (1..=n).
    pub nodes: Vec<u32>,
    /// A message kind as the protocol names it (`MsgView::kind`, e.g. "RequestVote").
    pub message_kind: Option<String>,
    /// An invariant name as the protocol reports it (e.g. "Election Safety").
    pub invariant: Option<String>,
}

/// A tour in one language, checked and ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    pub id: String,
    pub lang: Lang,
    /// The protocol every step runs (a step's scenario must agree).
    pub protocol: String,
    pub title: String,
    /// One sentence saying what the tour shows, for a list of tours.
    pub summary: String,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Stable across languages and releases: links (`step=split-vote`) and texts use it.
    pub id: String,
    pub title: String,
    /// One or two short paragraphs of plain text (no markup).
    pub paragraphs: Vec<String>,
    /// The scenario document to run (catalog example with the step's changes applied).
    pub scenario: String,
    /// Where the step stops, in ms of virtual time: the moment its text describes.
    pub pause_ms: u64,
    pub highlight: Highlight,
    /// The invariant this step breaks on purpose (a broken variant or a broken assumption);
    /// absent for every step that shows the protocol working.
    pub expect_violation: Option<String>,
}

impl Tour {
    /// The index of a step named in a link: its id (`split-vote`) or its number from 1 (`7`).
    pub fn find_step(&self, key: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == key).or_else(|| match key.parse::<usize>() {
            Ok(n) if (1..=self.steps.len()).contains(&n) => Some(n - 1),
            _ => None,
        })
    }

    /// Where step `i` starts playing, in ms: the previous step's pause when both steps run the
    /// same scenario (Continue then plays on from where the reader was, as in The Secret Lives
    /// of Data), else 0 (a new scenario starts from the beginning).
    pub fn start_ms(&self, i: usize) -> u64 {
        match (i.checked_sub(1).and_then(|p| self.steps.get(p)), self.steps.get(i)) {
            (Some(prev), Some(step)) if prev.scenario == step.scenario && prev.pause_ms <= step.pause_ms => prev.pause_ms,
            _ => 0,
        }
    }
}
