//! What the space-time diagram's window shows, in axis units (x) and node ids (rows): the
//! arrows of the messages sent in it, where nodes were down, crashes and recoveries, and the
//! network's changes. Built once per step (memoised by `spacetime.rs`), drawn by
//! `spacetime_arrows.rs`.

use consenso_core::sim::trace::{TraceEvent, What};
use consenso_core::sim::view::Fate;
use consenso_core::sim::window::TraceWindow;
use consenso_core::sim::NodeId;

use super::spacetime_axis::Axis;
use crate::i18n::Words;
use crate::state::Kind;

/// The first row's top, in SVG units (room for the cursor's time above it).
pub const TOP: f64 = 34.0;

/// Height of a node's row: the rows share about 420 units, each 36 to 64.
pub fn row_h(n: usize) -> f64 {
    (420.0 / n.max(1) as f64).clamp(36.0, 64.0)
}

/// The y of node `id`'s line, of `n`.
pub fn row_y(id: NodeId, n: usize) -> f64 {
    TOP + (f64::from(id) - 0.5) * row_h(n)
}

/// Records scanned past the window for the deliveries of messages sent in it.
const LOOK_AHEAD: usize = 2000;

#[derive(Debug)]
pub struct Arrow<'a> {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub x1: f64,
    pub x2: f64,
    pub kind: &'a str,
    pub colour: &'a str,
    pub label: &'a str,
    pub dead: bool,
}

#[derive(Debug)]
pub struct Rule {
    pub x: f64,
    pub class: &'static str,
    pub text: String,
}

/// What the window shows, in axis units (x) and node ids (rows).
#[derive(Debug, Default)]
pub struct Drawing<'a> {
    pub arrows: Vec<Arrow<'a>>,
    /// (node, from x, to x): the node is down.
    pub downs: Vec<(NodeId, f64, f64)>,
    /// (node, x, crashed?): a crash or a recovery.
    pub marks: Vec<(NodeId, f64, bool)>,
    pub rules: Vec<Rule>,
}

/// How the window is drawn: where times fall, the message kinds' colours, the plot's width
/// and the page's words.
pub struct Look<'a> {
    pub axis: Axis,
    pub kinds: &'a [Kind],
    pub plot_w: f64,
    pub words: Words,
}

impl<'a> Drawing<'a> {
    pub fn build(trace: TraceWindow<'a>, steps: u64, window: std::ops::Range<usize>, up_now: &[bool], look: &Look<'a>) -> Drawing<'a> {
        let Look { axis, kinds, plot_w, words: w } = *look;
        let mut d = Drawing::default();
        let x = |e: &TraceEvent| axis.x(e.step, e.at);
        let last_step = trace.known_end.map_or(0, |(step, _)| step);
        // Where each message sent in the window ends: its delivery or drop, if recorded.
        let ahead = (window.end + LOOK_AHEAD).min(trace.len());
        // Message ids are handed out in send order, so the window's sends have ids in
        // `first..`; `ends[id - first]` is where message `id` ends (x, died?), if recorded.
        let first = trace[window.clone()].iter().find_map(|e| match e.what {
            What::Send { id, .. } => Some(id),
            _ => None,
        });
        let mut ends: Vec<Option<(f64, bool)>> = Vec::new();
        if let Some(first) = first {
            for e in &trace[window.start..ahead] {
                let (id, dead) = match e.what {
                    What::Deliver { id, .. } => (id, false),
                    What::Drop { id, .. } => (id, true),
                    _ => continue,
                };
                let Some(k) = id.checked_sub(first).map(|k| k as usize) else { continue };
                if ends.len() <= k {
                    ends.resize(k + 1, None);
                }
                ends[k] = Some((x(e), dead));
            }
        }
        let end_of = |id: u64| ends.get(id.checked_sub(first?)? as usize).copied().flatten();
        // Who is down at the window's start: undo (or replay) crashes between it and now.
        let mut up = up_now.to_vec();
        let now_end = trace.partition_point(|e| e.step <= steps);
        let flip = |up: &mut Vec<bool>, e: &TraceEvent, forward: bool| match e.what {
            What::Crash { node } => up[node as usize - 1] = !forward,
            What::Recover { node } => up[node as usize - 1] = forward,
            _ => {}
        };
        if now_end >= window.start {
            trace[window.start..now_end].iter().rev().for_each(|e| flip(&mut up, e, false));
        } else {
            trace[now_end..window.start].iter().for_each(|e| flip(&mut up, e, true));
        }
        let start_x = trace.get(window.start).map_or(0.0, x);
        let mut down_since: Vec<Option<f64>> = up.iter().map(|&u| (!u).then_some(start_x)).collect();

