//! doccano JSONL: sequence labelling (`{"text", "label": [[start, end, "Label"]]}`) and
//! relation extraction (`{"text", "entities": [{"id", "label", "start_offset",
//! "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`), offsets in code
//! points. The objects are read as a stream, so one per line and doccano's own
//! pretty-printed example (one object over many lines) both read. `article` and
//! `annotator` fields (what glossator exports) name the article and annotator; otherwise a
//! record is `<file>-<n>`.

use std::path::Path;

use anyhow::bail;
use serde_json::Value;

use super::{RawLink, RawSpan, Record};

/// An id as text: doccano's are numbers, but strings are taken too.
fn key(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn offset(v: &Value) -> Option<usize> {
    v.as_u64().and_then(|n| usize::try_from(n).ok())
}

fn record(origin: &str, stem: &str, n: usize, v: &Value) -> anyhow::Result<Record> {
    let Some(text) = v.get("text").and_then(Value::as_str) else {
        bail!("{origin}: the record has no \"text\" string");
    };
    let mut r = Record {
        origin: origin.to_owned(),
        name: v.get("article").and_then(Value::as_str).map_or_else(
            || format!("{stem}-{n}"),
            |a| a.trim_end_matches(".txt").to_owned(),
        ),
        text: text.to_owned(),
        annotator: v
            .get("annotator")
            .and_then(Value::as_str)
            .map(str::to_owned),
        ..Record::default()
    };
    if let Some(labels) = v.get("label").and_then(Value::as_array) {
        for (i, l) in labels.iter().enumerate() {
            let (Some(start), Some(end), Some(label)) = (
                l.get(0).and_then(offset),
                l.get(1).and_then(offset),
                l.get(2).and_then(Value::as_str),
            ) else {
                bail!(
                    "{origin}: label {} is not [start, end, \"Label\"]: {l}",
                    i + 1
                );
            };
            r.spans.push(RawSpan {
                key: format!("#{i}"),
                label: label.to_owned(),
                start,
                end,
                text: None,
            });
        }
    }
    if let Some(entities) = v.get("entities").and_then(Value::as_array) {
        for e in entities {
            let (Some(k), Some(start), Some(end), Some(label)) = (
                e.get("id").and_then(key),
                e.get("start_offset").and_then(offset),
                e.get("end_offset").and_then(offset),
                e.get("label").and_then(Value::as_str),
            ) else {
                bail!("{origin}: an entity lacks id, start_offset, end_offset or label: {e}");
            };
            r.spans.push(RawSpan {
                key: k,
                label: label.to_owned(),
                start,
                end,
                text: None,
            });
        }
    }
    for rel in v
        .get("relations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(from), Some(to), Some(kind)) = (
            rel.get("from_id").and_then(key),
            rel.get("to_id").and_then(key),
            rel.get("type").and_then(Value::as_str),
        ) else {
            bail!("{origin}: a relation lacks from_id, to_id or type: {rel}");
        };
        r.links.push(RawLink {
            kind: kind.to_owned(),
            from,
            to,
        });
    }
    Ok(r)
}

/// The records of a doccano file.
pub fn parse(path: &Path, source: &str) -> anyhow::Result<Vec<Record>> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_str(source).into_iter::<Value>();
    for (i, v) in stream.enumerate() {
        let v = match v {
            Ok(v) => v,
            Err(e) => bail!(
                "{}:{}:{}: not JSON: {e}",
                path.display(),
                e.line(),
                e.column()
            ),
        };
        let origin = format!("{} record {}", path.display(), i + 1);
        out.push(record(&origin, &stem, i + 1, &v)?);
    }
    Ok(out)
}
