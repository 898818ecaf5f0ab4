//! The corpus browser: every article of a project with its title, the annotator's status and
//! counts, the other annotators' statuses, and the project's progress. Sort, filter by text
//! or status, and `Enter` to annotate; leaving the article comes back here with the counts
//! brought up to date.

mod agree_cache;
mod curate;
mod list;
mod load;
mod sheets;
mod sides;
mod work;

pub use sides::{ChooseSides, Chosen};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;

mod shown;

use super::keymap::{KeyCombo, Keymap};
use super::look::Look;
use super::review::{Dashboard, Review};
use super::screen::{CompareAction, CurationAction, Effect, Help, lookup, route};
use crate::export::Doc;
use crate::project::Project;
use crate::project::summary::{ArticleSummary, Summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    Title,
    Status,
    Mentions,
}

impl Sort {
    pub(super) fn next(self) -> Self {
        match self {
            Self::Name => Self::Title,
            Self::Title => Self::Status,
            Self::Status => Self::Mentions,
            Self::Mentions => Self::Name,
        }
    }

    pub(super) fn word(self) -> &'static str {
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

pub use super::screen::{Opening, Then};

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
    pub quit: bool,
    pub look: Look,
    /// Why the last article could not be opened.
    pub message: Option<String>,
    /// Where a copy of gold goes when it cannot be saved.
    pub recovery_dir: Option<std::path::PathBuf>,
    /// The list last shown, kept until the filter, status, sort or summary change.
    shown: std::cell::RefCell<shown::Shown>,
    /// Every annotation file's review rows and dashboard counts, for review and the
    /// dashboard; gathered when first needed (from the screens cache where it can).
    sheets: Option<sheets::Sheets>,
    /// Those being gathered beside the loop.
    reading: Option<sheets::Reading>,
    /// Agreement's measures being worked out beside the loop.
    working: Option<work::Working>,
    /// The last measuring's thread, which writes the agreement cache after its figures.
    measurer: Option<work::Measurer>,
    /// How many files the last agreement took from its cache, and how many it read.
    agreement_read: Option<(usize, usize)>,
    /// The keys of every screen (and of the editor it opens articles in).
    pub keymap: Keymap,
    /// The `?` help, over the screen shown.
    pub help: Option<Help>,
    /// The screens to go back to when the one shown closes (agreement, under the compare
    /// view it opened); the list when there is none.
    behind: Vec<View>,
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
            quit: false,
            look,
            message: None,
            recovery_dir: None,
            working: None,
            measurer: None,
            agreement_read: None,
            sheets: None,
            reading: None,
            shown: std::cell::RefCell::default(),
            keymap: Keymap::default_keys(),
            help: None,
            behind: Vec::new(),
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
        // Review is closed first: the rows it shares are then taken back, not copied.
        let was = match std::mem::replace(&mut self.view, View::List) {
            View::Review(r) => Some((r.label, r.annotator, r.polarity, r.filter, r.index)),
            other => {
                self.view = other;
                None
            }
        };
        if let Some(a) = article {
            self.refresh_sheets(a);
        } else {
            self.sheets = None;
        }
        if let Some((label, annotator, polarity, filter, index)) = was {
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
        let sides = self.sides_of(article, files);
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

    /// The agreement view: every pair of annotators over the whole project, measured beside
    /// the loop (from the agreement cache where it can); it opens when the measures are in.
    pub(super) fn agreement(&mut self) {
        let (working, thread) = work::Working::start(
            self.project.clone(),
            self.schema_or_news(),
            self.status,
            self.measurer.take(),
        );
        self.working = Some(working);
        self.measurer = Some(thread);
    }

    /// A key, as the loop hands it over: its effects performed, an article to open kept in
    /// `open` for the loop.
    pub fn key(&mut self, key: KeyEvent) {
        for effect in self.press(key) {
            match effect {
                Effect::Open(o) => self.open = Some(o),
                other => self.message = Some(format!("nothing here can do {other:?}")),
            }
        }
    }

    /// A key: the screen shown turns it into effects, which are performed here; those the
    /// browser cannot perform itself (opening an article in the editor) are returned.
    pub fn press(&mut self, key: KeyEvent) -> Vec<Effect> {
        // A terminal sends Esc and a key typed right after it as one Alt-key; no screen here
        // binds Alt, so they are the two keys they were.
        if key.modifiers.contains(KeyModifiers::ALT)
            && let KeyCode::Char(_) = key.code
        {
            let mut out = self.press(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            if !self.quit {
                out.extend(self.press(KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT)));
            }
            return out;
        }
        // Ctrl-C quits from every screen, whatever the keymap says (no section may bind it);
        // gold taken in compare or curation is saved first.
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            self.help = None;
            // Gold changed on disk is a question, not unsaved work: the lead's gold is in its
            // copy, which the next opening of gold offers back.
            let saved = self.gold_saved();
            let clean = match &self.view {
                View::Compare(c) => !c.dirty,
                View::Curation(v) => !v.dirty,
                _ => false,
            };
            if saved || clean {
                self.quit = true;
            }
            return Vec::new();
        }
        // What the footer said, for the help to show whole if this key opens it.
        let said = self.message.take().or_else(|| self.view_message());
        if let Some(help) = &mut self.help {
            if !help.key(&self.keymap, key) {
                self.help = None;
                // A question the help was opened over is asked again.
                match &mut self.view {
                    View::Compare(c) => c.ask_changed(&self.keymap),
                    View::Curation(v) => v.ask_changed(&self.keymap),
                    _ => {}
                }
            }
            return Vec::new();
        }
        // Gold changed on disk while compare adjudicated it: keys answer that first.
        // (`?` still shows the help, and with it the whole question.)
        let combo = KeyCombo::from_event(key);
        let keys = &self.keymap.screens;
        match &mut self.view {
            View::Compare(c)
                if c.changed_on_disk.is_some()
                    && lookup(&keys.compare, combo) != Some(CompareAction::Help) =>
            {
                c.changed_key(&self.keymap, key);
                return Vec::new();
            }
            View::Curation(v)
                if v.changed_on_disk.is_some()
                    && lookup(&keys.curation, combo) != Some(CurationAction::Help) =>
            {
                v.changed_key(&self.keymap, key);
                return Vec::new();
            }
            _ => {}
        }
        let effects = self.screen_key(key);
        if let Some(help) = &mut self.help {
            help.message = said;
        }
        effects
    }

