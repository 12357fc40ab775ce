//! The scenarios the page offers, one group per protocol: the example files of examples/,
//! compiled in so the site works offline from any static host.

#[derive(Debug)]
pub struct Entry {
    /// The file name without `.json`, as used in `?scenario=`.
    pub id: &'static str,
    pub protocol: &'static str,
    pub text: &'static str,
}

macro_rules! entry {
    ($protocol:literal, $id:literal) => {
        Entry { id: $id, protocol: $protocol, text: include_str!(concat!("../examples/", $id, ".json")) }
    };
}

/// The first entry of each protocol is the one `?protocol=` opens. Each entry's title is the
/// i18n key `scenario.<id>` (i18n/en.json and the other languages).
pub const CATALOG: &[Entry] = &[
    entry!("raft", "raft-basic"),
    entry!("raft", "raft-split-vote"),
    entry!("raft", "raft-partition-heal"),
    entry!("raft", "raft-figure7"),
    entry!("raft", "raft-figure8"),
    entry!("raft", "raft-figure8e"),
    entry!("raft", "raft-figure8-bug"),
    entry!("raft", "raft-vote-without-log-check"),
    entry!("raft", "raft-committed-unacknowledged"),
    entry!("raft", "raft-forget-vote"),
    entry!("paxos", "paxos-basic"),
    entry!("paxos", "paxos-proposer-crash"),
    entry!("paxos", "paxos-dueling"),
    entry!("paxos", "paxos-dueling-random"),
    entry!("paxos", "paxos-dueling-distinguished"),
    entry!("paxos", "paxos-partition"),
    entry!("paxos", "paxos-multi-leader-change"),
    entry!("paxos", "paxos-all-roles"),
    entry!("paxos", "paxos-bug-ignore-accepted"),
    entry!("paxos", "paxos-bug-forget-promise"),
    entry!("bully", "bully-crash-worst-case"),
    entry!("bully", "bully-crash-best-case"),
    entry!("bully", "bully-recovery"),
    entry!("bully", "bully-partition"),
    entry!("bully", "bully-broken-timing"),
    entry!("ring", "ring-basic"),
    entry!("ring", "ring-concurrent"),
    entry!("ring", "ring-crash-skip"),
    entry!("ring", "ring-leader-check"),
    entry!("ring", "ring-partition"),
    entry!("om", "om-four-case1-traitor-lieutenant"),
    entry!("om", "om-four-case2-two-faced-commander"),
    entry!("om", "om-four-case3-two-equal-one-different"),
    entry!("om", "om-three-traitor-lieutenant"),
    entry!("om", "om-three-traitor-commander"),
    entry!("om", "om-seven-m2-two-traitors"),
    entry!("om", "om-seven-m1-two-traitors-fails"),
    entry!("om", "om-seven-m2-same-traitors-holds"),
    entry!("om", "sm-three-traitor-lieutenant"),
    entry!("om", "sm-three-traitor-commander"),
    entry!("om", "sm-four-m1-colluding-traitors-fails"),
];

pub fn default_entry() -> &'static Entry {
    &CATALOG[0]
}

pub fn by_id(id: &str) -> Option<&'static Entry> {
    CATALOG.iter().find(|e| e.id == id)
}

pub fn first_of(protocol: &str) -> Option<&'static Entry> {
    CATALOG.iter().find(|e| e.protocol == protocol)
}

pub fn protocols() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for e in CATALOG {
        if !out.contains(&e.protocol) {
            out.push(e.protocol);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_runs_and_is_the_protocol_it_says() {
        for e in CATALOG {
            assert_eq!(CATALOG.iter().filter(|o| o.id == e.id).count(), 1, "{} listed twice", e.id);
            let s = consenso_core::Scenario::parse(e.text).unwrap_or_else(|err| panic!("{}: {err}", e.id));
            assert_eq!(s.protocol, e.protocol, "{}", e.id);
            consenso_core::build(&s).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        }
    }

    #[test]
    fn every_example_file_is_offered() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        for f in std::fs::read_dir(dir).unwrap() {
            let name = f.unwrap().file_name().into_string().unwrap();
            let id = name.strip_suffix(".json").unwrap_or(&name);
            assert!(by_id(id).is_some(), "examples/{name} is not in the catalog");
        }
    }

    #[test]
    fn lookups_find_entries_by_id_and_protocol() {
        assert_eq!(by_id("ring-partition").unwrap().protocol, "ring");
        assert_eq!(first_of("om").unwrap().id, "om-four-case1-traitor-lieutenant");
        assert!(by_id("nope").is_none() && first_of("pbft").is_none());
        assert_eq!(protocols(), vec!["raft", "paxos", "bully", "ring", "om"]);
    }
}
