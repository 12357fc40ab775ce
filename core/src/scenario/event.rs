//! Reading one scenario event. serde's derive for an internally tagged enum (`"action": ...`)
//! buffers every event into an intermediate tree and cost the web bundle about 10 KB gzipped,
//! so events are read into one flat struct of every action's fields, and `Raw::check` then
//! says which fields the named action needs and allows, in serde's own words.

use serde::de::{Deserialize, Deserializer, Error as _};

use super::EventSpec;

/// Every field any action has; which are required or allowed depends on `action`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    action: String,
    at_ms: Option<u64>,
    node: Option<u32>,
    value: Option<String>,
    groups: Option<Vec<Vec<u32>>>,
    from: Option<u32>,
    to: Option<u32>,
    message: Option<u64>,
    by_ms: Option<u64>,
    latency_ms: Option<[u64; 2]>,
    loss: Option<f64>,
}

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

impl Raw {
    /// The fields present besides `action` and `at_ms`, by name.
    fn present(&self) -> [(&'static str, bool); 9] {
        [
            ("node", self.node.is_some()),
            ("value", self.value.is_some()),
            ("groups", self.groups.is_some()),
            ("from", self.from.is_some()),
            ("to", self.to.is_some()),
            ("message", self.message.is_some()),
            ("by_ms", self.by_ms.is_some()),
            ("latency_ms", self.latency_ms.is_some()),
            ("loss", self.loss.is_some()),
        ]
    }

    /// The event, or serde-worded complaints about the action's name and fields.
    fn check(self) -> Result<EventSpec, String> {
        let Some(&(name, fields)) = ACTIONS.iter().find(|(name, _)| *name == self.action) else {
            let names: Vec<String> = ACTIONS.iter().map(|(n, _)| format!("`{n}`")).collect();
            return Err(format!("unknown variant `{}`, expected one of {}", self.action, names.join(", ")));
        };
        if let Some((extra, _)) = self.present().into_iter().find(|(f, there)| *there && !fields.contains(f)) {
            let allowed: Vec<String> = ["action", "at_ms"].iter().chain(fields).map(|f| format!("`{f}`")).collect();
            return Err(format!("unknown field `{extra}` for action `{name}`, expected one of {}", allowed.join(", ")));
        }
        let missing = |f: &str| format!("missing field `{f}`");
        let at_ms = self.at_ms.ok_or_else(|| missing("at_ms"))?;
        let node = || self.node.ok_or_else(|| missing("node"));
        let from_to = || Ok::<_, String>((self.from.ok_or_else(|| missing("from"))?, self.to.ok_or_else(|| missing("to"))?));
        let message = || self.message.ok_or_else(|| missing("message"));
        Ok(match name {
            "client_request" => {
                let node = node()?;
                EventSpec::ClientRequest { at_ms, node, value: self.value.ok_or_else(|| missing("value"))? }
            }
            "crash" => EventSpec::Crash { at_ms, node: node()? },
            "recover" => EventSpec::Recover { at_ms, node: node()? },
            "timeout" => EventSpec::Timeout { at_ms, node: node()? },
            "start_election" => EventSpec::StartElection { at_ms, node: node()? },
            "partition" => EventSpec::Partition { at_ms, groups: self.groups.ok_or_else(|| missing("groups"))? },
            "heal" => EventSpec::Heal { at_ms },
            "cut" => {
                let (from, to) = from_to()?;
                EventSpec::Cut { at_ms, from, to }
            }
            "restore" => {
                let (from, to) = from_to()?;
                EventSpec::Restore { at_ms, from, to }
            }
            "drop" => EventSpec::Drop { at_ms, message: message()? },
            "delay" => EventSpec::Delay { at_ms, message: message()?, by_ms: self.by_ms.ok_or_else(|| missing("by_ms"))? },
            _ => EventSpec::SetNetwork { at_ms, latency_ms: self.latency_ms, loss: self.loss },
        })
    }
}

impl<'de> Deserialize<'de> for EventSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Raw::deserialize(d)?.check().map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<EventSpec, String> {
        serde_json::from_str::<EventSpec>(json).map_err(|e| e.to_string())
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
        assert!(extra.contains("unknown field `by_ms` for action `crash`") && extra.contains("`node`"), "{extra}");
        let missing = read(r#"{"action": "delay", "at_ms": 1, "message": 4}"#).unwrap_err();
        assert!(missing.contains("missing field `by_ms`"), "{missing}");
        let unknown = read(r#"{"action": "explode", "at_ms": 1}"#).unwrap_err();
        assert!(unknown.contains("unknown variant `explode`") && unknown.contains("`set_network`"), "{unknown}");
        assert!(read(r#"{"at_ms": 1, "node": 1}"#).unwrap_err().contains("missing field `action`"));
    }
}
