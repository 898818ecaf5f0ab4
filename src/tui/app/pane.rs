//! The annotation pane (what the current paragraph holds: its mentions, then the links that
//! touch them) and the entity pane (every entity with its mention count). Tab moves the
//! focus article -> annotations -> entities -> article.

use super::App;
use crate::model::{Agent, AnyId, Target};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::mode::Mode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Article,
    Annotations,
    Entities,
}

impl App {
    pub(super) fn cycle_focus(&mut self, forward: bool) {
        use Focus::{Annotations, Article, Entities};
        self.panes.focus = match (self.panes.focus, forward) {
            (Article, true) | (Entities, false) => Annotations,
            (Annotations, true) | (Article, false) => Entities,
            (Entities, true) | (Annotations, false) => Article,
        };
        self.view.anchor = None;
        self.mode = if self.panes.focus == Article {
            Mode::Reading
        } else {
            Mode::Pane
        };
        if self.panes.focus == Annotations {
            // Start on the mention under the cursor, if there is one.
            let here = self.mention_at(self.view.cursor).map(AnyId::Mention);
            self.panes.annotation_index = self
                .pane_items()
                .iter()
                .position(|i| Some(*i) == here)
                .unwrap_or(0);
        }
    }

    /// What the annotation pane lists for the current paragraph: its mentions in text
    /// order, then the attributions, sourcings and stances that name one of them.
    pub fn pane_items(&self) -> Vec<AnyId> {
        let range = self
            .doc
            .article()
            .paragraphs
            .get(self.current_paragraph())
            .cloned()
            .unwrap_or(0..0);
        let here: Vec<crate::model::MentionId> = self.mentions_in(range).map(|m| m.id).collect();
        let mut items: Vec<AnyId> = here.iter().map(|m| AnyId::Mention(*m)).collect();
        if let Some(links) = self.doc.index().links_of(self.doc.annotations(), &here) {
            items.extend(links);
            return items;
        }
        // The index is out of date: walk the links.
        let is_here = |m: &crate::model::MentionId| here.contains(m);
        let agent_here = |a: &Agent| matches!(a, Agent::Mention(m) if is_here(m));
        let a = self.doc.annotations();
        items.extend(
            a.attributions
                .iter()
                .filter(|x| {
                    x.claims().any(|c| is_here(&c)) || x.speaker.as_ref().is_some_and(agent_here)
                })
                .map(|x| AnyId::Attribution(x.id)),
        );
        items.extend(
            a.sourcings
                .iter()
                .filter(|x| is_here(&x.claim) || agent_here(&x.source))
                .map(|x| AnyId::Sourcing(x.id)),
        );
        items.extend(
            a.stances
                .iter()
                .filter(|x| {
                    agent_here(&x.holder) || matches!(&x.target, Target::Mention(m) if is_here(m))
                })
                .map(|x| AnyId::Stance(x.id)),
        );
        items
    }

    /// The highlighted item of the focused pane.
    pub fn pane_item(&self) -> Option<AnyId> {
        match self.panes.focus {
            Focus::Article => None,
            Focus::Annotations => self.pane_items().get(self.panes.annotation_index).copied(),
            Focus::Entities => self
                .doc
                .annotations()
                .entities
                .get(self.panes.entity_index)
                .map(|e| AnyId::Entity(e.id)),
        }
    }

    /// The mention a pane item is about: itself, or a link's claim or holder.
    fn pane_mention(&self) -> Option<crate::model::MentionId> {
        let a = self.doc.annotations();
        match self.pane_item()? {
            AnyId::Mention(m) => Some(m),
            AnyId::Attribution(id) => a.attributions.iter().find(|x| x.id == id).map(|x| x.claim),
            AnyId::Sourcing(id) => a.sourcings.iter().find(|x| x.id == id).map(|x| x.claim),
            AnyId::Stance(id) => {
                a.stances
                    .iter()
                    .find(|x| x.id == id)
                    .and_then(|x| match x.holder {
                        Agent::Mention(m) => Some(m),
                        Agent::Entity(_) => None,
                    })
            }
            AnyId::Entity(_) => None,
        }
    }

