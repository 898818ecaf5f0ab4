//! Export and import as a data scientist uses them: every format's offsets slice the text
//! back to each mention (by code point, UTF-16 unit and byte), the CSV loads in a real CSV
//! reader, JSONL field by field, brat round trips, and bad brat input is refused by line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::too_many_lines)]

mod brat_rules;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use glossator::model::{
    Agent, Annotations, AnyId, ArticleRef, EntityId, MentionId, Span, Specificity, Status, Target,
};
use glossator::store;
use glossator::text::Article;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

fn glossator() -> Command {
    let mut cmd = Command::cargo_bin("glossator").unwrap();
    cmd.env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .env_remove("GLOSSATOR_ANNOTATOR");
    cmd
}

/// Curly quotes, an emoji ZWJ sequence, an emoji with a skin tone, CJK, combining marks.
const TRICKY: &str = "“Grüße,” said José — 👩‍💻 the coder — in Zürich.\n\n\
                      中文新闻说：“好。” Zoe\u{301} agreed 👍🏽 and left.\n";

/// A story with mentions over the awkward characters, one of them discontinuous.
fn tricky(dir: &Path) -> PathBuf {
    let article_path = dir.join("story.txt");
    std::fs::write(&article_path, TRICKY).unwrap();
    let article = Article::load(&article_path).unwrap();
    let t = &article.text;
    let at = |s: &str| t.find(s).unwrap();
    let span = |s: &str| Span::new(at(s), at(s) + s.len());
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
    let second = a.add_mention("Claim", vec![span("中文新闻说"), span("好")]);
    let zoe = a.add_mention("Speaker", vec![span("Zoe\u{301}")]);
    // José's stance on a topic and Zoé's on the second claim.
    a.add_stance(
        Agent::Mention(speaker),
        Target::Text("coding".into()),
        "support",
    );
    a.add_stance(Agent::Mention(zoe), Target::Mention(second), "deny");
    a.add_mention("Target", vec![span("👍🏽")]);
    let e = a.add_entity("Person", "José", true);
    a.mention_mut(speaker).unwrap().entity = Some(e);
    a.mention_mut(zoe).unwrap().entity = Some(e);
    a.attribute(claim, Some(Agent::Mention(speaker)), Some(cue));
    a.mention_mut(claim)
        .unwrap()
        .attrs
        .insert("quote_type".into(), "direct".into());
    let file = dir.join("story.ann.ron");
    store::session::write_once(&file, &a, &article, None).unwrap();
    file
}

/// Python's `text[start:end]` by code points.
fn by_cp(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn export(file: &Path, format: &str, out: &Path, extra: &[&str]) -> String {
    let assert = glossator()
        .arg("export")
        .arg(file)
        .args(["--format", format, "-o"])
        .arg(out)
        .args(extra)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn jsonl_offsets_slice_back_to_each_mention_in_code_points_utf16_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    for (extra, field) in [
        (None, None),
        (Some("utf16"), Some("fragments_utf16")),
        (Some("bytes"), Some("fragments_bytes")),
    ] {
        let out = dir.path().join("out.jsonl");
        let args: Vec<&str> = extra.map(|e| vec!["--offsets", e]).unwrap_or_default();
        let report = export(&file, "jsonl", &out, &args);
        assert!(report.contains("lossless"), "{report}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(text.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(v["article"], "story.txt");
        assert_eq!(v["annotator"], "alice");
        assert_eq!(v["status"], "todo");
        assert_eq!(v["sha256"].as_str().unwrap().len(), 64);
        let body = v["text"].as_str().unwrap();
        assert_eq!(body, TRICKY);
        let mentions = v["mentions"].as_array().unwrap();
        assert_eq!(mentions.len(), 6);
        for m in mentions {
            let expected = m["text"].as_str().unwrap();
            let pieces: Vec<String> = m["fragments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    let (s, e) = (f[0].as_u64().unwrap(), f[1].as_u64().unwrap());
                    by_cp(
                        body,
                        usize::try_from(s).unwrap(),
                        usize::try_from(e).unwrap(),
                    )
                })
                .collect();
            assert_eq!(pieces.join(" … "), expected);
            if let Some(field) = field {
                let units: Vec<u16> = body.encode_utf16().collect();
                let pieces: Vec<String> = m[field]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| {
                        let s = usize::try_from(f[0].as_u64().unwrap()).unwrap();
                        let e = usize::try_from(f[1].as_u64().unwrap()).unwrap();
                        if field == "fragments_utf16" {
                            String::from_utf16(&units[s..e]).unwrap()
                        } else {
                            body[s..e].to_owned()
                        }
                    })
                    .collect();
                assert_eq!(pieces.join(" … "), expected, "{field}");
            } else {
                assert!(m.get("fragments_utf16").is_none());
            }
        }
        let claim = &mentions[0];
        assert_eq!(claim["label"], "Claim");
        assert_eq!(claim["attrs"]["quote_type"], "direct");
        assert_eq!(v["entities"][0]["name"], "José");
        assert_eq!(v["entities"][0]["kind"], "Person");
        assert_eq!(v["attributions"][0]["claim"], claim["id"]);
        assert_eq!(v["attributions"][0]["speaker"], "m2");
        assert_eq!(v["attributions"][0]["cue"], "m3");
    }
}

#[test]
fn the_claims_csv_loads_in_a_csv_reader_and_its_fragments_slice_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    let out = dir.path().join("claims.csv");
    export(&file, "claims-csv", &out, &[]);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "article");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(col("speaker"), 8);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "one row per claim");
    let first = &rows[0];
    assert_eq!(&first[2], "m1");
    assert_eq!(&first[3], "Grüße");
    assert_eq!(&first[7], "direct");
    assert_eq!(&first[col("speaker")], "José", "the speaker's entity name");
    assert_eq!(&first[col("speaker_kind")], "Person");
    assert_eq!(&first[col("cue")], "said");
    let slice = |row: &csv::StringRecord, what: &str| {
        by_cp(
            TRICKY,
            row[col(&format!("{what}_start"))].parse().unwrap(),
            row[col(&format!("{what}_end"))].parse().unwrap(),
        )
    };
    assert_eq!(slice(first, "speaker"), "José — 👩‍💻");
    assert_eq!(slice(first, "cue"), "said");
    // A stance is on the claim it targets, never copied from its holder's other stances.
    assert_eq!(
        &first[col("stance_polarity")],
        "",
        "José's stance is on a topic"
    );
    assert_eq!(&first[col("stance_target")], "");
    let second = &rows[1];
    assert_eq!(&second[col("stance_polarity")], "deny");
    assert_eq!(
        &second[col("stance_holder")],
        "José",
        "Zoé is the entity José"
    );
    assert_eq!(
        &second[col("speaker_start")],
        "",
        "the second claim has no speaker"
    );
    for row in &rows {
        let pieces: Vec<String> = row[6]
            .split(';')
            .map(|f| {
                let (s, e) = f.split_once('-').unwrap();
                by_cp(TRICKY, s.parse().unwrap(), e.parse().unwrap())
            })
            .collect();
        assert_eq!(pieces.join(" … "), &row[3]);
        let (s, e): (usize, usize) = (row[4].parse().unwrap(), row[5].parse().unwrap());
        assert!(by_cp(TRICKY, s, e).starts_with(&pieces[0]));
    }
}