        let colour = |kind: &str| kinds.iter().find(|k| k.kind == kind).map_or("#888888", |k| &k.colour);
        for e in &trace.events[window.clone()] {
            let ex = x(e);
            match &e.what {
                What::Send { id, from, to, label, kind, until, fate } => {
                    let (x2, dead) = end_of(*id).unwrap_or((axis.x(last_step + 1, *until), *fate != Fate::Deliver));
                    d.arrows.push(Arrow { id: *id, from: *from, to: *to, x1: ex, x2, kind, colour: colour(kind), label, dead });
                }
                What::Crash { node } => {
                    down_since[*node as usize - 1] = Some(ex);
                    d.marks.push((*node, ex, true));
                }
                What::Recover { node } => {
                    if let Some(since) = down_since[*node as usize - 1].take() {
                        d.downs.push((*node, since, ex));
                    }
                    d.marks.push((*node, ex, false));
                }
                What::Partition { .. } => d.rules.push(Rule { x: ex, class: "network", text: w.t("spacetime.partition").into() }),
                What::Heal => d.rules.push(Rule { x: ex, class: "network", text: w.t("spacetime.heal").into() }),
                What::Cut { from, to } | What::Restore { from, to } => {
                    let key = if matches!(e.what, What::Cut { .. }) { "spacetime.cut" } else { "spacetime.restore" };
                    d.rules.push(Rule { x: ex, class: "network", text: w.f(key, &[("from", from), ("to", to)]) })
                }
                What::Violation { name, .. } => d.rules.push(Rule { x: ex, class: "violation", text: format!("✗ {name}") }),
                _ => {}
            }
        }
        let end_x = trace.get(window.end.saturating_sub(1)).map_or(0.0, x) + plot_w;
        for (i, since) in down_since.iter().enumerate() {
            if let Some(since) = since {
                d.downs.push((i as NodeId + 1, *since, end_x));
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::sim::Time;

    fn ev(step: u64, at: Time, what: What) -> TraceEvent {
        TraceEvent { step, at, what }
    }

    fn send(id: u64, from: NodeId, to: NodeId, until: Time, fate: Fate) -> What {
        What::Send { id, from, to, label: "m".into(), kind: "k".into(), until, fate }
    }

    #[test]
    fn arrows_run_from_send_to_delivery_and_dead_ones_are_marked() {
        let trace = vec![
            ev(1, 0, send(1, 1, 2, 10_000, Fate::Deliver)),
            ev(1, 0, send(2, 1, 3, 5_000, Fate::Lost)),
            ev(2, 5_000, What::Drop { id: 2, from: 1, to: 3, label: "m".into(), reason: "lost".into() }),
            ev(3, 10_000, What::Deliver { id: 1, from: 1, to: 2, label: "m".into() }),
            ev(3, 10_000, send(3, 2, 1, 20_000, Fate::Deliver)),
        ];
        let axis = Axis { gap: 10.0, per_us: 0.001, fits: true };
        let d = Drawing::build(TraceWindow::whole(&trace), 3, 0..trace.len(), &[true, true, true], &Look { axis, kinds: &[], plot_w: 1000.0, words: Words::ENGLISH });
        assert_eq!(d.arrows.len(), 3);
        let a = &d.arrows[0];
        assert_eq!((a.x1, a.x2, a.dead), (10.0, 40.0, false));
        assert!(d.arrows[1].dead && d.arrows[1].x2 == 25.0);
        // Not delivered yet: its end is estimated past the last step, at its arrival time.
        assert_eq!(d.arrows[2].x2, axis.x(4, 20_000));
        assert_eq!(d.arrows[2].colour, "#888888");
    }

    #[test]
    fn a_crash_and_recovery_mark_the_line_and_a_node_down_now_is_down_to_the_end() {
        let trace = vec![
            ev(1, 1000, What::Crash { node: 2 }),
            ev(2, 2000, What::Recover { node: 2 }),
            ev(3, 3000, What::Crash { node: 1 }),
        ];
        let axis = Axis { gap: 10.0, per_us: 0.01, fits: true };
        let d = Drawing::build(TraceWindow::whole(&trace), 3, 0..3, &[false, true], &Look { axis, kinds: &[], plot_w: 1000.0, words: Words::ENGLISH });
        assert_eq!(d.marks.len(), 3);
        assert_eq!(d.downs[0], (2, axis.x(1, 1000), axis.x(2, 2000)));
        assert_eq!(d.downs[1].0, 1);
        // Seen from a window that starts after P2's crash: P2 is down from the window's start.
        let d = Drawing::build(TraceWindow::whole(&trace), 3, 1..3, &[false, true], &Look { axis, kinds: &[], plot_w: 1000.0, words: Words::ENGLISH });
        assert_eq!(d.downs[0], (2, axis.x(2, 2000), axis.x(2, 2000)));
    }
}
