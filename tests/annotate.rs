//! Annotating through the real key path: entities, attribution, sourcing, stance,
//! discontinuous claims, resizing, the detail form, search, jumps, the panes and the mouse.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use glossator::model::{Agent, AnyId, MentionId, Span, Specificity, Target};
use glossator::tui::{App, Effect, Focus, Mode, Pick, handle_event, perform};
use screen::{
    article_with, goto, key, mention_texts, play, scratch, scratch_annotated, screen_text,
    type_text,
};

const PARK: &str = "tests/fixtures/v1/park.txt";

fn picks(a: &App) -> Vec<Pick> {
    a.overlays
        .picking
        .as_ref()
        .expect("a picker is open")
        .picker
        .visible()
        .into_iter()
        .map(|c| c.pick)
        .collect()
}

fn field_names(a: &App) -> Vec<String> {
    a.form_fields()
        .iter()
        .map(glossator::tui::Field::name)
        .collect()
}

fn mention_named(a: &App, words: &str) -> MentionId {
    let at = a.doc.article().text.find(words).unwrap();
    a.mention_at(at).unwrap()
}

#[test]
fn a_selection_snaps_to_its_labels_conventions_and_a_claim_gets_its_quote_type() {
    let (_dir, mut a) = scratch(PARK);
    // The words inside the quotation marks: labelled a Claim, they take the marks and the
    // comma inside the closing one, and the claim is direct.
    goto(&mut a, "We will build");
    play(&mut a, &["v"], 100, 20);
    play(&mut a, &["w"; 11], 100, 20);
    play(&mut a, &["2"], 100, 20);
    let claim = mention_named(&a, "We will build");
    let words = |a: &App| a.mention(claim).unwrap().words(&a.doc.article().text, " ");
    assert_eq!(
        words(&a),
        "“We will build the park, and we will build it this year,”"
    );
    let quote_type = a.mention(claim).unwrap().attrs.get("quote_type").cloned();
    assert_eq!(quote_type.as_deref(), Some("direct"));
    // `r` snaps the same way: the opening mark comes with the first words.
    goto(&mut a, "We will build");
    play(&mut a, &["v", "w", "w", "w", "w", "r"], 100, 20);
    assert_eq!(words(&a), "“We will build the park");
    // A Speaker keeps what was selected.
    goto(&mut a, "Mayor");
    play(&mut a, &["v", "w", "w", "1"], 100, 20);
    let speaker = mention_named(&a, "Mayor");
    assert_eq!(
        a.mention(speaker)
            .unwrap()
            .words(&a.doc.article().text, " "),
        "Mayor Ana Ruiz"
    );
}

#[test]
fn a_claim_its_speaker_entity_and_cue_are_linked_from_the_keyboard_and_saved() {
    let (dir, mut a) = scratch(PARK);
    goto(&mut a, "We will build");
    play(&mut a, &["v"], 100, 20);
    play(&mut a, &["w"; 11], 100, 20);
    play(&mut a, &["2"], 100, 20);
    goto(&mut a, "Mayor");
    play(&mut a, &["v", "w", "w", "1"], 100, 20);
    // Labelling a speaker asks for its entity: nothing exists yet, so "new" comes first,
    // under the name without the title, then as the words are.
    assert_eq!(a.mode, Mode::Picker);
    assert_eq!(picks(&a)[0], Pick::NewEntity("Ana Ruiz".into()));
    assert_eq!(picks(&a)[1], Pick::NewEntity("Mayor Ana Ruiz".into()));
    type_text(&mut a, "Ana Ruiz");
    handle_event(&mut a, &key("enter"));
    // Then its kind, Person first for a speaker.
    assert_eq!(picks(&a)[0], Pick::Value("Person".into()));
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.mode, Mode::Reading);
    let entity = &a.doc.annotations().entities[0];
    assert_eq!(
        (entity.name.as_str(), entity.kind.as_str(), entity.named),
        ("Ana Ruiz", "Person", true)
    );
    goto(&mut a, "told");
    play(&mut a, &["v", "w", "3"], 100, 20);
    goto(&mut a, "We will build");
    play(&mut a, &["a"], 100, 20);
    let speaker = mention_named(&a, "Mayor");
    let cue = mention_named(&a, "told");
    let claim = mention_named(&a, "We will build");
    // The nearest speaker and the nearest cue are offered first: enter, enter.
    assert_eq!(picks(&a)[0], Pick::Agent(Agent::Mention(speaker)));
    handle_event(&mut a, &key("enter"));
    assert_eq!(picks(&a)[0], Pick::Mention(cue));
    handle_event(&mut a, &key("enter"));
    let at = &a.doc.annotations().attributions[0];
    assert_eq!(
        (at.claim, at.speaker, at.cue),
        (claim, Some(Agent::Mention(speaker)), Some(cue))
    );
    let message = a.message.clone().unwrap();
    assert!(
        message.starts_with("a1: Ana Ruiz --told reporters--> '“We will build the park"),
        "{message}"
    );
    // The whole attribution is one undo step.
    play(&mut a, &["u"], 100, 20);
    assert!(a.doc.annotations().attributions.is_empty());
    play(&mut a, &["ctrl-r"], 100, 20);
    assert_eq!(a.doc.annotations().attributions.len(), 1);
    let screen = screen_text(&play(&mut a, &[], 120, 30)).join("\n");
    assert!(
        screen.contains("said  Ana Ruiz --told reporters-->"),
        "{screen}"
    );
    assert_eq!(a.update(glossator::tui::Action::Save), vec![Effect::Save]);
    perform(&mut a, &Effect::Save);
    let saved = std::fs::read_to_string(dir.path().join("park.ann.ron")).unwrap();
    // Code points on disk: the claim (with its marks) ends at 92 although it is byte 96.
    assert!(
        saved.contains(
            "fragments: [(start: 35, end: 92, quote: \"“We will build the park, and we will build it this year,”\")]"
        ),
        "{saved}"
    );
    assert!(
        saved.contains("(id: \"a1\", claim: \"m1\", speaker: Some(\"m2\"), cue: Some(\"m3\"))"),
        "{saved}"
    );
}

