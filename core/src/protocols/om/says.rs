//! Everything the Byzantine generals say to a reader (notes and violations), in English;
//! other languages are the UI's (see `sim::say`). Orders ("attack", "retreat") and traitor
//! strategies are words a reader's language has its own for.

use crate::say;
use crate::sim::says::NOBODY;
use crate::sim::say::{word, ToArg};
use crate::sim::{Arg, NodeId};

use super::msg::{Value, Values};

crate::says! {
    IGNORES = "om.ignores": "P{node} ignores {label}: {why}";
    ADDRESSED_ELSEWHERE = "om.addressed_elsewhere": "it is addressed to P{to}";
    NOT_FROM_COMMANDER = "om.not_from_commander": "it does not start at the commander";
    NOT_FROM_LAST = "om.not_from_last": "it came from P{from}, not from the last general on its path";
    TWICE = "om.twice": "its path passes through a general twice";
    LATE = "om.late": "it belongs to round {round} but this is round {now}; in a synchronous system a late message counts as missing";
    BACK_OUT = "om.back_out": "P{node} is back, but the synchronous rounds went on without it: it missed messages it can never get again, so it takes no further part";
    TRAITOR_NAMED = "om.traitor_named": "P{node}, a traitor ({strategy}: {gloss}),";
    SENDS = "om.sends": "sends";
    SIGNS_AND_SENDS = "om.signs_and_sends": "signs and sends";
    ORDERS = "om.orders": "P{node}, the commander, orders {order}: it {what} {told}";
    TRAITOR_ORDERS = "om.traitor_orders": "{who} is the commander; its order would be {order}, but it {what} {told}";
    TOLD = "om.told": "{value} to {nodes}";
    COLLUDE_HOLDS = "om.collude_holds": "{who} is the commander; its order would be {order}, but it sends nothing yet: its fellow traitors will sign for it and show the loyal lieutenants their orders in round {round}";
    COLLUDE_REVEALS = "om.collude_reveals": "End of round {round}: {who} sends {told}, each signed by {path}: it forges its fellow traitors' signatures, which the paper allows traitors to do for each other (never a loyal general's)";

    COPY_IGNORED = "om.copy_ignored": "P{node} already has a value along {path}; the copy is ignored";
    NOTHING_ARRIVED_ONE = "om.nothing_arrived_one": "Round {round} is over and nothing arrived at P{node} along {paths}: it counts as {default}, the default";
    NOTHING_ARRIVED = "om.nothing_arrived": "Round {round} is over and nothing arrived at P{node} along {paths}: each counts as {default}, the default";
    AND_MORE = "om.and_more": "{list} and {more} more";
    PASSES_ONE = "om.passes_one": "End of round {round}: P{node} passes on what it heard along {path} — {value} — to {to}";
    PASSES_EACH = "om.passes_each": "End of round {round}: P{node} passes each of the {count} values it heard in round {round} to every general not yet on its path ({sent} messages)";
    PASSES_NOTHING = "om.passes_nothing": "End of round {round}: {who} passes nothing on";
    TELLS_OTHERWISE = "om.tells_otherwise": "End of round {round}: {who} heard {value} along {path} but tells {told}";
    ALTERS = "om.alters": "End of round {round}: {who} passes on altered values in {altered} of its messages";
    DECIDES = "om.decides": "P{node} decides {value} = majority({inputs})";
    DECIDES_DEFAULT = "om.decides_default": "P{node} decides {value}, the default: no order has a majority among {inputs}";
    FROM_COMMANDER = "om.from_commander": "{value} from P{node}";
    VIA = "om.via": "{value} via P{node}";

    REJECTS_FORGED = "om.rejects_forged": "P{node} rejects {path}: {value}: {reason}. P{changed_by} changed the order but cannot forge P{signer}'s signature";
    SIGNED_OTHER = "om.signed_other": "P{signer} signed {signed}, not {value}";
    ADDS = "om.adds": "P{node} adds {value} to V (signed by {signers})";
    DECIDES_CHOICE = "om.decides_choice": "Round {round} is over: P{node} decides choice(V) = {value}, with V = {set}";
    END_OF_ROUND = "om.end_of_round": "End of round {round}: {who} {parts}";
    SIGNS_ON = "om.signs_on": "signs {value} (from {path}) and sends it to {to}";
    KEEPS = "om.keeps": "keeps {value} (from {path}) to itself";
    TRIES_FORGE = "om.tries_forge": "tries to pass on {forged} instead of {value} in {count} of {sent} messages, though P{signer} signed {value}";
    PASSES_ONLY = "om.passes_only": "passes on {value} (from {path}) to {to} only";
    FAITHFUL = "om.faithful": "happens to pass on {value} (from {path}) faithfully to {to}";

    IC1_BROKEN = "om.ic1_broken": "IC1 (all loyal lieutenants obey the same order) is broken: loyal {attackers} decided {attack} but loyal {retreaters} decided {retreat}";
    WITH_BOUNDS = "om.with_bounds": "{broken}. {bounds}";
    OUTSIDE_OM = "om.outside_om": "This run is outside Theorem 1's bounds: OM(m) is proved only for n ≥ 3m + 1 generals of whom at most m are faulty, and here n = {n}, m = {m}, faulty (traitors or crashed) = {faulty}; so this break is allowed";
    INSIDE_OM = "om.inside_om": "This run is inside Theorem 1's bounds (n = {n} ≥ 3m + 1, faulty generals, traitors or crashed: {faulty} ≤ m = {m}): with every message on time this cannot happen, so it is a bug in the simulator";
    OUTSIDE_SM = "om.outside_sm": "This run is outside Theorem 2's bounds: SM(m) is proved for at most m faulty generals, and here m = {m}, faulty (traitors or crashed) = {faulty}; so this break is allowed";
    INSIDE_SM = "om.inside_sm": "This run is inside Theorem 2's bounds (faulty generals, traitors or crashed: {faulty} ≤ m = {m}): with every message on time this cannot happen, so it is a bug in the simulator";
    IC2_BROKEN = "om.ic2_broken": "IC2 (if the commander is loyal, every loyal lieutenant obeys its order) is broken: the commander P{node} is loyal and ordered {order}, but loyal {wrong} decided {other}";

    // The inspector's rows (see `view.rs` and `decide.rs`).
    ALGORITHM = "om.algorithm": "{algorithm}({m}), {n} generals";
    TRAITOR = "om.traitor": "traitor: {strategy} ({gloss})";
    COMMANDER_ROUND = "om.commander_round": "sends its order in round 1, then takes no further part";
    CRASHED_OUT = "om.crashed_out": "crashed during the rounds: takes no further part";
    ROUNDS_DONE = "om.rounds_done": "done ({rounds} rounds)";
    ROUND_OF = "om.round_of": "{round} of {rounds}";
    MORE_ROWS = "om.more_rows": "{count} more rows not shown";
    BY_MAJORITY = "om.by_majority": "{value} (majority)";
    BY_CHOICE = "om.by_choice": "{value} = choice(V)";
    TRAITORS_DECISION = "om.traitors_decision": "{decision}; a traitor's decision does not count";
    DEFAULTED = "om.defaulted": "{value} (nothing arrived: default)";
    NOT_ARRIVED = "om.not_arrived": "… not yet";
    MAJORITY_FOR = "om.majority_for": "{indent}⇒ majority for {path}";
    TALLIED = "om.tallied": "{value} ({tally})";
    COUNT = "om.count": "{count} {value}";
    STILL_WAITING = "om.still_waiting": "… waiting";
    SIGNED_BY = "om.signed_by": "{value}, signed by {signers}";
    REJECTED = "om.rejected": "{value}: rejected, {reason}";
    // Refused params (see `configure`).
    NOT_A_GENERAL_KEY = "om.not_a_general_key": "\"{key}\" is not a general; keys are node ids 1..={n}";
    M_RANGE = "om.m_range": "{m} is out of range 0..={max} for {n} generals (relaying through m lieutenants needs n ≥ m + 2)";
    NOT_A_GENERAL = "om.not_a_general": "{commander} is not a general; choose one of 1..={n}";
    TOO_MANY_MESSAGES = "om.too_many_messages": "OM({m}) with {n} generals needs {total} messages ((n−1) + (n−1)(n−2) + … + (n−1)…(n−m−1)), {largest} of them in its last round; the limit is {limit} messages per run and {round_limit} in one round: lower m or use fewer nodes";
    MORE_THAN = "om.more_than": "more than 10^18";
    VALUES_LIST = "om.values_list": "expected a list of orders like [\"attack\", \"retreat\"]";
    VALUES_COUNT = "om.values_count": "lists {count} orders; list 1..={max}";
    NOT_AN_ORDER_NAME = "om.not_an_order_name": "{given} is not an order name: use 1..={max} letters, digits, _ or -";
    LISTED_TWICE = "om.listed_twice": "\"{given}\" is listed twice; the orders must be different";
    NOT_AN_ORDER = "om.not_an_order": "\"{given}\" is not one of params.values ({values})";
    ORDER_NEEDED = "om.order_needed": "needed, because params.values does not list `{fallback}`, the usual one: choose one of {values}";
}

