//! Whole screens, with their colours and styles, as a person would see them after real
//! keys: a change to the layout or the colours shows up here as a reviewed diff.
//! Update with `INSTA_UPDATE=always cargo test --test snapshots` and review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use glossator::tui::handle_event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use screen::{article_with, goto, key, play, scratch, scratch_annotated, type_text};

const PARK: &str = "tests/fixtures/v1/park.txt";

fn snap(t: &Terminal<TestBackend>) -> String {
    format!("{:?}", t.backend().buffer())
}

#[test]
fn reading_an_annotated_article_at_80x24() {
    let (_dir, mut a) = scratch_annotated(PARK);
    insta::assert_snapshot!(snap(&play(&mut a, &["}"], 80, 24)));
}

#[test]
fn reading_an_annotated_article_at_200x60() {
    let (_dir, mut a) = scratch_annotated(PARK);
    insta::assert_snapshot!(snap(&play(&mut a, &["}", "}"], 200, 60)));
}

#[test]
fn a_selection_snapped_to_words() {
    let (_dir, mut a) = scratch(PARK);
    insta::assert_snapshot!(snap(&play(&mut a, &["}", "l", "v", "w", "w"], 100, 20)));
}

#[test]
fn each_label_in_its_colour() {
    let (_dir, mut a) = article_with("Speaker Claim Cue Source Target\n");
    for (i, word) in ["Speaker", "Claim", "Cue", "Source", "Target"]
        .iter()
        .enumerate()
    {
        goto(&mut a, word);
        play(&mut a, &["v", &(i + 1).to_string()], 100, 12);
        // Speaker and Source ask for their entity: a new one, of the kind offered first.
        if a.mode == glossator::tui::Mode::Picker {
            handle_event(&mut a, &key("enter"));
            handle_event(&mut a, &key("enter"));
        }
    }
    insta::assert_snapshot!(snap(&play(&mut a, &["g"], 100, 12)));
}

#[test]
fn a_discontinuous_claim() {
    let (_dir, mut a) = article_with("\"We are ready,\" she said, \"and we will win.\"\n");
    goto(&mut a, "We are");
    play(&mut a, &["v", "w", "w", "2"], 100, 12);
    goto(&mut a, "and we");
    insta::assert_snapshot!(snap(&play(&mut a, &["v", "w", "w", "w", "+"], 100, 12)));
}

#[test]
fn the_speaker_picker_of_an_attribution() {
    let (_dir, mut a) = scratch_annotated(PARK);
    goto(&mut a, "It will not");
    insta::assert_snapshot!(snap(&play(&mut a, &["a"], 100, 24)));
}

#[test]
fn an_attribution_with_its_stance_in_the_pane() {
    let (_dir, mut a) = scratch_annotated(PARK);
    goto(&mut a, "she said");
    play(&mut a, &["t"], 120, 30);
    type_text(&mut a, "the budget");
    // The Target mention "the budget would grow" matches; pick it, then "deny".
    handle_event(&mut a, &key("enter"));
    type_text(&mut a, "deny");
    handle_event(&mut a, &key("enter"));
    insta::assert_snapshot!(snap(&play(&mut a, &[], 120, 30)));
}

#[test]
fn the_help_screen() {
    let (_dir, mut a) = scratch(PARK);
    insta::assert_snapshot!(snap(&play(&mut a, &["?"], 100, 40)));
}

#[test]
fn the_detail_form_of_a_claim() {
    let (_dir, mut a) = scratch_annotated(PARK);
    goto(&mut a, "We will build");
    insta::assert_snapshot!(snap(&play(&mut a, &["enter", "j", "l"], 100, 30)));
}

#[test]
fn the_entity_pane_focused() {
    let (_dir, mut a) = scratch_annotated(PARK);
    insta::assert_snapshot!(snap(&play(&mut a, &["tab", "tab", "j"], 100, 24)));
}
