//! Agreement in parts: what one article's two files contribute to their pair ([`PairPart`]:
//! span matches per label, claims both attributed, stance polarities, aligned labels,
//! disagreements) and what one file contributes to the alphas ([`FilePart`]: the tokens and
//! code points each label covers). The figures over a corpus add the parts up in article
//! order, so parts kept from an earlier reading give exactly the figures of reading every
//! file again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::coefficients::{Coefficient, cohen, krippendorff_nominal};
use super::confusion::Confusion;
use super::measures::{Disagreement, Pairwise, Side, overlaps, prf, span_counts, stance_keys};
use crate::compare::{Verdict, agent_name, align};
use crate::model::{Annotations, Index, Mention};
use crate::text::Article;

/// One article's contribution to a pair of annotators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairPart {
    /// Per label: exact matches, overlap matches, A's mentions, B's mentions.
    pub counts: BTreeMap<String, [usize; 4]>,
    pub claims_matched: usize,
    pub same_speaker: usize,
    pub same_cue: usize,
    /// Polarities of the stances both made on the same holder and target.
    pub polarities: Vec<(String, String)>,
    /// A's and B's label of every aligned mention.
    pub aligned: Vec<(Option<String>, Option<String>)>,
    pub disagreements: Vec<Disagreement>,
}

/// What annotators `a` and `b` contribute on `article` (named `name`).
pub fn pair_part(
    name: &str,
    article: &Article,
    a: &Annotations,
    b: &Annotations,
    labels: &[String],
) -> PairPart {
    let mut out = PairPart::default();
    let text = &article.text;
    for label in labels {
        out.counts.insert(label.clone(), span_counts(a, b, label));
    }
    // A claim is what an attribution names as its claim, whatever the schema calls it;
    // claims both annotators attributed are matched by label and overlap.
    let (index_a, index_b) = (Index::build(a), Index::build(b));
    let speaker = |x: &Annotations, index: &Index, id| {
        x.attributions.iter().find(|at| at.has_claim(id)).map(|at| {
            (
                // No one named on both sides is the same speaker.
                at.speaker.map(|s| agent_name(x, text, s)),
                at.cue
                    .and_then(|c| index.mention(x, c))
                    .map(|m| m.words(text, " ").to_lowercase()),
            )
        })
    };
    let claims_b: Vec<&Mention> = b
        .attributions
        .iter()
        .flat_map(crate::model::Attribution::claims)
        .filter_map(|c| index_b.mention(b, c))
        .collect();
    for claim in a
        .attributions
        .iter()
        .flat_map(crate::model::Attribution::claims)
    {
        let Some(ma) = index_a.mention(a, claim) else {
            continue;
        };
        let matched = claims_b
            .iter()
            .find(|mb| mb.label == ma.label && overlaps(ma, mb));
        if let Some(mb) = matched
            && let (Some(sa), Some(sb)) = (speaker(a, &index_a, ma.id), speaker(b, &index_b, mb.id))
        {
            out.claims_matched += 1;
            out.same_speaker += usize::from(sa.0 == sb.0);
            out.same_cue += usize::from(sa.1 == sb.1);
        }
    }
    let (ka, kb) = (stance_keys(text, a), stance_keys(text, b));
    for (key, pa) in &ka {
        if let Some(pb) = kb.get(key) {
            out.polarities.push((pa.clone(), pb.clone()));
        }
    }
    let cp = |byte: usize| article.offsets.char_of_byte(byte).unwrap_or(0);
    let side = |x: &Annotations, index: &Index, id| {
        index.mention(x, id).map(|m| Side {
            id: m.id.to_string(),
            label: m.label.clone(),
            text: m.words(text, " … "),
            start: cp(m.extent().start),
            end: cp(m.extent().end),
        })
    };
    for pair in align(article, a, b) {
        out.aligned.push((
            pair.a
                .and_then(|m| index_a.mention(a, m))
                .map(|m| m.label.clone()),
            pair.b
                .and_then(|m| index_b.mention(b, m))
                .map(|m| m.label.clone()),
        ));
        if pair.verdict != Verdict::Agree {
            out.disagreements.push(Disagreement {
                article: name.to_owned(),
                what: pair.verdict.word(),
                detail: pair.verdict.detail(),
                a: pair.a.and_then(|m| side(a, &index_a, m)),
                b: pair.b.and_then(|m| side(b, &index_b, m)),
                at: cp(pair.at),
            });
        }
    }
    out
}

/// A pair's figures, added up article by article.
pub struct PairSum {
    out: Pairwise,
    sums: BTreeMap<String, [usize; 4]>,
    polarities: Vec<(String, String)>,
}

impl PairSum {
    pub fn new(names: (&str, &str)) -> Self {
        Self {
            out: Pairwise {
                a: names.0.to_owned(),
                b: names.1.to_owned(),
                articles: 0,
                labels: BTreeMap::new(),
                claims_matched: 0,
                same_speaker: 0,
                same_cue: 0,
                stance_kappa: Err(String::new()),
                disagreements: Vec::new(),
                confusion: Confusion::default(),
            },
            sums: BTreeMap::new(),
            polarities: Vec::new(),
        }
    }

