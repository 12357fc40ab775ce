//! Last resort for a bug: a panic stops the app, so write the message into the page itself
//! (and the console) rather than leave a frozen or blank page.

use std::panic::PanicHookInfo;

pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let panel = doc.get_element_by_id("error").or_else(|| {
        let el = doc.create_element("section").ok()?;
        el.set_id("error");
        el.set_attribute("role", "alert").ok()?;
        doc.body()?.append_child(&el).ok()?;
        Some(el)
    });
    if let Some(panel) = panel {
        panel.set_text_content(Some(&format!(
            "consenso stopped because of a bug; please report it with this message: {message}"
        )));
    }
}
