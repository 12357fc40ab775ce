//! Fault injection: every intervention becomes an event of the scenario, so the run stays
//! reproducible (the scenario text is rewritten and the run rebuilt, then shown at the same
//! moment).
//!
//! Time: an intervention happens at the current display time rounded *up* to a whole ms
//! (scenario times are ms), and the view moves there: everything shown before it stays true,
//! and scripted events run before any other event of their millisecond, so nothing happens
//! between the picture and the intervention.
//!
//! Forking: intervening at a past moment starts a new history from there. The user's own
//! later interventions are discarded (they belonged to the old future, and drops and delays
//! name messages by ids that the new future no longer gives out); the scenario's own scripted
//! events are kept. Changing a per-node param (a traitor) changes the run from time 0: it
//! keeps every event and returns to the same time.

use consenso_core::scenario::EventSpec;
use consenso_core::sim::view::Fate;
use consenso_core::sim::{NodeId, Time};
use consenso_core::Scenario;

use super::run::Loaded;
use crate::i18n::Words;

/// Longest client request value (the scenario's limit).
pub const MAX_VALUE_CHARS: usize = 64;

#[derive(Clone, Debug, PartialEq)]
pub enum Intervention {
    Crash(NodeId),
    Recover(NodeId),
    /// A protocol command (`About::commands`); `value` for a client request.
    Command { node: NodeId, action: String, value: Option<String> },
    /// Cut these nodes off from the others.
    PartitionOff(Vec<NodeId>),
    Heal,
    Drop(u64),
    Delay { message: u64, by_ms: u64 },
    /// The loss and latency sliders.
    Network { latency_ms: Option<[u64; 2]>, loss: Option<f64> },
}

/// The scenario time (ms) at which an intervention made at display time `t` (µs) happens.
pub fn at_ms(t: Time) -> u64 {
    t.div_ceil(1000)
}