#[test]
fn conll_tokens_and_brat_spans_slice_back_and_losses_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    let out = dir.path().join("out.conll");
    let report = export(&file, "conll", &out, &[]);
    assert!(
        report.contains("1 x discontinuous mentions written as separate spans"),
        "{report}"
    );
    let conll = std::fs::read_to_string(&out).unwrap();
    let mut tagged = 0;
    for line in conll
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 8, "{line}");
        assert_eq!(
            by_cp(TRICKY, cols[1].parse().unwrap(), cols[2].parse().unwrap()),
            cols[0]
        );
        tagged += cols[3..].iter().filter(|c| **c != "O").count();
    }
    assert!(conll.contains("👩‍💻\t"), "the ZWJ sequence is one token");
    assert!(
        conll.contains("Zoe\u{301}\t"),
        "the combining mark stays on its letter"
    );
    assert!(tagged >= 8, "{conll}");

    let brat = dir.path().join("brat");
    let loss = dir.path().join("loss.json");
    let report = export(&file, "brat", &brat, &["--report", loss.to_str().unwrap()]);
    assert!(report.contains("lossless"), "{report}");
    let txt = std::fs::read_to_string(brat.join("story.txt")).unwrap();
    let ann = std::fs::read_to_string(brat.join("story.ann")).unwrap();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (_, offsets) = cols[1].split_once(' ').unwrap();
        let pieces: Vec<String> = offsets
            .split(';')
            .map(|f| {
                let (s, e) = f.split_once(' ').unwrap();
                by_cp(&txt, s.parse().unwrap(), e.parse().unwrap())
            })
            .collect();
        assert_eq!(pieces.join(" "), cols[2], "{line}");
    }
    assert!(
        ann.contains("E1\tAttribution:T7 Content:T1 Cue:T2 Source:T3"),
        "{ann}"
    );
    assert!(ann.contains("*\tEquiv T3 T5"), "{ann}");
    assert!(brat.join("annotation.conf").is_file());
    assert!(brat.join("visual.conf").is_file());
}

#[test]
fn the_loss_report_is_written_as_json_and_filters_choose_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    let report = dir.path().join("loss.json");
    let out = dir.path().join("x.conll");
    glossator()
        .arg("export")
        .arg(&file)
        .args(["--format", "conll", "-o"])
        .arg(&out)
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let counts = &v["articles"]["story.txt (alice)"]["counts"];
    assert_eq!(counts["entities (use jsonl or brat)"], 1);
    assert_eq!(
        counts["links (attributions, sourcings, stances; use jsonl or brat)"],
        3
    );
    glossator()
        .arg("export")
        .arg(&file)
        .args(["--format", "jsonl", "--status", "done", "-o"])
        .arg(dir.path().join("none.jsonl"))
        .assert()
        .code(1)
        .stderr(contains("no annotation files matched"));
    glossator()
        .arg("export")
        .arg(&file)
        .args(["--annotator", "bob", "--format", "jsonl", "-o"])
        .arg(dir.path().join("none.jsonl"))
        .assert()
        .code(1);
    glossator()
        .arg("export")
        .arg(&file)
        .args(["--format", "conll", "--offsets", "utf16", "-o"])
        .arg(dir.path().join("x.conll"))
        .assert()
        .code(2)
        .stderr(contains("--offsets applies to --format jsonl only"));
}

fn project(dir: &Path) -> PathBuf {
    let p = dir.join("corpus");
    glossator().arg("init").arg(&p).assert().success();
    p
}

fn import(dir: &Path, into: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    glossator()
        .args(["import", "brat"])
        .arg(dir)
        .arg("--into")
        .arg(into)
        .args(extra)
        .assert()
}

