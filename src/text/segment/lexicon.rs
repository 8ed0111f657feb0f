//! Closed word lists used by the segmenter. Kept in one place so the
//! heuristics in the other files read as rules, not as data.

use super::word_list::{with_lowercase_bytes, WordList};

/// Abbreviations that essentially never end a sentence: they precede a name,
/// a number or further words ("Gen. Smith", "Jan. 5", "e.g. the").
#[rustfmt::skip]
static NEVER_FINAL: WordList = WordList::new(&[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "maj", "sgt", "adm", "gov", "sen", "rep",
    "prof", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "vs", "e.g", "i.e", "cf", "approx", "fig", "rev", "hon", "mt", "brig", "cmdr", "pres",
    "amb", "gens", "reps", "sens", "messrs",
]);

/// Abbreviations that end a sentence only when a typical sentence opener
/// follows ("shares of Acme Inc. The company ...").
#[rustfmt::skip]
static SOMETIMES_FINAL: WordList = WordList::new(&[
    "inc", "corp", "ltd", "co", "jr", "sr", "etc", "bros", "plc", "llc", "no", "art", "sec", "para",
    "ch", "p", "pp", "vol",
]);

/// How an abbreviation before a period affects sentence splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Not an abbreviation: the period ends the sentence.
    None,
    /// Never ends a sentence.
    Never,
    /// Ends a sentence only before a typical sentence opener.
    Sometimes,
}

/// Classifies the word before a period (without that period).
pub(crate) fn abbreviation(word: &str) -> Abbrev {
    let listed = with_lowercase_bytes(word, |lower| {
        if NEVER_FINAL.contains_bytes(lower) {
            Some(Abbrev::Never)
        } else if SOMETIMES_FINAL.contains_bytes(lower) {
            Some(Abbrev::Sometimes)
        } else {
            None
        }
    });
    if let Some(class) = listed {
        return class;
    }
    let mut chars = word.chars();
    let single_initial =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    // "U.S", "a.m", "Ph.D": letters separated by periods.
    let dotted = word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic());
    if single_initial || dotted {
        Abbrev::Sometimes
    } else {
        Abbrev::None
    }
}

/// Words that commonly open a sentence; after an ambiguous abbreviation they
/// signal that the abbreviation did end the previous sentence.
#[rustfmt::skip]
static SENTENCE_OPENERS: WordList = WordList::new(&[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "but", "and", "in", "on", "at", "for", "his", "her", "its", "their", "our",
    "however", "meanwhile", "officials", "after", "when", "while", "as", "if", "some", "many",
    "what", "why", "how", "yet", "so", "since", "still", "both", "no", "one", "two", "both",
    "earlier", "later", "last", "separately", "moreover", "also", "then", "instead",
]);

/// True for words that typically start a new sentence.
pub(crate) fn is_sentence_opener(word: &str) -> bool {
    SENTENCE_OPENERS.contains_lowercase_of(word)
}

/// Verbs of saying that introduce an attribution ("X said", "said X").
#[rustfmt::skip]
pub(crate) const SPEECH_VERB_WORDS: &[&str] = &[
    "said", "says", "added", "adds", "told", "tells", "stressed", "stresses", "warned", "warns",
    "insisted", "insists", "wrote", "writes", "asked", "asks", "noted", "explained", "explains",
    "argued", "argues", "declared", "declares", "stated", "claimed", "urged", "urges", "announced",
    "announces", "replied", "responded", "acknowledged", "admitted", "confirmed", "confirms",
    "observed", "remarked", "recalled", "cautioned", "vowed", "vows", "pledged", "conceded",
    "posted", "tweeted", "continued", "countered", "complained", "suggested", "reiterated",
    "emphasised", "emphasized", "maintained", "alleged", "demanded", "dismissed", "denied",
    "denies", "accused", "condemned", "insisted", "predicted", "boasted", "conceded", "concluded",
    "repeated", "called", "described", "retorted", "shouted", "testified", "wondered",
];

static SPEECH_VERBS: WordList = WordList::new(SPEECH_VERB_WORDS);

/// True for a lowercase verb of saying.
pub(crate) fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(word)
}

