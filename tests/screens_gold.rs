//! Compare (with the choice of its two sides) and curation driven key by key through the
//! harness that performs their effects as the loop does: what each shows, its `?` help, the
//! gold they save, and keys a user's keymap rebinds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;
#[path = "support/browser.rs"]
mod support;

use glossator::tui::browser::View;
use support::{Harness, browser};

fn gold_of(h: &Harness) -> std::path::PathBuf {
    h.browser.project.annotation_path("gold", "council.txt")
}

#[test]
fn compare_its_sides_and_its_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(browser(dir.path(), None), 120, 24);
    h.press(&["c"]);
    assert!(matches!(h.browser.view, View::ChooseSides(_)));
    insta::assert_snapshot!("compare_sides", h.screen());
    h.press(&["enter", "enter"]);
    let View::Compare(c) = &h.browser.view else {
        panic!("compare is open: {:?}", h.browser.message)
    };
    assert_eq!(c.b.annotations.annotator, "bob");
    insta::assert_snapshot!("compare", h.screen());
    h.press(&["?"]);
    let help = h.screen();
    assert!(help.contains("Keys · compare"), "{help}");
    assert!(help.contains("take A's item into gold"), "{help}");
    insta::assert_snapshot!("compare_help", help);
    // Esc closes the help, not compare; 1 takes A's item; nothing is written yet.
    h.press(&["esc", "1"]);
    assert!(matches!(h.browser.view, View::Compare(_)));
    assert!(!gold_of(&h).exists());
    // e saves gold and opens it in the editor at the pair.
    h.press(&["e"]);
    let o = h.opened();
    assert_eq!(
        (o.article.as_str(), o.annotator.as_str()),
        ("council.txt", "gold")
    );
    assert!(!o.read_only);
    assert!(gold_of(&h).exists(), "gold saved before it is opened");
    assert!(matches!(h.browser.view, View::List));
    // Gold is a side now: b moves B from bob to gold.
    h.press(&["c", "enter", "enter", "b"]);
    let View::Compare(c) = &h.browser.view else {
        panic!("compare is open: {:?}", h.browser.message)
    };
    assert_eq!(c.b.annotations.annotator, "gold");
    h.press(&["G", "s"]);
    let footer = h.footer();
    assert!(footer.contains("gold saved"), "{footer}");
    h.press(&["q"]);
    assert!(matches!(h.browser.view, View::List), "q goes back");
    assert!(!h.browser.quit);
}

#[test]
fn curation_and_its_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(browser(dir.path(), None), 120, 24);
    h.press(&["C"]);
    assert!(
        matches!(h.browser.view, View::Curation(_)),
        "{:?}",
        h.browser.message
    );
    insta::assert_snapshot!("curation", h.screen());
    h.press(&["?"]);
    let help = h.screen();
    assert!(help.contains("Keys · curation"), "{help}");
    assert!(
        help.contains("the next open reading where annotators differ"),
        "{help}"
    );
    insta::assert_snapshot!("curation_help", help);
    h.press(&["esc", "P"]);
    let View::Curation(v) = &h.browser.view else {
        panic!("esc closed the help only")
    };
    assert!(v.dirty);
    assert_eq!(v.curation.gold.annotations.mentions.len(), 10);
    // Esc saves gold and goes back.
    h.press(&["esc"]);
    assert!(matches!(h.browser.view, View::List));
    let article =
        glossator::text::Article::load(&h.browser.project.articles_dir().join("council.txt"))
            .unwrap();
    let (g, problems) = glossator::store::read(&gold_of(&h))
        .unwrap()
        .resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(g.mentions.len(), 10);
}

/// A user keymap rebinds compare and curation keys: the new keys work and the footers say so.
#[test]
fn a_user_keymap_rebinds_compare_and_curation() {
    let dir = tempfile::tempdir().unwrap();
    let mine = "(compare: {\"t\": take_a, \"1\": save}, curation: {\"y\": accept, \"a\": first})";
    let mut h = Harness::new(browser(dir.path(), Some(mine)), 200, 24);
    h.press(&["c", "enter", "enter"]);
    let footer = h.footer();
    assert!(footer.contains("t take A"), "{footer}");
    assert!(footer.contains("1 save"), "{footer}");
    h.press(&["t"]);
    let View::Compare(c) = &h.browser.view else {
        panic!()
    };
    assert!(c.dirty, "t took A's item");
    h.press(&["1"]);
    assert!(h.footer().contains("gold saved"));
    assert!(gold_of(&h).exists());
    h.press(&["esc", "C"]);
    let footer = h.footer();
    assert!(!footer.contains("a accept"), "{footer}");
    h.press(&["a"]);
    let View::Curation(v) = &h.browser.view else {
        panic!()
    };
    assert!(!v.dirty, "a no longer accepts");
    h.press(&["y"]);
    let View::Curation(v) = &h.browser.view else {
        panic!()
    };
    assert!(v.dirty, "y accepts");
    h.press(&["esc"]);
    assert!(matches!(h.browser.view, View::List));
}

