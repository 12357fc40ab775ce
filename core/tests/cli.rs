//! The command-line contract of architecture.md: exit 0 when every invariant held, 2 on bad
//! input with one line on stderr, 3 when an invariant was violated (report still printed).

mod common;

use std::process::Command;

fn consenso(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_consenso")).args(args).current_dir(common::repo_root()).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn temp_file(name: &str, text: &str) -> String {
    let p = std::env::temp_dir().join(format!("consenso-cli-{}-{name}", std::process::id()));
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn run_prints_the_report_and_exits_0() {
    let (code, out, err) = consenso(&["run", "examples/ring-basic.json"]);
    assert_eq!(code, 0, "stderr: {err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["protocol"], "ring");
    assert_eq!(r["seed"], 1);
    assert_eq!(r["end_ms"], 2000);
    assert!(r["events"].as_u64().unwrap() > 0);
    assert!(r["messages"]["sent"].as_u64().unwrap() >= r["messages"]["delivered"].as_u64().unwrap());
    assert_eq!(r["invariants"][0]["name"], "Unique leader");
    assert_eq!(r["invariants"][1]["name"], "Agreement");
    // Election ids are [3, 17, 5, 11, 8]: node 2 holds the highest.
    assert_eq!(r["outcome"]["leader"], 2);
    assert_eq!(r["trace_hash"].as_str().unwrap().len(), 16);
}

#[test]
fn trace_prints_one_json_event_per_line_ending_where_run_ends() {
    let (code, out, _) = consenso(&["trace", "examples/ring-basic.json"]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().any(|e| e["event"] == "send"));
    assert!(lines.iter().any(|e| e["event"] == "deliver"));
    assert!(lines.windows(2).all(|w| w[0]["at"].as_u64() <= w[1]["at"].as_u64()), "trace is in time order");
}

#[test]
fn a_violation_exits_3_and_still_prints_the_report() {
    let (code, out, _) = consenso(&["run", "examples/ring-partition.json"]);
    assert_eq!(code, 3);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let broken: Vec<&serde_json::Value> = r["invariants"].as_array().unwrap().iter().filter(|i| i["ok"] == false).collect();
    assert!(!broken.is_empty());
    assert!(broken[0]["violation"]["explanation"].as_str().unwrap().len() > 20);
}

#[test]
fn bad_input_exits_2_with_one_line_and_no_panic() {
    let cases = [
        ("missing-file", None),
        ("not-json", Some("{ nope")),
        ("unknown-field", Some(r#"{"protocol":"ring","nodes":3,"seed":1,"duration_ms":10,"x":1}"#)),
        ("too-many-nodes", Some(r#"{"protocol":"ring","nodes":100000,"seed":1,"duration_ms":10}"#)),
        ("centuries", Some(r#"{"protocol":"ring","nodes":3,"seed":1,"duration_ms":3153600000000}"#)),
        ("binary", Some("\u{0}\u{1}")),
    ];
    for (name, text) in cases {
        let path = match text {
            Some(t) => temp_file(name, t),
            None => "/nonexistent/scenario.json".to_string(),
        };
        let (code, out, err) = consenso(&["run", &path]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: printed a report");
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: stderr is not one line: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    let (code, _, err) = consenso(&["explode"]);
    assert_eq!(code, 2);
    assert!(err.contains("usage"));
}
