//! `glossator merge-file BASE OURS THEIRS [PATH]`: git's merge driver for annotation
//! files. The result replaces OURS (git's `%A`); the exit status tells git whether a person
//! is needed (1) or the inputs could not be read (2).

use std::path::Path;

use super::Outcome;
use crate::store::{self, Current};

pub fn run(base: &Path, ours: &Path, theirs: &Path, path: Option<&Path>) -> Outcome {
    let name = path.unwrap_or(ours);
    match merge(base, ours, theirs) {
        Ok(0) => Outcome::Clean,
        Ok(n) => {
            let s = if n == 1 { "" } else { "s" };
            errln!(
                "{}: merged with {n} conflict{s} for a person to settle: open it in glossator \
                 and take ours, theirs or both for each, then save, `git add` and commit",
                name.display()
            );
            Outcome::Findings
        }
        Err(why) => {
            errln!(
                "error: cannot merge {}: {why}\n  = the file was left as it is on this side; \
                 take one side with `git checkout --ours {0}` or `git checkout --theirs {0}`, \
                 then `git add {0}`",
                name.display()
            );
            Outcome::Usage
        }
    }
}

/// Merges into `ours` and returns how many conflict records the file now holds.
fn merge(base: &Path, ours: &Path, theirs: &Path) -> Result<usize, String> {
    let read = |p: &Path| {
        crate::input::read_text(p, "annotation file", crate::input::ANNOTATION_LIMIT)
            .map_err(|d| d.to_string())
    };
    let (base_text, ours_text, theirs_text) = (read(base)?, read(ours)?, read(theirs)?);
    // What did not change on one side is the other side's file as it is.
    if ours_text == theirs_text || theirs_text == base_text {
        return Ok(parse(ours, ours_text)?.conflicts.len());
    }
    if ours_text == base_text {
        let file = parse(theirs, theirs_text.clone())?;
        write(ours, theirs_text.as_bytes())?;
        return Ok(file.conflicts.len());
    }
    let o = parse(ours, ours_text)?;
    let t = parse(theirs, theirs_text)?;
    // Both sides added the file: their common ancestor is an empty one.
    let b = if base_text.trim().is_empty() {
        empty_like(&o)
    } else {
        parse(base, base_text)?
    };
    let merged = crate::merge::merge(&b, &o, &t);
    let count = merged.file.conflicts.len();
    let text = store::encode(ours, merged.file).map_err(|e| e.to_string())?;
    write(ours, text.as_bytes())?;
    Ok(count)
}

fn parse(path: &Path, text: String) -> Result<Current, String> {
    store::read_str(path, text)
        .map(|p| p.file)
        .map_err(|d| d.to_string())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    store::Disk::real()
        .write_atomic(path, bytes)
        .map_err(|e| e.to_string())
}

/// `file` with no annotations.
fn empty_like(file: &Current) -> Current {
    let mut empty = file.clone();
    empty.entities.clear();
    empty.mentions.clear();
    empty.attributions.clear();
    empty.sourcings.clear();
    empty.stances.clear();
    empty.notes.clear();
    empty.suggestions.clear();
    empty.rejected.clear();
    empty.conflicts.clear();
    empty
}
