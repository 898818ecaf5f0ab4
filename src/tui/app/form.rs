//! The detail form: every field of one annotation, the schema's values offered for each
//! (left / right cycles), text fields and notes typed in a text area. Changes show at once;
//! closing the form makes them one undo step.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::App;
use crate::model::{AnyId, Specificity, Target};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::form::{Field, Form};
use crate::tui::mode::Mode;

/// The value after (or before) `current` in `values`, wrapping; the first when `current`
/// is not among them.
fn step<T: PartialEq + Clone>(values: &[T], current: &T, forward: bool) -> Option<T> {
    if values.is_empty() {
        return None;
    }
    let n = values.len();
    let next = match values.iter().position(|v| v == current) {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None => 0,
    };
    values.get(next).cloned()
}

impl App {
    pub(super) fn open_form_on_cursor(&mut self) -> Vec<Effect> {
        match self.mention_at(self.cursor).or(self.selected) {
            Some(m) => self.open_form(AnyId::Mention(m)),
            None => self.refuse("put the cursor on an annotation to edit it"),
        }
        Vec::new()
    }

    pub(super) fn open_form(&mut self, target: AnyId) {
        self.form = Some(Form {
            target,
            index: 0,
            editing: None,
            before: self.annotations.clone(),
            back: self.mode,
        });
        self.mode = Mode::Form;
    }

    /// The fields of the annotation the form is on, in order.
    pub fn form_fields(&self) -> Vec<Field> {
        let Some(form) = &self.form else {
            return Vec::new();
        };
        let a = &self.annotations;
        let mut fields = match form.target {
            AnyId::Mention(id) => {
                let Some(m) = self.mention(id) else {
                    return Vec::new();
                };
                let mut f = vec![Field::Label];
                if self.schema.label(&m.label).is_some_and(|l| l.entity) {
                    f.push(Field::Entity);
                }
                f.extend(
                    self.schema
                        .attributes
                        .iter()
                        .filter(|at| at.labels.contains(&m.label))
                        .map(|at| Field::Attr(at.name.clone())),
                );
                f
            }
            AnyId::Entity(_) => vec![Field::Name, Field::Kind, Field::Kb, Field::Named],
            AnyId::Attribution(_) => Vec::new(),
            AnyId::Sourcing(_) => vec![Field::Specificity],
            AnyId::Stance(id) => {
                let mut f = vec![Field::Polarity];
                if a.stances
                    .iter()
                    .any(|s| s.id == id && matches!(s.target, Target::Text(_)))
                {
                    f.push(Field::Topic);
                }
                f
            }
        };
        fields.push(Field::Note);
        fields
    }

    /// A field's value as the form shows it.
    pub fn field_value(&self, field: &Field) -> String {
        let Some(form) = &self.form else {
            return String::new();
        };
        let a = &self.annotations;
        let target = form.target;
        let mention = match target {
            AnyId::Mention(m) => self.mention(m),
            _ => None,
        };
        let entity = match target {
            AnyId::Entity(e) => a.entity(e),
            _ => None,
        };
        let stance = a.stances.iter().find(|s| AnyId::Stance(s.id) == target);
        match field {
            Field::Label => mention.map(|m| m.label.clone()).unwrap_or_default(),
            Field::Entity => mention
                .and_then(|m| m.entity)
                .and_then(|e| a.entity(e))
                .map_or_else(|| "(none)".into(), |e| format!("{} {}", e.id, e.name)),
            Field::Attr(name) => mention
                .and_then(|m| m.attrs.get(name).cloned())
                .unwrap_or_else(|| "(not set)".into()),
            Field::Name => entity.map(|e| e.name.clone()).unwrap_or_default(),
            Field::Kind => entity.map(|e| e.kind.clone()).unwrap_or_default(),
            Field::Kb => entity.and_then(|e| e.kb.clone()).unwrap_or_default(),
            Field::Named => entity
                .map_or("", |e| if e.named { "yes" } else { "no" })
                .into(),
            Field::Polarity => stance.map(|s| s.polarity.clone()).unwrap_or_default(),
            Field::Topic => match stance.map(|s| &s.target) {
                Some(Target::Text(t)) => t.clone(),
                _ => String::new(),
            },
            Field::Specificity => a
                .sourcings
                .iter()
                .find(|s| AnyId::Sourcing(s.id) == target)
                .and_then(|s| s.specificity)
                .map_or_else(|| "(not set)".into(), |s| format!("{s:?}").to_lowercase()),
            Field::Note => a.note(Some(target)).unwrap_or_default().to_owned(),
        }
    }

