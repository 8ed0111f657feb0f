//! Reversal verbs: words that turn the direction of what they act on.
//!
//! "halted its air campaign" is de-escalatory although "air campaign" is
//! escalatory, and "ended the truce" is escalatory although "truce" is
//! de-escalatory. A linear model over words sees "campaign" and "truce" and
//! goes the wrong way, so the featurizer treats these verbs like negators: the
//! words after them are marked as in a negation scope, and their cues vote the
//! other way. The list is ours, built from the verbs that CAMEO's dictionary
//! files under ending, cancelling and yielding, plus the breaking of
//! agreements.
//!
//! Some verbs reverse what comes before them instead: "the truce collapsed",
//! "talks stalled" turn a de-escalatory cue around, and "tensions eased",
//! "fears of war receded" an escalatory one. Those follow the cue in the same
//! clause.

/// Stems (Snowball English) of verbs that reverse the words after them.
pub fn reverses_what_follows(stem: &str) -> bool {
    matches!(
        stem,
        // ending and stopping
        "halt" | "suspend" | "end" | "stop" | "ceas" | "cancel" | "scrap" | "abandon"
            | "quit" | "drop" | "shelv" | "terminat" | "discontinu" | "abolish" | "abort"
            // lifting and easing a measure
            | "lift" | "eas" | "reduc" | "curb" | "revok" | "rescind" | "repeal" | "wind"
            // breaking an agreement or a process
            | "break" | "broke" | "violat" | "breach" | "renounc" | "abrog" | "undermin"
            | "wreck" | "torpedo" | "sabotag" | "scuttl" | "derail" | "spurn" | "rebuf"
            | "snub" | "shun"
            // keeping something from happening
            | "avert" | "prevent" | "avoid" | "defus"
    )
}

/// Verbs that reverse what follows only with their particle: "called off the
/// march", "tore up the deal", "wound down the operation". Returns the particle.
pub fn reverser_needing(stem: &str) -> Option<&'static str> {
    match stem {
        "call" => Some("off"),
        "tear" | "tore" => Some("up"),
        "wind" | "scale" | "stand" => Some("down"),
        "back" => Some("away"),
        _ => None,
    }
}

/// Stems of verbs that reverse an escalatory cue before them in the clause:
/// "tensions eased", "fears of a wider war receded", "the fighting subsided".
pub fn subsides_what_precedes(stem: &str) -> bool {
    matches!(
        stem,
        "eas"
            | "reced"
            | "subsid"
            | "abat"
            | "calm"
            | "cool"
            | "dissip"
            | "wane"
            | "defus"
            | "lull"
            | "quieten"
            | "quiet"
    )
}

/// Stems of verbs that reverse a de-escalatory cue before them in the clause:
/// "the ceasefire collapsed", "talks stalled", "the truce is crumbling".
pub fn reverses_what_precedes(stem: &str) -> bool {
    matches!(
        stem,
        "collaps"
            | "crumbl"
            | "stall"
            | "falter"
            | "unravel"
            | "founder"
            | "fail"
            | "broke"
            | "fizzl"
            | "disintegr"
            | "deadlock"
            | "dead"
            | "expir"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::stem::with_stem;

    fn stem(word: &str) -> String {
        let mut out = String::new();
        with_stem(word, |s| out.push_str(s));
        out
    }

    #[test]
    fn the_lists_hold_stems_that_real_inflections_reach() {
        for word in [
            "halted",
            "suspends",
            "lifting",
            "violated",
            "renounced",
            "averted",
            "ended",
        ] {
            assert!(
                reverses_what_follows(&stem(word)),
                "{word} -> {}",
                stem(word)
            );
        }
        for word in [
            "collapsed",
            "crumbling",
            "stalled",
            "faltered",
            "unravelled",
            "failed",
        ] {
            assert!(
                reverses_what_precedes(&stem(word)),
                "{word} -> {}",
                stem(word)
            );
        }
    }

    #[test]
    fn particle_verbs_name_their_particle() {
        assert_eq!(reverser_needing(&stem("called")), Some("off"));
        assert_eq!(reverser_needing(&stem("tore")), Some("up"));
        assert_eq!(reverser_needing(&stem("attacked")), None);
    }

    #[test]
    fn ordinary_verbs_reverse_nothing() {
        for word in [
            "attacked",
            "signed",
            "agreed",
            "said",
            "talks",
            "threatened",
        ] {
            let s = stem(word);
            assert!(
                !reverses_what_follows(&s) && !reverses_what_precedes(&s),
                "{word}"
            );
        }
    }
}
