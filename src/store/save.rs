//! Writing annotation files: deterministic pretty RON, and an atomic replace (temporary file
//! in the same folder, fsync, rename, fsync the folder) so a crash leaves either the old file
//! or the new one, never half of one.

use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;

use super::convert;
use super::format::{CURRENT_FORMAT, FileV1, FragmentV1, MentionV1, SuggestionV1};
use crate::model::{Annotations, Span};
use crate::text::Article;

/// A save that did not happen; the annotations are still in memory.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot save {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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
    let mut mentions = Vec::with_capacity(sorted.mentions.len());
    for m in sorted.mentions {
        let what = m.id.to_string();
        mentions.push(MentionV1 {
            id: m.id.into(),
            label: m.label.clone(),
            fragments: m
                .fragments
                .iter()
                .map(|f| fragment(&what, *f))
                .collect::<Result<_, _>>()?,
            entity: m.entity.map(Into::into),
            attrs: m.attrs.clone(),
        });
    }
    let mut suggestions = Vec::with_capacity(sorted.suggestions.len());
    for x in sorted.suggestions.iter() {
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
    let file = FileV1 {
        format: CURRENT_FORMAT,
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

/// Writes `annotations` to `path` atomically.
pub fn save(path: &Path, annotations: &Annotations, article: &Article) -> Result<(), SaveError> {
    let text = to_ron(path, annotations, article)?;
    write_atomic(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, bytes, std::io::Write::write_all)
}

/// [`write_atomic`] with the write itself given, so tests can make it fail the way disks do
/// (no space left half-way, an I/O error) and check that nothing on disk is damaged.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(
        || "annotations".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // The saved file keeps the permissions it had; a new one is readable by others like
    // any file an editor writes (the temporary file alone would be private).
    if let Ok(meta) = std::fs::metadata(path) {
        builder.permissions(meta.permissions());
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
    }
    // On any error below the temporary file is removed when `tmp` drops.
    let mut tmp = builder.tempfile_in(dir)?;
    write(tmp.as_file_mut(), bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename is durable only once the folder's entry is on disk.
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}
