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
    FocusPrev,
    AddFragment,
    Resize,
    ToggleSnap,
    Entity,
    Source,
    Stance,
    NextAnnotation,
    PrevAnnotation,
    NextUnannotated,
    Merge,
    EditField,
    NextValue,
    PrevValue,
    /// The article's status, picked from a list.
    #[serde(alias = "cycle_status")]
    Status,
    AcceptSuggestion,
    RejectSuggestion,
    KeepSpeaker,
    AcceptParagraph,
    NextSuggestion,
    RunSuggestions,
    TakeOurs,
    TakeTheirs,
    TakeBoth,
    /// Prefix: the next key names a text object, selected without its marks.
    SelectInside,
    /// Prefix: the next key names a text object, selected with its marks.
    SelectAround,
    ObjectQuote,
    ObjectSentence,
    ObjectClause,
    ObjectPunctuation,
    /// The next mention of the label under the cursor (Claim elsewhere), past the mentions
    /// inside this one.
    NextOfLabel,
    PrevOfLabel,
    /// Take the highlighted entry of a list; find what a search typed.
    Pick,
    /// Empty a list's filter.
    ClearFilter,
    /// The annotation file changed on disk: load their version.
    Reload,
    /// The annotation file changed on disk: go on with this work in a new file.
    KeepMine,
    /// Unsaved work of a session that ended was found: restore it.
    Restore,
    /// Unsaved work of a session that ended was found: set it aside.
    SetAside,
    /// Reviewing a changed article: show the span's next possible place.
    NextPlace,
    /// Reviewing a changed article: select the span's new place in the text.
    SelectPlace,
    /// Reviewing a changed article: select it, starting the selection at once.
    SelectPlaceNow,
    /// Reviewing a changed article: accept every relocated span.
    AcceptRelocated,
    /// Work of an earlier session in a copy: take it.
    TakeCopy,
    /// Work of an earlier session in a copy: keep the file as it is.
    KeepFile,
    /// The save failed on quitting: try again.
    Retry,
    /// The save failed on quitting: save to another path.
    SaveElsewhere,
    /// The save failed on quitting: quit without the changes (typing "drop").
    DropWork,
}

impl Action {
    /// Whether the action changes the annotations (refused in a view-only session).
    pub fn edits(self) -> bool {
        matches!(
            self,
            Self::Label(_)
                | Self::OpenDetail
                | Self::Attribute
                | Self::Delete
                | Self::Undo
                | Self::Redo
                | Self::AddFragment
                | Self::Resize
                | Self::Entity
                | Self::Source
                | Self::Stance
                | Self::Merge
                | Self::EditField
                | Self::NextValue
                | Self::PrevValue
                | Self::Status
                | Self::AcceptSuggestion
                | Self::RejectSuggestion
                | Self::KeepSpeaker
                | Self::AcceptParagraph
                | Self::RunSuggestions
                | Self::TakeOurs
                | Self::TakeTheirs
                | Self::TakeBoth
        )
    }

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
            Self::FocusNext => "focus: article, annotations, entities".into(),
            Self::OpenDetail => "edit the selected annotation".into(),
            Self::Attribute => "attribute the claim to a speaker".into(),
            Self::Delete => "delete the selected annotation".into(),
            Self::Undo => "undo".into(),
            Self::AcceptSuggestion => {
                "accept the suggestion under the cursor and go to the next".into()
            }
            Self::RejectSuggestion => {
                "reject the suggestion under the cursor and go to the next".into()
            }
            Self::KeepSpeaker => {
                "reject the suggestion under the cursor but keep its speaker (or source)".into()
            }
            Self::AcceptParagraph => "accept every suggestion in the paragraph".into(),
            Self::NextSuggestion => "next suggestion".into(),
            Self::RunSuggestions => "suggest attributions by rule".into(),
            Self::Redo => "redo".into(),
            Self::Search => "search".into(),
            Self::SearchNext => "next match".into(),
            Self::SearchPrev => "previous match".into(),
            Self::Save => "save now".into(),
            Self::Help => "help".into(),
            Self::Quit => "quit (saves first)".into(),
            Self::Cancel => "cancel / close".into(),
            Self::FocusPrev => "switch focus backwards".into(),
            Self::AddFragment => "add the selection as a fragment of the selected mention".into(),
            Self::Resize => "give the selected mention the selection's bounds".into(),
            Self::ToggleSnap => "selection snaps to words / to characters".into(),
            Self::Entity => "link the speaker or source to an entity".into(),
            Self::Source => "link the claim to its source".into(),
            Self::Stance => "add a stance: holder, target, polarity".into(),
            Self::NextAnnotation => "next annotation".into(),
            Self::PrevAnnotation => "previous annotation".into(),
            Self::NextUnannotated => "next paragraph without annotations".into(),
            Self::Merge => "merge this entity into another".into(),
            Self::EditField => "edit the field (text) or pick its value".into(),
            Self::NextValue => "next value".into(),
            Self::PrevValue => "previous value".into(),
            Self::TakeOurs => "settle the conflict with this side's version".into(),
            Self::TakeTheirs => "settle the conflict with the other side's version".into(),
            Self::TakeBoth => "settle the conflict keeping both versions".into(),
            Self::Status => "the article's status: todo, in-progress, done, reviewed".into(),
            Self::SelectInside => "select inside: then a text object".into(),
            Self::SelectAround => "select around (with its marks): then a text object".into(),
            Self::ObjectQuote => "the quotation here (or the next one)".into(),
            Self::ObjectSentence => "the sentence".into(),
            Self::ObjectClause => "the clause after the cue (that ... to the end)".into(),
            Self::ObjectPunctuation => "from the word to the next punctuation".into(),
            Self::NextOfLabel => "next of this label (Claim), past those inside".into(),
            Self::PrevOfLabel => "previous of this label (Claim)".into(),
            Self::Pick => "pick the entry / find what is typed".into(),
            Self::ClearFilter => "clear the filter".into(),
            Self::Reload => "load their version of the changed file".into(),
            Self::KeepMine => "go on with this work in a new file".into(),
            Self::Restore => "restore the unsaved work".into(),
            Self::SetAside => "set the unsaved work aside".into(),
            Self::NextPlace => "show the span's next possible place".into(),
            Self::SelectPlace => "select the span's new place in the text".into(),
            Self::SelectPlaceNow => "select its new place, the selection started".into(),
            Self::AcceptRelocated => "accept the spans found relocated".into(),
            Self::TakeCopy => "take the copy's work".into(),
            Self::KeepFile => "keep the file as it is".into(),
            Self::Retry => "try saving again".into(),
            Self::SaveElsewhere => "save the work to another path".into(),
            Self::DropWork => "quit and drop the changes (you type drop)".into(),
        }
    }
}
