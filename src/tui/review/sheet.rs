//! What review and the dashboard need of one annotation file, worked out once from the file
//! read against its article: its review rows and its dashboard counts. The screens add
//! these up file by file, in the project's order, so a sheet kept from an earlier reading
//! (see the browser's screens cache) gives the same screen as the file read again.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize as DeriveSerialize};

use super::words::{FileWords, Gathered, Ranges};
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

/// A [`Sheet`] as the screens cache holds it: its rows as ranges of its file's words
/// (see [`FileWords`]), without the article and annotator each repeats. Read back whole;
/// written from [`PackedRef`], the same fields borrowed.
#[derive(Debug, Deserialize)]
pub struct Packed {
    article: String,
    annotator: String,
    words: String,
    #[serde(deserialize_with = "read_rows")]
    rows: Vec<(Ranges, usize)>,
    labels: BTreeMap<String, u64>,
    polarities: BTreeMap<String, u64>,
    speakers: Vec<(String, String, u64)>,
    gold: bool,
}

/// A [`Packed`] borrowed from a sheet's counts and its rows (kept elsewhere).
#[derive(DeriveSerialize)]
pub struct PackedRef<'a> {
    article: &'a str,
    annotator: &'a str,
    words: std::borrow::Cow<'a, str>,
    #[serde(serialize_with = "write_rows")]
    rows: Vec<(Ranges, usize)>,
    labels: &'a BTreeMap<String, u64>,
    polarities: &'a BTreeMap<String, u64>,
    speakers: &'a [(String, String, u64)],
    gold: bool,
}

/// A file's rows as one string of bytes, each number in seven-bit groups (LEB128): read
/// back in one loop, not one value at a time through the format's reader (most of the
/// time the screens cache took to read). As small as the format's own numbers.
#[allow(clippy::ptr_arg)]
fn write_rows<S: serde::Serializer>(rows: &Vec<(Ranges, usize)>, s: S) -> Result<S::Ok, S::Error> {
    fn put(out: &mut Vec<u8>, mut n: u64) {
        // The low seven bits, then a flag that more follow.
        let low = |n: u64| u8::try_from(n & 0x7f).unwrap_or(0);
        while n >= 0x80 {
            out.push(low(n) | 0x80);
            n >>= 7;
        }
        out.push(low(n));
    }
    let mut out = Vec::with_capacity(rows.len() * 16);
    for (ranges, at) in rows {
        for &(start, end) in ranges {
            put(&mut out, u64::from(start));
            put(&mut out, u64::from(end));
        }
        put(&mut out, u64::try_from(*at).unwrap_or(u64::MAX));
    }
    s.serialize_bytes(&out)
}

fn read_rows<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(Ranges, usize)>, D::Error> {
    struct Rows;
    impl serde::de::Visitor<'_> for Rows {
        type Value = Vec<(Ranges, usize)>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a file's rows as bytes")
        }

        fn visit_bytes<E: serde::de::Error>(self, mut bytes: &[u8]) -> Result<Self::Value, E> {
            fn take<E: serde::de::Error>(bytes: &mut &[u8]) -> Result<u64, E> {
                let mut n = 0u64;
                for shift in (0..64).step_by(7) {
                    let (&b, rest) = bytes
                        .split_first()
                        .ok_or_else(|| E::custom("a row cut short"))?;
                    *bytes = rest;
                    n |= u64::from(b & 0x7f) << shift;
                    if b < 0x80 {
                        return Ok(n);
                    }
                }
                Err(E::custom("a number too long"))
            }
            let narrow = |n: u64| u32::try_from(n).map_err(|_| E::custom("a word past 4 GB"));
            let mut rows = Vec::new();
            while !bytes.is_empty() {
                let mut ranges: Ranges = [(0, 0); 6];
                for r in &mut ranges {
                    *r = (narrow(take(&mut bytes)?)?, narrow(take(&mut bytes)?)?);
                }
                let offset = usize::try_from(take::<E>(&mut bytes)?)
                    .map_err(|_| E::custom("an offset too far"))?;
                rows.push((ranges, offset));
            }
            Ok(rows)
        }
    }
    d.deserialize_bytes(Rows)
}

impl Packed {
    /// Its counts as a sheet whose rows are pushed onto `rows` (kept apart from it);
    /// `None` when a row's words are not in its file's (a damaged cache).
    pub fn unpack(self, rows: &mut Vec<Item>) -> Option<Sheet> {
        let file = Arc::new(FileWords {
            article: self.article,
            annotator: self.annotator,
            words: self.words,
        });
        let start = rows.len();
        for (r, at) in self.rows {
            let Some(item) = Item::new(&file, r, at) else {
                rows.truncate(start);
                return None;
            };
            rows.push(item);
        }
        Some(Sheet {
            items: Vec::new(),
            labels: self.labels,
            polarities: self.polarities,
            speakers: self.speakers,
            gold: self.gold,
        })
    }

