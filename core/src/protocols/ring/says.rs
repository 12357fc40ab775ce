//! Everything ring election says to a reader (notes and violations), in English; other
//! languages are the UI's (see `sim::say`).

crate::says! {
    RESTARTS_ELECTION = "ring.restarts_election": "P{node} was still in election #{old}; it starts election #{num} with its id {eid}";
    STARTS_ELECTION = "ring.starts_election": "P{node} starts election #{num} and sends its id {eid}";
    NO_SUCCESSOR = "ring.no_successor": "P{node} has no live successor left";
    DUPLICATE = "ring.duplicate": "P{node} already handled this message from P{from}: a duplicate";
    SKIPS = "ring.skips": "P{node} got no ack from P{to}: presumes it crashed and skips it";
    OWNER_CRASHED = "ring.owner_crashed": "P{node} drops the message for id {eid}: its owner P{owner} has crashed";
    OLD_NOT_RESENT = "ring.old_not_resent": "P{node} does not resend its message of election #{old}: it is in election #{num} now";
    STALLED = "ring.stalled": "P{node} saw election #{num} stall (a crashed node held it?) and calls a new one";
    JOINS_WITH_OWN = "ring.joins_with_own": "P{node} joins; its id {eid} beats {other}, so it forwards its own";
    JOINS = "ring.joins": "P{node} joins and forwards id {eid}";
    FORWARDS_HIGHER = "ring.forwards_higher": "P{node} forwards the higher id {eid}";
    DISCARDS = "ring.discards": "P{node} is participating with a higher id: it discards id {eid}";
    OLDER_DROPPED = "ring.older_dropped": "P{node} drops {what} of election #{old}: it is in election #{num}, which supersedes it";
    NEWER_ELECTION = "ring.newer_election": "P{node} hears of election #{num}, newer than its #{old}: it leaves #{old}";
    ACK_NEWER = "ring.ack_newer": "P{from}'s ack says it is in election #{num}: it dropped P{node}'s message of election #{old}";
    DROPPED_BY_DECIDED = "ring.dropped_by_decided": "P{from} is in election #{num}, which is already decided and never counted P{node}'s id: P{node} calls an election";
    WAITS_FOR_NEWER = "ring.waits_for_newer": "P{node} waits a round for election #{num} to reach it (it may have gone by while P{node} was down)";
    NEWER_NEVER_CAME = "ring.newer_never_came": "Election #{num} did not reach P{node} within a round (it went by while P{node} was down, or stalled): P{node} calls an election";
    NOT_COUNTED = "ring.not_counted": "Election #{num} was decided without P{node}'s id (P{node} last took part in #{old}), and its winner's id is lower: P{node} calls an election";
    STAYS_OUT = "ring.stays_out": "P{node} got its own id back, but it has seen the higher id {higher} in election #{num}: that node was not in the election when P{node}'s id went by, so P{node} is not the highest and drops its id";
    BELOW_BEST = "ring.below_best": "P{node} drops Elected({eid}) of election #{num}: it has seen the higher id {higher} in that election, so {eid} cannot be its winner";
    IS_LEADER = "ring.is_leader": "P{node} got its own id back: it is the leader (election #{num})";
    ELECTION_OVER = "ring.election_over": "Elected({eid}) went round the ring: election #{num} is over";
    LEARNS_LEADER = "ring.learns_leader": "P{node} learns that P{leader} won election #{num}";
    BACK = "ring.back": "P{node} is back and calls an election";
    KNOWS_NO_LEADER = "ring.knows_no_leader": "P{node} checks its leader but knows none: it starts an election";
    LEADER_SILENT = "ring.leader_silent": "P{node} got no answer from its leader P{leader} within {t} ms: it presumes P{leader} crashed and starts an election";
    LEADER_STEPPED_DOWN = "ring.leader_stepped_down": "P{leader} answers P{node} that it no longer leads: P{node} starts an election";
    LEADER_IN_NEWER = "ring.leader_in_newer": "P{leader} answers P{node} that it is in election #{num}, newer than P{node} knows: P{node} waits for it";

    TWO_LEADERS = "ring.two_leaders": "{nodes} all consider themselves leader at the same time";
    DISAGREE = "ring.disagree": "the election is over but P{a} names P{leader} as leader while P{other} names P{their}";
    NOT_HIGHEST = "ring.not_highest": "the election is over and every node names P{leader} (id {eid}), but P{top} is alive with the higher id {top_eid}";

    // The inspector's rows (see `view` in mod.rs).
    UNDEFINED = "ring.undefined": "@ (undefined)";

    // Refused params (see `configure`).
    IDS_COUNT = "ring.ids_count": "has {ids} ids for {nodes} nodes; give one per node, in ring order";
    ID_TWICE = "ring.id_twice": "{id} appears twice; election ids must be unique";
}
