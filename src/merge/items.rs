//! Mentions and entities: matched, their fields merged, clashing ids renumbered.

#![allow(clippy::many_single_char_names)] // b, o, t: base, ours, theirs, as three-way merges name them

use std::collections::{BTreeMap, HashMap, HashSet};

use super::conflicts::Out;
use super::map::{Alloc, From, Ids, top};
use super::touched::{Touched, touched};
use crate::store::{AnyIdV1, Current, EntityIdV1, EntityV1, MentionIdV1, MentionV1};

/// Where every mention and entity of the three files went.
#[derive(Debug, Default)]
pub struct Maps {
    pub m: Ids,
    pub e: Ids,
}

/// An item of the other side waiting for the entity map: in the lists or in a record.
enum Place {
    Main,
    Record(usize),
}

pub fn merge_items(base: &Current, ours: &Current, theirs: &Current, out: &mut Out) -> Maps {
    let mut maps = Maps::default();
    let touched_o = touched(base, ours);
    let touched_t = touched(base, theirs);
    merge_entities(base, ours, theirs, &touched_o, &touched_t, &mut maps, out);
    merge_mentions(base, ours, theirs, &touched_o, &touched_t, &mut maps, out);
    maps
}

/// A mention's fragments without their quotes.
type Spans = Vec<(usize, usize)>;

fn spans(m: &MentionV1) -> Spans {
    m.fragments.iter().map(|f| (f.start, f.end)).collect()
}

/// Still the base's mention: the same label, or the same words.
fn same_mention(b: &MentionV1, x: &MentionV1) -> bool {
    b.label == x.label || spans(b) == spans(x)
}

/// Still the base's entity: the same kind, or the same name.
fn same_entity(b: &EntityV1, x: &EntityV1) -> bool {
    b.kind == x.kind || b.name == x.name
}

