//! The exchange formats of other tools (Hugging Face token classification, doccano, Label
//! Studio, W3C Web Annotation, WebAnno TSV, spaCy DocBin, CoNLL import): the committed fixtures exported,
//! each output's structure checked, every offset sliced back to the mention's text in the
//! format's own unit, and, for formats that import, a round trip into a fresh project that
//! brings back what the format can carry, field by field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use glossator::model::{Agent, Annotations, ArticleRef, Span};
use glossator::store;
use glossator::text::Article;
use predicates::str::contains;
use serde_json::Value;

const PARK: &str = "tests/fixtures/v1/park.ann.ron";
const EVERY: &str = "tests/fixtures/v1/every_field.ann.ron";

fn glossator() -> Command {
    let mut cmd = Command::cargo_bin("glossator").unwrap();
    cmd.env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .env_remove("GLOSSATOR_ANNOTATOR");
    cmd
}

/// Exports `files` and returns the loss report printed on stderr.
fn export(files: &[&Path], format: &str, out: &Path) -> String {
    let assert = glossator()
        .arg("export")
        .args(files)
        .args(["--format", format, "-o"])
        .arg(out)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// An annotation file and its article, resolved.
fn load(file: &Path) -> (Article, Annotations) {
    let parsed = store::read(file).unwrap();
    let path = store::find_article(file, &parsed.file.article.path).unwrap();
    let article = Article::load(&path).unwrap();
    let (a, problems) = parsed.resolve(&article);
    assert_eq!(problems, vec![]);
    (article, a)
}

/// Python's `text[start:end]`.
fn by_cp(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn n(v: &Value) -> usize {
    usize::try_from(v.as_u64().unwrap()).unwrap()
}

/// (label, start, end) in code points for every fragment of every mention.
fn fragments(article: &Article, a: &Annotations) -> BTreeSet<(String, usize, usize)> {
    let cp = |b| article.offsets.char_of_byte(b).unwrap();
    a.mentions
        .iter()
        .flat_map(|m| {
            m.fragments
                .iter()
                .map(|f| (m.label.clone(), cp(f.start), cp(f.end)))
        })
        .collect()
}

/// Curly quotes, an emoji ZWJ sequence, an astral emoji with a skin tone, CJK, a combining
/// mark, and a Target nested inside a Speaker.
const TRICKY: &str = "“Grüße,” said José — 👩‍💻 the coder — in Zürich.\n\n\
                      中文新闻说：“好。” Zoe\u{301} agreed 👍🏽 and Mayor Ana Ruiz left.\n";

fn tricky(dir: &Path) -> PathBuf {
    let article_path = dir.join("story.txt");
    std::fs::write(&article_path, TRICKY).unwrap();
    let article = Article::load(&article_path).unwrap();
    let t = &article.text;
    let span = |s: &str| {
        let at = t.find(s).unwrap();
        Span::new(at, at + s.len())
    };
    let mut a = Annotations::new(
        ArticleRef {
            path: "story.txt".into(),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "alice",
    );
    let claim = a.add_mention("Claim", vec![span("Grüße")]);
    let speaker = a.add_mention("Speaker", vec![span("José — 👩‍💻")]);
    let cue = a.add_mention("Cue", vec![span("said")]);
    a.add_mention("Claim", vec![span("中文新闻说"), span("好")]);
    a.add_mention("Speaker", vec![span("Zoe\u{301}")]);
    a.add_mention("Target", vec![span("👍🏽")]);
    a.add_mention("Speaker", vec![span("Mayor Ana Ruiz")]);
    a.add_mention("Target", vec![span("Ana Ruiz")]);
    a.attribute(claim, Some(Agent::Mention(speaker)), Some(cue));
    let file = dir.join("story.ann.ron");
    store::session::write_once(&file, &a, &article, None).unwrap();
    file
}

#[test]
fn hf_records_load_as_bio_tags_whose_tokens_slice_back_to_every_mention() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hf");
    let report = export(&[Path::new(PARK), Path::new(EVERY)], "hf", &out);
    assert!(
        report.contains("1 x discontinuous mentions written as one span per fragment"),
        "{report}"
    );
    assert!(report.contains("6 x links (attributions"), "{report}");
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("labels.json")).unwrap()).unwrap();
    let names: Vec<&str> = labels["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(names[..3], ["O", "B-Speaker", "I-Speaker"]);
    assert_eq!(names.len(), 11);
    assert_eq!(
        labels["features"]["ner_tags"]["feature"]["names"],
        labels["names"]
    );
    assert_eq!(
        labels["features"]["ner_tags"]["feature"]["_type"],
        "ClassLabel"
    );
    let jsonl = std::fs::read_to_string(out.join("tokens.jsonl")).unwrap();
    for fixture in [PARK, EVERY] {
        let (article, a) = load(Path::new(fixture));
        let name = Path::new(&a.article.path).to_str().unwrap().to_owned();
        let mut spans = BTreeSet::new();
        let mut paragraphs = 0;
        for line in jsonl.lines() {
            let r: Value = serde_json::from_str(line).unwrap();
            if r["article"] != name.as_str() {
                continue;
            }
            paragraphs += 1;
            assert_eq!(
                r["id"],
                format!("{name}/{}/{}", a.annotator, r["paragraph"])
            );
            let tokens = r["tokens"].as_array().unwrap();
            let tags = r["ner_tags"].as_array().unwrap();
            let offsets = r["offsets"].as_array().unwrap();
            assert_eq!(tokens.len(), tags.len());
            assert_eq!(tokens.len(), offsets.len());
            let mut open: Option<(String, usize, usize)> = None;
            for ((tok, tag), off) in tokens.iter().zip(tags).zip(offsets) {
                let (s, e) = (n(&off[0]), n(&off[1]));
                assert_eq!(by_cp(&article.text, s, e), tok.as_str().unwrap());
                let tag = names[n(tag)];
                if let Some(label) = tag.strip_prefix("I-") {
                    let span = open.as_mut().expect("I- follows B- or I-");
                    assert_eq!(span.0, label);
                    span.2 = e;
                    continue;
                }
                spans.extend(open.take());
                if let Some(label) = tag.strip_prefix("B-") {
                    open = Some((label.to_owned(), s, e));
                }
            }
            spans.extend(open.take());
        }
        assert_eq!(paragraphs, article.paragraphs.len());
        assert_eq!(spans, fragments(&article, &a), "{fixture}");
    }
}

#[test]
fn hf_keeps_the_outermost_of_nested_mentions_and_reports_the_inner_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    let out = dir.path().join("hf");
    let report = export(&[&file], "hf", &out);
    assert!(
        report.contains(
            "1 x mentions inside or overlapping another (one tag per token: the outermost is kept): e.g. m8 'Ana Ruiz'"
        ),
        "{report}"
    );
    let jsonl = std::fs::read_to_string(out.join("tokens.jsonl")).unwrap();
    let second: Value = serde_json::from_str(jsonl.lines().nth(1).unwrap()).unwrap();
    let tokens: Vec<&str> = second["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let at = tokens.iter().position(|t| *t == "Mayor").unwrap();
    assert_eq!(second["ner_tags"][at], 1, "B-Speaker");
    assert_eq!(second["ner_tags"][at + 1], 2, "I-Speaker, not B-Target");
    assert!(tokens.contains(&"👍🏽") && tokens.contains(&"Zoe\u{301}"));
    for (tok, off) in tokens.iter().zip(second["offsets"].as_array().unwrap()) {
        assert_eq!(by_cp(TRICKY, n(&off[0]), n(&off[1])), *tok);
    }
}

/// Runs of spaces, a tab, a no-break space, leading and trailing whitespace, blank lines, and
/// a Speaker that starts inside a word.
const ODD: &str =
    "  Lead  story:\tthe mayor\u{a0}said \n it is  done.\n\n\nNew  line ends here  \n";

fn odd(dir: &Path) -> PathBuf {
    let article_path = dir.join("odd.txt");
    std::fs::write(&article_path, ODD).unwrap();
    let article = Article::load(&article_path).unwrap();
    let span = |s: &str| {
        let at = ODD.find(s).unwrap();
        Span::new(at, at + s.len())
    };
    let mut a = Annotations::new(
        ArticleRef {
            path: "odd.txt".into(),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "carol",
    );
    a.add_mention("Claim", vec![span("it is  done")]);
    a.add_mention("Speaker", vec![span("ead  story")]);
    let file = dir.join("odd.ann.ron");
    store::session::write_once(&file, &a, &article, None).unwrap();
    file
}

/// A span as spaCy packs it: `>QQQllll`.
#[derive(Debug)]
struct SpanC {
    id: u64,
    kb_id: u64,
    label: u64,
    start: usize,
    end: usize,
    start_char: usize,
    end_char: usize,
}

fn spanc(b: &[u8]) -> SpanC {
    assert_eq!(b.len(), 40);
    let q = |i: usize| u64::from_be_bytes(b[i..i + 8].try_into().unwrap());
    let l =
        |i: usize| usize::try_from(i32::from_be_bytes(b[i..i + 4].try_into().unwrap())).unwrap();
    SpanC {
        id: q(0),
        kb_id: q(8),
        label: q(16),
        start: l(24),
        end: l(28),
        start_char: l(32),
        end_char: l(36),
    }
}

/// A msgpack value from bytes.
fn unpack(bytes: &[u8]) -> rmpv::Value {
    let mut r = bytes;
    let v = rmpv::decode::read_value(&mut r).unwrap();
    assert!(r.is_empty(), "trailing bytes");
    v
}

/// The entry `key` of a msgpack map with string keys.
fn get<'a>(v: &'a rmpv::Value, key: &str) -> &'a rmpv::Value {
    v.as_map()
        .unwrap()
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map_or_else(|| panic!("no {key}"), |(_, v)| v)
}

