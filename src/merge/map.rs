//! Where each side's ids land in the merged file, and new ids for the other side's items
//! that clash with this side's.

use std::collections::{HashMap, HashSet};

/// One kind's ids: base, ours and theirs id -> merged id, for the items that are still
/// somewhere in the result (the lists or a conflict record). An id with no entry is gone.
#[derive(Debug, Default)]
pub struct Ids {
    pub base: HashMap<u32, u32>,
    pub ours: HashMap<u32, u32>,
    pub theirs: HashMap<u32, u32>,
}

/// Which side a list came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum From {
    Base,
    Ours,
    Theirs,
}

impl Ids {
    pub fn side(&self, from: From) -> &HashMap<u32, u32> {
        match from {
            From::Base => &self.base,
            From::Ours => &self.ours,
            From::Theirs => &self.theirs,
        }
    }

    pub fn get(&self, from: From, id: u32) -> Option<u32> {
        self.side(from).get(&id).copied()
    }
}

/// Hands out merged ids: an item keeps its own number when no other item has it, else
/// takes one above every number the three files use.
#[derive(Debug)]
pub struct Alloc {
    taken: HashSet<u32>,
    next: u32,
}

impl Alloc {
    /// `taken`: this side's numbers already in the result; `top`: the largest number of
    /// the kind in any of the three files.
    pub fn new(taken: impl IntoIterator<Item = u32>, top: u32) -> Self {
        Self {
            taken: taken.into_iter().collect(),
            next: top,
        }
    }

    /// `wanted` if free, else a new number; either way taken from now on.
    pub fn give(&mut self, wanted: u32) -> u32 {
        let id = if self.taken.contains(&wanted) {
            self.next += 1;
            while self.taken.contains(&self.next) {
                self.next += 1;
            }
            self.next
        } else {
            wanted
        };
        self.taken.insert(id);
        id
    }
}

/// The largest number among `ids`.
pub fn top(ids: impl IntoIterator<Item = u32>) -> u32 {
    ids.into_iter().max().unwrap_or(0)
}
