//! The TUI's state and its `update`: actions change the state and may ask for effects
//! (saving); nothing here draws or does I/O, so every transition can be tested without a
//! terminal.

mod choices;
mod conflicts;
mod disk;
mod document;
mod edit;
mod find;
mod form;
mod history;
mod links;
mod motion;
mod objects;
mod pane;
mod parts;
mod rank;
mod suggest;
mod triage;

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::effect::Effect;
use super::keymap::{KeyCombo, Keymap};
use super::look::Look;
use super::mode::Mode;
use super::rows::{Row, RowPos, Rows};
use crate::model::{Annotations, Mention, MentionId};
use crate::schema::Schema;
use crate::text::Article;

pub use document::Document;
pub use edit::SaveState;
pub use links::Flow;
pub use pane::Focus;
pub use parts::{ArticleView, Overlays, Panes, Search, Viewport};

/// Everything the screen shows and the keys act on, in parts named for what they hold:
/// the document (annotations, index, undo), the article pane's view, the panes beside it,
/// the search, the overlays over them and the file session.
#[derive(Debug)]
pub struct App {
    /// The article, its annotations with their index and undo history.
    pub doc: Document,
    pub schema: Schema,
    pub keymap: Keymap,
    pub look: Look,
    /// Which part has the keys.
    pub mode: Mode,
    /// A message for the status bar.
    pub message: Option<String>,
    pub quit: bool,
    /// The article pane: cursor, selection, scroll and wrapping.
    pub view: ArticleView,
    /// The annotation and entity panes, and the mention being built.
    pub panes: Panes,
    pub search: Search,
    /// What is open over the article: a picker, a form, help, a review.
    pub overlays: Overlays,
    /// The annotation file's session.
    pub on_disk: OnDisk,
}

/// The annotation file: its store session, whether the work is in it, the save under way,
/// and the questions the session raised that wait for the user.
#[derive(Debug)]
pub struct OnDisk {
    /// The one door to the file: lock, stamp, journal, backup, conflict and recovery copies.
    pub session: crate::store::Session,
    pub save_state: SaveState,
    /// The document's revision the file holds (as it was read, or last written): any other
    /// revision is work that is not in the file, whichever change made it.
    pub(crate) written: u64,
    /// The last save's failure in full, for the quit question.
    pub failure: Option<crate::store::session::Failed>,
    /// Quit once the pending save succeeds.
    quit_after_save: bool,
    /// How the session ended when the work is not in the file.
    exit: Option<Exit>,
    /// Work from the journal of a session that never saved it, waiting for the user's
    /// answer, with when it was written (seconds since the epoch).
    pub recovery: Option<(Annotations, u64)>,
    /// The file was written after that journal: restoring would replace a change made since.
    pub recovery_behind: bool,
    /// Copies of earlier sessions' work (conflict or recovery copies), offered one by one.
    pub earlier: Vec<Offer>,
    /// A path being typed to save the work to instead (after a save failed on quit).
    pub save_as: Option<String>,
    /// The word being typed to confirm quitting without saving.
    pub drop_word: Option<String>,
    /// The save under way beside the loop, if one is.
    pub saving: Option<crate::tui::saving::Saving>,
    /// Another save was asked for while one was under way: it follows.
    pub save_queued: bool,
}

/// How a session ended with its work not in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// The user chose to quit without saving.
    Dropped,
    /// Saved to this other path, the file could not be written.
    SavedAs(PathBuf),
}

/// A copy of earlier work, read and compared with the file when it was opened.
#[derive(Debug)]
pub struct Offer {
    pub earlier: crate::store::session::Earlier,
    /// The copy's annotations, or why they cannot be read.
    pub annotations: Result<Annotations, String>,
    /// How it differs from the file, in a line.
    pub summary: String,
}

