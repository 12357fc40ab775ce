//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use consenso_core::sim::report::Report;
use consenso_core::{build, Scenario};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Run a scenario document to its end and return the report.
pub fn run_json(json: &str) -> Report {
    let s = Scenario::parse(json).unwrap_or_else(|e| panic!("scenario refused: {e}\n{json}"));
    let mut sim = build(&s).unwrap_or_else(|e| panic!("scenario refused: {e}\n{json}"));
    sim.run_to_end();
    sim.report()
}

/// The message of the refusal of `json`, which must be refused.
pub fn refusal(json: &str) -> String {
    match Scenario::parse(json).and_then(|s| build(&s).map(|_| ())) {
        Ok(()) => panic!("accepted a scenario that should be refused:\n{json}"),
        Err(e) => e.to_string(),
    }
}

/// Every example scenario in examples/, as (relative path, text), sorted by name.
pub fn examples() -> Vec<(String, String)> {
    let dir = repo_root().join("examples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = format!("examples/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

pub mod alloc;
