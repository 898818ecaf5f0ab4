//! Agreement in parts: what one article's two files contribute to their pair ([`PairPart`]:
//! span matches per label, claims both attributed, stance polarities, aligned labels,
//! disagreements) and what one file contributes to the alphas ([`FilePart`]: the tokens and
//! code points each label covers). The figures over a corpus add the parts up in article
//! order, so parts kept from an earlier reading give exactly the figures of reading every
//! file again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::coefficients::{Coefficient, Coincidences, cohen, krippendorff_of};
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
    /// How many aligned mentions had A's label and B's (`None`: that side has none), each
    /// pair of labels once, in order.
    pub aligned: Vec<(Option<String>, Option<String>, usize)>,
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
    let mut aligned: BTreeMap<(Option<&str>, Option<&str>), usize> = BTreeMap::new();
    for pair in align(article, a, b) {
        let la = pair.a.and_then(|m| index_a.mention(a, m));
        let lb = pair.b.and_then(|m| index_b.mention(b, m));
        *aligned
            .entry((la.map(|m| m.label.as_str()), lb.map(|m| m.label.as_str())))
            .or_default() += 1;
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
    out.aligned = aligned
        .into_iter()
        .map(|((la, lb), n)| (la.map(str::to_owned), lb.map(str::to_owned), n))
        .collect();
    out
}

/// A pair's figures, added up article by article: counts only (and the stances' polarities,
/// the disagreements), so that it can be kept and finished into exactly the same figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairSum {
    a: String,
    b: String,
    articles: usize,
    /// Per label: exact matches, overlap matches, A's mentions, B's mentions.
    sums: BTreeMap<String, [usize; 4]>,
    claims_matched: usize,
    same_speaker: usize,
    same_cue: usize,
    polarities: Vec<(String, String)>,
    confusion: Confusion,
    disagreements: Vec<Disagreement>,
}

impl PairSum {
    pub fn new(names: (&str, &str)) -> Self {
        Self {
            a: names.0.to_owned(),
            b: names.1.to_owned(),
            articles: 0,
            sums: BTreeMap::new(),
            claims_matched: 0,
            same_speaker: 0,
            same_cue: 0,
            polarities: Vec::new(),
            confusion: Confusion::default(),
            disagreements: Vec::new(),
        }
    }

    /// One more article both annotators have a file for.
    pub fn add(&mut self, part: &PairPart) {
        self.articles += 1;
        for (label, counts) in &part.counts {
            let s = self.sums.entry(label.clone()).or_default();
            for (total, n) in s.iter_mut().zip(counts) {
                *total += n;
            }
        }
        self.claims_matched += part.claims_matched;
        self.same_speaker += part.same_speaker;
        self.same_cue += part.same_cue;
        self.polarities.extend(part.polarities.iter().cloned());
        for (a, b, n) in &part.aligned {
            self.confusion.add_n(a.as_deref(), b.as_deref(), *n);
        }
        self.disagreements
            .extend(part.disagreements.iter().cloned());
    }

