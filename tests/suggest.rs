//! Suggestions as a user meets them: what the rules propose on real (freely licensed)
//! articles, checked against the committed snapshots; the demo's two speakers; `glossator
//! suggest` adding to annotation files without duplicating or overriding the annotator's
//! work; and `--evaluate` against gold brat attributions.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use glossator::model::{Span, Suggestion};
use glossator::suggest::{Rules, suggest};
use glossator::text::Article;
use predicates::str::contains;

fn glossator() -> Command {
    let mut cmd = Command::cargo_bin("glossator").unwrap();
    cmd.env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .env("GLOSSATOR_ANNOTATOR", "tester");
    cmd
}

fn words(a: &Article, s: Option<Span>) -> &str {
    s.map_or("-", |s| &a.text[s.start..s.end])
}

/// The suggestions in a form a reviewer can read line by line.
fn listing(path: &str) -> String {
    let article = Article::load(Path::new(path)).unwrap();
    let mut out = String::new();
    for s in suggest(
        &article,
        &Rules::builtin(),
        &glossator::schema::Schema::news(),
    ) {
        let claim: Vec<&str> = s.claim.iter().map(|c| words(&article, Some(*c))).collect();
        let _ = writeln!(
            out,
            "[{}]\n  claim:   {}\n  cue:     {}\n  speaker: {}\n  source:  {}\n  entity:  {}",
            s.rule,
            if claim.is_empty() {
                "-".to_owned()
            } else {
                claim.join(" | ")
            },
            words(&article, s.cue),
            words(&article, s.speaker),
            words(&article, s.source),
            s.entity
                .as_ref()
                .map_or("-".to_owned(), |(n, k)| format!("{n} ({k})")),
        );
    }
    out
}

#[test]
fn wikinews_sensitive() {
    insta::assert_snapshot!(listing("tests/fixtures/suggest/wikinews_sensitive.txt"));
}

#[test]
fn wikinews_iodine() {
    insta::assert_snapshot!(listing("tests/fixtures/suggest/wikinews_iodine.txt"));
}

#[test]
fn wikinews_warhol() {
    insta::assert_snapshot!(listing("tests/fixtures/suggest/wikinews_warhol.txt"));
}

fn find<'a>(found: &'a [Suggestion], a: &Article, claim_starts: &str) -> &'a Suggestion {
    found
        .iter()
        .find(|s| {
            s.claim.first().is_some_and(|c| {
                a.text[c.start..c.end]
                    .trim_start_matches(['“', '"'])
                    .starts_with(claim_starts)
            })
        })
        .unwrap_or_else(|| panic!("no suggested claim starting {claim_starts:?}"))
}

#[test]
fn on_the_demo_the_participle_opening_a_sentence_is_the_generals_claim() {
    let a = Article::load(Path::new(
        "assets/demo/fna_iran_rejects_military_cooperation.txt",
    ))
    .unwrap();
    let found = suggest(&a, &Rules::builtin(), &glossator::schema::Schema::news());
    let s = find(&found, &a, "that Iran had no cooperation");
    assert_eq!(words(&a, s.cue), "Reiterating");
    assert_eq!(
        words(&a, s.speaker),
        "the Number two man of the Iranian Armed Forces"
    );
    assert_eq!(s.entity.as_ref().unwrap().0, "Massoud Jazayeri");
}

