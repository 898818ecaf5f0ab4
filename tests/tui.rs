//! The whole app on a `TestBackend`, driven through the same event -> keymap -> update path
//! as the binary: what is on screen, and in which colours.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use glossator::tui::{SaveState, handle_event};
use ratatui::style::Color;
use screen::{app, find, key, mention_texts, move_to, play, screen_text};

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
    assert!(joined.contains("Source  'local media"), "{joined}");
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
    let rows = a.visible_rows();
    assert_eq!(rows.len(), a.view.page, "the screen is full");
    let last = a.row_offset(a.view.top, 10_000);
    assert_eq!(rows.last().unwrap().0, last, "the last row ends the view");
}

#[test]
fn help_is_generated_from_the_keymap_and_closes_with_esc() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let t = play(&mut a, &["?"], 100, 40);
    let joined = screen_text(&t).join("\n");
    assert!(
        joined.contains("Keys · j/k scroll · esc closes"),
        "{joined}"
    );
    let pane = glossator::tui::help_rows(&a.keymap, &a.schema, glossator::tui::Mode::Pane);
    assert!(pane.contains(&("m".into(), "merge this entity into another".into())));
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
    assert!(!screen_text(&t).join("\n").contains("esc closes"));
}

#[test]
fn link_keys_off_their_annotation_say_what_to_do() {
    let mut a = app("tests/fixtures/v1/park.txt");
    a.update(glossator::tui::Action::Attribute);
    assert_eq!(
        a.message.as_deref(),
        Some("put the cursor on a claim to attribute it")
    );
    // Refused: Esc dismisses the refusal and nothing else.
    assert_eq!(a.mode, glossator::tui::Mode::Refused);
    handle_event(&mut a, &key("esc"));
    assert_eq!(
        (a.mode, a.message.as_deref()),
        (glossator::tui::Mode::Reading, None)
    );
    a.update(glossator::tui::Action::Stance);
    assert_eq!(
        a.message.as_deref(),
        Some("put the cursor on a speaker (the holder) or on a claim (the target)")
    );
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.mode, glossator::tui::Mode::Reading);
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

#[test]
fn select_words_and_label_them_then_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("park.txt");
    std::fs::copy("tests/fixtures/v1/park.txt", &article).unwrap();
    let mut a = app(article.to_str().unwrap());
    // Paragraph 3 starts with "Critics said"; select "Critics" and label it Speaker.
    play(&mut a, &["}", "}", "v", "1"], 100, 20);
    // A Speaker asks for its entity (esc would take the label back): a new one, its kind.
    assert_eq!(a.mode, glossator::tui::Mode::Picker);
    play(&mut a, &["enter", "enter"], 100, 20);
    assert_eq!(a.doc.annotations().entities.len(), 1);
    assert_eq!(
        mention_texts(&a),
        vec![("Speaker".into(), "Critics".into())]
    );
    assert_eq!(a.on_disk.save_state, SaveState::Unsaved);
    // w moves to "said": a selection inside one word grows to the whole word.
    play(&mut a, &["w", "v", "3"], 100, 20);
    // "the plan was too expensive": from "the" to "expensive" with w motions.
    play(&mut a, &["w", "v", "w", "w", "w", "w", "2"], 100, 20);
    assert_eq!(
        mention_texts(&a),
        vec![
            ("Speaker".into(), "Critics".into()),
            ("Cue".into(), "said".into()),
            ("Claim".into(), "the plan was too expensive".into()),
        ]
    );
    play(&mut a, &["u"], 100, 20);
    assert_eq!(mention_texts(&a).len(), 2);
    play(&mut a, &["ctrl-r"], 100, 20);
    assert_eq!(mention_texts(&a).len(), 3);
    // x deletes the mention under the cursor (still in "expensive").
    play(&mut a, &["x"], 100, 20);
    assert_eq!(mention_texts(&a).len(), 2);
}

#[test]
fn a_label_key_on_a_mention_relabels_it() {
    let mut a = app("tests/fixtures/v1/park.txt");
    // "Ruiz denied ...": m9 is a Speaker that no link names as a speaker, so it may become a
    // Source, and keeps its entity (Sources take entities too).
    let start = a.doc.article().text.find("Ruiz denied").unwrap();
    move_to(&mut a, start);
    play(&mut a, &["4"], 100, 20);
    let m = a.doc.annotations().mention_at(start).unwrap();
    assert_eq!(a.doc.annotations().mention(m).unwrap().label, "Source");
    assert!(a.doc.annotations().mention(m).unwrap().entity.is_some());
    assert_eq!(a.message.as_deref(), Some("m9 is now Source"));
}

#[test]
fn relabelling_that_would_break_a_link_is_refused() {
    let mut a = app("tests/fixtures/v1/park.txt");
    // "Mayor Ana Ruiz" (m2) is the speaker of a1; as a Source it would no longer fit.
    let start = a.doc.article().text.find("Mayor").unwrap();
    move_to(&mut a, start);
    play(&mut a, &["4"], 100, 20);
    let m = a.doc.annotations().mention_at(start).unwrap();
    assert_eq!(a.doc.annotations().mention(m).unwrap().label, "Speaker");
    let message = a.message.clone().unwrap();
    assert!(
        message.starts_with("cannot relabel: a1: its speaker m2 is a Source mention"),
        "{message}"
    );
    assert_eq!(a.on_disk.save_state, SaveState::Saved, "nothing changed");
}