/// [`is_speech_verb`] on the bytes of a word.
pub(crate) fn is_speech_verb_bytes(word: &[u8]) -> bool {
    SPEECH_VERBS.contains_bytes(word)
}

/// Words that may sit between a subject and its verb ("Araghchi also said").
#[rustfmt::skip]
static ADVERBS: WordList = WordList::new(&[
    "also", "later", "then", "again", "further", "previously", "earlier", "separately",
    "repeatedly", "publicly", "privately", "reportedly", "has", "had", "have", "was", "once",
    "flatly", "simply", "bluntly", "firmly", "angrily", "quickly", "recently", "subsequently",
    "initially", "would", "will", "had", "has", "openly", "already", "only", "himself", "herself",
    "itself", "now", "first", "last", "today", "yesterday", "tonight", "finally", "quietly",
    "sharply", "swiftly", "formally", "officially", "frankly", "calmly", "tersely",
]);

/// True for adverbs and auxiliaries skipped between subject and verb.
pub(crate) fn is_adverb(word: &str) -> bool {
    ADVERBS.contains_lowercase_of(word)
}

#[rustfmt::skip]
static WEEKDAYS: WordList = WordList::new(&[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]);

/// True for weekday names ("Araghchi on Tuesday said").
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains_lowercase_of(word)
}

/// Titles and roles that precede a person's name. Matched case-insensitively
/// so "envoy" in "US Middle East envoy Steve Witkoff" counts.
#[rustfmt::skip]
static TITLES: WordList = WordList::new(&[
    "president", "minister", "secretary", "general", "gen.", "lt.", "col.", "colonel",
    "lieutenant", "major", "maj.", "captain", "capt.", "admiral", "adm.", "sgt.", "sergeant",
    "professor", "marshal", "analyst", "researcher", "senator", "sen.", "rep.", "representative",
    "governor", "gov.", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chief",
    "commander", "king", "queen", "prince", "princess", "sheikh", "emir", "chancellor", "premier",
    "mayor", "speaker", "chairman", "chairwoman", "chair", "director", "head", "leader", "judge",
    "justice", "cardinal", "pope", "bishop", "ayatollah", "imam", "sultan", "negotiator",
    "official", "deputy", "vice", "brigadier", "brig.", "commissioner", "president-elect",
    "mediator", "attorney", "rapporteur", "foreign", "defence", "defense", "interior", "finance",
    "prime", "crown", "supreme", "special", "senior", "acting",
]);

/// Words that carry a role on their own; the bare modifiers above
/// ("foreign", "prime") only extend a role.
#[rustfmt::skip]
static MODIFIER_TITLES: WordList = WordList::new(&[
    "foreign", "defence", "defense", "interior", "finance", "prime", "crown", "supreme", "special",
    "senior", "acting", "deputy", "vice",
]);

/// True for a title word ("Minister", "envoy", "Gen.", "Secretary-General").
pub(crate) fn is_title(word: &str) -> bool {
    with_lowercase_bytes(word, |lower| {
        TITLES.contains_bytes(lower)
            || lower
                .split(|&b| b == b'-')
                .any(|p| TITLES.contains_bytes(p))
    })
}

/// True for a title word that names a role by itself (not a modifier like "Foreign").
pub(crate) fn is_head_title(word: &str) -> bool {
    is_title(word) && !MODIFIER_TITLES.contains_lowercase_of(word)
}

/// Courtesy titles dropped from names rather than reported as roles.
pub(crate) fn is_honorific(word: &str) -> bool {
    with_lowercase_bytes(word, |lower| {
        matches!(
            lower,
            b"mr"
                | b"mr."
                | b"mrs"
                | b"mrs."
                | b"ms"
                | b"ms."
                | b"miss"
                | b"dr"
                | b"dr."
                | b"prof"
                | b"prof."
        )
    })
}

/// Lowercase words allowed inside a multi-word name ("Mohammed bin Salman",
/// "Ministry of Foreign Affairs").
pub(crate) fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "bin"
            | "bint"
            | "ibn"
            | "al"
            | "el"
            | "de"
            | "da"
            | "van"
            | "von"
            | "der"
            | "la"
            | "le"
            | "du"
            | "for"
    )
}

