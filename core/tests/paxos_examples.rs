//! The Paxos examples through the command-line runner (exit 0, or 3 naming the invariant a
//! broken variant violates), what each is meant to show, and the refusal of bad params.

mod common;

use std::process::Command;

use consenso_core::{build, Scenario};
use serde_json::Value;

fn run(example: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_consenso"))
        .args(["run", &format!("examples/{example}")])
        .current_dir(common::repo_root())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{example}: {e}"));
    (out.status.code().unwrap(), report)
}

fn broken(r: &Value) -> Vec<String> {
    r["invariants"].as_array().unwrap().iter().filter(|i| i["ok"] == false).map(|i| i["name"].as_str().unwrap().to_string()).collect()
}

fn kind(r: &Value, k: &str) -> u64 {
    r["messages"]["by_kind"][k].as_u64().unwrap_or(0)
}

#[test]
fn the_basic_run_uses_exactly_one_round_of_each_phase() {
    let (code, r) = run("paxos-basic.json");
    assert_eq!(code, 0);
    assert_eq!(r["outcome"]["chosen"], "x=1");
    let names: Vec<&str> = r["invariants"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Agreement", "Validity", "Learner integrity", "Promise kept"]);
    // One proposer, five acceptors, one learner, no faults: 1a and 1b once per acceptor, 2a
    // once per acceptor, 2b from each acceptor to the learner and to the proposer, and the
    // learner's 2c to each of the two proposers.
    assert_eq!([kind(&r, "prepare"), kind(&r, "promise"), kind(&r, "propose"), kind(&r, "accepted"), kind(&r, "answer")], [5, 5, 5, 10, 2]);
    assert_eq!(kind(&r, "nack"), 0);
}

#[test]
fn after_a_proposer_crash_mid_phase_2_the_next_proposer_must_adopt_its_value() {
    // P1's 2a reached only two acceptors (not a majority: nothing chosen). P2's phase 1 hears
    // of it and, by P2c, proposes x instead of its own y.
    let (code, r) = run("paxos-proposer-crash.json");
    assert_eq!(code, 0);
    assert_eq!(r["outcome"]["chosen"], "x");
}

#[test]
fn equal_timeouts_livelock_and_either_remedy_ends_it() {
    let (code, r) = run("paxos-dueling.json");
    assert_eq!(code, 0, "a livelock breaks no safety property");
    assert_eq!(r["outcome"]["chosen"], Value::Null);
    assert_eq!(kind(&r, "accepted"), 0, "every 2a is pre-empted: no acceptor ever accepts");
    assert!(kind(&r, "prepare") >= 200, "rounds keep coming: {}", kind(&r, "prepare"));

    let (_, r) = run("paxos-dueling-random.json");
    assert_ne!(r["outcome"]["chosen"], Value::Null);
    assert!(kind(&r, "prepare") < 50);

    let (_, r) = run("paxos-dueling-distinguished.json");
    assert_eq!(r["outcome"]["chosen"], "x", "only P1 proposes; P2 forwards y");
    assert_eq!(kind(&r, "forward"), 1);
}

#[test]
fn the_majority_side_of_a_partition_decides_and_the_minority_adopts_it_after_healing() {
    let (code, r) = run("paxos-partition.json");
    assert_eq!(code, 0);
    assert_eq!(r["outcome"]["chosen"], "y");
}

#[test]
fn multi_paxos_keeps_every_command_across_a_leader_change() {
    let (code, r) = run("paxos-multi-leader-change.json");
    assert_eq!(code, 0);
    assert_eq!(r["outcome"]["chosen"], serde_json::json!(["a", "b", "c", "d", "e"]));
}

#[test]
fn every_node_can_play_every_role() {
    let (code, r) = run("paxos-all-roles.json");
    assert_eq!(code, 0);
    assert!(["x", "z"].contains(&r["outcome"]["chosen"].as_str().unwrap()));
}

#[test]
fn each_broken_variant_exits_3_naming_its_invariant() {
    let (code, r) = run("paxos-bug-ignore-accepted.json");
    assert_eq!(code, 3);
    assert_eq!(broken(&r), ["Agreement"]);
    let (code, r) = run("paxos-bug-forget-promise.json");
    assert_eq!(code, 3);
    assert_eq!(broken(&r), ["Agreement", "Promise kept"]);
    let why = r["invariants"][3]["violation"]["explanation"].as_str().unwrap();
    assert!(why.contains("after promising (1,P2)"), "{why}");
}

#[test]
fn the_view_gives_roles_in_id_order_and_names_the_retry_timer() {
    let text = std::fs::read_to_string(common::repo_root().join("examples/paxos-basic.json")).unwrap();
    let mut sim = build(&Scenario::parse(&text).unwrap()).unwrap();
    sim.run_until(100_000); // the client request at 100 ms
    let w = sim.view(100_000);
    let roles: Vec<&str> = w.nodes.iter().map(|n| n.view.role.as_str()).collect();
    assert_eq!(roles, ["proposer", "proposer", "acceptor", "acceptor", "acceptor", "acceptor", "acceptor", "learner"]);
    assert_eq!(w.nodes[0].timers.len(), 1);
    assert_eq!(w.nodes[0].timers[0].label, "retry timeout");
    assert!(w.messages.iter().all(|m| m.view.label == "1a Prepare (1,P1)"));
    let rows: Vec<String> = w.nodes[2].view.rows.iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(rows, ["promised", "accepted"]);
}

fn refusal(params: &str, nodes: u32) -> String {
    common::refusal(&format!(r#"{{"protocol":"paxos","nodes":{nodes},"seed":1,"duration_ms":100,"params":{params}}}"#))
}

#[test]
fn bad_params_are_refused_naming_the_field() {
    let m = refusal("{}", 5);
    assert!(m.contains("params.proposers") && m.contains("= 8") && m.contains("nodes = 5"), "{m}");
    let m = refusal(r#"{"proposers": 1, "acceptors": 3, "learners": 2}"#, 5);
    assert!(m.contains("1 + 3 + 2 = 6") && m.contains("nodes = 5"), "{m}");
    let m = refusal(r#"{"roles": "all", "acceptors": 3}"#, 3);
    assert!(m.contains("params.acceptors") && m.contains("roles"), "{m}");
    let m = refusal(r#"{"roles": "some"}"#, 3);
    assert!(m.contains("params.roles") && m.contains("all"), "{m}");
    let m = refusal(r#"{"mode": "raft"}"#, 8);
    assert!(m.contains("params.mode") && m.contains("synod") && m.contains("multi"), "{m}");
    let m = refusal(r#"{"distinguished_proposer": 3}"#, 8);
    assert!(m.contains("params.distinguished_proposer") && m.contains("1..=2"), "{m}");
    let m = refusal(r#"{"retry_timeout_ms": [90, 30]}"#, 8);
    assert!(m.contains("params.retry_timeout_ms"), "{m}");
    let m = refusal(r#"{"proposers": 0, "acceptors": 7, "learners": 1}"#, 8);
    assert!(m.contains("params.proposers") && m.contains("1..=8"), "{m}");
    let m = refusal(r#"{"bugs": ["commit_old_terms_by_count"]}"#, 8);
    assert!(m.contains("ignore_accepted_in_promises"), "{m}");
    let m = refusal(r#"{"leader": 1}"#, 8);
    assert!(m.contains("unknown field `leader`"), "{m}");
}
