//! CoNLL in two styles. The default: one token per line with its code-point offsets and one
//! BIO column per schema label; `# article`, `# annotator` and `# paragraph` comments; a
//! blank line after each sentence. The CoNLL-2003 style, for spaCy, seqeval and the other
//! readers of that shared task's files: `token tag` with one IOB2 tag column, a
//! `-DOCSTART- -X- O O` line before each file, a blank line after each sentence and no
//! comments. Spans are snapped to whole tokens, and every snap is counted in the loss
//! report, as are what BIO cannot hold (a second fragment, a mention nested in one of its
//! own label or, with one column, in any other).
//!
//! The tags are valid IOB2 in every sentence: a sentence never ends inside a mention, so
//! none starts with `I-`, and an `I-` always follows a `B-` or `I-` of its label.

mod sentences;

use std::io::Write;
use std::ops::Range;

pub(super) use sentences::sentence_starts;
pub use sentences::tokens;

/// The sentences of `text[range]` (a paragraph) as byte ranges from their first token to
/// their last, split as the CoNLL export splits them: not after "Mr." or "Gen.", an
/// initial or a decimal point.
pub fn sentence_ranges(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let toks = tokens(text, range.clone());
    let starts = sentence_starts(text, &range, &toks, |_, _| false);
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let last = starts.get(i + 1).map_or(toks.len(), |&n| n) - 1;
            toks[s].start..toks[last].end
        })
        .collect()
}

use super::{Doc, Loss};
use crate::model::Mention;
use crate::schema::Schema;

/// The shape of a CoNLL file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Offsets, one tag column per label, comments.
    #[default]
    Columns,
    /// CoNLL-2003: `token tag`, `-DOCSTART-` lines, no comments.
    Conll2003,
}

/// The tokens a span covers, as the first and last index (tokens are sorted and disjoint).
pub(super) fn covered(toks: &[Range<usize>], span: &Range<usize>) -> Option<(usize, usize)> {
    let first = toks.partition_point(|t| t.end <= span.start);
    let last = toks.partition_point(|t| t.start < span.end);
    (first < last).then(|| (first, last - 1))
}

/// One paragraph being tagged.
struct Paragraph<'a> {
    d: &'a Doc,
    key: String,
    range: Range<usize>,
    toks: Vec<Range<usize>>,
    /// `joined[i]`: some mention covers tokens `i` and `i + 1`, so no sentence ends between.
    joined: Vec<bool>,
}

impl<'a> Paragraph<'a> {
    fn new(d: &'a Doc, range: Range<usize>, mentions: &[&Mention]) -> Self {
        let toks = tokens(&d.article.text, range.clone());
        let mut joined = vec![false; toks.len()];
        for f in mentions.iter().flat_map(|m| m.fragments.iter()) {
            if let Some((first, last)) = covered(&toks, &(f.start..f.end)) {
                for j in &mut joined[first..last] {
                    *j = true;
                }
            }
        }
        Self {
            d,
            key: d.key(),
            range,
            toks,
            joined,
        }
    }

    /// Counted once, in the paragraph of the mention's first fragment.
    fn first_here(&self, m: &Mention) -> bool {
        m.fragments
            .first()
            .is_some_and(|f| self.range.contains(&f.start))
    }

    /// The tokens of each of `m`'s fragments in this paragraph, with the snaps and empty
    /// fragments reported.
    fn runs(&self, m: &Mention, loss: &mut Loss) -> Vec<(usize, usize)> {
        let text = &self.d.article.text;
        if m.fragments.len() > 1 && self.first_here(m) {
            loss.add(
                &self.key,
                "discontinuous mentions written as separate spans",
                format!("{} '{}'", m.id, self.d.text_of(m)),
            );
        }
        let mut out = Vec::new();
        for f in m
            .fragments
            .iter()
            .filter(|f| f.start < self.range.end && f.end > self.range.start)
        {
            let Some((first, last)) = covered(&self.toks, &(f.start..f.end)) else {
                loss.add(
                    &self.key,
                    "spans with no token",
                    format!("{} '{}'", m.id, self.d.text_of(m)),
                );
                continue;
            };
            let (start, end) = (self.toks[first].start, self.toks[last].end);
            loss.snapped(&self.key, m.id, text, f.start..f.end, start..end);
            out.push((first, last));
        }
        out
    }

    fn no_column(&self, m: &Mention, loss: &mut Loss) {
        if self.first_here(m) {
            loss.add(&self.key, "labels with no column", m.label.clone());
        }
    }

    /// One BIO column per label: `tags[token][label]`.
    fn columns(&self, labels: &[&str], mentions: &[&Mention], loss: &mut Loss) -> Vec<Vec<String>> {
        let mut tags = vec![vec!["O".to_owned(); labels.len()]; self.toks.len()];
        for m in mentions {
            let Some(col) = labels.iter().position(|l| *l == m.label) else {
                self.no_column(m, loss);
                continue;
            };
            for (first, last) in self.runs(m, loss) {
                if (first..=last).any(|i| tags[i][col] != "O") {
                    loss.add(
                        &self.key,
                        "mentions overlapping another of the same label (BIO keeps the first)",
                        format!("{} '{}'", m.id, self.d.text_of(m)),
                    );
                    continue;
                }
                for (i, row) in tags.iter_mut().enumerate().take(last + 1).skip(first) {
                    let prefix = if i == first { "B" } else { "I" };
                    row[col] = format!("{prefix}-{}", m.label);
                }
            }
        }
        tags
    }

