//! Annotator names. A name becomes a folder, `annotations/<name>/`, and is shown in every
//! table and screen, so a name that could leave that folder (`..`, `a/b`), hide in it
//! (`.x`), say nothing (empty) or act on a terminal (control characters, bidi overrides) is
//! refused wherever it comes from, with where it came from and what to do. [`check`] is the
//! one place that decides; every source of a name calls it.

use std::fmt;
use std::path::PathBuf;

use crate::text::is_unsafe;

/// The longest name, in characters: a folder name must fit every file system.
pub const MAX_CHARS: usize = 100;

/// The adjudicated copy's name (`annotations/gold/`): written by compare and curation under
/// a lock, counted apart from the annotators, never one of them.
pub const GOLD: &str = "gold";

/// Where an annotator name came from, to say what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameSource {
    /// `--annotator` (or `GLOSSATOR_ANNOTATOR`).
    Flag,
    /// The configuration file's `annotator`.
    Config(PathBuf),
    /// The `$USER` environment variable.
    User,
    /// A brat file named `<article>_<annotator>.ann`.
    BratFile(PathBuf),
    /// A folder `annotations/<annotator>/` of a project.
    Folder(PathBuf),
}

impl fmt::Display for NameSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag => f.write_str("--annotator (or GLOSSATOR_ANNOTATOR)"),
            Self::Config(p) => write!(f, "the configuration file {}", p.display()),
            Self::User => f.write_str("$USER"),
            Self::BratFile(p) => write!(f, "the brat file name {}", p.display()),
            Self::Folder(p) => write!(f, "the annotator folder {}", p.display()),
        }
    }
}

impl NameSource {
    fn hint(&self) -> &'static str {
        match self {
            Self::Flag => "give a plain name such as --annotator alice",
            Self::Config(_) => "set annotator to a plain name such as Some(\"alice\") there",
            Self::User => "pass --annotator NAME, or set annotator in the configuration file",
            Self::BratFile(_) => {
                "rename the file to <article>_<annotator>.ann with a plain annotator name, \
                 or to <article>.ann to import it as --annotator"
            }
            Self::Folder(_) => "rename the folder to the annotator's plain name",
        }
    }
}

/// What is wrong with a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Empty,
    Separator,
    DotDot,
    LeadingDot,
    Control,
    Spaces,
    TooLong,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "is empty",
            Self::Separator => "contains a path separator (/ or \\)",
            Self::DotDot => "contains ..",
            Self::LeadingDot => "starts with a dot",
            Self::Control => "contains a control or bidirectional formatting character",
            Self::Spaces => "starts or ends with a space",
            Self::TooLong => "is longer than 100 characters",
        })
    }
}

/// A name refused, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("annotator name {name:?} from {from} {problem}; {}", from.hint())]
pub struct BadAnnotator {
    pub name: String,
    pub from: NameSource,
    pub problem: Problem,
}

/// `name` as an annotator's, or why it cannot be one.
pub fn check(name: &str, from: &NameSource) -> Result<(), BadAnnotator> {
    let problem = if name.is_empty() {
        Some(Problem::Empty)
    } else if name.contains(['/', '\\']) {
        Some(Problem::Separator)
    } else if name.contains("..") {
        Some(Problem::DotDot)
    } else if name.starts_with('.') {
        Some(Problem::LeadingDot)
    } else if name.chars().any(is_unsafe) {
        Some(Problem::Control)
    } else if name.trim() != name {
        Some(Problem::Spaces)
    } else if name.chars().count() > MAX_CHARS {
        Some(Problem::TooLong)
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(BadAnnotator {
            name: name.to_owned(),
            from: from.clone(),
            problem,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass_and_paths_dots_and_controls_do_not() {
        for ok in ["alice", "4b22", "gold", "Zoë Ng", "a.b", "李"] {
            assert_eq!(check(ok, &NameSource::Flag), Ok(()), "{ok}");
        }
        for (bad, problem) in [
            ("", Problem::Empty),
            ("..", Problem::DotDot),
            ("a/b", Problem::Separator),
            ("a\\b", Problem::Separator),
            ("x..y", Problem::DotDot),
            (".x", Problem::LeadingDot),
            (".", Problem::LeadingDot),
            ("a\u{1b}[2J", Problem::Control),
            ("a\u{85}", Problem::Control),
            ("ev\u{202e}il", Problem::Control),
            (" alice", Problem::Spaces),
        ] {
            assert_eq!(
                check(bad, &NameSource::User).map_err(|e| e.problem),
                Err(problem),
                "{bad:?}"
            );
        }
        assert!(check(&"a".repeat(101), &NameSource::Flag).is_err());
    }

    #[test]
    fn the_message_says_where_the_name_came_from_and_what_to_do() {
        let e = check("..", &NameSource::BratFile("b/story_...ann".into()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"..\""), "{e}");
        assert!(e.contains("the brat file name b/story_...ann"), "{e}");
        assert!(e.contains("rename the file"), "{e}");
        let e = check("a/b", &NameSource::Config("c.ron".into()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("the configuration file c.ron"), "{e}");
    }
}
