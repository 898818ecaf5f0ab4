//! doccano JSONL, one article per line, offsets in code points (doccano's Python string
//! indices). Sequence labelling: `{"id", "article", "annotator", "text", "label": [[start,
//! end, "Label"]]}`. Relation extraction: `{"id", "article", "annotator", "text",
//! "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id",
//! "from_id", "to_id", "type"}]}`, with the relation names of [`super::relations`]. doccano
//! keeps the extra `article` and `annotator` fields as metadata, and the importer reads them.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use super::relations::{self, Relation};
use super::{Doc, Loss};
use crate::model::MentionId;

#[derive(Serialize)]
struct Labelled<'a> {
    id: usize,
    article: &'a str,
    annotator: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
}

#[derive(Serialize)]
struct Related<'a> {
    id: usize,
    article: &'a str,
    annotator: &'a str,
    text: &'a str,
    entities: Vec<Span<'a>>,
    relations: Vec<Rel>,
}

#[derive(Serialize)]
struct Span<'a> {
    id: usize,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct Rel {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: String,
}

/// Sequence labelling: spans only.
pub fn write_labels(docs: &[Doc], w: &mut impl Write, loss: &mut Loss) -> std::io::Result<()> {
    for (n, d) in docs.iter().enumerate() {
        let a = &d.annotations;
        let mut label = Vec::new();
        for m in &a.mentions {
            for (s, e) in relations::fragments(d, m, loss) {
                label.push((s, e, m.label.as_str()));
            }
        }
        super::relations::links_lost(
            d,
            "links (sequence labelling has none; use doccano-relations)",
            loss,
        );
        relations::no_place_for(d, "doccano", loss);
        let line = Labelled {
            id: n + 1,
            article: &d.name,
            annotator: &a.annotator,
            text: &d.article.text,
            label,
        };
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// Relation extraction: spans, links and the fragments of discontinuous mentions.
pub fn write_relations(docs: &[Doc], w: &mut impl Write, loss: &mut Loss) -> std::io::Result<()> {
    for (n, d) in docs.iter().enumerate() {
        let a = &d.annotations;
        let mut entities = Vec::new();
        let mut rels = Vec::new();
        let mut first: HashMap<MentionId, usize> = HashMap::new();
        for m in &a.mentions {
            let mut head = None;
            for f in &m.fragments {
                let id = entities.len() + 1;
                entities.push(Span {
                    id,
                    label: &m.label,
                    start_offset: d.cp(f.start),
                    end_offset: d.cp(f.end),
                });
                match head {
                    None => head = Some(id),
                    Some(h) => rels.push(Rel {
                        id: rels.len() + 1,
                        from_id: h,
                        to_id: id,
                        kind: "Fragment".into(),
                    }),
                }
            }
            if let Some(h) = head {
                first.insert(m.id, h);
            }
        }
        for Relation { kind, from, to } in relations::relations(d, loss) {
            if let (Some(&f), Some(&t)) = (first.get(&from.id), first.get(&to.id)) {
                rels.push(Rel {
                    id: rels.len() + 1,
                    from_id: f,
                    to_id: t,
                    kind,
                });
            }
        }
        relations::no_place_for(d, "doccano", loss);
        let line = Related {
            id: n + 1,
            article: &d.name,
            annotator: &a.annotator,
            text: &d.article.text,
            entities,
            relations: rels,
        };
        serde_json::to_writer(&mut *w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
