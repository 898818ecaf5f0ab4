//! Annotation files on disk: the versioned RON format, reading with migrations, resolving
//! code-point spans against the article, deterministic writing and atomic saving.
//!
//! One file per article per annotator, `story.ann.ron` beside `story.txt` for a single
//! article, `annotations/<annotator>/<article>.ann.ron` in a project.

mod anchor;
mod convert;
pub mod disk;
mod format;
pub mod guard;
pub mod journal;
mod locate;
mod read;
mod save;
pub mod session;

pub use anchor::{Anchor, Anchoring, Drift, Held};
pub use disk::{Disk, DiskError};
pub use format::{
    AgentV1, AnyIdV1, ArticleV1, AttributionIdV1, AttributionV1, AttributionV2, CURRENT_FORMAT,
    ConflictIdV3, ConflictV3, Current, EntityIdV1, EntityV1, FileV1, FileV2, FileV3, FragmentV1,
    MentionIdV1, MentionV1, NoteIdV1, NoteV1, SideV3, SourcingIdV1, SourcingV1, SpecificityV1,
    StanceIdV1, StanceV1, StatusV1, SuggestionV1, TargetV1,
};
pub use read::{Parsed, find_article, read, read_bytes, read_str};
pub use save::{SaveError, annotation_path_for, encode, to_ron};
pub use session::{Options, Saved, Session};
