//! `glossator stats`: counts per label, entity kind, link and polarity, and each file's
//! status, for annotation files and folders of them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::store::{self, FileV1};

#[derive(Default)]
struct Totals {
    labels: BTreeMap<String, usize>,
    kinds: BTreeMap<String, usize>,
    polarities: BTreeMap<String, usize>,
    statuses: BTreeMap<String, usize>,
    files: usize,
}

pub fn run(paths: &[PathBuf]) -> anyhow::Result<Outcome> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect(p, &mut files)?;
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        eprintln!(
            "error: no annotation file (*.ann.ron) found in {}",
            join(paths)
        );
        return Ok(Outcome::Findings);
    }
    let mut outcome = Outcome::Clean;
    let mut totals = Totals::default();
    let rows: Vec<[String; 8]> = files
        .iter()
        .filter_map(|f| match store::read(f) {
            Ok(parsed) => Some(row(f, &parsed.file, &mut totals)),
            Err(d) => {
                eprintln!("error: {d}");
                outcome = Outcome::Findings;
                None
            }
        })
        .collect();
    if rows.is_empty() {
        return Ok(outcome);
    }
    print_table(&rows);
    println!();
    print_counts("labels", &totals.labels);
    print_counts("entity kinds", &totals.kinds);
    print_counts("stances", &totals.polarities);
    if totals.files > 1 {
        print_counts("status", &totals.statuses);
    }
    Ok(outcome)
}

fn join(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot list the folder: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out)?;
        } else if name.ends_with(".ann.ron") {
            out.push(path);
        }
    }
    Ok(())
}

fn row(path: &Path, f: &FileV1, totals: &mut Totals) -> [String; 8] {
    totals.files += 1;
    for m in &f.mentions {
        *totals.labels.entry(m.label.clone()).or_default() += 1;
    }
    for e in &f.entities {
        *totals.kinds.entry(e.kind.clone()).or_default() += 1;
    }
    for s in &f.stances {
        *totals.polarities.entry(s.polarity.clone()).or_default() += 1;
    }
    *totals.statuses.entry(f.status.to_string()).or_default() += 1;
    [
        path.display().to_string(),
        f.annotator.clone(),
        f.status.to_string(),
        f.mentions.len().to_string(),
        f.entities.len().to_string(),
        f.attributions.len().to_string(),
        f.sourcings.len().to_string(),
        f.stances.len().to_string(),
    ]
}

fn print_table(rows: &[[String; 8]]) {
    let header = [
        "file",
        "annotator",
        "status",
        "mentions",
        "entities",
        "attributions",
        "sourcings",
        "stances",
    ];
    let mut widths = header.map(str::len);
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 8]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let _ = if i < 3 {
                write!(out, "{cell:<w$}")
            } else {
                write!(out, "{cell:>w$}")
            };
        }
        println!("{}", out.trim_end());
    };
    line(header);
    for r in rows {
        line(r.each_ref().map(String::as_str));
    }
}

fn print_counts(name: &str, counts: &BTreeMap<String, usize>) {
    let list = if counts.is_empty() {
        "none".to_owned()
    } else {
        counts
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("{:<13} {list}", format!("{name}:"));
}
