//! How good the suggestions are: precision, recall and F1 against gold attributions in brat
//! standoff (PolNeAR's `Source`, `Cue`, `Content` or glossator's own labels), per layer,
//! with exact and with overlap matching (one to one, as in agreement).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::{Rules, suggest};
use crate::agree::measures::{Prf, prf, span_counts};
use crate::brat::Mapping;
use crate::brat::import::{ann_files_below, looks_like_polnear, read_one};
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
}

/// Scores suggestions on every `.ann` below `gold`.
pub fn evaluate(gold: &Path, rules: &Rules, schema: &Schema) -> anyhow::Result<Report> {
    let listing = ann_files_below(gold)?;
    let files = listing.found;
    if files.is_empty() {
        anyhow::bail!(
            "{}: no .ann files here; give a folder of brat standoff with gold attributions",
            gold.display()
        );
    }
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
        suggested.offer(suggest(&article, rules), schema);
        while !suggested.suggestions.is_empty() {
            suggested.accept_suggestion(0, schema);
        }
        for (layer, label) in LAYERS {
            let counts = span_counts(&reference, &suggested, label);
            let s = sums.entry(layer).or_default();
            for (total, n) in s.iter_mut().zip(counts) {
                *total += n;
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