#[test]
fn the_cursor_and_selection_are_drawn() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let t = play(&mut a, &["v", "l", "l"], 100, 20);
    let buf = t.backend().buffer();
    // The title starts at column 1: the cursor is on its third character, the selection
    // covers the first three.
    assert!(
        buf[(3, 0)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    // The dark theme's selection colour.
    assert_eq!(buf[(1, 0)].bg, Color::Rgb(0x58, 0x58, 0x58));
    assert_eq!(buf[(2, 0)].bg, Color::Rgb(0x58, 0x58, 0x58));
}

/// A session on a disk whose next `at`-th write fails (once, or for good).
fn failing_disk(a: &mut glossator::tui::App, dir: &std::path::Path, at: usize, lasting: bool) {
    use glossator::store::disk::{Faults, Step};
    let mut faults = Faults::new(at, 28).only(Step::Write).under(dir);
    if lasting {
        faults = faults.lasting();
    }
    a.on_disk.session = glossator::store::Session::detached(dir.join("park.ann.ron"))
        .with_recovery_dir(dir.parent().unwrap().join("recovery"))
        .with_disk(glossator::store::Disk::faulty(std::sync::Arc::new(faults)));
}

/// The park article in `dir/data`, opened on a disk whose first write there fails (and
/// every later one too when `lasting`), with one new mention.
fn labelled_on_failing_disk(dir: &std::path::Path, lasting: bool) -> glossator::tui::App {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let article = data.join("park.txt");
    std::fs::copy("tests/fixtures/v1/park.txt", &article).unwrap();
    let mut a = app(article.to_str().unwrap());
    failing_disk(&mut a, &data, 0, lasting);
    play(&mut a, &["v", "2"], 100, 20);
    a
}

#[test]
fn a_save_that_works_after_a_failed_one_takes_the_failure_off_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    // The first write fails (the disk is full), the next one works.
    let mut a = labelled_on_failing_disk(dir.path(), false);
    glossator::tui::perform(&mut a, &glossator::tui::Effect::Save);
    assert!(matches!(a.on_disk.save_state, SaveState::Failed(_)));
    let screen = screen_text(&play(&mut a, &[], 160, 20)).join("\n");
    assert!(screen.contains("not saved"), "{screen}");
    glossator::tui::perform(&mut a, &glossator::tui::Effect::Save);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    let screen = screen_text(&play(&mut a, &[], 160, 20)).join("\n");
    assert!(!screen.contains("not saved"), "{screen}");
    assert!(!screen.contains("No space left"), "{screen}");
    assert!(screen.contains("saved park.ann.ron"), "{screen}");
}

#[test]
fn quitting_with_changes_saves_first_and_a_failed_save_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // The first write in the folder fails (the disk is full), later ones work.
    let mut a = labelled_on_failing_disk(dir.path(), false);
    let effects = handle_event(&mut a, &key("q"));
    assert_eq!(effects, vec![glossator::tui::Effect::Save]);
    glossator::tui::perform(&mut a, &effects[0]);
    assert!(!a.quit, "a failed save must not quit");
    assert!(matches!(a.on_disk.save_state, SaveState::Failed(_)));
    assert_eq!(a.mode, glossator::tui::Mode::QuitFailed);
    assert_eq!(mention_texts(&a).len(), 1);
    // A copy went to the recovery folder, and the question says where and what next.
    let copies: Vec<_> = std::fs::read_dir(dir.path().join("recovery"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1);
    assert!(
        std::fs::read_to_string(&copies[0])
            .unwrap()
            .contains("quote: \"Council\"")
    );
    let screen = screen_text(&play(&mut a, &[], 110, 30)).join("\n");
    assert!(screen.contains("Saving failed"), "{screen}");
    assert!(screen.contains("No space left on device"), "{screen}");
    assert!(screen.contains("recovery"), "{screen}");
    assert!(screen.contains("r  try again"), "{screen}");
    // Ctrl-c and q do not quit over it.
    play(&mut a, &["ctrl-c", "q"], 110, 30);
    assert!(!a.quit);
    // Retrying works now: the work is saved and the session ends.
    let effects = handle_event(&mut a, &key("r"));
    for e in &effects {
        glossator::tui::perform(&mut a, e);
    }
    assert!(a.quit);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    let saved = std::fs::read_to_string(data.join("park.ann.ron")).unwrap();
    assert!(saved.contains("quote: \"Council\""), "{saved}");
    assert!(
        std::fs::read_dir(dir.path().join("recovery"))
            .unwrap()
            .next()
            .is_none(),
        "the copy is gone once the file holds the work"
    );
}

