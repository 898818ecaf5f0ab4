//! Labeled datasets from annotation files: JSONL (everything, offsets in code points, with
//! UTF-16 or byte offsets on request), a claims CSV (one row per claim), CoNLL (one BIO
//! column per label), brat standoff, Hugging Face token classification, doccano, Label Studio,
//! W3C Web Annotation, WebAnno TSV and spaCy's DocBin. Every export also says what its format
//! could not carry, per article, as a loss report.

mod brat;
mod conll;
mod csv;
mod doccano;
mod hf;
mod jsonl;
mod label_studio;
mod loss;
mod relations;
mod spacy;
mod w3c;
mod webanno;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::{Context, bail};

pub use conll::{Style as ConllStyle, sentence_ranges, tokens};
pub use hf::tag_names;
pub use loss::Loss;
pub use spacy::string_id as spacy_string_id;

use crate::diagnostic::Diagnostics;
use crate::model::{
    Agent, Annotations, Attribution, Entity, EntityId, Index, Mention, MentionId, Status,
};
use crate::project::{Project, Skipped, files_in_folder, walk};
use crate::schema::Schema;
use crate::store;
use crate::text::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    ClaimsCsv,
    Conll,
    Brat,
    Hf,
    Doccano,
    DoccanoRelations,
    LabelStudio,
    W3c,
    Webanno,
    Spacy,
}

/// How each format is shaped, beyond its name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// JSONL: offsets besides code points.
    pub offsets: Option<ExtraOffsets>,
    pub conll: ConllStyle,
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
    /// Shared by every file of the article read together ([`load_doc_sharing`]).
    pub article: Arc<Article>,
    pub annotations: Annotations,
    /// The article's file name.
    pub name: String,
    pub file: PathBuf,
    /// Ids ("m3", "e1", "a2") of what came from pending suggestions
    /// ([`Doc::with_suggestions`]); JSONL marks them `"suggested": true`.
    pub suggested: std::collections::HashSet<String>,
    /// Built on first use; the annotations must not change after that.
    lookup: OnceLock<Lookup>,
}

/// What the writers ask of every link, answered without a scan: a file with 20,000
/// mentions and thousands of links would otherwise take minutes.
#[derive(Debug, Clone, Default)]
struct Lookup {
    index: Index,
    /// The first attribution of each claim, by its place in the list.
    attribution_of: HashMap<MentionId, usize>,
    /// Each claim's sourcings, in list order.
    sourcings_of: HashMap<MentionId, Vec<usize>>,
    /// The first mention of each entity.
    first_mention: HashMap<EntityId, MentionId>,
    entities: HashMap<EntityId, usize>,
}

impl Lookup {
    fn build(a: &Annotations) -> Self {
        let mut l = Self {
            index: Index::build(a),
            ..Self::default()
        };
        for (i, x) in a.attributions.iter().enumerate() {
            for c in x.claims() {
                l.attribution_of.entry(c).or_insert(i);
            }
        }
        for (i, x) in a.sourcings.iter().enumerate() {
            l.sourcings_of.entry(x.claim).or_default().push(i);
        }
        for m in &a.mentions {
            if let Some(e) = m.entity {
                l.first_mention.entry(e).or_insert(m.id);
            }
        }
        l.entities = a
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id, i))
            .collect();
        l
    }
}