    /// The message of the compare or curation view shown, if it has one.
    fn view_message(&self) -> Option<String> {
        match &self.view {
            View::Compare(c) => c.message.clone(),
            View::Curation(v) => v.message.clone(),
            _ => None,
        }
    }

    /// A key for the screen shown (no help over it).
    fn screen_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if matches!(self.view, View::List) {
            let effects = self.list_key(key);
            return effects
                .into_iter()
                .filter_map(|e| self.perform(e))
                .collect();
        }
        let keys = &self.keymap.screens;
        let effects = match &mut self.view {
            View::List => Vec::new(),
            View::Review(r) => route(r.as_mut(), &keys.review, key),
            View::Dashboard(d) => route(d, &keys.dashboard, key),
            View::Agreement(g) => route(g.as_mut(), &keys.agreement, key),
            View::Compare(c) => route(c.as_mut(), &keys.compare, key),
            View::Curation(v) => route(v.as_mut(), &keys.curation, key),
            View::ChooseSides(_) => {
                self.sides_key(key);
                Vec::new()
            }
        };
        effects
            .into_iter()
            .filter_map(|e| self.perform(e))
            .collect()
    }

    /// Carries out what a screen asked for; returns what only the loop can do.
    pub fn perform(&mut self, effect: Effect) -> Option<Effect> {
        match effect {
            Effect::Open(_) => return Some(effect),
            Effect::LoadDocs(then) => self.with_docs(then),
            Effect::StopLoading => self.stop_loading(),
            Effect::CompareHighlighted { .. } => self.choose_sides(),
            Effect::Compare { article, a, b, at } => {
                // Compare goes back to the screen it was opened from.
                let from = std::mem::take(&mut self.view);
                self.open_compare(&article, &a, &b, at);
                if matches!(self.view, View::List) {
                    self.view = from;
                } else {
                    self.behind.push(from);
                }
            }
            Effect::Curate => self.curate(),
            Effect::CurateNext { forward } => self.curate_next(forward),
            Effect::Help => self.help = Some(self.help_of_view()),
            Effect::SaveGold => self.save_gold(),
            Effect::EditGold { at } => return self.edit_gold(at),
            Effect::NextB => self.next_b(),
            Effect::Close => self.close_view(),
            Effect::Quit => self.quit = true,
        }
        None
    }

    /// Closes the screen shown: back to the one it was opened from, or to the list.
    pub(super) fn go_back(&mut self) {
        self.view = self.behind.pop().unwrap_or_default();
    }

    /// The `?` help of the screen shown, from its section of the keymap.
    fn help_of_view(&self) -> Help {
        let keys = &self.keymap.screens;
        match &self.view {
            View::Review(_) => Help::of("review", &keys.review),
            View::Dashboard(_) => Help::of("dashboard", &keys.dashboard),
            View::Agreement(_) => Help::of("agreement", &keys.agreement),
            View::Compare(_) => Help::of("compare", &keys.compare),
            View::Curation(_) => Help::of("curation", &keys.curation),
            _ => Help::of("articles", &keys.browser),
        }
    }
}

pub fn render(b: &Browser, frame: &mut Frame) {
    let keys = &b.keymap.screens;
    match &b.view {
        View::Review(r) => super::review::render(r, &b.look, &keys.review, frame),
        View::Dashboard(d) => {
            super::review::render_dashboard(d, &b.summary, &b.look, &keys.dashboard, frame);
        }
        View::Compare(c) => super::compare::render(c, &b.look, &keys.compare, frame),
        View::Agreement(g) => super::agreement::render(g, &b.look, &keys.agreement, frame),
        View::Curation(v) => super::curation::render(v, &b.look, &keys.curation, frame),
        View::List => list::render(b, frame),
        View::ChooseSides(c) => {
            list::render(b, frame);
            sides::render(c, &b.look, frame);
        }
    }
    if let Some(help) = &b.help {
        help.draw(&b.keymap, frame);
    }
}