#[test]
fn a_polnear_style_file_imports_with_its_discontinuous_content_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    import(Path::new("tests/fixtures/brat/polnear-style"), &p, &[])
        .success()
        .stdout(contains("mapping: polnear"))
        .stdout(contains("4 attributions, 1 flags as notes, 12 mentions"))
        .stdout(contains("Attribution-no-source").not())
        .stdout(contains("skipped").not());
    let file = p.join("annotations/a1/council.ann.ron");
    let parsed = store::read(&file).unwrap();
    let article = Article::load(&p.join("articles/council.txt")).unwrap();
    let (a, problems) = parsed.resolve(&article);
    assert_eq!(problems, vec![]);
    let claim = a
        .mentions
        .iter()
        .find(|m| m.fragments.len() == 2)
        .expect("the discontinuous content");
    assert_eq!(claim.label, "Claim");
    let text: Vec<&str> = claim
        .fragments
        .iter()
        .map(|f| &article.text[f.start..f.end])
        .collect();
    assert_eq!(
        text,
        ["We will build the park", "we will build it this year"]
    );
    let at = a.attributions.iter().find(|x| x.claim == claim.id).unwrap();
    let speaker = match at.speaker {
        Some(Agent::Mention(m)) => a.mention(m).unwrap(),
        _ => panic!("a mention"),
    };
    assert_eq!(speaker.label, "Speaker");
    // `Attribution-no-source`: the claim and cue, and no speaker.
    let words = |m: MentionId| a.mention(m).unwrap().words(&article.text, " ");
    let passive = a.attributions.iter().find(|x| x.speaker.is_none()).unwrap();
    assert_eq!(words(passive.claim), "It will not");
    assert_eq!(passive.cue.map(words).as_deref(), Some("said"));
    // `Content2`: a second content of the same attribution.
    let two = a.attributions.iter().find(|x| !x.more.is_empty()).unwrap();
    assert_eq!(words(two.claim), "The council will vote on Friday");
    assert_eq!(words(two.more[0]), "the work would start in May");
    assert_eq!(two.speaker.map(|s| s.to_string()).as_deref(), Some("m10"));
    // A `Discuss` flag is a note on the attribution whose content it covers.
    let critics = a
        .attributions
        .iter()
        .find(|x| words(x.claim) == "the plan was too expensive")
        .unwrap();
    assert_eq!(
        a.note(Some(AnyId::Attribution(critics.id))),
        Some("Discuss: “Critics said the plan was too expensive”")
    );
    // Both go out to brat as PolNeAR writes them, and come back the same.
    let out = dir.path().join("out");
    export(&file, "brat", &out, &[]);
    let ann = std::fs::read_to_string(out.join("council.ann")).unwrap();
    let no_source = ann
        .lines()
        .find(|l| l.contains("\tAttribution-no-source:"))
        .expect("an Attribution-no-source event");
    assert!(
        no_source.contains(" Content:T") && no_source.contains(" Cue:T"),
        "{ann}"
    );
    assert!(!no_source.contains("Source:"), "{ann}");
    assert!(
        ann.lines()
            .any(|l| l.starts_with('E') && l.contains(" Content2:T") && l.contains(" Source:T")),
        "{ann}"
    );
    let again_p = dir.path().join("again");
    glossator().arg("init").arg(&again_p).assert().success();
    import(&out, &again_p, &[]).success();
    let again = store::read(&again_p.join("annotations/a1/council.ann.ron")).unwrap();
    let (back, problems) = again.resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(canonical(&back), canonical(&a));
    // The same events without glossator's manifest: brat alone carries them.
    std::fs::remove_file(out.join("glossator-brat.json")).unwrap();
    let bare_p = dir.path().join("bare");
    glossator().arg("init").arg(&bare_p).assert().success();
    import(&out, &bare_p, &[]).success();
    let bare = store::read(&bare_p.join("annotations/brat/council.ann.ron"))
        .or_else(|_| store::read(&bare_p.join("annotations/a1/council.ann.ron")))
        .unwrap();
    let (bare_a, problems) = bare.resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(
        canonical(&bare_a)["attributions"],
        canonical(&a)["attributions"]
    );
    // A second import leaves the first file alone and says so.
    let before = std::fs::read(&file).unwrap();
    import(Path::new("tests/fixtures/brat/polnear-style"), &p, &[])
        .code(1)
        .stderr(contains("exists already and was left as it is"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn every_brat_tutorial_file_imports_and_a_mapping_brings_entities_and_references() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    import(Path::new("tests/fixtures/brat/tutorial-news"), &p, &[])
        .success()
        .stdout(contains("mapping: identity"))
        .stdout(contains("imported 13 file(s)"));
    let map = dir.path().join("map.ron");
    std::fs::write(
        &map,
        "(labels: {\"Person\": \"Speaker\", \"Organization\": \"Source\", \"GPE\": \"Target\"})",
    )
    .unwrap();
    let p2 = dir.path().join("mapped");
    glossator().arg("init").arg(&p2).assert().success();
    import(
        Path::new("tests/fixtures/brat/tutorial-news"),
        &p2,
        &["--map", map.to_str().unwrap()],
    )
    .success()
    .stdout(contains("imported 13 file(s)"));
    let intro =
        std::fs::read_to_string(p2.join("annotations/brat/000-introduction.ann.ron")).unwrap();
    assert!(intro.contains("kb: Some(\"Wikipedia:"), "{intro}");
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(labels: {\"Person\": \"Politician\"})").unwrap();
    import(
        Path::new("tests/fixtures/brat/tutorial-news"),
        &p2,
        &["--map", bad.to_str().unwrap()],
    )
    .code(1)
    .stderr(contains(
        "bad.ron:1:21: \"Politician\" is not a label of the schema",
    ));
}

#[test]
fn a_span_whose_text_does_not_match_is_refused_by_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let src = dir.path().join("brat");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("doc.txt"), "Alice said it rains.\n").unwrap();
    std::fs::write(
        src.join("doc.ann"),
        "T1\tSpeaker 0 5\tAlice\nT2\tClaim 11 19\tit snows\n",
    )
    .unwrap();
    import(&src, &p, &[]).code(1).stderr(contains(
        "doc.ann:2:1: T2 covers \"it rains\" in the text, but the line says \"it snows\"",
    ));
    assert!(!p.join("annotations/brat").exists());
    assert_eq!(std::fs::read_dir(p.join("articles")).unwrap().count(), 0);
}

#[test]
fn exporting_to_brat_and_importing_back_keeps_spans_links_and_gives_the_same_ann() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    export(
        Path::new("tests/fixtures/v1/park.ann.ron"),
        "brat",
        &first,
        &[],
    );
    let p = project(dir.path());
    import(&first, &p, &[])
        .success()
        .stdout(contains("mapping: identity"));
    let back = p.join("annotations/alice/park.ann.ron");
    let second = dir.path().join("second");
    export(&back, "brat", &second, &[]);
    assert_eq!(
        std::fs::read_to_string(first.join("park.ann")).unwrap(),
        std::fs::read_to_string(second.join("park.ann")).unwrap()
    );
    let parsed = store::read(&back).unwrap();
    let article = Article::load(&p.join("articles/park.txt")).unwrap();
    let (a, problems) = parsed.resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(a.mentions.len(), 14);
    assert_eq!(a.attributions.len(), 3);
    assert_eq!(a.sourcings.len(), 1);
    assert_eq!(a.notes.len(), 1);
}

