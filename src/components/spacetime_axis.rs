//! The horizontal axis of the space-time diagram. A record's x is
//! `step * gap + time * per_us`: every step gets `gap` pixels of its own, and time adds its
//! share. Busy moments thus spread out (in OM(m) a whole round is sent at the same virtual
//! instant; on a pure time axis its arrows would lie on top of each other), and quiet time
//! shrinks, while the order of events stays the order of the picture, as in Lamport's
//! diagrams. The run fits the width while it can; then the diagram scrolls with the cursor.

use consenso_core::sim::trace::TraceEvent;
use consenso_core::sim::Time;

/// Widest step spacing, in SVG units.
const GAP_MAX: f64 = 14.0;
/// Below this spacing the whole run no longer fits readably: scroll instead.
const GAP_MIN: f64 = 3.0;
/// Part of the width the steps may take when fitting the run; time gets the rest.
const STEP_SHARE: f64 = 0.7;
/// Most pixels per µs when fitting (a short run is not stretched beyond 40 px per ms).
const PER_US_MAX: f64 = 0.04;
/// The scale when scrolling: 4 units a step plus 1 per ms.
const SCROLL_GAP: f64 = 4.0;
const SCROLL_PER_US: f64 = 0.001;
/// When scrolling, the cursor stays this far across the plot (the rest shows what follows).
pub const CURSOR_AT: f64 = 0.85;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    /// Units per step.
    pub gap: f64,
    /// Units per µs of virtual time.
    pub per_us: f64,
    /// The whole known run fits the width (the window starts at 0); else it scrolls.
    pub fits: bool,
}

/// Round down to a power of 2^(1/4): the scale moves in visible but rare steps, not on
/// every frame as the run grows.
fn quantize(v: f64) -> f64 {
    if v <= 0.0 {
        return v;
    }
    let k = (crate::math::log2(v) * 4.0).floor();
    crate::math::exp2(k / 4.0)
}

impl Axis {
    /// The scale for a run whose known part has `steps` steps and reaches `horizon`, drawn
    /// `width` units wide; `zoom` is the user's zoom (0 = automatic, each unit √2 times).
    pub fn choose(steps: u64, horizon: Time, width: f64, zoom: i32) -> Axis {
        let n = steps.max(1) as f64;
        let h = horizon.max(1000) as f64;
        let gap = quantize((width * STEP_SHARE / n).min(GAP_MAX));
        let (gap, per_us) = if gap >= GAP_MIN {
            (gap, quantize(((width - n * gap) / h).min(PER_US_MAX)))
        } else {
            (SCROLL_GAP, SCROLL_PER_US)
        };
        let m = crate::math::exp2(f64::from(zoom) / 2.0);
        let (gap, per_us) = (gap * m, per_us * m);
        Axis { gap, per_us, fits: n * gap + h * per_us <= width + 0.5 }
    }

    pub fn x(&self, step: u64, at: Time) -> f64 {
        step as f64 * self.gap + at as f64 * self.per_us
    }

    /// Where the window starts, given the cursor's x.
    pub fn window_start(&self, cursor: f64, width: f64) -> f64 {
        if self.fits { 0.0 } else { (cursor - width * CURSOR_AT).max(0.0) }
    }

    /// The virtual time shown at `x`: after the last record left of `x`, time runs on at
    /// `per_us`; in the gap before the next step, it is that step's time (a click there
    /// lands right after that event).
    pub fn time_at(&self, x: f64, trace: &[TraceEvent]) -> Time {
        let i = trace.partition_point(|e| self.x(e.step, e.at) <= x);
        // Before the first record, time runs from 0 at x = 0.
        let (x_before, t_before) = i.checked_sub(1).map_or((0.0, 0), |k| (self.x(trace[k].step, trace[k].at), trace[k].at));
        let t = t_before + ((x - x_before).max(0.0) / self.per_us.max(1e-12)) as Time;
        match trace.get(i) {
            Some(next) => t.min(next.at),
            None => t,
        }
    }