    /// The sheet with its rows in it; `None` when a row's words are not in its file's (a
    /// damaged cache).
    pub fn sheet(self) -> Option<Sheet> {
        let mut items = Vec::with_capacity(self.rows.len());
        let sheet = self.unpack(&mut items)?;
        Some(Sheet { items, ..sheet })
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
            .map(|i| (i.article(), i.annotator()))
            .unwrap_or_default();
        // A file's rows share its words, written as they are; rows put together otherwise
        // have theirs gathered again.
        let shared = rows.first().map(Item::file);
        let (words, rows) = match shared {
            Some(f) if rows.iter().all(|i| Arc::ptr_eq(i.file(), f)) => (
                std::borrow::Cow::Borrowed(f.words.as_str()),
                rows.iter().map(|i| (*i.ranges(), i.at)).collect(),
            ),
            _ => {
                let mut g = Gathered::default();
                let placed = rows
                    .iter()
                    .map(|i| {
                        let w = [
                            i.label(),
                            i.text(),
                            i.speaker(),
                            i.cue(),
                            i.sources(),
                            i.polarity(),
                        ];
                        (w.map(|w| g.add(w)), i.at)
                    })
                    .collect();
                (std::borrow::Cow::Owned(g.words()), placed)
            }
        };
        PackedRef {
            article,
            annotator,
            words,
            rows,
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

    fn rows(article: &str, texts: &[(&str, usize)]) -> Vec<Item> {
        let each = texts.iter().map(|(text, at)| {
            (
                ["Claim", text, "Ana Ruiz", "said", "a; b", "support"].map(str::to_owned),
                *at,
            )
        });
        super::super::words::rows_of(article, "ana", each)
    }

    #[test]
    fn a_sheet_written_from_its_rows_reads_back_the_same() {
        let rows = rows("a.txt", &[("one", 3), ("two «ü»", 90)]);
        let sheet = Sheet {
            items: Vec::new(),
            labels: [("Claim".to_owned(), 2)].into(),
            polarities: [("support".to_owned(), 1)].into(),
            speakers: vec![("ana ruiz".into(), "Ana Ruiz".into(), 2)],
            gold: true,
        };
        let bytes = postcard::to_stdvec(&sheet.packed(&rows)).unwrap();
        let back: Packed = postcard::from_bytes(&bytes).unwrap();
        let back = back.sheet().unwrap();
        assert_eq!(
            back,
            Sheet {
                items: rows,
                ..sheet
            }
        );
    }

    #[test]
    fn rows_are_read_back_whatever_their_numbers_and_damaged_ones_refused() {
        #[derive(Deserialize)]
        struct Only(#[serde(deserialize_with = "read_rows")] Vec<(Ranges, usize)>);
        let rows = rows("a.txt", &[("one", 0)]);
        let sheet = Sheet::default();
        let mut packed = sheet.packed(&rows);
        // Numbers of one to five groups of seven bits, and an offset past 4 GB.
        packed.rows[0].0[5] = (127, 128);
        let far = (
            [
                (0, 16_383),
                (16_384, u32::MAX),
                (1, 2),
                (3, 4),
                (5, 6),
                (7, 8),
            ],
            1 << 40,
        );
        packed.rows.push(far);
        let want = packed.rows.clone();
        let bytes = postcard::to_stdvec(&packed).unwrap();
        let back: Packed = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.rows, want);
        // The rows' own bytes, as the format holds them.
        let read = |b: &[u8]| postcard::from_bytes::<Only>(&postcard::to_stdvec(b).unwrap());
        assert_eq!(read(&[0; 13]).unwrap().0, [([(0, 0); 6], 0)]);
        let mut unended = [0; 13];
        unended[12] = 0x80;
        let mut wide = vec![0xff, 0xff, 0xff, 0xff, 0x7f];
        wide.extend([0; 12]);
        for bad in [&[0; 12][..], &unended, &[0x80; 11], &wide] {
            assert!(read(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_row_whose_words_are_not_in_its_file_is_not_taken_from_the_cache() {
        let rows = rows("a.txt", &[("one", 3)]);
        let sheet = Sheet::default();
        let mut packed = sheet.packed(&rows);
        packed.rows[0].0[1] = (0, 999);
        let bytes = postcard::to_stdvec(&packed).unwrap();
        let back: Packed = postcard::from_bytes(&bytes).unwrap();
        assert!(back.sheet().is_none());
    }
}
