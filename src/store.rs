//! Annotation files on disk: the versioned RON format, reading with migrations, resolving
//! code-point spans against the article, deterministic writing and atomic saving.
//!
//! One file per article per annotator, `story.ann.ron` beside `story.txt` for a single
//! article, `annotations/<annotator>/<article>.ann.ron` in a project.

mod anchor;
pub mod disk;
mod format;
pub mod guard;
pub mod journal;
mod locate;
mod read;
mod save;
pub mod session;

pub use anchor::{Anchor, Anchoring};
pub use disk::{Disk, DiskError};
pub use format::{CURRENT_FORMAT, FileV1, FragmentV1, MentionV1};
pub use read::{Parsed, find_article, read, read_bytes, read_str};
pub use save::{SaveError, annotation_path_for, to_ron};
pub use session::{Options, Saved, Session};