/// One Doc of a DocBin, decoded.
struct DocBinDoc {
    /// Each token's text, trailing space, ENT_IOB, ENT_TYPE and SENT_START.
    tokens: Vec<(String, bool, u64, u64, u64)>,
    spans: Vec<SpanC>,
    user: rmpv::Value,
}

/// Reads a DocBin as spaCy's `DocBin.from_bytes` and `get_docs` do: every id back to its
/// string, every doc's tokens, span group `sc` and user data.
fn read_docbin(path: &Path) -> (HashMap<u64, String>, Vec<DocBinDoc>) {
    use std::io::Read;

    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut raw)
        .unwrap();
    let msg = unpack(&raw);
    let keys: Vec<&str> = msg
        .as_map()
        .unwrap()
        .iter()
        .map(|(k, _)| k.as_str().unwrap())
        .collect();
    let expected = "version attrs tokens spaces lengths strings cats flags span_groups user_data";
    assert_eq!(keys.join(" "), expected);
    assert_eq!(get(&msg, "version").as_str(), Some("0.1"));
    let attrs: Vec<u64> = get(&msg, "attrs")
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_u64().unwrap())
        .collect();
    assert_eq!(
        attrs,
        [65, 77, 78, 80],
        "ORTH, ENT_IOB, ENT_TYPE, SENT_START"
    );
    let rows: Vec<u64> = get(&msg, "tokens")
        .as_slice()
        .unwrap()
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    let spaces = get(&msg, "spaces").as_slice().unwrap();
    let lengths: Vec<usize> = get(&msg, "lengths")
        .as_slice()
        .unwrap()
        .chunks_exact(4)
        .map(|c| usize::try_from(i32::from_le_bytes(c.try_into().unwrap())).unwrap())
        .collect();
    assert_eq!(rows.len(), 4 * spaces.len());
    assert_eq!(lengths.iter().sum::<usize>(), spaces.len());
    assert!(spaces.iter().all(|&s| s <= 1));
    let strings: HashMap<u64, String> = get(&msg, "strings")
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let s = s.as_str().unwrap();
            (glossator::export::spacy_string_id(s), s.to_owned())
        })
        .collect();
    assert_eq!(strings.get(&0).map(String::as_str), Some(""));
    let list = |key| get(&msg, key).as_array().unwrap();
    for key in ["cats", "flags", "span_groups", "user_data"] {
        assert_eq!(list(key).len(), lengths.len(), "{key}");
    }
    let mut docs = Vec::new();
    let mut row = 0;
    for (n, &len) in lengths.iter().enumerate() {
        let tokens = (row..row + len)
            .map(|i| {
                let word = strings[&rows[4 * i]].clone();
                let [iob, kind, sent] = [1, 2, 3].map(|j| rows[4 * i + j]);
                (word, spaces[i] == 1, iob, kind, sent)
            })
            .collect();
        row += len;
        let outer = unpack(list("span_groups")[n].as_slice().unwrap());
        let [(group, keys)] = outer.as_map().unwrap().as_slice() else {
            panic!("one span group")
        };
        assert_eq!(keys.as_array().unwrap()[0].as_str(), Some("sc"));
        let group = unpack(group.as_slice().unwrap());
        assert_eq!(get(&group, "name").as_str(), Some("sc"));
        let spans = get(&group, "spans")
            .as_array()
            .unwrap()
            .iter()
            .map(|s| spanc(s.as_slice().unwrap()))
            .collect();
        let user = unpack(list("user_data")[n].as_slice().unwrap());
        docs.push(DocBinDoc {
            tokens,
            spans,
            user,
        });
    }
    (strings, docs)
}

