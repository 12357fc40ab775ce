//! The messages in flight, put on the page without the virtual DOM.
//!
//! Why: with hundreds of messages in flight, every frame moves every dot. Building and
//! diffing a virtual node per dot, arrow, label and title was most of a frame's script, and
//! nearly all of it found nothing to change but one `transform`. Here each message keeps its
//! own elements from the frame it first shows to the frame it is gone, and a frame writes
//! only the attributes that changed. The dots are the elements the network view drew before
//! (`g.message[data-id][data-kind][data-fate]` with a `transform`), so clicks (delegated in
//! app.rs), selection and tour styles, and "Export SVG" see them as before; the arrows under
//! them (`path.arrow`) are one per lane (see `ArrowKey`).

use consenso_core::sim::view::{Fate, MessageSnapshot};
use web_sys::{Document, Element, Node};

use super::geometry::{num, Pt};
use super::message::{fate_name, tooltip, Flight, DOT_R};

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/components/message_layer.js")]
extern "C" {
    /// Sets `g`'s transform to translate(x,y).
    fn place(g: &Element, x: f64, y: f64);
    /// Sets the opacity of a message's dot or arrow.
    fn fade(e: &Element, opacity: f64);
}

const SVG: Option<&str> = Some("http://www.w3.org/2000/svg");

/// One message to show this frame: where (`flight`), with which label, and whether it gets
/// a hover title.
pub struct Item<'a> {
    pub m: &'a MessageSnapshot,
    pub flight: &'a Flight,
    pub label: Option<String>,
    pub tooltip: bool,
}

/// The elements of one message and the attribute values last written to them.
struct Shown {
    id: u64,
    g: Element,
    circle: Element,
    label: Option<(Element, String)>,
    title: Option<Element>,
    cross: Option<Element>,
    /// Where the dot is, in tenths of a unit (finer is invisible).
    at: (i64, i64),
    opacity: u32,
    fate: Fate,
}

/// Which arrow a message is drawn over. Messages on their way to delivery share one arrow per
/// lane and colour: a busy lane carries dozens at once (a Raft leader's heartbeats), and
/// drawing the same translucent arrow dozens of times over itself cost most of a frame's
/// raster time. A doomed message has an arrow of its own, dashed, that fades with it.
enum ArrowKey {
    Lane { from: u32, to: u32, colour: String },
    Own(u64),
}

impl ArrowKey {
    /// Whether message `m` is drawn over this arrow.
    fn is_of(&self, m: &MessageSnapshot) -> bool {
        match self {
            ArrowKey::Lane { from, to, colour } => m.fate == Fate::Deliver && (*from, *to) == (m.from, m.to) && *colour == m.view.colour,
            ArrowKey::Own(id) => m.fate != Fate::Deliver && *id == m.id,
        }
    }
}

/// An arrow on the page and the opacity last written to it.
struct Arrow {
    key: ArrowKey,
    path: Element,
    opacity: u32,
    /// The lane's ends when it was drawn: a new layout redraws it.
    ends: (Pt, Pt),
}

/// What the layer has put under its two groups (arrows under the nodes, dots over them).
#[derive(Default)]
pub struct Layer {
    parents: Option<(Element, Element)>,
    shown: Vec<Shown>,
    arrows: Vec<Arrow>,
}

