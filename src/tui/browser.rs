//! The corpus browser: every article of a project with its title, the annotator's status and
//! counts, the other annotators' statuses, and the project's progress. Sort, filter by text
//! or status, and `Enter` to annotate; leaving the article comes back here with the counts
//! brought up to date.

mod curate;
mod load;
mod sides;

pub use sides::{ChooseSides, Chosen};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Gauge, Row, Table, TableState};

mod shown;

use super::describe::{clip, fit, sanitize_line};
use super::look::Look;
use super::review::{Dashboard, Review};
use crate::export::Doc;
use crate::project::Project;
use crate::project::summary::{ArticleSummary, STATUSES, Summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    Title,
    Status,
    Mentions,
}

impl Sort {
    fn next(self) -> Self {
        match self {
            Self::Name => Self::Title,
            Self::Title => Self::Status,
            Self::Status => Self::Mentions,
            Self::Mentions => Self::Name,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Name => "file name",
            Self::Title => "title",
            Self::Status => "status",
            Self::Mentions => "mentions",
        }
    }
}

/// What the browser shows.
#[derive(Debug, Default)]
pub enum View {
    #[default]
    List,
    Review(Box<Review>),
    Dashboard(Dashboard),
    /// Choosing A and B for compare.
    ChooseSides(ChooseSides),
    Compare(Box<super::compare::Compare>),
    Agreement(Box<super::agreement::Agreement>),
    Curation(Box<super::curation::CurationView>),
}

/// An article to open: its name, whose annotations, and where to put the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub article: String,
    pub annotator: String,
    pub at: Option<usize>,
    /// Opened to look at, not to change (from review, unless the lead chose to edit).
    pub read_only: bool,
}

#[derive(Debug)]
pub struct Browser {
    pub project: Project,
    pub annotator: String,
    pub summary: Summary,
    /// Highlighted row of the visible list.
    pub index: usize,
    /// The first row on screen; kept by drawing so the highlighted row stays in view.
    offset: std::cell::Cell<usize>,
    pub sort: Sort,
    /// Text the titles and names must contain.
    pub filter: String,
    pub typing_filter: bool,
    /// Only articles with this status for the annotator (or for `whose`).
    pub status: Option<&'static str>,
    /// Whose status the status filter looks at: another annotator's, or (`None`) this one's.
    pub whose: Option<String>,
    /// The article to open, when the user pressed Enter.
    pub open: Option<Opening>,
    pub view: View,
    /// Every annotation file read against its article, for review and the dashboard; read
    /// when first needed and again after an article was annotated.
    docs: Option<Vec<Doc>>,
    pub quit: bool,
    pub look: Look,
    /// Why the last article could not be opened.
    pub message: Option<String>,
    /// Where a copy of gold goes when it cannot be saved.
    pub recovery_dir: Option<std::path::PathBuf>,
    /// The list last shown, kept until the filter, status, sort or summary change.
    shown: std::cell::RefCell<shown::Shown>,
    /// The annotation files being read beside the loop, for the screen that waits on them.
    loading: Option<load::Loading>,
}

impl Browser {
    pub fn new(project: Project, annotator: &str, look: Look) -> Self {
        let summary = Summary::load(&project);
        Self {
            project,
            annotator: annotator.to_owned(),
            summary,
            index: 0,
            offset: std::cell::Cell::new(0),
            sort: Sort::Name,
            filter: String::new(),
            typing_filter: false,
            status: None,
            whose: None,
            open: None,
            view: View::List,
            docs: None,
            quit: false,
            look,
            message: None,
            recovery_dir: None,
            loading: None,
            shown: std::cell::RefCell::default(),
        }
    }

    /// Saves what the open view holds unsaved (gold in compare) because the program must
    /// stop now; says what happened.
    pub fn stop(&mut self) -> String {
        match &mut self.view {
            View::Compare(c) if c.dirty => {
                c.save_with_message();
                c.message.clone().unwrap_or_default()
            }
            View::Curation(c) if c.dirty => {
                c.save_with_message();
                c.message.clone().unwrap_or_default()
            }
            _ => "nothing was unsaved".to_owned(),
        }
    }

