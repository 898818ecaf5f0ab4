//! WebAnno TSV 3.3, the tab-separated format INCEpTION (and WebAnno) import: one file per
//! annotation file. The header declares two layers: mentions on INCEpTION's built-in Named
//! Entity layer (`de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`, the label in its
//! `value` feature), links on a custom relation layer `webanno.custom.Link` with a string
//! feature `label`, attached to Named Entity, which the INCEpTION project must define before
//! the import. The relation names are those of [`super::relations`]: `Attribution` speaker
//! -> claim, `Cue` cue -> claim, `Sourcing_<specificity>` claim -> source, `Stance_<polarity>`
//! holder -> target, and `Fragment` from the first fragment of a discontinuous mention to each
//! of the others, every fragment being a span of its own.
//!
//! The body is the CoNLL export's tokens and sentences (a sentence never ends inside a
//! mention): `#Text=` lines, then `sentence-token`, `begin-end` in UTF-16 code units (Java's
//! string offsets), the token, and the columns. A span on several tokens, or sharing a token
//! with another, carries a disambiguation id `Label[3]`; stacked values are joined by `|`; a
//! relation sits on the first token of its target and names its source's first token, with
//! `[source_target]` ids when either end has one (`0` for the one that has not). Spans are
//! snapped to whole tokens, as INCEpTION does itself; what that changes, entities, attributes
//! and notes are counted in the loss report, and text between sentences is not carried.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::ops::Range;
use std::path::Path;

use anyhow::{Context, bail};

use super::relations::{self, Relation};
use super::{Doc, Loss, conll};
use crate::model::MentionId;

/// The span layer mentions go to: built into INCEpTION.
pub const SPAN_LAYER: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
/// The relation layer links go to: a custom layer with a string feature `label`.
pub const RELATION_LAYER: &str = "webanno.custom.Link";

/// The header: the format, the layers, and the two empty lines the body follows.
fn header() -> String {
    format!(
        "#FORMAT=WebAnno TSV 3.3\n#T_SP={SPAN_LAYER}|value\n#T_RL={RELATION_LAYER}|label|BT_{SPAN_LAYER}\n\n\n"
    )
}

/// A feature value with the format's reserved characters escaped (`->` as one unit).
pub fn escape_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '[' | ']' | '|' | '_' | ';' | '*' => {
                out.push('\\');
                out.push(c);
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                out.push_str("\\->");
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Sentence and token text as INCEpTION escapes it: the backslash, the readable control
/// characters as `\t`, `\n`, `\f`, `\r`, `\b`, the others after a backslash (vertical tab
/// excepted).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{0}'..='\u{7}' | '\u{e}'..='\u{1f}' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// One span on the Named Entity layer: a mention's fragment, snapped to tokens.
struct SpanAnn<'a> {
    label: &'a str,
    first: usize,
    last: usize,
    /// The disambiguation id, when the span is on several tokens or shares one.
    id: Option<usize>,
}

/// The tokens of the article and its sentences (ranges of token indices), paragraph by
/// paragraph.
fn tokens_and_sentences(d: &Doc) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mentions = conll::by_paragraph(d);
    let mut toks = Vec::new();
    let mut sentences = Vec::new();
    for (p, range) in d.article.paragraphs.iter().enumerate() {
        let (here, mut starts) = conll::sentences(d, range.clone(), &mentions[p]);
        if here.is_empty() {
            continue;
        }
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        let base = toks.len();
        for (k, &s) in starts.iter().enumerate() {
            let e = starts.get(k + 1).copied().unwrap_or(here.len());
            sentences.push(base + s..base + e);
        }
        toks.extend(here);
    }
    (toks, sentences)
}

/// UTF-16 offsets of each token's start and end (tokens sorted and disjoint).
fn utf16(text: &str, toks: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut at = 0;
    let mut units = 0;
    let mut advance = |to: usize| {
        units += text.get(at..to).map_or(0, |s| s.encode_utf16().count());
        at = to;
        units
    };
    toks.iter()
        .map(|t| (advance(t.start), advance(t.end)))
        .collect()
}

