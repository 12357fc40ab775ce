//! Why a tour was refused: one line naming the file, the step and the problem, so a tour
//! author (or a teacher with a broken link) knows what to fix.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TourError {
    /// Not valid JSON, or not the shape of a tour file (the message names the field's path).
    Format { file: String, problem: String },
    /// A tour id no tour has.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // made by fetch.rs, in the browser only
    UnknownTour { id: String, known: Vec<String> },
    /// The structure file's `id` is not its file name's.
    WrongId { file: String, found: String },
    NoSteps { file: String },
    /// A step id that is empty, repeated, or not made of letters, digits and '-'.
    BadStepId { file: String, step: String, problem: &'static str },
    /// The language file has no title and text for a step of the structure.
    MissingText { file: String, step: String },
    /// The language file has text for a step the structure does not have (renamed or removed).
    ExtraText { file: String, step: String },
    /// A step's title or paragraphs break the rules (a title; one or two paragraphs).
    BadText { file: String, step: String, problem: String },
    /// A step names neither an example nor an inline scenario, or both.
    ScenarioSource { file: String, step: String },
    UnknownExample { file: String, step: String, example: String },
    /// The core refused the step's scenario (after patching), or it runs another protocol.
    BadScenario { file: String, step: String, problem: String },
    PauseBeyondEnd { file: String, step: String, pause_ms: u64, duration_ms: u64 },
    UnknownNode { file: String, step: String, node: u32, nodes: u32 },
    UnknownInvariant { file: String, step: String, name: String, known: Vec<String> },
    /// The file could not be fetched from the site (the page fetches tours at run time).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Fetch { file: String, problem: String },
}

impl fmt::Display for TourError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use TourError::*;
        match self {
            Format { file, problem } => write!(f, "{file}: {problem}"),
            UnknownTour { id, known } => write!(f, "tour '{id}' does not exist; choose one of {}", known.join(", ")),
            WrongId { file, found } => write!(f, "{file}: id is '{found}', but the file name says otherwise"),
            NoSteps { file } => write!(f, "{file}: a tour needs at least one step"),
            BadStepId { file, step, problem } => write!(f, "{file}: step id '{step}' {problem}"),
            MissingText { file, step } => {
                write!(f, "{file}: step '{step}' has no text; every step needs a title and text in every language")
            }
            ExtraText { file, step } => write!(f, "{file}: text for step '{step}', which the tour does not have"),
            BadText { file, step, problem } => write!(f, "{file}: step '{step}': {problem}"),
            ScenarioSource { file, step } => {
                write!(f, "{file}: step '{step}': scenario needs exactly one of \"example\" (a catalog id) or \"inline\"")
            }
            UnknownExample { file, step, example } => {
                write!(f, "{file}: step '{step}': example '{example}' is not in the catalog (src/catalog.rs)")
            }
            BadScenario { file, step, problem } => write!(f, "{file}: step '{step}': scenario refused: {problem}"),
            PauseBeyondEnd { file, step, pause_ms, duration_ms } => write!(
                f,
                "{file}: step '{step}': pause_ms {pause_ms} is beyond the scenario's duration_ms {duration_ms}"
            ),
            UnknownNode { file, step, node, nodes } => {
                write!(f, "{file}: step '{step}': highlight node {node} does not exist; nodes are 1..={nodes}")
            }
            UnknownInvariant { file, step, name, known } => write!(
                f,
                "{file}: step '{step}': '{name}' is not an invariant of this protocol; known: {}",
                known.join(", ")
            ),
            Fetch { file, problem } => write!(f, "{file} could not be loaded: {problem}"),
        }
    }
}

impl std::error::Error for TourError {}
