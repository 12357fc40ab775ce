//! Everything Raft says to a reader (notes and violations), in English; other languages are
//! the UI's (see `sim::say`).

crate::says! {
    STARTS_ELECTION = "raft.starts_election": "P{node} {why} and starts an election for term {term}";
    TIMED_OUT = "raft.timed_out": "hears nothing from a leader before its election timeout";
    MADE_TO_TIME_OUT = "raft.made_to_time_out": "is made to time out";
    DENIES_OLD_TERM = "raft.denies_old_term": "P{node} denies its vote to P{from}: term {term} is older than its term {own}";
    DENIES_VOTED = "raft.denies_voted": "P{node} denies its vote to P{from}: it already voted for {voted} in term {term}";
    ITSELF = "raft.itself": "itself";
    DENIES_LOG = "raft.denies_log": "P{node} denies its vote to P{from}: its own log (last term {own_term}, index {own_index}) is more up-to-date than P{from}'s (last term {term}, index {index})";
    VOTES = "raft.votes": "P{node} votes for P{from} in term {term}";
    VOTES_UNCHECKED = "raft.votes_unchecked": "P{node} votes for P{from} in term {term} without checking that P{from}'s log is up-to-date (bug vote_without_log_check)";
    WINS = "raft.wins": "P{node} wins the election for term {term} with votes from {voters}: it is the leader";
    WINS_NOOP = "raft.wins_noop": "P{node} wins the election for term {term} with votes from {voters}: it is the leader, and appends a no-op entry of its term at index {index}; once that is committed, so is everything before it (§8)";

    APPENDS_CLIENT = "raft.appends_client": "P{node}, the leader, appends {value} to its log at index {index} (term {term}) and sends it to the followers";
    REDIRECTS = "raft.redirects": "P{node} is a follower: it rejects {value} and tells the client that P{leader} is the leader it knows; the client sends {value} to P{leader}";
    TURNS_AWAY = "raft.turns_away": "P{node} is a follower that knows no leader: it turns {value} away, and the client tries again in {ms} ms";
    NO_LEADER_YET = "raft.no_leader_yet": "P{node} is a candidate: there is no leader to take {value} yet, so it turns it away, and the client tries again in {ms} ms";
    CLIENT_RETRIES_AT_LEADER = "raft.client_retries_at_leader": "The client sends {value} to P{node}, which P{from} named as the leader";
    CLIENT_RETRIES = "raft.client_retries": "The client tries {value} at P{node} again";
    REJECTS_OLD_TERM = "raft.rejects_old_term": "P{node} rejects AppendEntries from P{from}: its term {term} is older than {own}";
    GIVES_UP = "raft.gives_up": "P{node} hears from P{from}, leader of term {term}: it gives up its candidacy";
    LEADER_IGNORES = "raft.leader_ignores": "P{node} is itself leader of term {term} and ignores AppendEntries from P{from}";
    RECOGNISES = "raft.recognises": "P{node} recognises P{from} as the leader of term {term}";
    REFUSES = "raft.refuses": "P{node} refuses AppendEntries from P{from}: {why}";
    NO_ENTRY = "raft.no_entry": "it has no entry at index {index}";
    OTHER_TERM = "raft.other_term": "its entry at index {index} has term {term}, not {expected}";
    CONFLICT = "raft.conflict": "P{node}'s entry at index {index} (term {term}) conflicts with the leader's (term {leader_term}): it deletes it and all that follow";
    APPENDS_ONE = "raft.appends_one": "P{node} appends 1 entry from P{from} at index {index}";
    APPENDS_MANY = "raft.appends_many": "P{node} appends {count} entries from P{from} at indexes {first}–{last}";
    LEARNS_COMMITTED = "raft.learns_committed": "P{node} learns from P{from} that entries up to index {index} are committed";
    BACKS_UP = "raft.backs_up": "P{follower}'s log does not match P{node}'s at index {index}: P{node} moves nextIndex for P{follower} back to {next} and retries";
    COMMITS = "raft.commits": "P{node} has index {index}, of its own term {term}, on a majority: it commits everything up to it";
    COMMITS_OLD_TERM = "raft.commits_old_term": "P{node} counts index {index} (term {term}) on a majority and commits it, though it is from an earlier term (bug commit_old_terms_by_count)";
    MAY_NOT_COMMIT = "raft.may_not_commit": "P{node} has index {index} on a majority, but it is from term {term}, not its own term {own}: it may not commit it by counting replicas (§5.4.2)";

    STEPS_DOWN = "raft.steps_down": "P{node} sees term {term} in a message from P{from}: a newer term, so the {role} steps down to follower";
    RESTARTS_ONE = "raft.restarts_one": "P{node} restarts as a follower: it kept term {term}, its vote and its log (1 entry), but not what it knew was committed";
    RESTARTS = "raft.restarts": "P{node} restarts as a follower: it kept term {term}, its vote and its log ({count} entries), but not what it knew was committed";
    FORGOT_VOTE = "raft.forgot_vote": "P{node} has forgotten whom it voted for in term {term} (bug forget_vote_on_restart)";
    APPLIES_ONE = "raft.applies_one": "{why}; it applies {value}";
    APPLIES_MANY = "raft.applies_many": "{why}; it applies indexes {first}–{last}, the last being {value}";

    BOTH_ELECTED = "raft.both_elected": "P{a} and P{b} were both elected leader of term {term}";
    LEADER_DELETED = "raft.leader_deleted": "P{node}, leader of term {term}, deleted entries from its own log";
    LOGS_DIFFER = "raft.logs_differ": "P{a} and P{b} both hold an entry of term {term} at index {index}, yet their logs differ at index {first}";
    LEADER_INCOMPLETE = "raft.leader_incomplete": "P{leader} leads term {term} without the entries up to index {index} that {who} knew were committed in term {then}";
    LEADER_LACKS_MAJORITY = "raft.leader_lacks_majority": "P{leader} leads term {term} without the entries up to index {index}, though they were committed in term {then}: a majority ({holders}) held index {index}, each having accepted it in term {then}, even if no server learnt that it was committed";
    IT = "raft.it": "it";
    NOOP = "raft.noop": "the no-op";
    REAPPLIED = "raft.reapplied": "P{node} applied {was} at index {index}, then after a restart applied {now} there";
    APPLIED_DIFFERENT = "raft.applied_different": "P{a} applied {a_value} (term {a_term}) at index {index} but P{b} applied {b_value} (term {b_term}) there";
    APPLIED_NOT_COMMITTED = "raft.applied_not_committed": "P{node} applied {value} (term {term}) at index {index}, but {committed} (term {then}) was committed there: a majority ({holders}) held it, each having accepted it in term {then}";
    APPLIED_PREFIX_NOT_COMMITTED = "raft.applied_prefix_not_committed": "P{node} applied entries up to index {index} that differ from the ones committed in term {then}: a majority ({holders}) held index {index}, each having accepted it in term {then}";

    // The inspector's rows (see `view.rs`).
    VOTES_NEEDED = "raft.votes_needed": "{have} of {need} needed: {voters}";

    // Refused params (see `configure`).
    HEARTBEAT_TOO_SLOW = "raft.heartbeat_too_slow": "{heartbeat} must be below the shortest election timeout ({timeout} ms), or followers would time out between heartbeats";
}

/// A log entry as a sentence names it: its client value, or "the no-op" (§8).
pub fn shown(e: &super::Entry) -> crate::sim::Arg {
    match e.client_value() {
        Some(v) => v.into(),
        None => NOOP.into(),
    }
}
