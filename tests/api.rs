//! The library API on sentences we wrote, with the bundled model.

use stance::{Classifier, Stance, Unit};

fn bundled() -> Classifier {
    Classifier::bundled().expect("the embedded model loads")
}

#[test]
fn a_call_for_calm_scores_de_escalatory() {
    let p = bundled().classify(
        "The foreign minister urged both sides to exercise restraint and return to talks.",
    );
    assert_eq!(p.label, Stance::DeEscalatory, "{p:?}");
    assert!(p.tone < 0.0);
}

#[test]
fn a_threat_of_strikes_scores_escalatory() {
    let p = bundled().classify("The defence minister warned that the army would launch strikes on the rebel bases within days.");
    assert_eq!(p.label, Stance::Escalatory, "{p:?}");
    assert!(p.tone > 0.0);
}

#[test]
fn a_time_and_place_sentence_scores_neutral() {
    let p = bundled().classify(
        "The meeting will be held at the conference centre in Geneva on Tuesday morning.",
    );
    assert_eq!(p.label, Stance::Neutral, "{p:?}");
}

#[test]
fn scores_are_probabilities_and_confidence_is_the_top_one() {
    let p = bundled().classify("Troops shelled the town overnight.");
    let sum: f32 = p.scores.0.iter().sum();
    assert!((sum - 1.0).abs() < 1e-4, "{sum}");
    assert_eq!(p.confidence, p.scores.get(p.label));
    assert!((-1.0..=1.0).contains(&p.tone));
    assert_eq!(
        (p.span.start, p.span.end),
        (0, "Troops shelled the town overnight.".len())
    );
}

#[test]
fn empty_text_still_gets_a_prediction() {
    let p = bundled().classify("");
    assert!((p.scores.0.iter().sum::<f32>() - 1.0).abs() < 1e-4);
}

#[test]
fn batch_keeps_input_order_and_matches_single_calls() {
    let classifier = bundled();
    let texts = [
        "Rebels shelled the airport.",
        "The two leaders agreed to a truce.",
        "Shares rose 2% on Monday.",
    ];
    let batch = classifier.classify_batch(&texts);
    for (text, p) in texts.iter().zip(&batch) {
        assert_eq!(&classifier.classify(text), p);
    }
}

#[test]
fn document_paragraphs_carry_exact_spans() {
    let text = "Talks resumed in Oslo.\r\n\r\n  Artillery pounded the city overnight.  \n\n\n";
    let units = bundled().classify_document(text, Unit::Paragraph);
    let slices: Vec<&str> = units
        .iter()
        .map(|u| u.prediction.span.slice(text))
        .collect();
    assert_eq!(
        slices,
        [
            "Talks resumed in Oslo.",
            "Artillery pounded the city overnight."
        ]
    );
    assert_eq!(units.iter().map(|u| u.index).collect::<Vec<_>>(), [0, 1]);
    let whole = bundled().classify_document(text, Unit::Document);
    assert_eq!(whole.len(), 1);
}

#[test]
fn explanation_names_the_words_behind_the_decision() {
    let text = "The army threatened to bomb the rebel camps.";
    let e = bundled().explain(text);
    let top = e
        .contributions
        .first()
        .expect("some feature moved the decision");
    assert!(!top.span.slice(text).is_empty());
    assert!(e
        .contributions
        .iter()
        .any(|c| c.pushes == Stance::Escalatory && c.weight > 0.0));
}

#[test]
fn classifier_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Classifier>();
}
