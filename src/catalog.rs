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
    entry!("ring", "ring-basic", "Ring election: one initiator"),
    entry!("ring", "ring-partition", "Ring election: a partition makes two leaders"),
    entry!("om", "om-four-case1-traitor-lieutenant", "Byzantine OM(1): four generals, a traitor lieutenant"),
    entry!("om", "om-four-case2-two-faced-commander", "Byzantine OM(1): four generals, a two-faced commander"),
    entry!("om", "om-three-traitor-lieutenant", "Byzantine OM(1): three generals cannot tolerate one traitor"),
    entry!("om", "om-seven-m2-two-traitors", "Byzantine OM(2): seven generals, two traitors"),
    entry!("om", "sm-three-traitor-lieutenant", "Byzantine SM(1): signed messages, three generals"),
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
            let s = consenso_core::Scenario::parse(e.text).unwrap_or_else(|err| panic!("{}: {err}", e.id));
            assert_eq!(s.protocol, e.protocol, "{}", e.id);
            consenso_core::build(&s).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        }
    }

    #[test]
    fn lookups_find_entries_by_id_and_protocol() {
        assert_eq!(by_id("ring-partition").unwrap().protocol, "ring");
        assert_eq!(first_of("om").unwrap().id, "om-four-case1-traitor-lieutenant");
        assert!(by_id("nope").is_none() && first_of("pbft").is_none());
        assert_eq!(protocols(), vec!["ring", "om"]);
    }
}
