//! Drawing: `render(&App, &mut Frame)` reads the state and never changes it.
//! Layout: the article beside an annotation pane, a legend of label keys, a status bar.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;

use super::action::Action;
use super::app::{App, SaveState, Viewport};
use super::keymap::Keymap;
use super::mode::Mode;
use super::rows::Row;
use crate::schema::{Schema, parse_color};
use crate::text::{cell_symbol, display_width};

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
        let [t, s] = Layout::horizontal([Constraint::Percentage(68), Constraint::Percentage(32)])
            .areas(main);
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
    }
}

pub fn render(app: &App, frame: &mut Frame) {
    let areas = areas(frame.area());
    render_article(app, areas.article, frame.buffer_mut());
    if let Some(side) = areas.side {
        render_side(app, side, frame);
    }
    frame.render_widget(legend(&app.schema), areas.legend);
    frame.render_widget(
        status_bar(app, usize::from(areas.status.width)),
        areas.status,
    );
    if app.mode == Mode::Help {
        render_help(app, frame);
    }
}

pub fn label_color(schema: &Schema, label: &str) -> Color {
    schema
        .label(label)
        .and_then(|l| parse_color(&l.color))
        .map_or(Color::Gray, |(r, g, b)| Color::Rgb(r, g, b))
}

fn render_article(app: &App, area: Rect, buf: &mut Buffer) {
    let text = &app.article.text;
    let visible: Vec<&Row> = app
        .rows
        .lines
        .iter()
        .skip(app.top)
        .take(usize::from(area.height))
        .collect();
    let shown = visible_bytes(&visible);
    let highlights = Highlights::new(app, shown);
    let current = app.current_paragraph();
    let selection = app.selection();
    for (y, row) in (area.y..).zip(visible) {
        let Row::Text { line, paragraph } = row else {
            continue;
        };
        if *paragraph == current && area.x > 0 {
            buf.set_string(area.x - 1, y, "▎", Style::default().fg(Color::DarkGray));
        }
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
            let mut style = highlights.style_at(at);
            if selection.is_some_and(|s| s.start <= at && at < s.end) {
                style = style
                    .bg(Color::DarkGray)
                    .fg(Color::White)
                    .add_modifier(Modifier::UNDERLINED);
            }
            if at == app.cursor {
                style = style.add_modifier(Modifier::REVERSED);
            }
            buf.set_stringn(x, y, cell_symbol(g), usize::from(w), style);
            x += w;
        }
    }
}

/// The bytes the rows on screen show.
fn visible_bytes(rows: &[&Row]) -> std::ops::Range<usize> {
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
    /// (start, end, extent length of the mention, colour)
    spans: Vec<(usize, usize, usize, Color)>,
}

impl Highlights {
    fn new(app: &App, shown: std::ops::Range<usize>) -> Self {
        let mut spans = Vec::new();
        for m in app.mentions_in(shown.clone()) {
            let color = label_color(&app.schema, &m.label);
            let size = m.extent().len();
            for f in &m.fragments {
                if f.start < shown.end && f.end > shown.start {
                    spans.push((f.start, f.end, size, color));
                }
            }
        }
        Self { spans }
    }

    /// The innermost (shortest) mention over byte `at` wins.
    fn style_at(&self, at: usize) -> Style {
        self.spans
            .iter()
            .filter(|(start, end, _, _)| *start <= at && at < *end)
            .min_by_key(|(_, _, size, _)| *size)
            .map_or_else(Style::default, |(_, _, _, color)| {
                Style::default().bg(*color).fg(Color::Black)
            })
    }
}

fn render_side(app: &App, area: Rect, frame: &mut Frame) {
    let paragraph = app.current_paragraph();
    let range = app
        .article
        .paragraphs
        .get(paragraph)
        .cloned()
        .unwrap_or(0..0);
    let mut lines: Vec<Line> = app
        .mentions_in(range)
        .map(|m| {
            let quote: String = m
                .fragments
                .iter()
                .map(|f| app.article.text.get(f.start..f.end).unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" … ");
            Line::from(vec![
                Span::styled(
                    format!(" {} ", m.label),
                    Style::default()
                        .bg(label_color(&app.schema, &m.label))
                        .fg(Color::Black),
                ),
                Span::raw(format!(" {}", sanitize_line(&quote))),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "No annotations in this paragraph.",
            Style::default().add_modifier(Modifier::DIM),
        ));
    }
    let title = format!(" Annotations · ¶ {} ", paragraph + 1);
    let block = Block::default()
        .borders(Borders::LEFT)
        .title(title)
        .padding(ratatui::widgets::Padding::left(1));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}

/// Untrusted text made safe for a single-line widget.
fn sanitize_line(s: &str) -> String {
    s.graphemes(true)
        .map(|g| {
            if g == "\n" {
                " ".into()
            } else {
                cell_symbol(g)
            }
        })
        .collect()
}

fn legend(schema: &Schema) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for l in &schema.labels {
        let color = parse_color(&l.color).map_or(Color::Gray, |(r, g, b)| Color::Rgb(r, g, b));
        spans.push(Span::styled(
            format!("{}", l.key),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(
            format!(" {} ", l.name),
            Style::default().bg(color).fg(Color::Black),
        ));
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

/// File, annotator and save state on the left; position, counts and a message or key hints
/// on the right. The file name gives way first when the window is narrow.
fn status_bar(app: &App, width: usize) -> Line<'static> {
    let name = app
        .file
        .file_name()
        .map_or_else(String::new, |n| sanitize_line(&n.to_string_lossy()));
    let saved = match &app.save_state {
        SaveState::New => "not saved yet",
        SaveState::Saved => "saved",
        SaveState::Unsaved => "unsaved",
        SaveState::Failed(_) => "SAVING FAILED",
    };
    let total = app.article.paragraphs.len();
    let position = if total == 0 {
        "empty article".to_owned()
    } else {
        format!("¶ {}/{}", app.current_paragraph() + 1, total)
    };
    let right = match &app.message {
        Some(m) => format!(" {m} "),
        None => format!(
            " {position} · {} mentions · {} help · {} quit ",
            app.annotations.mentions.len(),
            key_hint(app, Action::Help),
            key_hint(app, Action::Quit)
        ),
    };
    let tail = format!(
        " · {} · {saved} ",
        sanitize_line(&app.annotations.annotator)
    );
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
        Span::styled(
            format!(" {shown_name}{tail}"),
            Style::default().add_modifier(Modifier::REVERSED),
        ),
        Span::raw(right),
    ])
}

fn render_help(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(64);
    let height = area.height.saturating_sub(2);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 1,
        width,
        height,
    };
    let rows = help_rows(&app.keymap, &app.schema, Mode::Reading);
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(app.help_top)
        .map(|(keys, text)| {
            Line::from(vec![
                Span::styled(
                    format!(" {keys:>key_width$}  "),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(text),
            ])
        })
        .collect();
    let block = Block::bordered().title(" Keys · esc closes ");
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// One help row per action, its keys joined, in keymap order: generated, never hand-written.
/// Label keys beyond the schema's labels are left out.
pub fn help_rows(keymap: &Keymap, schema: &Schema, mode: Mode) -> Vec<(String, String)> {
    let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
    for (key, action) in keymap.bindings(mode) {
        if let Action::Label(n) = action
            && usize::from(*n) > schema.labels.len()
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
                    schema.labels[usize::from(n) - 1].name
                ),
                other => other.description(),
            };
            (keys.join(" "), text)
        })
        .collect()
}
