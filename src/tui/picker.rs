//! A filterable list to pick one thing from: a speaker, a cue, an entity, a polarity.
//! Typing filters (case-insensitive, every word must appear); the keymap's picker section
//! moves, picks and cancels (arrows, Enter, Esc by default). The first entry is the
//! suggestion, so Enter alone takes it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::model::{Agent, EntityId, MentionId, Specificity, Target};

/// What an entry stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Agent(Agent),
    Target(Target),
    Mention(MentionId),
    Entity(EntityId),
    /// A new entity named after the text.
    NewEntity(String),
    Value(String),
    Specificity(Option<Specificity>),
    /// Leave the optional part out (no cue, no speaker).
    Nothing,
    /// Join an existing attribution (as its further content).
    Attribution(crate::model::AttributionId),
    /// The filter text itself, where the picker allows it.
    Typed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub text: String,
    /// Shown dimmed after the text: a kind, a distance, a count.
    pub hint: String,
    pub pick: Pick,
}

impl Choice {
    pub fn new(text: impl Into<String>, hint: impl Into<String>, pick: Pick) -> Self {
        Self {
            text: text.into(),
            hint: hint.into(),
            pick,
        }
    }
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Picked(Pick),
    Cancelled,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub choices: Vec<Choice>,
    pub filter: String,
    /// Index into `visible()`.
    pub index: usize,
    /// When set, typed text can itself be picked, as this kind of thing ("topic").
    pub free_text: Option<String>,
}

impl Picker {
    pub fn new(title: impl Into<String>, choices: Vec<Choice>) -> Self {
        Self {
            title: title.into(),
            choices,
            filter: String::new(),
            index: 0,
            free_text: None,
        }
    }

    #[must_use]
    pub fn with_free_text(mut self, kind: &str) -> Self {
        self.free_text = Some(kind.to_owned());
        self
    }

    /// The entries that match the filter, in their order, then the typed text itself when
    /// free text is allowed.
    pub fn visible(&self) -> Vec<Choice> {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let typed_new = self.free_text.is_some() && !self.filter.trim().is_empty();
        let mut out: Vec<Choice> = self
            .choices
            .iter()
            // Once a name is typed, the typed name stands for "new".
            .filter(|c| !(typed_new && matches!(c.pick, Pick::NewEntity(_))))
            .filter(|c| {
                let hay = format!("{} {}", c.text, c.hint).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .cloned()
            .collect();
        if let Some(kind) = &self.free_text {
            let typed = self.filter.trim();
            if !typed.is_empty() {
                out.push(Choice::new(
                    format!("{kind}: {typed}"),
                    "as typed",
                    Pick::Typed(typed.to_owned()),
                ));
            }
        }
        out
    }

    /// What a key of the keymap's picker section does: pick, cancel, move, clear.
    pub fn act(&mut self, action: Action) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Cancelled,
            Action::Pick => {
                return self
                    .visible()
                    .into_iter()
                    .nth(self.index)
                    .map_or(Outcome::Open, |c| Outcome::Picked(c.pick));
            }
            Action::CursorDown => self.index += 1,
            Action::CursorUp => self.index = self.index.saturating_sub(1),
            Action::PageDown => self.index += 10,
            Action::PageUp => self.index = self.index.saturating_sub(10),
            Action::ClearFilter => {
                self.filter.clear();
                self.index = 0;
            }
            _ => {}
        }
        self.index = self.index.min(self.visible().len().saturating_sub(1));
        Outcome::Open
    }

    /// A key the keymap does not bind in lists: typed text for the filter.
    pub fn key(&mut self, key: KeyEvent) -> Outcome {
        // Alt-letters are not text: a late Esc arrives glued to the next key as Alt.
        let ctrl = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('c') if ctrl => return Outcome::Cancelled,
            KeyCode::Backspace => {
                self.filter.pop();
                self.index = 0;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.filter.push(c);
                self.index = 0;
            }
            _ => {}
        }
        self.index = self.index.min(self.visible().len().saturating_sub(1));
        Outcome::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(p: &mut Picker, code: KeyCode) -> Outcome {
        match code {
            KeyCode::Enter => p.act(Action::Pick),
            KeyCode::Esc => p.act(Action::Cancel),
            KeyCode::Down => p.act(Action::CursorDown),
            _ => p.key(KeyEvent::new(code, KeyModifiers::NONE)),
        }
    }

    #[test]
    fn typing_filters_and_enter_picks_the_highlighted_entry() {
        let mut p = Picker::new(
            "speaker",
            vec![
                Choice::new("Marziyeh Afkham", "Person", Pick::Value("a".into())),
                Choice::new("Hossein Jaberi Ansari", "Person", Pick::Value("b".into())),
                Choice::new("FNA", "Media", Pick::Value("c".into())),
            ],
        );
        assert_eq!(p.visible().len(), 3);
        for c in "ans".chars() {
            press(&mut p, KeyCode::Char(c));
        }
        assert_eq!(p.visible().len(), 1);
        assert_eq!(
            press(&mut p, KeyCode::Enter),
            Outcome::Picked(Pick::Value("b".into()))
        );
        press(&mut p, KeyCode::Backspace);
        press(&mut p, KeyCode::Backspace);
        press(&mut p, KeyCode::Backspace);
        press(&mut p, KeyCode::Down);
        press(&mut p, KeyCode::Down);
        press(&mut p, KeyCode::Down);
        assert_eq!(p.index, 2, "the highlight stops at the last entry");
        assert_eq!(press(&mut p, KeyCode::Esc), Outcome::Cancelled);
    }

    #[test]
    fn free_text_is_offered_after_the_matches() {
        let mut p = Picker::new("target", vec![]).with_free_text("topic");
        assert!(p.visible().is_empty());
        assert_eq!(press(&mut p, KeyCode::Enter), Outcome::Open);
        for c in "sanctions".chars() {
            press(&mut p, KeyCode::Char(c));
        }
        assert_eq!(
            press(&mut p, KeyCode::Enter),
            Outcome::Picked(Pick::Typed("sanctions".into()))
        );
    }
}
