//! Drawing: `render(&App, &mut Frame)` reads the state and never changes it.
//! Layout: the article beside the annotation and entity panes, a legend of label keys, a
//! status bar; pickers, the detail form and help open over them.

mod conflicts;
mod panes;
mod popups;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use super::action::Action;
use super::app::{App, Focus, SaveState, Viewport};
use super::describe::sanitize_line;
use super::fit;
use super::look::Look;
use super::mode::Mode;
use super::rows::Row;
use crate::model::Part;
use crate::schema::Schema;
use crate::text::{cell_symbol, display_width};

pub(crate) use popups::centred;
pub use popups::help_rows;

/// Below this width the annotation pane is hidden so the article stays readable.
const SIDE_PANE_MIN_WIDTH: u16 = 70;

struct Areas {
    article: Rect,
    side: Option<Rect>,
    legend: Rect,
    status: Rect,
}

fn areas(area: Rect) -> Areas {
    let [main, legend, status] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (text, side) = if area.width >= SIDE_PANE_MIN_WIDTH {
        // About two thirds for the text, but never wider than a comfortable reading
        // measure: on wide terminals the panes get the room.
        let text = (u32::from(main.width) * 64 / 100).min(102);
        let text = u16::try_from(text).unwrap_or(main.width);
        let [t, s] = Layout::horizontal([Constraint::Length(text), Constraint::Min(1)]).areas(main);
        (t, Some(s))
    } else {
        (main, None)
    };
    // One column of margin on each side of the text.
    let article = Rect {
        x: text.x + 1,
        width: text.width.saturating_sub(2),
        ..text
    };
    Areas {
        article,
        side,
        legend,
        status,
    }
}

