//! `glossator import conll|doccano|label-studio`: other tools' files into a project, a line
//! per article saying what came in and what was skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::args::ImportFormat;
use super::{GlobalArgs, Outcome};
use crate::brat::Mapping;
use crate::diagnostic::Diagnostics;
use crate::import::{self, Record};
use crate::project::{Project, files_in_folder};

/// The files to read: `path` itself, or those below it with the format's extensions.
fn files(path: &Path, format: ImportFormat) -> anyhow::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let exts: &[&str] = match format {
        ImportFormat::Conll => &["conll", "iob", "iob2", "bio", "tsv"],
        ImportFormat::Doccano => &["jsonl", "json"],
        ImportFormat::LabelStudio | ImportFormat::Brat => &["json"],
    };
    let listing = files_in_folder(path, &|p| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
    })?;
    for s in &listing.skipped {
        errln!("note: {s}");
    }
    if listing.found.is_empty() {
        anyhow::bail!(
            "{}: no {} files here; nothing was imported",
            path.display(),
            exts.join("/")
        );
    }
    Ok(listing.found)
}

fn read(path: &Path, format: ImportFormat) -> anyhow::Result<Vec<Record>> {
    let source = crate::input::read_text(path, "import file", crate::input::BRAT_LIMIT)?;
    match format {
        ImportFormat::Conll => import::conll::parse(path, &source),
        ImportFormat::Doccano => import::doccano::parse(path, &source),
        ImportFormat::LabelStudio | ImportFormat::Brat => {
            import::label_studio::parse(path, &source)
        }
    }
}

fn counts(map: &BTreeMap<impl AsRef<str>, usize>) -> String {
    map.iter()
        .map(|(k, n)| format!("{n} {}", k.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(
    format: ImportFormat,
    path: &Path,
    into: &Path,
    map: Option<&str>,
    g: &GlobalArgs,
) -> anyhow::Result<Outcome> {
    let project = Project::open(into)?;
    let schema = project.schema().map_err(Diagnostics)?;
    let labels = match map {
        None | Some("identity") => import::identity(&schema),
        Some(file) => Mapping::load(Path::new(file), &schema)?.labels,
    };
    let flag = super::annotator_flag(g)?;
    let fallback = match format {
        ImportFormat::Conll => "conll",
        ImportFormat::Doccano => "doccano",
        ImportFormat::LabelStudio | ImportFormat::Brat => "label-studio",
    };
    let (mut done, mut failed, mut skipped_total) = (0, 0, 0);
    for file in files(path, format)? {
        let records = match read(&file, format) {
            Ok(r) => r,
            Err(e) => {
                errln!("{e:#}");
                failed += 1;
                continue;
            }
        };
        for r in &records {
            let annotator = flag
                .clone()
                .or_else(|| r.annotator.clone())
                .unwrap_or_else(|| fallback.to_owned());
            if let Err(e) =
                crate::project::annotator::check(&annotator, &crate::project::NameSource::Flag)
            {
                errln!("{}: {e}", r.origin);
                failed += 1;
                continue;
            }
            match import::write(&project, &schema, &labels, r, &annotator) {
                Ok(rep) => {
                    done += 1;
                    skipped_total += rep.skipped.values().sum::<usize>();
                    let into = rep
                        .written
                        .strip_prefix(&project.root)
                        .unwrap_or(&rep.written);
                    let what = if rep.imported.is_empty() {
                        "nothing".to_owned()
                    } else {
                        counts(&rep.imported)
                    };
                    out!("{} -> {}: {what}", rep.origin, into.display());
                    if rep.skipped.is_empty() {
                        outln!();
                    } else {
                        outln!("; skipped {}", counts(&rep.skipped));
                    }
                }
                Err(e) => {
                    errln!("{e:#}");
                    failed += 1;
                }
            }
        }
    }
    outln!(
        "imported {done} article(s){}{}",
        if failed == 0 {
            String::new()
        } else {
            format!(", {failed} failed (see above)")
        },
        if skipped_total > 0 {
            format!(", {skipped_total} item(s) skipped")
        } else {
            String::new()
        }
    );
    Ok(if failed == 0 {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}
