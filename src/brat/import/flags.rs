//! Flag spans (PolNeAR's `Discard` and `Discuss`): they mark no text of their own but say
//! something about the annotations they cover, so each becomes a note.

use super::Converter;
use crate::model::{AnyId, MentionId, Note, NoteId};

impl Converter<'_> {
    /// Each flag as a note, `Discuss: “…”`, on the attributions whose contents lie inside
    /// its span, else on the article; a flag joins a note already there on a line of its own.
    pub(super) fn flag_notes(&mut self) {
        for (kind, extent, text) in std::mem::take(&mut self.flags) {
            let inside = |m: MentionId| {
                self.mention_ref(m).is_some_and(|m| {
                    let e = m.extent();
                    extent.start <= e.start && e.end <= extent.end
                })
            };
            let mut on: Vec<Option<AnyId>> = self
                .annotations
                .attributions
                .iter()
                .filter(|a| a.claims().any(inside))
                .map(|a| Some(AnyId::Attribution(a.id)))
                .collect();
            if on.is_empty() {
                on.push(None);
            }
            let words: String = if text.chars().count() > 80 {
                text.chars().take(79).chain(std::iter::once('…')).collect()
            } else {
                text.clone()
            };
            let line = format!("{kind}: “{words}”");
            for target in on {
                if let Some(n) = self.annotations.notes.iter_mut().find(|n| n.on == target) {
                    n.text.push('\n');
                    n.text.push_str(&line);
                } else {
                    let id =
                        NoteId(u32::try_from(self.annotations.notes.len() + 1).unwrap_or(u32::MAX));
                    self.annotations.notes.push(Note {
                        id,
                        on: target,
                        text: line.clone(),
                    });
                }
            }
            *self.report.imported.entry("flags as notes").or_default() += 1;
        }
    }
}
