//! The command-line runner (architecture.md): `consenso run FILE` prints one JSON report,
//! `consenso trace FILE` prints the trace, one JSON event per line.
//! Exit status: 0 ran and every invariant held; 2 bad input; 3 an invariant was violated.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use consenso_core::sim::trace::TraceEvent;
use consenso_core::{build, Scenario};

const USAGE: &str = "usage: consenso run SCENARIO.json | consenso trace SCENARIO.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, path) = match args.as_slice() {
        [m, p] if m == "run" || m == "trace" => (m.as_str(), p.as_str()),
        [h] if h == "-h" || h == "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => return bad(USAGE),
    };
    let text = match read(path) {
        Ok(t) => t,
        Err(e) => return bad(&e),
    };
    let mut sim = match Scenario::parse(&text).and_then(|s| build(&s)) {
        Ok(sim) => sim,
        Err(e) => return bad(&format!("{path}: {e}")),
    };
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = if mode == "run" {
        let report = sim.run_to_end_and_report();
        writeln!(out, "{}", serde_json::to_string_pretty(&report).expect("reports serialise"))
    } else {
        // Printed as the run goes: a long run's trace is not all kept in memory.
        let mut written = print(&mut out, &sim.trace());
        while written.is_ok() && sim.step() {
            written = print(&mut out, sim.trace().of_step(sim.steps()));
        }
        written
    };
    if written.and_then(|_| out.flush()).is_err() {
        return ExitCode::from(1);
    }
    if sim.invariants().iter().all(|i| i.ok) { ExitCode::SUCCESS } else { ExitCode::from(3) }
}

fn print(out: &mut impl Write, records: &[TraceEvent]) -> std::io::Result<()> {
    records.iter().try_for_each(|e| writeln!(out, "{}", e.to_json()))
}

fn read(path: &str) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let limit = consenso_core::scenario::limits::MAX_BYTES as u64;
    if meta.len() > limit {
        return Err(format!("{path}: {} bytes is too large; the limit is {limit} bytes", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8 text"))
}

fn bad(msg: &str) -> ExitCode {
    eprintln!("consenso: {msg}");
    ExitCode::from(2)
}