/// The real PolNeAR dev set (research-only, never committed) round trips: import, export
/// to brat, and every file has the same spans (with fragments) and attribution events.
#[test]
#[ignore = "needs ../shared/corpus/annotated/polnear-dev, which may not be shipped; run with --ignored"]
fn polnear_dev_round_trips_through_brat() {
    let corpus = Path::new("../shared/corpus/annotated/polnear-dev");
    assert!(corpus.is_dir(), "{} is missing", corpus.display());
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    import(corpus, &p, &[])
        .success()
        .stdout(contains("imported 94 file(s)"));
    let out = dir.path().join("brat");
    export(&p, "brat", &out, &[]);
    let rules = brat_rules::check_dir(&out);
    println!(
        "brat export: {} file(s), {} T lines, {} T texts that are not the slice, {} file(s) \
         breaking brat's rules",
        rules.files,
        rules.t_lines,
        rules.t_text_differs,
        rules.rejected.len()
    );
    assert_eq!(rules.t_text_differs, 0, "{:#?}", rules.rejected);
    assert!(rules.rejected.is_empty(), "{:#?}", rules.rejected);
    let mut compared = 0;
    let (mut spans, mut events, mut spans_back, mut events_back) = (0, 0, 0, 0);
    for entry in std::fs::read_dir(corpus.join("attributions")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let (base, _) = stem.rsplit_once('_').unwrap();
        let ours = [
            out.join(format!("{stem}.ann")),
            out.join(format!("{base}.ann")),
        ]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap();
        let original = summary(&std::fs::read_to_string(&path).unwrap(), true);
        let exported = summary(&std::fs::read_to_string(&ours).unwrap(), false);
        spans += original.0.len();
        events += original.1.len();
        spans_back += original.0.iter().filter(|x| exported.0.contains(x)).count();
        events_back += original.1.iter().filter(|x| exported.1.contains(x)).count();
        assert_eq!(original, exported, "{}", path.display());
        compared += 1;
    }
    assert_eq!(compared, 94);
    println!(
        "PolNeAR -> glossator -> brat: {spans_back} of {spans} spans and {events_back} of \
         {events} attribution events as in the original"
    );
    // And the export imported again: the same files, field by field.
    let again = dir.path().join("again");
    glossator().arg("init").arg(&again).assert().success();
    import(&out, &again, &[])
        .success()
        .stdout(contains("imported 94 file(s)\n"));
    let (mut files, mut same, mut mentions, mut mentions_back, mut links, mut links_back) =
        (0, 0, 0, 0, 0, 0);
    for annotator in std::fs::read_dir(p.join("annotations")).unwrap() {
        let folder = annotator.unwrap().path();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let file = entry.unwrap().path();
            let name = file
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".ann.ron", ".txt");
            let first = canonical(&load(&file, &p.join("articles").join(&name)));
            let back_file = again
                .join("annotations")
                .join(folder.file_name().unwrap())
                .join(file.file_name().unwrap());
            let back = canonical(&load(&back_file, &again.join("articles").join(&name)));
            files += 1;
            same += usize::from(first == back);
            mentions += first["mentions"].len();
            mentions_back += first["mentions"]
                .iter()
                .filter(|m| back["mentions"].contains(m))
                .count();
            for field in ["attributions", "sourcings", "stances"] {
                links += first[field].len();
                links_back += first[field]
                    .iter()
                    .filter(|m| back[field].contains(m))
                    .count();
            }
        }
    }
    println!(
        "glossator -> brat -> glossator: {same} of {files} files the same; {mentions_back} of \
         {mentions} mentions, {links_back} of {links} links back"
    );
    assert_eq!(same, files);
}

type Frags = Vec<(usize, usize)>;
type Spans = Vec<(String, Frags)>;
/// Each attribution event: its contents in order, its source (none for
/// `Attribution-no-source`) and its cue.
type Events = Vec<(Vec<Frags>, Option<Frags>, Option<Frags>)>;

/// The spans (label, fragments) and attribution events (content, source, cue) of an .ann.
fn summary(ann: &str, polnear: bool) -> (Spans, Events) {
    let label = |k: &str| -> Option<String> {
        let l = if polnear {
            match k {
                "Source" => "Speaker",
                "Content" => "Claim",
                "Cue" => "Cue",
                _ => return None,
            }
        } else {
            match k {
                "Speaker" | "Claim" | "Cue" => k,
                _ => return None,
            }
        };
        Some(l.to_owned())
    };
    let mut t = std::collections::HashMap::new();
    let mut spans = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (kind, offsets) = cols[1].split_once(' ').unwrap();
        let mut frags: Frags = offsets
            .split(';')
            .map(|f| {
                let (s, e) = f.split_once(' ').unwrap();
                (s.parse().unwrap(), e.parse().unwrap())
            })
            .collect();
        frags.sort_unstable();
        if let Some(l) = label(kind) {
            spans.push((l.clone(), frags.clone()));
            t.insert(cols[0].to_owned(), frags);
        }
    }
    let mut events = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let parts: Vec<&str> = cols[1].split_whitespace().collect();
        if !parts[0].starts_with("Attribution:") && !parts[0].starts_with("Attribution-no-source:")
        {
            continue;
        }
        let arg = |role: &str| {
            parts[1..]
                .iter()
                .find_map(|p| p.strip_prefix(&format!("{role}:")))
                .and_then(|id| t.get(id).cloned())
        };
        let contents: Vec<Frags> = ["Content", "Content2", "Content3"]
            .iter()
            .filter_map(|r| arg(r))
            .collect();
        if !contents.is_empty() {
            events.push((contents, arg("Source"), arg("Cue")));
        }
    }
    spans.sort();
    events.sort();
    (spans, events)
}

/// Two annotators' brat files of one article, imported, measured: the report is right about
/// what they share and lists where they differ; with one annotator it says why it cannot.
/// A project with two annotators of the polnear-style council article; b2 marks the second
/// claim shorter and leaves the cue of the first out. Returns the project and the brat folder.
fn two_annotators(dir: &tempfile::TempDir) -> (PathBuf, PathBuf) {
    let p = project(dir.path());
    let src = dir.path().join("brat");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(
        "tests/fixtures/brat/polnear-style/council.txt",
        src.join("council.txt"),
    )
    .unwrap();
    let a1 = std::fs::read_to_string("tests/fixtures/brat/polnear-style/council_a1.ann").unwrap();
    std::fs::write(src.join("council_a1.ann"), &a1).unwrap();
    glossator()
        .args(["agree"])
        .arg(&p)
        .assert()
        .code(1)
        .stderr(contains("agreement needs two annotators' files; it has 0"));
    // b2 marks the second claim shorter and leaves the cue of the first out.
    let b2 = a1
        .replace(
            "T7\tContent 148 174\tthe plan was too expensive",
            "T7\tContent 148 156\tthe plan",
        )
        .replace("T3\tCue 108 122\ttold reporters\n", "")
        .replace(" Cue:T3", "");
    std::fs::write(src.join("council_b2.ann"), b2).unwrap();
    import(&src, &p, &[]).success();
    (p, src)
}

