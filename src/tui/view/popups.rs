//! What opens over the main screen: help, a picker, the detail form.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

use crate::model::AnyId;
use crate::schema::Schema;
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::describe::{clip, sanitize_line};
use crate::tui::form::Field;
use crate::tui::keymap::Keymap;
use crate::tui::mode::Mode;

/// A box `width` wide (at most the screen less a margin), `height` high, centred.
pub(crate) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width.saturating_sub(2)).max(1);
    let height = height.min(area.height.saturating_sub(2)).max(1);
    Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + (area.height.saturating_sub(height)) / 2,
        width,
        height,
    }
}

/// Keys that are typed rather than mapped, for the help screen.
const FIXED: [(&str, &str); 5] = [
    ("type", "filter a list / write a search or a field"),
    ("backspace", "take back a typed character"),
    (
        "enter esc",
        "finish a field (in a note, enter starts a new line)",
    ),
    (
        "enter esc",
        "dismiss a refusal (until then typed keys do nothing)",
    ),
    ("ctrl-c", "quit, saving first, from anywhere"),
];

pub fn help(app: &App, frame: &mut Frame) {
    let popup = centred(frame.area(), 72, frame.area().height);
    let mut rows: Vec<(String, String)> = Vec::new();
    for (mode, title) in [
        (Mode::Reading, "Article"),
        (
            Mode::Object,
            "Text objects (after the select inside / around key)",
        ),
        (Mode::Pane, "Annotation and entity panes (tab)"),
        (Mode::Form, "Detail form (enter)"),
        (Mode::Picker, "Lists to pick from"),
        (Mode::Search, "Search (/)"),
        (Mode::Recover, "Unsaved work found at start"),
        (Mode::Changed, "The file changed on disk"),
        (Mode::Triage, "Reviewing a changed article"),
        (Mode::Earlier, "Work of an earlier session found"),
        (Mode::QuitFailed, "Quitting, the save failed"),
        (
            Mode::Conflicts,
            "Conflicts a merge left (shown first on opening)",
        ),
    ] {
        rows.push((String::new(), format!("── {title}")));
        rows.extend(help_rows(&app.keymap, &app.schema, mode));
    }
    rows.push((String::new(), "── Lists, search and text fields".into()));
    rows.extend(
        FIXED
            .iter()
            .map(|(k, t)| ((*k).to_owned(), (*t).to_owned())),
    );
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let standing = match &app.on_disk.save_state {
        SaveState::Failed(reason) => Some(format!("not saved: {reason}")),
        SaveState::Conflict(path) => Some(format!(
            "the file changed on disk; your work is saved in {path}"
        )),
        _ => None,
    };
    let mut lines: Vec<Line> = app.message.clone().or(standing).map_or_else(Vec::new, |m| {
        crate::tui::fit::said_lines(&m, usize::from(popup.width).saturating_sub(4))
    });
    lines.extend(
        rows.into_iter()
            .skip(app.overlays.help_top)
            .map(|(keys, text)| {
                if keys.is_empty() {
                    return Line::styled(text, Style::default().add_modifier(Modifier::BOLD));
                }
                Line::from(vec![
                    Span::styled(
                        format!(" {keys:>key_width$}  "),
                        Style::default().add_modifier(Modifier::BOLD),
                    ),
                    Span::raw(text),
                ])
            }),
    );
    // The letters for scrolling when there are some ("j/k"), else the first keys.
    let scroll = |a| {
        let keys = app.keymap.keys_for(Mode::Help, a);
        keys.iter()
            .find(|k| k.to_string().chars().count() == 1)
            .or(keys.first())
            .map_or_else(|| "(unbound)".to_owned(), ToString::to_string)
    };
    let block = Block::bordered().title(format!(
        " Keys · {}/{} scroll · {} closes ",
        scroll(Action::CursorDown),
        scroll(Action::CursorUp),
        app.keymap.hint(Mode::Help, Action::Cancel)
    ));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// One help row per action, its keys joined, in keymap order: generated, never hand-written.
/// Label keys beyond the schema's labels are left out.
pub fn help_rows(keymap: &Keymap, schema: &Schema, mode: Mode) -> Vec<(String, String)> {
    let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
    for (key, action) in keymap.bindings(mode) {
        if let Action::Label(n) = action
            && (*n == 0 || usize::from(*n) > schema.labels.len())
        {
            continue;
        }
        match rows.iter_mut().find(|(a, _)| a == action) {
            Some((_, keys)) => keys.push(key.to_string()),
            None => rows.push((*action, vec![key.to_string()])),
        }
    }
    rows.into_iter()
        .map(|(action, keys)| {
            let text = match action {
                Action::Label(n) => format!(
                    "label the selection {}",
                    usize::from(n)
                        .checked_sub(1)
                        .and_then(|i| schema.labels.get(i))
                        .map_or("", |l| l.name.as_str())
                ),
                other => other.description(),
            };
            (keys.join(" "), text)
        })
        .collect()
}

pub fn picker(app: &App, frame: &mut Frame) {
    let Some(picking) = &app.overlays.picking else {
        return;
    };
    let p = &picking.picker;
    let visible = p.visible();
    let height = u16::try_from(visible.len().clamp(1, 14)).unwrap_or(14) + 4;
    let popup = centred(frame.area(), 70, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(format!(" {} ", sanitize_line(&p.title)));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let filter = Line::from(vec![
        Span::styled("› ", app.look.focus()),
        Span::raw(sanitize_line(&p.filter)),
        Span::styled("▏", app.look.dim()),
        Span::styled(
            format!(
                "  type to filter · {} picks · {} cancels",
                app.keymap.hint(Mode::Picker, Action::Pick),
                app.keymap.hint(Mode::Picker, Action::Cancel)
            ),
            app.look.dim(),
        ),
    ]);
    frame.render_widget(filter, Rect { height: 1, ..inner });
    let list_area = Rect {
        y: inner.y + 1,
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let width = usize::from(inner.width);
    let items: Vec<ListItem> = visible
        .iter()
        .map(|c| {
            let text = clip(&c.text, width.saturating_sub(4));
            let room = width.saturating_sub(text.chars().count() + 3);
            ListItem::new(Line::from(vec![
                Span::raw(format!(" {text} ")),
                Span::styled(clip(&c.hint, room), app.look.dim()),
            ]))
        })
        .collect();
    if items.is_empty() {
        frame.render_widget(
            Line::styled(" nothing matches; backspace widens", app.look.dim()),
            list_area,
        );
        return;
    }
    let mut state = ListState::default();
    state.select(Some(p.index));
    frame.render_stateful_widget(
        List::new(items).highlight_style(app.look.highlight()),
        list_area,
        &mut state,
    );
}

fn guideline(app: &App, target: AnyId, field: &Field) -> String {
    let label = match target {
        AnyId::Mention(m) => app.mention(m).map(|m| m.label.clone()),
        _ => None,
    };
    match field {
        Field::Label => label
            .and_then(|l| app.schema.label(&l).map(|l| l.guideline.clone()))
            .unwrap_or_default(),
        Field::Attr(name) => app
            .schema
            .attributes
            .iter()
            .find(|a| &a.name == name)
            .map(|a| a.guideline.clone())
            .unwrap_or_default(),
        Field::Entity => format!(
            "The person or body this mention refers to; {} picks from a list, {} / {} cycles.",
            app.keymap.hint(Mode::Form, Action::EditField),
            app.keymap.hint(Mode::Form, Action::PrevValue),
            app.keymap.hint(Mode::Form, Action::NextValue)
        ),
        Field::Kb => "A knowledge-base id such as wikidata:Q42.".into(),
        Field::Named => "no for unnamed groups: 'US defense officials', 'sources'.".into(),
        Field::Polarity => format!("One of: {}.", app.schema.polarities.join(", ")),
        Field::Specificity => "named, unnamed ('officials') or vague ('reports').".into(),
        Field::Note => "Free text; enter starts a new line, esc finishes.".into(),
        Field::Name | Field::Kind | Field::Topic => String::new(),
    }
}

pub fn form(app: &App, frame: &mut Frame) {
    let Some(form) = &app.overlays.form else {
        return;
    };
    let fields = app.form_fields();
    let editing = form.editing.as_ref();
    let edit_want: u16 = if editing.is_some() { 6 } else { 0 };
    let height = u16::try_from(fields.len()).unwrap_or(8) + 7 + edit_want;
    let popup = centred(frame.area(), 76, height);
    frame.render_widget(Clear, popup);
    let d = app.describe();
    let title = format!(
        " {} · {} closes, {} undoes it all ",
        form.target,
        app.keymap.hint(Mode::Form, Action::Cancel),
        app.keymap.hint(Mode::Reading, Action::Undo)
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // In a small window the text area takes at most half the form.
    let edit_height = if editing.is_some() {
        edit_want.min((inner.height / 2).max(3)).min(inner.height)
    } else {
        0
    };
    let name_width = fields
        .iter()
        .map(|f| f.name().chars().count())
        .max()
        .unwrap_or(0);
    let mut lines = vec![
        Line::styled(
            d.line(form.target),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
    ];
    for (i, f) in fields.iter().enumerate() {
        let value = sanitize_line(&app.field_value(f));
        let shown = if f.is_text() {
            format!(
                "{value}  ({} edits)",
                app.keymap.hint(Mode::Form, Action::EditField)
            )
        } else {
            format!("‹ {value} ›")
        };
        let style = if i == form.index {
            app.look.highlight()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {:>name_width$} ", f.name()),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!(" {shown} "), style),
        ]));
    }
    lines.push(Line::raw(""));
    if let Some(f) = fields.get(form.index) {
        lines.push(Line::styled(guideline(app, form.target, f), app.look.dim()));
    }
    let text_height = inner.height.saturating_sub(edit_height);
    let width = usize::from(inner.width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    let text_area = Rect {
        height: text_height,
        ..inner
    };
    if rows <= usize::from(text_height) {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
    } else {
        // Too little room: one row per line, scrolled so the focused field stays in view.
        let focused = 2 + form.index;
        let scroll = (focused + 1).saturating_sub(usize::from(text_height));
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
            text_area,
        );
    }
    if let Some(area) = editing {
        let edit = Rect {
            y: inner.y + text_height,
            height: edit_height,
            ..inner
        };
        let mut area = area.clone();
        area.set_block(Block::bordered().title(" typing · esc finishes "));
        frame.render_widget(&area, edit);
    }
}

fn counts(a: &crate::model::Annotations) -> String {
    format!(
        "{} mentions, {} entities, {} attributions, {} sourcings, {} stances, {} notes",
        a.mentions.len(),
        a.entities.len(),
        a.attributions.len(),
        a.sourcings.len(),
        a.stances.len(),
        a.notes.len()
    )
}

/// "Unsaved work was found": what the file holds, what the journal holds, and the choice.
pub fn recover(app: &App, frame: &mut Frame) {
    let Some((journal, secs)) = &app.on_disk.recovery else {
        return;
    };
    let age = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .saturating_sub(*secs);
    let when = match age {
        0..=119 => format!("{age} seconds ago"),
        120..=7199 => format!("{} minutes ago", age / 60),
        _ => format!("{} hours ago", age / 3600),
    };
    let mut lines = vec![
        Line::styled(
            "Unsaved work was found",
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
        Line::raw(format!(
            "A session on this file ended without saving; its journal was written {when}."
        )),
        Line::raw(""),
        Line::raw(format!(
            "The file holds:    {}",
            counts(app.doc.annotations())
        )),
        Line::raw(format!("The journal holds: {}", counts(journal))),
        Line::raw(""),
    ];
    if app.on_disk.recovery_behind {
        lines.push(Line::styled(
            "The file was changed after that (by another program): restoring puts the journal's \
             work in place of that change, which stays in the backup file~.",
            Style::default().add_modifier(Modifier::BOLD),
        ));
        lines.push(Line::raw(""));
    }
    lines.extend([
        Line::styled(
            format!(
                "{}  restore the journal's work (and save it)",
                app.keymap.hint(Mode::Recover, Action::Restore)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::raw(format!(
            "{}  set it aside (kept as .journal~) and go on with the file",
            app.keymap.hint(Mode::Recover, Action::SetAside)
        )),
    ]);
    let height = if app.on_disk.recovery_behind { 17 } else { 13 };
    let popup = centred(frame.area(), 90, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Recover ")),
        popup,
    );
}

/// The annotation file changed on disk: what happened and the two ways on.
pub fn changed(app: &App, frame: &mut Frame) {
    let aside = app
        .on_disk
        .session
        .diverted()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let lines = vec![
        Line::styled(
            "The file changed on disk",
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::raw(""),
        Line::raw(format!(
            "{} was written by another program since it was opened here. It was left as it is, and your work was saved in {}.",
            sanitize_line(&app.file().display().to_string()),
            sanitize_line(&aside)
        )),
        Line::raw(""),
        Line::styled(
            format!(
                "{}  load their version here (yours stays in that file; {} brings it back)",
                app.keymap.hint(Mode::Changed, Action::Reload),
                app.keymap.hint(Mode::Reading, Action::Undo)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Line::raw(format!(
            "{}  go on with yours, saving to that new file",
            app.keymap.hint(Mode::Changed, Action::KeepMine)
        )),
    ];
    let popup = centred(frame.area(), 90, 11);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Changed on disk ")),
        popup,
    );
}

/// How long ago `secs` (since the epoch) was, in words.
fn ago(secs: u64) -> String {
    let age = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .saturating_sub(secs);
    match age {
        0..=119 => format!("{age} seconds ago"),
        120..=7199 => format!("{} minutes ago", age / 60),
        7200..=172_799 => format!("{} hours ago", age / 3600),
        _ => format!("{} days ago", age / 86_400),
    }
}

fn show(path: &std::path::Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Work of an earlier session in a conflict or recovery copy: where, why, how it differs
/// from the file, and the choice.
pub fn earlier(app: &App, frame: &mut Frame) {
    let Some(offer) = app.offer() else {
        return;
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let lines = vec![
        Line::styled("Work of an earlier session", bold),
        Line::raw(""),
        Line::raw(format!(
            "Written {} to {}, because {}.",
            ago(offer.earlier.secs),
            show(&offer.earlier.path),
            offer.earlier.why()
        )),
        Line::raw(""),
        Line::raw(format!(
            "Compared with the file: {}",
            sanitize_line(&offer.summary)
        )),
        Line::raw(""),
        Line::styled(
            format!(
                "{}  take the copy's work (the file's stays one undo step back; save to keep it)",
                app.keymap.hint(Mode::Earlier, Action::TakeCopy)
            ),
            bold,
        ),
        Line::raw(format!(
            "{}  keep the file as it is",
            app.keymap.hint(Mode::Earlier, Action::KeepFile)
        )),
        Line::raw("   either way the copy is kept, renamed with a ~"),
        Line::raw(format!(
            "{}  decide later (offered again next time)",
            app.keymap.hint(Mode::Earlier, Action::Cancel)
        )),
    ];
    let popup = centred(frame.area(), 96, 15);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Earlier work ")),
        popup,
    );
}

/// Quitting, and the save failed: why, where the work is safe, and the ways on.
pub fn quit_failed(app: &App, frame: &mut Frame) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let reason = app
        .on_disk
        .failure
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut lines = vec![
        Line::styled("Saving failed: nothing was lost", bold),
        Line::raw(""),
        Line::raw(sanitize_line(&reason)),
        Line::raw(""),
    ];
    let k = |a| app.keymap.hint(Mode::QuitFailed, a);
    if let Some(path) = &app.on_disk.save_as {
        lines.push(Line::raw(format!(
            "Save the work as ({} saves, {} goes back):",
            k(Action::Pick),
            k(Action::Cancel)
        )));
        lines.push(Line::styled(format!("> {}", sanitize_line(path)), bold));
    } else if let Some(word) = &app.on_disk.drop_word {
        lines.push(Line::raw(format!(
            "Type drop and press {} to quit WITHOUT saving the changes ({} goes back):",
            k(Action::Pick),
            k(Action::Cancel)
        )));
        lines.push(Line::styled(format!("> {}", sanitize_line(word)), bold));
    } else {
        lines.push(Line::styled(
            format!("{}  try again", k(Action::Retry)),
            bold,
        ));
        lines.push(Line::raw(format!(
            "{}  save as another path",
            k(Action::SaveElsewhere)
        )));
        lines.push(Line::raw(format!(
            "{}  quit and drop the changes (you type drop)",
            k(Action::DropWork)
        )));
        lines.push(Line::raw(format!("{}  stay here", k(Action::Cancel))));
    }
    if let Some(m) = &app.message {
        lines.push(Line::raw(""));
        lines.push(Line::raw(sanitize_line(m)));
    }
    let popup = centred(frame.area(), 96, 15);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Quit ")),
        popup,
    );
}