    /// One more article both annotators have a file for.
    pub fn add(&mut self, part: &PairPart) {
        let out = &mut self.out;
        out.articles += 1;
        for (label, counts) in &part.counts {
            let s = self.sums.entry(label.clone()).or_default();
            for (total, n) in s.iter_mut().zip(counts) {
                *total += n;
            }
        }
        out.claims_matched += part.claims_matched;
        out.same_speaker += part.same_speaker;
        out.same_cue += part.same_cue;
        self.polarities.extend(part.polarities.iter().cloned());
        for (a, b) in &part.aligned {
            out.confusion.add(a.as_deref(), b.as_deref());
        }
        out.disagreements.extend(part.disagreements.iter().cloned());
    }

    pub fn finish(mut self) -> Pairwise {
        for (label, [exact, overlap, na, nb]) in self.sums {
            self.out.labels.insert(
                label,
                (prf(exact, exact, na, nb), prf(overlap, overlap, na, nb)),
            );
        }
        self.out.stance_kappa = cohen(&self.polarities);
        self.out
    }
}

/// One file's contribution to the alphas: per label, the runs of its article's tokens
/// (by index) that label covers, and its fragments in code points, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePart {
    /// The article's tokens and code points.
    pub tokens: usize,
    pub chars: usize,
    pub covered: BTreeMap<String, Vec<(usize, usize)>>,
    pub spans: BTreeMap<String, Vec<(usize, usize)>>,
}

/// What `a` contributes to the alphas of `labels` on `article`.
pub fn file_part(article: &Article, a: &Annotations, labels: &[String]) -> FilePart {
    let toks: Vec<std::ops::Range<usize>> = article
        .paragraphs
        .iter()
        .flat_map(|range| crate::export::tokens(&article.text, range.clone()))
        .map(|t| t.start..t.end)
        .collect();
    let mut out = FilePart {
        tokens: toks.len(),
        chars: article.char_count(),
        ..FilePart::default()
    };
    for label in labels {
        // Each token looked up by a binary search in the label's runs.
        let merged = super::measures::label_runs(a, label);
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (i, tok) in toks.iter().enumerate() {
            let k = merged.partition_point(|&(_, end)| end <= tok.start);
            if merged.get(k).is_some_and(|&(start, _)| start < tok.end) {
                match runs.last_mut() {
                    Some(last) if last.1 == i => last.1 = i + 1,
                    _ => runs.push((i, i + 1)),
                }
            }
        }
        out.covered.insert(label.clone(), runs);
        let mut chars: Vec<(usize, usize)> = a
            .mentions
            .iter()
            .filter(|m| m.label == *label)
            .flat_map(|m| m.fragments.iter())
            .map(|f| {
                (
                    article.offsets.char_of_byte(f.start).unwrap_or(0),
                    article.offsets.char_of_byte(f.end).unwrap_or(0),
                )
            })
            .collect();
        chars.sort_unstable();
        out.spans.insert(label.clone(), chars);
    }
    out
}

/// Token-level alpha of `label` over `articles` (each one slot per annotator).
pub fn token_alpha_of(articles: &[Vec<Option<&FilePart>>], label: &str) -> Coefficient {
    let mut units: Vec<Vec<Option<bool>>> = Vec::new();
    for files in articles {
        let Some(tokens) = files.iter().flatten().next().map(|f| f.tokens) else {
            continue;
        };
        // Per file, whether each token is covered.
        let codes: Vec<Option<Vec<bool>>> = files
            .iter()
            .map(|f| {
                f.map(|f| {
                    let mut row = vec![false; tokens];
                    for &(s, e) in f.covered.get(label).map_or(&[][..], Vec::as_slice) {
                        for c in row.iter_mut().take(e).skip(s) {
                            *c = true;
                        }
                    }
                    row
                })
            })
            .collect();
        for t in 0..tokens {
            units.push(codes.iter().map(|c| c.as_ref().map(|row| row[t])).collect());
        }
    }
    krippendorff_nominal(&units)
}

/// Unitizing alpha of `label` over the articles every annotator has a file for, placed one
/// after another.
pub fn unitizing_alpha_of(articles: &[Vec<Option<&FilePart>>], label: &str) -> Coefficient {
    let coders = articles.first().map_or(0, Vec::len);
    let mut units: Vec<Vec<(usize, usize)>> = vec![Vec::new(); coders];
    let mut offset = 0;
    let mut full = 0;
    for files in articles.iter().filter(|f| f.iter().all(Option::is_some)) {
        full += 1;
        for (c, f) in files.iter().enumerate() {
            let Some(f) = f else { continue };
            for &(s, e) in f.spans.get(label).map_or(&[][..], Vec::as_slice) {
                let s = (offset + s, offset + e);
                match units[c].last_mut() {
                    Some(last) if s.0 < last.1 => last.1 = last.1.max(s.1),
                    _ => units[c].push(s),
                }
            }
        }
        offset += files.iter().flatten().next().map_or(0, |f| f.chars);
    }
    if full == 0 {
        return Err("not defined: no article has every annotator's file".to_owned());
    }
    super::coefficients::unitizing(offset, &units).map(|(alpha, _, _)| alpha)
}