#[test]
fn a_failed_save_on_quit_can_save_elsewhere_or_drop_the_work_only_when_typed_out() {
    use glossator::tui::Mode;
    let dir = tempfile::tempdir().unwrap();
    let mut a = labelled_on_failing_disk(dir.path(), true);
    for e in handle_event(&mut a, &key("q")) {
        glossator::tui::perform(&mut a, &e);
    }
    assert_eq!(a.mode, Mode::QuitFailed);
    // Save-as never replaces a file: the article itself is refused.
    let article = dir.path().join("data").join("park.txt");
    let text = std::fs::read(&article).unwrap();
    glossator::tui::perform(&mut a, &glossator::tui::Effect::SaveAs(article.clone()));
    assert!(!a.quit);
    assert!(
        a.message.as_deref().unwrap().contains("exists"),
        "{:?}",
        a.message
    );
    assert_eq!(std::fs::read(&article).unwrap(), text);
    // Nor makes folders from a mistyped path.
    let nowhere = dir.path().join("no-such-folder").join("x.ann.ron");
    glossator::tui::perform(&mut a, &glossator::tui::Effect::SaveAs(nowhere.clone()));
    assert!(!a.quit);
    assert!(!nowhere.parent().unwrap().exists());
    // Save as a path on another disk.
    let elsewhere = dir.path().join("elsewhere.ann.ron");
    play(&mut a, &["w"], 110, 30);
    let mut effects = Vec::new();
    for c in elsewhere.to_str().unwrap().chars() {
        effects.extend(handle_event(&mut a, &key(&c.to_string())));
    }
    effects.extend(handle_event(&mut a, &key("enter")));
    assert_eq!(
        effects,
        vec![glossator::tui::Effect::SaveAs(elsewhere.clone())]
    );
    glossator::tui::perform(&mut a, &effects[0]);
    assert!(a.quit);
    assert!(
        std::fs::read_to_string(&elsewhere)
            .unwrap()
            .contains("Council")
    );
    assert!(a.exit_note().unwrap().contains("elsewhere.ann.ron"));

    // Dropping the work needs the word typed out.
    let mut b = labelled_on_failing_disk(dir.path(), true);
    for e in handle_event(&mut b, &key("q")) {
        glossator::tui::perform(&mut b, &e);
    }
    play(&mut b, &["d", "d", "r", "o", "enter"], 110, 30);
    assert!(!b.quit, "not quite the word");
    play(&mut b, &["p", "enter"], 110, 30);
    assert!(b.quit);
    assert!(b.exit_note().unwrap().contains("quit without saving"));
    // Esc stays, with the work.
    let mut c = labelled_on_failing_disk(dir.path(), true);
    for e in handle_event(&mut c, &key("q")) {
        glossator::tui::perform(&mut c, &e);
    }
    play(&mut c, &["esc"], 110, 30);
    assert_eq!(c.mode, Mode::Reading);
    assert!(!c.quit);
    assert_eq!(mention_texts(&c).len(), 1);
}

#[test]
fn mentions_in_finds_what_overlaps_a_range_even_when_it_starts_far_before() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let p3 = a.doc.article().paragraphs[2].clone();
    let found: Vec<String> = a
        .mentions_in(p3.clone())
        .map(|m| m.id.to_string())
        .collect();
    assert_eq!(found, ["m4", "m5", "m6", "m7", "m8"]);
    // A mention from the title to the last paragraph reaches into every range.
    play(&mut a, &["v", "G", "5"], 100, 20);
    let long = a.doc.annotations().next_mention_id().0 - 1;
    let found: Vec<u32> = a.mentions_in(p3.end - 1..p3.end).map(|m| m.id.0).collect();
    assert!(found.contains(&long), "{found:?}");
    assert!(a.mentions_in(0..0).next().is_none());
}

fn app_with_depth(depth: glossator::tui::Depth) -> glossator::tui::App {
    glossator::tui::load_app(&glossator::tui::OpenRequest {
        depth,
        ..glossator::tui::OpenRequest::new(
            "tests/fixtures/v1/park.txt".into(),
            "tester",
            glossator::schema::Schema::news(),
        )
    })
    .unwrap()
}

