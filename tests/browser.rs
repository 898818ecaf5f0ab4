//! The corpus browser: the list, its filters and sorting, opening an article and coming back
//! with the counts brought up to date, driven through the same loop as the binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;
#[path = "support/browser.rs"]
mod support;

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use glossator::project::Project;
use glossator::schema::Schema;
use glossator::tui::browser::{Browser, render};
use glossator::tui::{EventSource, Look, Next, OpenRequest, browse};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use screen::key;

/// A project with the self-written park article annotated by a1 (done) and a second,
/// untouched article.
fn corpus(dir: &std::path::Path) -> Project {
    let p = Project::init(&dir.join("corpus"), None).unwrap();
    let mapping = glossator::brat::Mapping::polnear();
    let imported = glossator::brat::import_dir(
        std::path::Path::new("tests/fixtures/brat/polnear-style"),
        &p,
        &mapping,
        &Schema::news(),
        "a1",
    )
    .unwrap();
    assert_eq!((imported.done.len(), imported.failed.len()), (1, 0));
    p.add_text("second", "A Second Story\n\nNobody said anything yet.\n")
        .unwrap();
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

fn names(b: &Browser) -> Vec<String> {
    b.visible().iter().map(|a| a.name.clone()).collect()
}

#[test]
fn the_list_filters_sorts_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = Browser::new(corpus(dir.path()), "a1", Look::default());
    assert_eq!(names(&b), ["council.txt", "second.txt"]);
    press(&mut b, &["s"]);
    assert_eq!(
        names(&b),
        ["second.txt", "council.txt"],
        "by title: A Second Story, then Council Backs Riverside Park Plan"
    );
    press(&mut b, &["s", "s"]);
    assert_eq!(
        names(&b),
        ["council.txt", "second.txt"],
        "most mentions first"
    );
    press(&mut b, &["s", "f"]);
    assert_eq!(names(&b), ["second.txt"], "status todo");
    press(&mut b, &["f", "f"]);
    assert_eq!(names(&b), ["council.txt"], "status done");
    press(&mut b, &["q"]);
    assert!(!b.quit, "q first clears the filters");
    press(&mut b, &["/"]);
    for c in "park plan".chars() {
        let k = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        press(&mut b, &[&k]);
    }
    press(&mut b, &["enter"]);
    assert_eq!(names(&b), ["council.txt"], "matched by title");
    press(&mut b, &["enter"]);
    assert_eq!(
        b.open.take().map(|o| (o.article, o.annotator, o.at)),
        Some(("council.txt".into(), "a1".into(), None))
    );
    press(&mut b, &["esc", "q"]);
    assert!(b.quit);
}

/// The status filter looks at any annotator's files (F moves to the next one), and two
/// articles of one title are told apart by their file names.
#[test]
fn the_status_filter_can_be_anyones_and_shared_titles_show_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    project
        .add_text(
            "council-again",
            "Council Backs Riverside Park Plan\n\nAgain.\n",
        )
        .unwrap();
    std::fs::create_dir_all(project.root.join("annotations/bob")).unwrap();
    let a1 = project.annotation_path("a1", "council.txt");
    let bob = std::fs::read_to_string(&a1)
        .unwrap()
        .replace("annotator: \"a1\"", "annotator: \"bob\"")
        .replace("status: Done", "status: InProgress");
    std::fs::write(project.annotation_path("bob", "council.txt"), bob).unwrap();
    let mut b = Browser::new(project, "lead", Look::default());
    press(&mut b, &["F"]);
    assert_eq!(b.whose.as_deref(), Some("a1"));
    assert_eq!(names(&b), ["council-again.txt", "second.txt"], "a1's todo");
    press(&mut b, &["f", "f"]);
    assert_eq!(names(&b), ["council.txt"], "a1's done");
    press(&mut b, &["F"]);
    assert_eq!(b.whose.as_deref(), Some("bob"));
    assert_eq!(names(&b), Vec::<String>::new(), "bob has nothing done");
    press(&mut b, &["f", "f", "f", "f"]);
    assert_eq!(b.status, Some("in-progress"));
    assert_eq!(names(&b), ["council.txt"], "bob's in progress");
    press(&mut b, &["F"]);
    assert_eq!(b.whose, None, "back to the lead's own");
    press(&mut b, &["esc"]);
    assert_eq!((b.status, b.whose.clone()), (None, None));
    let mut t = Terminal::new(TestBackend::new(140, 8)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    let shown = format!("{:?}", t.backend().buffer());
    assert!(
        shown.contains("Council Backs Riverside Park Plan (council.txt)")
            && shown.contains("Council Backs Riverside Park Plan (council-again.txt)"),
        "{shown}"
    );
    assert!(!shown.contains("A Second Story ("), "{shown}");
}

