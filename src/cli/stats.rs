//! `glossator stats`: counts per label, entity kind, link and polarity, and each file's
//! status, for annotation files and folders of them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::model::Status;
use crate::project::summary::{STATUSES, Summary};
use crate::project::{GOLD, Project, files_in_folder, walk};
use crate::store::{self, Current};
use crate::text::sanitize_line;

#[derive(Default)]
struct Totals {
    labels: BTreeMap<String, usize>,
    kinds: BTreeMap<String, usize>,
    polarities: BTreeMap<String, usize>,
    statuses: BTreeMap<String, usize>,
    files: usize,
}

pub fn run(paths: &[PathBuf], json: bool) -> anyhow::Result<Outcome> {
    if let [one] = paths
        && Project::is_project(one)
    {
        return project(&Project::open(one)?, json);
    }
    if json {
        errln!("glossator stats: --json is for a project folder");
        return Ok(Outcome::Usage);
    }
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect(p, &mut files)?;
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        errln!(
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
                errln!("error: {d}");
                outcome = Outcome::Findings;
                None
            }
        })
        .collect();
    if rows.is_empty() {
        return Ok(outcome);
    }
    print_table(&rows);
    outln!();
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
    let listing = files_in_folder(dir, &walk::is_annotation_file)?;
    for s in &listing.skipped {
        errln!("note: {s}");
    }
    out.extend(listing.found);
    Ok(())
}

fn row(path: &Path, f: &Current, totals: &mut Totals) -> [String; 8] {
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
    *totals
        .statuses
        .entry(Status::from(f.status).to_string())
        .or_default() += 1;
    // Made safe before the columns are measured, so that they line up.
    [
        sanitize_line(&path.display().to_string()),
        sanitize_line(&f.annotator),
        Status::from(f.status).to_string(),
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
        outln!("{}", out.trim_end());
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
    outln!("{:<13} {list}", format!("{name}:"));
}

/// A project: totals and progress per annotator, then a row per article.
fn project(project: &Project, json: bool) -> anyhow::Result<Outcome> {
    let summary = Summary::load(project);
    for s in &summary.skipped {
        errln!("note: {s}");
    }
    for e in &summary.unreadable {
        errln!("error: {e}");
    }
    let outcome = if summary.unreadable.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    };
    if json {
        crate::out::json(&summary)?;
        return Ok(outcome);
    }
    let team = print_team(&summary);
    outln!();
    let mut rows: Vec<Vec<String>> = vec![
        ["article", "title"]
            .into_iter()
            .map(str::to_owned)
            .chain(team.iter().map(|a| sanitize_line(a)))
            .collect(),
    ];
    for a in &summary.articles {
        let mut row = vec![sanitize_line(&a.name), clip(&sanitize_line(&a.title), 40)];
        let to = summary.assigned.get(&a.name);
        for who in &team {
            let mine = to.is_some_and(|w| w.contains(who));
            row.push(match (a.files.get(who), mine) {
                (Some(f), _) => format!("{} ({})", f.status, f.mentions),
                (None, true) => "assigned".to_owned(),
                (None, false) => "-".to_owned(),
            });
        }
        rows.push(row);
    }
    print_rows(&rows, 2);
    let t = summary.totals(None);
    outln!();
    print_counts("labels", &t.labels);
    print_counts("stances", &t.polarities);
    Ok(outcome)
}

/// The project's line and a row per annotator (with assignments, each one's share and what
/// of it is still to do; someone given articles who has no file yet has a row too). Returns
/// the annotators, in order.
fn print_team(summary: &Summary) -> Vec<String> {
    let assigning = !summary.assigned.is_empty();
    let mut team: Vec<String> = summary.team().cloned().collect();
    for who in summary.assigned.values().flatten() {
        if !team.contains(who) && who != GOLD {
            team.push(who.clone());
        }
    }
    team.sort();
    let articles = summary.articles.len();
    outln!(
        "project {}: {articles} article{}, {}",
        summary.project,
        if articles == 1 { "" } else { "s" },
        summary.team_line()
    );
    let given = |who: &str| {
        summary
            .assigned
            .iter()
            .filter(|(_, w)| w.contains(who))
            .map(|(a, _)| a.as_str())
            .collect::<Vec<_>>()
    };
    let mut header = vec!["annotator"];
    if assigning {
        header.extend(["assigned", "to go"]);
    }
    header.extend(STATUSES);
    header.extend(["mentions", "attributions", "sourcings", "stances"]);
    let mut rows: Vec<Vec<String>> = vec![header.into_iter().map(str::to_owned).collect()];
    for who in &team {
        let progress = summary.progress(who);
        let t = summary.totals(Some(who));
        let mut row = vec![sanitize_line(who)];
        if assigning {
            let mine = given(who);
            let finished = mine
                .iter()
                .filter(|a| {
                    summary.articles.iter().any(|s| {
                        s.name == **a
                            && s.files
                                .get(who)
                                .is_some_and(|f| f.status == "done" || f.status == "reviewed")
                    })
                })
                .count();
            row.push(mine.len().to_string());
            row.push((mine.len() - finished).to_string());
        }
        row.extend(STATUSES.iter().map(|s| progress[s].to_string()));
        row.extend(
            [t.mentions, t.attributions, t.sourcings, t.stances]
                .iter()
                .map(ToString::to_string),
        );
        rows.push(row);
    }
    print_rows(&rows, 1);
    // Gold is shown apart, after the annotators, in the articles' table too.
    let mut columns = team;
    if summary.gold_articles() > 0 {
        columns.push(GOLD.to_owned());
    }
    columns
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// Rows in columns; the first `left` columns left-aligned, the rest right-aligned.
fn print_rows(rows: &[Vec<String>], left: usize) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for r in rows {
        let mut out = String::new();
        for (i, (cell, w)) in r.iter().zip(&widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let w = *w;
            let _ = if i < left {
                write!(out, "{cell:<w$}")
            } else {
                write!(out, "{cell:>w$}")
            };
        }
        outln!("{}", out.trim_end());
    }
}