    pub(super) fn update_form(&mut self, action: Action) -> Vec<Effect> {
        let fields = self.form_fields();
        let Some(form) = self.form.as_mut() else {
            self.mode = Mode::Reading;
            return Vec::new();
        };
        match action {
            Action::CursorDown => form.index = (form.index + 1).min(fields.len().saturating_sub(1)),
            Action::CursorUp => form.index = form.index.saturating_sub(1),
            Action::NextValue | Action::PrevValue => {
                if let Some(field) = fields.get(form.index) {
                    self.cycle(&field.clone(), action == Action::NextValue);
                }
            }
            Action::EditField => {
                let Some(field) = fields.get(form.index).cloned() else {
                    return Vec::new();
                };
                if field.is_text() {
                    let value = self.field_value(&field);
                    // Control characters from a file never reach the terminal.
                    let lines = value
                        .lines()
                        .map(crate::tui::describe::sanitize_line)
                        .collect();
                    let mut area = TextArea::new(lines);
                    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                    area.move_cursor(ratatui_textarea::CursorMove::End);
                    if let Some(form) = self.form.as_mut() {
                        form.editing = Some(area);
                    }
                } else {
                    self.cycle(&field, true);
                }
            }
            Action::Save => return self.request_save(),
            Action::Help => {
                self.mode = Mode::Help;
                self.help_top = 0;
            }
            Action::Cancel | Action::Quit => return self.close_form(),
            _ => {}
        }
        Vec::new()
    }

    /// Closes the form; what it changed becomes one undo step.
    fn close_form(&mut self) -> Vec<Effect> {
        let Some(form) = self.form.take() else {
            return Vec::new();
        };
        self.mode = form.back;
        let message = format!("{} edited", form.target);
        if form.before == self.annotations {
            return Vec::new();
        }
        self.commit(form.before, message)
    }

