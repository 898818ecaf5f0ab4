//! What one side did to the base's mentions and entities beyond leaving them: changed them,
//! or added or changed something that names them. Deleting an item the other side touched
//! so is a conflict; deleting one it left alone is not.

use std::collections::{HashMap, HashSet};

use crate::store::{AgentV1, AnyIdV1, Current, TargetV1};

/// Base ids one side touched.
#[derive(Debug, Default)]
pub struct Touched {
    pub m: HashSet<u32>,
    pub e: HashSet<u32>,
}

impl Touched {
    fn agent(&mut self, a: AgentV1) {
        match a {
            AgentV1::Mention(m) => self.m.insert(m.0),
            AgentV1::Entity(e) => self.e.insert(e.0),
        };
    }
}

/// Compared by id with the base: an item equal to the base's of the same id is left alone.
fn unchanged<T: PartialEq>(base: &HashMap<u32, &T>, id: u32, x: &T) -> bool {
    base.get(&id).is_some_and(|b| *b == x)
}

fn index<T>(items: &[T], id: impl Fn(&T) -> u32) -> HashMap<u32, &T> {
    items.iter().map(|x| (id(x), x)).collect()
}

pub fn touched(base: &Current, side: &Current) -> Touched {
    let mut t = Touched::default();
    let bm = index(&base.mentions, |m| m.id.0);
    for m in &side.mentions {
        if !unchanged(&bm, m.id.0, m) {
            t.m.insert(m.id.0);
            if let Some(e) = m.entity {
                t.e.insert(e.0);
            }
        }
    }
    let be = index(&base.entities, |e| e.id.0);
    for e in &side.entities {
        if !unchanged(&be, e.id.0, e) {
            t.e.insert(e.id.0);
        }
    }
    let ba = index(&base.attributions, |a| a.id.0);
    for a in side
        .attributions
        .iter()
        .filter(|a| !unchanged(&ba, a.id.0, a))
    {
        for m in std::iter::once(a.claim)
            .chain(a.more.iter().copied())
            .chain(a.cue)
        {
            t.m.insert(m.0);
        }
        if let Some(s) = a.speaker {
            t.agent(s);
        }
    }
    let bs = index(&base.sourcings, |s| s.id.0);
    for s in side.sourcings.iter().filter(|s| !unchanged(&bs, s.id.0, s)) {
        t.m.insert(s.claim.0);
        t.agent(s.source);
    }
    let bst = index(&base.stances, |s| s.id.0);
    for s in side.stances.iter().filter(|s| !unchanged(&bst, s.id.0, s)) {
        t.agent(s.holder);
        match s.target {
            TargetV1::Mention(m) => {
                t.m.insert(m.0);
            }
            TargetV1::Entity(e) => {
                t.e.insert(e.0);
            }
            TargetV1::Text(_) => {}
        }
    }
    let bn = index(&base.notes, |n| n.id.0);
    for n in side.notes.iter().filter(|n| !unchanged(&bn, n.id.0, n)) {
        match n.on {
            Some(AnyIdV1::Mention(m)) => {
                t.m.insert(m.0);
            }
            Some(AnyIdV1::Entity(e)) => {
                t.e.insert(e.0);
            }
            _ => {}
        }
    }
    t
}
