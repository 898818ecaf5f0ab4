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

#[test]
fn the_key_script_makes_the_reference_annotation_of_the_demo_article_exactly() {
    let script = std::fs::read_to_string(SCRIPT).unwrap();
    let keys = keys(&script);
    let (_dir, mut a) = screen::scratch(DEMO);
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    a.set_viewport(viewport(area));
    for (i, k) in keys.iter().enumerate() {
        for effect in handle_event(&mut a, &screen::key(k)) {
            if effect != Effect::Suspend {
                perform(&mut a, &effect);
            }
        }
        a.set_viewport(viewport(area));
        assert!(!a.quit, "key {} ({k}) quit: {:?}", i + 1, a.message);
    }
    let saved = std::fs::read_to_string(a.file()).expect("the script saves");
    println!(
        "keystrokes: {} to annotate the demo article by hand ({} mentions, {} entities, \
         {} attributions, {} sourcings, {} stances)",
        keys.len(),
        a.doc.annotations().mentions.len(),
        a.doc.annotations().entities.len(),
        a.doc.annotations().attributions.len(),
        a.doc.annotations().sourcings.len(),
        a.doc.annotations().stances.len()
    );
    let reference = std::fs::read_to_string(REFERENCE).unwrap_or_default();
    if saved != reference {
        let lines: Vec<String> = a
            .doc
            .annotations()
            .attributions
            .iter()
            .map(|x| glossator::model::AnyId::Attribution(x.id))
            .chain(
                a.doc
                    .annotations()
                    .sourcings
                    .iter()
                    .map(|x| glossator::model::AnyId::Sourcing(x.id)),
            )
            .chain(
                a.doc
                    .annotations()
                    .stances
                    .iter()
                    .map(|x| glossator::model::AnyId::Stance(x.id)),
            )
            .map(|id| a.describe().line(id))
            .collect();
        panic!(
            "the script's annotation differs from {REFERENCE}:\n{saved}\n{}\nlast message: {:?}",
            lines.join("\n"),
            a.message
        );
    }
    assert!(keys.len() <= 350, "{} keys: the target is 350", keys.len());
}
