//! A project: a folder with `glossator.ron` (its settings), `articles/` (normalised texts)
//! and `annotations/<annotator>/<article>.ann.ron`. Opening one checks `glossator.ron` first,
//! so a folder that is not a project, or one whose settings are broken, is refused with the
//! file, the position and what to do, before anything is read or written.

pub mod annotator;
pub mod assign;
pub mod summary;
mod trash;
pub mod walk;

pub use trash::Removed;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use annotator::{BadAnnotator, GOLD, NameSource};
pub use walk::{Listing, Root, Skipped, WalkError, files_in_folder};

use crate::diagnostic::Diagnostic;
use crate::schema::Schema;
use crate::text::{normalise, sha256_hex};

pub const CONFIG_FILE: &str = "glossator.ron";
pub const CURRENT_FORMAT: u32 = 1;

/// `glossator.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    pub format: u32,
    pub name: String,
    /// A schema file relative to the project folder; the built-in news schema when `None`.
    #[serde(default)]
    pub schema: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config: ProjectConfig,
    /// The articles' texts by hash, read once when the first text is added: adding many
    /// texts then reads each existing article once, not once per text added.
    known: std::cell::RefCell<Option<std::collections::HashMap<String, String>>>,
}

/// One annotator's file for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationFile {
    pub annotator: String,
    /// The article's file name in `articles/`, e.g. `story.txt`.
    pub article: String,
    pub path: PathBuf,
}

/// What `add` did with one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Written as `articles/<name>`.
    New(String),
    /// The same text is already in the project under this name.
    Duplicate(String),
}

fn io_error(path: &Path, what: &str, e: &std::io::Error, hint: &str) -> Diagnostic {
    Diagnostic::new(path, format!("{what}: {e}"), hint)
}

impl Project {
    pub fn config_path(dir: &Path) -> PathBuf {
        dir.join(CONFIG_FILE)
    }

    pub fn is_project(dir: &Path) -> bool {
        Self::config_path(dir).is_file()
    }

    /// The project folder an annotation file belongs to, when it is
    /// `<project>/annotations/<annotator>/<article>.ann.ron`.
    pub fn root_of(annotation_file: &Path) -> Option<PathBuf> {
        annotation_file
            .parent()
            .and_then(Path::parent)
            .and_then(Path::parent)
            .filter(|p| Self::is_project(p))
            .map(Path::to_path_buf)
    }

