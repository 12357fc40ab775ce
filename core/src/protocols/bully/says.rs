//! Everything the bully algorithm says to a reader (notes and violations), in English;
//! other languages are the UI's (see `sim::say`).

crate::says! {
    HIGHEST_AT_START = "bully.highest_at_start": "P{node} has the highest id, so no one can outrank it: it announces itself coordinator";
    HIGHEST_PROCLAIMS = "bully.highest_proclaims": "P{node} has the highest id: it proclaims itself at once";
    SENDS_ELECTION = "bully.sends_election": "P{node} sends Election to {higher} and waits T = {t} for an Answer";
    COORDINATOR_ALONE = "bully.coordinator_alone": "P{node} is the coordinator (it has no lower ids to tell)";
    COORDINATOR_TELLS = "bully.coordinator_tells": "P{node} is the coordinator: it sends Coordinator to {lower}";
    COORDINATOR_ANSWERS = "bully.coordinator_answers": "P{node} is the coordinator: it answers P{from} and tells it so";
    ANSWERS_ELECTING = "bully.answers_electing": "P{node} answers P{from}; it is already holding an election";
    ANSWERS_AND_ELECTS = "bully.answers_and_elects": "P{node} answers P{from} (it outranks it) and holds an election of its own";
    GETS_ANSWER = "bully.gets_answer": "P{node} gets an Answer from P{from}: a higher process is alive and takes over. P{node} waits up to T' = {t} for its Coordinator message";
    ANSWER_TOO_LATE = "bully.answer_too_late": "Too late: P{from} is alive, but its Answer took longer than T, so P{node} already proclaimed itself. Bully's timeout is only right in a synchronous system, where every message arrives within Tmax";
    ANSWER_IGNORED = "bully.answer_ignored": "P{node} is no longer waiting for Answers: it ignores P{from}'s";
    ALREADY_FOLLOWS = "bully.already_follows": "P{node} already follows P{leader}";
    STEPS_DOWN = "bully.steps_down": "P{node} gets {what} from P{leader}, which outranks it: P{node} steps down and follows P{leader}";
    FOLLOWS = "bully.follows": "P{node} gets {what} from P{leader} and takes P{leader} as its coordinator";
    A_HEARTBEAT = "bully.a_heartbeat": "a heartbeat";
    COORDINATOR_MESSAGE = "bully.coordinator_message": "Coordinator";
    SUSPECTS = "bully.suspects": "P{node} {why} without news from P{coordinator}: it suspects P{coordinator} crashed and starts an election";
    NO_COORDINATOR = "bully.no_coordinator": "P{node} {why} without hearing from any coordinator: it starts an election";
    MADE_TO_TIME_OUT = "bully.made_to_time_out": "is made to time out";
    HAS_WAITED = "bully.has_waited": "has waited heartbeat + T = {t}";
    NO_ANSWER = "bully.no_answer": "No Answer within T = {t}: P{node} concludes every higher process is down and proclaims itself coordinator";
    NO_COORDINATOR_MESSAGE = "bully.no_coordinator_message": "P{node} got an Answer but no Coordinator message within T' = {t}: the process that answered may have crashed, so P{node} starts over";
    ALREADY_ELECTING = "bully.already_electing": "P{node} is already holding an election";
    ASKED_TO_ELECT = "bully.asked_to_elect": "P{node} is asked to start an election";
    NOTHING_TO_TIME_OUT = "bully.nothing_to_time_out": "P{node} is the coordinator: it watches no one, so there is nothing to time out";
    DETECTOR_OFF = "bully.detector_off": "P{node} is holding an election: its failure detector is off";
    BACK = "bully.back": "P{node} is back, remembers no coordinator, and starts an election";

    TWO_COORDINATORS = "bully.two_coordinators": "P{low} and P{high} both act as coordinator. In a synchronous system that only lasts while P{high}'s Coordinator message is on its way to P{low}, at most Tmax + Tprocess = {bound}; but P{high} has been coordinator for {since}. {sync}.";
    NAME_DIFFERENT = "bully.name_different": "No election is under way, yet P{first} names {theirs} as coordinator while P{other} names {others}. {sync}.";
    ITSELF = "bully.itself": "itself";
    NOT_HIGHEST = "bully.not_highest": "No election is under way and every live process names P{named} as coordinator, but P{top} is alive with a higher id: the highest live id should be coordinator";
    SYNC = "bully.sync": "Bully assumes a synchronous system: every message arrives within Tmax and is handled within Tprocess, so silence for T = 2·Tmax + Tprocess proves a crash. When messages take longer than Tmax, or a partition holds them back, a process times out on a live one and proclaims itself coordinator";

    // The inspector's rows (see `view.rs`).
    AWAITS_ANSWER = "bully.awaits_answer": "started by P{by} (#{seq}): waiting T for an Answer";
    AWAITS_COORDINATOR = "bully.awaits_coordinator": "started by P{by} (#{seq}): answered; waiting T' for Coordinator";
    HEARTBEAT_EVERY = "bully.heartbeat_every": "every {heartbeat} / {suspect} (heartbeat + T)";
}