#[test]
fn agreement_between_two_imported_annotators() {
    let dir = tempfile::tempdir().unwrap();
    let (p, src) = two_annotators(&dir);
    let out = glossator()
        .args(["agree"])
        .arg(&p)
        .arg("--json")
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["annotators"], serde_json::json!(["a1", "b2"]));
    let pair = &v["pairs"][0];
    assert_eq!(pair["articles"], 1, "the articles the pair shares");
    let claim = &pair["labels"]["Claim"];
    assert_eq!(claim["exact"]["a"], 5);
    assert_eq!(
        claim["exact"]["recall"],
        4.0 / 5.0,
        "exact: four of five claims"
    );
    assert_eq!(claim["overlap"]["recall"], 1.0, "overlap: all five");
    assert_eq!(claim["exact"]["reason"], serde_json::Value::Null);
    let target = &pair["labels"]["Target"]["exact"];
    assert_eq!(
        target["f1"],
        serde_json::Value::Null,
        "neither marked a target"
    );
    assert_eq!(target["reason"], "not defined: neither marked any");
    assert_eq!(
        pair["claims_matched"], 5,
        "the third claim's attribution names no speaker; the last two share one"
    );
    assert_eq!(
        pair["same_speaker"], 5,
        "no speaker on both sides is the same"
    );
    assert_eq!(pair["same_cue"], 4, "the first lost its cue");
    assert_eq!(pair["stance_kappa"]["value"], serde_json::Value::Null);
    assert!(
        pair["stance_kappa"]["reason"]
            .as_str()
            .unwrap()
            .starts_with("not defined")
    );
    let disagreements = pair["disagreements"].as_array().unwrap();
    let whats: Vec<&str> = disagreements
        .iter()
        .map(|d| d["what"].as_str().unwrap())
        .collect();
    assert!(whats.contains(&"only A"), "{whats:?}");
    assert!(whats.contains(&"bounds differ"), "{whats:?}");
    let bounds = disagreements
        .iter()
        .find(|d| d["what"] == "bounds differ")
        .unwrap();
    let text = std::fs::read_to_string(src.join("council.txt")).unwrap();
    for side in ["a", "b"] {
        let mention = &bounds[side];
        assert_eq!(mention["label"], "Claim", "{bounds}");
        assert!(mention["id"].as_str().unwrap().starts_with('m'), "{bounds}");
        let at = |k: &str| usize::try_from(mention[k].as_u64().unwrap()).unwrap();
        assert_eq!(
            by_cp(&text, at("start"), at("end")),
            mention["text"].as_str().unwrap()
        );
    }
    let only_a = disagreements
        .iter()
        .find(|d| d["what"] == "only A")
        .unwrap();
    assert_eq!(only_a["b"], serde_json::Value::Null, "{only_a}");
    assert_eq!(
        v["token_alpha"]["Speaker"]["value"], 1.0,
        "the speakers are the same"
    );
    assert_eq!(v["unitizing_alpha"]["Speaker"]["value"], 1.0);
    let claims = v["unitizing_alpha"]["Claim"]["value"].as_f64().unwrap();
    assert!(claims < 1.0 && claims > 0.0, "{claims}");
    assert_eq!(v["token_alpha"]["Target"]["value"], serde_json::Value::Null);
    assert_eq!(
        v["token_alpha"]["Target"]["reason"],
        "not defined: every value is the same, so no disagreement is expected"
    );
}

/// The label confusion matrix: every aligned mention counted by A's and B's label, with
/// "(none)" for the cue b2 left out; the text report prints it with `--confusion`, and says
/// "-" where a figure is not defined instead of a zero.
#[test]
fn agreement_confusion_matrix_counts_labels_against_labels() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _src) = two_annotators(&dir);
    let out = glossator()
        .args(["agree", "--json"])
        .arg(&p)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let m = &v["pairs"][0]["confusion"];
    assert_eq!(m["Claim"]["Claim"], 5, "{m}");
    assert_eq!(m["Cue"]["(none)"], 1, "b2 left one cue out: {m}");
    assert_eq!(m["(none)"]["Cue"], 0, "{m}");
    assert_eq!(m["Claim"]["Cue"], 0, "{m}");
    let rows: Vec<&String> = m.as_object().unwrap().keys().collect();
    for row in &rows {
        assert_eq!(
            m[row.as_str()].as_object().unwrap().len(),
            rows.len(),
            "square: {m}"
        );
    }
    let text = glossator()
        .args(["agree", "--confusion"])
        .arg(&p)
        .assert()
        .success();
    let stdout = String::from_utf8(text.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("labels, a1 (rows) against b2 (columns):"),
        "{stdout}"
    );
    let cue_row = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("Cue ") && l.trim_end().ends_with('1'))
        .unwrap_or_else(|| panic!("a Cue row ending in its one unmatched cue: {stdout}"));
    assert!(cue_row.split_whitespace().count() > 3, "{cue_row}");
    let plain = glossator().args(["agree"]).arg(&p).assert().success();
    let plain = String::from_utf8(plain.get_output().stdout.clone()).unwrap();
    assert!(!plain.contains("(rows) against"), "{plain}");
}

/// A claim both attributed, to different speakers: the disagreement names both of them,
/// in the JSON report and in the text one.
#[test]
fn a_speaker_disagreement_names_both_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let src = dir.path().join("brat");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(
        "tests/fixtures/brat/polnear-style/council.txt",
        src.join("council.txt"),
    )
    .unwrap();
    let a1 = std::fs::read_to_string("tests/fixtures/brat/polnear-style/council_a1.ann").unwrap();
    std::fs::write(src.join("council_a1.ann"), &a1).unwrap();
    let b3 = a1.replace(
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T5",
    );
    assert_ne!(a1, b3);
    std::fs::write(src.join("council_b3.ann"), b3).unwrap();
    import(&src, &p, &[]).success();
    let out = glossator()
        .args(["agree", "--json"])
        .arg(&p)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let d = v["pairs"][0]["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["what"] == "speaker differs")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(
        d["detail"], "A: said by Mayor Ana Ruiz · B: said by Critics",
        "{d}"
    );
    let text = glossator().arg("agree").arg(&p).assert().success();
    let text = String::from_utf8(text.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("(A: said by Mayor Ana Ruiz · B: said by Critics)"),
        "{text}"
    );
}

/// What brat is strict about: a no-break space and double spaces inside spans, a claim over a
/// line break and one over a line separator, an entity speaker whose first mention is a
/// Source, an entity with one mention, one with none, a free-text stance target, notes on the
/// article, an entity and (with a line break) an attribution.
const AWKWARD: &str = "Mayor\u{a0}Ana Ruiz  said:  “We will build\nthe park.”\n\n\
                       Critics said it was too\u{2028}costly, local  media reported.\n";

