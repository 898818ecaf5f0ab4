//! spaCy's DocBin (`.spacy`): one `Doc` per annotation file, for `DocBin().from_disk(path)`
//! and `get_docs(nlp.vocab)` in spaCy 3.
//!
//! - Tokens are CoNLL's, and the whitespace between them is spaCy's: a single space after a
//!   token is its trailing space, and any other run of whitespace (or what is left of it after
//!   that space) is a token of its own, as spaCy's tokenizer makes it, so `doc.text` is the
//!   article's text exactly.
//! - Every mention is in `doc.spans["sc"]` with its label, and its mention id as the span's
//!   `id_` (the entity's knowledge-base id, when it has one, as `kb_id_`). A discontinuous
//!   mention is one span per fragment, sharing the id; a span whose ends are not token
//!   boundaries is snapped to whole tokens. Both are counted in the loss report.
//! - `doc.ents` holds the mentions that overlap no other, longest first (a discontinuous
//!   one as an entity per fragment); a mention that overlaps a longer one is only in the span
//!   group (and in the loss report). Tokens outside every entity are `O`, so the entities
//!   are complete, not missing.
//! - Sentences are CoNLL's, except that one may end inside a mention, so `doc.sents` works;
//!   whitespace is in the sentence before it.
//! - `doc.user_data` has `article`, `annotator` and `status`.
//!
//! The file is zlib-compressed msgpack of `DocBin.to_bytes`' dict: `version`, `attrs`
//! (ORTH, ENT_IOB, ENT_TYPE, SENT_START), `tokens` (the uint64 attribute rows, little-endian,
//! as numpy's `tobytes`), `spaces` (a byte per token), `lengths` (int32), `strings`, `cats`,
//! `flags`, `span_groups` (each doc's `SpanGroups` bytes: a map from each group's msgpack to
//! its keys, each span packed as `>QQQllll`) and `user_data` (each doc's msgpack). Strings
//! are hashed as spaCy's string store does ([`string_id`]).

mod murmur;
mod symbols;

use std::collections::BTreeSet;
use std::io::Write;
use std::ops::Range;

use anyhow::Context;

pub use murmur::string_id;

use super::conll::sentence_starts;
use super::{Doc, Loss, tokens};
use crate::model::Mention;

/// spaCy's attribute ids (`spacy.attrs`).
const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
const SENT_START: u64 = 80;
/// `Token.iob_strings()`: "", "I", "O", "B".
const IOB_I: u64 = 1;
const IOB_O: u64 = 2;
const IOB_B: u64 = 3;
/// The span group every mention is in.
const SPAN_KEY: &str = "sc";

/// A spaCy token: a word of the CoNLL tokenizer, or a run of whitespace.
struct Token {
    bytes: Range<usize>,
    /// Followed by one space that belongs to it.
    space: bool,
    /// Starts a sentence.
    sent_start: bool,
}

/// A span as spaCy's `SpanC`: token indices (end exclusive) and code points.
struct SpanC {
    id: u64,
    kb_id: u64,
    label: u64,
    start: usize,
    end: usize,
    start_char: usize,
    end_char: usize,
}

/// One article's Doc, ready to pack.
struct Packed {
    tokens: Vec<Token>,
    /// (ENT_IOB, ENT_TYPE) of each token.
    ents: Vec<(u64, u64)>,
    spans: Vec<SpanC>,
}

/// The tokens of the whole text, its words, and the index of each word among the tokens.
/// Sentences are CoNLL's, except that they may end inside a mention; whitespace belongs to
/// the sentence before it.
fn doc_tokens(d: &Doc) -> (Vec<Token>, Vec<Range<usize>>, Vec<usize>) {
    let text = &d.article.text;
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut starts: Vec<bool> = Vec::new();
    for p in &d.article.paragraphs {
        let here = tokens(text, p.clone());
        let at = starts.len();
        starts.resize(at + here.len(), false);
        for s in sentence_starts(text, p, &here, |_, _| false) {
            starts[at + s] = true;
        }
        words.extend(here);
    }
    let mut out: Vec<Token> = Vec::with_capacity(words.len() + words.len() / 8);
    let mut word_at = Vec::with_capacity(words.len());
    let gap = |out: &mut Vec<Token>, mut start: usize, end: usize| {
        if start >= end {
            return;
        }
        if let Some(prev) = out.last_mut()
            && text[start..end].starts_with(' ')
        {
            prev.space = true;
            start += 1;
        }
        if start < end {
            out.push(Token {
                bytes: start..end,
                space: false,
                sent_start: out.is_empty(),
            });
        }
    };
    let mut at = 0;
    for (w, &start) in words.iter().zip(&starts) {
        gap(&mut out, at, w.start);
        word_at.push(out.len());
        out.push(Token {
            bytes: w.clone(),
            // Leading whitespace is in the first sentence.
            sent_start: out.is_empty() || (start && word_at.len() > 1),
            space: false,
        });
        at = w.end;
    }
    gap(&mut out, at, text.len());
    (out, words, word_at)
}

