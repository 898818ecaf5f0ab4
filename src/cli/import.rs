//! `glossator import brat`: brat folders into a project, with a line per file saying what
//! came in and what was skipped.

use std::path::Path;

use super::{GlobalArgs, Outcome};
use crate::brat::import::looks_like_polnear;
use crate::brat::{Mapping, import_dir};
use crate::diagnostic::Diagnostics;
use crate::project::Project;

pub fn run(dir: &Path, into: &Path, map: Option<&str>, g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let project = Project::open(into)?;
    let schema = project.schema().map_err(Diagnostics)?;
    let (mapping, which) = match map {
        Some("polnear") => (Mapping::polnear(), "polnear".to_owned()),
        Some("identity") => (Mapping::identity(&schema), "identity".to_owned()),
        Some(file) => (Mapping::load(Path::new(file), &schema)?, file.to_owned()),
        None if looks_like_polnear(dir) => (
            Mapping::polnear(),
            "polnear (the files use Content spans)".to_owned(),
        ),
        None => (
            Mapping::identity(&schema),
            "identity (brat types are the schema's labels)".to_owned(),
        ),
    };
    let annotator = super::annotator_flag(g)?.unwrap_or_else(|| "brat".to_owned());
    outln!("mapping: {which}");
    let imported = import_dir(dir, &project, &mapping, &schema, &annotator)?;
    for s in &imported.skipped {
        errln!("note: {s}");
    }
    let (done, failed) = (imported.done, imported.failed);
    let mut skipped_total = 0;
    for r in &done {
        let counts: Vec<String> = r.imported.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let skipped: Vec<String> = r.skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
        skipped_total += r.skipped.values().sum::<usize>();
        let into = r.written.strip_prefix(&project.root).unwrap_or(&r.written);
        out!(
            "{} -> {}: {}",
            r.ann.display(),
            into.display(),
            if counts.is_empty() {
                "nothing".to_owned()
            } else {
                counts.join(", ")
            }
        );
        if skipped.is_empty() {
            outln!();
        } else {
            outln!("; skipped {}", skipped.join(", "));
        }
    }
    for f in &failed {
        errln!("{}", f.error);
    }
    outln!(
        "imported {} file(s){}{}",
        done.len(),
        if failed.is_empty() {
            String::new()
        } else {
            format!(", {} failed (see above)", failed.len())
        },
        if skipped_total > 0 {
            format!(", {skipped_total} item(s) skipped")
        } else {
            String::new()
        }
    );
    Ok(if failed.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