/// The article pane's size for a terminal of `area`.
pub fn viewport(area: Rect) -> Viewport {
    let a = areas(area).article;
    Viewport {
        text_width: usize::from(a.width),
        text_height: usize::from(a.height),
        text_x: a.x,
        text_y: a.y,
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    let areas = areas(frame.area());
    match areas.side {
        Some(side) => {
            render_article(app, areas.article, frame);
            if app.mode == Mode::Triage {
                panes::triage(app, side, frame);
            } else if app.mode == Mode::Conflicts {
                conflicts::render(app, side, frame);
            } else {
                panes::render(app, side, frame);
            }
        }
        None if app.mode == Mode::Triage => {
            let whole = Rect {
                x: areas.article.x.saturating_sub(1),
                width: areas.article.width + 2,
                ..areas.article
            };
            panes::triage(app, whole, frame);
        }
        None if app.mode == Mode::Conflicts => {
            let whole = Rect {
                x: areas.article.x.saturating_sub(1),
                width: areas.article.width + 2,
                ..areas.article
            };
            conflicts::render(app, whole, frame);
        }
        // Narrow: a focused pane takes the article's place.
        None if app.panes.focus != Focus::Article => {
            let whole = Rect {
                x: areas.article.x.saturating_sub(1),
                width: areas.article.width + 2,
                ..areas.article
            };
            panes::render(app, whole, frame);
        }
        None => render_article(app, areas.article, frame),
    }
    frame.render_widget(legend(&app.schema, &app.keymap, &app.look), areas.legend);
    frame.render_widget(
        status_bar(app, usize::from(areas.status.width)),
        areas.status,
    );
    match app.mode {
        Mode::Help => popups::help(app, frame),
        Mode::Picker => {
            // A value picked for a field of the form: the form stays in view beneath.
            popups::form(app, frame);
            popups::picker(app, frame);
        }
        Mode::Form => popups::form(app, frame),
        // A refusal inside the form keeps the form in view.
        Mode::Refused if app.overlays.form.is_some() => popups::form(app, frame),
        Mode::Recover => popups::recover(app, frame),
        Mode::Changed => popups::changed(app, frame),
        Mode::Earlier => popups::earlier(app, frame),
        Mode::QuitFailed => popups::quit_failed(app, frame),
        _ => {}
    }
}

fn render_article(app: &App, area: Rect, frame: &mut Frame) {
    if let Some(p) = draw_article(app, area, frame.buffer_mut())
        && app.mode == Mode::Reading
    {
        // The terminal's own cursor sits on ours, for screen readers and magnifiers.
        frame.set_cursor_position(p);
    }
}

/// Draws the visible rows; returns where the cursor is when it is on screen.
fn draw_article(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let text = &app.doc.article().text;
    let visible: Vec<Row> = app
        .visible_rows()
        .into_iter()
        .map(|(_, row)| row)
        .take(usize::from(area.height))
        .collect();
    let shown = visible_bytes(&visible);
    let highlights = Highlights::new(app, shown);
    let current = app.current_paragraph();
    let selection = app.selection();
    let look = &app.look;
    let mut cursor = None;
    for (y, row) in (area.y..).zip(visible) {
        let Row::Text { line, paragraph } = row else {
            continue;
        };
        if paragraph == current && area.x > 0 {
            buf.set_string(area.x - 1, y, "▎", look.marker());
        }
        let on_line = highlights.on(line.range.clone());
        let mut x = area.x;
        let right = area.x + area.width;
        for (offset, g) in text[line.range.clone()].grapheme_indices(true) {
            if g == "\n" {
                break;
            }
            let w = u16::try_from(display_width(g)).unwrap_or(1);
            if x + w > right {
                break;
            }
            let at = line.range.start + offset;
            let mut style = Highlights::style_at(&on_line, at);
            if app
                .search
                .found
                .is_some_and(|s| s.start <= at && at < s.end)
            {
                style = style.patch(look.found());
            }
            if selection.is_some_and(|s| s.start <= at && at < s.end) {
                style = style.patch(look.selection());
            }
            if at == app.view.cursor {
                style = look.cursor(style);
                cursor = Some(Position::new(x, y));
            }
            buf.set_stringn(x, y, cell_symbol(g), usize::from(w), style);
            x += w;
        }
        // The cursor at the very end of a paragraph that ends the text.
        if line.range.end == app.view.cursor && line.range.is_empty() {
            cursor = Some(Position::new(x, y));
        }
    }
    cursor
}

/// The bytes the rows on screen show.
fn visible_bytes(rows: &[Row]) -> std::ops::Range<usize> {
    let mut lines = rows.iter().filter_map(|r| match r {
        Row::Text { line, .. } => Some(line.range.clone()),
        Row::Gap => None,
    });
    let first = lines.next().unwrap_or(0..0);
    let end = lines.next_back().map_or(first.end, |l| l.end);
    first.start..end
}

/// The mention fragments on screen with their colours, gathered once per frame so that each
/// cell looks only at what is visible.
struct Highlights {
    /// (start, end, extent length of the mention, style)
    spans: Vec<(usize, usize, usize, Style)>,
}

impl Highlights {
    fn new(app: &App, shown: std::ops::Range<usize>) -> Self {
        let mut spans = Vec::new();
        // Suggestions under the annotator's own mentions: a mention always wins the cell.
        let links = &app.schema.links;
        let label_of = |labels: &[String], fallback: &'static str| {
            labels.first().map_or(fallback, String::as_str).to_owned()
        };
        let (claim, cue, speaker, source) = (
            label_of(&links.attribution.claim, "Claim"),
            label_of(&links.attribution.cue, "Cue"),
            label_of(&links.attribution.speaker, "Speaker"),
            label_of(&links.sourcing.source, "Source"),
        );
        let label = |part: Part| match part {
            Part::Claim => &claim,
            Part::Cue => &cue,
            Part::Speaker => &speaker,
            Part::Source => &source,
        };
        let suggested: Vec<(crate::model::Span, Part)> = match app
            .doc
            .index()
            .suggested_in(app.doc.annotations(), shown.clone())
        {
            Some(on_screen) => on_screen.map(|(s, _, part)| (*s, *part)).collect(),
            None => Vec::new(),
        };
        for (f, part) in suggested {
            let size = usize::MAX / 2 + f.len();
            spans.push((f.start, f.end, size, app.look.suggested(label(part))));
        }
        for m in app.mentions_in(shown.clone()) {
            let mut style = app.look.label(&m.label);
            if app.panes.selected == Some(m.id) {
                // The mention being built: fragments and new bounds go to it.
                style = style.add_modifier(Modifier::BOLD);
            }
            let size = m.extent().len();
            for f in &m.fragments {
                if f.start < shown.end && f.end > shown.start {
                    spans.push((f.start, f.end, size, style));
                }
            }
        }
        Self { spans }
    }

    /// The fragments that reach into `range`: a line's, so each cell looks at a few.
    fn on(&self, range: std::ops::Range<usize>) -> Vec<(usize, usize, usize, Style)> {
        self.spans
            .iter()
            .filter(|(start, end, _, _)| *start < range.end && range.start < *end)
            .copied()
            .collect()
    }

    /// The innermost (shortest) mention over byte `at` wins.
    fn style_at(spans: &[(usize, usize, usize, Style)], at: usize) -> Style {
        spans
            .iter()
            .filter(|(start, end, _, _)| *start <= at && at < *end)
            .min_by_key(|(_, _, size, _)| *size)
            .map_or_else(Style::default, |(_, _, _, style)| *style)
    }
}

