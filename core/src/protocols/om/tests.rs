//! One step in, exact effects out. Each test cites the rule of Lamport, Shostak & Pease
//! (1982) or of the notes (seeds 002, 003) it checks.


use crate::sim::protocol::{CheckCx, Ctx, Effect, Env};

const A: Value = Value::ATTACK;
const R: Value = Value::RETREAT;
use super::*;

const ROUND: Time = 10_001;

fn cfg(n: u32, m: u32, traitors: &[(NodeId, Strategy)], signed: bool) -> OmConfig {
    let mask = |keep: fn(Strategy) -> bool| traitors.iter().filter(|(_, s)| keep(*s)).fold(0u64, |m, (id, _)| m | 1 << (id - 1));
    let (values, default) = (Values::ATTACK_RETREAT, R);
    let (all, colluders) = (mask(|_| true), mask(|s| s == Strategy::Collude));
    let setup = Setup { n, m, commander: 1, order: A, values, default, traitors: all, colluders, signed, random_seed: 0, round_len: ROUND };
    OmConfig { setup, traitors: traitors.iter().copied().collect() }
}

/// General `id` right after `init`, and the effects of its start-up.
fn general(id: NodeId, cfg: &OmConfig) -> (Om, Ctx<Om>) {
    let mut cx = Ctx::new(id, cfg.setup.n, 0);
    let g = Om::init(id, cfg, &mut cx);
    (g, cx)
}

fn cx(g: &Om, now: Time) -> Ctx<Om> {
    Ctx::new(g.id, g.s.n, now)
}

fn sends(cx: &Ctx<Om>) -> Vec<(NodeId, Msg)> {
    cx.effects.iter().filter_map(|e| if let Effect::Send { to, msg } = e { Some((*to, msg.clone())) } else { None }).collect()
}

fn notes(cx: &Ctx<Om>) -> Vec<String> {
    cx.effects.iter().filter_map(|e| if let Effect::Note(t) = e { Some(t.to_string()) } else { None }).collect()
}

fn oral(path: &[NodeId], to: NodeId, value: Value) -> Msg {
    Msg::Oral { path: path.to_vec(), to, value }
}

fn signed(sigs: &[(NodeId, Value)], to: NodeId, value: Value) -> Msg {
    Msg::Signed { sigs: sigs.iter().map(|&(by, on)| Sig { by, on }).collect(), to, value }
}

fn end_round(g: &mut Om, round: u32) -> Ctx<Om> {
    let mut c = cx(g, round as Time * ROUND);
    g.on_timer(Timer::RoundEnd { round }, &mut c);
    c
}

#[test]
fn loyal_commander_sends_its_order_to_every_lieutenant_in_round_1() {
    // §3, OM(m) step (1): "The commander sends his value to every lieutenant."
    let (_, c) = general(1, &cfg(4, 1, &[], false));
    assert_eq!(sends(&c), vec![(2, oral(&[1], 2, A)), (3, oral(&[1], 3, A)), (4, oral(&[1], 4, A))]);
    assert!(!c.effects.iter().any(|e| matches!(e, Effect::SetTimer { .. })), "the commander takes no further part");
}

#[test]
fn lieutenant_waits_one_round_of_max_latency_plus_one_microsecond() {
    let (_, c) = general(2, &cfg(4, 1, &[], false));
    assert_eq!(c.effects, vec![Effect::SetTimer { timer: Timer::RoundEnd { round: 1 }, lo: ROUND, hi: ROUND }]);
}

#[test]
fn two_faced_commander_tells_one_lieutenant_attack_and_the_next_retreat() {
    // Figure 2 of the paper: the traitor commander says "attack" to one lieutenant and
    // "retreat" to the other.
    let (_, c) = general(1, &cfg(3, 1, &[(1, Strategy::TwoFaced)], false));
    assert_eq!(sends(&c), vec![(2, oral(&[1], 2, A)), (3, oral(&[1], 3, R))]);
    let (_, c) = general(1, &cfg(4, 1, &[(1, Strategy::TwoFaced)], false));
    assert_eq!(sends(&c), vec![(2, oral(&[1], 2, A)), (3, oral(&[1], 3, R)), (4, oral(&[1], 4, A))]);
}

