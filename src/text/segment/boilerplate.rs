//! Page furniture that is not part of the article: ads, subscription and
//! comment prompts, cookie notices, share buttons, "Read more" links; and
//! the headline.

use super::folded_head::{is_space, FoldedHead};
use super::marker_keys::may_hold_marker;
use super::sentences::clip;
use super::word_list::{longest, shortest};
use crate::text::span::Span;

/// Units that are boilerplate when they are exactly this (ignoring case,
/// whitespace and trailing punctuation).
#[rustfmt::skip]
const EXACT: &[&str] = &[
    "advertisement", "advertisements", "advertising", "sponsored", "sponsored content",
    "paid content", "paid partnership", "ad", "read more", "read next", "related",
    "related articles", "related stories", "more stories", "share", "share this",
    "share this article", "share this story", "tweet", "print", "email", "add a comment",
    "leave a reply", "leave a comment", "post a comment", "comments", "show comments", "subscribe",
    "subscribe now", "sign up", "skip advertisement", "continue reading",
    "story continues below advertisement", "story continues below", "most read", "most popular",
    "trending", "trending now", "recommended", "recommended for you", "follow us", "keep reading",
    "log in", "sign in", "register", "back to top", "scroll to continue",
    "advertisement - scroll to continue", "you may also like", "also read", "see also", "loading",
    "loading...", "click to expand", "accept", "accept all", "reject all", "manage cookies",
    "cookie settings", "privacy policy", "terms of use", "terms of service",
];

/// Units that are boilerplate when they start with this (lowercased).
#[rustfmt::skip]
const PREFIXES: &[&str] = &[
    "related:", "read more:", "read also:", "see also:", "also read:",
    "keep up to date with", "sign up for", "sign up to", "subscribe to our", "subscribe for",
    "by pressing the subscribe button", "by subscribing", "by signing up", "by clicking",
    "your email address will not be published", "we use cookies", "this website uses cookies",
    "this site uses cookies", "our website uses cookies", "by continuing to use",
    "by using this site", "click here", "follow us on", "share this", "get the latest",
    "download our app", "download the app", "copyright ©", "©", "(c) copyright",
    "all rights reserved", "get our newsletter", "join our newsletter", "enter your email",
    "you must be logged in", "comments are closed", "have your say", "support our journalism",
    "we value your privacy", "advertisement -", "advertisement –", "advertisement |",
    "advertisement continue", "advertisement scroll", "advertisement skip", "this article is sponsored",
    "image caption", "image source", "photo credit", "click to subscribe", "tap to subscribe",
    "listen to this article", "report an error", "report a correction",
];

/// Prefixes that are boilerplate only on a short unit ("Sponsored by Acme",
/// not "Sponsored by the state, the militia grew").
#[rustfmt::skip]
const SHORT_PREFIXES: &[&str] = &[
    "sponsored by", "share on", "watch:", "more:", "presented by",
];

/// Most words in a unit matched by [`SHORT_PREFIXES`].
const SHORT_UNIT_WORDS: usize = 6;

/// Phrases that mark a unit as boilerplate wherever they appear; each is
/// specific to page furniture, never to reporting.
#[rustfmt::skip]
pub(super) const MARKERS: &[&str] = &[
    "required fields are marked", "privacy policy and terms", "agree to our privacy policy",
    "agreeing to our privacy policy", "accept all cookies", "manage your cookie",
    "to receive our newsletter", "delivered to your inbox", "straight to your inbox",
    "unsubscribe at any time", "this content is sponsored",
];

/// Share-button words; a short unit made only of these is a share bar.
#[rustfmt::skip]
const SHARE_WORDS: &[&str] = &[
    "facebook", "twitter", "x", "whatsapp", "email", "linkedin", "telegram", "reddit", "print",
    "copy", "link", "share", "pinterest", "messenger", "threads", "bluesky", "|", "·",
];

