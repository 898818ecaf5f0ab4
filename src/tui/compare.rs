//! Compare two annotators on one article, and adjudicate into `annotations/gold/`: a row per
//! aligned pair (agree, bounds or label differ, speaker or stance differ, one side only), the
//! selected pair shown in its paragraph (A underlined, B reversed), `1` / `2` take A's or B's
//! item into the gold copy with the links that come with it, `x` takes it out again. Either
//! side can be gold itself: then the rows show what gold holds, and gold's file is written
//! only when the lead changes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

use super::describe::{clip, marked_paragraph, mention_text, sanitize_line};
use super::keymap::{KeyCombo, Keymap};
use super::look::Look;
use super::screen::changed::{self, Answer};
use super::screen::{CompareAction, Component, Effect, draw_context_and_footer};
use crate::compare::{Gold, Pair, Side, Verdict, align};
use crate::export::Doc;
use crate::model::{Annotations, ArticleRef, MentionId, Status};

#[derive(Debug)]
pub struct Compare {
    pub a: Doc,
    pub b: Doc,
    pub pairs: Vec<Pair>,
    pub index: usize,
    pub gold: Gold,
    /// The gold file's store session: its lock, stamp, backup and atomic save.
    pub gold_file: crate::store::Session,
    /// Gold changed since it was saved.
    pub dirty: bool,
    pub message: Option<String>,
    /// Another program wrote gold since compare read it, found by the last save: the lead's
    /// gold went to this copy, and the lead is asked what to do (keys then answer that).
    pub changed_on_disk: Option<std::path::PathBuf>,
}

impl Compare {
    /// Compares `a` with `b`; gold starts from the gold file its session read, when there
    /// is one.
    pub fn new(
        a: Doc,
        b: Doc,
        gold_file: crate::store::Session,
        existing_gold: Option<Annotations>,
    ) -> Self {
        let pairs = align(&a.article, &a.annotations, &b.annotations);
        let resumed = existing_gold.is_some();
        let gold = existing_gold.unwrap_or_else(|| {
            let mut g = Annotations::new(
                ArticleRef {
                    path: a.annotations.article.path.clone(),
                    sha256: a.article.sha256.clone(),
                    chars: a.article.char_count(),
                },
                "gold",
            );
            g.status = Status::InProgress;
            g
        });
        let gold = if resumed {
            Gold::resume(gold, &a.annotations, &b.annotations)
        } else {
            Gold::new(gold)
        };
        Self {
            a,
            b,
            pairs,
            index: 0,
            gold,
            gold_file,
            dirty: false,
            message: None,
            changed_on_disk: None,
        }
    }

    /// Counts per verdict, for the header.
    pub fn tally(&self) -> String {
        let count =
            |f: &dyn Fn(&Verdict) -> bool| self.pairs.iter().filter(|p| f(&p.verdict)).count();
        format!(
            "{} agree · {} bounds · {} label · {} links · {} only {} · {} only {}",
            count(&|v| *v == Verdict::Agree),
            count(&|v| *v == Verdict::Bounds),
            count(&|v| *v == Verdict::Label),
            count(&|v| matches!(v, Verdict::Links { .. })),
            count(&|v| *v == Verdict::OnlyA),
            self.a.annotations.annotator,
            count(&|v| *v == Verdict::OnlyB),
            self.b.annotations.annotator,
        )
    }

    fn take(&mut self, side: Side) {
        let Some(pair) = self.pairs.get(self.index) else {
            return;
        };
        let (id, from) = match side {
            Side::A => (pair.a, &self.a.annotations),
            _ => (pair.b, &self.b.annotations),
        };
        let Some(id) = id else {
            self.message = Some("that side has nothing here".into());
            return;
        };
        // One side per pair: taking B replaces A's, and the other way round.
        let other = match side {
            Side::A => pair.b.map(|m| (Side::B, m)),
            _ => pair.a.map(|m| (Side::A, m)),
        };
        let before = self.gold.annotations.clone();
        // The other side's item goes, unless it is the very gold mention this one is (the
        // two agree): gold keeps it then, links and all.
        let mine = self.gold.taken_as(side, id);
        if let Some((s, m)) = other
            && (mine.is_none() || self.gold.taken_as(s, m) != mine)
        {
            self.gold.reject(s, m);
        }
        self.gold.accept(side, from, id);
        // Taking what gold holds already changes nothing, and nothing is written for it.
        self.dirty |= self.gold.annotations != before;
        self.index = (self.index + 1).min(self.pairs.len().saturating_sub(1));
    }