#[test]
fn a_pronoun_offers_the_entity_mentioned_nearest_first() {
    let (_dir, mut a) = scratch_annotated(PARK);
    // Remove "she" and label it again.
    goto(&mut a, "she said");
    play(&mut a, &["x", "v", "1"], 100, 20);
    let ruiz = a.doc.annotations().entities[0].id;
    assert_eq!(picks(&a)[0], Pick::Entity(ruiz));
    handle_event(&mut a, &key("enter"));
    let she = mention_named(&a, "she said");
    assert_eq!(a.doc.annotations().mention(she).unwrap().entity, Some(ruiz));
}

#[test]
fn a_stance_towards_a_topic_and_a_sourcing_with_its_specificity() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let before = a.doc.annotations().stances.len();
    goto(&mut a, "Mayor");
    play(&mut a, &["t"], 100, 20);
    type_text(&mut a, "the park budget");
    // Nothing matches: the typed text is offered as a topic.
    assert_eq!(picks(&a), vec![Pick::Typed("the park budget".into())]);
    handle_event(&mut a, &key("enter"));
    type_text(&mut a, "supp");
    handle_event(&mut a, &key("enter"));
    let st = a.doc.annotations().stances.last().unwrap();
    assert_eq!(a.doc.annotations().stances.len(), before + 1);
    assert_eq!(st.target, Target::Text("the park budget".into()));
    assert_eq!(st.polarity, "support");
    // Claim m1 takes the nearest source, "local media reports": unnamed media, vague first.
    goto(&mut a, "We will build");
    play(&mut a, &["s"], 100, 20);
    let media = mention_named(&a, "local media");
    assert_eq!(picks(&a)[0], Pick::Agent(Agent::Mention(media)));
    handle_event(&mut a, &key("enter"));
    assert_eq!(picks(&a)[0], Pick::Specificity(Some(Specificity::Vague)));
    handle_event(&mut a, &key("enter"));
    let so = a.doc.annotations().sourcings.last().unwrap();
    assert_eq!(
        (so.claim, so.source, so.specificity),
        (
            mention_named(&a, "We will build"),
            Agent::Mention(media),
            Some(Specificity::Vague)
        )
    );
    // A claim asks for the holder: its speaker's entity comes first, entities before
    // mentions.
    goto(&mut a, "It will not");
    play(&mut a, &["t"], 100, 20);
    let she = a
        .doc
        .annotations()
        .mention(mention_named(&a, "she said"))
        .unwrap();
    assert_eq!(
        picks(&a)[0],
        Pick::Agent(Agent::Entity(she.entity.unwrap()))
    );
    handle_event(&mut a, &key("esc"));
    assert_eq!(a.mode, Mode::Reading);
    assert_eq!(a.message.as_deref(), Some("cancelled; nothing changed"));
}

#[test]
fn a_quote_split_by_its_cue_is_one_claim_with_two_fragments() {
    let (_dir, mut a) = article_with("\"We are ready,\" she said, \"and we will win.\"\n");
    goto(&mut a, "We are");
    play(&mut a, &["v", "w", "w", "2"], 100, 20);
    goto(&mut a, "and we");
    play(&mut a, &["v", "w", "w", "w", "+"], 100, 20);
    let m = &a.doc.annotations().mentions[0];
    assert_eq!(a.doc.annotations().mentions.len(), 1);
    let text = a.doc.article().text.clone();
    let parts: Vec<&str> = m.fragments.iter().map(|f| &text[f.start..f.end]).collect();
    // Both fragments follow the Claim's conventions and take their quotation marks.
    assert_eq!(parts, ["\"We are ready,\"", "\"and we will win.\""]);
    let screen = screen_text(&play(&mut a, &[], 100, 20)).join("\n");
    assert!(
        screen.contains("Claim  '\"We are ready,\" … \"and"),
        "{screen}"
    );
    assert!(screen.contains("we will win.\"'"), "{screen}");
    // "said" between the fragments is not highlighted.
    assert!(a.mention_at(text.find("said").unwrap()).is_none());
}

#[test]
fn resizing_keeps_the_links_and_character_mode_selects_exact_characters() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let m6 = mention_named(&a, "the plan was");
    goto(&mut a, "the plan was");
    // Chosen with Enter (the form closes unchanged), then its new bounds.
    play(&mut a, &["enter", "esc", "v", "w", "r"], 100, 20);
    let m = a.doc.annotations().mention(m6).unwrap();
    assert_eq!(m.fragments, vec![Span::new(148 + 2 * 2, 156 + 2 * 2)]);
    assert!(
        a.doc
            .annotations()
            .attributions
            .iter()
            .any(|x| x.claim == m6)
    );
    assert!(a.doc.annotations().sourcings.iter().any(|x| x.claim == m6));
    // Character mode: "Cou" of "Council", not the word.
    play(&mut a, &["g", "c", "v", "l", "l", "5"], 100, 20);
    assert_eq!(mention_texts(&a)[0], ("Target".into(), "Cou".into()));
    assert_eq!(a.message.as_deref(), Some("m15 labelled Target"));
}

#[test]
fn the_detail_form_edits_attributes_and_notes_in_one_undo_step() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let m1 = mention_named(&a, "We will build");
    goto(&mut a, "We will build");
    play(&mut a, &["enter"], 100, 30);
    assert_eq!(a.mode, Mode::Form);
    assert_eq!(
        field_names(&a),
        ["label", "quote_type", "check_worthy", "note"]
    );
    play(&mut a, &["j", "l", "j", "l", "j", "enter"], 100, 30);
    type_text(&mut a, "Checked against the minutes.");
    let screen = screen_text(&play(&mut a, &[], 100, 30)).join("\n");
    assert!(screen.contains("typing · esc finishes"), "{screen}");
    assert!(screen.contains("Checked against the minutes."), "{screen}");
    play(&mut a, &["esc", "esc"], 100, 30);
    assert_eq!(a.mode, Mode::Reading);
    let m = a.doc.annotations().mention(m1).unwrap();
    assert_eq!(m.attrs["quote_type"], "indirect");
    assert_eq!(m.attrs["check_worthy"], "yes");
    assert_eq!(
        a.doc.annotations().note(Some(AnyId::Mention(m1))),
        Some("Checked against the minutes.")
    );
    play(&mut a, &["u"], 100, 30);
    let m = a.doc.annotations().mention(m1).unwrap();
    assert_eq!(m.attrs["quote_type"], "direct");
    assert!(!m.attrs.contains_key("check_worthy"));
    assert_eq!(a.doc.annotations().note(Some(AnyId::Mention(m1))), None);
}

