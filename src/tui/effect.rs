//! I/O that `update` asks the loop to carry out; its outcome comes back to the app.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the annotations to their file.
    Save,
    /// Save, then hand the terminal back to the shell until the user resumes (`Ctrl-z`).
    Suspend,
    /// Write the annotations to this other path instead (the real file cannot be saved).
    SaveAs(std::path::PathBuf),
    /// Load the annotation file as another program left it; ours stays in its conflict copy.
    Reload,
    /// Keep the journal's unsaved work aside (`…journal~`): the user declined it.
    SetAsideJournal,
    /// Keep the first offered copy of earlier work aside (`…~`): the user chose.
    SetAsideEarlier,
}
