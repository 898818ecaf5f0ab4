//! CoNLL: one token per line with its code-point offsets and one BIO column per schema
//! label; `# article`, `# annotator` and `# paragraph` comments; a blank line after each
//! sentence. Spans are snapped to whole tokens, and every snap is counted in the loss report,
//! as are what BIO cannot hold (a second fragment, a mention nested in one of its own label).

use std::io::Write;

use super::{Doc, Loss};
use crate::model::Mention;
use crate::schema::Schema;
use crate::text::is_word_char;

/// Tokens of `text[range]` as byte ranges: runs of letters and digits (with inner
/// apostrophes, hyphens and dots, as in "don't", "US-led", "3.5"), or single other
/// non-space characters.
pub fn tokens(text: &str, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(j, d)) = iter.peek() {
                let joiner = matches!(d, '\'' | '’' | '-' | '.');
                let next_is_word = s[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_word_char);
                if is_word_char(d) || (joiner && next_is_word) || is_mark(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
        } else {
            // Keep combining marks and joiners with what they attach to.
            while let Some(&(j, d)) = iter.peek() {
                if is_mark(d) || d == '\u{200d}' || (end > i && s[..end].ends_with('\u{200d}')) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
        }
        out.push(range.start + i..range.start + end);
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}')
}

fn ends_sentence(text: &str, tok: &std::ops::Range<usize>) -> bool {
    matches!(&text[tok.clone()], "." | "!" | "?")
}

/// The BIO tags of a paragraph's tokens, one column per label: `tags[token][label]`.
fn tag(
    d: &Doc,
    labels: &[&str],
    toks: &[std::ops::Range<usize>],
    range: &std::ops::Range<usize>,
    mentions: &[&Mention],
    loss: &mut Loss,
) -> Vec<Vec<String>> {
    let key = d.key();
    let text = &d.article.text;
    let mut tags: Vec<Vec<String>> = vec![vec!["O".to_owned(); labels.len()]; toks.len()];
    for m in mentions {
        let Some(col) = labels.iter().position(|l| *l == m.label) else {
            if m.fragments
                .first()
                .is_some_and(|f| range.contains(&f.start))
            {
                loss.add(&key, "labels with no column", m.label.clone());
            }
            continue;
        };
        // Counted once, in the paragraph of the mention's first fragment.
        let first_here = m
            .fragments
            .first()
            .is_some_and(|f| range.contains(&f.start));
        if m.fragments.len() > 1 && first_here {
            loss.add(
                &key,
                "discontinuous mentions written as separate spans",
                format!("{} '{}'", m.id, d.text_of(m)),
            );
        }
        for f in m
            .fragments
            .iter()
            .filter(|f| f.start < range.end && f.end > range.start)
        {
            let covered: Vec<usize> = toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.start < f.end && t.end > f.start)
                .map(|(i, _)| i)
                .collect();
            let (Some(&first), Some(&last)) = (covered.first(), covered.last()) else {
                loss.add(
                    &key,
                    "spans with no token",
                    format!("{} '{}'", m.id, d.text_of(m)),
                );
                continue;
            };
            if toks[first].start != f.start || toks[last].end != f.end {
                loss.add(
                    &key,
                    "spans snapped to whole tokens",
                    format!(
                        "{} '{}' -> '{}'",
                        m.id,
                        &text[f.start..f.end],
                        &text[toks[first].start..toks[last].end]
                    ),
                );
            }
            if covered.iter().any(|&i| tags[i][col] != "O") {
                loss.add(
                    &key,
                    "mentions overlapping another of the same label (BIO keeps the first)",
                    format!("{} '{}'", m.id, d.text_of(m)),
                );
                continue;
            }
            for (n, &i) in covered.iter().enumerate() {
                let prefix = if n == 0 { "B" } else { "I" };
                tags[i][col] = format!("{prefix}-{}", m.label);
            }
        }
    }
    tags
}

/// What CoNLL has no column for.
fn unsupported(d: &Doc, key: &str, loss: &mut Loss) {
    let a = &d.annotations;
    let links = a
        .attributions
        .iter()
        .map(|x| x.id.to_string())
        .chain(a.sourcings.iter().map(|x| x.id.to_string()))
        .chain(a.stances.iter().map(|x| x.id.to_string()));
    for id in links {
        loss.add(
            key,
            "links (attributions, sourcings, stances; use jsonl or brat)",
            id,
        );
    }
    for e in &a.entities {
        loss.add(key, "entities (use jsonl or brat)", e.name.clone());
    }
    for n in &a.notes {
        loss.add(key, "notes (use jsonl or brat)", n.text.clone());
    }
    for m in a.mentions.iter().filter(|m| !m.attrs.is_empty()) {
        loss.add(key, "attributes (use jsonl or brat)", m.id.to_string());
    }
}

pub fn write(
    docs: &[Doc],
    schema: &Schema,
    w: &mut impl Write,
    loss: &mut Loss,
) -> std::io::Result<()> {
    let labels: Vec<&str> = schema.labels.iter().map(|l| l.name.as_str()).collect();
    let header: Vec<String> = labels.iter().map(|l| l.to_uppercase()).collect();
    writeln!(w, "# columns = TOKEN START END {}", header.join(" "))?;
    for d in docs {
        let key = d.key();
        let text = &d.article.text;
        writeln!(w, "# article = {}", d.name)?;
        writeln!(w, "# annotator = {}", d.annotations.annotator)?;
        // Each mention under every paragraph it touches, in one pass.
        let mut by_paragraph: Vec<Vec<&Mention>> = vec![Vec::new(); d.article.paragraphs.len()];
        for m in &d.annotations.mentions {
            let first = d.article.paragraph_at(m.extent().start);
            let last = d.article.paragraph_at(m.extent().end.saturating_sub(1));
            for list in by_paragraph.iter_mut().take(last + 1).skip(first) {
                list.push(m);
            }
        }
        for (p, range) in d.article.paragraphs.iter().enumerate() {
            writeln!(w, "# paragraph = {}", p + 1)?;
            let toks = tokens(text, range.clone());
            let tags = tag(d, &labels, &toks, range, &by_paragraph[p], loss);
            for (i, t) in toks.iter().enumerate() {
                writeln!(
                    w,
                    "{}\t{}\t{}\t{}",
                    &text[t.clone()],
                    d.cp(t.start),
                    d.cp(t.end),
                    tags[i].join("\t")
                )?;
                let next_starts_sentence = toks.get(i + 1).is_some_and(|n| {
                    text[n.clone()]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '‘'))
                });
                if ends_sentence(text, t) && next_starts_sentence {
                    writeln!(w)?;
                }
            }
            writeln!(w)?;
        }
        unsupported(d, &key, loss);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn tokens_keep_words_contractions_and_emoji_sequences_whole() {
        let t = "“We don’t,” the US-led 👍🏽 said.";
        let toks: Vec<&str> = tokens(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            toks,
            [
                "“", "We", "don’t", ",", "”", "the", "US-led", "👍🏽", "said", "."
            ]
        );
    }
}