#[test]
fn on_the_demo_both_speakers_quotes_come_with_their_speakers() {
    let a = Article::load(Path::new(
        "assets/demo/fna_iran_rejects_military_cooperation.txt",
    ))
    .unwrap();
    let found = suggest(&a, &Rules::builtin(), &glossator::schema::Schema::news());
    for (claim, cue, speaker, entity) in [
        (
            "No change has happened",
            "told reporters",
            "Foreign Ministry Spokeswoman Marziyeh Afkham",
            "Marziyeh Afkham",
        ),
        (
            "We deny the news reports",
            "reiterated",
            "she",
            "Marziyeh Afkham",
        ),
        (
            "The Islamic Republic of Iran blames",
            "told FNA",
            "Gen. Jazayeri",
            "Massoud Jazayeri",
        ),
        (
            "Now the Iraqi nation",
            "said",
            "the Number two man of the Iranian Armed Forces",
            "Massoud Jazayeri",
        ),
        (
            "the western media reports quoting",
            "dismissed as totally untrue",
            "Deputy Chief of Staff of the Iranian Armed Forces General Massoud Jazayeri",
            "Massoud Jazayeri",
        ),
        (
            "that the infrastructures",
            "complained",
            "The General",
            "Massoud Jazayeri",
        ),
        (
            "that the Iranian Air Force",
            "claimed",
            "Israeli website Jerusalem Post",
            "Jerusalem Post",
        ),
        ("military cooperation with", "rejected", "Iran", "Iran"),
    ] {
        let s = find(&found, &a, claim);
        assert_eq!(words(&a, s.cue), cue, "{claim}");
        assert_eq!(words(&a, s.speaker), speaker, "{claim}");
        assert_eq!(s.entity.as_ref().unwrap().0, entity, "{claim}");
    }
    // Kinds: a country is a government, a website a medium.
    let kind = |name: &str| {
        found
            .iter()
            .find_map(|s| s.entity.as_ref().filter(|e| e.0 == name))
            .map(|e| e.1.clone())
    };
    assert_eq!(kind("Iran").as_deref(), Some("Government"));
    assert_eq!(kind("Jerusalem Post").as_deref(), Some("Media"));
    // The headline attributes nothing.
    let headline = a.paragraphs[0].clone();
    assert!(
        found
            .iter()
            .all(|s| s.spans().all(|x| x.start >= headline.end)),
        "{found:?}"
    );
    // The claims are quoted or not as the text says.
    let schema = glossator::schema::Schema::news();
    let mut annotations = glossator::model::Annotations::new(
        glossator::model::ArticleRef::of(Path::new("demo.txt"), &a),
        "t",
    );
    annotations.offer(found.clone(), &schema);
    let made: Vec<_> = (0..annotations.suggestions.len())
        .filter_map(|_| annotations.accept_suggestion(0, &schema, &a.text))
        .collect();
    let types: Vec<(String, String)> = made
        .into_iter()
        .filter_map(|id| annotations.mention(id))
        .filter_map(|m| {
            m.attrs
                .get("quote_type")
                .map(|v| (m.words(&a.text, " ").chars().take(12).collect(), v.clone()))
        })
        .collect();
    assert!(
        types.contains(&("“We deny the".to_owned(), "direct".to_owned())),
        "{types:?}"
    );
    assert!(
        types.contains(&("that Iran wo".to_owned(), "indirect".to_owned())),
        "{types:?}"
    );
    let dateline = found.iter().find(|s| s.rule == "dateline").unwrap();
    assert_eq!(words(&a, dateline.source), "FNA");
}

