//! What keys mean now.

/// The input context. Reading, Pane, Form, Conflicts, Help and Object have their own section
/// in the keymap file; so do Picker and Search for what is not typed text (Enter, Esc,
/// arrows), and the Recover and Changed questions for their answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// The article has the focus.
    #[default]
    Reading,
    /// The annotation or entity pane has the focus.
    Pane,
    /// The detail form of one annotation.
    Form,
    /// A filterable list to pick from.
    Picker,
    /// Typing a search.
    Search,
    /// Unsaved work from a session that ended without saving was found: restore or not.
    Recover,
    /// The article changed; the spans found again by their quotes wait for review.
    Triage,
    /// A merge left conflict records: each is settled by taking one side or both.
    Conflicts,
    /// The annotation file changed on disk under us: reload theirs, or go on in a new file.
    Changed,
    /// Work of an earlier session is in a conflict or recovery copy: take it, or keep the file.
    Earlier,
    /// Quitting, the save failed: retry, save as another path, drop the work, or stay.
    QuitFailed,
    /// A command was refused and the status bar says why. Until Enter or Esc dismisses it,
    /// typed characters do nothing, so the keys meant for the list or field that did not
    /// open cannot act on the article; other keys (arrows, Tab...) dismiss it and act.
    Refused,
    Help,
    /// After the select-inside or select-around key: the next key names the text object.
    Object,
}

impl Mode {
    /// The modes whose keys are typed text or a question's answers, never the keymap's.
    pub fn takes_keys_itself(self) -> bool {
        matches!(
            self,
            Mode::Picker
                | Mode::Search
                | Mode::Recover
                | Mode::Triage
                | Mode::Changed
                | Mode::Earlier
                | Mode::QuitFailed
                | Mode::Refused
        )
    }

    /// The modes with a keymap section, in file order, with the section's name.
    pub const MAPPED: [(Mode, &'static str); 13] = [
        (Mode::Reading, "reading"),
        (Mode::Pane, "pane"),
        (Mode::Form, "form"),
        (Mode::Object, "object"),
        (Mode::Picker, "picker"),
        (Mode::Search, "search"),
        (Mode::Recover, "recover"),
        (Mode::Changed, "changed"),
        (Mode::Triage, "triage"),
        (Mode::Earlier, "earlier"),
        (Mode::QuitFailed, "quit_failed"),
        (Mode::Conflicts, "conflicts"),
        (Mode::Help, "help"),
    ];
}
