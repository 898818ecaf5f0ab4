//! The three-way merge of annotation files by meaning: what both sides did is kept, ids
//! that clash are renumbered with their links, real disagreements become conflict records
//! that load and can be settled; and a file merged with itself or an unchanged base comes
//! back byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::many_single_char_names
)]

use std::path::Path;

use glossator::model::{
    Agent, Annotations, AnyId, ConflictId, EntityId, Mention, MentionId, Span, Status, Take,
};
use glossator::store::{self, Current};
use glossator::text::Article;
use proptest::prelude::*;

const FIXTURE: &str = "tests/fixtures/v1/park.ann.ron";

fn park() -> Article {
    Article::load(Path::new("tests/fixtures/v1/park.txt")).unwrap()
}

fn base() -> Annotations {
    let (a, problems) = store::read(Path::new(FIXTURE)).unwrap().resolve(&park());
    assert_eq!(problems, vec![]);
    a
}

fn ron(a: &Annotations) -> String {
    store::to_ron(Path::new("park.ann.ron"), a, &park()).unwrap()
}

fn parse(text: &str) -> Current {
    store::read_str(Path::new("park.ann.ron"), text.to_owned())
        .unwrap()
        .file
}

/// The merged file's text and how many conflict records it has.
fn merge(b: &Annotations, o: &Annotations, t: &Annotations) -> (String, usize) {
    let merged = glossator::merge::merge(&parse(&ron(b)), &parse(&ron(o)), &parse(&ron(t)));
    let n = merged.file.conflicts.len();
    (
        store::encode(Path::new("park.ann.ron"), merged.file).unwrap(),
        n,
    )
}

/// The merged text loaded on the article: it must load clean.
fn load(text: &str) -> Annotations {
    let parsed = store::read_str(Path::new("park.ann.ron"), text.to_owned()).unwrap();
    let (a, problems) = parsed.resolve(&park());
    assert_eq!(problems, vec![], "{text}");
    a
}

fn span(quote: &str, from: usize) -> Span {
    let text = park().text;
    let start = from + text[from..].find(quote).unwrap();
    Span::new(start, start + quote.len())
}

fn add(a: &mut Annotations, id: u32, label: &str, quote: &str) -> MentionId {
    a.mentions.push(
        Mention {
            id: MentionId(id),
            label: label.into(),
            fragments: vec![span(quote, 0)],
            entity: None,
            attrs: std::collections::BTreeMap::new(),
        }
        .into(),
    );
    MentionId(id)
}

fn labels(a: &Annotations, quote: &str) -> Vec<String> {
    let s = span(quote, 0);
    a.mentions
        .iter()
        .filter(|m| m.fragments == [s])
        .map(|m| m.label.clone())
        .collect()
}

#[test]
fn changes_in_different_places_are_all_kept_and_clashing_ids_renumbered_with_their_links() {
    let b = base();
    let mut o = b.clone();
    let council = add(&mut o, 15, "Source", "Council");
    let mut t = b.clone();
    // The same new id on the other side, with an attribution and a note pointing at it.
    let reporters = add(&mut t, 15, "Target", "reporters");
    let claim = add(&mut t, 16, "Claim", "the plan was too");
    t.attributions.retain(|a| a.claim != MentionId(6));
    let a = t.attribute(claim, Some(Agent::Mention(reporters)), None);
    t.notes.push(glossator::model::Note {
        id: glossator::model::NoteId(2),
        on: Some(AnyId::Mention(reporters)),
        text: "who asked".into(),
    });
    t.status = Status::Done;
    let (text, conflicts) = merge(&b, &o, &t);
    assert_eq!(conflicts, 0, "{text}");
    let m = load(&text);
    assert_eq!(m.status, Status::Done, "the further status");
    assert_eq!(m.mention(council).unwrap().label, "Source");
    assert_eq!(labels(&m, "reporters"), ["Target"]);
    let moved = m
        .mentions
        .iter()
        .find(|x| x.label == "Target" && x.fragments == [span("reporters", 0)])
        .unwrap()
        .id;
    assert_ne!(moved, MentionId(15), "the clashing id was renumbered");
    let attribution = m.attributions.iter().find(|x| x.id == a).unwrap();
    assert_eq!(attribution.speaker, Some(Agent::Mention(moved)));
    assert!(
        m.notes
            .iter()
            .any(|n| n.on == Some(AnyId::Mention(moved)) && n.text == "who asked")
    );
    assert_eq!(m.mentions.len(), b.mentions.len() + 3);
}

