//! How brat types become schema labels: a mapping (a RON file, or the built-in identity
//! and PolNeAR presets) and the roles of the attribution event.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::schema::Schema;

/// Which roles of an event make an attribution. A further content is the claim role with a
/// number (`Content2`, `Content3`); an event of type `no_source_event` is an attribution
/// with no speaker ("it was reported that"), as is any event without the speaker role.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRoles {
    pub event: String,
    #[serde(default = "no_source_event")]
    pub no_source_event: String,
    pub claim: String,
    pub speaker: String,
    pub cue: String,
}

fn no_source_event() -> String {
    "Attribution-no-source".into()
}

impl EventRoles {
    /// Whether `kind` is one of the attribution events (whose trigger spans are no mention).
    pub fn is_event(&self, kind: &str) -> bool {
        kind == self.event || kind == self.no_source_event
    }

    /// The place of `role` among the contents: 1 for `Content`, 2 for `Content2`.
    pub fn content_number(&self, role: &str) -> Option<u32> {
        let rest = role.strip_prefix(self.claim.as_str())?;
        if rest.is_empty() {
            Some(1)
        } else if rest.bytes().all(|b| b.is_ascii_digit()) {
            rest.parse().ok()
        } else {
            None
        }
    }
}

impl Default for EventRoles {
    fn default() -> Self {
        Self {
            event: "Attribution".into(),
            no_source_event: no_source_event(),
            claim: "Content".into(),
            speaker: "Source".into(),
            cue: "Cue".into(),
        }
    }
}

/// brat types to schema labels, and the attribution event's roles. A mapping file is RON:
/// `(labels: {"Source": "Speaker", "Content": "Claim"}, attribution: (event: "Attribution",
/// claim: "Content", speaker: "Source", cue: "Cue"))`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub attribution: EventRoles,
    /// Span types that flag other annotations rather than mark text of their own (PolNeAR's
    /// `Discard` and `Discuss`): each becomes a note, on the attributions whose contents it
    /// covers, else on the article.
    #[serde(default)]
    pub flags: Vec<String>,
}

impl Mapping {
    /// Each schema label is its own brat type, also as `glossator export --format brat`
    /// writes it (a space or punctuation as `_`).
    pub fn identity(schema: &Schema) -> Self {
        let mut labels: BTreeMap<String, String> = schema
            .labels
            .iter()
            .map(|l| (super::manifest::type_name(&l.name), l.name.clone()))
            .collect();
        labels.extend(
            schema
                .labels
                .iter()
                .map(|l| (l.name.clone(), l.name.clone())),
        );
        Self {
            labels,
            attribution: EventRoles::default(),
            flags: Vec::new(),
        }
    }

    /// PARC / PolNeAR attribution: Source -> Speaker, Content -> Claim, Cue -> Cue; the
    /// `Discard` and `Discuss` flags become notes.
    pub fn polnear() -> Self {
        Self {
            labels: [("Source", "Speaker"), ("Content", "Claim"), ("Cue", "Cue")]
                .into_iter()
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect(),
            attribution: EventRoles::default(),
            flags: vec!["Discard".into(), "Discuss".into()],
        }
    }

    pub fn load(path: &Path, schema: &Schema) -> Result<Self, Diagnostic> {
        let source = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::new(
                path,
                format!("cannot read the mapping: {e}"),
                "give a mapping file or `--map polnear`",
            )
        })?;
        let m: Self = ron::from_str(&source).map_err(|e| {
            Diagnostic::from_ron(
                path,
                &source,
                &e,
                "a mapping is (labels: {\"BratType\": \"Label\"}, attribution: (event: ..., claim: ..., speaker: ..., cue: ...))",
            )
        })?;
        for label in m.labels.values() {
            if schema.label(label).is_none() {
                let at = source.find(&format!("\"{label}\"")).unwrap_or(0);
                let (line, col) = crate::diagnostic::line_col(&source, at);
                let names: Vec<&str> = schema.labels.iter().map(|l| l.name.as_str()).collect();
                return Err(Diagnostic::new(
                    path,
                    format!("{label:?} is not a label of the schema"),
                    format!("use one of {}", names.join(", ")),
                )
                .at(&source, line, col));
            }
        }
        Ok(m)
    }
}
