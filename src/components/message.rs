//! A message in flight: a faint arrow from sender to receiver, and a dot with its label that
//! travels along it, placed by linear interpolation between send and arrival time.

use consenso_core::sim::view::{Fate, MessageSnapshot};
use consenso_core::sim::Time;
use yew::prelude::*;

use super::geometry::{lane, num, translate, Pt};

const DOT_R: f64 = 13.0;
const LABEL_GAP: f64 = 28.0;
/// A message that will not arrive fades out over this last part of its path.
const FADE: f64 = 0.35;

/// Where one message is drawn at one instant.
pub struct Flight {
    start: Pt,
    end: Pt,
    dir: Pt,
    right: Pt,
    /// 0 at the sender, 1 at the receiver.
    progress: f64,
    opacity: f64,
}

impl Flight {
    pub fn new(m: &MessageSnapshot, from: Pt, to: Pt, now: Time) -> Flight {
        let (start, end, dir, right) = lane(from, to);
        let span = m.until.saturating_sub(m.sent).max(1) as f64;
        let progress = (now.saturating_sub(m.sent) as f64 / span).clamp(0.0, 1.0);
        let opacity = match m.fate {
            Fate::Deliver => 1.0,
            _ => ((1.0 - progress) / FADE).clamp(0.0, 1.0),
        };
        Flight { start, end, dir, right, progress, opacity }
    }
}

fn fate_name(f: Fate) -> &'static str {
    match f {
        Fate::Deliver => "deliver",
        Fate::Lost => "lost",
        Fate::Cut => "cut",
        Fate::Dropped => "dropped",
    }
}

/// The arrow, drawn under every dot so no line crosses a label.
pub fn arrow(m: &MessageSnapshot, f: &Flight) -> Html {
    let tip = f.end;
    let base = tip.add(f.dir, -14.0);
    let head = format!(
        "M{},{}L{},{}L{},{}Z",
        num(tip.x), num(tip.y),
        num(base.x + f.right.x * 7.0), num(base.y + f.right.y * 7.0),
        num(base.x - f.right.x * 7.0), num(base.y - f.right.y * 7.0),
    );
    let dashed = (m.fate != Fate::Deliver).then_some("doomed");
    html! {
        <g key={m.id} class={classes!("arrow", dashed)} style={format!("color:{}", m.view.colour)}
           opacity={num_fraction(f.opacity)}>
            <line x1={num(f.start.x)} y1={num(f.start.y)} x2={num(base.x)} y2={num(base.y)} />
            <path d={head} />
        </g>
    }
}

/// The dot and its label; the group's transform is the dot's position.
pub fn dot(m: &MessageSnapshot, f: &Flight) -> Html {
    let at = f.start.lerp(f.end, crate::motion::shown_progress(f.progress));
    // The label sits on the outer side of the lane, clear of the opposite lane.
    let anchor = match f.right.x {
        x if x > 0.35 => "start",
        x if x < -0.35 => "end",
        _ => "middle",
    };
    let label_at = Pt { x: 0.0, y: 0.0 }.add(f.right, LABEL_GAP);
    // As a doomed message fades, say why, so its vanishing is not a mystery.
    let label = if f.opacity < 1.0 {
        let why = if m.fate == Fate::Cut { "link cut" } else { fate_name(m.fate) };
        format!("{} · {why}", m.view.label)
    } else {
        m.view.label.clone()
    };
    html! {
        <g key={m.id} class="message" data-id={m.id.to_string()} data-kind={m.view.kind.clone()}
           data-fate={fate_name(m.fate)} transform={translate(at)} opacity={num_fraction(f.opacity)}>
            <circle r={num(DOT_R)} fill={m.view.colour.clone()} />
            <text x={num(label_at.x)} y={num(label_at.y)} text-anchor={anchor}>{ label }</text>
        </g>
    }
}

/// Opacity with two decimals (one is too coarse for a smooth fade).
fn num_fraction(v: f64) -> String {
    let h = (v.clamp(0.0, 1.0) * 100.0).round() as u32;
    if h == 100 { "1".into() } else { format!("0.{h:02}") }
}
