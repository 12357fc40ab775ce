//! Everything ring election says to a reader (notes and violations), in English; other
//! languages are the UI's (see `sim::say`).

crate::says! {
    RESTARTS_ELECTION = "ring.restarts_election": "P{node} was still waiting on an election; it starts a new one with id {eid}";
    STARTS_ELECTION = "ring.starts_election": "P{node} starts an election and sends its id {eid}";
    NO_SUCCESSOR = "ring.no_successor": "P{node} has no live successor left";
    DUPLICATE = "ring.duplicate": "P{node} already handled this message from P{from}: a duplicate";
    SKIPS = "ring.skips": "P{node} got no ack from P{to}: presumes it crashed and skips it";
    OWNER_CRASHED = "ring.owner_crashed": "P{node} drops the message for id {eid}: its owner P{owner} has crashed";
    STALLED = "ring.stalled": "P{node} saw the election stall (a crashed node held it?) and calls a new one";
    ALREADY_LEADS = "ring.already_leads": "P{node} already leads: it drops a stale copy of its own id";
    JOINS_WITH_OWN = "ring.joins_with_own": "P{node} joins; its id {eid} beats {other}, so it forwards its own";
    JOINS = "ring.joins": "P{node} joins and forwards id {eid}";
    FORWARDS_HIGHER = "ring.forwards_higher": "P{node} forwards the higher id {eid}";
    DISCARDS = "ring.discards": "P{node} is participating with a higher id: it discards id {eid}";
    OLD_COPY = "ring.old_copy": "P{node} drops an old copy of its id (round {round}; it is on round {now})";
    STAYS_OUT = "ring.stays_out": "P{node} got its own id back but already passed on the higher id {higher}: it stays out";
    IS_LEADER = "ring.is_leader": "P{node} got its own id back: it is the leader";
    STOPS_ELECTED = "ring.stops_elected": "P{node} already knows P{leader} leads: it stops the Elected message";
    STALE_ELECTED = "ring.stale_elected": "P{node} drops Elected({eid}): it already knows the later leader";
    MOVED_ON = "ring.moved_on": "Elected({eid}) came back, but P{node} has moved on to a newer election";
    HIGHER_THAN_ELECTED = "ring.higher_than_elected": "P{node} has a higher id than Elected({eid}) names: it stops the message and calls an election";
    ELECTION_OVER = "ring.election_over": "Elected({eid}) went round the ring: the election is over";
    LEARNS_LEADER = "ring.learns_leader": "P{node} learns that P{leader} is the leader";
    BACK = "ring.back": "P{node} is back and calls an election";

    TWO_LEADERS = "ring.two_leaders": "{nodes} all consider themselves leader at the same time";
    DISAGREE = "ring.disagree": "the election is over but P{a} names P{leader} as leader while P{other} names P{their}";
    NOT_HIGHEST = "ring.not_highest": "the election is over and every node names P{leader} (id {eid}), but P{top} is alive with the higher id {top_eid}";

    // The inspector's rows (see `view` in mod.rs).
    UNDEFINED = "ring.undefined": "@ (undefined)";

    // Refused params (see `configure`).
    IDS_COUNT = "ring.ids_count": "has {ids} ids for {nodes} nodes; give one per node, in ring order";
    ID_TWICE = "ring.id_twice": "{id} appears twice; election ids must be unique";
}