/// The dashboard counts speakers by entity and puts a pronoun no entity holds with the other
/// such pronouns, never as a speaker of its own.
#[test]
fn the_dashboard_counts_speakers_by_entity_not_by_their_words() {
    use glossator::model::Agent;
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let article =
        glossator::text::Article::load(&project.articles_dir().join("council.txt")).unwrap();
    let a1 = project.annotation_path("a1", "council.txt");
    let (mut bob, problems) = glossator::store::read(&a1).unwrap().resolve(&article);
    assert_eq!(problems, vec![]);
    bob.annotator = "bob".into();
    let at = article.text.find("It will not").unwrap();
    let it = bob.add_mention("Speaker", vec![glossator::model::Span::new(at, at + 2)]);
    let may = bob
        .mentions
        .iter()
        .find(|m| &article.text[m.extent().start..m.extent().end] == "the work would start in May")
        .unwrap()
        .id;
    bob.attributions.retain(|x| !x.has_claim(may));
    bob.attribute(may, Some(Agent::Mention(it)), None);
    let text = glossator::store::to_ron(&a1, &bob, &article).unwrap();
    let bob_file = project.annotation_path("bob", "council.txt");
    std::fs::create_dir_all(bob_file.parent().unwrap()).unwrap();
    std::fs::write(&bob_file, text).unwrap();
    let mut b = Browser::new(project, "lead", Look::default());
    press(&mut b, &["d"]);
    let glossator::tui::browser::View::Dashboard(d) = &b.view else {
        panic!("dashboard: {:?}", b.message)
    };
    let names: Vec<&str> = d.speakers.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&glossator::tui::review::UNLINKED_PRONOUNS),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.eq_ignore_ascii_case("it")),
        "{names:?}"
    );
}

/// Review, the dashboard and agreement read every annotation file beside the loop: the list
/// says how far it got, Esc stops, and the screen opens once the last file is in.
#[test]
fn the_files_for_review_are_read_beside_the_loop_and_esc_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = Browser::new(corpus(dir.path()), "a1", Look::default());
    b.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE));
    assert!(b.busy(), "the files are read beside the loop");
    // The files are listed beside the loop too, then counted as they are read.
    let line = b.loading_line().unwrap();
    assert!(
        line.contains("reading the annotation files for the review")
            || line.contains("of 1 annotation files for the review"),
        "{line}"
    );
    b.key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE));
    assert!(b.message.as_deref().unwrap().starts_with("still reading"));
    b.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(!b.busy());
    assert!(!b.quit);
    assert!(matches!(b.view, glossator::tui::browser::View::List));
    b.key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE));
    b.settle();
    assert!(matches!(b.view, glossator::tui::browser::View::Review(_)));
}

/// Esc never ends the program from the list (it clears the filters; q quits), and an Alt-key
/// (what a terminal sends for Esc and a key typed right after it) is those two keys.
#[test]
fn esc_in_the_list_does_not_quit_and_an_alt_key_is_esc_then_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = Browser::new(corpus(dir.path()), "a1", Look::default());
    press(&mut b, &["esc"]);
    assert!(!b.quit);
    assert_eq!(b.message.as_deref(), Some("q quits"));
    press(&mut b, &["d"]);
    assert!(matches!(
        b.view,
        glossator::tui::browser::View::Dashboard(_)
    ));
    b.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT));
    assert!(
        matches!(b.view, glossator::tui::browser::View::List),
        "Esc closed the dashboard"
    );
    assert!(b.quit, "and q quit");
}

#[test]
fn the_browser_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = Browser::new(corpus(dir.path()), "a1", Look::default());
    press(&mut b, &["j"]);
    let mut t = Terminal::new(TestBackend::new(100, 12)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!(format!("{:?}", t.backend().buffer()));
}