fn awkward(dir: &Path, name: &str, annotator: &str, status: Status) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let article_path = dir.join(format!("{name}.txt"));
    std::fs::write(&article_path, AWKWARD).unwrap();
    let article = Article::load(&article_path).unwrap();
    let t = &article.text;
    let span = |s: &str| {
        let at = t.find(s).unwrap();
        Span::new(at, at + s.len())
    };
    let mut a = Annotations::new(
        ArticleRef {
            path: format!("{name}.txt"),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        annotator,
    );
    a.status = status;
    let mayor = a.add_mention("Source", vec![span("Mayor\u{a0}Ana Ruiz")]);
    let said = a.add_mention("Cue", vec![span("said:")]);
    let park = a.add_mention("Claim", vec![span("We will build\nthe park.")]);
    let critics = a.add_mention("Speaker", vec![span("Critics")]);
    let second = t.rfind("said").unwrap();
    let said2 = a.add_mention("Cue", vec![Span::new(second, second + 4)]);
    let costly = a.add_mention("Claim", vec![span("it was too\u{2028}costly")]);
    let media = a.add_mention("Source", vec![span("local  media")]);
    let ruiz = a.add_entity("Person", "Ana Ruiz", true);
    a.entities[0].kb = Some("wikidata:Q1".into());
    let group = a.add_entity("AnonymousGroup", "critics", false);
    let press = a.add_entity("Media", "the press", false);
    a.mention_mut(mayor).unwrap().entity = Some(ruiz);
    a.mention_mut(critics).unwrap().entity = Some(group);
    a.mention_mut(media).unwrap().entity = Some(group);
    a.mention_mut(costly)
        .unwrap()
        .attrs
        .insert("quote_type".into(), "indirect".into());
    let first = a.attribute(park, Some(Agent::Entity(ruiz)), Some(said));
    a.attribute(costly, Some(Agent::Mention(critics)), Some(said2));
    a.add_sourcing(costly, Agent::Mention(media), Some(Specificity::Vague));
    a.add_sourcing(park, Agent::Entity(press), None);
    let stance = a.add_stance(
        Agent::Entity(ruiz),
        Target::Text("the budget".into()),
        "support",
    );
    a.add_stance(Agent::Mention(critics), Target::Entity(ruiz), "oppose");
    a.set_note(None, "second  read\u{a0}needed");
    a.set_note(Some(AnyId::Attribution(first)), "check the\nrecording");
    a.set_note(Some(AnyId::Entity(group)), "who are they?");
    a.set_note(Some(AnyId::Stance(stance)), "on the topic");
    a.set_note(Some(AnyId::Mention(park)), "two lines");
    let file = dir.join(format!("{name}.ann.ron"));
    store::session::write_once(&file, &a, &article, None).unwrap();
    file
}

#[test]
fn brat_export_keeps_every_t_text_the_exact_slice_and_passes_brats_file_rules() {
    let dir = tempfile::tempdir().unwrap();
    // Named as `tricky`'s story.txt is, with another text: each gets files of its own.
    let alice = awkward(&dir.path().join("a"), "story", "alice", Status::InProgress);
    let bob = awkward(&dir.path().join("b"), "story", "bob", Status::Done);
    let out = dir.path().join("brat");
    let files = [
        alice,
        bob,
        tricky(dir.path()),
        PathBuf::from("tests/fixtures/v1/park.ann.ron"),
        PathBuf::from("tests/fixtures/v1/every_field.ann.ron"),
    ];
    glossator()
        .arg("export")
        .args(&files)
        .args(["--format", "brat", "-o"])
        .arg(&out)
        .assert()
        .success();
    let report = brat_rules::check_dir(&out);
    assert_eq!(report.files, 5);
    assert_eq!(report.t_text_differs, 0, "{:#?}", report.rejected);
    assert!(report.rejected.is_empty(), "{:#?}", report.rejected);
    let ann = std::fs::read_to_string(out.join("story_alice.ann")).unwrap();
    assert!(
        ann.contains("\tSource 0 14\tMayor\u{a0}Ana Ruiz\n"),
        "{ann}"
    );
    assert!(
        ann.contains("\tClaim 24 37;38 47\tWe will build the park.\n"),
        "{ann}"
    );
    assert!(
        ann.contains("\tClaim 63 73;74 80\tit was too costly\n"),
        "{ann}"
    );
    assert!(ann.contains("\tSource 82 94\tlocal  media\n"), "{ann}");
}

/// Every field of a file, ids replaced by what they name, each list sorted.
fn canonical(a: &Annotations) -> BTreeMap<&'static str, Vec<String>> {
    let m_key = |id: MentionId| {
        a.mention(id)
            .map(|m| format!("{} {:?}", m.label, m.fragments))
            .unwrap_or_default()
    };
    let e_key = |id: EntityId| {
        a.entity(id)
            .map(|e| format!("{}/{}/{:?}/{}", e.kind, e.name, e.kb, e.named))
            .unwrap_or_default()
    };
    let agent = |x: Agent| match x {
        Agent::Mention(m) => format!("mention {}", m_key(m)),
        Agent::Entity(e) => format!("entity {}", e_key(e)),
    };
    let target = |t: &Target| match t {
        Target::Mention(m) => format!("mention {}", m_key(*m)),
        Target::Entity(e) => format!("entity {}", e_key(*e)),
        Target::Text(s) => format!("text {s:?}"),
    };
    let attribution = |x: &glossator::model::Attribution| {
        format!(
            "{} {:?} <- {} via {:?}",
            m_key(x.claim),
            x.more.iter().map(|m| m_key(*m)).collect::<Vec<_>>(),
            x.speaker.map_or_else(|| "no one".to_owned(), agent),
            x.cue.map(m_key)
        )
    };
    let sourcing = |x: &glossator::model::Sourcing| {
        format!(
            "{} <- {} {:?}",
            m_key(x.claim),
            agent(x.source),
            x.specificity
        )
    };
    let stance = |x: &glossator::model::Stance| {
        format!("{} {} {}", agent(x.holder), x.polarity, target(&x.target))
    };
    let on = |id: Option<AnyId>| match id {
        None => "the article".to_owned(),
        Some(AnyId::Mention(m)) => m_key(m),
        Some(AnyId::Entity(e)) => e_key(e),
        Some(AnyId::Attribution(i)) => a
            .attributions
            .iter()
            .find(|x| x.id == i)
            .map(attribution)
            .unwrap_or_default(),
        Some(AnyId::Sourcing(i)) => a
            .sourcings
            .iter()
            .find(|x| x.id == i)
            .map(sourcing)
            .unwrap_or_default(),
        Some(AnyId::Stance(i)) => a
            .stances
            .iter()
            .find(|x| x.id == i)
            .map(stance)
            .unwrap_or_default(),
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    BTreeMap::from([
        ("annotator", vec![a.annotator.clone()]),
        ("status", vec![format!("{:?}", a.status)]),
        (
            "entities",
            sorted(a.entities.iter().map(|e| e_key(e.id)).collect()),
        ),
        (
            "mentions",
            sorted(
                a.mentions
                    .iter()
                    .map(|m| format!("{} of {:?} {:?}", m_key(m.id), m.entity.map(e_key), m.attrs))
                    .collect(),
            ),
        ),
        (
            "attributions",
            sorted(a.attributions.iter().map(attribution).collect()),
        ),
        (
            "sourcings",
            sorted(a.sourcings.iter().map(sourcing).collect()),
        ),
        ("stances", sorted(a.stances.iter().map(stance).collect())),
        (
            "notes",
            sorted(
                a.notes
                    .iter()
                    .map(|n| format!("{}: {:?}", on(n.on), n.text))
                    .collect(),
            ),
        ),
        (
            "suggestions",
            sorted(a.suggestions.iter().map(|s| format!("{s:?}")).collect()),
        ),
        (
            "rejected",
            sorted(a.rejected.iter().map(|s| format!("{s:?}")).collect()),
        ),
    ])
}

