//! More than two orders: `params.values` and `params.default` (issue 18, point 5). The paper's
//! values are arbitrary; its Figure 4 has a traitor commander send x, y and z, and the notes'
//! case 2 (seed 002) a commander sending "un mensaje distinto a cada uno de los generales".

use super::*;


fn v(name: &str) -> Value {
    Value::new(name).unwrap()
}

/// n generals, OM(m), commander 1 ordering x, with values [x, y, z, retreat] (the paper's
/// Figure 4 and its RETREAT for "no majority").
fn xyz(n: u32, m: u32, traitors: &[(NodeId, Strategy)], signed: bool) -> OmConfig {
    let mut c = cfg(n, m, traitors, signed);
    c.setup.values = Values::new(&[v("x"), v("y"), v("z"), R]).unwrap();
    c.setup.order = v("x");
    c
}

fn err(p: serde_json::Value) -> String {
    Om::configure(&p, &env(4)).unwrap_err().to_string()
}

#[test]
fn configure_reads_values_and_default() {
    let c = Om::configure(&serde_json::json!({"values": ["x", "y", "z", "retreat"], "order": "x"}), &env(4)).unwrap();
    assert_eq!(c.setup.values.as_slice(), [v("x"), v("y"), v("z"), R]);
    assert_eq!((c.setup.order, c.setup.default), (v("x"), R), "default: retreat, the paper's RETREAT");
    let c = Om::configure(&serde_json::json!({"values": ["go", "stay"], "order": "stay", "default": "go"}), &env(4)).unwrap();
    assert_eq!((c.setup.order, c.setup.default), (v("stay"), v("go")));
    let c = Om::configure(&serde_json::json!({"default": "attack"}), &env(4)).unwrap();
    assert_eq!((c.setup.values, c.setup.order, c.setup.default), (Values::ATTACK_RETREAT, A, A));
}

#[test]
fn configure_refuses_bad_values_and_defaults_naming_the_field() {
    use serde_json::json;
    assert_eq!(err(json!({"values": "x"})), "params.values: expected a list of orders like [\"attack\", \"retreat\"]");
    assert_eq!(err(json!({"values": []})), "params.values: lists 0 orders; list 1..=8");
    assert!(err(json!({"values": ["a", "b", "c", "d", "e", "f", "g", "h", "i"]})).starts_with("params.values: lists 9 orders"));
    assert_eq!(err(json!({"values": ["x", "x y"]})), "params.values[1]: x y is not an order name: use 1..=16 letters, digits, _ or -");
    assert!(err(json!({"values": ["x", 3]})).starts_with("params.values[1]: 3 is not an order name"));
    assert!(err(json!({"values": ["x", ""]})).starts_with("params.values[1]:  is not an order name"));
    assert!(err(json!({"values": ["abcdefghijklmnopq"]})).starts_with("params.values[0]: abcdefghijklmnopq is not an order name"));
    assert_eq!(err(json!({"values": ["x", "y", "x"], "order": "x"})), "params.values[2]: \"x\" is listed twice; the orders must be different");
    assert_eq!(
        err(json!({"values": ["x", "y"], "default": "x"})),
        "params.order: needed, because params.values does not list `attack`, the usual one: choose one of `x`, `y`"
    );
    assert_eq!(
        err(json!({"values": ["x", "y"], "order": "x"})),
        "params.default: needed, because params.values does not list `retreat`, the usual one: choose one of `x`, `y`"
    );
    assert_eq!(err(json!({"values": ["x", "y"], "order": "x", "default": "z"})), "params.default: \"z\" is not one of params.values (`x`, `y`)");
    assert_eq!(err(json!({"values": ["x", "y"], "order": "w", "default": "x"})), "params.order: \"w\" is not one of params.values (`x`, `y`)");
    assert!(err(json!({"default": 1})).starts_with("params.default: invalid type"));
}