#[test]
fn the_same_words_labelled_differently_is_a_conflict_settled_by_ours_theirs_or_both() {
    let b = base();
    let mut o = b.clone();
    add(&mut o, 15, "Source", "Council");
    let mut t = b.clone();
    add(&mut t, 15, "Speaker", "Council");
    let (text, conflicts) = merge(&b, &o, &t);
    assert_eq!(conflicts, 1);
    assert!(text.starts_with("(\n    format: 3,"), "{text}");
    let m = load(&text);
    assert_eq!(labels(&m, "Council"), ["Source"], "ours in the lists");
    let c = &m.conflicts[0];
    assert!(
        c.what.contains("Source") && c.what.contains("Speaker"),
        "{}",
        c.what
    );
    let mut ours = m.clone();
    ours.settle(c.id, Take::Ours);
    assert_eq!(labels(&ours, "Council"), ["Source"]);
    let mut theirs = m.clone();
    theirs.settle(c.id, Take::Theirs);
    assert_eq!(labels(&theirs, "Council"), ["Speaker"]);
    let mut both = m.clone();
    both.settle(c.id, Take::Both);
    assert_eq!(labels(&both, "Council"), ["Source", "Speaker"]);
    // Settled, it saves as format 2 again.
    assert!(ron(&theirs).starts_with("(\n    format: 2,"));
}

#[test]
fn a_deletion_against_an_edit_is_a_conflict_either_way_round() {
    let b = base();
    let mut deleted = b.clone();
    deleted.remove_mention(MentionId(6));
    let mut edited = b.clone();
    edited
        .mention_mut(MentionId(6))
        .unwrap()
        .attrs
        .insert("quote_type".into(), "direct".into());
    // Deleted here, changed there: the lists lack it, the record holds theirs.
    let (text, n) = merge(&b, &deleted, &edited);
    assert_eq!(n, 1, "{text}");
    let mut m = load(&text);
    assert!(m.mention(MentionId(6)).is_none());
    let c = m.conflicts[0].id;
    m.settle(c, Take::Theirs);
    assert_eq!(
        m.mention(MentionId(6)).unwrap().attrs["quote_type"],
        "direct"
    );
    // Its attribution and sourcing, gone here with it, come back with it.
    assert!(m.attributions.iter().any(|a| a.claim == MentionId(6)));
    assert!(m.sourcings.iter().any(|s| s.claim == MentionId(6)));
    // Changed here, deleted there: kept in the lists, taking theirs deletes it.
    let (text, n) = merge(&b, &edited, &deleted);
    assert_eq!(n, 1, "{text}");
    let mut m = load(&text);
    assert!(m.mention(MentionId(6)).is_some());
    assert!(
        m.attributions.iter().any(|a| a.claim == MentionId(6)),
        "kept here with its links"
    );
    m.settle(ConflictId(1), Take::Theirs);
    assert!(m.mention(MentionId(6)).is_none());
    assert!(m.attributions.iter().all(|a| a.claim != MentionId(6)));
}

#[test]
fn a_deletion_against_nothing_deletes() {
    let b = base();
    let mut deleted = b.clone();
    deleted.remove_mention(MentionId(6));
    let mut other = b.clone();
    other.status = Status::Done;
    let (text, n) = merge(&b, &other, &deleted);
    assert_eq!(n, 0);
    let m = load(&text);
    assert!(m.mention(MentionId(6)).is_none());
    assert_eq!(m.status, Status::Done);
}

#[test]
fn an_entity_renamed_on_one_side_keeps_the_other_sides_new_mentions_of_it() {
    let b = base();
    let mut o = b.clone();
    o.entity_mut(EntityId(1)).unwrap().name = "Mayor Ana Ruiz".into();
    let mut t = b.clone();
    let council = add(&mut t, 15, "Speaker", "Council");
    t.mention_mut(council).unwrap().entity = Some(EntityId(1));
    let (text, n) = merge(&b, &o, &t);
    assert_eq!(n, 0, "{text}");
    let m = load(&text);
    assert_eq!(m.entity(EntityId(1)).unwrap().name, "Mayor Ana Ruiz");
    assert_eq!(m.mention(council).unwrap().entity, Some(EntityId(1)));
}