/// The spans of every mention's fragments, and each mention's spans in fragment order.
fn spans<'a>(
    d: &'a Doc,
    toks: &[Range<usize>],
    loss: &mut Loss,
) -> (Vec<SpanAnn<'a>>, HashMap<MentionId, Vec<usize>>) {
    let key = d.key();
    let text = &d.article.text;
    let mut out = Vec::new();
    let mut of: HashMap<MentionId, Vec<usize>> = HashMap::new();
    for m in &d.annotations.mentions {
        for f in &m.fragments {
            let Some((first, last)) = conll::covered(toks, &(f.start..f.end)) else {
                loss.add(
                    &key,
                    "spans with no token",
                    format!("{} '{}'", m.id, d.text_of(m)),
                );
                continue;
            };
            let (start, end) = (toks[first].start, toks[last].end);
            loss.snapped(&key, m.id, text, f.start..f.end, start..end);
            of.entry(m.id).or_default().push(out.len());
            out.push(SpanAnn {
                label: &m.label,
                first,
                last,
                id: None,
            });
        }
    }
    (out, of)
}

/// What this export does not write.
fn unsupported(d: &Doc, loss: &mut Loss) {
    let a = &d.annotations;
    let key = d.key();
    for e in &a.entities {
        loss.add(
            &key,
            "entities (webanno writes no coreference; use jsonl, w3c or brat)",
            e.name.clone(),
        );
    }
    for m in &a.mentions {
        for (k, v) in &m.attrs {
            loss.add(
                &key,
                "attributes (webanno writes none; use jsonl, w3c or brat)",
                format!("{} {k}={v}", m.id),
            );
        }
    }
    for n in &a.notes {
        loss.add(
            &key,
            "notes (webanno writes none; use jsonl, w3c or brat)",
            n.text.clone(),
        );
    }
}

/// One relation on the row of its target's first token.
struct Rel {
    label: String,
    /// `sentence-token` of the source's first token, with the disambiguation ids.
    source: String,
}

/// The spans on each token, with the disambiguation ids given to the spans that need one:
/// on several tokens, or sharing a token with another.
fn stack(spans: &mut [SpanAnn], tokens: usize) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); tokens];
    for (i, s) in spans.iter().enumerate() {
        for row in &mut rows[s.first..=s.last] {
            row.push(i);
        }
    }
    let mut next = 1;
    for s in spans.iter_mut() {
        if s.last > s.first || rows[s.first..=s.last].iter().any(|r| r.len() > 1) {
            s.id = Some(next);
            next += 1;
        }
    }
    rows
}

/// The links, then the fragments of each discontinuous mention, by the token they sit on:
/// their target's first. `place` is each token's (sentence, token) number.
fn relations_by_token(
    d: &Doc,
    spans: &[SpanAnn],
    of: &HashMap<MentionId, Vec<usize>>,
    place: &[(usize, usize)],
    loss: &mut Loss,
) -> BTreeMap<usize, Vec<Rel>> {
    let mut pairs: Vec<(String, usize, usize)> = Vec::new();
    for Relation { kind, from, to } in relations::relations(d, loss) {
        match (of.get(&from.id), of.get(&to.id)) {
            (Some(f), Some(t)) => pairs.push((kind, f[0], t[0])),
            _ => loss.add(
                &d.key(),
                "links whose end has no token",
                format!("{kind} {} -> {}", from.id, to.id),
            ),
        }
    }
    for m in &d.annotations.mentions {
        if let Some(list) = of.get(&m.id) {
            for &other in list.iter().skip(1) {
                pairs.push(("Fragment".to_owned(), list[0], other));
            }
        }
    }
    let mut rels: BTreeMap<usize, Vec<Rel>> = BTreeMap::new();
    for (label, from, to) in pairs {
        let (source, target) = (&spans[from], &spans[to]);
        let (sent, n) = place[source.first];
        let mut r = format!("{sent}-{n}");
        if source.id.is_some() || target.id.is_some() {
            let _ = write!(r, "[{}_{}]", source.id.unwrap_or(0), target.id.unwrap_or(0));
        }
        rels.entry(target.first)
            .or_default()
            .push(Rel { label, source: r });
    }
    rels
}

/// The span column of a token: `_`, or its spans' labels joined by `|`.
fn span_column(row: &[usize], spans: &[SpanAnn]) -> String {
    if row.is_empty() {
        return "_".to_owned();
    }
    let values: Vec<String> = row
        .iter()
        .map(|&k| {
            let v = escape_value(spans[k].label);
            match spans[k].id {
                Some(id) => format!("{v}[{id}]"),
                None => v,
            }
        })
        .collect();
    values.join("|")
}

