//! Where the suggestions miss, by kind: for each gold mention not matched exactly, how the
//! nearest suggestion differs at its start and at its end (a leading "that", a trailing
//! comma, a cue one word short), or that none overlaps; for each suggestion matching no
//! gold mention at all, the rule that made it. Kinds, not examples, are what rules fix.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Annotations, Mention, Span};

/// One kind of miss: how often, and a few examples in their context.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Kind {
    pub count: usize,
    pub examples: Vec<String>,
}

/// Per layer, per kind.
pub type Misses = BTreeMap<String, BTreeMap<String, Kind>>;

const EXAMPLES: usize = 3;

fn extent(m: &Mention) -> Span {
    let first = m.fragments.first().map_or(0, |f| f.start);
    let last = m.fragments.last().map_or(0, |f| f.end);
    Span::new(first, last)
}

fn overlap(a: Span, b: Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Text between two byte offsets, on char boundaries.
fn slice(text: &str, from: usize, to: usize) -> &str {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    &text[floor(from)..floor(to.max(from))]
}

/// What a stretch of text one side has and the other lacks is, in a word.
fn describe(extra: &str) -> String {
    let t = extra.trim();
    if t.is_empty() {
        return "space".to_owned();
    }
    if t.chars().all(|c| !c.is_alphanumeric()) {
        return format!("'{t}'");
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let edge_punct = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    if words.len() == 1 {
        let w = edge_punct(words[0]);
        if w.chars().next().is_some_and(char::is_lowercase) {
            return format!("'{}'", t.to_lowercase());
        }
        return "1 Word".to_owned();
    }
    if t.contains(['\n']) || t.contains(". ") {
        return "sentence(s)".to_owned();
    }
    if words.len() <= 3 {
        return format!(
            "'{}' +{}",
            edge_punct(words[0]).to_lowercase(),
            words.len() - 1
        );
    }
    format!("{} words", if words.len() <= 8 { "4-8" } else { "9+" })
}

/// `ours`'s difference from `gold` at one end; empty when the same.
fn end_diff(text: &str, gold: usize, ours: usize, start: bool) -> String {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let (who, from, to) = match (gold.cmp(&ours), start) {
        (Equal, _) => return String::new(),
        (Less, true) | (Greater, false) => ("gold", gold.min(ours), gold.max(ours)),
        (Greater, true) | (Less, false) => ("ours", gold.min(ours), gold.max(ours)),
    };
    format!("{who} +{}", describe(slice(text, from, to)))
}

fn context(text: &str, s: Span) -> String {
    let before = slice(text, s.start.saturating_sub(30), s.start);
    let inner = slice(text, s.start, s.end);
    let inner = if inner.len() > 120 {
        format!(
            "{} … {}",
            slice(inner, 0, 50),
            slice(inner, inner.len() - 50, inner.len())
        )
    } else {
        inner.to_owned()
    };
    let after = slice(text, s.end, s.end + 30);
    format!("{before}[{inner}]{after}").replace('\n', "⏎")
}

fn note(misses: &mut Misses, layer: &str, kind: String, example: String) {
    let k = misses
        .entry(layer.to_owned())
        .or_default()
        .entry(kind)
        .or_default();
    k.count += 1;
    if k.examples.len() < EXAMPLES {
        k.examples.push(example);
    }
}

/// Adds the misses of `ours` against `gold` for mentions of `label` to `misses`. `rule`
/// names the rule behind each suggested mention, by its fragments.
pub fn classify(
    text: &str,
    gold: &Annotations,
    ours: &Annotations,
    label: &str,
    layer: &str,
    rule: &BTreeMap<Vec<Span>, String>,
    misses: &mut Misses,
) {
    let of = |a: &Annotations| -> Vec<Mention> {
        a.mentions
            .iter()
            .filter(|m| m.label == label)
            .map(|m| (**m).clone())
            .collect()
    };
    let (gs, os) = (of(gold), of(ours));
    let rule_of = |m: &Mention| rule.get(&m.fragments).cloned().unwrap_or_default();
    for g in &gs {
        if os.iter().any(|o| o.fragments == g.fragments) {
            continue;
        }
        let ge = extent(g);
        let best = os
            .iter()
            .filter(|o| overlap(extent(o), ge) > 0)
            .max_by_key(|o| overlap(extent(o), ge));
        let Some(o) = best else {
            let quoted = slice(text, ge.start, ge.end).contains(['“', '"', '”']);
            let head = ge.start < text.find("\n\n").unwrap_or(0);
            let kind = match (head, label) {
                (true, _) => "missed, in the headline".to_owned(),
                (false, "Cue") => format!(
                    "missed cue '{}'",
                    slice(text, ge.start, ge.end).to_lowercase()
                ),
                (false, _) if quoted => "missed, quoted".to_owned(),
                (false, _) => "missed, not quoted".to_owned(),
            };
            note(misses, layer, kind, context(text, ge));
            continue;
        };
        let oe = extent(o);
        let merged = gs.iter().filter(|x| overlap(extent(x), oe) > 0).count();
        let mut kind = if merged > 1 {
            format!("ours spans {merged} gold")
        } else {
            let s = end_diff(text, ge.start, oe.start, true);
            let e = end_diff(text, ge.end, oe.end, false);
            match (s.is_empty(), e.is_empty()) {
                (true, true) => "same extent".to_owned(),
                (false, true) => format!("start {s}"),
                (true, false) => format!("end {e}"),
                (false, false) => format!("start {s}, end {e}"),
            }
        };
        if g.fragments.len() != o.fragments.len() {
            use std::fmt::Write as _;
            let _ = write!(
                kind,
                " ({} vs {} fragments)",
                g.fragments.len(),
                o.fragments.len()
            );
        }
        let example = format!(
            "gold {} | ours {} ({})",
            context(text, ge),
            slice(text, oe.start, oe.end).replace('\n', "⏎"),
            rule_of(o)
        );
        note(misses, layer, kind, example);
    }
    for o in &os {
        let oe = extent(o);
        if gs.iter().any(|g| overlap(extent(g), oe) > 0) {
            continue;
        }
        let head = oe.start < text.find("\n\n").unwrap_or(0);
        let kind = if head {
            format!("extra, in the headline ({})", rule_of(o))
        } else {
            format!("extra ({})", rule_of(o))
        };
        note(misses, layer, kind, context(text, oe));
    }
}

/// The misses as text: per layer, kinds by count, with their examples.
pub fn table(misses: &Misses, top: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (layer, kinds) in misses {
        let total: usize = kinds.values().map(|k| k.count).sum();
        let _ = writeln!(out, "\n{layer}: {total} miss(es)");
        let mut sorted: Vec<(&String, &Kind)> = kinds.iter().collect();
        sorted.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        for (kind, k) in sorted.into_iter().take(top) {
            let _ = writeln!(out, "{:>5}  {kind}", k.count);
            for e in &k.examples {
                let _ = writeln!(out, "         {e}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_described_by_kind() {
        assert_eq!(describe(", "), "','");
        assert_eq!(describe("that "), "'that'");
        assert_eq!(describe("FNA"), "1 Word");
        assert_eq!(describe("as totally untrue"), "'as' +2");
        let text = "He said that it rained all day, she said.";
        assert_eq!(end_diff(text, 13, 8, true), "ours +'that'");
        assert_eq!(end_diff(text, 30, 31, false), "ours +','");
        assert_eq!(end_diff(text, 31, 30, false), "gold +','");
    }
}
