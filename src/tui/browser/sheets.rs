//! Review and the dashboard from the screens cache: for each annotation file, its review rows
//! and dashboard counts ([`Sheet`]) with the stamps (size, modification time, inode) of the
//! file and of its article when they were read. Opening either screen takes every sheet
//! whose stamps still match and reads only the other files again, beside the loop with a
//! progress line; the cache is then written again, beside the loop once the screen is
//! open. A damaged or older cache, or one made under another schema, is read as empty, so
//! it is rebuilt and never an error. It is `.cache/screens.bin` beside the summary cache
//! (binary, see [`crate::project::summary::cache::read_cache`]), and read only by these screens. The rows are kept once,
//! a list for each file, which review shares, not copied per screen.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{Browser, Then, View};
use crate::project::summary::cache::{Part, Stamp, decode, key, read_cache_bytes, write_cache};
use crate::project::summary::{par_map, par_map_into};
use crate::project::{AnnotationFile, Project};
use crate::schema::Schema;
use crate::tui::review::sheet::Packed;
use crate::tui::review::{Dashboard, Item, Review, Rows, Sheet};

/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 5;

/// One file as the cache holds it: its stamp, its article's, and its sheet (`None`: it
/// could not be read).
type Held = (Stamp, Option<Stamp>, Option<Packed>);

/// Files by [`key`]: written as a map, read back as its pairs (the format writes a map
/// as its length and its pairs, as it does a list of pairs), since a map built as it is
/// read compares every key it inserts.
type Files = Vec<(String, Held)>;

/// Into how many parts the files are split, each decoded on a core of its own.
const PARTS: usize = 4;

/// The cache as it is read back, its parts still encoded, borrowed from the file's bytes.
#[derive(Debug, serde::Deserialize)]
struct Cache<'a> {
    version: u32,
    /// The schema the files were checked against, as JSON.
    schema: &'a str,
    /// The files, in parts ([`Part`]s as written).
    #[serde(borrow)]
    parts: Vec<&'a [u8]>,
}

/// The screens cache of the project in `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(".cache").join("screens.bin")
}

/// The files the cache at `path` holds, in its parts, each decoded on a core of its own;
/// none when it cannot be used.
fn read_parts(path: &Path, schema: &str) -> Vec<Files> {
    let Some(bytes) = read_cache_bytes(path) else {
        return Vec::new();
    };
    let Some(cache) =
        decode::<Cache<'_>>(&bytes).filter(|c| c.version == VERSION && c.schema == schema)
    else {
        return Vec::new();
    };
    let parts: Option<Vec<Files>> = std::thread::scope(|scope| {
        let handles: Vec<_> = cache
            .parts
            .iter()
            .map(|p| scope.spawn(|| decode::<Files>(p)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    parts.unwrap_or_default()
}

/// One annotation file: where it is, its article, its cache key and stamps, and its sheet
/// (`None`: it could not be read against its article, and is left out); its rows are the
/// file of [`Sheets::items`] at its place (the sheet's own `items` are moved there).
#[derive(Debug, Clone)]
struct Entry {
    path: PathBuf,
    article: String,
    key: String,
    stamp: Option<Stamp>,
    article_stamp: Option<Stamp>,
    sheet: Option<Sheet>,
}

/// The sheets and rows as a [`Cache`], written from where they are without a copy.
struct Writing<'a> {
    schema: &'a str,
    entries: &'a [Entry],
    items: &'a Rows,
}

/// Some files of a [`Writing`], as a [`Files`] map, with each one's rows.
struct Written<'a> {
    entries: &'a [Entry],
    rows: &'a [Vec<Item>],
}

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let w = self;
        // Collected first: the format needs the map's length up front.
        let files: Vec<_> = w
            .entries
            .iter()
            .zip(w.rows)
            .filter_map(|(e, rows)| {
                let stamp = e.stamp?;
                let sheet = e.sheet.as_ref().map(|s| s.packed(rows));
                Some((&e.key, (stamp, e.article_stamp, sheet)))
            })
            .collect();
        serializer.collect_map(files)
    }
}

impl Serialize for Writing<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Cache", 3)?;
        s.serialize_field("version", &VERSION)?;
        s.serialize_field("schema", self.schema)?;
        let per = self.entries.len().div_ceil(PARTS).max(1);
        let parts: Vec<Part<Files>> = self
            .entries
            .chunks(per)
            .zip(self.items.files().chunks(per))
            .map(|(entries, rows)| Part::of(&Written { entries, rows }))
            .collect();
        s.serialize_field("parts", &parts)?;
        s.end()
    }
}

