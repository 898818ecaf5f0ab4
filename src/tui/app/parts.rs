//! The parts of the editor's state beside the document: what the article pane shows and
//! where, the panes beside it, the search, and what is open over them. Each holds only
//! positions and choices of the screen; the annotations are the document's alone.

use super::conflicts::ConflictReview;
use super::find::Compiled;
use super::links::Picking;
use super::objects::Reach;
use super::pane::Focus;
use super::triage::Triage;
use crate::model::{MentionId, Span};
use crate::tui::form::Form;
use crate::tui::mode::Mode;
use crate::tui::rows::{RowPos, Rows};

/// The article pane: the cursor, the selection, the scroll and the wrapped rows.
#[derive(Debug)]
pub struct ArticleView {
    /// Byte offset of the cursor: a grapheme boundary inside a paragraph.
    pub cursor: usize,
    /// Where the selection started, while selecting.
    pub anchor: Option<usize>,
    /// The display column vertical moves try to keep.
    pub(super) goal_column: Option<usize>,
    /// First article row on screen.
    pub top: RowPos,
    /// Where to put the cursor's row in the middle of the screen once the screen's size is
    /// known (the byte it was opened at).
    pub(super) center: Option<usize>,
    pub rows: Rows,
    /// Article rows that fit on screen.
    pub page: usize,
    pub viewport: Viewport,
    /// Selections grow to whole words unless this is off.
    pub snap: bool,
    /// Where a mouse drag started.
    pub(super) drag_from: Option<usize>,
}

impl ArticleView {
    /// A view with the cursor at byte `cursor`, not yet wrapped.
    pub(super) fn at(cursor: usize) -> Self {
        Self {
            cursor,
            anchor: None,
            goal_column: None,
            top: RowPos::default(),
            center: None,
            rows: Rows::default(),
            page: 1,
            viewport: Viewport::default(),
            snap: true,
            drag_from: None,
        }
    }
}

/// Where the article pane is, given the whole terminal: the loop tells the app before each
/// frame so wrapping follows the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    pub text_width: usize,
    pub text_height: usize,
    /// The article pane's top-left cell on screen, for the mouse.
    pub text_x: u16,
    pub text_y: u16,
}

/// The annotation and entity panes: which part has the focus, their highlighted rows, and
/// the mention being built.
#[derive(Debug, Default)]
pub struct Panes {
    pub focus: Focus,
    /// The mention being built: the one last labelled or chosen (Enter on it, highlighted
    /// in the annotation pane, clicked). Fragments and new bounds go to it; the cursor
    /// passing over other mentions does not change it.
    pub selected: Option<MentionId>,
    /// Highlighted row of the annotation pane.
    pub annotation_index: usize,
    /// Highlighted row of the entity pane.
    pub entity_index: usize,
}

/// The search: what is being typed, the last one run and where it landed.
#[derive(Debug, Default)]
pub struct Search {
    /// The search being typed.
    pub input: Option<String>,
    pub last: Option<String>,
    /// The last search compiled, with its count of matches.
    pub(super) compiled: Option<Compiled>,
    /// The match the last search landed on.
    pub found: Option<Span>,
}

/// What is open over the article (a picker, a form, help, a refusal, a text object's
/// prefix, the reviews of re-anchored spans and of a merge's conflicts) and what they keep
/// between openings.
#[derive(Debug, Default)]
pub struct Overlays {
    pub picking: Option<Picking>,
    pub form: Option<Form>,
    /// First line of the help screen.
    pub help_top: usize,
    /// Where a refusal goes back to once dismissed (`Mode::Refused`).
    pub(super) after_refusal: Mode,
    /// Whether the text object prefix was "inside" or "around" (with the marks).
    pub(super) object_reach: Reach,
    /// The polarity last given to a stance, offered first the next time.
    pub(super) last_polarity: Option<String>,
    /// Keys typed into the form's fields, so the journal sees text before it is committed.
    pub(super) typed: u64,
    /// The review of the spans re-anchored after the article changed.
    pub triage: Triage,
    /// The review of the conflicts a merge left.
    pub conflict_review: ConflictReview,
}