/// One annotation file as a WebAnno TSV document.
pub fn document(d: &Doc, loss: &mut Loss) -> String {
    let text = &d.article.text;
    let (toks, sentences) = tokens_and_sentences(d);
    let offsets = utf16(text, &toks);
    let mut place = vec![(0, 0); toks.len()];
    for (s, range) in sentences.iter().enumerate() {
        for (n, i) in range.clone().enumerate() {
            place[i] = (s + 1, n + 1);
        }
    }
    let (mut spans, of) = spans(d, &toks, loss);
    let rows = stack(&mut spans, toks.len());
    let rels = relations_by_token(d, &spans, &of, &place, loss);
    unsupported(d, loss);
    if toks.is_empty() {
        loss.add(
            &d.key(),
            "articles with no token (a WebAnno TSV document needs a sentence)",
            d.name.clone(),
        );
    }
    let mut out = header();
    for (s, range) in sentences.iter().enumerate() {
        // One empty line between sentences, none after the last: INCEpTION's reader wants a
        // sentence after every empty line.
        if s > 0 {
            out.push('\n');
        }
        let sentence = &text[toks[range.start].start..toks[range.end - 1].end];
        for line in sentence.split('\n') {
            let _ = writeln!(out, "#Text={}", escape_text(line));
        }
        for i in range.clone() {
            let (b, e) = offsets[i];
            let _ = write!(
                out,
                "{}-{}\t{b}-{e}\t{}\t{}",
                s + 1,
                i - range.start + 1,
                escape_text(&text[toks[i].clone()]),
                span_column(&rows[i], &spans)
            );
            match rels.get(&i) {
                Some(list) => {
                    let labels: Vec<String> = list.iter().map(|r| escape_value(&r.label)).collect();
                    let sources: Vec<&str> = list.iter().map(|r| r.source.as_str()).collect();
                    let _ = writeln!(out, "\t{}\t{}", labels.join("|"), sources.join("|"));
                }
                None => out.push_str("\t_\t_\n"),
            }
        }
    }
    out
}

/// A file name for each document: the article's stem, with the annotator when the article
/// has several, numbered when two still meet.
fn file_names(docs: &[Doc]) -> Vec<String> {
    let mut annotators: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in docs {
        annotators
            .entry(&d.name)
            .or_default()
            .insert(&d.annotations.annotator);
    }
    let mut used = BTreeSet::new();
    docs.iter()
        .map(|d| {
            let stem = d.name.strip_suffix(".txt").unwrap_or(&d.name);
            let base = if annotators[d.name.as_str()].len() > 1 {
                let who: String = d
                    .annotations
                    .annotator
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                format!("{stem}_{who}")
            } else {
                stem.to_owned()
            };
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            format!("{name}.tsv")
        })
        .collect()
}

/// Writes one `.tsv` per document into the folder `out`; or, for one document, to `out`
/// itself when it is standard output or names a `.tsv` file.
pub fn write(docs: &[Doc], out: &Path, loss: &mut Loss) -> anyhow::Result<()> {
    let one_file = super::is_stdout(out)
        || out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    if one_file {
        let [d] = docs else {
            bail!(
                "{}: WebAnno TSV holds one article and {} were given; name a folder with -o",
                out.display(),
                docs.len()
            );
        };
        let mut w = super::create(out)?;
        w.write_all(document(d, loss).as_bytes())
            .with_context(|| format!("{}: cannot write", out.display()))?;
        return super::finish(w, out);
    }
    // A file per article, each put in place whole; the folder is flushed once at the end.
    let disk = crate::store::Disk::real().unflushed();
    disk.create_dir_all(out)?;
    for (d, name) in docs.iter().zip(file_names(docs)) {
        disk.write_atomic(&out.join(name), document(d, loss).as_bytes())?;
    }
    disk.flush_folder(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_escaped_and_arrows_as_one_unit() {
        assert_eq!(
            escape_value(r"a_b|c[d]e;f*g->h\i-j"),
            r"a\_b\|c\[d\]e\;f\*g\->h\\i-j"
        );
        assert_eq!(escape_value("x\ty\nz"), r"x\ty\nz");
        assert_eq!(
            escape_text("a\\b\tc\rd\u{1}e_f"),
            "a\\\\b\\tc\\rd\\\u{1}e_f"
        );
    }
}
