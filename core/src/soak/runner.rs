//! Runs the seeds of a case on every core and tallies what they showed.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::{Case, Live, Outcome};
use crate::sim::time::Time;

/// What the seeds of one case showed.
#[derive(Debug, Default)]
pub struct Tally {
    pub runs: u64,
    /// Runs that broke at least one invariant.
    pub violating: u64,
    /// The first seeds that broke one (at most a few, ascending), to replay.
    pub violating_seeds: Vec<u64>,
    /// How many runs broke each invariant first.
    pub first_broken: BTreeMap<String, u64>,
    /// Per measure: the times reached (µs, sorted) and the runs that never reached it.
    pub reached: Vec<Vec<Time>>,
    pub never: Vec<u64>,
    pub never_seeds: Vec<u64>,
    pub wall: Duration,
}

const KEEP_SEEDS: usize = 5;

impl Tally {
    fn add(&mut self, seed: u64, o: &Outcome) {
        self.runs += 1;
        if let Some(first) = o.first() {
            self.violating += 1;
            *self.first_broken.entry(first.name.clone()).or_default() += 1;
            self.violating_seeds.push(seed);
        }
        for (i, live) in o.live.iter().enumerate().take(self.reached.len()) {
            match live {
                Live::After(t) => self.reached[i].push(*t),
                Live::Never => {
                    self.never[i] += 1;
                    self.never_seeds.push(seed);
                }
                Live::NotMeasured => {}
            }
        }
    }

    fn merge(&mut self, other: Tally) {
        self.runs += other.runs;
        self.violating += other.violating;
        self.violating_seeds.extend(other.violating_seeds);
        for (k, v) in other.first_broken {
            *self.first_broken.entry(k).or_default() += v;
        }
        for (i, r) in other.reached.into_iter().enumerate() {
            self.reached[i].extend(r);
            self.never[i] += other.never[i];
        }
        self.never_seeds.extend(other.never_seeds);
    }

    /// Runs that never reached some measure (liveness failures).
    pub fn stuck(&self) -> u64 {
        self.never.iter().sum()
    }
}

/// Run seeds `0..seeds` of `case` on `threads` threads (each takes the next seed). Every
/// `progress` of wall time one thread says on stderr how far it got and when it expects to end.
pub fn run_case(case: &Case, seeds: u64, threads: usize, progress: Option<Duration>) -> Tally {
    let started = Instant::now();
    let next = AtomicU64::new(0);
    let empty = || Tally { reached: vec![Vec::new(); case.measures.len()], never: vec![0; case.measures.len()], ..Tally::default() };
    let total = Mutex::new(empty());
    let said = Mutex::new(Instant::now());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                let mut mine = empty();
                loop {
                    let seed = next.fetch_add(1, Ordering::Relaxed);
                    if seed >= seeds {
                        break;
                    }
                    mine.add(seed, &(case.run)(seed));
                    if let Some(every) = progress {
                        let mut last = said.lock().unwrap();
                        if last.elapsed() >= every {
                            *last = Instant::now();
                            let secs = started.elapsed().as_secs_f64();
                            let rate = seed as f64 / secs;
                            eprintln!(
                                "soak: {} {}: {seed} of {seeds} runs in {secs:.0} s ({rate:.1} runs/s, about {:.0} s to go)",
                                case.protocol,
                                case.variant.unwrap_or("(correct)"),
                                (seeds - seed) as f64 / rate.max(1e-9)
                            );
                        }
                    }
                }
                total.lock().unwrap().merge(mine);
            });
        }
    });
    let mut t = total.into_inner().unwrap();
    for r in &mut t.reached {
        r.sort_unstable();
    }
    for s in [&mut t.violating_seeds, &mut t.never_seeds] {
        s.sort_unstable();
        s.truncate(KEEP_SEEDS);
    }
    t.wall = started.elapsed();
    t
}
