//! Short readable links for course notes: `?protocol=om&seed=3` or `?scenario=ring-partition`.
//! Every parameter is checked; a bad one is refused with a message that names it, and the page
//! then offers the default scenario instead of going blank.

use crate::catalog::{self, Entry};
use crate::i18n::Lang;
use crate::told::Told;
use crate::tour::TOURS;

/// Query names the page understands (others are refused, so typos are caught).
/// `bench` runs the in-page benchmark (src/bench.rs) in the page built with it (scripts/bench-web)
/// and is answered with a notice elsewhere (src/bench_notice.rs); `panic` is a debug switch that panics on
/// purpose after the first render, to show the panic hook's error panel (src/fatal.rs).
pub const KNOWN: &[&str] =
    &["protocol", "scenario", "nodes", "seed", "speed", "tour", "step", "lang", "embed", "bench", "panic"];

#[derive(Debug, Default, PartialEq)]
pub struct Link {
    pub protocol: Option<String>,
    pub scenario: Option<String>,
    pub nodes: Option<u32>,
    pub seed: Option<u64>,
    /// Slow-motion factor (wall ms per virtual ms).
    pub speed: Option<u32>,
    /// A guided tour (`crate::tour::TOURS`) and the step to open it at: an id or a number from 1,
    /// checked against the tour once it is fetched.
    pub tour: Option<String>,
    pub step: Option<String>,
    /// The page's language when the link names one (else the browser's, see `i18n::choose`).
    pub lang: Option<Lang>,
}

/// Parse a `location.search` string (with or without the leading `?`).
pub fn parse(search: &str) -> Result<Link, Told> {
    let mut link = Link::default();
    let query = search.strip_prefix('?').unwrap_or(search);
    if query.len() > 2000 {
        return Err(Told::key("link.too_long", [("n", query.len().into())]));
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "protocol" => link.protocol = Some(word(key, value)?),
            "scenario" => link.scenario = Some(word(key, value)?),
            "nodes" => link.nodes = Some(number(key, value, 1, 64)? as u32),
            "seed" => link.seed = Some(number(key, value, 0, u64::MAX)?),
            "speed" => link.speed = Some(number(key, value, 1, 1000)? as u32),
            "tour" => link.tour = Some(tour(value)?),
            "step" => link.step = Some(word(key, value)?),
            "lang" => link.lang = Some(Lang::from_query(value)?),
            "embed" | "bench" | "panic" => {} // switches, read by `flag`
            other => {
                return Err(Told::key("link.unknown", [("name", clip(other)), ("known", KNOWN.join(", ").into())]));
            }
        }
    }
    if link.step.is_some() && link.tour.is_none() {
        return Err(Told::key("link.step_needs_tour", []));
    }
    if link.tour.is_some() && (link.scenario.is_some() || link.protocol.is_some()) {
        return Err(Told::key("link.tour_chooses", []));
    }
    Ok(link)
}

fn tour(value: &str) -> Result<String, Told> {
    match TOURS.iter().find(|t| **t == value) {
        Some(t) => Ok(t.to_string()),
        None => Err(Told::key("link.no_tour", [("got", clip(value)), ("tours", TOURS.join(", ").into())])),
    }
}

/// A value as a refusal quotes it: its first 30 characters.
pub fn clip(value: &str) -> Told {
    Told::Text(value.chars().take(30).collect())
}

/// Whether the query has switch `name` (`?embed`, `?embed=1`): the page's modes, read even when
/// another parameter is refused, so an embedded page shows its error in the compact view.
pub fn flag(search: &str, name: &str) -> bool {
    let query = search.strip_prefix('?').unwrap_or(search);
    query.split('&').any(|p| p.split('=').next() == Some(name))
}

fn word(key: &str, value: &str) -> Result<String, Told> {
    let ok = !value.is_empty() && value.len() <= 64 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(value.to_string())
    } else {
        Err(Told::key("link.not_a_name", [("key", key.into()), ("got", clip(value))]))
    }
}

fn number(key: &str, value: &str, lo: u64, hi: u64) -> Result<u64, Told> {
    match value.parse::<u64>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(Told::key("link.not_a_number", [("key", key.into()), ("got", clip(value)), ("lo", lo.into()), ("hi", hi.into())])),
    }
}

/// The scenario text a link opens: the named scenario (or the first of the named protocol),
/// with `nodes` and `seed` replaced when given.
pub fn scenario(link: &Link) -> Result<(&'static Entry, String), Told> {
    let entry = match (&link.scenario, &link.protocol) {
        (Some(id), _) => catalog::by_id(id).ok_or_else(|| Told::key("link.no_scenario", [("id", id.as_str().into()), ("ids", ids().into())]))?,
        (None, Some(p)) => catalog::first_of(p).ok_or_else(|| {
            Told::key("link.no_protocol", [("protocol", p.as_str().into()), ("protocols", catalog::protocols().join(", ").into())])
        })?,
        (None, None) => catalog::default_entry(),
    };
    if let (Some(p), Some(_)) = (&link.protocol, &link.scenario) {
        if p != entry.protocol {
            let args = [("id", entry.id.into()), ("runs", entry.protocol.into()), ("protocol", p.as_str().into())];
            return Err(Told::key("link.disagree", args));
        }
    }
    if link.nodes.is_none() && link.seed.is_none() {
        return Ok((entry, entry.text.to_string()));
    }
    let mut v: serde_json::Value = serde_json::from_str(entry.text).map_err(|e| Told::Text(e.to_string()))?;
    if let Some(n) = link.nodes {
        v["nodes"] = n.into();
        if let Some(params) = v.get_mut("params").and_then(serde_json::Value::as_object_mut) {
            consenso_core::protocols::fit_params(entry.protocol, params, n);
        }
    }
    if let Some(s) = link.seed {
        v["seed"] = s.into();
    }
    Ok((entry, serde_json::to_string(&v).unwrap_or_default()))
}

