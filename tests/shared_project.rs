//! A project shared through git can hold anything git stores: symbolic links (`loop -> .`,
//! an article linked to a file outside the project), file names that name an annotator
//! `..`, and texts and names with escape sequences. Each is run through the real binary
//! (or, for a screen, drawn on a `TestBackend`) as a teammate's checkout would be.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use glossator::tui::Look;
use glossator::tui::browser::{Browser, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const POLNEAR: &str = "tests/fixtures/brat/polnear-style";

/// The binary with a home of its own: no configuration, data or annotator from the machine.
fn glossator(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("glossator").unwrap();
    cmd.env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .env_remove("GLOSSATOR_ANNOTATOR")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("USER", "tester")
        .env("GLOSSATOR_DATA_DIR", home.join("glossator-data"));
    cmd
}

/// A project with the PolNeAR-style council article annotated by `a1`.
fn project(dir: &Path) -> PathBuf {
    let p = dir.join("corpus");
    glossator(dir).arg("init").arg(&p).assert().success();
    glossator(dir)
        .args(["import", "brat", POLNEAR, "--into"])
        .arg(&p)
        .assert()
        .success();
    assert!(p.join("annotations/a1/council.ann.ron").is_file());
    p
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// Every file below `dir`, links included, not followed.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if std::fs::symlink_metadata(&p).unwrap().is_dir() {
            out.extend(tree(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_folder_linked_into_itself_is_read_once_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    symlink(".", p.join("annotations/a1/loop")).unwrap();
    let folder = p.join("annotations");

    let a = glossator(dir.path())
        .arg("stats")
        .arg(&folder)
        .assert()
        .success();
    assert_eq!(
        stdout(&a).matches("council.ann.ron").count(),
        1,
        "{}",
        stdout(&a)
    );
    let err = stderr(&a);
    assert!(
        err.contains("loop") && err.contains("symbolic link"),
        "{err}"
    );

    let out = dir.path().join("out.jsonl");
    glossator(dir.path())
        .arg("export")
        .arg(&folder)
        .args(["--format", "jsonl", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);

    let a = glossator(dir.path())
        .arg("validate")
        .arg(&folder)
        .assert()
        .success();
    assert_eq!(
        stdout(&a).matches("council.ann.ron: ok").count(),
        1,
        "{}",
        stdout(&a)
    );

    let a = glossator(dir.path())
        .arg("suggest")
        .arg(&folder)
        .assert()
        .success();
    assert_eq!(
        stdout(&a).matches("new suggestion(s)").count(),
        1,
        "{}",
        stdout(&a)
    );
}

#[test]
fn two_links_into_the_same_folder_end_the_walk_too() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    symlink(".", p.join("annotations/a1/loop")).unwrap();
    symlink("..", p.join("annotations/a1/up")).unwrap();
    let a = glossator(dir.path())
        .arg("stats")
        .arg(p.join("annotations"))
        .assert()
        .success();
    assert_eq!(stdout(&a).matches("council.ann.ron").count(), 1);
    let err = stderr(&a);
    assert!(err.contains("loop") && err.contains("up"), "{err}");
}

#[test]
fn a_project_reads_no_linked_annotator_article_or_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    std::fs::write(
        dir.path().join("secret.txt"),
        "Private words, not an article.\n",
    )
    .unwrap();
    symlink("a1", p.join("annotations/bob")).unwrap();
    std::fs::create_dir(p.join("annotations/carol")).unwrap();
    symlink(
        "../a1/council.ann.ron",
        p.join("annotations/carol/council.ann.ron"),
    )
    .unwrap();
    symlink("../../secret.txt", p.join("articles/leak.txt")).unwrap();

    let a = glossator(dir.path())
        .arg("stats")
        .arg(&p)
        .arg("--json")
        .assert()
        .success();
    let summary: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(summary["annotators"], serde_json::json!(["a1"]));
    let articles: Vec<&str> = summary["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(articles, ["council.txt"]);
    let err = stderr(&a);
    for link in ["bob", "carol", "leak.txt"] {
        assert!(
            err.contains(link),
            "{link} is not reported as skipped: {err}"
        );
    }

    let out = dir.path().join("out.jsonl");
    glossator(dir.path())
        .arg("export")
        .arg(&p)
        .args(["--format", "jsonl", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);

    glossator(dir.path())
        .arg("agree")
        .arg(&p)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("needs two annotators"));

    let a = glossator(dir.path())
        .args(["suggest", "--annotator", "zoe"])
        .arg(&p)
        .assert()
        .success();
    assert!(stdout(&a).contains("to 1 file(s)"), "{}", stdout(&a));
    assert!(!p.join("annotations/zoe/leak.ann.ron").exists());
}

/// A copy of the PolNeAR-style brat folder in `dir/name`.
fn brat_folder(dir: &Path, name: &str) -> PathBuf {
    let b = dir.join(name);
    std::fs::create_dir(&b).unwrap();
    for f in ["council.txt", "council_a1.ann"] {
        std::fs::copy(Path::new(POLNEAR).join(f), b.join(f)).unwrap();
    }
    b
}

#[test]
fn brat_import_of_a_folder_linked_into_itself_imports_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("corpus");
    glossator(dir.path()).arg("init").arg(&p).assert().success();
    let b = brat_folder(dir.path(), "brat");
    symlink(".", b.join("loop")).unwrap();
    let a = glossator(dir.path())
        .args(["import", "brat"])
        .arg(&b)
        .arg("--into")
        .arg(&p)
        .assert()
        .success();
    assert!(stdout(&a).contains("imported 1 file(s)"), "{}", stdout(&a));
    assert!(stderr(&a).contains("symbolic link"), "{}", stderr(&a));
}

#[test]
fn brat_import_reads_no_text_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("corpus");
    glossator(dir.path()).arg("init").arg(&p).assert().success();
    std::fs::write(dir.path().join("secret.txt"), "Private words.\n").unwrap();
    let b = dir.path().join("brat");
    std::fs::create_dir(&b).unwrap();
    std::fs::write(b.join("other.ann"), "").unwrap();
    symlink("../secret.txt", b.join("other.txt")).unwrap();
    let a = glossator(dir.path())
        .args(["import", "brat"])
        .arg(&b)
        .arg("--into")
        .arg(&p)
        .assert()
        .code(1);
    assert!(stderr(&a).contains("symbolic link"), "{}", stderr(&a));
    assert_eq!(tree(&p.join("articles")), Vec::<PathBuf>::new());
}

#[test]
fn a_brat_file_name_cannot_make_an_annotator_outside_the_annotations_folder() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("corpus");
    glossator(dir.path()).arg("init").arg(&p).assert().success();
    let b = dir.path().join("brat");
    std::fs::create_dir(&b).unwrap();
    std::fs::copy(Path::new(POLNEAR).join("council.txt"), b.join("story.txt")).unwrap();
    std::fs::copy(
        Path::new(POLNEAR).join("council_a1.ann"),
        b.join("story_...ann"),
    )
    .unwrap();
    let a = glossator(dir.path())
        .args(["import", "brat"])
        .arg(&b)
        .arg("--into")
        .arg(&p)
        .assert()
        .code(1);
    let err = stderr(&a);
    assert!(
        err.contains("story_...ann") && err.contains("brat file name"),
        "{err}"
    );
    assert!(
        !p.join("story.ann.ron").exists(),
        "written into the project root"
    );
    assert_eq!(tree(&p.join("annotations")), Vec::<PathBuf>::new());
}