#[test]
fn without_colour_labels_and_the_selection_differ_by_style_alone() {
    use ratatui::style::Modifier;
    let mut a = app_with_depth(glossator::tui::Depth::None);
    let t = play(&mut a, &["v", "l"], 100, 20);
    let lines = screen_text(&t);
    let buf = t.backend().buffer();
    let cell = |needle: &str| {
        let (x, y) = find(&lines, needle);
        buf[(x + 1, y)].clone()
    };
    let speaker = cell("Mayor Ana");
    let claim = cell("We will build");
    let cue = cell("told reporters");
    for c in [&speaker, &claim, &cue] {
        assert_eq!(c.bg, Color::Reset, "no colour at all");
        assert_eq!(c.fg, Color::Reset, "no colour at all");
    }
    assert!(speaker.modifier.contains(Modifier::BOLD));
    assert!(claim.modifier.contains(Modifier::UNDERLINED));
    assert!(cue.modifier.contains(Modifier::ITALIC));
    assert_ne!(speaker.modifier, claim.modifier);
    // The selection is reversed; the cursor inside it is not, so both show.
    assert!(buf[(1, 0)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(2, 0)].modifier.contains(Modifier::REVERSED));
    assert!(buf[(2, 0)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn sixteen_colour_terminals_get_the_nearest_named_colours() {
    let mut a = app_with_depth(glossator::tui::Depth::Ansi16);
    let t = play(&mut a, &[], 100, 20);
    let lines = screen_text(&t);
    let buf = t.backend().buffer();
    let (x, y) = find(&lines, "Mayor Ana");
    assert_eq!(buf[(x, y)].bg, Color::LightBlue);
    let (x, y) = find(&lines, "We will build");
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
}

#[test]
fn wide_characters_emoji_rtl_and_control_characters_keep_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("mixed.txt");
    let text = "中文标题：伊朗拒绝军事合作 👍🏽 ok\n\n\
                مرحبا بالعالم — Arabic text that runs right to left beside English words\n\n\
                A bell\u{7} and an escape \u{1b}[31mred\u{1b}[0m and a C1 \u{9b} byte.\n";
    std::fs::write(&article, text).unwrap();
    let mut a = screen::app(article.to_str().unwrap());
    for (w, h) in [(80, 24), (100, 20), (45, 12)] {
        let t = play(&mut a, &["v", "w", "w", "2"], w, h);
        let buf = t.backend().buffer();
        let lines = screen_text(&t);
        // The pane's border stays in one column on every row that has it.
        let borders: std::collections::BTreeSet<usize> = lines
            .iter()
            .filter_map(|l| l.chars().position(|c| c == '│'))
            .collect();
        assert!(
            borders.len() <= 1,
            "{w}x{h}: {borders:?}\n{}",
            lines.join("\n")
        );
        for y in 0..h {
            for x in 0..w {
                let s = buf[(x, y)].symbol();
                assert!(
                    !s.chars().any(char::is_control),
                    "{w}x{h}: a control character at {x},{y}: {s:?}"
                );
            }
        }
        let joined = lines.join("\n");
        assert!(joined.contains("␛[31mred"), "{joined}");
        assert!(joined.contains('␇'), "{joined}");
        play(&mut a, &["u"], w, h);
    }
}

#[test]
fn a_long_text_is_wrapped_only_where_the_screen_and_the_cursor_go() {
    use std::fmt::Write as _;
    let mut text = String::new();
    for i in 0..5_000 {
        let _ = write!(
            text,
            "Paragraph {i} says something long enough to wrap on a narrow screen.\n\n"
        );
    }
    let (_dir, mut a) = screen::article_with(&text);
    play(&mut a, &[], 80, 24);
    assert!(
        a.view.rows.wrapped() <= 24,
        "{} paragraphs wrapped",
        a.view.rows.wrapped()
    );
    let t = play(&mut a, &["G"], 80, 24);
    assert!(screen_text(&t).join("\n").contains("Paragraph 4999 says"));
    assert!(
        a.view.rows.wrapped() <= 48,
        "{} paragraphs wrapped",
        a.view.rows.wrapped()
    );
    assert!(a.cursor_on_screen());
    // A resize starts again at the new width, keeping the cursor on screen.
    let t = play(&mut a, &["k", "k"], 50, 12);
    assert!(
        a.view.rows.wrapped() <= 12,
        "{} paragraphs wrapped",
        a.view.rows.wrapped()
    );
    assert!(a.cursor_on_screen());
    assert!(screen_text(&t).join("\n").contains("Paragraph 4998"));
    play(&mut a, &["g"], 120, 40);
    assert!(a.cursor_on_screen());
    assert_eq!(a.view.top, glossator::tui::RowPos::default());
}

#[test]
fn the_first_save_keeps_a_backup_and_a_file_changed_on_disk_is_never_written_over() {
    use glossator::tui::{Effect, perform};
    let (dir, mut a) = screen::scratch_annotated("tests/fixtures/v1/park.txt");
    let file = dir.path().join("park.ann.ron");
    let original = std::fs::read(&file).unwrap();
    play(&mut a, &["v", "5"], 100, 20);
    perform(&mut a, &Effect::Save);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    let backup = dir.path().join("park.ann.ron~");
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        original,
        "the file as it was"
    );
    play(&mut a, &["u"], 100, 20);
    perform(&mut a, &Effect::Save);
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        original,
        "one backup per session"
    );

    // Another program writes the file; our next save goes aside and theirs stays.
    let theirs = std::fs::read_to_string(&file)
        .unwrap()
        .replace("status: InProgress", "status: Done");
    std::fs::write(&file, &theirs).unwrap();
    play(&mut a, &["v", "5"], 100, 20);
    perform(&mut a, &Effect::Save);
    assert!(
        matches!(a.on_disk.save_state, SaveState::Conflict(_)),
        "{:?}",
        a.on_disk.save_state
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".conflict-"))
        .collect();
    assert_eq!(aside.len(), 1);
    let ours = std::fs::read_to_string(&aside[0]).unwrap();
    assert!(ours.contains("label: \"Target\""), "{ours}");
    // The user is asked: r loads theirs, n goes on with ours in the new file.
    assert_eq!(a.mode, glossator::tui::Mode::Changed);
    let screen = screen_text(&play(&mut a, &[], 120, 24)).join("\n");
    assert!(screen.contains("The file changed on disk"), "{screen}");
    play(&mut a, &["r"], 120, 24);
    assert_eq!(
        a.doc.annotations().status,
        glossator::model::Status::Done,
        "theirs"
    );
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    play(&mut a, &["u"], 120, 24);
    assert!(
        a.doc
            .annotations()
            .mentions
            .iter()
            .any(|m| m.label == "Target" && m.extent().start == 0),
        "u brings ours back"
    );
    // Theirs is the file now; an edit saves over it normally (with no new conflict).
    perform(&mut a, &Effect::Save);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    // Another change under us, and this time go on with ours.
    std::fs::write(&file, &theirs).unwrap();
    play(&mut a, &["esc", "g", "w", "v", "4"], 100, 20);
    perform(&mut a, &Effect::Save);
    play(&mut a, &["n"], 120, 24);
    assert_eq!(a.mode, glossator::tui::Mode::Reading);
    // Later saves go on to the copy without asking again.
    play(&mut a, &["esc", "g", "w", "w", "v", "3"], 100, 20);
    assert_ne!(a.mode, glossator::tui::Mode::Refused, "{:?}", a.message);
    perform(&mut a, &Effect::Save);
    assert_eq!(a.mode, glossator::tui::Mode::Reading, "asked once");
    assert!(matches!(a.on_disk.save_state, SaveState::Conflict(_)));
    let status = screen_text(&play(&mut a, &["l"], 120, 20)).pop().unwrap();
    assert!(status.contains("CHANGED ON DISK"), "{status}");
    assert!(
        !status.contains("not saved"),
        "the work is saved, aside: {status}"
    );
    assert!(status.contains("your work is saved in"), "{status}");
    // The work is safe, so quitting is allowed.
    let effects = handle_event(&mut a, &key("q"));
    for e in &effects {
        perform(&mut a, e);
    }
    assert!(a.quit);
}

