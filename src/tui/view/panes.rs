//! The side panes: the current paragraph's annotations over the article's entities.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Padding};

use crate::model::AnyId;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::mode::Mode;

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(area);
    annotations(app, top, frame);
    entities(app, bottom, frame);
}

fn block(app: &App, title: String, focused: bool) -> Block<'static> {
    let style = if focused {
        app.look.focus()
    } else {
        app.look.dim()
    };
    Block::default()
        .borders(Borders::LEFT | Borders::TOP)
        .border_style(style)
        .title(Span::styled(title, style))
        .padding(Padding::left(1))
}

/// A short tag in front of each item: the label's colour for mentions, the link kind
/// for links.
fn tag(app: &App, id: AnyId) -> Span<'static> {
    match id {
        AnyId::Mention(m) => {
            let label = app.mention(m).map(|m| m.label.clone()).unwrap_or_default();
            Span::styled(format!(" {label} "), app.look.label(&label))
        }
        AnyId::Attribution(_) => Span::styled("said ", app.look.dim()),
        AnyId::Sourcing(_) => Span::styled("per  ", app.look.dim()),
        AnyId::Stance(_) => Span::styled("stance ", app.look.dim()),
        AnyId::Entity(_) => Span::raw(""),
    }
}

fn list(
    app: &App,
    items: &[AnyId],
    area: Rect,
    title: String,
    focused: bool,
    index: usize,
    frame: &mut Frame,
) {
    let d = app.describe();
    let width = usize::from(area.width.saturating_sub(2)).max(8);
    let rows: Vec<ListItem> = items
        .iter()
        .map(|id| {
            let tag = tag(app, *id);
            let text = format!("{} {}", " ".repeat(tag.width()), d.line(*id));
            // Continuation lines are indented under the text.
            let mut lines: Vec<Line> =
                crate::text::wrap(&text, 0..text.len(), width.saturating_sub(2).max(4))
                    .into_iter()
                    .take(3)
                    .enumerate()
                    .map(|(i, l)| {
                        let part = text[l.range].trim_end();
                        Line::raw(if i == 0 {
                            part.to_owned()
                        } else {
                            format!("  {part}")
                        })
                    })
                    .collect();
            // The tag is drawn over the blanks left for it on the first line.
            if let Some(first) = lines.first_mut() {
                let rest: String = first
                    .spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    .chars()
                    .skip(tag.width())
                    .collect();
                *first = Line::from(vec![tag, Span::raw(rest)]);
            }
            ListItem::new(lines)
        })
        .collect();
    let empty = rows.is_empty();
    let is_paragraph = title.contains('¶');
    let mut state = ListState::default();
    if focused && !empty {
        state.select(Some(index));
    }
    let widget = List::new(rows)
        .block(block(app, title, focused))
        .highlight_style(app.look.highlight());
    frame.render_stateful_widget(widget, area, &mut state);
    if empty {
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(1).min(1),
        };
        let hint = if is_paragraph {
            "No annotations in this paragraph."
        } else {
            "No entities yet."
        };
        frame.render_widget(
            Line::styled(hint, Style::default().patch(app.look.dim())),
            inner,
        );
    }
}

fn annotations(app: &App, area: Rect, frame: &mut Frame) {
    let items = app.pane_items();
    let title = format!(" Annotations · ¶ {} ", app.current_paragraph() + 1);
    list(
        app,
        &items,
        area,
        title,
        app.panes.focus == Focus::Annotations,
        app.panes.annotation_index,
        frame,
    );
}

fn entities(app: &App, area: Rect, frame: &mut Frame) {
    let items: Vec<AnyId> = app
        .doc
        .annotations()
        .entities
        .iter()
        .map(|e| AnyId::Entity(e.id))
        .collect();
    let title = format!(" Entities · {} ", items.len());
    list(
        app,
        &items,
        area,
        title,
        app.panes.focus == Focus::Entities,
        app.panes.entity_index,
        frame,
    );
}

/// After the article changed: the mentions that moved or were lost, for review, each with
/// its class, its similarity when reworded, and the paragraphs of its places.
pub fn triage(app: &App, area: Rect, frame: &mut Frame) {
    let t = &app.overlays.triage;
    let rows: Vec<ListItem> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let label = app
                .mention(r.mention)
                .or_else(|| t.held.mention(r.mention))
                .map(|m| m.label.clone())
                .unwrap_or_default();
            let paragraph = |p: &Vec<crate::model::Span>| {
                p.first()
                    .map_or(0, |s| app.doc.article().paragraph_at(s.start) + 1)
            };
            let places = match r.places.len() {
                0 => String::new(),
                1 => format!(" · ¶{}", paragraph(&r.places[0])),
                n => {
                    let list: Vec<String> = r
                        .places
                        .iter()
                        .map(|p| format!("¶{}", paragraph(p)))
                        .collect();
                    let shown = if i == t.index {
                        t.place.min(n - 1) + 1
                    } else {
                        1
                    };
                    format!(" · {} (showing {shown})", list.join(", "))
                }
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {label} "), app.look.label(&label)),
                Span::raw(format!(
                    " {} '{}'{places}",
                    r.anchor.word(),
                    crate::tui::describe::clip(&crate::tui::describe::sanitize_line(&r.quote), 40)
                )),
            ]))
        })
        .collect();
    let mut state = ListState::default();
    if !rows.is_empty() {
        state.select(Some(t.index));
    }
    let k = |a| app.keymap.hint(Mode::Triage, a);
    let title = if t.selecting {
        format!(
            " Select its new place · {} select · {} put it there · {} back ",
            app.keymap.hint(Mode::Reading, Action::ToggleSelection),
            k(Action::Pick),
            k(Action::Cancel)
        )
    } else {
        format!(
            " The article changed · {} to review, {} need a place · {} take · {} select · {} delete · {} accept ",
            t.rows.len(),
            t.undecided(),
            k(Action::Pick),
            k(Action::SelectPlace),
            k(Action::Delete),
            k(Action::AcceptRelocated)
        )
    };
    frame.render_stateful_widget(
        List::new(rows)
            .block(block(app, title, true))
            .highlight_style(app.look.highlight()),
        area,
        &mut state,
    );
}
