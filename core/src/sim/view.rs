//! The protocol-agnostic picture of the world at one instant: all the UI ever draws.

use std::fmt;

use serde::{Serialize, Serializer};

use super::say::{Arg, Say, Sentence};
use super::time::{NodeId, Time};

/// How a protocol wants one node shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NodeView {
    /// Role name, e.g. "leader", "follower", "participant".
    pub role: String,
    /// CSS colour of the role; always paired with `role`/`label`, never the only signal.
    pub colour: String,
    /// Short text drawn on the node (e.g. "T3" for a Raft term); a word or sentence in it is
    /// said in the reader's language, as a row is.
    pub label: RowText,
    /// Name/value lines for the inspector.
    pub rows: Vec<(RowText, RowText)>,
    /// Layout hint: `Some(k)` puts the node in column `k` (0 = leftmost) for protocols whose
    /// roles form a pipeline, as the course notes draw Paxos (proposers | acceptors |
    /// learners); `None` (the default) puts it on the ring. The UI uses columns only when
    /// every node has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u8>,
    /// A short sequence drawn beside the node as coloured cells (a Raft log, entries coloured
    /// by term); empty for protocols that have none. Only the tail is given when it is long.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Cell>,
    /// How many cells come before `cells[0]` and are not given (0 unless only the tail is),
    /// so the UI can say where the shown part starts.
    #[serde(skip_serializing_if = "is_zero")]
    pub cells_skipped: u64,
}

impl NodeView {
    /// A node shown as `role` in `colour`, with `label` on it and `rows` in the inspector (no
    /// column, no cells: set them after). Out of line: each protocol's views built the whole
    /// struct in place.
    #[inline(never)]
    pub fn new(role: &str, colour: &str, label: RowText, rows: Vec<(RowText, RowText)>) -> NodeView {
        NodeView { role: role.into(), colour: colour.into(), label, rows, ..Default::default() }
    }
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// A row's name or value: text as it is (a number, a ballot, a client's value, or a word such
/// as "not yet" that a UI looks up by itself), or a sentence with data in it ("1a Prepare
/// sent; 1 of 3 promises") that a UI says in its reader's language. Only sentences are
/// `Said`: the view is rebuilt often, and a number needs no translating.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowText {
    Plain(String),
    Said(Say),
}

/// Empty text (a node with nothing on its circle).
impl Default for RowText {
    fn default() -> RowText {
        RowText::Plain(String::new())
    }
}

impl From<String> for RowText {
    fn from(s: String) -> RowText {
        RowText::Plain(s)
    }
}

impl From<&str> for RowText {
    fn from(s: &str) -> RowText {
        RowText::Plain(s.into())
    }
}

impl From<Say> for RowText {
    fn from(s: Say) -> RowText {
        RowText::Said(s)
    }
}

impl From<Sentence> for RowText {
    fn from(s: Sentence) -> RowText {
        RowText::Said(s.into())
    }
}

/// A list of words and sentences ("attack to P2; retreat to P3") said as it is.
impl From<Arg> for RowText {
    fn from(a: Arg) -> RowText {
        RowText::Said(crate::say!(super::says::ITEMS, items = a))
    }
}

/// In English: the text the inspector has always shown.
impl fmt::Display for RowText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowText::Plain(s) => f.write_str(s),
            RowText::Said(s) => s.fmt(f),
        }
    }
}

/// A string, in English, as the rows always were.
impl Serialize for RowText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Append the inspector row `name: value` to `rows`. Out of line: a view is many rows, and
/// each push written in place cost the page's bundle its string copy and the list's growth.
#[inline(never)]
pub fn push_row(rows: &mut Vec<(RowText, RowText)>, name: &str, value: RowText) {
    rows.push((RowText::Plain(name.to_string()), value));
}

/// One cell of a node's sequence (see `NodeView::cells`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// A few characters drawn in the cell (a Raft entry's term).
    pub text: String,
    /// CSS colour of the cell; always paired with `text`.
    pub colour: String,
    /// Settled for good (a committed entry): drawn solid; otherwise drawn outlined and pale.
    pub settled: bool,
    /// A longer description for a tooltip (an entry's index, term and value).
    pub hint: String,
    /// An entry that carries no client command (Raft's §8 no-op): drawn as a round cell
    /// marked "no-op" rather than a square, so it is not read as a client's value.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub noop: bool,
}

/// How a protocol wants one message shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MsgView {
    /// Short label drawn beside the dot, e.g. "Election(5)".
    pub label: String,
    /// Message kind, used for colour and for per-kind counts, e.g. "election".
    pub kind: String,
    pub colour: String,
}

impl MsgView {
    /// Out of line, as `NodeView::new`: each protocol's `describe` built it in place.
    #[inline(never)]
    pub fn new(label: String, kind: &str, colour: &str) -> MsgView {
        MsgView { label, kind: kind.into(), colour: colour.into() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimerView {
    pub label: String,
    pub start: Time,
    pub expiry: Time,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeSnapshot {
    pub id: NodeId,
    pub up: bool,
    #[serde(flatten)]
    pub view: NodeView,
    pub timers: Vec<TimerView>,
}

/// What happens to a message when its time comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Deliver,
    /// Lost by the network's loss probability.
    Lost,
    /// Sent across a cut link (partition or one-way cut).
    Cut,
    /// Dropped by hand (a `drop` action).
    Dropped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageSnapshot {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub sent: Time,
    /// When it arrives, or when it dies if its fate is not `deliver`.
    pub until: Time,
    pub fate: Fate,
    #[serde(flatten)]
    pub view: MsgView,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorldView {
    pub now: Time,
    pub nodes: Vec<NodeSnapshot>,
    pub messages: Vec<MessageSnapshot>,
    /// Directed links that are cut at this instant (by a partition or a `cut`).
    pub cut_links: Vec<(NodeId, NodeId)>,
}
