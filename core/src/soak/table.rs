//! The soak's tables, as plain text for a terminal and for docs/performance.md.

use super::{percentile, Case, Tally};

fn ms(us: u64) -> String {
    format!("{:.1} ms", us as f64 / 1000.0)
}

/// One row per liveness measure (or one row for a protocol without one).
pub fn correct(rows: &[(&Case, &Tally)]) -> String {
    let mut out = format!(
        "{:<8} {:>8} {:>10} {:>6}  {:<52} {:>10} {:>10} {:>10} {:>9}\n",
        "protocol", "runs", "violations", "stuck", "liveness", "p50", "p99", "max", "runs/s"
    );
    for (case, t) in rows {
        let rate = t.runs as f64 / t.wall.as_secs_f64().max(1e-9);
        let measures: Vec<(&str, Option<&Vec<u64>>, u64)> = if case.measures.is_empty() {
            vec![("n/a", None, 0)]
        } else {
            case.measures.iter().enumerate().map(|(i, m)| (*m, Some(&t.reached[i]), t.never[i])).collect()
        };
        for (k, (what, times, never)) in measures.into_iter().enumerate() {
            let (p50, p99, max) = match times {
                Some(v) if !v.is_empty() => (ms(percentile(v, 50)), ms(percentile(v, 99)), ms(*v.last().unwrap())),
                _ => ("n/a".into(), "n/a".into(), "n/a".into()),
            };
            let (runs, viol, rate) = if k == 0 {
                (t.runs.to_string(), t.violating.to_string(), format!("{rate:.0}"))
            } else {
                ("".into(), "".into(), "".into())
            };
            let stuck = if times.is_some() { never.to_string() } else { "n/a".into() };
            out += &format!(
                "{:<8} {:>8} {:>10} {:>6}  {:<52} {:>10} {:>10} {:>10} {:>9}\n",
                if k == 0 { case.protocol } else { "" },
                runs,
                viol,
                stuck,
                what,
                p50,
                p99,
                max,
                rate
            );
        }
    }
    out
}

/// One row per broken variant: how many of its runs the invariants caught, and which
/// invariant broke first how often.
pub fn broken(rows: &[(&Case, &Tally)]) -> String {
    let mut out = format!("{:<8} {:<30} {:>20}  {}\n", "protocol", "broken variant", "caught", "first violation (runs)");
    for (case, t) in rows {
        let by: Vec<String> = t.first_broken.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let first = t.violating_seeds.first().map_or(String::new(), |s| format!("; first at seed {s}"));
        out += &format!(
            "{:<8} {:<30} {:>20}  {}{}\n",
            case.protocol,
            case.variant.unwrap_or(""),
            format!("{} of {}", t.violating, t.runs),
            by.join(", "),
            first
        );
    }
    out
}