#[test]
fn a_journal_of_unsaved_work_is_offered_back_and_can_be_set_aside() {
    let (_keep, mut a) = screen::scratch_annotated("tests/fixtures/v1/park.txt");
    let file = a.file().to_path_buf();
    // A session that labelled "Council" and died before saving.
    play(&mut a, &["v", "5"], 100, 20);
    let ron = glossator::store::to_ron(&file, a.doc.annotations(), a.doc.article()).unwrap();
    glossator::store::journal::write(&glossator::store::Disk::real(), &file, &ron).unwrap();
    let article = file.with_file_name("park.txt");
    let b = screen::app(article.to_str().unwrap());
    assert_eq!(b.mode, glossator::tui::Mode::Recover);
    let mut b = b;
    let screen = screen_text(&play(&mut b, &[], 110, 24)).join("\n");
    assert!(screen.contains("Unsaved work was found"), "{screen}");
    assert!(
        screen.contains("The file holds:    14 mentions"),
        "{screen}"
    );
    assert!(
        screen.contains("The journal holds: 15 mentions"),
        "{screen}"
    );
    assert!(!screen.contains("changed after that"), "{screen}");
    drop(b);
    // The file written after the journal (another program, after the crash): said.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let mut b = screen::app(article.to_str().unwrap());
    let screen = screen_text(&play(&mut b, &[], 110, 30)).join("\n");
    assert!(
        screen.contains("The file was changed after that"),
        "{screen}"
    );
    play(&mut b, &["d"], 110, 24);
    assert_eq!(b.mode, glossator::tui::Mode::Reading);
    assert_eq!(b.doc.annotations().mentions.len(), 14);
    assert!(file.with_file_name("park.ann.ron.journal~").exists());
    let c = screen::app(article.to_str().unwrap());
    assert_eq!(c.mode, glossator::tui::Mode::Reading, "asked once");
}

