//! The replicated log (Figure 2, "log[]"): entries indexed from 1, each with the term in which
//! a leader created it. Only this type touches the entries, so every destructive change is
//! counted (the Leader Append-Only check relies on that), and each entry carries the hash of
//! the whole prefix ending at it, so two logs can be compared up to an index in O(1) (the
//! Log Matching, Leader Completeness and State Machine Safety checks rely on that).

use std::sync::Arc;

use serde::{Serialize, Serializer};

pub type Term = u64;
/// A log position, 1-based as in the paper; 0 means "before the first entry".
pub type Index = u64;

/// One log entry: a client command and the term of the leader that received it, or the
/// no-op a leader appends when it is elected (§8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub term: Term,
    /// Shared, so that AppendEntries messages copy a pointer and not the text. Empty for a
    /// no-op.
    pub value: Arc<str>,
    /// §8's "blank no-op entry": it carries no client command and changes no state machine.
    /// A flag rather than a reserved value, so no client value can be mistaken for it.
    pub noop: bool,
}

impl Entry {
    pub fn new(term: Term, value: &str) -> Self {
        Entry { term, value: Arc::from(value), noop: false }
    }

    /// The no-op a new leader of `term` appends (§8).
    pub fn noop(term: Term) -> Self {
        Entry { term, value: Arc::from(""), noop: true }
    }

    /// The client value, `None` for a no-op.
    pub fn client_value(&self) -> Option<&str> {
        (!self.noop).then_some(&*self.value)
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // A client entry serialises as it always has; a no-op as `{term, noop: true}`.
        let mut st = s.serialize_struct("Entry", 2)?;
        st.serialize_field("term", &self.term)?;
        if self.noop {
            st.serialize_field("noop", &true)?;
        } else {
            st.serialize_field("value", &*self.value)?;
        }
        st.end()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Log {
    entries: Vec<Entry>,
    /// `prefix[i]` hashes entries 1..=i+1 (ghost data: only the invariant checks read it).
    prefix: Vec<u64>,
    /// How many times entries were removed (ghost data, for Leader Append-Only).
    truncations: u64,
    /// Bumped by every change (ghost data: lets the checks skip logs that did not change).
    version: u64,
    /// `accepted[i]`: the currentTerm of this server when it appended entry i+1 (ghost data:
    /// §5.3's commitment is about servers that accepted an entry in the entry's own term).
    accepted: Vec<Term>,
    /// Every entry this server appended while its currentTerm was the entry's term, as
    /// `(index, term, prefix hash)`, in order, never shortened (ghost data: a history the
    /// commitment check reads past what was appended since it last looked).
    own_term: Vec<(Index, Term, u64)>,
}

/// FNV-1a over the value, folded into the previous prefix hash with the term (splitmix64
/// finaliser). Fixed arithmetic, so the same on every platform.
fn chain(prev: u64, e: &Entry) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in e.value.as_bytes() {
        h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    if e.noop {
        h = !h;
    }
    let mut z = prev ^ h.rotate_left(17) ^ e.term.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Log {
    /// Index of the last entry (0 when empty).
    pub fn last_index(&self) -> Index {
        self.entries.len() as Index
    }

    /// Term of the last entry (0 when empty), for the up-to-date check of §5.4.1.
    pub fn last_term(&self) -> Term {
        self.entries.last().map_or(0, |e| e.term)
    }

    /// Term at `i`; index 0 has term 0 (the empty prefix every log shares). `None` past the end.
    pub fn term_at(&self, i: Index) -> Option<Term> {
        if i == 0 {
            Some(0)
        } else {
            self.entries.get(i as usize - 1).map(|e| e.term)
        }
    }

    pub fn get(&self, i: Index) -> Option<&Entry> {
        if i == 0 {
            None
        } else {
            self.entries.get(i as usize - 1)
        }
    }

    /// Up to `max` entries starting at index `from` (for an AppendEntries message).
    pub fn slice_from(&self, from: Index, max: usize) -> Vec<Entry> {
        let start = (from.max(1) - 1) as usize;
        self.entries.iter().skip(start).take(max).cloned().collect()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Append `e`, received (or created) while this server's currentTerm was `current_term`.
    pub fn append(&mut self, e: Entry, current_term: Term) {
        let prev = self.prefix.last().copied().unwrap_or(0);
        let hash = chain(prev, &e);
        self.prefix.push(hash);
        if e.term == current_term {
            self.own_term.push((self.entries.len() as Index + 1, e.term, hash));
        }
        self.accepted.push(current_term);
        self.entries.push(e);
        self.version += 1;
    }

    /// The currentTerm in which this server appended the entry at `i` (ghost data).
    pub fn accepted_in(&self, i: Index) -> Option<Term> {
        if i == 0 {
            None
        } else {
            self.accepted.get(i as usize - 1).copied()
        }
    }

    /// Entries appended in their own term, oldest first (ghost data, see `own_term`).
    pub fn own_term_history(&self) -> &[(Index, Term, u64)] {
        &self.own_term
    }

    /// Delete the entry at `from` and all that follow it (§5.3, a conflicting suffix).
    pub fn truncate_from(&mut self, from: Index) {
        let keep = (from.max(1) - 1) as usize;
        if keep < self.entries.len() {
            self.entries.truncate(keep);
            self.prefix.truncate(keep);
            self.accepted.truncate(keep);
            self.truncations += 1;
            self.version += 1;
        }
    }

    /// Hash of the prefix 1..=i (0 for the empty prefix); `None` past the end.
    pub fn prefix_hash(&self, i: Index) -> Option<u64> {
        if i == 0 {
            Some(0)
        } else {
            self.prefix.get(i as usize - 1).copied()
        }
    }

    /// How many destructive changes this log has seen (ghost data).
    pub fn truncations(&self) -> u64 {
        self.truncations
    }

    /// Changes so far (ghost data).
    pub fn version(&self) -> u64 {
        self.version
    }
}
