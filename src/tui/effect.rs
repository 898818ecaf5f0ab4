//! I/O that `update` asks the loop to carry out; its outcome comes back to the app.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the annotations to their file.
    Save,
    /// Save, then hand the terminal back to the shell until the user resumes (`Ctrl-z`).
    Suspend,
}
