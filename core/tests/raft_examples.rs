//! The Raft examples do what docs/protocols/raft.md says: `consenso run` exits 0 for the
//! correct protocol and 3 naming the right invariant for each broken variant; the same
//! events without the bug keep every invariant; Figures 7 and 8 of the paper appear exactly
//! at the moments the docs name.

mod common;

use std::process::Command;
use std::sync::Arc;

use consenso_core::protocols::raft::{Raft, Role, Term};
use consenso_core::scenario::prepare;
use consenso_core::sim::engine::World;
use consenso_core::Scenario;
use serde_json::Value;

fn consenso_run(path: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_consenso")).args(["run", path]).current_dir(common::repo_root()).output().unwrap();
    (out.status.code().unwrap_or(-1), serde_json::from_slice(&out.stdout).unwrap())
}

fn broken(report: &Value) -> Vec<String> {
    report["invariants"].as_array().unwrap().iter().filter(|i| i["ok"] == false).map(|i| i["name"].as_str().unwrap().to_string()).collect()
}

/// (file, exit status, invariants broken, client values committed during the run)
const EXPECTED: &[(&str, i32, &[&str], &[&str])] = &[
    ("examples/raft-basic.json", 0, &[], &["x=1", "w=1", "y=2", "z=3", "x=4"]),
    ("examples/raft-committed-unacknowledged.json", 3, &["Leader Completeness", "State Machine Safety"], &["y=2"]),
    (
        "examples/raft-figure7.json",
        0,
        &[],
        &["x=1", "y=1", "z=1", "x=4", "y=4", "x=5", "y=5", "x=6", "y=6", "z=6", "w=8"],
    ),
    ("examples/raft-figure8.json", 0, &[], &["x=1", "x=3", "y=5"]),
    // x=2 was committed at index 2 (by the broken rule), then overwritten by x=3.
    ("examples/raft-figure8-bug.json", 3, &["Leader Completeness", "State Machine Safety"], &["x=1", "x=2", "x=3", "y=5"]),
    ("examples/raft-figure8e.json", 0, &[], &["x=1", "x=2", "x=4", "y=6"]),
    ("examples/raft-vote-without-log-check.json", 3, &["Leader Completeness", "State Machine Safety"], &["x=1", "y=2"]),
    ("examples/raft-forget-vote.json", 3, &["Election Safety", "Log Matching"], &["x=1", "y=5"]),
    ("examples/raft-split-vote.json", 0, &[], &[]),
    ("examples/raft-partition-heal.json", 0, &[], &["x=1", "z=3"]),
];

#[test]
fn every_raft_example_exits_as_documented() {
    let mut listed: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    listed.sort_unstable();
    let present: Vec<String> = common::examples().into_iter().map(|(n, _)| n).filter(|n| n.starts_with("examples/raft-")).collect();
    assert_eq!(present, listed, "every examples/raft-*.json has an expectation here");
    for &(file, code, names, committed) in EXPECTED {
        let (got, report) = consenso_run(file);
        assert_eq!(got, code, "{file}");
        assert_eq!(broken(&report), names, "{file}");
        for v in report["invariants"].as_array().unwrap().iter().filter(|i| i["ok"] == false) {
            assert!(v["violation"]["explanation"].as_str().unwrap().len() > 30, "{file}: {v}");
        }
        assert_eq!(report["outcome"]["committed"], serde_json::json!(committed), "{file}");
    }
}

#[test]
fn bug_examples_hold_once_the_bug_is_removed() {
    // The violation comes from the bug, not from the scenario.
    for (name, text) in common::examples().into_iter().filter(|(n, _)| n.starts_with("examples/raft-")) {
        let mut s: Value = serde_json::from_str(&text).unwrap();
        let has_bug = s["params"]["bugs"].as_array().is_some_and(|b| !b.is_empty());
        if !has_bug {
            continue;
        }
        s["params"]["bugs"] = serde_json::json!([]);
        let r = common::run_json(&s.to_string());
        assert!(r.all_hold(), "{name} without its bug: {:?}", r.invariants);
    }
}

