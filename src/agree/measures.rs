//! Agreement on annotations: per label, precision / recall / F1 of one annotator's mentions
//! against another's (exact and overlap match); per layer, token-level Krippendorff's alpha
//! (each token coded by whether that label covers it, as PolNeAR reports); for claims both
//! annotated, how often the speaker and the cue agree; for stances on the same holder and
//! target, Cohen's kappa on polarity (Fleiss' kappa across more than two annotators).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::coefficients::{Coefficient, fleiss_from_labels, krippendorff_nominal};
use super::confusion::Confusion;
use super::parts::{PairSum, pair_part};
use super::progress::Progress;
use crate::compare::agent_name;
use crate::export::Doc;
use crate::model::{Annotations, Mention, Target};
use crate::text::Article;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Mentions of the reference (A) and of the other (B).
    pub a: usize,
    pub b: usize,
}

impl Prf {
    /// "P / R / F1" with two decimals; "-" for a figure that is not defined (precision
    /// when B marked none, recall when A marked none, F1 when neither marked any).
    pub fn show(&self) -> String {
        let fig = |defined: bool, x: f64| {
            if defined {
                format!("{x:.2}")
            } else {
                "-".to_owned()
            }
        };
        format!(
            "{} / {} / {}",
            fig(self.b > 0, self.precision),
            fig(self.a > 0, self.recall),
            fig(self.a + self.b > 0, self.f1)
        )
    }
}

pub(crate) fn prf(matched_a: usize, matched_b: usize, a: usize, b: usize) -> Prf {
    let ratio = |x: usize, y: usize| {
        if y == 0 {
            0.0
        } else {
            f64::from(u32::try_from(x).unwrap_or(0)) / f64::from(u32::try_from(y).unwrap_or(1))
        }
    };
    let (precision, recall) = (ratio(matched_b, b), ratio(matched_a, a));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
        a,
        b,
    }
}

pub(super) fn overlaps(x: &Mention, y: &Mention) -> bool {
    x.fragments.iter().any(|f| {
        y.fragments
            .iter()
            .any(|g| f.start < g.end && g.start < f.end)
    })
}

/// Counts of B's mentions of `label` against A's: (exact matches, overlap matches, A's, B's);
/// matching is one to one.
pub fn span_counts(a: &Annotations, b: &Annotations, label: &str) -> [usize; 4] {
    let xs: Vec<&Mention> = a
        .mentions
        .iter()
        .filter(|m| m.label == label)
        .map(|m| &**m)
        .collect();
    let ys: Vec<&Mention> = b
        .mentions
        .iter()
        .filter(|m| m.label == label)
        .map(|m| &**m)
        .collect();
    let count = |same: &dyn Fn(&Mention, &Mention) -> bool| {
        let mut used = vec![false; ys.len()];
        let mut matched = 0;
        for x in &xs {
            if let Some(j) = ys
                .iter()
                .enumerate()
                .position(|(j, y)| !used[j] && same(x, y))
            {
                used[j] = true;
                matched += 1;
            }
        }
        matched
    };
    let exact = count(&|x, y| x.fragments == y.fragments);
    let overlap = count(&overlaps);
    [exact, overlap, xs.len(), ys.len()]
}

/// Precision / recall / F1 of B's mentions of `label` against A's: (exact, overlap).
pub fn spans(a: &Annotations, b: &Annotations, label: &str) -> (Prf, Prf) {
    let [exact, overlap, na, nb] = span_counts(a, b, label);
    (prf(exact, exact, na, nb), prf(overlap, overlap, na, nb))
}

/// Per label: one row of token codes per annotator for the tokens of `article`; `None` for
/// an annotator without a file for it.
fn token_codes(
    article: &Article,
    files: &[Option<&Annotations>],
    label: &str,
) -> Vec<Vec<Option<bool>>> {
    // Each file's fragments of `label`, merged into disjoint runs in text order, so a token
    // is looked up by a binary search rather than against every mention.
    let runs: Vec<Option<Vec<(usize, usize)>>> = files
        .iter()
        .map(|f| f.map(|a| label_runs(a, label)))
        .collect();
    let mut units = Vec::new();
    for range in &article.paragraphs {
        for tok in crate::export::tokens(&article.text, range.clone()) {
            units.push(
                runs.iter()
                    .map(|r| {
                        r.as_ref().map(|r| {
                            let i = r.partition_point(|&(_, end)| end <= tok.start);
                            r.get(i).is_some_and(|&(start, _)| start < tok.end)
                        })
                    })
                    .collect(),
            );
        }
    }
    units
}

