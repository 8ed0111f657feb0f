//! Our cue lexicons: phrases that signal a push toward or away from confrontation.
//!
//! Written for this project from the labelling guide, with the CAMEO event
//! taxonomy as a checklist of event types (the phrases are ours). A cue fires
//! as a feature `c:<category>`, or `c:!<category>` when it starts inside a
//! negation scope, so the model can learn that "ruled out talks" and "ruled out
//! strikes" push in opposite directions.
//!
//! Phrases are matched on Snowball stems, so one entry covers its inflections.

use crate::hash::WordBuild;
use crate::text::stem::stem;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Category name and its phrases (plain words; stemmed when the table is built).
pub const CUES: &[(&str, &[&str])] = &[
    (
        "threat",
        &[
            "threaten",
            "threat",
            "ultimatum",
            "all options",
            "on the table",
            "warn",
            "warning",
            "heavy price",
            "pay a price",
            "pay dearly",
            "retaliate",
            "retaliation",
            "revenge",
            "avenge",
            "vow",
            "red line",
            "punish",
            "punishment",
            "crushing response",
            "decisive response",
            "harsh response",
            "annihilate",
            "wipe out",
            "obliterate",
            "consequences",
            "deadline",
            "brink",
        ],
    ),
    (
        "force",
        &[
            "strike",
            "airstrike",
            "air strike",
            "air raid",
            "bomb",
            "bombing",
            "bombard",
            "shell",
            "shelling",
            "missile",
            "rocket",
            "attack",
            "raid",
            "assault",
            "offensive",
            "invade",
            "invasion",
            "kill",
            "clash",
            "shoot",
            "gunfire",
            "open fire",
            "ambush",
            "explosion",
            "blast",
            "drone",
            "artillery",
            "troops",
            "mobilize",
            "mobilise",
            "mobilization",
            "deploy",
            "deployment",
            "military action",
            "military force",
            "use of force",
            "military exercise",
            "war games",
            "drill",
            "warship",
            "fleet",
            "carrier",
            "incursion",
            "test-fire",
            "nuclear test",
            "seize",
            "occupy",
            "siege",
            "massacre",
            "execute",
            "execution",
            "militant",
            "insurgent",
            "gunmen",
            "suicide bomber",
            "casualties",
            "wounded",
            "dead",
            "fighting",
            "battle",
            "combat",
            "armed",
            "weapons",
            "war",
            "air campaign",
            "military campaign",
            "bombing campaign",
            "storm",
            "ram",
            "torch",
            "abduct",
            "kidnap",
            "take hostage",
            "sniper",
            "mortar",
            "grenade",
            "warplane",
            "fighter jet",
            "gunboat",
            "skirmish",
            "firefight",
            "behead",
            "assassinate",
            "assassination",
            "overrun",
            "annex",
            "annexation",
            "besiege",
            "bombardment",
            "build-up",
            "buildup",
            "reinforcements",
            "take up arms",
            "open fire",
            "shot dead",
        ],
    ),
    (
        "coercion",
        &[
            "sanction",
            "embargo",
            "blockade",
            "expel",
            "expulsion",
            "cut ties",
            "sever ties",
            "recall",
            "tariff",
            "freeze assets",
            "asset freeze",
            "ban",
            "arrest",
            "detain",
            "detention",
            "crackdown",
            "curfew",
            "martial law",
            "state of emergency",
            "persona non grata",
            "punitive",
            "restrictions",
            "crack down",
            "imprison",
            "torture",
            "repression",
            "suppress",
            "shut",
            "deport",
            "blacklist",
            "export controls",
            "cut off",
            "retaliatory",
            "countermeasures",
            "close the border",
            "closed the border",
        ],
    ),
    (
        "rejection",
        &[
            "reject",
            "refuse",
            "rule out",
            "veto",
            "walk out",
            "walkout",
            "boycott",
            "pull out",
            "suspend",
            "break off",
            "no contact",
            "deny",
            "dismiss",
            "scrap",
            "abandon",
            "renounce",
            "pull out of",
            "no longer",
            "not seek",
            "never",
            "will not negotiate",
            "closed to",
            "spurn",
            "rebuff",
            "snub",
            "tear up",
            "tore up",
            "walk away",
            "shelve",
            "call off",
            "collapse",
            "stall",
            "deadlock",
            "impasse",
        ],
    ),
    (
        "hostility",
        &[
            "accuse",
            "accusation",
            "condemn",
            "blame",
            "aggression",
            "aggressor",
            "enemy",
            "terrorist",
            "terrorism",
            "provocation",
            "provocative",
            "hostile",
            "war crimes",
            "crimes against humanity",
            "genocide",
            "illegal",
            "act of war",
            "violate",
            "violation",
            "breach",
            "regime",
            "puppet",
            "criminal",
            "barbaric",
            "occupation",
            "invader",
            "warmonger",
            "lies",
            "propaganda",
        ],
    ),
    (
        "tension",
        &[
            "tension",
            "escalate",
            "escalation",
            "escalatory",
            "confrontation",
            "crisis",
            "standoff",
            "stand-off",
            "dangerous",
            "fears",
            "alarm",
            "brink of war",
            "spiral",
            "flashpoint",
            "heighten",
            "worsen",
            "deteriorate",
            "inflame",
        ],
    ),
    (
        "calm",
        &[
            "calm",
            "restraint",
            "deescalate",
            "deescalation",
            "ease tensions",
            "reduce tensions",
            "defuse",
            "peaceful solution",
            "political solution",
            "diplomatic solution",
            "peacefully",
            "peaceful means",
            "avoid escalation",
            "step back",
            "stability",
            "ease",
            "easing",
            "cool",
            "moderation",
            "coexistence",
            "goodwill",
            "reassure",
            "hold fire",
            "hold their fire",
            "no military solution",
            "unthinkable",
            "apologise",
            "apologize",
            "apology",
            "stand down",
            "stay out",
        ],
    ),
    (
        "talks",
        &[
            "talks",
            "negotiate",
            "negotiation",
            "dialogue",
            "sit down",
            "meet",
            "meeting",
            "summit",
            "resume",
            "envoy",
            "back channel",
            "backchannel",
            "contact",
            "consultations",
            "round of talks",
            "diplomacy",
            "diplomatic",
            "channel",
            "hotline",
            "visit",
            "phone call",
            "spoke with",
            "held talks",
            "progress",
            "breakthrough",
            "roadmap",
        ],
    ),
    (
        "ceasefire",
        &[
            "ceasefire",
            "truce",
            "armistice",
            "peace deal",
            "peace agreement",
            "peace accord",
            "peace process",
            "peace plan",
            "peace talks",
            "humanitarian pause",
            "cessation of hostilities",
            "prisoner exchange",
            "prisoner swap",
            "release",
            "amnesty",
            "disarm",
            "demobilize",
            "lay down arms",
            "peace",
            "reconciliation",
            "reconcile",
            "settlement",
            "accord",
        ],
    ),
    (
        "mediation",
        &[
            "mediate",
            "mediation",
            "mediator",
            "broker",
            "facilitate",
            "good offices",
            "both sides",
            "all sides",
            "all parties",
            "urge",
            "appeal",
            "call on",
            "call for",
            "encourage",
            "support efforts",
            "backs all efforts",
            "offer to",
        ],
    ),
    (
        "withdrawal",
        &[
            "withdraw",
            "withdrawal",
            "pull back",
            "pullback",
            "disengage",
            "disengagement",
            "retreat",
            "lift sanctions",
            "ease sanctions",
            "reopen",
            "restore ties",
            "normalize",
            "normalise",
            "normalization",
            "rapprochement",
            "thaw",
            "free",
            "hand over",
            "return",
        ],
    ),
    (
        "cooperation",
        &[
            "agree",
            "agreement",
            "cooperate",
            "cooperation",
            "welcome",
            "support",
            "partnership",
            "joint",
            "confidence-building",
            "goodwill gesture",
            "compromise",
            "concession",
            "understanding",
        ],
    ),
    (
        "offer",
        &[
            "ready to",
            "willing to",
            "prepared to",
            "open to",
            "offer",
            "propose",
            "proposal",
            "invite",
            "invitation",
            "accept",
            "commit to",
        ],
    ),
    (
        "condition",
        &[
            "only if",
            "unless",
            "until",
            "as long as",
            "provided that",
            "on condition",
            "once",
            "if",
        ],
    ),
];