    /// The pair's figures from its counts.
    pub fn finish(&self) -> Pairwise {
        let labels = self
            .sums
            .iter()
            .map(|(label, &[exact, overlap, na, nb])| {
                (
                    label.clone(),
                    (prf(exact, exact, na, nb), prf(overlap, overlap, na, nb)),
                )
            })
            .collect();
        Pairwise {
            a: self.a.clone(),
            b: self.b.clone(),
            articles: self.articles,
            labels,
            claims_matched: self.claims_matched,
            same_speaker: self.same_speaker,
            same_cue: self.same_cue,
            stance_kappa: cohen(&self.polarities),
            disagreements: self.disagreements.clone(),
            confusion: self.confusion.clone(),
        }
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
    file_part_on(&article_tokens(article), article, a, labels)
}

/// The article's tokens, paragraph after paragraph, as byte ranges: what [`file_part_on`]
/// needs, worked out once for all the files of one article.
pub fn article_tokens(article: &Article) -> Vec<std::ops::Range<usize>> {
    article
        .paragraphs
        .iter()
        .flat_map(|range| crate::export::tokens(&article.text, range.clone()))
        .map(|t| t.start..t.end)
        .collect()
}

/// [`file_part`] with the article's tokens ([`article_tokens`]) already worked out.
pub fn file_part_on(
    toks: &[std::ops::Range<usize>],
    article: &Article,
    a: &Annotations,
    labels: &[String],
) -> FilePart {
    let mut out = FilePart {
        tokens: toks.len(),
        chars: article.char_count(),
        ..FilePart::default()
    };
    // Each label's fragments, from one pass over the mentions.
    let mut by_label: Vec<Vec<(usize, usize)>> = vec![Vec::new(); labels.len()];
    for m in &a.mentions {
        if let Some(k) = labels.iter().position(|l| *l == m.label) {
            by_label[k].extend(m.fragments.iter().map(|f| (f.start, f.end)));
        }
    }
    for fragments in &mut by_label {
        fragments.sort_unstable();
    }
    // Every label's offsets in code points, from one pass over the text.
    let at = chars_at(
        &article.text,
        by_label.iter().flatten().flat_map(|&(s, e)| [s, e]),
    );
    let mut at = at.chunks_exact(2).map(|p| (p[0], p[1]));
    for (label, fragments) in labels.iter().zip(&by_label) {
        out.covered
            .insert(label.clone(), covered_tokens(toks, &merged_runs(fragments)));
        // Sorted by byte, so by character too.
        let chars: Vec<(usize, usize)> = at.by_ref().take(fragments.len()).collect();
        out.spans.insert(label.clone(), chars);
    }
    out
}

/// The code point offset of each of these byte offsets in `text` (0 for one past its end
/// or inside a character), found in one pass over the text up to the last of them: a
/// lookup each in the article's offset map was a twelfth of agreement's reading.
fn chars_at(text: &str, bytes: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> = bytes.enumerate().map(|(k, b)| (b, k)).collect();
    let mut out = vec![0; order.len()];
    order.sort_unstable();
    let (mut byte, mut chars) = (0, 0);
    for (b, k) in order {
        if b > text.len() || !text.is_char_boundary(b) {
            continue;
        }
        // Characters start at every byte that does not continue one.
        chars += text.as_bytes()[byte..b]
            .iter()
            .filter(|&&c| c & 0xC0 != 0x80)
            .count();
        byte = b;
        out[k] = chars;
    }
    out
}

/// Sorted fragments merged where they overlap or touch, empty ones left out (as
/// [`super::measures::label_runs`] gives them).
fn merged_runs(sorted: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for &(s, e) in sorted.iter().filter(|(s, e)| s < e) {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The runs of tokens (by index) that `runs` (sorted, apart) overlap: each run's tokens
/// found from a binary search for its first, not every token looked up in the runs.
fn covered_tokens(toks: &[std::ops::Range<usize>], runs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &(start, end) in runs {
        let mut i = toks.partition_point(|t| t.end <= start);
        while i < toks.len() && toks[i].start < end {
            match out.last_mut() {
                // A token between two runs, taken by the one before.
                Some(last) if last.1 > i => {}
                Some(last) if last.1 == i => last.1 = i + 1,
                _ => out.push((i, i + 1)),
            }
            i += 1;
        }
    }
    out
}

/// Token-level alpha of `label` over `articles` (each one slot per annotator): each token
/// of an article with two or more files is a unit coded by whether each file's `label`
/// covers it. Only how many files cover each token matters to nominal alpha, so the
/// tokens are counted by that number, from where each file's runs start and end, rather
/// than listed one by one.
pub fn token_alpha_of(articles: &[Vec<Option<&FilePart>>], label: &str) -> Coefficient {
    let mut pairs: Coincidences<bool> = BTreeMap::new();
    // Per token, how many files cover it (a running sum of where runs start and end).
    let mut edges: Vec<i64> = Vec::new();
    for files in articles {
        let present: Vec<&FilePart> = files.iter().flatten().copied().collect();
        let m = present.len();
        if m < 2 {
            continue;
        }
        let tokens = present[0].tokens;
        edges.clear();
        edges.resize(tokens + 1, 0);
        for f in &present {
            for &(s, e) in f.covered.get(label).map_or(&[][..], Vec::as_slice) {
                let (s, e) = (s.min(tokens), e.min(tokens));
                if s < e {
                    edges[s] += 1;
                    edges[e] -= 1;
                }
            }
        }
        // by_covered[t]: the tokens that t of the m files cover.
        let mut by_covered = vec![0_u64; m + 1];
        let mut covering = 0_i64;
        for edge in &edges[..tokens] {
            covering += edge;
            let t = usize::try_from(covering).unwrap_or(0).min(m);
            by_covered[t] += 1;
        }
        let mut add = |c: bool, k: bool, n: u64| {
            if n > 0 {
                *pairs.entry((c, k)).or_default().entry(m).or_default() += n;
            }
        };
        for (t, &n) in by_covered.iter().enumerate() {
            let (yes, no) = (
                u64::try_from(t).unwrap_or(0),
                u64::try_from(m - t).unwrap_or(0),
            );
            add(false, false, n * no * no.saturating_sub(1));
            add(false, true, n * no * yes);
            add(true, false, n * yes * no);
            add(true, true, n * yes * yes.saturating_sub(1));
        }
    }
    krippendorff_of(&pairs)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agree::measures::{Article3, token_alpha, unitizing_alpha};
    use crate::model::{ArticleRef, Span};
    use std::path::Path;

    /// Byte offsets to code points in one pass are what the offset map gives one at a time.
    #[test]
    fn chars_at_are_the_offset_maps() {
        let text = "a “quoted” ü word\n\nнемного текста 漢字 end".repeat(5);
        let article = Article::from_text(Path::new("t.txt"), text.clone());
        let mut bytes: Vec<usize> = (0..=text.len() + 2).rev().collect();
        bytes.push(3);
        let got = chars_at(&article.text, bytes.iter().copied());
        for (b, c) in bytes.iter().zip(got) {
            assert_eq!(c, article.offsets.char_of_byte(*b).unwrap_or(0), "byte {b}");
        }
    }

    /// The tokens a label covers are those any of its runs overlaps: a token across the
    /// gap between two runs is one covered token, a run past the last token covers none.
    #[test]
    fn covered_tokens_are_those_a_run_overlaps() {
        let toks = [0..3, 4..9, 10..12, 13..20, 21..22];
        let brute = |runs: &[(usize, usize)]| -> Vec<usize> {
            (0..toks.len())
                .filter(|&i| {
                    runs.iter()
                        .any(|&(s, e)| s < toks[i].end && toks[i].start < e)
                })
                .collect()
        };
        let flat = |runs: Vec<(usize, usize)>| -> Vec<usize> {
            runs.into_iter().flat_map(|(s, e)| s..e).collect()
        };
        for runs in [
            vec![],
            vec![(0, 1)],
            vec![(5, 6), (7, 8)],
            vec![(2, 5), (11, 14)],
            vec![(3, 4)],
            vec![(9, 10), (12, 13)],
            vec![(0, 22)],
            vec![(21, 30), (40, 50)],
        ] {
            assert_eq!(flat(covered_tokens(&toks, &runs)), brute(&runs), "{runs:?}");
        }
        // Runs of adjacent tokens are one run.
        assert_eq!(covered_tokens(&toks, &[(2, 5), (11, 14)]), [(0, 4)]);
        assert_eq!(
            merged_runs(&[(0, 2), (1, 4), (4, 5), (6, 6), (7, 9)]),
            [(0, 5), (7, 9)]
        );
    }

    /// Alphas added up from each file's part are exactly (to the last bit) what every
    /// token and code point listed gives, with two to five annotators, files missing, and
    /// labels overlapping themselves.
    #[test]
    fn alphas_from_parts_are_exactly_those_of_every_token() {
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap() % n
        };
        let words = [
            "Ana", "said", "the", "plan", "is", "costly", "and", "Bob", "été", "—",
        ];
        let labels = vec!["Claim".to_owned(), "Speaker".to_owned()];
        for _ in 0..40 {
            let coders = 2 + next(4);
            let articles: Vec<Article> = (0..=next(4))
                .map(|i| {
                    let text: Vec<&str> = (0..5 + next(40))
                        .map(|_| words[next(words.len())])
                        .collect();
                    Article::from_text(
                        Path::new(&format!("a{i}.txt")),
                        format!("{}.\n", text.join(" ")),
                    )
                })
                .collect();
            let sets: Vec<Vec<Option<Annotations>>> = articles
                .iter()
                .map(|art| {
                    (0..coders)
                        .map(|c| {
                            if next(5) == 0 {
                                return None;
                            }
                            let mut a = Annotations::new(
                                ArticleRef::of(Path::new("a.txt"), art),
                                format!("c{c}"),
                            );
                            let len = art.text.len();
                            for _ in 0..next(6) {
                                let mut s = next(len);
                                while !art.text.is_char_boundary(s) {
                                    s -= 1;
                                }
                                let mut e = (s + 1 + next(20)).min(len);
                                while !art.text.is_char_boundary(e) {
                                    e += 1;
                                }
                                a.add_mention(&labels[next(2)], vec![Span::new(s, e)]);
                            }
                            Some(a)
                        })
                        .collect()
                })
                .collect();
            let listed: Vec<Article3<'_>> = articles
                .iter()
                .zip(&sets)
                .map(|(art, files)| Article3 {
                    article: art,
                    name: "a",
                    files: files.iter().map(Option::as_ref).collect(),
                })
                .collect();
            let parts: Vec<Vec<Option<FilePart>>> = articles
                .iter()
                .zip(&sets)
                .map(|(art, files)| {
                    files
                        .iter()
                        .map(|f| f.as_ref().map(|a| file_part(art, a, &labels)))
                        .collect()
                })
                .collect();
            let parts: Vec<Vec<Option<&FilePart>>> = parts
                .iter()
                .map(|files| files.iter().map(Option::as_ref).collect())
                .collect();
            let (tokens, units) = (
                token_alpha(&listed, &labels),
                unitizing_alpha(&listed, &labels),
            );
            for l in &labels {
                assert_eq!(token_alpha_of(&parts, l), tokens[l], "{l}");
                assert_eq!(unitizing_alpha_of(&parts, l), units[l], "{l}");
            }
        }
    }
}
