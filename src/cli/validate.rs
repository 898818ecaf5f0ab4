//! `glossator validate`: every problem of every file, with its position and what to do.

use std::path::Path;

use super::Outcome;
use crate::schema::Schema;
use crate::store;
use crate::text::Article;

pub fn run(files: &[std::path::PathBuf], article: Option<&Path>, schema: &Schema) -> Outcome {
    let mut clean = true;
    for file in files {
        let count = validate_one(file, article, schema);
        if count == 0 {
            println!("{}: ok", file.display());
        } else {
            clean = false;
            let s = if count == 1 { "" } else { "s" };
            println!("{}: {count} problem{s}", file.display());
        }
    }
    if clean {
        Outcome::Clean
    } else {
        Outcome::Findings
    }
}

/// Prints the problems of one file to stderr and returns how many there were.
fn validate_one(file: &Path, article: Option<&Path>, schema: &Schema) -> usize {
    let parsed = match store::read(file) {
        Ok(p) => p,
        Err(d) => {
            eprintln!("error: {d}");
            return 1;
        }
    };
    let found = article
        .map(Path::to_path_buf)
        .or_else(|| store::find_article(file, &parsed.file.article.path));
    let Some(article_path) = found else {
        eprintln!(
            "error: {}: its article {:?} was found neither beside it nor in a project's \
             articles/ folder\n  = pass the article with --article FILE",
            file.display(),
            parsed.file.article.path
        );
        return 1;
    };
    let article = match Article::load(&article_path) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let (annotations, mut problems) = parsed.resolve(&article);
    problems.extend(schema.check(&annotations));
    for d in parsed.diagnoses(&problems) {
        eprintln!("error: {d}");
    }
    problems.len()
}