#[test]
fn an_entity_renamed_differently_on_both_sides_is_a_conflict() {
    let b = base();
    let mut o = b.clone();
    o.entity_mut(EntityId(1)).unwrap().name = "Mayor Ana Ruiz".into();
    let mut t = b.clone();
    t.entity_mut(EntityId(1)).unwrap().name = "Ana Ruiz (mayor)".into();
    let (text, n) = merge(&b, &o, &t);
    assert_eq!(n, 1);
    let mut m = load(&text);
    assert!(
        m.conflicts[0].what.contains("renamed"),
        "{}",
        m.conflicts[0].what
    );
    m.settle(ConflictId(1), Take::Theirs);
    assert_eq!(m.entity(EntityId(1)).unwrap().name, "Ana Ruiz (mayor)");
    assert_eq!(m.mention_count(EntityId(1)), 3, "its mentions stay");
}

#[test]
fn the_same_claim_attributed_to_two_speakers_is_a_conflict() {
    let b = base();
    let mut o = b.clone();
    o.attribute(MentionId(6), Some(Agent::Mention(MentionId(2))), None);
    let mut t = b.clone();
    t.attribute(MentionId(6), Some(Agent::Mention(MentionId(9))), None);
    let (text, n) = merge(&b, &o, &t);
    assert_eq!(n, 1, "{text}");
    let mut m = load(&text);
    assert!(
        m.conflicts[0].what.contains("attributed"),
        "{}",
        m.conflicts[0].what
    );
    m.settle(ConflictId(1), Take::Theirs);
    let a = m
        .attributions
        .iter()
        .find(|a| a.claim == MentionId(6))
        .unwrap();
    assert_eq!(a.speaker, Some(Agent::Mention(MentionId(9))));
}

#[test]
fn both_sides_adding_the_same_mention_and_link_gives_one_of_each() {
    let b = base();
    let mut o = b.clone();
    let c = add(&mut o, 15, "Source", "Council");
    o.add_sourcing(MentionId(6), Agent::Mention(c), None);
    let t = o.clone();
    let merged = glossator::merge::merge(&parse(&ron(&b)), &parse(&ron(&o)), &parse(&ron(&t)));
    assert_eq!(
        store::encode(Path::new("park.ann.ron"), merged.file).unwrap(),
        ron(&o)
    );
}

fn words() -> Vec<Span> {
    let text = park().text;
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A file derived from the base by random deletions, relabellings, new mentions and a
/// status: the kinds of change people make.
fn changed(seed: &[(u8, u8)]) -> Annotations {
    let mut a = base();
    let words = words();
    let labels = ["Claim", "Speaker", "Cue", "Source", "Target"];
    for (i, &(what, n)) in seed.iter().enumerate() {
        match what % 4 {
            0 => {
                let ids: Vec<MentionId> = a.mentions.iter().map(|m| m.id).collect();
                if !ids.is_empty() {
                    a.remove_mention(ids[n as usize % ids.len()]);
                }
            }
            1 => {
                if !a.mentions.is_empty() {
                    let k = n as usize % a.mentions.len();
                    a.mentions[k].label = labels[i % labels.len()].into();
                }
            }
            2 => {
                let id = glossator::model::MentionId(
                    a.mentions.iter().map(|m| m.id.0).max().unwrap_or(0) + 1,
                );
                a.mentions.push(
                    Mention {
                        id,
                        label: labels[n as usize % labels.len()].into(),
                        fragments: vec![words[n as usize % words.len()]],
                        entity: None,
                        attrs: std::collections::BTreeMap::new(),
                    }
                    .into(),
                );
            }
            _ => a.status = Status::Done,
        }
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// merge(base, x, base), merge(base, base, x) and merge(base, x, x) are x, byte for
    /// byte, through the merge itself (not a shortcut on equal texts).
    #[test]
    fn a_file_merged_with_itself_or_an_unchanged_base_comes_back_byte_for_byte(
        seed in proptest::collection::vec((0u8..4, any::<u8>()), 0..12)
    ) {
        let b = base();
        let x = changed(&seed);
        let want = ron(&x);
        for (o, t) in [(&x, &b), (&b, &x), (&x, &x)] {
            let (text, n) = merge(&b, o, t);
            prop_assert_eq!(n, 0);
            prop_assert_eq!(&text, &want);
        }
    }
}