    /// The interval between ticks for about `count` of them over `span` µs: 1, 2, 5, 10,
    /// 20, 50 ... ms, never finer than 1 ms.
    pub fn tick_step(span: Time, count: u64) -> Time {
        let raw = span / count.max(1);
        let mut step: Time = 1000;
        let mut k = 0;
        while step < raw {
            step = if k % 3 == 1 { step / 2 * 5 } else { step * 2 };
            k += 1;
        }
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use consenso_core::sim::trace::What;

    #[test]
    fn a_short_run_fits_and_each_step_gets_its_own_room() {
        let a = Axis::choose(20, 50_000, 1000.0, 0);
        assert!(a.fits);
        // Few steps: nearly the widest spacing (rounded down to the scale's steps).
        assert!(a.gap <= GAP_MAX && a.gap > 0.8 * GAP_MAX, "{a:?}");
        assert!(20.0 * a.gap + 50_000.0 * a.per_us <= 1000.0);
        // Two steps at the same instant are apart; later steps are further right.
        assert!(a.x(3, 10_000) - a.x(2, 10_000) >= a.gap - 1e-9);
        assert!(a.x(4, 12_000) > a.x(3, 10_000));
    }

    #[test]
    fn om_seven_m2_fits_its_156_messages_readably() {
        // ~160 steps (a delivery each) within 30 ms: each step keeps several units.
        let a = Axis::choose(160, 100_000, 1190.0, 0);
        assert!(a.fits && a.gap >= 4.0, "{a:?}");
    }

    #[test]
    fn a_long_run_scrolls_with_the_cursor_and_zoom_scales_it() {
        let a = Axis::choose(100_000, 10_000_000, 1190.0, 0);
        assert!(!a.fits);
        assert_eq!(a.window_start(5000.0, 1000.0), 5000.0 - 1000.0 * CURSOR_AT);
        assert_eq!(a.window_start(100.0, 1000.0), 0.0);
        let z = Axis::choose(100_000, 10_000_000, 1190.0, 2);
        assert!((z.gap - 2.0 * a.gap).abs() < 1e-9 && (z.per_us - 2.0 * a.per_us).abs() < 1e-12);
        // Zooming into a run that fits makes it scroll.
        assert!(!Axis::choose(20, 50_000, 1000.0, 6).fits);
    }

    #[test]
    fn the_scale_changes_in_steps_not_on_every_frame() {
        assert_eq!(Axis::choose(10, 100_000, 1000.0, 0), Axis::choose(10, 101_000, 1000.0, 0));
    }

    #[test]
    fn time_at_inverts_x() {
        let a = Axis { gap: 10.0, per_us: 0.01, fits: true };
        let ev = |step, at| TraceEvent { step, at, what: What::Heal };
        let trace = vec![ev(0, 0), ev(1, 1000), ev(2, 1000), ev(3, 5000)];
        assert_eq!(a.time_at(a.x(2, 1000), &trace), 1000);
        // 2 ms after step 2, before step 3's gap.
        assert_eq!(a.time_at(a.x(2, 3000), &trace), 3000);
        // In the gap just before step 3: step 3's time.
        assert_eq!(a.time_at(a.x(3, 5000) - 1.0, &trace), 5000);
        assert_eq!(a.time_at(-5.0, &trace), 0);
        // Before the first record (a run whose first event is at 5 ms), time runs from 0.
        let late = vec![ev(1, 5000)];
        assert_eq!(a.time_at(30.0, &late), 3000);
        assert_eq!(a.time_at(a.x(1, 5000) - 1.0, &late), 5000);
    }

    #[test]
    fn tick_steps_are_1_2_5_times_a_power_of_ten_ms() {
        assert_eq!(Axis::tick_step(100_000, 5), 20_000);
        assert_eq!(Axis::tick_step(2_500, 8), 1_000);
        assert_eq!(Axis::tick_step(4_000_000, 8), 500_000);
        assert_eq!(Axis::tick_step(7_000_000, 8), 1_000_000);
    }
}
