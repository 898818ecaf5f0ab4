//! The command line as a user runs it: exit codes and the messages they read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn glossator() -> Command {
    let mut cmd = Command::cargo_bin("glossator").unwrap();
    cmd.env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .env_remove("GLOSSATOR_ANNOTATOR")
        .env("GLOSSATOR_DATA_DIR", "/nonexistent-glossator-test-dir");
    cmd
}

const INVALID: &str = "tests/fixtures/invalid";

#[test]
fn help_lists_every_subcommand_with_examples() {
    let out = glossator().arg("--help").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for sub in [
        "init",
        "add",
        "validate",
        "stats",
        "export",
        "import",
        "agree",
        "suggest",
        "completions",
    ] {
        assert!(
            text.contains(&format!("  {sub} ")),
            "{sub} missing from:\n{text}"
        );
        glossator()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(contains("Example"));
    }
}

#[test]
fn version_prints_the_package_version() {
    glossator()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("glossator {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn suggest_on_a_missing_file_says_what_to_give() {
    glossator()
        .args(["suggest", "story.ann.ron"])
        .assert()
        .code(1)
        .stderr(contains("story.ann.ron"));
    glossator().arg("suggest").assert().code(2);
}

#[test]
fn usage_errors_exit_2() {
    glossator().arg("validate").assert().code(2);
    glossator().args(["stats", "--bogus"]).assert().code(2);
}

#[test]
fn validate_passes_the_committed_file() {
    glossator()
        .args(["validate", "tests/fixtures/v1/park.ann.ron"])
        .assert()
        .success()
        .stdout("tests/fixtures/v1/park.ann.ron: ok\n")
        .stderr("");
}

fn validate_fails_with(fixture: &str, expected: &[&str]) {
    let path = format!("{INVALID}/{fixture}");
    let mut assert = glossator()
        .args(["validate", &path])
        .assert()
        .code(1)
        .stdout(contains(format!("{path}: 1 problem")));
    for e in expected {
        assert = assert.stderr(contains(*e));
    }
}

#[test]
fn a_dangling_id_is_named_with_its_line() {
    validate_fails_with(
        "dangling_id.ann.ron",
        &[
            "dangling_id.ann.ron:33:10: a2: its speaker refers to m40, which does not exist",
            "add m40 or point speaker at an existing id",
        ],
    );
}

#[test]
fn a_span_past_the_end_is_named_with_its_line() {
    validate_fails_with(
        "span_past_end.ann.ron",
        &["span_past_end.ann.ron:29:10: m14: fragment 1 ends past the end of the text"],
    );
}

#[test]
fn a_wrong_quote_shows_both_texts() {
    validate_fails_with(
        "wrong_quote.ann.ron",
        &[
            "wrong_quote.ann.ron:17:10: m2: fragment 1 (93..107) quotes \"Mayor Ann Ruiz\" but the text there is \"Mayor Ana Ruiz\"",
        ],
    );
}

#[test]
fn a_repeated_mention_is_named_with_the_one_it_repeats() {
    // park.ann.ron with m2 written twice, the second time as m15.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/v1/park.txt", dir.path().join("park.txt")).unwrap();
    let src = std::fs::read_to_string("tests/fixtures/v1/park.ann.ron").unwrap();
    let m2 = "        (id: \"m2\", label: \"Speaker\", fragments: [(start: 93, end: 107, quote: \"Mayor Ana Ruiz\")], entity: Some(\"e1\"), attrs: {}),\n";
    assert!(src.contains(m2));
    let twice = src.replace(m2, &format!("{m2}{}", m2.replace("\"m2\"", "\"m15\"")));
    let file = dir.path().join("park.ann.ron");
    std::fs::write(&file, twice).unwrap();
    glossator()
        .args(["validate", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(contains("park.ann.ron: 1 problem"))
        .stderr(contains(
            "park.ann.ron:18:10: m15: the same Speaker on the same words as m2",
        ))
        .stderr(contains("delete one of the two"));
}

#[test]
fn a_bad_label_lists_the_schema_labels() {
    validate_fails_with(
        "bad_label.ann.ron",
        &[
            "bad_label.ann.ron:22:10: m7: label \"Qoute\" is not in schema \"news\"",
            "use one of: Speaker, Claim, Cue, Source, Target",
        ],
    );
}

#[test]
fn a_newer_version_is_refused_clearly() {
    validate_fails_with(
        "newer_version.ann.ron",
        &[
            "written in annotation format 7, by a newer glossator; this one reads formats up to 3",
            "upgrade glossator",
        ],
    );
}

#[test]
fn truncated_ron_gives_the_position_and_says_so() {
    validate_fails_with(
        "truncated.ann.ron",
        &[
            "truncated.ann.ron:24:38: Expected colon (the file looks cut short",
            "24 |         (id: \"m9\", label: \"Speaker\", f",
        ],
    );
}

#[test]
fn an_unknown_field_is_refused_not_dropped() {
    validate_fails_with(
        "unknown_field.ann.ron",
        &["unknown_field.ann.ron:9:5: unknown field `reviewer`; the fields here are `format`"],
    );
}

#[test]
fn an_empty_annotation_file_is_reported() {
    validate_fails_with("empty.ann.ron", &["the annotation file is empty"]);
}

#[test]
fn validate_reports_every_file_and_fails_if_any_fails() {
    glossator()
        .args([
            "validate",
            "tests/fixtures/v1/park.ann.ron",
            &format!("{INVALID}/bad_label.ann.ron"),
        ])
        .assert()
        .code(1)
        .stdout(contains("park.ann.ron: ok"))
        .stdout(contains("bad_label.ann.ron: 1 problem"));
}

#[test]
fn an_article_in_invalid_utf8_names_the_byte() {
    glossator()
        .args([
            "validate",
            "tests/fixtures/v1/park.ann.ron",
            "--article",
            "tests/fixtures/articles/latin1.txt",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "latin1.txt: not UTF-8 text: invalid byte 0xe9 at byte offset 3",
        ));
}

#[test]
fn a_binary_article_is_refused() {
    glossator()
        .args([
            "validate",
            "tests/fixtures/v1/park.ann.ron",
            "--article",
            "tests/fixtures/articles/binary.bin",
        ])
        .assert()
        .code(1)
        .stderr(contains(
            "binary.bin: looks like a binary file (NUL byte at byte offset 7)",
        ));
}

#[test]
fn an_empty_article_reports_the_changed_text_and_every_span() {
    let out = glossator()
        .args([
            "validate",
            "tests/fixtures/v1/park.ann.ron",
            "--article",
            "tests/fixtures/articles/empty.txt",
        ])
        .assert()
        .code(1)
        .stdout(contains("park.ann.ron: 15 problems"))
        .stderr(contains(
            "the article text changed since these annotations were made",
        ))
        .stderr(contains("0 code points"));
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.matches("ends past the end of the text").count(), 14);
}

#[test]
fn a_missing_article_says_how_to_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("park.ann.ron");
    std::fs::copy("tests/fixtures/v1/park.ann.ron", &file).unwrap();
    glossator()
        .arg("validate")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(contains(
            "its article \"park.txt\" was found neither beside it",
        ))
        .stderr(contains("--article FILE"));
}

#[test]
fn validate_finds_the_article_in_a_project_layout() {
    let dir = tempfile::tempdir().unwrap();
    let ann = dir.path().join("annotations/alice");
    std::fs::create_dir_all(&ann).unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::copy(
        "tests/fixtures/v1/park.txt",
        dir.path().join("articles/park.txt"),
    )
    .unwrap();
    std::fs::copy("tests/fixtures/v1/park.ann.ron", ann.join("park.ann.ron")).unwrap();
    glossator()
        .arg("validate")
        .arg(ann.join("park.ann.ron"))
        .assert()
        .success();
}

#[test]
fn a_broken_schema_is_reported_before_validating() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema.ron");
    std::fs::write(&schema, "(name: \"x\", labels: [").unwrap();
    glossator()
        .args(["validate", "tests/fixtures/v1/park.ann.ron", "--schema"])
        .arg(&schema)
        .assert()
        .code(1)
        .stderr(contains("schema.ron:1:"));
}