#[test]
fn search_finds_next_and_previous_and_wraps() {
    let (_dir, mut a) = scratch(PARK);
    let text = a.doc.article().text.clone();
    let first = text.find("said").unwrap();
    let second = text.rfind("said").unwrap();
    play(&mut a, &["/"], 100, 20);
    type_text(&mut a, "SAID");
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.view.cursor, first);
    assert_eq!(a.message.as_deref(), Some("/SAID: 2 match(es)"));
    play(&mut a, &["n"], 100, 20);
    assert_eq!(a.view.cursor, second);
    play(&mut a, &["n"], 100, 20);
    assert_eq!(a.view.cursor, first);
    assert_eq!(
        a.message.as_deref(),
        Some("/SAID: 2 match(es), search wrapped")
    );
    play(&mut a, &["N"], 100, 20);
    assert_eq!(a.view.cursor, second);
    play(&mut a, &["/"], 100, 20);
    type_text(&mut a, "zebra");
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.view.cursor, second);
    assert_eq!(a.message.as_deref(), Some("/zebra: not found"));
}

#[test]
fn jumps_to_the_next_annotation_and_the_next_paragraph_without_any() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let starts: Vec<usize> = a
        .doc
        .annotations()
        .mentions
        .iter()
        .map(|m| m.extent().start)
        .collect();
    play(&mut a, &["]"], 100, 20);
    assert_eq!(a.view.cursor, starts[0]);
    play(&mut a, &["]", "]"], 100, 20);
    assert_eq!(a.view.cursor, starts[2]);
    play(&mut a, &["["], 100, 20);
    assert_eq!(a.view.cursor, starts[1]);
    play(&mut a, &[">"], 100, 20);
    assert_eq!(
        a.message.as_deref(),
        Some("every paragraph after this one has annotations")
    );
    let (_dir, mut a) = article_with("One.\n\nTwo said.\n\nThree.\n");
    goto(&mut a, "Two");
    play(&mut a, &["v", "2", "g", ">"], 100, 20);
    assert_eq!(a.view.cursor, a.doc.article().text.find("Three").unwrap());
}

#[test]
fn tab_reaches_the_panes_where_links_are_deleted_and_entities_merged() {
    let (_dir, mut a) = scratch_annotated(PARK);
    play(&mut a, &["}", "tab"], 100, 20);
    assert_eq!((a.mode, a.panes.focus), (Mode::Pane, Focus::Annotations));
    let items = a.pane_items();
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(matches!(items[3], AnyId::Attribution(_)));
    play(&mut a, &["j", "j", "j", "x"], 100, 20);
    assert_eq!(a.doc.annotations().attributions.len(), 2);
    assert_eq!(
        a.doc.annotations().mentions.len(),
        14,
        "deleting a link keeps mentions"
    );
    play(&mut a, &["tab", "j", "j"], 100, 20);
    assert_eq!(a.panes.focus, Focus::Entities);
    let media = a.doc.annotations().entities[2].id;
    let critics = a.doc.annotations().entities[1].id;
    play(&mut a, &["m"], 100, 20);
    type_text(&mut a, "crit");
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.doc.annotations().entities.len(), 2);
    assert!(a.doc.annotations().entity(media).is_none());
    assert_eq!(
        a.doc
            .annotations()
            .mention(mention_named(&a, "local media"))
            .unwrap()
            .entity,
        Some(critics)
    );
    let screen = screen_text(&play(&mut a, &[], 100, 20)).join("\n");
    assert!(screen.contains("critics (AnonymousGroup, 2"), "{screen}");
    play(&mut a, &["tab"], 100, 20);
    assert_eq!((a.mode, a.panes.focus), (Mode::Reading, Focus::Article));
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn the_mouse_moves_selects_picks_spans_and_scrolls() {
    let (_dir, mut a) = scratch_annotated(PARK);
    play(&mut a, &[], 100, 20);
    // The title is on row 0 from column 1: column 5 is the "c" of "Council".
    handle_event(
        &mut a,
        &mouse(MouseEventKind::Down(MouseButton::Left), 5, 0),
    );
    assert_eq!(a.view.cursor, 4);
    handle_event(
        &mut a,
        &mouse(MouseEventKind::Drag(MouseButton::Left), 12, 0),
    );
    handle_event(&mut a, &mouse(MouseEventKind::Up(MouseButton::Left), 12, 0));
    play(&mut a, &["5"], 100, 20);
    assert_eq!(
        mention_texts(&a)[0],
        ("Target".into(), "Council Backs".into())
    );
    let lines = screen_text(&play(&mut a, &[], 100, 20));
    let (x, y) = screen::find(&lines, "Mayor");
    handle_event(
        &mut a,
        &mouse(MouseEventKind::Down(MouseButton::Left), x + 2, y),
    );
    let mayor = mention_named(&a, "Mayor");
    assert_eq!(a.panes.selected, Some(mayor));
    assert_eq!(
        a.message.as_deref(),
        Some(format!("{mayor} Speaker selected").as_str())
    );
    let mut long = screen::app("assets/demo/fna_iran_rejects_military_cooperation.txt");
    play(&mut long, &[], 80, 24);
    for _ in 0..3 {
        handle_event(&mut long, &mouse(MouseEventKind::ScrollDown, 10, 5));
    }
    play(&mut long, &[], 80, 24);
    let nine = long.row_offset(glossator::tui::RowPos::default(), 9);
    assert_eq!(long.view.top, nine);
    assert!(long.cursor_on_screen(), "the cursor stays on screen");
}

#[test]
fn renaming_an_entity_in_its_form_shows_everywhere() {
    let (_dir, mut a) = scratch_annotated(PARK);
    play(&mut a, &["tab", "tab", "enter"], 100, 30);
    assert_eq!(a.mode, Mode::Form);
    assert_eq!(field_names(&a), ["name", "kind", "kb id", "named", "note"]);
    play(&mut a, &["enter"], 100, 30);
    for _ in 0.."Ana Ruiz".len() {
        handle_event(&mut a, &key("backspace"));
    }
    type_text(&mut a, "Mayor Ana Ruiz");
    handle_event(&mut a, &key("enter"));
    play(&mut a, &["j", "j", "enter"], 100, 30);
    type_text(&mut a, "wikidata:Q0");
    handle_event(&mut a, &key("enter"));
    play(&mut a, &["esc"], 100, 30);
    let e = &a.doc.annotations().entities[0];
    assert_eq!(
        (e.name.as_str(), e.kb.as_deref()),
        ("Mayor Ana Ruiz", Some("wikidata:Q0"))
    );
    let screen = screen_text(&play(&mut a, &["tab", "}"], 100, 30)).join("\n");
    assert!(screen.contains("Mayor Ana Ruiz (Person, 3"), "{screen}");
}