fn ids() -> String {
    catalog::CATALOG.iter().map(|e| e.id).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_link_resizes_any_protocols_first_scenario() {
        // The issue's own example: Paxos' first scenario has 2 + 5 + 1 nodes by role, ring's an
        // id per node. (Shrinking below a node an event names is refused, by name.)
        for (protocol, n) in [("paxos", 5), ("paxos", 3), ("paxos", 2), ("raft", 7), ("ring", 9), ("ring", 3), ("bully", 6), ("om", 7)] {
            let link = parse(&format!("?protocol={protocol}&nodes={n}&seed=3")).unwrap();
            let (_, text) = scenario(&link).unwrap();
            let run = crate::state::AppState::new(&text).run.unwrap_or_else(|e| panic!("{protocol} {n}: {}", crate::i18n::Words::ENGLISH.told(&e)));
            assert_eq!((run.about.nodes, run.about.seed), (n as usize, 3), "{protocol}");
        }
    }

    #[test]
    fn short_links_parse() {
        let l = parse("?protocol=om&seed=3&nodes=7&speed=40&lang=pt&embed").unwrap();
        let want = Link { protocol: Some("om".into()), nodes: Some(7), seed: Some(3), speed: Some(40), lang: Some(Lang::Pt), ..Link::default() };
        assert_eq!(l, want);
        assert_eq!(parse("").unwrap(), Link::default());
        assert!(parse("?bench&panic").is_ok());
    }

    #[test]
    fn tour_links_parse() {
        let l = parse("?tour=raft&step=7&lang=es").unwrap();
        assert_eq!((l.tour.as_deref(), l.step.as_deref(), l.lang), (Some("raft"), Some("7"), Some(Lang::Es)));
        let l = parse("?lang=pt-BR&tour=byzantine&step=split-vote&speed=1").unwrap();
        assert_eq!((l.tour.as_deref(), l.step.as_deref(), l.lang), (Some("byzantine"), Some("split-vote"), Some(Lang::Pt)));
        let l = parse("?tour=paxos").unwrap();
        assert_eq!((l.tour.as_deref(), l.step, l.lang), (Some("paxos"), None, None));
    }

    #[test]
    fn bad_tour_parameters_are_named() {
        for (q, named, detail) in [
            ("?tour=pbft", "tour", "raft, paxos, bully, ring, byzantine"),
            ("?tour=", "tour", "''"),
            ("?tour=raft&step=<b>", "step", "<b>"),
            ("?tour=raft&step=", "step", "''"),
            ("?step=3", "step", "tour="),
            ("?tour=raft&lang=fr", "lang", "'fr'"),
            ("?lang=klingon", "lang", "en, pt, es"),
            ("?tour=raft&scenario=raft-basic", "disagree", "scenario"),
            ("?tour=ring&protocol=ring", "disagree", "protocol"),
        ] {
            let e = parse(q).unwrap_err().en();
            assert!(e.contains(named) && e.contains(detail), "{q}: {e}");
        }
    }

    #[test]
    fn switches_are_found_by_name_only() {
        assert!(flag("?protocol=om&embed", "embed") && flag("?embed=1", "embed"));
        assert!(!flag("?embedded=1", "embed") && !flag("?scenario=embed", "embed") && !flag("", "embed"));
    }

    #[test]
    fn bad_parameters_are_named() {
        for (q, names) in [
            ("?nodes=100000", "nodes"),
            ("?seed=-4", "seed"),
            ("?speed=0", "speed"),
            ("?colour=red", "colour"),
            ("?protocol=<script>", "protocol"),
        ] {
            let e = parse(q).unwrap_err().en();
            assert!(e.contains(names), "{q}: {e}");
        }
        assert!(parse(&format!("?seed={}", "9".repeat(3000))).unwrap_err().en().contains("limit"));
    }

    #[test]
    fn links_choose_and_adjust_a_scenario() {
        let (e, text) = scenario(&parse("?protocol=om&seed=9").unwrap()).unwrap();
        assert_eq!(e.protocol, "om");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["seed"], 9);
        assert!(scenario(&parse("?protocol=pbft").unwrap()).unwrap_err().en().contains("pbft"));
        assert!(scenario(&parse("?scenario=nope").unwrap()).unwrap_err().en().contains("nope"));
        assert!(scenario(&parse("?scenario=ring-basic&protocol=om").unwrap()).unwrap_err().en().contains("disagree"));
        assert_eq!(scenario(&Link::default()).unwrap().0.id, "raft-basic");
    }
}
