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
    println!("\n{} vs {}", p.a, p.b);
    println!(
        "  {:<10} {:>6} {:>6}  {:>17}  {:>17}",
        "label",
        p.a.chars().take(6).collect::<String>(),
        p.b.chars().take(6).collect::<String>(),
        "exact P / R / F1",
        "overlap P / R / F1"
    );
    for (label, (exact, overlap)) in &p.labels {
        if exact.a == 0 && exact.b == 0 {
            println!(
                "  {label:<10} {:>6} {:>6}  not defined: neither marked any",
                0, 0
            );
            continue;
        }
        println!(
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
    println!(
        "  claims both attributed: {}; same speaker {} ({}); same cue {} ({})",
        p.claims_matched,
        p.same_speaker,
        pct(p.same_speaker, p.claims_matched),
        p.same_cue,
        pct(p.same_cue, p.claims_matched)
    );
    println!("  stance polarity, Cohen's kappa: {}", p.stance_kappa);
    println!("  disagreements: {}", p.disagreements.len());
    for d in p.disagreements.iter().take(10) {
        println!("    {} @{}: {}: {} | {}", d.article, d.at, d.what, d.a, d.b);
    }
    if p.disagreements.len() > 10 {
        println!(
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
    for f in project.annotation_files() {
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
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(Outcome::Clean);
    }
    println!(
        "{} annotators ({}) on {} article(s)",
        annotators.len(),
        annotators.join(", "),
        report.articles
    );
    for p in &report.pairs {
        print_pair(p);
    }
    println!("\ntoken-level Krippendorff's alpha per label (all annotators):");
    for (label, alpha) in &report.token_alpha {
        println!("  {label:<10} {alpha}");
    }
    println!("unitizing alpha (alpha_U) per label, articles every annotator did:");
    for (label, alpha) in &report.unitizing_alpha {
        println!("  {label:<10} {alpha}");
    }
    println!("stance polarity, Fleiss' kappa: {}", report.stance_fleiss);
    Ok(Outcome::Clean)
}