/// Logs (as terms), roles and terms of every node just after the last event at or before `ms`.
fn at(file: &str, ms: u64) -> Vec<(Role, Term, Vec<Term>)> {
    let text = std::fs::read_to_string(common::repo_root().join(file)).unwrap();
    let p = prepare::<Raft>(&Scenario::parse(&text).unwrap()).unwrap();
    let mut out = Vec::new();
    let mut w = World::<Raft>::new(p.cfg, p.nodes, p.net, p.seed, Arc::from(p.script), p.end, &mut out);
    while w.next_time().is_some_and(|t| t <= ms * 1000) {
        w.step(&mut out);
    }
    w.nodes().iter().map(|r| (r.role, r.term, r.log.entries().iter().map(|e| e.term).collect())).collect()
}

fn logs(state: &[(Role, Term, Vec<Term>)]) -> Vec<Vec<Term>> {
    state.iter().map(|s| s.2.clone()).collect()
}

#[test]
fn figure_7_appears_when_p1_wins_term_8_and_is_repaired() {
    // Figure 7: the leader of term 8 (P1) and followers (a)–(f) as P2–P7.
    let s = at("examples/raft-figure7.json", 1820);
    assert_eq!((s[0].0, s[0].1), (Role::Leader, 8));
    assert_eq!(
        logs(&s),
        vec![
            vec![1, 1, 1, 4, 4, 5, 5, 6, 6, 6],
            vec![1, 1, 1, 4, 4, 5, 5, 6, 6],
            vec![1, 1, 1, 4],
            vec![1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
            vec![1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
            vec![1, 1, 1, 4, 4, 4, 4],
            vec![1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
        ]
    );
    // The leader's first entry of term 8 forces out (c)'s and (d)'s extra entries.
    let end = at("examples/raft-figure7.json", 2500);
    assert!(logs(&end).iter().all(|l| *l == vec![1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8]), "{:?}", logs(&end));
}

#[test]
fn figure_8_appears_step_by_step() {
    let f = "examples/raft-figure8.json";
    // (a) P1 leads term 2; index 2 reached P2 only.
    assert_eq!(logs(&at(f, 320)), vec![vec![1, 2], vec![1, 2], vec![1], vec![1], vec![1]]);
    // (b) P5 leads term 3, with a different entry at index 2.
    let b = at(f, 461);
    assert_eq!((b[4].0, b[4].1, b[4].2.clone()), (Role::Leader, 3, vec![1, 3]));
    // (c) P1 leads term 4; index 2 is on P1, P2, P3 (a majority), and P1 has a term-4 entry.
    let c = at(f, 681);
    assert_eq!((c[0].0, c[0].1), (Role::Leader, 4));
    assert_eq!(logs(&c), vec![vec![1, 2, 4], vec![1, 2], vec![1, 2], vec![1], vec![1, 3]]);
    // (d) P5 leads term 5 with votes from P2, P3, P4 and overwrites index 2 everywhere.
    let d = at(f, 820);
    assert_eq!((d[4].0, d[4].1), (Role::Leader, 5));
    assert!(logs(&at(f, 1400)).iter().all(|l| *l == vec![1, 3, 5]));
    // (e) instead: P1's term-4 entry reaches P2 and P3 before it crashes; P5 cannot win, and
    // P2 leads term 6 keeping index 2.
    let e = at("examples/raft-figure8e.json", 820);
    assert_eq!(e[4].0, Role::Candidate);
    assert!(logs(&at("examples/raft-figure8e.json", 1400)).iter().all(|l| *l == vec![1, 2, 4, 6]));
}

#[test]
fn the_figure_8_bug_is_caught_when_p5_is_elected() {
    let (_, r) = consenso_run("examples/raft-figure8-bug.json");
    let lc = r["invariants"].as_array().unwrap().iter().find(|i| i["name"] == "Leader Completeness").unwrap();
    assert_eq!(lc["violation"]["at_ms"], 820);
    assert_eq!(lc["violation"]["nodes"], serde_json::json!([1, 5]));
}

#[test]
fn figure_8_bug_reports_x2_committed_at_index_2_and_lost_later() {
    // outcome.commits records what was committed when, not what the logs say at the end:
    // x=2 (term 2) is committed at index 2 by the broken rule in term 4, and P5 of term 5
    // deletes it from P2's and P3's logs at 850 ms.
    let (_, r) = consenso_run("examples/raft-figure8-bug.json");
    let commits = r["outcome"]["commits"].as_array().unwrap();
    let x2 = commits.iter().find(|c| c["value"] == "x=2").expect("x=2 is among the commits");
    assert_eq!((x2["index"].as_u64(), x2["term"].as_u64()), (Some(2), Some(2)));
    let (at, lost) = (x2["at_ms"].as_u64().unwrap(), x2["lost_at_ms"].as_u64().expect("x=2 was lost"));
    assert!(at < lost, "{x2}");
    assert_eq!(lost, 850);
    // Its replacement at index 2 is committed afterwards and never lost.
    let x3 = commits.iter().find(|c| c["value"] == "x=3").unwrap();
    assert_eq!(x3["index"], 2);
    assert!(x3["at_ms"].as_u64().unwrap() >= lost && x3["lost_at_ms"].is_null(), "{x3}");
    // In correct runs nothing committed is ever lost.
    for file in ["examples/raft-basic.json", "examples/raft-figure8.json", "examples/raft-figure8e.json"] {
        let (_, r) = consenso_run(file);
        assert!(r["outcome"]["commits"].as_array().unwrap().iter().all(|c| c["lost_at_ms"].is_null()), "{file}");
    }
}

#[test]
fn outcome_commits_list_every_commit_in_index_order_with_no_ops_as_null() {
    // raft-basic: every leader commits its §8 no-op first; `committed` leaves them out.
    let (_, r) = consenso_run("examples/raft-basic.json");
    let commits = r["outcome"]["commits"].as_array().unwrap();
    let indexes: Vec<u64> = commits.iter().map(|c| c["index"].as_u64().unwrap()).collect();
    assert_eq!(indexes, (1..=indexes.len() as u64).collect::<Vec<_>>());
    let values: Vec<&Value> = commits.iter().map(|c| &c["value"]).collect();
    assert_eq!(values[0], &Value::Null, "index 1 is the no-op of term 1's leader");
    let client: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(serde_json::json!(client), r["outcome"]["committed"]);
    assert!(commits.iter().all(|c| c["at_ms"].as_u64().is_some() && c["term"].as_u64().is_some()));
}

#[test]
fn an_entry_committed_by_a_majority_without_acknowledgements_is_in_leader_completeness() {
    // §5.3: x=1 (term 1) reaches P1, P2, P3; P1 crashes before any acknowledgement arrives,
    // so no server's commitIndex covers it; yet it is committed. P4, which lacks it, wins
    // term 2 through vote_without_log_check: Leader Completeness breaks at its election.
    let (code, r) = consenso_run("examples/raft-committed-unacknowledged.json");
    assert_eq!(code, 3);
    let lc = r["invariants"].as_array().unwrap().iter().find(|i| i["name"] == "Leader Completeness").unwrap();
    assert_eq!(lc["violation"]["nodes"], serde_json::json!([4]));
    let why = lc["violation"]["explanation"].as_str().unwrap();
    assert!(why.starts_with("P4 leads term 2 without the entries up to index 2, though they were committed in term 1: a majority (P1, P2, P3)"), "{why}");
    // x=1 was never committed by anyone's commitIndex, so it is not in the outcome.
    assert!(!r["outcome"]["committed"].as_array().unwrap().iter().any(|v| v == "x=1"));
}

#[test]
fn the_no_op_commits_an_earlier_terms_entry_without_a_client() {
    // §8 and §5.4.2: P1 leads term 1; x=1 reaches P1 and P2 only; P1 crashes; P2 wins term 2 with x=1
    // at the end of its log and no client asks anything more. P2 may not commit x=1 by
    // counting replicas; with the no-op of term 2 on a majority it commits both.
    let scenario = |noop: bool| {
        format!(
            r#"{{"protocol":"raft","nodes":5,"seed":1,"duration_ms":1500,"network":{{"latency_ms":[10,10]}},
            "params":{{"election_timeout_ms":[10000,20000],"heartbeat_ms":50,"noop_on_election":{noop}}},
            "events":[{{"at_ms":0,"action":"timeout","node":1}},
                      {{"at_ms":100,"action":"partition","groups":[[1,2],[3,4,5]]}},
                      {{"at_ms":100,"action":"client_request","node":1,"value":"x=1"}},
                      {{"at_ms":150,"action":"crash","node":1}},{{"at_ms":200,"action":"heal"}},
                      {{"at_ms":300,"action":"timeout","node":2}}]}}"#
        )
    };
    let with = common::run_json(&scenario(true));
    let without = common::run_json(&scenario(false));
    assert!(with.all_hold() && without.all_hold());
    assert_eq!(with.outcome["leader"], 2);
    assert_eq!(without.outcome["leader"], 2);
    assert_eq!(with.outcome["committed"], serde_json::json!(["x=1"]), "{}", with.outcome);
    assert_eq!(without.outcome["committed"], serde_json::json!([]), "{}", without.outcome);
}

#[test]
fn bad_raft_params_are_refused_naming_the_field_and_the_allowed_range() {
    let with = |params: &str| format!(r#"{{"protocol":"raft","nodes":5,"seed":1,"duration_ms":1000,"params":{params}}}"#);
    let cases = [
        (r#"{"heartbeat_ms": 150}"#, "params.heartbeat_ms: 150 must be below the shortest election timeout (100 ms)"),
        (r#"{"election_timeout_ms": [300, 200]}"#, "params.election_timeout_ms: [300, 200] is not a range 1 <= lo <= hi <= 600000"),
        (r#"{"election_timeout_ms": [0, 200]}"#, "params.election_timeout_ms: [0, 200] is not a range"),
        (r#"{"heartbeat_ms": 0}"#, "params.heartbeat_ms: 0 is out of range 1..=600000"),
        (r#"{"bugs": ["commit_by_magic"]}"#, "params.bugs[0]"),
        (r#"{"heartbeat": 50}"#, "params.heartbeat: unknown field `heartbeat`, expected one of `election_timeout_ms`, `heartbeat_ms`, `noop_on_election`, `bugs`"),
        (r#"{"noop_on_election": "yes"}"#, "params.noop_on_election"),
    ];
    for (params, fragment) in cases {
        let msg = common::refusal(&with(params));
        assert!(msg.contains(fragment), "{params}: {msg}");
        assert!(!msg.contains('\n'));
    }
    // Slow links stretch the default timeouts, so an election still fits inside them.
    let slow = r#"{"protocol":"raft","nodes":3,"seed":1,"duration_ms":5000,"network":{"latency_ms":[100,200]}}"#;
    let r = common::run_json(slow);
    assert!(r.all_hold());
    assert!(r.outcome["leader"].is_number(), "a leader is elected on 100–200 ms links: {}", r.outcome);
    // `start_election` is a bully/ring action, not Raft's.
    let msg = common::refusal(r#"{"protocol":"raft","nodes":3,"seed":1,"duration_ms":10,"events":[{"at_ms":1,"action":"start_election","node":1}]}"#);
    assert!(msg.contains("'start_election' is not supported by raft"), "{msg}");
}
