//! What review and the dashboard need of one annotation file, worked out once from the file
//! read against its article: its review rows and its dashboard counts. The screens add
//! these up file by file, in the project's order, so a sheet kept from an earlier reading
//! (see the browser's screens cache) gives the same screen as the file read again.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize as DeriveSerialize};

use super::{Item, UNLINKED_PRONOUNS, items};
use crate::export::Doc;

/// One annotation file, as review and the dashboard see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    pub gold: bool,
}

/// A review row without its article and annotator: label, text, speaker, cue, sources,
/// polarity and where it is.
type Row = (String, String, String, String, String, String, usize);

/// A [`Sheet`] as the screens cache holds it: its rows without the article and annotator
/// each repeats. Read back whole; written from [`PackedRef`], the same fields borrowed.
#[derive(Debug, Deserialize)]
pub struct Packed {
    article: String,
    annotator: String,
    rows: Vec<Row>,
    labels: BTreeMap<String, u64>,
    polarities: BTreeMap<String, u64>,
    speakers: Vec<(String, String, u64)>,
    gold: bool,
}

/// A [`Packed`] borrowed from a sheet's counts and its rows (kept elsewhere), to be
/// written without a copy.
#[derive(DeriveSerialize)]
pub struct PackedRef<'a> {
    article: &'a str,
    annotator: &'a str,
    rows: Rows<'a>,
    labels: &'a BTreeMap<String, u64>,
    polarities: &'a BTreeMap<String, u64>,
    speakers: &'a [(String, String, u64)],
    gold: bool,
}

/// Review rows written as [`Row`]s.
struct Rows<'a>(&'a [Item]);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for i in self.0 {
            seq.serialize_element(&(
                &*i.label,
                &*i.text,
                &*i.speaker,
                &*i.cue,
                &*i.sources,
                &*i.polarity,
                i.at,
            ))?;
        }
        seq.end()
    }
}

impl Packed {
    /// Its counts as a sheet whose rows are pushed onto `rows` (kept apart from it).
    pub fn unpack(self, rows: &mut Vec<Item>) -> Sheet {
        // One article and one annotator string for every row.
        let article: Arc<str> = self.article.into();
        let annotator: Arc<str> = self.annotator.into();
        rows.extend(self.rows.into_iter().map(
            |(label, text, speaker, cue, sources, polarity, at)| Item {
                article: article.clone(),
                annotator: annotator.clone(),
                label,
                text,
                speaker,
                cue,
                sources,
                polarity,
                at,
            },
        ));
        Sheet {
            items: Vec::new(),
            labels: self.labels,
            polarities: self.polarities,
            speakers: self.speakers,
            gold: self.gold,
        }
    }
}

impl From<Packed> for Sheet {
    fn from(p: Packed) -> Self {
        let mut items = Vec::with_capacity(p.rows.len());
        let sheet = p.unpack(&mut items);
        Self { items, ..sheet }
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

    /// This sheet's counts with `rows` (its rows, which may be kept apart from it), as the
    /// cache holds them.
    pub fn packed<'a>(&'a self, rows: &'a [Item]) -> PackedRef<'a> {
        let (article, annotator) = rows
            .first()
            .map(|i| (&*i.article, &*i.annotator))
            .unwrap_or_default();
        PackedRef {
            article,
            annotator,
            rows: Rows(rows),
            labels: &self.labels,
            polarities: &self.polarities,
            speakers: &self.speakers,
            gold: self.gold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(article: &str, text: &str, at: usize) -> Item {
        Item {
            article: article.into(),
            annotator: "ana".into(),
            label: "Claim".into(),
            text: text.into(),
            speaker: "Ana Ruiz".into(),
            cue: "said".into(),
            sources: "a; b".into(),
            polarity: "support".into(),
            at,
        }
    }

    #[test]
    fn a_sheet_written_from_its_rows_reads_back_the_same() {
        let rows = vec![item("a.txt", "one", 3), item("a.txt", "two «ü»", 90)];
        let sheet = Sheet {
            items: Vec::new(),
            labels: [("Claim".to_owned(), 2)].into(),
            polarities: [("support".to_owned(), 1)].into(),
            speakers: vec![("ana ruiz".into(), "Ana Ruiz".into(), 2)],
            gold: true,
        };
        let bytes = postcard::to_stdvec(&sheet.packed(&rows)).unwrap();
        let back: Packed = postcard::from_bytes(&bytes).unwrap();
        let back = Sheet::from(back);
        assert_eq!(
            back,
            Sheet {
                items: rows,
                ..sheet
            }
        );
    }
}
