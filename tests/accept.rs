//! Reviewing suggestions and fixing what they got nearly right, through the real key path:
//! accept or reject and go on, keep only a suggestion's speaker, resize the mention a
//! selection starts in, and a second fragment that snaps as labelling does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use screen::{article_with, goto, play, scratch};

const PARK: &str = "tests/fixtures/v1/park.txt";
const DEMO: &str = "assets/demo/fna_iran_rejects_military_cooperation.txt";

/// Where the suggestions after byte `at` start, soonest first.
fn suggestion_starts(a: &glossator::tui::App) -> Vec<usize> {
    let mut starts: Vec<usize> = a
        .doc
        .annotations()
        .suggestions
        .iter()
        .filter_map(|s| s.spans().map(|x| x.start).min())
        .collect();
    starts.sort_unstable();
    starts
}

#[test]
fn accepting_or_rejecting_a_suggestion_goes_on_to_the_next_and_the_last_leaves_the_cursor_on_its_claim()
 {
    let (_dir, mut a) = scratch(PARK);
    play(&mut a, &["R", ")"], 100, 20);
    let first = a.view.cursor;
    play(&mut a, &["y"], 100, 20);
    let next = suggestion_starts(&a)
        .into_iter()
        .find(|&s| s > first)
        .unwrap();
    assert_eq!(a.view.cursor, next, "{:?}", a.message);
    let status = a.message.clone().unwrap();
    assert!(status.starts_with("accepted "), "{status}");
    assert!(status.contains("next: "), "{status}");
    // Rejecting goes on too.
    let before = a.doc.annotations().suggestions.len();
    play(&mut a, &["d"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), before - 1);
    assert!(
        suggestion_starts(&a).contains(&a.view.cursor),
        "{:?}",
        a.message
    );
    // Accept the rest: the last one leaves the cursor on the claim it made.
    for _ in 0..10 {
        if a.doc.annotations().suggestions.is_empty() {
            break;
        }
        play(&mut a, &["y"], 100, 20);
    }
    assert!(
        a.doc.annotations().suggestions.is_empty(),
        "{:?}",
        a.message
    );
    let claim = a.panes.selected.expect("the last claim is selected");
    let m = a.doc.annotations().mention(claim).unwrap();
    assert_eq!(a.view.cursor, m.fragments[0].start, "{:?}", a.message);
}

#[test]
fn keeping_only_a_suggestions_speaker_links_it_and_leaves_the_cursor_on_its_last_word() {
    let (_dir, mut a) = scratch(DEMO);
    // "Iran rejected military cooperation ...": a stance, not a claim; Iran spoke all the same.
    play(&mut a, &["R"], 100, 20);
    goto(&mut a, "Iran rejected");
    let before = a.doc.annotations().suggestions.len();
    play(&mut a, &["D"], 100, 20);
    assert_eq!(
        a.doc.annotations().suggestions.len(),
        before - 1,
        "{:?}",
        a.message
    );
    assert_eq!(a.doc.annotations().mentions.len(), 1);
    let m = &a.doc.annotations().mentions[0];
    assert_eq!(m.label, "Speaker");
    assert_eq!(
        &a.doc.article().text[m.fragments[0].start..m.fragments[0].end],
        "Iran"
    );
    let e = a.doc.annotations().entity(m.entity.unwrap()).unwrap();
    assert_eq!((e.name.as_str(), e.kind.as_str()), ("Iran", "Government"));
    assert!(a.doc.annotations().attributions.is_empty());
    assert_eq!(a.panes.selected, Some(m.id));
    // The other suggestion with the same speaker ("Iran ... said ...") is still there.
    assert!(a.suggestion_here().is_some());
    // A longer speaker: the cursor on its last word, as labelling it would leave it.
    goto(&mut a, "top military");
    play(&mut a, &["D"], 100, 20);
    assert_eq!(
        a.view.cursor,
        a.doc.article().text.find("Tehran strongly").unwrap()
    );
    // Nothing suggested here: nothing kept, and it says so.
    play(&mut a, &["g", "D"], 100, 20);
    assert!(
        a.message.as_deref().unwrap().contains("no suggestion"),
        "{:?}",
        a.message
    );
}

