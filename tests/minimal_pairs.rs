//! Minimal pairs we wrote (tests/data/minimal_pairs.jsonl): two sentences a
//! small edit apart whose labels differ ("ruled out talks" / "ruled out
//! strikes"). None of them is in the training corpus.
//!
//! The target is 90% of pairs with both sides right; the bundled model does
//! not reach it yet (see models/README.md). This test pins the current level
//! as a floor so a regression fails, and prints every failing pair.

use stance::{Classifier, Stance};

// The bundled model of session 11: 93/135 pairs (0.689), 83% of sides (0.830).
// Floors sit three pairs (and about two points of sides) below, room for a
// retrain's noise; session 10's model had 87 pairs and 82% of sides.
const PAIR_FLOOR: f64 = 0.665;
const SIDE_FLOOR: f64 = 0.81;

#[derive(serde::Deserialize)]
struct Pair {
    id: String,
    a: String,
    a_label: Stance,
    b: String,
    b_label: Stance,
    rule: String,
}

#[test]
fn bundled_model_passes_the_minimal_pairs_floor() {
    let text = include_str!("data/minimal_pairs.jsonl");
    let pairs: Vec<Pair> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid pair"))
        .collect();
    assert!(
        pairs.len() >= 100,
        "at least 100 pairs, found {}",
        pairs.len()
    );
    let classifier = Classifier::bundled().unwrap();
    let mut both = 0;
    let mut sides = 0;
    for pair in &pairs {
        let a = classifier.classify(&pair.a).label;
        let b = classifier.classify(&pair.b).label;
        sides += usize::from(a == pair.a_label) + usize::from(b == pair.b_label);
        if a == pair.a_label && b == pair.b_label {
            both += 1;
        } else {
            println!(
                "FAIL {} ({}): {:?} -> {} (want {}); {:?} -> {} (want {})",
                pair.id, pair.rule, pair.a, a, pair.a_label, pair.b, b, pair.b_label
            );
        }
    }
    let pair_rate = both as f64 / pairs.len() as f64;
    let side_rate = sides as f64 / (2 * pairs.len()) as f64;
    println!(
        "pairs fully right: {both}/{} = {pair_rate:.3}; sides right: {side_rate:.3}",
        pairs.len()
    );
    assert!(
        pair_rate >= PAIR_FLOOR,
        "pair rate {pair_rate:.3} fell below {PAIR_FLOOR}"
    );
    assert!(
        side_rate >= SIDE_FLOOR,
        "side rate {side_rate:.3} fell below {SIDE_FLOOR}"
    );
}
