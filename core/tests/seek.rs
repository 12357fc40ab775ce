//! Seeking by time, backwards and forwards, lands on exactly the state a straight run reaches.

use consenso_core::{build, Scenario};

fn open(example: &str) -> Box<dyn consenso_core::Simulation> {
    let path = format!("{}/../examples/{example}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    build(&Scenario::parse(&text).unwrap()).unwrap()
}

#[test]
fn seeking_back_and_forth_by_time_matches_a_straight_run() {
    for example in ["raft-basic", "paxos-proposer-crash", "bully-recovery", "ring-partition", "om-seven-m2-two-traitors"] {
        let mut wandering = open(example);
        wandering.run_to_end();
        let end = wandering.end();
        for k in [7u64, 1, 5, 0, 9, 3, 10] {
            let t = end * k / 10;
            let mut straight = open(example);
            straight.run_until(t);
            wandering.seek_time(t);
            assert_eq!(wandering.steps(), straight.steps(), "{example} at {t} µs: steps");
            assert_eq!(wandering.view(t), straight.view(t), "{example} at {t} µs: view");
            assert_eq!(wandering.invariants(), straight.invariants(), "{example} at {t} µs: invariants");
        }
    }
}
