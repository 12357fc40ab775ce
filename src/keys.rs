//! Keyboard shortcuts for the whole page, listed in the help overlay (components/help.rs).
//! Keys map to actions without looking at the state; the reducer decides what they mean now.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::state::{Action, Selected};

/// (keys, what they do), as the help overlay shows them: i18n keys where the words differ
/// by language (a key name with no such key is shown as it is).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("key.space", "help.play"),
    ("→", "help.step"),
    ("←", "help.back"),
    ("Shift + → / ←", "help.marks"),
    ("Home / End", "help.ends"),
    ("+ / −", "help.speed"),
    ("1 … 9", "help.inspect"),
    ("c", "help.crash"),
    ("r", "help.restart"),
    ("?", "help.help"),
    ("Esc", "help.esc"),
];

/// Listen for shortcuts on the document while the page lives.
#[hook]
pub fn use_shortcuts(dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        let document = gloo_utils_document();
        // Not passive: Space and the arrows must not also scroll the page.
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&document, "keydown", options, move |e| {
            let e = e.dyn_ref::<KeyboardEvent>().expect("keydown is a KeyboardEvent");
            if let Some(action) = action_for(e) {
                e.prevent_default();
                dispatch.emit(action);
            }
        });
        move || drop(listener)
    });
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a page has a document")
}

/// The action a key press asks for, if it is a shortcut here. Keys typed into a field, and
/// Space/Enter on a focused button (which press the button), are left alone.
fn action_for(e: &KeyboardEvent) -> Option<Action> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let key = e.key();
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let tag = target.as_ref().map(|t| t.tag_name().to_ascii_lowercase()).unwrap_or_default();
    // A slider keeps its own arrows, Home and End; any other field keeps every key but Escape.
    let slider = tag == "input" && target.as_ref().and_then(|t| t.get_attribute("type")).as_deref() == Some("range");
    let typing = matches!(tag.as_str(), "input" | "select" | "textarea");
    let slider_key = key.starts_with("Arrow") || key == "Home" || key == "End" || key == "PageUp" || key == "PageDown";
    if (slider && slider_key) || (typing && !slider && key != "Escape") {
        return None;
    }
    if tag == "button" && (key == " " || key == "Enter") {
        return None;
    }
    key_action(&key, e.shift_key())
}

/// The pure part of `action_for`, for tests.
pub fn key_action(key: &str, shift: bool) -> Option<Action> {
    Some(match key {
        " " => Action::TogglePlay,
        "ArrowRight" if shift => Action::NextMark,
        "ArrowLeft" if shift => Action::PreviousMark,
        "ArrowRight" => Action::StepForward,
        "ArrowLeft" => Action::StepBack,
        "Home" => Action::Seek(0),
        "End" => Action::Seek(u64::MAX),
        "+" | "=" => Action::NudgeSpeed(8),
        "-" | "_" => Action::NudgeSpeed(-8),
        "c" | "C" => Action::CrashOrRecoverSelected,
        "r" | "R" => Action::Restart,
        "?" => Action::ToggleHelp,
        "Escape" => Action::Dismiss,
        k if k.len() == 1 && ("1"..="9").contains(&k) => Action::Select(Some(Selected::Node(k.parse().ok()?))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(a: Option<Action>) -> String {
        match a {
            None => "none".into(),
            Some(Action::TogglePlay) => "play".into(),
            Some(Action::StepForward) => "step".into(),
            Some(Action::StepBack) => "back".into(),
            Some(Action::NextMark) => "next mark".into(),
            Some(Action::PreviousMark) => "previous mark".into(),
            Some(Action::Seek(t)) => format!("seek {t}"),
            Some(Action::NudgeSpeed(n)) => format!("speed {n}"),
            Some(Action::Select(Some(Selected::Node(id)))) => format!("node {id}"),
            Some(Action::ToggleHelp) => "help".into(),
            Some(Action::Dismiss) => "dismiss".into(),
            Some(Action::Restart) => "restart".into(),
            Some(Action::CrashOrRecoverSelected) => "crash".into(),
            Some(_) => "other".into(),
        }
    }

    #[test]
    fn every_listed_shortcut_does_what_the_help_says() {
        let cases = [
            (" ", false, "play"),
            ("ArrowRight", false, "step"),
            ("ArrowLeft", false, "back"),
            ("ArrowRight", true, "next mark"),
            ("ArrowLeft", true, "previous mark"),
            ("Home", false, "seek 0"),
            ("+", false, "speed 8"),
            ("-", false, "speed -8"),
            ("3", false, "node 3"),
            ("c", false, "crash"),
            ("r", false, "restart"),
            ("?", false, "help"),
            ("Escape", false, "dismiss"),
            ("0", false, "none"),
            ("x", false, "none"),
        ];
        for (key, shift, want) in cases {
            assert_eq!(name(key_action(key, shift)), want, "key {key:?} shift {shift}");
        }
    }
}
