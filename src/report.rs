//! A self-contained HTML page for one article: the summary on top, then the
//! article paragraph by paragraph, coloured by label, with quotes highlighted
//! inside their paragraphs and speakers in a margin.
//!
//! The page loads nothing: CSS is inline, there is no script, and the SVG
//! has no namespace URL (HTML5 does not need one), so it renders offline and
//! leaks nothing when opened. Every piece of article text goes through
//! [`escape`], so markup in an article is shown, never run.
//!
//! Every coloured element carries `data-unit` (`paragraph` or `quote`),
//! `data-index`, `data-start`, `data-end`, `data-label` and
//! `data-confidence`, equal to the `index`, `start`, `end`, `label` and
//! `confidence` of the same unit in `stance score --unit paragraph|quote`.
//! A quote that crosses a paragraph break (or overlaps another quote) is
//! drawn as several elements carrying the same attributes.

use crate::classifier::Classifier;
use crate::document::UnitPrediction;
use crate::prediction::round4;
use crate::stance::Stance;
use crate::summary::{summarize_units, DocumentSummary, DocumentUnits, UnitSummary};
use crate::text::span::Span;
use std::fmt::Write;

/// The whole page for `text`; `fallback_title` names the page when the
/// article has no headline (a file name, say).
pub fn render(classifier: &Classifier, text: &str, fallback_title: &str) -> String {
    let units = DocumentUnits::classify(classifier, text);
    let summary = summarize_units(text, &units);
    render_units(text, &units, &summary, fallback_title)
}

/// The page from units already labelled and summarised.
pub fn render_units(
    text: &str,
    units: &DocumentUnits,
    summary: &DocumentSummary,
    fallback_title: &str,
) -> String {
    let title = summary
        .headline
        .as_ref()
        .map_or(fallback_title, |h| h.text.as_str());
    let mut out = String::with_capacity(text.len() * 4 + 8192);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    summary_section(&mut out, title, summary);
    article_section(&mut out, text, units);
    out.push_str("</body>\n</html>\n");
    out
}

/// Text safe inside HTML elements and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Red for escalatory, blue for de-escalatory, grey for neutral, as `r,g,b`.
fn rgb(label: Stance) -> &'static str {
    match label {
        Stance::Escalatory => "214,48,49",
        Stance::DeEscalatory => "31,119,180",
        Stance::Neutral => "127,127,127",
    }
}

/// Background alpha for a unit: a confident label is drawn stronger, but
/// even an unsure one stays visible and text stays readable.
fn alpha(confidence: f32, floor: f32, span: f32) -> f32 {
    floor + span * confidence.clamp(0.0, 1.0)
}