/// Token indices, or code points, from and to.
type Range2 = (usize, usize);

/// The doc's text, each token's first and last code point, and its entities as token ranges
/// with their label.
fn doc_layout(doc: &DocBinDoc) -> (String, Vec<Range2>, Vec<(usize, usize, u64)>) {
    let mut text = String::new();
    let mut chars = Vec::new();
    let mut entities: Vec<(usize, usize, u64)> = Vec::new();
    for (i, (word, space, iob, kind, sent)) in doc.tokens.iter().enumerate() {
        assert!(!word.is_empty());
        // 1 starts a sentence, -1 does not: the first token does, whitespace never.
        match (*sent, i == 0) {
            (1, true) | (u64::MAX, false) => {}
            (1, false) => assert!(!word.trim().is_empty(), "a sentence of whitespace"),
            _ => panic!("SENT_START {sent} at {i}"),
        }
        let start = text.chars().count();
        text.push_str(word);
        chars.push((start, start + word.chars().count()));
        match iob {
            3 => entities.push((i, i + 1, *kind)),
            1 => {
                let last = entities.last_mut().unwrap();
                assert_eq!((last.1, last.2), (i, *kind), "I- continues its entity");
                last.1 += 1;
            }
            2 => assert_eq!(*kind, 0),
            _ => panic!("ENT_IOB {iob}"),
        }
        if *space {
            text.push(' ');
        }
    }
    (text, chars, entities)
}

#[test]
fn spacy_docbin_decodes_to_the_articles_tokens_and_every_mention_as_a_span() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        PathBuf::from(PARK),
        PathBuf::from(EVERY),
        tricky(dir.path()),
        odd(dir.path()),
    ];
    let out = dir.path().join("all.spacy");
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let report = export(&paths, "spacy", &out);
    for kind in [
        "1 x discontinuous mentions written as one span per fragment (sharing the mention's id): e.g. m2",
        "1 x mentions overlapping a longer one (in doc.spans[\"sc\"] only, not doc.ents): e.g. m8 Target 'Ana Ruiz'",
        "1 x spans snapped to whole tokens: e.g. m2 'ead  story' -> 'Lead  story'",
        "6 x links (attributions",
    ] {
        assert!(report.contains(kind), "{kind}\n{report}");
    }
    let (strings, docs) = read_docbin(&out);
    assert_eq!(docs.len(), files.len());
    let (mut all_spans, mut all_entities) = (0, 0);
    for (file, doc) in files.iter().zip(&docs) {
        let (article, a) = load(file);
        let text = &article.text;
        let (doc_text, chars, entities) = doc_layout(doc);
        assert_eq!(&doc_text, text, "{}", file.display());
        assert_eq!(
            get(&doc.user, "annotator").as_str(),
            Some(a.annotator.as_str())
        );
        assert_eq!(
            get(&doc.user, "status").as_str(),
            Some(a.status.to_string().as_str())
        );
        let cp = |b| article.offsets.char_of_byte(b).unwrap();
        let mut expected = BTreeSet::new();
        for m in &a.mentions {
            for f in &m.fragments {
                expected.insert((m.id.to_string(), m.label.clone(), cp(f.start), cp(f.end)));
            }
        }
        let mut got = BTreeSet::new();
        for s in &doc.spans {
            assert!(s.start < s.end && s.end <= doc.tokens.len());
            assert_eq!(
                (chars[s.start].0, chars[s.end - 1].1),
                (s.start_char, s.end_char)
            );
            let m = a
                .mentions
                .iter()
                .find(|m| m.id.to_string() == strings[&s.id])
                .unwrap();
            assert_eq!(strings[&s.label], m.label);
            let kb = m
                .entity
                .and_then(|e| a.entities.iter().find(|x| x.id == e))
                .and_then(|e| e.kb.as_deref());
            assert_eq!(kb.map_or(0, glossator::export::spacy_string_id), s.kb_id);
            // A snapped span covers its fragment; the others are it exactly.
            let f = m
                .fragments
                .iter()
                .map(|f| (cp(f.start), cp(f.end)))
                .find(|&(start, end)| s.start_char <= start && end <= s.end_char)
                .unwrap();
            if (s.start_char, s.end_char) != f {
                assert_eq!(by_cp(text, s.start_char, s.end_char), "Lead  story");
            }
            got.insert((m.id.to_string(), m.label.clone(), f.0, f.1));
        }
        assert_eq!(got, expected, "{}", file.display());
        // Every entity is one of the spans.
        for &(start, end, kind) in &entities {
            assert!(
                doc.spans
                    .iter()
                    .any(|s| (s.start, s.end, s.label) == (start, end, kind)),
                "{}: entity {start}..{end}",
                file.display()
            );
        }
        all_spans += doc.spans.len();
        all_entities += entities.len();
    }
    assert_eq!(
        all_spans,
        all_entities + 1,
        "only the nested Target is not an entity"
    );
}

#[test]
fn spacy_docbin_goes_to_a_pipe_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("park.spacy");
    export(&[Path::new(PARK)], "spacy", &file);
    let piped = glossator()
        .args(["export", PARK, "--format", "spacy", "-o", "-"])
        .assert()
        .success();
    assert_eq!(piped.get_output().stdout, std::fs::read(&file).unwrap());
    let (_, docs) = read_docbin(&file);
    assert_eq!(docs.len(), 1);
}

#[test]
fn doccano_spans_slice_back_in_code_points_and_links_need_the_relation_variant() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    let out = dir.path().join("doccano.jsonl");
    let report = export(&[Path::new(PARK), &file], "doccano", &out);
    assert!(
        report.contains("6 x links (sequence labelling has none; use doccano-relations)")
            && report.contains("1 x discontinuous mentions written as one span per fragment"),
        "{report}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for (v, fixture) in lines.iter().zip([PathBuf::from(PARK), file]) {
        let (article, a) = load(&fixture);
        let body = v["text"].as_str().unwrap();
        assert_eq!(body, article.text);
        let got: BTreeSet<(String, usize, usize)> = v["label"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l[2].as_str().unwrap().to_owned(), n(&l[0]), n(&l[1])))
            .collect();
        assert_eq!(got, fragments(&article, &a));
        for (_, s, e) in &got {
            let piece = by_cp(body, *s, *e);
            assert!(
                a.mentions.iter().any(|m| m
                    .fragments
                    .iter()
                    .any(|f| article.text[f.start..f.end] == piece)),
                "{piece}"
            );
        }
    }
}

