//! Attributions, sourcings, stances and notes, matched by what they connect once every id
//! they name is in the merged file's numbering.

#![allow(clippy::many_single_char_names)] // b, o, t: base, ours, theirs, as three-way merges name them

use std::collections::HashMap;
use std::hash::Hash;

use super::conflicts::Out;
use super::items::Maps;
use super::map::{Alloc, From, top};
use crate::store::{
    AgentV1, AnyIdV1, AttributionIdV1, AttributionV2, Current, EntityIdV1, MentionIdV1, NoteIdV1,
    NoteV1, SideV3, SourcingIdV1, SourcingV1, StanceIdV1, StanceV1, TargetV1,
};

#[allow(clippy::too_many_lines)]
pub fn merge_links(base: &Current, ours: &Current, theirs: &Current, maps: &Maps, out: &mut Out) {
    let map = |from: From, f: &Current| -> Vec<AttributionV2> {
        f.attributions
            .iter()
            .filter_map(|a| attribution(a, from, maps))
            .collect()
    };
    let mut links = LinkIds::default();
    let (main, side, ids) = three_way(
        &Kind {
            key: |a: &AttributionV2| a.claim,
            id: |a: &AttributionV2| a.id.0,
            set_id: |a: &mut AttributionV2, i| a.id = AttributionIdV1(i),
            refs: |a: &AttributionV2| {
                let mut m: Vec<u32> = a.more.iter().map(|m| m.0).collect();
                m.push(a.claim.0);
                m.extend(a.cue.map(|c| c.0));
                agent_refs(a.speaker, &mut m)
            },
            any: |i| AnyIdV1::Attribution(AttributionIdV1(i)),
            what: |o: &AttributionV2, t: &AttributionV2| {
                format!(
                    "the claim {} is attributed to {} here and to {} there",
                    o.claim,
                    speaker(o.speaker),
                    speaker(t.speaker)
                )
            },
            what_gone: |x: &AttributionV2| format!("{} of the claim {}", x.id, x.claim),
            _k: std::marker::PhantomData,
        },
        [
            map(From::Base, base),
            map(From::Ours, ours),
            map(From::Theirs, theirs),
        ],
        out,
    );
    links.a = ids;
    out.file.attributions = main;
    place(out, side, |s, a| s.attributions.push(a));

    let map = |from: From, f: &Current| -> Vec<SourcingV1> {
        f.sourcings
            .iter()
            .filter_map(|s| sourcing(s, from, maps))
            .collect()
    };
    let (main, side, ids) = three_way(
        &Kind {
            key: |s: &SourcingV1| (s.claim, s.source),
            id: |s: &SourcingV1| s.id.0,
            set_id: |s: &mut SourcingV1, i| s.id = SourcingIdV1(i),
            refs: |s: &SourcingV1| agent_refs(Some(s.source), &mut vec![s.claim.0]),
            any: |i| AnyIdV1::Sourcing(SourcingIdV1(i)),
            what: |o: &SourcingV1, t: &SourcingV1| {
                format!(
                    "the source {} of {} is {:?} here and {:?} there",
                    agent(o.source),
                    o.claim,
                    o.specificity,
                    t.specificity
                )
            },
            what_gone: |x: &SourcingV1| format!("{} of the claim {}", x.id, x.claim),
            _k: std::marker::PhantomData,
        },
        [
            map(From::Base, base),
            map(From::Ours, ours),
            map(From::Theirs, theirs),
        ],
        out,
    );
    links.s = ids;
    out.file.sourcings = main;
    place(out, side, |s, x| s.sourcings.push(x));

    let map = |from: From, f: &Current| -> Vec<StanceV1> {
        f.stances
            .iter()
            .filter_map(|s| stance(s, from, maps))
            .collect()
    };
    let (main, side, ids) = three_way(
        &Kind {
            key: |s: &StanceV1| (s.holder, target_key(&s.target)),
            id: |s: &StanceV1| s.id.0,
            set_id: |s: &mut StanceV1, i| s.id = StanceIdV1(i),
            refs: |s: &StanceV1| {
                let mut m = Vec::new();
                let (mut m, mut e) = agent_refs(Some(s.holder), &mut m);
                match s.target {
                    TargetV1::Mention(x) => m.push(x.0),
                    TargetV1::Entity(x) => e.push(x.0),
                    TargetV1::Text(_) => {}
                }
                (m, e)
            },
            any: |i| AnyIdV1::Stance(StanceIdV1(i)),
            what: |o: &StanceV1, t: &StanceV1| {
                format!(
                    "{} is {} here and {} there toward {}",
                    agent(o.holder),
                    o.polarity,
                    t.polarity,
                    target(&o.target)
                )
            },
            what_gone: |x: &StanceV1| format!("{} of {}", x.id, agent(x.holder)),
            _k: std::marker::PhantomData,
        },
        [
            map(From::Base, base),
            map(From::Ours, ours),
            map(From::Theirs, theirs),
        ],
        out,
    );
    links.st = ids;
    out.file.stances = main;
    place(out, side, |s, x| s.stances.push(x));
    merge_notes(base, ours, theirs, maps, &links, out);
}

