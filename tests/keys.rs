//! Fewer keys for the analyst: selecting by structure (text objects), jumping from claim to
//! claim, and pickers whose first entry is the right one, all on the demo article through
//! the binary's key path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use glossator::tui::Mode;
use screen::{goto, mention_texts, play, scratch, type_text};

const DEMO: &str = "assets/demo/fna_iran_rejects_military_cooperation.txt";

/// The selected words, as `selection()` gives them.
fn selected(a: &glossator::tui::App) -> String {
    let s = a.selection().expect("a selection");
    a.doc.article().text[s.start..s.end].to_owned()
}

#[test]
fn i_and_o_select_the_quotation_the_sentence_the_clause_and_up_to_the_punctuation() {
    let (_dir, mut a) = scratch(DEMO);
    goto(&mut a, "deny the news");
    play(&mut a, &["i", "q"], 100, 30);
    assert_eq!(
        selected(&a),
        "We deny the news reports on military cooperation"
    );
    play(&mut a, &["o", "q"], 100, 30);
    assert_eq!(
        selected(&a),
        "“We deny the news reports on military cooperation,”"
    );
    // The sentence does not end at "Gen.".
    goto(&mut a, "blames the United States");
    play(&mut a, &["i", "s"], 100, 30);
    assert!(
        selected(&a).starts_with("“The Islamic Republic"),
        "{}",
        selected(&a)
    );
    assert!(
        selected(&a).ends_with("Gen. Jazayeri told FNA"),
        "{}",
        selected(&a)
    );
    // The clause after a cue: "that ..." to the end of the sentence.
    goto(&mut a, "underlined");
    play(&mut a, &["i", "c"], 100, 30);
    assert_eq!(
        selected(&a),
        "Iran would continue its military consultations with Iraq and no change has been \
         made in the country’s policies in this regard"
    );
    goto(&mut a, "Iran had no cooperation");
    play(&mut a, &["i", "p"], 100, 30);
    assert_eq!(
        selected(&a),
        "Iran had no cooperation with any troops or coalition which is run by the US"
    );
    // Labelled at once, taking its "that" as the schema's conventions for a Claim say; a
    // key that names no object drops the prefix and says so.
    play(&mut a, &["2"], 100, 30);
    assert!(mention_texts(&a).contains(&(
        "Claim".into(),
        "that Iran had no cooperation with any troops or coalition which is run by the US".into()
    )));
    play(&mut a, &["i", "z"], 100, 30);
    assert_eq!(a.mode, Mode::Reading);
    assert!(a.message.as_deref().unwrap().contains("no text object"));
}

#[test]
fn search_inside_a_selection_extends_it() {
    let (_dir, mut a) = scratch(DEMO);
    goto(&mut a, "Iran rejected");
    play(&mut a, &["v", "/"], 100, 30);
    type_text(&mut a, "Iraq,");
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(
        selected(&a),
        "Iran rejected military cooperation with the so-called anti-ISIL coalition, led by \
         the US, in Iraq"
    );
}

#[test]
fn shift_j_and_k_jump_claim_to_claim_past_the_mentions_inside_one() {
    let (_dir, mut a) = scratch(DEMO);
    // A long claim with a cue and another claim inside it.
    goto(&mut a, "Reiterating");
    play(&mut a, &["i", "c", "2"], 100, 30);
    goto(&mut a, "Now the Iraqi nation");
    play(&mut a, &["i", "q", "2"], 100, 30);
    goto(&mut a, "said, “Now");
    play(&mut a, &["v", "3"], 100, 30);
    goto(&mut a, "His comments");
    play(&mut a, &["v", "w", "2"], 100, 30);
    let at = |a: &glossator::tui::App, s: &str| a.doc.article().text.find(s).unwrap();
    // The claim starts at its "that" (the schema's convention for a Claim).
    play(&mut a, &["g", "J"], 100, 30);
    assert_eq!(a.view.cursor, at(&a, "that Iran had no cooperation"));
    play(&mut a, &["J"], 100, 30);
    assert_eq!(
        a.view.cursor,
        at(&a, "His comments"),
        "past the claim inside"
    );
    play(&mut a, &["K"], 100, 30);
    assert_eq!(a.view.cursor, at(&a, "that Iran had no cooperation"));
    // `]` still stops at every mention.
    play(&mut a, &["]"], 100, 30);
    assert_eq!(a.view.cursor, at(&a, "said, “Now"));
    // From the cue: the next cue.
    play(&mut a, &["J"], 100, 30);
    assert!(a.message.as_deref().unwrap().contains("no Cue after this"));
}