#[test]
fn w3c_selectors_slice_back_and_links_target_the_annotations_they_join() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    let out = dir.path().join("anno.jsonld");
    let report = export(&[Path::new(EVERY), &file], "w3c", &out);
    assert!(
        report.contains("1 x the file's status (use jsonl): e.g. reviewed"),
        "{report}"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(v["total"], items.len());
    let ids: BTreeSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), items.len(), "ids are unique");
    let (every, a) = load(Path::new(EVERY));
    let count = |m: &str| items.iter().filter(|i| i["motivation"] == m).count();
    assert_eq!(count("tagging"), a.mentions.len() + 8);
    assert_eq!(count("identifying"), a.entities.len());
    assert_eq!(
        count("linking"),
        a.attributions.len() + a.sourcings.len() + a.stances.len() + 1
    );
    assert_eq!(count("commenting"), a.notes.len());
    let mut selected = 0;
    for item in items {
        assert_eq!(item["type"], "Annotation");
        let targets = item["target"].as_array().cloned().unwrap_or_default();
        for t in &targets {
            if let Some(iri) = t.as_str() {
                assert!(ids.contains(iri), "{iri} is an annotation");
                continue;
            }
            let source = t["source"].as_str().unwrap();
            let text = if source == "story.txt" {
                TRICKY
            } else {
                every.text.as_str()
            };
            let pos = &t["selector"][0];
            let quote = &t["selector"][1];
            assert_eq!(pos["type"], "TextPositionSelector");
            assert_eq!(quote["type"], "TextQuoteSelector");
            let (s, e) = (n(&pos["start"]), n(&pos["end"]));
            assert_eq!(by_cp(text, s, e), quote["exact"].as_str().unwrap());
            let prefix = quote["prefix"].as_str().unwrap();
            let suffix = quote["suffix"].as_str().unwrap();
            assert!(by_cp(text, 0, s).ends_with(prefix));
            assert!(by_cp(text, e, text.chars().count()).starts_with(suffix));
            selected += 1;
        }
    }
    assert_eq!(selected, fragments(&every, &a).len() + 8 + 1);
    let attribution = items
        .iter()
        .find(|i| i["id"].as_str().unwrap().ends_with(":bo:a1"))
        .unwrap();
    assert_eq!(attribution["body"][0]["value"], "Attribution");
    let roles: Vec<&str> = attribution["target"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().rsplit(':').next().unwrap())
        .collect();
    assert_eq!(roles, ["m2", "m3", "m4"], "claim, speaker, cue");
    let entity = items
        .iter()
        .find(|i| i["id"].as_str().unwrap().ends_with(":bo:e1"))
        .unwrap();
    assert_eq!(entity["body"][0]["value"], "the minister");
    assert_eq!(entity["body"][3]["value"], "wikidata:Q83307");
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    glossator()
        .args(["export", PARK, "--format", "webanno-2", "-o", "x"])
        .assert()
        .code(2)
        .stderr(contains("invalid value"));
}

fn project(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    glossator().arg("init").arg(&p).assert().success();
    p
}

fn import(format: &str, file: &Path, into: &Path, extra: &[&str]) -> String {
    let assert = glossator()
        .args(["import", format])
        .arg(file)
        .arg("--into")
        .arg(into)
        .args(extra)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

type Frags = Vec<(usize, usize, String)>;

/// What a relation format carries, by text and code points rather than ids: the mentions,
/// and the links with each end as its mention (an entity as its first mention).
#[derive(Debug, PartialEq, Eq)]
struct Carried {
    mentions: BTreeSet<(String, Frags)>,
    attributions: BTreeSet<(Frags, Option<Frags>, Option<Frags>)>,
    sourcings: BTreeSet<(Frags, Frags, String)>,
    stances: BTreeSet<(Frags, Frags, String)>,
}

fn carried(article: &Article, a: &Annotations) -> Carried {
    let cp = |b| article.offsets.char_of_byte(b).unwrap();
    let frags = |id: glossator::model::MentionId| -> Frags {
        a.mention(id)
            .unwrap()
            .fragments
            .iter()
            .map(|f| {
                (
                    cp(f.start),
                    cp(f.end),
                    article.text[f.start..f.end].to_owned(),
                )
            })
            .collect()
    };
    let agent = |x: Agent| match x {
        Agent::Mention(m) => frags(m),
        Agent::Entity(e) => frags(a.mentions.iter().find(|m| m.entity == Some(e)).unwrap().id),
    };
    Carried {
        mentions: a
            .mentions
            .iter()
            .map(|m| (m.label.clone(), frags(m.id)))
            .collect(),
        attributions: a
            .attributions
            .iter()
            .map(|x| (frags(x.claim), x.speaker.map(agent), x.cue.map(frags)))
            .collect(),
        sourcings: a
            .sourcings
            .iter()
            .map(|s| {
                (
                    frags(s.claim),
                    agent(s.source),
                    format!("{:?}", s.specificity),
                )
            })
            .collect(),
        stances: a
            .stances
            .iter()
            .filter_map(|s| {
                let target = match &s.target {
                    glossator::model::Target::Mention(m) => frags(*m),
                    glossator::model::Target::Entity(e) => agent(Agent::Entity(*e)),
                    glossator::model::Target::Text(_) => return None,
                };
                Some((agent(s.holder), target, s.polarity.clone()))
            })
            .collect(),
    }
}

/// Exports the park fixture and the tricky story, imports the output into a fresh project
/// and compares what the format carries.
fn round_trip(format: &str, import_as: &str) {
    let dir = tempfile::tempdir().unwrap();
    let story = tricky(dir.path());
    let out = dir.path().join("out.json");
    export(&[Path::new(PARK), &story], format, &out);
    let p = project(dir.path(), "back");
    let printed = import(import_as, &out, &p, &[]);
    assert!(printed.contains("imported 2 article(s)"), "{printed}");
    for (fixture, name) in [(PathBuf::from(PARK), "park"), (story, "story")] {
        let (article, a) = load(&fixture);
        let back = p.join(format!("annotations/alice/{name}.ann.ron"));
        let (article2, b) = load(&back);
        assert_eq!(article2.text, article.text, "the text comes back whole");
        assert_eq!(
            carried(&article2, &b),
            carried(&article, &a),
            "{format} {name}"
        );
    }
}

#[test]
fn doccano_relations_round_trip_keeps_spans_fragments_and_links() {
    round_trip("doccano-relations", "doccano");
}

#[test]
fn label_studio_round_trip_keeps_spans_fragments_and_links() {
    round_trip("label-studio", "label-studio");
}

#[test]
fn label_studio_tasks_have_labels_and_relation_results_whose_offsets_slice_back() {
    let dir = tempfile::tempdir().unwrap();
    let story = tricky(dir.path());
    let out = dir.path().join("tasks.json");
    export(&[Path::new(PARK), &story], "label-studio", &out);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let tasks = v.as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    for task in tasks {
        let text = task["data"]["text"].as_str().unwrap();
        let result = task["annotations"][0]["result"].as_array().unwrap();
        let regions: BTreeSet<&str> = result
            .iter()
            .filter(|r| r["type"] == "labels")
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        for r in result {
            if r["type"] == "labels" {
                assert_eq!(r["from_name"], "label");
                assert_eq!(r["to_name"], "text");
                let value = &r["value"];
                assert_eq!(
                    by_cp(text, n(&value["start"]), n(&value["end"])),
                    value["text"].as_str().unwrap()
                );
                assert_eq!(value["labels"].as_array().unwrap().len(), 1);
            } else {
                assert_eq!(r["type"], "relation");
                assert_eq!(r["direction"], "right");
                assert!(regions.contains(r["from_id"].as_str().unwrap()));
                assert!(regions.contains(r["to_id"].as_str().unwrap()));
            }
        }
    }
    let story = &tasks[1]["annotations"][0]["result"];
    let fragment = story
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["labels"][0] == "Fragment")
        .unwrap();
    assert_eq!(fragment["from_id"], "m4");
    assert_eq!(fragment["to_id"], "m4.2");
}