#[test]
fn bad_annotator_names_are_refused_from_the_flag_the_config_and_user() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let before = tree(&p);
    for bad in [
        "..",
        "../x",
        "a/b",
        "a\\b",
        ".hidden",
        "",
        "a\u{1b}[2Jb",
        "a\u{85}b",
    ] {
        for cmd in [vec!["suggest"], vec![]] {
            let a = glossator(dir.path())
                .args(&cmd)
                .arg(&p)
                .arg("--annotator")
                .arg(bad)
                .assert()
                .code(2);
            let err = stderr(&a);
            assert!(err.contains("--annotator"), "{bad:?} {cmd:?}: {err}");
            assert!(!err.contains('\u{1b}'), "{err}");
        }
    }
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "(annotator: Some(\"../x\"))").unwrap();
    let a = glossator(dir.path())
        .arg("suggest")
        .arg("--config")
        .arg(&config)
        .arg(&p)
        .assert()
        .code(2);
    assert!(stderr(&a).contains("config.ron"), "{}", stderr(&a));
    for user in ["..", ".x", "a/b"] {
        let a = glossator(dir.path())
            .env("USER", user)
            .arg("suggest")
            .arg(&p)
            .assert()
            .code(2);
        assert!(stderr(&a).contains("$USER"), "{}", stderr(&a));
    }
    assert_eq!(tree(&p), before, "nothing was written");
}

