//! The annotation model: mentions (labelled spans, possibly discontinuous), entities
//! (coreference), attributions, sourcings, stances and notes, linked by stable ids.
//!
//! Offsets here are byte offsets into the article's normalised text; the store converts them
//! to and from the code points written on disk. Links name ids, never offsets, so moving a
//! span keeps its links. [`check`] is the one place the invariants are enforced.

mod annotations;
mod check;
mod conflict;
mod edit;
pub(crate) use edit::{drop_links_of, drop_notes_of, link_ids};
mod ids;
mod index;
mod links;
mod suggestion;

pub use annotations::{
    Agent, Annotations, ArticleRef, Attribution, Entity, Mention, Note, Shared, Sourcing, Span,
    Specificity, Stance, Status, Target,
};
pub use check::{Problem, check, duplicate_mentions};
pub use conflict::{Conflict, ConflictId, Side, Take, unresolved};
pub use ids::{
    AnyId, AttributionId, EntityId, IdError, MAX_ID, MentionId, NoteId, SourcingId, StanceId,
};
pub use index::{Index, Part};
pub use suggestion::{PASSIVE_RULE, Suggestion};