/// Capitalised words that open sentences or clauses but are not names.
#[rustfmt::skip]
static STOP_CAPS: WordList = WordList::new(&[
    "the", "a", "an", "however", "meanwhile", "moreover", "but", "and", "in", "on", "at", "so",
    "also", "then", "now", "still", "yet", "furthermore", "additionally", "separately", "earlier",
    "later", "instead", "indeed", "therefore", "thus", "hence", "when", "while", "after", "before",
    "if", "as", "since", "although", "though", "this", "that", "these", "those", "there", "it",
    "he", "she", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "by", "for",
    "from", "with", "without", "to", "of", "what", "why", "how", "where", "who", "some", "many",
    "all", "both", "one", "two", "three", "no", "not", "asked", "speaking", "despite", "amid",
    "under", "last", "next", "during", "according", "nor", "tuesday", "monday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "sources",
    "officials", "analysts", "diplomats", "witnesses", "residents", "critics", "rights",
    "possible", "others", "thousands", "hundreds", "dozens", "several", "most", "few", "each",
    "every", "any", "such", "like", "unlike", "outside", "inside", "across", "over", "until",
    "because", "once", "only", "even", "just",
]);

/// True for capitalised words that cannot start or be a name.
pub(crate) fn is_stop_cap(word: &str) -> bool {
    STOP_CAPS.contains_lowercase_of(word)
}

/// Geographic and calendar words that make a capitalised run not a person.
#[rustfmt::skip]
static NOT_PERSON: WordList = WordList::new(&[
    "middle", "east", "eastern", "west", "western", "north", "northern", "south", "southern",
    "gulf", "sea", "strait", "ocean", "river", "mountains", "valley", "island", "islands", "city",
    "province", "region", "street", "square", "airport", "port", "arab", "european", "african",
    "asian", "american", "day", "week", "war", "talks", "summit", "conference", "accord",
    "agreement", "treaty", "plan", "initiative", "bay", "desert", "border", "christmas", "easter",
    "ramadan", "eid", "olympics", "cup", "league", "news", "times", "post", "daily", "media",
    "press", "tv", "radio", "st", "st.", "mount", "lake", "cape",
]);

/// True when the word rules out a capitalised run being a person's name.
pub(crate) fn rules_out_person(word: &str) -> bool {
    NOT_PERSON.contains_lowercase_of(word) || is_stop_cap(word)
}

/// Capitalised words that make a name an organisation ("Foreign Ministry",
/// "Human Rights Activists News Agency", "US Central Command").
#[rustfmt::skip]
static ORG_KEYWORDS: WordList = WordList::new(&[
    "ministry", "agency", "command", "council", "army", "forces", "force", "navy", "group",
    "organisation", "organization", "party", "movement", "government", "office", "committee",
    "union", "nations", "bank", "fund", "corp", "corp.", "inc", "inc.", "ltd", "company",
    "association", "institute", "foundation", "commission", "court", "police", "guard", "guards",
    "corps", "front", "alliance", "coalition", "federation", "authority", "authorities",
    "department", "embassy", "mission", "parliament", "assembly", "senate", "congress", "cabinet",
    "network", "watch", "international", "news", "service", "services", "brigades", "militia",
    "monitor", "observatory", "centre", "center", "bureau", "university", "board", "secretariat",
    "directorate", "kremlin", "pentagon", "house", "palace", "tribunal", "consortium", "society",
    "league", "red",
]);

/// True for words that mark a capitalised run as an organisation.
pub(crate) fn is_org_keyword(word: &str) -> bool {
    ORG_KEYWORDS.contains_lowercase_of(word)
}

/// Organisations commonly named by one word.
#[rustfmt::skip]
static KNOWN_BODIES: WordList = WordList::new(&[
    "hamas", "hezbollah", "houthis", "taliban", "nato", "kremlin", "pentagon", "opec", "iaea",
    "unicef", "unesco", "unhcr", "unrwa", "who", "wto", "imf", "asean", "mossad", "irgc",
    "reuters", "interpol", "amnesty", "greenpeace", "fifa",
]);