#[test]
fn a_changed_article_is_re_anchored_and_reviewed_before_anything_is_saved() {
    use glossator::tui::{Effect, Mode, perform};
    let (dir, _) = screen::scratch_annotated("tests/fixtures/v1/park.txt");
    let article = dir.path().join("park.txt");
    let text = std::fs::read_to_string(&article)
        .unwrap()
        .replace("Council Backs", "City Council Backs")
        .replace("Critics said", "Opponents said");
    std::fs::write(&article, &text).unwrap();
    let mut a = screen::app(article.to_str().unwrap());
    assert_eq!(a.mode, Mode::Triage);
    let rows: Vec<String> = a
        .overlays
        .triage
        .rows
        .iter()
        .map(|r| format!("{} {}", r.anchor.word(), r.quote))
        .collect();
    assert!(rows.contains(&"lost Critics".to_owned()), "{rows:?}");
    assert!(
        rows.contains(&"relocated Mayor Ana Ruiz".to_owned()),
        "{rows:?}"
    );
    let screen = screen_text(&play(&mut a, &[], 120, 24)).join("\n");
    assert!(screen.contains("The article changed"), "{screen}");
    let before = std::fs::read(dir.path().join("park.ann.ron")).unwrap();
    perform(&mut a, &Effect::Save);
    assert_eq!(
        std::fs::read(dir.path().join("park.ann.ron")).unwrap(),
        before,
        "nothing is saved before the review"
    );
    // Delete the lost one, accept the rest, save.
    let lost = a
        .overlays
        .triage
        .rows
        .iter()
        .position(|r| r.quote == "Critics")
        .unwrap();
    for _ in 0..lost {
        play(&mut a, &["j"], 120, 24);
    }
    play(&mut a, &["x", "a"], 120, 24);
    assert_eq!(a.mode, Mode::Reading);
    perform(&mut a, &Effect::Save);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    let parsed = glossator::store::read(&dir.path().join("park.ann.ron")).unwrap();
    let now = glossator::text::Article::load(&article).unwrap();
    let (saved, problems) = parsed.resolve(&now);
    assert_eq!(problems, vec![], "the saved file matches the new text");
    assert_eq!(saved.mentions.len(), 13);
}

/// The park article with the sentence "Ruiz denied that the budget would grow." deleted,
/// opened with its old annotations: in triage.
fn park_with_a_deleted_sentence() -> (tempfile::TempDir, glossator::tui::App) {
    let (dir, _) = screen::scratch_annotated("tests/fixtures/v1/park.txt");
    let article = dir.path().join("park.txt");
    let text = std::fs::read_to_string(&article)
        .unwrap()
        .replace("Ruiz denied that the budget would grow. ", "");
    std::fs::write(&article, &text).unwrap();
    let a = screen::app(article.to_str().unwrap());
    assert_eq!(a.mode, glossator::tui::Mode::Triage);
    (dir, a)
}

fn row_of(a: &glossator::tui::App, quote: &str) -> usize {
    a.overlays
        .triage
        .rows
        .iter()
        .position(|r| r.quote == quote)
        .unwrap()
}

fn highlight(a: &mut glossator::tui::App, quote: &str) {
    let row = row_of(a, quote);
    while a.overlays.triage.index > row {
        play(a, &["k"], 120, 24);
    }
    while a.overlays.triage.index < row {
        play(a, &["j"], 120, 24);
    }
}

#[test]
fn a_lost_span_is_never_placed_by_guess() {
    use glossator::store::Anchor;
    use glossator::tui::{Effect, Mode, perform};
    let (dir, mut a) = park_with_a_deleted_sentence();
    let words = |a: &glossator::tui::App| {
        a.overlays
            .triage
            .rows
            .iter()
            .map(|r| (r.quote.clone(), r.anchor.clone()))
            .collect::<Vec<_>>()
    };
    let rows = words(&a);
    assert!(
        rows.contains(&("the budget would grow".into(), Anchor::Lost)),
        "{rows:?}"
    );
    // "Ruiz" is still in the text, in "Mayor Ana Ruiz": not taken for the deleted one.
    assert!(
        rows.contains(&("Ruiz".into(), Anchor::Ambiguous(1))),
        "{rows:?}"
    );
    let lost = a.overlays.triage.rows[row_of(&a, "the budget would grow")].mention;
    assert!(
        a.mention(lost).is_none(),
        "a lost span has no position at all"
    );
    let screen = screen_text(&play(&mut a, &[], 120, 24)).join("\n");
    assert!(screen.contains("lost 'the budget would grow'"), "{screen}");
    // `a` does not accept it, and says what to do.
    play(&mut a, &["a"], 120, 24);
    assert_eq!(a.mode, Mode::Triage);
    let message = a.message.clone().unwrap_or_default();
    assert!(
        message.starts_with("3 span(s) still need a place"),
        "{message}"
    );
    assert!(
        message.contains("s selects it in the text, x deletes it"),
        "{message}"
    );
    // Enter has nothing to take for a lost span.
    highlight(&mut a, "the budget would grow");
    play(&mut a, &["enter"], 120, 24);
    assert!(a.mention(lost).is_none());
    assert_eq!(a.mode, Mode::Triage);
    // And nothing is saved while the review is unfinished.
    let before = std::fs::read(dir.path().join("park.ann.ron")).unwrap();
    perform(&mut a, &Effect::Save);
    assert_eq!(
        std::fs::read(dir.path().join("park.ann.ron")).unwrap(),
        before
    );
}