#[test]
fn silent_commander_sends_nothing_and_flip_commander_lies_to_all() {
    let (g, c) = general(1, &cfg(4, 1, &[(1, Strategy::Silent)], false));
    assert!(sends(&c).is_empty());
    assert_eq!(g.told, vec![(2, None), (3, None), (4, None)]);
    let (_, c) = general(1, &cfg(3, 1, &[(1, Strategy::Flip)], false));
    assert_eq!(sends(&c), vec![(2, oral(&[1], 2, R)), (3, oral(&[1], 3, R))]);
}

#[test]
fn lieutenant_passes_its_value_to_the_other_lieutenants_at_the_end_of_round_1() {
    // §3, OM(m) step (2): lieutenant i "acts as the commander in Algorithm OM(m − 1) to send
    // the value vi to each of the n − 2 other lieutenants".
    let (mut g, _) = general(2, &cfg(4, 1, &[], false));
    g.on_message(1, oral(&[1], 2, A), &mut cx(&g, 10_000));
    let c = end_round(&mut g, 1);
    assert_eq!(sends(&c), vec![(3, oral(&[1, 2], 3, A)), (4, oral(&[1, 2], 4, A))]);
    assert!(c.effects.contains(&Effect::SetTimer { timer: Timer::RoundEnd { round: 2 }, lo: ROUND, hi: ROUND }));
    assert_eq!(g.round, 2);
}

#[test]
fn a_missing_order_counts_as_retreat_and_is_passed_on_as_retreat() {
    // §3 step (2): "or else be RETREAT if he receives no value"; notes (seed 003): "Ausência
    // de ordem = Retirada".
    let (mut g, _) = general(3, &cfg(4, 1, &[], false));
    let c = end_round(&mut g, 1);
    assert_eq!(g.tree.get(&vec![1]), Some(&Got { value: R, defaulted: true }));
    assert_eq!(sends(&c), vec![(2, oral(&[1, 3], 2, R)), (4, oral(&[1, 3], 4, R))]);
    assert!(notes(&c)[0].contains("nothing arrived at P3 along 1→3"), "{:?}", notes(&c));
}

#[test]
fn flip_traitor_passes_on_the_opposite_and_two_faced_alternates() {
    // The notes' traitor (seed 002): "le indica a los otros generales que deben atacar si el
    // comandante le indicó que se retiren y viceversa".
    let (mut g, _) = general(3, &cfg(4, 1, &[(3, Strategy::Flip)], false));
    g.on_message(1, oral(&[1], 3, A), &mut cx(&g, 10_000));
    assert_eq!(sends(&end_round(&mut g, 1)), vec![(2, oral(&[1, 3], 2, R)), (4, oral(&[1, 3], 4, R))]);
    let (mut g, _) = general(3, &cfg(5, 1, &[(3, Strategy::TwoFaced)], false));
    g.on_message(1, oral(&[1], 3, A), &mut cx(&g, 10_000));
    assert_eq!(sends(&end_round(&mut g, 1)), vec![(2, oral(&[1, 3], 2, A)), (4, oral(&[1, 3], 4, R)), (5, oral(&[1, 3], 5, A))]);
}

#[test]
fn after_round_m_plus_1_a_lieutenant_decides_by_majority_and_sends_nothing() {
    // §3 step (3): "Lieutenant i uses the value majority(v1, …, vn−1)" — the notes' case 1:
    // two equal values and one different, the different one from the traitor.
    let (mut g, _) = general(2, &cfg(4, 1, &[], false));
    g.on_message(1, oral(&[1], 2, A), &mut cx(&g, 10_000));
    end_round(&mut g, 1);
    g.on_message(3, oral(&[1, 3], 2, R), &mut cx(&g, 20_001));
    g.on_message(4, oral(&[1, 4], 2, A), &mut cx(&g, 20_001));
    let c = end_round(&mut g, 2);
    assert_eq!(g.decision, Some(A));
    assert!(sends(&c).is_empty());
    assert!(!c.effects.iter().any(|e| matches!(e, Effect::SetTimer { .. })));
    assert_eq!(notes(&c), vec!["P2 decides attack = majority(attack from P1, retreat via P3, attack via P4)"]);
}