/// Every action through `update` on a fresh state, each with the change it must make.
#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one check per action, read as a table"
)]
fn every_action_does_what_its_name_says() {
    use glossator::tui::Action as A;
    let fresh = || {
        let (dir, mut a) = scratch_annotated(PARK);
        play(&mut a, &[], 80, 24);
        (dir, a)
    };
    let body = |a: &App| a.doc.article().paragraphs[1].start;
    let mut checked = Vec::new();
    let mut check = |action: A, prepare: &dyn Fn(&mut App), expect: &dyn Fn(&App) -> bool| {
        let (_dir, mut a) = fresh();
        prepare(&mut a);
        a.update(action);
        play(&mut a, &[], 80, 24);
        assert!(
            expect(&a),
            "{action:?}: cursor {} mode {:?} message {:?}",
            a.view.cursor,
            a.mode,
            a.message
        );
        checked.push(action);
    };
    let at = |needle: &'static str| {
        move |a: &mut App| a.view.cursor = a.doc.article().text.find(needle).unwrap()
    };
    check(A::CursorRight, &|_| {}, &|a| a.view.cursor == 1);
    check(A::CursorLeft, &at("Backs"), &|a| a.view.cursor == 7);
    check(A::CursorDown, &|_| {}, &|a| a.view.cursor == body(a));
    check(A::CursorUp, &|a| a.view.cursor = body(a), &|a| {
        a.view.cursor == 0
    });
    check(A::NextWord, &|_| {}, &|a| a.view.cursor == 8);
    check(A::PrevWord, &at("Backs"), &|a| a.view.cursor == 0);
    check(A::NextParagraph, &|_| {}, &|a| a.view.cursor == body(a));
    check(A::PrevParagraph, &|a| a.view.cursor = body(a), &|a| {
        a.view.cursor == 0
    });
    check(A::PageDown, &|_| {}, &|a| a.current_paragraph() > 1);
    check(
        A::PageUp,
        &|a| {
            a.update(A::GoEnd);
        },
        &|a| a.current_paragraph() < 3,
    );
    check(A::GoEnd, &|_| {}, &|a| a.current_paragraph() == 3);
    check(A::GoStart, &at("Critics"), &|a| a.view.cursor == 0);
    check(A::ToggleSelection, &|_| {}, &|a| a.view.anchor == Some(0));
    check(A::Label(5), &|a| a.view.anchor = Some(0), &|a| {
        mention_texts(a)[0] == ("Target".into(), "Council".into())
    });
    check(A::Delete, &at("Mayor"), &|a| {
        a.doc.annotations().mentions.len() == 13
    });
    check(
        A::Undo,
        &|a| {
            a.update(A::Delete);
        },
        &|a| a.doc.annotations().mentions.len() == 14,
    );
    check(
        A::Redo,
        &|a| {
            a.view.cursor = a.doc.article().text.find("Mayor").unwrap();
            a.update(A::Delete);
            a.update(A::Undo);
        },
        &|a| a.doc.annotations().mentions.len() == 13,
    );
    check(A::FocusNext, &|_| {}, &|a| {
        a.panes.focus == Focus::Annotations && a.mode == Mode::Pane
    });
    check(A::FocusPrev, &|_| {}, &|a| a.panes.focus == Focus::Entities);
    check(A::OpenDetail, &at("Mayor"), &|a| a.mode == Mode::Form);
    check(A::Attribute, &at("We will"), &|a| a.mode == Mode::Picker);
    check(A::Source, &at("We will"), &|a| a.mode == Mode::Picker);
    check(A::Stance, &at("Mayor"), &|a| a.mode == Mode::Picker);
    check(A::Entity, &at("Mayor"), &|a| a.mode == Mode::Picker);
    check(A::Search, &|_| {}, &|a| a.mode == Mode::Search);
    check(
        A::SearchNext,
        &|a| a.search.last = Some("ruiz".into()),
        &|a| a.view.cursor == a.doc.article().text.find("Ruiz").unwrap(),
    );
    check(
        A::SearchPrev,
        &|a| a.search.last = Some("ruiz".into()),
        &|a| a.view.cursor == a.doc.article().text.rfind("Ruiz").unwrap(),
    );
    check(A::Save, &|_| {}, &|a| {
        a.message.as_deref() == Some("no changes to save")
    });
    check(A::Help, &|_| {}, &|a| a.mode == Mode::Help);
    check(A::Quit, &|_| {}, &|a| a.quit);
    check(A::Cancel, &|a| a.view.anchor = Some(0), &|a| {
        a.view.anchor.is_none()
    });
    check(
        A::AddFragment,
        &|a| {
            a.view.cursor = a.doc.article().text.find("Mayor").unwrap();
            a.update(A::CursorLeft);
            a.panes.selected = a.mention_at(a.doc.article().text.find("Mayor").unwrap());
            a.view.anchor = Some(0);
            a.view.cursor = 0;
        },
        &|a| {
            a.doc
                .annotations()
                .mention(mention_named(a, "Mayor"))
                .unwrap()
                .fragments
                .len()
                == 2
        },
    );
    check(
        A::Resize,
        &|a| {
            a.panes.selected = a.mention_at(a.doc.article().text.find("Mayor").unwrap());
            a.view.anchor = Some(a.doc.article().text.find("Ana Ruiz").unwrap());
            a.view.cursor = a.view.anchor.unwrap();
        },
        &|a| mention_texts(a).contains(&("Speaker".into(), "Ana".into())),
    );
    check(A::ToggleSnap, &|_| {}, &|a| !a.view.snap);
    check(A::Status, &|_| {}, &|a| a.mode == Mode::Picker);
    check(A::NextAnnotation, &|_| {}, &|a| {
        a.view.cursor == a.doc.annotations().mentions[0].extent().start
    });
    check(A::PrevAnnotation, &at("Critics"), &|a| {
        a.view.cursor == a.doc.article().text.find("told reporters").unwrap()
    });
    check(A::NextUnannotated, &|_| {}, &|a| a.message.is_some());
    // Pane and form actions, in their modes.
    check(
        A::Merge,
        &|a| {
            a.update(A::FocusPrev);
        },
        &|a| a.mode == Mode::Picker,
    );
    check(
        A::NextValue,
        &|a| {
            a.view.cursor = a.doc.article().text.find("We will").unwrap();
            a.update(A::OpenDetail);
            a.update(A::CursorDown);
        },
        &|a| a.doc.annotations().mentions[0].attrs["quote_type"] == "indirect",
    );
    check(
        A::PrevValue,
        &|a| {
            a.view.cursor = a.doc.article().text.find("We will").unwrap();
            a.update(A::OpenDetail);
            a.update(A::CursorDown);
        },
        &|a| {
            !a.doc.annotations().mentions[0]
                .attrs
                .contains_key("quote_type")
        },
    );
    check(
        A::EditField,
        &|a| {
            a.view.cursor = a.doc.article().text.find("We will").unwrap();
            a.update(A::OpenDetail);
            for _ in 0..3 {
                a.update(A::CursorDown);
            }
        },
        &|a| a.takes_text(),
    );
    for action in [
        A::CursorLeft,
        A::CursorRight,
        A::CursorUp,
        A::CursorDown,
        A::NextWord,
        A::PrevWord,
        A::NextParagraph,
        A::PrevParagraph,
        A::PageDown,
        A::PageUp,
        A::GoStart,
        A::GoEnd,
        A::ToggleSelection,
        A::Label(5),
        A::FocusNext,
        A::OpenDetail,
        A::Attribute,
        A::Delete,
        A::Undo,
        A::Redo,
        A::Search,
        A::SearchNext,
        A::SearchPrev,
        A::Save,
        A::Help,
        A::Quit,
        A::Cancel,
        A::FocusPrev,
        A::AddFragment,
        A::Resize,
        A::ToggleSnap,
        A::Entity,
        A::Source,
        A::Stance,
        A::NextAnnotation,
        A::PrevAnnotation,
        A::NextUnannotated,
        A::Merge,
        A::EditField,
        A::NextValue,
        A::PrevValue,
        A::Status,
    ] {
        assert!(checked.contains(&action), "{action:?} has no check");
    }
}