    /// A key while typing in a text field: Esc ends it (and Enter, but for notes, where it
    /// starts a new line); everything else edits.
    pub(super) fn form_text_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let fields = self.form_fields();
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        let Some(field) = fields.get(form.index).cloned() else {
            form.editing = None;
            return Vec::new();
        };
        let done = key.code == KeyCode::Esc
            || (key.code == KeyCode::Enter && !field.is_multiline())
            || (key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL));
        if done {
            let text = form
                .editing
                .take()
                .map(|area| area.into_lines().join("\n"))
                .unwrap_or_default();
            self.set_text(&field, &text);
            return Vec::new();
        }
        if let Some(area) = form.editing.as_mut() {
            area.input(key);
        }
        self.typed += 1;
        Vec::new()
    }

    fn set_text(&mut self, field: &Field, text: &str) {
        let Some(target) = self.form.as_ref().map(|f| f.target) else {
            return;
        };
        if let Err(why) = Self::apply_text(&mut self.annotations, target, field, text) {
            self.message = Some(why.to_owned());
        }
        self.reindex();
    }

    /// Puts typed `text` into `field` of `target`; says why not when it cannot go there.
    pub(super) fn apply_text(
        a: &mut crate::model::Annotations,
        target: AnyId,
        field: &Field,
        text: &str,
    ) -> Result<(), &'static str> {
        let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match (field, target) {
            (Field::Note, _) => a.set_note(Some(target), text.trim_end()),
            (Field::Name, AnyId::Entity(e)) if !one_line.is_empty() => {
                if let Some(e) = a.entity_mut(e) {
                    e.name = one_line;
                }
            }
            (Field::Name, _) => return Err("a name cannot be empty"),
            (Field::Kb, AnyId::Entity(e)) => {
                if let Some(e) = a.entity_mut(e) {
                    e.kb = Some(one_line).filter(|s| !s.is_empty());
                }
            }
            (Field::Topic, AnyId::Stance(id)) if !one_line.is_empty() => {
                if let Some(s) = a.stances.iter_mut().find(|s| s.id == id) {
                    s.target = Target::Text(one_line);
                }
            }
            (Field::Topic, _) => return Err("a topic cannot be empty"),
            _ => {}
        }
        Ok(())
    }

    /// Ends the typing (keeping what was typed) and closes the form as one undo step.
    pub(super) fn finish_form(&mut self) {
        let fields = self.form_fields();
        let typed = self.form.as_mut().and_then(|form| {
            let area = form.editing.take()?;
            let field = fields.get(form.index).cloned()?;
            Some((field, area.into_lines().join("\n")))
        });
        if let Some((field, text)) = typed {
            self.set_text(&field, &text);
        }
        self.close_form();
    }

    /// The next or previous allowed value of a choice field.
    fn cycle(&mut self, field: &Field, forward: bool) {
        let Some(target) = self.form.as_ref().map(|f| f.target) else {
            return;
        };
        let current = self.field_value(field);
        match (field, target) {
            (Field::Label, AnyId::Mention(m)) => {
                let names: Vec<String> =
                    self.schema.labels.iter().map(|l| l.name.clone()).collect();
                if let Some(next) = step(&names, &current, forward)
                    && let Err(problem) = self.schema.relabel(&mut self.annotations, m, &next)
                {
                    self.message = Some(format!("cannot be {next}: {problem}"));
                }
            }
            (Field::Entity, AnyId::Mention(m)) => {
                let mut ids: Vec<Option<crate::model::EntityId>> = vec![None];
                ids.extend(self.annotations.entities.iter().map(|e| Some(e.id)));
                let now = self.mention(m).and_then(|m| m.entity);
                let next = step(&ids, &now, forward).flatten();
                if let Some(m) = self.annotations.mention_mut(m) {
                    m.entity = next;
                }
            }
            (Field::Attr(name), AnyId::Mention(m)) => {
                let mut values = vec!["(not set)".to_owned()];
                if let Some(at) = self.schema.attributes.iter().find(|a| &a.name == name) {
                    values.extend(at.values.iter().cloned());
                }
                let next = step(&values, &current, forward);
                if let Some(m) = self.annotations.mention_mut(m) {
                    match next.filter(|v| v != "(not set)") {
                        Some(v) => m.attrs.insert(name.clone(), v),
                        None => m.attrs.remove(name),
                    };
                }
            }
            (Field::Kind, AnyId::Entity(e)) => {
                let next = step(&self.schema.entity_kinds, &current, forward);
                if let (Some(next), Some(e)) = (next, self.annotations.entity_mut(e)) {
                    e.kind = next;
                }
            }
            (Field::Named, AnyId::Entity(e)) => {
                if let Some(e) = self.annotations.entity_mut(e) {
                    e.named = !e.named;
                }
            }
            (Field::Polarity, AnyId::Stance(id)) => {
                let next = step(&self.schema.polarities, &current, forward);
                if let (Some(next), Some(s)) = (
                    next,
                    self.annotations.stances.iter_mut().find(|s| s.id == id),
                ) {
                    s.polarity = next;
                }
            }
            (Field::Specificity, AnyId::Sourcing(id)) => {
                let values = [
                    None,
                    Some(Specificity::Named),
                    Some(Specificity::Unnamed),
                    Some(Specificity::Vague),
                ];
                if let Some(s) = self.annotations.sourcings.iter_mut().find(|s| s.id == id) {
                    s.specificity = step(&values, &s.specificity, forward).flatten();
                }
            }
            _ => self.message = Some("press enter to type this field".into()),
        }
        self.typed += 1;
        self.reindex();
    }
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn values_cycle_both_ways_and_wrap() {
        let v = ["a", "b", "c"];
        assert_eq!(step(&v, &"c", true), Some("a"));
        assert_eq!(step(&v, &"a", false), Some("c"));
        assert_eq!(step(&v, &"z", true), Some("a"));
        assert_eq!(step::<&str>(&[], &"a", true), None);
    }
}
