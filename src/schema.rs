//! The schema: labels with their keys, colours and guidelines, entity kinds, attributes and
//! their allowed values, stance polarities, and which labels each kind of link may join.
//! `assets/schemas/news.ron` is the default; a project may name its own file.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::boundary::Boundaries;
use crate::diagnostic::Diagnostic;
use crate::model::{Agent, Annotations, MentionId, Problem, Target};

/// The default news-attribution schema, compiled in.
pub const DEFAULT_SCHEMA: &str = include_str!("../assets/schemas/news.ron");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    pub name: String,
    pub labels: Vec<Label>,
    pub entity_kinds: Vec<String>,
    pub attributes: Vec<Attribute>,
    pub polarities: Vec<String>,
    pub links: Links,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub name: String,
    /// The key that applies the label to a selection.
    pub key: char,
    /// `#rrggbb`.
    pub color: String,
    /// Whether mentions of this label refer to entities (Speaker, Source).
    pub entity: bool,
    /// One line shown in the TUI.
    pub guideline: String,
    /// Where its spans' edges go (quotation marks, "that", punctuation): what the
    /// suggestions, the editor's selection and `r` snap to. Absent: as selected.
    #[serde(default, skip_serializing_if = "Boundaries::is_keep")]
    pub boundaries: Boundaries,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    pub name: String,
    /// Labels whose mentions may carry it.
    pub labels: Vec<String>,
    pub values: Vec<String>,
    pub guideline: String,
}

