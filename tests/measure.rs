//! The measure of the keyboard: a reference annotation of the demo article, made by hand
//! following the schema's guidelines, and the key script that makes it from nothing. The
//! script is replayed through the binary's key path (event -> keymap -> update, saving
//! with the real store) and must produce the reference file exactly; its length is the
//! keystroke figure quoted in BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use glossator::tui::{Effect, handle_event, perform, viewport};

const DEMO: &str = "assets/demo/fna_iran_rejects_military_cooperation.txt";
const SCRIPT: &str = "tests/fixtures/demo/keys.txt";
const SUGGESTED: &str = "tests/fixtures/demo/keys_suggested.txt";
const REFERENCE: &str = "tests/fixtures/demo/fna_iran_rejects_military_cooperation.ann.ron";

/// The keys of a script: whitespace-separated key names ("j", "G", "enter", "space"), a
/// `#` starting a comment to the end of its line.
fn keys(script: &str) -> Vec<&str> {
    script
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(keys, _)| keys))
        .flat_map(str::split_whitespace)
        .collect()
}

#[test]
fn script_keys_are_one_per_token_and_comments_are_not_keys() {
    assert_eq!(
        keys("v w 1 # the speaker\n# a whole line\nenter space\n"),
        ["v", "w", "1", "enter", "space"]
    );
}

/// Replays `script` on a fresh copy of the demo article at 120x40, as the binary would,
/// and returns the app and its saved file.
fn replay(script: &str) -> (tempfile::TempDir, glossator::tui::App, usize, String) {
    let script = std::fs::read_to_string(script).unwrap();
    let keys = keys(&script);
    let (dir, mut a) = screen::scratch(DEMO);
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    a.set_viewport(viewport(area));
    for (i, k) in keys.iter().enumerate() {
        for effect in handle_event(&mut a, &screen::key(k)) {
            if effect != Effect::Suspend {
                perform(&mut a, &effect);
            }
        }
        a.set_viewport(viewport(area));
        if std::env::var_os("GLOSSATOR_TRACE").is_some() {
            eprintln!(
                "{:>3} {k:<6} cursor {:>4} {:?}",
                i + 1,
                a.view.cursor,
                a.message
            );
        }
        assert!(!a.quit, "key {} ({k}) quit: {:?}", i + 1, a.message);
    }
    let saved = std::fs::read_to_string(a.file()).expect("the script saves");
    (dir, a, keys.len(), saved)
}

/// Every link of the annotation in words, to see where a script went wrong.
fn links_in_words(a: &glossator::tui::App) -> String {
    use glossator::model::AnyId;
    let ann = a.doc.annotations();
    ann.attributions
        .iter()
        .map(|x| AnyId::Attribution(x.id))
        .chain(ann.sourcings.iter().map(|x| AnyId::Sourcing(x.id)))
        .chain(ann.stances.iter().map(|x| AnyId::Stance(x.id)))
        .map(|id| a.describe().line(id))
        .collect::<Vec<_>>()
        .join("\n")
}

fn counts(a: &glossator::tui::App) -> String {
    let ann = a.doc.annotations();
    format!(
        "{} mentions, {} entities, {} attributions, {} sourcings, {} stances",
        ann.mentions.len(),
        ann.entities.len(),
        ann.attributions.len(),
        ann.sourcings.len(),
        ann.stances.len()
    )
}

#[test]
fn the_key_script_makes_the_reference_annotation_of_the_demo_article_exactly() {
    let (_dir, a, n, saved) = replay(SCRIPT);
    println!(
        "keystrokes: {n} to annotate the demo article by hand ({})",
        counts(&a)
    );
    let reference = std::fs::read_to_string(REFERENCE).unwrap_or_default();
    assert!(
        saved == reference,
        "the script's annotation differs from {REFERENCE}:\n{saved}\n{}\nlast message: {:?}",
        links_in_words(&a),
        a.message
    );
    assert!(n <= 350, "{n} keys: the target is 350");
}

/// The file without its `rejected` list: where the suggestions turned down were, kept so
/// they are not proposed again, and no part of the annotation.
fn without_rejected(saved: &str) -> (String, usize) {
    let Some(from) = saved.find("    rejected: [\n") else {
        return (saved.to_owned(), 0);
    };
    let to = from + saved[from..].find("\n    ],\n").expect("the list closes") + 8;
    let places = saved[from..to].matches("(start:").count();
    (format!("{}{}", &saved[..from], &saved[to..]), places)
}

#[test]
fn the_rejected_list_is_cut_out_whole() {
    let file = "(\n    notes: [],\n    rejected: [\n        (start: 1, end: 2),\n        (start: 5, end: 9),\n    ],\n)";
    assert_eq!(
        without_rejected(file),
        ("(\n    notes: [],\n)".to_owned(), 2)
    );
}

#[test]
fn starting_from_the_suggestions_the_key_script_makes_the_same_reference_annotation() {
    let (_dir, a, n, saved) = replay(SUGGESTED);
    let (work, rejected) = without_rejected(&saved);
    println!(
        "keystrokes: {n} to annotate the demo article starting from its suggestions ({}; \
         {rejected} suggestions turned down)",
        counts(&a)
    );
    let reference = std::fs::read_to_string(REFERENCE).unwrap_or_default();
    assert!(
        work == reference,
        "the script's annotation differs from {REFERENCE}:\n{saved}\n{}\nlast message: {:?}",
        links_in_words(&a),
        a.message
    );
    assert!(
        a.doc.annotations().suggestions.is_empty(),
        "every suggestion was accepted or turned down"
    );
    assert!(n <= 150, "{n} keys: the target is 150");
}