#[test]
fn re_selecting_a_lost_span_places_it_where_the_analyst_chose_and_validate_agrees() {
    use glossator::tui::{Effect, Mode, perform};
    let (dir, mut a) = park_with_a_deleted_sentence();
    let lost = a.overlays.triage.rows[row_of(&a, "the budget would grow")].mention;
    highlight(&mut a, "the budget would grow");
    // Jump there, select with the usual motions, confirm.
    play(&mut a, &["s", "{"], 120, 24);
    let target = a.doc.article().text.find("It will not").unwrap();
    assert!(a.view.cursor <= target);
    screen::move_to(&mut a, target);
    play(&mut a, &["v", "w", "w"], 120, 24);
    let chosen = a.selection().unwrap();
    assert_eq!(
        &a.doc.article().text[chosen.start..chosen.end],
        "It will not"
    );
    assert!(
        a.mention(lost).is_none(),
        "not placed before the analyst confirms"
    );
    play(&mut a, &["enter"], 120, 24);
    assert_eq!(a.mention(lost).unwrap().fragments, vec![chosen]);
    assert!(!a.overlays.triage.rows.iter().any(|r| r.mention == lost));
    // The other two wait for a decision: the analyst deletes them, then accepts the rest.
    for quote in ["denied", "Ruiz"] {
        highlight(&mut a, quote);
        play(&mut a, &["x"], 120, 24);
    }
    play(&mut a, &["a"], 120, 24);
    assert_eq!(a.mode, Mode::Reading);
    perform(&mut a, &Effect::Save);
    assert_eq!(a.on_disk.save_state, SaveState::Saved);
    let file = dir.path().join("park.ann.ron");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains(&format!(
            "(id: \"{lost}\", label: \"Target\", fragments: [(start: 212, end: 223, quote: \"It will not\")]"
        )),
        "{saved}"
    );
    assert!(
        saved.contains(&format!("target: Mention(\"{lost}\")")),
        "its stance came back with it: {saved}"
    );
    assert!(!saved.contains("would grow"), "{saved}");
    assert_cmd::Command::cargo_bin("glossator")
        .unwrap()
        .env("GLOSSATOR_DATA_DIR", "/nonexistent-glossator-test-dir")
        .arg("validate")
        .arg(&file)
        .assert()
        .success()
        .stdout(format!("{}: ok\n", file.display()));
}

/// A bug that panics inside the loop: the unsaved work goes to the journal and a recovery
/// copy, never over the real file, and the next open offers it back.
#[test]
fn a_panic_keeps_the_unsaved_work_where_the_next_open_finds_it() {
    struct Boom(usize);
    impl glossator::tui::EventSource for Boom {
        fn next(&mut self, _: std::time::Duration) -> glossator::tui::Next {
            self.0 += 1;
            match self.0 {
                1 => glossator::tui::Next::Event(key("v")),
                2 => glossator::tui::Next::Event(key("5")),
                _ => panic!("a bug"),
            }
        }
    }
    let (dir, mut a) = screen::scratch("tests/fixtures/v1/park.txt");
    a.on_disk.session = glossator::store::Session::detached(a.file().to_path_buf())
        .with_recovery_dir(dir.path().join("recovery"));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 20)).unwrap();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let err = glossator::tui::run_guarded(&mut t, &mut a, &mut Boom(0)).unwrap_err();
    std::panic::set_hook(hook);
    let msg = err.to_string();
    assert!(
        msg.starts_with("glossator hit a bug and stopped; your unsaved work is in"),
        "{msg}"
    );
    assert!(
        !dir.path().join("park.ann.ron").exists(),
        "the real file is not touched"
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("recovery"))
            .unwrap()
            .count(),
        1
    );
    let again = screen::app(dir.path().join("park.txt").to_str().unwrap());
    assert_eq!(again.mode, glossator::tui::Mode::Recover);
}