#[test]
fn an_annotator_folder_with_a_bad_name_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    for bad in [".hidden", "x\u{1b}[2J"] {
        std::fs::create_dir(p.join("annotations").join(bad)).unwrap();
        std::fs::copy(
            p.join("annotations/a1/council.ann.ron"),
            p.join("annotations").join(bad).join("council.ann.ron"),
        )
        .unwrap();
    }
    let a = glossator(dir.path())
        .arg("stats")
        .arg(&p)
        .arg("--json")
        .assert()
        .success();
    let summary: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(summary["annotators"], serde_json::json!(["a1"]));
    assert!(stderr(&a).contains("x\u{241b}[2J"), "{}", stderr(&a));
}

/// Control, C1 and bidi characters that would act on a terminal.
const HOSTILE: [char; 5] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{85}'];

fn assert_inert(what: &str, out: &str) {
    for c in HOSTILE {
        assert!(!out.contains(c), "{what} printed {c:?}: {out:?}");
    }
}

/// A project with an article whose title retitles the terminal and clears the screen, and a
/// note that writes the clipboard.
fn hostile_project(dir: &Path) -> PathBuf {
    let p = dir.join("corpus");
    glossator(dir).arg("init").arg(&p).assert().success();
    let b = dir.join("brat");
    std::fs::create_dir(&b).unwrap();
    std::fs::write(
        b.join("story.txt"),
        "Title \u{1b}]0;pwned\u{7} and \u{1b}[2J \u{9b}31m \u{202e}drawkcab\n\nMayor Ruiz said no.\n",
    )
    .unwrap();
    std::fs::write(
        b.join("story.ann"),
        "T1\tSpeaker 42 52\tMayor Ruiz\n#1\tAnnotatorNotes T1\tnote \u{1b}]52;c;cHduZWQ=\u{7} end\n",
    )
    .unwrap();
    let a = glossator(dir)
        .args(["import", "brat"])
        .arg(&b)
        .arg("--into")
        .arg(&p)
        .assert()
        .success();
    assert_inert("import", &(stdout(&a) + &stderr(&a)));
    p
}

#[test]
fn escape_sequences_in_titles_and_notes_reach_no_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = hostile_project(dir.path());
    let a = glossator(dir.path())
        .arg("stats")
        .arg(&p)
        .assert()
        .success();
    let out = stdout(&a);
    assert_inert("stats", &(out.clone() + &stderr(&a)));
    assert!(out.contains("Title \u{241b}]0;pwned\u{2407}"), "{out}");

    let a = glossator(dir.path())
        .args(["stats", "--json"])
        .arg(&p)
        .assert()
        .success();
    assert_inert("stats --json", &stdout(&a));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert!(
        summary["articles"][0]["title"]
            .as_str()
            .unwrap()
            .contains('\u{202e}'),
        "JSON escapes, and keeps, the title's characters"
    );

    let a = glossator(dir.path())
        .arg("export")
        .arg(&p)
        .args(["--format", "conll", "-o"])
        .arg(dir.path().join("out.conll"))
        .assert()
        .success();
    let report = stderr(&a);
    assert!(report.contains("notes"), "{report}");
    assert_inert("the export loss report", &report);

    let a = glossator(dir.path())
        .args(["suggest", "--annotator", "zoe"])
        .arg(&p)
        .assert()
        .success();
    assert_inert("suggest", &(stdout(&a) + &stderr(&a)));
}