    /// Reads the files again: after an article was annotated.
    pub fn reload(&mut self) {
        self.reload_after(None);
    }

    /// Reads the summary again and, of the annotation files read for review, the dashboard
    /// and agreement, those of `article` (all of them when `None`).
    pub fn reload_after(&mut self, article: Option<&str>) {
        self.summary = Summary::load(&self.project);
        self.shown.take();
        match article {
            Some(a) => self.refresh_docs(a),
            None => self.docs = None,
        }
        if let View::Review(r) = &self.view {
            let (label, annotator, polarity, filter, index) = (
                r.label.clone(),
                r.annotator.clone(),
                r.polarity.clone(),
                r.filter.clone(),
                r.index,
            );
            let mut fresh = self.review();
            fresh.label = label;
            fresh.annotator = annotator;
            fresh.polarity = polarity;
            fresh.filter = filter;
            fresh.index = index.min(fresh.visible().len().saturating_sub(1));
            self.view = View::Review(Box::new(fresh));
        }
        self.index = self.index.min(self.visible().len().saturating_sub(1));
    }

    /// The articles shown, filtered and sorted.
    pub fn visible(&self) -> Vec<&ArticleSummary> {
        let articles = &self.summary.articles;
        self.visible_places()
            .into_iter()
            .map(|i| &articles[i])
            .collect()
    }

    /// The places in the summary of the articles listed, in the order shown.
    fn visible_places(&self) -> Vec<usize> {
        let mut shown = self.shown.borrow_mut();
        let articles = &self.summary.articles;
        shown
            .rows(
                articles,
                self.whose.as_deref().unwrap_or(&self.annotator),
                &self.filter,
                self.status,
                self.sort,
            )
            .to_vec()
    }

    /// The annotation files read against their articles; a file with problems is left out
    /// and said so.
    fn docs(&mut self) -> &[Doc] {
        if self.docs.is_none() {
            let schema = self
                .project
                .schema()
                .unwrap_or_else(|_| crate::schema::Schema::news());
            let mut docs = Vec::new();
            let mut skipped = 0;
            for f in self.project.annotation_files() {
                match crate::export::load_doc(&f.path, &schema) {
                    Ok(d) => docs.push(d),
                    Err(_) => skipped += 1,
                }
            }
            if skipped > 0 {
                self.message = Some(format!(
                    "{skipped} annotation file(s) have problems and are left out; run glossator validate"
                ));
            }
            self.docs = Some(docs);
        }
        self.docs.as_deref().unwrap_or_default()
    }

    fn review(&mut self) -> Review {
        let schema = self
            .project
            .schema()
            .unwrap_or_else(|_| crate::schema::Schema::news());
        let labels = schema.labels.iter().map(|l| l.name.clone()).collect();
        Review::new(self.docs(), labels, schema.polarities)
    }

    /// Compares `a` of `article` with the annotator (or gold) after `b`, for `b` in compare.
    fn compare_next_b(&mut self, article: &str, a: &str, b: &str) {
        let Some(files) = self
            .summary
            .articles
            .iter()
            .find(|x| x.name == article)
            .map(|x| x.files.keys().cloned().collect::<Vec<_>>())
        else {
            return;
        };
        let has_gold = files.iter().any(|w| w == "gold");
        let mut sides = ChooseSides::new(article, files, &self.annotator);
        if has_gold {
            sides = sides.with_gold();
        }
        if let Some(next) = sides.after(a, b) {
            self.open_compare(article, a, &next, None);
        }
    }

