//! Reading annotation files: the version gate and migrations, then resolving code-point
//! spans against the article into the byte-offset model, with every problem reported.

use std::path::{Path, PathBuf};

use super::convert;
use super::format::{self, Current, FragmentV1, MentionV1};
use super::locate::locate_id;
use crate::diagnostic::Diagnostic;
use crate::model::{
    Annotations, ArticleRef, Conflict, ConflictId, Mention, Problem, Shared, Side, Span,
    Suggestion, check,
};
use crate::text::Article;

/// A parsed annotation file, offsets still in code points.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub path: PathBuf,
    /// The file's text, kept to point problems at lines.
    pub source: String,
    pub file: Current,
}

/// Reads and parses an annotation file, migrating older formats.
pub fn read(path: &Path) -> Result<Parsed, Diagnostic> {
    let source = crate::input::read_text(path, "annotation file", crate::input::ANNOTATION_LIMIT)?;
    read_str(path, source)
}

/// Parses the bytes of an annotation file read from `path` (the caller checked the size).
pub fn read_bytes(path: &Path, bytes: Vec<u8>) -> Result<Parsed, Diagnostic> {
    let source = crate::input::text(path, "annotation file", bytes)?;
    read_str(path, source)
}

/// Parses annotation-file text as if read from `path`.
pub fn read_str(path: &Path, source: String) -> Result<Parsed, Diagnostic> {
    let body = source.strip_prefix('\u{feff}').unwrap_or(&source);
    if body.trim().is_empty() {
        return Err(Diagnostic::new(
            path,
            "the annotation file is empty",
            "restore it from its backup or version control, or delete it to start again",
        ));
    }
    if let Some(line) = git_markers(body) {
        return Err(markers(path, &source, line));
    }
    let file = format::parse(path, body)?;
    Ok(Parsed {
        path: path.to_path_buf(),
        source,
        file,
    })
}

/// The 1-based line of the first of git's textual conflict markers, when the file has
/// them all: `<<<<<<< `, `=======` and `>>>>>>> ` at the start of lines.
fn git_markers(body: &str) -> Option<usize> {
    let mut first = None;
    let (mut middle, mut end) = (false, false);
    for (i, line) in body.lines().enumerate() {
        if first.is_none() && line.starts_with("<<<<<<<") {
            first = Some(i + 1);
        } else if first.is_some() && line.trim_end() == "=======" {
            middle = true;
        } else if middle && line.starts_with(">>>>>>>") {
            end = true;
            break;
        }
    }
    first.filter(|_| end)
}

/// What to do with a file git merged as text: take a side, or merge it by meaning.
fn markers(path: &Path, source: &str, line: usize) -> Diagnostic {
    let file = path.display();
    Diagnostic::new(
        path,
        "git merged this file as text and left its conflict markers (<<<<<<<, =======, \
         >>>>>>>) in it: it is no annotation file until they go",
        format!(
            "take one side whole: `git checkout --ours {file}` or `git checkout --theirs \
             {file}`, then `git add {file}`;\n    or merge it by meaning from git's three \
             stages:\n      git show :1:./{file} > base.ann.ron\n      \
             git show :2:./{file} > ours.ann.ron\n      \
             git show :3:./{file} > theirs.ann.ron\n      \
             glossator merge-file base.ann.ron ours.ann.ron theirs.ann.ron {file}\n      \
             cp ours.ann.ron {file}\n    then open it to settle its conflicts; \
             `glossator git-setup` makes git merge annotation files so by itself"
        ),
    )
    .at(source, line, 1)
}

/// The file's annotations with `mentions` placed on a text described by `article`: the
/// rest converted from the file as it is.
pub(super) fn annotations(
    file: &Current,
    article: ArticleRef,
    mentions: Vec<Shared<Mention>>,
    suggestions: Vec<Suggestion>,
    rejected: Vec<Span>,
    text: &Article,
) -> Annotations {
    Annotations {
        article,
        annotator: file.annotator.clone(),
        status: file.status.into(),
        entities: Shared::from(convert::all(&file.entities)),
        mentions: Shared::from(mentions),
        attributions: Shared::from(convert::all(&file.attributions)),
        sourcings: Shared::from(convert::all(&file.sourcings)),
        stances: Shared::from(convert::all(&file.stances)),
        notes: convert::all(&file.notes),
        suggestions: suggestions
            .into_iter()
            .map(Shared::from)
            .collect::<Vec<_>>()
            .into(),
        rejected,
        conflicts: file
            .conflicts
            .iter()
            .map(|c| Conflict {
                id: ConflictId(c.id.0),
                what: c.what.clone(),
                ours: convert::all(&c.ours),
                theirs: Side {
                    entities: convert::all(&c.theirs.entities),
                    mentions: c.theirs.mentions.iter().map(|m| mention(text, m)).collect(),
                    attributions: convert::all(&c.theirs.attributions),
                    sourcings: convert::all(&c.theirs.sourcings),
                    stances: convert::all(&c.theirs.stances),
                    notes: convert::all(&c.theirs.notes),
                },
            })
            .collect(),
    }
}

