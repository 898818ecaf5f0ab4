//! The curation view: one article across all its annotators, a row per reading (variant)
//! with its votes and who gave them, gold built from them by keyboard. It is a component:
//! keys become actions through the `curation` section of the keymap (which the footer and
//! the `?` help are built from), an action updates the view's state and returns effects
//! (save gold, edit it, close), which the browser performs; nothing here reads or writes a
//! file.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

use super::describe::{clip, marked_paragraph, sanitize_line};
use super::keymap::KeyCombo;
use super::look::Look;
use super::screen::changed::{self, Answer};
use super::screen::{Component, CurationAction as Action, Effect, draw_context_and_footer};
use crate::curation::{Curation, Decision};
use crate::text::Article;

#[derive(Debug)]
pub struct CurationView {
    pub name: String,
    pub article: Article,
    pub curation: Curation,
    /// The gold file's store session: its lock, stamp, backup and atomic save.
    pub gold_file: crate::store::Session,
    pub index: usize,
    /// Gold changed since it was saved.
    pub dirty: bool,
    pub message: Option<String>,
    /// Another program wrote gold since curation read it, found by the last save: the
    /// lead's gold went to this copy, and the lead is asked what to do.
    pub changed_on_disk: Option<std::path::PathBuf>,
}

impl CurationView {
    pub fn new(
        name: String,
        article: Article,
        curation: Curation,
        gold_file: crate::store::Session,
    ) -> Self {
        Self {
            name,
            article,
            curation,
            gold_file,
            index: 0,
            dirty: false,
            message: None,
            changed_on_disk: None,
        }
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        let len = self.curation.variants.len();
        let last = len.saturating_sub(1);
        match action {
            Action::Down => self.index = (self.index + 1).min(last),
            Action::Up => self.index = self.index.saturating_sub(1),
            Action::First => self.index = 0,
            Action::Last => self.index = last,
            Action::NextDispute => match self.curation.next_open_dispute(self.index) {
                Some(v) => self.index = v,
                None => self.message = Some("no reading left open where annotators differ".into()),
            },
            Action::Accept | Action::Reject if len == 0 => {
                self.message = Some("no annotator has marked anything in this article".into());
            }
            Action::Accept => {
                self.curation.accept(self.index);
                self.dirty = true;
                self.advance();
            }
            Action::Reject => {
                self.curation.reject(self.index);
                self.dirty = true;
                self.advance();
            }
            Action::PrefillAll | Action::PrefillMajority => {
                let all = self.curation.annotators.len();
                let (min, who) = if action == Action::PrefillAll {
                    (all, "all")
                } else {
                    (all / 2 + 1, "most")
                };
                let n = self.curation.prefill(min);
                self.dirty |= n > 0;
                self.message = Some(format!(
                    "{n} reading(s) {who} annotators agree on ({min} of {all} or more) taken into gold"
                ));
            }
            Action::Save => return vec![Effect::SaveGold],
            Action::Edit => {
                let at = self
                    .curation
                    .variants
                    .get(self.index)
                    .map_or(0, crate::curation::Variant::start);
                return vec![Effect::EditGold { at }];
            }
            Action::NextArticle => return vec![Effect::CurateNext { forward: true }],
            Action::PrevArticle => return vec![Effect::CurateNext { forward: false }],
            Action::Back => return vec![Effect::Close],
            Action::Help => return vec![Effect::Help],
        }
        Vec::new()
    }

    /// After a decision: the next open reading in this place, else the next row.
    fn advance(&mut self) {
        let place = self.curation.variants[self.index].place;
        let open_here = self.curation.places[place]
            .iter()
            .copied()
            .find(|&v| self.curation.decision(v) == Decision::Open);
        self.index = open_here.unwrap_or_else(|| {
            (self.index + 1).min(self.curation.variants.len().saturating_sub(1))
        });
    }

