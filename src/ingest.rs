//! Article text from the files people have: `.txt` as it is (normalised), Markdown with its
//! markup removed, and HTML pages reduced to their main article (title and body paragraphs,
//! without navigation, scripts, ads or comment forms) by a readability extractor.

use std::path::Path;

use anyhow::{Context, bail};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::normalise;

/// The text of `path` by its extension.
pub fn text_of(path: &Path) -> anyhow::Result<String> {
    if path.is_dir() {
        bail!(
            "{}: is a folder; give article files (.txt, .md, .html)",
            path.display()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => {
            let article = crate::text::Article::from_bytes(path, &bytes)?;
            Ok(article.text)
        }
        "md" | "markdown" => Ok(markdown(&utf8(path, &bytes)?)),
        "html" | "htm" => html(path, &String::from_utf8_lossy(&bytes)),
        other => bail!(
            "{}: cannot import .{other} files; give .txt, .md or .html",
            path.display()
        ),
    }
}

fn utf8(path: &Path, bytes: &[u8]) -> anyhow::Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        anyhow::anyhow!(
            "{}: not UTF-8 at byte {}; convert it to UTF-8 first",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Front matter (`+++` TOML or `---` YAML) at the very start split off: its `title`, if
/// it has one, and the rest of the document.
fn front_matter(s: &str) -> (Option<String>, &str) {
    for fence in ["+++", "---"] {
        if let Some(rest) = s.strip_prefix(fence).and_then(|r| r.strip_prefix('\n'))
            && let Some(end) = rest.find(&format!("\n{fence}"))
        {
            let title = rest[..end].lines().find_map(|l| {
                let (key, value) = l.split_once(['=', ':'])?;
                (key.trim() == "title").then(|| value.trim().trim_matches(['"', '\'']).to_owned())
            });
            let after = &rest[end + 1 + fence.len()..];
            return (title, after.strip_prefix('\n').unwrap_or(after));
        }
    }
    (None, s)
}

/// Markdown as plain paragraphs: the front matter's title, then headings, paragraphs, list
/// items, quotes and footnotes as paragraphs of their text; markup, link targets, images,
/// HTML and code blocks go.
pub fn markdown(source: &str) -> String {
    let source = normalise(source);
    let (title, body) = front_matter(&source);
    let mut paragraphs: Vec<String> = title.into_iter().filter(|t| !t.is_empty()).collect();
    let mut current = String::new();
    let mut in_code_block = false;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    let options =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(t) | Event::Code(t) if !in_code_block => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::TableCell) => {
                current.push(' ');
            }
            Event::Start(Tag::Item | Tag::TableCell) if !current.trim().is_empty() => {
                flush(&mut current, &mut paragraphs);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut current, &mut paragraphs),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    let mut text = paragraphs.join("\n\n");
    text.push('\n');
    text
}

/// A paragraph of a page on one line: runs of white space become one space, and control
/// characters (an escape sequence's ESC and BEL, written raw or as `&#27;`) go: they are
/// never part of an article's words.
fn one_line(s: &str) -> String {
    s.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The main article of an HTML page: its title, then its paragraphs.
pub fn html(path: &Path, source: &str) -> anyhow::Result<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut reader = dom_smoothie::Readability::new(source, None, Some(cfg))
        .map_err(|e| anyhow::anyhow!("{}: cannot read the page: {e}", path.display()))?;
    // A page readability would not offer to read (a front page, a list of links) gives at
    // best a scrap of text: better refused than imported as an article.
    let readable = reader.is_probably_readable();
    let article = reader.parse().map_err(|e| {
        anyhow::anyhow!(
            "{}: no article text found in this page ({e}); save the article's own page, or paste its text into a .txt",
            path.display()
        )
    })?;
    let body: Vec<String> = article
        .text_content
        .split("\n\n")
        .map(one_line)
        .filter(|p| !p.is_empty())
        .collect();
    let words: usize = body.iter().map(|p| p.split_whitespace().count()).sum();
    if body.is_empty() || (!readable && words < 80) {
        bail!(
            "{}: no article text found in this page; save the article's own page, or paste its text into a .txt",
            path.display()
        );
    }
    let title = one_line(&article.title);
    let mut text = String::new();
    if !title.is_empty() && body.first() != Some(&title) {
        text.push_str(&title);
        text.push_str("\n\n");
    }
    text.push_str(&body.join("\n\n"));
    text.push('\n');
    Ok(normalise(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_the_words_and_drops_the_markup() {
        let md = "+++\ntitle = \"Big news\"\n+++\n\n# A *big* day\n\nShe [said](http://x) **no**.\nAgain `now`.\n\n- one\n- two\n\n```\ncode();\n```\n\n> quoted\n";
        assert_eq!(
            markdown(md),
            "Big news\n\nA big day\n\nShe said no. Again now.\n\none\n\ntwo\n\nquoted\n"
        );
    }

    #[test]
    fn a_page_without_an_article_is_refused() {
        let err = html(
            Path::new("p.html"),
            "<html><body><nav>Home</nav></body></html>",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("p.html: no article text found"), "{err}");
    }
}
