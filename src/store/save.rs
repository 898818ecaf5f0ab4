//! Writing annotation files: deterministic pretty RON. The bytes reach the disk through the
//! store session ([`super::session`]) and [`super::disk`], nowhere else.

use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;

use super::convert;
use super::format::{
    ConflictIdV3, ConflictV3, Current, FragmentV1, MentionV1, SideV3, SuggestionV1,
};
use crate::model::{Annotations, Span};
use crate::text::Article;

/// A save that did not happen; the annotations are still in memory.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot save {path}: a span does not fit the article text ({detail})")]
    Span { path: PathBuf, detail: String },
    #[error("cannot save {path}: {detail}")]
    Encode { path: PathBuf, detail: String },
}

/// `story.txt` -> `story.ann.ron`, in the same folder.
pub fn annotation_path_for(article: &Path) -> PathBuf {
    let stem = article
        .file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
    article.with_file_name(format!("{stem}.ann.ron"))
}

/// The RON text of `annotations`, with spans in code points of `article` and each
/// fragment's quote. Same annotations, same bytes.
pub fn to_ron(
    path: &Path,
    annotations: &Annotations,
    article: &Article,
) -> Result<String, SaveError> {
    let mut sorted = annotations.clone();
    sorted.sort();
    let span_err = |detail: String| SaveError::Span {
        path: path.to_path_buf(),
        detail,
    };
    let fragment = |what: &str, f: Span| -> Result<FragmentV1, SaveError> {
        let quote = article
            .text
            .get(f.start..f.end)
            .ok_or_else(|| span_err(format!("{what} {}..{}", f.start, f.end)))?;
        let cp = |b| {
            article
                .offsets
                .char_of_byte(b)
                .map_err(|e| span_err(format!("{what}: {e}")))
        };
        Ok(FragmentV1 {
            start: cp(f.start)?,
            end: cp(f.end)?,
            quote: quote.to_owned(),
        })
    };
    let mention = |m: &crate::model::Mention| -> Result<MentionV1, SaveError> {
        let what = m.id.to_string();
        Ok(MentionV1 {
            id: m.id.into(),
            label: m.label.clone(),
            fragments: m
                .fragments
                .iter()
                .map(|f| fragment(&what, *f))
                .collect::<Result<_, _>>()?,
            entity: m.entity.map(Into::into),
            attrs: m.attrs.clone(),
        })
    };
    let mentions = sorted
        .mentions
        .iter()
        .map(|m| mention(m))
        .collect::<Result<Vec<_>, _>>()?;
    let mut conflicts = Vec::with_capacity(sorted.conflicts.len());
    for c in &sorted.conflicts {
        let t = &c.theirs;
        conflicts.push(ConflictV3 {
            id: ConflictIdV3(c.id.0),
            what: c.what.clone(),
            ours: convert::all(&c.ours),
            theirs: SideV3 {
                entities: convert::all(&t.entities),
                mentions: t.mentions.iter().map(&mention).collect::<Result<_, _>>()?,
                attributions: convert::all(&t.attributions),
                sourcings: convert::all(&t.sourcings),
                stances: convert::all(&t.stances),
                notes: convert::all(&t.notes),
            },
        });
    }
    let mut suggestions = Vec::with_capacity(sorted.suggestions.len());
    for x in &sorted.suggestions {
        let one = |s: Option<Span>| s.map(|s| fragment("a suggestion", s)).transpose();
        suggestions.push(SuggestionV1 {
            rule: x.rule.clone(),
            claim: x
                .claim
                .iter()
                .map(|s| fragment("a suggestion", *s))
                .collect::<Result<_, _>>()?,
            cue: one(x.cue)?,
            speaker: one(x.speaker)?,
            source: one(x.source)?,
            entity: x.entity.clone(),
        });
    }
    let rejected = sorted
        .rejected
        .iter()
        .map(|s| fragment("a rejected suggestion", *s))
        .collect::<Result<_, _>>()?;
    let file = Current {
        format: 0,
        article: sorted.article.into(),
        annotator: sorted.annotator,
        status: sorted.status.into(),
        entities: convert::all(&sorted.entities),
        mentions,
        attributions: convert::all(&sorted.attributions),
        sourcings: convert::all(&sorted.sourcings),
        stances: convert::all(&sorted.stances),
        notes: convert::all(&sorted.notes),
        suggestions,
        rejected,
        conflicts,
    };
    encode(path, file)
}

/// The RON text of a file: format 2 when it holds no conflict record (so it stays readable
/// by every glossator that reads format 2), format 3 when it does.
pub fn encode(path: &Path, mut file: Current) -> Result<String, SaveError> {
    file.format = if file.conflicts.is_empty() {
        2
    } else {
        super::format::CURRENT_FORMAT
    };
    let config = PrettyConfig::new()
        .depth_limit(2)
        .new_line("\n".to_owned())
        .escape_strings(true);
    let mut out = ron::ser::to_string_pretty(&file, config).map_err(|e| SaveError::Encode {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    out.push('\n');
    Ok(out)
}