    /// The compare view of `article` between `a` and `b` (annotators, or gold: then what the
    /// gold file holds), on the pair that starts at code point `at` when given.
    pub fn open_compare(&mut self, article: &str, a: &str, b: &str, at: Option<usize>) {
        let schema = self
            .project
            .schema()
            .unwrap_or_else(|_| crate::schema::Schema::news());
        let mut sides = [None, None];
        for (w, side) in [a, b].into_iter().zip(&mut sides) {
            if w == "gold" {
                continue;
            }
            match crate::export::load_doc(&self.project.annotation_path(w, article), &schema) {
                Ok(d) => *side = Some(d),
                Err(e) => {
                    self.message = Some(format!("{e:#}"));
                    return;
                }
            }
        }
        let Some(on) = sides.iter().flatten().next().map(|d| d.article.clone()) else {
            self.message = Some("compare sets gold beside an annotator, not beside itself".into());
            return;
        };
        // Gold through its session: locked while compared.
        let Some((gold_file, existing)) = self.gold_session(article, &on, &schema) else {
            return;
        };
        let [a, b] = sides.map(|d| {
            d.or_else(|| {
                existing.clone().map(|g| {
                    Doc::new(
                        on.clone(),
                        g,
                        article.to_owned(),
                        gold_file.file().to_path_buf(),
                    )
                })
            })
        });
        let (Some(a), Some(b)) = (a, b) else {
            self.message = Some(format!("{article} has no gold copy yet to compare with"));
            return;
        };
        let mut c = super::compare::Compare::new(a, b, gold_file, existing);
        if let Some(at) = at {
            let byte = c.a.article.offsets.byte_of_char(at).unwrap_or(0);
            c.index = c.pairs.iter().position(|p| p.at == byte).unwrap_or(0);
        }
        self.view = View::Compare(Box::new(c));
    }

    /// The agreement view: every pair of annotators over the whole project.
    fn agreement(&mut self) {
        let labels: Vec<String> = self
            .project
            .schema()
            .unwrap_or_else(|_| crate::schema::Schema::news())
            .labels
            .iter()
            .map(|l| l.name.clone())
            .collect();
        let status = self.status;
        let docs: Vec<Doc> = self
            .docs()
            .iter()
            .filter(|d| {
                d.annotations.annotator != "gold"
                    && crate::agree::measures::has_annotations(&d.annotations)
                    && status.is_none_or(|s| d.annotations.status.to_string() == s)
            })
            .cloned()
            .collect();
        match super::agreement::Agreement::new(&docs, &labels) {
            Ok(a) => self.view = View::Agreement(Box::new(a)),
            Err(why) => self.message = Some(why),
        }
    }

