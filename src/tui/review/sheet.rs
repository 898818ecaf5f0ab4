//! What review and the dashboard need of one annotation file, worked out once from the file
//! read against its article: its review rows and its dashboard counts. The screens add
//! these up file by file, in the project's order, so a sheet kept from an earlier reading
//! (see the browser's screens cache) gives the same screen as the file read again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Item, UNLINKED_PRONOUNS, items};
use crate::export::Doc;

/// One annotation file, as review and the dashboard see it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
