//! Listing the files in a folder, the one way every command and screen does it (a project's
//! articles and annotations, `stats`, `export`, `validate` and `suggest` of a folder, brat
//! import, agreement, the browser and the summary cache).
//!
//! A project shared through git can hold any symbolic link: `loop -> .`, which would list
//! every file again and again, or `story.txt -> ~/.ssh/id_rsa`. So a walk never follows a
//! link: a linked folder is not entered and a linked file is not read, wherever it points,
//! and each is reported as [`Skipped`] so the user sees why it is missing. The folder a
//! command is given may itself be a link (`glossator stats ~/corpus`); the folders of a
//! project (`articles/`, `annotations/`) may not. Hidden entries (`.git`, `.cache`, the
//! sidecars of a save) are not listed. Each file comes once, sorted by path.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// What a walk found, and what it passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    pub found: Vec<T>,
    pub skipped: Vec<Skipped>,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Self {
            found: Vec::new(),
            skipped: Vec::new(),
        }
    }
}

/// An entry a walk did not list, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Skipped {
    #[error(
        "{}: skipped: it is a symbolic link, and glossator never follows links inside a \
         folder it reads; put the file or folder itself there instead",
        .0.display()
    )]
    Link(PathBuf),
    #[error("{}: skipped: cannot read it: {reason}; check its permissions", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("{}: skipped: {reason}", path.display())]
    BadName { path: PathBuf, reason: String },
}

/// The folder a walk starts from cannot be listed.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot list the folder: {source}; check that it exists and can be read", path.display())]
pub struct WalkError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Whether the folder a walk starts from may be a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// A folder the user named: a link to it is followed.
    Given,
    /// A folder inside a project: a link is skipped like any other.
    InProject,
}

/// Every regular file below `dir`, at most `depth` folders down (1: only `dir`'s own files),
/// that `keep` accepts.
pub fn files_below(
    dir: &Path,
    root: Root,
    depth: usize,
    keep: &dyn Fn(&Path) -> bool,
) -> Result<Listing<PathBuf>, WalkError> {
    let mut out = Listing::default();
    if root == Root::InProject {
        match std::fs::symlink_metadata(dir) {
            Ok(m) if m.file_type().is_symlink() => {
                out.skipped.push(Skipped::Link(dir.to_path_buf()));
                return Ok(out);
            }
            Ok(_) => {}
            // A project without the folder yet has nothing in it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(source) => {
                return Err(WalkError {
                    path: dir.to_path_buf(),
                    source,
                });
            }
        }
    }
    // Listing the folder itself first gives a clear error for a missing or unreadable one.
    std::fs::read_dir(dir).map_err(|source| WalkError {
        path: dir.to_path_buf(),
        source,
    })?;
    let walk = WalkDir::new(dir)
        .follow_links(false)
        .min_depth(1)
        .max_depth(depth)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                out.skipped.push(Skipped::Unreadable {
                    path,
                    reason: e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string),
                });
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_symlink() {
            out.skipped.push(Skipped::Link(entry.into_path()));
        } else if kind.is_file() && keep(entry.path()) {
            out.found.push(entry.into_path());
        }
    }
    // Sorted once at the end (a path's components compared in turn: the order of a walk
    // that sorts each folder by name), not while walking, where each comparison parsed
    // both names again.
    out.found.sort_by_cached_key(|p| order_key(p));
    out.skipped.sort_by(|a, b| path_order(a.path(), b.path()));
    Ok(out)
}

/// A key that sorts paths as [`path_order`] does, compared as plain bytes: every path of
/// a walk shares its folder's bytes, which [`path_order`] went through one at a time in
/// each comparison (a seventh of opening review from its cache on 10,000 articles).
fn order_key(p: &Path) -> Vec<u8> {
    p.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&c| {
            if std::path::is_separator(char::from(c)) {
                0
            } else {
                c
            }
        })
        .collect()
}

/// The order of two paths a walk built, component by component (a folder's files before a
/// name that only starts with the folder's): their bytes, a separator below every other byte.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let rank = |c: Option<&u8>| {
        c.map(|&c| {
            if std::path::is_separator(char::from(c)) {
                0
            } else {
                u16::from(c) + 1
            }
        })
    };
    rank(a.get(common)).cmp(&rank(b.get(common)))
}

