//! What a refused scenario says, in English (see `sim::say`); the field's path is not part of
//! the sentence (`ScenarioError` puts it first), and names, values and limits are arguments.

crate::says! {
    TOO_LARGE = "scenario.too_large": "{bytes} bytes is too large; the limit is {limit} bytes";
    NOT_JSON = "scenario.not_json": "not valid JSON: {error}";
    /// serde_json's syntax error: its problem in its own words, then where.
    JSON_AT = "scenario.json_at": "{problem} at line {line} column {column}";
    NOT_AN_OBJECT = "scenario.not_an_object": "expected a JSON object like {example}";
    OBJECT_LIKE = "scenario.object_like": "expected an object like {example}";
    EVENTS_LIST = "scenario.events_list": "expected a list [...] of events";
    UNKNOWN_FIELD = "scenario.unknown_field": "unknown field `{field}`, expected one of {names}";
    OBJECT_FOUND = "scenario.object_found": "expected an object {example}, found {found}";
    MISSING_FIELD = "scenario.missing_field": "missing field `{field}`";
    UNKNOWN_VARIANT = "scenario.unknown_variant": "unknown variant `{given}`, expected one of {names}";
    /// serde's own words for a value of the wrong type ("invalid type: string \"x\", expected u32").
    MISTYPED = "scenario.mistyped": "{serde}";
    /// serde's two common refusals, taken apart so the words around the types are said in the
    /// reader's language (the types, serde's names for them, stay).
    INVALID_TYPE = "scenario.invalid_type": "invalid type: {got}, expected {expected}";
    INVALID_VALUE = "scenario.invalid_value": "invalid value: {got}, expected {expected}";
    KIND_NULL = "scenario.kind_null": "null";
    KIND_BOOLEAN = "scenario.kind_boolean": "a boolean";
    KIND_NUMBER = "scenario.kind_number": "a number";
    KIND_STRING = "scenario.kind_string": "a string";
    KIND_LIST = "scenario.kind_list": "a list";
    KIND_OBJECT = "scenario.kind_object": "an object";
    NOT_A_RANGE = "scenario.not_a_range": "[{lo}, {hi}] is not a range {min} <= lo <= hi <= {max}";
    OUT_OF_RANGE = "scenario.out_of_range": "{value} is out of range {min}..={max}";
    NODES_RANGE = "scenario.nodes_range": "{nodes} is out of range; {protocol} allows {min}..={max}";
    DURATION_RANGE = "scenario.duration_range": "{value} is out of range 1..={max} (one day)";
    TOO_MANY_EVENTS = "scenario.too_many_events": "{count} events is too many; the limit is {max}";
    AFTER_END = "scenario.after_end": "{t} is after the end of the run (duration_ms = {end})";
    OUT_OF_ORDER = "scenario.out_of_order": "{t} is earlier than the event before it ({last}); events must be in time order";
    NOT_A_PROBABILITY = "scenario.not_a_probability": "{value} is not a probability in 0.0..=1.0";
    BUGS_LIST = "scenario.bugs_list": "expected a list of bug names";
    NOT_A_BUG = "scenario.not_a_bug": "{bug} is not a bug of {protocol}; known: {known}";
    NONE = "scenario.none": "none";
    NO_SUCH_NODE = "scenario.no_such_node": "node {id} does not exist; nodes are 1..={n}";
    UNSUPPORTED = "scenario.unsupported": "'{command}' is not supported by {protocol}; supported commands: {allowed}";
    VALUE_LENGTH = "scenario.value_length": "must be 1..={max} characters";
    SAME_NODE = "scenario.same_node": "a link joins two different nodes";
    NETWORK_NEEDS = "scenario.network_needs": "set_network needs latency_ms, loss or both";
    NO_GROUPS = "scenario.no_groups": "needs at least one group; nodes in no group form one more";
    EMPTY_GROUP = "scenario.empty_group": "is empty";
    TWO_GROUPS = "scenario.two_groups": "node {id} is in two groups";
    NOT_A_PROTOCOL = "scenario.not_a_protocol": "'{name}' is not a protocol; choose one of {names}";
}