fn load(file: &Path, article: &Path) -> Annotations {
    let parsed = store::read(file).unwrap();
    let article = Article::load(article).unwrap();
    let (a, problems) = parsed.resolve(&article);
    assert_eq!(problems, vec![], "{}", file.display());
    a
}

/// glossator -> brat -> glossator: the files come back field by field, and the loss report
/// names exactly what did not, as many times as it is missing.
#[test]
fn brat_round_trip_gives_the_same_files_and_the_loss_report_names_what_does_not_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        awkward(&dir.path().join("a"), "speech", "alice", Status::InProgress),
        awkward(&dir.path().join("b"), "speech", "bob", Status::Todo),
        tricky(dir.path()),
        PathBuf::from("tests/fixtures/v1/park.ann.ron"),
        PathBuf::from("tests/fixtures/v1/every_field.ann.ron"),
    ];
    let out = dir.path().join("brat");
    let loss_file = dir.path().join("loss.json");
    glossator()
        .arg("export")
        .args(&files)
        .args(["--format", "brat", "-o"])
        .arg(&out)
        .arg("--report")
        .arg(&loss_file)
        .assert()
        .success();
    let loss: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&loss_file).unwrap()).unwrap();
    let p = project(dir.path());
    import(&out, &p, &[])
        .success()
        .stdout(contains("imported 5 file(s)\n"));
    let mut compared = 0;
    for file in &files {
        let article = file.with_file_name(store::read(file).unwrap().file.article.path.clone());
        let original = load(file, &article);
        let name = article.file_name().unwrap().to_string_lossy().into_owned();
        let back_file = p
            .join("annotations")
            .join(&original.annotator)
            .join(name.replace(".txt", ".ann.ron"));
        let back = load(&back_file, &p.join("articles").join(&name));
        let (before, after) = (canonical(&original), canonical(&back));
        // What the report says was lost, by field.
        let key = format!("{name} ({})", original.annotator);
        let mut reported: BTreeMap<String, u64> = BTreeMap::new();
        for (kind, n) in loss["articles"][&key]["counts"].as_object().unwrap() {
            let field = if kind.contains("rejected") {
                "rejected"
            } else {
                before
                    .keys()
                    .find(|f| kind.contains(**f))
                    .unwrap_or_else(|| panic!("{kind}"))
            };
            *reported.entry(field.to_owned()).or_default() += n.as_u64().unwrap();
        }
        // What truly did not come back, by field.
        let mut missing: BTreeMap<String, u64> = BTreeMap::new();
        for (field, items) in &before {
            let mut left = after[field].clone();
            for item in items {
                if let Some(i) = left.iter().position(|x| x == item) {
                    left.remove(i);
                } else {
                    *missing.entry((*field).to_owned()).or_default() += 1;
                }
            }
            assert!(left.is_empty(), "{key}: {field} gained {left:#?}");
        }
        assert_eq!(
            reported, missing,
            "{key}: the report against the round trip"
        );
        for (field, items) in &before {
            if !missing.contains_key(*field) {
                assert_eq!(items, &after[field], "{key}: {field}");
            }
        }
        compared += 1;
    }
    assert_eq!(compared, 5);
    assert_eq!(
        loss["articles"]["every_field.txt (bo)"]["counts"]
            .as_object()
            .unwrap()
            .len(),
        2,
        "its suggestions and rejected places are what brat cannot take"
    );
}

/// Abbreviations, initials, a decimal, a flag, and a claim over two sentences.
const ABBREVIATED: &str = "ST. LOUIS — Sen. Jo Ann Reyes told reporters the cost is $3.5 million 🇺🇸. \
                           Mr. Reyes said the state would pay half. He did not say when.\n\n\
                           Gov. J. R. Dunn agreed. The U.S. Army did not.\n";

#[test]
fn a_file_with_problems_is_skipped_with_its_first_problem_and_the_rest_exported() {
    let dir = tempfile::tempdir().unwrap();
    let good = tricky(dir.path());
    let bad_dir = dir.path().join("bad");
    std::fs::create_dir(&bad_dir).unwrap();
    std::fs::copy("tests/fixtures/invalid/park.txt", bad_dir.join("park.txt")).unwrap();
    let bad = bad_dir.join("bad_label.ann.ron");
    std::fs::copy("tests/fixtures/invalid/bad_label.ann.ron", &bad).unwrap();
    let out = dir.path().join("all.jsonl");
    let assert = glossator()
        .arg("export")
        .arg(&good)
        .arg(&bad)
        .args(["--format", "jsonl", "-o"])
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let line = stderr
        .lines()
        .find(|l| l.contains("bad_label.ann.ron: skipped:"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("bad_label.ann.ron:"), "{line}");
    assert!(
        stderr.contains("1 file(s) skipped for the problems above"),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), 1, "the good file is exported");
    assert!(written.contains("\"story.txt\""));
}

fn abbreviated(dir: &Path) -> PathBuf {
    let article_path = dir.join("senate.txt");
    std::fs::write(&article_path, ABBREVIATED).unwrap();
    let article = Article::load(&article_path).unwrap();
    let t = &article.text;
    let span = |s: &str| {
        let at = t.find(s).unwrap();
        Span::new(at, at + s.len())
    };
    let mut a = Annotations::new(ArticleRef::of(&article_path, &article), "alice");
    a.add_mention("Speaker", vec![span("Sen. Jo Ann Reyes")]);
    a.add_mention("Claim", vec![span("the cost is $3.5 million")]);
    a.add_mention("Speaker", vec![span("Mr. Reyes")]);
    a.add_mention(
        "Claim",
        vec![span("the state would pay half. He did not say when")],
    );
    a.add_mention("Speaker", vec![span("Gov. J. R. Dunn")]);
    // A speaker inside a claim: one tag column keeps the label first in the schema.
    a.add_mention("Claim", vec![span("The U.S. Army did not")]);
    a.add_mention("Speaker", vec![span("The U.S. Army")]);
    let file = dir.join("senate.ann.ron");
    store::session::write_once(&file, &a, &article, None).unwrap();
    file
}

