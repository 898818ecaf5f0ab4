//! The longest key while the file is being saved, on the 4 MB novel with its 20,000 mentions
//! and their links, at 200x60: the save on the loop's thread, as the editor saved before
//! (the key waits for the whole save), and the save beside the loop (keys go on while it
//! runs). Each round makes a change (`v`, `2`, `u`), saves, and presses `j` and `k` in turn
//! with a frame after each, until the save is back.
//!
//! `cargo bench --bench save` (not criterion: the longest key is the figure, not the mean).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/novel.rs"]
mod novel;
#[path = "support/spread.rs"]
mod spread;

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEvent};
use glossator::schema::Schema;
use glossator::tui::{
    App, Effect, KeyCombo, Keymap, handle_event, perform, render, saving, viewport,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ROUNDS: usize = 5;

fn key(k: &str) -> Event {
    let combo: KeyCombo = k.parse().unwrap();
    Event::Key(KeyEvent::new(combo.code, combo.mods))
}

struct Rig {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Rig {
    fn frame(&mut self) {
        let area = ratatui::layout::Rect::new(0, 0, 200, 60);
        self.app.set_viewport(viewport(area));
        let app = &self.app;
        self.terminal.draw(|f| render(app, f)).unwrap();
    }

    /// One key through the binary's path and the frame after it; saves are left to the
    /// caller.
    fn press(&mut self, k: &str) {
        for effect in handle_event(&mut self.app, &key(k)) {
            if effect != Effect::Save {
                perform(&mut self.app, &effect);
            }
        }
        self.frame();
    }

    fn change(&mut self) {
        for k in ["v", "2", "u"] {
            self.press(k);
        }
        assert!(self.app.dirty());
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let article = novel::novel();
    let schema = Schema::news();
    let annotations = spread::annotations(&article, &schema, novel::MENTIONS);
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(
        article,
        annotations,
        schema,
        Keymap::default_keys(),
        dir.path().join("novel.ann.ron"),
        false,
    );
    let mut rig = Rig {
        app,
        terminal: Terminal::new(TestBackend::new(200, 60)).unwrap(),
    };
    rig.frame();
    // The middle of the novel.
    let middle = rig.app.doc.article().paragraphs.len() / 2;
    rig.app.view.cursor = rig.app.doc.article().paragraphs[middle].start;
    rig.frame();
    let mut on_loop = Vec::new();
    let mut beside = Vec::new();
    let mut keys_during = Vec::new();
    let mut save_times = Vec::new();
    for round in 0..ROUNDS {
        // On the loop's thread: the key after the save waits for all of it.
        rig.change();
        let start = Instant::now();
        perform(&mut rig.app, &Effect::Save);
        rig.press(if round % 2 == 0 { "j" } else { "k" });
        on_loop.push(start.elapsed());
        // Beside the loop: the key that saves, then keys until the save is back.
        rig.change();
        let start = Instant::now();
        saving::save_beside(&mut rig.app);
        rig.frame();
        let mut longest = start.elapsed();
        let mut keys = 0;
        let mut down = true;
        while !saving::land(&mut rig.app, false) {
            let t = Instant::now();
            rig.press(if down { "j" } else { "k" });
            down = !down;
            longest = longest.max(t.elapsed());
            keys += 1;
        }
        save_times.push(start.elapsed());
        assert!(!rig.app.dirty(), "{:?}", rig.app.on_disk.save_state);
        beside.push(longest);
        keys_during.push(keys);
    }
    let show = |v: &[Duration]| {
        v.iter()
            .map(|d| format!("{:.1}", ms(*d)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    println!("rounds: {ROUNDS}; ms per round");
    println!(
        "save on the loop's thread, the key after it: {} (longest {:.1} ms)",
        show(&on_loop),
        ms(on_loop.iter().max().copied().unwrap_or_default())
    );
    println!(
        "save beside the loop, the longest key while it ran: {} (longest {:.1} ms)",
        show(&beside),
        ms(beside.iter().max().copied().unwrap_or_default())
    );
    println!(
        "the save beside the loop took {} ms, with {:?} keys handled meanwhile",
        show(&save_times),
        keys_during
    );
}