#[test]
fn stats_counts_one_file() {
    glossator()
        .args(["stats", "tests/fixtures/v1/park.ann.ron"])
        .assert()
        .success()
        .stdout(contains("tests/fixtures/v1/park.ann.ron  alice      in-progress        14         3             3          1        2"))
        .stdout(contains("labels:       Claim 3, Cue 5, Source 1, Speaker 4, Target 1"))
        .stdout(contains("entity kinds: AnonymousGroup 1, Media 1, Person 1"))
        .stdout(contains("stances:      deny 1, oppose 1"));
}

#[test]
fn stats_walks_a_folder_and_reports_broken_files() {
    let out = glossator()
        .args(["stats", INVALID])
        .assert()
        .code(1)
        .stderr(contains("truncated.ann.ron:24:38"))
        .stderr(contains(
            "newer_version.ann.ron: written in annotation format 7",
        ))
        .stderr(contains("empty.ann.ron: the annotation file is empty"))
        .stdout(contains("status:       in-progress 4"));
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // dangling id, span past end, wrong quote and bad label still parse: four rows.
    assert_eq!(stdout.matches(".ann.ron ").count(), 4, "{stdout}");
    assert!(stdout.contains("Qoute 1"), "{stdout}");
}

#[test]
fn stats_on_a_folder_without_annotations_says_so() {
    let dir = tempfile::tempdir().unwrap();
    glossator()
        .arg("stats")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("no annotation file (*.ann.ron) found"));
}

