//! The scenario format of architecture.md: one JSON document describes a run completely.
//! Parsing is strict: unknown fields, missing fields, wrong types and out-of-range values are
//! refused with a message that names the field by its path (fields.rs reads them).

mod event;
mod fields;
pub mod limits;
pub mod params;
pub mod says;
mod validate;

use std::fmt::{self, Write as _};

use crate::say;
use crate::sim::say::{English, Say, Tongue};

use serde::Serialize;
use serde_json::Value;

use fields::Fields;

pub use fields::one_of;
pub use params::{ms_range, ms_value, read_params, Params};
pub use validate::{prepare, Prepared};

/// Written by serde's derive; read by `Scenario::parse`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub protocol: String,
    pub nodes: u32,
    pub seed: u64,
    pub duration_ms: u64,
    pub network: NetworkSpec,
    pub params: serde_json::Map<String, Value>,
    pub events: Vec<EventSpec>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkSpec {
    pub latency_ms: [u64; 2],
    pub loss: f64,
    pub duplicate: f64,
    pub fifo: bool,
}

impl Default for NetworkSpec {
    /// RaftScope's latency; a reliable, unordered network.
    fn default() -> Self {
        NetworkSpec { latency_ms: [10, 15], loss: 0.0, duplicate: 0.0, fifo: false }
    }
}

/// One scheduled action. `node`, `from`, `to` and group members are node ids 1..=n.
/// Written by serde's derive; read by event.rs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum EventSpec {
    ClientRequest { at_ms: u64, node: u32, value: String },
    Crash { at_ms: u64, node: u32 },
    Recover { at_ms: u64, node: u32 },
    Timeout { at_ms: u64, node: u32 },
    StartElection { at_ms: u64, node: u32 },
    Partition { at_ms: u64, groups: Vec<Vec<u32>> },
    Heal { at_ms: u64 },
    Cut { at_ms: u64, from: u32, to: u32 },
    Restore { at_ms: u64, from: u32, to: u32 },
    /// Drop the in-flight message with this trace id.
    Drop { at_ms: u64, message: u64 },
    /// Hold the in-flight message with this trace id back by `by_ms`.
    Delay { at_ms: u64, message: u64, by_ms: u64 },
    /// Change the network from now on (the UI's loss and latency sliders): messages sent
    /// later use the new values; messages already in flight keep the fate they were given.
    SetNetwork {
        at_ms: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        latency_ms: Option<[u64; 2]>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        loss: Option<f64>,
    },
}

impl EventSpec {
    pub fn at_ms(&self) -> u64 {
        use EventSpec::*;
        match self {
            ClientRequest { at_ms, .. }
            | Crash { at_ms, .. }
            | Recover { at_ms, .. }
            | Timeout { at_ms, .. }
            | StartElection { at_ms, .. }
            | Partition { at_ms, .. }
            | Heal { at_ms }
            | Cut { at_ms, .. }
            | Restore { at_ms, .. }
            | Drop { at_ms, .. }
            | Delay { at_ms, .. }
            | SetNetwork { at_ms, .. } => *at_ms,
        }
    }
}

/// A refused scenario: one line that names the field (its path in the document, data the
/// same in every language) and what is allowed (a sentence, said in the reader's language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    path: String,
    problem: Say,
}

impl ScenarioError {
    /// `path: problem` in `tongue`. Control characters a document smuggled into a field name
    /// or value (a newline, an ANSI escape) are shown escaped: the message stays one line and
    /// cannot drive a terminal.
    pub fn said(&self, tongue: &dyn Tongue) -> String {
        let mut line = String::new();
        let _ = write!(line, "{}: ", self.path);
        let _ = self.problem.write_in(&mut line, tongue);
        let mut out = String::with_capacity(line.len());
        for c in line.chars() {
            if c.is_control() {
                let _ = write!(out, "{}", c.escape_default());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// What is wrong, without the path.
    pub fn problem(&self) -> &Say {
        &self.problem
    }
}

/// In English, as the command line and the tests have it.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said(&English))
    }
}

impl std::error::Error for ScenarioError {}

/// `field: problem`, or `scenario: problem` for the document itself.
pub(crate) fn at(path: &str, problem: impl Into<Say>) -> ScenarioError {
    let path = if path.is_empty() || path == "." { "scenario" } else { path };
    ScenarioError { path: path.into(), problem: problem.into() }
}

/// `at` for field `field` of the object at `path` (`events[2]`, `at_ms`: `events[2].at_ms`).
/// One out-of-line call instead of a `format!` at each of the many refusals.
#[inline(never)]
pub(crate) fn at_field(path: &str, field: &str, problem: Say) -> ScenarioError {
    at(&format!("{path}.{field}"), problem)
}

/// The fields of a scenario document, in the order they are read.
const FIELDS: &[&str] = &["protocol", "nodes", "seed", "duration_ms", "network", "params", "events"];

/// A scenario from its JSON; errors read `path: problem`.
fn read(value: &Value) -> Result<Scenario, ScenarioError> {
    let f = Fields::of(value, "", FIELDS)?;
    let (protocol, nodes, seed, duration_ms) = (f.need("protocol")?, f.need("nodes")?, f.need("seed")?, f.need("duration_ms")?);
    let net = Fields::of(f.raw("network").unwrap_or(&Value::Null), "network", &["latency_ms", "loss", "duplicate", "fifo"])?;
    let default = NetworkSpec::default();
    let network = NetworkSpec {
        latency_ms: net.get("latency_ms")?.unwrap_or(default.latency_ms),
        loss: net.get("loss")?.unwrap_or(default.loss),
        duplicate: net.get("duplicate")?.unwrap_or(default.duplicate),
        fifo: net.get("fifo")?.unwrap_or(default.fifo),
    };
    let params = match f.raw("params") {
        None => serde_json::Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(at("params", say!(says::OBJECT_LIKE, example = "{\"name\": value}"))),
    };
    let events = match f.raw("events") {
        None => Vec::new(),
        Some(Value::Array(list)) => list.iter().enumerate().map(|(i, e)| event::read_event(e, &format!("events[{i}]"))).collect::<Result<_, _>>()?,
        Some(_) => return Err(at("events", says::EVENTS_LIST)),
    };
    Ok(Scenario { protocol, nodes, seed, duration_ms, network, params, events })
}

impl Scenario {
    /// Parse a scenario document; structural errors only (ranges are checked by `prepare`).
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        if text.len() > limits::MAX_BYTES {
            return Err(at("", say!(says::TOO_LARGE, bytes = text.len(), limit = limits::MAX_BYTES)));
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| at("", say!(says::NOT_JSON, error = json_problem(&e))))?;
        if !value.is_object() {
            return Err(at("", say!(says::NOT_AN_OBJECT, example = "{\"protocol\": \"ring\", ...}")));
        }
        read(&value)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }
}

/// A JSON syntax error as a sentence: serde_json's problem ("expected value", serde's words),
/// the line and the column (its Display, "... at line 1 column 5", when it knows where).
fn json_problem(e: &serde_json::Error) -> crate::sim::Arg {
    let text = e.to_string();
    match text.rsplit_once(" at line ") {
        Some((problem, _)) if e.line() > 0 => say!(says::JSON_AT, problem, line = e.line(), column = e.column()).into(),
        _ => text.into(),
    }
}
