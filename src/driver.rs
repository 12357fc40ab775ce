//! The animation loop: while running, report the wall time between animation frames.
//!
//! It knows nothing of simulations; the reducer turns wall time into virtual time at the
//! chosen speed. Keeping the loop apart lets a timeline or step buttons drive the same state.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

/// The pending frame; dropping it cancels the loop.
type Slot = Rc<RefCell<Option<AnimationFrame>>>;

/// While `running`, call `on_frame` once per display frame with the wall-clock ms elapsed
/// since the previous one. `on_frame` is read when the loop starts, so pass a stable callback.
#[hook]
pub fn use_animation_frames(running: bool, on_frame: Callback<f64>) {
    use_effect_with(running, move |&running| {
        let slot = Slot::default();
        if running {
            schedule(slot.clone(), None, on_frame);
        }
        move || drop(slot.borrow_mut().take())
    });
}

fn schedule(slot: Slot, last: Option<f64>, on_frame: Callback<f64>) {
    let next = slot.clone();
    let frame = request_animation_frame(move |now| {
        // The first frame only sets the clock: the time before it was not spent animating.
        if let Some(last) = last {
            on_frame.emit(now - last);
        }
        // The frame may have stopped the loop (the run ended and the effect was cleaned up
        // while `emit` re-rendered): the slot is then empty and must stay so.
        if next.borrow().is_some() {
            schedule(next, Some(now), on_frame);
        }
    });
    *slot.borrow_mut() = Some(frame);
}
