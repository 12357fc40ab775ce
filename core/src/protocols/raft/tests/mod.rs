//! One step in, exact effects out. Each test names the rule of the paper (Ongaro &
//! Ousterhout 2014, Figure 2 and §5) that it checks. Notes (event-log text) are left out of
//! the exact comparisons except where the note is the behaviour (a redirect).

mod checks;
mod election;
mod replication;
mod view;

use crate::sim::protocol::{Ctx, Effect};
use crate::sim::time::{NodeId, Time};

use super::*;

pub const LO: Time = 100_000;
pub const HI: Time = 200_000;
pub const HB: Time = 50_000;

/// Figure 2's rules alone: §8's no-op on election is off here, so the exact effects of an
/// election are the figure's; the no-op has tests of its own (`cfg_noop`).
pub fn cfg(bugs: Bugs) -> RaftConfig {
    RaftConfig { election_timeout: (LO, HI), heartbeat: HB, noop_on_election: false, bugs }
}

pub fn cfg_noop() -> RaftConfig {
    RaftConfig { noop_on_election: true, ..cfg(Bugs::default()) }
}

/// Node `id` of a 5-node cluster, fresh, in term `term`, with a log of these terms (values
/// "v1", "v2", ...).
pub fn node(id: NodeId, term: Term, log: &[Term]) -> Raft {
    node_with(id, term, log, Bugs::default())
}

pub fn node_with(id: NodeId, term: Term, log: &[Term], bugs: Bugs) -> Raft {
    let mut r = Raft::new(id, 5, &cfg(bugs));
    r.term = term;
    for (i, &t) in log.iter().enumerate() {
        // Accepted in term 0: a crafted log has no history, so §5.3's majority rule sees
        // nothing committed in it unless a test says so.
        r.log.append(Entry::new(t, &format!("v{}", i + 1)), 0);
    }
    r
}

pub fn cx(id: NodeId, now: Time) -> Ctx<Raft> {
    Ctx::new(id, 5, now)
}

/// The effects without the notes.
pub fn acts(cx: &Ctx<Raft>) -> Vec<Effect<Msg, Timer>> {
    cx.effects.iter().filter(|e| !matches!(e, Effect::Note(_))).cloned().collect()
}

pub fn notes(cx: &Ctx<Raft>) -> Vec<String> {
    cx.effects.iter().filter_map(|e| if let Effect::Note(t) = e { Some(t.to_string()) } else { None }).collect()
}

pub fn send(to: NodeId, msg: Msg) -> Effect<Msg, Timer> {
    Effect::Send { to, msg }
}

pub fn election_timer() -> Effect<Msg, Timer> {
    Effect::SetTimer { timer: Timer::Election, lo: LO, hi: HI }
}

pub fn entries(from: Index, terms: &[Term]) -> Vec<Entry> {
    terms.iter().enumerate().map(|(k, &t)| Entry::new(t, &format!("v{}", from as usize + k))).collect()
}

pub fn terms(r: &Raft) -> Vec<Term> {
    r.log.entries().iter().map(|e| e.term).collect()
}

/// Make `r` leader of its current term by election (votes from 2 and 3), dropping the effects.
pub fn elect(r: &mut Raft) {
    r.term -= 1;
    let mut c = cx(r.id, 0);
    r.start_election(super::says::TIMED_OUT, &mut c);
    let me = r.id;
    for v in [2, 3].into_iter().filter(|&v| v != me) {
        r.on_vote(v, r.term, true, &mut c);
    }
    if r.role != Role::Leader {
        r.on_vote(4, r.term, true, &mut c);
    }
    assert_eq!(r.role, Role::Leader);
}

/// Why a test commits: what the note says does not matter to the checks.
fn why() -> crate::sim::Say {
    super::says::IT.into()
}