#[test]
fn doccano_reads_its_own_pretty_printed_example_and_refuses_offsets_past_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path(), "p");
    let file = dir.path().join("rel.jsonl");
    // doccano's relation example is one object over many lines.
    std::fs::write(
        &file,
        "{\n  \"text\": \"Google was founded by Larry Page.\",\n  \"entities\": [\n    \
         {\"id\": 0, \"start_offset\": 0, \"end_offset\": 6, \"label\": \"ORG\"},\n    \
         {\"id\": 1, \"start_offset\": 22, \"end_offset\": 32, \"label\": \"PERSON\"}\n  ],\n  \
         \"relations\": [{\"id\": 0, \"from_id\": 1, \"to_id\": 0, \"type\": \"founded\"}]\n}\n\
         {\"text\": \"😀 Ana\", \"label\": [[2, 5, \"PERSON\"]]}\n",
    )
    .unwrap();
    let map = dir.path().join("map.ron");
    std::fs::write(
        &map,
        "(labels: {\"PERSON\": \"Speaker\", \"ORG\": \"Source\"})",
    )
    .unwrap();
    let printed = import("doccano", &file, &p, &["--map", map.to_str().unwrap()]);
    assert!(printed.contains("rel.jsonl record 1 -> annotations/doccano/rel-1.ann.ron: 2 mentions; skipped 1 relations of type founded"), "{printed}");
    let (article, a) = load(&p.join("annotations/doccano/rel-2.ann.ron"));
    let m = &a.mentions[0];
    assert_eq!(
        &article.text[m.fragments[0].start..m.fragments[0].end],
        "Ana"
    );
    assert_eq!(m.label, "Speaker");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"text\": \"short\", \"label\": [[2, 9, \"PERSON\"]]}\n",
    )
    .unwrap();
    glossator()
        .args(["import", "doccano"])
        .arg(&bad)
        .arg("--into")
        .arg(&p)
        .assert()
        .code(1)
        .stderr(contains(
            "bad.jsonl record 1: span #0 (2..9) reaches past the end of the text (5 characters)",
        ));
}

#[test]
fn conll_files_import_as_articles_whose_mentions_slice_to_their_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path(), "p");
    let map = dir.path().join("map.ron");
    std::fs::write(
        &map,
        "(labels: {\"PERSON\": \"Speaker\", \"person\": \"Speaker\", \"ORG\": \"Source\", \
         \"location\": \"Target\"})",
    )
    .unwrap();
    let m = ["--map", map.to_str().unwrap()];
    let printed = import(
        "conll",
        Path::new("tests/fixtures/conll/thrun.conll"),
        &p,
        &m,
    );
    assert!(
        printed.contains("annotations/conll/thrun.ann.ron: 4 mentions; skipped"),
        "{printed}"
    );
    let (article, a) = load(&p.join("annotations/conll/thrun.ann.ron"));
    assert!(article.text.starts_with(
        "When Sebastian Thrun started working on self - driving cars at Google in 2007 ,"
    ));
    assert_eq!(article.paragraphs.len(), 2, "a paragraph per sentence");
    let texts: Vec<(&str, &str)> = a
        .mentions
        .iter()
        .map(|m| {
            (
                m.label.as_str(),
                &article.text[m.fragments[0].start..m.fragments[0].end],
            )
        })
        .collect();
    assert_eq!(
        texts,
        [
            ("Speaker", "Sebastian Thrun"),
            ("Source", "Google"),
            ("Speaker", "Thrun"),
            ("Source", "Recode"),
        ]
    );
    let printed = import(
        "conll",
        Path::new("tests/fixtures/conll/wnut17-dev-head.conll"),
        &p,
        &m,
    );
    assert!(
        printed.contains("7 mentions; skipped 1 spans of type creative-work"),
        "{printed}"
    );
    let (article, a) = load(&p.join("annotations/conll/wnut17-dev-head.ann.ron"));
    let source = std::fs::read_to_string("tests/fixtures/conll/wnut17-dev-head.conll").unwrap();
    let tokens: Vec<&str> = source
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|t| !t.is_empty())
        .collect();
    let words: Vec<&str> = article.text.split_whitespace().collect();
    assert_eq!(words, tokens, "the text is the tokens with spaces");
    let spans: Vec<&str> = a
        .mentions
        .iter()
        .map(|m| &article.text[m.fragments[0].start..m.fragments[0].end])
        .collect();
    assert!(spans.contains(&"Redondo Beach Blvd"), "{spans:?}");
}