/// The words a byte span covers, as the first and last index.
fn covered(words: &[Range<usize>], span: Range<usize>) -> Option<(usize, usize)> {
    let first = words.partition_point(|t| t.end <= span.start);
    let last = words.partition_point(|t| t.start < span.end);
    (first < last).then(|| (first, last - 1))
}

fn pack_doc(d: &Doc, loss: &mut Loss) -> Packed {
    let key = d.key();
    let text = &d.article.text;
    let (toks, words, word_at) = doc_tokens(d);
    let mut spans = Vec::new();
    // Each mention's token runs, for the entities.
    let mut runs: Vec<(&Mention, Vec<Range<usize>>, u64)> = Vec::new();
    for m in &d.annotations.mentions {
        if m.fragments.len() > 1 {
            loss.add(
                &key,
                "discontinuous mentions written as one span per fragment (sharing the mention's id)",
                format!("{} '{}'", m.id, d.text_of(m)),
            );
        }
        let id = string_id(&m.id.to_string());
        let kb_id = m
            .entity
            .and_then(|e| d.entity(e))
            .and_then(|e| e.kb.as_deref())
            .map_or(0, string_id);
        let label = string_id(&m.label);
        let mut mine = Vec::new();
        for f in &m.fragments {
            let Some((first, last)) = covered(&words, f.start..f.end) else {
                loss.add(
                    &key,
                    "spans with no token",
                    format!("{} '{}'", m.id, d.text_of(m)),
                );
                continue;
            };
            let (start, end) = (words[first].start, words[last].end);
            loss.snapped(&key, m.id, text, f.start..f.end, start..end);
            let tokens = word_at[first]..word_at[last] + 1;
            spans.push(SpanC {
                id,
                kb_id,
                label,
                start: tokens.start,
                end: tokens.end,
                start_char: d.cp(start),
                end_char: d.cp(end),
            });
            mine.push(tokens);
        }
        if !mine.is_empty() {
            runs.push((m, mine, label));
        }
    }
    let mut ents = vec![(IOB_O, 0); toks.len()];
    let mut taken = vec![false; toks.len()];
    runs.sort_by_key(|(m, r, _)| {
        let len: usize = r.iter().map(ExactSizeIterator::len).sum();
        (std::cmp::Reverse(len), m.extent().start)
    });
    for (m, r, label) in &runs {
        if r.iter().any(|t| taken[t.clone()].iter().any(|&x| x)) {
            loss.add(
                &key,
                "mentions overlapping a longer one (in doc.spans[\"sc\"] only, not doc.ents)",
                format!("{} {} '{}'", m.id, m.label, d.text_of(m)),
            );
            continue;
        }
        for t in r {
            for i in t.clone() {
                taken[i] = true;
                ents[i] = (if i == t.start { IOB_B } else { IOB_I }, *label);
            }
        }
    }
    Packed {
        tokens: toks,
        ents,
        spans,
    }
}

fn unsupported(d: &Doc, loss: &mut Loss) {
    super::relations::spans_only(d, "spacy", loss);
}

/// A msgpack message being written.
#[derive(Default)]
struct Msg(Vec<u8>);

fn len32(n: usize) -> anyhow::Result<u32> {
    u32::try_from(n).context("too many items for msgpack")
}

impl Msg {
    fn map(&mut self, n: usize) -> anyhow::Result<()> {
        rmp::encode::write_map_len(&mut self.0, len32(n)?)?;
        Ok(())
    }
    fn array(&mut self, n: usize) -> anyhow::Result<()> {
        rmp::encode::write_array_len(&mut self.0, len32(n)?)?;
        Ok(())
    }
    fn str(&mut self, s: &str) -> anyhow::Result<()> {
        rmp::encode::write_str(&mut self.0, s)?;
        Ok(())
    }
    fn bin(&mut self, b: &[u8]) -> anyhow::Result<()> {
        rmp::encode::write_bin(&mut self.0, b)?;
        Ok(())
    }
    fn uint(&mut self, n: u64) -> anyhow::Result<()> {
        rmp::encode::write_uint(&mut self.0, n)?;
        Ok(())
    }
    fn bool(&mut self, b: bool) -> anyhow::Result<()> {
        rmp::encode::write_bool(&mut self.0, b)?;
        Ok(())
    }
}

fn i32_of(n: usize) -> anyhow::Result<[u8; 4]> {
    Ok(i32::try_from(n)
        .context("an article too long for spaCy's 32-bit offsets")?
        .to_be_bytes())
}