impl Doc {
    /// Whether this is an article's gold: written under gold's name, or kept in a project's
    /// `annotations/gold/` folder. Gold is counted apart from the annotators' work.
    pub fn is_gold(&self) -> bool {
        use crate::project::GOLD;
        self.annotations.annotator == GOLD
            || self
                .file
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|f| f == GOLD)
    }

    pub fn new(
        article: impl Into<Arc<Article>>,
        annotations: Annotations,
        name: String,
        file: PathBuf,
    ) -> Self {
        Self {
            article: article.into(),
            annotations,
            name,
            file,
            suggested: std::collections::HashSet::new(),
            lookup: OnceLock::new(),
        }
    }

    /// The doc with its pending suggestions accepted as a pre-annotator would have them
    /// (mentions, entities, attributions), each new one remembered in `suggested`; what the
    /// annotator marked is kept and never marked. A pre-annotator is thus evaluated on
    /// the same file format as the annotator's work.
    #[must_use]
    pub fn with_suggestions(self, schema: &Schema) -> Self {
        let mut a = self.annotations;
        let ids = |a: &Annotations| -> std::collections::HashSet<String> {
            a.mentions
                .iter()
                .map(|m| m.id.to_string())
                .chain(a.entities.iter().map(|e| e.id.to_string()))
                .chain(a.attributions.iter().map(|x| x.id.to_string()))
                .collect()
        };
        let before = ids(&a);
        while !a.suggestions.is_empty() {
            if a.accept_suggestion(0, schema, &self.article.text).is_none() {
                break;
            }
        }
        let mut suggested = ids(&a);
        suggested.retain(|id| !before.contains(id));
        let mut doc = Self::new(self.article, a, self.name, self.file);
        doc.suggested = suggested;
        doc
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup::build(&self.annotations))
    }

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

    /// The mention with `id`.
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.lookup().index.mention(&self.annotations, id)
    }

    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        match self.lookup().entities.get(&id) {
            Some(&i) => self.annotations.entities.get(i),
            None => None,
        }
    }

    /// The entity an agent stands for: itself, or its mention's entity.
    pub fn entity_of(&self, agent: Agent) -> Option<EntityId> {
        match agent {
            Agent::Entity(e) => Some(e),
            Agent::Mention(m) => self.mention(m).and_then(|m| m.entity),
        }
    }

    /// The mention that stands for an agent: itself, or the first mention of the entity.
    pub fn agent_mention(&self, agent: Agent) -> Option<&Mention> {
        match agent {
            Agent::Mention(m) => self.mention(m),
            Agent::Entity(e) => self
                .lookup()
                .first_mention
                .get(&e)
                .and_then(|m| self.mention(*m)),
        }
    }

    /// A name for an agent: the entity's name, else the mention's words.
    pub fn agent_name(&self, agent: Agent) -> String {
        let mut out = String::new();
        self.write_agent_name(agent, &mut out);
        out
    }

    /// [`Self::agent_name`], written onto the end of `out`.
    pub fn write_agent_name(&self, agent: Agent, out: &mut String) {
        if let Some(e) = self.entity_of(agent).and_then(|e| self.entity(e)) {
            out.push_str(&e.name);
        } else if let Some(m) = self.agent_mention(agent) {
            m.write_words(&self.article.text, " … ", out);
        }
    }

    /// Each of a claim's sourcings' sources, in list order.
    pub fn sources_of(&self, claim: MentionId) -> impl Iterator<Item = Agent> + '_ {
        self.lookup()
            .sourcings_of
            .get(&claim)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.annotations.sourcings.get(i))
            .map(|s| s.source)
    }

    pub fn agent_kind(&self, agent: Agent) -> String {
        self.entity_of(agent)
            .and_then(|e| self.entity(e))
            .map(|e| e.kind.clone())
            .unwrap_or_default()
    }

    /// The (first) attribution of a claim.
    pub fn attribution_of(&self, claim: MentionId) -> Option<&Attribution> {
        let i = *self.lookup().attribution_of.get(&claim)?;
        self.annotations.attributions.get(i)
    }

    /// Who a claim is attributed to; `None` also when its attribution names no one.
    pub fn speaker_of(&self, claim: MentionId) -> Option<Agent> {
        self.attribution_of(claim).and_then(|x| x.speaker)
    }

    /// The names of a claim's sources.
    pub fn source_names(&self, claim: MentionId) -> Vec<String> {
        self.sources_of(claim).map(|s| self.agent_name(s)).collect()
    }

    pub fn mention_text(&self, id: MentionId) -> String {
        self.mention(id)
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

/// Reads one annotation file and its article; a file with problems, or with conflicts a
/// merge left unsettled, is refused.
pub fn load_doc(file: &Path, schema: &Schema) -> anyhow::Result<Doc> {
    load_doc_with(file, schema, None)
}

/// The article [`load_doc_sharing`] read last, kept for the next file of the same article:
/// an article with six annotators' files is read and normalised once, not six times.
#[derive(Debug, Default)]
pub struct LastArticle(Option<Arc<Article>>);

/// [`load_doc`], taking the article from `last` when the file's article is the one read
/// last (the same path), and leaving the article it read there for the next file.
pub fn load_doc_sharing(
    file: &Path,
    schema: &Schema,
    last: &mut LastArticle,
) -> anyhow::Result<Doc> {
    load_doc_with(file, schema, Some(last))
}

/// [`load_doc`], sharing the article through `last` when there is one (a file read on its
/// own keeps no copy of its article: a 4 MB text is not held twice).
fn load_doc_with(
    file: &Path,
    schema: &Schema,
    last: Option<&mut LastArticle>,
) -> anyhow::Result<Doc> {
    let mut parsed = store::read(file)?;
    let article_path = store::find_article(file, &parsed.file.article.path).with_context(|| {
        format!(
            "{}: its article {:?} is neither beside it nor in the project's articles/ folder",
            file.display(),
            parsed.file.article.path
        )
    })?;
    let article = match last {
        Some(LastArticle(Some(a))) if a.path == article_path => a.clone(),
        Some(last) => {
            let a = Arc::new(Article::load(&article_path)?);
            last.0 = Some(a.clone());
            a
        }
        None => Arc::new(Article::load(&article_path)?),
    };
    // The file's records move into the model: only its text is needed after, to point
    // at the lines of any problems.
    let (annotations, mut problems) = parsed.resolve_taking(&article);
    problems.extend(schema.check(&annotations));
    // A merge left something for a person: neither side's version is the data yet.
    problems.extend(crate::model::unresolved(&annotations));
    if let Some(first) = problems.first() {
        return Err(Refused {
            file: file.to_path_buf(),
            count: problems.len(),
            first: parsed.show(std::slice::from_ref(first)),
            all: parsed.show(&problems),
        }
        .into());
    }
    let name = article_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Doc::new(article, annotations, name, file.to_path_buf()))
}

