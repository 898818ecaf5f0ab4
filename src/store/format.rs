//! The version-1 file: the model with code-point offsets and each fragment's quote.
//! Lists are written in the model's canonical order and `attrs` is a sorted map, so the same
//! annotations always give the same bytes and git diffs stay small.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    ArticleRef, Attribution, Entity, EntityId, MentionId, Note, Sourcing, Stance, Status,
};

/// The format this build writes; files with a larger number are refused.
pub const CURRENT_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileV1 {
    pub format: u32,
    pub article: ArticleRef,
    pub annotator: String,
    pub status: Status,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub mentions: Vec<MentionV1>,
    #[serde(default)]
    pub attributions: Vec<Attribution>,
    #[serde(default)]
    pub sourcings: Vec<Sourcing>,
    #[serde(default)]
    pub stances: Vec<Stance>,
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Written only when there are any, so files without them read as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<SuggestionV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<FragmentV1>,
}

/// A suggestion, its spans in code points with their quotes like a mention's fragments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestionV1 {
    pub rule: String,
    #[serde(default)]
    pub claim: Vec<FragmentV1>,
    #[serde(default)]
    pub cue: Option<FragmentV1>,
    #[serde(default)]
    pub speaker: Option<FragmentV1>,
    #[serde(default)]
    pub source: Option<FragmentV1>,
    /// Who speaks, and the kind of entity.
    #[serde(default)]
    pub entity: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionV1 {
    pub id: MentionId,
    pub label: String,
    pub fragments: Vec<FragmentV1>,
    #[serde(default)]
    pub entity: Option<EntityId>,
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
}

/// `[start, end)` in code points, and the text it covered when it was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FragmentV1 {
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

impl FileV1 {
    /// The file's annotations with `mentions` placed on a text described by `article`.
    pub fn annotations(
        &self,
        article: crate::model::ArticleRef,
        mentions: Vec<crate::model::Shared<crate::model::Mention>>,
        suggestions: Vec<crate::model::Suggestion>,
        rejected: Vec<crate::model::Span>,
    ) -> crate::model::Annotations {
        crate::model::Annotations {
            article,
            annotator: self.annotator.clone(),
            status: self.status,
            entities: self.entities.clone(),
            mentions,
            attributions: self.attributions.clone(),
            sourcings: self.sourcings.clone(),
            stances: self.stances.clone(),
            notes: self.notes.clone(),
            suggestions: suggestions
                .into_iter()
                .map(crate::model::Shared::from)
                .collect::<Vec<_>>()
                .into(),
            rejected,
        }
    }
}