#[test]
fn three_generals_one_attack_one_retreat_is_a_tie_and_gives_retreat() {
    // Figure 1: lieutenant 2 hears "attack" from the commander and "he said retreat" from 3.
    let (mut g, _) = general(2, &cfg(3, 1, &[], false));
    g.on_message(1, oral(&[1], 2, A), &mut cx(&g, 10_000));
    end_round(&mut g, 1);
    g.on_message(3, oral(&[1, 3], 2, R), &mut cx(&g, 20_001));
    end_round(&mut g, 2);
    assert_eq!(g.decision, Some(R));
}

#[test]
fn om0_lieutenant_obeys_the_commander_directly() {
    // OM(0): "(2) Each lieutenant uses the value he receives from the commander, or uses the
    // value RETREAT if he receives no value."
    let (mut g, _) = general(2, &cfg(3, 0, &[], false));
    g.on_message(1, oral(&[1], 2, A), &mut cx(&g, 10_000));
    let c = end_round(&mut g, 1);
    assert_eq!(g.decision, Some(A));
    assert!(sends(&c).is_empty());
    let (mut g, _) = general(3, &cfg(3, 0, &[], false));
    end_round(&mut g, 1);
    assert_eq!(g.decision, Some(R));
}

#[test]
fn majority_and_choice_are_the_papers() {
    assert_eq!(majority(&[A, A, R], R), A);
    assert_eq!(majority(&[R, A, R], R), R);
    assert_eq!(majority(&[A, R], R), R, "no majority: RETREAT");
    assert_eq!(majority(&[A, A, R, R], R), R);
    assert_eq!(choice(&Default::default(), R), R, "choice(∅) = RETREAT");
    assert_eq!(choice(&[A].into(), R), A, "choice({{v}}) = v");
    assert_eq!(choice(&[A, R].into(), R), R);
}

#[test]
fn om2_tree_is_evaluated_bottom_up_with_a_row_per_value_and_per_vote() {
    // §3: in OM(2) with 5 generals, lieutenant 2's value for lieutenant k is its decision in
    // the OM(1) that k commands: the majority of what k said and what the others said k said.
    let mut tree = Tree::new();
    let mut put = |p: &[NodeId], v| tree.insert(p.to_vec(), Got { value: v, defaulted: false });
    put(&[1], R);
    put(&[1, 3], A); // 3 says attack, but 4 and 5 say it said retreat: the OM(1) of 3 gives R
    put(&[1, 3, 4], R);
    put(&[1, 3, 5], R);
    put(&[1, 4], A);
    put(&[1, 4, 3], A);
    put(&[1, 4, 5], R);
    put(&[1, 5], A);
    put(&[1, 5, 3], A);
    tree.insert(vec![1, 5, 4], Got { value: R, defaulted: true });
    let eval = Eval { tree: &tree, me: 2, n: 5, m: 2, values: &Values::ATTACK_RETREAT, default: R };
    let mut rows = Rows::new(100);
    let v = eval.resolve(&mut vec![1], &mut Some(&mut rows));
    // Sub-votes: 1→3: maj(A, R, R) = R; 1→4: maj(A, A, R) = A; 1→5: maj(A, A, R) = A.
    // Top: maj(R, R, A, A) = tie = RETREAT.
    assert_eq!(v, Some(R));
    let want: Vec<(&str, &str)> = vec![
        ("1→2", "retreat"),
        ("  1→3→2", "attack"),
        ("    1→3→4→2", "retreat"),
        ("    1→3→5→2", "retreat"),
        ("  ⇒ majority for 1→3", "retreat (1 attack, 2 retreat)"),
        ("  1→4→2", "attack"),
        ("    1→4→3→2", "attack"),
        ("    1→4→5→2", "retreat"),
        ("  ⇒ majority for 1→4", "attack (2 attack, 1 retreat)"),
        ("  1→5→2", "attack"),
        ("    1→5→3→2", "attack"),
        ("    1→5→4→2", "retreat (nothing arrived: default)"),
        ("  ⇒ majority for 1→5", "attack (2 attack, 1 retreat)"),
        ("⇒ majority: decision", "retreat (2 attack, 2 retreat)"),
    ];
    // In English, as the inspector has always shown them.
    let got: Vec<(String, String)> = rows.rows.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    assert_eq!(got, want.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>());
}