#[test]
fn agreement_leaves_out_files_with_no_annotations_and_chooses_by_status() {
    let dir = tempfile::tempdir().unwrap();
    let (p, _) = two_annotators(&dir);
    // A third annotator who has not started is left out, and the files can be chosen by
    // status.
    let empty = p.join("annotations/c3");
    std::fs::create_dir_all(&empty).unwrap();
    let a1_file = p.join("annotations/a1/council.ann.ron");
    let blank = std::fs::read_to_string(&a1_file).unwrap();
    let blank = blank[..blank.find("    entities:").unwrap()]
        .replace("annotator: \"a1\"", "annotator: \"c3\"")
        + "    entities: [],\n    mentions: [],\n    attributions: [],\n    sourcings: [],\n    stances: [],\n    notes: [],\n)\n";
    std::fs::write(empty.join("council.ann.ron"), blank).unwrap();
    let out = glossator()
        .args(["agree"])
        .arg(&p)
        .arg("--json")
        .assert()
        .success()
        .stderr(contains("1 file(s) with no annotations yet were left out"));
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["annotators"], serde_json::json!(["a1", "b2"]));
    assert_eq!(v["skipped_empty"], 1);
    glossator()
        .args(["agree", "--status", "in-progress"])
        .arg(&p)
        .assert()
        .code(1)
        .stderr(contains("agreement needs two annotators' files; it has 0"));
}

fn assert_valid_bio(sentences: &[Vec<(String, Vec<String>)>]) {
    for s in sentences {
        for c in 0..s[0].1.len() {
            let mut prev = "O".to_owned();
            for (tok, tags) in s {
                let tag = &tags[c];
                if let Some(label) = tag.strip_prefix("I-") {
                    assert_eq!(
                        prev.get(2..),
                        Some(label),
                        "{tok} {tag} after {prev} in {s:?}"
                    );
                }
                prev.clone_from(tag);
            }
        }
    }
}

#[test]
fn conll_2003_style_has_one_tag_column_docstart_lines_and_no_comments() {
    let dir = tempfile::tempdir().unwrap();
    let files = [abbreviated(dir.path()), tricky(dir.path())];
    let out = dir.path().join("ner.conll");
    let assert = glossator()
        .arg("export")
        .args(&files)
        .args(["--format", "conll", "--conll-style", "2003", "-o"])
        .arg(&out)
        .assert()
        .success();
    let report = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        report.contains(
            "1 x mentions overlapping another (one tag column keeps the label first in the schema)"
        ),
        "{report}"
    );
    let conll = std::fs::read_to_string(&out).unwrap();
    assert!(
        conll.starts_with("-DOCSTART- -X- O O\n\nST. O\nLOUIS O\n— O\nSen. B-Speaker\n"),
        "{conll}"
    );
    assert_eq!(conll.matches("-DOCSTART- -X- O O\n\n").count(), 2);
    assert!(!conll.lines().any(|l| l.starts_with('#')), "{conll}");
    for line in conll
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
    {
        let cols: Vec<&str> = line.split(' ').collect();
        assert_eq!(cols.len(), 2, "{line:?}");
        assert!(
            cols[1] == "O" || cols[1].starts_with("B-") || cols[1].starts_with("I-"),
            "{line}"
        );
    }
    let sentences = conll_sentences(&conll);
    assert_valid_bio(&sentences);
    assert!(
        conll.contains("The B-Speaker\nU.S. I-Speaker\nArmy I-Speaker\ndid O\n"),
        "{conll}"
    );
    assert!(conll.contains("🇺🇸 O\n"), "a flag is one token");
}

/// Sentences of a CoNLL file: runs of token lines between blank, comment and -DOCSTART-
/// lines, as (token, tags).
fn conll_sentences(conll: &str) -> Vec<Vec<(String, Vec<String>)>> {
    let mut out = vec![Vec::new()];
    for line in conll.lines() {
        if line.is_empty() || line.starts_with('#') || line.starts_with("-DOCSTART-") {
            if !out.last().unwrap().is_empty() {
                out.push(Vec::new());
            }
            continue;
        }
        let cols: Vec<&str> = line.split(['\t', ' ']).collect();
        let tags = if line.contains('\t') {
            &cols[3..]
        } else {
            &cols[1..]
        };
        out.last_mut().unwrap().push((
            cols[0].to_owned(),
            tags.iter().map(|t| (*t).to_owned()).collect(),
        ));
    }
    out.retain(|s| !s.is_empty());
    out
}

#[test]
fn conll_sentences_end_only_where_a_sentence_ends_and_bio_is_valid_in_each() {
    let dir = tempfile::tempdir().unwrap();
    let file = abbreviated(dir.path());
    let out = dir.path().join("senate.conll");
    export(&file, "conll", &out, &[]);
    let conll = std::fs::read_to_string(&out).unwrap();
    let sentences = conll_sentences(&conll);
    let words: Vec<String> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(
        words,
        [
            "ST. LOUIS — Sen. Jo Ann Reyes told reporters the cost is $ 3.5 million 🇺🇸 .",
            "Mr. Reyes said the state would pay half . He did not say when .",
            "Gov. J. R. Dunn agreed .",
            "The U.S. Army did not ."
        ],
        "{conll}"
    );
    assert_valid_bio(&sentences);
    for line in conll
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            by_cp(
                ABBREVIATED,
                cols[1].parse().unwrap(),
                cols[2].parse().unwrap()
            ),
            cols[0]
        );
    }
}

#[test]
fn export_to_dash_or_dev_stdout_writes_standard_output_and_a_device_is_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let file = tricky(dir.path());
    for target in ["-", "/dev/stdout"] {
        let out = glossator()
            .current_dir(dir.path())
            .arg("export")
            .arg(&file)
            .args(["--format", "jsonl", "-o", target])
            .assert()
            .success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let v: serde_json::Value = serde_json::from_str(stdout.trim_end()).unwrap();
        assert_eq!(v["article"], "story.txt", "{target}");
        assert!(!dir.path().join("-").exists(), "no file named -");
    }
    glossator()
        .arg("export")
        .arg(&file)
        .args(["--format", "conll", "-o", "/dev/null"])
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    glossator()
        .arg("export")
        .arg(&file)
        .args(["--format", "brat", "-o", "-"])
        .assert()
        .code(2)
        .stderr(contains("brat writes a folder"));
}