/// One article and every annotator's file for it (in the order of `annotators`).
pub struct Article3<'a> {
    pub article: &'a Article,
    pub name: &'a str,
    pub files: Vec<Option<&'a Annotations>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pairwise {
    pub a: String,
    pub b: String,
    /// Articles both annotators have a file for: everything below is measured on these.
    pub articles: usize,
    /// Per label: (exact, overlap).
    pub labels: BTreeMap<String, (Prf, Prf)>,
    /// Claims both annotators attributed (overlap match).
    pub claims_matched: usize,
    /// Of those, attributed to the same speaker, and with the same cue.
    pub same_speaker: usize,
    pub same_cue: usize,
    /// Cohen's kappa on the polarity of stances with the same holder and target.
    pub stance_kappa: Coefficient,
    pub disagreements: Vec<Disagreement>,
    /// A's label against B's for every aligned mention.
    pub confusion: Confusion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    pub article: String,
    pub what: String,
    /// Where links differ, what each side says: "A: said by Ana · B: said by Bob".
    pub detail: Option<String>,
    /// Each side's mention; `None` where that side has none.
    pub a: Option<Side>,
    pub b: Option<Side>,
    /// Code point where it starts.
    pub at: usize,
}

/// One annotator's mention in a disagreement; offsets in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    pub id: String,
    pub label: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Side {
    /// "Speaker: Local youth activists", for a person to read.
    pub fn describe(side: Option<&Self>) -> String {
        side.map(|s| format!("{}: {}", s.label, s.text))
            .unwrap_or_default()
    }
}

