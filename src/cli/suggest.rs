//! `glossator suggest`: adds rule-made suggestions to annotation files, or scores the rules
//! against gold brat attributions with `--evaluate`.

use std::path::PathBuf;

use anyhow::{Context, bail};

use super::Outcome;
use crate::diagnostic::Diagnostics;
use crate::model::{Annotations, ArticleRef};
use crate::project::{Project, files_in_folder, walk};
use crate::schema::Schema;
use crate::store;
use crate::suggest::{Rules, evaluate, suggest};
use crate::text::Article;

pub struct Request {
    pub paths: Vec<PathBuf>,
    pub evaluate: Option<PathBuf>,
    pub json: bool,
    pub options: evaluate::Options,
    pub annotator: String,
    pub schema: Schema,
}

/// One article and the annotation file its suggestions go to.
struct Target {
    article: PathBuf,
    file: PathBuf,
    /// The project folder, for its `suggest.ron`.
    project: Option<PathBuf>,
}

fn targets(paths: &[PathBuf], annotator: &str) -> anyhow::Result<Vec<Target>> {
    let mut out = Vec::new();
    for path in paths {
        if Project::is_project(path) {
            let project = Project::open(path)?;
            let listing = project.list_articles();
            for s in &listing.skipped {
                errln!("note: {s}");
            }
            for name in listing.found {
                out.push(Target {
                    article: project.articles_dir().join(&name),
                    file: project.writable_annotation_path(annotator, &name)?,
                    project: Some(path.clone()),
                });
            }
        } else if path.is_dir() {
            let listing = files_in_folder(path, &walk::is_annotation_file)?;
            for s in &listing.skipped {
                errln!("note: {s}");
            }
            let files = listing.found;
            if files.is_empty() {
                bail!(
                    "{}: no annotation files (*.ann.ron) here; give articles, annotation files or a project",
                    path.display()
                );
            }
            for file in files {
                out.push(from_annotation_file(file)?);
            }
        } else if path.to_string_lossy().ends_with(".ann.ron") {
            out.push(from_annotation_file(path.clone())?);
        } else if path.is_file() {
            out.push(Target {
                article: path.clone(),
                file: store::annotation_path_for(path),
                project: None,
            });
        } else {
            bail!(
                "{}: no such file or folder; give articles, annotation files or a project",
                path.display()
            );
        }
    }
    Ok(out)
}

fn from_annotation_file(file: PathBuf) -> anyhow::Result<Target> {
    let parsed = store::read(&file)?;
    let article = store::find_article(&file, &parsed.file.article.path).with_context(|| {
        format!(
            "{}: its article {:?} is neither beside it nor in the project's articles/ folder",
            file.display(),
            parsed.file.article.path
        )
    })?;
    // annotations/<annotator>/x.ann.ron in a project: the project's rules apply.
    let project = Project::root_of(&file);
    Ok(Target {
        article,
        file,
        project,
    })
}

/// The annotations of `t`: its file as the session read it, checked, or none yet.
fn load(
    t: &Target,
    parsed: Option<store::Parsed>,
    annotator: &str,
    schema: &Schema,
) -> anyhow::Result<(Article, Annotations)> {
    let article = Article::load(&t.article)?;
    let Some(parsed) = parsed else {
        let a = Annotations::new(ArticleRef::of(&t.article, &article), annotator);
        return Ok((article, a));
    };
    let (annotations, problems) = parsed.resolve_checked(&article, schema);
    if !problems.is_empty() {
        bail!(
            "{} has {} problem(s); nothing was changed. Run `glossator validate {}` and fix \
             them first, or open the file in glossator when its article changed:\n{}",
            t.file.display(),
            problems.len(),
            t.file.display(),
            parsed.show(&problems)
        );
    }
    Ok((article, annotations))
}

pub fn run(req: &Request) -> anyhow::Result<Outcome> {
    if let Some(gold) = &req.evaluate {
        let rules = Rules::for_project(
            req.paths
                .first()
                .filter(|p| Project::is_project(p))
                .map(PathBuf::as_path),
        )?;
        let report = evaluate::evaluate(gold, &rules, &req.schema, req.options)?;
        if req.json {
            crate::out::json(&report)?;
        } else {
            outln!(
                "suggestions against {} gold file(s) in {}:",
                report.files,
                gold.display()
            );
            out!("{}", evaluate::table(&report));
            if req.options.misses {
                out!(
                    "{}",
                    crate::suggest::misses::table(&report.misses, usize::MAX)
                );
            }
        }
        for s in &report.skipped {
            errln!("skipped: {s}");
        }
        return Ok(Outcome::Clean);
    }
    let mut outcome = Outcome::Clean;
    let (mut files, mut total) = (0, 0);
    for t in targets(&req.paths, &req.annotator)? {
        let schema = match &t.project {
            Some(p) => Project::open(p)?.schema().map_err(Diagnostics)?,
            None => req.schema.clone(),
        };
        let rules = Rules::for_project(t.project.as_deref())?;
        let result = (|| -> anyhow::Result<usize> {
            // Through the file's session: not while glossator has it open (it would save
            // over what is added here), never through a link, the old file kept as `~`.
            let (mut session, found) = store::Session::open(&t.file, store::Options::writer(None))?;
            if let Some(why) = session.view_only() {
                bail!("{}: cannot add suggestions: {why}", t.file.display());
            }
            let (article, mut annotations) = load(&t, found.parsed, &req.annotator, &schema)?;
            let added = annotations.offer(suggest(&article, &rules, &schema), &schema);
            if added > 0 {
                session.save(&annotations, &article)?;
            }
            Ok(added)
        })();
        match result {
            Ok(added) => {
                outln!("{}: {added} new suggestion(s)", t.file.display());
                files += 1;
                total += added;
            }
            Err(e) => {
                errln!("error: {e:#}");
                outcome = Outcome::Findings;
            }
        }
    }
    outln!(
        "{total} suggestion(s) added to {files} file(s); review them in glossator: ) goes to the next, y accepts, d rejects"
    );
    Ok(outcome)
}
