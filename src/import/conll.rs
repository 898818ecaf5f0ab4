//! CoNLL-style token files: one token per line, its BIO tag in the last column (tab- or
//! space-separated: WNUT-17's `token<TAB>tag`, CoNLL-2003's `token POS chunk tag`), a blank
//! line after each sentence, `-DOCSTART-` lines or `# newdoc` comments between documents.
//! Each document becomes an article: its tokens joined by single spaces, each sentence a
//! paragraph, so every span's offsets are exact in the rebuilt text. IOB1, IOB2 and BIOES
//! tags read (`S-`/`E-` close a span, an `I-` after another type opens one).
//!
//! glossator's own CoNLL export (`# columns = TOKEN START END ...`) is read by its columns:
//! each label column's tags, `# article` and `# annotator`, and the tokens put back at their
//! code-point offsets (paragraph gaps as blank lines, other gaps as spaces), so the offsets
//! are those of the exported article.

use std::path::Path;

use anyhow::bail;

use super::{RawSpan, Record};

/// An open span while reading one tag column.
#[derive(Default)]
struct Open {
    label: Option<(String, usize, usize)>,
}

impl Open {
    /// Reads one token's tag at code points `start..end`; closed spans go to `out`.
    fn tag(&mut self, tag: &str, start: usize, end: usize, out: &mut Vec<(String, usize, usize)>) {
        let (prefix, kind) = match tag.split_once('-') {
            Some((p, k)) if matches!(p, "B" | "I" | "E" | "S") && !k.is_empty() => (p, k),
            _ if tag == "O" || tag == "_" || tag.is_empty() => {
                out.extend(self.label.take());
                return;
            }
            _ => ("I", tag),
        };
        let continues =
            matches!(prefix, "I" | "E") && self.label.as_ref().is_some_and(|(k, _, _)| k == kind);
        if continues {
            if let Some(l) = self.label.as_mut() {
                l.2 = end;
            }
        } else {
            out.extend(self.label.take());
            self.label = Some((kind.to_owned(), start, end));
        }
        if matches!(prefix, "E" | "S") {
            out.extend(self.label.take());
        }
    }

    fn close(&mut self, out: &mut Vec<(String, usize, usize)>) {
        out.extend(self.label.take());
    }
}

fn finish(r: &mut Record, spans: Vec<(String, usize, usize)>) {
    for (i, (label, start, end)) in spans.into_iter().enumerate() {
        r.spans.push(RawSpan {
            key: format!("t{}", i + 1),
            label,
            start,
            end,
            text: None,
        });
    }
}

/// A generic file: last column is the tag.
fn generic(path: &Path, source: &str) -> Vec<Record> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut docs: Vec<Record> = Vec::new();
    let mut spans = Vec::new();
    let mut open = Open::default();
    let mut cp = 0;
    // What goes before the next token: nothing, a space, or a paragraph break.
    let mut gap = "";
    let new_doc = |docs: &mut Vec<Record>, spans: &mut Vec<_>, open: &mut Open, line: usize| {
        open.close(spans);
        if let Some(last) = docs.last_mut() {
            finish(last, std::mem::take(spans));
        }
        docs.push(Record {
            origin: format!("{} line {line}", path.display()),
            ..Record::default()
        });
    };
    for (i, line) in source.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let trimmed = line.trim();
        if trimmed.starts_with("-DOCSTART-") || trimmed.starts_with("# newdoc") {
            if docs.last().is_none_or(|d| !d.text.is_empty()) {
                new_doc(&mut docs, &mut spans, &mut open, i + 1);
            }
            (cp, gap) = (0, "");
            continue;
        }
        if trimmed.starts_with('#') {
            continue;
        }
        if trimmed.is_empty() {
            open.close(&mut spans);
            if !gap.is_empty() {
                gap = "\n\n";
            }
            continue;
        }
        if docs.is_empty() {
            new_doc(&mut docs, &mut spans, &mut open, i + 1);
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').map(str::trim).collect()
        } else {
            line.split_whitespace().collect()
        };
        let (Some(token), Some(tag)) = (cols.first(), cols.last()) else {
            continue;
        };
        let Some(doc) = docs.last_mut() else {
            continue;
        };
        if cols.len() < 2 {
            doc.skip("lines without a tag column");
        }
        if gap == "\n\n" {
            open.close(&mut spans);
        }
        doc.text.push_str(gap);
        cp += gap.chars().count();
        let start = cp;
        doc.text.push_str(token);
        cp += token.chars().count();
        let tag = if cols.len() < 2 { "O" } else { tag };
        open.tag(tag, start, cp, &mut spans);
        gap = " ";
    }
    open.close(&mut spans);
    if let Some(last) = docs.last_mut() {
        finish(last, spans);
    }
    docs.retain(|d| !d.text.is_empty());
    let several = docs.len() > 1;
    for (n, d) in docs.iter_mut().enumerate() {
        d.name = if several {
            format!("{stem}-{}", n + 1)
        } else {
            stem.clone()
        };
        d.text.push('\n');
    }
    docs
}