/// A note is kept where both keep it or either added it; one edited on both sides is two
/// notes, so notes never conflict.
fn merge_notes(
    base: &Current,
    ours: &Current,
    theirs: &Current,
    maps: &Maps,
    links: &LinkIds,
    out: &mut Out,
) {
    let map = |from: From, f: &Current| -> Vec<NoteV1> {
        f.notes
            .iter()
            .filter_map(|n| note(n, from, maps, links))
            .collect()
    };
    let (b, o, t) = (
        map(From::Base, base),
        map(From::Ours, ours),
        map(From::Theirs, theirs),
    );
    let key = |n: &NoteV1| (n.on, n.text.clone());
    let in_b: std::collections::HashSet<_> = b.iter().map(key).collect();
    let in_t: std::collections::HashSet<_> = t.iter().map(key).collect();
    let mut kept: Vec<NoteV1> = o
        .into_iter()
        .filter(|n| in_t.contains(&key(n)) || !in_b.contains(&key(n)))
        .collect();
    let in_o: std::collections::HashSet<_> = kept.iter().map(key).collect();
    let all = base.notes.iter().chain(&ours.notes).chain(&theirs.notes);
    let mut alloc = Alloc::new(kept.iter().map(|n| n.id.0), top(all.map(|n| n.id.0)));
    let mut side = Vec::new();
    for mut n in t {
        if in_b.contains(&key(&n)) || in_o.contains(&key(&n)) {
            continue;
        }
        n.id = NoteIdV1(alloc.give(n.id.0));
        let home = match n.on {
            Some(AnyIdV1::Mention(m)) => out.home(&[m.0], &[]),
            Some(AnyIdV1::Entity(e)) => out.home(&[], &[e.0]),
            _ => None,
        };
        match home {
            Some(r) => side.push((r, n)),
            None => kept.push(n),
        }
    }
    out.file.notes = kept;
    place(out, side, |s, n| s.notes.push(n));
}

fn place<L>(out: &mut Out, side: Vec<(usize, L)>, push: impl Fn(&mut SideV3, L)) {
    for (r, x) in side {
        push(out.side(r), x);
    }
}

/// Where each side's link ids went, per kind: (side, id) -> merged id.
#[derive(Default)]
struct LinkIds {
    a: HashMap<(From, u32), u32>,
    s: HashMap<(From, u32), u32>,
    st: HashMap<(From, u32), u32>,
}

/// What differs between kinds of link.
struct Kind<K, L, FK, FI, FS, FR, FA, FW, FG>
where
    FK: Fn(&L) -> K,
    FI: Fn(&L) -> u32,
    FS: Fn(&mut L, u32),
    FR: Fn(&L) -> (Vec<u32>, Vec<u32>),
    FA: Fn(u32) -> AnyIdV1,
    FW: Fn(&L, &L) -> String,
    FG: Fn(&L) -> String,
{
    /// What it connects: its identity across the three files.
    key: FK,
    id: FI,
    set_id: FS,
    /// The mentions and entities it names.
    refs: FR,
    any: FA,
    /// The two sides' disagreement, for a person.
    what: FW,
    /// The link, named for a person.
    what_gone: FG,
    _k: std::marker::PhantomData<(K, L)>,
}