#[test]
fn glossator_conll_imports_back_at_the_same_code_points() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("park.conll");
    export(&[Path::new(PARK)], "conll", &out);
    let p = project(dir.path(), "p");
    let printed = import("conll", &out, &p, &[]);
    assert!(
        printed.contains("annotations/alice/park.ann.ron: 14 mentions"),
        "{printed}"
    );
    let (article, a) = load(Path::new(PARK));
    let (back, b) = load(&p.join("annotations/alice/park.ann.ron"));
    assert_eq!(back.char_count(), article.char_count());
    assert_eq!(fragments(&back, &b), fragments(&article, &a));
    for m in &b.mentions {
        let original = a
            .mentions
            .iter()
            .find(|x| x.label == m.label && x.fragments == m.fragments)
            .expect("the same bytes, as the text before it is the same length");
        assert_eq!(m.words(&back.text, " "), original.words(&article.text, " "));
    }
}

/// A WebAnno TSV document read back the way INCEpTION reads it.
#[derive(Debug, Default)]
struct Tsv {
    /// The text rebuilt from the `#Text=` lines and the offsets, in UTF-16 units.
    text: Vec<u16>,
    /// (label, begin, end) in UTF-16 units, with the disambiguation id if any.
    spans: Vec<(String, usize, usize, Option<usize>)>,
    /// (label, source span, target span), spans by index.
    relations: Vec<(String, usize, usize)>,
    /// Spans by disambiguation id.
    by_id: BTreeMap<usize, usize>,
    /// (sentence, token) -> (begin, end, the spans on it).
    units: BTreeMap<(usize, usize), (usize, usize, Vec<usize>)>,
}

impl Tsv {
    /// The span column of a token at `unit`, from `b` to `e`: the spans on it, a span with
    /// an id seen on the token before extended to this one.
    fn read_spans(&mut self, unit: (usize, usize), b: usize, e: usize, col: &str) -> Vec<usize> {
        let mut here = Vec::new();
        if col == "_" {
            return here;
        }
        let stack = tsv_stack(col);
        for v in &stack {
            let (label, id) = tsv_suffix(v);
            let label = tsv_unescape(label, true);
            let id = id.map(|i| i.parse::<usize>().unwrap());
            assert!(
                stack.len() == 1 || id.is_some(),
                "stacked spans have ids: {col}"
            );
            let k = if let Some(&k) = id.and_then(|i| self.by_id.get(&i)) {
                let span = &mut self.spans[k];
                assert_eq!(span.0, label, "one id, one label");
                let prev = self.units.range(..unit).next_back().unwrap();
                assert!(prev.1.2.contains(&k), "an id runs on adjacent tokens");
                span.2 = e;
                k
            } else {
                self.spans.push((label, b, e, id));
                if let Some(i) = id {
                    self.by_id.insert(i, self.spans.len() - 1);
                }
                self.spans.len() - 1
            };
            here.push(k);
        }
        here
    }

    /// The span a relation names at `unit`: by its id, else the one span there.
    fn resolve(&self, unit: (usize, usize), id: usize) -> usize {
        let here = &self.units[&unit].2;
        if id > 0 {
            let k = self.by_id[&id];
            assert!(here.contains(&k), "the id names a span on that token");
            k
        } else {
            assert_eq!(here.len(), 1, "no id: the one span on the token");
            here[0]
        }
    }
}

fn tsv_unescape(s: &str, value: bool) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let next = chars.next().expect("a backslash escapes something");
        match next {
            't' => out.push('\t'),
            'n' => out.push('\n'),
            'f' if !value => out.push('\u{c}'),
            'r' if !value => out.push('\r'),
            'b' if !value => out.push('\u{8}'),
            '-' if value => {
                assert_eq!(chars.next(), Some('>'), "only -> is escaped after a -");
                out.push_str("->");
            }
            '\\' => out.push('\\'),
            '[' | ']' | '|' | '_' | ';' | '*' if value => out.push(next),
            c if !value && (c as u32) < 32 => out.push(c),
            other => panic!("unknown escape \\{other} in {s:?}"),
        }
    }
    out
}

/// Splits at the `|` that are not escaped.
fn tsv_stack(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = out.last_mut().unwrap();
                last.push(c);
                last.push(chars.next().unwrap());
            }
            '|' => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// `value[3]` -> (`value`, Some(3)); `1-2[3_0]` -> (`1-2`, "3_0").
fn tsv_suffix(s: &str) -> (&str, Option<&str>) {
    if s.ends_with(']') && !s.ends_with("\\]") {
        let at = s.rfind('[').unwrap();
        (&s[..at], Some(&s[at + 1..s.len() - 1]))
    } else {
        (s, None)
    }
}

/// Reads a TSV file, checking its structure on the way: the header and its two empty lines,
/// one empty line between sentences and none at the end, numbered tokens whose offsets
/// slice the rebuilt text to the token, ids that name one span of one label on adjacent
/// tokens, relations whose ends are spans on the tokens they name.
fn read_tsv(tsv: &str) -> Tsv {
    let span_layer = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";
    let header = format!(
        "#FORMAT=WebAnno TSV 3.3\n#T_SP={span_layer}|value\n\
         #T_RL=webanno.custom.Link|label|BT_{span_layer}\n\n\n"
    );
    let body = tsv
        .strip_prefix(&header)
        .expect("the header, then two empty lines");
    assert!(body.starts_with("#Text="), "{body}");
    assert!(
        body.ends_with('\n') && !body.ends_with("\n\n"),
        "no empty line at the end"
    );
    let mut doc = Tsv::default();
    let mut pending = Vec::new();
    for (s, block) in body.trim_end_matches('\n').split("\n\n").enumerate() {
        let mut sentence = String::new();
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next_if(|l| l.starts_with('#')) {
            let t = line
                .strip_prefix("#Text=")
                .expect("only #Text= in a sentence header");
            sentence.push_str(&tsv_unescape(t, false));
            sentence.push('\n');
        }
        let mut begun = false;
        let mut last_end = 0;
        for (n, line) in lines.enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 6, "{line}");
            assert_eq!(cols[0], format!("{}-{}", s + 1, n + 1));
            let (b, e) = cols[1].split_once('-').unwrap();
            let (b, e): (usize, usize) = (b.parse().unwrap(), e.parse().unwrap());
            if !begun {
                // INCEpTION's reader: drop the line break when the sentences touch, pad
                // with spaces to the first token.
                if doc.text.len() > b {
                    assert_eq!(doc.text.len(), b + 1);
                    doc.text.pop();
                }
                doc.text.resize(b.max(doc.text.len()), u16::from(b' '));
                assert_eq!(doc.text.len(), b);
                doc.text.extend(sentence.encode_utf16());
                begun = true;
            }
            assert!(b >= last_end && e > b, "{line}");
            last_end = e;
            let token = String::from_utf16(&doc.text[b..e]).unwrap();
            assert_eq!(token, tsv_unescape(cols[2], false), "{line}");
            let here = doc.read_spans((s + 1, n + 1), b, e, cols[3]);
            doc.units.insert((s + 1, n + 1), (b, e, here));
            if cols[4] == "_" {
                assert_eq!(cols[5], "_");
            } else {
                let labels = tsv_stack(cols[4]);
                let sources = tsv_stack(cols[5]);
                assert_eq!(labels.len(), sources.len(), "{line}");
                for (l, src) in labels.iter().zip(sources) {
                    pending.push((tsv_unescape(l, true), src, (s + 1, n + 1)));
                }
            }
        }
        assert_eq!(
            doc.text.len(),
            last_end + 1,
            "the #Text= lines are the sentence, from its first token to its last"
        );
    }
    for (label, src, target) in pending {
        let (at, ids) = tsv_suffix(&src);
        let (a, b) = ids.map_or((0, 0), |ids| {
            let (a, b) = ids.split_once('_').unwrap();
            (a.parse().unwrap(), b.parse().unwrap())
        });
        let (ss, st) = at.split_once('-').unwrap();
        let source = doc.resolve((ss.parse().unwrap(), st.parse().unwrap()), a);
        let target = doc.resolve(target, b);
        doc.relations.push((label, source, target));
    }
    doc
}