#[test]
fn suggestions_are_run_accepted_rejected_and_undone_from_the_keyboard() {
    let (_dir, mut a) = scratch(PARK);
    play(&mut a, &["R"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), 5, "{:?}", a.message);
    assert!(
        a.doc.annotations().mentions.is_empty(),
        "suggestions are not annotations"
    );
    // The first one: the quote, its speaker and cue, shown dimmed and named in the status.
    let t = play(&mut a, &[")"], 100, 20);
    let status = screen_text(&t).last().unwrap().clone();
    assert!(status.contains("suggested (quote, then cue)"), "{status}");
    play(&mut a, &["y"], 100, 20);
    let labels: Vec<(String, String)> = mention_texts(&a);
    assert!(
        labels.contains(&(
            "Claim".into(),
            "“We will build the park, and we will build it this year,”".into()
        )),
        "{labels:?}"
    );
    assert!(labels.contains(&("Speaker".into(), "Mayor Ana Ruiz".into())));
    assert!(labels.contains(&("Cue".into(), "told reporters".into())));
    assert_eq!(a.doc.annotations().entities[0].name, "Ana Ruiz");
    let at = &a.doc.annotations().attributions[0];
    assert_eq!(at.claim, mention_named(&a, "We will build"));
    assert_eq!(at.speaker, Some(Agent::Mention(mention_named(&a, "Mayor"))));
    assert_eq!(a.doc.annotations().suggestions.len(), 4);
    // Rejected: gone, and not proposed again by a fresh run.
    goto(&mut a, "It will not");
    play(&mut a, &["d"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), 3);
    play(&mut a, &["R"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), 3, "{:?}", a.message);
    // The whole paragraph at once, then undone in one step.
    goto(&mut a, "Critics");
    play(&mut a, &["Y"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), 1);
    assert!(a.message.as_deref().unwrap().contains("accepted 2"));
    play(&mut a, &["u"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), 3);
    // Saved and read back: suggestions and the rejection are in the file.
    perform(&mut a, &Effect::Save);
    let article =
        glossator::text::Article::load(std::path::Path::new(&a.doc.article().path)).unwrap();
    let back = glossator::store::read(a.file())
        .unwrap()
        .resolve(&article)
        .0;
    assert_eq!(back.suggestions, a.doc.annotations().suggestions);
    assert_eq!(back.rejected.len(), 1);
    assert_eq!(back.mentions.len(), 3);
}

/// Text being typed in the form is unsaved work: the journal holds it while it is typed, and
/// Ctrl-c saves it (a signal does the same through the same path).
#[test]
fn a_note_being_typed_is_journaled_and_saved_on_ctrl_c() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let m1 = mention_named(&a, "We will build");
    goto(&mut a, "We will build");
    play(&mut a, &["enter", "j", "j", "j", "enter"], 100, 30);
    type_text(&mut a, "Check the minutes");
    assert!(!a.dirty(), "nothing is committed to the annotations yet");
    let work = a.unsaved_work().expect("typed text is unsaved work");
    assert_eq!(
        work.note(Some(AnyId::Mention(m1))),
        Some("Check the minutes")
    );
    let before = a.work_version();
    type_text(&mut a, "!");
    assert!(
        a.work_version() > before,
        "each key is a new version for the journal"
    );
    let effects = glossator::tui::handle_event(&mut a, &key("ctrl-c"));
    assert_eq!(effects, vec![glossator::tui::Effect::Save]);
    glossator::tui::perform(&mut a, &effects[0]);
    assert!(a.quit);
    let saved = std::fs::read_to_string(a.file()).unwrap();
    assert!(saved.contains("Check the minutes!"), "{saved}");
}

const DEMO: &str = "assets/demo/fna_iran_rejects_military_cooperation.txt";