/// An annotation file with problems, not exported.
#[derive(Debug, thiserror::Error)]
#[error(
    "{} has {count} problem(s) and was not exported; run `glossator validate {}`:\n{all}",
    file.display(),
    file.display()
)]
pub struct Refused {
    pub file: PathBuf,
    pub count: usize,
    /// The first problem, as a diagnostic line.
    pub first: String,
    all: String,
}

/// A file [`load_docs`] could not read or would not export, and its first problem.
#[derive(Debug)]
pub struct Unread {
    pub file: PathBuf,
    pub problem: String,
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: skipped: {}", self.file.display(), self.problem)
    }
}

/// What [`load_docs`] read, the files it could not (each with its first problem), and the
/// entries of the folders it walked that it passed over (links, and folders that are no
/// annotator's), for the user to be told.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Doc>,
    pub unread: Vec<Unread>,
    pub skipped: Vec<Skipped>,
}

fn unread(file: &Path, e: &anyhow::Error) -> Unread {
    let problem = match e.downcast_ref::<Refused>() {
        Some(r) if r.count > 1 => format!(
            "{} (and {} more; run `glossator validate {}`)",
            r.first.lines().next().unwrap_or_default(),
            r.count - 1,
            file.display()
        ),
        Some(r) => r.first.lines().next().unwrap_or_default().to_owned(),
        None => format!("{e:#}")
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
    };
    Unread {
        file: file.to_path_buf(),
        problem,
    }
}

/// The annotation files named by `paths` (files, folders of them, or projects), read and
/// filtered. The schema is the project's when a project is given. A file that cannot be
/// read or has problems is listed in [`Loaded::unread`] and the others are still read.
pub fn load_docs(paths: &[PathBuf], schema: &Schema, filter: &Filter) -> anyhow::Result<Loaded> {
    let mut out = Loaded::default();
    for path in paths {
        let (files, schema) = if path.is_dir() && Project::is_project(path) {
            let project = Project::open(path)?;
            let schema = project.schema().map_err(Diagnostics)?;
            let listing = project.list_annotation_files();
            out.skipped.extend(listing.skipped);
            (listing.found.into_iter().map(|f| f.path).collect(), schema)
        } else if path.is_dir() {
            let listing = files_in_folder(path, &walk::is_annotation_file)?;
            out.skipped.extend(listing.skipped);
            (listing.found, schema.clone())
        } else if path.is_file() {
            (vec![path.clone()], schema.clone())
        } else {
            bail!("{}: no such file or folder", path.display());
        };
        // Read and checked on every core; kept in the order listed.
        let read = crate::project::summary::par_map(&files, |file| load_doc(file, &schema));
        for (file, doc) in files.iter().zip(read) {
            let doc = match doc {
                Ok(doc) => doc,
                Err(e) => {
                    out.unread.push(unread(file, &e));
                    continue;
                }
            };
            let a = &doc.annotations;
            if filter.annotator.as_ref().is_some_and(|x| *x != a.annotator)
                || filter.status.is_some_and(|s| s != a.status)
            {
                continue;
            }
            out.docs.push(doc);
        }
    }
    Ok(out)
}

