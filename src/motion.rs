//! prefers-reduced-motion: messages do not glide. A message in flight is drawn standing still
//! halfway along its arrow (the arrow says who sends it to whom) from send to arrival, so
//! nothing on the page moves continuously; it appears, and later disappears.

use std::cell::OnceCell;

thread_local! {
    /// Read once: the preference is a property of the reader, and media queries cost a call.
    static REDUCED: OnceCell<bool> = const { OnceCell::new() };
}

pub fn reduced() -> bool {
    // Natively (unit tests) there is no window, and web-sys calls would panic.
    if !cfg!(target_arch = "wasm32") {
        return false;
    }
    REDUCED.with(|r| {
        *r.get_or_init(|| {
            web_sys::window()
                .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
                .is_some_and(|m| m.matches())
        })
    })
}

/// Where along its path (0 = sender, 1 = receiver) a message is drawn.
pub fn shown_progress(progress: f64) -> f64 {
    if reduced() { 0.5 } else { progress }
}