/// A mention of the file on `article`, its code points turned into bytes.
fn mention(article: &Article, m: &MentionV1) -> Mention {
    Mention {
        id: m.id.into(),
        label: m.label.clone(),
        fragments: m
            .fragments
            .iter()
            .map(|f| Span::new(byte_of(article, f.start), byte_of(article, f.end)))
            .collect(),
        entity: m.entity.map(Into::into),
        attrs: m.attrs.clone(),
    }
}

impl Parsed {
    /// Converts the file's spans to byte offsets in `article` and checks every invariant:
    /// the text's hash, each fragment's quote, the model rules.
    pub fn resolve(&self, article: &Article) -> (Annotations, Vec<Problem>) {
        self.resolve_mentions(self.file.mentions.iter().cloned(), article)
    }

    /// [`Self::resolve`], moving the file's mentions into the model instead of copying
    /// them: their labels and attributes change hands, and each record's memory is free
    /// for the next as it is placed, so the file's records and the model are not alive
    /// twice over. The file keeps everything else (and its text, to point at lines).
    pub fn resolve_taking(&mut self, article: &Article) -> (Annotations, Vec<Problem>) {
        let mut mentions = std::mem::take(&mut self.file.mentions);
        // The list grew by doubling while it was read: up to half of it is room.
        mentions.shrink_to_fit();
        self.resolve_mentions(mentions, article)
    }

    fn resolve_mentions(
        &self,
        records: impl IntoIterator<Item = MentionV1>,
        article: &Article,
    ) -> (Annotations, Vec<Problem>) {
        let f = &self.file;
        let mut problems = Vec::new();
        if f.article.sha256 != article.sha256 {
            problems.push(Problem::new(
                None,
                format!(
                    "the article text changed since these annotations were made \
                     (recorded sha256 {}…, {} code points; now {}…, {} code points)",
                    short(&f.article.sha256),
                    f.article.chars,
                    short(&article.sha256),
                    article.char_count()
                ),
                "spans may point at the wrong words: restore the original article, \
                 or check each span whose quote no longer matches",
            ));
        }
        let records = records.into_iter();
        let mut mentions = Vec::with_capacity(records.size_hint().0);
        for m in records {
            let mut fragments = Vec::with_capacity(m.fragments.len());
            for (i, frag) in m.fragments.iter().enumerate() {
                let span = Span::new(byte_of(article, frag.start), byte_of(article, frag.end));
                if span.start < span.end && span.end <= article.text.len() {
                    let covered = &article.text[span.start..span.end];
                    if covered != frag.quote {
                        problems.push(Problem::new(
                            Some(m.id.to_string()),
                            format!(
                                "fragment {} ({}..{}) quotes {:?} but the text there is {:?}",
                                i + 1,
                                frag.start,
                                frag.end,
                                clip(&frag.quote),
                                clip(covered)
                            ),
                            "the article or the offsets changed; fix start/end or the quote",
                        ));
                    }
                }
                fragments.push(span);
            }
            mentions.push(
                Mention {
                    id: m.id.into(),
                    label: m.label,
                    fragments,
                    entity: m.entity.map(Into::into),
                    attrs: m.attrs,
                }
                .into(),
            );
        }
        // A suggestion whose words are no longer where it says is dropped: it was the rules'
        // work, not the annotator's, and suggesting again proposes it afresh.
        let place = |frag: &FragmentV1| {
            let span = Span::new(byte_of(article, frag.start), byte_of(article, frag.end));
            (span.start <= span.end && article.text.get(span.start..span.end) == Some(&frag.quote))
                .then_some(span)
        };
        let suggestions = f
            .suggestions
            .iter()
            .filter_map(|x| {
                let claim: Option<Vec<Span>> = x.claim.iter().map(place).collect();
                let one = |f: &Option<FragmentV1>| match f {
                    Some(f) => place(f).map(Some),
                    None => Some(None),
                };
                Some(Suggestion {
                    claim: claim?,
                    cue: one(&x.cue)?,
                    speaker: one(&x.speaker)?,
                    source: one(&x.source)?,
                    entity: x.entity.clone(),
                    rule: x.rule.clone(),
                })
            })
            .collect();
        let rejected = f.rejected.iter().filter_map(place).collect();
        let annotations = annotations(
            f,
            f.article.clone().into(),
            mentions,
            suggestions,
            rejected,
            article,
        );
        problems.extend(check(&annotations, &article.text));
        (annotations, problems)
    }

