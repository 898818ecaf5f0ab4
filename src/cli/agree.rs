//! `glossator agree`: how far annotators of a project agree, and where they do not.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::Outcome;
use crate::agree::coefficients::Coefficient;
use crate::agree::confusion::Confusion;
use crate::agree::measures::{
    Disagreement, Pairwise, Prf, Side, all_pairs, by_article, has_annotations, show, stance_fleiss,
    token_alpha, unitizing_alpha,
};
use crate::diagnostic::Diagnostics;
use crate::export::Doc;
use crate::model::Status;
use crate::project::Project;

/// The report as `--json` prints it: numbers are JSON numbers, and a figure that is not
/// defined is `null` with the reason beside it.
#[derive(Serialize)]
struct Report<'a> {
    annotators: Vec<String>,
    /// The status the files were chosen by, if any.
    status: Option<String>,
    /// Articles with a file by at least one of the annotators.
    articles: usize,
    /// Per annotator, the articles they have a file for.
    files: BTreeMap<String, usize>,
    /// Files left out because they have no annotations yet.
    skipped_empty: usize,
    pairs: Vec<PairOut<'a>>,
    /// Token-level Krippendorff's alpha per label, over every annotator.
    token_alpha: BTreeMap<String, Value>,
    /// Krippendorff's unitizing alpha per label over the code points of the articles every
    /// annotator has a file for.
    unitizing_alpha: BTreeMap<String, Value>,
    /// Fleiss' kappa on stance polarity across three or more annotators.
    stance_fleiss: Value,
}

/// A coefficient: its value, or `null` and why not.
#[derive(Serialize)]
struct Value {
    value: Option<f64>,
    reason: Option<String>,
}

impl From<&Coefficient> for Value {
    fn from(c: &Coefficient) -> Self {
        match c {
            Ok(v) => Self {
                value: Some(*v),
                reason: None,
            },
            Err(why) => Self {
                value: None,
                reason: Some(why.clone()),
            },
        }
    }
}

#[derive(Serialize)]
struct PairOut<'a> {
    a: String,
    b: String,
    /// Articles both have a file for; the figures are over these.
    articles: usize,
    labels: BTreeMap<String, LabelOut>,
    claims_matched: usize,
    same_speaker: usize,
    same_cue: usize,
    stance_kappa: Value,
    /// A's label (row) against B's (column) for every aligned mention.
    confusion: &'a Confusion,
    disagreements: Vec<DisagreementOut<'a>>,
}

#[derive(Serialize)]
struct LabelOut {
    exact: PrfOut,
    overlap: PrfOut,
}

/// Precision, recall and F1 of B against A; `null` where not defined, with the reason.
#[derive(Serialize)]
struct PrfOut {
    /// A's and B's mentions of the label.
    a: usize,
    b: usize,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
    reason: Option<String>,
}

impl From<&Prf> for PrfOut {
    fn from(p: &Prf) -> Self {
        let reason = match (p.a, p.b) {
            (0, 0) => Some("not defined: neither marked any"),
            (_, 0) => Some("precision not defined: B marked none"),
            (0, _) => Some("recall not defined: A marked none"),
            _ => None,
        };
        Self {
            a: p.a,
            b: p.b,
            precision: (p.b > 0).then_some(p.precision),
            recall: (p.a > 0).then_some(p.recall),
            f1: (p.a + p.b > 0).then_some(p.f1),
            reason: reason.map(str::to_owned),
        }
    }
}

#[derive(Serialize)]
struct DisagreementOut<'a> {
    article: &'a str,
    what: &'a str,
    /// Where links differ, what each side says of the claim.
    detail: Option<&'a str>,
    /// Code point where it starts.
    at: usize,
    a: Option<&'a Side>,
    b: Option<&'a Side>,
}

impl<'a> From<&'a Disagreement> for DisagreementOut<'a> {
    fn from(d: &'a Disagreement) -> Self {
        Self {
            article: &d.article,
            what: &d.what,
            detail: d.detail.as_deref(),
            at: d.at,
            a: d.a.as_ref(),
            b: d.b.as_ref(),
        }
    }
}