/// A refused command opens nothing: the Enter meant for its list only dismisses the
/// refusal, and letters typed for the list do nothing.
#[test]
fn the_keys_after_a_refused_command_do_nothing() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let before = a.doc.annotations().clone();
    let mayor = mention_named(&a, "Mayor");
    goto(&mut a, "on Monday");
    // `a` off any claim: refused, and the Enter meant for the speaker list opens nothing.
    play(&mut a, &["a"], 100, 20);
    assert_eq!(a.mode, Mode::Refused);
    let message = a.message.clone().unwrap();
    assert!(message.contains("claim"), "{message}");
    let status = screen_text(&play(&mut a, &[], 100, 20)).pop().unwrap();
    assert!(status.contains("refused"), "{status}");
    play(&mut a, &["enter"], 100, 20);
    assert_eq!((a.mode, a.overlays.form.is_none()), (Mode::Reading, true));
    assert_eq!(a.message, None);
    // `t` off any mention, then the topic and polarity typed for lists that never opened.
    goto(&mut a, "on Monday");
    play(&mut a, &["t"], 100, 20);
    assert_eq!(a.mode, Mode::Refused);
    type_text(&mut a, "deny xuyq");
    play(&mut a, &["enter", "enter"], 100, 20);
    assert!(!a.quit);
    assert_eq!(*a.doc.annotations(), before, "nothing changed");
    assert_eq!(a.doc.annotations().mention(mayor).unwrap().label, "Speaker");
    // The second Enter was an Enter on plain text, which Esc leaves unchanged.
    play(&mut a, &["esc"], 100, 20);
    assert_eq!(*a.doc.annotations(), before, "nothing changed");
    // Arrows dismiss the refusal and move.
    play(&mut a, &["a"], 100, 20);
    let at = a.view.cursor;
    play(&mut a, &["right"], 100, 20);
    assert_eq!((a.mode, a.view.cursor), (Mode::Reading, at + 1));
}

#[test]
fn search_works_from_the_panes_and_its_letters_are_the_search() {
    let (_dir, mut a) = scratch(DEMO);
    play(&mut a, &["tab", "tab"], 100, 20);
    assert_eq!(a.panes.focus, Focus::Entities);
    play(&mut a, &["/"], 100, 20);
    assert_eq!(a.mode, Mode::Search);
    type_text(&mut a, "quoting");
    handle_event(&mut a, &key("enter"));
    assert!(!a.quit);
    assert_eq!(a.view.cursor, a.doc.article().text.find("quoting").unwrap());
    assert_eq!((a.mode, a.panes.focus), (Mode::Reading, Focus::Article));
    play(&mut a, &["tab", "N"], 100, 20);
    assert_eq!(a.view.cursor, a.doc.article().text.find("quoting").unwrap());
    assert_eq!(a.mode, Mode::Reading);
}

/// "Gen. Jazayeri", a Speaker whose entity holds a stance: neither `2` nor the form turns
/// it into a Claim, and Enter on the form's label row opens the list of labels.
#[test]
fn relabelling_never_drops_an_entity_link_and_enter_on_a_choice_opens_its_values() {
    let (_dir, mut a) = scratch(DEMO);
    goto(&mut a, "Gen. Jazayeri");
    play(&mut a, &["v", "w", "1"], 100, 20);
    type_text(&mut a, "Massoud Jazayeri");
    play(&mut a, &["enter", "enter"], 100, 20);
    let jazayeri = mention_named(&a, "Gen. Jazayeri");
    let entity = a
        .doc
        .annotations()
        .mention(jazayeri)
        .unwrap()
        .entity
        .unwrap();
    goto(&mut a, "The Islamic Republic of Iran blames");
    play(&mut a, &["v", "w", "w", "2", "t"], 100, 20);
    type_text(&mut a, "entity");
    handle_event(&mut a, &key("enter"));
    type_text(&mut a, "oppose");
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.doc.annotations().stances[0].holder, Agent::Entity(entity));
    let before = a.doc.annotations().clone();
    // `2` on the speaker: refused, naming the entity and the stance that relies on it.
    goto(&mut a, "Gen. Jazayeri");
    play(&mut a, &["2"], 100, 20);
    assert_eq!(a.mode, Mode::Refused);
    let message = a.message.clone().unwrap();
    assert!(
        message.contains(&format!("entity {entity} 'Massoud Jazayeri'")) && message.contains("st1"),
        "{message}"
    );
    assert!(message.contains("(none)"), "says how to go on: {message}");
    assert_eq!(*a.doc.annotations(), before);
    // The form: Enter on the label opens the labels, the current one highlighted.
    play(&mut a, &["enter", "enter"], 100, 20);
    assert_eq!(a.mode, Mode::Form);
    play(&mut a, &["enter"], 100, 20);
    assert_eq!(a.mode, Mode::Picker);
    assert_eq!(
        a.overlays.picking.as_ref().unwrap().picker.visible()
            [a.overlays.picking.as_ref().unwrap().picker.index]
            .pick,
        Pick::Value("Speaker".into())
    );
    let screen = screen_text(&play(&mut a, &[], 100, 30)).join("\n");
    assert!(screen.contains("label of m1"), "{screen}");
    // Enter again keeps it; picking Claim is refused with the reason, the form stays.
    play(&mut a, &["enter"], 100, 20);
    assert_eq!((a.mode, a.doc.annotations()), (Mode::Form, &before));
    play(&mut a, &["enter"], 100, 20);
    type_text(&mut a, "Claim");
    play(&mut a, &["enter"], 100, 20);
    assert_eq!(a.mode, Mode::Form);
    assert!(
        a.message.as_deref().unwrap().contains("cannot be Claim"),
        "{:?}",
        a.message
    );
    // `l` cycles too, and is refused the same way.
    play(&mut a, &["l"], 100, 20);
    assert!(
        a.message.as_deref().unwrap().contains("cannot be Claim"),
        "{:?}",
        a.message
    );
    play(&mut a, &["esc"], 100, 20);
    assert_eq!(*a.doc.annotations(), before);
    // On a mention with no entity, `h`/`l` and the list both change the label.
    goto(&mut a, "told FNA");
    play(&mut a, &["v", "3", "enter", "l"], 100, 20);
    let told = mention_named(&a, "told FNA");
    assert_eq!(a.doc.annotations().mention(told).unwrap().label, "Source");
    play(&mut a, &["enter"], 100, 20);
    type_text(&mut a, "targ");
    play(&mut a, &["enter", "esc"], 100, 20);
    assert_eq!(a.doc.annotations().mention(told).unwrap().label, "Target");
}