    /// How many rows the focused pane has.
    fn pane_len(&self) -> usize {
        match self.panes.focus {
            Focus::Entities => self.doc.annotations().entities.len(),
            _ => self.pane_items().len(),
        }
    }

    /// The focused pane's highlighted row.
    fn pane_index_mut(&mut self) -> &mut usize {
        match self.panes.focus {
            Focus::Entities => &mut self.panes.entity_index,
            _ => &mut self.panes.annotation_index,
        }
    }

    pub(super) fn update_pane(&mut self, action: Action) -> Vec<Effect> {
        let len = self.pane_len();
        let index = self.pane_index_mut();
        match action {
            Action::CursorDown => *index = (*index + 1).min(len.saturating_sub(1)),
            Action::CursorUp => *index = index.saturating_sub(1),
            Action::FocusNext | Action::FocusPrev => {
                self.cycle_focus(action == Action::FocusNext);
            }
            Action::Cancel => {
                self.panes.focus = Focus::Annotations;
                self.cycle_focus(false);
            }
            Action::OpenDetail => {
                if let Some(item) = self.pane_item() {
                    self.open_form(item);
                }
            }
            Action::Delete => return self.delete_item(),
            Action::Merge => {
                if let Some(AnyId::Entity(e)) = self.pane_item() {
                    return self.start_merge(e);
                }
                let tab = self.key_for(Action::FocusNext);
                self.refuse(format!("merge works on the entity pane ({tab})"));
            }
            Action::Attribute => {
                return self.start_attribution(self.claim_for(self.pane_mention()));
            }
            Action::Source => return self.start_sourcing(self.claim_for(self.pane_mention())),
            Action::Stance => return self.start_stance(self.stance_from(self.pane_mention())),
            Action::Entity => return self.start_entity(self.pane_mention()),
            Action::Search => {
                self.start_search();
                return Vec::new();
            }
            Action::SearchNext | Action::SearchPrev => {
                self.panes.focus = Focus::Article;
                self.mode = Mode::Reading;
                return self.search_again(action == Action::SearchNext);
            }
            Action::Undo => return self.undo(),
            Action::Redo => return self.redo(),
            Action::Save => return self.request_save(),
            Action::Quit => return self.request_quit(),
            Action::Help => {
                self.mode = Mode::Help;
                self.overlays.help_top = 0;
            }
            _ => {}
        }
        if let Some(m) = self.pane_mention()
            && self.panes.focus == Focus::Annotations
            && let Some(mention) = self.mention(m)
            && !self.doc.article().paragraphs.is_empty()
            && self.doc.article().paragraph_at(mention.extent().start) == self.current_paragraph()
        {
            // The cursor follows the highlighted item inside the paragraph, so the article
            // shows what the pane is on.
            self.view.cursor = mention.extent().start;
            self.panes.selected = Some(m);
        }
        Vec::new()
    }

    fn delete_item(&mut self) -> Vec<Effect> {
        let Some(item) = self.pane_item() else {
            self.refuse("nothing highlighted to delete");
            return Vec::new();
        };
        self.doc.edit(|a| a.remove(item));
        let before = self.doc.before_step();
        let mut with = before
            .map(|b| super::edit::gone_with(b, self.doc.annotations()))
            .unwrap_or_default();
        if let (AnyId::Entity(e), Some(b)) = (item, before) {
            let n = b.mentions.iter().filter(|m| m.entity == Some(e)).count();
            if n > 0 {
                with = format!("{with}; {n} mention(s) no longer refer to it");
            }
        }
        let len = self.pane_len();
        let index = self.pane_index_mut();
        *index = (*index).min(len.saturating_sub(1));
        let u = self.keymap.hint(Mode::Pane, Action::Undo);
        self.changed(format!("{item} deleted{with} ({u} undoes)"))
    }
}
