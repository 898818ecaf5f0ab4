//! What keys mean now.

/// The input context; each has its own section in the keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Reading,
    Help,
}