#[test]
fn a_late_message_is_ignored_because_its_round_is_over() {
    // A3: in a synchronous system absence is detected at the round's end; what comes later
    // has already been counted as RETREAT.
    let (mut g, _) = general(2, &cfg(4, 1, &[], false));
    end_round(&mut g, 1);
    let mut c = cx(&g, 15_000);
    g.on_message(1, oral(&[1], 2, A), &mut c);
    assert_eq!(g.tree.get(&vec![1]), Some(&Got { value: R, defaulted: true }));
    assert!(notes(&c)[0].contains("belongs to round 1 but this is round 2"), "{:?}", notes(&c));
}

#[test]
fn a_relay_that_claims_someone_elses_path_or_repeats_is_ignored() {
    // A2: "The receiver of a message knows who sent it": P4 cannot pass off a value as 3's.
    let (mut g, _) = general(2, &cfg(4, 1, &[], false));
    end_round(&mut g, 1);
    g.on_message(4, oral(&[1, 3], 2, A), &mut cx(&g, 20_000));
    assert!(!g.tree.contains_key(&vec![1, 3]));
    // A duplicate delivered by the network: the first copy counts.
    g.on_message(3, oral(&[1, 3], 2, R), &mut cx(&g, 20_000));
    let mut c = cx(&g, 20_000);
    g.on_message(3, oral(&[1, 3], 2, A), &mut c);
    assert_eq!(g.tree.get(&vec![1, 3]).map(|x| x.value), Some(R));
    assert!(notes(&c)[0].contains("copy is ignored"));
}

#[test]
fn signed_lieutenant_adds_the_order_to_v_and_countersigns_it_at_the_round_end() {
    // §4 step (2A): "he adds v to Vi; if k < m, then he sends the message v:0:j1:…:jk:i to
    // every lieutenant other than j1, …, jk".
    let (mut g, _) = general(2, &cfg(4, 1, &[], true));
    g.on_message(1, signed(&[(1, A)], 2, A), &mut cx(&g, 10_000));
    assert_eq!(g.values(), [A].into());
    let c = end_round(&mut g, 1);
    assert_eq!(sends(&c), vec![(3, signed(&[(1, A), (2, A)], 3, A)), (4, signed(&[(1, A), (2, A)], 4, A))]);
}

#[test]
fn signed_order_already_in_v_is_not_passed_on_again() {
    // §4 step (2B): "If Lieutenant i receives a message of the form v:0:j1:…:jk and v is in
    // the set Vi, then he ignores the message."
    let (mut g, _) = general(2, &cfg(5, 2, &[], true));
    end_round(&mut g, 1);
    g.on_message(3, signed(&[(1, A), (3, A)], 2, A), &mut cx(&g, 20_000));
    g.on_message(4, signed(&[(1, A), (4, A)], 2, A), &mut cx(&g, 20_000));
    assert_eq!(g.accepted.len(), 1);
    let c = end_round(&mut g, 2);
    assert_eq!(sends(&c).len(), 2, "one countersigned copy each to P4 and P5 (not to P3, already signed)");
    assert_eq!(sends(&c)[0], (4, signed(&[(1, A), (3, A), (2, A)], 4, A)));
}

#[test]
fn an_altered_signed_order_is_rejected_because_signatures_cannot_be_forged() {
    // A4(a): "A loyal general's signature cannot be forged, and any alteration of the
    // contents of his signed messages can be detected."
    let (mut g, _) = general(2, &cfg(3, 1, &[(3, Strategy::Flip)], true));
    g.on_message(1, signed(&[(1, A)], 2, A), &mut cx(&g, 10_000));
    end_round(&mut g, 1);
    let mut c = cx(&g, 20_000);
    g.on_message(3, signed(&[(1, A), (3, R)], 2, R), &mut c);
    assert_eq!(g.values(), [A].into());
    let rejected: Vec<(&str, String)> = g.rejected.iter().map(|(path, why)| (path.as_str(), why.to_string())).collect();
    assert_eq!(rejected, vec![("1→3→2", "retreat: rejected, P1 signed attack, not retreat".to_string())]);
    assert!(notes(&c)[0].contains("P3 changed the order but cannot forge P1's signature"));
    end_round(&mut g, 2);
    assert_eq!(g.decision, Some(A), "SM(1) with 3 generals: the loyal lieutenant obeys");
}

