//! `glossator validate`: every problem of every file (given, or found in the folders and
//! projects given), with its position and what to do.

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::project::{Listing, Project, files_in_folder, walk};
use crate::schema::Schema;
use crate::store;
use crate::text::Article;

pub fn run(paths: &[PathBuf], article: Option<&Path>, schema: &Schema) -> Outcome {
    let mut clean = true;
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let listing = if Project::is_project(path) {
            Project::open(path)
                .map(|p| {
                    let l = p.list_annotation_files();
                    Listing {
                        found: l.found.into_iter().map(|f| f.path).collect(),
                        skipped: l.skipped,
                    }
                })
                .map_err(|d| d.to_string())
        } else {
            files_in_folder(path, &walk::is_annotation_file).map_err(|e| e.to_string())
        };
        match listing {
            Ok(l) => {
                for s in &l.skipped {
                    errln!("note: {s}");
                }
                if l.found.is_empty() {
                    errln!(
                        "error: {}: no annotation files (*.ann.ron) here; give annotation files, \
                         folders of them or a project",
                        path.display()
                    );
                    clean = false;
                }
                files.extend(l.found);
            }
            Err(e) => {
                errln!("error: {e}");
                clean = false;
            }
        }
    }
    for file in &files {
        let count = validate_one(file, article, schema);
        if count == 0 {
            outln!("{}: ok", file.display());
        } else {
            clean = false;
            let s = if count == 1 { "" } else { "s" };
            outln!("{}: {count} problem{s}", file.display());
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
            errln!("error: {d}");
            return 1;
        }
    };
    let found = article
        .map(Path::to_path_buf)
        .or_else(|| store::find_article(file, &parsed.file.article.path));
    let Some(article_path) = found else {
        errln!(
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
            errln!("error: {e}");
            return 1;
        }
    };
    let (annotations, mut problems) = parsed.resolve(&article);
    problems.extend(schema.check(&annotations));
    problems.extend(crate::model::duplicate_mentions(&annotations));
    problems.extend(crate::model::unresolved(&annotations));
    for d in parsed.diagnoses(&problems) {
        errln!("error: {d}");
    }
    problems.len()
}
