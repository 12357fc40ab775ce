//! `soak`: many seeds of every protocol with random faults (the property tests' generators,
//! from `consenso_core::soak`), on every core. Prints a table of runs, violations and
//! liveness times for the correct protocols, and how often each broken variant is caught.
//!
//!   soak [--seeds N] [--bug-seeds M] [--protocol NAME]... [--threads T]
//!   soak --speed SECONDS      (one thread: virtual s and events per wall s, per protocol)
//!
//! Exit status 0 when the correct protocols broke nothing and always recovered, and every
//! broken variant was caught at least once; 1 otherwise (failing seeds are written to files
//! to replay with `consenso run FILE`); 2 for bad arguments.

use std::process::ExitCode;

use consenso_core::soak::{cases, run_case, table, Case, Tally};

struct Args {
    seeds: u64,
    bug_seeds: Option<u64>,
    protocols: Vec<String>,
    threads: usize,
    speed: Option<f64>,
}

fn parse() -> Result<Args, String> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut a = Args { seeds: 1000, bug_seeds: None, protocols: Vec::new(), threads, speed: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|_| format!("{flag}: '{v}' is not a whole number"));
        match flag.as_str() {
            "--seeds" => a.seeds = number(value()?)?,
            "--bug-seeds" => a.bug_seeds = Some(number(value()?)?),
            "--threads" => a.threads = number(value()?)?.max(1) as usize,
            "--speed" => a.speed = Some(value()?.parse::<f64>().map_err(|_| format!("{flag}: expected seconds"))?),
            "--protocol" => a.protocols.extend(value()?.split(',').map(str::to_string)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    let known = ["raft", "paxos", "bully", "ring", "om"];
    if let Some(p) = a.protocols.iter().find(|p| !known.contains(&p.as_str())) {
        return Err(format!("--protocol: '{p}' is not one of {}", known.join(", ")));
    }
    Ok(a)
}

/// Write the scenario of `seed` where `consenso run` can replay it.
fn save(case: &Case, seed: u64) -> String {
    let name = format!("soak-{}-{}-seed{seed}.json", case.protocol, case.variant.unwrap_or("correct").replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
    let file = std::env::temp_dir().join(name);
    match std::fs::write(&file, (case.scenario)(seed)) {
        Ok(()) => file.display().to_string(),
        Err(e) => format!("(could not write {}: {e})", file.display()),
    }
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("soak: {e}");
            }
            eprintln!("usage: soak [--seeds N] [--bug-seeds M] [--protocol raft,paxos,bully,ring,om] [--threads T] | soak --speed SECONDS");
            return ExitCode::from(2);
        }
    };
    if let Some(secs) = args.speed {
        println!("{:<8} {:>22} {:>16}", "protocol", "virtual s per wall s", "events per s");
        for s in consenso_core::soak::speed::measure(std::time::Duration::from_secs_f64(secs)) {
            println!("{:<8} {:>22.0} {:>16.0}", s.protocol, s.virtual_per_wall, s.events_per_s);
        }
        return ExitCode::SUCCESS;
    }
    // Broken variants are only counted, and caught within a few hundred seeds: a tenth of
    // the seeds gives their catch rate.
    let bug_seeds = args.bug_seeds.unwrap_or((args.seeds / 10).max(100));
    let all = cases();
    let chosen: Vec<&Case> = all.iter().filter(|c| args.protocols.is_empty() || args.protocols.iter().any(|p| p == c.protocol)).collect();
    println!("soak: {} seeds per correct protocol, {bug_seeds} per broken variant, {} threads", args.seeds, args.threads);
    let mut results: Vec<(&Case, Tally)> = Vec::new();
    for case in chosen {
        let seeds = if case.variant.is_some() { bug_seeds } else { args.seeds };
        let t = run_case(case, seeds, args.threads, Some(std::time::Duration::from_secs(30)));
        eprintln!("soak: {} {}: {} runs in {:.1} s", case.protocol, case.variant.unwrap_or("(correct)"), t.runs, t.wall.as_secs_f64());
        results.push((case, t));
    }
    let (good, bad): (Vec<_>, Vec<_>) = results.iter().map(|(c, t)| (*c, t)).partition(|(c, _)| c.variant.is_none());
    println!("\ncorrect protocols (liveness: virtual time after the faults stop)\n{}", table::correct(&good));
    if !bad.is_empty() {
        println!("broken variants (each must be caught by the invariants)\n{}", table::broken(&bad));
    }
    let mut failed = Vec::new();
    for (c, t) in &good {
        for &s in t.violating_seeds.iter().chain(&t.never_seeds) {
            failed.push(format!("{} seed {s}: {}; replay: consenso run {}", c.protocol, if t.violating_seeds.contains(&s) { "invariant broken" } else { "never recovered" }, save(c, s)));
        }
    }
    for (c, t) in &bad {
        if t.violating == 0 {
            failed.push(format!("{} {}: not caught in {} runs", c.protocol, c.variant.unwrap_or(""), t.runs));
        }
    }
    let wall: f64 = results.iter().map(|(_, t)| t.wall.as_secs_f64()).sum();
    let runs: u64 = results.iter().map(|(_, t)| t.runs).sum();
    println!("soak: {runs} runs in {wall:.1} s");
    if failed.is_empty() {
        println!("soak: OK: {} cases: no violation and no stuck run in the correct protocols; every broken variant caught", results.len());
        ExitCode::SUCCESS
    } else {
        for f in &failed {
            println!("soak: FAILED: {f}");
        }
        ExitCode::from(1)
    }
}
