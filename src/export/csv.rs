//! One row per claim, the flat dataset most people want, quoted by RFC 4180 (fields with a
//! comma, quote or line break in double quotes, quotes doubled, CRLF line ends).

use std::collections::{HashMap, HashSet};
use std::io::Write;

use super::{Doc, Loss};
use crate::model::{Agent, AnyId, Mention, MentionId, Target};
use crate::schema::Schema;

pub const HEADER: [&str; 20] = [
    "article",
    "annotator",
    "claim_id",
    "claim_text",
    "start",
    "end",
    "fragments",
    "quote_type",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_kind",
    "cue",
    "cue_start",
    "cue_end",
    "sources",
    "stance_polarity",
    "stance_target",
    "stance_holder",
    "attribution",
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

/// One file's stances and notes by what they are on, and the mentions a claim row carries.
struct Tables {
    stances_on: HashMap<MentionId, Vec<usize>>,
    noted: HashSet<MentionId>,
    used: HashSet<MentionId>,
}

impl Tables {
    fn new(d: &Doc) -> Self {
        let a = &d.annotations;
        let mut t = Self {
            stances_on: HashMap::new(),
            noted: HashSet::new(),
            used: HashSet::new(),
        };
        for (i, s) in a.stances.iter().enumerate() {
            if let Target::Mention(m) = s.target {
                t.stances_on.entry(m).or_default().push(i);
            }
        }
        for n in &a.notes {
            if let Some(AnyId::Mention(m)) = n.on {
                t.noted.insert(m);
            }
        }
        let mention = |g: Agent| match g {
            Agent::Mention(m) => Some(m),
            Agent::Entity(_) => None,
        };
        for x in &a.attributions {
            t.used.extend(x.cue);
            t.used.extend(x.speaker.and_then(mention));
        }
        for x in &a.sourcings {
            t.used.extend(mention(x.source));
        }
        t
    }
}

/// The cells of one claim's row.
fn claim_row(d: &Doc, tables: &Tables, m: &Mention, loss: &mut Loss) -> Vec<String> {
    let a = &d.annotations;
    let key = d.key();
    let extent = m.extent();
    let attribution = d.attribution_of(m.id);
    let speaker = attribution.and_then(|x| x.speaker);
    let sources = d.source_names(m.id);
    // The stances that target this claim, and only those.
    let stances: Vec<_> = tables
        .stances_on
        .get(&m.id)
        .into_iter()
        .flatten()
        .filter_map(|&i| a.stances.get(i))
        .collect();
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
    if tables.noted.contains(&m.id) {
        loss.add(&key, "notes (use jsonl)", m.id.to_string());
    }
    let offsets = |m: Option<&Mention>| {
        m.map_or((String::new(), String::new()), |m| {
            (
                d.cp(m.extent().start).to_string(),
                d.cp(m.extent().end).to_string(),
            )
        })
    };
    let (speaker_start, speaker_end) = offsets(speaker.and_then(|s| d.agent_mention(s)));
    let cue = attribution.and_then(|x| x.cue).and_then(|c| d.mention(c));
    let (cue_start, cue_end) = offsets(cue);
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
        speaker_start,
        speaker_end,
        speaker.map(|s| d.agent_kind(s)).unwrap_or_default(),
        cue.map(|c| d.text_of(c)).unwrap_or_default(),
        cue_start,
        cue_end,
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
        attribution.map(|x| x.id.to_string()).unwrap_or_default(),
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
        let tables = Tables::new(d);
        for m in a
            .mentions
            .iter()
            .filter(|m| claim_labels.contains(&m.label))
        {
            row(w, &claim_row(d, &tables, m, loss))?;
        }
        let on_claim = |t: &Target| match t {
            Target::Mention(x) => d
                .mention(*x)
                .is_some_and(|m| claim_labels.contains(&m.label)),
            _ => false,
        };
        for s in a.stances.iter().filter(|s| !on_claim(&s.target)) {
            loss.add(
                &key,
                "stances whose target is not a claim (use jsonl)",
                s.id.to_string(),
            );
        }
        for m in a
            .mentions
            .iter()
            .filter(|m| !claim_labels.contains(&m.label) && !tables.used.contains(&m.id))
        {
            loss.add(
                &key,
                "mentions not tied to a claim as its speaker, cue or source (use jsonl)",
                format!("{} {} '{}'", m.id, m.label, d.text_of(m)),
            );
        }
    }
    Ok(())
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