    /// One BIO column for every label. Where mentions overlap, the one whose label comes
    /// first in the schema is kept (then the earlier one), whole with all its fragments.
    fn single(&self, labels: &[&str], mentions: &[&Mention], loss: &mut Loss) -> Vec<String> {
        let mut tags = vec!["O".to_owned(); self.toks.len()];
        let mut order: Vec<(usize, &Mention)> = Vec::new();
        for m in mentions {
            match labels.iter().position(|l| *l == m.label) {
                Some(rank) => order.push((rank, m)),
                None => self.no_column(m, loss),
            }
        }
        order.sort_by_key(|(rank, m)| (*rank, m.extent().start));
        for (_, m) in order {
            let runs = self.runs(m, loss);
            if runs
                .iter()
                .any(|&(first, last)| (first..=last).any(|i| tags[i] != "O"))
            {
                loss.add(
                    &self.key,
                    "mentions overlapping another (one tag column keeps the label first in the schema)",
                    format!("{} {} '{}'", m.id, m.label, self.d.text_of(m)),
                );
                continue;
            }
            for (first, last) in runs {
                for (i, tag) in tags.iter_mut().enumerate().take(last + 1).skip(first) {
                    let prefix = if i == first { "B" } else { "I" };
                    *tag = format!("{prefix}-{}", m.label);
                }
            }
        }
        tags
    }

    /// Where the sentences start, as token indices.
    fn sentence_starts(&self) -> Vec<usize> {
        sentences::sentence_starts(&self.d.article.text, &self.range, &self.toks, |a, _| {
            self.joined[a]
        })
    }
}

/// A paragraph's tokens and where its sentences start (token indices), a sentence never
/// ending inside one of `mentions`: for the other token formats.
pub(super) fn sentences(
    d: &Doc,
    range: Range<usize>,
    mentions: &[&Mention],
) -> (Vec<Range<usize>>, Vec<usize>) {
    let p = Paragraph::new(d, range, mentions);
    let starts = p.sentence_starts();
    (p.toks, starts)
}

/// What CoNLL has no column for.
fn unsupported(d: &Doc, key: &str, loss: &mut Loss) {
    let a = &d.annotations;
    let links = a
        .attributions
        .iter()
        .map(|x| x.id.to_string())
        .chain(a.sourcings.iter().map(|x| x.id.to_string()))
        .chain(a.stances.iter().map(|x| x.id.to_string()));
    for id in links {
        loss.add(
            key,
            "links (attributions, sourcings, stances; use jsonl or brat)",
            id,
        );
    }
    for e in &a.entities {
        loss.add(key, "entities (use jsonl or brat)", e.name.clone());
    }
    for n in &a.notes {
        loss.add(key, "notes (use jsonl or brat)", n.text.clone());
    }
    for m in a.mentions.iter().filter(|m| !m.attrs.is_empty()) {
        loss.add(key, "attributes (use jsonl or brat)", m.id.to_string());
    }
}

/// Each mention under every paragraph it touches, in one pass.
pub(super) fn by_paragraph(d: &Doc) -> Vec<Vec<&Mention>> {
    let mut out: Vec<Vec<&Mention>> = vec![Vec::new(); d.article.paragraphs.len()];
    for m in &d.annotations.mentions {
        let first = d.article.paragraph_at(m.extent().start);
        let last = d.article.paragraph_at(m.extent().end.saturating_sub(1));
        for list in out.iter_mut().take(last + 1).skip(first) {
            list.push(m);
        }
    }
    out
}

pub fn write(
    docs: &[Doc],
    schema: &Schema,
    style: Style,
    w: &mut impl Write,
    loss: &mut Loss,
) -> std::io::Result<()> {
    let labels: Vec<&str> = schema.labels.iter().map(|l| l.name.as_str()).collect();
    if style == Style::Columns {
        let header: Vec<String> = labels.iter().map(|l| l.to_uppercase()).collect();
        writeln!(w, "# columns = TOKEN START END {}", header.join(" "))?;
    }
    for d in docs {
        let key = d.key();
        let text = &d.article.text;
        match style {
            Style::Columns => {
                writeln!(w, "# article = {}", d.name)?;
                writeln!(w, "# annotator = {}", d.annotations.annotator)?;
            }
            Style::Conll2003 => writeln!(w, "-DOCSTART- -X- O O\n")?,
        }
        let mentions = by_paragraph(d);
        for (p, range) in d.article.paragraphs.iter().enumerate() {
            let para = Paragraph::new(d, range.clone(), &mentions[p]);
            let starts = para.sentence_starts();
            let mut lines: Vec<String> = match style {
                Style::Columns => {
                    writeln!(w, "# paragraph = {}", p + 1)?;
                    let tags = para.columns(&labels, &mentions[p], loss);
                    para.toks
                        .iter()
                        .zip(tags)
                        .map(|(t, tags)| {
                            format!(
                                "{}\t{}\t{}\t{}",
                                &text[t.clone()],
                                d.cp(t.start),
                                d.cp(t.end),
                                tags.join("\t")
                            )
                        })
                        .collect()
                }
                Style::Conll2003 => {
                    let tags = para.single(&labels, &mentions[p], loss);
                    para.toks
                        .iter()
                        .zip(tags)
                        .map(|(t, tag)| format!("{} {tag}", &text[t.clone()]))
                        .collect()
                }
            };
            for (n, &start) in starts.iter().enumerate() {
                let end = starts.get(n + 1).copied().unwrap_or(lines.len());
                for line in &mut lines[start..end] {
                    line.push('\n');
                    w.write_all(line.as_bytes())?;
                }
                writeln!(w)?;
            }
            if starts.is_empty() && style == Style::Columns {
                writeln!(w)?;
            }
        }
        unsupported(d, &key, loss);
    }
    Ok(())
}