#[test]
fn a_s_and_t_on_a_cue_or_speaker_act_on_the_claim_they_belong_to() {
    let (_dir, mut a) = scratch(DEMO);
    goto(&mut a, "We deny");
    play(&mut a, &["i", "q", "2"], 100, 30);
    goto(&mut a, "she reiterated");
    play(&mut a, &["v", "1"], 100, 30);
    type_text(&mut a, "she");
    play(&mut a, &["enter", "enter"], 100, 30); // a new entity 'she', a Person
    goto(&mut a, "reiterated");
    play(&mut a, &["v", "3"], 100, 30);
    goto(&mut a, "We deny");
    play(&mut a, &["a", "enter", "enter"], 100, 30);
    assert_eq!(a.doc.annotations().attributions.len(), 1, "{:?}", a.message);
    // From the cue, `a` re-attributes the claim; from the speaker too.
    goto(&mut a, "reiterated");
    play(&mut a, &["a"], 100, 30);
    assert_eq!(a.mode, Mode::Picker, "{:?}", a.message);
    let claim = a.doc.annotations().attributions[0].claim;
    assert!(
        a.overlays
            .picking
            .as_ref()
            .unwrap()
            .picker
            .title
            .contains(&claim.to_string()),
        "{}",
        a.overlays.picking.as_ref().unwrap().picker.title
    );
    play(&mut a, &["esc"], 100, 30);
    goto(&mut a, "reiterated");
    play(&mut a, &["t"], 100, 30);
    assert_eq!(a.mode, Mode::Picker, "{:?}", a.message);
    assert_eq!(
        a.overlays.picking.as_ref().unwrap().picker.title,
        format!("Whose stance towards {claim}?")
    );
    play(&mut a, &["esc"], 100, 30);
    goto(&mut a, "reiterated");
    play(&mut a, &["s"], 100, 30);
    assert_eq!(
        a.overlays.picking.as_ref().unwrap().picker.title,
        format!("On whose authority is {claim}?")
    );
}

