//! The Byzantine generals examples give the decisions the paper predicts, and `consenso run`
//! exits 0 where theory guarantees IC1 and IC2 and 3, naming the condition, where it cannot.
//! Each expected decision below is worked out by hand in the comment beside it.

mod common;

use std::process::Command;

use consenso_core::{build, Scenario};
use serde_json::{json, Value};

fn consenso_run(path: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_consenso")).args(["run", path]).current_dir(common::repo_root()).output().unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{path}: no report ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

/// (file, exit code, broken condition with the lieutenants named, decisions)
type Expect = (&'static str, i32, Option<(&'static str, &'static [u32])>, &'static str);

const EXPECTED: &[Expect] = &[
    // Figure 1: P2 hears attack from P1 and "retreat" from the traitor P3: majority of a tie
    // is RETREAT, so the loyal P2 disobeys its loyal commander.
    ("om-three-traitor-lieutenant.json", 3, Some(("IC2", &[2])), r#"{"2":"retreat"}"#),
    // Figure 2: P2 hears exactly the same; so does P3 (retreat direct, attack via P2): both
    // retreat. IC2 does not apply (the commander is the traitor) and they agree.
    ("om-three-traitor-commander.json", 0, None, r#"{"2":"retreat","3":"retreat"}"#),
    // Notes' case 1: P2 and P4 each hear attack, attack and one retreat (from P3).
    ("om-four-case1-traitor-lieutenant.json", 0, None, r#"{"2":"attack","4":"attack"}"#),
    // Case 2 and the paper's Figure 4, with values [x, y, z, retreat]: the two-faced P1 tells
    // P2 x, P3 y (1 after x) and P4 z (2 after x); all three relay honestly, so every
    // lieutenant holds {x, y, z}: no majority, so each takes the default, retreat (§3).
    ("om-four-case2-two-faced-commander.json", 0, None, r#"{"2":"retreat","3":"retreat","4":"retreat"}"#),
    // Case 3: order retreat: P2 retreat, P3 attack, P4 retreat: two equal, one different.
    ("om-four-case3-two-equal-one-different.json", 0, None, r#"{"2":"retreat","3":"retreat","4":"retreat"}"#),
    // n = 7 ≥ 3·2 + 1, two traitor lieutenants, loyal commander: Theorem 1.
    ("om-seven-m2-two-traitors.json", 0, None, r#"{"2":"attack","4":"attack","5":"attack","7":"attack"}"#),
    // OM(1) with two traitors: P1 tells A,R,A,R,A,R to P2..P7; P7 relays R,A,R,A,R to
    // P2..P6. P2 holds A (P1), R (P3), A (P4), R (P5), A (P6), R (P7): a tie, retreat. P3
    // holds R (P1), A (P2), A (P4), R (P5), A (P6), A (P7): attack. IC1 breaks when P2 and
    // P3 have decided (P4..P6 decide later in the same instant).
    ("om-seven-m1-two-traitors-fails.json", 3, Some(("IC1", &[2, 3])), r#"{"2":"retreat","3":"attack","4":"retreat","5":"attack","6":"retreat"}"#),
    // The same traitors against OM(2): agreement (on retreat; IC2 does not apply).
    ("om-seven-m2-same-traitors-holds.json", 0, None, r#"{"2":"retreat","3":"retreat","4":"retreat","5":"retreat","6":"retreat"}"#),
    // SM(1), three generals: P3's altered "retreat" carries P1's signature on attack and is
    // rejected, so V = {attack} for P2.
    ("sm-three-traitor-lieutenant.json", 0, None, r#"{"2":"attack"}"#),
    // SM(1), traitor commander: both lieutenants end with V = {attack, retreat}: choice gives
    // retreat to both.
    ("sm-three-traitor-commander.json", 0, None, r#"{"2":"retreat","3":"retreat"}"#),
    // SM(1) with m + 1 = 2 colluding traitors, P1 (commander) and P2: P1 sends nothing; at
    // the end of round 1 P2 signs for P1 (traitors may forge each other's signatures, §4) and
    // sends P3 attack and P4 retreat, each signed 1:2. They arrive in round 2 = m + 1, when
    // nobody relays, so V = {attack} for P3 and {retreat} for P4: IC1 breaks (Theorem 2
    // covers at most m traitors).
    ("sm-four-m1-colluding-traitors-fails.json", 3, Some(("IC1", &[3, 4])), r#"{"3":"attack","4":"retreat"}"#),
];

#[test]
fn every_om_and_sm_example_exits_as_the_theory_says_with_the_predicted_decisions() {
    let files: Vec<String> = common::examples()
        .into_iter()
        .map(|(name, _)| name.trim_start_matches("examples/").to_string())
        .filter(|n| n.starts_with("om-") || n.starts_with("sm-"))
        .collect();
    let listed: Vec<String> = EXPECTED.iter().map(|e| e.0.to_string()).collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(files, sorted, "every om/sm example has an expectation here");
    for &(file, code, broken, decisions) in EXPECTED {
        let (got, r) = consenso_run(&format!("examples/{file}"));
        assert_eq!(got, code, "{file}: exit status");
        assert_eq!(r["outcome"]["decisions"], serde_json::from_str::<Value>(decisions).unwrap(), "{file}");
        let bad: Vec<&Value> = r["invariants"].as_array().unwrap().iter().filter(|i| i["ok"] == false).collect();
        match broken {
            None => assert!(bad.is_empty(), "{file}: {bad:?}"),
            Some((name, nodes)) => {
                assert_eq!(bad.len(), 1, "{file}: {bad:?}");
                assert_eq!(bad[0]["name"], name, "{file}");
                assert_eq!(bad[0]["violation"]["nodes"], json!(nodes), "{file}");
                // Every example that breaks a condition is outside its theorem's bounds, and
                // the explanation says so (issue 18: a break inside them would be a bug).
                let why = bad[0]["violation"]["explanation"].as_str().unwrap();
                assert!(why.contains("is outside Theorem"), "{file}: {why}");
            }
        }
    }
}

/// The inspector rows of general `id` at the end of the scenario in `file`, in English.
fn rows_at_end(file: &str, id: usize) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(common::repo_root().join("examples").join(file)).unwrap();
    let mut sim = build(&Scenario::parse(&text).unwrap()).unwrap();
    sim.run_to_end();
    sim.view(sim.now()).nodes[id - 1].view.rows.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn lieutenant_2_cannot_tell_figure_1_from_figure_2() {
    // §2: "Lieutenant 1 cannot distinguish between these two situations" — P2's whole view
    // (every value received, every vote, its decision) is identical in both runs.
    let fig1 = rows_at_end("om-three-traitor-lieutenant.json", 2);
    let fig2 = rows_at_end("om-three-traitor-commander.json", 2);
    assert_eq!(fig1, fig2);
    let tree: Vec<(&str, &str)> = fig1.iter().skip(3).map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        tree,
        vec![
            ("1→2", "attack"),
            ("  1→3→2", "retreat"),
            ("⇒ majority: decision", "retreat (1 attack, 1 retreat)"),
            ("decision", "retreat (majority)"),
        ]
    );
    // The traitors are marked.
    let text = std::fs::read_to_string(common::repo_root().join("examples/om-three-traitor-commander.json")).unwrap();
    let mut sim = build(&Scenario::parse(&text).unwrap()).unwrap();
    sim.run_to_end();
    let v = sim.view(sim.now());
    assert_eq!(v.nodes[0].view.role, "traitor commander");
    assert_eq!(v.nodes[1].view.role, "lieutenant");
}

#[test]
fn signed_messages_show_the_rejected_forgery() {
    let rows = rows_at_end("sm-three-traitor-lieutenant.json", 2);
    assert!(rows.contains(&("V (orders with valid signatures)".into(), "{attack}".into())), "{rows:?}");
    assert!(rows.contains(&("✗ 1→3→2".into(), "retreat: rejected, P1 signed attack, not retreat".into())), "{rows:?}");
}