const STYLE: &str = "
body{font:16px/1.55 Georgia,serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1d1d1d;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0 .8rem}
.summary{border-bottom:1px solid #ccc;padding-bottom:1rem;margin-bottom:1.5rem;font-family:system-ui,sans-serif;font-size:.9rem}
.summary table{border-collapse:collapse;margin:.4rem 0}
.summary td,.summary th{padding:.15rem .6rem;text-align:left;border-bottom:1px solid #eee}
.shares{display:flex;height:.9rem;width:100%;max-width:30rem;border-radius:3px;overflow:hidden;background:#eee}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;vertical-align:-1px;margin-right:.25em}
.trajectory svg{display:block;max-width:100%;height:auto;border:1px solid #eee;background:#fafafa}
.row{display:grid;grid-template-columns:11rem 1fr;gap:1rem;margin:.5rem 0}
.margin{font-family:system-ui,sans-serif;font-size:.78rem;color:#555;text-align:right;padding-top:.35rem}
.margin .who{display:block}
.margin .role{color:#888}
.para{margin:0;padding:.35rem .6rem;border-radius:4px;white-space:pre-wrap}
.para.headline{font-size:1.3rem;font-weight:bold}
.quote{border-bottom:2px solid;border-radius:2px;padding:0 1px}
.boilerplate{color:#9a9a9a;font-style:italic;font-size:.85rem}
.boilerplate .quote{background-color:transparent!important;border-bottom-color:#ccc!important}
.note{color:#666}
@media (max-width:40rem){.row{grid-template-columns:1fr}.margin{text-align:left}}
";

fn summary_section(out: &mut String, title: &str, s: &DocumentSummary) {
    out.push_str("<header class=\"summary\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    counts_table(out, s);
    tone_line(out, s);
    trajectory_svg(out, s);
    extremes(out, s);
    speakers_table(out, s);
    out.push_str("</header>\n");
}

fn counts_table(out: &mut String, s: &DocumentSummary) {
    let shares = [
        s.shares.escalatory,
        s.shares.de_escalatory,
        s.shares.neutral,
    ];
    let _ = writeln!(
        out,
        "<table class=\"counts\"><tr><th>label</th><th>paragraphs</th><th>share</th></tr>"
    );
    for (label, share) in Stance::ALL.into_iter().zip(shares) {
        let _ = writeln!(
            out,
            "<tr><td><span class=\"swatch\" style=\"background:rgb({})\"></span>{}</td><td>{}</td><td>{:.0}%</td></tr>",
            rgb(label),
            label,
            s.counts.get(label),
            share * 100.0
        );
    }
    let _ = writeln!(out, "</table>");
    out.push_str("<div class=\"shares\" title=\"share of paragraphs per label\">");
    for (label, share) in Stance::ALL.into_iter().zip(shares) {
        let _ = write!(
            out,
            "<div style=\"width:{:.2}%;background:rgb({})\"></div>",
            share * 100.0,
            rgb(label)
        );
    }
    out.push_str("</div>\n");
}

fn tone_line(out: &mut String, s: &DocumentSummary) {
    let fmt = |t: Option<f64>| t.map_or_else(|| "n/a".to_string(), |t| format!("{t:+.2}"));
    let _ = write!(
        out,
        "<p>{} paragraphs (page furniture left out). Tone (P(escalatory) − P(de-escalatory)): mean {}, max {}, min {}.",
        s.paragraphs,
        fmt(s.mean_tone),
        fmt(s.max_tone),
        fmt(s.min_tone)
    );
    if let Some(h) = &s.headline {
        let _ = write!(
            out,
            " Headline: <strong>{}</strong> ({:.2}).",
            h.label, h.confidence
        );
    }
    out.push_str("</p>\n");
}

/// One bar per paragraph, up for escalatory tone, down for de-escalatory,
/// each linking to its paragraph.
fn trajectory_svg(out: &mut String, s: &DocumentSummary) {
    const STEP: usize = 14;
    const HALF: f64 = 40.0;
    let width = (s.trajectory.len() * STEP).max(200);
    out.push_str("<figure class=\"trajectory\"><figcaption>Tone by paragraph</figcaption>\n");
    let _ = writeln!(
        out,
        "<svg viewBox=\"0 0 {width} {h}\" width=\"{width}\" height=\"{h}\" role=\"img\" aria-label=\"tone by paragraph\">",
        h = HALF * 2.0
    );
    let _ = writeln!(
        out,
        "<line x1=\"0\" y1=\"{HALF}\" x2=\"{width}\" y2=\"{HALF}\" stroke=\"#bbb\"/>"
    );
    for (i, p) in s.trajectory.iter().enumerate() {
        let h = (p.tone.abs() * (HALF - 2.0)).max(1.0);
        let y = if p.tone > 0.0 { HALF - h } else { HALF };
        let _ = writeln!(
            out,
            "<a href=\"#p{idx}\"><rect x=\"{x}\" y=\"{y:.1}\" width=\"{w}\" height=\"{h:.1}\" fill=\"rgb({c})\"><title>paragraph {idx}: {label}, tone {tone:+.2}</title></rect></a>",
            idx = p.index,
            x = i * STEP + 2,
            w = STEP - 4,
            c = rgb(p.label),
            label = p.label,
            tone = p.tone,
        );
    }
    out.push_str("</svg></figure>\n");
}

fn extremes(out: &mut String, s: &DocumentSummary) {
    for (name, unit) in [
        ("Most escalatory", &s.most_escalatory),
        ("Most de-escalatory", &s.most_deescalatory),
    ] {
        match unit {
            Some(u) => extreme_line(out, name, u),
            None => {
                let _ = writeln!(out, "<p class=\"note\">{name}: none.</p>");
            }
        }
    }
}

fn extreme_line(out: &mut String, name: &str, u: &UnitSummary) {
    let who = u
        .speaker
        .as_deref()
        .map(|s| format!(" — {}", escape(s)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<p>{name} ({}, tone {:+.2}, confidence {:.2}): <span class=\"excerpt\">{}</span>{who}</p>",
        u.label,
        u.tone,
        u.confidence,
        escape(&u.text)
    );
}

fn speakers_table(out: &mut String, s: &DocumentSummary) {
    if s.speakers.is_empty() {
        return;
    }
    out.push_str(
        "<table class=\"speakers\"><tr><th>speaker</th><th>quotes</th><th>mean tone</th></tr>\n",
    );
    for sp in &s.speakers {
        let role = sp
            .role
            .as_deref()
            .map(|r| format!(" <span class=\"note\">({})</span>", escape(r)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td>{}{role}</td><td>{}</td><td>{:+.2}</td></tr>",
            escape(&sp.name),
            sp.units,
            sp.mean_tone
        );
    }
    out.push_str("</table>\n");
}

fn article_section(out: &mut String, text: &str, units: &DocumentUnits) {
    out.push_str("<main class=\"article\">\n");
    for p in &units.paragraphs {
        let quotes: Vec<&UnitPrediction> = units
            .quotes
            .iter()
            .filter(|q| overlaps(q.prediction.span, p.prediction.span))
            .collect();
        out.push_str("<div class=\"row\">");
        margin(out, p, &quotes);
        paragraph(out, text, p, &quotes);
        out.push_str("</div>\n");
    }
    out.push_str("</main>\n");
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The speakers of a paragraph and of the quotes in it, each once.
fn margin(out: &mut String, p: &UnitPrediction, quotes: &[&UnitPrediction]) {
    out.push_str("<aside class=\"margin\">");
    let mut seen: Vec<&str> = Vec::new();
    for speaker in std::iter::once(p)
        .chain(quotes.iter().copied())
        .filter_map(|u| u.speaker.as_ref())
    {
        if seen.contains(&speaker.name.as_str()) {
            continue;
        }
        seen.push(&speaker.name);
        let role = speaker
            .role
            .as_deref()
            .map(|r| format!(" <span class=\"role\">{}</span>", escape(r)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<span class=\"who\">{}{role}</span>",
            escape(&speaker.name)
        );
    }
    out.push_str("</aside>");
}

/// The `data-*` attributes, class and colour shared by paragraph and quote elements.
fn unit_attributes(u: &UnitPrediction, class: &str, alpha: f32) -> String {
    let p = &u.prediction;
    let mut tip = format!("{} {:.2}, tone {:+.2}", p.label, p.confidence, p.tone);
    if let Some(s) = &u.speaker {
        tip.push_str(" — ");
        tip.push_str(&s.name);
    }
    let border = if u.unit == crate::document::Unit::Quote {
        format!(";border-bottom-color:rgb({})", rgb(p.label))
    } else {
        String::new()
    };
    format!(
        "class=\"{class}\" data-unit=\"{}\" data-index=\"{}\" data-start=\"{}\" data-end=\"{}\" data-label=\"{}\" data-confidence=\"{}\" title=\"{}\" style=\"background-color:rgba({},{alpha:.3}){border}\"",
        u.unit.as_str(),
        u.index,
        p.span.start,
        p.span.end,
        p.label,
        round4(p.confidence),
        escape(&tip),
        rgb(p.label),
    )
}

fn paragraph(out: &mut String, text: &str, p: &UnitPrediction, quotes: &[&UnitPrediction]) {
    let mut class = String::from("para");
    if p.headline {
        class.push_str(" headline");
    }
    if p.boilerplate {
        class.push_str(" boilerplate");
    }
    let a = if p.boilerplate {
        0.0
    } else {
        alpha(p.prediction.confidence, 0.06, 0.3)
    };
    let _ = write!(
        out,
        "<p id=\"p{}\" {}>",
        p.index,
        unit_attributes(p, &class, a)
    );
    paragraph_body(out, text, p.prediction.span, quotes);
    out.push_str("</p>");
}

/// The paragraph's text with its quotes as nested spans. The text is cut at
/// every quote start and end; each piece is wrapped in the quotes covering
/// it, outermost (earliest start, then longest) first, and a quote is closed
/// and reopened only where another quote's edge forces it, so the markup
/// stays balanced even for overlapping quotes.
fn paragraph_body(out: &mut String, text: &str, para: Span, quotes: &[&UnitPrediction]) {
    let clipped: Vec<(Span, &UnitPrediction)> = quotes
        .iter()
        .map(|q| {
            (
                Span::new(
                    q.prediction.span.start.max(para.start),
                    q.prediction.span.end.min(para.end),
                ),
                *q,
            )
        })
        .filter(|(s, _)| !s.is_empty())
        .collect();
    let mut cuts: Vec<usize> = vec![para.start, para.end];
    cuts.extend(clipped.iter().flat_map(|(s, _)| [s.start, s.end]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut open: Vec<usize> = Vec::new();
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        let want = covering(&clipped, from, to);
        let keep = open.iter().zip(&want).take_while(|(a, b)| a == b).count();
        for _ in keep..open.len() {
            out.push_str("</span>");
        }
        open.truncate(keep);
        for &i in &want[keep..] {
            let (_, q) = clipped[i];
            let a = alpha(q.prediction.confidence, 0.15, 0.45);
            let _ = write!(out, "<span {}>", unit_attributes(q, "quote", a));
            open.push(i);
        }
        out.push_str(&escape(text.get(from..to).unwrap_or("")));
    }
    for _ in 0..open.len() {
        out.push_str("</span>");
    }
}

/// Indices into `clipped` of the quotes covering `from..to`, outermost first.
fn covering(clipped: &[(Span, &UnitPrediction)], from: usize, to: usize) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..clipped.len())
        .filter(|&i| clipped[i].0.start <= from && to <= clipped[i].0.end)
        .collect();
    ids.sort_by_key(|&i| {
        let full = clipped[i].1.prediction.span;
        (full.start, std::cmp::Reverse(full.end), clipped[i].1.index)
    });
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_attribute_breakers() {
        assert_eq!(
            escape("<script>alert(1)</script> & \"x\" 'y'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn overlapping_quotes_stay_balanced() {
        let classifier = Classifier::bundled().expect("the embedded model loads");
        let text = "“We will strike,” he said, “and we will not stop.”\n\n“Talk,\n\n“and then talk again,” she said.";
        let html = render(&classifier, text, "t");
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count()
        );
        assert_eq!(
            html.matches("<p>").count() + html.matches("<p ").count(),
            html.matches("</p>").count()
        );
        // Every quote unit is drawn, and the article's words come through whole and in order.
        let units = DocumentUnits::classify(&classifier, text);
        for q in &units.quotes {
            assert!(html.contains(&format!("data-unit=\"quote\" data-index=\"{}\"", q.index)));
        }
        let article = html.split("<main").nth(1).unwrap_or_default();
        let shown: String = strip_tags(article).split_whitespace().collect();
        let want: String = text.split_whitespace().collect();
        assert_eq!(shown, want);
    }

    fn quote_unit(index: usize, start: usize, end: usize) -> UnitPrediction {
        let prediction = crate::prediction::Prediction::from_scores(
            crate::prediction::Scores([0.2, 0.3, 0.5]),
            Span::new(start, end),
        );
        UnitPrediction {
            unit: crate::document::Unit::Quote,
            index,
            prediction,
            headline: false,
            boilerplate: false,
            fragment: false,
            speaker: None,
        }
    }

    #[test]
    fn partly_overlapping_quotes_are_split_not_misnested() {
        let text = "aaaaabbbbbcccccddddd";
        let (q0, q1) = (quote_unit(0, 0, 10), quote_unit(1, 5, 15));
        let mut out = String::new();
        paragraph_body(&mut out, text, Span::new(0, 20), &[&q0, &q1]);
        // q0 covers a+b; q1 opens inside it, is closed with it, and reopens for c.
        let opens: Vec<&str> = out
            .match_indices("data-index=\"")
            .map(|(i, _)| &out[i + 12..i + 13])
            .collect();
        assert_eq!(opens, ["0", "1", "1"]);
        assert_eq!(out.matches("<span").count(), out.matches("</span>").count());
        assert_eq!(strip_tags(&format!(">{out}")), text);
        assert!(out.ends_with("ccccc</span>ddddd"), "{out}");
    }

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = true; // the split leaves us inside `<main ...>`
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }
}
