//! The merged file as it is built, and the conflict records it gathers.

use std::collections::{HashMap, HashSet};

use crate::store::{AnyIdV1, ConflictIdV3, ConflictV3, Current, MentionV1, SideV3};

/// The result under construction.
pub struct Out {
    pub file: Current,
    /// Records this merge writes, numbered when finished.
    pub records: Vec<ConflictV3>,
    /// Merged mention ids that are only in a record's other side, and which record.
    pub home_m: HashMap<u32, usize>,
    /// The same for entities.
    pub home_e: HashMap<u32, usize>,
    /// Mentions and entities kept here that the other side deleted (a conflict): the links
    /// to them that the other side lost with them stay here too.
    pub disputed: (HashSet<u32>, HashSet<u32>),
}

impl Out {
    /// `ours` without its annotations: the lists are filled by the merge.
    pub fn new(ours: &Current) -> Self {
        let file = Current {
            format: ours.format,
            article: ours.article.clone(),
            annotator: ours.annotator.clone(),
            status: ours.status,
            entities: Vec::new(),
            mentions: Vec::new(),
            attributions: Vec::new(),
            sourcings: Vec::new(),
            stances: Vec::new(),
            notes: Vec::new(),
            suggestions: Vec::new(),
            rejected: Vec::new(),
            conflicts: Vec::new(),
        };
        Self {
            file,
            records: Vec::new(),
            home_m: HashMap::new(),
            home_e: HashMap::new(),
            disputed: (HashSet::new(), HashSet::new()),
        }
    }

    /// A new record saying `what`, naming `ours` as this side's version.
    pub fn record(&mut self, what: String, ours: Vec<AnyIdV1>) -> usize {
        self.records.push(ConflictV3 {
            id: ConflictIdV3(0),
            what,
            ours,
            theirs: SideV3::default(),
        });
        self.records.len() - 1
    }

    /// The other side of record `i`.
    pub fn side(&mut self, i: usize) -> &mut SideV3 {
        &mut self.records[i].theirs
    }

    /// The record an item belongs in when it names one of `mentions` or `entities` that
    /// only a record holds.
    pub fn home(&self, mentions: &[u32], entities: &[u32]) -> Option<usize> {
        mentions
            .iter()
            .find_map(|m| self.home_m.get(m))
            .or_else(|| entities.iter().find_map(|e| self.home_e.get(e)))
            .copied()
    }

    /// Whether an item naming `mentions` and `entities` names one kept here against the
    /// other side's deletion.
    pub fn disputed(&self, mentions: &[u32], entities: &[u32]) -> bool {
        mentions.iter().any(|m| self.disputed.0.contains(m))
            || entities.iter().any(|e| self.disputed.1.contains(e))
    }

    /// Numbers the new records after the ones the inputs carried, sorts every list.
    pub fn finish(mut self, ours: &Current, theirs: &Current) -> super::Merged {
        let file = &mut self.file;
        // Records neither side settled yet stay, the other side's too.
        file.conflicts.clone_from(&ours.conflicts);
        for c in &theirs.conflicts {
            if !file.conflicts.contains(c) {
                file.conflicts.push(c.clone());
            }
        }
        let mut next = file.conflicts.iter().map(|c| c.id.0).max().unwrap_or(0);
        for c in &mut file.conflicts[ours.conflicts.len()..] {
            if ours.conflicts.iter().any(|o| o.id == c.id) {
                next += 1;
                c.id = ConflictIdV3(next);
            }
        }
        let count = self.records.len();
        for mut r in self.records {
            next += 1;
            r.id = ConflictIdV3(next);
            sort_side(&mut r.theirs);
            file.conflicts.push(r);
        }
        sort_mentions(&mut file.mentions);
        file.entities.sort_by_key(|e| e.id);
        file.attributions.sort_by_key(|a| a.id);
        file.sourcings.sort_by_key(|s| s.id);
        file.stances.sort_by_key(|s| s.id);
        file.notes.sort_by_key(|n| n.id);
        file.conflicts.sort_by_key(|c| c.id);
        super::Merged {
            file: self.file,
            conflicts: count,
        }
    }
}

/// The order glossator writes mentions in: by position, then label, then id.
pub fn sort_mentions(mentions: &mut [MentionV1]) {
    let extent = |m: &MentionV1| {
        let start = m.fragments.first().map_or(0, |f| f.start);
        (start, m.fragments.last().map_or(start, |f| f.end))
    };
    mentions.sort_by(|a, b| (extent(a), &a.label, a.id).cmp(&(extent(b), &b.label, b.id)));
}

fn sort_side(side: &mut SideV3) {
    sort_mentions(&mut side.mentions);
    side.entities.sort_by_key(|e| e.id);
    side.attributions.sort_by_key(|a| a.id);
    side.sourcings.sort_by_key(|s| s.id);
    side.stances.sort_by_key(|s| s.id);
    side.notes.sort_by_key(|n| n.id);
}