/// Each label with the key that labels with it in the keymap (not the schema's own `key`,
/// which a keymap may have moved); a label no key reaches shows "-".
fn legend(schema: &Schema, keymap: &crate::tui::keymap::Keymap, look: &Look) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, l) in schema.labels.iter().enumerate() {
        let n = u8::try_from(i + 1).unwrap_or(0);
        let key = keymap
            .keys_for(Mode::Reading, Action::Label(n))
            .first()
            .map_or_else(|| "-".to_owned(), ToString::to_string);
        spans.push(Span::styled(
            key,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(format!(" {} ", l.name), look.label(&l.name)));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

fn key_hint(app: &App, action: Action) -> String {
    app.keymap
        .keys_for(Mode::Reading, action)
        .first()
        .map_or_else(String::new, ToString::to_string)
}

/// The status bar's right side when nothing else is to be said: on a suggestion, what the
/// keys do with it; else where the cursor is and the counts.
fn hints(app: &App, selected: &str, position: &str) -> String {
    if let Some(i) = app.suggestion_here() {
        return format!(
            " suggested ({}) · {} accepts · {} rejects · {} keeps the speaker · {} accepts the \
             paragraph's ",
            app.doc.annotations().suggestions[i].rule,
            key_hint(app, Action::AcceptSuggestion),
            key_hint(app, Action::RejectSuggestion),
            key_hint(app, Action::KeepSpeaker),
            key_hint(app, Action::AcceptParagraph)
        );
    }
    let suggested = match app.doc.annotations().suggestions.len() {
        0 => String::new(),
        n => format!(
            "{n} suggested ({} next) · ",
            key_hint(app, Action::NextSuggestion)
        ),
    };
    format!(
        " {selected}{position} · {} mentions · {suggested}{} help · {} quit ",
        app.doc.annotations().mentions.len(),
        key_hint(app, Action::Help),
        key_hint(app, Action::Quit)
    )
}

/// File, annotator and save state on the left; position, counts and a message or key hints
/// on the right. The file name gives way first when the window is narrow.
fn status_bar(app: &App, width: usize) -> Line<'static> {
    let name = app
        .file()
        .file_name()
        .map_or_else(String::new, |n| sanitize_line(&n.to_string_lossy()));
    let saved = match &app.on_disk.save_state {
        _ if super::saving::busy(app) => "saving…",
        SaveState::New => "not saved yet",
        SaveState::Saved if app.on_disk.session.view_only().is_some() => "VIEW ONLY",
        SaveState::Saved if app.dirty() => "unsaved",
        SaveState::Saved => "saved",
        SaveState::Unsaved => "unsaved",
        SaveState::Failed(_) => "SAVING FAILED",
        SaveState::Conflict(_) => "CHANGED ON DISK: saved aside",
    };
    let total = app.doc.article().paragraphs.len();
    let position = if total == 0 {
        "empty article".to_owned()
    } else {
        format!("¶ {}/{}", app.current_paragraph() + 1, total)
    };
    let selected = app
        .panes
        .selected
        .and_then(|m| app.mention(m))
        .map_or(String::new(), |m| {
            format!(
                "{} adds to {} {} · ",
                key_hint(app, Action::AddFragment),
                m.id,
                m.label
            )
        });
    let tail = format!(
        " · {} · {} · {saved} ",
        sanitize_line(&app.doc.annotations().annotator),
        app.doc.annotations().status
    );
    // The right side has the room the file name and the tail leave; a message is cut with
    // "…" keeping its start and its paths' file names, and `?` shows it whole.
    let room = width.saturating_sub(tail.chars().count() + 1);
    let said = |m: &str, before: &str, after: &str| {
        let around = before.chars().count() + after.chars().count();
        let m = fit::line(&sanitize_line(m), room.saturating_sub(around));
        format!("{before}{m}{after}")
    };
    // Until the work is back in the file, where it is stays in view.
    let standing = match &app.on_disk.save_state {
        SaveState::Failed(reason) => Some(said(
            reason,
            " not saved: ",
            &format!(" · {} tries again ", key_hint(app, Action::Save)),
        )),
        SaveState::Conflict(path) => Some(said(
            path,
            " the file changed on disk; your work is saved in ",
            " ",
        )),
        _ => None,
    };
    let right = match (&app.search.input, &app.message, standing) {
        (Some(q), _, _) => fit::line(
            &format!(
                " /{}▏ {} finds, {} cancels ",
                sanitize_line(q),
                app.keymap.hint(Mode::Search, Action::Pick),
                app.keymap.hint(Mode::Search, Action::Cancel)
            ),
            room,
        ),
        (None, Some(m), _) if app.mode == Mode::Refused => said(m, " refused: ", " · enter ok "),
        (None, Some(m), _) => said(m, " ", " "),
        (None, None, Some(standing)) => standing,
        (None, None, None) => {
            let parts: Vec<String> = hints(app, &selected, &position)
                .trim()
                .split(" · ")
                .map(str::to_owned)
                .collect();
            let keep = parts.iter().position(|p| p.ends_with(" help"));
            let mut h = fit::hints(&parts, keep, room);
            h.push(' ');
            h
        }
    };
    let room = width.saturating_sub(right.chars().count() + tail.chars().count() + 1);
    let shown_name = if name.chars().count() <= room {
        name
    } else if room > 1 {
        let head: String = name.chars().take(room - 1).collect();
        format!("{head}…")
    } else {
        String::new()
    };
    Line::from(vec![
        Span::styled(format!(" {shown_name}{tail}"), app.look.status()),
        Span::raw(right),
    ])
}
