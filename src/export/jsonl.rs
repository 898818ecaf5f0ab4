//! One JSON object per line per article per annotator; offsets are code points (Python
//! string indices), with UTF-16 (JavaScript) or byte offsets on request. The shape is a
//! contract, documented in the README.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::{Doc, ExtraOffsets, Loss};
use crate::model::{AnyId, Attribution, Entity, Sourcing, Stance, Target};

#[derive(Serialize)]
struct Line<'a> {
    article: &'a str,
    annotator: &'a str,
    status: String,
    sha256: &'a str,
    text: &'a str,
    mentions: Vec<MentionOut<'a>>,
    entities: Vec<EntityOut<'a>>,
    attributions: Vec<AttributionOut>,
    sourcings: Vec<SourcingOut>,
    stances: Vec<StanceOut<'a>>,
    notes: Vec<NoteOut<'a>>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    id: String,
    label: &'a str,
    fragments: Vec<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fragments_utf16: Option<Vec<[usize; 2]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fragments_bytes: Option<Vec<[usize; 2]>>,
    text: String,
    entity: Option<String>,
    attrs: &'a BTreeMap<String, String>,
    /// Present (true) only for what came from a pending suggestion.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    suggested: bool,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    #[serde(flatten)]
    entity: &'a Entity,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    suggested: bool,
}

#[derive(Serialize)]
struct AttributionOut {
    id: String,
    claim: String,
    /// Further contents of the same attribution, after `claim`.
    more: Vec<String>,
    /// `null` when no one is named as saying it ("it was reported that").
    speaker: Option<String>,
    cue: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    suggested: bool,
}

#[derive(Serialize)]
struct SourcingOut {
    id: String,
    claim: String,
    source: String,
    specificity: Option<String>,
}

#[derive(Serialize)]
struct StanceOut<'a> {
    id: String,
    holder: String,
    /// `{"mention": "m3"}`, `{"entity": "e1"}` or `{"text": "..."}`.
    target: BTreeMap<&'static str, String>,
    polarity: &'a str,
}

#[derive(Serialize)]
struct NoteOut<'a> {
    id: String,
    on: Option<String>,
    text: &'a str,
}

/// UTF-16 units before each byte offset in `wanted` (sorted), in one pass over the text.
fn utf16_of(text: &str, wanted: &[usize]) -> BTreeMap<usize, usize> {
    let mut out = BTreeMap::new();
    let mut units = 0;
    let mut next = wanted.iter().peekable();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        while let Some(&&w) = next.peek() {
            if w > i {
                break;
            }
            out.insert(w, units);
            next.next();
        }
        units += c.len_utf16();
    }
    out
}

fn line(d: &Doc, extra: Option<ExtraOffsets>) -> Line<'_> {
    let a = &d.annotations;
    let utf16 = if extra == Some(ExtraOffsets::Utf16) {
        let mut wanted: Vec<usize> = a
            .mentions
            .iter()
            .flat_map(|m| m.fragments.iter().flat_map(|f| [f.start, f.end]))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        Some(utf16_of(&d.article.text, &wanted))
    } else {
        None
    };
    let mentions = a
        .mentions
        .iter()
        .map(|m| MentionOut {
            id: m.id.to_string(),
            label: &m.label,
            fragments: m
                .fragments
                .iter()
                .map(|f| [d.cp(f.start), d.cp(f.end)])
                .collect(),
            fragments_utf16: utf16.as_ref().map(|u| {
                m.fragments
                    .iter()
                    .map(|f| [u[&f.start], u[&f.end]])
                    .collect()
            }),
            fragments_bytes: (extra == Some(ExtraOffsets::Bytes))
                .then(|| m.fragments.iter().map(|f| [f.start, f.end]).collect()),
            text: d.text_of(m),
            entity: m.entity.map(|e| e.to_string()),
            attrs: &m.attrs,
            suggested: d.suggested.contains(&m.id.to_string()),
        })
        .collect();
    Line {
        article: &d.name,
        annotator: &a.annotator,
        status: a.status.to_string(),
        sha256: &a.article.sha256,
        text: &d.article.text,
        mentions,
        entities: a
            .entities
            .iter()
            .map(|e| EntityOut {
                entity: e,
                suggested: d.suggested.contains(&e.id.to_string()),
            })
            .collect(),
        attributions: a
            .attributions
            .iter()
            .map(|x| {
                let mut out = attribution(x);
                out.suggested = d.suggested.contains(&out.id);
                out
            })
            .collect(),
        sourcings: a.sourcings.iter().map(sourcing).collect(),
        stances: a.stances.iter().map(stance).collect(),
        notes: a
            .notes
            .iter()
            .map(|n| NoteOut {
                id: n.id.to_string(),
                on: n.on.map(|o: AnyId| o.to_string()),
                text: &n.text,
            })
            .collect(),
    }
}

fn attribution(a: &Attribution) -> AttributionOut {
    AttributionOut {
        id: a.id.to_string(),
        claim: a.claim.to_string(),
        more: a.more.iter().map(ToString::to_string).collect(),
        speaker: a.speaker.map(|s| s.to_string()),
        cue: a.cue.map(|c| c.to_string()),
        suggested: false,
    }
}

fn sourcing(s: &Sourcing) -> SourcingOut {
    SourcingOut {
        id: s.id.to_string(),
        claim: s.claim.to_string(),
        source: s.source.to_string(),
        specificity: s.specificity.map(|x| format!("{x:?}").to_lowercase()),
    }
}

fn stance(s: &Stance) -> StanceOut<'_> {
    let target = match &s.target {
        Target::Mention(m) => ("mention", m.to_string()),
        Target::Entity(e) => ("entity", e.to_string()),
        Target::Text(t) => ("text", t.clone()),
    };
    StanceOut {
        id: s.id.to_string(),
        holder: s.holder.to_string(),
        target: BTreeMap::from([target]),
        polarity: &s.polarity,
    }
}

pub fn write(
    docs: &[Doc],
    extra: Option<ExtraOffsets>,
    w: &mut impl Write,
    _loss: &mut Loss,
) -> std::io::Result<()> {
    for d in docs {
        serde_json::to_writer(&mut *w, &line(d, extra))?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::utf16_of;

    #[test]
    fn utf16_units_count_astral_characters_twice() {
        let t = "a😀b";
        let m = utf16_of(t, &[0, 1, 5, 6]);
        assert_eq!(m[&1], 1);
        assert_eq!(m[&5], 3);
        assert_eq!(m[&6], 4);
    }
}
