//! The browser's screens (the list, review, the dashboard, agreement) driven key by key
//! through the harness that performs their effects as the loop does: what each shows, its
//! `?` help, and keys a user's keymap rebinds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;
#[path = "support/browser.rs"]
mod support;

use std::path::Path;

use glossator::tui::Keymap;
use glossator::tui::browser::View;
use support::{Harness, browser};

fn harness(dir: &Path, width: u16, height: u16) -> Harness {
    Harness::new(browser(dir, None), width, height)
}

#[test]
fn the_list_at_80_by_24_and_its_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 80, 24);
    insta::assert_snapshot!("list", h.screen());
    h.press(&["?"]);
    let help = h.screen();
    assert!(help.contains("Keys · articles"), "{help}");
    assert!(help.contains("review every claim of the corpus"), "{help}");
    insta::assert_snapshot!("list_help", help);
    // j scrolls the help, not the list; esc closes it and the list is where it was.
    h.press(&["j", "esc"]);
    assert_eq!(h.browser.index, 0);
    assert!(h.browser.help.is_none());
    h.press(&["j", "enter"]);
    let o = h.opened();
    assert_eq!(
        (o.article.as_str(), o.annotator.as_str()),
        ("second.txt", "a1")
    );
    assert!(!o.read_only);
}

#[test]
fn review_and_its_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 120, 16);
    h.press(&["r"]);
    assert!(matches!(h.browser.view, View::Review(_)));
    insta::assert_snapshot!("review", h.screen());
    h.press(&["?"]);
    let help = h.screen();
    assert!(help.contains("Keys · review"), "{help}");
    assert!(
        help.contains("open the highlighted mention in its article, read-only"),
        "{help}"
    );
    insta::assert_snapshot!("review_help", help);
    // While the help is shown, Enter opens nothing; esc closes the help, not review.
    h.press(&["enter", "esc"]);
    assert!(matches!(h.browser.view, View::Review(_)));
    h.press(&["G", "enter"]);
    let o = h.opened();
    assert!(o.read_only, "review opens an annotator's file to look at");
    h.press(&["E"]);
    assert!(!h.opened().read_only, "E opens it to edit");
    // Typed text is the filter's, not the keymap's: "q" does not close review.
    h.press(&["/"]).type_text("q").press(&["enter"]);
    assert!(matches!(h.browser.view, View::Review(_)));
    h.press(&["q"]);
    assert!(matches!(h.browser.view, View::List), "q closes review");
    assert!(!h.browser.quit);
}

#[test]
fn the_dashboard_and_its_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 100, 30);
    h.press(&["d"]);
    assert!(matches!(h.browser.view, View::Dashboard(_)));
    insta::assert_snapshot!("dashboard", h.screen());
    h.press(&["?"]);
    insta::assert_snapshot!("dashboard_help", h.screen());
    h.press(&["esc", "esc"]);
    assert!(matches!(h.browser.view, View::List));
}

#[test]
fn agreement_and_its_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 120, 24);
    h.press(&["A"]);
    assert!(
        matches!(h.browser.view, View::Agreement(_)),
        "{:?}",
        h.browser.message
    );
    insta::assert_snapshot!("agreement", h.screen());
    h.press(&["?"]);
    insta::assert_snapshot!("agreement_help", h.screen());
    h.press(&["esc", "enter"]);
    let View::Compare(c) = &h.browser.view else {
        panic!(
            "enter compares at the disagreement: {:?}",
            h.browser.message
        )
    };
    assert_eq!(
        (
            c.a.annotations.annotator.as_str(),
            c.b.annotations.annotator.as_str()
        ),
        ("a1", "bob")
    );
}