/// True when `unit` is page furniture rather than article text:
/// advertising labels, subscribe/newsletter and comment prompts, cookie and
/// privacy notices, "Read more"/"Related:" links, share buttons.
/// Conservative: a news sentence that merely mentions "privacy" or
/// "advertising" is not boilerplate.
pub fn is_boilerplate(unit: &str) -> bool {
    NORM.with(|cell| match cell.try_borrow_mut() {
        Ok(mut norm) => {
            let found = is_boilerplate_in(unit, &mut norm);
            if norm.capacity() > NORM_KEEP_BYTES {
                // Do not hold a huge record's copy for the rest of the run.
                *norm = String::new();
            }
            found
        }
        // Re-entered (cannot happen today): a fresh buffer is as good.
        Err(_) => is_boilerplate_in(unit, &mut String::new()),
    })
}

thread_local! {
    /// The normalised unit, reused across calls: one is made per paragraph.
    static NORM: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Largest normalising buffer kept between calls.
const NORM_KEEP_BYTES: usize = 64 * 1024;

/// Most words in a share bar (checked before splitting the unit into words).
const SHARE_BAR_MAX_WORDS: usize = 10;

fn is_boilerplate_in(unit: &str, norm: &mut String) -> bool {
    if unit.is_ascii() {
        is_ascii_boilerplate(unit, norm)
    } else {
        is_normalised_boilerplate(unit, norm)
    }
}

/// The boilerplate test on the whole normalised unit (for any text).
fn is_normalised_boilerplate(unit: &str, norm: &mut String) -> bool {
    let words = normalise_into(unit, norm);
    let norm = norm.as_str();
    if norm.is_empty() {
        return false;
    }
    // A list entry can only match a unit with the same first byte: most
    // entries are passed over after one byte compare.
    let first = norm.as_bytes().first();
    let starts_with = |p: &&str| p.as_bytes().first() == first && norm.starts_with(p);
    is_exact(norm)
        || PREFIXES.iter().any(starts_with)
        || (words <= SHORT_UNIT_WORDS && SHORT_PREFIXES.iter().any(starts_with))
        || (norm.len() >= MARKER_MIN_BYTES
            && may_hold_marker(unit.as_bytes())
            && has_marker(norm.as_bytes()))
        || (words <= SHARE_BAR_MAX_WORDS && is_share_bar(norm, words))
}

/// [`is_boilerplate_in`] for an ASCII unit (nearly all), with the same
/// answer: the list tests read only a folded copy of the unit's first bytes
/// (the whole unit is normalised only when a marker key occurs in it or it
/// ends in a long run of punctuation), and words are counted only as far as
/// the tests need.
fn is_ascii_boilerplate(unit: &str, norm: &mut String) -> bool {
    let raw = unit.as_bytes();
    let head = FoldedHead::<HEAD_BYTES>::of(raw);
    let Some(&first) = head.as_bytes().first() else {
        // All whitespace: the normalised unit is empty.
        return false;
    };
    let starts_with = |p: &&str| head.as_bytes().starts_with(p.as_bytes());
    is_exact_entry(&head, unit, norm)
        || PREFIX_STARTS
            .get(usize::from(first))
            .is_some_and(|&bits| entries_of(bits, PREFIXES).any(|p| starts_with(&p)))
        || (SHORT_PREFIXES.iter().any(starts_with)
            && count_words(raw, SHORT_UNIT_WORDS + 1) <= SHORT_UNIT_WORDS)
        || (may_hold_marker(raw) && {
            normalise_into(unit, norm);
            norm.len() >= MARKER_MIN_BYTES && has_marker(norm.as_bytes())
        })
        || is_ascii_share_bar(raw)
}

/// Bytes of a unit's folded start that [`is_ascii_boilerplate`] reads:
/// enough for every prefix entry and one byte past every exact entry.
const HEAD_BYTES: usize = 48;
const _: () = assert!(
    longest(PREFIXES) <= HEAD_BYTES
        && longest(SHORT_PREFIXES) <= HEAD_BYTES
        && EXACT_MAX_BYTES < HEAD_BYTES
);

/// Per first byte, the entries of [`PREFIXES`] that start with it (bit `i`
/// for `PREFIXES[i]`): a unit is compared only with those.
static PREFIX_STARTS: [u64; 256] = entries_by_first_byte(PREFIXES);

const fn entries_by_first_byte(list: &[&str]) -> [u64; 256] {
    assert!(list.len() <= 64, "one bit an entry");
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < list.len() {
        if let [first, ..] = list[i].as_bytes() {
            table[*first as usize] |= 1 << i;
        }
        i += 1;
    }
    table
}

/// The entries of `list` whose bits are set in `bits`.
fn entries_of(bits: u64, list: &'static [&'static str]) -> impl Iterator<Item = &'static str> {
    let mut bits = bits;
    std::iter::from_fn(move || {
        let i = bits.trailing_zeros() as usize;
        bits &= bits.wrapping_sub(1);
        list.get(i).copied()
    })
}