impl App {
    pub fn new(
        article: Article,
        annotations: Annotations,
        schema: Schema,
        keymap: Keymap,
        file: PathBuf,
        on_disk: bool,
    ) -> Self {
        let cursor = article.paragraphs.first().map_or(0, |p| p.start);
        Self {
            doc: Document::new(article, annotations),
            schema,
            keymap,
            look: Look::default(),
            mode: Mode::Reading,
            message: None,
            quit: false,
            view: ArticleView::at(cursor),
            panes: Panes::default(),
            search: Search::default(),
            overlays: Overlays::default(),
            on_disk: OnDisk {
                session: crate::store::Session::detached(file),
                save_state: if on_disk {
                    SaveState::Saved
                } else {
                    SaveState::New
                },
                written: 0,
                failure: None,
                quit_after_save: false,
                exit: None,
                recovery: None,
                recovery_behind: false,
                earlier: Vec::new(),
                save_as: None,
                drop_word: None,
                saving: None,
                save_queued: false,
            },
        }
    }

    /// Where the annotations are saved.
    pub fn file(&self) -> &std::path::Path {
        self.on_disk.session.file()
    }

    /// The innermost mention over byte `at`, found by position.
    pub fn mention_at(&self, at: usize) -> Option<MentionId> {
        self.doc.mention_at(at)
    }

    /// The mentions with a part inside `range`, found by position.
    pub fn mentions_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Mention> {
        self.doc.mentions_in(range)
    }