impl Layer {
    /// Makes the page show exactly `items` (in id order) under `arrows` and `dots`.
    pub fn sync<'a>(&mut self, arrows: Element, dots: Element, items: &[Item<'a>]) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        // Groups made anew (the view was re-mounted): what was shown went with the old ones.
        if self.parents.as_ref() != Some(&(arrows.clone(), dots.clone())) {
            self.shown.clear();
            self.arrows.clear();
            self.parents = Some((arrows.clone(), dots.clone()));
        }
        let mut old = std::mem::take(&mut self.shown).into_iter().peekable();
        let mut next = Vec::new();
        for item in items {
            while let Some(gone) = old.next_if(|s| s.id < item.m.id) {
                remove(&gone);
            }
            let mut s = match old.next_if(|s| s.id == item.m.id) {
                Some(s) => s,
                // Before the next shown one, so that newer messages stay on top even after
                // a seek back brings older ones in.
                None => create(&doc, &dots, item, old.peek()),
            };
            update(&doc, &mut s, item);
            next.push(s);
        }
        old.for_each(|gone| remove(&gone));
        self.shown = next;
        self.sync_arrows(&doc, &arrows, items);
    }

    /// One arrow per lane and colour for the messages to be delivered, one each for the doomed.
    fn sync_arrows(&mut self, doc: &Document, parent: &Element, items: &[Item]) {
        let mut old = std::mem::take(&mut self.arrows);
        let mut next: Vec<Arrow> = Vec::new();
        for item in items {
            let (m, f) = (item.m, item.flight);
            // Most messages share a lane already drawn this frame: compared without building a key.
            if next.iter().any(|a| a.key.is_of(m)) {
                continue;
            }
            let mut arrow = match old.iter().position(|a| a.key.is_of(m) && a.ends == f.start_end()) {
                Some(i) => old.swap_remove(i),
                None => {
                    let (key, class) = match m.fate {
                        Fate::Deliver => (ArrowKey::Lane { from: m.from, to: m.to, colour: m.view.colour.clone() }, "arrow"),
                        _ => (ArrowKey::Own(m.id), "arrow doomed"),
                    };
                    let path = element(doc, "path", &[("class", class), ("style", &format!("color:{}", m.view.colour)), ("d", &f.arrow_path())]);
                    let _ = parent.append_child(&path);
                    Arrow { key, path, opacity: 100, ends: f.start_end() }
                }
            };
            let opacity = f.opacity_hundredths();
            if opacity != arrow.opacity {
                fade(&arrow.path, f64::from(opacity) / 100.0);
                arrow.opacity = opacity;
            }
            next.push(arrow);
        }
        old.iter().for_each(|gone| gone.path.remove());
        self.arrows = next;
    }
}

fn remove(s: &Shown) {
    s.g.remove();
}

fn element(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Element {
    let e = doc.create_element_ns(SVG, tag).expect("an SVG element");
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    e
}

fn create(doc: &Document, dots: &Element, item: &Item, before: Option<&Shown>) -> Shown {
    let m = item.m;
    let g = element(doc, "g", &[("class", "message"), ("data-id", &m.id.to_string()), ("data-kind", &m.view.kind), ("data-fate", fate_name(m.fate))]);
    let circle = element(doc, "circle", &[("r", &num(DOT_R)), ("fill", m.view.colour.as_str())]);
    let _ = g.append_child(&circle);
    let _ = dots.insert_before(&g, before.map(|s| -> &Node { &s.g }));
    // The transform and opacity are written by the first update (no attribute has these values).
    Shown { id: m.id, g, circle, label: None, title: None, cross: None, at: (i64::MIN, i64::MIN), opacity: u32::MAX, fate: m.fate }
}

fn update(doc: &Document, s: &mut Shown, item: &Item) {
    let (m, f) = (item.m, item.flight);
    let p = f.at();
    let at = ((p.x * 10.0).round() as i64, (p.y * 10.0).round() as i64);
    if at != s.at {
        place(&s.g, at.0 as f64 / 10.0, at.1 as f64 / 10.0);
        s.at = at;
    }
    let opacity = f.opacity_hundredths();
    if opacity != s.opacity {
        fade(&s.g, f64::from(opacity) / 100.0);
        s.opacity = opacity;
    }
    if m.fate != s.fate {
        let _ = s.g.set_attribute("data-fate", fate_name(m.fate));
        s.fate = m.fate;
    }
    if f.dying() != s.cross.is_some() {
        match s.cross.take() {
            Some(cross) => cross.remove(),
            None => {
                let cross = element(doc, "path", &[("class", "dies"), ("d", "M-9,-9L9,9M9,-9L-9,9")]);
                // Over the dot, under the label.
                let _ = s.g.insert_before(&cross, s.circle.next_sibling().as_ref());
                s.cross = Some(cross);
            }
        }
    }
    if item.tooltip != s.title.is_some() {
        match s.title.take() {
            Some(title) => title.remove(),
            None => {
                let title = element(doc, "title", &[]);
                title.set_text_content(Some(&tooltip(m)));
                let _ = s.g.insert_before(&title, s.g.first_child().as_ref());
                s.title = Some(title);
            }
        }
    }
    match (&item.label, &mut s.label) {
        (None, None) => {}
        (None, shown @ Some(_)) => {
            if let Some((text, _)) = shown.take() {
                text.remove();
            }
        }
        (Some(want), Some((text, had))) => {
            if want != had {
                text.set_text_content(Some(want));
                had.clone_from(want);
            }
        }
        (Some(want), shown @ None) => {
            let (at, anchor) = f.label_at();
            let text = element(doc, "text", &[("x", &num(at.x)), ("y", &num(at.y)), ("text-anchor", anchor)]);
            text.set_text_content(Some(want));
            let _ = s.g.append_child(&text);
            *shown = Some((text, want.clone()));
        }
    }
}
