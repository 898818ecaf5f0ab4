//! One row per claim, the flat dataset most people want, quoted by RFC 4180 (fields with a
//! comma, quote or line break in double quotes, quotes doubled, CRLF line ends).

use std::io::Write;

use super::{Doc, Loss};
use crate::model::{Agent, Mention, Target};
use crate::schema::Schema;

pub const HEADER: [&str; 15] = [
    "article",
    "annotator",
    "claim_id",
    "claim_text",
    "start",
    "end",
    "fragments",
    "quote_type",
    "speaker",
    "speaker_kind",
    "cue",
    "sources",
    "stance_polarity",
    "stance_target",
    "stance_holder",
];

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn row(w: &mut impl Write, fields: &[String]) -> std::io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    w.write_all(line.join(",").as_bytes())?;
    w.write_all(b"\r\n")
}

/// The cells of one claim's row.
fn claim_row(d: &Doc, m: &Mention, loss: &mut Loss) -> Vec<String> {
    let a = &d.annotations;
    let key = d.key();
    let extent = m.extent();
    let attribution = a.attributions.iter().find(|x| x.claim == m.id);
    let speaker = d.speaker_of(m.id);
    let sources = d.source_names(m.id);
    // The stances on this claim; else the speaker's stances on a topic.
    let on_claim: Vec<_> = a
        .stances
        .iter()
        .filter(|s| s.target == Target::Mention(m.id))
        .collect();
    let stances = if on_claim.is_empty() {
        a.stances
            .iter()
            .filter(|s| speaker.is_some_and(|sp| same(d, s.holder, sp)))
            .collect()
    } else {
        on_claim
    };
    let target = |t: &Target| match t {
        Target::Mention(x) => d.mention_text(*x),
        Target::Entity(e) => d.agent_name(Agent::Entity(*e)),
        Target::Text(t) => t.clone(),
    };
    let other_attrs = m.attrs.keys().filter(|k| *k != "quote_type").count();
    if other_attrs > 0 {
        loss.add(
            &key,
            "claim attributes other than quote_type (use jsonl)",
            m.id.to_string(),
        );
    }
    if a.notes
        .iter()
        .any(|n| n.on == Some(crate::model::AnyId::Mention(m.id)))
    {
        loss.add(&key, "notes (use jsonl)", m.id.to_string());
    }
    vec![
        d.name.clone(),
        a.annotator.clone(),
        m.id.to_string(),
        d.text_of(m),
        d.cp(extent.start).to_string(),
        d.cp(extent.end).to_string(),
        m.fragments
            .iter()
            .map(|f| format!("{}-{}", d.cp(f.start), d.cp(f.end)))
            .collect::<Vec<_>>()
            .join(";"),
        m.attrs.get("quote_type").cloned().unwrap_or_default(),
        speaker.map(|s| d.agent_name(s)).unwrap_or_default(),
        speaker.map(|s| d.agent_kind(s)).unwrap_or_default(),
        attribution
            .and_then(|x| x.cue)
            .map(|c| d.mention_text(c))
            .unwrap_or_default(),
        sources.join("; "),
        stances
            .iter()
            .map(|s| s.polarity.clone())
            .collect::<Vec<_>>()
            .join("; "),
        stances
            .iter()
            .map(|s| target(&s.target))
            .collect::<Vec<_>>()
            .join("; "),
        stances
            .iter()
            .map(|s| d.agent_name(s.holder))
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

pub fn write(
    docs: &[Doc],
    schema: &Schema,
    w: &mut impl Write,
    loss: &mut Loss,
) -> std::io::Result<()> {
    row(w, &HEADER.map(str::to_owned))?;
    let claim_labels = &schema.links.attribution.claim;
    for d in docs {
        let a = &d.annotations;
        let key = d.key();
        for m in a
            .mentions
            .iter()
            .filter(|m| claim_labels.contains(&m.label))
        {
            row(w, &claim_row(d, m, loss))?;
        }
        for m in a
            .mentions
            .iter()
            .filter(|m| !claim_labels.contains(&m.label))
        {
            let used = a
                .attributions
                .iter()
                .any(|x| x.cue == Some(m.id) || x.speaker == Agent::Mention(m.id))
                || a.sourcings.iter().any(|s| s.source == Agent::Mention(m.id));
            if !used {
                loss.add(
                    &key,
                    "mentions not tied to a claim as its speaker, cue or source (use jsonl)",
                    format!("{} {} '{}'", m.id, m.label, d.text_of(m)),
                );
            }
        }
    }
    Ok(())
}

/// Whether two agents are the same speaker: the same mention, or mentions of one entity.
fn same(d: &Doc, a: Agent, b: Agent) -> bool {
    let entity = |x: Agent| match x {
        Agent::Entity(e) => Some(e),
        Agent::Mention(m) => d.annotations.mention(m).and_then(|m| m.entity),
    };
    a == b || entity(a).is_some_and(|e| Some(e) == entity(b))
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