/// The fragments of `label`'s mentions in `a`, merged into disjoint runs in text order, so
/// that a token can be looked up in them by a binary search.
pub(super) fn label_runs(a: &Annotations, label: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = a
        .mentions
        .iter()
        .filter(|m| m.label == label)
        .flat_map(|m| m.fragments.iter().map(|g| (g.start, g.end)))
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Has the annotator marked anything in this file yet?
pub fn has_annotations(a: &Annotations) -> bool {
    !(a.mentions.is_empty()
        && a.entities.is_empty()
        && a.attributions.is_empty()
        && a.sourcings.is_empty()
        && a.stances.is_empty())
}

/// A coefficient for a person: three decimals, or why it is not defined.
pub fn show(c: &Coefficient) -> String {
    match c {
        Ok(v) => format!("{v:.3}"),
        Err(why) => why.clone(),
    }
}

/// Stances as (holder name, target words) -> polarity, for matching across annotators.
pub(super) fn stance_keys(doc_text: &str, a: &Annotations) -> BTreeMap<(String, String), String> {
    a.stances
        .iter()
        .map(|s| {
            let target = match &s.target {
                Target::Text(t) => t.to_lowercase(),
                Target::Entity(e) => a
                    .entity(*e)
                    .map(|e| e.name.to_lowercase())
                    .unwrap_or_default(),
                Target::Mention(m) => a
                    .mention(*m)
                    .map(|m| m.words(doc_text, " ").to_lowercase())
                    .unwrap_or_default(),
            };
            (
                (agent_name(a, doc_text, s.holder), target),
                s.polarity.clone(),
            )
        })
        .collect()
}

/// Everything between annotators `a` and `b` (indices into each article's files).
pub fn pairwise(
    articles: &[Article3<'_>],
    names: (&str, &str),
    ab: (usize, usize),
    labels: &[String],
) -> Pairwise {
    pairwise_with(articles, names, ab, labels, &Progress::default())
}

/// [`pairwise`], one step of `progress` per article; stops early (the figures then partial)
/// when `progress` is stopped.
pub fn pairwise_with(
    articles: &[Article3<'_>],
    names: (&str, &str),
    ab: (usize, usize),
    labels: &[String],
    progress: &Progress,
) -> Pairwise {
    let mut sum = PairSum::new(names);
    for art in articles {
        if progress.stopped() {
            break;
        }
        progress.step();
        let (Some(a), Some(b)) = (art.files[ab.0], art.files[ab.1]) else {
            continue;
        };
        sum.add(&pair_part(art.name, art.article, a, b, labels));
    }
    sum.finish()
}

/// Every pair of `annotators` (in order), measured over `articles`.
pub fn all_pairs(
    articles: &[Article3<'_>],
    annotators: &[String],
    labels: &[String],
) -> Vec<Pairwise> {
    all_pairs_with(articles, annotators, labels, &Progress::default())
}

/// [`all_pairs`], one step of `progress` per pair and article.
pub fn all_pairs_with(
    articles: &[Article3<'_>],
    annotators: &[String],
    labels: &[String],
    progress: &Progress,
) -> Vec<Pairwise> {
    let mut pairs = Vec::new();
    for i in 0..annotators.len() {
        for j in i + 1..annotators.len() {
            pairs.push(pairwise_with(
                articles,
                (&annotators[i], &annotators[j]),
                (i, j),
                labels,
                progress,
            ));
        }
    }
    pairs
}

/// Token-level alpha per label over every article and annotator.
pub fn token_alpha(articles: &[Article3<'_>], labels: &[String]) -> BTreeMap<String, Coefficient> {
    labels
        .iter()
        .map(|label| {
            let units: Vec<Vec<Option<bool>>> = articles
                .iter()
                .flat_map(|a| token_codes(a.article, &a.files, label))
                .collect();
            (label.clone(), krippendorff_nominal(&units))
        })
        .collect()
}

/// Krippendorff's unitizing alpha per label over the continuum of code points of the
/// articles every annotator has a file for (placed one after another).
pub fn unitizing_alpha(
    articles: &[Article3<'_>],
    labels: &[String],
) -> BTreeMap<String, Coefficient> {
    let full: Vec<&Article3<'_>> = articles
        .iter()
        .filter(|a| a.files.iter().all(Option::is_some))
        .collect();
    let coders = articles.first().map_or(0, |a| a.files.len());
    labels
        .iter()
        .map(|label| {
            let mut units: Vec<Vec<(usize, usize)>> = vec![Vec::new(); coders];
            let mut offset = 0;
            for art in &full {
                for (c, f) in art.files.iter().enumerate() {
                    let Some(a) = f else { continue };
                    // One coder's spans of the label as a partition: overlaps joined.
                    let mut spans: Vec<(usize, usize)> = a
                        .mentions
                        .iter()
                        .filter(|m| m.label == *label)
                        .flat_map(|m| m.fragments.iter())
                        .map(|f| {
                            (
                                offset + art.article.offsets.char_of_byte(f.start).unwrap_or(0),
                                offset + art.article.offsets.char_of_byte(f.end).unwrap_or(0),
                            )
                        })
                        .collect();
                    spans.sort_unstable();
                    for s in spans {
                        match units[c].last_mut() {
                            Some(last) if s.0 < last.1 => last.1 = last.1.max(s.1),
                            _ => units[c].push(s),
                        }
                    }
                }
                offset += art.article.char_count();
            }
            let value = if full.is_empty() {
                Err("not defined: no article has every annotator's file".to_owned())
            } else {
                super::coefficients::unitizing(offset, &units).map(|(alpha, _, _)| alpha)
            };
            (label.clone(), value)
        })
        .collect()
}

/// Fleiss' kappa on stance polarity, over the stances every annotator of an article made on
/// the same holder and target.
pub fn stance_fleiss(articles: &[Article3<'_>]) -> Coefficient {
    let mut subjects = Vec::new();
    for art in articles {
        let present: Vec<&Annotations> = art.files.iter().flatten().copied().collect();
        if present.len() < 3 {
            continue;
        }
        let keyed: Vec<BTreeMap<(String, String), String>> = present
            .iter()
            .map(|a| stance_keys(&art.article.text, a))
            .collect();
        for key in keyed[0].keys() {
            let labels: Option<Vec<String>> = keyed.iter().map(|k| k.get(key).cloned()).collect();
            if let Some(labels) = labels {
                subjects.push(labels);
            }
        }
    }
    if subjects.is_empty() {
        return Err("not defined: no stance that three or more annotators all made".into());
    }
    fleiss_from_labels(&subjects)
}

/// The documents grouped by article (in name order), one slot per annotator; grouped in one
/// pass, so 10,000 articles cost no more per article than ten.
pub fn by_article<'a>(docs: &'a [Doc], annotators: &[String]) -> Vec<Article3<'a>> {
    let mut grouped: BTreeMap<&str, Article3<'a>> = BTreeMap::new();
    for d in docs {
        let slot = grouped.entry(d.name.as_str()).or_insert_with(|| Article3 {
            article: &d.article,
            name: &d.name,
            files: vec![None; annotators.len()],
        });
        if let Some(i) = annotators
            .iter()
            .position(|w| *w == d.annotations.annotator)
            && slot.files[i].is_none()
        {
            slot.files[i] = Some(&d.annotations);
        }
    }
    grouped.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agent, ArticleRef, Span};
    use std::path::Path;

    #[test]
    fn spans_speakers_and_tokens_agree_as_counted_by_hand() {
        let article = Article::from_text(
            Path::new("a.txt"),
            "Ana said the plan is costly. Bob said it is cheap.\n".into(),
        );
        let text = &article.text;
        let span = |s: &str| {
            let at = text.find(s).unwrap();
            Span::new(at, at + s.len())
        };
        let set = |who: &str| Annotations::new(ArticleRef::of(Path::new("a.txt"), &article), who);
        let mut a = set("a");
        let mut b = set("b");
        let ana = a.add_mention("Speaker", vec![span("Ana")]);
        let c1 = a.add_mention("Claim", vec![span("the plan is costly")]);
        a.attribute(c1, Some(Agent::Mention(ana)), None);
        a.add_mention("Claim", vec![span("it is cheap")]);
        let ana_b = b.add_mention("Speaker", vec![span("Ana")]);
        let c1b = b.add_mention("Claim", vec![span("the plan")]);
        b.attribute(c1b, Some(Agent::Mention(ana_b)), None);
        // Claims: A has 2, B has 1; exact 0, overlap 1.
        let (exact, overlap) = spans(&a, &b, "Claim");
        assert_eq!(
            (exact.f1, overlap.recall, overlap.precision),
            (0.0, 0.5, 1.0)
        );
        let art = [Article3 {
            article: &article,
            name: "a.txt",
            files: vec![Some(&a), Some(&b)],
        }];
        let labels = vec!["Claim".to_owned(), "Speaker".to_owned()];
        let p = pairwise(&art, ("a", "b"), (0, 1), &labels);
        assert_eq!((p.claims_matched, p.same_speaker), (1, 1));
        assert!((p.labels["Speaker"].0.f1 - 1.0).abs() < 1e-9);
        assert_eq!(p.disagreements.len(), 2, "{:?}", p.disagreements);
        assert_eq!(p.articles, 1);
        let alpha = token_alpha(&art, &labels);
        assert!(
            (alpha["Speaker"].clone().unwrap() - 1.0).abs() < 1e-9,
            "{alpha:?}"
        );
        assert!(alpha["Claim"].clone().unwrap() < 1.0);

        // Nothing in common, and one side with no mentions at all: numbers, never NaN.
        let mut other = set("c");
        other.add_mention("Claim", vec![span("Bob said")]);
        let (exact, overlap) = spans(&a, &other, "Claim");
        assert_eq!((exact.f1, overlap.f1), (0.0, 0.0));
        let empty = set("d");
        let (exact, _) = spans(&a, &empty, "Claim");
        assert_eq!((exact.precision, exact.recall, exact.f1), (0.0, 0.0, 0.0));
        let art = [Article3 {
            article: &article,
            name: "a.txt",
            files: vec![Some(&a), Some(&empty)],
        }];
        for map in [token_alpha(&art, &labels), unitizing_alpha(&art, &labels)] {
            for value in map.values() {
                assert!(
                    value.as_ref().is_ok_and(|v| v.is_finite())
                        || value
                            .as_ref()
                            .is_err_and(|why| why.starts_with("not defined")),
                    "{map:?}"
                );
            }
        }
    }
}