/// The words of a mention, for a person reading a conflict.
pub fn words(m: &MentionV1) -> String {
    m.fragments
        .iter()
        .map(|f| f.quote.as_str())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// A three-way choice: `Ok` when at most one side changed it (or both alike), `Err` with
/// both when they changed it differently.
pub fn three<T: PartialEq + Clone>(b: &T, o: &T, t: &T) -> Result<T, (T, T)> {
    if o == t || t == b {
        Ok(o.clone())
    } else if o == b {
        Ok(t.clone())
    } else {
        Err((o.clone(), t.clone()))
    }
}

#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
fn merge_entities(
    base: &Current,
    ours: &Current,
    theirs: &Current,
    touched_o: &Touched,
    touched_t: &Touched,
    maps: &mut Maps,
    out: &mut Out,
) {
    let by_id = |f: &Current| -> HashMap<u32, EntityV1> {
        f.entities.iter().map(|e| (e.id.0, e.clone())).collect()
    };
    let (b_e, o_e, t_e) = (by_id(base), by_id(ours), by_id(theirs));
    let derived = |side: &HashMap<u32, EntityV1>, i: u32| {
        let b = b_e.get(&i)?;
        side.get(&i).filter(|x| same_entity(b, x)).cloned()
    };
    let mut main: Vec<EntityV1> = Vec::new();
    let mut both = Vec::new();
    let mut from_theirs = Vec::new();
    let mut base_ids: Vec<u32> = b_e.keys().copied().collect();
    base_ids.sort_unstable();
    for &i in &base_ids {
        let b = &b_e[&i];
        match (derived(&o_e, i), derived(&t_e, i)) {
            (Some(o), Some(t)) => both.push((b.clone(), o, t)),
            (Some(o), None) if o != *b || touched_o.e.contains(&i) => {
                maps.e.base.insert(i, i);
                maps.e.ours.insert(i, i);
                out.disputed.1.insert(i);
                out.record(
                    format!("{} {:?} was deleted there and changed here", o.id, o.name),
                    vec![AnyIdV1::Entity(o.id)],
                );
                main.push(o);
            }
            (None, Some(t)) if t != *b || touched_t.e.contains(&i) => from_theirs.push(t),
            _ => {}
        }
    }
    let derived_o: HashSet<u32> = both.iter().map(|(b, ..)| b.id.0).collect();
    for o in &ours.entities {
        if derived(&o_e, o.id.0).is_none() {
            maps.e.ours.insert(o.id.0, o.id.0);
            main.push(o.clone());
        }
    }
    for i in &derived_o {
        maps.e.base.insert(*i, *i);
        maps.e.ours.insert(*i, *i);
        maps.e.theirs.insert(*i, *i);
    }
    let all = base
        .entities
        .iter()
        .chain(&ours.entities)
        .chain(&theirs.entities);
    let mut alloc = Alloc::new(maps.e.ours.values().copied(), top(all.map(|e| e.id.0)));
    for mut t in from_theirs {
        let id = alloc.give(t.id.0);
        maps.e.base.insert(t.id.0, id);
        maps.e.theirs.insert(t.id.0, id);
        let r = out.record(
            format!("{} {:?} was deleted here and changed there", t.id, t.name),
            Vec::new(),
        );
        t.id = EntityIdV1(id);
        out.home_e.insert(id, r);
        out.side(r).entities.push(t);
    }
    // New on the other side: the same entity as one of ours when a mention both sides
    // have refers to it, or when it has the same kind and name.
    let ours_new: HashSet<u32> = ours
        .entities
        .iter()
        .filter(|o| !derived_o.contains(&o.id.0))
        .map(|o| o.id.0)
        .collect();
    let mut new_t: Vec<&EntityV1> = theirs
        .entities
        .iter()
        .filter(|t| derived(&t_e, t.id.0).is_none())
        .collect();
    new_t.sort_by_key(|t| t.id);
    for t in new_t {
        let by_mention = theirs
            .mentions
            .iter()
            .filter(|m| m.entity == Some(t.id))
            .filter_map(|m| ours.mentions.iter().find(|o| spans(o) == spans(m)))
            .filter_map(|o| o.entity)
            .find(|e| ours_new.contains(&e.0));
        let by_name = || {
            main.iter()
                .find(|o| o.kind == t.kind && o.name == t.name)
                .map(|o| o.id)
        };
        if let Some(e) = by_mention.or_else(by_name) {
            maps.e.theirs.insert(t.id.0, e.0);
            continue;
        }
        let id = alloc.give(t.id.0);
        maps.e.theirs.insert(t.id.0, id);
        main.push(EntityV1 {
            id: EntityIdV1(id),
            ..t.clone()
        });
    }
    for (b, o, t) in both {
        let mut merged = o.clone();
        let mut theirs_way = o.clone();
        let mut clash = Vec::new();
        match three(&b.name, &o.name, &t.name) {
            Ok(v) => (merged.name, theirs_way.name) = (v.clone(), v),
            Err((x, y)) => {
                clash.push(format!("renamed {x:?} here and {y:?} there"));
                theirs_way.name = y;
            }
        }
        match three(&b.kind, &o.kind, &t.kind) {
            Ok(v) => (merged.kind, theirs_way.kind) = (v.clone(), v),
            Err((x, y)) => {
                clash.push(format!("a {x} here and a {y} there"));
                theirs_way.kind = y;
            }
        }
        match three(&b.kb, &o.kb, &t.kb) {
            Ok(v) => (merged.kb, theirs_way.kb) = (v.clone(), v),
            Err((x, y)) => {
                clash.push(format!("linked to {x:?} here and {y:?} there"));
                theirs_way.kb = y;
            }
        }
        match three(&b.named, &o.named, &t.named) {
            Ok(v) => (merged.named, theirs_way.named) = (v, v),
            Err((_, y)) => {
                clash.push("named here and unnamed there, or the other way".to_owned());
                theirs_way.named = y;
            }
        }
        if !clash.is_empty() {
            let r = out.record(
                format!("{} {:?}: {}", o.id, o.name, clash.join("; ")),
                vec![AnyIdV1::Entity(o.id)],
            );
            out.side(r).entities.push(theirs_way);
        }
        main.push(merged);
    }
    out.file.entities = main;
}

#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
fn merge_mentions(
    base: &Current,
    ours: &Current,
    theirs: &Current,
    touched_o: &Touched,
    touched_t: &Touched,
    maps: &mut Maps,
    out: &mut Out,
) {
    fn by_id(f: &Current) -> HashMap<u32, &MentionV1> {
        f.mentions.iter().map(|m| (m.id.0, m)).collect()
    }
    let (b_m, o_m, t_m) = (by_id(base), by_id(ours), by_id(theirs));
    let derived = |side: &HashMap<u32, &MentionV1>, i: u32| {
        let b = b_m.get(&i)?;
        side.get(&i)
            .filter(|x| same_mention(b, x))
            .map(|x| (*x).clone())
    };
    let is_derived = |side: &HashMap<u32, &MentionV1>, i: u32| {
        b_m.get(&i)
            .is_some_and(|b| side.get(&i).is_some_and(|x| same_mention(b, x)))
    };
    let entity = |maps: &Maps, from: From, m: &mut MentionV1| {
        m.entity = m.entity.and_then(|e| maps.e.get(from, e.0)).map(EntityIdV1);
    };
    let mut main: Vec<MentionV1> = Vec::new();
    let mut both = Vec::new();
    let mut from_theirs = Vec::new();
    let mut base_ids: Vec<u32> = b_m.keys().copied().collect();
    base_ids.sort_unstable();
    for &i in &base_ids {
        let b = b_m[&i];
        match (derived(&o_m, i), derived(&t_m, i)) {
            (Some(o), Some(t)) => {
                for side in [&mut maps.m.base, &mut maps.m.ours, &mut maps.m.theirs] {
                    side.insert(i, i);
                }
                both.push((b.clone(), o, t));
            }
            (Some(mut o), None) if o != *b || touched_o.m.contains(&i) => {
                maps.m.base.insert(i, i);
                maps.m.ours.insert(i, i);
                out.disputed.0.insert(i);
                out.record(
                    format!(
                        "{} {} {:?} was deleted there and changed here",
                        o.id,
                        o.label,
                        words(&o)
                    ),
                    vec![AnyIdV1::Mention(o.id)],
                );
                entity(maps, From::Ours, &mut o);
                main.push(o);
            }
            (None, Some(t)) if t != *b || touched_t.m.contains(&i) => from_theirs.push(t),
            _ => {}
        }
    }
    for o in &ours.mentions {
        if !is_derived(&o_m, o.id.0) {
            maps.m.ours.insert(o.id.0, o.id.0);
            let mut o = o.clone();
            entity(maps, From::Ours, &mut o);
            main.push(o);
        }
    }
    let all = base
        .mentions
        .iter()
        .chain(&ours.mentions)
        .chain(&theirs.mentions);
    let mut alloc = Alloc::new(maps.m.ours.values().copied(), top(all.map(|m| m.id.0)));
    let mut waiting: Vec<(Place, MentionV1)> = Vec::new();
    for t in from_theirs {
        let id = alloc.give(t.id.0);
        maps.m.base.insert(t.id.0, id);
        maps.m.theirs.insert(t.id.0, id);
        let r = out.record(
            format!(
                "{} {} {:?} was deleted here and changed there",
                t.id,
                t.label,
                words(&t)
            ),
            Vec::new(),
        );
        out.home_m.insert(id, r);
        waiting.push((
            Place::Record(r),
            MentionV1 {
                id: MentionIdV1(id),
                ..t
            },
        ));
    }
    // New on the other side: the same as one of ours with the same words and label; a
    // conflict when both sides added a mention on the same words with different labels.
    let ours_new: HashSet<u32> = ours
        .mentions
        .iter()
        .filter(|o| !is_derived(&o_m, o.id.0))
        .map(|o| o.id.0)
        .collect();
    let by_key: HashMap<(Spans, &str), u32> = main
        .iter()
        .map(|m| ((spans(m), m.label.as_str()), m.id.0))
        .collect();
    let by_spans: HashMap<Spans, &MentionV1> = main
        .iter()
        .filter(|m| ours_new.contains(&m.id.0))
        .map(|m| (spans(m), m))
        .collect();
    let mut relabelled: BTreeMap<u32, usize> = BTreeMap::new();
    let mut new_t: Vec<&MentionV1> = theirs
        .mentions
        .iter()
        .filter(|t| !is_derived(&t_m, t.id.0))
        .collect();
    new_t.sort_by_key(|t| t.id);
    for t in new_t {
        if let Some(&id) = by_key.get(&(spans(t), t.label.as_str())) {
            maps.m.theirs.insert(t.id.0, id);
            continue;
        }
        let id = alloc.give(t.id.0);
        maps.m.theirs.insert(t.id.0, id);
        let moved = MentionV1 {
            id: MentionIdV1(id),
            ..t.clone()
        };
        if let Some(o) = by_spans.get(&spans(t)) {
            let r = *relabelled.entry(o.id.0).or_insert_with(|| {
                out.record(
                    format!(
                        "{:?} was labelled {} here ({}) and {} there",
                        words(o),
                        o.label,
                        o.id,
                        t.label
                    ),
                    vec![AnyIdV1::Mention(o.id)],
                )
            });
            out.home_m.insert(id, r);
            waiting.push((Place::Record(r), moved));
        } else {
            waiting.push((Place::Main, moved));
        }
    }
    for (place, mut m) in waiting {
        entity(maps, From::Theirs, &mut m);
        match place {
            Place::Main => main.push(m),
            Place::Record(r) => out.side(r).mentions.push(m),
        }
    }
    for (b, mut o, mut t) in both {
        let mut b = b;
        entity(maps, From::Base, &mut b);
        entity(maps, From::Ours, &mut o);
        entity(maps, From::Theirs, &mut t);
        let (merged, theirs_way, clash) = mention_fields(&b, &o, &t);
        if !clash.is_empty() {
            let r = out.record(
                format!("{} {:?}: {}", o.id, words(&o), clash.join("; ")),
                vec![AnyIdV1::Mention(o.id)],
            );
            out.side(r).mentions.push(theirs_way);
        }
        main.push(merged);
    }
    out.file.mentions = main;
}

/// A mention both sides kept, field by field: the merged one (this side's value where they
/// clash), the other side's way, and what clashed.
fn mention_fields(
    b: &MentionV1,
    o: &MentionV1,
    t: &MentionV1,
) -> (MentionV1, MentionV1, Vec<String>) {
    let mut merged = o.clone();
    let mut theirs_way = o.clone();
    let mut clash = Vec::new();
    match three(&b.label, &o.label, &t.label) {
        Ok(v) => (merged.label, theirs_way.label) = (v.clone(), v),
        Err((x, y)) => {
            clash.push(format!("labelled {x} here and {y} there"));
            theirs_way.label = y;
        }
    }
    match three(&b.fragments, &o.fragments, &t.fragments) {
        Ok(v) => (merged.fragments, theirs_way.fragments) = (v.clone(), v),
        Err((_, y)) => {
            clash.push(format!("its words are {:?} there", words(t)));
            theirs_way.fragments = y;
        }
    }
    match three(&b.entity, &o.entity, &t.entity) {
        Ok(v) => (merged.entity, theirs_way.entity) = (v, v),
        Err((x, y)) => {
            let name = |e: Option<EntityIdV1>| e.map_or("no entity".to_owned(), |e| e.to_string());
            clash.push(format!("refers to {} here and {} there", name(x), name(y)));
            theirs_way.entity = y;
        }
    }
    let keys: std::collections::BTreeSet<&String> = b
        .attrs
        .keys()
        .chain(o.attrs.keys())
        .chain(t.attrs.keys())
        .collect();
    let (mut attrs, mut theirs_attrs) = (BTreeMap::new(), BTreeMap::new());
    for k in keys {
        let get = |m: &MentionV1| m.attrs.get(k).cloned();
        match three(&get(b), &get(o), &get(t)) {
            Ok(v) => {
                if let Some(v) = v {
                    attrs.insert(k.clone(), v.clone());
                    theirs_attrs.insert(k.clone(), v);
                }
            }
            Err((x, y)) => {
                clash.push(format!("{k} is {x:?} here and {y:?} there"));
                if let Some(x) = x {
                    attrs.insert(k.clone(), x);
                }
                if let Some(y) = y {
                    theirs_attrs.insert(k.clone(), y);
                }
            }
        }
    }
    merged.attrs = attrs;
    theirs_way.attrs = theirs_attrs;
    (merged, theirs_way, clash)
}
