//! The IC1/IC2 checker step by step (issue 19): a healthy state, one lieutenant changed, the
//! check again; the decisions are built by hand, not by running the protocol.

use super::*;

/// The violations (name, nodes) and explanations for hand-set decisions of generals 1..=n.
fn check(c: &OmConfig, decisions: &[Option<Value>], up: &[bool]) -> Vec<(&'static str, Vec<NodeId>, String)> {
    let mut nodes: Vec<Om> = (1..=c.setup.n).map(|id| general(id, c).0).collect();
    for (g, d) in nodes.iter_mut().zip(decisions) {
        g.decision = *d;
    }
    let cx = CheckCx { now: 0, cfg: c, nodes: &nodes, up, in_flight: &[] };
    Om::check(&cx).into_iter().map(|v| (v.name, v.nodes, v.explanation.to_string())).collect()
}

fn names(v: &[(&'static str, Vec<NodeId>, String)]) -> Vec<(&'static str, Vec<NodeId>)> {
    v.iter().map(|(n, ids, _)| (*n, ids.clone())).collect()
}

#[test]
fn healthy_then_one_lieutenant_changed_then_healthy_again() {
    // §1: IC1 "All loyal lieutenants obey the same order"; IC2 "If the commanding general is
    // loyal, then every loyal lieutenant obeys the order he sends".
    let c = cfg(5, 1, &[], false);
    let up = [true; 5];
    let mut d = vec![None, Some(A), Some(A), Some(A), Some(A)];
    assert!(check(&c, &d, &up).is_empty());
    d[3] = Some(R);
    assert_eq!(names(&check(&c, &d, &up)), [(IC1, vec![2, 3, 4, 5]), (IC2, vec![4])]);
    d[3] = Some(A);
    assert!(check(&c, &d, &up).is_empty());
    // Every loyal lieutenant wrong alike: IC1 holds, IC2 does not.
    let all_r = vec![None, Some(R), Some(R), Some(R), Some(R)];
    assert_eq!(names(&check(&c, &all_r, &up)), [(IC2, vec![2, 3, 4, 5])]);
}

#[test]
fn only_decisions_of_loyal_lieutenants_count() {
    let up = [true; 4];
    // A traitor lieutenant's decision means nothing.
    let c = cfg(4, 1, &[(3, Strategy::Flip)], false);
    assert!(check(&c, &[None, Some(A), Some(R), Some(A)], &up).is_empty());
    // A traitor commander: no IC2, but IC1 still binds the loyal lieutenants.
    let c = cfg(4, 1, &[(1, Strategy::TwoFaced)], false);
    assert!(check(&c, &[None, Some(R), Some(R), Some(R)], &up).is_empty());
    assert_eq!(names(&check(&c, &[None, Some(R), Some(A), Some(R)], &up)), [(IC1, vec![2, 3, 4])]);
    // Undecided lieutenants break nothing yet (a decision is final; they may still decide).
    let c = cfg(4, 1, &[], false);
    assert!(check(&c, &[None, Some(A), None, None], &up).is_empty());
    // The commander's own "decision" is not a lieutenant's.
    assert!(check(&c, &[Some(R), Some(A), Some(A), Some(A)], &up).is_empty());
}

#[test]
fn with_three_orders_ic1_names_every_disagreeing_group() {
    let v = |s| Value::new(s).unwrap();
    let mut c = cfg(5, 1, &[(1, Strategy::TwoFaced)], false);
    c.setup.values = Values::new(&[v("x"), v("y"), v("z"), R]).unwrap();
    c.setup.order = v("x");
    let up = [true; 5];
    let got = check(&c, &[None, Some(v("z")), Some(v("x")), Some(v("y")), Some(v("z"))], &up);
    assert_eq!(names(&got), [(IC1, vec![2, 3, 4, 5])]);
    assert!(got[0].2.contains("loyal P3 decided x but loyal P2, P4, P5 decided y/z."), "{}", got[0].2);
    // Loyal commander ordering x: IC2 names both wrong orders.
    c.traitors.clear();
    c.setup.traitors = 0;
    let got = check(&c, &[None, Some(v("x")), Some(v("y")), Some(v("x")), Some(R)], &up);
    assert_eq!(names(&got), [(IC1, vec![2, 3, 4, 5]), (IC2, vec![3, 5])]);
    assert!(got[1].2.contains("ordered x, but loyal P3, P5 decided y/retreat."), "{}", got[1].2);
}

#[test]
fn a_break_says_whether_the_run_is_inside_the_theorems_bounds() {
    let split = [None, Some(A), Some(R), Some(A), Some(R)];
    let up = [true; 5];
    let said = |c: &OmConfig, up: &[bool]| check(c, &split, up)[0].2.clone();
    // OM(1), n = 5 > 3: one traitor is inside Theorem 1 (a break would be a bug) ...
    assert!(said(&cfg(5, 1, &[(1, Strategy::Flip)], false), &up).contains("inside Theorem 1's bounds (n = 5 ≥ 3m + 1, faulty generals, traitors or crashed: 1 ≤ m = 1)"));
    // ... two are outside it, and so is n ≤ 3m with no traitor at all.
    assert!(said(&cfg(5, 1, &[(1, Strategy::Flip), (2, Strategy::Flip)], false), &up).contains("outside Theorem 1's bounds"));
    assert!(said(&cfg(5, 2, &[(1, Strategy::Flip)], false), &up).contains("outside Theorem 1's bounds: OM(m) is proved only for n ≥ 3m + 1 generals of whom at most m are faulty, and here n = 5, m = 2"));
    // A crashed loyal general counts as faulty (the theorems count every faulty general).
    let crashed = [true, true, true, true, false];
    assert!(said(&cfg(5, 1, &[(1, Strategy::Flip)], false), &crashed).contains("outside Theorem 1's bounds"));
    // SM(m): only the number of faulty generals matters.
    assert!(said(&cfg(5, 2, &[(1, Strategy::Flip), (2, Strategy::Flip)], true), &up).contains("inside Theorem 2's bounds (faulty generals, traitors or crashed: 2 ≤ m = 2)"));
    assert!(said(&cfg(5, 1, &[(1, Strategy::Collude), (2, Strategy::Collude)], true), &up).ends_with("outside Theorem 2's bounds: SM(m) is proved for at most m faulty generals, and here m = 1, faulty (traitors or crashed) = 2; so this break is allowed"));
}