#[test]
fn majority_of_three_different_values_is_the_default() {
    // §3: majority is "the value v if a majority of the values vi equal v, RETREAT otherwise";
    // Figure 4: the lieutenants "all obtain the same value majority(x, y, z)".
    let (x, y, z) = (v("x"), v("y"), v("z"));
    assert_eq!(majority(&[x, y, z], R), R);
    assert_eq!(majority(&[x, y, z], z), z, "params.default replaces RETREAT");
    assert_eq!(majority(&[y, x, y], R), y);
    assert_eq!(majority(&[x, y, x, z], R), R, "2 of 4 is no majority");
    assert_eq!(choice(&[x, y].into(), R), R);
    assert_eq!(choice(&[z].into(), R), z);
}

#[test]
fn two_faced_commander_gives_three_lieutenants_three_different_orders() {
    // Figure 4 of the paper and the notes' case 2: x to one lieutenant, y to another, z to
    // the third.
    let (_, c) = general(1, &xyz(4, 1, &[(1, Strategy::TwoFaced)], false));
    assert_eq!(sends(&c), vec![(2, oral(&[1], 2, v("x"))), (3, oral(&[1], 3, v("y"))), (4, oral(&[1], 4, v("z")))]);
    // With a fifth general the list wraps: the 4th recipient hears the value 3 after x.
    let (_, c) = general(1, &xyz(5, 1, &[(1, Strategy::TwoFaced)], false));
    assert_eq!(sends(&c)[3], (5, oral(&[1], 5, R)));
}

#[test]
fn flip_tells_the_next_value_in_the_list_wrapping_around() {
    let (mut g, _) = general(3, &xyz(4, 1, &[(3, Strategy::Flip)], false));
    g.on_message(1, oral(&[1], 3, v("z")), &mut cx(&g, 10_000));
    assert_eq!(sends(&end_round(&mut g, 1)), vec![(2, oral(&[1, 3], 2, R)), (4, oral(&[1, 3], 4, R))]);
    let (mut g, _) = general(3, &xyz(4, 1, &[(3, Strategy::Flip)], false));
    g.on_message(1, oral(&[1], 3, R), &mut cx(&g, 10_000));
    assert_eq!(sends(&end_round(&mut g, 1))[0].1.value(), v("x"), "after the last value comes the first");
}

#[test]
fn random_draws_every_value_of_the_list_and_only_those() {
    let values = Values::new(&[v("x"), v("y"), v("z"), R]).unwrap();
    let mut seen = std::collections::BTreeMap::new();
    for to in 0..400 {
        let t = traitor::tell(Some(Strategy::Random), v("x"), &values, 3, &[1], to, 0, 7).unwrap();
        *seen.entry(t.name().to_string()).or_insert(0) += 1;
    }
    assert_eq!(seen.keys().collect::<Vec<_>>(), ["retreat", "x", "y", "z"]);
    assert!(seen.values().all(|&c| (60..=140).contains(&c)), "about 100 each: {seen:?}");
}

#[test]
fn a_lieutenant_holding_x_y_z_decides_the_default() {
    // Figure 4: P2 holds x from the commander, y via P3 and z via P4.
    let (mut g, _) = general(2, &xyz(4, 1, &[(1, Strategy::TwoFaced)], false));
    g.on_message(1, oral(&[1], 2, v("x")), &mut cx(&g, 10_000));
    end_round(&mut g, 1);
    g.on_message(3, oral(&[1, 3], 2, v("y")), &mut cx(&g, 20_000));
    g.on_message(4, oral(&[1, 4], 2, v("z")), &mut cx(&g, 20_000));
    let c = end_round(&mut g, 2);
    assert_eq!(g.decision, Some(R));
    // No order has a majority: the sentence says the default was taken, not a majority.
    assert_eq!(notes(&c), ["P2 decides retreat, the default: no order has a majority among x from P1, y via P3, z via P4"]);
}

#[test]
fn the_default_is_what_a_missing_message_counts_as() {
    let mut c = xyz(4, 1, &[], false);
    c.setup.default = v("z");
    let (mut g, _) = general(3, &c);
    let done = end_round(&mut g, 1);
    assert_eq!(g.tree.get(&vec![1]), Some(&Got { value: v("z"), defaulted: true }));
    assert!(notes(&done)[0].ends_with("it counts as z, the default"), "{:?}", notes(&done));
}
