//! Reading one scenario event: `action` says which fields it needs and allows.
//! (serde's derive for an internally tagged enum buffers every event into an intermediate
//! tree and cost the web bundle about 10 KB gzipped.)

use serde_json::Value;

use super::fields::{one_of, Fields};
use super::{at_field, EventSpec, ScenarioError};

/// The actions and the fields each takes besides `action` and `at_ms` (all of them required,
/// except set_network's two, of which validation asks for at least one).
const ACTIONS: [(&str, &[&str]); 12] = [
    ("client_request", &["node", "value"]),
    ("crash", &["node"]),
    ("recover", &["node"]),
    ("timeout", &["node"]),
    ("start_election", &["node"]),
    ("partition", &["groups"]),
    ("heal", &[]),
    ("cut", &["from", "to"]),
    ("restore", &["from", "to"]),
    ("drop", &["message"]),
    ("delay", &["message", "by_ms"]),
    ("set_network", &["latency_ms", "loss"]),
];

/// The event at `path` (`events[3]`), or what is wrong with it, named by field.
pub fn read_event(value: &Value, path: &str) -> Result<EventSpec, ScenarioError> {
    let action: String = Fields::any(value, path)?.need("action")?;
    let names = ACTIONS.map(|(name, _)| name);
    let (name, fields) = ACTIONS[one_of(&action, &names).map_err(|e| at_field(path, "action", e))?];
    let known: Vec<&str> = ["action", "at_ms"].into_iter().chain(fields.iter().copied()).collect();
    let f = Fields::of(value, path, &known)?;
    let at_ms = f.need("at_ms")?;
    Ok(match name {
        "client_request" => EventSpec::ClientRequest { at_ms, node: f.need("node")?, value: f.need("value")? },
        "crash" => EventSpec::Crash { at_ms, node: f.need("node")? },
        "recover" => EventSpec::Recover { at_ms, node: f.need("node")? },
        "timeout" => EventSpec::Timeout { at_ms, node: f.need("node")? },
        "start_election" => EventSpec::StartElection { at_ms, node: f.need("node")? },
        "partition" => EventSpec::Partition { at_ms, groups: f.need("groups")? },
        "heal" => EventSpec::Heal { at_ms },
        "cut" => EventSpec::Cut { at_ms, from: f.need("from")?, to: f.need("to")? },
        "restore" => EventSpec::Restore { at_ms, from: f.need("from")?, to: f.need("to")? },
        "drop" => EventSpec::Drop { at_ms, message: f.need("message")? },
        "delay" => EventSpec::Delay { at_ms, message: f.need("message")?, by_ms: f.need("by_ms")? },
        _ => EventSpec::SetNetwork { at_ms, latency_ms: f.get("latency_ms")?, loss: f.get("loss")? },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<EventSpec, String> {
        read_event(&serde_json::from_str(json).unwrap(), "events[0]").map_err(|e| e.to_string())
    }

    #[test]
    fn every_action_reads_back_what_it_writes() {
        let all = [
            EventSpec::ClientRequest { at_ms: 1, node: 2, value: "x".into() },
            EventSpec::Crash { at_ms: 1, node: 2 },
            EventSpec::Recover { at_ms: 1, node: 2 },
            EventSpec::Timeout { at_ms: 1, node: 2 },
            EventSpec::StartElection { at_ms: 1, node: 2 },
            EventSpec::Partition { at_ms: 1, groups: vec![vec![1, 2], vec![3]] },
            EventSpec::Heal { at_ms: 1 },
            EventSpec::Cut { at_ms: 1, from: 2, to: 3 },
            EventSpec::Restore { at_ms: 1, from: 2, to: 3 },
            EventSpec::Drop { at_ms: 1, message: 7 },
            EventSpec::Delay { at_ms: 1, message: 7, by_ms: 40 },
            EventSpec::SetNetwork { at_ms: 1, latency_ms: Some([5, 9]), loss: None },
            EventSpec::SetNetwork { at_ms: 1, latency_ms: None, loss: Some(0.25) },
        ];
        assert_eq!(all.len() - 1, ACTIONS.len());
        for e in all {
            assert_eq!(read(&serde_json::to_string(&e).unwrap()), Ok(e));
        }
    }

    #[test]
    fn a_field_of_another_action_or_a_missing_one_is_named() {
        let extra = read(r#"{"action": "crash", "at_ms": 1, "node": 1, "by_ms": 3}"#).unwrap_err();
        assert_eq!(extra, "events[0].by_ms: unknown field `by_ms`, expected one of `action`, `at_ms`, `node`");
        let missing = read(r#"{"action": "delay", "at_ms": 1, "message": 4}"#).unwrap_err();
        assert_eq!(missing, "events[0]: missing field `by_ms`");
        let unknown = read(r#"{"action": "explode", "at_ms": 1}"#).unwrap_err();
        assert!(unknown.starts_with("events[0].action: unknown variant `explode`") && unknown.contains("`set_network`"), "{unknown}");
        assert_eq!(read(r#"{"at_ms": 1, "node": 1}"#).unwrap_err(), "events[0]: missing field `action`");
        let mistyped = read(r#"{"action": "crash", "at_ms": 1, "node": "two"}"#).unwrap_err();
        assert!(mistyped.starts_with("events[0].node: invalid type: string \"two\""), "{mistyped}");
    }
}