/// States and capitals that speak as organisations ("Qatar said", "Tehran said").
#[rustfmt::skip]
static STATES: WordList = WordList::new(&[
    "iran", "iraq", "israel", "qatar", "egypt", "jordan", "syria", "lebanon", "turkey", "russia",
    "ukraine", "china", "japan", "india", "pakistan", "afghanistan", "france", "germany",
    "britain", "italy", "spain", "poland", "oman", "yemen", "bahrain", "kuwait", "libya", "sudan",
    "ethiopia", "kenya", "nigeria", "brazil", "mexico", "canada", "australia", "washington",
    "tehran", "moscow", "beijing", "kyiv", "london", "paris", "berlin", "cairo", "doha", "riyadh",
    "ankara", "jerusalem", "damascus", "baghdad", "beirut", "tokyo", "seoul", "taiwan", "taipei",
    "venezuela", "cuba", "armenia", "azerbaijan", "georgia", "serbia", "kosovo", "greece",
    "cyprus", "algeria", "morocco", "tunisia", "somalia", "eritrea", "us", "usa", "uk", "eu", "un",
    "u.s.", "u.k.", "u.n.", "e.u.",
]);

/// True for a one-word state or capital name.
pub(crate) fn is_state(word: &str) -> bool {
    STATES.contains_lowercase_of(word)
}

/// True for a one-word organisation name.
pub(crate) fn is_known_body(word: &str) -> bool {
    KNOWN_BODIES.contains_lowercase_of(word)
}

/// Lowercase nouns that refer back to an organisation ("the group said").
#[rustfmt::skip]
static ORG_NOUNS: WordList = WordList::new(&[
    "group", "ministry", "agency", "army", "military", "government", "organisation",
    "organization", "council", "committee", "office", "embassy", "movement", "militia", "company",
    "commission", "court", "police", "alliance", "coalition", "bloc", "union", "department",
    "authority", "cabinet", "parliament", "monitor", "network", "navy", "observatory", "body",
    "watchdog", "bank", "fund", "mission", "foundation", "institute", "federation", "party",
    "administration", "kremlin", "presidency", "palace", "regime", "campaign", "charity",
    "association", "forces", "firm", "guard", "coastguard",
]);

/// True for a lowercase noun that refers back to an organisation.
pub(crate) fn is_org_noun(word: &str) -> bool {
    ORG_NOUNS.contains(word)
}

/// Org nouns that match any non-state organisation rather than one whose
/// name contains the noun ("the group" for "... News Agency").
pub(crate) fn is_generic_org_noun(word: &str) -> bool {
    matches!(
        word,
        "group"
            | "organisation"
            | "organization"
            | "body"
            | "watchdog"
            | "monitor"
            | "charity"
            | "campaign"
            | "network"
            | "movement"
    )
}

/// Name words that an org noun also accepts ("the army" for "... Defence Forces").
pub(crate) fn org_noun_synonyms(noun: &str) -> &'static [&'static str] {
    match noun {
        "army" | "military" | "forces" => &["army", "forces", "force", "military", "command"],
        "government" | "administration" | "cabinet" => &["government", "administration", "cabinet"],
        "kremlin" => &["kremlin"],
        "presidency" | "palace" => &["presidency", "palace", "office"],
        "firm" | "company" => &["company", "corp", "corp.", "inc", "inc.", "ltd"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_classes() {
        for w in ["Gen", "Lt", "Dr", "Mrs", "Jan", "Sept", "e.g", "i.e", "St"] {
            assert_eq!(abbreviation(w), Abbrev::Never, "{w}");
        }
        for w in ["U.S", "U.N", "a.m", "p.m", "F", "Inc", "Corp", "No", "Art"] {
            assert_eq!(abbreviation(w), Abbrev::Sometimes, "{w}");
        }
        for w in ["Tehran", "talks", "3", "", "é"] {
            assert_eq!(abbreviation(w), Abbrev::None, "{w}");
        }
    }

    #[test]
    fn titles_and_modifiers() {
        assert!(is_head_title("Minister") && is_head_title("envoy"));
        assert!(is_head_title("Secretary-General"));
        assert!(is_title("Foreign") && !is_head_title("Foreign"));
        assert!(!is_title("Araghchi"));
    }
}
