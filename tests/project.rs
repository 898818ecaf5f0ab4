//! Projects as a user builds them: `init`, `add` of text, Markdown and HTML (the extracted
//! text checked against the committed expectation), duplicates and name clashes, and bad
//! input that is refused with a clear message and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

fn glossator() -> Command {
    let mut cmd = Command::cargo_bin("glossator").unwrap();
    cmd.env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .env_remove("GLOSSATOR_ANNOTATOR");
    cmd
}

const FIXTURES: &str = "tests/fixtures/ingest";

fn project(dir: &Path) -> PathBuf {
    let p = dir.join("corpus");
    glossator()
        .arg("init")
        .arg(&p)
        .assert()
        .success()
        .stdout(contains("created the project corpus"));
    p
}

/// Every file and its contents below `dir`, to show nothing changed.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walk(dir) {
        let data = std::fs::read(&e).unwrap();
        out.push((e, data));
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn html_and_markdown_come_in_as_their_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    for name in [
        "wikimediafoundation_turkey_2020-01-15",
        "rust-blog_laying-the-foundation-for-rusts-future",
    ] {
        let source = std::fs::read_dir(FIXTURES)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|f| {
                f.file_stem().unwrap().to_string_lossy() == name && f.extension().unwrap() != "txt"
            })
            .unwrap();
        glossator()
            .arg("add")
            .arg(&p)
            .arg(&source)
            .assert()
            .success()
            .stdout(contains(format!("-> articles/{name}.txt")));
        let got = std::fs::read_to_string(p.join(format!("articles/{name}.txt"))).unwrap();
        let expected = std::fs::read_to_string(format!("{FIXTURES}/{name}.expected.txt")).unwrap();
        assert_eq!(got, expected, "{name}");
        for chrome in [
            "Skip to content",
            "<script",
            "function(",
            "Privacy policy",
            "Search for:",
            "+++",
            "](http",
            "**",
        ] {
            assert!(!got.contains(chrome), "{name} still has {chrome:?}");
        }
    }
    let turkey =
        std::fs::read_to_string(p.join("articles/wikimediafoundation_turkey_2020-01-15.txt"))
            .unwrap();
    assert!(turkey.starts_with(
        "Access to Wikipedia restored in Turkey after more than two and a half years\n\n"
    ));
    assert!(
        turkey.contains("said Katherine Maher, Executive Director of the Wikimedia Foundation")
    );
}

#[test]
fn the_same_text_twice_is_found_and_a_name_clash_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let a = dir.path().join("story.txt");
    std::fs::write(&a, "First story.\r\n").unwrap();
    glossator().arg("add").arg(&p).arg(&a).assert().success();
    let copy = dir.path().join("copy.txt");
    std::fs::write(&copy, "\u{feff}First story.\n").unwrap();
    glossator()
        .arg("add")
        .arg(&p)
        .arg(&copy)
        .assert()
        .success()
        .stdout(contains(
            "the same text is already articles/story.txt; not added again",
        ));
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("story.txt"), "Second story.\n").unwrap();
    glossator()
        .arg("add")
        .arg(&p)
        .arg(other.join("story.txt"))
        .assert()
        .success()
        .stdout(contains("-> articles/story-2.txt"));
    assert_eq!(
        std::fs::read_to_string(p.join("articles/story.txt")).unwrap(),
        "First story.\n"
    );
}

#[test]
fn bad_input_is_refused_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let before = snapshot(&p);
    let empty_page = dir.path().join("front.html");
    std::fs::write(
        &empty_page,
        "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>",
    )
    .unwrap();
    glossator()
        .arg("add")
        .arg(&p)
        .arg(&empty_page)
        .arg(dir.path())
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(1)
        .stderr(contains("front.html: no article text found in this page"))
        .stderr(contains(
            "is a folder; give article files (.txt, .md, .html)",
        ))
        .stderr(contains("missing.txt: cannot read"));
    assert_eq!(snapshot(&p), before, "nothing was written");

    let not_project = dir.path().join("plain");
    std::fs::create_dir(&not_project).unwrap();
    glossator()
        .arg("add")
        .arg(&not_project)
        .arg(&empty_page)
        .assert()
        .code(1)
        .stderr(contains(
            "not a glossator project: there is no glossator.ron",
        ))
        .stderr(contains("glossator init"));
    std::fs::write(
        p.join("glossator.ron"),
        "(format: 1, name: \"x\", colour: 3)",
    )
    .unwrap();
    let before = snapshot(&p);
    glossator()
        .arg("add")
        .arg(&p)
        .arg(format!(
            "{FIXTURES}/rust-blog_laying-the-foundation-for-rusts-future.md"
        ))
        .assert()
        .code(1)
        .stderr(contains("glossator.ron:1:"));
    assert_eq!(snapshot(&p), before);
    glossator()
        .arg("init")
        .arg(&p)
        .assert()
        .code(1)
        .stderr(contains("this folder is a glossator project already"));
}

