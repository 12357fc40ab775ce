//! The scenarios the page offers, one group per protocol: the example files of examples/,
//! compiled in so the site works offline from any static host.

#[derive(Debug)]
pub struct Entry {
    /// The file name without `.json`, as used in `?scenario=`.
    pub id: &'static str,
    pub protocol: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

macro_rules! entry {
    ($protocol:literal, $id:literal, $title:literal) => {
        Entry { id: $id, protocol: $protocol, title: $title, text: include_str!(concat!("../examples/", $id, ".json")) }
    };
}

/// The first entry of each protocol is the one `?protocol=` opens.
pub const CATALOG: &[Entry] = &[
    entry!("raft", "raft-basic", "Raft: elections, replication, a leader crash"),
    entry!("raft", "raft-split-vote", "Raft: a split vote, then random timeouts decide"),
    entry!("raft", "raft-partition-heal", "Raft: a partition strands the leader, then heals"),
    entry!("raft", "raft-figure7", "Raft: Figure 7, followers (a)-(f) and their logs"),
    entry!("raft", "raft-figure8", "Raft: Figure 8 (a)-(d), why old terms are not counted"),
    entry!("raft", "raft-figure8e", "Raft: Figure 8 (e), the entry that is safely committed"),
    entry!("raft", "raft-figure8-bug", "Raft bug: commit an old term by counting replicas"),
    entry!("raft", "raft-vote-without-log-check", "Raft bug: vote without the up-to-date check"),
    entry!("raft", "raft-forget-vote", "Raft bug: forget votedFor on restart"),
    entry!("paxos", "paxos-basic", "Paxos: one value, each phase once"),
    entry!("paxos", "paxos-proposer-crash", "Paxos: a proposer crashes mid-phase 2"),
    entry!("paxos", "paxos-dueling", "Paxos: duelling proposers never decide"),
    entry!("paxos", "paxos-dueling-random", "Paxos: randomized timeouts end the duel"),
    entry!("paxos", "paxos-dueling-distinguished", "Paxos: a distinguished proposer ends the duel"),
    entry!("paxos", "paxos-partition", "Paxos: a minority proposer cannot decide"),
    entry!("paxos", "paxos-multi-leader-change", "Multi-Paxos: the leader changes mid-log"),
    entry!("paxos", "paxos-all-roles", "Paxos: three nodes, every node plays every role"),
    entry!("paxos", "paxos-bug-ignore-accepted", "Paxos bug: ignore the values promises report"),
    entry!("paxos", "paxos-bug-forget-promise", "Paxos bug: forget promises on restart"),
    entry!("bully", "bully-crash-worst-case", "Bully: the coordinator crashes, the lowest notices"),
    entry!("bully", "bully-crash-best-case", "Bully: the coordinator crashes, the next notices"),
    entry!("bully", "bully-recovery", "Bully: the old coordinator recovers and bullies"),
    entry!("bully", "bully-partition", "Bully: a partition makes two coordinators"),
    entry!("bully", "bully-broken-timing", "Bully: the timing assumption broken"),
    entry!("ring", "ring-basic", "Ring election: one initiator"),
    entry!("ring", "ring-concurrent", "Ring election: two initiators at once, one leader"),
    entry!("ring", "ring-crash-skip", "Ring election: a crashed node is skipped"),
    entry!("ring", "ring-partition", "Ring election: a partition makes two leaders"),
    entry!("om", "om-four-case1-traitor-lieutenant", "Byzantine OM(1): four generals, a traitor lieutenant"),
    entry!("om", "om-four-case2-two-faced-commander", "Byzantine OM(1): four generals, a two-faced commander"),
    entry!("om", "om-four-case3-two-equal-one-different", "Byzantine OM(1): a commander sends two equal, one different"),
    entry!("om", "om-three-traitor-lieutenant", "Byzantine OM(1): three generals, a traitor lieutenant"),
    entry!("om", "om-three-traitor-commander", "Byzantine OM(1): three generals, a traitor commander"),
    entry!("om", "om-seven-m2-two-traitors", "Byzantine OM(2): seven generals, two traitors"),
    entry!("om", "om-seven-m1-two-traitors-fails", "Byzantine OM(1): two traitors are one too many"),
    entry!("om", "om-seven-m2-same-traitors-holds", "Byzantine OM(2): the same traitors, one more round"),
    entry!("om", "sm-three-traitor-lieutenant", "Byzantine SM(1): signed messages, a traitor lieutenant"),
    entry!("om", "sm-three-traitor-commander", "Byzantine SM(1): signed messages, a traitor commander"),
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