/// True when the ASCII unit, normalised and without its trailing
/// punctuation, is an entry of [`EXACT`]; `head` is its folded start.
/// That text is short only when every byte of the normalised unit from
/// [`EXACT_MAX_BYTES`] on is trailing punctuation or space.
fn is_exact_entry(head: &FoldedHead<HEAD_BYTES>, unit: &str, norm: &mut String) -> bool {
    let folded = head.as_bytes();
    if !head.is_complete() {
        let may_be_short = folded
            .get(EXACT_MAX_BYTES..)
            .is_some_and(|rest| rest.iter().all(|&b| is_trailing_ascii(b)));
        // A long run of trailing punctuation: the whole unit decides.
        return may_be_short && {
            normalise_into(unit, norm);
            is_exact(norm)
        };
    }
    let end = folded
        .iter()
        .rposition(|&b| !is_trailing_ascii(b))
        .map_or(0, |i| i + 1);
    let bare = folded.get(..end).unwrap_or(&[]);
    bare.len() <= EXACT_MAX_BYTES && EXACT.iter().any(|e| e.as_bytes() == bare)
}

/// The ASCII bytes that the exact test trims from the end of a normalised
/// unit (see [`is_exact`]).
fn is_trailing_ascii(b: u8) -> bool {
    matches!(b, b'.' | b':' | b'!' | b'>' | b' ')
}

/// True when `norm` (a normalised unit) without its trailing punctuation
/// is an entry of [`EXACT`].
fn is_exact(norm: &str) -> bool {
    let bare = norm.trim_end_matches(|c: char| ".:!…»>›→".contains(c) || c.is_whitespace());
    bare.len() <= EXACT_MAX_BYTES && EXACT.contains(&bare)
}

/// Number of whitespace-separated words of `raw`, counted up to `limit`.
fn count_words(raw: &[u8], limit: usize) -> usize {
    raw.split(|&b| is_space(b))
        .filter(|w| !w.is_empty())
        .take(limit)
        .count()
}

/// [`is_share_bar`] on an ASCII unit as it is: 2 to
/// [`SHARE_BAR_MAX_WORDS`] words, each a share word once lowercased and
/// stripped of punctuation. Stops at the first word that is not one.
fn is_ascii_share_bar(raw: &[u8]) -> bool {
    let mut words = 0;
    for word in raw.split(|&b| is_space(b)).filter(|w| !w.is_empty()) {
        words += 1;
        let core = word
            .iter()
            .position(|b| !b.is_ascii_punctuation())
            .zip(word.iter().rposition(|b| !b.is_ascii_punctuation()))
            .and_then(|(start, end)| word.get(start..=end))
            .unwrap_or(&[]);
        if words > SHARE_BAR_MAX_WORDS
            || !SHARE_WORDS
                .iter()
                .any(|s| s.as_bytes().eq_ignore_ascii_case(core))
        {
            return false;
        }
    }
    words >= 2
}