#[test]
fn file_names_with_escape_sequences_reach_no_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let hostile = dir.path().join("shared");
    std::fs::create_dir(&hostile).unwrap();
    let txt = hostile.join("a\u{1b}]0;pwned\u{7}\u{202e}.txt");
    std::fs::write(&txt, "\u{201c}We will,\u{201d} she said.\n").unwrap();

    let a = glossator(dir.path())
        .arg("add")
        .arg(&p)
        .arg(&txt)
        .assert()
        .success();
    assert_inert("add", &stdout(&a));
    assert!(stdout(&a).contains('\u{241b}'), "{}", stdout(&a));

    let a = glossator(dir.path())
        .arg("suggest")
        .arg(&txt)
        .assert()
        .success();
    assert_inert("suggest", &(stdout(&a) + &stderr(&a)));

    let ann = hostile.join("a\u{1b}]0;pwned\u{7}\u{202e}.ann.ron");
    let a = glossator(dir.path()).arg("validate").arg(&ann).assert();
    assert_inert("validate", &(stdout(&a) + &stderr(&a)));

    // An error that reaches the binary's own error printing.
    let a = glossator(dir.path())
        .arg("export")
        .arg(hostile.join("gone\u{1b}[2J"))
        .args(["--format", "jsonl", "-o"])
        .arg(dir.path().join("x.jsonl"))
        .assert()
        .code(1);
    assert!(stderr(&a).contains("gone\u{241b}[2J"), "{}", stderr(&a));
    assert_inert("an error", &stderr(&a));
}

#[test]
fn html_import_drops_control_characters_from_the_text_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let page = dir.path().join("page.html");
    let para = "The council met on Monday and the mayor said the park would be built \
                this year, with work starting in the spring and ending before the winter. \
                Critics said the plan was too expensive and that the budget would grow.";
    std::fs::write(
        &page,
        format!(
            "<html><head><title>Park &#27;]0;pwned&#7; plan \u{1b}[2J news</title></head>\
             <body><article><h1>Park plan</h1><p>{para} \u{1b}[31mred&#27;[0m</p>\
             <p>{para}</p><p>{para}</p></article></body></html>"
        ),
    )
    .unwrap();
    let a = glossator(dir.path())
        .arg("add")
        .arg(&p)
        .arg(&page)
        .assert()
        .success();
    assert!(stdout(&a).contains("articles/page.txt"), "{}", stdout(&a));
    let text = std::fs::read_to_string(p.join("articles/page.txt")).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("red[0m"), "{text:?}");
}

#[test]
fn the_review_shows_a_bidi_override_in_an_annotator_name_as_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let file = p.join("annotations/a1/council.ann.ron");
    let ron = std::fs::read_to_string(&file).unwrap();
    assert!(ron.contains("annotator: \"a1\""), "{ron}");
    std::fs::write(
        &file,
        ron.replace("annotator: \"a1\"", "annotator: \"ev\u{202e}il\""),
    )
    .unwrap();

    let project = glossator::project::Project::open(&p).unwrap();
    let mut b = Browser::new(project, "a1", Look::default());
    b.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE));
    b.settle();
    let mut t = Terminal::new(TestBackend::new(160, 8)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    let buffer = t.backend().buffer();
    let lines: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    let screen = lines.join("\n");
    assert!(screen.contains("article · annotator"), "{screen}");
    assert!(screen.contains("ev\u{fffd}il"), "{screen}");
    assert!(!screen.contains('\u{202e}'), "{screen}");
}

/// A dangling link planted in `articles/` under the name `add` would pick, and a link in the
/// folder `export -o` writes into: neither is written through (the export names it).
#[test]
fn add_and_export_never_write_through_a_planted_link() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let outside = dir.path().join("outside.txt");
    symlink(&outside, p.join("articles/story.txt")).unwrap();
    let src = dir.path().join("story.txt");
    std::fs::write(&src, "A Story\n\nSomeone said something.\n").unwrap();
    // The name is taken (by a link that points nowhere): the article gets another one.
    glossator(dir.path())
        .arg("add")
        .arg(&p)
        .arg(&src)
        .assert()
        .success();
    assert!(
        !outside.exists(),
        "nothing is created where the link points"
    );
    assert!(p.join("articles/story-2.txt").is_file());

    let out = dir.path().join("brat-out");
    std::fs::create_dir(&out).unwrap();
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    symlink(&precious, out.join("council.ann")).unwrap();
    let a = glossator(dir.path())
        .arg("export")
        .arg(&p)
        .args(["--format", "brat", "-o"])
        .arg(&out)
        .assert()
        .failure();
    assert!(stderr(&a).contains("symbolic link"), "{}", stderr(&a));
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");

    let jsonl = dir.path().join("all.jsonl");
    symlink(&precious, &jsonl).unwrap();
    let a = glossator(dir.path())
        .arg("export")
        .arg(&p)
        .args(["--format", "jsonl", "-o"])
        .arg(&jsonl)
        .assert()
        .failure();
    assert!(stderr(&a).contains("symbolic link"), "{}", stderr(&a));
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
}
