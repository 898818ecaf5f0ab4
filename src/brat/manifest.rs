//! `glossator-brat.json`: what glossator's brat export needs to come back whole and brat has
//! no line for. brat reads only `.txt`, `.ann` and its `.conf` files, so the file is invisible
//! to it; `glossator import brat` reads it when it lies at the top of the imported folder.
//!
//! Per brat document (the `.ann`'s path below the folder, without `.ann`, `/`-separated): the
//! article's file name, the annotator, the status; entities (kind, name, named, knowledge-base
//! id and their mentions' `T` ids — the `*` Equiv and `N` lines say the same for brat); which
//! argument of an `E` or `R` line stands for an entity rather than the mention written there;
//! links brat cannot draw (to an entity with no mention, to a free-text target); notes brat
//! cannot hold (on the article, an entity, or such a link) and the exact text of `#` notes
//! whose line breaks the `.ann` shows as spaces; and, for each `T` whose fragments were split
//! at line breaks (brat forbids a line break in a fragment), how many brat fragments make each
//! fragment of the mention. Everything refers to ids of the `.ann` written with it; an id
//! that is no longer there (the file was edited in brat) is skipped and reported.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Specificity, Status};

/// The manifest's file name, at the top of the export folder.
pub const FILE: &str = "glossator-brat.json";
/// What the `format` field says.
pub const FORMAT: &str = "glossator brat export";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub documents: BTreeMap<String, DocMeta>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocMeta {
    /// The article's file name in the project, e.g. `story.txt`.
    pub article: String,
    pub annotator: String,
    /// `todo`, `in progress`, `done` or `reviewed`.
    pub status: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fragments: BTreeMap<String, Vec<usize>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityMeta>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agents: Vec<AgentMeta>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkMeta>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteMeta>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub note_texts: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityMeta {
    pub kind: String,
    pub name: String,
    pub kb: Option<String>,
    pub named: bool,
    /// The `T` ids of its mentions.
    pub mentions: Vec<String>,
}

/// The argument `role` of line `line` stands for entity `entity` (an index into `entities`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentMeta {
    pub line: String,
    pub role: String,
    pub entity: usize,
}

/// A speaker, source, holder or target: a `T` id, an entity (by index) or free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Ref {
    T(String),
    Entity(usize),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LinkMeta {
    /// `speaker` is `None` for an attribution with no one named; `more` holds the further
    /// contents, and is left out when there are none.
    Attribution {
        claim: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        more: Vec<String>,
        speaker: Option<Ref>,
        cue: Option<String>,
    },
    Sourcing {
        claim: String,
        source: Ref,
        specificity: Option<String>,
    },
    Stance {
        holder: Ref,
        target: Ref,
        polarity: String,
    },
}

/// What a note is on: nothing (the article), a line of the `.ann`, an entity or a link of
/// `links`, by index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum NoteOn {
    Line(String),
    Entity(usize),
    Link(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteMeta {
    pub on: Option<NoteOn>,
    pub text: String,
}

pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::Todo => "todo",
        Status::InProgress => "in progress",
        Status::Done => "done",
        Status::Reviewed => "reviewed",
    }
}

pub fn status_of(name: &str) -> Option<Status> {
    [
        Status::Todo,
        Status::InProgress,
        Status::Done,
        Status::Reviewed,
    ]
    .into_iter()
    .find(|s| status_name(*s) == name)
}

pub fn specificity_name(s: Specificity) -> &'static str {
    match s {
        Specificity::Named => "Named",
        Specificity::Unnamed => "Unnamed",
        Specificity::Vague => "Vague",
    }
}

pub fn specificity_of(name: &str) -> Option<Specificity> {
    [Specificity::Named, Specificity::Unnamed, Specificity::Vague]
        .into_iter()
        .find(|s| specificity_name(*s) == name)
}

/// What the rest of a `Sourcing[_Specificity]` relation type says: `Some(None)` for a plain
/// `Sourcing`, `Some(Some(s))` for `_Named`, `_Unnamed` or `_Vague`, `None` for anything else.
pub fn sourcing_specificity(rest: &str) -> Option<Option<Specificity>> {
    if rest.is_empty() {
        return Some(None);
    }
    rest.strip_prefix('_').and_then(specificity_of).map(Some)
}

/// Characters that end a line for brat: its server reads `.ann` files with Python's
/// `str.splitlines`, which breaks at each of these.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s` on one line for brat: each line break becomes a space; nothing else changes.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if is_line_break(c) { ' ' } else { c })
        .collect()
}

/// brat type, role and value names hold no spaces or punctuation but `-`.
pub fn type_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_specificities_come_back_by_name() {
        for s in [
            Status::Todo,
            Status::InProgress,
            Status::Done,
            Status::Reviewed,
        ] {
            assert_eq!(status_of(status_name(s)), Some(s));
        }
        for s in [Specificity::Named, Specificity::Unnamed, Specificity::Vague] {
            assert_eq!(specificity_of(specificity_name(s)), Some(s));
        }
        assert_eq!(status_of("finished"), None);
    }

    #[test]
    fn a_sourcing_type_names_its_specificity_or_none() {
        assert_eq!(sourcing_specificity(""), Some(None));
        assert_eq!(
            sourcing_specificity("_Vague"),
            Some(Some(Specificity::Vague))
        );
        assert_eq!(
            sourcing_specificity("_Named"),
            Some(Some(Specificity::Named))
        );
        assert_eq!(sourcing_specificity("_Fuzzy"), None);
        assert_eq!(sourcing_specificity("Named"), None);
    }

    #[test]
    fn one_line_changes_only_line_breaks() {
        assert_eq!(
            one_line("a\u{a0} b  c\td\ne\u{2028}f"),
            "a\u{a0} b  c\td e f"
        );
    }
}
