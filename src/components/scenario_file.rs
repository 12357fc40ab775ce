//! Export the scenario shown (with every intervention made so far) as a JSON file, and import
//! one: the file is checked like any scenario, and a refused one names its problem in the
//! error panel.

use std::rc::Rc;

use consenso_core::scenario::limits::MAX_BYTES;
use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};
use yew::prelude::*;

use crate::i18n::Words;
use crate::share::Opening;
use crate::told::Told;

/// Props of `scenario_file`, a plain function rather than a component: no state and no
/// controlled field (a file input has no value to write back), so re-rendering with the page
/// costs less than a copy of Yew's component machinery in the wasm.
pub struct FileProps {
    pub source: Rc<str>,
    /// The download's file name, without `.json`.
    pub name: AttrValue,
    pub on_open: Callback<Opening>,
    pub words: Words,
}

pub fn scenario_file(props: FileProps) -> Html {
    let w = props.words;
    let export = {
        let (source, name) = (props.source.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| download(&format!("{name}.json"), &pretty(&source)))
    };
    // The hidden file input, found by its id when the button is pressed (no node ref, so no hook).
    let import = Callback::from(|_: MouseEvent| {
        let input = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("import-file"));
        if let Some(input) = input.and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) {
            input.click();
        }
    });
    let chosen = {
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value(""); // choosing the same file again is a change too
            let on_open = on_open.clone();
            wasm_bindgen_futures::spawn_local(async move {
                on_open.emit(Opening { source: read(&file).await, at: None, origin: Told::key("file.named", [("name", file.name().into())]) });
            });
        })
    };
    html! {
        <div class="scenario-file">
            <button id="export" onclick={export} aria-label={w.t("file.export_aria")}>{ w.t("file.export") }</button>
            <button id="import" onclick={import} aria-label={w.t("file.import_aria")}>{ w.t("file.import") }</button>
            <input id="import-file" type="file" accept=".json,application/json" hidden=true
                   tabindex="-1" aria-hidden="true" onchange={chosen} />
        </div>
    }
}

/// The file's text, refused before reading when it is larger than any scenario may be.
async fn read(file: &web_sys::File) -> Result<String, Told> {
    let size = file.size() as u64;
    if size > MAX_BYTES as u64 {
        return Err(Told::key("file.too_large", [("size", size.into()), ("max", MAX_BYTES.into())]));
    }
    let text = JsFuture::from(file.text()).await.map_err(|_| Told::key("file.unreadable", []))?;
    text.as_string().ok_or(()).map_err(|_| Told::key("file.not_text", []))
}

/// Scenario files are for people too: indented, two spaces a level. (A dozen lines over
/// compact JSON rather than serde_json's pretty printer, which would cost the bundle ~2 KB.)
fn pretty(source: &str) -> String {
    let compact = crate::share::compact(source);
    let (mut out, mut depth, mut in_string, mut escaped) = (String::new(), 0usize, false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
            continue;
        }
        match c {
            '"' => (in_string, escaped) = (true, false),
            '{' | '[' if !matches!(chars.peek(), Some('}' | ']')) => {
                depth += 1;
                out.push(c);
                newline(&mut out, depth);
                continue;
            }
            '}' | ']' if !out.ends_with(['{', '[']) => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
                continue;
            }
            ':' => {
                out.push_str(": ");
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out.push('\n');
    out
}

fn download(file_name: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let parts = Array::of1(&text.into());
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = doc.create_element("a").ok().and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok()) {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    // Not revoked: revoking right after click() cancels the download in some browsers, and a
    // scenario is a few KB held until the tab closes.
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn pretty_indents_and_keeps_the_document() {
        let text = r#"{"a":[1,2],"b":{},"c":[],"d":"x,{\"y\":[]}\\","e":{"f":null}}"#;
        let out = pretty(text);
        assert_eq!(out, "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": \"x,{\\\"y\\\":[]}\\\\\",\n  \"e\": {\n    \"f\": null\n  }\n}\n");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(text).unwrap());
        for e in crate::catalog::CATALOG {
            let out = pretty(e.text);
            assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), serde_json::from_str::<serde_json::Value>(e.text).unwrap(), "{}", e.id);
        }
    }
}
