//! Review and the dashboard from the screens cache: for each annotation file, its review rows
//! and dashboard counts ([`Sheet`]) with the stamps (size, modification time, inode) of the
//! file and of its article when they were read. Opening either screen takes every sheet
//! whose stamps still match and reads only the other files again, beside the loop with a
//! progress line; the cache is then written again. A damaged or older cache, or one made
//! under another schema, is read as empty, so it is rebuilt and never an error.
//! It is `.cache/screens.json` beside the summary cache, and read only by these screens.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::{Browser, Then, View};
use crate::project::summary::cache::{Stamp, key};
use crate::project::summary::par_map;
use crate::project::{AnnotationFile, Project};
use crate::schema::Schema;
use crate::tui::review::{Dashboard, Review, Sheet};

/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 2;

/// One file: its stamp, its article's, and its sheet (`None`: it could not be read).
type Entry = (Stamp, Option<Stamp>, Option<Sheet>);

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    version: u32,
    /// The schema the files were checked against, as JSON.
    schema: String,
    files: BTreeMap<String, Entry>,
}

/// The screens cache of the project in `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(".cache").join("screens.json")
}

impl Cache {
    fn read(path: &Path, schema: &str) -> Self {
        crate::project::summary::cache::read_json::<Self>(path)
            .filter(|c| c.version == VERSION && c.schema == schema)
            .unwrap_or_default()
    }

    /// Written atomically; a cache that cannot be written costs time, not work.
    fn write(&self, path: &Path) {
        crate::project::summary::cache::write_json(path, self);
    }
}

/// Every annotation file's sheet, in the project's order.
#[derive(Debug, Default)]
pub struct Sheets {
    /// By file path: the file, its article, and its sheet (`None`: it could not be read
    /// against its article, and is left out).
    entries: Vec<(PathBuf, String, Option<Sheet>)>,
    /// Files whose sheet came from the cache, and files read again.
    pub kept: usize,
    pub read: usize,
}

impl Sheets {
    /// The sheets of the files that could be read, in order.
    pub fn sheets(&self) -> impl Iterator<Item = &Sheet> {
        self.entries.iter().filter_map(|e| e.2.as_ref())
    }

    /// How many files could not be read.
    pub fn skipped(&self) -> usize {
        self.entries.iter().filter(|e| e.2.is_none()).count()
    }

    /// After `article` was annotated: its files read again (`files` are its files now).
    fn refresh(&mut self, article: &str, files: &[AnnotationFile], schema: &Schema) {
        self.entries.retain(|e| e.1 != article);
        for f in files {
            let sheet = crate::export::load_doc(&f.path, schema)
                .ok()
                .map(|d| Sheet::of(&d));
            self.entries
                .push((f.path.clone(), f.article.clone(), sheet));
        }
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
    }
}

/// How far a reading has got, shared with the thread doing it.
#[derive(Debug, Default)]
struct Counter {
    done: AtomicUsize,
    stop: AtomicBool,
}

/// A file's stamp, its article's, and (unless the cache still holds it) its sheet read anew.
type Looked = (Option<Stamp>, Option<Stamp>, Option<Option<Sheet>>);

/// Reads the sheets of `files`: the cache's where the stamps match, the files again
/// elsewhere (on every core); writes the cache again when anything changed. `None` when
/// stopped.
fn gather(
    project: &Project,
    files: &[AnnotationFile],
    schema: &Schema,
    counter: &Counter,
) -> Option<Sheets> {
    let fingerprint = serde_json::to_string(schema).unwrap_or_default();
    let at = path(&project.root);
    let mut old = Cache::read(&at, &fingerprint);
    let articles = project.articles_dir();
    // Each file's stamps and, unless the cache's entry still matches them (`None`), what
    // reading it again gave; on every core.
    let found: Vec<Option<Looked>> = par_map(files, |f| {
        if counter.stop.load(Ordering::Relaxed) {
            return None;
        }
        counter.done.fetch_add(1, Ordering::Relaxed);
        let stamp = Stamp::of(&f.path);
        let article = Stamp::of(&articles.join(&f.article));
        if let (Some(s), Some((then, then_article, _))) =
            (stamp, old.files.get(&key(&f.annotator, &f.article)))
            && s == *then
            && article == *then_article
        {
            return Some((stamp, article, None));
        }
        let sheet = crate::export::load_doc(&f.path, schema)
            .ok()
            .map(|d| Sheet::of(&d));
        Some((stamp, article, Some(sheet)))
    });
    let found: Vec<_> = found.into_iter().collect::<Option<_>>()?;
    let mut out = Sheets::default();
    let mut stamps = Vec::with_capacity(files.len());
    for (f, (stamp, article, fresh)) in files.iter().zip(found) {
        let k = key(&f.annotator, &f.article);
        // The cache's sheet is moved out of it, not copied.
        let sheet = match fresh {
            None => {
                out.kept += 1;
                old.files.remove(&k).and_then(|e| e.2)
            }
            Some(sheet) => {
                out.read += 1;
                sheet
            }
        };
        stamps.push((k, stamp, article));
        out.entries.push((f.path.clone(), f.article.clone(), sheet));
    }
    // Written again when a file was read anew or one the cache held is gone.
    if out.read > 0 || !old.files.is_empty() {
        let mut fresh = Cache {
            version: VERSION,
            schema: fingerprint,
            files: BTreeMap::new(),
        };
        for ((k, stamp, article), (_, _, sheet)) in stamps.into_iter().zip(&out.entries) {
            if let Some(stamp) = stamp {
                fresh.files.insert(k, (stamp, article, sheet.clone()));
            }
        }
        fresh.write(&at);
    }
    // In file order, as every file read and sorted by path gives.
    out.entries.sort_by(|a, b| a.0.cmp(&b.0));
    Some(out)
}

/// Sheets being read beside the loop.
#[derive(Debug)]
pub struct Reading {
    counter: Arc<Counter>,
    total: usize,
    then: Then,
    rx: Receiver<Option<Sheets>>,
}

impl Reading {
    fn start(project: Project, schema: Schema, then: Then) -> Self {
        let files = project.annotation_files();
        let total = files.len();
        let counter = Arc::new(Counter::default());
        let shared = counter.clone();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(gather(&project, &files, &schema, &shared));
        });
        Self {
            counter,
            total,
            then,
            rx,
        }
    }

    pub fn line(&self) -> String {
        format!(
            " reading {} of {} annotation files for the {} · esc stops ",
            self.counter.done.load(Ordering::Relaxed),
            self.total,
            if self.then == Then::Review {
                "review"
            } else {
                "dashboard"
            }
        )
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
            let files = self.project.annotation_files();
            self.sheets = gather(
                &self.project,
                &files,
                &self.schema_or_news(),
                &Counter::default(),
            );
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
        let items = self
            .sheets()
            .sheets()
            .flat_map(|s| s.items.iter().cloned())
            .collect();
        Review::of_items(items, labels, schema.polarities)
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
