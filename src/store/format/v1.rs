//! Format 1, the types exactly as they are written: field names, their order, the variant
//! names and the spelling of ids are fixed here, whatever the model calls them. Lists are
//! written in the model's canonical order and `attrs` is a sorted map, so the same
//! annotations always give the same bytes and git diffs stay small.
//!
//! Nothing here may change once released: a change is a new format (see `super`).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileV1 {
    pub format: u32,
    pub article: ArticleV1,
    pub annotator: String,
    pub status: StatusV1,
    #[serde(default)]
    pub entities: Vec<EntityV1>,
    #[serde(default)]
    pub mentions: Vec<MentionV1>,
    #[serde(default)]
    pub attributions: Vec<AttributionV1>,
    #[serde(default)]
    pub sourcings: Vec<SourcingV1>,
    #[serde(default)]
    pub stances: Vec<StanceV1>,
    #[serde(default)]
    pub notes: Vec<NoteV1>,
    /// Written only when there are any, so files without them read as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<SuggestionV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<FragmentV1>,
}

/// The article the offsets refer to: its path, the SHA-256 of its normalised text and its
/// length in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleV1 {
    pub path: String,
    pub sha256: String,
    pub chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusV1 {
    Todo,
    InProgress,
    Done,
    Reviewed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityV1 {
    pub id: EntityIdV1,
    pub kind: String,
    pub name: String,
    pub kb: Option<String>,
    pub named: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionV1 {
    pub id: MentionIdV1,
    pub label: String,
    #[serde(deserialize_with = "exact")]
    pub fragments: Vec<FragmentV1>,
    #[serde(default)]
    pub entity: Option<EntityIdV1>,
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
}

/// A list read to its exact length. The file gives no length ahead, so a growing `Vec`
/// keeps room for four fragments where a mention nearly always has one: 120 bytes a
/// mention, 2.4 MB for a file of 20,000, alive while the file is read.
fn exact<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::<T>::deserialize(d)?;
    list.shrink_to_fit();
    Ok(list)
}

/// `[start, end)` in code points, and the text it covered when it was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FragmentV1 {
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionV1 {
    pub id: AttributionIdV1,
    pub claim: MentionIdV1,
    pub speaker: AgentV1,
    pub cue: Option<MentionIdV1>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpecificityV1 {
    Named,
    Unnamed,
    Vague,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcingV1 {
    pub id: SourcingIdV1,
    pub claim: MentionIdV1,
    pub source: AgentV1,
    pub specificity: Option<SpecificityV1>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetV1 {
    Mention(MentionIdV1),
    Entity(EntityIdV1),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceV1 {
    pub id: StanceIdV1,
    pub holder: AgentV1,
    pub target: TargetV1,
    pub polarity: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteV1 {
    pub id: NoteIdV1,
    /// Any annotation, or the article when `None`.
    pub on: Option<AnyIdV1>,
    pub text: String,
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

/// The id number after `prefix`: digits, at most nine of them ([`crate::model::MAX_ID`]), so
/// that a new id can always be found above or below the ones in use.
pub(super) fn number(s: &str, prefix: &str) -> Option<u32> {
    digits(s, prefix)
        .and_then(|n| n.parse().ok())
        .filter(|n| *n <= crate::model::MAX_ID)
}

pub(super) fn digits<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.strip_prefix(prefix)
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn refuse<E: de::Error>(expected: &str, found: &str) -> E {
    E::custom(format!("expected {expected}, found {found:?}"))
}

/// An id as written: its kind's prefix and a number, `"m3"`.
macro_rules! id_v1 {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $expected:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            const EXPECTED: &'static str = $expected;

            fn parse(s: &str) -> Option<Self> {
                number(s, $prefix).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).ok_or_else(|| {
                    if digits(&s, $prefix).is_some() {
                        refuse(
                            "an id number of at most nine digits (give it a smaller unused \
                             number, and the links that name it too)",
                            &s,
                        )
                    } else {
                        refuse(Self::EXPECTED, &s)
                    }
                })
            }
        }
    };
}

pub(super) use id_v1;

id_v1!(/// `"m1"`
    MentionIdV1, "m", "a mention id like \"m3\"");
id_v1!(/// `"e1"`
    EntityIdV1, "e", "an entity id like \"e1\"");
id_v1!(/// `"a1"`
    AttributionIdV1, "a", "an attribution id like \"a1\"");
id_v1!(/// `"s1"`
    SourcingIdV1, "s", "a sourcing id like \"s1\"");
id_v1!(/// `"st1"`
    StanceIdV1, "st", "a stance id like \"st1\"");
id_v1!(/// `"n1"`
    NoteIdV1, "n", "a note id like \"n1\"");

/// A speaker, source or stance holder: a mention's or an entity's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgentV1 {
    Mention(MentionIdV1),
    Entity(EntityIdV1),
}

impl Serialize for AgentV1 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Mention(id) => id.serialize(s),
            Self::Entity(id) => id.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for AgentV1 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MentionIdV1::parse(&s)
            .map(Self::Mention)
            .or_else(|| EntityIdV1::parse(&s).map(Self::Entity))
            .ok_or_else(|| refuse("a mention or entity id like \"m3\" or \"e1\"", &s))
    }
}

/// What a note is on: any annotation's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnyIdV1 {
    Mention(MentionIdV1),
    Entity(EntityIdV1),
    Attribution(AttributionIdV1),
    Sourcing(SourcingIdV1),
    Stance(StanceIdV1),
}

impl Serialize for AnyIdV1 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Mention(id) => id.serialize(s),
            Self::Entity(id) => id.serialize(s),
            Self::Attribution(id) => id.serialize(s),
            Self::Sourcing(id) => id.serialize(s),
            Self::Stance(id) => id.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for AnyIdV1 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // "st" before "s": the longer prefix wins.
        StanceIdV1::parse(&s)
            .map(Self::Stance)
            .or_else(|| MentionIdV1::parse(&s).map(Self::Mention))
            .or_else(|| EntityIdV1::parse(&s).map(Self::Entity))
            .or_else(|| AttributionIdV1::parse(&s).map(Self::Attribution))
            .or_else(|| SourcingIdV1::parse(&s).map(Self::Sourcing))
            .ok_or_else(|| {
                refuse(
                    "an annotation id like \"m3\", \"e1\", \"a1\", \"s1\" or \"st1\"",
                    &s,
                )
            })
    }
}

/// Reads a format-1 file.
pub(super) fn parse(body: &str) -> Result<FileV1, ron::error::SpannedError> {
    super::quick::from_str(body).or_else(|_| ron::from_str(body))
}