#[test]
fn a_signing_traitor_can_only_produce_forgeries_of_a_loyal_commanders_order() {
    let (mut g, _) = general(3, &cfg(3, 1, &[(3, Strategy::Flip)], true));
    g.on_message(1, signed(&[(1, A)], 3, A), &mut cx(&g, 10_000));
    let c = end_round(&mut g, 1);
    let out = sends(&c);
    assert_eq!(out, vec![(2, signed(&[(1, A), (3, R)], 2, R))]);
    assert_eq!(out[0].1.forged(), vec![1]);
    assert_eq!(Om::describe(&out[0].1).kind, "forged");
}

#[test]
fn signed_lieutenant_decides_choice_of_v_after_round_m_plus_1_without_relaying() {
    // §4 step (3): "he obeys the order choice(Vi)"; a chain of m+1 signatures is not passed on.
    let (mut g, _) = general(2, &cfg(3, 1, &[(1, Strategy::TwoFaced)], true));
    g.on_message(1, signed(&[(1, A)], 2, A), &mut cx(&g, 10_000));
    end_round(&mut g, 1);
    g.on_message(3, signed(&[(1, R), (3, R)], 2, R), &mut cx(&g, 20_000));
    let c = end_round(&mut g, 2);
    assert!(sends(&c).is_empty());
    assert_eq!(g.values(), [A, R].into());
    assert_eq!(g.decision, Some(R));
}

#[test]
fn random_traitor_is_reproducible_and_changes_with_random_seed() {
    let flips = |seed| (2..40).map(|to| draw(seed, 3, &[1], to, 2) == 1).collect::<Vec<bool>>();
    assert_eq!(flips(0), flips(0));
    assert_ne!(flips(0), flips(1));
    let heads = flips(0).iter().filter(|b| **b).count();
    assert!((8..=30).contains(&heads), "a fair coin: {heads} of 38");
}

#[test]
fn a_lieutenant_back_from_a_crash_before_deciding_takes_no_further_part() {
    let (mut g, _) = general(2, &cfg(4, 1, &[], false));
    g.on_message(1, oral(&[1], 2, A), &mut cx(&g, 10_000));
    let mut c = cx(&g, 15_000);
    g.on_recover(&mut c);
    assert!(g.out && g.tree.is_empty());
    let c = end_round(&mut g, 1);
    assert!(c.effects.is_empty());
}

fn env(nodes: u32) -> Env {
    Env { nodes, latency: (10_000, 15_000) }
}

#[test]
fn configure_reads_the_fixed_param_names_with_their_defaults() {
    let c = Om::configure(&serde_json::json!({}), &env(4)).unwrap();
    let (values, default) = (Values::ATTACK_RETREAT, R);
    let want = Setup { n: 4, m: 1, commander: 1, order: A, values, default, traitors: 0, colluders: 0, signed: false, random_seed: 0, round_len: 15_001 };
    assert_eq!(c.setup, want);
    let p = serde_json::json!({"m": 2, "commander": 3, "order": "retreat", "traitors": {"1": "random", "4": "silent"}, "signed": true, "random_seed": 9});
    let c = Om::configure(&p, &env(5)).unwrap();
    assert_eq!((c.setup.m, c.setup.commander, c.setup.order, c.setup.signed, c.setup.random_seed), (2, 3, R, true, 9));
    assert_eq!(c.traitors, [(1, Strategy::Random), (4, Strategy::Silent)].into());
}

#[test]
fn configure_refuses_bad_params_naming_the_field() {
    let err = |p: serde_json::Value, n| Om::configure(&p, &env(n)).unwrap_err().to_string();
    assert!(err(serde_json::json!({"m": 3}), 4).starts_with("params.m: 3 is out of range 0..=2"));
    assert!(err(serde_json::json!({"commander": 5}), 4).starts_with("params.commander: 5 is not a general"));
    assert!(err(serde_json::json!({"traitors": {"9": "flip"}}), 4).starts_with("params.traitors.9:"));
    assert!(err(serde_json::json!({"traitors": {"2": "sneaky"}}), 4).starts_with("params.traitors.2: unknown variant `sneaky`"));
    assert!(err(serde_json::json!({"order": "charge"}), 4).starts_with("params.order: \"charge\" is not one of params.values (`attack`, `retreat`)"));
    assert!(err(serde_json::json!({"x": 1}), 4).starts_with("params.x: unknown field `x`"));
}