/// glossator's own export, read by its columns and offsets.
fn own(path: &Path, source: &str, labels: &[String]) -> anyhow::Result<Vec<Record>> {
    let mut docs: Vec<Record> = Vec::new();
    let mut opens: Vec<Open> = Vec::new();
    let mut spans = Vec::new();
    let mut cp = 0;
    let mut paragraph_changed = false;
    for (i, line) in source.lines().enumerate() {
        let at = || format!("{}:{}", path.display(), i + 1);
        if let Some(name) = line.strip_prefix("# article = ") {
            for o in &mut opens {
                o.close(&mut spans);
            }
            if let Some(last) = docs.last_mut() {
                finish(last, std::mem::take(&mut spans));
                last.text.push('\n');
            }
            docs.push(Record {
                origin: at(),
                name: name.trim_end_matches(".txt").to_owned(),
                ..Record::default()
            });
            opens = labels.iter().map(|_| Open::default()).collect();
            cp = 0;
            continue;
        }
        let Some(doc) = docs.last_mut() else {
            continue;
        };
        if let Some(a) = line.strip_prefix("# annotator = ") {
            doc.annotator = Some(a.to_owned());
            continue;
        }
        if line.starts_with("# paragraph = ") {
            paragraph_changed = true;
            continue;
        }
        if line.starts_with('#') || line.is_empty() {
            for o in &mut opens {
                o.close(&mut spans);
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(token), Some(Ok(start)), Some(Ok(end))) = (
            cols.first(),
            cols.get(1).map(|s| s.parse::<usize>()),
            cols.get(2).map(|s| s.parse::<usize>()),
        ) else {
            bail!("{}: not TOKEN<TAB>START<TAB>END<TAB>tags", at());
        };
        if start < cp || end < start || token.chars().count() != end - start {
            bail!(
                "{}: {token:?} at {start}..{end} does not follow the text so far ({cp} characters)",
                at()
            );
        }
        let gap = start - cp;
        if paragraph_changed && gap >= 2 && cp > 0 {
            doc.text.push_str("\n\n");
            doc.text.extend(std::iter::repeat_n(' ', gap - 2));
        } else {
            doc.text.extend(std::iter::repeat_n(' ', gap));
        }
        paragraph_changed = false;
        doc.text.push_str(token);
        cp = end;
        for (o, tag) in opens.iter_mut().zip(cols.iter().skip(3)) {
            o.tag(tag, start, end, &mut spans);
        }
    }
    for o in &mut opens {
        o.close(&mut spans);
    }
    if let Some(last) = docs.last_mut() {
        finish(last, spans);
        last.text.push('\n');
    }
    Ok(docs)
}

/// The documents of a CoNLL file.
pub fn parse(path: &Path, source: &str) -> anyhow::Result<Vec<Record>> {
    let first = source.lines().next().unwrap_or_default();
    if let Some(cols) = first.strip_prefix("# columns = TOKEN START END") {
        // The columns are the labels in upper case; the tags carry their real names.
        let labels: Vec<String> = cols.split_whitespace().map(str::to_owned).collect();
        return own(path, source, &labels);
    }
    Ok(generic(path, source))
}
