//! The bully examples through the command-line runner: the winners and message counts the
//! docs promise (docs/protocols/bully.md), exit 0 when the notes' assumptions hold, and
//! exit 3 naming *Unique coordinator* when they do not (latency above Tmax, a partition).

mod common;

use std::process::Command;

use serde_json::{json, Value};

/// `consenso run FILE`: exit status and the report.
fn run(file: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_consenso")).args(["run", file]).current_dir(common::repo_root()).output().unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), report)
}

/// (started by, cause, coordinators, [election, answer, coordinator]) of every election.
fn elections(r: &Value) -> Vec<(u64, String, Value, [u64; 3])> {
    r["outcome"]["elections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let m = &e["messages"];
            let n = |k: &str| m[k].as_u64().unwrap();
            (e["by"].as_u64().unwrap(), e["cause"].as_str().unwrap().to_string(), e["coordinators"].clone(), [n("election"), n("answer"), n("coordinator")])
        })
        .collect()
}

fn broken(r: &Value) -> Vec<&str> {
    r["invariants"].as_array().unwrap().iter().filter(|i| i["ok"] == false).map(|i| i["name"].as_str().unwrap()).collect()
}

#[test]
fn worst_case_p1_notices_the_crash_and_it_takes_19_messages() {
    let (code, r) = run("examples/bully-crash-worst-case.json");
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["outcome"]["leader"], 4);
    let e = elections(&r);
    assert_eq!(e.len(), 2, "start-up, then P1's election only: {e:?}");
    // n = 5: Elections 4 (P1) + 3 (P2) + 2 (P3) + 1 (P4), the crashed P5 asked by each
    // (Garcia-Molina 1982; notes, Part I); Answers 1 + 2 + 3; Coordinator 3.
    assert_eq!((e[1].0, e[1].2.clone(), e[1].3), (1, json!([4]), [10, 6, 3]));
}

#[test]
fn best_case_p4_notices_the_crash_and_it_takes_n_minus_1_messages() {
    let (code, r) = run("examples/bully-crash-best-case.json");
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["outcome"]["leader"], 4);
    let e = elections(&r);
    assert_eq!(e.len(), 2, "{e:?}");
    // One Election to the suspected P5 (no Answer within T), then 3 = n − 2 Coordinator.
    assert_eq!((e[1].0, e[1].2.clone(), e[1].3), (4, json!([4]), [1, 0, 3]));
}

#[test]
fn p4_takes_over_after_the_crash_and_the_recovered_p5_bullies_its_way_back() {
    let (code, r) = run("examples/bully-recovery.json");
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["outcome"]["leader"], 5);
    assert_eq!(r["outcome"]["believed"], json!({ "1": 5, "2": 5, "3": 5, "4": 5, "5": 5 }));
    let e = elections(&r);
    // Everyone's failure detector fires within a few ms of the others: four elections. Each
    // asks P5 too (Garcia-Molina 1982), so P4 waits T before it proclaims; by then the lower
    // ones have reached it and been answered, and P4's Coordinator ends them all: only P4's
    // own election names a coordinator. Then P5 comes back and tells the four lower ids.
    let crash: Vec<_> = e.iter().filter(|x| x.1.contains("suspected P5")).collect();
    assert_eq!(crash.len(), 4, "{e:?}");
    let named: Vec<_> = crash.iter().map(|x| (x.0, x.2.clone())).filter(|x| x.1 != json!([])).collect();
    assert_eq!(named, vec![(4, json!([4]))], "{e:?}");
    let back = e.last().unwrap();
    assert_eq!((back.0, back.1.as_str(), back.2.clone(), back.3), (5, "P5 recovered", json!([5]), [0, 0, 4]));
}

#[test]
fn latency_above_tmax_gives_two_coordinators_and_exits_3() {
    let (code, r) = run("examples/bully-broken-timing.json");
    assert_eq!(code, 3, "{r}");
    assert_eq!(broken(&r), vec!["Unique coordinator"]);
    let v = &r["invariants"][0]["violation"];
    // P1 comes back at 500 ms, hears no Answer within T = 25 ms (a round trip takes at least
    // 80 ms) and proclaims itself while P5 is alive.
    assert_eq!((v["at_ms"].clone(), v["nodes"].clone()), (json!(525), json!([1, 5])));
    assert!(v["explanation"].as_str().unwrap().contains("Bully assumes a synchronous system"));
    // Once the slow messages are all in, the highest id is back in charge.
    assert_eq!(r["outcome"]["leader"], 5);
    let recovery = elections(&r).into_iter().find(|x| x.1 == "P1 recovered").unwrap();
    assert_eq!(recovery.2, json!([1, 2, 3, 4, 5]), "everyone proclaimed itself at some point");
}

#[test]
fn a_partition_cutting_the_coordinator_off_gives_two_coordinators_and_exits_3() {
    let (code, r) = run("examples/bully-partition.json");
    assert_eq!(code, 3, "{r}");
    assert_eq!(broken(&r), vec!["Unique coordinator", "Agreement"]);
    let v = &r["invariants"][0]["violation"];
    assert_eq!(v["nodes"], json!([4, 5]), "P4 leads the majority side while P5 still leads alone");
    // After the heal, P5's heartbeats reach P4, which steps down.
    assert_eq!(r["outcome"]["leader"], 5);
}