/// A stemmed phrase table: first stem → (remaining stems, category index).
/// Looked up once per word of every unit, so keyed with
/// [`WordHasher`](crate::hash::WordHasher) rather than SipHash, which cost more than the rest of the match.
pub struct CueTable {
    by_first: HashMap<String, Vec<(Vec<String>, usize)>, WordBuild>,
    /// Stems in the longest phrase.
    longest: usize,
}

impl CueTable {
    /// The table built from [`CUES`], once per process.
    pub fn get() -> &'static CueTable {
        static TABLE: OnceLock<CueTable> = OnceLock::new();
        TABLE.get_or_init(CueTable::build)
    }

    fn build() -> CueTable {
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>, WordBuild> =
            HashMap::default();
        for (category, (_, phrases)) in CUES.iter().enumerate() {
            for phrase in phrases.iter() {
                let mut stems = Vec::new();
                crate::text::tokenize::tokenize(phrase, |t| stems.push(stem(t.text)));
                let Some((first, rest)) = stems.split_first() else {
                    continue;
                };
                let entries = by_first.entry(first.clone()).or_default();
                if !entries.iter().any(|(r, c)| r == rest && *c == category) {
                    entries.push((rest.to_vec(), category));
                }
            }
        }
        let longest = by_first
            .values()
            .flatten()
            .map(|(rest, _)| rest.len() + 1)
            .max()
            .unwrap_or(1);
        CueTable { by_first, longest }
    }

    /// Whether some phrase starts with `stem`: the featurizer asks once per
    /// distinct word and skips [`CueTable::for_each_match`] for the rest.
    pub fn starts_a_phrase(&self, stem: &str) -> bool {
        self.by_first.contains_key(stem)
    }

    /// How many stems the longest phrase has: how far ahead a match can look.
    pub fn longest_phrase(&self) -> usize {
        self.longest
    }

    /// Every cue that starts at word `at`, given the stem of word `k` as
    /// `stem_at(k)` (`None` past the end): `found(category name, number of
    /// stems matched)` for each, in table order. A callback over the caller's
    /// own storage of stems, so no list of stems is built per unit.
    pub fn for_each_match<'s>(
        &self,
        stem_at: impl Fn(usize) -> Option<&'s str>,
        at: usize,
        mut found: impl FnMut(&'static str, usize),
    ) {
        let Some(entries) = stem_at(at).and_then(|first| self.by_first.get(first)) else {
            return;
        };
        for (rest, category) in entries {
            let matched = rest
                .iter()
                .enumerate()
                .all(|(k, want)| stem_at(at + 1 + k) == Some(want.as_str()));
            if matched {
                found(CUES[*category].0, rest.len() + 1);
            }
        }
    }
}

