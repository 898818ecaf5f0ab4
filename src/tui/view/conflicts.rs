//! The conflicts a merge left: the list, and the highlighted one's two sides, each item in
//! words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Padding, Paragraph, Wrap};

use crate::model::{Annotations, AnyId, Take};
use crate::tui::app::App;
use crate::tui::describe::{Describe, clip, sanitize_line};

pub fn render(app: &App, area: Rect, frame: &mut Frame) {
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
    let conflicts = &app.doc.annotations().conflicts;
    let rows: Vec<ListItem> = conflicts
        .iter()
        .map(|c| {
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {} ", c.id), app.look.dim()),
                Span::raw(clip(&sanitize_line(&c.what), 200)),
            ]))
        })
        .collect();
    let mut state = ListState::default();
    if !rows.is_empty() {
        state.select(Some(app.overlays.conflict_review.index));
    }
    let style = app.look.focus();
    let title = format!(" A merge left {} conflict(s) ", conflicts.len());
    frame.render_stateful_widget(
        List::new(rows)
            .block(
                Block::default()
                    .borders(Borders::LEFT | Borders::TOP)
                    .border_style(style)
                    .title(Span::styled(title, style))
                    .padding(Padding::left(1)),
            )
            .highlight_style(app.look.highlight()),
        top,
        &mut state,
    );
    let Some(c) = app.current_conflict() else {
        return;
    };
    let here = Describe {
        annotations: app.doc.annotations(),
        text: &app.doc.article().text,
        index: None,
    };
    let mut lines = vec![
        Line::raw(sanitize_line(&c.what)),
        Line::from(Span::styled(app.conflict_hints(), app.look.dim())),
        Line::raw(""),
        Line::from(Span::styled("here (this side):", app.look.dim())),
    ];
    if c.ours.is_empty() {
        lines.push(Line::raw("  deleted"));
    }
    for id in &c.ours {
        lines.push(Line::raw(format!(
            "  {id} {}",
            item(&here, app.doc.annotations(), *id)
        )));
    }
    // The other side's items described as they would be once taken.
    let mut theirs = app.doc.annotations().clone();
    theirs.settle(c.id, Take::Theirs);
    let there = Describe {
        annotations: &theirs,
        text: &app.doc.article().text,
        index: None,
    };
    lines.push(Line::from(Span::styled(
        "there (the other side):",
        app.look.dim(),
    )));
    if c.theirs.is_empty() {
        lines.push(Line::raw("  deleted"));
    }
    for id in c.theirs.ids() {
        lines.push(Line::raw(format!("  {id} {}", item(&there, &theirs, id))));
    }
    for n in &c.theirs.notes {
        lines.push(Line::raw(format!(
            "  note: {}",
            clip(&sanitize_line(&n.text), 80)
        )));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::LEFT | Borders::TOP)
                .border_style(app.look.dim())
                .title(Span::styled(format!(" {} ", c.id), app.look.dim()))
                .padding(Padding::left(1)),
        ),
        bottom,
    );
}

/// One item in words, its label first for a mention.
fn item(d: &Describe<'_>, a: &Annotations, id: AnyId) -> String {
    match id {
        AnyId::Mention(m) => {
            let label = a.mention(m).map(|m| m.label.clone()).unwrap_or_default();
            format!("{label} {}", d.line(id))
        }
        _ => d.line(id),
    }
}