/// The cue between the halves of a quote is passed on the way to the second half: `+` still
/// adds to the claim, the mention last labelled, which the status bar names.
#[test]
fn a_fragment_goes_to_the_mention_last_labelled_or_chosen_not_the_one_passed() {
    let (_dir, mut a) = article_with("\"We are ready,\" she said, \"and we will win.\"\n");
    goto(&mut a, "said");
    play(&mut a, &["v", "3"], 100, 20);
    goto(&mut a, "We are");
    play(&mut a, &["v", "w", "w", "2"], 100, 20);
    let claim = mention_named(&a, "We are");
    let cue = mention_named(&a, "said");
    // Walk over the cue to the second half.
    goto(&mut a, "We are");
    while a.view.cursor < a.doc.article().text.find("and we").unwrap() {
        play(&mut a, &["w"], 100, 20);
    }
    let status = screen_text(&play(&mut a, &[], 100, 20)).pop().unwrap();
    assert!(
        status.contains(&format!("+ adds to {claim} Claim")),
        "{status}"
    );
    play(&mut a, &["v", "w", "w", "w", "+"], 100, 20);
    assert_eq!(
        a.doc.annotations().mention(claim).unwrap().fragments.len(),
        2
    );
    assert_eq!(a.doc.annotations().mention(cue).unwrap().fragments.len(), 1);
    // Enter on the cue chooses it.
    goto(&mut a, "said");
    play(&mut a, &["enter", "esc", "g"], 100, 20);
    let status = screen_text(&play(&mut a, &[], 100, 20)).pop().unwrap();
    assert!(status.contains(&format!("+ adds to {cue} Cue")), "{status}");
}

#[test]
fn the_same_label_on_the_same_words_twice_is_refused_naming_the_first() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let mayor = mention_named(&a, "Mayor");
    goto(&mut a, "Mayor");
    play(&mut a, &["v", "w", "w", "1"], 100, 20);
    assert_eq!(a.mode, Mode::Refused);
    assert_eq!(
        a.message.as_deref(),
        Some(format!("{mayor} is already a Speaker on these words; nothing was added").as_str())
    );
    assert_eq!(a.doc.annotations().mentions.len(), 14);
    // Another label on the same words is a different mention.
    play(&mut a, &["enter", "4"], 100, 20);
    assert_eq!(a.mode, Mode::Picker, "{:?}", a.message);
    assert_eq!(a.doc.annotations().mentions.len(), 15);
}

#[test]
fn esc_in_the_entity_list_of_a_new_speaker_takes_the_label_back() {
    let (_dir, mut a) = article_with("Mayor Ana Ruiz said hello.\n");
    play(&mut a, &["v", "w", "w", "1"], 100, 20);
    assert_eq!(a.mode, Mode::Picker);
    play(&mut a, &["esc"], 100, 20);
    assert!(a.doc.annotations().mentions.is_empty());
    let message = a.message.clone().unwrap();
    assert!(message.contains("m1 is taken back"), "{message}");
    // From the kind list too (a new entity was asked for), and nothing is left to undo.
    play(&mut a, &["v", "w", "w", "1", "enter", "esc"], 100, 20);
    assert!(a.doc.annotations().mentions.is_empty());
    assert!(a.doc.annotations().entities.is_empty());
    play(&mut a, &["u"], 100, 20);
    assert_eq!(a.message.as_deref(), Some("nothing to undo"));
    // `e` on an existing speaker, then Esc: the speaker stays.
    play(
        &mut a,
        &["v", "w", "w", "1", "enter", "enter", "e", "esc"],
        100,
        20,
    );
    assert_eq!(a.doc.annotations().mentions.len(), 1);
    assert_eq!(a.message.as_deref(), Some("cancelled; nothing changed"));
}

#[test]
fn a_label_taken_back_after_the_file_was_saved_is_unsaved_until_saved_again() {
    let (_dir, mut a) = article_with("Mayor Ana Ruiz said hello.\n");
    play(&mut a, &["v", "w", "w", "1"], 100, 20);
    assert_eq!(a.mode, Mode::Picker);
    // The idle save writes the new speaker while its entity list is open.
    perform(&mut a, &Effect::Save);
    assert!(!a.dirty());
    let t = play(&mut a, &["esc"], 100, 20);
    assert!(a.doc.annotations().mentions.is_empty());
    assert!(a.dirty(), "the file still holds the speaker taken back");
    let screen = screen_text(&t).join("\n");
    assert!(screen.contains("unsaved"), "{screen}");
    perform(&mut a, &Effect::Save);
    let file = std::fs::read_to_string(a.file()).unwrap();
    assert!(!file.contains("Speaker"), "{file}");
    assert!(!a.dirty());
}

#[test]
fn after_merging_the_last_entity_the_pane_highlights_the_one_kept() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let critics = a.doc.annotations().entities[1].id;
    play(&mut a, &["tab", "tab", "j", "j", "m"], 100, 20);
    type_text(&mut a, "crit");
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.doc.annotations().entities.len(), 2);
    play(&mut a, &["enter"], 100, 20);
    assert_eq!(a.mode, Mode::Form);
    assert_eq!(
        a.overlays.form.as_ref().unwrap().target,
        AnyId::Entity(critics)
    );
}

#[test]
fn merging_an_entity_into_the_target_of_its_own_stance_is_refused() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let critics = a.doc.annotations().entities[1].id;
    // Ana Ruiz (m2) opposes the critics.
    goto(&mut a, "Mayor");
    play(&mut a, &["t"], 100, 20);
    type_text(&mut a, "critics entity");
    handle_event(&mut a, &key("enter"));
    type_text(&mut a, "oppose");
    handle_event(&mut a, &key("enter"));
    let stance = a.doc.annotations().stances.last().unwrap().clone();
    assert_eq!(stance.target, Target::Entity(critics));
    let before = a.doc.annotations().clone();
    // The critics merged into Ana Ruiz would make "Ana Ruiz --oppose--> Ana Ruiz".
    play(&mut a, &["tab", "tab", "j", "m"], 100, 20);
    type_text(&mut a, "ana");
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.mode, Mode::Refused);
    let message = a.message.clone().unwrap();
    assert!(
        message.contains(&stance.id.to_string()) && message.contains("itself"),
        "{message}"
    );
    assert_eq!(*a.doc.annotations(), before);
    play(&mut a, &["esc"], 100, 20);
    assert_eq!(a.mode, Mode::Pane);
}

