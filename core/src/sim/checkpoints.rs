//! Checkpoints of a run, at most `MAX` of them however long it runs. One is taken every
//! `EVERY` steps; when there are too many, the old ones are thinned to every other one (their
//! spacing doubles, so it stays about the run's length over `MAX`) while the newest `DENSE`
//! stay `EVERY` apart, so stepping back near the
//! end of the recorded run stays instant and seeking far back replays at most the old spacing
//! (about 16,000 steps after a virtual hour of Raft, 64,000 at the step limit).

/// Steps between checkpoints as they are taken.
pub const EVERY: u64 = 1024;
/// Checkpoints kept at most.
pub const MAX: usize = 128;
/// The newest checkpoints, never thinned.
const DENSE: usize = 32;

#[derive(Clone, Debug)]
pub(crate) struct Checkpoints<T> {
    /// (step, what was saved after that step), in step order; the first is step 0.
    saved: Vec<(u64, T)>,
    /// Old checkpoints are kept at multiples of this many steps.
    spacing: u64,
}

impl<T> Checkpoints<T> {
    pub fn new(start: T) -> Self {
        Checkpoints { saved: vec![(0, start)], spacing: EVERY }
    }

    pub fn len(&self) -> usize {
        self.saved.len()
    }

    /// Whether a checkpoint is due after `step` (taken the first time the step is reached).
    pub fn due(step: u64) -> bool {
        step.is_multiple_of(EVERY)
    }

    pub fn push(&mut self, step: u64, item: T) {
        self.saved.push((step, item));
        while self.saved.len() > MAX {
            // Those that left the dense part off the spacing go first; if that is not
            // enough, the spacing doubles.
            let (dense_from, spacing) = (self.saved.len() - DENSE, self.spacing);
            let mut i = 0;
            self.saved.retain(|(s, _)| {
                i += 1;
                i > dense_from || s % spacing == 0
            });
            if self.saved.len() > MAX {
                self.spacing *= 2;
            }
        }
    }

    /// The latest checkpoint at or before `step`.
    pub fn at_or_before(&self, step: u64) -> (u64, &T) {
        self.last_where(|s, _| s <= step)
    }

    /// The latest checkpoint for which `pred` holds, given that it holds for a prefix of
    /// them including the first.
    pub fn last_where(&self, pred: impl Fn(u64, &T) -> bool) -> (u64, &T) {
        let i = self.saved.partition_point(|(s, t)| pred(*s, t)).max(1);
        let (s, t) = &self.saved[i - 1];
        (*s, t)
    }

    pub fn first(&self) -> &T {
        &self.saved[0].1
    }

    #[cfg(test)]
    fn steps(&self) -> Vec<u64> {
        self.saved.iter().map(|(s, _)| *s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_the_count_under_the_cap_the_start_and_the_newest_dense() {
        let mut c = Checkpoints::new(());
        let last = 5000 * EVERY;
        for k in 1..=5000 {
            c.push(k * EVERY, ());
            assert!(c.len() <= MAX, "{} checkpoints after {k}", c.len());
        }
        let steps = c.steps();
        assert_eq!(steps[0], 0);
        let dense: Vec<u64> = (0..DENSE as u64).rev().map(|k| last - k * EVERY).collect();
        assert_eq!(steps[steps.len() - DENSE..], dense[..]);
        // The old ones are evenly spaced, about the run's length over the cap apart.
        let gaps: Vec<u64> = steps.windows(2).map(|w| w[1] - w[0]).collect();
        let widest = *gaps.iter().max().unwrap();
        assert!(widest <= 4 * last / MAX as u64, "widest gap {widest}");
        assert_eq!(c.at_or_before(last - 1).0, last - EVERY);
        assert_eq!(c.at_or_before(EVERY - 1).0, 0);
    }
}
