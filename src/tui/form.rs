//! The detail form's state: which annotation, which field, and the text being typed.
//! What the fields are and how they change lives with the app (`app/form.rs`).

use ratatui_textarea::TextArea;

use super::mode::Mode;
use crate::model::AnyId;

/// One row of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Label,
    Entity,
    /// A schema attribute, by name.
    Attr(String),
    Name,
    Kind,
    Kb,
    Named,
    Polarity,
    Specificity,
    /// The free-text target of a stance.
    Topic,
    Note,
}

impl Field {
    pub fn name(&self) -> String {
        match self {
            Self::Label => "label".into(),
            Self::Entity => "entity".into(),
            Self::Attr(a) => a.clone(),
            Self::Name => "name".into(),
            Self::Kind => "kind".into(),
            Self::Kb => "kb id".into(),
            Self::Named => "named".into(),
            Self::Polarity => "polarity".into(),
            Self::Specificity => "specificity".into(),
            Self::Topic => "topic".into(),
            Self::Note => "note".into(),
        }
    }

    /// Typed rather than picked.
    pub fn is_text(&self) -> bool {
        matches!(self, Self::Name | Self::Kb | Self::Topic | Self::Note)
    }

    /// Takes several lines.
    pub fn is_multiline(&self) -> bool {
        matches!(self, Self::Note)
    }
}

pub struct Form {
    pub target: AnyId,
    pub index: usize,
    /// The text field being typed in, when one is.
    pub editing: Option<TextArea<'static>>,
    /// Where focus goes back to. (The document groups the form's edits from its opening:
    /// closing it makes one undo step of them all.)
    pub back: Mode,
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form")
            .field("target", &self.target)
            .field("index", &self.index)
            .field("editing", &self.editing.as_ref().map(TextArea::lines))
            .finish_non_exhaustive()
    }
}
