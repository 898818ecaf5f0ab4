//! Driving the whole app on a `TestBackend` through the binary's event path
//! (event -> keymap -> update), and reading the screen back.
#![allow(dead_code)]

use std::path::PathBuf;

use crossterm::event::{Event, KeyEvent, KeyModifiers};
use glossator::schema::Schema;
use glossator::tui::{
    App, Effect, KeyCombo, OpenRequest, handle_event, load_app, perform, render, viewport,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A key by its keymap name: "j", "G", "ctrl-r", "enter", "tab", "esc".
pub fn key(k: &str) -> Event {
    let combo: KeyCombo = k.parse().unwrap();
    let mut mods = combo.mods;
    if let crossterm::event::KeyCode::Char(c) = combo.code
        && c.is_uppercase()
    {
        mods |= KeyModifiers::SHIFT;
    }
    Event::Key(KeyEvent::new(combo.code, mods))
}

pub fn app(article: &str) -> App {
    load_app(&OpenRequest::new(
        PathBuf::from(article),
        "tester",
        Schema::news(),
    ))
    .unwrap()
}

/// A copy of `fixture` in a fresh folder, so saving does not touch the repository.
pub fn scratch(fixture: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let name = std::path::Path::new(fixture).file_name().unwrap();
    let article = dir.path().join(name);
    std::fs::copy(fixture, &article).unwrap();
    let a = app(article.to_str().unwrap());
    (dir, a)
}

/// A copy of `fixture` and its annotation file, if it has one, in a fresh folder.
pub fn scratch_annotated(fixture: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(fixture);
    let article = dir.path().join(src.file_name().unwrap());
    std::fs::copy(src, &article).unwrap();
    let ann = glossator::store::annotation_path_for(src);
    std::fs::copy(&ann, glossator::store::annotation_path_for(&article)).unwrap();
    let a = app(article.to_str().unwrap());
    (dir, a)
}

/// A new article with `text` in a fresh folder.
pub fn article_with(text: &str) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(&article, text).unwrap();
    let a = app(article.to_str().unwrap());
    (dir, a)
}

/// Moves the cursor to the first occurrence of `needle` at or after the start of the text.
pub fn goto(a: &mut App, needle: &str) {
    let at = a.doc.article().text.find(needle).unwrap();
    play(a, &["g"], 100, 20);
    move_to(a, at);
}

/// Sends `keys` through the binary's event path at `w` x `h` and returns the screen.
pub fn play(app: &mut App, keys: &[&str], w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    app.set_viewport(viewport(area));
    for k in keys {
        // What the loop would carry out, but saving: tests save with `perform` when they mean to.
        for effect in handle_event(app, &key(k)) {
            if !matches!(effect, Effect::Save | Effect::Suspend) {
                perform(app, &effect);
            }
        }
        app.set_viewport(viewport(area));
    }
    terminal.draw(|f| render(app, f)).unwrap();
    terminal
}

/// Types `text` one character at a time (into a picker, a search or a field).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let k = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        handle_event(app, &key(&k));
    }
}

pub fn screen_text(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect()
}

pub fn find(lines: &[String], needle: &str) -> (u16, u16) {
    for (y, line) in lines.iter().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
        }
    }
    panic!("{needle:?} not on screen:\n{}", lines.join("\n"));
}

/// Moves the cursor forward to byte `at` through the key path in few keys: `}` while the
/// next paragraph starts at or before it, then `w` while the next word does, then `l`.
/// Returns the keys it pressed.
pub fn move_to(a: &mut App, at: usize) -> Vec<&'static str> {
    let area = ratatui::layout::Rect::new(0, 0, 100, 20);
    a.set_viewport(viewport(area));
    let mut pressed = Vec::new();
    while a.view.cursor < at {
        let next_paragraph = a
            .doc
            .article()
            .paragraphs
            .iter()
            .map(|p| p.start)
            .find(|&s| s > a.view.cursor);
        let next_word = glossator::text::next_word_start(&a.doc.article().text, a.view.cursor);
        let k = if next_paragraph.is_some_and(|s| s <= at) {
            "}"
        } else if next_word.is_some_and(|w| w <= at) {
            "w"
        } else {
            "l"
        };
        let from = a.view.cursor;
        for effect in handle_event(a, &key(k)) {
            if !matches!(effect, Effect::Save | Effect::Suspend) {
                perform(a, &effect);
            }
        }
        a.set_viewport(viewport(area));
        pressed.push(k);
        if a.view.cursor <= from {
            // A motion that did not move (the end of a paragraph): a character at a time.
            play(a, &["l"], 100, 20);
            pressed.push("l");
            assert!(
                a.view.cursor > from,
                "the cursor is stuck at {from} short of {at}"
            );
        }
    }
    pressed
}

/// The text of every mention's first fragment, in file order.
pub fn mention_texts(a: &App) -> Vec<(String, String)> {
    let mut ms = a.doc.annotations().clone();
    ms.sort();
    ms.mentions
        .iter()
        .map(|m| {
            let f = m.fragments[0];
            (
                m.label.clone(),
                a.doc.article().text[f.start..f.end].to_owned(),
            )
        })
        .collect()
}
