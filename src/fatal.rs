//! Last resort for a bug: a panic stops the app, so write the message into the page itself
//! (and the console) rather than leave a frozen or blank page.

use std::panic::PanicHookInfo;

/// Through Yew's setter: `Renderer::render` replaces any hook set with `std::panic::set_hook`
/// by its own console-only one (so this panel never showed before `?panic` tested it).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info: &PanicHookInfo| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    // At the top of the page, where it is seen; the frozen drawing stays below it.
    let panel = doc.get_element_by_id("error").or_else(|| {
        let el = doc.create_element("section").ok()?;
        el.set_id("error");
        el.set_attribute("role", "alert").ok()?;
        body.prepend_with_node_1(&el).ok()?;
        Some(el)
    });
    let Some(panel) = panel else { return };
    panel.set_text_content(None);
    let add = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = doc.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        panel.append_child(&el).ok()?;
        Some(el)
    };
    add("h2", "consenso stopped because of a bug");
    add("p", "Please report it with this message:");
    add("pre", message);
    // The page's own address without query or fragment: a fresh start on the default scenario.
    if let Some(a) = add("a", "Open the default scenario") {
        let _ = a.set_attribute("href", "./");
        a.set_id("reload-default");
    }
    panel.scroll_into_view();
}

/// `?panic`: panic on purpose once the page has been drawn, to check that a bug shows the
/// error panel instead of a frozen page (tests/e2e/share.mjs does). Harmless: only the person
/// who typed the switch sees it.
#[yew::hook]
pub fn use_panic_on_request(asked: bool) {
    yew::use_effect_with(asked, |&asked| {
        if asked {
            panic!("?panic asked for a deliberate panic (a test of the error panel)");
        }
    });
}
