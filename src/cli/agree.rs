//! `glossator agree`: how far annotators of a project agree, and where they do not.

use std::path::Path;

use serde::Serialize;

use super::Outcome;
use crate::agree::measures::{
    Pairwise, all_pairs, by_article, stance_fleiss, token_alpha, unitizing_alpha,
};
use crate::diagnostic::Diagnostics;
use crate::project::Project;

#[derive(Serialize)]
struct Report {
    annotators: Vec<String>,
    articles: usize,
    pairs: Vec<Pairwise>,
    /// Token-level Krippendorff's alpha per label, over every annotator.
    token_alpha: std::collections::BTreeMap<String, String>,
    /// Krippendorff's unitizing alpha per label over the code points of the articles every
    /// annotator has a file for.
    unitizing_alpha: std::collections::BTreeMap<String, String>,
    /// Fleiss' kappa on stance polarity across three or more annotators.
    stance_fleiss: String,
}

fn pct(x: usize, of: usize) -> String {
    if of == 0 {
        "-".into()
    } else {
        format!(
            "{:.0}%",
            100.0 * f64::from(u32::try_from(x).unwrap_or(0))
                / f64::from(u32::try_from(of).unwrap_or(1))
        )
    }
}

/// One pair's part of the report.
fn print_pair(p: &Pairwise) {
    outln!("\n{} vs {}", p.a, p.b);
    outln!(
        "  {:<10} {:>6} {:>6}  {:>17}  {:>17}",
        "label",
        p.a.chars().take(6).collect::<String>(),
        p.b.chars().take(6).collect::<String>(),
        "exact P / R / F1",
        "overlap P / R / F1"
    );
    for (label, (exact, overlap)) in &p.labels {
        if exact.a == 0 && exact.b == 0 {
            outln!(
                "  {label:<10} {:>6} {:>6}  not defined: neither marked any",
                0,
                0
            );
            continue;
        }
        outln!(
            "  {label:<10} {:>6} {:>6}  {:.2} / {:.2} / {:.2}  {:.2} / {:.2} / {:.2}",
            exact.a,
            exact.b,
            exact.precision,
            exact.recall,
            exact.f1,
            overlap.precision,
            overlap.recall,
            overlap.f1
        );
    }
    outln!(
        "  claims both attributed: {}; same speaker {} ({}); same cue {} ({})",
        p.claims_matched,
        p.same_speaker,
        pct(p.same_speaker, p.claims_matched),
        p.same_cue,
        pct(p.same_cue, p.claims_matched)
    );
    outln!("  stance polarity, Cohen's kappa: {}", p.stance_kappa);
    outln!("  disagreements: {}", p.disagreements.len());
    for d in p.disagreements.iter().take(10) {
        outln!("    {} @{}: {}: {} | {}", d.article, d.at, d.what, d.a, d.b);
    }
    if p.disagreements.len() > 10 {
        outln!(
            "    ... {} more (--json lists them all)",
            p.disagreements.len() - 10
        );
    }
}

pub fn run(dir: &Path, wanted: &[String], json: bool) -> anyhow::Result<Outcome> {
    let project = Project::open(dir)?;
    let schema = project.schema().map_err(Diagnostics)?;
    let mut docs = Vec::new();
    let mut annotators: Vec<String> = Vec::new();
    let listing = project.list_annotation_files();
    for s in &listing.skipped {
        errln!("note: {s}");
    }
    for f in listing.found {
        let keep = if wanted.is_empty() {
            f.annotator != "gold"
        } else {
            wanted.contains(&f.annotator)
        };
        if !keep {
            continue;
        }
        docs.push(crate::export::load_doc(&f.path, &schema)?);
        if !annotators.contains(&f.annotator) {
            annotators.push(f.annotator.clone());
        }
    }
    annotators.sort();
    for w in wanted {
        if !annotators.contains(w) {
            anyhow::bail!(
                "{}: no annotation files by {w:?} in this project",
                dir.display()
            );
        }
    }
    if annotators.len() < 2 {
        anyhow::bail!(
            "{}: agreement needs two annotators' files; it has {} ({})",
            dir.display(),
            annotators.len(),
            annotators.join(", ")
        );
    }
    let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
    let articles = by_article(&docs, &annotators);
    let pairs = all_pairs(&articles, &annotators, &labels);
    let report = Report {
        annotators: annotators.clone(),
        articles: articles.len(),
        pairs,
        token_alpha: token_alpha(&articles, &labels),
        unitizing_alpha: unitizing_alpha(&articles, &labels),
        stance_fleiss: stance_fleiss(&articles),
    };
    if json {
        super::out::json(&report)?;
        return Ok(Outcome::Clean);
    }
    outln!(
        "{} annotators ({}) on {} article(s)",
        annotators.len(),
        annotators.join(", "),
        report.articles
    );
    for p in &report.pairs {
        print_pair(p);
    }
    outln!("\ntoken-level Krippendorff's alpha per label (all annotators):");
    for (label, alpha) in &report.token_alpha {
        outln!("  {label:<10} {alpha}");
    }
    outln!("unitizing alpha (alpha_U) per label, articles every annotator did:");
    for (label, alpha) in &report.unitizing_alpha {
        outln!("  {label:<10} {alpha}");
    }
    outln!("stance polarity, Fleiss' kappa: {}", report.stance_fleiss);
    Ok(Outcome::Clean)
}