/// Every annotation file's sheet, in the project's order, and every review row.
#[derive(Debug, Default)]
pub struct Sheets {
    entries: Arc<Vec<Entry>>,
    /// Every file's review rows, a list for each entry: review shares them.
    items: Arc<Rows>,
    /// Files whose sheet came from the cache, and files read again.
    pub kept: usize,
    pub read: usize,
    /// The cache being written beside the loop, after the screen opened.
    writer: Option<JoinHandle<()>>,
}

impl Drop for Sheets {
    /// A cache half-written when the program ends would only leave a stray file.
    fn drop(&mut self) {
        self.written();
    }
}

impl Sheets {
    /// Of these files (sorted here by path) and their sheets, each file's rows kept in
    /// their own list.
    fn of(mut got: Vec<(Entry, Option<Sheet>)>, kept: usize, read: usize) -> Self {
        // In file order, as every file read and sorted by path gives.
        got.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        let mut rows = Vec::with_capacity(got.len());
        let mut entries = Vec::with_capacity(got.len());
        for (mut e, mut sheet) in got {
            rows.push(
                sheet
                    .as_mut()
                    .map(|s| std::mem::take(&mut s.items))
                    .unwrap_or_default(),
            );
            e.sheet = sheet;
            entries.push(e);
        }
        Self {
            entries: Arc::new(entries),
            items: Arc::new(Rows::of(rows)),
            kept,
            read,
            writer: None,
        }
    }

    /// The sheets of the files that could be read, in order (their rows are in
    /// [`Self::items`]).
    pub fn sheets(&self) -> impl Iterator<Item = &Sheet> {
        self.entries.iter().filter_map(|e| e.sheet.as_ref())
    }

    /// Every review row, file after file.
    pub fn items(&self) -> Arc<Rows> {
        self.items.clone()
    }

    /// How many files could not be read.
    pub fn skipped(&self) -> usize {
        self.entries.iter().filter(|e| e.sheet.is_none()).count()
    }

    /// Writes the cache on a thread of its own: the screen does not wait for it.
    fn write_beside(&mut self, at: PathBuf, schema: String) {
        let (entries, items) = (self.entries.clone(), self.items.clone());
        let write = move || {
            write_cache(
                &at,
                &Writing {
                    schema: &schema,
                    entries: &entries,
                    items: &items,
                },
            );
        };
        match std::thread::Builder::new().spawn(write.clone()) {
            Ok(handle) => self.writer = Some(handle),
            Err(_) => write(),
        }
    }

    /// Waits until the cache is written.
    pub fn written(&mut self) {
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }

    /// After `article` was annotated: its files read again (`files` are its files now).
    fn refresh(&mut self, article: &str, files: &[AnnotationFile], schema: &Schema) {
        self.written();
        let old: Vec<Entry> = Arc::unwrap_or_clone(std::mem::take(&mut self.entries));
        // Rows shared with a review still open are copied; else taken back as they are.
        let rows = Arc::try_unwrap(std::mem::take(&mut self.items))
            .map_or_else(|shared| shared.files().to_vec(), Rows::into_files);
        let mut got = Vec::with_capacity(old.len() + files.len());
        // The other files' sheets take their rows back.
        for (mut e, mine) in old.into_iter().zip(rows) {
            if e.article == article {
                continue;
            }
            let sheet = e.sheet.take().map(|s| Sheet { items: mine, ..s });
            got.push((e, sheet));
        }
        for f in files {
            let sheet = crate::export::load_doc(&f.path, schema)
                .ok()
                .map(|d| Sheet::of(&d));
            let e = Entry {
                path: f.path.clone(),
                article: f.article.clone(),
                key: key(&f.annotator, &f.article),
                stamp: None,
                article_stamp: None,
                sheet: None,
            };
            got.push((e, sheet));
        }
        let (kept, read) = (self.kept, self.read);
        *self = Self::of(got, kept, read);
    }
}

/// How far a reading has got, shared with the thread doing it.
#[derive(Debug, Default)]
struct Counter {
    /// How many files there are, once they are listed.
    total: AtomicUsize,
    done: AtomicUsize,
    stop: AtomicBool,
}

