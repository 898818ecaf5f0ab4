//! The annotation file's formats. Each released format keeps its own types in its own
//! module, fixed for good; [`parse`] reads the `format` number first and hands the file to
//! that version's reader, which upgrades it step by step to the current one. The model
//! (`crate::model`) never touches serde for the file: `convert` maps the current types to
//! and from it, so renaming a model field cannot change what is written.
//!
//! Format 2 (attributions with no speaker or several contents) and format 3 (conflict
//! records of a merge) were added so, and format 4 is added the same way: one module
//! `v4.rs` with the new types, its reader, and `fn upgrade(v3::FileV3) -> v4::FileV4`;
//! then `CURRENT_FORMAT = 4`, `Current` names the new file type, and the older arms gain a
//! step: `3 => v3::parse(body).map(v4::upgrade)`. The committed fixtures under
//! `tests/fixtures/v1/`, `v2/` and `v3/` must keep loading.

mod quick;
mod v1;
mod v2;
mod v3;

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

pub use v1::*;
pub use v2::{AttributionV2, FileV2};
pub use v3::{ConflictIdV3, ConflictV3, FileV3, SideV3};

/// The format this build writes; files with a larger number are refused.
pub const CURRENT_FORMAT: u32 = 3;

/// The file type of the current format: what reading gives and writing takes.
pub type Current = FileV3;

/// The part of every format that says which one it is.
#[derive(Deserialize)]
struct Probe {
    format: u32,
}

/// Reads `body` in whichever format it declares, upgraded to the current one. A newer
/// format, or a number no release used, is refused with what to do.
pub fn parse(path: &Path, body: &str) -> Result<Current, Diagnostic> {
    let diagnose = |e: ron::error::SpannedError| diagnose(path, body, &e);
    // The number where glossator writes it, first in the file: each version read once.
    // (A file that fails so is read again below, for the message the full path gives.)
    match leading_format(body) {
        Some(1) => {
            if let Ok(file) = v1::parse(body) {
                return Ok(v3::upgrade(v2::upgrade(file)));
            }
        }
        Some(2) => {
            if let Ok(file) = v2::parse(body) {
                return Ok(v3::upgrade(file));
            }
        }
        Some(3) => {
            if let Ok(file) = v3::parse(body) {
                return Ok(file);
            }
        }
        _ => {}
    }
    // Otherwise (a hand-edited file, a newer or an unknown number) as the current format,
    // and only when that fails the number alone, to tell a newer or older file from a
    // damaged one.
    let current = v3::parse(body);
    let format = match &current {
        Ok(file) => file.format,
        Err(_) => ron::from_str::<Probe>(body).map_err(diagnose)?.format,
    };
    match format {
        // A format-1 body also reads as format 2's types when no attribution is in it;
        // either way it is read by format 1's reader, so a file keeps meaning what it said.
        1 => v1::parse(body)
            .map(|f| v3::upgrade(v2::upgrade(f)))
            .map_err(diagnose),
        // Format 2 is format 3 without conflict records, so its body reads as format 3;
        // it is read by its own reader all the same, to keep meaning what it said.
        2 => v2::parse(body).map(v3::upgrade).map_err(diagnose),
        3 => current.map_err(diagnose),
        v if v > CURRENT_FORMAT => Err(Diagnostic::new(
            path,
            format!(
                "written in annotation format {v}, by a newer glossator; \
                 this one reads formats up to {CURRENT_FORMAT}"
            ),
            "upgrade glossator to open it; the file was left unchanged",
        )),
        v => Err(Diagnostic::new(
            path,
            format!("unknown annotation format {v}"),
            format!("glossator reads formats 1 to {CURRENT_FORMAT}; check the `format` field"),
        )),
    }
}

/// The `format` number when it is the file's first field, `(format: 2, ...`, read from the
/// text without parsing the rest; `None` when the file starts any other way.
fn leading_format(body: &str) -> Option<u32> {
    let rest = body.trim_start_matches('\u{feff}').trim_start();
    let rest = rest.strip_prefix('(')?.trim_start();
    let rest = rest.strip_prefix("format")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest[digits..].trim_start();
    if digits == 0 || digits > 9 || !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// A parse error at its line, naming the parts of the file as a person would, not by the
/// Rust types that read them.
fn diagnose(path: &Path, body: &str, e: &ron::error::SpannedError) -> Diagnostic {
    const HINT: &str = "the file was damaged or edited by hand; fix the place shown, \
                        or restore it from its backup or version control";
    let mut d = Diagnostic::from_ron(path, body, e, HINT);
    for (name, plain) in [
        ("`FileV3`", "the annotation file"),
        ("`ConflictV3`", "a conflict record"),
        ("`SideV3`", "a conflict record's other side"),
        ("`FileV2`", "the annotation file"),
        ("`FileV1`", "the annotation file"),
        ("`AttributionV2`", "an attribution"),
        ("`ArticleV1`", "article"),
        ("`EntityV1`", "an entity"),
        ("`MentionV1`", "a mention"),
        ("`FragmentV1`", "a fragment"),
        ("`AttributionV1`", "an attribution"),
        ("`SourcingV1`", "a sourcing"),
        ("`StanceV1`", "a stance"),
        ("`NoteV1`", "a note"),
        ("`SuggestionV1`", "a suggestion"),
        ("`StatusV1`", "status"),
        ("`SpecificityV1`", "specificity"),
        ("`TargetV1`", "target"),
    ] {
        d.message = d.message.replace(name, plain);
    }
    d
}

#[cfg(test)]
mod leading {
    use super::leading_format;

    #[test]
    fn the_number_is_read_where_glossator_writes_it_and_nowhere_else() {
        assert_eq!(leading_format("(\n    format: 1,\n    article: ("), Some(1));
        assert_eq!(leading_format("\u{feff}( format:2 )"), Some(2));
        assert_eq!(leading_format("(\n    format: 12345,"), Some(12345));
        // Anything else is left to the full reader and its messages.
        assert_eq!(leading_format("(\n    article: (), format: 1,"), None);
        assert_eq!(leading_format("// a comment\n(format: 1,"), None);
        assert_eq!(leading_format("(format: 1x,"), None);
        assert_eq!(leading_format("(format: 99999999999,"), None);
        assert_eq!(leading_format(""), None);
    }
}