    /// Keys of the review, dashboard and compare views; false in the list.
    fn view_key(&mut self, key: KeyEvent) -> bool {
        match &mut self.view {
            View::Review(r) => {
                r.key(key);
                if let Some(item) = r.open.take() {
                    self.open = Some(Opening {
                        article: item.article,
                        annotator: item.annotator,
                        at: Some(item.at),
                        read_only: !r.edit,
                    });
                }
                if r.close {
                    self.view = View::List;
                }
                true
            }
            View::Compare(c) => {
                c.key(key);
                let (close, next_b, edit) = (c.close, c.next_b, c.edit.take());
                let b_name = c.b.annotations.annotator.clone();
                let article = c.a.name.clone();
                if let Some(at) = edit {
                    self.open = Some(Opening {
                        article,
                        annotator: "gold".to_owned(),
                        at: Some(at),
                        read_only: false,
                    });
                    self.view = View::List;
                } else if next_b {
                    // The gold copy's lock goes with this view before the next one takes it.
                    let a_name = c.a.annotations.annotator.clone();
                    self.view = View::List;
                    self.compare_next_b(&article, &a_name, &b_name);
                } else if close {
                    self.view = View::List;
                    self.reload_after(Some(&article));
                }
                true
            }
            View::Agreement(g) => {
                g.key(key);
                if let Some(d) = g.open.take() {
                    let (a, b) = (g.a_name(), g.b_name());
                    self.open_compare(&d.article, &a, &b, Some(d.at));
                } else if g.close {
                    self.view = View::List;
                }
                true
            }
            View::Curation(_) => {
                self.curation_key(key);
                true
            }
            View::ChooseSides(c) => {
                match c.key(key) {
                    Chosen::Waiting => {}
                    Chosen::Cancelled => self.view = View::List,
                    Chosen::Both(a, b) => {
                        let article = c.article.clone();
                        self.view = View::List;
                        self.open_compare(&article, &a, &b, None);
                    }
                }
                true
            }
            View::Dashboard(_) => {
                if matches!(key.code, KeyCode::Esc | KeyCode::Char('q' | 'd')) {
                    self.view = View::List;
                }
                true
            }
            View::List => false,
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        // A terminal sends Esc and a key typed right after it as one Alt-key; no screen here
        // binds Alt, so they are the two keys they were.
        if key.modifiers.contains(KeyModifiers::ALT)
            && let KeyCode::Char(_) = key.code
        {
            self.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            if !self.quit {
                self.key(KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT));
            }
            return;
        }
        self.message = None;
        if self.view_key(key) {
            return;
        }

        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.typing_filter {
            self.typing_filter = super::review::type_into(&mut self.filter, key);
            self.index = 0;
            return;
        }
        let len = self.visible().len();
        match key.code {
            KeyCode::Char('c') if ctrl => self.quit = true,
            // q quits (once the filters are cleared); Esc only ever clears them, so that Esc
            // pressed once too often on the way back from a screen never ends the program.
            KeyCode::Char('q') if self.filter.is_empty() && self.status.is_none() => {
                self.quit = true;
            }
            KeyCode::Esc if self.busy() => self.stop_loading(),
            KeyCode::Char('q') | KeyCode::Esc => {
                if self.filter.is_empty() && self.status.is_none() {
                    self.message = Some("q quits".to_owned());
                }
                self.filter.clear();
                self.status = None;
                self.whose = None;
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.index = (self.index + 1).min(len.saturating_sub(1));
            }
            KeyCode::Up | KeyCode::Char('k') => self.index = self.index.saturating_sub(1),
            KeyCode::PageDown => self.index = (self.index + 10).min(len.saturating_sub(1)),
            KeyCode::PageUp => self.index = self.index.saturating_sub(10),
            KeyCode::Char('g') | KeyCode::Home => self.index = 0,
            KeyCode::Char('G') | KeyCode::End => self.index = len.saturating_sub(1),
            KeyCode::Char('/') => {
                self.typing_filter = true;
                self.filter.clear();
            }
            KeyCode::Char('s') => self.sort = self.sort.next(),
            KeyCode::Char('f') => {
                self.status = match self.status {
                    None => Some(STATUSES[0]),
                    Some(s) => STATUSES
                        .iter()
                        .position(|x| *x == s)
                        .and_then(|i| STATUSES.get(i + 1))
                        .copied(),
                };
                self.index = 0;
            }
            KeyCode::Char('F') => {
                // The status filter looks at the next annotator's files; after the last,
                // at this annotator's again.
                let team = &self.summary.annotators;
                let at = self
                    .whose
                    .as_ref()
                    .and_then(|w| team.iter().position(|x| x == w));
                let start = at.map_or(0, |i| i + 1);
                self.whose = team
                    .iter()
                    .skip(start)
                    .find(|w| **w != self.annotator)
                    .cloned();
                self.status = self.status.or(Some(STATUSES[0]));
                self.index = 0;
            }
            KeyCode::Enter => {
                self.open = self.visible().get(self.index).map(|a| Opening {
                    article: a.name.clone(),
                    annotator: self.annotator.clone(),
                    at: None,
                    read_only: false,
                });
            }
            KeyCode::Char('r' | 'd' | 'A') if self.busy() => {
                self.message = Some("still reading the annotation files; esc stops".to_owned());
            }
            KeyCode::Char('r') => self.with_docs(load::Then::Review),
            KeyCode::Char('c') => self.choose_sides(),
            KeyCode::Char('A') => self.with_docs(load::Then::Agreement),
            KeyCode::Char('C') => self.curate(),
            KeyCode::Char('d') => self.with_docs(load::Then::Dashboard),
            _ => {}
        }
    }
}

