//! The ring examples through the command-line runner: the winners and message counts
//! docs/protocols/ring.md promises, exit 0 under the ring's assumptions and exit 3 naming the
//! broken invariants when a partition breaks the ring.

mod common;

use std::process::Command;

use serde_json::{json, Value};

/// `consenso run FILE`: exit status and the report.
fn run(file: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_consenso")).args(["run", file]).current_dir(common::repo_root()).output().unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

fn counts(r: &Value) -> (Value, Value) {
    (r["outcome"]["messages"].clone(), r["outcome"]["crash_handling"].clone())
}

#[test]
fn basic_one_initiator_p2_wins_with_chang_and_roberts_counts() {
    // P1 (id 3) starts; the highest id 17 is one hop away: 1 + 5 Election, 5 Elected.
    let (code, r) = run("examples/ring-basic.json");
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["outcome"]["leader"], 2);
    assert_eq!(counts(&r), (json!({ "election": 6, "elected": 5 }), json!({ "ack": 11, "leader_check": 0 })));
}

#[test]
fn concurrent_initiators_share_one_election_and_elect_one_leader() {
    // P1 and P4 start at the same instant with the same number: one election (Chang &
    // Roberts' concurrent initiators); P2, participating with 17, discards 11.
    let (code, r) = run("examples/ring-concurrent.json");
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["outcome"]["leader"], 2);
    assert_eq!(r["outcome"]["messages"]["elected"], 5, "one Elected round: one election");
}

#[test]
fn crash_skip_the_crashed_p3_is_skipped_and_p2_wins() {
    let (code, r) = run("examples/ring-crash-skip.json");
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["outcome"]["leader"], 2);
    assert_eq!(r["outcome"]["believed"], json!({ "1": 2, "2": 2, "4": 2, "5": 2 }));
}

#[test]
fn leader_check_the_crashed_leader_is_noticed_and_p4_takes_over() {
    // docs/protocols/ring.md, "The leader check": at 200 ms every node checks, knows no
    // leader and starts election #1 (all at once: one election); P2 (17) wins. P2 crashes at
    // 1500 ms; the next checks get no answer, and election #2 elects P4 (11).
    let (code, r) = run("examples/ring-leader-check.json");
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["outcome"]["leader"], 4);
    assert_eq!(r["outcome"]["believed"], json!({ "1": 4, "3": 4, "4": 4, "5": 4 }));
    assert!(r["outcome"]["crash_handling"]["leader_check"].as_u64().unwrap() > 0);
    let out = Command::new(env!("CARGO_BIN_EXE_consenso"))
        .args(["trace", "examples/ring-leader-check.json"])
        .current_dir(common::repo_root())
        .output()
        .unwrap();
    let trace = String::from_utf8(out.stdout).unwrap();
    assert!(trace.contains("got no answer from its leader P2"), "nobody noticed P2's crash");
    assert!(trace.contains("P4 got its own id back: it is the leader (election #2)"));
}

#[test]
fn partition_two_leaders_and_exit_3() {
    let (code, r) = run("examples/ring-partition.json");
    assert_eq!(code, 3, "{r}");
    let broken: Vec<&str> = r["invariants"].as_array().unwrap().iter().filter(|i| i["ok"] == false).map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(broken, vec!["Unique leader", "Agreement"]);
}