/// The texts of the open picker's entries, in order.
fn offered(a: &glossator::tui::App) -> Vec<String> {
    a.overlays
        .picking
        .as_ref()
        .expect("a picker")
        .picker
        .visible()
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// Selects from `from` to the end of `to` (the first occurrences after the cursor's start)
/// and presses `label`.
fn label_words(a: &mut glossator::tui::App, from: &str, to: &str, label: &str) {
    goto(a, from);
    let end =
        a.doc.article().text[a.view.cursor..].find(to).unwrap() + a.view.cursor + to.len() - 1;
    play(a, &["v"], 100, 30);
    a.view.cursor = end;
    play(a, &[label], 100, 30);
}

#[test]
fn pickers_offer_the_proper_name_the_last_person_for_a_pronoun_and_the_entity_a_title_belongs_to() {
    let (_dir, mut a) = scratch(DEMO);
    label_words(&mut a, "Foreign Ministry", "Afkham", "1");
    assert_eq!(
        offered(&a)[..2],
        [
            "+ new entity 'Marziyeh Afkham'",
            "+ new entity 'Foreign Ministry Spokeswoman Marziyeh...'"
        ]
    );
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(offered(&a)[0], "Person");
    play(&mut a, &["enter"], 100, 30);
    // A pronoun: the Person who spoke last before it.
    label_words(&mut a, "she reiterated", "she", "1");
    assert_eq!(offered(&a)[0], "Marziyeh Afkham");
    play(&mut a, &["enter"], 100, 30);
    // A description: a new entity, of a group; a shared common noun is no match.
    label_words(&mut a, "top military", "Tehran", "1");
    assert_eq!(
        offered(&a)[0],
        "+ new entity 'top military officials in Tehran'"
    );
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(offered(&a)[0], "AnonymousGroup");
    play(&mut a, &["enter"], 100, 30);
    label_words(&mut a, "US defense officials", "officials", "4");
    assert_eq!(offered(&a)[0], "+ new entity 'US defense officials'");
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(offered(&a)[0], "AnonymousGroup");
    play(&mut a, &["enter"], 100, 30);
    assert!(
        !a.doc.annotations().entities.last().unwrap().named,
        "a description names no one"
    );
    label_words(&mut a, "Deputy Chief", "Jazayeri", "1");
    assert_eq!(offered(&a)[0], "+ new entity 'Massoud Jazayeri'");
    play(&mut a, &["enter", "enter"], 100, 30);
    // Titles: the entity whose mentions carry them.
    label_words(&mut a, "The General", "General", "1");
    assert_eq!(offered(&a)[0], "Massoud Jazayeri");
    play(&mut a, &["enter"], 100, 30);
    label_words(&mut a, "the Number two man", "Forces", "1");
    assert_eq!(offered(&a)[0], "Massoud Jazayeri");
    play(&mut a, &["enter"], 100, 30);
    label_words(&mut a, "Israeli website", "Post", "1");
    assert_eq!(offered(&a)[0], "+ new entity 'Jerusalem Post'");
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(offered(&a)[0], "Media");
    play(&mut a, &["enter"], 100, 30);
    // A stance holder: entities before mentions.
    goto(&mut a, "Iranian fighter bombers");
    play(&mut a, &["i", "c", "2", "t"], 100, 30);
    let holders = offered(&a);
    let entities = a.doc.annotations().entities.len();
    assert!(
        holders[..entities].iter().all(|h| !h.contains('\'')),
        "{holders:?}"
    );
    assert!(holders[entities].contains('\''), "{holders:?}");
}

#[test]
fn an_entity_name_is_a_text_field_whose_row_follows_the_typing() {
    let (_dir, mut a) = scratch(DEMO);
    goto(&mut a, "Iran rejected");
    play(&mut a, &["v", "1", "enter", "enter"], 100, 30); // new entity 'Iran', a Person
    // The entity pane, its form, the name row: Enter types in it.
    play(&mut a, &["tab", "tab", "enter", "enter"], 100, 30);
    assert!(a.takes_text(), "{:?}", a.message);
    // Ctrl-a selects it all: typing replaces it, and the entity pane shows it at once.
    play(&mut a, &["ctrl-a"], 100, 30);
    type_text(&mut a, "Islamic Republic of Iranx");
    let t = play(&mut a, &[], 100, 30);
    let screen = screen::screen_text(&t).join("\n");
    assert_eq!(
        a.doc.annotations().entities[0].name,
        "Islamic Republic of Iranx"
    );
    assert!(screen.contains("Islamic Republic of"), "{screen}");
    // Cursor moves and word deletion: left, backspace, then ctrl-w twice at the end.
    play(&mut a, &["backspace"], 100, 30);
    assert_eq!(
        a.doc.annotations().entities[0].name,
        "Islamic Republic of Iran"
    );
    play(&mut a, &["left", "left", "left", "left", "left"], 100, 30);
    play(&mut a, &["ctrl-w"], 100, 30);
    assert_eq!(
        a.doc.annotations().entities[0].name,
        "Islamic Republic Iran"
    );
    play(&mut a, &["enter", "esc"], 100, 30);
    assert_eq!(a.mode, Mode::Pane);
    // One undo step takes the whole edit back.
    play(&mut a, &["u"], 100, 30);
    assert_eq!(a.doc.annotations().entities[0].name, "Iran");
}

#[test]
fn s_opens_the_status_list_with_the_next_status_highlighted() {
    let (_dir, mut a) = scratch(DEMO);
    goto(&mut a, "Iran rejected");
    play(&mut a, &["v", "2"], 100, 30);
    assert_eq!(a.doc.annotations().status.to_string(), "in-progress");
    play(&mut a, &["S"], 100, 30);
    assert_eq!(offered(&a), ["todo", "in-progress", "done", "reviewed"]);
    assert_eq!(a.overlays.picking.as_ref().unwrap().picker.index, 2);
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(a.doc.annotations().status.to_string(), "done");
    assert_eq!(a.message.as_deref(), Some("status: done"));
    play(&mut a, &["u"], 100, 30);
    assert_eq!(a.doc.annotations().status.to_string(), "in-progress");
}

/// A user's keymap file moves keys in every context; the screens name the keys it binds.
#[test]
fn remapped_keys_are_the_ones_every_screen_names() {
    let dir = tempfile::tempdir().unwrap();
    let keymap = dir.path().join("keymap.ron");
    std::fs::write(
        &keymap,
        r#"(
            reading: {"U": undo, "u": redo, "!": label(1), "1": label(2), "ctrl-f": search},
            picker: {"enter": cursor_down, "ctrl-y": pick, "ctrl-g": cancel},
            search: {"ctrl-o": pick, "enter": cancel},
            form: {"e": edit_field},
            changed: {"R": reload, "r": keep_mine},
            triage: {"y": accept_relocated, "a": next_place},
        )"#,
    )
    .unwrap();
    let keys = glossator::tui::Keymap::load(Some(&keymap)).unwrap();
    let article = dir.path().join("demo.txt");
    std::fs::copy(DEMO, &article).unwrap();
    let mut request =
        glossator::tui::OpenRequest::new(article, "tester", glossator::schema::Schema::news());
    request.keymap = keys;
    let mut a = glossator::tui::load_app(&request).unwrap();
    let screen = |a: &mut glossator::tui::App, keys: &[&str]| {
        screen::screen_text(&play(a, keys, 120, 30)).join("\n")
    };
    // The legend: the keys that really label.
    let s = screen(&mut a, &[]);
    assert!(s.contains("! Speaker"), "{s}");
    assert!(s.contains("1 Claim"), "{s}");
    // A picker's footer, and its keys: Enter moves, ctrl-y picks.
    goto(&mut a, "Iran rejected");
    let s = screen(&mut a, &["v", "!"]);
    assert!(s.contains("ctrl-y picks · esc cancels"), "{s}");
    play(&mut a, &["enter"], 120, 30);
    assert_eq!(a.mode, Mode::Picker, "enter only moves down");
    assert!(a.doc.annotations().entities.is_empty());
    play(&mut a, &["ctrl-g"], 120, 30);
    assert_eq!(a.mode, Mode::Reading, "ctrl-g cancelled");
    // Deleting names the undo key.
    goto(&mut a, "Iran rejected");
    play(&mut a, &["v", "1", "x"], 120, 30);
    assert!(
        a.message.as_deref().unwrap().ends_with("(U undoes)"),
        "{:?}",
        a.message
    );
    play(&mut a, &["U"], 120, 30);
    assert_eq!(
        a.doc.annotations().mentions.len(),
        1,
        "U undid the deletion"
    );
    // The search: its hint, and ctrl-o finds.
    let s = screen(&mut a, &["ctrl-f", "F", "o", "r"]);
    assert!(s.contains("ctrl-o finds, enter cancels"), "{s}");
    play(&mut a, &["ctrl-o"], 120, 30);
    assert_eq!(a.mode, Mode::Reading);
    assert!(a.doc.article().text[a.view.cursor..].starts_with("Foreign"));
    // The form: its title and rows name the form's keys.
    goto(&mut a, "Iran rejected");
    let s = screen(&mut a, &["enter"]);
    assert!(s.contains("esc closes, U undoes it all"), "{s}");
    play(&mut a, &["esc"], 120, 30);
    // The help screen lists the lists' and questions' keys too.
    let rows = glossator::tui::help_rows(&a.keymap, &a.schema, Mode::Picker);
    assert!(
        rows.contains(&(
            "ctrl-y".into(),
            "pick the entry / find what is typed".into()
        )),
        "{rows:?}"
    );
    let rows = glossator::tui::help_rows(&a.keymap, &a.schema, Mode::Triage);
    assert!(
        rows.contains(&("y".into(), "accept the spans found relocated".into())),
        "{rows:?}"
    );
    let rows = glossator::tui::help_rows(&a.keymap, &a.schema, Mode::Changed);
    assert!(
        rows.iter().any(|(k, _)| k.split(' ').any(|k| k == "R")),
        "{rows:?}"
    );
    // The changed-on-disk question: its answers as bound.
    a.mode = Mode::Changed;
    let s = screen(&mut a, &[]);
    assert!(s.contains("R  load their version here"), "{s}");
    assert!(s.contains("r  go on with yours"), "{s}");
    let effects = glossator::tui::handle_event(&mut a, &screen::key("R"));
    assert_eq!(effects, vec![glossator::tui::Effect::Reload]);
}