impl Intervention {
    /// Refuse, with a message naming the problem, what cannot happen at `at` (µs) in `run`.
    pub fn check(&self, run: &Loaded, at: Time, w: Words) -> Result<(), String> {
        let about = &run.about;
        if at > about.end {
            return Err(w.f("notice.over", &[("t", &(about.end / 1000))]));
        }
        let world = &run.frame.world;
        let node = |id: NodeId| {
            world.nodes.iter().find(|n| n.id == id).ok_or_else(|| w.f("notice.no_node", &[("id", &id), ("n", &world.nodes.len())]))
        };
        match self {
            Intervention::Crash(id) if !node(*id)?.up => Err(w.f("notice.already_down", &[("id", &id)])),
            Intervention::Recover(id) if node(*id)?.up => Err(w.f("notice.already_up", &[("id", &id)])),
            Intervention::Command { node: id, action, value } => {
                if !about.commands.contains(&action.as_str()) {
                    return Err(w.f("notice.unknown_command", &[("protocol", &about.protocol), ("action", action)]));
                }
                if !node(*id)?.up {
                    return Err(w.f("notice.down", &[("id", &id)]));
                }
                let chars = value.as_deref().map_or(0, |v| v.trim().chars().count());
                if action == "client_request" && !(1..=MAX_VALUE_CHARS).contains(&chars) {
                    return Err(w.f("notice.request_value", &[("n", &MAX_VALUE_CHARS)]));
                }
                Ok(())
            }
            Intervention::PartitionOff(ids) => {
                for &id in ids {
                    node(id)?;
                }
                if ids.is_empty() || ids.len() >= world.nodes.len() {
                    return Err(w.t("notice.pick_some").into());
                }
                Ok(())
            }
            Intervention::Heal if world.cut_links.is_empty() => Err(w.t("notice.nothing_to_heal").into()),
            Intervention::Drop(id) | Intervention::Delay { message: id, .. } => {
                let m = world.messages.iter().find(|m| m.id == *id).ok_or_else(|| w.f("notice.gone", &[("id", &id)]))?;
                if m.fate != Fate::Deliver {
                    return Err(w.f("notice.doomed", &[("id", &id), ("why", &w.t(fate_key(m.fate)))]));
                }
                if m.until < at {
                    return Err(w.f("notice.too_late", &[("id", &id), ("t", &at_ms(at))]));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The scenario event that performs it at `at_ms`.
    pub fn event(&self, at_ms: u64) -> EventSpec {
        match self.clone() {
            Intervention::Crash(node) => EventSpec::Crash { at_ms, node },
            Intervention::Recover(node) => EventSpec::Recover { at_ms, node },
            Intervention::Command { node, action, value } => match action.as_str() {
                "client_request" => EventSpec::ClientRequest { at_ms, node, value: value.unwrap_or_default().trim().to_string() },
                "timeout" => EventSpec::Timeout { at_ms, node },
                // `check` admits only the protocol's commands; the scenario knows no others.
                _ => EventSpec::StartElection { at_ms, node },
            },
            Intervention::PartitionOff(ids) => EventSpec::Partition { at_ms, groups: vec![ids] },
            Intervention::Heal => EventSpec::Heal { at_ms },
            Intervention::Drop(message) => EventSpec::Drop { at_ms, message },
            Intervention::Delay { message, by_ms } => EventSpec::Delay { at_ms, message, by_ms },
            Intervention::Network { latency_ms, loss } => EventSpec::SetNetwork { at_ms, latency_ms, loss },
        }
    }
}

/// Why a doomed message will not arrive (a message that will arrive is not doomed).
fn fate_key(f: Fate) -> &'static str {
    match f {
        Fate::Lost => "notice.fate_lost",
        Fate::Cut => "notice.fate_cut",
        _ => "notice.fate_dropped",
    }
}

/// The scenario with `event` added by the user, and the user's events after it discarded.
pub struct Forked {
    pub scenario: Scenario,
    pub user: Vec<EventSpec>,
    pub discarded: usize,
}

/// Add `event` to `scenario` at its time; `user` lists the user's own events (all present in
/// the scenario's events). Later user events are removed; a network change made at the same
/// moment as the user's previous one is merged into it (dragging a slider twice while paused
/// leaves one event).
pub fn fork(scenario: &Scenario, user: &[EventSpec], event: EventSpec) -> Forked {
    let at = event.at_ms();
    let mut s = scenario.clone();
    let mut kept = Vec::with_capacity(user.len() + 1);
    let mut discarded = 0;
    for e in user {
        if e.at_ms() > at {
            remove_one(&mut s.events, e);
            discarded += 1;
        } else {
            kept.push(e.clone());
        }
    }
    let mut event = event;
    if let (EventSpec::SetNetwork { latency_ms, loss, .. }, Some(EventSpec::SetNetwork { at_ms, latency_ms: l0, loss: p0 })) =
        (&event, kept.last())
    {
        if *at_ms == at {
            let merged = EventSpec::SetNetwork { at_ms: at, latency_ms: latency_ms.or(*l0), loss: loss.or(*p0) };
            let previous = kept.pop().expect("matched above");
            remove_one(&mut s.events, &previous);
            event = merged;
        }
    }
    let position = s.events.partition_point(|e| e.at_ms() <= at);
    s.events.insert(position, event.clone());
    kept.push(event);
    Forked { scenario: s, user: kept, discarded }
}

/// Remove the last event equal to `e` (the user's events come after scripted equal ones).
fn remove_one(events: &mut Vec<EventSpec>, e: &EventSpec) {
    if let Some(i) = events.iter().rposition(|x| x == e) {
        events.remove(i);
    }
}

/// `scenario` with node `node`'s choice for per-node param `param` set (`None`: the default).
pub fn with_node_param(scenario: &Scenario, param: &str, node: NodeId, choice: Option<&str>) -> Scenario {
    let mut s = scenario.clone();
    let entry = s.params.entry(param.to_string()).or_insert_with(|| serde_json::json!({}));
    if !entry.is_object() {
        *entry = serde_json::json!({});
    }
    let map = entry.as_object_mut().expect("made an object above");
    match choice {
        Some(c) => {
            map.insert(node.to_string(), c.into());
        }
        None => {
            map.remove(&node.to_string());
        }
    }
    s
}

/// The choice node `node` has for `param` in `scenario`, if it is not the default.
pub fn node_param<'a>(scenario: &'a Scenario, param: &str, node: NodeId) -> Option<&'a str> {
    scenario.params.get(param)?.get(node.to_string())?.as_str()
}

/// The network's latency range and loss in force at `at_ms`: the scenario's `network`, then
/// its `set_network` events up to that time.
pub fn network_at(scenario: &Scenario, at_ms: u64) -> ([u64; 2], f64) {
    let mut latency = scenario.network.latency_ms;
    let mut loss = scenario.network.loss;
    for e in scenario.events.iter().take_while(|e| e.at_ms() <= at_ms) {
        if let EventSpec::SetNetwork { latency_ms, loss: l, .. } = e {
            latency = latency_ms.unwrap_or(latency);
            loss = l.unwrap_or(loss);
        }
    }
    (latency, loss)
}

/// `scenario` with the user's events removed and `nodes`/`seed` replaced.
pub fn with_overrides(scenario: &Scenario, user: &[EventSpec], nodes: Option<u32>, seed: Option<u64>) -> Scenario {
    let mut s = scenario.clone();
    for e in user {
        remove_one(&mut s.events, e);
    }
    if let Some(n) = nodes {
        s = consenso_core::protocols::resized(&s, n);
    }
    s.seed = seed.unwrap_or(s.seed);
    s
}
