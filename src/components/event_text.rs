//! Trace records in plain language, for the event log: one sentence per thing that happened,
//! naming nodes as the drawing does (P1..Pn). Pure text, so it is tested natively.

use consenso_core::sim::trace::What;
use consenso_core::sim::view::Fate;
use consenso_core::sim::{NodeId, Time};

/// What sort of thing a record is: a CSS class and the filter's name for it.
pub fn category(what: &What) -> &'static str {
    match what {
        What::Send { .. } => "send",
        What::Deliver { .. } => "deliver",
        What::Drop { .. } | What::DropMessage { .. } | What::DelayMessage { .. } => "drop",
        What::Timer { .. } => "timer",
        What::Command { .. } => "command",
        What::Crash { .. } | What::Recover { .. } => "fault",
        What::Partition { .. } | What::Heal | What::Cut { .. } | What::Restore { .. } | What::SetNetwork { .. } => "network",
        What::Note { .. } => "note",
        What::Violation { .. } => "violation",
    }
}

/// The record as a sentence.
pub fn sentence(what: &What) -> String {
    match what {
        What::Send { from, to, label, fate, .. } => {
            let doom = match fate {
                Fate::Deliver => "",
                Fate::Lost => " (it will be lost)",
                Fate::Cut => " (the link is cut)",
                Fate::Dropped => " (it will be dropped)",
            };
            format!("P{from} sends {label} to P{to}{doom}")
        }
        What::Deliver { from, to, label, .. } => format!("P{to} receives {label} from P{from}"),
        What::Drop { from, to, label, reason, .. } => format!("{label} from P{from} to P{to} is gone: {reason}"),
        What::Timer { node, timer } => format!("P{node}: {timer} timer fires"),
        What::Command { node, action, value } => match value {
            Some(v) => format!("P{node} gets a {} {v}", action.replace('_', " ")),
            None => format!("P{node} is told to {}", action.replace('_', " ")),
        },
        What::Crash { node } => format!("P{node} crashes"),
        What::Recover { node } => format!("P{node} recovers"),
        What::Partition { groups } => {
            let sides: Vec<String> = groups.iter().map(|g| names(g).join(" ")).collect();
            format!("The network splits: {}", sides.join(" | "))
        }
        What::Heal => "The network heals: every link works again".into(),
        What::Cut { from, to } => format!("The link P{from} → P{to} is cut"),
        What::Restore { from, to } => format!("The link P{from} → P{to} works again"),
        What::DropMessage { message } => format!("Message #{message} is dropped by hand"),
        What::DelayMessage { message, by } => format!("Message #{message} is delayed by {}", ms(*by)),
        What::SetNetwork { latency, loss_ppm } => format!(
            "The network changes: latency {}–{}, loss {}%",
            ms(latency[0]),
            ms(latency[1]),
            f64::from(*loss_ppm) / 10_000.0
        ),
        // Notes already name their node ("P2 becomes leader").
        What::Note { text, .. } => text.clone(),
        What::Violation { name, explanation, .. } => format!("{name} violated: {explanation}"),
    }
}

/// Whether the record concerns node `id` (the log's filter).
pub fn involves(what: &What, id: NodeId) -> bool {
    match what {
        What::Send { from, to, .. } | What::Deliver { from, to, .. } | What::Drop { from, to, .. } => {
            *from == id || *to == id
        }
        What::Cut { from, to } | What::Restore { from, to } => *from == id || *to == id,
        What::Timer { node, .. }
        | What::Command { node, .. }
        | What::Crash { node }
        | What::Recover { node }
        | What::Note { node, .. } => *node == id,
        What::Violation { nodes, .. } => nodes.contains(&id),
        // Every node is on one side of a partition; a heal or a hand intervention is global.
        What::Partition { .. }
        | What::Heal
        | What::SetNetwork { .. }
        | What::DropMessage { .. }
        | What::DelayMessage { .. } => true,
    }
}

/// Virtual time as the clock shows it: ms, with a decimal when it has one.
pub fn ms(t: Time) -> String {
    if t % 1000 == 0 {
        format!("{} ms", t / 1000)
    } else {
        format!("{}.{} ms", t / 1000, (t % 1000) / 100)
    }
}

fn names(ids: &[NodeId]) -> Vec<String> {
    ids.iter().map(|i| format!("P{i}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_sentences_naming_both_ends() {
        let send = What::Send { id: 4, from: 1, to: 3, label: "RequestVote(T2)".into(), kind: "RequestVote".into(), until: 9, fate: Fate::Deliver };
        assert_eq!(sentence(&send), "P1 sends RequestVote(T2) to P3");
        let lost = What::Send { id: 4, from: 1, to: 3, label: "Prepare(1.1)".into(), kind: "x".into(), until: 9, fate: Fate::Lost };
        assert_eq!(sentence(&lost), "P1 sends Prepare(1.1) to P3 (it will be lost)");
        let got = What::Deliver { id: 4, from: 1, to: 3, label: "Vote(T2, granted)".into() };
        assert_eq!(sentence(&got), "P3 receives Vote(T2, granted) from P1");
        let drop = What::Drop { id: 4, from: 2, to: 5, label: "Ok".into(), reason: "receiver is down".into() };
        assert_eq!(sentence(&drop), "Ok from P2 to P5 is gone: receiver is down");
        assert!(involves(&drop, 2) && involves(&drop, 5) && !involves(&drop, 1));
        assert_eq!(category(&drop), "drop");
    }

    #[test]
    fn faults_and_commands_read_plainly() {
        assert_eq!(sentence(&What::Crash { node: 3 }), "P3 crashes");
        assert_eq!(sentence(&What::Partition { groups: vec![vec![1, 2], vec![3, 4, 5]] }), "The network splits: P1 P2 | P3 P4 P5");
        let req = What::Command { node: 1, action: "client_request".into(), value: Some("x=1".into()) };
        assert_eq!(sentence(&req), "P1 gets a client request x=1");
        let t = What::Command { node: 2, action: "timeout".into(), value: None };
        assert_eq!(sentence(&t), "P2 is told to timeout");
        let v = What::Violation { name: "Agreement".into(), nodes: vec![2, 4], explanation: "P2 decided a, P4 decided b".into() };
        assert_eq!(sentence(&v), "Agreement violated: P2 decided a, P4 decided b");
        assert!(involves(&v, 4) && !involves(&v, 3));
        assert!(involves(&What::Heal, 7));
        let net = What::SetNetwork { latency: [10_000, 15_000], loss_ppm: 25_000 };
        assert_eq!(sentence(&net), "The network changes: latency 10 ms–15 ms, loss 2.5%");
        assert_eq!(category(&net), "network");
    }

    #[test]
    fn times_show_ms_with_a_decimal_only_when_needed() {
        assert_eq!(ms(12_000), "12 ms");
        assert_eq!(ms(12_345), "12.3 ms");
    }
}
