//! Curation of one article across six annotators, as a lead does it in the browser: the
//! readings with their votes, gold pre-filled with what all (then most) agree on, the
//! remaining disputes accepted or rejected by key, saved, reopened where it was left, and the
//! gold file valid.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;
mod support;

use std::path::{Path, PathBuf};

use crossterm::event::Event;
use glossator::curation::Decision;
use glossator::project::Project;
use glossator::schema::Schema;
use glossator::tui::Look;
use glossator::tui::browser::{Browser, View, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use screen::key;

const FIXTURE: &str = "tests/fixtures/brat/polnear-style";

/// Six annotators of the council article in brat: a1, a2 and a6 alike; a3 marks the second
/// claim shorter ("the plan"); a4 gives the first claim to the Critics; a5 leaves the first
/// cue out. Returns the brat folder.
pub fn six_annotators(dir: &Path) -> PathBuf {
    let src = dir.join("brat");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::copy(
        Path::new(FIXTURE).join("council.txt"),
        src.join("council.txt"),
    )
    .unwrap();
    let a1 = std::fs::read_to_string(Path::new(FIXTURE).join("council_a1.ann")).unwrap();
    let a3 = a1.replace(
        "T7\tContent 148 174\tthe plan was too expensive",
        "T7\tContent 148 156\tthe plan",
    );
    let a4 = a1.replace(
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T5",
    );
    let a5 = a1
        .replace("T3\tCue 108 122\ttold reporters\n", "")
        .replace(" Cue:T3", "");
    for (who, text) in [
        ("a1", &a1),
        ("a2", &a1),
        ("a3", &a3),
        ("a4", &a4),
        ("a5", &a5),
        ("a6", &a1),
    ] {
        std::fs::write(src.join(format!("council_{who}.ann")), text).unwrap();
    }
    assert!(a3 != a1 && a4 != a1 && a5 != a1);
    src
}

fn project(dir: &Path) -> Project {
    let p = Project::init(&dir.join("corpus"), None).unwrap();
    let imported = glossator::brat::import_dir(
        &six_annotators(dir),
        &p,
        &glossator::brat::Mapping::polnear(),
        &Schema::news(),
        "a1",
    )
    .unwrap();
    assert_eq!((imported.done.len(), imported.failed.len()), (6, 0));
    p
}

fn press(b: &mut Browser, keys: &[&str]) {
    for k in keys {
        let Event::Key(ev) = key(k) else { panic!() };
        b.key(ev);
        // As the loop does: files read beside it come in before the next key.
        b.settle();
    }
}

fn view(b: &Browser) -> &glossator::tui::curation::CurationView {
    let View::Curation(v) = &b.view else {
        panic!("curation is open: {:?}", b.message)
    };
    v
}

/// The selected reading's words.
fn selected(b: &Browser) -> (String, String, usize) {
    let v = view(b);
    let var = &v.curation.variants[v.index];
    (
        v.article.text[var.start()..var.end()].to_owned(),
        var.links.clone(),
        var.by.len(),
    )
}

fn screen(b: &Browser) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
    t.draw(|f| render(b, f)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn six_annotators_are_curated_into_gold_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let gold_path = p.annotation_path("gold", "council.txt");
    let mut b = Browser::new(p, "lead", Look::default());
    press(&mut b, &["C"]);
    opened_with_every_reading(&b);

    // Pre-fill: what all six agree on, then what most (four of six) do.
    press(&mut b, &["P"]);
    let all_agree = view(&b).curation.gold.annotations.mentions.len();
    assert!(
        view(&b).message.as_deref().unwrap().starts_with(&format!(
            "{all_agree} reading(s) all annotators agree on (6 of 6"
        )),
        "{:?}",
        view(&b).message
    );
    press(&mut b, &["M"]);
    let v = view(&b);
    assert_eq!(
        v.curation.gold.annotations.mentions.len(),
        all_agree + 3,
        "five of six each: the first claim said by Ana Ruiz, the longer second claim, the cue"
    );
    // The first claim: five said Ana Ruiz, one the Critics; the majority's is in gold.
    let (open, _) = v.curation.open_counts();
    assert!(open >= 2, "the minority readings are left open: {open}");

    settle_the_disputes(&mut b);
    let v = view(&b);
    assert!(v.dirty);
    press(&mut b, &["s"]);
    assert!(
        view(&b)
            .message
            .as_deref()
            .unwrap()
            .starts_with("gold saved: "),
        "{:?}",
        view(&b).message
    );
    press(&mut b, &["esc"]);
    assert!(matches!(b.view, View::List), "esc closes the view");
    assert!(!b.quit, "and does not quit");

    // Reopened: gold is where it was left.
    press(&mut b, &["C"]);
    let v = view(&b);
    let again = v
        .curation
        .variants
        .iter()
        .enumerate()
        .find(|(_, x)| v.article.text[x.start()..x.end()] == *"the plan")
        .map(|(i, _)| v.curation.decision(i));
    assert_eq!(again, Some(Decision::Accepted));
    press(&mut b, &["esc"]);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_glossator"))
        .arg("validate")
        .arg(&gold_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn curation_of_an_article_no_one_annotated_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    p.add_text("second", "A Second Story\n\nNobody said anything yet.\n")
        .unwrap();
    let mut b = Browser::new(p, "lead", Look::default());
    press(&mut b, &["j", "C"]);
    assert!(matches!(b.view, View::List));
    assert_eq!(
        b.message.as_deref(),
        Some("no annotator has a file for second.txt yet: nothing to curate")
    );
}

/// The six annotators, their readings with the votes, and the screen as it opens.
fn opened_with_every_reading(b: &Browser) {
    let v = view(b);
    assert_eq!(v.curation.annotators, ["a1", "a2", "a3", "a4", "a5", "a6"]);
    let votes = |text: &str, links: &str| {
        v.curation
            .variants
            .iter()
            .find(|x| v.article.text[x.start()..x.end()] == *text && x.links == links)
            .map(|x| x.by.len())
    };
    assert_eq!(
        votes("the plan was too expensive", "said by Critics"),
        Some(5)
    );
    assert_eq!(votes("the plan", "said by Critics"), Some(1));
    assert_eq!(votes("told reporters", ""), Some(5));
    assert_eq!(
        votes("We will build the park … we will build it this year", ""),
        None,
        "a reading is its fragments, not its extent"
    );
    let screen_text = screen(b);
    assert!(
        screen_text.contains("6 annotators (a1, a2, a3, a4, a5, a6) · 14 readings, 14 open"),
        "{screen_text}"
    );
    assert!(screen_text.contains("P gold: all agree"), "{screen_text}");
    assert!(
        [screen_text.lines().next(), screen_text.lines().last()]
            .iter()
            .all(|l| l.unwrap().chars().count() < 120),
        "the heading and the keys are not cut at 120 columns: {screen_text}"
    );
    insta::assert_snapshot!("curation_opened", screen_text);
}

/// The remaining disputes, by key: a4's speaker is rejected, a3's shorter claim accepted,
/// and its rival goes out of gold.
fn settle_the_disputes(b: &mut Browser) {
    press(b, &["g", "n"]);
    let first = selected(b);
    let mut seen = vec![first.clone()];
    while seen.len() < 4 {
        let (text, links, n) = selected(b);
        if n == 1 && links == "said by Critics" && text.starts_with("We will") {
            press(b, &["x"]);
        } else if text == "the plan" {
            press(b, &["a"]);
        } else {
            press(b, &["n"]);
        }
        seen.push(selected(b));
        if view(b).curation.open_counts().0 == 0 {
            break;
        }
    }
    let v = view(b);
    let decided = |text: &str| {
        v.curation
            .variants
            .iter()
            .enumerate()
            .filter(|(_, x)| v.article.text[x.start()..x.end()] == *text)
            .map(|(i, x)| (x.by.len(), v.curation.decision(i)))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        decided("the plan"),
        [(1, Decision::Accepted)],
        "a3's reading accepted: {seen:?}"
    );
    assert_eq!(
        decided("the plan was too expensive"),
        [(5, Decision::Rejected)],
        "its rival went out"
    );
}

/// The same flow through the real binary in a terminal: `glossator import brat` of the six
/// files, the browser, `C`, pre-fill, reject and accept, save, back, reopen, quit, then
/// `glossator validate` of the gold file.
#[test]
fn curation_in_a_terminal_from_import_to_a_valid_gold_file() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_glossator");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(bin).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let p = dir.path().join("corpus");
    run(&["init".as_ref(), p.as_os_str()]);
    let brat = six_annotators(dir.path());
    let said = run(&[
        "import".as_ref(),
        "brat".as_ref(),
        brat.as_os_str(),
        "--into".as_ref(),
        p.as_os_str(),
    ]);
    assert!(said.contains("imported 6 file(s)"), "{said}");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mut s = support::PtySession::spawn(&[p.to_str().unwrap()], &data, 120, 30);
    s.wait_for_text("Council Backs Riverside Park Plan");
    s.send("C");
    s.wait_for_text("6 annotators (a1, a2, a3, a4, a5, a6) · 14 readings, 14 open");
    s.send("P");
    s.wait_for_text("all annotators agree on (6 of 6 or more) taken into gold");
    s.send("M");
    s.wait_for_text("3 reading(s) most annotators agree on (4 of 6 or more)");
    // The first row is a4's reading of the first claim (said by the Critics): reject it;
    // then the next dispute is a3's shorter claim: accept it.
    s.send("gx");
    s.wait_for_text("1 open");
    s.send("na");
    s.wait_for_text("0 open");
    s.send("s");
    s.wait_for_text("gold saved: ");
    s.send("\u{1b}");
    s.wait_for_text("C curate");
    s.send("C");
    s.wait_for_text("14 readings, 1 open");
    // Esc and q sent at once reach the program as one Alt-q: it is still back, then quit.
    s.send("\u{1b}q");
    assert!(s.wait_exit().success());
    let gold = p.join("annotations/gold/council.ann.ron");
    let said = run(&["validate".as_ref(), gold.as_os_str()]);
    assert!(said.ends_with(": ok\n"), "{said}");
    let text = std::fs::read_to_string(&gold).unwrap();
    assert!(text.contains("annotator: \"gold\""), "{text}");
}

/// A lead curates article after article: `]` saves gold and goes on to the next article of
/// the list an annotator has a file for (passing one no one annotated), `[` comes back, and
/// at the end of the list the view stays and says so.
#[test]
fn the_next_article_is_curated_without_going_back_to_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let src = six_annotators(dir.path());
    // Another article (the same words and a paragraph more, so the spans still fit).
    let text = std::fs::read_to_string(src.join("council.txt")).unwrap();
    std::fs::write(
        src.join("zoning.txt"),
        format!("{text}\nThe vote is next week.\n"),
    )
    .unwrap();
    for who in ["a1", "a3"] {
        std::fs::copy(
            src.join(format!("council_{who}.ann")),
            src.join(format!("zoning_{who}.ann")),
        )
        .unwrap();
    }
    let p = Project::init(&dir.path().join("corpus"), None).unwrap();
    let imported = glossator::brat::import_dir(
        &src,
        &p,
        &glossator::brat::Mapping::polnear(),
        &Schema::news(),
        "a1",
    )
    .unwrap();
    assert_eq!(
        (imported.done.len(), imported.failed.len()),
        (8, 0),
        "{:?}",
        imported.failed
    );
    p.add_text("middle", "A Middle Story\n\nNobody said anything yet.\n")
        .unwrap();
    let council_gold = p.annotation_path("gold", "council.txt");
    let mut b = Browser::new(p, "lead", Look::default());
    let names: Vec<String> = b.visible().iter().map(|a| a.name.clone()).collect();
    assert_eq!(names, ["council.txt", "middle.txt", "zoning.txt"]);

    press(&mut b, &["C", "P"]);
    let taken = view(&b).curation.gold.annotations.mentions.len();
    assert!(taken > 0);
    press(&mut b, &["]"]);
    assert!(
        council_gold.exists(),
        "gold of the first article saved on the way"
    );
    let v = view(&b);
    assert_eq!(
        v.name, "zoning.txt",
        "the article no one annotated is passed"
    );
    assert_eq!(v.curation.annotators, ["a1", "a3"]);
    assert!(screen(&b).contains("zoning.txt"), "{}", screen(&b));

    press(&mut b, &["]"]);
    assert_eq!(view(&b).name, "zoning.txt", "the last article stays");
    assert_eq!(
        view(&b).message.as_deref(),
        Some("no article after this one in the list has an annotator's file to curate")
    );

    press(&mut b, &["["]);
    let v = view(&b);
    assert_eq!(v.name, "council.txt");
    assert_eq!(
        v.curation.gold.annotations.mentions.len(),
        taken,
        "its gold as it was left"
    );
    press(&mut b, &["esc"]);
    assert!(matches!(b.view, View::List));
}