/// Another program changed the file while it was open: the work went to a conflict copy,
/// quitting says where, and the next open offers it with how it differs, to take or keep.
#[test]
fn work_diverted_by_an_outside_change_is_named_on_quit_and_offered_on_the_next_open() {
    use glossator::tui::{Effect, Mode, perform};
    let (dir, mut a) = screen::scratch_annotated("tests/fixtures/v1/park.txt");
    let file = dir.path().join("park.ann.ron");
    let article = dir.path().join("park.txt");
    // Same length, other bytes: found by content, not by size or time.
    let theirs = std::fs::read_to_string(&file)
        .unwrap()
        .replace("status: InProgress", "status: Reviewed  ");
    std::fs::write(&file, &theirs).unwrap();
    play(&mut a, &["v", "5"], 100, 20);
    perform(&mut a, &Effect::Save);
    assert!(matches!(a.on_disk.save_state, SaveState::Conflict(_)));
    play(&mut a, &["n"], 100, 20);
    for e in handle_event(&mut a, &key("q")) {
        perform(&mut a, &e);
    }
    assert!(a.quit);
    let note = a.exit_note().unwrap();
    assert!(note.contains("changed by another program"), "{note}");
    assert!(note.contains(".conflict-"), "{note}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    drop(a);

    let mut b = screen::app(article.to_str().unwrap());
    assert_eq!(b.mode, Mode::Earlier);
    let screen = screen_text(&play(&mut b, &[], 120, 30)).join("\n");
    assert!(screen.contains("Work of an earlier session"), "{screen}");
    assert!(screen.contains("because the file"), "{screen}");
    assert!(screen.contains("1 mention(s) only in the copy"), "{screen}");
    assert_eq!(b.doc.annotations().mentions.len(), 14);
    play(&mut b, &["t"], 120, 30);
    assert_eq!(b.mode, Mode::Reading);
    assert_eq!(b.doc.annotations().mentions.len(), 15, "the copy's work");
    assert!(b.dirty());
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".conflict-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].ends_with('~'), "set aside, not deleted: {aside:?}");
    // Asked once.
    drop(b);
    let c = screen::app(article.to_str().unwrap());
    assert_eq!(c.mode, Mode::Reading);
}

/// `--read-only` (and a file that cannot be written): the article is there to read and
/// search, every edit is refused with the reason, and nothing is saved.
#[test]
fn a_view_only_session_refuses_edits_and_says_so() {
    let (dir, _) = screen::scratch_annotated("tests/fixtures/v1/park.txt");
    let article = dir.path().join("park.txt");
    let before = std::fs::read(dir.path().join("park.ann.ron")).unwrap();
    let mut a = glossator::tui::load_app(&glossator::tui::OpenRequest {
        read_only: true,
        ..glossator::tui::OpenRequest::new(article, "tester", glossator::schema::Schema::news())
    })
    .unwrap();
    let status = screen_text(&play(&mut a, &[], 120, 24)).pop().unwrap();
    assert!(status.contains("VIEW ONLY"), "{status}");
    play(&mut a, &["v", "w", "2"], 120, 24);
    assert_eq!(a.doc.annotations().mentions.len(), 14);
    assert!(
        a.message.as_deref().unwrap().starts_with("view only"),
        "{:?}",
        a.message
    );
    play(&mut a, &["}", "x", "u"], 120, 24);
    assert_eq!(a.doc.annotations().mentions.len(), 14);
    assert!(!a.dirty());
    for e in handle_event(&mut a, &key("q")) {
        glossator::tui::perform(&mut a, &e);
    }
    assert!(a.quit);
    assert_eq!(
        std::fs::read(dir.path().join("park.ann.ron")).unwrap(),
        before
    );
}

/// Opened at a mention far down the article (from review, compare or curation), the editor
/// shows that paragraph in the middle of the screen, not at its top or bottom edge.
#[test]
fn opening_at_a_mention_puts_its_paragraph_in_the_middle_of_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("demo.txt");
    std::fs::copy(
        "assets/demo/fna_iran_rejects_military_cooperation.txt",
        &article,
    )
    .unwrap();
    let mut a = glossator::tui::load_app(&glossator::tui::OpenRequest::new(
        article,
        "tester",
        glossator::schema::Schema::news(),
    ))
    .unwrap();
    let needle = "Reiterating that Iran had no cooperation";
    let at = a.doc.article().text.find(needle).unwrap();
    a.open_at(at);
    assert_eq!(a.view.cursor, at);
    let t = play(&mut a, &[], 100, 30);
    let lines = screen_text(&t);
    let (_, y) = find(&lines, needle);
    assert!(
        (9..=20).contains(&y),
        "row {y} of 30:\n{}",
        lines.join("\n")
    );
}

#[test]
fn a_file_with_a_wrong_quote_is_refused_at_its_line_before_the_editor_opens() {
    // The file's text is let go while its records are placed on the article: the problem
    // still names the line and column of the mention.
    let mut request = glossator::tui::OpenRequest::new(
        "tests/fixtures/invalid/park.txt".into(),
        "tester",
        glossator::schema::Schema::news(),
    );
    request.out = Some("tests/fixtures/invalid/wrong_quote.ann.ron".into());
    let err = glossator::tui::load_app(&request).err().unwrap();
    let msg = format!("{err:#}");
    assert!(
        msg.contains(
            "wrong_quote.ann.ron:17:10: m2: fragment 1 (93..107) quotes \"Mayor Ann Ruiz\""
        ),
        "{msg}"
    );
}

/// A long message in the status bar is cut with "…", its outcome and the path's file name
/// kept; `?` shows it whole.
#[test]
fn a_long_status_message_is_cut_with_an_ellipsis_and_shown_whole_in_help() {
    let mut a = app("tests/fixtures/v1/park.txt");
    let long = "not saved: /home/lead/projects/iran-coverage/annotations/gold/council.ann.ron \
                is held by lead on lead-laptop since 09:14 (pid 4242); your work is kept in \
                /home/lead/.local/share/glossator/recovery/council.ann.ron";
    a.message = Some(long.to_owned());
    let t = play(&mut a, &[], 120, 20);
    let lines = screen_text(&t);
    let bar = lines.last().unwrap().trim_end().to_owned();
    assert!(bar.contains("not saved: "), "{bar}");
    assert!(
        bar.contains("…/council.ann.ron"),
        "the file name is kept: {bar}"
    );
    assert!(bar.ends_with('…'), "the cut is shown: {bar}");
    a.message = Some(long.to_owned());
    let t = play(&mut a, &["?"], 120, 40);
    let joined = screen_text(&t)
        .iter()
        .map(|l| l.trim().trim_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(joined.contains("since 09:14 (pid 4242)"), "{joined}");
    assert!(
        joined.contains("recovery/council.ann.ron"),
        "the whole message: {joined}"
    );
}