#[test]
fn resize_takes_the_mention_the_selection_starts_in_when_the_chosen_one_is_elsewhere() {
    let (_dir, mut a) = article_with("\"We will,\" Ana Ruiz told FNA on Monday.\n");
    goto(&mut a, "told");
    play(&mut a, &["v", "3"], 100, 20);
    goto(&mut a, "We");
    play(&mut a, &["v", "w", "2"], 100, 20);
    let claim = a.panes.selected.unwrap();
    // The claim was the one last labelled; the selection starts in the cue.
    goto(&mut a, "told");
    play(&mut a, &["v", "w", "r"], 100, 20);
    let words = |a: &glossator::tui::App, id| {
        let f = a.doc.annotations().mention(id).unwrap().fragments[0];
        a.doc.article().text[f.start..f.end].to_owned()
    };
    let cue = a
        .doc
        .annotations()
        .mentions
        .iter()
        .find(|m| m.label == "Cue")
        .unwrap()
        .id;
    assert_eq!(words(&a, cue), "told FNA", "{:?}", a.message);
    assert_eq!(words(&a, claim), "\"We will,\"");
    // A cue cut short before a claim that took its words: the selection starts in the cue
    // and overlaps the claim, and the cue is the one resized.
    let (_dir, mut b) = article_with("Ana Ruiz told CBC News the park will open.\n");
    goto(&mut b, "told");
    play(&mut b, &["v", "3"], 100, 20);
    goto(&mut b, "CBC");
    play(&mut b, &["v", "w", "w", "w", "w", "w", "2"], 100, 20);
    goto(&mut b, "told");
    play(&mut b, &["v", "w", "w", "r"], 100, 20);
    let cue = b
        .doc
        .annotations()
        .mentions
        .iter()
        .find(|m| m.label == "Cue")
        .unwrap()
        .id;
    assert_eq!(words(&b, cue), "told CBC News", "{:?}", b.message);
    // A speaker cut short at its end, grown leftwards from words no mention has: the one it
    // overlaps, not the claim chosen last.
    let (_dir, mut c) =
        article_with("Articles in journals including Medicine have called it quackery.\n");
    goto(&mut c, "Medicine");
    play(&mut c, &["v", "4", "enter", "enter"], 100, 20);
    let source = c.panes.selected.unwrap();
    goto(&mut c, "it quackery");
    play(&mut c, &["v", "w", "2"], 100, 20);
    play(&mut c, &["g", "v", "w", "w", "w", "w", "r"], 100, 20);
    assert_eq!(
        words(&c, source),
        "Articles in journals including Medicine",
        "{:?}",
        c.message
    );
    // A selection that starts in the chosen mention resizes it.
    goto(&mut a, "We");
    play(&mut a, &["enter", "esc", "v", "r"], 100, 20);
    assert_eq!(words(&a, claim), "\"We");
}

#[test]
fn a_claim_a_source_reports_just_before_its_cue_offers_no_speaker_first() {
    let (_dir, mut a) = article_with(
        "Ana Ruiz rejected media reports alleging that the plan failed. Ana Ruiz said that it \
         worked.\n",
    );
    goto(&mut a, "Ana Ruiz rejected");
    play(&mut a, &["v", "w", "1", "enter", "enter"], 100, 20);
    goto(&mut a, "media reports");
    play(&mut a, &["v", "w", "4", "enter", "enter"], 100, 20);
    goto(&mut a, "alleging");
    play(&mut a, &["v", "3", "i", "c", "2", "a"], 100, 20);
    let first = |a: &glossator::tui::App| {
        a.overlays
            .picking
            .as_ref()
            .expect("a picker is open")
            .picker
            .visible()[0]
            .pick
            .clone()
    };
    assert_eq!(first(&a), glossator::tui::Pick::Nothing, "{:?}", a.message);
    play(&mut a, &["esc"], 100, 20);
    // Said by the speaker named before its cue: the speaker first.
    goto(&mut a, "Ana Ruiz said");
    play(
        &mut a,
        &["v", "w", "1", "enter", "w", "v", "3", "i", "c", "2", "a"],
        100,
        20,
    );
    assert!(
        matches!(first(&a), glossator::tui::Pick::Agent(_)),
        "{:?}",
        a.message
    );
}

