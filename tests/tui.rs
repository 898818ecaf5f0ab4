//! The whole app on a `TestBackend`, driven through the same event -> keymap -> update path
//! as the binary: what is on screen, and in which colours.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use glossator::schema::Schema;
use glossator::tui::{App, OpenRequest, handle_event, load_app, render, viewport};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

fn key(k: &str) -> Event {
    let code = match k {
        "pagedown" => KeyCode::PageDown,
        "esc" => KeyCode::Esc,
        c => KeyCode::Char(c.chars().next().unwrap()),
    };
    let mods = if k.len() == 1 && k.chars().all(char::is_uppercase) {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(code, mods))
}

fn app(article: &str) -> App {
    load_app(&OpenRequest {
        article: PathBuf::from(article),
        out: None,
        annotator: "tester".into(),
        schema: Schema::news(),
    })
    .unwrap()
}

/// Sends `keys` through the binary's event path at `w` x `h` and returns the screen.
fn play(app: &mut App, keys: &[&str], w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    app.set_viewport(viewport(area));
    for k in keys {
        handle_event(app, &key(k));
        app.set_viewport(viewport(area));
    }
    terminal.draw(|f| render(app, f)).unwrap();
    terminal
}

fn screen_text(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect()
}

fn find(lines: &[String], needle: &str) -> (u16, u16) {
    for (y, line) in lines.iter().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = line[..byte].chars().count();
            return (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
        }
    }
    panic!("{needle:?} not on screen:\n{}", lines.join("\n"));
}

#[test]
fn mentions_are_highlighted_in_their_label_colour() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let t = play(&mut a, &[], 100, 20);
    let lines = screen_text(&t);
    let buf = t.backend().buffer();
    // "Mayor Ana Ruiz" is a Speaker (#5fafff); "told reporters" a Cue (#af87ff).
    let (x, y) = find(&lines, "Ana Ruiz");
    assert_eq!(buf[(x, y)].bg, Color::Rgb(0x5f, 0xaf, 0xff));
    let (x, y) = find(&lines, "reporters on");
    assert_eq!(buf[(x, y)].bg, Color::Rgb(0xaf, 0x87, 0xff));
    // "on Monday" is not annotated.
    let (x, y) = find(&lines, "Monday");
    assert_eq!(buf[(x, y)].bg, Color::Reset);
}

#[test]
fn the_annotation_pane_follows_the_current_paragraph() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let t = play(&mut a, &["}", "}"], 100, 20);
    let lines = screen_text(&t);
    let joined = lines.join("\n");
    assert!(joined.contains("Annotations · ¶ 3"), "{joined}");
    assert!(joined.contains("Source  local media reports"), "{joined}");
    assert!(!joined.contains("Mayor Ana Ruiz\n"), "{joined}");
}

#[test]
fn page_down_scrolls_and_the_view_stays_in_range() {
    let mut a = app("assets/demo/fna_iran_rejects_military_cooperation.txt");
    let t = play(&mut a, &["pagedown"; 50], 80, 24);
    let joined = screen_text(&t).join("\n");
    assert!(
        joined.contains("Your email address will not be published"),
        "{joined}"
    );
    assert!(
        !joined.contains("Iran Rejects Military Cooperation"),
        "{joined}"
    );
    assert_eq!(a.top + a.page, a.rows.len(), "the last row ends the view");
}

#[test]
fn help_is_generated_from_the_keymap_and_closes_with_esc() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let t = play(&mut a, &["?"], 100, 40);
    let joined = screen_text(&t).join("\n");
    assert!(joined.contains("Keys · esc closes"), "{joined}");
    assert!(
        joined.contains("1  label the selection Speaker"),
        "{joined}"
    );
    assert!(joined.contains("left h  move left"), "{joined}");
    assert!(
        !joined.contains("label the selection 6"),
        "only the schema's labels: {joined}"
    );
    let mut a = app("tests/fixtures/v1/park.txt");
    let t = play(&mut a, &["?", "esc"], 100, 40);
    assert!(!screen_text(&t).join("\n").contains("Keys · esc closes"));
}

#[test]
fn keys_for_later_features_say_so_instead_of_doing_nothing() {
    let mut a = app("tests/fixtures/v1/park.txt");
    a.update(glossator::tui::Action::Undo);
    assert_eq!(
        a.message.as_deref(),
        Some("undo: not available in this version yet")
    );
}

#[test]
fn a_narrow_window_hides_the_side_pane_and_still_shows_the_text() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let t = play(&mut a, &[], 40, 12);
    let lines = screen_text(&t);
    let joined = lines.join("\n");
    assert!(!joined.contains("Annotations"), "{joined}");
    assert!(joined.contains("Council Backs Riverside"), "{joined}");
    assert!(lines.iter().all(|l| l.chars().count() == 40));
}

#[test]
fn q_quits_and_ctrl_c_always_quits() {
    let mut a = app("tests/fixtures/v1/park.txt");
    play(&mut a, &["q"], 80, 24);
    assert!(a.quit);
    let mut a = app("tests/fixtures/v1/park.txt");
    handle_event(
        &mut a,
        &Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(a.quit);
}
