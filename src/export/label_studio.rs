//! Label Studio JSON tasks: one task per article per annotator, `{"id", "data": {"text",
//! "article", "annotator"}, "annotations": [{"result": [...]}]}`, with a `labels` result
//! per span (`from_name` "label", `to_name` "text") and a `relation` result per link (the
//! names of [`super::relations`] as its `labels`). Offsets are code points: Label Studio's
//! Text tag counts them so (its "NER - Emoji - Text" tests), as Python's `text[start:end]`.
//! A discontinuous mention is a region per fragment, the first joined to the others by
//! `Fragment` relations; a region's id is the mention's (`m3`), or `m3.2` for the second
//! fragment.

use std::io::Write;

use serde::Serialize;

use super::relations::{self, Relation};
use super::{Doc, Loss};

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Data<'a>,
    annotations: [Annotation; 1],
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
    article: &'a str,
    annotator: &'a str,
}

#[derive(Serialize)]
struct Annotation {
    result: Vec<Result>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Result {
    Labels {
        id: String,
        from_name: &'static str,
        to_name: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: Value,
    },
    Relation {
        from_id: String,
        to_id: String,
        #[serde(rename = "type")]
        kind: &'static str,
        direction: &'static str,
        labels: [String; 1],
    },
}

#[derive(Serialize)]
struct Value {
    start: usize,
    end: usize,
    text: String,
    labels: [String; 1],
}

fn relation(from: String, to: String, label: String) -> Result {
    Result::Relation {
        from_id: from,
        to_id: to,
        kind: "relation",
        direction: "right",
        labels: [label],
    }
}

fn task<'a>(n: usize, d: &'a Doc, loss: &mut Loss) -> Task<'a> {
    let a = &d.annotations;
    let mut result = Vec::new();
    for m in &a.mentions {
        for (i, f) in m.fragments.iter().enumerate() {
            let id = if i == 0 {
                m.id.to_string()
            } else {
                format!("{}.{}", m.id, i + 1)
            };
            if i > 0 {
                result.push(relation(m.id.to_string(), id.clone(), "Fragment".into()));
            }
            result.push(Result::Labels {
                id,
                from_name: "label",
                to_name: "text",
                kind: "labels",
                value: Value {
                    start: d.cp(f.start),
                    end: d.cp(f.end),
                    text: d.article.text[f.start..f.end].to_owned(),
                    labels: [m.label.clone()],
                },
            });
        }
    }
    for Relation { kind, from, to } in relations::relations(d, loss) {
        result.push(relation(from.id.to_string(), to.id.to_string(), kind));
    }
    relations::no_place_for(d, "Label Studio", loss);
    Task {
        id: n,
        data: Data {
            text: &d.article.text,
            article: &d.name,
            annotator: &a.annotator,
        },
        annotations: [Annotation { result }],
    }
}

pub fn write(docs: &[Doc], w: &mut impl Write, loss: &mut Loss) -> std::io::Result<()> {
    w.write_all(b"[\n")?;
    for (n, d) in docs.iter().enumerate() {
        if n > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *w, &task(n + 1, d, loss))?;
    }
    w.write_all(b"\n]\n")?;
    Ok(())
}