/// The longest entry of [`EXACT`]: a longer unit is none of them.
const EXACT_MAX_BYTES: usize = longest(EXACT);

/// The shortest entry of [`MARKERS`]: a shorter unit holds none of them.
const MARKER_MIN_BYTES: usize = shortest(MARKERS);

/// True when one of [`MARKERS`] occurs in `norm`. One pass over the unit:
/// only where its two bytes match the start of some marker (a table hit)
/// are markers compared, instead of one substring search per marker.
fn has_marker(norm: &[u8]) -> bool {
    norm.windows(2).enumerate().any(|(i, pair)| {
        let bits = MARKER_STARTS[pair_slot(pair)];
        bits != 0
            && MARKERS.iter().enumerate().any(|(m, marker)| {
                bits & (1 << m) != 0
                    && norm
                        .get(i..)
                        .is_some_and(|r| r.starts_with(marker.as_bytes()))
            })
    })
}

/// Slot of a byte pair in [`MARKER_STARTS`].
const fn pair_slot(pair: &[u8]) -> usize {
    match pair {
        [a, b, ..] => ((*a as usize) ^ ((*b as usize) << 3)) & 0xff,
        _ => 0,
    }
}

/// Per slot, the markers whose first two bytes fall in it (bit `m` for
/// `MARKERS[m]`).
static MARKER_STARTS: [u16; 256] = marker_starts();

const fn marker_starts() -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut m = 0;
    while m < MARKERS.len() {
        table[pair_slot(MARKERS[m].as_bytes())] |= 1 << m;
        m += 1;
    }
    table
}

/// Writes `unit` lowercased, with runs of whitespace collapsed to one space
/// and no leading or trailing whitespace, into `norm`; returns its number of
/// words. One pass, char by char: `str::to_lowercase` maps every char on its
/// own except the capital sigma, whose final form depends on its
/// neighbours, so text holding one takes the whole-string path.
fn normalise_into(unit: &str, norm: &mut String) -> usize {
    if unit.is_ascii() {
        return normalise_ascii_into(unit, norm);
    }
    norm.clear();
    norm.reserve(unit.len());
    let mut words = 0;
    let mut in_word = false;
    for c in unit.chars() {
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            if words > 0 {
                norm.push(' ');
            }
            words += 1;
            in_word = true;
        }
        if c.is_ascii() {
            norm.push(c.to_ascii_lowercase());
        } else if c == 'Σ' {
            return normalise_with_context(unit, norm);
        } else {
            norm.extend(c.to_lowercase());
        }
    }
    words
}

/// [`normalise_into`] for ASCII text (most units): whole words are copied
/// as bytes and the result lowercased in one pass, instead of char by char.
fn normalise_ascii_into(unit: &str, norm: &mut String) -> usize {
    let mut out = std::mem::take(norm).into_bytes();
    out.clear();
    out.reserve(unit.len());
    let mut words = 0;
    // The ASCII chars that `char::is_whitespace` accepts (unlike
    // `u8::is_ascii_whitespace`, this includes the vertical tab).
    let is_space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
    for word in unit.as_bytes().split(is_space).filter(|w| !w.is_empty()) {
        if words > 0 {
            out.push(b' ');
        }
        words += 1;
        out.extend_from_slice(word);
    }
    out.make_ascii_lowercase();
    // ASCII in, ASCII out: always valid UTF-8.
    *norm = String::from_utf8(out).unwrap_or_default();
    words
}

/// [`normalise_into`] through `str::to_lowercase` on the whole collapsed text.
fn normalise_with_context(unit: &str, norm: &mut String) -> usize {
    let joined = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    norm.clear();
    norm.push_str(&joined.to_lowercase());
    joined.split_whitespace().count()
}