/// Which labels each kind of link may join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Links {
    pub attribution: AttributionRule,
    pub sourcing: SourcingRule,
    pub stance: StanceRule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionRule {
    pub claim: Vec<String>,
    pub speaker: Vec<String>,
    pub cue: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcingRule {
    pub claim: Vec<String>,
    pub source: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StanceRule {
    pub holder: Vec<String>,
    pub target: Vec<String>,
}

/// Why mention `id`, linked to entity `e`, cannot become a `label` (which refers to no
/// entity): which entity, what else relies on it, and how to go on.
fn entity_link_kept(
    annotations: &Annotations,
    id: MentionId,
    e: crate::model::EntityId,
    label: &str,
) -> Problem {
    let name = annotations
        .entity(e)
        .map(|x| format!(" '{}'", x.name))
        .unwrap_or_default();
    let others = annotations
        .mentions
        .iter()
        .filter(|m| m.entity == Some(e) && m.id != id)
        .count();
    let agent = Agent::Entity(e);
    let mut links: Vec<String> = Vec::new();
    links.extend(
        annotations
            .attributions
            .iter()
            .filter(|a| a.speaker == Some(agent))
            .map(|a| a.id.to_string()),
    );
    links.extend(
        annotations
            .sourcings
            .iter()
            .filter(|s| s.source == agent)
            .map(|s| s.id.to_string()),
    );
    links.extend(
        annotations
            .stances
            .iter()
            .filter(|s| s.holder == agent || s.target == Target::Entity(e))
            .map(|s| s.id.to_string()),
    );
    let relies = match (others, links.is_empty()) {
        (0, false) => format!(", its only mention, which {} name", links.join(", ")),
        (0, true) => ", its only mention".to_owned(),
        _ => String::new(),
    };
    Problem::new(
        Some(id.to_string()),
        format!("it refers to entity {e}{name}{relies}; a {label} mention refers to none"),
        "set its entity to (none) in its form first (Enter), or delete it (x) and label the words again",
    )
}

/// Parses `#rrggbb`.
pub fn parse_color(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.is_ascii())?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

impl Schema {
    /// The compiled-in default schema.
    #[expect(
        clippy::expect_used,
        reason = "compile-time asset, parsed by a unit test"
    )]
    pub fn news() -> Self {
        Self::parse(Path::new("assets/schemas/news.ron"), DEFAULT_SCHEMA)
            .expect("the default schema is valid")
    }

    pub fn load(path: &Path) -> Result<Self, Vec<Diagnostic>> {
        let source = crate::input::read_text(path, "schema", crate::input::SCHEMA_LIMIT).map_err(
            |e| match e {
                crate::input::ReadError::Io { source, .. } => vec![Diagnostic::new(
                    path,
                    format!("cannot read the schema: {source}"),
                    "check the path given with --schema or in glossator.ron",
                )],
                other => vec![other.diagnostic()],
            },
        )?;
        Self::parse(path, &source)
    }

    /// Parses and checks a schema; every problem found is returned.
    pub fn parse(path: &Path, source: &str) -> Result<Self, Vec<Diagnostic>> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let schema: Self = ron::from_str(source).map_err(|e| {
            vec![Diagnostic::from_ron(
                path,
                source,
                &e,
                "fix the schema file; assets/schemas/news.ron shows every field",
            )]
        })?;
        let problems = schema.consistency();
        if problems.is_empty() {
            Ok(schema)
        } else {
            let all = problems
                .into_iter()
                .map(|(m, h)| Diagnostic::new(path, m, h))
                .collect();
            Err(crate::diagnostic::capped(all, path))
        }
    }

    fn consistency(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut names = HashSet::new();
        let mut keys = HashSet::new();
        if self.labels.is_empty() {
            out.push((
                "the schema has no label".into(),
                "add at least one label".into(),
            ));
        }
        for l in &self.labels {
            if !names.insert(l.name.as_str()) {
                out.push((
                    format!("label {:?} is defined twice", l.name),
                    "rename one".into(),
                ));
            }
            if !keys.insert(l.key) {
                out.push((
                    format!(
                        "key {:?} of label {:?} is used by another label",
                        l.key, l.name
                    ),
                    "give every label its own key".into(),
                ));
            }
            if parse_color(&l.color).is_none() {
                out.push((
                    format!("label {:?} has colour {:?}", l.name, l.color),
                    "write colours as \"#rrggbb\"".into(),
                ));
            }
        }
        let known = |list: &[String], field: &str, out: &mut Vec<(String, String)>| {
            for name in list {
                if !names.contains(name.as_str()) {
                    out.push((
                        format!("{field} names label {name:?}, which the schema does not define"),
                        "use one of the labels listed under labels".into(),
                    ));
                }
            }
        };
        for a in &self.attributes {
            known(&a.labels, &format!("attribute {:?}", a.name), &mut out);
            if a.values.is_empty() {
                out.push((
                    format!("attribute {:?} has no allowed value", a.name),
                    "list its values".into(),
                ));
            }
        }
        let l = &self.links;
        known(&l.attribution.claim, "links.attribution.claim", &mut out);
        known(
            &l.attribution.speaker,
            "links.attribution.speaker",
            &mut out,
        );
        known(&l.attribution.cue, "links.attribution.cue", &mut out);
        known(&l.sourcing.claim, "links.sourcing.claim", &mut out);
        known(&l.sourcing.source, "links.sourcing.source", &mut out);
        known(&l.stance.holder, "links.stance.holder", &mut out);
        known(&l.stance.target, "links.stance.target", &mut out);
        if self.polarities.is_empty() {
            out.push((
                "the schema has no stance polarity".into(),
                "list polarities".into(),
            ));
        }
        out
    }

    pub fn label(&self, name: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The boundary conventions of `label`: as selected for a label the schema lacks.
    pub fn boundaries(&self, label: &str) -> Boundaries {
        self.label(label).map(|l| l.boundaries).unwrap_or_default()
    }

    /// `span` snapped to the conventions of `label` ([`crate::boundary::snap`]).
    pub fn snap(&self, text: &str, label: &str, span: crate::model::Span) -> crate::model::Span {
        crate::boundary::snap(text, span, self.boundaries(label))
    }

    /// Changes a mention's label, dropping what the new label cannot carry (its entity,
    /// attributes that do not apply). Refused, with nothing changed, when a link naming the
    /// mention would no longer fit the schema.
    pub fn relabel(
        &self,
        annotations: &mut Annotations,
        id: MentionId,
        label: &str,
    ) -> Result<(), Problem> {
        let takes_entity = self.label(label).is_some_and(|l| l.entity);
        let Some(index) = annotations.mentions.iter().position(|m| m.id == id) else {
            return Err(Problem::new(None, format!("{id} does not exist"), ""));
        };
        if !takes_entity && let Some(e) = annotations.mentions[index].entity {
            return Err(entity_link_kept(annotations, id, e, label));
        }
        let before = self.check(annotations).len();
        let old = annotations.mentions[index].clone();
        let m = &mut annotations.mentions[index];
        label.clone_into(&mut m.label);
        m.attrs.retain(|name, _| {
            self.attributes
                .iter()
                .any(|a| &a.name == name && a.labels.iter().any(|l| l == label))
        });
        let after = self.check(annotations);
        if after.len() > before {
            annotations.mentions[index] = old;
            let problem = after
                .into_iter()
                .next()
                .unwrap_or_else(|| Problem::new(None, "the new label does not fit its links", ""));
            return Err(problem);
        }
        Ok(())
    }

    /// Every way `annotations` departs from this schema.
    pub fn check(&self, annotations: &Annotations) -> Vec<Problem> {
        let mut out = Vec::new();
        let label_names = || {
            self.labels
                .iter()
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for e in &annotations.entities {
            if !self.entity_kinds.contains(&e.kind) {
                out.push(Problem::new(
                    Some(e.id.to_string()),
                    format!("entity kind {:?} is not in schema {:?}", e.kind, self.name),
                    format!("use one of: {}", self.entity_kinds.join(", ")),
                ));
            }
        }
        for m in &annotations.mentions {
            // Named only when something is wrong: most mentions have nothing to report.
            let id = || Some(m.id.to_string());
            let Some(label) = self.label(&m.label) else {
                out.push(Problem::new(
                    id(),
                    format!("label {:?} is not in schema {:?}", m.label, self.name),
                    format!("use one of: {}", label_names()),
                ));
                continue;
            };
            if m.entity.is_some() && !label.entity {
                out.push(Problem::new(
                    id(),
                    format!("a {} mention cannot refer to an entity", m.label),
                    "remove its entity, or relabel it",
                ));
            }
            for (name, value) in &m.attrs {
                match self.attributes.iter().find(|a| &a.name == name) {
                    None => out.push(Problem::new(
                        id(),
                        format!("attribute {name:?} is not in the schema"),
                        "remove it or add it to the schema",
                    )),
                    Some(a) if !a.labels.contains(&m.label) => out.push(Problem::new(
                        id(),
                        format!("attribute {name:?} does not apply to {} mentions", m.label),
                        format!("it applies to: {}", a.labels.join(", ")),
                    )),
                    Some(a) if !a.values.contains(value) => out.push(Problem::new(
                        id(),
                        format!("{name} = {value:?} is not an allowed value"),
                        format!("use one of: {}", a.values.join(", ")),
                    )),
                    Some(_) => {}
                }
            }
        }
        self.check_links(annotations, &mut out);
        out
    }

    fn check_links(&self, annotations: &Annotations, out: &mut Vec<Problem>) {
        let rules = &self.links;
        let index = crate::model::Index::build(annotations);
        let mut role =
            |owner: &dyn std::fmt::Display, field: &str, mention: MentionId, allowed: &[String]| {
                if let Some(m) = index.mention(annotations, mention)
                    && self.label(&m.label).is_some()
                    && !allowed.contains(&m.label)
                {
                    out.push(Problem::new(
                        Some(owner.to_string()),
                        format!("its {field} {mention} is a {} mention", m.label),
                        format!("the schema allows {field}: {}", allowed.join(", ")),
                    ));
                }
            };
        for a in &annotations.attributions {
            for c in a.claims() {
                role(&a.id, "claim", c, &rules.attribution.claim);
            }
            if let Some(Agent::Mention(m)) = a.speaker {
                role(&a.id, "speaker", m, &rules.attribution.speaker);
            }
            if let Some(cue) = a.cue {
                role(&a.id, "cue", cue, &rules.attribution.cue);
            }
        }
        for s in &annotations.sourcings {
            role(&s.id, "claim", s.claim, &rules.sourcing.claim);
            if let Agent::Mention(m) = s.source {
                role(&s.id, "source", m, &rules.sourcing.source);
            }
        }
        for s in &annotations.stances {
            if let Agent::Mention(m) = s.holder {
                role(&s.id, "holder", m, &rules.stance.holder);
            }
            if let Target::Mention(m) = s.target {
                role(&s.id, "target", m, &rules.stance.target);
            }
        }
        for s in &annotations.stances {
            if !self.polarities.contains(&s.polarity) {
                out.push(Problem::new(
                    Some(s.id.to_string()),
                    format!("polarity {:?} is not in the schema", s.polarity),
                    format!("use one of: {}", self.polarities.join(", ")),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_schema_parses_and_has_the_five_labels() {
        let s = Schema::parse(Path::new("news.ron"), DEFAULT_SCHEMA).unwrap();
        let names: Vec<&str> = s.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Speaker", "Claim", "Cue", "Source", "Target"]);
        let keys: String = s.labels.iter().map(|l| l.key).collect();
        assert_eq!(keys, "12345");
        assert!(s.labels.iter().all(|l| !l.guideline.is_empty()));
        assert!(s.polarities.contains(&"deny".to_owned()));
    }

    #[test]
    fn inconsistent_schemas_are_refused_with_every_reason() {
        let src = DEFAULT_SCHEMA
            .replace("key: '2'", "key: '1'")
            .replace("#ffaf00", "orange")
            .replace("cue: [\"Cue\"]", "cue: [\"Kue\"]");
        let errs = Schema::parse(Path::new("s.ron"), &src).unwrap_err();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(text[0].contains("key '1' of label \"Claim\" is used by another label"));
        assert!(text[1].contains("colour \"orange\""));
        assert!(text[2].contains("links.attribution.cue names label \"Kue\""));
    }

    #[test]
    fn a_syntax_error_has_a_position() {
        let errs = Schema::parse(Path::new("s.ron"), "(name: \"x\" labels: [])").unwrap_err();
        assert!(errs[0].to_string().starts_with("s.ron:1:"), "{}", errs[0]);
    }

    #[test]
    fn relabelling_drops_what_the_label_cannot_carry_and_refuses_broken_links() {
        use crate::model::{Agent, ArticleRef, Attribution, AttributionId, EntityId, Span};
        let s = Schema::news();
        let article = ArticleRef {
            path: "a".into(),
            sha256: String::new(),
            chars: 30,
        };
        let mut a = Annotations::new(article, "t");
        let claim = a.add_mention("Claim", vec![Span::new(0, 5)]);
        let speaker = a.add_mention("Speaker", vec![Span::new(10, 15)]);
        a.mentions[0]
            .attrs
            .insert("quote_type".into(), "direct".into());
        a.mentions[1].entity = Some(EntityId(1));
        a.entities.push(crate::model::Entity {
            id: EntityId(1),
            kind: "Person".into(),
            name: "X".into(),
            kb: None,
            named: true,
        });
        // Speaker -> Source keeps the entity; Speaker -> Cue would drop it: refused, naming
        // the entity, until the entity is unlinked.
        s.relabel(&mut a, speaker, "Source").unwrap();
        assert_eq!(a.mentions[1].entity, Some(EntityId(1)));
        let err = s.relabel(&mut a, speaker, "Cue").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("m2: it refers to entity e1 'X', its only mention; a Cue"),
            "{err}"
        );
        assert_eq!(a.mentions[1].label, "Source");
        a.mentions[1].entity = None;
        s.relabel(&mut a, speaker, "Cue").unwrap();
        s.relabel(&mut a, speaker, "Speaker").unwrap();
        a.attributions.push(Attribution {
            id: AttributionId(1),
            claim,
            more: Vec::new(),
            speaker: Some(Agent::Mention(speaker)),
            cue: None,
        });
        // The claim of an attribution cannot become a Cue.
        let err = s.relabel(&mut a, claim, "Cue").unwrap_err();
        assert_eq!(
            err.to_string().split(" (").next(),
            Some("a1: its claim m1 is a Cue mention")
        );
        assert_eq!(a.mentions[0].label, "Claim", "nothing changed");
        assert_eq!(a.mentions[0].attrs.len(), 1);
        assert_eq!(s.check(&a), vec![]);
    }

    #[test]
    fn boundary_conventions_default_to_as_selected_and_the_news_schema_states_its_own() {
        use crate::boundary::{Boundaries, Edge};
        use crate::model::Span;
        // A schema written before conventions existed still loads; its spans stay as
        // selected but for the spaces at their edges.
        let old = DEFAULT_SCHEMA
            .lines()
            .filter(|l| !l.trim_start().starts_with("boundaries:"))
            .collect::<Vec<_>>()
            .join("\n");
        let s = Schema::parse(Path::new("old.ron"), &old).unwrap();
        assert!(s.labels.iter().all(|l| l.boundaries.is_keep()));
        let text = "He said that “it rained,” she said.";
        let words = Span::new(16, 25);
        assert_eq!(&text[16..25], "it rained");
        assert_eq!(s.snap(text, "Claim", words), words);
        let news = Schema::news();
        let claim = news.boundaries("Claim");
        assert_eq!(claim.quote_marks, Edge::Include);
        assert_eq!(claim.complementiser, Edge::Include);
        assert_eq!(news.boundaries("Cue").colon, Edge::Include);
        assert_eq!(news.boundaries("Nothing"), Boundaries::default());
        let snapped = news.snap(text, "Claim", words);
        assert_eq!(&text[snapped.start..snapped.end], "that “it rained,”");
        // The guideline says what the conventions do.
        assert!(
            news.label("Claim")
                .unwrap()
                .guideline
                .contains("quotation marks")
        );
        // Written back, a schema without conventions has no boundaries field.
        let written = ron::to_string(&s).unwrap();
        assert!(!written.contains("boundaries"), "{written}");
        let written = ron::to_string(&news).unwrap();
        assert_eq!(Schema::parse(Path::new("w.ron"), &written).unwrap(), news);
    }

    #[test]
    fn colours_parse() {
        assert_eq!(parse_color("#ff0080"), Some((255, 0, 128)));
        assert_eq!(parse_color("ff0080"), None);
        assert_eq!(parse_color("#ff00"), None);
    }
}
