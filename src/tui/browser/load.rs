//! Reading every annotation file of a project for review, the dashboard and agreement, beside
//! the loop: workers read the files (each against its article) and send them over, the
//! browser shows how far it got and stays responsive (`Esc` stops), and the screen asked for
//! opens once the last file is in. After an article was annotated, only that article's files
//! are read again.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::{Browser, Then};
use crate::export::Doc;
use crate::project::AnnotationFile;

enum Msg {
    Read(Box<Doc>),
    Failed,
}

/// Files being read.
#[derive(Debug)]
pub struct Loading {
    rx: Receiver<Msg>,
    pub done: usize,
    pub total: usize,
    then: Then,
    docs: Vec<Doc>,
    skipped: usize,
}

impl std::fmt::Debug for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Read(_) => "Read",
            Self::Failed => "Failed",
        })
    }
}

/// Reads `files` on as many workers as there are cores; each result is sent as it is read.
fn start(files: Vec<AnnotationFile>, schema: crate::schema::Schema, then: Then) -> Loading {
    let (tx, rx) = channel();
    let total = files.len();
    let workers = std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .clamp(1, 8);
    let files = std::sync::Arc::new(files);
    let schema = std::sync::Arc::new(schema);
    for w in 0..workers {
        let (tx, files, schema) = (tx.clone(), files.clone(), schema.clone());
        std::thread::spawn(move || {
            for f in files.iter().skip(w).step_by(workers) {
                let msg = match crate::export::load_doc(&f.path, &schema) {
                    Ok(d) => Msg::Read(Box::new(d)),
                    Err(_) => Msg::Failed,
                };
                // The browser stopped waiting: stop reading.
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
    }
    Loading {
        rx,
        done: 0,
        total,
        then,
        docs: Vec::with_capacity(total),
        skipped: 0,
    }
}

impl Browser {
    pub(super) fn schema_or_news(&self) -> crate::schema::Schema {
        self.project
            .schema()
            .unwrap_or_else(|_| crate::schema::Schema::news())
    }

    /// Opens `then` with every annotation file read: at once when they are, else once they
    /// have been read beside the loop.
    pub(super) fn with_docs(&mut self, then: Then) {
        if then != Then::Agreement {
            self.with_sheets(then);
            return;
        }
        if self.docs.is_some() {
            self.open_with_docs(then);
            return;
        }
        let files = self.project.annotation_files();
        self.loading = Some(start(files, self.schema_or_news(), then));
    }

    /// Whether files are being read (the loop then wakes often to show how far).
    pub fn busy(&self) -> bool {
        self.loading.is_some() || self.working.is_some() || self.reading.is_some()
    }

    /// Takes in the files read so far; opens the screen when all are in.
    pub fn tick(&mut self) {
        self.tick_work();
        self.tick_sheets();
        let Some(l) = &mut self.loading else {
            return;
        };
        loop {
            match l.rx.try_recv() {
                Ok(Msg::Read(d)) => {
                    l.docs.push(*d);
                    l.done += 1;
                }
                Ok(Msg::Failed) => {
                    l.skipped += 1;
                    l.done += 1;
                }
                Err(TryRecvError::Empty) => {
                    if l.done < l.total {
                        return;
                    }
                    break;
                }
                Err(TryRecvError::Disconnected) => break,
            }
        }
        let Some(mut l) = self.loading.take() else {
            return;
        };
        // The workers send in any order; the screens list files in the project's order.
        l.docs.sort_by(|a, b| a.file.cmp(&b.file));
        if l.skipped > 0 {
            self.message = Some(format!(
                "{} annotation file(s) have problems and are left out; run glossator validate",
                l.skipped
            ));
        }
        self.docs = Some(std::sync::Arc::new(l.docs));
        self.open_with_docs(l.then);
    }

    /// Waits until every file is read (for tests and scripts that drive the browser without
    /// a loop).
    pub fn settle(&mut self) {
        while self.busy() {
            self.tick();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// Stops reading (the workers stop at their next file).
    pub(super) fn stop_loading(&mut self) {
        if self.loading.take().is_some() || self.stop_sheets() {
            self.message = Some("stopped reading the annotation files".to_owned());
        } else if self.stop_work() {
            self.message = Some("stopped working out agreement".to_owned());
        }
    }

    /// "reading 340 of 1,880 annotation files", while reading.
    pub fn loading_line(&self) -> Option<String> {
        if let Some(w) = &self.working {
            return Some(w.line());
        }
        if let Some(r) = &self.reading {
            return Some(r.line());
        }
        self.loading.as_ref().map(|l| {
            format!(
                " reading {} of {} annotation files for the {} · esc stops ",
                l.done,
                l.total,
                match l.then {
                    Then::Review => "review",
                    Then::Dashboard => "dashboard",
                    Then::Agreement => "agreement",
                }
            )
        })
    }

    /// After `article` was annotated (or its gold adjudicated): its files are read again,
    /// the others are kept as they were read.
    pub(super) fn refresh_docs(&mut self, article: &str) {
        let schema = self.schema_or_news();
        let Some(docs) = &mut self.docs else {
            return;
        };
        let docs = std::sync::Arc::make_mut(docs);
        docs.retain(|d| d.name != article);
        for f in self
            .project
            .annotation_files()
            .into_iter()
            .filter(|f| f.article == article)
        {
            if let Ok(d) = crate::export::load_doc(&f.path, &schema) {
                docs.push(d);
            }
        }
        docs.sort_by(|a, b| a.file.cmp(&b.file));
    }

    fn open_with_docs(&mut self, then: Then) {
        match then {
            Then::Agreement => self.agreement(),
            other => self.with_sheets(other),
        }
    }
}