/// Gold is no annotator: the dashboard counts the annotators' work and names gold apart.
#[test]
fn the_dashboard_counts_gold_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(browser(dir.path(), None), 100, 30);
    h.press(&["d"]);
    let View::Dashboard(before) = &h.browser.view else {
        panic!("the dashboard is open: {:?}", h.browser.message)
    };
    let claims = before.labels["Claim"];
    h.press(&["esc", "C", "P", "esc"]);
    assert!(gold_of(&h).exists(), "{:?}", h.browser.message);
    h.press(&["d"]);
    let View::Dashboard(d) = &h.browser.view else {
        panic!("the dashboard is open: {:?}", h.browser.message)
    };
    assert_eq!(d.labels["Claim"], claims, "gold's claims are not counted");
    let screen = h.screen();
    let first = screen.lines().next().unwrap();
    assert!(
        first.contains("2 annotators, gold on 1 article"),
        "{screen}"
    );
    assert!(!screen.contains("gold 1/2"), "no gauge for gold: {screen}");
}

/// Ctrl-C in compare saves what the lead took into gold before it quits.
#[test]
fn ctrl_c_in_compare_saves_gold_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(browser(dir.path(), None), 120, 24);
    h.press(&["c", "enter", "enter", "1"]);
    assert!(!gold_of(&h).exists());
    h.press(&["ctrl-c"]);
    assert!(h.browser.quit, "{:?}", h.browser.message);
    assert!(gold_of(&h).exists(), "gold was saved first");
}

/// Gold written by another program while the lead adjudicates: the save keeps the lead's
/// gold in a copy and asks, as the editor does; `r` takes theirs, `n` goes on in the copy.
/// Nothing saved is lost either way.
#[test]
fn gold_changed_on_disk_while_comparing_is_asked_about() {
    for answer in ["r", "n"] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = Harness::new(browser(dir.path(), None), 120, 24);
        h.press(&["c", "enter", "enter", "1", "s"]);
        assert!(gold_of(&h).exists(), "{:?}", h.footer());
        // Another program writes gold: a1's work under gold's name.
        let a1 = h.browser.project.annotation_path("a1", "council.txt");
        let theirs = std::fs::read_to_string(a1)
            .unwrap()
            .replace("annotator: \"a1\"", "annotator: \"gold\"");
        std::fs::write(gold_of(&h), &theirs).unwrap();
        h.press(&["k", "x", "s"]);
        let footer = h.footer();
        assert!(footer.contains("changed on disk"), "{footer}");
        assert!(footer.contains("r takes theirs"), "{footer}");
        assert!(footer.contains("n goes on in your copy"), "{footer}");
        let folder = gold_of(&h).parent().unwrap().to_path_buf();
        let copies = || {
            std::fs::read_dir(&folder)
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().contains(".conflict-"))
                .count()
        };
        assert_eq!(copies(), 1, "the lead's gold is kept in a copy");
        // Until answered, other keys ask again and change nothing; ? shows it whole.
        h.press(&["1"]);
        assert!(h.footer().contains("changed on disk"), "{}", h.footer());
        h.press(&["?"]);
        let help = h.screen();
        assert!(help.contains("Last message"), "{help}");
        assert!(help.contains(".conflict-"), "the copy's whole name: {help}");
        h.press(&["esc"]);
        assert!(
            h.footer().contains("r takes theirs"),
            "asked again: {}",
            h.footer()
        );
        h.press(&[answer]);
        let View::Compare(c) = &h.browser.view else {
            panic!("compare stays open")
        };
        assert!(c.changed_on_disk.is_none());
        if answer == "r" {
            assert!(!c.dirty);
            assert_eq!(c.gold.annotations.mentions.len(), 12, "their gold is shown");
            assert!(
                h.footer().contains("their gold is loaded"),
                "{}",
                h.footer()
            );
        } else {
            assert!(h.footer().contains("goes on in"), "{}", h.footer());
        }
        assert_eq!(std::fs::read_to_string(gold_of(&h)).unwrap(), theirs);
        assert_eq!(copies(), 1);
        h.press(&["esc"]);
        assert!(matches!(h.browser.view, View::List));
    }
}

/// Curation asks the same when gold changed on disk, and `r` curates their gold.
#[test]
fn gold_changed_on_disk_while_curating_is_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::new(browser(dir.path(), None), 200, 24);
    h.press(&["C", "P", "s"]);
    assert!(gold_of(&h).exists(), "{:?}", h.footer());
    let a1 = h.browser.project.annotation_path("a1", "council.txt");
    let theirs = std::fs::read_to_string(a1)
        .unwrap()
        .replace("annotator: \"a1\"", "annotator: \"gold\"");
    std::fs::write(gold_of(&h), &theirs).unwrap();
    h.press(&["G", "a", "esc"]);
    let footer = h.footer();
    assert!(footer.contains("changed on disk"), "{footer}");
    assert!(
        matches!(h.browser.view, View::Curation(_)),
        "curation waits for the answer"
    );
    h.press(&["r"]);
    let View::Curation(v) = &h.browser.view else {
        panic!("curation stays open")
    };
    assert_eq!(v.curation.gold.annotations.mentions.len(), 12);
    assert!(!v.dirty);
    assert_eq!(std::fs::read_to_string(gold_of(&h)).unwrap(), theirs);
    h.press(&["esc"]);
    assert!(matches!(h.browser.view, View::List));
}
