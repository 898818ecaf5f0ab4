//! Hugging Face token classification: a folder with `tokens.jsonl`, one record per
//! paragraph of each article and annotator (`id`, `article`, `annotator`, `paragraph`,
//! `tokens`, integer `ner_tags`, and `offsets`, each token's code points in the article), and
//! `labels.json` with the tag names (`O`, then `B-` and `I-` of each schema label) and the
//! `datasets` features of the records. Paragraphs, not sentences: a claim often runs over
//! several sentences, and a record boundary inside it would cut it in two. Tokens are
//! CoNLL's. One tag per token: where mentions overlap or nest, the outermost (longest) is
//! kept and the others are counted in the loss report, as are spans snapped to whole tokens,
//! extra fragments, and everything that is not a span.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;
use serde_json::json;

use super::{Doc, Loss, tokens};
use crate::schema::Schema;

#[derive(Serialize)]
struct Record<'a> {
    id: String,
    article: &'a str,
    annotator: &'a str,
    paragraph: usize,
    tokens: Vec<&'a str>,
    ner_tags: Vec<usize>,
    offsets: Vec<[usize; 2]>,
}

/// `O`, then `B-<label>` and `I-<label>` for each schema label, in schema order.
pub fn tag_names(schema: &Schema) -> Vec<String> {
    let mut names = vec!["O".to_owned()];
    for l in &schema.labels {
        names.push(format!("B-{}", l.name));
        names.push(format!("I-{}", l.name));
    }
    names
}

/// `labels.json`: the names, and the features to give `datasets.load_dataset`.
fn labels_json(names: &[String]) -> serde_json::Value {
    let value = |dtype: &str| json!({"dtype": dtype, "_type": "Value"});
    let seq = |feature: serde_json::Value| json!({"feature": feature, "_type": "Sequence"});
    json!({
        "names": names,
        "features": {
            "id": value("string"),
            "article": value("string"),
            "annotator": value("string"),
            "paragraph": value("int64"),
            "tokens": seq(value("string")),
            "ner_tags": seq(json!({"names": names, "_type": "ClassLabel"})),
            "offsets": seq(seq(value("int64"))),
        }
    })
}

/// The tokens of `toks` that a byte span covers.
fn covered(toks: &[Range<usize>], start: usize, end: usize) -> Range<usize> {
    let first = toks.partition_point(|t| t.end <= start);
    let last = toks.partition_point(|t| t.start < end);
    first..last.max(first)
}

/// One tag per token of each paragraph, outermost mention first.
fn tag(d: &Doc, schema: &Schema, toks: &[Vec<Range<usize>>], loss: &mut Loss) -> Vec<Vec<usize>> {
    let key = d.key();
    let text = &d.article.text;
    let mut tags: Vec<Vec<usize>> = toks.iter().map(|t| vec![0; t.len()]).collect();
    let mut mentions: Vec<_> = d.annotations.mentions.iter().collect();
    mentions.sort_by_key(|m| {
        let span: usize = m.fragments.iter().map(|f| f.end - f.start).sum();
        (std::cmp::Reverse(span), m.extent().start)
    });
    for m in mentions {
        let Some(label) = schema.labels.iter().position(|l| l.name == m.label) else {
            loss.add(&key, "labels not in the schema", m.label.clone());
            continue;
        };
        // Each piece: paragraph, tokens.
        let mut pieces: Vec<(usize, Range<usize>)> = Vec::new();
        for f in &m.fragments {
            let first = d.article.paragraph_at(f.start);
            let last = d.article.paragraph_at(f.end.saturating_sub(1));
            let here: Vec<(usize, Range<usize>)> = (first..=last)
                .map(|p| (p, covered(&toks[p], f.start, f.end)))
                .filter(|(_, r)| !r.is_empty())
                .collect();
            if last > first {
                loss.add(
                    &key,
                    "mentions across paragraphs written as a span per paragraph",
                    format!("{} '{}'", m.id, d.text_of(m)),
                );
            }
            let (Some((p0, r0)), Some((p1, r1))) = (here.first(), here.last()) else {
                continue;
            };
            let (start, end) = (toks[*p0][r0.start].start, toks[*p1][r1.end - 1].end);
            loss.snapped(&key, m.id, text, f.start..f.end, start..end);
            pieces.extend(here);
        }
        if pieces.is_empty() {
            loss.add(
                &key,
                "spans with no token",
                format!("{} '{}'", m.id, d.text_of(m)),
            );
            continue;
        }
        if pieces
            .iter()
            .any(|(p, r)| tags[*p][r.clone()].iter().any(|&t| t != 0))
        {
            loss.add(
                &key,
                "mentions inside or overlapping another (one tag per token: the outermost is kept)",
                format!("{} '{}'", m.id, d.text_of(m)),
            );
            continue;
        }
        if m.fragments.len() > 1 {
            loss.add(
                &key,
                "discontinuous mentions written as one span per fragment",
                format!("{} '{}'", m.id, d.text_of(m)),
            );
        }
        for (p, r) in pieces {
            for (n, i) in r.enumerate() {
                tags[p][i] = 2 * label + if n == 0 { 1 } else { 2 };
            }
        }
    }
    tags
}

fn unsupported(d: &Doc, loss: &mut Loss) {
    super::relations::spans_only(d, "hf", loss);
}

fn write_records(
    docs: &[Doc],
    schema: &Schema,
    w: &mut impl Write,
    loss: &mut Loss,
) -> std::io::Result<()> {
    for d in docs {
        let text = &d.article.text;
        let toks: Vec<Vec<Range<usize>>> = d
            .article
            .paragraphs
            .iter()
            .map(|p| tokens(text, p.clone()))
            .collect();
        let tags = tag(d, schema, &toks, loss);
        for (p, (toks, tags)) in toks.iter().zip(tags).enumerate() {
            let record = Record {
                id: format!("{}/{}/{}", d.name, d.annotations.annotator, p + 1),
                article: &d.name,
                annotator: &d.annotations.annotator,
                paragraph: p + 1,
                tokens: toks.iter().map(|t| &text[t.clone()]).collect(),
                ner_tags: tags,
                offsets: toks.iter().map(|t| [d.cp(t.start), d.cp(t.end)]).collect(),
            };
            serde_json::to_writer(&mut *w, &record)?;
            w.write_all(b"\n")?;
        }
        unsupported(d, loss);
    }
    Ok(())
}

/// Writes `out/tokens.jsonl` and `out/labels.json`.
pub fn write(docs: &[Doc], schema: &Schema, out: &Path, loss: &mut Loss) -> anyhow::Result<()> {
    let disk = crate::store::Disk::real();
    disk.create_dir_all(out)?;
    let names = tag_names(schema);
    let labels = serde_json::to_string_pretty(&labels_json(&names))?;
    disk.write_atomic(&out.join("labels.json"), (labels + "\n").as_bytes())?;
    let path = out.join("tokens.jsonl");
    let mut w = super::create(&path)?;
    write_records(docs, schema, &mut w, loss)?;
    super::finish(w, &path)
}