    /// Creates `dir` (which may exist but must not be a project yet) with its folders and
    /// settings. A given schema is checked and copied in as `schema.ron`.
    pub fn init(dir: &Path, schema: Option<&Path>) -> Result<Self, Diagnostic> {
        let config_path = Self::config_path(dir);
        if config_path.exists() {
            return Err(Diagnostic::new(
                &config_path,
                "this folder is a glossator project already",
                "open it with `glossator DIR`, or choose another folder",
            ));
        }
        let schema_name = match schema {
            Some(path) => {
                Schema::load(path).map_err(|mut errs| errs.remove(0))?;
                Some("schema.ron".to_owned())
            }
            None => None,
        };
        for sub in ["articles", "annotations"] {
            crate::store::Disk::real()
                .create_dir_all(&dir.join(sub))
                .map_err(|e| {
                    Diagnostic::new(
                        &dir.join(sub),
                        e.to_string(),
                        "check the path and its permissions",
                    )
                })?;
        }
        if let Some(src) = schema {
            let to = dir.join("schema.ron");
            let bytes = std::fs::read(src).map_err(|e| {
                io_error(src, "cannot read the schema", &e, "check the permissions")
            })?;
            crate::store::Disk::real()
                .write_atomic(&to, &bytes)
                .map_err(|e| Diagnostic::new(&to, e.to_string(), "check the permissions"))?;
        }
        let name = dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "project".to_owned());
        let config = ProjectConfig {
            format: CURRENT_FORMAT,
            name,
            schema: schema_name,
        };
        let text = ron::ser::to_string_pretty(&config, ron::ser::PrettyConfig::default())
            .map_err(|e| Diagnostic::new(&config_path, e.to_string(), ""))?;
        crate::store::Disk::real()
            .write_atomic(&config_path, format!("{text}\n").as_bytes())
            .map_err(|e| {
                Diagnostic::new(
                    &config_path,
                    e.to_string(),
                    "check the folder's permissions; a symbolic link there must be removed",
                )
            })?;
        Ok(Self {
            root: dir.to_path_buf(),
            config,
            known: std::cell::RefCell::default(),
        })
    }

    /// Opens the project in `dir`.
    pub fn open(dir: &Path) -> Result<Self, Diagnostic> {
        let path = Self::config_path(dir);
        let source = std::fs::read_to_string(&path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Diagnostic::new(
                    &path,
                    "not a glossator project: there is no glossator.ron",
                    format!("create one with `glossator init {}`", dir.display()),
                )
            } else {
                io_error(&path, "cannot read", &e, "check the file's permissions")
            }
        })?;
        let config: ProjectConfig = ron::from_str(&source).map_err(|e| {
            Diagnostic::from_ron(
                &path,
                &source,
                &e,
                "glossator.ron is (format: 1, name: \"...\", schema: None)",
            )
        })?;
        if config.format > CURRENT_FORMAT {
            return Err(Diagnostic::new(
                &path,
                format!(
                    "project format {} is newer than this glossator understands ({CURRENT_FORMAT})",
                    config.format
                ),
                "upgrade glossator",
            ));
        }
        Ok(Self {
            root: dir.to_path_buf(),
            config,
            known: std::cell::RefCell::default(),
        })
    }

    pub fn schema(&self) -> Result<Schema, Vec<Diagnostic>> {
        match &self.config.schema {
            Some(name) => Schema::load(&self.root.join(name)),
            None => Ok(Schema::news()),
        }
    }

    pub fn articles_dir(&self) -> PathBuf {
        self.root.join("articles")
    }

    /// The article files, by name; linked ones are left out (see [`walk`]).
    pub fn articles(&self) -> Vec<String> {
        self.list_articles().found
    }

    /// The article files, by name, and what was passed over: links, and a folder that
    /// cannot be read.
    pub fn list_articles(&self) -> Listing<String> {
        let is_txt = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        let listing = walk::files_below(&self.articles_dir(), Root::InProject, 1, &is_txt)
            .unwrap_or_else(|e| unreadable(&e));
        Listing {
            found: listing
                .found
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect(),
            skipped: listing.skipped,
        }
    }

    /// Where `annotator`'s annotations of `article` live.
    pub fn annotation_path(&self, annotator: &str, article: &str) -> PathBuf {
        let stem = article.strip_suffix(".txt").unwrap_or(article);
        self.root
            .join("annotations")
            .join(annotator)
            .join(format!("{stem}.ann.ron"))
    }

    /// [`Self::annotation_path`], for writing: refused when `annotations/` or the annotator's
    /// folder is a symbolic link (a shared project can plant one pointing anywhere).
    pub fn writable_annotation_path(
        &self,
        annotator: &str,
        article: &str,
    ) -> Result<PathBuf, crate::store::DiskError> {
        let path = self.annotation_path(annotator, article);
        let annotations = self.root.join("annotations");
        crate::store::Disk::refuse_link(&annotations)?;
        crate::store::Disk::refuse_link(&annotations.join(annotator))?;
        Ok(path)
    }

    /// Every annotation file, by annotator then article; links and folders whose name is no
    /// annotator's are left out (see [`walk`]).
    pub fn annotation_files(&self) -> Vec<AnnotationFile> {
        self.list_annotation_files().found
    }

    /// Every annotation file, by annotator then article, and what was passed over: links,
    /// folders whose name cannot be an annotator's, and folders that cannot be read.
    pub fn list_annotation_files(&self) -> Listing<AnnotationFile> {
        let dir = self.root.join("annotations");
        let listing = walk::files_below(&dir, Root::InProject, 2, &walk::is_annotation_file)
            .unwrap_or_else(|e| unreadable(&e));
        let mut out = Listing {
            found: Vec::new(),
            skipped: listing.skipped,
        };
        let mut refused: Vec<PathBuf> = Vec::new();
        for path in listing.found {
            // annotations/<annotator>/<article>.ann.ron; a file directly in annotations/
            // belongs to no one.
            let Some(folder) = path.parent().filter(|f| *f != dir) else {
                continue;
            };
            let annotator = folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Err(e) = annotator::check(&annotator, &NameSource::Folder(folder.to_path_buf()))
            {
                if !refused.iter().any(|r| r == folder) {
                    refused.push(folder.to_path_buf());
                    out.skipped.push(walk::Skipped::BadName {
                        path: folder.to_path_buf(),
                        reason: e.to_string(),
                    });
                }
                continue;
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = name.trim_end_matches(".ann.ron");
            out.found.push(AnnotationFile {
                annotator,
                article: format!("{stem}.txt"),
                path,
            });
        }
        out
    }

    /// Adds a text as `articles/<name>.txt`, normalised. The same text twice is found by its
    /// hash and not added again; a name that is taken by another text gets `-2`, `-3`...
    pub fn add_text(&self, name: &str, text: &str) -> Result<Added, Diagnostic> {
        let text = normalise(text);
        let hash = sha256_hex(&text);
        let mut known = self.known.borrow_mut();
        let known = known.get_or_insert_with(|| self.hashes());
        if let Some(existing) = known.get(&hash) {
            // Still there with the same text (nothing outside changed it since).
            let path = self.articles_dir().join(existing);
            if let Ok(t) = std::fs::read_to_string(&path)
                && sha256_hex(&normalise(&t)) == hash
            {
                return Ok(Added::Duplicate(existing.clone()));
            }
            *known = self.hashes();
            if let Some(existing) = known.get(&hash) {
                return Ok(Added::Duplicate(existing.clone()));
            }
        }
        let stem = sanitize_stem(name);
        let mut candidate = format!("{stem}.txt");
        let mut n = 2;
        // A name taken by anything, a link that points nowhere too, is not this article's.
        while std::fs::symlink_metadata(self.articles_dir().join(&candidate)).is_ok() {
            candidate = format!("{stem}-{n}.txt");
            n += 1;
        }
        let path = self.articles_dir().join(&candidate);
        // A name taken by a link (a dangling one too) is never written through.
        crate::store::Disk::real()
            .write_atomic(&path, text.as_bytes())
            .map_err(|e| {
                Diagnostic::new(
                    &path,
                    format!("cannot write the article: {e}"),
                    "check the folder's permissions; a symbolic link there must be removed",
                )
            })?;
        known.insert(hash, candidate.clone());
        Ok(Added::New(candidate))
    }

    /// Every article's normalised text hash, with the first article of each text.
    fn hashes(&self) -> std::collections::HashMap<String, String> {
        let mut known = std::collections::HashMap::new();
        for existing in self.articles() {
            let path = self.articles_dir().join(&existing);
            if let Ok(t) = std::fs::read_to_string(&path) {
                known.entry(sha256_hex(&normalise(&t))).or_insert(existing);
            }
        }
        known
    }
}

