//! What review and the dashboard need of one annotation file, worked out once from the file
//! read against its article: its review rows and its dashboard counts. The screens add
//! these up file by file, in the project's order, so a sheet kept from an earlier reading
//! (see the browser's screens cache) gives the same screen as the file read again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Item, UNLINKED_PRONOUNS, items};
use crate::export::Doc;

/// One annotation file, as review and the dashboard see it. Kept in the cache as
/// [`Packed`]: its rows without the article and annotator each repeats, and without names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Packed", into = "Packed")]
pub struct Sheet {
    /// Its mentions as review lists them.
    pub items: Vec<Item>,
    /// Mentions per label.
    pub labels: BTreeMap<String, u64>,
    /// Stances per polarity.
    pub polarities: BTreeMap<String, u64>,
    /// Attributions per speaker: the speaker lower-cased, its words as first seen in the
    /// file, and how many; in the order first seen.
    pub speakers: Vec<(String, String, u64)>,
    /// The file is gold's, not an annotator's.
    #[serde(default)]
    pub gold: bool,
}

/// A review row without its article and annotator: label, text, speaker, cue, sources,
/// polarity and where it is.
type Row = (String, String, String, String, String, String, usize);

/// A [`Sheet`] as the cache holds it.
#[derive(Serialize, Deserialize)]
struct Packed {
    article: String,
    annotator: String,
    rows: Vec<Row>,
    labels: BTreeMap<String, u64>,
    polarities: BTreeMap<String, u64>,
    speakers: Vec<(String, String, u64)>,
    gold: bool,
}

impl From<Sheet> for Packed {
    fn from(s: Sheet) -> Self {
        let (article, annotator) = s
            .items
            .first()
            .map(|i| (i.article.clone(), i.annotator.clone()))
            .unwrap_or_default();
        Self {
            article,
            annotator,
            rows: s
                .items
                .into_iter()
                .map(|i| {
                    (
                        i.label, i.text, i.speaker, i.cue, i.sources, i.polarity, i.at,
                    )
                })
                .collect(),
            labels: s.labels,
            polarities: s.polarities,
            speakers: s.speakers,
            gold: s.gold,
        }
    }
}

impl From<Packed> for Sheet {
    fn from(p: Packed) -> Self {
        Self {
            items: p
                .rows
                .into_iter()
                .map(|(label, text, speaker, cue, sources, polarity, at)| Item {
                    article: p.article.clone(),
                    annotator: p.annotator.clone(),
                    label,
                    text,
                    speaker,
                    cue,
                    sources,
                    polarity,
                    at,
                })
                .collect(),
            labels: p.labels,
            polarities: p.polarities,
            speakers: p.speakers,
            gold: p.gold,
        }
    }
}

impl Sheet {
    pub fn of(doc: &Doc) -> Self {
        let a = &doc.annotations;
        let mut s = Self {
            items: items(std::slice::from_ref(doc)),
            gold: doc.is_gold(),
            ..Self::default()
        };
        for m in &a.mentions {
            *s.labels.entry(m.label.clone()).or_default() += 1;
        }
        for st in &a.stances {
            *s.polarities.entry(st.polarity.clone()).or_default() += 1;
        }
        // Attributions that name no one have no speaker to rank.
        for sp in a.attributions.iter().filter_map(|at| at.speaker) {
            let name = doc.agent_name(sp);
            let key = if doc.entity_of(sp).is_none() && crate::text::pronoun_kind(&name).is_some() {
                UNLINKED_PRONOUNS.to_owned()
            } else {
                name
            };
            // One speaker however the words are cased: the first casing seen names it.
            let lower = key.to_lowercase();
            match s.speakers.iter_mut().find(|(l, _, _)| *l == lower) {
                Some(entry) => entry.2 += 1,
                None => s.speakers.push((lower, key, 1)),
            }
        }
        s
    }
}