/// Keys from a list, then `q` for ever.
struct Script(VecDeque<Event>);

impl EventSource for Script {
    fn next(&mut self, _: Duration) -> Next {
        Next::Event(
            self.0.pop_front().unwrap_or_else(|| {
                Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))
            }),
        )
    }
}

#[test]
fn annotating_an_article_and_coming_back_updates_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let p = corpus(dir.path());
    let root = p.root.clone();
    let mut b = Browser::new(p, "bob", Look::default());
    let mentions = |b: &Browser| {
        b.summary
            .articles
            .iter()
            .find(|a| a.name == "second.txt")
            .and_then(|a| a.files.get("bob"))
            .map(|f| (f.mentions, f.status.clone()))
    };
    assert_eq!(mentions(&b), None);
    // Second article, label its first word, quit (saves) back to the browser, quit.
    let keys = ["j", "enter", "v", "w", "2", "q", "q"];
    let mut script = Script(keys.iter().map(|k| key(k)).collect());
    let mut t = Terminal::new(TestBackend::new(100, 20)).unwrap();
    let req = OpenRequest::new("unused".into(), "bob", Schema::news());
    browse(&mut t, &mut b, &req, &mut script).unwrap();
    assert_eq!(mentions(&b), Some((1, "in-progress".to_owned())));
    assert!(root.join("annotations/bob/second.ann.ron").is_file());
    assert!(b.quit);
}