/// Writes `docs` to `out` (a file, or a folder for brat) and returns what was lost. `-`
/// (or `/dev/stdout`) is standard output.
pub fn export(
    docs: &[Doc],
    schema: &Schema,
    format: Format,
    options: Options,
    out: &Path,
) -> anyhow::Result<Loss> {
    let mut loss = Loss::default();
    for d in docs {
        loss.article(&d.key());
    }
    match format {
        Format::Jsonl => {
            let mut w = create(out)?;
            jsonl::write(docs, options.offsets, &mut w, &mut loss)?;
            finish(w, out)?;
        }
        Format::ClaimsCsv => {
            let mut w = create(out)?;
            csv::write(docs, schema, &mut w, &mut loss)?;
            finish(w, out)?;
        }
        Format::Conll => {
            let mut w = create(out)?;
            conll::write(docs, schema, options.conll, &mut w, &mut loss)?;
            finish(w, out)?;
        }
        Format::Brat => brat::write(docs, schema, out, &mut loss)?,
        Format::Hf => hf::write(docs, schema, out, &mut loss)?,
        Format::Webanno => webanno::write(docs, out, &mut loss)?,
        Format::Spacy => {
            let mut w = create(out)?;
            spacy::write(docs, &mut w, &mut loss)?;
            finish(w, out)?;
        }
        Format::Doccano | Format::DoccanoRelations | Format::LabelStudio | Format::W3c => {
            let mut w = create(out)?;
            match format {
                Format::Doccano => doccano::write_labels(docs, &mut w, &mut loss)?,
                Format::DoccanoRelations => doccano::write_relations(docs, &mut w, &mut loss)?,
                Format::LabelStudio => label_studio::write(docs, &mut w, &mut loss)?,
                _ => w3c::write(docs, &mut w, &mut loss)?,
            }
            finish(w, out)?;
        }
    }
    Ok(loss)
}

/// Is `out` standard output?
pub fn is_stdout(out: &Path) -> bool {
    ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|s| out == Path::new(s))
}

/// Where an export's bytes go.
enum Sink {
    /// A regular file: written beside its place and put there whole when finished; never
    /// through a symbolic link.
    File(store::disk::AtomicFile),
    /// A terminal, pipe or device that is there already: written as it comes.
    Direct(Box<dyn std::io::Write>),
    /// Standard output on a terminal: shown when finished, made safe like every line the
    /// program prints.
    Terminal(Vec<u8>),
}

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Self::File(f) => f.write(buf),
            Self::Direct(w) => w.write(buf),
            Self::Terminal(v) => v.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::File(f) => f.flush(),
            Self::Direct(w) => w.flush(),
            Self::Terminal(_) => Ok(()),
        }
    }
}

fn create(out: &Path) -> anyhow::Result<std::io::BufWriter<Sink>> {
    use std::io::IsTerminal;
    let sink = if is_stdout(out) {
        if std::io::stdout().is_terminal() {
            Sink::Terminal(Vec::new())
        } else {
            Sink::Direct(Box::new(std::io::stdout()))
        }
    } else if let Some(f) = store::Disk::real().open_existing_device(out)? {
        Sink::Direct(Box::new(f))
    } else {
        Sink::File(store::Disk::real().create_atomic(out)?)
    };
    Ok(std::io::BufWriter::with_capacity(1 << 16, sink))
}

fn finish(w: std::io::BufWriter<Sink>, out: &Path) -> anyhow::Result<()> {
    let sink = w
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .with_context(|| format!("{}: cannot write", out.display()))?;
    match sink {
        Sink::File(f) => f.commit()?,
        Sink::Direct(mut w) => w
            .flush()
            .with_context(|| format!("{}: cannot write", out.display()))?,
        Sink::Terminal(bytes) => crate::out::stdout(&String::from_utf8_lossy(&bytes)),
    }
    Ok(())
}
