//! How good the suggestions are: precision, recall and F1 against gold attributions in brat
//! standoff (PolNeAR's `Source`, `Cue`, `Content` or glossator's own labels), per layer,
//! with exact and with overlap matching (one to one, as in agreement).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::misses::{self, Misses};
use super::{Rules, suggest};
use crate::agree::measures::{Prf, prf, span_counts};
use crate::brat::Mapping;
use crate::brat::import::{ann_files_below, looks_like_polnear, read_one};
use crate::model::Span;
use crate::schema::Schema;

/// The layers scored, with the label each has in the schema.
pub const LAYERS: [(&str, &str); 3] = [
    ("claims", "Claim"),
    ("cues", "Cue"),
    ("speakers", "Speaker"),
];

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub files: usize,
    /// Files that could not be read, with why.
    pub skipped: Vec<String>,
    /// Per layer: (exact, overlap).
    pub layers: BTreeMap<String, (Prf, Prf)>,
    /// Per layer, the misses by kind, when asked for.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub misses: Misses,
}

/// Which of the gold files to score: all, or those at even or odd places (from 0) in
/// sorted order, to develop rules on one half and check them on the other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Half {
    #[default]
    All,
    Even,
    Odd,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub half: Half,
    /// Classify the misses ([`super::misses`]).
    pub misses: bool,
}

/// Scores suggestions on every `.ann` below `gold`.
pub fn evaluate(
    gold: &Path,
    rules: &Rules,
    schema: &Schema,
    options: Options,
) -> anyhow::Result<Report> {
    let listing = ann_files_below(gold)?;
    let mut files = listing.found;
    if files.is_empty() {
        anyhow::bail!(
            "{}: no .ann files here; give a folder of brat standoff with gold attributions",
            gold.display()
        );
    }
    files.sort();
    let files: Vec<_> = files
        .into_iter()
        .enumerate()
        .filter(|(i, _)| match options.half {
            Half::All => true,
            Half::Even => i % 2 == 0,
            Half::Odd => i % 2 == 1,
        })
        .map(|(_, f)| f)
        .collect();
    let mapping = if looks_like_polnear(gold) {
        Mapping::polnear()
    } else {
        Mapping::identity(schema)
    };
    let mut report = Report {
        skipped: listing.skipped.iter().map(ToString::to_string).collect(),
        ..Report::default()
    };
    let mut sums: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for ann in files {
        let (_, article, reference, _) = match read_one(&ann, &mapping, schema, "gold") {
            Ok(x) => x,
            Err(e) => {
                report.skipped.push(format!("{e:#}"));
                continue;
            }
        };
        let mut suggested = crate::model::Annotations::new(reference.article.clone(), "rules");
        let found = suggest(&article, rules, schema);
        let mut rule: BTreeMap<Vec<Span>, String> = BTreeMap::new();
        for s in &found {
            for spans in [s.claim.clone()].into_iter().chain(
                [s.cue, s.speaker, s.source]
                    .into_iter()
                    .flatten()
                    .map(|x| vec![x]),
            ) {
                rule.entry(spans).or_insert_with(|| s.rule.clone());
            }
        }
        suggested.offer(found, schema);
        while !suggested.suggestions.is_empty() {
            suggested.accept_suggestion(0, schema, &article.text);
        }
        for (layer, label) in LAYERS {
            let counts = span_counts(&reference, &suggested, label);
            let s = sums.entry(layer).or_default();
            for (total, n) in s.iter_mut().zip(counts) {
                *total += n;
            }
            if options.misses {
                misses::classify(
                    &article.text,
                    &reference,
                    &suggested,
                    label,
                    layer,
                    &rule,
                    &mut report.misses,
                );
            }
        }
        report.files += 1;
    }
    for (layer, [exact, overlap, gold_n, ours]) in sums {
        report.layers.insert(
            layer.to_owned(),
            (
                prf(exact, exact, gold_n, ours),
                prf(overlap, overlap, gold_n, ours),
            ),
        );
    }
    Ok(report)
}

/// The report as a table.
pub fn table(r: &Report) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "{:<10} {:>6} {:>6} | {:>9} {:>6} {:>6} | {:>9} {:>6} {:>6}\n",
        "layer", "gold", "ours", "exact P", "R", "F1", "overlap P", "R", "F1"
    );
    for (layer, _) in LAYERS {
        if let Some((e, o)) = r.layers.get(layer) {
            let _ = writeln!(
                out,
                "{layer:<10} {:>6} {:>6} | {:>9.3} {:>6.3} {:>6.3} | {:>9.3} {:>6.3} {:>6.3}",
                e.a, e.b, e.precision, e.recall, e.f1, o.precision, o.recall, o.f1
            );
        }
    }
    out
}