    /// Writes gold through its session: never over a gold file another program changed (ours
    /// then goes to a conflict copy), never losing the work (a failed save leaves a
    /// recovery copy). Called by the browser for [`Effect::SaveGold`].
    pub fn save(&mut self) -> Result<crate::store::Saved, crate::store::session::Failed> {
        self.curation.gold.annotations.sort();
        let saved = self
            .gold_file
            .save(&self.curation.gold.annotations, &self.article)?;
        self.dirty = false;
        Ok(saved)
    }

    /// Saves and says how it went.
    pub fn save_with_message(&mut self) {
        self.message = Some(match self.save() {
            Ok(crate::store::Saved::Diverted { copy, first: true }) => {
                // Asked once, when the change is found; later saves go to the copy quietly.
                self.changed_on_disk = Some(copy.clone());
                format!(
                    "{} changed on disk and was left as it is; your gold is saved in {}",
                    self.gold_file.file().display(),
                    copy.display()
                )
            }
            Ok(crate::store::Saved::Diverted { copy, .. }) => format!(
                "{} was changed by another program and left as it is; gold is saved in {}",
                self.gold_file.file().display(),
                copy.display()
            ),
            Ok(_) => format!("gold saved: {}", self.gold_file.file().display()),
            Err(e) => format!("saving gold failed: {e}"),
        });
    }
}

impl CurationView {
    /// The question while gold changed on disk: what happened, then the keys that answer.
    pub fn ask_changed(&mut self, keymap: &crate::tui::Keymap) {
        if let Some(copy) = &self.changed_on_disk {
            self.message = Some(changed::question(copy, keymap));
        }
    }

    /// A key while gold changed on disk is asked about: take theirs (curation then starts
    /// again from it), go on in the copy, or (any other key) the question again.
    pub fn changed_key(&mut self, keymap: &crate::tui::Keymap, key: crossterm::event::KeyEvent) {
        let Some(copy) = self.changed_on_disk.clone() else {
            return;
        };
        match changed::answer(keymap, key) {
            Answer::TakeTheirs => {
                self.changed_on_disk = None;
                self.message = Some(
                    match changed::take_theirs(&mut self.gold_file, &self.article, &copy) {
                        Ok(theirs) => {
                            self.curation = self.curation.with_gold(&self.article, theirs);
                            self.dirty = false;
                            changed::taken(&copy)
                        }
                        Err(why) => why,
                    },
                );
            }
            Answer::GoOn => {
                self.changed_on_disk = None;
                self.message = Some(changed::going_on(&copy));
            }
            Answer::Again => self.ask_changed(keymap),
        }
    }
}

impl Component for CurationView {
    type Action = Action;

    fn update(&mut self, action: Action) -> Vec<Effect> {
        self.act(action)
    }
}

