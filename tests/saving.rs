//! Saving beside the loop: keys are handled and drawn while a save is under way, its outcome
//! is shown when it is back, a save asked for meanwhile follows it once, and quitting waits
//! for it. The disk holds the save's writes until the test lets them go.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use std::sync::Arc;

use glossator::store::Disk;
use glossator::store::disk::Hold;
use glossator::tui::{App, EventSource, Next, SaveState, saving};
use screen::{key, play, screen_text};

/// The park article in a fresh folder, its saves going through a disk that holds them.
fn on_held_disk() -> (tempfile::TempDir, App, Arc<Hold>) {
    let (dir, mut a) = screen::scratch("tests/fixtures/v1/park.txt");
    let hold = Hold::new();
    a.on_disk.session = glossator::store::Session::detached(a.file().to_path_buf())
        .with_disk(Disk::held(Arc::clone(&hold)));
    (dir, a, hold)
}

fn saved_mentions(a: &App) -> usize {
    glossator::store::read(a.file())
        .unwrap()
        .resolve(a.doc.article())
        .0
        .mentions
        .len()
}

fn status_line(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    screen_text(t).last().cloned().unwrap_or_default()
}

/// Waits for the save under way to come back and takes its outcome in, as the loop does.
fn land(a: &mut App) {
    while !saving::land(a, false) {
        std::thread::yield_now();
    }
}

#[test]
fn keys_are_handled_and_drawn_while_a_save_is_under_way_and_its_outcome_shows_after() {
    let (_dir, mut a, hold) = on_held_disk();
    play(&mut a, &["v", "2"], 100, 20);
    saving::save_beside(&mut a);
    hold.wait_reached();
    // The save is held at its write: a key moves the cursor and the screen says so.
    let before = a.view.cursor;
    let t = play(&mut a, &["j"], 100, 20);
    assert_ne!(a.view.cursor, before, "the key was handled");
    assert!(status_line(&t).contains("saving…"), "{}", status_line(&t));
    assert!(hold.holding());
    assert!(!a.file().exists(), "nothing is written yet");
    // Another label and another save while the first is under way: it waits its turn.
    screen::goto(&mut a, "Ruiz");
    play(&mut a, &["v", "3"], 100, 20);
    saving::save_beside(&mut a);
    assert!(a.on_disk.save_queued);
    hold.release();
    land(&mut a);
    // The first save wrote the first label; the second is now under way with both.
    assert_eq!(saved_mentions(&a), 1);
    assert!(saving::busy(&a), "the queued save follows");
    land(&mut a);
    assert_eq!(saved_mentions(&a), 2);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    let t = play(&mut a, &[], 100, 20);
    assert!(status_line(&t).contains("saved"), "{}", status_line(&t));
    assert!(!status_line(&t).contains("saving…"));
}

#[test]
fn a_failed_save_under_way_shows_its_failure_when_it_is_back() {
    use glossator::store::disk::{Faults, Step};
    let (dir, mut a) = screen::scratch("tests/fixtures/v1/park.txt");
    let faults = Faults::new(0, 28)
        .only(Step::Write)
        .under(a.file())
        .lasting();
    a.on_disk.session = glossator::store::Session::detached(a.file().to_path_buf())
        .with_recovery_dir(dir.path().join("recovery"))
        .with_disk(Disk::faulty(Arc::new(faults)));
    play(&mut a, &["v", "2"], 100, 20);
    saving::save_beside(&mut a);
    land(&mut a);
    assert!(matches!(a.on_disk.save_state, SaveState::Failed(_)));
    let t = play(&mut a, &[], 100, 20);
    assert!(
        screen_text(&t).iter().any(|l| l.contains("SAVING FAILED")),
        "{:?}",
        screen_text(&t)
    );
    assert_eq!(
        a.message.as_deref().map(|m| m.starts_with("not saved")),
        Some(true)
    );
}

/// Keys for the loop: a label and a save, then, once the save is held at its write, two
/// moves, then the disk lets the save go and `q` quits.
struct Script {
    step: usize,
    hold: Arc<Hold>,
    /// Whether the save was still held when the loop asked for the keys after it.
    held_during_keys: Vec<bool>,
}

impl EventSource for Script {
    fn next(&mut self, _: std::time::Duration) -> Next {
        self.step += 1;
        let k = match self.step {
            1 => "v",
            2 => "2",
            3 => "ctrl-s",
            4 | 5 => {
                self.hold.wait_reached();
                self.held_during_keys.push(self.hold.holding());
                "j"
            }
            6 => {
                self.hold.release();
                return Next::Idle;
            }
            _ => "q",
        };
        Next::Event(key(k))
    }
}

#[test]
fn the_loop_takes_keys_while_it_saves_and_quitting_waits_for_the_save() {
    let (_dir, mut a, hold) = on_held_disk();
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 20)).unwrap();
    let mut script = Script {
        step: 0,
        hold,
        held_during_keys: Vec::new(),
    };
    let top = a.view.cursor;
    glossator::tui::run(&mut t, &mut a, &mut script).unwrap();
    assert_eq!(script.held_during_keys, [true, true]);
    assert!(a.view.cursor > top, "both moves were handled");
    assert!(a.quit);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    assert_eq!(saved_mentions(&a), 1);
}