/// Undoing an accepted suggestion brings the cursor back to it, not to the next one.
#[test]
fn undoing_an_accepted_suggestion_leaves_the_cursor_where_it_was() {
    let (_dir, mut a) = scratch(PARK);
    play(&mut a, &["R", ")"], 100, 20);
    let first = a.view.cursor;
    let said = a.suggestion_here().expect("on a suggestion");
    let count = a.doc.annotations().suggestions.len();
    play(&mut a, &["y"], 100, 20);
    assert_ne!(a.view.cursor, first, "accepting went on to the next");
    play(&mut a, &["u"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), count);
    assert_eq!(a.view.cursor, first, "{:?}", a.message);
    assert_eq!(a.suggestion_here(), Some(said));
    let m = a.message.clone().unwrap();
    assert!(m.starts_with("undone: accepted "), "{m}");
    // Redo makes it again, and the cursor stays at what was made.
    play(&mut a, &["ctrl-r"], 100, 20);
    assert_eq!(a.doc.annotations().suggestions.len(), count - 1);
    assert_eq!(a.view.cursor, first, "{:?}", a.message);
}

/// An entity a suggestion made, whose one mention is linked to another entity, does not
/// stay behind with no mention: it goes, and the status bar says so.
#[test]
fn relinking_the_only_mention_of_a_suggested_entity_drops_the_empty_entity() {
    let (_dir, mut a) = scratch(PARK);
    play(&mut a, &["R"], 100, 20);
    for _ in 0..10 {
        if a.doc.annotations().suggestions.is_empty() {
            break;
        }
        play(&mut a, &[")", "y"], 100, 20);
    }
    let critics = |a: &glossator::tui::App| {
        let text = &a.doc.article().text;
        a.doc
            .annotations()
            .mentions
            .iter()
            .find(|m| &text[m.fragments[0].start..m.fragments[0].end] == "Critics")
            .cloned()
            .expect("the suggestions made the speaker Critics")
    };
    let gone = critics(&a).entity.expect("linked to an entity");
    let entities = a.doc.annotations().entities.len();
    goto(&mut a, "Critics");
    play(&mut a, &["e"], 100, 20);
    screen::type_text(&mut a, "Ruiz");
    play(&mut a, &["enter"], 100, 20);
    let now = critics(&a).entity.unwrap();
    assert_ne!(now, gone, "relinked: {:?}", a.message);
    assert!(
        a.doc.annotations().entity(gone).is_none(),
        "the empty entity went: {:?}",
        a.doc.annotations().entities
    );
    assert_eq!(a.doc.annotations().entities.len(), entities - 1);
    let m = a.message.clone().unwrap();
    assert!(m.contains("had no mention left and was removed"), "{m}");
    for e in &a.doc.annotations().entities {
        assert!(
            a.doc
                .annotations()
                .mentions
                .iter()
                .any(|m| m.entity == Some(e.id)),
            "{e:?} has no mention"
        );
    }
    // One undo takes back the relink and the removal together.
    play(&mut a, &["u"], 100, 20);
    assert_eq!(critics(&a).entity, Some(gone));
    assert_eq!(a.doc.annotations().entities.len(), entities);
}