/// Words that share a stem with a cue but not its meaning: "according to"
/// and "in accordance with" are not a peace accord, an "executive" is not an
/// execution, "mobile" and "mobility" are not a mobilization. Snowball folds
/// them together, so without this list "according to", among the commonest
/// phrases of news, fired the ceasefire cue. Folded surface words, as the
/// tokenizer gives them; they still make their own unigrams and bigrams.
pub const NOT_CUES: &[&str] = &[
    "according",
    "accordance",
    "accordingly",
    "executive",
    "executives",
    "mobile",
    "mobiles",
    "mobility",
    "firefighter",
    "firefighters",
    "firefighting",
    "normal",
    "normally",
    "consequently",
    "consequent",
    "invasive",
    "occupational",
    "progressive",
    "progressives",
    "offense",
    "offenses",
    "offence",
    "offences",
];

/// Whether `word` (folded, as the tokenizer gives it) is kept from matching cues.
pub fn is_not_a_cue(word: &str) -> bool {
    NOT_CUES.contains(&word)
}

/// A fixed summary of the lexicon's contents, part of the featurizer fingerprint.
pub fn lexicon_digest() -> u64 {
    let mut text = String::new();
    for (category, phrases) in CUES {
        text.push_str(category);
        for p in phrases.iter() {
            text.push('|');
            text.push_str(p);
        }
        text.push('\n');
    }
    text.push_str("not cues");
    for word in NOT_CUES {
        text.push('|');
        text.push_str(word);
    }
    crate::hash::fnv1a(text.as_bytes())
}