impl Skipped {
    /// The entry passed over.
    pub fn path(&self) -> &Path {
        match self {
            Self::Link(path) | Self::Unreadable { path, .. } | Self::BadName { path, .. } => path,
        }
    }
}

/// Every file below a folder the user named (at any depth) that `keep` accepts.
pub fn files_in_folder(
    dir: &Path,
    keep: &dyn Fn(&Path) -> bool,
) -> Result<Listing<PathBuf>, WalkError> {
    files_below(dir, Root::Given, usize::MAX, keep)
}

/// Whether `path` is an annotation file by its name.
pub fn is_annotation_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".ann.ron"))
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn names(l: &Listing<PathBuf>, base: &Path) -> Vec<String> {
        l.found
            .iter()
            .map(|p| p.strip_prefix(base).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn links_are_listed_as_skipped_and_never_entered() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
        std::fs::create_dir(d.join(".git")).unwrap();
        for f in [
            "b.ann.ron",
            "sub/a.ann.ron",
            "sub/deeper/c.ann.ron",
            ".git/x.ann.ron",
        ] {
            std::fs::write(d.join(f), "").unwrap();
        }
        symlink(".", d.join("loop")).unwrap();
        symlink("..", d.join("sub/up")).unwrap();
        symlink("b.ann.ron", d.join("sub/linked.ann.ron")).unwrap();
        let l = files_in_folder(d, &is_annotation_file).unwrap();
        assert_eq!(
            names(&l, d),
            ["b.ann.ron", "sub/a.ann.ron", "sub/deeper/c.ann.ron"]
        );
        assert_eq!(
            l.skipped,
            [
                Skipped::Link(d.join("loop")),
                Skipped::Link(d.join("sub/linked.ann.ron")),
                Skipped::Link(d.join("sub/up")),
            ]
        );
        let shallow = files_below(d, Root::Given, 1, &is_annotation_file).unwrap();
        assert_eq!(names(&shallow, d), ["b.ann.ron"]);
    }

    #[test]
    fn the_sort_key_orders_paths_as_their_components_do() {
        let paths: Vec<PathBuf> = [
            "p/sub.ann.ron",
            "p/sub-x/a.ann.ron",
            "p/sub/b.ann.ron",
            "p/sub/a.ann.ron",
            "p/sub",
            "p/su",
            "p/Sub/a",
            "p/sub/deeper/c.ann.ron",
            "p/ä/a",
            "q",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        for a in &paths {
            for b in &paths {
                assert_eq!(
                    order_key(a).cmp(&order_key(b)),
                    path_order(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn files_come_in_the_order_of_their_folders_then_names() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "sub.ann.ron",
            "sub-x/a.ann.ron",
            "sub/b.ann.ron",
            "sub/a.ann.ron",
        ] {
            if let Some(parent) = d.join(f).parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(d.join(f), "").unwrap();
        }
        let l = files_in_folder(d, &is_annotation_file).unwrap();
        assert_eq!(
            names(&l, d),
            [
                "sub/a.ann.ron",
                "sub/b.ann.ron",
                "sub-x/a.ann.ron",
                "sub.ann.ron"
            ]
        );
    }

    #[test]
    fn a_project_folder_that_is_a_link_is_skipped_and_a_given_one_followed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("real")).unwrap();
        std::fs::write(d.join("real/a.txt"), "").unwrap();
        symlink("real", d.join("articles")).unwrap();
        let inside = files_below(&d.join("articles"), Root::InProject, 1, &|_| true).unwrap();
        assert_eq!(inside.found, Vec::<PathBuf>::new());
        assert_eq!(inside.skipped, [Skipped::Link(d.join("articles"))]);
        let given = files_below(&d.join("articles"), Root::Given, 1, &|_| true).unwrap();
        assert_eq!(given.found, [d.join("articles/a.txt")]);
        let missing = files_below(&d.join("none"), Root::InProject, 1, &|_| true).unwrap();
        assert_eq!(missing, Listing::default());
        let err = files_in_folder(&d.join("none"), &|_| true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("none: cannot list the folder"), "{err}");
    }
}
