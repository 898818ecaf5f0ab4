//! The detail form: every field of one annotation, the schema's values offered for each
//! (left / right cycles), text fields and notes typed in a text area. Changes show at once;
//! closing the form makes them one undo step.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::{App, Flow};
use crate::model::{AnyId, Specificity, Target};
use crate::tui::action::Action;
use crate::tui::describe::{clip, sanitize_line};
use crate::tui::effect::Effect;
use crate::tui::form::{Field, Form};
use crate::tui::mode::Mode;
use crate::tui::picker::{Choice, Pick, Picker};

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
        match self.mention_at(self.view.cursor).or(self.panes.selected) {
            Some(m) => {
                // Chosen: what `+` and `r` act on from now.
                self.panes.selected = Some(m);
                self.open_form(AnyId::Mention(m));
            }
            None => self.refuse("put the cursor on an annotation to edit it"),
        }
        Vec::new()
    }

    pub(super) fn open_form(&mut self, target: AnyId) {
        self.doc.begin_group();
        self.overlays.form = Some(Form {
            target,
            index: 0,
            editing: None,
            back: self.mode,
        });
        self.mode = Mode::Form;
    }

    /// The fields of the annotation the form is on, in order.
    pub fn form_fields(&self) -> Vec<Field> {
        let Some(form) = &self.overlays.form else {
            return Vec::new();
        };
        let a = self.doc.annotations();
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
        let Some(form) = &self.overlays.form else {
            return String::new();
        };
        let a = self.doc.annotations();
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
        let Some(form) = self.overlays.form.as_mut() else {
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
                    if let Some(form) = self.overlays.form.as_mut() {
                        form.editing = Some(area);
                    }
                } else {
                    self.pick_field_value(field);
                }
            }
            Action::Save => return self.request_save(),
            Action::Help => {
                self.mode = Mode::Help;
                self.overlays.help_top = 0;
            }
            Action::Cancel | Action::Quit => return self.close_form(),
            _ => {}
        }
        Vec::new()
    }

    /// Closes the form; what it changed becomes one undo step.
    fn close_form(&mut self) -> Vec<Effect> {
        let Some(form) = self.overlays.form.take() else {
            return Vec::new();
        };
        self.mode = form.back;
        let message = format!("{} edited", form.target);
        if !self.doc.end_group() {
            return Vec::new();
        }
        self.commit(message)
    }

    /// A key while typing in a text field: Esc ends it (and Enter, but for notes, where it
    /// starts a new line); everything else edits.
    pub(super) fn form_text_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let fields = self.form_fields();
        let Some(form) = self.overlays.form.as_mut() else {
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
        let Some(area) = form.editing.as_mut() else {
            return Vec::new();
        };
        // Ctrl-a selects the whole field, so what is typed next replaces it.
        if key.code == KeyCode::Char('a') && key.modifiers.contains(KeyModifiers::CONTROL) {
            area.select_all();
        } else {
            area.input(key);
        }
        self.overlays.typed += 1;
        // A one-line field shows in the panes as it is typed (a name, a kb id, a topic);
        // closing the form still makes one undo step of it all.
        if !field.is_multiline() {
            let text = area.lines().join(" ");
            let target = form.target;
            if !text.trim().is_empty() {
                let _ = self
                    .doc
                    .edit(|a| Self::apply_text(a, target, &field, &text));
            }
        }
        Vec::new()
    }

    fn set_text(&mut self, field: &Field, text: &str) {
        let Some(target) = self.overlays.form.as_ref().map(|f| f.target) else {
            return;
        };
        if let Err(why) = self.doc.edit(|a| Self::apply_text(a, target, field, text)) {
            self.message = Some(why.to_owned());
        }
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
        let typed = self.overlays.form.as_mut().and_then(|form| {
            let area = form.editing.take()?;
            let field = fields.get(form.index).cloned()?;
            Some((field, area.into_lines().join("\n")))
        });
        if let Some((field, text)) = typed {
            self.set_text(&field, &text);
        }
        self.close_form();
    }

    /// The values a choice field can take, in the schema's order; none for a text field.
    pub fn field_choices(&self, field: &Field) -> Vec<Choice> {
        let values = |vs: &[String]| -> Vec<Choice> {
            vs.iter()
                .map(|v| Choice::new(v.clone(), "", Pick::Value(v.clone())))
                .collect()
        };
        match field {
            Field::Label => self
                .schema
                .labels
                .iter()
                .map(|l| {
                    Choice::new(
                        l.name.clone(),
                        clip(&l.guideline, 50),
                        Pick::Value(l.name.clone()),
                    )
                })
                .collect(),
            Field::Entity => {
                let mut c = vec![Choice::new("(none)", "no entity", Pick::Nothing)];
                c.extend(self.doc.annotations().entities.iter().map(|e| {
                    Choice::new(
                        sanitize_line(&e.name),
                        format!("{} · {}", e.id, e.kind),
                        Pick::Entity(e.id),
                    )
                }));
                c
            }
            Field::Attr(name) => {
                let mut c = vec![Choice::new("(not set)", "", Pick::Nothing)];
                if let Some(at) = self.schema.attributes.iter().find(|a| &a.name == name) {
                    c.extend(values(&at.values));
                }
                c
            }
            Field::Kind => values(&self.schema.entity_kinds),
            Field::Named => values(&["yes".to_owned(), "no".to_owned()]),
            Field::Polarity => values(&self.schema.polarities),
            Field::Specificity => [
                ("(not set)", None),
                ("named", Some(Specificity::Named)),
                ("unnamed", Some(Specificity::Unnamed)),
                ("vague", Some(Specificity::Vague)),
            ]
            .into_iter()
            .map(|(t, s)| Choice::new(t, "", Pick::Specificity(s)))
            .collect(),
            Field::Name | Field::Kb | Field::Topic | Field::Note => Vec::new(),
        }
    }

    /// The choice a field holds now, as one of `field_choices`.
    fn current_choice(&self, field: &Field) -> Option<Pick> {
        let target = self.overlays.form.as_ref()?.target;
        let a = self.doc.annotations();
        let mention = match target {
            AnyId::Mention(m) => self.mention(m),
            _ => None,
        };
        Some(match field {
            Field::Label => Pick::Value(mention?.label.clone()),
            Field::Entity => mention?.entity.map_or(Pick::Nothing, Pick::Entity),
            Field::Attr(name) => mention?
                .attrs
                .get(name)
                .map_or(Pick::Nothing, |v| Pick::Value(v.clone())),
            Field::Specificity => Pick::Specificity(
                a.sourcings
                    .iter()
                    .find(|s| AnyId::Sourcing(s.id) == target)?
                    .specificity,
            ),
            Field::Kind | Field::Named | Field::Polarity => Pick::Value(self.field_value(field)),
            Field::Name | Field::Kb | Field::Topic | Field::Note => return None,
        })
    }

    /// Opens the list of a choice field's values, the current one highlighted.
    fn pick_field_value(&mut self, field: Field) {
        let choices = self.field_choices(&field);
        let current = self.current_choice(&field);
        let index = choices
            .iter()
            .position(|c| Some(&c.pick) == current.as_ref())
            .unwrap_or(0);
        let mut picker = Picker::new(
            format!("{} of {}", field.name(), self.form_target()),
            choices,
        );
        picker.index = index;
        self.open_picker(picker, Flow::FieldValue(field));
        if let Some(p) = self.overlays.picking.as_mut() {
            p.back = Mode::Form;
        }
    }

    fn form_target(&self) -> String {
        self.overlays
            .form
            .as_ref()
            .map(|f| f.target.to_string())
            .unwrap_or_default()
    }

    /// The next or previous allowed value of a choice field.
    fn cycle(&mut self, field: &Field, forward: bool) {
        let picks: Vec<Pick> = self
            .field_choices(field)
            .into_iter()
            .map(|c| c.pick)
            .collect();
        if picks.is_empty() {
            self.message = Some(format!(
                "press {} to type this field",
                self.keymap.hint(Mode::Form, Action::EditField)
            ));
            return;
        }
        let current = self.current_choice(field).unwrap_or(Pick::Nothing);
        if let Some(next) = step(&picks, &current, forward) {
            self.set_choice(field, next);
        }
    }

    /// Gives a choice field of the form's annotation the value `pick`.
    pub(super) fn set_choice(&mut self, field: &Field, pick: Pick) {
        let Some(target) = self.overlays.form.as_ref().map(|f| f.target) else {
            return;
        };
        let (schema, message) = (&self.schema, &mut self.message);
        self.doc.edit(|a| match (field, target, pick) {
            (Field::Label, AnyId::Mention(m), Pick::Value(next)) => {
                if let Err(problem) = schema.relabel(a, m, &next) {
                    // The form stays open: the keys that follow only move or pick again.
                    *message = Some(format!("cannot be {next}: {problem}"));
                }
            }
            (Field::Entity, AnyId::Mention(m), pick) => {
                if let Some(m) = a.mention_mut(m) {
                    m.entity = match pick {
                        Pick::Entity(e) => Some(e),
                        _ => None,
                    };
                }
            }
            (Field::Attr(name), AnyId::Mention(m), pick) => {
                if let Some(m) = a.mention_mut(m) {
                    match pick {
                        Pick::Value(v) => m.attrs.insert(name.clone(), v),
                        _ => m.attrs.remove(name),
                    };
                }
            }
            (Field::Kind, AnyId::Entity(e), Pick::Value(kind)) => {
                if let Some(e) = a.entity_mut(e) {
                    e.kind = kind;
                }
            }
            (Field::Named, AnyId::Entity(e), Pick::Value(v)) => {
                if let Some(e) = a.entity_mut(e) {
                    e.named = v == "yes";
                }
            }
            (Field::Polarity, AnyId::Stance(id), Pick::Value(p)) => {
                if let Some(s) = a.stances.iter_mut().find(|s| s.id == id) {
                    s.polarity = p;
                }
            }
            (Field::Specificity, AnyId::Sourcing(id), Pick::Specificity(sp)) => {
                if let Some(s) = a.sourcings.iter_mut().find(|s| s.id == id) {
                    s.specificity = sp;
                }
            }
            _ => *message = Some("press enter to type this field".into()),
        });
        self.overlays.typed += 1;
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