/// Agreement's measures are worked out beside the loop once the files are read: the list
/// says so, still takes keys, and `esc` stops the measuring; asked again, agreement opens.
#[test]
fn agreement_is_measured_beside_the_loop_and_esc_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 120, 24);
    h.press_now(&["A"]);
    // The loop takes in what was read between keys; once every file is in, measuring starts.
    for _ in 0..10_000 {
        if h.browser.measuring() {
            break;
        }
        h.browser.tick();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(h.browser.measuring(), "{:?}", h.browser.message);
    assert!(matches!(h.browser.view, View::List));
    let footer = h.footer();
    assert!(footer.contains("working out agreement"), "{footer}");
    assert!(footer.contains("esc stops"), "{footer}");
    h.press_now(&["j"]);
    assert_eq!(
        h.browser.index, 1,
        "the list moves while agreement is measured"
    );
    h.press_now(&["esc"]);
    assert!(!h.browser.busy());
    assert!(matches!(h.browser.view, View::List));
    assert_eq!(
        h.browser.message.as_deref(),
        Some("stopped working out agreement")
    );
    h.press(&["A"]);
    assert!(
        matches!(h.browser.view, View::Agreement(_)),
        "{:?}",
        h.browser.message
    );
}

/// From the first frame after `A`, the list's line says what agreement is doing: before its
/// steps are counted, that it is checking which files changed, never "0 of 0 steps".
#[test]
fn agreements_progress_line_says_what_it_does_from_the_first_frame() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 120, 24);
    h.press_now(&["A"]);
    assert!(h.browser.measuring(), "{:?}", h.browser.message);
    let footer = h.footer();
    assert!(footer.contains("working out agreement: "), "{footer}");
    assert!(!footer.contains("0 of 0"), "{footer}");
    h.browser.settle();
    assert!(
        matches!(h.browser.view, View::Agreement(_)),
        "{:?}",
        h.browser.message
    );
}

/// A user keymap rebinds list and review keys: the new keys work, the old ones do not, and
/// the footer and `?` help name the new ones.
#[test]
fn a_user_keymap_rebinds_the_screens_keys_and_their_hints() {
    let dir = tempfile::tempdir().unwrap();
    let mine = "(browser: {\"R\": review, \"r\": sort}, review: {\"x\": back, \"esc\": first})";
    let mut h = Harness::new(browser(dir.path(), Some(mine)), 200, 30);
    let footer = h.footer();
    assert!(footer.contains("R review"), "{footer}");
    assert!(!footer.contains("r review"), "{footer}");
    h.press(&["?"]);
    let help = h.screen();
    let line = help
        .lines()
        .find(|l| l.contains("review every claim"))
        .unwrap();
    assert!(line.contains(" R "), "{line}");
    assert!(!line.contains(" r "), "{line}");
    h.press(&["esc", "r"]);
    assert!(matches!(h.browser.view, View::List), "r sorts now");
    assert_eq!(h.browser.sort, glossator::tui::browser::Sort::Title);
    h.press(&["R"]);
    assert!(matches!(h.browser.view, View::Review(_)), "R reviews");
    let footer = h.footer();
    assert!(footer.contains("q back"), "{footer}");
    assert!(!footer.contains("esc back"), "{footer}");
    h.press(&["G", "esc"]);
    let View::Review(r) = &h.browser.view else {
        panic!("esc no longer closes review")
    };
    assert_eq!(r.index, 0, "esc goes to the first claim now");
    h.press(&["x"]);
    assert!(matches!(h.browser.view, View::List), "x closes review");
}

#[test]
fn a_bad_screen_section_is_refused_with_its_file_and_place() {
    let src = "(\n  browser: {\n    \"j\": down,\n    \"j\": up,\n  },\n)";
    let errs = Keymap::default_keys()
        .with_user_file(Path::new("mine.ron"), src)
        .unwrap_err();
    let msg = errs[0].to_string();
    assert!(
        msg.starts_with("mine.ron:4:5: key j is bound twice in the browser section"),
        "{msg}"
    );
    let src = "(\n  review: {\n    \"x\": explode,\n  },\n)";
    let msg = Keymap::default_keys()
        .with_user_file(Path::new("mine.ron"), src)
        .unwrap_err()[0]
        .to_string();
    assert!(msg.starts_with("mine.ron:3:"), "{msg}");
    assert!(msg.contains("explode"), "{msg}");
    let src = "(agreement: {\"hyper-x\": back})";
    let msg = Keymap::default_keys()
        .with_user_file(Path::new("mine.ron"), src)
        .unwrap_err()[0]
        .to_string();
    assert!(msg.contains("unknown key \"hyper-x\""), "{msg}");
}

