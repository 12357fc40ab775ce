//! A message in flight: a faint arrow from sender to receiver, and a dot with its label that
//! travels along it, placed by linear interpolation between send and arrival time.

use consenso_core::sim::view::{Fate, MessageSnapshot};
use consenso_core::sim::Time;
use yew::prelude::*;

use super::geometry::{lane, num, translate, Pt};
use crate::i18n::Words;

const DOT_R: f64 = 13.0;
const LABEL_GAP: f64 = 28.0;
/// A message that will not arrive fades out over this last part of its path.
const FADE: f64 = 0.35;
/// Lost and cut messages die half-way (the simulator ends their life at half their latency),
/// so they stop at the middle of the link, where a cut link shows its cross, and fade there.
const DEATH_POINT: f64 = 0.5;
/// Estimated width of one character of a label (22 px, semi-bold), for crowding checks.
const CHAR_W: f64 = 12.0;
const LABEL_H: f64 = 26.0;

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
    pub fn new(m: &MessageSnapshot, from: Pt, to: Pt, now: Time, r: f64) -> Flight {
        let (start, end, dir, right) = lane(from, to, r);
        let span = m.until.saturating_sub(m.sent).max(1) as f64;
        let life = (now.saturating_sub(m.sent) as f64 / span).clamp(0.0, 1.0);
        let (progress, opacity) = match m.fate {
            Fate::Deliver => (life, 1.0),
            Fate::Lost | Fate::Cut => (life * DEATH_POINT, ((1.0 - life) / FADE).clamp(0.0, 1.0)),
            // Dropped by hand: it dies where it is.
            Fate::Dropped => (life, ((1.0 - life) / FADE).clamp(0.0, 1.0)),
        };
        Flight { start, end, dir, right, progress, opacity }
    }

    /// Where the dot is.
    pub fn at(&self) -> Pt {
        self.start.lerp(self.end, crate::motion::shown_progress(self.progress))
    }

    /// The box (x0, y0, x1, y1) a label of `chars` characters takes, estimated.
    pub fn label_box(&self, chars: usize) -> (f64, f64, f64, f64) {
        let at = self.at().add(self.right, LABEL_GAP);
        let w = chars as f64 * CHAR_W;
        let x0 = match label_anchor(self.right) {
            "start" => at.x,
            "end" => at.x - w,
            _ => at.x - w / 2.0,
        };
        (x0, at.y - LABEL_H / 2.0, x0 + w, at.y + LABEL_H / 2.0)
    }
}

/// The label sits on the outer side of the lane, clear of the opposite lane.
fn label_anchor(right: Pt) -> &'static str {
    match right.x {
        x if x > 0.35 => "start",
        x if x < -0.35 => "end",
        _ => "middle",
    }
}

/// A box (x0, y0, x1, y1).
pub type Box4 = (f64, f64, f64, f64);

/// Which labels to draw: each label is placed unless it would overlap an obstacle (a node's
/// own labels) or a label already placed, first come first served (callers put the oldest
/// message first: its label has been read longest, and keeping it avoids flicker). Crowded
/// moments (many nodes, many messages) thus keep a readable few.
pub fn readable_labels(boxes: &[Box4], obstacles: &[Box4], max: usize) -> Vec<bool> {
    let mut placed: Vec<Box4> = obstacles.to_vec();
    let max = max + obstacles.len();
    let mut shown = vec![false; boxes.len()];
    for (i, &b) in boxes.iter().enumerate() {
        if placed.len() >= max {
            break;
        }
        if placed.iter().all(|p| b.2 <= p.0 || p.2 <= b.0 || b.3 <= p.1 || p.3 <= b.1) {
            placed.push(b);
            shown[i] = true;
        }
    }
    shown
}

fn fate_name(f: Fate) -> &'static str {
    match f {
        Fate::Deliver => "deliver",
        Fate::Lost => "lost",
        Fate::Cut => "cut",
        Fate::Dropped => "dropped",
    }
}