pub fn render(b: &Browser, frame: &mut Frame) {
    match &b.view {
        View::Review(r) => return super::review::render(r, &b.look, frame),
        View::Dashboard(d) => {
            return super::review::render_dashboard(d, &b.summary, &b.look, frame);
        }
        View::Compare(c) => return super::compare::render(c, &b.look, frame),
        View::Agreement(g) => return super::agreement::render(g, &b.look, frame),
        View::Curation(v) => return super::curation::render(v, &b.look, frame),
        View::List | View::ChooseSides(_) => {}
    }
    let [head, gauge, table, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let total = b.summary.articles.len();
    let progress = b.summary.progress(&b.annotator);
    let finished = progress["done"] + progress["reviewed"];
    frame.render_widget(
        Line::from(vec![
            Span::styled(
                format!(" {} ", sanitize_line(&b.summary.project)),
                b.look.status(),
            ),
            Span::raw(format!(
                " {total} articles · annotator {} · {} in-progress · {} done · {} reviewed",
                sanitize_line(&b.annotator),
                progress["in-progress"],
                progress["done"],
                progress["reviewed"]
            )),
        ]),
        head,
    );
    let ratio = if total == 0 {
        0.0
    } else {
        f64::from(u32::try_from(finished).unwrap_or(u32::MAX))
            / f64::from(u32::try_from(total).unwrap_or(u32::MAX))
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(b.look.focus())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!("{finished}/{total} done")),
        gauge,
    );
    render_table(b, table, frame);
    let hint = if let Some(reading) = b.loading_line() {
        reading
    } else if let Some(m) = &b.message {
        format!(" {} ", sanitize_line(m))
    } else if b.typing_filter {
        format!(
            " filter: {}▏ enter keeps it, esc too ",
            sanitize_line(&b.filter)
        )
    } else {
        fit(
            "⏎ open · q quit · / filter · f status · F whose · s sort · r review · c compare · \
             C curate · A agree · d dashboard",
            usize::from(foot.width),
        )
    };
    frame.render_widget(Line::styled(hint, b.look.dim()), foot);
    if let View::ChooseSides(c) = &b.view {
        sides::render(c, &b.look, frame);
    }
}

/// The articles, one row each, the highlighted one reversed.
fn render_table(b: &Browser, table: ratatui::layout::Rect, frame: &mut Frame) {
    let others: Vec<&String> = b
        .summary
        .annotators
        .iter()
        .filter(|a| **a != b.annotator)
        .collect();
    // Only the rows that fit are built: a corpus has thousands of articles.
    let visible = b.visible_places();
    let height = usize::from(table.height.saturating_sub(2)).max(1);
    let index = b.index.min(visible.len().saturating_sub(1));
    let mut offset = b.offset.get().min(visible.len().saturating_sub(height));
    if index < offset {
        offset = index;
    } else if index >= offset + height {
        offset = index + 1 - height;
    }
    b.offset.set(offset);
    let rows: Vec<Row> = visible
        .iter()
        .skip(offset)
        .take(height)
        .map(|&i| {
            let a = &b.summary.articles[i];
            let mine = a.files.get(&b.annotator);
            // Two articles of one title are told apart by their file names.
            let title = if a.title.is_empty() {
                a.name.clone()
            } else if b.shown.borrow().shares_title(i) {
                format!("{} ({})", a.title, a.name)
            } else {
                a.title.clone()
            };
            let status = mine.map_or("todo", |f| f.status.as_str()).to_owned();
            let counts = mine.map_or_else(String::new, |f| {
                format!("{:>4} {:>4} {:>4}", f.mentions, f.attributions, f.stances)
            });
            let other: Vec<String> = others
                .iter()
                .filter_map(|who| a.files.get(*who).map(|f| format!("{who}:{}", f.status)))
                .collect();
            Row::new(vec![
                Cell::from(sanitize_line(&clip(&title, 80))),
                Cell::from(status),
                Cell::from(counts),
                Cell::from(sanitize_line(&other.join(" "))),
            ])
        })
        .collect();
    let header = Row::new(vec!["article", "status", "men  att  sta", "others"])
        .style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [
        Constraint::Min(20),
        Constraint::Length(11),
        Constraint::Length(14),
        Constraint::Percentage(25),
    ];
    let mut state = TableState::default();
    if !rows.is_empty() {
        state.select(Some(index - offset));
    }
    let filter = match (b.filter.is_empty(), b.status) {
        (true, None) => String::new(),
        (_, status) => format!(
            " · filter {:?}{}",
            b.filter,
            status.map_or_else(String::new, |s| format!(
                ", {} status {s}",
                sanitize_line(b.whose.as_deref().unwrap_or("my"))
            ))
        ),
    };
    let title = format!(" Articles · sorted by {}{filter} ", b.sort.word());
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::TOP).title(title))
            .row_highlight_style(b.look.highlight()),
        table,
        &mut state,
    );
}