/// The notes' orders are words of the reader's language; other orders (`params.values`,
/// such as the paper's x, y, z) are data, shown as given.
impl ToArg for Value {
    fn encode(&self, out: &mut String) {
        Arg::from(*self).encode(out)
    }
}

impl From<Value> for Arg {
    fn from(v: Value) -> Arg {
        match v {
            Value::ATTACK => word("word", "attack"),
            Value::RETREAT => word("word", "retreat"),
            v => v.name().into(),
        }
    }
}

/// "P3, P4", or "nobody".
pub fn names(ids: &[NodeId]) -> Arg {
    if ids.is_empty() {
        return NOBODY.into();
    }
    ids.iter().map(|i| format!("P{i}")).collect::<Vec<_>>().join(", ").into()
}

/// "attack to P2, P4; retreat to P3; nothing to P5", the orders in `values`' order.
pub fn grouped(told: &[(NodeId, Option<Value>)], values: &Values) -> Arg {
    let mut parts = Vec::new();
    for v in values.as_slice().iter().map(|v| Some(*v)).chain([None]) {
        let ids: Vec<NodeId> = told.iter().filter(|(_, t)| *t == v).map(|(id, _)| *id).collect();
        if !ids.is_empty() {
            let value: Arg = match v {
                Some(v) => v.into(),
                None => word("word", "nothing"),
            };
            parts.push(say!(TOLD, value, nodes = names(&ids)).into());
        }
    }
    Arg::list(parts, "; ")
}

/// "attack/z": the different orders in `vs`, in `values`' order.
pub fn orders(vs: &[Value], values: &Values) -> Arg {
    let parts: Vec<Arg> = values.as_slice().iter().filter(|v| vs.contains(v)).map(|&v| v.into()).collect();
    Arg::list(parts, "/")
}