/// `words` is the number of words of `norm` (as [`normalise_into`] counts them).
fn is_share_bar(norm: &str, words: usize) -> bool {
    (2..=SHARE_BAR_MAX_WORDS).contains(&words)
        && norm
            .split_whitespace()
            .all(|w| SHARE_WORDS.contains(&w.trim_matches(|c: char| c.is_ascii_punctuation())))
}

/// The longest headline, in characters.
const HEADLINE_MAX_CHARS: usize = 160;

/// True when `paragraph` (at position `index` among the article's
/// paragraphs) is the headline: the first paragraph, a single short line
/// without terminal punctuation (title case or not), and not boilerplate.
pub fn is_headline(text: &str, paragraph: Span, index: usize) -> bool {
    has_headline_shape(text, paragraph, index)
        && clip(text, paragraph).is_some_and(|p| !is_boilerplate(p.slice(text)))
}

/// [`is_headline`] without the boilerplate test, for a caller that has
/// already run [`is_boilerplate`] on the paragraph (the normalised
/// boilerplate test ignores surrounding whitespace, so the answer is the
/// same for the paragraph and its trimmed line).
#[inline(never)] // a stage of its own in training/speed/profile_stages.sh
pub(crate) fn has_headline_shape(text: &str, paragraph: Span, index: usize) -> bool {
    if index != 0 {
        return false;
    }
    let Some(p) = clip(text, paragraph) else {
        return false;
    };
    let line = p.slice(text).trim();
    // Cheap byte tests first: a long or multi-line first paragraph (a
    // record without blank lines) is rejected without counting its words.
    if line.is_empty() || line.len() > HEADLINE_MAX_CHARS * 4 || line.contains('\n') {
        return false;
    }
    let ends_like_sentence = line
        .trim_end_matches(|c: char| "\"”’')]".contains(c))
        .ends_with(['.', '!', '?', '…', ':', ';', ',']);
    // Most first paragraphs are sentences: they are turned away here,
    // before their words are counted.
    if ends_like_sentence {
        return false;
    }
    // Counting stops past the limit: only 1..=25 words matter. An ASCII
    // line (nearly all) is split on bytes, without decoding chars.
    let words = if line.is_ascii() {
        count_words(line.as_bytes(), 26)
    } else {
        line.split_whitespace().take(26).count()
    };
    (line.len() <= HEADLINE_MAX_CHARS || line.chars().count() <= HEADLINE_MAX_CHARS)
        && (1..=25).contains(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ads_prompts_and_notices() {
        for t in [
            "Advertisement",
            "ADVERTISEMENT",
            "Sponsored",
            "Add a Comment",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Keep Up to Date with the Most Important News",
            "By pressing the Subscribe button, you confirm that you have read our Privacy Policy",
            "Read more: Sanctions tighten",
            "Related: Talks collapse in Geneva",
            "Read more »",
            "ADVERTISEMENT - Scroll to continue",
            "Sponsored by Northgate Bank",
            "Click here to read the full report",
            "We use cookies to improve your experience.",
            "Share this article",
            "Facebook Twitter WhatsApp Email",
            "Sign up for our daily briefing",
            "© 2026 Example Media. All rights reserved.",
        ] {
            assert!(is_boilerplate(t), "{t}");
        }
    }

    #[test]
    fn news_sentences_mentioning_privacy_or_ads_are_kept() {
        for t in [
            "The ministry said its new privacy rules would apply to foreign firms.",
            "Advertising revenue fell sharply after the sanctions.",
            "Advertisement revenue fell sharply after the sanctions.",
            "Sponsored by the state, the militia grew quickly.",
            "Officials said they would share intelligence with Qatar.",
            "Read the statement carefully, the envoy urged reporters.",
            "Related talks are expected in Oman next week.",
            "",
            "   ",
        ] {
            assert!(!is_boilerplate(t), "{t}");
        }
    }

    #[test]
    fn normalising_matches_collapse_then_to_lowercase() {
        let mut norm = String::new();
        for t in [
            "",
            "  ",
            "Read  MORE\t\x0b\x0c\r\n now ",
            "ΟΔΟΣ ΣΑΣ",
            "“We’re ready,” the ÉLYSÉE said.",
            "ǅ ﬁ ẞ ΆΣ",
            "İstanbul  \u{a0} KELVIN \u{212A}",
            "a",
            " Share\nthis ",
            "\x1cFILE\x1fSEP\x7f ",
        ] {
            let words = normalise_into(t, &mut norm);
            let expected = t
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(norm, expected, "{t:?}");
            assert_eq!(words, t.split_whitespace().count(), "{t:?}");
        }
    }

    #[test]
    fn markers_are_found_anywhere_like_a_substring_search() {
        let mut norm = String::new();
        for t in [
            "required fields are marked",
            "Your email address will not be published. Required  fields are marked *",
            "xrequired fields are marked",
            "By signing, you agreeing to our privacy policy.",
            "Sign up: straight to your inboxes",
            "this content is sponsored",
            "this content is sponsore",
            "required fields are",
            "r",
            "",
        ] {
            normalise_into(t, &mut norm);
            let expected = MARKERS.iter().any(|m| norm.contains(m));
            assert_eq!(has_marker(norm.as_bytes()), expected, "{t}");
        }
    }

    #[test]
    fn ascii_test_agrees_with_the_normalised_one() {
        let mut norm = String::new();
        let mut units: Vec<String> = Vec::new();
        let lists = [EXACT, PREFIXES, SHORT_PREFIXES, MARKERS, SHARE_WORDS];
        for entry in lists.iter().flat_map(|l| l.iter()) {
            for (i, shape) in [
                "{}",
                "{}.",
                " {} ... ",
                "{} and more words",
                "{} a b c d e f g h i j",
                "x {}",
                "{}!!! » ",
                "{} {}",
                "{}\n\x0b{}",
                "{} ::: ..:!>",
            ]
            .iter()
            .enumerate()
            {
                let unit = shape.replace("{}", entry);
                units.push(if i % 2 == 0 {
                    unit.to_uppercase()
                } else {
                    unit
                });
            }
        }
        units.extend(
            [
                "Facebook Twitter",
                "Facebook",
                "(Facebook) [Twitter] ,x,",
                "Share Share Share Share Share Share Share Share Share Share",
                "Share Share Share Share Share Share Share Share Share Share Share",
                "|| x ||",
                "...",
                "  \t ",
                "Sponsored by a b c",
                "Sponsored by a b c d",
                "story continues below advertisement.",
                "story  continues below advertisement x",
                "Read more > > > > > > > > > > > > > > > > > > > >",
                "story continues below advertisement . . . . . . . . . . . . . . . .",
                "story continues below advertisement . . . . . . . . . . . . . . . . x",
                "READ                                                  MORE",
                "Sponsored      by      the      state      for      years",
            ]
            .map(String::from),
        );
        for unit in units.iter().filter(|u| u.is_ascii()) {
            assert_eq!(
                is_ascii_boilerplate(unit, &mut norm),
                is_normalised_boilerplate(unit, &mut norm),
                "{unit:?}"
            );
        }
    }

    #[test]
    fn exact_match_survives_a_long_tail_of_arrows() {
        assert!(is_boilerplate("Read more » » » » » » » » » » »"));
    }

    #[test]
    fn headline_detection() {
        let t = "Iran Rejects US Talks as Threats Escalate\n\nIran said no. Talks end.";
        let first = Span::new(0, 41);
        assert!(is_headline(t, first, 0));
        assert!(!is_headline(t, first, 1));
        assert!(!is_headline(t, Span::new(43, t.len()), 0));
        assert!(is_headline("talks stall in geneva", Span::new(0, 21), 0));
        assert!(!is_headline("Two\nlines", Span::new(0, 9), 0));
        assert!(!is_headline("Advertisement", Span::new(0, 13), 0));
        assert!(!is_headline("é", Span::new(1, 5), 0));
    }
}