/// A claim resting on a source, with no one speaking in its paragraph: "(no speaker)" comes
/// first, and unnamed media are a vague source first.
#[test]
fn a_claim_resting_on_reports_offers_no_speaker_and_vague_first() {
    let (_dir, mut a) = screen::article_with(
        "Recent reports have revealed that a defector was arrested.\n\nImage: Mark Rathbun.\n",
    );
    play(&mut a, &["v", "w", "4"], 100, 30);
    assert_eq!(offered(&a)[0], "+ new entity 'Recent reports'");
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(offered(&a)[0], "Media");
    play(
        &mut a,
        &["enter", "w", "v", "w", "3", "i", "c", "2", "a"],
        100,
        30,
    );
    assert_eq!(offered(&a)[0], "(no speaker: passive / reported)");
    play(&mut a, &["enter", "enter", "s", "enter"], 100, 30);
    assert_eq!(offered(&a)[0], "vague");
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(
        a.doc.annotations().sourcings[0].specificity,
        Some(glossator::model::Specificity::Vague)
    );
    assert_eq!(a.doc.annotations().attributions[0].speaker, None);
}

#[test]
fn the_test_cursor_reaches_a_far_word_in_few_keys_through_the_key_path() {
    let (_dir, mut a) = scratch(DEMO);
    let at = a.doc.article().text.find("Jerusalem Post").unwrap();
    let pressed = screen::move_to(&mut a, at);
    assert_eq!(a.view.cursor, at);
    // Ten paragraphs down, then the words of the last one: not one `l` per character.
    assert!(pressed.len() < 20, "{} keys: {pressed:?}", pressed.len());
    assert_eq!(pressed.iter().filter(|k| **k == "}").count(), 10);
}