/// One file to look at: its place in the list, its cache key, and what the cache held of
/// it (taken out of the cache).
type Work = (usize, String, Option<Held>);

/// A file's place, key, stamp, its article's, its sheet (`None`: it could not be read),
/// and whether the sheet came from the cache.
type Looked = (
    usize,
    String,
    Option<Stamp>,
    Option<Stamp>,
    Option<Sheet>,
    bool,
);

/// The project's annotation files, listed while the cache at `at` is read, and what the
/// cache holds by [`key`].
fn listed_with_cache(
    project: &Project,
    at: &Path,
    fingerprint: &str,
    counter: &Counter,
) -> (Vec<AnnotationFile>, rustc_hash::FxHashMap<String, Held>) {
    std::thread::scope(|scope| {
        let cache = scope.spawn(|| {
            read_parts(at, fingerprint)
                .into_iter()
                .flatten()
                .collect::<rustc_hash::FxHashMap<String, Held>>()
        });
        let files = project.annotation_files();
        counter.total.store(files.len(), Ordering::Relaxed);
        (files, cache.join().unwrap_or_default())
    })
}

/// Reads the sheets of `files`: the cache's where the stamps match, the files again
/// elsewhere (on every core, an article's files together so that the article is read
/// once for all of them; the cache's rows are unpacked there too); writes the cache again,
/// beside the loop, when anything changed. `None` when stopped.
fn gather(project: &Project, schema: &Schema, counter: &Counter) -> Option<Sheets> {
    let fingerprint = serde_json::to_string(schema).unwrap_or_default();
    let at = path(&project.root);
    let (files, mut old) = listed_with_cache(project, &at, &fingerprint, counter);
    let files = files.as_slice();
    let articles = project.articles_dir();
    // Each article's stamp, taken once however many files it has; on every core.
    let names: Vec<&str> = files
        .iter()
        .map(|f| f.article.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let article_stamps: rustc_hash::FxHashMap<&str, Option<Stamp>> = names
        .iter()
        .copied()
        .zip(par_map(&names, |n| Stamp::of(&articles.join(n))))
        .collect();
    // The files by article, each with what the cache held of it, moved out of the cache.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by(|&a, &b| files[a].article.cmp(&files[b].article));
    let mut groups: Vec<Vec<Work>> = Vec::new();
    for i in order {
        let f = &files[i];
        let k = key(&f.annotator, &f.article);
        let held = old.remove(&k);
        match groups.last_mut() {
            Some(g) if g.first().is_some_and(|w| files[w.0].article == f.article) => {
                g.push((i, k, held));
            }
            _ => groups.push(vec![(i, k, held)]),
        }
    }
    // Anything left in the cache is a file that is gone: the cache is written again.
    let gone = !old.is_empty();
    drop(old);
    let looked: Vec<Option<Vec<Looked>>> = par_map_into(groups, |group| {
        let mut last = crate::export::LastArticle::default();
        group
            .into_iter()
            .map(|(i, k, held)| {
                let f = &files[i];
                if counter.stop.load(Ordering::Relaxed) {
                    return None;
                }
                counter.done.fetch_add(1, Ordering::Relaxed);
                let stamp = Stamp::of(&f.path);
                let article = article_stamps.get(f.article.as_str()).copied().flatten();
                if let (Some(s), Some((then, then_article, packed))) = (stamp, held)
                    && s == then
                    && article == then_article
                {
                    // A sheet whose rows do not fit its words (a damaged cache) is read anew.
                    match packed {
                        None => return Some((i, k, stamp, article, None, true)),
                        Some(p) => {
                            if let Some(sheet) = p.sheet() {
                                return Some((i, k, stamp, article, Some(sheet), true));
                            }
                        }
                    }
                }
                let sheet = crate::export::load_doc_sharing(&f.path, schema, &mut last)
                    .ok()
                    .map(|d| Sheet::of(&d));
                Some((i, k, stamp, article, sheet, false))
            })
            .collect()
    });
    // Back in the files' order (by path, as listed): sorting them by path again then
    // costs one look at each.
    let mut looked: Vec<Looked> = looked.into_iter().flatten().flatten().collect();
    looked.sort_unstable_by_key(|l| l.0);
    let (mut kept, mut read) = (0, 0);
    let mut got = Vec::with_capacity(files.len());
    for (i, key, stamp, article_stamp, sheet, cached) in looked {
        if cached {
            kept += 1;
        } else {
            read += 1;
        }
        let f = &files[i];
        let e = Entry {
            path: f.path.clone(),
            article: f.article.clone(),
            key,
            stamp,
            article_stamp,
            sheet: None,
        };
        got.push((e, sheet));
    }
    // Stopped: some files were not looked at.
    if got.len() < files.len() {
        return None;
    }
    let mut out = Sheets::of(got, kept, read);
    // Written again when a file was read anew or one the cache held is gone.
    if read > 0 || gone {
        out.write_beside(at, fingerprint);
    }
    Some(out)
}

/// Sheets being read beside the loop.
#[derive(Debug)]
pub struct Reading {
    counter: Arc<Counter>,
    then: Then,
    rx: Receiver<Option<Sheets>>,
}

impl Reading {
    fn start(project: Project, schema: Schema, then: Then) -> Self {
        let counter = Arc::new(Counter::default());
        let shared = counter.clone();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(gather(&project, &schema, &shared));
        });
        Self { counter, then, rx }
    }

    pub fn line(&self) -> String {
        let screen = if self.then == Then::Review {
            "review"
        } else {
            "dashboard"
        };
        match self.counter.total.load(Ordering::Relaxed) {
            // Still being listed.
            0 => format!(" reading the annotation files for the {screen} · esc stops "),
            total => format!(
                " reading {} of {total} annotation files for the {screen} · esc stops ",
                self.counter.done.load(Ordering::Relaxed),
            ),
        }
    }
}