/// The arrow, drawn under every dot so no line crosses a label: one path for the shaft and
/// the head (one element per message rather than three keeps crowded frames cheap).
pub fn arrow(m: &MessageSnapshot, f: &Flight) -> Html {
    let tip = f.end;
    let base = tip.add(f.dir, -14.0);
    let d = format!(
        "M{},{}L{},{}M{},{}L{},{}L{},{}Z",
        num(f.start.x), num(f.start.y), num(base.x), num(base.y),
        num(tip.x), num(tip.y),
        num(base.x + f.right.x * 7.0), num(base.y + f.right.y * 7.0),
        num(base.x - f.right.x * 7.0), num(base.y - f.right.y * 7.0),
    );
    let dashed = (m.fate != Fate::Deliver).then_some("doomed");
    html! {
        <path key={m.id} class={classes!("arrow", dashed)} style={format!("color:{}", m.view.colour)}
           opacity={num_fraction(f.opacity)} {d} />
    }
}

/// The text beside a message's dot. As a doomed message fades, it says why, so its
/// vanishing is not a mystery.
pub fn label_text(m: &MessageSnapshot, f: &Flight, w: Words) -> String {
    if f.opacity < 1.0 {
        let why = match m.fate {
            Fate::Cut => "message.cut",
            Fate::Dropped => "message.dropped",
            _ => "message.lost",
        };
        format!("{} · {}", m.view.label, w.t(why))
    } else {
        m.view.label.clone()
    }
}

/// The dot and (if there is room) its label; the group's transform is the dot's position.
/// A message that dies gets a cross over its dot as it fades. `tooltip`: a hover title saying
/// what it is, left out when crowded (hundreds of titles cost frames, and dots that close
/// cannot be told apart by hovering anyway).
pub fn dot(m: &MessageSnapshot, f: &Flight, label: Option<String>, tooltip: bool) -> Html {
    let label_at = Pt { x: 0.0, y: 0.0 }.add(f.right, LABEL_GAP);
    let dying = f.opacity < 1.0;
    html! {
        <g key={m.id} class="message" data-id={m.id.to_string()} data-kind={m.view.kind.clone()}
           data-fate={fate_name(m.fate)} transform={translate(f.at())} opacity={num_fraction(f.opacity)}>
            if tooltip { <title>{ format!("{} · P{} → P{}", m.view.label, m.from, m.to) }</title> }
            <circle r={num(DOT_R)} fill={m.view.colour.clone()} />
            if dying { <path class="dies" d="M-9,-9L9,9M9,-9L-9,9" /> }
            if let Some(label) = label {
                <text x={num(label_at.x)} y={num(label_at.y)} text-anchor={label_anchor(f.right)}>{ label }</text>
            }
        </g>
    }
}

/// Opacity with two decimals (one is too coarse for a smooth fade).
fn num_fraction(v: f64) -> String {
    let h = (v.clamp(0.0, 1.0) * 100.0).round() as u32;
    if h == 100 { "1".into() } else { format!("0.{h:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::sim::view::MsgView;

    fn msg(id: u64, fate: Fate) -> MessageSnapshot {
        MessageSnapshot { id, from: 1, to: 2, sent: 0, until: 1000, fate, view: MsgView::default() }
    }

    #[test]
    fn a_lost_message_dies_half_way_and_fades_there() {
        let (a, b) = (Pt { x: 0.0, y: 0.0 }, Pt { x: 1000.0, y: 0.0 });
        let half = Flight::new(&msg(1, Fate::Lost), a, b, 500, 50.0);
        assert!((half.progress - 0.25).abs() < 1e-9 && half.opacity == 1.0);
        let end = Flight::new(&msg(1, Fate::Lost), a, b, 1000, 50.0);
        assert!((end.progress - 0.5).abs() < 1e-9 && end.opacity == 0.0);
        let delivered = Flight::new(&msg(1, Fate::Deliver), a, b, 1000, 50.0);
        assert!(delivered.progress == 1.0 && delivered.opacity == 1.0);
    }

    #[test]
    fn overlapping_labels_are_left_out_oldest_first_kept() {
        let boxes = [(0.0, 0.0, 100.0, 20.0), (50.0, 10.0, 150.0, 30.0), (100.0, 0.0, 200.0, 20.0), (0.0, 40.0, 10.0, 50.0)];
        assert_eq!(readable_labels(&boxes, &[], 10), vec![true, false, true, true]);
        assert_eq!(readable_labels(&boxes, &[], 2), vec![true, false, true, false]);
        // A node's label is an obstacle.
        assert_eq!(readable_labels(&boxes, &[(150.0, 5.0, 160.0, 6.0)], 10), vec![true, false, false, true]);
    }
}
