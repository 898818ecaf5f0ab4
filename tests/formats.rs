//! The exchange formats of other tools (Hugging Face token classification, doccano, Label
//! Studio, W3C Web Annotation, WebAnno TSV, CoNLL import): the committed fixtures exported,
//! each output's structure checked, every offset sliced back to the mention's text in the
//! format's own unit, and, for formats that import, a round trip into a fresh project that
//! brings back what the format can carry, field by field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
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
    let article = Article::load(&file.with_file_name(&parsed.file.article.path)).unwrap();
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
    a.attribute(claim, Agent::Mention(speaker), Some(cue));
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
                    let o = open.as_mut().expect("I- follows B- or I-");
                    assert_eq!(o.0, label);
                    o.2 = e;
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