static NO_SHEETS: OnceLock<Sheets> = OnceLock::new();

impl Browser {
    /// Opens review or the dashboard with every file's sheet: at once when they are in,
    /// else once they have been gathered beside the loop.
    pub(super) fn with_sheets(&mut self, then: Then) {
        if self.sheets.is_some() {
            self.open_with_sheets(then);
            return;
        }
        self.reading = Some(Reading::start(
            self.project.clone(),
            self.schema_or_news(),
            then,
        ));
    }

    /// Takes in the sheets when they are all read.
    pub(super) fn tick_sheets(&mut self) {
        let Some(r) = &self.reading else {
            return;
        };
        let got = match r.rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(got) => got,
            Err(TryRecvError::Disconnected) => None,
        };
        let then = r.then;
        self.reading = None;
        let Some(sheets) = got else {
            return;
        };
        self.sheets = Some(sheets);
        self.open_with_sheets(then);
    }

    /// Stops reading the sheets (the workers stop at their next file).
    pub(super) fn stop_sheets(&mut self) -> bool {
        self.reading
            .take()
            .map(|r| r.counter.stop.store(true, Ordering::Relaxed))
            .is_some()
    }

    /// Every file's sheet; read here and now (from the cache where it can) when they are
    /// not in yet.
    pub(super) fn sheets(&mut self) -> &Sheets {
        if self.sheets.is_none() {
            self.sheets = gather(&self.project, &self.schema_or_news(), &Counter::default());
        }
        self.sheets
            .as_ref()
            .unwrap_or_else(|| NO_SHEETS.get_or_init(Sheets::default))
    }

    /// After `article` was annotated: its sheets read again, the others kept.
    pub(super) fn refresh_sheets(&mut self, article: &str) {
        let schema = self.schema_or_news();
        let files: Vec<AnnotationFile> = self
            .project
            .annotation_files()
            .into_iter()
            .filter(|f| f.article == article)
            .collect();
        if let Some(s) = &mut self.sheets {
            s.refresh(article, &files, &schema);
        }
    }

    /// How many files the last opening of review or the dashboard took from the cache, and
    /// how many it read again.
    pub fn sheets_read(&self) -> Option<(usize, usize)> {
        self.sheets.as_ref().map(|s| (s.kept, s.read))
    }

    pub(super) fn review(&mut self) -> Review {
        let schema = self.schema_or_news();
        let labels = schema.labels.iter().map(|l| l.name.clone()).collect();
        Review::of_items(self.sheets().items(), labels, schema.polarities)
    }

    fn open_with_sheets(&mut self, then: Then) {
        let skipped = self.sheets().skipped();
        if skipped > 0 {
            self.message = Some(format!(
                "{skipped} annotation file(s) have problems and are left out; run glossator validate"
            ));
        }
        self.view = match then {
            Then::Review => View::Review(Box::new(self.review())),
            _ => View::Dashboard(Dashboard::of_sheets(self.sheets().sheets())),
        };
    }
}
