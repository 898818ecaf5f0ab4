//! Links as binary relations between mentions, for formats that have nothing else (doccano,
//! Label Studio): `Attribution` speaker -> claim (none when no one is named), `Cue` cue ->
//! claim, `Content` claim -> each further content of the same attribution, `Sourcing` (or
//! `Sourcing_Named`, `_Unnamed`, `_Vague`) claim -> source, `Stance_<polarity>` holder ->
//! target; `Fragment` joins the first fragment of a discontinuous mention to each of the
//! others, each fragment being a span of its own. An entity at a link's end is written as its first mention; what has no mention
//! at all, and a stance on free text, is counted in the loss report. The names are the brat
//! export's, and the importers read them back.

use super::{Doc, Loss};
use crate::model::{Agent, Mention, Target};

pub struct Relation<'a> {
    pub kind: String,
    pub from: &'a Mention,
    pub to: &'a Mention,
}

/// The mention at an agent's end of a link, counting what that costs.
fn end<'a>(d: &'a Doc, agent: Agent, link: &str, loss: &mut Loss) -> Option<&'a Mention> {
    let m = d.agent_mention(agent);
    match (agent, m) {
        (Agent::Entity(e), Some(_)) => loss.add(
            &d.key(),
            "links to an entity written to its first mention",
            format!("{link} -> {e}"),
        ),
        (_, None) => loss.add(
            &d.key(),
            "links whose end has no mention in the text",
            format!("{link} -> {agent}"),
        ),
        (Agent::Mention(_), Some(_)) => {}
    }
    m
}

pub fn relations<'a>(d: &'a Doc, loss: &mut Loss) -> Vec<Relation<'a>> {
    let a = &d.annotations;
    let key = d.key();
    let mut out = Vec::new();
    for x in &a.attributions {
        let link = x.id.to_string();
        let Some(claim) = d.mention(x.claim) else {
            continue;
        };
        let cue = x.cue.and_then(|c| d.mention(c));
        match x.speaker {
            Some(s) => {
                let Some(speaker) = end(d, s, &link, loss) else {
                    continue;
                };
                out.push(Relation {
                    kind: "Attribution".into(),
                    from: speaker,
                    to: claim,
                });
            }
            None if cue.is_none() => {
                loss.add(
                    &key,
                    "attributions with neither speaker nor cue (use jsonl)",
                    link,
                );
                continue;
            }
            None => {}
        }
        if let Some(cue) = cue {
            out.push(Relation {
                kind: "Cue".into(),
                from: cue,
                to: claim,
            });
        }
        for more in x.more.iter().filter_map(|m| d.mention(*m)) {
            out.push(Relation {
                kind: "Content".into(),
                from: claim,
                to: more,
            });
        }
    }
    for s in &a.sourcings {
        let link = s.id.to_string();
        let (Some(claim), Some(source)) = (d.mention(s.claim), end(d, s.source, &link, loss))
        else {
            continue;
        };
        let kind = s
            .specificity
            .map_or_else(|| "Sourcing".to_owned(), |x| format!("Sourcing_{x:?}"));
        out.push(Relation {
            kind,
            from: claim,
            to: source,
        });
    }
    for s in &a.stances {
        let link = s.id.to_string();
        let target = match &s.target {
            Target::Mention(m) => d.mention(*m),
            Target::Entity(e) => end(d, Agent::Entity(*e), &link, loss),
            Target::Text(t) => {
                loss.add(&key, "stances on free text", format!("{link} '{t}'"));
                continue;
            }
        };
        let (Some(holder), Some(target)) = (end(d, s.holder, &link, loss), target) else {
            continue;
        };
        out.push(Relation {
            kind: format!("Stance_{}", s.polarity),
            from: holder,
            to: target,
        });
    }
    out
}

/// What a format of labelled spans and relations has no place for: entities (coreference,
/// names, kinds), attributes, notes, the file's status.
pub fn no_place_for(d: &Doc, format: &str, loss: &mut Loss) {
    let a = &d.annotations;
    let key = d.key();
    for e in &a.entities {
        loss.add(
            &key,
            &format!("entities ({format} has no coreference; use jsonl, w3c or brat)"),
            e.name.clone(),
        );
    }
    for m in a.mentions.iter().filter(|m| !m.attrs.is_empty()) {
        for (k, v) in &m.attrs {
            loss.add(
                &key,
                &format!("attributes ({format} has none; use jsonl, w3c or brat)"),
                format!("{} {k}={v}", m.id),
            );
        }
    }
    for n in &a.notes {
        loss.add(
            &key,
            &format!("notes ({format} has none; use jsonl, w3c or brat)"),
            n.text.clone(),
        );
    }
}

/// The code-point fragments of a mention, counting a discontinuous one (for formats with no
/// relation to join them by).
pub fn fragments(d: &Doc, m: &Mention, loss: &mut Loss) -> Vec<(usize, usize)> {
    if m.fragments.len() > 1 {
        loss.add(
            &d.key(),
            "discontinuous mentions written as one span per fragment",
            format!("{} '{}'", m.id, d.text_of(m)),
        );
    }
    m.fragments
        .iter()
        .map(|f| (d.cp(f.start), d.cp(f.end)))
        .collect()
}

/// For the formats that carry spans only (Hugging Face, spaCy): every link goes to the loss
/// report, and what has no place in them either.
pub fn spans_only(d: &Doc, format: &str, loss: &mut Loss) {
    links_lost(
        d,
        "links (attributions, sourcings, stances; use jsonl, doccano-relations or label-studio)",
        loss,
    );
    no_place_for(d, format, loss);
}

/// Every attribution, sourcing and stance of `d` reported as lost, under `kind`.
pub fn links_lost(d: &Doc, kind: &str, loss: &mut Loss) {
    let a = &d.annotations;
    let key = d.key();
    let links = a
        .attributions
        .iter()
        .map(|x| x.id.to_string())
        .chain(a.sourcings.iter().map(|x| x.id.to_string()))
        .chain(a.stances.iter().map(|x| x.id.to_string()));
    for id in links {
        loss.add(&key, kind, id);
    }
}