    /// [`Self::resolve`], and the schema's rules too.
    pub fn resolve_checked(
        &self,
        article: &Article,
        schema: &crate::schema::Schema,
    ) -> (Annotations, Vec<Problem>) {
        let (annotations, mut problems) = self.resolve(article);
        problems.extend(schema.check(&annotations));
        (annotations, problems)
    }

    /// Problems as diagnostics, one after the other, each at the line of its annotation.
    /// The first few dozen are listed; one last line counts the rest.
    pub fn show(&self, problems: &[Problem]) -> String {
        self.diagnoses(problems)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first [`crate::diagnostic::MAX_LISTED`] problems as diagnostics, and a last one
    /// counting the rest: the cost stays the same however many problems the file has.
    pub fn diagnoses(&self, problems: &[Problem]) -> Vec<Diagnostic> {
        let listed = crate::diagnostic::MAX_LISTED;
        let source = self.text();
        let mut out: Vec<Diagnostic> = problems
            .iter()
            .take(listed)
            .map(|p| diagnose_in(&self.path, &source, p))
            .collect();
        if problems.len() > listed {
            out.push(crate::diagnostic::more(&self.path, problems.len() - listed));
        }
        out
    }

    /// A problem as a diagnostic pointing at the line that defines its annotation.
    pub fn diagnose(&self, problem: &Problem) -> Diagnostic {
        diagnose_in(&self.path, &self.text(), problem)
    }

    /// Lets the file's text go: the records are all that is needed to place it on its
    /// article, and a 4 MB file's text need not be alive beside the article and the model.
    /// Problems find their lines by reading the file again (without a line when it is gone).
    pub fn release_source(&mut self) {
        self.source = String::new();
    }

    /// The file's text, read again when it was let go.
    fn text(&self) -> std::borrow::Cow<'_, str> {
        if self.source.is_empty() {
            let again = crate::input::read_text(
                &self.path,
                "annotation file",
                crate::input::ANNOTATION_LIMIT,
            );
            std::borrow::Cow::Owned(again.unwrap_or_default())
        } else {
            std::borrow::Cow::Borrowed(&self.source)
        }
    }
}

/// A problem as a diagnostic pointing at the line of `source` that defines its annotation.
fn diagnose_in(path: &Path, source: &str, problem: &Problem) -> Diagnostic {
    let message = match &problem.id {
        Some(id) => format!("{id}: {}", problem.message),
        None => problem.message.clone(),
    };
    let d = Diagnostic::new(path, message, problem.hint.clone());
    match problem.id.as_deref().and_then(|id| locate_id(source, id)) {
        Some((line, col)) => d.at(source, line, col),
        None => d,
    }
}

/// Byte offset of a code point; past the end, bytes continue one per code point so that the
/// model check reports the span as past the end instead of it vanishing.
fn byte_of(article: &Article, cp: usize) -> usize {
    article.offsets.byte_of_char(cp).unwrap_or_else(|_| {
        article
            .text
            .len()
            .saturating_add(cp.saturating_sub(article.char_count()))
    })
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// Where the article of an annotation file is: beside it, or in the project's `articles/`
/// when the file is in `annotations/<annotator>/`.
/// Paths that climb out of those folders (`..`) or are absolute are not followed.
pub fn find_article(annotation_path: &Path, article_path: &str) -> Option<PathBuf> {
    let relative = Path::new(article_path);
    if !relative
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)))
    {
        return None;
    }
    // A bare file name's folder is the current one, and its project two levels up.
    let dir = annotation_path.parent().unwrap_or(Path::new("."));
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let dir = dir.as_path();
    let beside = dir.join(article_path);
    if beside.is_file() {
        return Some(beside);
    }
    let project = dir.parent()?.parent()?.join("articles").join(article_path);
    project.is_file().then_some(project)
}