/// A project folder that cannot be listed: nothing found, and the reason as a skip.
fn unreadable<T>(e: &walk::WalkError) -> Listing<T> {
    Listing {
        found: Vec::new(),
        skipped: vec![walk::Skipped::Unreadable {
            path: e.path.clone(),
            reason: e.source.to_string(),
        }],
    }
}

/// A file stem that is safe in any file system: letters, digits, `-`, `_`, `.`.
pub fn sanitize_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_matches('.').to_owned();
    if stem.is_empty() {
        "article".to_owned()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_open_and_add_with_duplicates_and_name_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        let p = Project::init(&root, None).unwrap();
        assert_eq!(p.config.name, "corpus");
        assert!(
            Project::init(&root, None).is_err(),
            "a project twice is refused"
        );
        let p = Project::open(&root).unwrap();
        assert_eq!(
            p.add_text("story", "One.\r\n").unwrap(),
            Added::New("story.txt".into())
        );
        assert_eq!(
            p.add_text("other", "One.\n").unwrap(),
            Added::Duplicate("story.txt".into())
        );
        assert_eq!(
            p.add_text("story", "Two.\n").unwrap(),
            Added::New("story-2.txt".into())
        );
        assert_eq!(p.articles(), ["story-2.txt", "story.txt"]);
        assert_eq!(
            p.annotation_path("alice", "story.txt"),
            root.join("annotations/alice/story.ann.ron")
        );
        assert_eq!(sanitize_stem("../a b?"), "_a_b_");
    }

    #[test]
    fn an_article_changed_outside_between_adds_is_not_taken_for_a_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        let p = Project::init(dir.path(), None).unwrap();
        assert_eq!(
            p.add_text("story", "One.\n").unwrap(),
            Added::New("story.txt".into())
        );
        std::fs::write(p.articles_dir().join("story.txt"), "Changed.\n").unwrap();
        assert_eq!(
            p.add_text("again", "One.\n").unwrap(),
            Added::New("again.txt".into())
        );
        assert_eq!(
            p.add_text("third", "Changed.\n").unwrap(),
            Added::Duplicate("story.txt".into())
        );
    }

    #[test]
    fn a_folder_without_settings_or_with_broken_ones_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Project::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("not a glossator project"), "{err}");
        assert!(err.contains("glossator init"), "{err}");
        std::fs::write(dir.path().join(CONFIG_FILE), "(format: 1, nme: \"x\")").unwrap();
        let err = Project::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("glossator.ron:1:"), "{err}");
    }
}
