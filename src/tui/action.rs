//! What the user means, independent of the key that said it. The keymap file names these in
//! snake_case; each description feeds the help screen.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    CursorLeft,
    CursorRight,
    CursorUp,
    CursorDown,
    NextWord,
    PrevWord,
    NextParagraph,
    PrevParagraph,
    PageDown,
    PageUp,
    GoStart,
    GoEnd,
    ToggleSelection,
    /// The schema's n-th label, 1-based.
    Label(u8),
    FocusNext,
    OpenDetail,
    Attribute,
    Delete,
    Undo,
    Redo,
    Search,
    SearchNext,
    SearchPrev,
    Save,
    Help,
    Quit,
    Cancel,
}

impl Action {
    /// One line for the help screen.
    pub fn description(self) -> String {
        match self {
            Self::CursorLeft => "move left".into(),
            Self::CursorRight => "move right".into(),
            Self::CursorUp => "move up a line".into(),
            Self::CursorDown => "move down a line".into(),
            Self::NextWord => "next word".into(),
            Self::PrevWord => "previous word".into(),
            Self::NextParagraph => "next paragraph".into(),
            Self::PrevParagraph => "previous paragraph".into(),
            Self::PageDown => "page down".into(),
            Self::PageUp => "page up".into(),
            Self::GoStart => "start of the article".into(),
            Self::GoEnd => "end of the article".into(),
            Self::ToggleSelection => "start / stop a selection".into(),
            Self::Label(n) => format!("label the selection with label {n}"),
            Self::FocusNext => "switch between article and annotations".into(),
            Self::OpenDetail => "edit the selected annotation".into(),
            Self::Attribute => "attribute the claim to a speaker".into(),
            Self::Delete => "delete the selected annotation".into(),
            Self::Undo => "undo".into(),
            Self::Redo => "redo".into(),
            Self::Search => "search".into(),
            Self::SearchNext => "next match".into(),
            Self::SearchPrev => "previous match".into(),
            Self::Save => "save now".into(),
            Self::Help => "help".into(),
            Self::Quit => "quit (saves first)".into(),
            Self::Cancel => "cancel / close".into(),
        }
    }
}
