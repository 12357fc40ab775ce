//! Everything Paxos says to a reader (notes and violations), in English; other languages are
//! the UI's (see `sim::say`). `{who}` is a node with its role ("Proposer P1", or "P1" when
//! every node plays every role); `{inst}` is empty in the Synod and " in #3" in Multi-Paxos.

use crate::say;
use crate::sim::say::ToArg;
use crate::sim::{Arg, NodeId};

use super::config::{PaxosConfig, Role};
use super::msg::{Ballot, Slot};

crate::says! {
    PROPOSER_NAMED = "paxos.proposer_named": "Proposer P{node}";
    ACCEPTOR_NAMED = "paxos.acceptor_named": "Acceptor P{node}";
    LEARNER_NAMED = "paxos.learner_named": "Learner P{node}";
    IN_SLOT = "paxos.in_slot": " in #{slot}";

    NOT_ACCEPTOR = "paxos.not_acceptor": "P{node} is not an acceptor and ignores {ballot}";
    NOT_PROPOSER = "paxos.not_proposer": "P{node} is not a proposer and ignores the message";
    ONLY_PROPOSERS = "paxos.only_proposers": "P{node} is not a proposer: only proposers take client requests (proposers are P{first}..P{last})";
    TIMEOUT_FORCED = "paxos.timeout_forced": "{who}'s retry timeout is forced";
    NO_RETRY_TIMEOUT = "paxos.no_retry_timeout": "P{node} is not a proposer: it has no retry timeout";

    PROMISES = "paxos.promises": "{who} promises to accept nothing below {ballot} (1b Promise); {had}";
    HAD_NOTHING = "paxos.had_nothing": "it has accepted nothing yet";
    HAD_ONE = "paxos.had_one": "it reports that it accepted {ballot} {value}";
    HAD_MANY = "paxos.had_many": "it reports the {count} values it has accepted";
    ACCEPTS = "paxos.accepts": "{who} accepts {ballot} {value}{inst} and tells {whom} (2b Accepted)";
    EVERY_NODE = "paxos.every_node": "every node";
    LEARNERS_AND = "paxos.learners_and": "the learners and P{node}";
    REFUSES_NACK = "paxos.refuses_nack": "{who} has promised {promised}, higher than {ballot}: it refuses the {what} and says so (NACK)";
    REFUSES_SILENTLY = "paxos.refuses_silently": "{who} has promised {promised}, higher than {ballot}: it ignores the {what} without a word";
    LOST_PROMISE = "paxos.lost_promise": "{who} restarts and (bug) has lost {promised}: it was never written to disk";
    KEPT_PROMISE = "paxos.kept_promise": "{who} restarts with {promised} and its accepted values: both are on stable storage";
    NO_PROMISE = "paxos.no_promise": "no promise";
    ITS_PROMISE = "paxos.its_promise": "its promise {ballot}";

    LEARNER_COUNTS = "paxos.learner_counts": "{who} has {have} of the {need} 2b Accepted it needs for {ballot} {value}{inst}";
    LEARNER_CHOSEN = "paxos.learner_chosen": "{who}: a majority ({have} of {acceptors}) accepted {ballot}, so {value}{inst} is chosen{answers}";
    ANSWERS_CLIENT = "paxos.answers_client": "; it answers the client (2c)";

    ALREADY_CHOSEN = "paxos.already_chosen": "{who}: the value is already chosen, {value}{verdict}";
    REQUEST_REJECTED = "paxos.request_rejected": ", so this request is rejected";
    DROPS_REQUEST = "paxos.drops_request": "{who} is already proposing {value}; a Synod decides one value, so it drops {request}";
    CLIENT_REQUEST = "paxos.client_request": "{who} gets a client request: {value}";
    FORWARDS = "paxos.forwards": "{who} forwards {values} to P{to}, {why}";
    TO_DISTINGUISHED = "paxos.to_distinguished": "the distinguished proposer";
    TO_DISTINGUISHED_AGAIN = "paxos.to_distinguished_again": "the distinguished proposer, again";
    AGAIN_NO_ANSWER = "paxos.again_no_answer": "again: no answer yet";
    BELIEVED_LEADER = "paxos.believed_leader": "which it believes leads";
    STARTS_ROUND = "paxos.starts_round": "{who} starts round {ballot}: 1a Prepare to the {count} acceptors";
    DEFERS = "paxos.defers": "{who} learns of the higher ballot {ballot}: it {stops} {mine} and defers to P{node}";
    STOPS_LEADING = "paxos.stops_leading": "stops leading with";
    GIVES_UP_ROUND = "paxos.gives_up_round": "gives up its round";
    CANNOT_WIN = "paxos.cannot_win": "{who} learns of the higher ballot {ballot}: round {mine} cannot win; it retries when its timeout fires";
    HAS_PROMISES = "paxos.has_promises": "{who} has {have} of the {need} promises it needs for {ballot}";
    NO_VALUE = "paxos.no_value": "{who} has its promises but no value to propose";
    PROPOSES = "paxos.proposes": "{who} has promises from a majority ({have} of {acceptors}); {why} (2a Propose)";
    IGNORES_REPORTED = "paxos.ignores_reported": "(bug) it ignores {ballot} {value} reported in a promise and proposes its own {own}";
    MUST_PROPOSE = "paxos.must_propose": "the highest accepted proposal is {ballot} {value}, so it must propose {value}{instead}";
    NOT_ITS_OWN = "paxos.not_its_own": ", not its own {value}";
    PROPOSES_OWN = "paxos.proposes_own": "no acceptor has accepted anything, so it proposes its own {value}";
    SEES_MAJORITY = "paxos.sees_majority": "{who} sees a majority accept {ballot}: {value}{inst} is chosen{rejected}";
    CLIENT_VALUE_REJECTED = "paxos.client_value_rejected": "; its client's {value} is rejected";
    CLIENT_ANSWERED = "paxos.client_answered": "{who}'s client gets its answer{source}: {value}{inst} is chosen";
    FROM_NODE = "paxos.from_node": " from P{node}";
    CLIENT_REJECTED = "paxos.client_rejected": "{who}'s client asked for {asked}, but {value} was chosen: the request is rejected";
    HEARS_CHOSEN = "paxos.hears_chosen": "{who} hears{source} that {value}{inst} is chosen";
    HEARS_NACK = "paxos.hears_nack": "{who} hears from P{from} (NACK) that it promised {promised}";
    TELLS_CHOSEN = "paxos.tells_chosen": "{who}: {value} is already chosen; it tells P{from}";
    WAITS_FOR_OUTCOME = "paxos.waits_for_outcome": "{who} is already proposing {value}; one decree, so {forwarded} from P{from} waits for the outcome";
    TAKES_FORWARDED = "paxos.takes_forwarded": "{who} takes {value} forwarded by P{from}";
    RETRY_HIGHER = "paxos.retry_higher": "{who}'s retry timeout fires: round {ballot} has not succeeded, so it tries a higher one";
    RETRY_AGAIN = "paxos.retry_again": "{who}'s retry timeout fires: it tries again with a higher ballot";
    RESTARTS_IDLE = "paxos.restarts_idle": "{who} restarts; it remembers only its round counter ({round})";
    RESTARTS_WAITING = "paxos.restarts_waiting": "{who} restarts; its round counter ({round}) is on disk and its client still waits for {values}: it will retry";

    LEADS = "paxos.leads": "{who} has promises from a majority ({have} of {acceptors}) and leads with {ballot}: {how}; later requests skip phase 1";
    IGNORES_REPORTED_ALL = "paxos.ignores_reported_all": "(bug) it ignores the values reported in the promises";
    REPROPOSES = "paxos.reproposes": "it re-proposes {count} value(s) the acceptors reported{gaps}";
    FILLS_GAPS = "paxos.fills_gaps": " and fills {count} gap(s) with no-op";
    PROPOSES_AT_ONCE = "paxos.proposes_at_once": "{who} leads with {ballot}: 2a Propose {value} for #{slot} straight away, no phase 1";
    TELLS_CHOSEN_IN = "paxos.tells_chosen_in": "{who}: {value} is already chosen in #{slot}; it tells P{from}";
    ALREADY_PROPOSING_IN = "paxos.already_proposing_in": "{who} is already proposing {value} in #{slot}";
    PASSES_ON = "paxos.passes_on": "{who} does not lead: it passes {value} on to P{leader}, which it believes leads";
    RUNS_PHASE_1 = "paxos.runs_phase_1": "{who} gets {value} from P{from}, which believes it leads: it runs phase 1";
    HOLDS = "paxos.holds": "{who} holds {value} from P{from} until phase 1 for {ballot} ends";
    RENEWS = "paxos.renews": "{who} (leader, {ballot}) still has no majority: it runs phase 1 again with a higher ballot";
    RESENDS = "paxos.resends": "{who} (leader, {ballot}) has no majority yet for {slots}: it sends 2a again";
    DROPS_ROUND = "paxos.drops_round": "{who}'s retry timeout fires: phase 1 for {ballot} has not ended, and nothing waits on it: it drops the round";
    NO_PROMISE_MAJORITY = "paxos.no_promise_majority": "{who}'s retry timeout fires: no majority of promises for {ballot}, so it tries a higher ballot";
    TAKES_OVER = "paxos.takes_over": "{who} has heard nothing back from P{leader}: it takes over and runs phase 1";

    TWO_CHOSEN = "paxos.two_chosen": "two values were chosen{inst}: {value} by a majority under {ballot} ({nodes}) and {other} under {other_ballot} ({other_nodes})";
    IN_INSTANCE = "paxos.in_instance": " in instance #{slot}";
    NOT_PROPOSED = "paxos.not_proposed": "{value} was chosen{inst} under {ballot}, but no client proposed it";
    NEVER_CHOSEN = "paxos.never_chosen": "learner P{node} learned {value}{inst} from {ballot}, but that value was never chosen";
    BROKE_PROMISE = "paxos.broke_promise": "acceptor P{node} accepted {ballot}{inst} after promising {promised} to accept nothing below it";

    // The inspector's rows (see `view.rs`).
    PHASE_PREPARE = "paxos.phase_prepare": "1a Prepare sent; {have} of {need} promises";
    PHASE_LEADING = "paxos.phase_leading": "leader: phase 1 done, proposes with 2a only";
    PHASE_PROPOSE = "paxos.phase_propose": "2a Propose {value} sent; accepted by {have} of {need}";
    PHASE_DONE = "paxos.phase_done": "done: {value} is chosen";
    PROMISED_NOTHING = "paxos.promised_nothing": "P{node}: nothing accepted";
    PROMISED_MANY = "paxos.promised_many": "P{node}: {count} accepted";
    LEADER_ITSELF = "paxos.leader_itself": "P{node} (itself)";
    LOG_CHOSEN = "paxos.log_chosen": "#{slot} {value} chosen";
    /// Circle labels of Multi-Paxos.
    LEADER_LABEL = "paxos.leader_label": "leader {ballot}";
    LEARNED_LABEL = "paxos.learned_label": "{count} learned";
    // Refused params (see `configure`).
    ROLES_ALL = "paxos.roles_all": "cannot be combined with roles: \"all\" (every node plays every role)";
    ROLES_SUM = "paxos.roles_sum": "proposers + acceptors + learners = {proposers} + {acceptors} + {learners} = {sum}, but nodes = {nodes}; they must add up to nodes (defaults 2 + 5 + 1 = 8), or set roles: \"all\"";
    NOT_A_PROPOSER = "paxos.not_a_proposer": "node {id} is not a proposer; proposers are nodes {lo}..={hi}";
}

/// "Proposer P1", "Acceptor P4", or just "P3" when every node plays every role.
pub fn who(cfg: &PaxosConfig, id: NodeId, role: Role) -> Arg {
    if cfg.all_roles() {
        return format!("P{id}").into();
    }
    match role {
        Role::Proposer => say!(PROPOSER_NAMED, node = id).into(),
        Role::Acceptor => say!(ACCEPTOR_NAMED, node = id).into(),
        Role::Learner => say!(LEARNER_NAMED, node = id).into(),
    }
}

/// Nothing for the Synod's single decree, " in #3" for an instance of Multi-Paxos.
pub fn inst(slot: Slot) -> Arg {
    if slot == 0 { "".into() } else { say!(IN_SLOT, slot).into() }
}

impl ToArg for Ballot {
    fn encode(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "{self}");
    }
}
