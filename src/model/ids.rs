//! Stable ids. On disk an id is a short prefixed string (`"m3"` for a mention, `"e1"` for an
//! entity), so a link is readable without knowing its field, and a reference that may name
//! either a mention or an entity carries its kind in the prefix.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A string that is not an id of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found:?}")]
pub struct IdError {
    pub expected: &'static str,
    pub found: String,
}

/// The largest id number: nine digits. Larger ones are refused when a file is read, so a
/// new id can always be found above or below the ones in use.
pub const MAX_ID: u32 = 999_999_999;

fn parse_number(s: &str, prefix: &str, expected: &'static str) -> Result<u32, IdError> {
    let digits = s
        .strip_prefix(prefix)
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| IdError {
            expected,
            found: s.to_owned(),
        })?;
    digits
        .parse()
        .ok()
        .filter(|n| *n <= MAX_ID)
        .ok_or_else(|| IdError {
            expected: "an id number of at most nine digits (give it a smaller unused number, \
                       and the links that name it too)",
            found: s.to_owned(),
        })
}

/// A number no id of `used` has: one above the largest, or when that would pass
/// [`MAX_ID`], the smallest one free.
pub fn free_id(used: impl Iterator<Item = u32> + Clone) -> u32 {
    let top = used.clone().max().unwrap_or(0);
    if top < MAX_ID {
        return top + 1;
    }
    let mut taken: Vec<u32> = used.collect();
    taken.sort_unstable();
    taken.dedup();
    let mut candidate = 1;
    for n in taken {
        if n > candidate {
            break;
        }
        if n == candidate {
            candidate += 1;
        }
    }
    candidate.min(MAX_ID)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $expected:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub const PREFIX: &'static str = $prefix;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                parse_number(s, $prefix, $expected).map(Self)
            }
        }

        /// As the JSONL export writes it (entities carry their id); the annotation file
        /// spells ids with its own types.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

    };
}

id_type!(/// A mention: `"m1"`.
    MentionId, "m", "a mention id like \"m3\"");
id_type!(/// An entity: `"e1"`.
    EntityId, "e", "an entity id like \"e1\"");
id_type!(/// An attribution: `"a1"`.
    AttributionId, "a", "an attribution id like \"a1\"");
id_type!(/// A sourcing: `"s1"`.
    SourcingId, "s", "a sourcing id like \"s1\"");
id_type!(/// A stance: `"st1"`.
    StanceId, "st", "a stance id like \"st1\"");
id_type!(/// A note: `"n1"`.
    NoteId, "n", "a note id like \"n1\"");

/// Any annotation's id; what a note is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnyId {
    Mention(MentionId),
    Entity(EntityId),
    Attribution(AttributionId),
    Sourcing(SourcingId),
    Stance(StanceId),
}

impl fmt::Display for AnyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Mention(id) => id.fmt(f),
            Self::Entity(id) => id.fmt(f),
            Self::Attribution(id) => id.fmt(f),
            Self::Sourcing(id) => id.fmt(f),
            Self::Stance(id) => id.fmt(f),
        }
    }
}

impl FromStr for AnyId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        // "st" before "s": the longer prefix wins.
        if let Ok(id) = s.parse() {
            return Ok(Self::Stance(id));
        }
        s.parse()
            .map(Self::Mention)
            .or_else(|_| s.parse().map(Self::Entity))
            .or_else(|_| s.parse().map(Self::Attribution))
            .or_else(|_| s.parse().map(Self::Sourcing))
            .map_err(|_| IdError {
                expected: "an annotation id like \"m3\", \"e1\", \"a1\", \"s1\" or \"st1\"",
                found: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_with_their_prefix() {
        assert_eq!(MentionId(3).to_string(), "m3");
        assert_eq!("m3".parse::<MentionId>(), Ok(MentionId(3)));
        assert_eq!("st2".parse::<StanceId>(), Ok(StanceId(2)));
        assert!("e3".parse::<MentionId>().is_err());
        assert!("m".parse::<MentionId>().is_err());
        assert!("m-1".parse::<MentionId>().is_err());
        assert!("m+1".parse::<MentionId>().is_err());
        assert!("m999999999".parse::<MentionId>().is_ok());
        let err = "m4294967295".parse::<MentionId>().unwrap_err().to_string();
        assert!(err.contains("at most nine digits"), "{err}");
        assert!("m99999999999999999999".parse::<MentionId>().is_err());
        let err = "x9".parse::<EntityId>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected an entity id like \"e1\", found \"x9\""
        );
    }

    #[test]
    fn any_id_tells_stances_from_sourcings() {
        assert_eq!("st4".parse::<AnyId>(), Ok(AnyId::Stance(StanceId(4))));
        assert_eq!("s4".parse::<AnyId>(), Ok(AnyId::Sourcing(SourcingId(4))));
        assert_eq!("m1".parse::<AnyId>(), Ok(AnyId::Mention(MentionId(1))));
        assert!("n1".parse::<AnyId>().is_err());
    }

    #[test]
    fn a_free_id_is_found_below_the_largest_when_none_is_left_above() {
        assert_eq!(free_id([3, 1].into_iter()), 4);
        assert_eq!(free_id(std::iter::empty()), 1);
        assert_eq!(free_id([MAX_ID, 1, 2, 4].into_iter()), 3);
    }
}
