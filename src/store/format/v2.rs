//! Format 2: format 1 with attributions that may name no speaker ("it was reported that")
//! and may have more than one content. Every other item is written as in format 1, by the
//! format-1 types, which stay fixed for good. A format-1 file is read as itself and
//! upgraded by [`upgrade`]: each attribution gets its speaker as `Some` and no further
//! contents, and nothing else changes.
//!
//! Nothing here may change once released: a change is a new format (see `super`).

use serde::{Deserialize, Serialize};

use super::v1::{
    AgentV1, ArticleV1, AttributionIdV1, EntityV1, FileV1, FragmentV1, MentionIdV1, MentionV1,
    NoteV1, SourcingV1, StanceV1, StatusV1, SuggestionV1,
};

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileV2 {
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
}

/// `(id: "a1", claim: "m2", speaker: Some("m3"), cue: Some("m4"))`; with no one named,
/// `speaker: None`; a second content as `more: ["m8"]` after `claim`, written only when
/// there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionV2 {
    pub id: AttributionIdV1,
    pub claim: MentionIdV1,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<MentionIdV1>,
    pub speaker: Option<AgentV1>,
    pub cue: Option<MentionIdV1>,
}

/// A format-1 file as format 2: the same annotations, every attribution with its speaker.
pub fn upgrade(v1: FileV1) -> FileV2 {
    FileV2 {
        format: 2,
        article: v1.article,
        annotator: v1.annotator,
        status: v1.status,
        entities: v1.entities,
        mentions: v1.mentions,
        attributions: v1
            .attributions
            .into_iter()
            .map(|a| AttributionV2 {
                id: a.id,
                claim: a.claim,
                more: Vec::new(),
                speaker: Some(a.speaker),
                cue: a.cue,
            })
            .collect(),
        sourcings: v1.sourcings,
        stances: v1.stances,
        notes: v1.notes,
        suggestions: v1.suggestions,
        rejected: v1.rejected,
    }
}

/// Reads a format-2 file.
pub(super) fn parse(body: &str) -> Result<FileV2, ron::error::SpannedError> {
    super::quick::from_str(body).or_else(|_| ron::from_str(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_1_file_upgrades_with_every_speaker_kept() {
        let v1 = super::super::v1::parse(
            "(format: 1, article: (path: \"a.txt\", sha256: \"\", chars: 9), annotator: \"t\", \
             status: Todo, attributions: [(id: \"a1\", claim: \"m1\", speaker: \"e2\", cue: None)])",
        )
        .unwrap();
        let v2 = upgrade(v1);
        assert_eq!(v2.format, 2);
        assert_eq!(
            v2.attributions,
            [AttributionV2 {
                id: AttributionIdV1(1),
                claim: MentionIdV1(1),
                more: Vec::new(),
                speaker: Some(AgentV1::Entity(super::super::v1::EntityIdV1(2))),
                cue: None,
            }]
        );
    }

    #[test]
    fn no_speaker_and_a_second_content_are_read_and_more_is_optional() {
        let body = "(format: 2, article: (path: \"a.txt\", sha256: \"\", chars: 9), \
                    annotator: \"t\", status: Todo, attributions: [\
                    (id: \"a1\", claim: \"m1\", speaker: None, cue: Some(\"m2\")), \
                    (id: \"a2\", claim: \"m3\", more: [\"m4\"], speaker: Some(\"m5\"), cue: None)])";
        let file = parse(body).unwrap();
        assert_eq!(file.attributions[0].speaker, None);
        assert!(file.attributions[0].more.is_empty());
        assert_eq!(file.attributions[1].more, [MentionIdV1(4)]);
    }
}