/// The links of one kind, three ways: the merged list and the other side's links that
/// belong in a conflict record (by its index).
#[allow(clippy::type_complexity, clippy::too_many_lines)]
fn three_way<K, L, FK, FI, FS, FR, FA, FW, FG>(
    kind: &Kind<K, L, FK, FI, FS, FR, FA, FW, FG>,
    [b, o, t]: [Vec<L>; 3],
    out: &mut Out,
) -> (Vec<L>, Vec<(usize, L)>, HashMap<(From, u32), u32>)
where
    K: Hash + Eq + Clone,
    L: Clone + PartialEq,
    FK: Fn(&L) -> K,
    FI: Fn(&L) -> u32,
    FS: Fn(&mut L, u32),
    FR: Fn(&L) -> (Vec<u32>, Vec<u32>),
    FA: Fn(u32) -> AnyIdV1,
    FW: Fn(&L, &L) -> String,
    FG: Fn(&L) -> String,
{
    let top_id = top(b.iter().chain(&o).chain(&t).map(&kind.id));
    // The same key twice on one side (rare) is told apart by its place.
    let keyed = |list: Vec<L>| -> Vec<((K, usize), L)> {
        let mut seen: HashMap<K, usize> = HashMap::new();
        list.into_iter()
            .map(|x| {
                let k = (kind.key)(&x);
                let n = seen.entry(k.clone()).or_default();
                *n += 1;
                ((k, *n), x)
            })
            .collect()
    };
    let value = |x: &L| {
        let mut x = x.clone();
        (kind.set_id)(&mut x, 0);
        x
    };
    let same = |x: &L, y: &L| value(x) == value(y);
    let mut ids: HashMap<(From, u32), u32> = HashMap::new();
    let b: HashMap<(K, usize), L> = keyed(b).into_iter().collect();
    let t_list = keyed(t);
    let t_map: HashMap<(K, usize), L> = t_list.iter().cloned().collect();
    let mut main = Vec::new();
    let mut side = Vec::new();
    // The other side's links still to be numbered: (record, link); None is the lists.
    let mut later: Vec<(Option<usize>, L, Option<u32>)> = Vec::new();
    let conflict = |out: &mut Out, ours_id: Option<u32>, theirs: Option<L>, what: String| {
        let home = theirs.as_ref().and_then(|t| {
            let (m, e) = (kind.refs)(t);
            out.home(&m, &e)
        });
        match home {
            Some(r) => {
                out.records[r].ours.extend(ours_id.map(&kind.any));
                r
            }
            None => out.record(what, ours_id.map(&kind.any).into_iter().collect()),
        }
    };
    let o_keys: std::collections::HashSet<(K, usize)> =
        keyed(o.clone()).into_iter().map(|(k, _)| k).collect();
    for (k, o) in keyed(o) {
        let oid = (kind.id)(&o);
        let (bb, tt) = (b.get(&k), t_map.get(&k));
        for (from, x) in [(From::Base, bb), (From::Theirs, tt), (From::Ours, Some(&o))] {
            if let Some(x) = x {
                ids.insert((from, (kind.id)(x)), oid);
            }
        }
        match (bb, tt) {
            (bb, Some(t)) => {
                let agreed = match bb {
                    Some(bb) => {
                        same(t, bb) || same(&o, t) || {
                            if same(&o, bb) {
                                let mut t = t.clone();
                                (kind.set_id)(&mut t, oid);
                                main.push(t);
                                continue;
                            }
                            false
                        }
                    }
                    None => same(&o, t),
                };
                if !agreed {
                    let mut t = t.clone();
                    (kind.set_id)(&mut t, oid);
                    let r = conflict(out, Some(oid), Some(t.clone()), (kind.what)(&o, &t));
                    side.push((r, t));
                }
                main.push(o);
            }
            (Some(bb), None) => {
                let (m, e) = (kind.refs)(&o);
                if same(&o, bb) && out.disputed(&m, &e) {
                    // Gone there with what it names, which stays here: it stays too.
                    main.push(o);
                } else if !same(&o, bb) {
                    conflict(
                        out,
                        Some(oid),
                        None,
                        format!(
                            "{} was deleted there and changed here",
                            (kind.what_gone)(&o)
                        ),
                    );
                    main.push(o);
                }
            }
            (None, None) => main.push(o),
        }
    }
    for (k, t) in t_list {
        if o_keys.contains(&k) {
            continue;
        }
        match b.get(&k) {
            Some(bb) if same(&t, bb) => {
                // Gone here with what it names, which the other side kept and changed:
                // it goes back with it when the other side's version is taken.
                let (m, e) = (kind.refs)(&t);
                if let Some(r) = out.home(&m, &e) {
                    later.push((Some(r), t, Some((kind.id)(bb))));
                }
            }
            Some(bb) => {
                let r = conflict(
                    out,
                    None,
                    Some(t.clone()),
                    format!(
                        "{} was deleted here and changed there",
                        (kind.what_gone)(&t)
                    ),
                );
                later.push((Some(r), t, Some((kind.id)(bb))));
            }
            None => {
                let (m, e) = (kind.refs)(&t);
                later.push((out.home(&m, &e), t, None));
            }
        }
    }
    let mut alloc = Alloc::new(main.iter().map(&kind.id), top_id);
    for (r, mut t, from_base) in later {
        let id = alloc.give((kind.id)(&t));
        ids.insert((From::Theirs, (kind.id)(&t)), id);
        if let Some(bid) = from_base {
            ids.insert((From::Base, bid), id);
        }
        (kind.set_id)(&mut t, id);
        match r {
            Some(r) => side.push((r, t)),
            None => main.push(t),
        }
    }
    // A link that went names nothing: notes on it go with it.
    let alive: std::collections::HashSet<u32> = main
        .iter()
        .chain(side.iter().map(|(_, x)| x))
        .map(&kind.id)
        .collect();
    ids.retain(|_, v| alive.contains(v));
    (main, side, ids)
}