#[test]
fn review_lists_claims_across_the_corpus_and_opens_one_where_it_is() {
    use glossator::tui::browser::View;
    let dir = tempfile::tempdir().unwrap();
    let mut b = Browser::new(corpus(dir.path()), "bob", Look::default());
    press(&mut b, &["r"]);
    let View::Review(r) = &b.view else {
        panic!("review is open")
    };
    let texts: Vec<String> = r.visible().iter().map(|i| i.text().to_owned()).collect();
    assert_eq!(
        texts,
        [
            "We will build the park … we will build it this year",
            "the plan was too expensive",
            "It will not",
            "The council will vote on Friday",
            "the work would start in May"
        ],
        "the claims, from every annotator"
    );
    assert_eq!(r.visible()[0].speaker(), "Mayor Ana Ruiz");
    let mut t = Terminal::new(TestBackend::new(110, 10)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!("review", format!("{:?}", t.backend().buffer()));
    press(&mut b, &["/"]);
    for c in "critics".chars() {
        press(&mut b, &[&c.to_string()]);
    }
    press(&mut b, &["enter", "enter"]);
    let opening = b.open.take().unwrap();
    assert_eq!(
        (opening.article.as_str(), opening.annotator.as_str()),
        ("council.txt", "a1")
    );
    let text = std::fs::read_to_string(b.project.articles_dir().join("council.txt")).unwrap();
    assert_eq!(opening.at, text.find("the plan was too expensive"));
    assert!(
        opening.read_only,
        "review opens an annotator's file to look at"
    );
    press(&mut b, &["E"]);
    assert!(!b.open.take().unwrap().read_only, "E opens it to edit");
    // A speaker typed in, matched loosely: "arz" is Mayor Ana Ruiz.
    press(&mut b, &["/", "enter", "e", "a", "r", "z"]);
    let View::Review(r) = &b.view else { panic!() };
    assert_eq!(
        r.matching_entities("arz").first().map(String::as_str),
        Some("Mayor Ana Ruiz")
    );
    assert_eq!(r.matching_entities("crit"), ["Critics"]);
    press(&mut b, &["enter"]);
    let View::Review(r) = &b.view else { panic!() };
    assert_eq!(r.entity.as_deref(), Some("Mayor Ana Ruiz"));
    assert_eq!(r.visible().len(), 1, "the claim Ana Ruiz made");
    press(&mut b, &["e", "esc", "G"]);
    let View::Review(r) = &b.view else { panic!() };
    assert_eq!(r.entity, None, "esc lets every speaker through again");
    assert_eq!(r.index, 4, "G goes to the last claim");
    press(&mut b, &["g", "l"]);
    let View::Review(r) = &b.view else { panic!() };
    assert_eq!(r.index, 0);
    assert_eq!(r.label.as_deref(), Some("Cue"));
    press(&mut b, &["esc", "d"]);
    let View::Dashboard(d) = &b.view else {
        panic!("dashboard is open")
    };
    assert_eq!(d.labels["Claim"], 5);
    assert_eq!(d.speakers[0], ("Critics".to_owned(), 1));
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!("dashboard", format!("{:?}", t.backend().buffer()));
    press(&mut b, &["esc"]);
    assert!(matches!(b.view, View::List));
}

/// Compare again and take every pair again: gold does not grow a second copy; a gold file
/// with a problem is shown, never taken for an empty gold and saved over.
fn gold_is_taken_once_and_a_damaged_gold_is_never_replaced(
    b: &mut Browser,
    gold: &std::path::Path,
    article: &glossator::text::Article,
) {
    let kept = std::fs::read(gold).unwrap();
    press(b, &["c", "enter", "enter"]);
    for _ in 0..8 {
        press(b, &["1"]);
    }
    press(b, &["esc"]);
    let (again, _) = glossator::store::read(gold).unwrap().resolve(article);
    assert_eq!(again.mentions.len(), 8, "no mention taken twice");
    assert_eq!(again.attributions.len(), 3);
    assert_eq!(
        std::fs::read(gold).unwrap(),
        kept,
        "nothing changed, nothing written"
    );
    // A gold file with a problem is shown, never taken for an empty gold and saved over.
    let damaged = std::fs::read_to_string(gold).unwrap().replacen(
        "speaker: Some(\"m",
        "speaker: Some(\"m9",
        1,
    );
    std::fs::write(gold, &damaged).unwrap();
    press(b, &["c", "enter", "enter"]);
    assert!(
        matches!(b.view, glossator::tui::browser::View::List),
        "compare is not opened"
    );
    let said = b.message.clone().unwrap();
    assert!(said.contains("problem"), "{said}");
    assert!(said.contains("glossator validate"), "{said}");
    assert_eq!(std::fs::read_to_string(gold).unwrap(), damaged);
    std::fs::write(gold, kept).unwrap();
}

#[test]
fn compare_two_annotators_and_adjudicate_into_a_gold_file() {
    use glossator::tui::browser::View;
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let (article, _) = support::add_bob(&project);
    let mut b = Browser::new(project, "a1", Look::default());
    press(&mut b, &["c", "enter", "enter"]);
    let View::Compare(c) = &b.view else {
        panic!("compare is open: {:?}", b.message)
    };
    assert_eq!(
        c.tally(),
        "10 agree · 1 bounds · 0 label · 0 links · 1 only a1 · 0 only bob"
    );
    let mut t = Terminal::new(TestBackend::new(120, 24)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!("compare", format!("{:?}", t.backend().buffer()));
    // b moves B on to the next annotator (with two, bob again); e edits gold at the pair.
    press(&mut b, &["b"]);
    let View::Compare(c) = &b.view else { panic!() };
    assert_eq!(c.b.annotations.annotator, "bob");
    press(&mut b, &["e"]);
    let opening = b.open.take().unwrap();
    assert_eq!(
        (opening.article.as_str(), opening.annotator.as_str()),
        ("council.txt", "gold")
    );
    assert!(matches!(b.view, View::List));
    press(&mut b, &["c", "enter", "enter"]);
    // Take every pair from A (a1), then leave: the gold file is written.
    for _ in 0..8 {
        press(&mut b, &["1"]);
    }
    press(&mut b, &["esc"]);
    assert!(matches!(b.view, View::List));
    let gold = b.project.annotation_path("gold", "council.txt");
    let (g, problems) = glossator::store::read(&gold).unwrap().resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(g.annotator, "gold");
    assert_eq!(g.mentions.len(), 8);
    assert_eq!(
        g.attributions.len(),
        3,
        "the attributions came with their mentions, the one that names no speaker too"
    );
    assert!(b.summary.articles[0].files.contains_key("gold"));
    gold_is_taken_once_and_a_damaged_gold_is_never_replaced(&mut b, &gold, &article);

    // Agreement over the project (gold left out): its disagreements open the compare view.
    press(&mut b, &["A"]);
    let View::Agreement(g) = &b.view else {
        panic!("agreement is open: {:?}", b.message)
    };
    assert_eq!(
        (g.a_name(), g.b_name()),
        ("a1".to_owned(), "bob".to_owned())
    );
    let whats: Vec<&str> = g.pairs[0]
        .disagreements
        .iter()
        .map(|d| d.what.as_str())
        .collect();
    assert_eq!(whats, ["bounds differ", "only A"]);
    let mut t = Terminal::new(TestBackend::new(120, 20)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!("agreement", format!("{:?}", t.backend().buffer()));
    // The label table in place of the list, and back.
    press(&mut b, &["c"]);
    let mut t = Terminal::new(TestBackend::new(120, 20)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!("agreement_confusion", format!("{:?}", t.backend().buffer()));
    press(&mut b, &["c"]);
    press(&mut b, &["j", "enter"]);
    let View::Compare(c) = &b.view else {
        panic!("compare is open: {:?}", b.message)
    };
    assert_eq!(c.pairs[c.index].verdict.word(), "only A");
}

/// Keys from a list, then the session is stopped (a signal, a closed terminal).
struct StopAfter(VecDeque<Event>);

impl EventSource for StopAfter {
    fn next(&mut self, _: Duration) -> Next {
        match self.0.pop_front() {
            Some(e) => Next::Event(e),
            None => Next::Stop("SIGTERM".into()),
        }
    }
}

/// A signal while compare holds gold that is not saved yet: gold is saved, as an article is.
#[test]
fn a_signal_in_compare_saves_the_unsaved_gold() {
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let a1 = project.annotation_path("a1", "council.txt");
    let article =
        glossator::text::Article::load(&project.articles_dir().join("council.txt")).unwrap();
    let (mut bob, _) = glossator::store::read(&a1).unwrap().resolve(&article);
    bob.annotator = "bob".into();
    let bob_file = project.annotation_path("bob", "council.txt");
    glossator::store::session::write_once(&bob_file, &bob, &article, None).unwrap();
    let gold = project.annotation_path("gold", "council.txt");
    let mut b = Browser::new(project, "a1", Look::default());
    let mut script = StopAfter(
        ["c", "enter", "enter", "1", "1"]
            .iter()
            .map(|k| key(k))
            .collect(),
    );
    let mut t = Terminal::new(TestBackend::new(100, 20)).unwrap();
    let req = OpenRequest::new("unused".into(), "a1", Schema::news());
    let err = browse(&mut t, &mut b, &req, &mut script).unwrap_err();
    assert!(err.to_string().contains("gold saved"), "{err}");
    let (g, problems) = glossator::store::read(&gold).unwrap().resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(g.mentions.len(), 2, "the two items taken");
}

#[test]
fn a_filter_narrows_as_it_is_typed_and_widens_as_it_is_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let p = Project::init(&dir.path().join("corpus"), None).unwrap();
    for (name, text) in [
        ("a", "ÉCOLE OUVERTE\n\nLa rentrée.\n"),
        ("b", "Écoles fermées\n\nRien.\n"),
        ("c", "Second story\n\nNothing yet.\n"),
    ] {
        p.add_text(name, text).unwrap();
    }
    let mut b = Browser::new(p, "a1", Look::default());
    assert_eq!(names(&b), ["a.txt", "b.txt", "c.txt"]);
    press(&mut b, &["/", "é", "c"]);
    assert_eq!(names(&b), ["a.txt", "b.txt"], "upper-case titles too");
    press(&mut b, &["o", "l", "e", "s"]);
    assert_eq!(names(&b), ["b.txt"]);
    press(&mut b, &["backspace"]);
    assert_eq!(names(&b), ["a.txt", "b.txt"]);
    press(
        &mut b,
        &[
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
        ],
    );
    assert_eq!(names(&b), ["a.txt", "b.txt", "c.txt"]);
    press(&mut b, &["s", "t"]);
    assert_eq!(
        names(&b),
        ["c.txt"],
        "matched by name or title: 'second story'"
    );
}

/// `c` asks for A and B among the article's annotators and gold; compared with gold, the
/// gold file is left as it is until the lead takes something into it.
#[test]
fn both_sides_of_compare_are_chosen_and_gold_can_be_one() {
    use glossator::tui::browser::View;
    let dir = tempfile::tempdir().unwrap();
    let project = corpus(dir.path());
    let (article, shortened) = support::add_bob(&project);
    let mut b = Browser::new(project, "a1", Look::default());
    press(&mut b, &["c"]);
    let View::ChooseSides(choice) = &b.view else {
        panic!("the sides are asked for: {:?}", b.message)
    };
    assert_eq!(choice.choices, ["a1", "bob"], "no gold file yet");
    let mut t = Terminal::new(TestBackend::new(100, 20)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!("choose_sides", format!("{:?}", t.backend().buffer()));
    // Esc leaves the choice without comparing.
    press(&mut b, &["esc"]);
    assert!(matches!(b.view, View::List));
    // Enter twice: this annotator as A, the next as B.
    press(&mut b, &["c", "enter", "enter"]);
    let View::Compare(c) = &b.view else {
        panic!("compare is open: {:?}", b.message)
    };
    let sides = |c: &glossator::tui::compare::Compare| {
        (
            c.a.annotations.annotator.clone(),
            c.b.annotations.annotator.clone(),
        )
    };
    assert_eq!(sides(c), ("a1".to_owned(), "bob".to_owned()));
    for _ in 0..12 {
        press(&mut b, &["1"]);
    }
    press(&mut b, &["esc"]);
    let gold = b.project.annotation_path("gold", "council.txt");
    let saved = std::fs::read(&gold).unwrap();

    // Now gold is a choice; bob as A, gold as B (the choice after bob).
    press(&mut b, &["c"]);
    let View::ChooseSides(choice) = &b.view else {
        panic!("the sides are asked for: {:?}", b.message)
    };
    assert_eq!(choice.choices, ["a1", "bob", "gold"]);
    press(&mut b, &["down", "enter", "enter"]);
    let View::Compare(c) = &b.view else {
        panic!("compare is open: {:?}", b.message)
    };
    assert_eq!(sides(c), ("bob".to_owned(), "gold".to_owned()));
    assert_eq!(
        c.tally(),
        "10 agree · 1 bounds · 0 label · 0 links · 0 only bob · 1 only gold",
        "gold holds a1's work"
    );
    let mut t = Terminal::new(TestBackend::new(120, 24)).unwrap();
    t.draw(|f| render(&b, f)).unwrap();
    insta::assert_snapshot!("compare_with_gold", format!("{:?}", t.backend().buffer()));
    // Looking, and taking what gold holds already, changes nothing: the file is not written.
    press(&mut b, &["j", "k", "2", "2", "n", "k", "esc"]);
    assert!(matches!(b.view, View::List), "{:?}", b.message);
    assert_eq!(std::fs::read(&gold).unwrap(), saved, "gold left as it is");

    // b moves B on among the others: a1 after gold.
    press(&mut b, &["c", "down", "enter", "enter", "b"]);
    let View::Compare(c) = &b.view else { panic!() };
    assert_eq!(sides(c), ("bob".to_owned(), "a1".to_owned()));
    press(&mut b, &["b"]);
    let View::Compare(c) = &b.view else { panic!() };
    assert_eq!(sides(c), ("bob".to_owned(), "gold".to_owned()));
    // Adjudicating into gold: bob's shorter claim replaces gold's.
    let View::Compare(c) = &b.view else { panic!() };
    let bounds = c
        .pairs
        .iter()
        .position(|p| p.verdict.word() == "bounds differ")
        .unwrap();
    for _ in 0..bounds {
        press(&mut b, &["j"]);
    }
    press(&mut b, &["1", "esc"]);
    assert!(matches!(b.view, View::List), "{:?}", b.message);
    let (g, problems) = glossator::store::read(&gold).unwrap().resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(g.mentions.len(), 12, "one claim replaced, none added");
    assert_ne!(std::fs::read(&gold).unwrap(), saved);
    assert!(
        g.mentions.iter().any(|m| m.fragments == [shortened]),
        "bob's claim is in gold"
    );

    // With gold chosen as A, the choices for B leave it out.
    press(&mut b, &["c", "down", "down", "enter"]);
    let View::ChooseSides(choice) = &b.view else {
        panic!()
    };
    assert_eq!(choice.a.as_deref(), Some("gold"));
    assert_eq!(choice.shown(), ["a1", "bob"]);
}
