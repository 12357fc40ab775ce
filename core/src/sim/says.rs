//! The simulator's own sentences (a scenario action that cannot apply) and the words every
//! protocol lists nodes with, in English; see `say`.

crate::says! {
    ALREADY_DOWN = "sim.already_down": "P{node} is already down; crash ignored";
    ALREADY_UP = "sim.already_up": "P{node} is already up; recover ignored";
    COMMAND_LOST = "sim.command_lost": "P{node} is down: the command is lost";
    NOT_IN_FLIGHT = "sim.not_in_flight": "message {message} is not in flight";
    AND = "sim.and": "{rest} and {last}";
    NOBODY = "sim.nobody": "nobody";
    /// An inspector row that is a list of words and sentences (see `view::RowText`).
    ITEMS = "sim.items": "{items}";
}

/// "P3", "P3 and P4", "P3, P4 and P5", or "nobody", in the reader's language.
pub fn nodes_and(ids: &[super::NodeId]) -> super::Arg {
    let names: Vec<String> = ids.iter().map(|i| format!("P{i}")).collect();
    match names.split_last() {
        None => NOBODY.into(),
        Some((last, [])) => last.as_str().into(),
        Some((last, rest)) => crate::say!(AND, rest = rest.join(", "), last).into(),
    }
}