#[test]
fn om_message_count_is_the_papers_sum_and_big_runs_are_refused_with_the_count() {
    assert_eq!(om_message_count(4, 1), (3 + 3 * 2, 6));
    assert_eq!(om_message_count(7, 2), (6 + 6 * 5 + 6 * 5 * 4, 120));
    assert_eq!(om_message_count(3, 1), (2 + 2, 2));
    // 14 + 14·13 + 14·13·12 + 14·13·12·11 = 14 + 182 + 2184 + 24024.
    let e = Om::configure(&serde_json::json!({"m": 3}), &env(15)).unwrap_err().to_string();
    assert!(e.starts_with("params.m: OM(3) with 15 generals needs 26,404 messages"), "{e}");
    assert!(e.contains("24,024 of them in its last round"), "{e}");
    // 12·11·10·9·8 alone is 95,040: more than 100,000 in all.
    let e = Om::configure(&serde_json::json!({"m": 4}), &env(13)).unwrap_err().to_string();
    assert!(e.contains("needs 108,384 messages"), "{e}");
    // Counts saturate in a u64 (printing a u128 cost the page 0.7 KB gz): beyond 10^18 they
    // are only said to be that big. 63·62·…·44 alone is over 10^35.
    let e = Om::configure(&serde_json::json!({"m": 20}), &env(64)).unwrap_err().to_string();
    assert!(e.starts_with("params.m: OM(20) with 64 generals needs more than 10^18 messages"), "{e}");
    assert!(e.contains("more than 10^18 of them in its last round"), "{e}");
    // Signed messages are at most two values per lieutenant: no such limit.
    assert!(Om::configure(&serde_json::json!({"m": 4, "signed": true}), &env(13)).is_ok());
    assert!(Om::configure(&serde_json::json!({"m": 3}), &env(12)).is_ok(), "11+110+990+7920 = 9,031 messages");
}

#[test]
fn ic1_and_ic2_name_the_lieutenants_involved() {
    let c = cfg(4, 1, &[(3, Strategy::Flip)], false);
    let mut nodes: Vec<Om> = (1..=4).map(|id| general(id, &c).0).collect();
    nodes[1].decision = Some(A);
    nodes[2].decision = Some(R); // the traitor: does not count
    nodes[3].decision = Some(R);
    let up = [true; 4];
    let cx = CheckCx { now: 0, cfg: &c, nodes: &nodes, up: &up, in_flight: &[] };
    let v = Om::check(&cx);
    assert_eq!(v.iter().map(|v| (v.name, v.nodes.clone())).collect::<Vec<_>>(), vec![(IC1, vec![2, 4]), (IC2, vec![4])]);
    assert_eq!(
        v[0].explanation.to_string(),
        "IC1 (all loyal lieutenants obey the same order) is broken: loyal P2 decided attack but loyal P4 decided retreat. \
         This run is inside Theorem 1's bounds (n = 4 ≥ 3m + 1, faulty generals, traitors or crashed: 1 ≤ m = 1): \
         with every message on time this cannot happen, so it is a bug in the simulator"
    );
    assert_eq!(Om::outcome(&cx)["decisions"], serde_json::json!({"2": "attack", "4": "retreat"}));
}

#[test]
fn the_traitor_choices_offered_to_the_ui_are_the_strategies_by_name_and_gloss() {
    let offered: Vec<(&str, &str)> = Om::NODE_PARAMS[0].choices.to_vec();
    let strategies: Vec<(&str, &str)> = STRATEGIES.iter().map(|s| (s.name(), s.gloss())).collect();
    assert_eq!(offered, strategies);
    assert_eq!(Om::NODE_PARAMS[0].param, "traitors");
}

mod checker;
mod collude;
mod values;
