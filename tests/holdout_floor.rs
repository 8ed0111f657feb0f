//! The bundled model on the held-out slice of our own corpus
//! (training/data/holdout.jsonl): whole topics that training never saw,
//! split off by training/split_corpus.py. No shared or dev data involved.

use stance::train::data::read_labelled;
use stance::train::evaluate::evaluate;
use stance::Classifier;

const MACRO_F1_FLOOR: f64 = 0.85;

#[test]
fn bundled_model_stays_above_the_holdout_floor() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("training/data/holdout.jsonl");
    let records = read_labelled(&path).expect("holdout file is readable");
    assert!(
        records.len() >= 500,
        "holdout has {} records",
        records.len()
    );
    let evaluation = evaluate(&Classifier::bundled().unwrap(), &records);
    let report = evaluation.three_way.expect("three-way labels");
    println!(
        "holdout macro-F1 {:.4} on {} records",
        report.macro_f1, report.n
    );
    assert!(
        report.macro_f1 >= MACRO_F1_FLOOR,
        "holdout macro-F1 {:.4} fell below {MACRO_F1_FLOOR}",
        report.macro_f1
    );
}
