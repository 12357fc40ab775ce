//! A message in flight: a faint arrow from sender to receiver, and a dot with its label that
//! travels along it, placed by linear interpolation between send and arrival time. This file
//! says where and what; `message_layer` puts it on the page.

use consenso_core::sim::view::{Fate, MessageSnapshot};
use consenso_core::sim::Time;

use super::geometry::{lane, num, Pt};
use crate::i18n::Words;

pub const DOT_R: f64 = 13.0;
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

/// `readable_labels` with the odd ones out placed first, then the rest, each group oldest
/// first. A message whose kind (`kinds[i]`) no other message in flight shares is the news (a
/// client's retry among heartbeats, the one Elected among acks) and a tour may be pointing at
/// it: it is placed before the repeated kinds can take its room.
pub fn readable_labels_news_first(kinds: &[&str], boxes: &[Box4], obstacles: &[Box4], max: usize) -> Vec<bool> {
    // Per kind, how many fly (a protocol has a handful of kinds; hundreds of messages).
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for &k in kinds {
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    let lone = |i: usize| counts.iter().any(|&(k, n)| n == 1 && k == kinds[i]);
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by_key(|&i| !lone(i)); // stable: id order within each group
    let placed = readable_labels(&order.iter().map(|&i| boxes[i]).collect::<Vec<_>>(), obstacles, max);
    let mut shown = vec![false; boxes.len()];
    for (&i, show) in order.iter().zip(placed) {
        shown[i] = show;
    }
    shown
}

pub fn fate_name(f: Fate) -> &'static str {
    match f {
        Fate::Deliver => "deliver",
        Fate::Lost => "lost",
        Fate::Cut => "cut",
        Fate::Dropped => "dropped",
    }
}

impl Flight {
    /// The arrow's path: shaft and head in one path (one element per message rather than three
    /// keeps crowded frames cheap). It depends on the lane only, so it is made once per message.
    pub fn arrow_path(&self) -> String {
        let tip = self.end;
        let base = tip.add(self.dir, -14.0);
        let wing = |k: f64| base.add(self.right, k);
        let (l, r) = (wing(7.0), wing(-7.0));
        format!(
            "M{},{}L{},{}M{},{}L{},{}L{},{}Z",
            num(self.start.x), num(self.start.y), num(base.x), num(base.y),
            num(tip.x), num(tip.y), num(l.x), num(l.y), num(r.x), num(r.y),
        )
    }

    /// Where the label goes, relative to the dot, and its text-anchor: on the outer side of
    /// the lane, clear of the opposite lane.
    pub fn label_at(&self) -> (Pt, &'static str) {
        (Pt { x: 0.0, y: 0.0 }.add(self.right, LABEL_GAP), label_anchor(self.right))
    }

    /// The opacity in hundredths (finer is invisible).
    pub fn opacity_hundredths(&self) -> u32 {
        (self.opacity.clamp(0.0, 1.0) * 100.0).round() as u32
    }

    /// The visible ends of its lane.
    pub fn start_end(&self) -> (Pt, Pt) {
        (self.start, self.end)
    }

    /// A message that will not arrive fades, and gets a cross over its dot as it does.
    pub fn dying(&self) -> bool {
        self.opacity < 1.0
    }
}

/// The text beside a message's dot. As a doomed message fades, it says why, so its
/// vanishing is not a mystery.
pub fn label_text(m: &MessageSnapshot, f: &Flight, w: Words) -> String {
    if f.dying() {
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

/// A hover title saying what the message is.
pub fn tooltip(m: &MessageSnapshot) -> String {
    format!("{} · P{} → P{}", m.view.label, m.from, m.to)
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

    #[test]
    fn the_lone_kind_gets_its_label_before_the_repeated_ones() {
        // Two heartbeats and a client retry whose label overlaps the first heartbeat's.
        let boxes = [(0.0, 0.0, 100.0, 20.0), (0.0, 40.0, 100.0, 60.0), (50.0, 10.0, 150.0, 30.0)];
        let kinds = ["AppendEntries", "AppendEntries", "ClientRetry"];
        assert_eq!(readable_labels(&boxes, &[], 10), vec![true, true, false]);
        assert_eq!(readable_labels_news_first(&kinds, &boxes, &[], 10), vec![false, true, true]);
        // All of one kind: the oldest first, as before.
        let same = ["ping"; 3];
        assert_eq!(readable_labels_news_first(&same, &boxes, &[], 10), vec![true, true, false]);
    }
}
