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
