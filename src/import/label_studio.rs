//! Label Studio JSON export: an array of tasks (or one task), `{"data": {"text": ...},
//! "annotations": [{"result": [...]}]}`. `labels` results (any result whose `value` has
//! `start`, `end` and `labels`) become spans, offsets in code points as Label Studio's Text
//! tag counts them, each checked against its `value.text`; `relation` results become links
//! (`direction` `left` is read backwards). Each annotation of a task is a record: one
//! annotation takes the task's `data.annotator` (what glossator exports), several are
//! numbered. The text is `data.text`, or the task's only string field.

use std::path::Path;

use anyhow::bail;
use serde_json::Value;

use super::{RawLink, RawSpan, Record};

fn text_of(data: &Value) -> Option<&str> {
    if let Some(t) = data.get("text").and_then(Value::as_str) {
        return Some(t);
    }
    let strings: Vec<&str> = data
        .as_object()?
        .values()
        .filter_map(Value::as_str)
        .collect();
    match strings.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

fn results(origin: &str, r: &mut Record, result: &[Value]) -> anyhow::Result<()> {
    for x in result {
        let kind = x.get("type").and_then(Value::as_str).unwrap_or_default();
        if kind == "relation" {
            let (Some(from), Some(to)) = (
                x.get("from_id").and_then(Value::as_str),
                x.get("to_id").and_then(Value::as_str),
            ) else {
                bail!("{origin}: a relation lacks from_id or to_id: {x}");
            };
            let labels = x.get("labels").and_then(Value::as_array);
            let Some(label) = labels.and_then(|l| l.first()).and_then(Value::as_str) else {
                r.skip("relations without a label");
                continue;
            };
            let (from, to) = match x.get("direction").and_then(Value::as_str) {
                Some("left") => (to, from),
                Some("bi") => {
                    r.skip("relations in both directions");
                    continue;
                }
                _ => (from, to),
            };
            r.links.push(RawLink {
                kind: label.to_owned(),
                from: from.to_owned(),
                to: to.to_owned(),
            });
            continue;
        }
        let value = x.get("value");
        let labels = value
            .and_then(|v| v.get("labels"))
            .and_then(Value::as_array);
        let (Some(value), Some(labels)) = (value, labels) else {
            r.skip(format!("results of type {kind}"));
            continue;
        };
        let at = |k: &str| {
            value
                .get(k)
                .and_then(Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        };
        let (Some(start), Some(end)) = (at("start"), at("end")) else {
            r.skip("regions without character offsets (HyperText)");
            continue;
        };
        let Some(id) = x.get("id").and_then(Value::as_str) else {
            bail!("{origin}: a region has no id: {x}");
        };
        let mut names = labels.iter().filter_map(Value::as_str);
        let Some(label) = names.next() else {
            r.skip("regions without a label");
            continue;
        };
        for _ in names {
            r.skip("second labels on one region");
        }
        r.spans.push(RawSpan {
            key: id.to_owned(),
            label: label.to_owned(),
            start,
            end,
            text: value.get("text").and_then(Value::as_str).map(str::to_owned),
        });
    }
    Ok(())
}

/// The records of a Label Studio export.
pub fn parse(path: &Path, source: &str) -> anyhow::Result<Vec<Record>> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let v: Value = serde_json::from_str(source).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: not JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    let tasks = match v {
        Value::Array(a) => a,
        one @ Value::Object(_) => vec![one],
        _ => bail!("{}: not a Label Studio task list", path.display()),
    };
    let mut out = Vec::new();
    for (i, task) in tasks.iter().enumerate() {
        let origin = format!("{} task {}", path.display(), i + 1);
        let data = task.get("data").unwrap_or(&Value::Null);
        let Some(text) = text_of(data) else {
            bail!("{origin}: no data.text (nor a single text field in data)");
        };
        let name = data.get("article").and_then(Value::as_str).map_or_else(
            || format!("{stem}-{}", i + 1),
            |a| a.trim_end_matches(".txt").to_owned(),
        );
        let annotations = task
            .get("annotations")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let several = annotations.len() > 1;
        for (k, a) in annotations.iter().enumerate() {
            if a.get("was_cancelled").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            let base = data.get("annotator").and_then(Value::as_str);
            let mut r = Record {
                origin: format!("{origin} annotation {}", k + 1),
                name: name.clone(),
                text: text.to_owned(),
                annotator: match (base, several) {
                    (Some(b), false) => Some(b.to_owned()),
                    (Some(b), true) => Some(format!("{b}-{}", k + 1)),
                    (None, true) => Some(format!("label-studio-{}", k + 1)),
                    (None, false) => None,
                },
                ..Record::default()
            };
            let result = a
                .get("result")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            results(&r.origin.clone(), &mut r, result)?;
            out.push(r);
        }
    }
    Ok(out)
}