    /// Writes the gold copy (a normal annotation file) through its session: never over a
    /// gold file another program changed (ours then goes to a conflict copy), never losing
    /// the work (a failed save leaves a recovery copy).
    pub fn save(&mut self) -> Result<crate::store::Saved, crate::store::session::Failed> {
        self.gold.annotations.sort();
        let saved = self
            .gold_file
            .save(&self.gold.annotations, &self.a.article)?;
        self.dirty = false;
        Ok(saved)
    }

    pub fn save_with_message(&mut self) {
        self.message = Some(match self.save() {
            Ok(crate::store::Saved::Diverted { copy, first: true }) => {
                // Asked once, when the change is found; later saves go to the copy quietly.
                self.changed_on_disk = Some(copy.clone());
                format!(
                    "{} changed on disk (another program wrote it) and was left as it is; \
                     your gold is saved in {}",
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

    /// The question while gold changed on disk: what happened, then the keys that answer.
    pub fn ask_changed(&mut self, keymap: &Keymap) {
        if let Some(copy) = &self.changed_on_disk {
            self.message = Some(changed::question(copy, keymap));
        }
    }

    /// A key while gold changed on disk is asked about: take theirs, go on in the copy,
    /// or (any other key) the question again.
    pub fn changed_key(&mut self, keymap: &Keymap, key: crossterm::event::KeyEvent) {
        let Some(copy) = self.changed_on_disk.clone() else {
            return;
        };
        match changed::answer(keymap, key) {
            Answer::TakeTheirs => {
                self.changed_on_disk = None;
                self.message = Some(
                    match changed::take_theirs(&mut self.gold_file, &self.a.article, &copy) {
                        Ok(theirs) => {
                            self.gold =
                                Gold::resume(theirs, &self.a.annotations, &self.b.annotations);
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

    fn side_text(doc: &Doc, id: Option<MentionId>) -> String {
        id.and_then(|m| doc.annotations.mention(m))
            .map(|m| {
                format!(
                    "{}: {}",
                    m.label,
                    clip(&mention_text(&doc.article.text, m), 60)
                )
            })
            .unwrap_or_default()
    }
}

impl Component for Compare {
    type Action = CompareAction;

    fn update(&mut self, action: CompareAction) -> Vec<Effect> {
        self.message = None;
        let last = self.pairs.len().saturating_sub(1);
        match action {
            CompareAction::Down => self.index = (self.index + 1).min(last),
            CompareAction::Up => self.index = self.index.saturating_sub(1),
            CompareAction::First => self.index = 0,
            CompareAction::Last => self.index = last,
            CompareAction::NextDifference => {
                match self
                    .pairs
                    .iter()
                    .enumerate()
                    .skip(self.index + 1)
                    .find(|(_, p)| p.verdict != Verdict::Agree)
                {
                    Some((i, _)) => self.index = i,
                    None => self.message = Some("no difference after this pair".into()),
                }
            }
            CompareAction::TakeA => self.take(Side::A),
            CompareAction::TakeB => self.take(Side::B),
            CompareAction::Neither => {
                if let Some(p) = self.pairs.get(self.index).cloned() {
                    let before = self.gold.annotations.clone();
                    if let Some(m) = p.a {
                        self.gold.reject(Side::A, m);
                    }
                    if let Some(m) = p.b {
                        self.gold.reject(Side::B, m);
                    }
                    self.dirty |= self.gold.annotations != before;
                }
            }
            CompareAction::Save => return vec![Effect::SaveGold],
            CompareAction::Edit => {
                let at = self.pairs.get(self.index).map_or(0, |p| p.at);
                return vec![Effect::EditGold { at }];
            }
            CompareAction::NextB => return vec![Effect::NextB],
            CompareAction::Back => return vec![Effect::Close],
            CompareAction::Help => return vec![Effect::Help],
        }
        Vec::new()
    }
}

pub fn render(c: &Compare, look: &Look, keys: &[(KeyCombo, CompareAction)], frame: &mut Frame) {
    let [head, table, context, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(60),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(
        Line::from(vec![
            Span::styled(format!(" {} ", sanitize_line(&c.a.name)), look.status()),
            Span::raw(format!(
                " A {} vs B {} · {}",
                side_name(&c.a),
                side_name(&c.b),
                c.tally()
            )),
        ]),
        head,
    );
    let rows: Vec<Row> = c
        .pairs
        .iter()
        .map(|p| {
            let gold = match (
                p.a.is_some_and(|m| c.gold.has(Side::A, m)),
                p.b.is_some_and(|m| c.gold.has(Side::B, m)),
            ) {
                (true, _) => "A",
                (_, true) => "B",
                _ => "",
            };
            let style = if p.verdict == Verdict::Agree {
                look.dim()
            } else {
                Style::default()
            };
            // Where the links differ, each side says first what it says of the claim.
            let (note_a, note_b) = match &p.verdict {
                Verdict::Links { a, b, .. } => (format!("{a} · "), format!("{b} · ")),
                _ => (String::new(), String::new()),
            };
            Row::new(vec![
                Cell::from(p.verdict.word()),
                Cell::from(sanitize_line(&format!(
                    "{note_a}{}",
                    Compare::side_text(&c.a, p.a)
                ))),
                Cell::from(sanitize_line(&format!(
                    "{note_b}{}",
                    Compare::side_text(&c.b, p.b)
                ))),
                Cell::from(gold),
            ])
            .style(style)
        })
        .collect();
    let mut state = TableState::default();
    if !rows.is_empty() {
        state.select(Some(c.index));
    }
    frame.render_stateful_widget(
        Table::new(
            rows,
            [
                Constraint::Length(24),
                Constraint::Percentage(45),
                Constraint::Percentage(45),
                Constraint::Length(4),
            ],
        )
        .header(
            Row::new(vec!["", "A", "B", "gold"])
                .style(Style::default().add_modifier(Modifier::BOLD)),
        )
        .block(Block::default().borders(Borders::TOP).title(" Pairs "))
        .row_highlight_style(look.highlight()),
        table,
        &mut state,
    );
    draw_context_and_footer(
        frame,
        (context, foot),
        context_line(c, look),
        " In the text: A underlined, B reversed ",
        c.message.as_deref(),
        keys,
        look,
    );
}

/// Who a side is; gold's side is the gold file as it was when compare opened, the "gold"
/// column what gold holds now.
fn side_name(d: &Doc) -> String {
    let who = sanitize_line(&d.annotations.annotator);
    if who == "gold" {
        "gold (as opened)".to_owned()
    } else {
        who
    }
}

/// The selected pair's paragraph, A's fragments underlined and B's reversed.
fn context_line(c: &Compare, look: &Look) -> Line<'static> {
    let Some(pair) = c.pairs.get(c.index) else {
        return Line::raw("");
    };
    let mark = |doc: &Doc, id: Option<MentionId>, how: Modifier| {
        id.and_then(|m| doc.annotations.mention(m))
            .map(|m| (m.fragments.clone(), look.label(&m.label).add_modifier(how)))
    };
    let marks: Vec<_> = [
        mark(&c.a, pair.a, Modifier::UNDERLINED),
        mark(&c.b, pair.b, Modifier::REVERSED),
    ]
    .into_iter()
    .flatten()
    .collect();
    marked_paragraph(&c.a.article, pair.at, &marks)
}