#[test]
fn stats_of_a_project_give_progress_per_annotator_and_a_row_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    glossator()
        .args([
            "import",
            "brat",
            "tests/fixtures/brat/polnear-style",
            "--into",
        ])
        .arg(&p)
        .assert()
        .success();
    glossator()
        .arg("add")
        .arg(&p)
        .arg(format!(
            "{FIXTURES}/rust-blog_laying-the-foundation-for-rusts-future.md"
        ))
        .assert()
        .success();
    let out = glossator().arg("stats").arg(&p).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("project corpus: 2 articles, 1 annotator\n"),
        "{text}"
    );
    let a1 = text.lines().find(|l| l.starts_with("a1 ")).unwrap();
    let cells: Vec<&str> = a1.split_whitespace().collect();
    // annotator, todo, in-progress, done, reviewed, mentions, attributions, sourcings, stances
    assert_eq!(
        cells,
        ["a1", "1", "0", "1", "0", "12", "4", "0", "0"],
        "{text}"
    );
    assert!(text.contains("council.txt"), "{text}");
    assert!(text.contains("done (12)"), "{text}");
    let out = glossator()
        .arg("stats")
        .arg(&p)
        .arg("--json")
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["annotators"][0], "a1");
    let council = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "council.txt")
        .unwrap();
    assert_eq!(council["title"], "Council Backs Riverside Park Plan");
    assert_eq!(council["files"]["a1"]["status"], "done");
    assert_eq!(council["files"]["a1"]["labels"]["Claim"], 5);
}

fn stats(p: &Path) -> (String, String) {
    let out = glossator().arg("stats").arg(p).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_summary_cache_is_used_only_while_every_file_is_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    glossator()
        .args([
            "import",
            "brat",
            "tests/fixtures/brat/polnear-style",
            "--into",
        ])
        .arg(&p)
        .assert()
        .success();
    let first = stats(&p);
    assert!(first.0.contains("done (12)"), "{first:?}");
    // The cache is written, and kept out of version control.
    let cache = p.join(".cache/summary.bin");
    assert!(cache.is_file());
    assert_eq!(
        std::fs::read_to_string(p.join(".cache/.gitignore")).unwrap(),
        "# glossator's cache\n*\n"
    );
    assert_eq!(stats(&p), first, "the same answer from the cache");

    // Rewritten in place, same length and inode: only the modification time tells.
    let file = p.join("annotations/a1/council.ann.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("status: Done,"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, text.replace("status: Done,", "status: Todo,")).unwrap();
    let (out, _) = stats(&p);
    assert!(
        out.contains("todo (12)") && !out.contains("done (12)"),
        "{out}"
    );

    // A damaged file is reported every time, from the cache too.
    std::fs::write(&file, "(format: 1, article: (").unwrap();
    for _ in 0..2 {
        let (out, err) = stats(&p);
        assert!(err.contains("council.ann.ron"), "{err}");
        assert!(!out.contains("(8)"), "{out}");
    }

    // A removed file leaves the summary; a new article joins it.
    std::fs::remove_file(&file).unwrap();
    glossator()
        .arg("add")
        .arg(&p)
        .arg(format!(
            "{FIXTURES}/rust-blog_laying-the-foundation-for-rusts-future.md"
        ))
        .assert()
        .success();
    let (out, err) = stats(&p);
    assert!(err.is_empty(), "{err}");
    assert!(
        out.starts_with("project corpus: 2 articles, 0 annotators\n"),
        "{out}"
    );

    // A damaged cache, or one from another version, is read again from the files.
    for junk in [
        "{\"version\": 99, \"articles\": {}, \"files\": {}}",
        "\u{0}garbage",
    ] {
        std::fs::write(&cache, junk).unwrap();
        assert_eq!(stats(&p).0, out);
        let rebuilt = std::fs::read(&cache).unwrap();
        assert!(
            rebuilt.windows(11).any(|w| w == b"council.txt"),
            "the cache is written again"
        );
    }
}

/// `rm` takes an article out with every annotator's file of it (and the backup beside one),
/// into `.trash/` in the project's own layout, byte for byte; copying that back restores it.
/// An article open somewhere is not removed, and a name that is no article's says so.
#[test]
fn rm_moves_an_article_and_its_annotations_to_the_trash_and_refuses_an_open_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let (a1, b2) = council_by_two(&p);
    let before = snapshot(&p);

    glossator()
        .args(["rm"])
        .arg(&p)
        .arg("counsil")
        .assert()
        .code(1)
        .stderr(contains("no such article in this project"))
        .stderr(contains("`glossator stats PROJECT` lists the articles"));
    glossator()
        .args(["rm"])
        .arg(&p)
        .arg("coun")
        .assert()
        .code(1)
        .stderr(contains("did you mean council.txt?"));

    let held = glossator::store::guard::FileLock::acquire(&b2).unwrap();
    glossator()
        .args(["rm"])
        .arg(&p)
        .arg("council.txt")
        .assert()
        .code(1)
        .stderr(contains("the article is open in glossator"))
        .stderr(contains("nothing was removed"));
    drop(held);
    assert_eq!(snapshot(&p), before, "a refused rm changes nothing");

    let out = glossator()
        .args(["rm"])
        .arg(&p)
        .arg("articles/council.txt")
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        said.starts_with("removed articles/council.txt with 2 annotation files; kept in "),
        "{said}"
    );
    assert!(!p.join("articles/council.txt").exists());
    assert!(!a1.exists() && !b2.exists());
    let trash_root = p.join(".trash");
    assert_eq!(
        std::fs::read_to_string(trash_root.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*"),
        "git never commits the trash"
    );
    let trash: Vec<PathBuf> = std::fs::read_dir(&trash_root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|e| e.is_dir())
        .collect();
    let [trash] = trash.as_slice() else {
        panic!("{trash:?}")
    };
    assert!(
        trash
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("council-20"),
        "{trash:?}"
    );
    // Everything that went is in the trash, at the same place and with the same bytes.
    for (path, bytes) in &before {
        let inside = path.strip_prefix(&p).unwrap();
        if path.exists() {
            continue;
        }
        assert_eq!(
            &std::fs::read(trash.join(inside)).unwrap(),
            bytes,
            "{inside:?}"
        );
    }
    let stats = glossator().arg("stats").arg(&p).assert().success();
    let stats = String::from_utf8(stats.get_output().stdout.clone()).unwrap();
    assert!(!stats.contains("council"), "{stats}");

    // Restoring is a copy of the trash folder's contents back into the project.
    for file in walk(trash) {
        let to = p.join(file.strip_prefix(trash).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&file, &to).unwrap();
    }
    glossator().arg("validate").arg(&a1).assert().success();
    assert!(p.join("articles/council.txt").exists());
}

