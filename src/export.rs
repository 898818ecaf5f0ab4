//! Labeled datasets from annotation files: JSONL (everything, offsets in code points, with
//! UTF-16 or byte offsets on request), a claims CSV (one row per claim), CoNLL (one BIO
//! column per label) and brat standoff. Every export also says what its format could not
//! carry, per article, as a loss report.

mod brat;
mod conll;
mod csv;
mod jsonl;
mod loss;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

pub use conll::tokens;
pub use loss::Loss;

use crate::diagnostic::Diagnostics;
use crate::model::{Agent, Annotations, Mention, MentionId, Status};
use crate::project::{Project, files_below};
use crate::schema::Schema;
use crate::store;
use crate::text::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    ClaimsCsv,
    Conll,
    Brat,
}

/// Extra offsets in JSONL besides code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtraOffsets {
    Utf16,
    Bytes,
}

/// One annotation file with its article.
#[derive(Debug, Clone)]
pub struct Doc {
    pub article: Article,
    pub annotations: Annotations,
    /// The article's file name.
    pub name: String,
    pub file: PathBuf,
}

impl Doc {
    /// "story.txt (alice)": how the loss report names it.
    pub fn key(&self) -> String {
        format!("{} ({})", self.name, self.annotations.annotator)
    }

    /// Code points of a byte offset.
    pub fn cp(&self, byte: usize) -> usize {
        self.article.offsets.char_of_byte(byte).unwrap_or(0)
    }

    pub fn text_of(&self, m: &Mention) -> String {
        m.words(&self.article.text, " … ")
    }

    /// The mention that stands for an agent: itself, or the first mention of the entity.
    pub fn agent_mention(&self, agent: Agent) -> Option<&Mention> {
        match agent {
            Agent::Mention(m) => self.annotations.mention(m),
            Agent::Entity(e) => self
                .annotations
                .mentions
                .iter()
                .find(|m| m.entity == Some(e))
                .map(|m| &**m),
        }
    }

    /// A name for an agent: the entity's name, else the mention's words.
    pub fn agent_name(&self, agent: Agent) -> String {
        let entity = match agent {
            Agent::Entity(e) => Some(e),
            Agent::Mention(m) => self.annotations.mention(m).and_then(|m| m.entity),
        };
        if let Some(e) = entity.and_then(|e| self.annotations.entity(e)) {
            return e.name.clone();
        }
        self.agent_mention(agent)
            .map(|m| self.text_of(m))
            .unwrap_or_default()
    }

    pub fn agent_kind(&self, agent: Agent) -> String {
        let entity = match agent {
            Agent::Entity(e) => Some(e),
            Agent::Mention(m) => self.annotations.mention(m).and_then(|m| m.entity),
        };
        entity
            .and_then(|e| self.annotations.entity(e))
            .map(|e| e.kind.clone())
            .unwrap_or_default()
    }

    /// Who a claim is attributed to.
    pub fn speaker_of(&self, claim: MentionId) -> Option<Agent> {
        self.annotations
            .attributions
            .iter()
            .find(|x| x.claim == claim)
            .map(|x| x.speaker)
    }

    /// The names of a claim's sources.
    pub fn source_names(&self, claim: MentionId) -> Vec<String> {
        self.annotations
            .sourcings
            .iter()
            .filter(|s| s.claim == claim)
            .map(|s| self.agent_name(s.source))
            .collect()
    }

    pub fn mention_text(&self, id: MentionId) -> String {
        self.annotations
            .mention(id)
            .map(|m| self.text_of(m))
            .unwrap_or_default()
    }
}

/// Which files to export.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub annotator: Option<String>,
    pub status: Option<Status>,
}

/// Reads one annotation file and its article; a file with problems is refused.
pub fn load_doc(file: &Path, schema: &Schema) -> anyhow::Result<Doc> {
    let parsed = store::read(file)?;
    let article_path = store::find_article(file, &parsed.file.article.path).with_context(|| {
        format!(
            "{}: its article {:?} is neither beside it nor in the project's articles/ folder",
            file.display(),
            parsed.file.article.path
        )
    })?;
    let article = Article::load(&article_path)?;
    let (annotations, mut problems) = parsed.resolve(&article);
    problems.extend(schema.check(&annotations));
    if !problems.is_empty() {
        let shown: Vec<String> = problems
            .iter()
            .map(|p| parsed.diagnose(p).to_string())
            .collect();
        bail!(
            "{} has {} problem(s) and was not exported; run `glossator validate {}`:\n{}",
            file.display(),
            problems.len(),
            file.display(),
            shown.join("\n")
        );
    }
    let name = article_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Doc {
        article,
        annotations,
        name,
        file: file.to_path_buf(),
    })
}

/// The annotation files named by `paths` (files, folders of them, or projects), read and
/// filtered. The schema is the project's when a project is given.
pub fn load_docs(paths: &[PathBuf], schema: &Schema, filter: &Filter) -> anyhow::Result<Vec<Doc>> {
    let mut docs = Vec::new();
    for path in paths {
        let (files, schema) = if path.is_dir() && Project::is_project(path) {
            let project = Project::open(path)?;
            let schema = project.schema().map_err(Diagnostics)?;
            let files = project
                .annotation_files()
                .into_iter()
                .map(|f| f.path)
                .collect();
            (files, schema)
        } else if path.is_dir() {
            let files = files_below(path, &|p| p.to_string_lossy().ends_with(".ann.ron"))
                .with_context(|| format!("{}: cannot list the folder", path.display()))?;
            (files, schema.clone())
        } else if path.is_file() {
            (vec![path.clone()], schema.clone())
        } else {
            bail!("{}: no such file or folder", path.display());
        };
        for file in files {
            let doc = load_doc(&file, &schema)?;
            let a = &doc.annotations;
            if filter.annotator.as_ref().is_some_and(|x| *x != a.annotator)
                || filter.status.is_some_and(|s| s != a.status)
            {
                continue;
            }
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// Writes `docs` to `out` (a file, or a folder for brat) and returns what was lost.
pub fn export(
    docs: &[Doc],
    schema: &Schema,
    format: Format,
    extra: Option<ExtraOffsets>,
    out: &Path,
) -> anyhow::Result<Loss> {
    let mut loss = Loss::default();
    for d in docs {
        loss.article(&d.key());
    }
    match format {
        Format::Jsonl => {
            let mut w = create(out)?;
            jsonl::write(docs, extra, &mut w, &mut loss)?;
            finish(w, out)?;
        }
        Format::ClaimsCsv => {
            let mut w = create(out)?;
            csv::write(docs, schema, &mut w, &mut loss)?;
            finish(w, out)?;
        }
        Format::Conll => {
            let mut w = create(out)?;
            conll::write(docs, schema, &mut w, &mut loss)?;
            finish(w, out)?;
        }
        Format::Brat => brat::write(docs, schema, out, &mut loss)?,
    }
    Ok(loss)
}

fn create(out: &Path) -> anyhow::Result<std::io::BufWriter<std::fs::File>> {
    let f = std::fs::File::create(out)
        .with_context(|| format!("{}: cannot create the output file", out.display()))?;
    Ok(std::io::BufWriter::with_capacity(1 << 16, f))
}

fn finish(w: std::io::BufWriter<std::fs::File>, out: &Path) -> anyhow::Result<()> {
    let f = w
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .with_context(|| format!("{}: cannot write", out.display()))?;
    f.sync_all()
        .with_context(|| format!("{}: cannot write", out.display()))?;
    Ok(())
}
