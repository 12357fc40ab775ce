//! The messages in flight, put on the page without the virtual DOM.
//!
//! Why: with hundreds of messages in flight, every frame moves every dot. Building and
//! diffing a virtual node per dot, arrow, label and title was most of a frame's script, and
//! nearly all of it found nothing to change but one `transform`. Here each message keeps its
//! own elements from the frame it first shows to the frame it is gone, and a frame writes
//! only the attributes that changed. The elements are the ones the network view drew before
//! (`g.message[data-id][data-kind][data-fate]` with a `transform`, and a `path.arrow`), so
//! clicks (delegated in app.rs), selection and tour styles, and "Export SVG" see them as before.

use consenso_core::sim::view::{Fate, MessageSnapshot};
use web_sys::{Document, Element, Node};

use super::geometry::{num, Pt};
use super::message::{fate_name, tooltip, Flight, DOT_R};

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/components/message_layer.js")]
extern "C" {
    /// Sets `g`'s transform to translate(x,y).
    fn place(g: &Element, x: f64, y: f64);
    /// Sets the opacity of a message's dot and arrow.
    fn fade(g: &Element, arrow: &Element, opacity: f64);
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
    arrow: Element,
    label: Option<(Element, String)>,
    title: Option<Element>,
    cross: Option<Element>,
    /// Where the dot is, in tenths of a unit (finer is invisible).
    at: (i64, i64),
    opacity: u32,
    fate: Fate,
    /// The lane's ends when the arrow was drawn: a new layout redraws it.
    ends: (Pt, Pt),
}

/// What the layer has put under its two groups (arrows under the nodes, dots over them).
#[derive(Default)]
pub struct Layer {
    parents: Option<(Element, Element)>,
    shown: Vec<Shown>,
}

impl Layer {
    /// Makes the page show exactly `items` (in id order) under `arrows` and `dots`.
    pub fn sync<'a>(&mut self, arrows: Element, dots: Element, items: impl Iterator<Item = Item<'a>>) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        // Groups made anew (the view was re-mounted): what was shown went with the old ones.
        if self.parents.as_ref() != Some(&(arrows.clone(), dots.clone())) {
            self.shown.clear();
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
                None => create(&doc, &arrows, &dots, &item, old.peek()),
            };
            update(&doc, &mut s, &item);
            next.push(s);
        }
        old.for_each(|gone| remove(&gone));
        self.shown = next;
    }
}

fn remove(s: &Shown) {
    s.g.remove();
    s.arrow.remove();
}

fn element(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Element {
    let e = doc.create_element_ns(SVG, tag).expect("an SVG element");
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    e
}

fn create(doc: &Document, arrows: &Element, dots: &Element, item: &Item, before: Option<&Shown>) -> Shown {
    let (m, f) = (item.m, item.flight);
    let colour = m.view.colour.as_str();
    let arrow = element(doc, "path", &[("class", arrow_class(m.fate)), ("style", &format!("color:{colour}")), ("d", &f.arrow_path())]);
    let g = element(doc, "g", &[("class", "message"), ("data-id", &m.id.to_string()), ("data-kind", &m.view.kind), ("data-fate", fate_name(m.fate))]);
    let circle = element(doc, "circle", &[("r", &num(DOT_R)), ("fill", colour)]);
    let _ = g.append_child(&circle);
    let _ = arrows.insert_before(&arrow, before.map(|s| -> &Node { &s.arrow }));
    let _ = dots.insert_before(&g, before.map(|s| -> &Node { &s.g }));
    // The transform and opacity are written by the first update (no attribute has these values).
    Shown { id: m.id, g, circle, arrow, label: None, title: None, cross: None, at: (i64::MIN, i64::MIN), opacity: u32::MAX, fate: m.fate, ends: f.start_end() }
}

fn arrow_class(fate: Fate) -> &'static str {
    if fate == Fate::Deliver { "arrow" } else { "arrow doomed" }
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
        fade(&s.g, &s.arrow, f64::from(opacity.min(100)) / 100.0);
        s.opacity = opacity;
    }
    if m.fate != s.fate {
        let _ = s.g.set_attribute("data-fate", fate_name(m.fate));
        let _ = s.arrow.set_attribute("class", arrow_class(m.fate));
        s.fate = m.fate;
    }
    if f.start_end() != s.ends {
        let _ = s.arrow.set_attribute("d", &f.arrow_path());
        s.ends = f.start_end();
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
