//! Colluding traitors (issue 18, point 6): one plan splits the loyal lieutenants, kept when
//! relaying; in SM(m) the colluders use each other's signatures, which §4 allows ("we allow
//! his signature to be forged by another traitor, thereby permitting collusion among the
//! traitors"), but never a loyal general's (A4a).

use super::*;

const C: Strategy = Strategy::Collude;

#[test]
fn colluding_commander_tells_the_first_half_of_the_loyal_its_order_and_the_rest_the_next() {
    // Loyal lieutenants 3, 4, 5 (2 is a traitor): {3, 4} hear attack, {5} retreat.
    let (_, c) = general(1, &cfg(5, 1, &[(1, C), (2, Strategy::Flip)], false));
    assert_eq!(sends(&c), vec![(2, oral(&[1], 2, A)), (3, oral(&[1], 3, A)), (4, oral(&[1], 4, A)), (5, oral(&[1], 5, R))]);
}

#[test]
fn a_colluding_lieutenant_relays_the_plan_whatever_it_heard() {
    // Loyal commander 1 orders attack; loyal lieutenants are 2, 4, 5: {2, 4} attack, {5} retreat.
    for heard in [A, R] {
        let (mut g, _) = general(3, &cfg(5, 1, &[(3, C)], false));
        g.on_message(1, oral(&[1], 3, heard), &mut cx(&g, 10_000));
        assert_eq!(sends(&end_round(&mut g, 1)), vec![(2, oral(&[1, 3], 2, A)), (4, oral(&[1, 3], 4, A)), (5, oral(&[1, 3], 5, R))]);
    }
}

#[test]
fn signed_colluders_show_each_half_its_order_in_the_last_round_on_forged_fellow_signatures() {
    // SM(1), traitors 1 (commander) and 2 collude: m + 1 = 2 traitors. The commander sends
    // nothing in round 1; at its end P2 signs for P1 and sends 3 attack and 4 retreat, each
    // signed 1:2, arriving in round 2 = m + 1, when nobody relays any more.
    let c = cfg(4, 1, &[(1, C), (2, C)], true);
    let (g1, c1) = general(1, &c);
    assert!(sends(&c1).is_empty());
    assert_eq!(g1.told, vec![(2, None), (3, None), (4, None)]);
    assert!(notes(&c1)[0].contains("its fellow traitors will sign for it"), "{:?}", notes(&c1));
    let (mut g2, _) = general(2, &c);
    let r1 = end_round(&mut g2, 1);
    assert_eq!(sends(&r1), vec![(3, signed(&[(1, A), (2, A)], 3, A)), (4, signed(&[(1, R), (2, R)], 4, R))]);
    assert!(notes(&r1)[0].contains("forges its fellow traitors' signatures"), "{:?}", notes(&r1));
    assert_eq!(g2.sent, vec![0, 2]);
    // The loyal P3 finds the signatures sound and ends with V = {attack}; P4 with {retreat}.
    let (mut g3, _) = general(3, &c);
    end_round(&mut g3, 1);
    g3.on_message(2, signed(&[(1, A), (2, A)], 3, A), &mut cx(&g3, 15_000));
    end_round(&mut g3, 2);
    assert_eq!(g3.decision, Some(A));
}

#[test]
fn signed_colluders_cannot_use_a_loyal_commanders_signature_so_they_keep_quiet() {
    let c = cfg(4, 1, &[(2, C), (3, C)], true);
    let (mut g2, _) = general(2, &c);
    g2.on_message(1, signed(&[(1, A)], 2, A), &mut cx(&g2, 10_000));
    let r1 = end_round(&mut g2, 1);
    assert!(sends(&r1).is_empty());
    assert!(notes(&r1)[0].contains("keeps attack (from 1→2) to itself"), "{:?}", notes(&r1));
    assert!(c.setup.conspiracy().is_empty());
}

#[test]
fn the_conspiracy_is_the_colluding_commander_and_at_most_m_fellows() {
    // With k colluders, k ≤ m, the chain is all of them: it arrives in round k ≤ m and the
    // loyal pass it on (step 2A), as Theorem 2 needs.
    assert_eq!(cfg(6, 3, &[(1, C), (4, C)], true).setup.conspiracy(), [1, 4]);
    assert_eq!(cfg(6, 1, &[(1, C), (4, C), (2, C)], true).setup.conspiracy(), [1, 2]);
    assert_eq!(cfg(6, 2, &[(1, C), (4, Strategy::Flip)], true).setup.conspiracy(), [1]);
    // A lone colluding commander (chain of 1) signs the plan itself in round 1.
    let (_, c1) = general(1, &cfg(4, 1, &[(1, C)], true));
    assert_eq!(sends(&c1), vec![(2, signed(&[(1, A)], 2, A)), (3, signed(&[(1, A)], 3, A)), (4, signed(&[(1, R)], 4, R))]);
}