    /// The mention with `id`, without a scan.
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.doc.mention(id)
    }

    /// Words for annotations, with the index for fast lookups.
    pub fn describe(&self) -> super::describe::Describe<'_> {
        self.doc.describe()
    }

    /// Starts wrapping afresh when the article pane's width changed, keeps the cursor on
    /// screen and wraps what the screen shows.
    pub fn set_viewport(&mut self, v: Viewport) {
        self.view.viewport = v;
        let width = v.text_width.max(1);
        if width != self.view.rows.width || self.view.rows.is_empty() {
            // The first character on screen stays the first on screen.
            let first = self.view.rows.row(self.view.top).and_then(|r| match r {
                Row::Text { line, .. } => Some(line.range.start),
                Row::Gap => None,
            });
            self.view.rows = Rows::new(self.doc.article(), width);
            let p = self
                .view
                .top
                .paragraph
                .min(self.doc.article().paragraphs.len().saturating_sub(1));
            self.view.top = match first {
                Some(at) if !self.doc.article().paragraphs.is_empty() => {
                    self.view.rows.pos_of(self.doc.article(), p, at)
                }
                _ => RowPos {
                    paragraph: p,
                    line: 0,
                },
            };
        }
        self.view.page = v.text_height.max(1);
        self.clamp_top();
        self.follow_cursor();
        if self.view.center.take().is_some() && !self.view.rows.is_empty() {
            let row = self.cursor_row();
            self.view.top =
                self.view
                    .rows
                    .offset(self.doc.article(), row, -(self.page_isize() / 2));
            self.clamp_top();
        }
        self.view
            .rows
            .ensure(self.doc.article(), self.view.top, self.view.page);
    }

    /// Opens at byte `at` (a mention's start, from review, compare or curation): the cursor
    /// there, the mention selected, its row in the middle of the screen.
    pub fn open_at(&mut self, at: usize) {
        self.view.cursor = at;
        self.panes.selected = self.mention_at(at);
        self.view.center = Some(at);
    }

    /// No empty space below the last row while there is text above the top.
    pub(super) fn clamp_top(&mut self) {
        if self.view.rows.is_empty() {
            return;
        }
        let last = self.view.rows.last(self.doc.article());
        let bottom =
            self.view
                .rows
                .offset(self.doc.article(), self.view.top, self.page_isize() - 1);
        if bottom == last {
            let highest = self
                .view
                .rows
                .offset(self.doc.article(), last, 1 - self.page_isize());
            self.view.top = self.view.top.min(highest);
        }
    }

    pub(super) fn page_isize(&self) -> isize {
        isize::try_from(self.view.page).unwrap_or(isize::MAX)
    }

    /// `pos` moved by `by` rows.
    pub fn row_offset(&mut self, pos: RowPos, by: isize) -> RowPos {
        self.view.rows.offset(self.doc.article(), pos, by)
    }

    /// The rows on screen, from the top (call `set_viewport` first so they are wrapped).
    pub fn visible_rows(&self) -> Vec<(RowPos, Row)> {
        self.view.rows.visible(self.view.top, self.view.page)
    }

    /// Whether the cursor's row is on screen.
    pub fn cursor_on_screen(&self) -> bool {
        let p = self.current_paragraph();
        self.visible_rows().iter().any(|(_, r)| {
            matches!(r, Row::Text { paragraph, line } if *paragraph == p
                && line.range.start <= self.view.cursor
                && (self.view.cursor < line.range.end || line.range.end == self.doc.article().paragraphs[p].end))
        })
    }

    /// The action a key means in the current mode, if any.
    pub fn action_for(&self, key: KeyCombo) -> Option<Action> {
        self.keymap.action(self.mode, key)
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let said = self.message.take();
        if action.edits()
            && let Some(why) = self.on_disk.session.view_only()
        {
            self.message = Some(format!(
                "view only ({why}): {} changes nothing here",
                action.description()
            ));
            return Vec::new();
        }
        let depth = self.doc.undo_depth();
        let effects = match self.mode {
            Mode::Reading => self.update_reading(action),
            Mode::Pane => self.update_pane(action),
            Mode::Form => self.update_form(action),
            Mode::Conflicts => self.update_conflicts(action),
            Mode::Help => {
                self.update_help(action);
                Vec::new()
            }
            Mode::Object => self.update_object(action),
            // The others answer keys themselves (`text_key`), never actions.
            _ => Vec::new(),
        };
        self.forget_missing();
        self.name_new_step(depth);
        // The help shows whole what the status bar may have cut.
        if self.mode == Mode::Help && action == Action::Help && self.message.is_none() {
            self.message = said;
        }
        effects
    }

    /// Whether keys are typed text now (a picker's filter, a search, a form's text field)
    /// rather than looked up in the keymap.
    pub fn takes_text(&self) -> bool {
        self.mode.takes_keys_itself()
            || self
                .overlays
                .form
                .as_ref()
                .is_some_and(|f| f.editing.is_some())
    }

    /// Refuses a command: says why and enters `Mode::Refused`, from which Enter or Esc goes
    /// back to where the command was given. Nothing was changed.
    pub(crate) fn refuse(&mut self, why: impl Into<String>) {
        self.message = Some(why.into());
        if self.mode != Mode::Refused {
            self.overlays.after_refusal = match self.mode {
                // A refusal inside a list goes back to where the list was opened from.
                Mode::Picker => self
                    .overlays
                    .picking
                    .as_ref()
                    .map_or(Mode::Reading, |p| p.back),
                Mode::Search | Mode::Help => Mode::Reading,
                other => other,
            };
            if self.mode == Mode::Picker {
                self.overlays.picking = None;
            }
        }
        self.mode = Mode::Refused;
    }

    /// A key while a refusal is shown: Enter and Esc dismiss it, typed characters do
    /// nothing, any other key dismisses it and does what it does.
    fn refused_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        use crossterm::event::{KeyCode, KeyModifiers};
        let back = self.overlays.after_refusal;
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Enter | KeyCode::Esc => {
                self.mode = back;
                self.message = None;
                Vec::new()
            }
            KeyCode::Char(_) | KeyCode::Backspace if plain => Vec::new(),
            _ => {
                self.mode = back;
                self.message = None;
                if self.takes_text() {
                    return self.text_key(key);
                }
                match self.action_for(KeyCombo::from_event(key)) {
                    Some(action) => self.update(action),
                    None => Vec::new(),
                }
            }
        }
    }

    /// A key while typing text.
    pub fn text_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.mode == Mode::Refused {
            return self.refused_key(key);
        }
        self.message = None;
        let depth = self.doc.undo_depth();
        let effects = match self.mode {
            Mode::Picker => self.picker_key(key),
            Mode::Search => self.search_key(key),
            Mode::Recover => self.recovery_key(key),
            Mode::Triage => self.triage_key(key),
            Mode::Changed => self.changed_key(key),
            Mode::Earlier => self.earlier_key(key),
            Mode::QuitFailed => self.quit_failed_key(key),
            _ => self.form_text_key(key),
        };
        self.forget_missing();
        self.name_new_step(depth);
        self.follow_cursor();
        effects
    }

    /// Drops references to annotations an edit or undo removed.
    fn forget_missing(&mut self) {
        if self
            .panes
            .selected
            .is_some_and(|m| self.mention(m).is_none())
        {
            self.panes.selected = None;
        }
        // A merge or a deletion can take the entity pane's last row.
        self.panes.entity_index = self
            .panes
            .entity_index
            .min(self.doc.annotations().entities.len().saturating_sub(1));
    }

    /// The mention the cursor is on, else the selected one.
    pub fn current_mention(&self) -> Option<MentionId> {
        self.mention_at(self.view.cursor).or(self.panes.selected)
    }

    /// The claim a link command means from `on`: `on` itself, or, from a cue or speaker
    /// of an attribution, the claim they belong to.
    pub(crate) fn claim_for(&self, on: Option<MentionId>) -> Option<MentionId> {
        let id = on?;
        let m = self.mention(id)?;
        if self.schema.links.attribution.claim.contains(&m.label) {
            return Some(id);
        }
        if let Some(a) = self
            .doc
            .annotations()
            .attributions
            .iter()
            .find(|a| a.cue == Some(id) || a.speaker == Some(crate::model::Agent::Mention(id)))
        {
            return Some(a.claim);
        }
        // A cue or speaker of no attribution yet: the nearest claim of its paragraph that
        // has none either.
        let rule = &self.schema.links.attribution;
        if !(rule.cue.contains(&m.label) || rule.speaker.contains(&m.label)) {
            return Some(id);
        }
        let para = self.doc.article().paragraph_at(m.extent().start);
        let attributed = |c: MentionId| {
            self.doc
                .annotations()
                .attributions
                .iter()
                .any(|a| a.has_claim(c))
        };
        self.nearest(id, &rule.claim)
            .into_iter()
            .find(|&c| {
                !attributed(c)
                    && self
                        .mention(c)
                        .is_some_and(|c| self.doc.article().paragraph_at(c.extent().start) == para)
            })
            .or(Some(id))
    }

    /// Where a stance starts from `on`: a holder or a target as it is, a cue's claim.
    fn stance_from(&self, on: Option<MentionId>) -> Option<MentionId> {
        let rule = &self.schema.links.stance;
        let label = on.and_then(|m| self.mention(m)).map(|m| m.label.clone())?;
        if rule.holder.contains(&label) || rule.target.contains(&label) {
            on
        } else {
            self.claim_for(on)
        }
    }

    fn update_reading(&mut self, action: Action) -> Vec<Effect> {
        let vertical = matches!(
            action,
            Action::CursorUp | Action::CursorDown | Action::PageUp | Action::PageDown
        );
        if !vertical {
            self.view.goal_column = None;
        }
        let page = isize::try_from(self.view.page.saturating_sub(1).max(1)).unwrap_or(1);
        let effects = match action {
            Action::FocusNext | Action::FocusPrev => {
                self.cycle_focus(action == Action::FocusNext);
                Vec::new()
            }
            Action::AddFragment => self.add_fragment(),
            Action::Resize => self.resize(),
            Action::ToggleSnap => {
                self.view.snap = !self.view.snap;
                self.message = Some(if self.view.snap {
                    "selections snap to whole words".into()
                } else {
                    "selections follow single characters".into()
                });
                Vec::new()
            }
            Action::OpenDetail => self.open_form_on_cursor(),
            Action::Attribute => self.start_attribution(self.claim_for(self.current_mention())),
            Action::Source => self.start_sourcing(self.claim_for(self.current_mention())),
            Action::Stance => self.start_stance(self.stance_from(self.current_mention())),
            Action::Entity => self.start_entity(self.current_mention()),
            Action::Search => {
                self.start_search();
                Vec::new()
            }
            Action::SearchNext => self.search_again(true),
            Action::SearchPrev => self.search_again(false),
            Action::NextAnnotation => self.moved(|a| a.jump_annotation(true)),
            Action::PrevAnnotation => self.moved(|a| a.jump_annotation(false)),
            Action::NextUnannotated => self.moved(Self::next_unannotated),
            Action::CursorLeft => self.moved(Self::move_left),
            Action::CursorRight => self.moved(Self::move_right),
            Action::CursorUp => self.moved(|a| a.move_rows(-1)),
            Action::CursorDown => self.moved(|a| a.move_rows(1)),
            Action::PageUp => self.moved(|a| a.move_rows(-page)),
            Action::PageDown => self.moved(|a| a.move_rows(page)),
            Action::NextWord => self.moved(Self::next_word),
            Action::PrevWord => self.moved(Self::prev_word),
            Action::NextParagraph => self.moved(Self::next_paragraph),
            Action::PrevParagraph => self.moved(Self::prev_paragraph),
            Action::GoStart => self.moved(Self::go_start),
            Action::GoEnd => self.moved(Self::go_end),
            Action::SelectInside => self.start_object(objects::Reach::Inside),
            Action::SelectAround => self.start_object(objects::Reach::Around),
            Action::NextOfLabel => self.moved(|a| a.jump_label(true)),
            Action::PrevOfLabel => self.moved(|a| a.jump_label(false)),
            Action::ToggleSelection => {
                self.view.anchor = match self.view.anchor {
                    Some(_) => None,
                    None => Some(self.view.cursor),
                };
                Vec::new()
            }
            Action::Label(n) => self.label(n),
            Action::Delete => self.delete(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => self.request_save(),
            Action::Help => {
                self.mode = Mode::Help;
                self.overlays.help_top = 0;
                Vec::new()
            }
            Action::Quit => self.request_quit(),
            Action::Cancel => {
                self.view.anchor = None;
                self.search.found = None;
                Vec::new()
            }
            Action::Status => self.pick_status(),
            Action::AcceptSuggestion => self.accept_suggestion(),
            Action::RejectSuggestion => self.reject_suggestion(),
            Action::KeepSpeaker => self.keep_speaker(),
            Action::AcceptParagraph => self.accept_paragraph(),
            Action::NextSuggestion => self.next_suggestion(),
            Action::RunSuggestions => self.run_rules(),
            Action::Merge | Action::EditField | Action::NextValue | Action::PrevValue => {
                self.refuse(format!(
                    "{}: only in the entity pane or the form",
                    action.description()
                ));
                Vec::new()
            }
            Action::TakeOurs | Action::TakeTheirs | Action::TakeBoth => self.reopen_conflicts(),
            // The keys of text objects, lists and questions mean nothing here.
            _ => Vec::new(),
        };
        self.follow_cursor();
        effects
    }

    /// A conflict key while reading: back to the conflicts a merge left, if any are.
    fn reopen_conflicts(&mut self) -> Vec<Effect> {
        self.start_conflicts();
        if self.mode != Mode::Conflicts {
            self.refuse("no conflict of a merge is left in this file");
        }
        Vec::new()
    }

    /// Starts typing a search; from a pane, the article takes the focus to show the match.
    pub(super) fn start_search(&mut self) {
        if self.panes.focus != Focus::Article {
            self.panes.focus = Focus::Article;
        }
        self.mode = Mode::Search;
        self.search.input = Some(String::new());
    }

    fn moved(&mut self, motion: impl FnOnce(&mut Self)) -> Vec<Effect> {
        motion(self);
        Vec::new()
    }

    fn update_object(&mut self, action: Action) -> Vec<Effect> {
        use objects::Object;
        let object = match action {
            Action::ObjectQuote => Object::Quote,
            Action::ObjectSentence => Object::Sentence,
            Action::ObjectClause => Object::Clause,
            Action::ObjectPunctuation => Object::Punctuation,
            Action::Cancel => {
                self.mode = Mode::Reading;
                return Vec::new();
            }
            _ => {
                self.object_unbound();
                return Vec::new();
            }
        };
        let effects = self.select_object(object);
        self.follow_cursor();
        effects
    }

    fn update_help(&mut self, action: Action) {
        match action {
            Action::Help | Action::Cancel | Action::Quit => {
                self.mode = if self.overlays.conflict_review.open {
                    Mode::Conflicts
                } else if self.overlays.form.is_some() {
                    Mode::Form
                } else if self.panes.focus == Focus::Article {
                    Mode::Reading
                } else {
                    Mode::Pane
                };
            }
            Action::CursorDown => self.overlays.help_top += 1,
            Action::CursorUp => self.overlays.help_top = self.overlays.help_top.saturating_sub(1),
            _ => {}
        }
    }
}