/// The council article annotated by a1 (imported) and b2 (a copy), with a backup beside b2's.
fn council_by_two(p: &Path) -> (PathBuf, PathBuf) {
    glossator()
        .args([
            "import",
            "brat",
            "tests/fixtures/brat/polnear-style",
            "--into",
        ])
        .arg(p)
        .assert()
        .success();
    let a1 = p.join("annotations/a1/council.ann.ron");
    std::fs::create_dir_all(p.join("annotations/b2")).unwrap();
    let b2 = p.join("annotations/b2/council.ann.ron");
    std::fs::write(
        &b2,
        std::fs::read_to_string(&a1)
            .unwrap()
            .replace("annotator: \"a1\"", "annotator: \"b2\""),
    )
    .unwrap();
    std::fs::write(p.join("annotations/b2/council.ann.ron~"), "an older save").unwrap();
    (a1, b2)
}

/// `assign` gives articles to annotators (spread so each has two and the load is even),
/// takes them back, lists them; `stats` shows each one's share and what is left, and a
/// damaged assignments.ron is named with its position.
#[test]
fn assign_spreads_articles_and_stats_shows_each_share() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let (a1, _b2) = council_by_two(&p);
    for name in ["one", "two", "three"] {
        let f = dir.path().join(format!("{name}.txt"));
        std::fs::write(&f, format!("Article {name}.\n\nThe {name} said so.\n")).unwrap();
        glossator().arg("add").arg(&p).arg(&f).assert().success();
    }
    glossator()
        .args(["assign"])
        .arg(&p)
        .assert()
        .success()
        .stdout(contains("no articles are assigned yet (4 article(s))"));
    glossator()
        .args(["assign", "--to", "a1,b2,cy"])
        .arg(&p)
        .assert()
        .code(1)
        .stderr(contains("name the articles to give to a1, b2, cy"));
    glossator()
        .args(["assign", "--to", "a1,b2,cy", "--spread", "2"])
        .arg(&p)
        .assert()
        .success()
        .stdout(contains("8 assignment(s) made"));
    let listing = glossator().args(["assign"]).arg(&p).assert().success();
    let listing = String::from_utf8(listing.get_output().stdout.clone()).unwrap();
    let counts: Vec<usize> = listing
        .lines()
        .filter(|l| !l.starts_with("not assigned"))
        .map(|l| {
            l.split(": ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), 8, "{listing}");
    assert!(counts.iter().all(|n| (2..=3).contains(n)), "{listing}");
    assert!(listing.contains("not assigned: 0 article(s)"), "{listing}");
    glossator()
        .arg("assign")
        .arg(&p)
        .args(["--to", "dee", "council"])
        .assert()
        .success()
        .stdout(contains("1 assignment(s) made; dee has 1"));
    glossator()
        .arg("assign")
        .arg(&p)
        .args(["--to", "dee", "--remove", "council.txt"])
        .assert()
        .success()
        .stdout(contains("1 assignment(s) taken back; dee has 0"));
    glossator()
        .arg("assign")
        .arg(&p)
        .args(["--to", "../x", "one"])
        .assert()
        .code(2)
        .stderr(contains("path separator"));

    stats_show_each_share(&p, &a1);

    std::fs::write(p.join("assignments.ron"), "{\n  \"one.txt\": [\"a1\",\n").unwrap();
    glossator()
        .args(["assign"])
        .arg(&p)
        .assert()
        .code(1)
        .stderr(contains("assignments.ron:2:20"))
        .stderr(contains("a map from article to annotators"));
}

/// `stats` of a project with assignments: eight of them in all, and a1's row has its share
/// with the council article (done) not to go.
fn stats_show_each_share(p: &Path, a1: &Path) {
    let json = glossator()
        .args(["stats", "--json"])
        .arg(p)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    let given: usize = v["assigned"]
        .as_object()
        .unwrap()
        .values()
        .map(|w| w.as_array().unwrap().len())
        .sum();
    assert_eq!(given, 8, "{}", v["assigned"]);
    let stats = glossator().arg("stats").arg(p).assert().success();
    let stats = String::from_utf8(stats.get_output().stdout.clone()).unwrap();
    let header = stats.lines().nth(1).unwrap();
    assert!(
        header.starts_with("annotator  assigned  to go  todo"),
        "{stats}"
    );
    let a1_row: Vec<&str> = stats
        .lines()
        .find(|l| l.starts_with("a1 "))
        .unwrap()
        .split_whitespace()
        .collect();
    let assigned: usize = a1_row[1].parse().unwrap();
    let done_council = v["assigned"]["council.txt"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w == "a1");
    assert_eq!(
        a1_row[2].parse::<usize>().unwrap(),
        assigned - usize::from(done_council),
        "a1's council file is done, the rest is to go: {stats}"
    );
    assert!(a1.exists());
}

#[test]
fn stats_count_gold_apart_from_the_annotators() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    glossator()
        .args([
            "import",
            "brat",
            "tests/fixtures/brat/polnear-style",
            "--into",
        ])
        .arg(&p)
        .assert()
        .success();
    glossator()
        .arg("add")
        .arg(&p)
        .arg(format!(
            "{FIXTURES}/rust-blog_laying-the-foundation-for-rusts-future.md"
        ))
        .assert()
        .success();
    // Gold as curation writes it: a1's work, under gold's name, in gold's folder.
    let a1 = std::fs::read_to_string(p.join("annotations/a1/council.ann.ron")).unwrap();
    std::fs::create_dir_all(p.join("annotations/gold")).unwrap();
    std::fs::write(
        p.join("annotations/gold/council.ann.ron"),
        a1.replace("annotator: \"a1\"", "annotator: \"gold\""),
    )
    .unwrap();
    let out = glossator().arg("stats").arg(&p).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("project corpus: 2 articles, 1 annotator, gold on 1 article\n"),
        "{text}"
    );
    let team: Vec<&str> = text.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    assert!(
        team.iter().all(|l| !l.starts_with("gold")),
        "gold is no annotator: {text}"
    );
    assert!(team.iter().any(|l| l.starts_with("a1 ")), "{text}");
    let council = text.lines().find(|l| l.starts_with("council.txt")).unwrap();
    assert_eq!(
        council.matches("done (12)").count(),
        2,
        "a1 and gold: {text}"
    );
    // The labels counted are the annotators' work, not gold's copy of it.
    let labels = text.lines().find(|l| l.starts_with("labels:")).unwrap();
    assert!(labels.contains("Claim 5"), "{labels}");
}
