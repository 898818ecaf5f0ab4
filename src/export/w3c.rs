//! W3C Web Annotation (JSON-LD, `@context` http://www.w3.org/ns/anno.jsonld): one
//! `AnnotationCollection` whose page holds an annotation per mention, entity, link and note.
//! A mention's target is its article (`source`, the file name) with a
//! `TextPositionSelector` (code points, as the model says) and a `TextQuoteSelector` (exact,
//! and up to 32 characters of prefix and suffix) per fragment; its body is its label
//! (`tagging`) and attributes (`describing`, as `name=value`). An entity is `identifying`,
//! targeting its mentions; attributions (targets: claim, speaker, cue; one with no
//! speaker or several claims says its targets' roles in a `describing` body
//! `targets=claim,claim,cue`), sourcings (claim,
//! source) and stances (holder, target) are `linking` annotations whose targets are the ids of
//! the annotations they join, in that order; notes are `commenting`. Ids are
//! `urn:glossator:<article>:<annotator>:<id>`. Only the file's status has no place.

use std::fmt::Write as _;
use std::io::Write;

use serde_json::{Value, json};

use super::{Doc, Loss};
use crate::model::{AnyId, Mention, Target};

/// Characters of context in a quote selector.
const CONTEXT: usize = 32;

/// Percent-encodes what may not stand in a URN part.
fn part(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

pub fn iri(d: &Doc, id: &str) -> String {
    format!(
        "urn:glossator:{}:{}:{id}",
        part(&d.name),
        part(&d.annotations.annotator)
    )
}

fn body(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value})
}

fn annotation(d: &Doc, id: &str, motivation: &str, body: Vec<Value>, target: Value) -> Value {
    let (body, target) = (Value::Array(body), target);
    json!({
        "id": iri(d, id),
        "type": "Annotation",
        "motivation": motivation,
        "creator": {"type": "Person", "nickname": d.annotations.annotator},
        "body": body,
        "target": target,
    })
}

fn mention(d: &Doc, m: &Mention) -> Value {
    let text = &d.article.text;
    let mut bodies = vec![body("tagging", &m.label)];
    for (k, v) in &m.attrs {
        bodies.push(body("describing", &format!("{k}={v}")));
    }
    let targets: Vec<Value> = m
        .fragments
        .iter()
        .map(|f| {
            let mut prefix: Vec<char> = text[..f.start].chars().rev().take(CONTEXT).collect();
            prefix.reverse();
            let prefix: String = prefix.into_iter().collect();
            let suffix: String = text[f.end..].chars().take(CONTEXT).collect();
            json!({
                "source": d.name,
                "selector": [
                    {"type": "TextPositionSelector", "start": d.cp(f.start), "end": d.cp(f.end)},
                    {"type": "TextQuoteSelector", "exact": &text[f.start..f.end],
                     "prefix": prefix, "suffix": suffix},
                ],
            })
        })
        .collect();
    annotation(
        d,
        &m.id.to_string(),
        "tagging",
        bodies,
        Value::Array(targets),
    )
}

fn items(d: &Doc, loss: &mut Loss) -> Vec<Value> {
    let a = &d.annotations;
    let to = |id: String| Value::String(iri(d, &id));
    let mut out: Vec<Value> = a.mentions.iter().map(|m| mention(d, m)).collect();
    for e in &a.entities {
        let mut bodies = vec![
            body("identifying", &e.name),
            body("classifying", &e.kind),
            body("describing", if e.named { "named" } else { "unnamed" }),
        ];
        if let Some(kb) = &e.kb {
            bodies.push(body("linking", kb));
        }
        let targets: Vec<Value> = a
            .mentions
            .iter()
            .filter(|m| m.entity == Some(e.id))
            .map(|m| to(m.id.to_string()))
            .collect();
        out.push(annotation(
            d,
            &e.id.to_string(),
            "identifying",
            bodies,
            Value::Array(targets),
        ));
    }
    for x in &a.attributions {
        let mut targets: Vec<Value> = x.claims().map(|c| to(c.to_string())).collect();
        targets.extend(x.speaker.map(|s| to(s.to_string())));
        targets.extend(x.cue.map(|c| to(c.to_string())));
        let mut bodies = vec![body("classifying", "Attribution")];
        // Targets in another shape than claim, speaker, cue say what each one is.
        if x.speaker.is_none() || !x.more.is_empty() {
            let mut roles: Vec<&str> = x.claims().map(|_| "claim").collect();
            roles.extend(x.speaker.map(|_| "speaker"));
            roles.extend(x.cue.map(|_| "cue"));
            bodies.push(body("describing", &format!("targets={}", roles.join(","))));
        }
        out.push(annotation(
            d,
            &x.id.to_string(),
            "linking",
            bodies,
            Value::Array(targets),
        ));
    }
    for s in &a.sourcings {
        let mut bodies = vec![body("classifying", "Sourcing")];
        if let Some(x) = s.specificity {
            bodies.push(body("describing", &format!("{x:?}").to_lowercase()));
        }
        out.push(annotation(
            d,
            &s.id.to_string(),
            "linking",
            bodies,
            json!([to(s.claim.to_string()), to(s.source.to_string())]),
        ));
    }
    for s in &a.stances {
        let mut bodies = vec![
            body("classifying", "Stance"),
            body("assessing", &s.polarity),
        ];
        let mut targets = vec![to(s.holder.to_string())];
        match &s.target {
            Target::Mention(m) => targets.push(to(m.to_string())),
            Target::Entity(e) => targets.push(to(e.to_string())),
            Target::Text(t) => bodies.push(body("describing", t)),
        }
        out.push(annotation(
            d,
            &s.id.to_string(),
            "linking",
            bodies,
            Value::Array(targets),
        ));
    }
    for n in &a.notes {
        let target =
            n.on.map_or_else(|| json!(d.name), |o: AnyId| to(o.to_string()));
        out.push(annotation(
            d,
            &n.id.to_string(),
            "commenting",
            vec![json!({"type": "TextualBody", "purpose": "commenting", "value": n.text})],
            target,
        ));
    }
    loss.add(
        &d.key(),
        "the file's status (use jsonl)",
        a.status.to_string(),
    );
    out
}

/// The collection, written an article at a time (a corpus's annotations never sit in memory
/// as one JSON tree): one annotation per line, the count at the end.
pub fn write(docs: &[Doc], w: &mut impl Write, loss: &mut Loss) -> std::io::Result<()> {
    w.write_all(
        b"{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n  \"id\": \"urn:glossator:export\",\n  \"type\": \"AnnotationCollection\",\n  \"label\": \"glossator export\",\n  \"first\": {\n    \"type\": \"AnnotationPage\",\n    \"startIndex\": 0,\n    \"items\": [",
    )?;
    let mut total = 0usize;
    for d in docs {
        for item in items(d, loss) {
            w.write_all(if total == 0 {
                b"\n      "
            } else {
                b",\n      "
            })?;
            serde_json::to_writer(&mut *w, &item)?;
            total += 1;
        }
    }
    write!(w, "\n    ]\n  }},\n  \"total\": {total}\n}}\n")
}