type Tspan = (String, usize, usize);

/// What WebAnno TSV carries, in UTF-16 units: every fragment as a span, and the links and
/// fragment joins as relations between first fragments (an entity as its first mention).
fn webanno_carries(
    article: &Article,
    a: &Annotations,
) -> (BTreeSet<Tspan>, BTreeSet<(String, Tspan, Tspan)>) {
    let u = |b: usize| article.text[..b].encode_utf16().count();
    let frag = |id: glossator::model::MentionId, i: usize| -> Tspan {
        let m = a.mention(id).unwrap();
        let f = m.fragments[i];
        (m.label.clone(), u(f.start), u(f.end))
    };
    let agent = |x: Agent| match x {
        Agent::Mention(m) => frag(m, 0),
        Agent::Entity(e) => frag(
            a.mentions.iter().find(|m| m.entity == Some(e)).unwrap().id,
            0,
        ),
    };
    let spans = a
        .mentions
        .iter()
        .flat_map(|m| (0..m.fragments.len()).map(move |i| (m.id, i)))
        .map(|(id, i)| frag(id, i))
        .collect();
    let mut rels = BTreeSet::new();
    for x in &a.attributions {
        if let Some(speaker) = x.speaker {
            rels.insert(("Attribution".into(), agent(speaker), frag(x.claim, 0)));
        }
        if let Some(c) = x.cue {
            rels.insert(("Cue".into(), frag(c, 0), frag(x.claim, 0)));
        }
        for m in &x.more {
            rels.insert(("Content".into(), frag(x.claim, 0), frag(*m, 0)));
        }
    }
    for s in &a.sourcings {
        let kind = s
            .specificity
            .map_or_else(|| "Sourcing".to_owned(), |x| format!("Sourcing_{x:?}"));
        rels.insert((kind, frag(s.claim, 0), agent(s.source)));
    }
    for s in &a.stances {
        let target = match &s.target {
            glossator::model::Target::Mention(m) => frag(*m, 0),
            glossator::model::Target::Entity(e) => agent(Agent::Entity(*e)),
            glossator::model::Target::Text(_) => continue,
        };
        rels.insert((format!("Stance_{}", s.polarity), agent(s.holder), target));
    }
    for m in &a.mentions {
        for i in 1..m.fragments.len() {
            rels.insert(("Fragment".into(), frag(m.id, 0), frag(m.id, i)));
        }
    }
    (spans, rels)
}

/// Checks a TSV file against its annotation file: the text slices back and every span and
/// relation is there, as many times as the annotations have them.
fn check_webanno(tsv: &str, fixture: &Path) {
    let (article, a) = load(fixture);
    let doc = read_tsv(tsv);
    let text: Vec<u16> = article.text.encode_utf16().collect();
    for (label, b, e, _) in &doc.spans {
        assert!(*e <= text.len(), "{label} {b}-{e}");
    }
    // Every rebuilt character inside a sentence is the article's.
    for (i, c) in doc.text.iter().enumerate() {
        if *c != u16::from(b' ') && *c != u16::from(b'\n') {
            assert_eq!(*c, text[i], "UTF-16 unit {i}");
        }
    }
    let spans: Vec<Tspan> = doc
        .spans
        .iter()
        .map(|(l, b, e, _)| (l.clone(), *b, *e))
        .collect();
    let rels: Vec<(String, Tspan, Tspan)> = doc
        .relations
        .iter()
        .map(|(l, s, t)| (l.clone(), spans[*s].clone(), spans[*t].clone()))
        .collect();
    let (want_spans, want_rels) = webanno_carries(&article, &a);
    assert_eq!(
        spans.iter().cloned().collect::<BTreeSet<_>>(),
        want_spans,
        "{}",
        fixture.display()
    );
    assert_eq!(
        spans.len(),
        a.mentions.iter().map(|m| m.fragments.len()).sum::<usize>()
    );
    assert_eq!(
        rels.iter().cloned().collect::<BTreeSet<_>>(),
        want_rels,
        "{}",
        fixture.display()
    );
    assert_eq!(rels.len(), want_rels.len(), "no link written twice");
    for (label, b, e) in &spans {
        let piece = String::from_utf16(&text[*b..*e]).unwrap();
        assert!(
            a.mentions.iter().any(|m| m.label == *label
                && m.fragments
                    .iter()
                    .any(|f| article.text[f.start..f.end] == piece)),
            "{label} {piece}"
        );
    }
}

