//! The exact feature stream of a few sentences, checked by hand. A change here changes every
//! model: bump `FEATURIZER_VERSION` and retrain when it is intended.

use stance::{featurize, FeatureConfig};

fn stream(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    featurize(text, &FeatureConfig::default(), |name, span| {
        out.push(format!("{name}@{}", span.slice(text)));
    });
    out
}

#[test]
fn negated_threat_with_contraction_and_curly_apostrophe() {
    assert_eq!(
        stream("Iran won\u{2019}t attack."),
        [
            "w:iran@Iran",
            "w:will@won\u{2019}t",
            "b:iran_will@Iran won\u{2019}t",
            "w:not@won\u{2019}t",
            "b:will_not@won\u{2019}t",
            "w:!attack@attack",
            "b:not_attack@won\u{2019}t attack",
            "c:!force@attack",
            // A negated force cue votes de-escalatory, and is the last vote.
            "p:de@attack",
            "p:de_last@attack",
        ]
    );
}

#[test]
fn rule_out_opens_a_scope_that_a_comma_closes() {
    assert_eq!(
        stream("They ruled out talks, officials said"),
        [
            "w:they@They",
            "w:rule@ruled",
            "b:they_rule@They ruled",
            "w:out@out",
            "b:rule_out@ruled out",
            "w:!talk@talks",
            "b:out_talk@out talks",
            "w:offici@officials",
            "w:said@said",
            "b:offici_said@officials said",
            "c:rejection@ruled out",
            "p:esc@ruled out",
            "c:!talks@talks",
            // Negated talks vote escalatory: ruling out talks is a rejection.
            "p:esc@talks",
            "p:esc_last@talks",
        ]
    );
}

#[test]
fn numbers_fold_and_hyphenated_prefixes_join() {
    assert_eq!(
        stream("A cease-fire after 6,221 deaths"),
        [
            "w:a@A",
            "w:ceasefir@cease-fire",
            "b:a_ceasefir@A cease-fire",
            "w:after@after",
            "b:ceasefir_after@cease-fire after",
            "w:<num>@6,221",
            "b:after_<num>@after 6,221",
            "w:death@deaths",
            "b:<num>_death@6,221 deaths",
            "c:ceasefire@cease-fire",
            "p:de@cease-fire",
            "p:de_last@cease-fire",
        ]
    );
}

#[test]
fn bigrams_in_a_negation_scope_are_negated_and_years_have_their_own_shape() {
    assert_eq!(
        stream("Seoul did not hold talks in 2019."),
        [
            "w:seoul@Seoul",
            "w:did@did",
            "b:seoul_did@Seoul did",
            "w:not@not",
            "b:did_not@did not",
            "w:!hold@hold",
            // The negator is outside its own scope, so this pair is plain.
            "b:not_hold@not hold",
            "w:!talk@talks",
            "b:!hold_talk@hold talks",
            "w:!in@in",
            "b:!talk_in@talks in",
            "w:!<year>@2019",
            "b:!in_<year>@in 2019",
            "c:!talks@talks",
            "p:esc@talks",
            "p:esc_last@talks",
        ]
    );
}

#[test]
fn empty_and_punctuation_only_text_has_no_features() {
    assert!(stream("").is_empty());
    assert!(stream(" ,.;!? \u{201C}\u{201D} ").is_empty());
}