#[test]
fn completions_are_printed_for_each_shell() {
    glossator()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("_glossator()"))
        .stdout(contains("validate"));
    glossator()
        .args(["completions", "zsh"])
        .assert()
        .success()
        .stdout(contains("#compdef glossator"));
    glossator()
        .args(["completions", "fish"])
        .assert()
        .success()
        .stdout(contains("complete -c glossator"));
}

#[test]
fn the_man_page_is_built() {
    glossator()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH glossator 1"))
        .stdout(contains("validate"));
}

#[test]
fn opening_an_invalid_article_fails_before_the_terminal_starts() {
    glossator()
        .arg("tests/fixtures/articles/latin1.txt")
        .assert()
        .code(1)
        .stderr(contains("invalid byte 0xe9 at byte offset 3"))
        .stderr(predicate::str::contains("\u{1b}[?1049h").not());
}

#[test]
fn opening_an_article_with_a_broken_annotation_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("park.txt");
    std::fs::copy("tests/fixtures/v1/park.txt", &article).unwrap();
    let ann = dir.path().join("park.ann.ron");
    let broken = std::fs::read(format!("{INVALID}/truncated.ann.ron")).unwrap();
    std::fs::write(&ann, &broken).unwrap();
    glossator()
        .arg(&article)
        .assert()
        .code(1)
        .stderr(contains("park.ann.ron:24:38"));
    assert_eq!(std::fs::read(&ann).unwrap(), broken);
}

#[test]
fn an_article_path_that_climbs_out_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let inner = dir.path().join("inner");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::copy("tests/fixtures/v1/park.txt", dir.path().join("park.txt")).unwrap();
    let text = std::fs::read_to_string("tests/fixtures/v1/park.ann.ron")
        .unwrap()
        .replace("path: \"park.txt\"", "path: \"../park.txt\"");
    std::fs::write(inner.join("park.ann.ron"), text).unwrap();
    glossator()
        .arg("validate")
        .arg(inner.join("park.ann.ron"))
        .assert()
        .code(1)
        .stderr(contains(
            "its article \"../park.txt\" was found neither beside it",
        ));
}

#[test]
fn a_user_keymap_that_binds_a_key_twice_is_refused_before_the_screen_changes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.ron"),
        "(annotator: Some(\"alice\"))",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("keymap.ron"),
        "(\n  pane: {\n    \"j\": cursor_down,\n    \"j\": delete,\n  },\n)\n",
    )
    .unwrap();
    let article = dir.path().join("park.txt");
    std::fs::copy("tests/fixtures/v1/park.txt", &article).unwrap();
    let keymap = dir.path().join("keymap.ron");
    glossator()
        .arg(&article)
        .arg("--config")
        .arg(dir.path().join("config.ron"))
        .assert()
        .code(1)
        .stderr(contains(format!(
            "{}:4:5: key j is bound twice in Pane mode: to CursorDown and to Delete",
            keymap.display()
        )))
        .stderr(contains("keep one binding per key in each mode"));
    assert!(
        !dir.path().join("park.ann.ron").exists(),
        "nothing was written"
    );
}

#[test]
fn an_unknown_theme_is_refused_with_what_to_use() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("park.txt");
    std::fs::copy("tests/fixtures/v1/park.txt", &article).unwrap();
    glossator()
        .arg(&article)
        .args(["--theme", "solarized"])
        .assert()
        .code(1)
        .stderr(contains("solarized: cannot read the theme"))
        .stderr(contains(
            "use --theme dark, --theme light or the path of a theme file",
        ));
}

/// Gold is written only through curation and compare, which lock it: the editor refuses to
/// take "gold" as the annotator's name, and says how to edit gold.
#[test]
fn gold_is_refused_as_the_annotator_with_how_to_edit_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("corpus");
    glossator().arg("init").arg(&p).assert().success();
    glossator()
        .arg("add")
        .arg(&p)
        .arg("tests/fixtures/v1/park.txt")
        .assert()
        .success();
    let refused = |cmd: &mut Command| {
        cmd.assert()
            .code(2)
            .stderr(contains("\"gold\" from"))
            .stderr(contains("is the name of the adjudicated copy"))
            .stderr(contains("press C (curation) or c (compare), then e"))
            .stderr(contains("--read-only"));
    };
    refused(glossator().arg(&p).args(["--annotator", "gold"]));
    refused(glossator().arg(&p).env("GLOSSATOR_ANNOTATOR", "gold"));
    std::fs::write(dir.path().join("config.ron"), "(annotator: Some(\"gold\"))").unwrap();
    let article = p.join("articles/park.txt");
    refused(
        glossator()
            .arg(&article)
            .arg("--config")
            .arg(dir.path().join("config.ron")),
    );
    glossator()
        .arg(&p)
        .arg("--config")
        .arg(dir.path().join("config.ron"))
        .assert()
        .code(2)
        .stderr(contains("config.ron"));
    assert!(!p.join("annotations/gold").exists(), "nothing was written");
    assert!(
        !p.join("articles/park.ann.ron").exists(),
        "nothing was written"
    );
}