#[test]
fn suggest_adds_to_the_file_once_and_never_over_the_annotators_claims() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("council.txt");
    std::fs::copy("tests/fixtures/brat/polnear-style/council.txt", &article).unwrap();
    let file = dir.path().join("council.ann.ron");
    glossator()
        .arg("suggest")
        .arg(&article)
        .assert()
        .success()
        .stdout(contains("council.ann.ron: 6 new suggestion(s)"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("suggestions: ["), "{text}");
    assert!(text.contains("rule: \"quote, then cue\""), "{text}");
    assert!(
        text.contains("mentions: [],"),
        "nothing of the annotator's: {text}"
    );
    glossator().arg("validate").arg(&file).assert().success();
    // Again: nothing new.
    glossator()
        .arg("suggest")
        .arg(&file)
        .assert()
        .success()
        .stdout(contains("0 new suggestion(s)"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);

    // The annotator marks a claim by hand over one that was suggested, and the suggestion
    // is gone from a fresh run; the other five come back.
    let article_text = Article::load(&article).unwrap();
    let mut a = glossator::store::read(&file)
        .unwrap()
        .resolve(&article_text)
        .0;
    let at = article_text.text.find("We will build").unwrap();
    a.add_mention("Claim", vec![Span::new(at, at + 13)]);
    a.suggestions.clear();
    glossator::store::session::write_once(&file, &a, &article_text, None).unwrap();
    glossator()
        .arg("suggest")
        .arg(&file)
        .assert()
        .success()
        .stdout(contains("5 new suggestion(s)"));
    let again = glossator::store::read(&file)
        .unwrap()
        .resolve(&article_text)
        .0;
    assert!(
        again
            .suggestions
            .iter()
            .all(|s| !s.claim.iter().any(|c| c.start <= at && at < c.end))
    );
    assert_eq!(again.mentions.len(), 1, "the hand-made claim is kept");
    pending_suggestions_export_marked(&dir, &file);
}

/// `file` holds one hand-made claim and five pending suggestions.
fn pending_suggestions_export_marked(dir: &tempfile::TempDir, file: &Path) {
    // Exported with --include-suggestions, the five pending suggestions come out accepted,
    // marked "suggested": true; the hand-made claim is not marked. Without the flag they
    // stay out; other formats refuse the flag.
    let out = dir.path().join("out.jsonl");
    let export = |flag: bool| {
        let mut cmd = glossator();
        cmd.arg("export")
            .arg(file)
            .args(["--format", "jsonl", "-o"])
            .arg(&out);
        if flag {
            cmd.arg("--include-suggestions");
        }
        cmd.assert().success();
        let line: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        line
    };
    let line = export(true);
    let marked = |key: &str| -> (usize, usize) {
        let all = line[key].as_array().unwrap();
        let yes = all.iter().filter(|x| x["suggested"] == true).count();
        (yes, all.len())
    };
    let (yes, all) = marked("mentions");
    assert_eq!(all - yes, 1, "only the hand-made claim unmarked: {line}");
    let hand = line["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m.get("suggested").is_none())
        .unwrap();
    assert_eq!(hand["text"], "We will build");
    assert_eq!(marked("attributions"), (5, 5), "{line}");
    assert!(marked("entities").0 >= 1, "{line}");
    assert!(
        line["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["attrs"]["quote_type"] == "direct"),
        "{line}"
    );
    let plain = export(false);
    assert_eq!(plain["mentions"].as_array().unwrap().len(), 1);
    assert!(!plain.to_string().contains("suggested"));
    glossator()
        .arg("export")
        .arg(file)
        .args(["--format", "claims-csv", "-o", "-", "--include-suggestions"])
        .assert()
        .code(2)
        .stderr(contains(
            "--include-suggestions applies to --format jsonl only",
        ));
}

#[test]
fn a_file_with_problems_is_left_alone_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("council.txt");
    std::fs::copy("tests/fixtures/brat/polnear-style/council.txt", &article).unwrap();
    let file = dir.path().join("council.ann.ron");
    std::fs::write(&file, "(format: 1, article: (").unwrap();
    glossator()
        .arg("suggest")
        .arg(&article)
        .assert()
        .code(1)
        .stderr(contains("council.ann.ron:1:"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "(format: 1, article: ("
    );
}

#[test]
fn evaluate_scores_each_layer_against_gold_brat() {
    let out = glossator()
        .args([
            "suggest",
            "--evaluate",
            "tests/fixtures/brat/polnear-style",
            "--json",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["files"], 1);
    let claims = &v["layers"]["claims"];
    // exact, then overlap: each has the gold and suggested counts and P/R/F1.
    assert_eq!(claims[1]["a"], 5, "five gold claims");
    assert!(claims[1]["f1"].as_f64().unwrap() >= claims[0]["f1"].as_f64().unwrap());
    let cues = &v["layers"]["cues"][1];
    assert!(cues["recall"].as_f64().unwrap() > 0.5, "{cues}");
    glossator()
        .args(["suggest", "--evaluate", "tests/fixtures/brat/polnear-style"])
        .assert()
        .success()
        .stdout(contains("overlap P"))
        .stdout(contains("speakers"));
    // The misses by kind, and one half of the files.
    glossator()
        .args([
            "suggest",
            "--evaluate",
            "tests/fixtures/brat/polnear-style",
            "--misses",
        ])
        .assert()
        .success()
        .stdout(contains("claims: "))
        .stdout(contains("miss(es)"));
    let half = |h: &str| {
        let out = glossator()
            .args([
                "suggest",
                "--evaluate",
                "tests/fixtures/brat/polnear-style",
                "--json",
            ])
            .args(["--half", h])
            .assert()
            .success();
        let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        v["files"].as_u64().unwrap()
    };
    assert_eq!((half("even"), half("odd")), (1, 0));
}

/// The suggestions against PolNeAR's dev set (research-only, never committed): claim
/// overlap precision at least 0.85, and the exact F1 of each layer no lower than measured
/// (0.523 / 0.751 / 0.748 for claims, cues and speakers; the aims are 0.45, 0.75 and 0.7).
#[test]
#[ignore = "needs ../shared/corpus/annotated/polnear-dev, which may not be shipped; run with --ignored"]
fn polnear_dev_suggestions_meet_their_marks() {
    let corpus = Path::new("../shared/corpus/annotated/polnear-dev");
    assert!(corpus.is_dir(), "{} is missing", corpus.display());
    let out = glossator()
        .args(["suggest", "--json", "--evaluate"])
        .arg(corpus)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["files"], 94);
    let f1 = |layer: &str| v["layers"][layer][0]["f1"].as_f64().unwrap();
    let overlap_p = v["layers"]["claims"][1]["precision"].as_f64().unwrap();
    println!(
        "claims {:.3}, cues {:.3}, speakers {:.3} exact F1; claim overlap P {overlap_p:.3}",
        f1("claims"),
        f1("cues"),
        f1("speakers")
    );
    assert!(overlap_p >= 0.85, "claim overlap precision {overlap_p}");
    assert!(f1("claims") >= 0.52, "claims exact F1 {}", f1("claims"));
    assert!(f1("cues") >= 0.75, "cues exact F1 {}", f1("cues"));
    assert!(
        f1("speakers") >= 0.747,
        "speakers exact F1 {}",
        f1("speakers")
    );
}