/// The harness fails a test that lets the browser open an article and never looks.
#[test]
#[should_panic(expected = "the test never looked")]
fn an_opening_nobody_looks_at_fails_the_test() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 80, 24);
    h.press(&["enter"]);
}

/// Compare opened from agreement is about the disagreement's article, whatever the list
/// highlights: `b` takes the next annotator there, and leaving compare comes back to
/// agreement, where the lead was.
#[test]
fn compare_from_agreement_stays_on_its_article_and_goes_back_to_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 120, 24);
    // The list highlights the article nobody annotated.
    h.press(&["j", "A", "enter", "b"]);
    let View::Compare(c) = &h.browser.view else {
        panic!("b compares the same article again: {:?}", h.browser.message)
    };
    assert_eq!(c.a.name, "council.txt");
    h.press(&["esc"]);
    assert!(
        matches!(h.browser.view, View::Agreement(_)),
        "esc in compare goes back to agreement"
    );
    h.press(&["esc"]);
    assert!(matches!(h.browser.view, View::List));
    assert_eq!(h.browser.index, 1, "the list is where it was");
}

/// The footer keeps whole hints, the help key among them, and shows that some were left
/// out; a long message is cut with "…" and `?` shows it whole.
#[test]
fn footers_cut_with_an_ellipsis_and_help_shows_the_whole_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path(), 120, 24);
    let footer = h.footer();
    assert!(footer.contains("? help"), "{footer}");
    assert!(
        footer.contains("d dashboard") || footer.ends_with('…'),
        "a cut footer says so: {footer}"
    );
    let mut narrow = harness(dir.path().join("n").as_path(), 60, 24);
    let footer = narrow.footer();
    assert!(footer.ends_with('…'), "{footer}");
    assert!(footer.contains("? help"), "{footer}");
    let long = "the gold copy cannot be opened: /home/lead/projects/iran-coverage/annotations/\
                gold/council.ann.ron is locked by lead on lead-laptop since 09:14 (pid 4242); \
                close the other glossator first";
    h.browser.message = Some(long.to_owned());
    let footer = h.footer();
    assert!(
        footer.starts_with(" the gold copy cannot be opened: "),
        "{footer}"
    );
    assert!(footer.contains("…/council.ann.ron"), "{footer}");
    assert!(footer.ends_with('…'), "{footer}");
    h.press(&["?"]);
    let joined = h
        .screen()
        .lines()
        .map(|l| l.trim().trim_matches('│').trim().to_owned())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains("close the other glossator first"),
        "{joined}"
    );
}

/// Ctrl-C quits from every screen, so no section may bind it: a user file that does is
/// refused with its place, like any other bad binding, and help never lies about it.
#[test]
fn ctrl_c_is_refused_in_every_section_and_quits_from_every_screen() {
    for section in [
        "browser", "review", "compare", "curation", "reading", "pane",
    ] {
        let action = match section {
            "reading" | "pane" => "undo",
            "compare" | "curation" => "save",
            _ => "back",
        };
        let src = format!("(\n  {section}: {{\n    \"ctrl-c\": {action},\n  }},\n)");
        let errs = Keymap::default_keys()
            .with_user_file(Path::new("mine.ron"), &src)
            .unwrap_err();
        let msg = errs[0].to_string();
        assert!(msg.starts_with("mine.ron:3:5: ctrl-c "), "{section}: {msg}");
        assert!(msg.contains("always quits"), "{section}: {msg}");
    }
    let dir = tempfile::tempdir().unwrap();
    for keys in [
        &["ctrl-c"][..],
        &["r", "ctrl-c"],
        &["d", "ctrl-c"],
        &["?", "ctrl-c"],
    ] {
        let mut h = harness(dir.path().join(keys.join("-")).as_path(), 100, 30);
        h.press(keys);
        assert!(h.browser.quit, "{keys:?} quits");
    }
    let mut h = harness(dir.path().join("help").as_path(), 100, 30);
    h.press(&["r", "?"]);
    let help = h.screen();
    assert!(help.contains("ctrl-c"), "help names ctrl-c: {help}");
}