pub fn render(v: &CurationView, look: &Look, keys: &[(KeyCombo, Action)], frame: &mut Frame) {
    let [head, table, context, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(6),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let c = &v.curation;
    let (open, places) = c.open_counts();
    frame.render_widget(
        Line::from(vec![
            Span::styled(
                format!(" {} ", sanitize_line(&v.name)),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw(clip(&format!(
                "· {} annotator{} ({}) · {} readings, {open} open · {places} disputed · gold {}{}",
                c.annotators.len(),
                if c.annotators.len() == 1 { "" } else { "s" },
                clip(&sanitize_line(&c.annotators.join(", ")), 30),
                c.variants.len(),
                c.gold.annotations.mentions.len(),
                if v.dirty { ", unsaved" } else { "" }
            ), usize::from(head.width).saturating_sub(v.name.chars().count() + 3))),
        ]),
        head,
    );
    // The free columns share what is left of the width; each cell is cut to its column with
    // an ellipsis, never silently.
    let free = usize::from(table.width).saturating_sub(1 + 5 + 10 + 6 + 6);
    let widths = [free * 45 / 100, free * 30 / 100, free * 25 / 100];
    let rows = rows(v, look, widths);
    let mut state = TableState::default();
    if !rows.is_empty() {
        state.select(Some(v.index));
    }
    frame.render_stateful_widget(
        Table::new(
            rows,
            [
                Constraint::Length(1),
                Constraint::Length(5),
                Constraint::Length(10),
                Constraint::Length(u16::try_from(widths[0]).unwrap_or(u16::MAX)),
                Constraint::Length(u16::try_from(widths[1]).unwrap_or(u16::MAX)),
                Constraint::Length(u16::try_from(widths[2]).unwrap_or(u16::MAX)),
                Constraint::Length(6),
            ],
        )
        .header(
            Row::new(vec!["", "votes", "label", "text", "links", "by", "gold"])
                .style(Style::default().add_modifier(Modifier::BOLD)),
        )
        .block(
            Block::default()
                .borders(Borders::TOP)
                .title(if rows_empty(c) {
                    " no annotator has marked anything in this article "
                } else {
                    " Readings (dim: every annotator agrees) "
                }),
        )
        .row_highlight_style(look.highlight()),
        table,
        &mut state,
    );
    draw_context_and_footer(
        frame,
        (context, foot),
        context_line(v, look),
        " In the text: this reading underlined, gold reversed ",
        v.message.as_deref(),
        keys,
        look,
    );
}

/// A row per reading: where its place starts, votes, label, words, links, who, decision.
fn rows(v: &CurationView, look: &Look, [text_w, links_w, by_w]: [usize; 3]) -> Vec<Row<'static>> {
    let c = &v.curation;
    let all = c.annotators.len();
    c.variants
        .iter()
        .enumerate()
        .map(|(i, var)| {
            let mark = match c.decision(i) {
                Decision::Accepted => "✓ gold",
                Decision::Rejected => "✗",
                Decision::Open => "",
            };
            let place = &c.places[var.place];
            let bracket = match place.iter().position(|&x| x == i) {
                _ if place.len() == 1 => " ",
                Some(0) => "┌",
                Some(k) if k + 1 == place.len() => "└",
                _ => "│",
            };
            let words = var
                .fragments
                .iter()
                .map(|f| v.article.text[f.start..f.end].to_owned())
                .collect::<Vec<_>>()
                .join(" … ");
            // Who: everyone, everyone but the few who did otherwise, or the few by name.
            let names = |pick: &dyn Fn(usize) -> bool| {
                c.annotators
                    .iter()
                    .enumerate()
                    .filter(|(w, _)| pick(*w))
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let voted = |w: usize| var.by.iter().any(|(x, _)| *x == w);
            let who = if var.by.len() == all {
                "all".to_owned()
            } else if var.by.len() * 2 > all {
                format!("all but {}", names(&|w| !voted(w)))
            } else {
                names(&voted)
            };
            let style = if c.disputed(var.place) {
                Style::default()
            } else {
                look.dim()
            };
            Row::new(vec![
                Cell::from(bracket),
                Cell::from(format!("{}/{all}", var.by.len())),
                Cell::from(sanitize_line(&var.label)),
                Cell::from(clip(&sanitize_line(&words), text_w)),
                Cell::from(clip(&sanitize_line(&var.links), links_w)),
                Cell::from(clip(&sanitize_line(&who), by_w)),
                Cell::from(mark),
            ])
            .style(style)
        })
        .collect()
}

fn rows_empty(c: &Curation) -> bool {
    c.variants.is_empty()
}

/// The selected reading's paragraph: its fragments underlined, gold's mentions reversed.
fn context_line(v: &CurationView, look: &Look) -> Line<'static> {
    let Some(var) = v.curation.variants.get(v.index) else {
        return Line::raw("");
    };
    let gold: Vec<crate::model::Span> = v
        .curation
        .gold
        .annotations
        .mentions
        .iter()
        .flat_map(|m| m.fragments.iter().copied())
        .collect();
    marked_paragraph(
        &v.article,
        var.start(),
        &[
            (
                var.fragments.clone(),
                look.label(&var.label).add_modifier(Modifier::UNDERLINED),
            ),
            (gold, Style::default().add_modifier(Modifier::REVERSED)),
        ],
    )
}