fn pair_out(p: &Pairwise) -> PairOut<'_> {
    PairOut {
        a: p.a.clone(),
        b: p.b.clone(),
        articles: p.articles,
        labels: p
            .labels
            .iter()
            .map(|(l, (exact, overlap))| {
                (
                    l.clone(),
                    LabelOut {
                        exact: exact.into(),
                        overlap: overlap.into(),
                    },
                )
            })
            .collect(),
        claims_matched: p.claims_matched,
        same_speaker: p.same_speaker,
        same_cue: p.same_cue,
        stance_kappa: (&p.stance_kappa).into(),
        confusion: &p.confusion,
        disagreements: Vec::new(),
    }
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
fn print_pair(p: &Pairwise, confusion: bool) {
    outln!("\n{} vs {}: {} article(s) in common", p.a, p.b, p.articles);
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
            "  {label:<10} {:>6} {:>6}  {:>17}  {:>17}",
            exact.a,
            exact.b,
            exact.show(),
            overlap.show()
        );
    }
    if p.labels.values().any(|(e, _)| (e.a == 0) != (e.b == 0)) {
        outln!("  (- : not defined, one side marked none of that label)");
    }
    outln!(
        "  claims both attributed: {}; same speaker {} ({}); same cue {} ({})",
        p.claims_matched,
        p.same_speaker,
        pct(p.same_speaker, p.claims_matched),
        p.same_cue,
        pct(p.same_cue, p.claims_matched)
    );
    outln!(
        "  stance polarity, Cohen's kappa: {}",
        show(&p.stance_kappa)
    );
    if confusion {
        outln!("  labels, {} (rows) against {} (columns):", p.a, p.b);
        for line in p.confusion.table(&p.a, &p.b, 10) {
            outln!("    {line}");
        }
    }
    outln!("  disagreements: {}", p.disagreements.len());
    for d in p.disagreements.iter().take(10) {
        outln!(
            "    {} @{}: {}: {} | {}{}",
            d.article,
            d.at,
            d.what,
            Side::describe(d.a.as_ref()),
            Side::describe(d.b.as_ref()),
            d.detail
                .as_ref()
                .map_or_else(String::new, |x| format!(" ({x})"))
        );
    }
    if p.disagreements.len() > 10 {
        outln!(
            "    ... {} more (--json lists them all)",
            p.disagreements.len() - 10
        );
    }
}

/// The files to compare: the wanted annotators' (all but gold by default) with `status`,
/// less those with no annotations yet (counted).
fn load(
    dir: &Path,
    wanted: &[String],
    status: Option<Status>,
) -> anyhow::Result<(Vec<Doc>, Vec<String>, usize)> {
    let project = Project::open(dir)?;
    let schema = project.schema().map_err(Diagnostics)?;
    let mut docs = Vec::new();
    let mut annotators: Vec<String> = Vec::new();
    let mut skipped_empty = 0;
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
        let doc = crate::export::load_doc(&f.path, &schema)?;
        if status.is_some_and(|s| s != doc.annotations.status) {
            continue;
        }
        if !has_annotations(&doc.annotations) {
            skipped_empty += 1;
            continue;
        }
        docs.push(doc);
        if !annotators.contains(&f.annotator) {
            annotators.push(f.annotator.clone());
        }
    }
    annotators.sort();
    if skipped_empty > 0 {
        errln!("note: {skipped_empty} file(s) with no annotations yet were left out");
    }
    for w in wanted {
        if !annotators.contains(w) {
            anyhow::bail!(
                "{}: no annotation files by {w:?} in this project{}",
                dir.display(),
                if status.is_some() || skipped_empty > 0 {
                    " with annotations and that status"
                } else {
                    ""
                }
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
    Ok((docs, annotators, skipped_empty))
}

/// What to print besides the figures every report has.
#[derive(Debug, Clone, Copy)]
pub struct Show {
    /// The label confusion matrix of each pair.
    pub confusion: bool,
    /// JSON instead of text (it always has the matrices).
    pub json: bool,
}

pub fn run(
    dir: &Path,
    wanted: &[String],
    status: Option<Status>,
    what: Show,
) -> anyhow::Result<Outcome> {
    let Show { confusion, json } = what;
    let schema = Project::open(dir)?.schema().map_err(Diagnostics)?;
    let (docs, annotators, skipped_empty) = load(dir, wanted, status)?;
    let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
    let articles = by_article(&docs, &annotators);
    let pairs = all_pairs(&articles, &annotators, &labels);
    let files: BTreeMap<String, usize> = annotators
        .iter()
        .enumerate()
        .map(|(i, who)| {
            (
                who.clone(),
                articles.iter().filter(|a| a.files[i].is_some()).count(),
            )
        })
        .collect();
    let token = token_alpha(&articles, &labels);
    let unitizing = unitizing_alpha(&articles, &labels);
    let fleiss = stance_fleiss(&articles);
    if json {
        let report = Report {
            annotators: annotators.clone(),
            status: status.map(|s| s.to_string()),
            articles: articles.len(),
            files,
            skipped_empty,
            pairs: pairs
                .iter()
                .map(|p| PairOut {
                    disagreements: p.disagreements.iter().map(Into::into).collect(),
                    ..pair_out(p)
                })
                .collect(),
            token_alpha: token.iter().map(|(l, c)| (l.clone(), c.into())).collect(),
            unitizing_alpha: unitizing
                .iter()
                .map(|(l, c)| (l.clone(), c.into()))
                .collect(),
            stance_fleiss: (&fleiss).into(),
        };
        crate::out::json(&report)?;
        return Ok(Outcome::Clean);
    }
    outln!(
        "{} annotators ({}) on {} article(s){}",
        annotators.len(),
        files
            .iter()
            .map(|(who, n)| format!("{who}: {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        articles.len(),
        status.map_or_else(String::new, |s| format!(", status {s}"))
    );
    for p in &pairs {
        print_pair(p, confusion);
    }
    outln!("\ntoken-level Krippendorff's alpha per label (all annotators):");
    for (label, alpha) in &token {
        outln!("  {label:<10} {}", show(alpha));
    }
    outln!("unitizing alpha (alpha_U) per label, articles every annotator did:");
    for (label, alpha) in &unitizing {
        outln!("  {label:<10} {}", show(alpha));
    }
    outln!("stance polarity, Fleiss' kappa: {}", show(&fleiss));
    Ok(Outcome::Clean)
}