/// `SpanGroups.to_bytes` of a doc with the one group `sc`.
fn span_groups(spans: &[SpanC]) -> anyhow::Result<Vec<u8>> {
    let mut group = Msg::default();
    group.map(3)?;
    group.str("name")?;
    group.str(SPAN_KEY)?;
    group.str("attrs")?;
    group.map(0)?;
    group.str("spans")?;
    group.array(spans.len())?;
    for s in spans {
        let mut b = Vec::with_capacity(40);
        b.extend_from_slice(&s.id.to_be_bytes());
        b.extend_from_slice(&s.kb_id.to_be_bytes());
        b.extend_from_slice(&s.label.to_be_bytes());
        for n in [s.start, s.end, s.start_char, s.end_char] {
            b.extend_from_slice(&i32_of(n)?);
        }
        group.bin(&b)?;
    }
    let mut groups = Msg::default();
    groups.map(1)?;
    groups.bin(&group.0)?;
    groups.array(1)?;
    groups.str(SPAN_KEY)?;
    Ok(groups.0)
}

/// `srsly.msgpack_dumps(doc.user_data)`.
fn user_data(d: &Doc) -> anyhow::Result<Vec<u8>> {
    let mut m = Msg::default();
    m.map(3)?;
    for (k, v) in [
        ("article", d.name.clone()),
        ("annotator", d.annotations.annotator.clone()),
        ("status", d.annotations.status.to_string()),
    ] {
        m.str(k)?;
        m.str(&v)?;
    }
    Ok(m.0)
}

/// The DocBin's bytes before compression.
fn docbin(docs: &[Doc], loss: &mut Loss) -> anyhow::Result<Vec<u8>> {
    let attrs = [ORTH, ENT_IOB, ENT_TYPE, SENT_START];
    let mut rows: Vec<u8> = Vec::new();
    let mut spaces: Vec<u8> = Vec::new();
    let mut lengths: Vec<u8> = Vec::new();
    let mut strings: BTreeSet<String> = BTreeSet::from([String::new()]);
    let mut groups = Vec::with_capacity(docs.len());
    let mut users = Vec::with_capacity(docs.len());
    for d in docs {
        let packed = pack_doc(d, loss);
        let text = &d.article.text;
        for (t, &(iob, kind)) in packed.tokens.iter().zip(&packed.ents) {
            let word = &text[t.bytes.clone()];
            strings.insert(word.to_owned());
            // 1 starts a sentence, -1 does not.
            let sent = if t.sent_start { 1 } else { u64::MAX };
            for v in [string_id(word), iob, kind, sent] {
                rows.extend_from_slice(&v.to_le_bytes());
            }
            spaces.push(u8::from(t.space));
        }
        lengths.extend_from_slice(
            &i32::try_from(packed.tokens.len())
                .context("an article with too many tokens for spaCy")?
                .to_le_bytes(),
        );
        for m in &d.annotations.mentions {
            strings.insert(m.label.clone());
            strings.insert(m.id.to_string());
        }
        for e in &d.annotations.entities {
            strings.extend(e.kb.clone());
        }
        groups.push(span_groups(&packed.spans)?);
        users.push(user_data(d)?);
        unsupported(d, loss);
    }
    let mut m = Msg::default();
    m.map(10)?;
    m.str("version")?;
    m.str("0.1")?;
    m.str("attrs")?;
    m.array(attrs.len())?;
    for a in attrs {
        m.uint(a)?;
    }
    m.str("tokens")?;
    m.bin(&rows)?;
    m.str("spaces")?;
    m.bin(&spaces)?;
    m.str("lengths")?;
    m.bin(&lengths)?;
    m.str("strings")?;
    m.array(strings.len())?;
    for s in &strings {
        m.str(s)?;
    }
    m.str("cats")?;
    m.array(docs.len())?;
    for _ in docs {
        m.map(0)?;
    }
    m.str("flags")?;
    m.array(docs.len())?;
    for _ in docs {
        m.map(1)?;
        m.str("has_unknown_spaces")?;
        m.bool(false)?;
    }
    for (name, list) in [("span_groups", &groups), ("user_data", &users)] {
        m.str(name)?;
        m.array(list.len())?;
        for b in list {
            m.bin(b)?;
        }
    }
    Ok(m.0)
}

/// Writes the DocBin of `docs` to `w`, zlib-compressed.
pub fn write(docs: &[Doc], w: &mut impl Write, loss: &mut Loss) -> anyhow::Result<()> {
    let msg = docbin(docs, loss)?;
    let mut z = flate2::write::ZlibEncoder::new(w, flate2::Compression::default());
    z.write_all(&msg)?;
    z.finish()?;
    Ok(())
}