#[test]
fn webanno_tsv_reads_back_as_the_mentions_and_links_in_utf16_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("webanno");
    let report = export(&[Path::new(PARK), Path::new(EVERY)], "webanno", &out);
    assert!(!report.contains("snapped"), "{report}");
    assert!(report.contains("1 x stances on free text"), "{report}");
    assert!(
        report.contains("2 x entities (webanno writes no coreference"),
        "{report}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["every_field.tsv", "park.tsv"]);
    let every = std::fs::read_to_string(out.join("every_field.tsv")).unwrap();
    // A relation name with a reserved character, and a target with a disambiguation id.
    assert!(every.contains("\tSourcing\\_Named|"), "{every}");
    assert!(every.contains("\tClaim[1]\tAttribution|Cue\t"), "{every}");
    for (file, fixture) in [("park.tsv", PARK), ("every_field.tsv", EVERY)] {
        let tsv = std::fs::read_to_string(out.join(file)).unwrap();
        check_webanno(&tsv, Path::new(fixture));
    }
}

#[test]
fn webanno_offsets_count_astral_characters_twice_and_nested_mentions_stack() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    let out = dir.path().join("story.tsv");
    let report = export(&[&file], "webanno", &out);
    assert!(!report.contains("snapped"), "{report}");
    let tsv = std::fs::read_to_string(&out).unwrap();
    check_webanno(&tsv, &file);
    // 👍🏽 is two astral characters: four UTF-16 units.
    let thumbs = tsv.lines().find(|l| l.contains("\t👍🏽\t")).unwrap();
    let (b, e) = thumbs.split('\t').nth(1).unwrap().split_once('-').unwrap();
    assert_eq!(e.parse::<usize>().unwrap() - b.parse::<usize>().unwrap(), 4);
    let at = TRICKY.find("👍🏽").unwrap();
    assert_eq!(
        b.parse::<usize>().unwrap(),
        TRICKY[..at].encode_utf16().count()
    );
    // "Ana Ruiz" inside "Mayor Ana Ruiz": two spans stacked, both with ids.
    let ana = tsv.lines().find(|l| l.contains("\tAna\t")).unwrap();
    let stacked = ana.split('\t').nth(3).unwrap();
    assert!(
        stacked.split('|').count() == 2 && stacked.matches('[').count() == 2,
        "{ana}"
    );
}

#[test]
fn webanno_escapes_text_and_writes_one_article_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Ana said C:\\temp [a|b] *x* -> y_z.\n\nShe left;\n😊 ok.\n";
    let article_path = dir.path().join("esc.txt");
    std::fs::write(&article_path, text).unwrap();
    let article = Article::load(&article_path).unwrap();
    let t = &article.text;
    let span = |s: &str| {
        let at = t.find(s).unwrap();
        Span::new(at, at + s.len())
    };
    let mut a = Annotations::new(
        ArticleRef {
            path: "esc.txt".into(),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "alice",
    );
    let speaker = a.add_mention("Speaker", vec![span("Ana")]);
    let claim = a.add_mention("Claim", vec![span("C:\\temp [a|b] *x*"), span("ok")]);
    a.attribute(claim, Some(Agent::Mention(speaker)), None);
    // A mention over a line break keeps its sentence whole, over two #Text= lines.
    a.add_mention("Target", vec![span("left;\n😊")]);
    let file = dir.path().join("esc.ann.ron");
    store::session::write_once(&file, &a, &article, None).unwrap();
    let assert = glossator()
        .args(["export", "--format", "webanno", "-o", "-"])
        .arg(&file)
        .assert()
        .success();
    let tsv = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        tsv.contains("#Text=Ana said C:\\\\temp [a|b] *x* -> y_z."),
        "text escapes only the backslash and control characters: {tsv}"
    );
    assert!(
        tsv.contains("#Text=She left;\n#Text=😊 ok.\n2-1\t"),
        "{tsv}"
    );
    check_webanno(&tsv, &file);
    // Two articles cannot share a file.
    glossator()
        .args(["export", PARK, EVERY, "--format", "webanno", "-o"])
        .arg(dir.path().join("both.tsv"))
        .assert()
        .failure()
        .stderr(contains("name a folder with -o"));
    assert!(!dir.path().join("both.tsv").exists());
}

const EVERY_V2: &str = "tests/fixtures/v2/every_field.ann.ron";

#[test]
fn jsonl_writes_an_attribution_with_no_speaker_as_null_and_further_contents_in_more() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    export(&[Path::new(EVERY_V2)], "jsonl", &out);
    let line: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let by_id = |id: &str| {
        line["attributions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        by_id("a3"),
        serde_json::json!({"id": "a3", "claim": "m9", "more": [], "speaker": null, "cue": "m8"})
    );
    assert_eq!(
        by_id("a4"),
        serde_json::json!({"id": "a4", "claim": "m12", "more": ["m13"], "speaker": "m10", "cue": "m11"})
    );
    assert_eq!(by_id("a1")["speaker"], "m3");
}

#[test]
fn claims_csv_gives_each_content_its_row_and_leaves_a_missing_speaker_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("claims.csv");
    export(&[Path::new(EVERY_V2)], "claims-csv", &out);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header.last().map(String::as_str), Some("attribution"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |claim: &str| rows.iter().find(|r| &r[col("claim_id")] == claim).unwrap();
    let reported = row("m9");
    assert_eq!(&reported[col("claim_text")], "the talks would go on");
    assert_eq!(&reported[col("speaker")], "");
    assert_eq!(&reported[col("speaker_start")], "");
    assert_eq!(&reported[col("cue")], "reported");
    assert_eq!(&reported[col("attribution")], "a3");
    for claim in ["m12", "m13"] {
        let r = row(claim);
        assert_eq!(&r[col("speaker")], "Officials", "{claim}");
        assert_eq!(&r[col("cue")], "said", "{claim}");
        assert_eq!(
            &r[col("attribution")],
            "a4",
            "{claim}: one attribution, two contents"
        );
    }
    assert_eq!(&row("m2")[col("attribution")], "a1");
}

#[test]
fn relations_carry_an_attribution_with_no_speaker_and_its_second_content_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    export(&[Path::new(EVERY_V2)], "doccano-relations", &out);
    let p = project(dir.path(), "back");
    import("doccano", &out, &p, &[]);
    let (_, a) = load(Path::new(EVERY_V2));
    let (_, b) = load(&p.join("annotations/bo/every_field.ann.ron"));
    let shape = |x: &Annotations| {
        let words = |m| x.mention(m).map(|m| m.fragments.clone());
        let mut out: Vec<_> = x
            .attributions
            .iter()
            .filter(|at| at.speaker.is_none() || !at.more.is_empty())
            .map(|at| {
                (
                    words(at.claim),
                    at.more.iter().map(|m| words(*m)).collect::<Vec<_>>(),
                    at.speaker.is_some(),
                    at.cue.map(words),
                )
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(shape(&b), shape(&a));
    assert_eq!(shape(&a).len(), 2);
}
