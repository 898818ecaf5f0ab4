//! Undo and redo are exact: any sequence of labels, relabels, deletions, undos and redos
//! leaves the annotations as a plain model of the two stacks says, and undoing everything
//! gives back the file as it was opened, redoing everything the last state.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use glossator::model::Annotations;
use proptest::prelude::*;
use screen::{play, scratch_annotated};

/// Keys that move, label (Claim, Cue, Target: labels that ask for no entity), relabel,
/// delete, undo and redo.
fn keys() -> impl Strategy<Value = Vec<Vec<&'static str>>> {
    let one = prop::sample::select(vec![
        vec!["w"],
        vec!["w", "w"],
        vec!["}"],
        vec!["b"],
        vec!["j"],
        vec!["v", "2"],
        vec!["v", "w", "3"],
        vec!["v", "5"],
        vec!["2"],
        vec!["3"],
        vec!["x"],
        vec!["u"],
        vec!["u"],
        vec!["ctrl-r"],
    ]);
    prop::collection::vec(one, 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn undo_and_redo_follow_the_two_stacks_exactly(ops in keys()) {
        let (_dir, mut a) = scratch_annotated("tests/fixtures/v1/park.txt");
        play(&mut a, &[], 100, 20);
        let original = a.doc.annotations().clone();
        let (mut undo, mut redo): (Vec<Annotations>, Vec<Annotations>) = (Vec::new(), Vec::new());
        let mut current = original.clone();
        for op in &ops {
            let before = a.doc.annotations().clone();
            play(&mut a, op, 100, 20);
            if a.mode == glossator::tui::Mode::Refused {
                play(&mut a, &["esc"], 100, 20);
            }
            if op == &["u"] {
                if let Some(s) = undo.pop() {
                    redo.push(std::mem::replace(&mut current, s));
                }
            } else if op == &["ctrl-r"] {
                if let Some(s) = redo.pop() {
                    undo.push(std::mem::replace(&mut current, s));
                }
            } else if *a.doc.annotations() != before {
                undo.push(std::mem::replace(&mut current, a.doc.annotations().clone()));
                redo.clear();
            }
            prop_assert_eq!(a.doc.annotations(), &current, "after {:?}", op);
        }
        // Everything undone: the annotations as opened.
        let last = a.doc.annotations().clone();
        let depth = undo.len();
        for _ in 0..depth {
            play(&mut a, &["u"], 100, 20);
        }
        prop_assert_eq!(a.doc.annotations(), &original);
        // Everything redone: the last state again.
        for _ in 0..depth + redo.len() {
            play(&mut a, &["ctrl-r"], 100, 20);
        }
        let mut forward = last;
        if let Some(newest) = redo.first() {
            forward = newest.clone();
        }
        prop_assert_eq!(a.doc.annotations(), &forward);
    }
}

/// Whole commands, each ending where it began (Esc closes what is left open): moves, labels
/// and relabels, a Speaker label whose entity list is cancelled or picked from (a new entity
/// with its kind, or one already there), deletion from the text and
/// from the panes, fragments and bounds, the suggestions' commands, attributions, stances,
/// the status and the detail form.
fn commands() -> impl Strategy<Value = Vec<Vec<&'static str>>> {
    let one = prop::sample::select(vec![
        vec!["w"],
        vec!["w", "w", "w"],
        vec!["}"],
        vec!["b"],
        vec!["j"],
        vec!["v", "w", "2"],
        vec!["v", "5"],
        vec!["v", "w", "3"],
        vec!["2"],
        vec!["3"],
        vec!["v", "w", "1", "esc"],
        vec!["v", "w", "1", "enter"],
        vec!["v", "w", "1", "enter", "enter"],
        vec!["v", "w", "w", "1", "down", "enter", "enter"],
        vec!["x"],
        vec!["v", "w", "+"],
        vec!["v", "w", "w", "r"],
        vec!["R"],
        vec![")"],
        vec!["y"],
        vec!["d"],
        vec!["D"],
        vec!["Y"],
        vec!["S", "enter"],
        vec!["a", "enter", "enter"],
        vec!["t", "enter", "enter", "enter"],
        vec!["tab", "x", "backtab"],
        vec!["tab", "tab", "x", "tab"],
        vec!["enter", "l", "esc"],
        vec!["enter", "j", "l", "j", "l", "esc"],
        vec!["enter", "j", "j", "enter", "n", "o", "esc", "esc"],
    ]);
    prop::collection::vec(one, 1..30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Every command that changes the annotations is exactly one undo step, from a fresh
    /// article (whose first change starts it): undo gives back what was there before the
    /// command, status included, and redo what it made. A command that changed the
    /// annotations without a step, or made two, fails here.
    #[test]
    fn every_change_is_one_exact_undo_step(ops in commands()) {
        let (_dir, mut a) = screen::scratch("tests/fixtures/v1/park.txt");
        play(&mut a, &[], 100, 20);
        let original = a.doc.annotations().clone();
        let mut changes = 0;
        for op in &ops {
            let before = a.doc.annotations().clone();
            play(&mut a, op, 100, 20);
            for _ in 0..4 {
                if a.mode == glossator::tui::Mode::Reading {
                    break;
                }
                play(&mut a, &["esc"], 100, 20);
            }
            let after = a.doc.annotations().clone();
            if after == before {
                continue;
            }
            changes += 1;
            play(&mut a, &["u"], 100, 20);
            prop_assert_eq!(a.doc.annotations(), &before, "undoing {:?}: {:?}", op, a.message);
            play(&mut a, &["ctrl-r"], 100, 20);
            prop_assert_eq!(a.doc.annotations(), &after, "redoing {:?}: {:?}", op, a.message);
        }
        for _ in 0..changes {
            play(&mut a, &["u"], 100, 20);
        }
        prop_assert_eq!(a.doc.annotations(), &original);
    }
}