fn agent_refs(a: Option<AgentV1>, m: &mut Vec<u32>) -> (Vec<u32>, Vec<u32>) {
    let mut e = Vec::new();
    match a {
        Some(AgentV1::Mention(x)) => m.push(x.0),
        Some(AgentV1::Entity(x)) => e.push(x.0),
        None => {}
    }
    (std::mem::take(m), e)
}

/// A stance's target as a key.
fn target_key(t: &TargetV1) -> (u8, u32, String) {
    match t {
        TargetV1::Mention(m) => (0, m.0, String::new()),
        TargetV1::Entity(e) => (1, e.0, String::new()),
        TargetV1::Text(s) => (2, 0, s.clone()),
    }
}

fn agent(a: AgentV1) -> String {
    match a {
        AgentV1::Mention(m) => m.to_string(),
        AgentV1::Entity(e) => e.to_string(),
    }
}

fn speaker(a: Option<AgentV1>) -> String {
    a.map_or_else(|| "no one named".to_owned(), agent)
}

fn target(t: &TargetV1) -> String {
    match t {
        TargetV1::Mention(m) => m.to_string(),
        TargetV1::Entity(e) => e.to_string(),
        TargetV1::Text(s) => format!("{s:?}"),
    }
}

fn mention(maps: &Maps, from: From, m: MentionIdV1) -> Option<MentionIdV1> {
    maps.m.get(from, m.0).map(MentionIdV1)
}

fn map_agent(maps: &Maps, from: From, a: AgentV1) -> Option<AgentV1> {
    match a {
        AgentV1::Mention(m) => mention(maps, from, m).map(AgentV1::Mention),
        AgentV1::Entity(e) => maps
            .e
            .get(from, e.0)
            .map(|e| AgentV1::Entity(EntityIdV1(e))),
    }
}

/// A link in the merged numbering; `None` when what it needs is gone (as deleting the
/// mention would have taken it in glossator).
fn attribution(a: &AttributionV2, from: From, maps: &Maps) -> Option<AttributionV2> {
    let mut claims = std::iter::once(a.claim)
        .chain(a.more.iter().copied())
        .filter_map(|m| mention(maps, from, m));
    let claim = claims.next()?;
    let speaker = match a.speaker {
        Some(s) => Some(map_agent(maps, from, s)?),
        None => None,
    };
    Some(AttributionV2 {
        id: a.id,
        claim,
        more: claims.collect(),
        speaker,
        cue: a.cue.and_then(|c| mention(maps, from, c)),
    })
}

fn sourcing(s: &SourcingV1, from: From, maps: &Maps) -> Option<SourcingV1> {
    Some(SourcingV1 {
        id: s.id,
        claim: mention(maps, from, s.claim)?,
        source: map_agent(maps, from, s.source)?,
        specificity: s.specificity,
    })
}

fn stance(s: &StanceV1, from: From, maps: &Maps) -> Option<StanceV1> {
    Some(StanceV1 {
        id: s.id,
        holder: map_agent(maps, from, s.holder)?,
        target: match &s.target {
            TargetV1::Mention(m) => TargetV1::Mention(mention(maps, from, *m)?),
            TargetV1::Entity(e) => TargetV1::Entity(EntityIdV1(maps.e.get(from, e.0)?)),
            TargetV1::Text(t) => TargetV1::Text(t.clone()),
        },
        polarity: s.polarity.clone(),
    })
}

fn note(n: &NoteV1, from: From, maps: &Maps, links: &LinkIds) -> Option<NoteV1> {
    let on = match n.on {
        None => None,
        Some(AnyIdV1::Mention(m)) => Some(AnyIdV1::Mention(mention(maps, from, m)?)),
        Some(AnyIdV1::Entity(e)) => Some(AnyIdV1::Entity(EntityIdV1(maps.e.get(from, e.0)?))),
        Some(AnyIdV1::Attribution(a)) => Some(AnyIdV1::Attribution(AttributionIdV1(
            *links.a.get(&(from, a.0))?,
        ))),
        Some(AnyIdV1::Sourcing(s)) => {
            Some(AnyIdV1::Sourcing(SourcingIdV1(*links.s.get(&(from, s.0))?)))
        }
        Some(AnyIdV1::Stance(s)) => Some(AnyIdV1::Stance(StanceIdV1(*links.st.get(&(from, s.0))?))),
    };
    Some(NoteV1 {
        id: n.id,
        on,
        text: n.text.clone(),
    })
}
