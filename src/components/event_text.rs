//! Trace records in plain language, for the event log: one sentence per thing that happened,
//! naming nodes as the drawing does (P1..Pn). Pure text, so it is tested natively.

use consenso_core::sim::trace::What;
use consenso_core::sim::view::Fate;
use consenso_core::sim::{NodeId, Time};

use crate::i18n::Words;

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

/// The record as a sentence, in the page's language. A message label stays as the protocol
/// wrote it; notes and invariants' explanations are the protocol's sentences in the page's
/// language (`Words::say`); timer names and drop reasons are looked up as protocol data
/// (`Words::data`).
pub fn sentence(w: Words, what: &What) -> String {
    match what {
        What::Send { from, to, label, fate, .. } => {
            let key = match fate {
                Fate::Deliver => "event.send",
                Fate::Lost => "event.send_lost",
                Fate::Cut => "event.send_cut",
                Fate::Dropped => "event.send_dropped",
            };
            w.f(key, &[("from", &from), ("label", label), ("to", &to)])
        }
        What::Deliver { from, to, label, .. } => {
            w.f("event.deliver", &[("to", &to), ("label", label), ("from", &from)])
        }
        What::Drop { from, to, label, reason, .. } => w.f(
            "event.drop",
            &[("label", label), ("from", &from), ("to", &to), ("reason", &w.data("reason", reason))],
        ),
        What::Timer { node, timer } => w.f("event.timer", &[("node", &node), ("timer", &w.data("timer", timer))]),
        What::Command { node, action, value } => {
            let words = action.replace('_', " ");
            let action = w.data("command", &words);
            match value {
                Some(v) => w.f("event.command_value", &[("node", &node), ("action", &action), ("value", v)]),
                None => w.f("event.command", &[("node", &node), ("action", &action)]),
            }
        }
        What::Crash { node } => w.f("event.crash", &[("node", &node)]),
        What::Recover { node } => w.f("event.recover", &[("node", &node)]),
        What::Partition { groups } => {
            let sides: Vec<String> = groups.iter().map(|g| names(g).join(" ")).collect();
            w.f("event.partition", &[("groups", &sides.join(" | "))])
        }
        What::Heal => w.t("event.heal").to_string(),
        What::Cut { from, to } => w.f("event.cut", &[("from", &from), ("to", &to)]),
        What::Restore { from, to } => w.f("event.restore", &[("from", &from), ("to", &to)]),
        What::DropMessage { message } => w.f("event.drop_message", &[("id", &message)]),
        What::DelayMessage { message, by } => w.f("event.delay_message", &[("id", &message), ("t", &ms(*by))]),
        What::SetNetwork { latency, loss_ppm } => w.f(
            "event.set_network",
            &[("lo", &ms(latency[0])), ("hi", &ms(latency[1])), ("loss", &percent(*loss_ppm))],
        ),
        // Notes already name their node ("P2 becomes leader").
        What::Note { text, .. } => w.say(text),
        What::Violation { name, explanation, .. } => w.f("event.violation", &[("name", name), ("why", &w.say(explanation))]),
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
    if t.is_multiple_of(1000) {
        format!("{} ms", t / 1000)
    } else {
        format!("{}.{} ms", t / 1000, (t % 1000) / 100)
    }
}

/// Parts per million as a percentage, "2.5" for 25,000: through integers, since this was the
/// last float the page printed, and float formatting costs the wasm about 8 KB gzipped.
fn percent(ppm: u32) -> String {
    let (whole, part) = (ppm / 10_000, ppm % 10_000);
    if part == 0 {
        return whole.to_string();
    }
    let digits = format!("{part:04}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

fn names(ids: &[NodeId]) -> Vec<String> {
    ids.iter().map(|i| format!("P{i}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::protocols::ring;

    const EN: Words = Words::ENGLISH;

    #[test]
    fn messages_read_as_sentences_naming_both_ends() {
        let send = What::Send { id: 4, from: 1, to: 3, label: "RequestVote(T2)".into(), kind: "RequestVote".into(), until: 9, fate: Fate::Deliver };
        assert_eq!(sentence(EN, &send), "P1 sends RequestVote(T2) to P3");
        let lost = What::Send { id: 4, from: 1, to: 3, label: "Prepare(1.1)".into(), kind: "x".into(), until: 9, fate: Fate::Lost };
        assert_eq!(sentence(EN, &lost), "P1 sends Prepare(1.1) to P3 (it will be lost)");
        let got = What::Deliver { id: 4, from: 1, to: 3, label: "Vote(T2, granted)".into() };
        assert_eq!(sentence(EN, &got), "P3 receives Vote(T2, granted) from P1");
        let drop = What::Drop { id: 4, from: 2, to: 5, label: "Ok".into(), reason: "receiver is down".into() };
        assert_eq!(sentence(EN, &drop), "Ok from P2 to P5 is gone: receiver is down");
        assert!(involves(&drop, 2) && involves(&drop, 5) && !involves(&drop, 1));
        assert_eq!(category(&drop), "drop");
    }

    #[test]
    fn faults_and_commands_read_plainly() {
        assert_eq!(sentence(EN, &What::Crash { node: 3 }), "P3 crashes");
        assert_eq!(sentence(EN, &What::Partition { groups: vec![vec![1, 2], vec![3, 4, 5]] }), "The network splits: P1 P2 | P3 P4 P5");
        let req = What::Command { node: 1, action: "client_request".into(), value: Some("x=1".into()) };
        assert_eq!(sentence(EN, &req), "P1 gets a client request x=1");
        let t = What::Command { node: 2, action: "timeout".into(), value: None };
        assert_eq!(sentence(EN, &t), "P2 is told to timeout");
        let why = consenso_core::say!(ring::says::DISAGREE, a = 2u32, leader = 3u32, other = 4u32, their = 5u32);
        let v = What::Violation { name: "Agreement".into(), nodes: vec![2, 4], explanation: why };
        assert_eq!(sentence(EN, &v), "Agreement violated: the election is over but P2 names P3 as leader while P4 names P5");
        assert!(involves(&v, 4) && !involves(&v, 3));
        assert!(involves(&What::Heal, 7));
        let net = What::SetNetwork { latency: [10_000, 15_000], loss_ppm: 25_000 };
        assert_eq!(sentence(EN, &net), "The network changes: latency 10 ms–15 ms, loss 2.5%");
        for ppm in [0, 1, 10, 25_000, 100_000, 123_456, 1_000_000] {
            assert_eq!(percent(ppm), (f64::from(ppm) / 10_000.0).to_string(), "{ppm} ppm");
        }
        assert_eq!(category(&net), "network");
    }

    #[test]
    fn times_show_ms_with_a_decimal_only_when_needed() {
        assert_eq!(ms(12_000), "12 ms");
        assert_eq!(ms(12_345), "12.3 ms");
    }
}
