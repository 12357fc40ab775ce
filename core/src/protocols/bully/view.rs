//! How a bully process, its messages and its timers are drawn. Colours are ColorBrewer Set2,
//! as in the ring view: orange for an election in progress, green for the coordinator.

use crate::say;
use crate::sim::view::{push_row, MsgView, NodeView, RowText};

use super::msg::{Msg, Timer};
use super::node::{ms, Stage};
use super::says;
use super::{Bully, BullyConfig};

pub const COORDINATOR: &str = "#66c2a5";
pub const ELECTING: &str = "#fc8d62";
pub const FOLLOWER: &str = "#8da0cb";
pub const ANSWER: &str = "#e78ac3";
pub const HEARTBEAT: &str = "#b3b3b3";

// `..Default::default()` keeps these views compiling when the core adds fields.
#[allow(clippy::needless_update)]
pub fn node(b: &Bully, cfg: &BullyConfig) -> NodeView {
    let (role, colour, label) = match (b.is_coordinator(), b.election.map(|e| e.stage)) {
        // A coordinator re-checking the higher ids (a `start_election` on it) stays one.
        (true, _) => ("coordinator", COORDINATOR, "♛".to_string()),
        (false, Some(Stage::AwaitAnswers)) => ("electing", ELECTING, "?".to_string()),
        (false, Some(Stage::AwaitCoordinator)) => ("electing", ELECTING, "…".to_string()),
        (false, None) => ("follower", FOLLOWER, b.coordinator.map_or("?".to_string(), |c| format!("→P{c}"))),
    };
    let believes = match b.coordinator {
        Some(c) if c == b.me => "itself".to_string(),
        Some(c) => format!("P{c}"),
        None => "nobody yet".to_string(),
    };
    let election: RowText = match b.election {
        None => "none".into(),
        Some(e) => match e.stage {
            Stage::AwaitAnswers => say!(says::AWAITS_ANSWER, by = e.id.by, seq = e.id.seq),
            Stage::AwaitCoordinator => say!(says::AWAITS_COORDINATOR, by = e.id.by, seq = e.id.seq),
        }
        .into(),
    };
    let mut rows = Vec::new();
    push_row(&mut rows, "believes coordinator is", believes.into());
    push_row(&mut rows, "election", election);
    let t = format!("2·{} + {} = {}", ms(cfg.tmax), ms(cfg.tprocess), ms(cfg.t()));
    push_row(&mut rows, "T = 2·Tmax + Tprocess", t.into());
    push_row(&mut rows, "T' = T + 2·Tmax (wait for Coordinator)", ms(cfg.t_prime()).into());
    let heartbeat = say!(says::HEARTBEAT_EVERY, heartbeat = ms(cfg.heartbeat), suspect = ms(cfg.detect()));
    push_row(&mut rows, "heartbeat / suspect after", heartbeat.into());
    NodeView::new(role, colour, label.into(), rows)
}

#[allow(clippy::needless_update)]
pub fn message(msg: &Msg) -> MsgView {
    let (label, kind, colour) = match msg {
        Msg::Election { .. } => ("Election".to_string(), "election", ELECTING),
        Msg::Answer { .. } => ("Answer".to_string(), "answer", ANSWER),
        Msg::Coordinator { leader, .. } => (format!("Coordinator(P{leader})"), "coordinator", COORDINATOR),
        Msg::Heartbeat { .. } => ("heartbeat".to_string(), "heartbeat", HEARTBEAT),
    };
    MsgView::new(label, kind, colour)
}

pub fn timer(t: &Timer) -> String {
    match t {
        Timer::Heartbeat => "next heartbeat",
        Timer::FailureDetector => "failure detector (heartbeat + T)",
        Timer::AnswerWait => "T: wait for an Answer",
        Timer::CoordinatorWait => "T': wait for Coordinator",
    }
    .into()
}
