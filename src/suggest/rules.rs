//! The suggestion rules: the lexicon and patterns of `assets/suggest.ron`, or a project's own
//! `suggest.ron`, read and checked, with the cue phrases indexed by their first word.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

pub const BUILTIN_RULES: &str = include_str!("../../assets/suggest.ron");

/// The lexicon and patterns: `assets/suggest.ron`, or a project's `suggest.ron`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub quotes: Vec<(String, String)>,
    pub cues: Vec<String>,
    pub clause_cues: Vec<String>,
    pub between: Vec<String>,
    pub stops: Vec<String>,
    pub pronouns: Vec<String>,
    pub titles: Vec<String>,
    pub organisations: Vec<String>,
    pub media: Vec<String>,
    /// Names that make a speaker a government: countries, capitals standing for their
    /// government, "White House". Absent from older rule files: none.
    #[serde(default)]
    pub governments: Vec<String>,
    pub abbreviations: Vec<String>,
    /// Every cue phrase (cues, then clause cues) split into words, and where to find those
    /// starting with a word: built once, looked up at every word of the article.
    #[serde(skip)]
    pub(super) phrases: Vec<Vec<String>>,
    #[serde(skip)]
    pub(super) by_first: std::collections::HashMap<String, Vec<usize>>,
}

impl Rules {
    #[allow(clippy::expect_used)] // checked by a test
    pub fn builtin() -> Self {
        Self::parse(Path::new("assets/suggest.ron"), BUILTIN_RULES)
            .expect("the built-in suggestion rules are valid")
    }

    pub fn parse(path: &Path, source: &str) -> Result<Self, Diagnostic> {
        let mut rules: Self = ron::from_str(source).map_err(|e| {
            Diagnostic::from_ron(
                path,
                source,
                &e,
                "fix the place shown; assets/suggest.ron in glossator's source is a complete example",
            )
        })?;
        if let Some((i, _)) = rules
            .quotes
            .iter()
            .enumerate()
            .find(|(_, (open, close))| open.trim().is_empty() || close.trim().is_empty())
        {
            return Err(Diagnostic::new(
                path,
                format!("quotation mark pair {} has an empty mark", i + 1),
                "write each pair as (\"“\", \"”\")",
            ));
        }
        for list in [
            &mut rules.cues,
            &mut rules.clause_cues,
            &mut rules.between,
            &mut rules.stops,
            &mut rules.pronouns,
        ] {
            for w in list.iter_mut() {
                *w = w.to_lowercase();
            }
        }
        rules.phrases = rules
            .cues
            .iter()
            .chain(&rules.clause_cues)
            .map(|c| c.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .filter(|p| !p.is_empty())
            .collect();
        for (i, p) in rules.phrases.iter().enumerate() {
            rules.by_first.entry(p[0].clone()).or_default().push(i);
        }
        Ok(rules)
    }

    /// Whether `word` may stand between a speaker and its verb and so belongs to the cue:
    /// a word of `between`, an adverb in "-ly" ("flatly", "generally"), or a negated
    /// auxiliary ("isn't", "hasn’t").
    pub(super) fn is_between(&self, word: &str) -> bool {
        /// Words in "-ly" that are not adverbs.
        const NOT_ADVERBS: [&str; 16] = [
            "family",
            "ally",
            "rally",
            "assembly",
            "supply",
            "reply",
            "daily",
            "early",
            "only",
            "monopoly",
            "anomaly",
            "weekly",
            "monthly",
            "yearly",
            "quarterly",
            "italy",
        ];
        let w = super::text::lower(word);
        let lowercase = word.chars().next().is_some_and(char::is_lowercase);
        self.between.contains(&w)
            || (lowercase
                && w.len() >= 5
                && w.ends_with("ly")
                && w.chars().all(char::is_alphabetic)
                && !NOT_ADVERBS.contains(&w.as_str()))
            || (lowercase && (w.ends_with("n't") || w.ends_with("n’t")))
    }

    /// A project's `suggest.ron` when it has one, else the built-in rules.
    pub fn for_project(root: Option<&Path>) -> Result<Self, Diagnostic> {
        match root.map(|r| r.join("suggest.ron")).filter(|p| p.is_file()) {
            Some(path) => {
                let source = std::fs::read_to_string(&path).map_err(|e| {
                    Diagnostic::new(&path, format!("cannot read: {e}"), "check its permissions")
                })?;
                Self::parse(&path, &source)
            }
            None => Ok(Self::builtin()),
        }
    }
}
