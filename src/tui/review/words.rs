//! A review row ([`Item`]) holds its words (its label, text, speaker, cue, sources and
//! stance) as ranges of one string that every row of its file shares, with the file's
//! article and annotator. On 10,000 articles review holds some 800,000 rows: as six strings
//! each, their allocation and their 184 bytes a row were most of review's opening from the
//! screens cache; so, a row is 64 bytes and a file's words one allocation.

use std::fmt;
use std::sync::Arc;

/// What the rows of one file share: its article, its annotator, and every row's words,
/// each once.
#[derive(Debug, Default)]
pub struct FileWords {
    pub article: String,
    pub annotator: String,
    pub words: String,
}

impl FileWords {
    /// Every range is a slice of the words (not so in a damaged cache).
    pub fn fits<'a>(words: &str, mut ranges: impl Iterator<Item = &'a (u32, u32)>) -> bool {
        ranges.all(|&(s, e)| words.get(s as usize..e as usize).is_some())
    }
}

/// Where each of a row's words is in its file's words: label, text, speaker, cue, sources,
/// polarity.
pub type Ranges = [(u32, u32); 6];

/// One mention in the review list.
#[derive(Clone)]
pub struct Item {
    file: Arc<FileWords>,
    words: Ranges,
    /// Byte offset of the mention in its article.
    pub at: usize,
}

impl Item {
    /// A row of `file` whose words are at `words`; `None` when one is not a slice of the
    /// file's words.
    pub fn new(file: &Arc<FileWords>, words: Ranges, at: usize) -> Option<Self> {
        FileWords::fits(&file.words, words.iter()).then(|| Self {
            file: file.clone(),
            words,
            at,
        })
    }

    fn word(&self, n: usize) -> &str {
        let (s, e) = self.words[n];
        // Checked when the row was made.
        &self.file.words[s as usize..e as usize]
    }

    pub fn article(&self) -> &str {
        &self.file.article
    }

    pub fn annotator(&self) -> &str {
        &self.file.annotator
    }

    pub fn label(&self) -> &str {
        self.word(0)
    }

    pub fn text(&self) -> &str {
        self.word(1)
    }

    pub fn speaker(&self) -> &str {
        self.word(2)
    }

    /// The words of the cue of its attribution.
    pub fn cue(&self) -> &str {
        self.word(3)
    }

    pub fn sources(&self) -> &str {
        self.word(4)
    }

    pub fn polarity(&self) -> &str {
        self.word(5)
    }

    /// Its words where its file's are.
    pub fn ranges(&self) -> &Ranges {
        &self.words
    }

    /// What its rows share.
    pub fn file(&self) -> &Arc<FileWords> {
        &self.file
    }

    fn shown(&self) -> [&str; 8] {
        [
            self.article(),
            self.annotator(),
            self.label(),
            self.text(),
            self.speaker(),
            self.cue(),
            self.sources(),
            self.polarity(),
        ]
    }
}

impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at && self.shown() == other.shown()
    }
}

impl Eq for Item {}

impl fmt::Debug for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [
            article,
            annotator,
            label,
            text,
            speaker,
            cue,
            sources,
            polarity,
        ] = self.shown();
        f.debug_struct("Item")
            .field("article", &article)
            .field("annotator", &annotator)
            .field("label", &label)
            .field("text", &text)
            .field("speaker", &speaker)
            .field("cue", &cue)
            .field("sources", &sources)
            .field("polarity", &polarity)
            .field("at", &self.at)
            .finish_non_exhaustive()
    }
}

/// A file's words gathered into one string, each once however often it recurs.
#[derive(Debug, Default)]
pub struct Gathered {
    all: String,
    /// Where each word gathered is, by a hash of it: looked up without a copy of the word
    /// as its key. Two words with one hash (rare) only keep the second twice.
    seen: rustc_hash::FxHashMap<u64, (u32, u32)>,
}

impl Gathered {
    /// Where `w` is in the words, added there the first time.
    pub fn add(&mut self, w: &str) -> (u32, u32) {
        self.add_with(|all| all.push_str(w))
    }

    /// Where the word `write` puts onto the end of the words is in them: written there
    /// first, and taken back when it was there already (no string of its own is made).
    pub fn add_with(&mut self, write: impl FnOnce(&mut String)) -> (u32, u32) {
        use std::collections::hash_map::Entry;
        use std::hash::BuildHasher as _;
        let Self { all, seen } = self;
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let start = all.len();
        write(all);
        let r = (at(start), at(all.len()));
        match seen.entry(rustc_hash::FxBuildHasher.hash_one(&all[start..])) {
            Entry::Occupied(o) => {
                let (s, e) = *o.get();
                if all.get(s as usize..e as usize) == all.get(start..) {
                    all.truncate(start);
                    return (s, e);
                }
            }
            Entry::Vacant(v) => {
                v.insert(r);
            }
        }
        r
    }

    /// The words gathered.
    pub fn words(self) -> String {
        self.all
    }

    /// The rows of one file whose words were gathered here, each with its words' places
    /// and its offset.
    pub fn rows(
        self,
        article: &str,
        annotator: &str,
        placed: impl IntoIterator<Item = (Ranges, usize)>,
    ) -> Vec<Item> {
        let file = Arc::new(FileWords {
            article: article.to_owned(),
            annotator: annotator.to_owned(),
            words: self.words(),
        });
        placed
            .into_iter()
            .filter_map(|(r, at)| Item::new(&file, r, at))
            .collect()
    }
}

/// Rows of one file made from their words: label, text, speaker, cue, sources, polarity,
/// and where each is.
pub fn rows_of(
    article: &str,
    annotator: &str,
    rows: impl IntoIterator<Item = ([String; 6], usize)>,
) -> Vec<Item> {
    let mut g = Gathered::default();
    let placed: Vec<(Ranges, usize)> = rows
        .into_iter()
        .map(|(words, at)| (words.map(|w| g.add(&w)), at))
        .collect();
    g.rows(article, annotator, placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: [&str; 6]) -> [String; 6] {
        w.map(str::to_owned)
    }

    #[test]
    fn a_files_rows_share_one_string_of_words_each_once() {
        let rows = rows_of(
            "a.txt",
            "ana",
            [
                (words(["Claim", "one", "Ana «Ruiz»", "said", "", ""]), 3),
                (words(["Claim", "two", "Ana «Ruiz»", "said", "", ""]), 9),
            ],
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].text(), "two");
        assert_eq!(rows[1].speaker(), "Ana «Ruiz»");
        assert_eq!(rows[0].article(), "a.txt");
        assert_eq!(rows[0].file().words, "ClaimoneAna «Ruiz»saidtwo");
        assert!(Arc::ptr_eq(rows[0].file(), rows[1].file()));
        // Not a slice of the words: past their end, inside a character, backwards.
        let file = rows[0].file();
        let at = |r: (u32, u32)| Item::new(file, [r, r, r, r, r, r], 0);
        assert!(at((0, 999)).is_none());
        assert!(at((13, 18)).is_none(), "inside «");
        assert!(at((3, 2)).is_none());
        assert!(at((0, 5)).is_some());
    }
}
