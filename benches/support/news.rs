//! A generated news corpus for the benches and `examples/gen_project.rs`: articles of about
//! 3 KB, each with twelve quotations, their speakers, cues and sources, entities and links.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use glossator::export::Doc;
use glossator::model::{Agent, Annotations, ArticleRef, Span, Status};
use glossator::text::Article;

/// The article's file name in a project.
pub fn name(i: usize) -> String {
    format!("article-{i:05}.txt")
}

pub fn doc(i: usize) -> Doc {
    let mut text = format!("Article {i}: officials deny the report\n\n");
    let mut quotes = Vec::new();
    for p in 0..12 {
        let start = text.len();
        let _ = write!(
            text,
            "“The plan number {p} will not change anything,” Minister Ana Ruiz told reporters in the capital on day {i}, according to local media reports.\n\n"
        );
        quotes.push(start);
    }
    let article = Article::from_text(Path::new("a.txt"), text);
    let t = &article.text;
    let mut a = Annotations::new(
        ArticleRef {
            path: format!("article-{i}.txt"),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "bench",
    );
    let ruiz = a.add_entity("Person", "Ana Ruiz", true);
    let media = a.add_entity("Media", "local media", false);
    for start in quotes {
        let find = |s: &str| {
            let at = start + t[start..].find(s).unwrap();
            Span::new(at, at + s.len())
        };
        let claim = a.add_mention("Claim", vec![find("The plan number")]);
        let m = a.mention_mut(claim).unwrap();
        let end = start + t[start..].find(" anything").unwrap() + " anything".len();
        m.fragments = vec![Span::new(m.fragments[0].start, end)];
        m.attrs.insert("quote_type".into(), "direct".into());
        let speaker = a.add_mention("Speaker", vec![find("Minister Ana Ruiz")]);
        a.mention_mut(speaker).unwrap().entity = Some(ruiz);
        let cue = a.add_mention("Cue", vec![find("told reporters")]);
        let source = a.add_mention("Source", vec![find("local media reports")]);
        a.mention_mut(source).unwrap().entity = Some(media);
        a.attribute(claim, Some(Agent::Mention(speaker)), Some(cue));
        a.add_sourcing(claim, Agent::Mention(source), None);
    }
    a.sort();
    Doc::new(
        article,
        a,
        format!("article-{i}.txt"),
        PathBuf::from(format!("article-{i}.ann.ron")),
    )
}

/// Writes a project of `articles` generated articles into `dir` (which must not be a project
/// yet), annotated by each of `annotators`; every third article is left to the first one
/// alone, and statuses cycle through todo, in progress, done and reviewed.
pub fn write_project(dir: &Path, articles: usize, annotators: &[&str]) {
    glossator::project::Project::init(dir, None).unwrap();
    for i in 0..articles {
        let d = doc(i);
        let name = name(i);
        std::fs::write(dir.join("articles").join(&name), &d.article.text).unwrap();
        for (n, who) in annotators.iter().enumerate() {
            if n > 0 && i % 3 == 0 {
                continue;
            }
            let mut a = d.annotations.clone();
            (*who).clone_into(&mut a.annotator);
            a.article.path.clone_from(&name);
            a.status = [
                Status::Todo,
                Status::InProgress,
                Status::Done,
                Status::Reviewed,
            ][(i + n) % 4];
            let stem = name.trim_end_matches(".txt");
            let to = dir.join("annotations").join(who);
            std::fs::create_dir_all(&to).unwrap();
            glossator::store::session::write_once(
                &to.join(format!("{stem}.ann.ron")),
                &a,
                &d.article,
                None,
            )
            .unwrap();
        }
    }
}