#[test]
fn deleting_says_what_went_with_it_and_undo_and_redo_say_what_they_did() {
    let (_dir, mut a) = scratch_annotated(PARK);
    let critics = mention_named(&a, "Critics");
    goto(&mut a, "Critics");
    play(&mut a, &["x"], 100, 20);
    assert_eq!(
        a.message.as_deref(),
        Some(format!("{critics} deleted with 1 attribution and 1 stance (u undoes)").as_str())
    );
    play(&mut a, &["u"], 100, 20);
    assert_eq!(
        a.message.as_deref(),
        Some(format!("undone: {critics} deleted with 1 attribution and 1 stance").as_str())
    );
    play(&mut a, &["ctrl-r"], 100, 20);
    assert_eq!(
        a.message.as_deref(),
        Some(format!("redone: {critics} deleted with 1 attribution and 1 stance").as_str())
    );
    play(&mut a, &["u", "S", "enter", "u"], 100, 20);
    assert_eq!(a.message.as_deref(), Some("undone: status: done"));
}

#[test]
fn the_detail_form_scrolls_to_keep_the_focused_row_in_a_small_window() {
    let (_dir, mut a) = scratch_annotated(PARK);
    goto(&mut a, "We will build");
    let t = play(&mut a, &["enter"], 40, 10);
    let screen = screen_text(&t).join("\n");
    assert!(screen.contains("label"), "{screen}");
    let t = play(&mut a, &["j", "j", "j"], 40, 10);
    let screen = screen_text(&t).join("\n");
    assert!(screen.contains("note"), "{screen}");
    // Typing a note keeps its row and the text in view.
    let t = play(&mut a, &["enter"], 40, 10);
    type_text(&mut a, "ok");
    let t2 = play(&mut a, &[], 40, 10);
    drop(t);
    let screen = screen_text(&t2).join("\n");
    assert!(screen.contains("note") && screen.contains("ok"), "{screen}");
}

#[test]
fn an_attribution_with_no_speaker_and_a_second_content_are_made_from_the_keyboard() {
    let (dir, mut a) = article_with(
        "It was reported that the talks would go on and that prices would fall soon.\n",
    );
    goto(&mut a, "the talks");
    play(&mut a, &["v", "w", "w", "w", "w", "2"], 100, 20);
    goto(&mut a, "reported");
    play(&mut a, &["v", "3"], 100, 20);
    goto(&mut a, "prices");
    play(&mut a, &["v", "w", "w", "w", "w", "2"], 100, 20);
    let claim = mention_named(&a, "the talks");
    let cue = mention_named(&a, "reported");
    let second = mention_named(&a, "prices");
    let texts: Vec<String> = mention_texts(&a).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        texts,
        [
            "reported",
            "that the talks would go on",
            "that prices would fall soon"
        ]
    );
    // Claims from an older file have no quote type: attributing one gives it one.
    let quote_type = |a: &glossator::tui::App, m| {
        a.doc
            .annotations()
            .mention(m)
            .and_then(|m| m.attrs.get("quote_type").cloned())
    };
    assert_eq!(quote_type(&a, claim).as_deref(), Some("indirect"));
    let mut older = a.doc.annotations().clone();
    for m in [claim, second] {
        older.mention_mut(m).unwrap().attrs.clear();
    }
    let mut a = glossator::tui::App::new(
        a.doc.article().clone(),
        older,
        a.schema.clone(),
        a.keymap.clone(),
        a.file().to_path_buf(),
        true,
    );
    // No speaker is labelled: the picker still opens, with "no speaker" to choose.
    goto(&mut a, "the talks");
    play(&mut a, &["a"], 100, 20);
    assert_eq!(a.mode, Mode::Picker);
    assert!(picks(&a).contains(&Pick::Nothing), "{:?}", picks(&a));
    type_text(&mut a, "no speaker");
    assert_eq!(picks(&a), [Pick::Nothing]);
    handle_event(&mut a, &key("enter"));
    // Then the cue, nearest first.
    assert_eq!(picks(&a)[0], Pick::Mention(cue));
    handle_event(&mut a, &key("enter"));
    let at = &a.doc.annotations().attributions[0];
    assert_eq!((at.claim, at.speaker, at.cue), (claim, None, Some(cue)));
    let message = a.message.clone().unwrap();
    assert!(
        message.starts_with("a1: (no speaker) --reported--> 'that the talks would go on'"),
        "{message}"
    );
    // The second claim joins it as its further content: the attribution is offered.
    goto(&mut a, "prices");
    play(&mut a, &["a"], 100, 20);
    let join = Pick::Attribution(at_id(&a));
    assert!(picks(&a).contains(&join), "{:?}", picks(&a));
    type_text(&mut a, "content of a1");
    assert_eq!(picks(&a), [join]);
    handle_event(&mut a, &key("enter"));
    assert_eq!(a.doc.annotations().attributions.len(), 1);
    assert_eq!(a.doc.annotations().attributions[0].more, [second]);
    assert_eq!(quote_type(&a, claim).as_deref(), Some("indirect"));
    assert_eq!(quote_type(&a, second).as_deref(), Some("indirect"));
    let screen = screen_text(&play(&mut a, &[], 120, 30)).join("\n");
    assert!(
        screen.contains(
            "(no speaker) --reported--> 'that the talks would go on' + 'that prices would"
        ),
        "{screen}"
    );
    // One undo step takes the second content back; the attribution stays.
    play(&mut a, &["u"], 100, 20);
    assert!(a.doc.annotations().attributions[0].more.is_empty());
    play(&mut a, &["ctrl-r"], 100, 20);
    perform(&mut a, &Effect::Save);
    let saved = std::fs::read_to_string(dir.path().join("story.ann.ron")).unwrap();
    assert!(
        saved.contains(&format!(
            "(id: \"a1\", claim: \"{claim}\", more: [\"{second}\"], speaker: None, cue: Some(\"{cue}\"))"
        )),
        "{saved}"
    );
}

fn at_id(a: &App) -> glossator::model::AttributionId {
    a.doc.annotations().attributions[0].id
}
