//! `glossator assign`: give articles to annotators (each to everyone named, or spread so
//! each article has N of them and the load is even), take them back, or list who has what.

use super::Outcome;
use super::args::AssignArgs;
use crate::project::Project;
use crate::project::annotator::{NameSource, check};
use crate::project::assign::{Assignments, FILE};

/// Without `--to`, lists; otherwise gives (or with `--remove`, takes back) the articles.
pub fn run(req: &AssignArgs) -> anyhow::Result<Outcome> {
    let project = Project::open(&req.dir)?;
    let mut assignments = Assignments::load(&project)?;
    for who in &req.to {
        check(who, &NameSource::Flag)?;
    }
    if req.to.is_empty() {
        list(&project, &assignments);
        return Ok(Outcome::Clean);
    }
    let articles: Vec<String> = if req.articles.is_empty() {
        if req.spread.is_none() && !req.remove {
            anyhow::bail!(
                "name the articles to give to {} (or --spread N to share every article of the \
                 project among them)",
                req.to.join(", ")
            );
        }
        project.articles()
    } else {
        let mut out = Vec::new();
        for name in &req.articles {
            out.push(project.article_named(name)?);
        }
        out
    };
    let mut changed = 0;
    if req.remove {
        for article in &articles {
            for who in &req.to {
                changed += usize::from(assignments.take(article, who));
            }
        }
    } else if let Some(per) = req.spread {
        if per == 0 {
            anyhow::bail!("--spread 0 gives nothing: say how many annotators each article needs");
        }
        changed = assignments.spread(&articles, &req.to, per);
    } else {
        for article in &articles {
            for who in &req.to {
                changed += usize::from(assignments.give(article, who));
            }
        }
    }
    if changed > 0 {
        assignments.save(&project)?;
    }
    let verb = if req.remove { "taken back" } else { "made" };
    outln!(
        "{changed} assignment(s) {verb}; {} in {}",
        req.to
            .iter()
            .map(|w| format!("{w} has {}", assignments.of_annotator(w).len()))
            .collect::<Vec<_>>()
            .join(", "),
        project.root.join(FILE).display()
    );
    Ok(Outcome::Clean)
}

/// Each annotator's articles, and the articles no one has.
fn list(project: &Project, assignments: &Assignments) {
    let articles = project.articles();
    if assignments.0.is_empty() {
        outln!(
            "no articles are assigned yet ({} article(s)); give some with \
             `glossator assign {} --to alice,bob --spread 2`",
            articles.len(),
            project.root.display()
        );
        return;
    }
    for who in assignments.annotators() {
        let mine = assignments.of_annotator(who);
        outln!("{who}: {} article(s): {}", mine.len(), mine.join(", "));
    }
    let free: Vec<&String> = articles
        .iter()
        .filter(|a| assignments.of_article(a).next().is_none())
        .collect();
    outln!(
        "not assigned: {} article(s){}",
        free.len(),
        if free.is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                free.iter()
                    .take(20)
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ) + if free.len() > 20 { ", …" } else { "" }
        }
    );
    let gone: Vec<&String> = assignments
        .0
        .keys()
        .filter(|a| !articles.contains(a))
        .collect();
    if !gone.is_empty() {
        errln!(
            "note: {} names articles the project no longer has: {}",
            FILE,
            gone.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}
