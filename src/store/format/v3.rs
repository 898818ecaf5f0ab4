//! Format 3: format 2 with conflict records, written by `glossator merge-file` when two
//! people changed the same annotation differently. A record keeps the other side's version
//! of what the two disagree on, beside the file's own (which stays in the lists as usual),
//! so the file loads, shows the disagreement and can be settled by taking one side or both.
//!
//! A file with no conflict record is written as format 2, byte for byte: only a file that
//! needs a person says `format: 3`, and every other file stays readable by a glossator that
//! knows format 2. A format-2 file is read as itself and upgraded by [`upgrade`], with no
//! conflicts.
//!
//! Nothing here may change once released: a change is a new format (see `super`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::v1::{
    AnyIdV1, ArticleV1, EntityV1, FragmentV1, MentionV1, NoteV1, SourcingV1, StanceV1, StatusV1,
    SuggestionV1, digits, id_v1, number, refuse,
};
use super::v2::{AttributionV2, FileV2};

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileV3 {
    pub format: u32,
    pub article: ArticleV1,
    pub annotator: String,
    pub status: StatusV1,
    #[serde(default)]
    pub entities: Vec<EntityV1>,
    #[serde(default)]
    pub mentions: Vec<MentionV1>,
    #[serde(default)]
    pub attributions: Vec<AttributionV2>,
    #[serde(default)]
    pub sourcings: Vec<SourcingV1>,
    #[serde(default)]
    pub stances: Vec<StanceV1>,
    #[serde(default)]
    pub notes: Vec<NoteV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<SuggestionV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<FragmentV1>,
    /// Written only when there are any: then the file is format 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictV3>,
}

id_v1!(/// `"c1"`
    ConflictIdV3, "c", "a conflict id like \"c1\"");

/// `(id: "c1", what: "...", ours: ["m3"], theirs: (mentions: [...]))`: `ours` names the
/// items in the file's lists that are this side's version (none when this side deleted
/// it); `theirs` holds the other side's version in full (empty when it deleted it). An id
/// in `theirs` that is also in `ours` is the same annotation, changed differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictV3 {
    pub id: ConflictIdV3,
    pub what: String,
    #[serde(default)]
    pub ours: Vec<AnyIdV1>,
    #[serde(default)]
    pub theirs: SideV3,
}

/// One side's annotations in a conflict; links in it may name the file's items or each
/// other.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideV3 {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<MentionV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributions: Vec<AttributionV2>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sourcings: Vec<SourcingV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<StanceV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteV1>,
}

impl SideV3 {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
            && self.mentions.is_empty()
            && self.attributions.is_empty()
            && self.sourcings.is_empty()
            && self.stances.is_empty()
            && self.notes.is_empty()
    }
}

/// A format-2 file as format 3: the same annotations and no conflict. Its number stays 2,
/// as it is written back.
pub fn upgrade(v2: FileV2) -> FileV3 {
    FileV3 {
        format: v2.format,
        article: v2.article,
        annotator: v2.annotator,
        status: v2.status,
        entities: v2.entities,
        mentions: v2.mentions,
        attributions: v2.attributions,
        sourcings: v2.sourcings,
        stances: v2.stances,
        notes: v2.notes,
        suggestions: v2.suggestions,
        rejected: v2.rejected,
        conflicts: Vec::new(),
    }
}

/// Reads a format-3 file.
pub(super) fn parse(body: &str) -> Result<FileV3, ron::error::SpannedError> {
    super::quick::from_str(body).or_else(|_| ron::from_str(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_record_reads_with_both_sides_and_empty_parts_left_out() {
        let body = "(format: 3, article: (path: \"a.txt\", sha256: \"\", chars: 9), \
                    annotator: \"t\", status: Todo, conflicts: [\
                    (id: \"c1\", what: \"w\", ours: [\"m1\"], theirs: (mentions: [\
                    (id: \"m1\", label: \"Claim\", fragments: [(start: 0, end: 2, quote: \"ab\")])])), \
                    (id: \"c2\", what: \"gone there\", ours: [\"e1\"])])";
        let file = parse(body).unwrap();
        assert_eq!(file.conflicts.len(), 2);
        assert_eq!(file.conflicts[0].id, ConflictIdV3(1));
        assert_eq!(file.conflicts[0].theirs.mentions[0].label, "Claim");
        assert!(file.conflicts[1].theirs.is_empty());
    }
}
