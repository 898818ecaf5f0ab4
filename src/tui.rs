//! The terminal interface. Terminal `Event`s become `Action`s through the keymap;
//! `App::update` applies them; `view::render` draws the state. The loop is generic over the
//! ratatui backend and the event source, so tests drive it through the same key path as the
//! binary.

mod action;
pub mod agreement;
mod app;
pub mod browser;
pub mod compare;
pub mod curation;
mod describe;
mod effect;
mod fit;
mod form;
mod keymap;
mod look;
mod mode;
mod picker;
pub mod review;
mod rows;
pub mod saving;
pub mod screen;
mod terminal;
mod view;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;

pub use action::Action;
pub use app::{App, Flow, Focus, SaveState, Viewport};
pub use effect::Effect;
pub use form::Field;
pub use keymap::{DEFAULT_KEYMAP, KeyCombo, Keymap};
pub use look::{Depth, Look, Theme};
pub use mode::Mode;
pub use picker::{Choice, Pick, Picker};
pub use rows::{Row, RowPos};
pub use terminal::{EventSource, Next, TerminalEvents};
pub use view::{help_rows, render, viewport};

use crate::model::{Annotations, ArticleRef};
use crate::schema::Schema;
use crate::store;
use crate::text::Article;

/// What to open.
#[derive(Debug, Clone)]
pub struct OpenRequest {
    pub article: PathBuf,
    /// Annotation file; default `<article>.ann.ron` beside the article.
    pub out: Option<PathBuf>,
    pub annotator: String,
    pub schema: Schema,
    pub keymap: Keymap,
    pub theme: Theme,
    pub depth: Depth,
    /// Where a copy of the work goes when saving to the real file fails.
    pub recovery_dir: Option<PathBuf>,
    /// Open view-only: nothing is changed or saved.
    pub read_only: bool,
}

impl OpenRequest {
    /// Default keys, the dark theme in true colour: what tests and the demo start from.
    pub fn new(article: PathBuf, annotator: &str, schema: Schema) -> Self {
        Self {
            article,
            out: None,
            annotator: annotator.to_owned(),
            schema,
            keymap: Keymap::default_keys(),
            theme: Theme::dark(),
            depth: Depth::True,
            recovery_dir: None,
            read_only: false,
        }
    }
}

/// Loads the article and its annotations, failing with a readable message before the
/// terminal is touched. Takes no lock (tests open one file twice); [`open`] does.
pub fn load_app(req: &OpenRequest) -> anyhow::Result<App> {
    load(req, false)
}

/// Opens the annotation file through its store session, places it on the article (drift
/// triage when the article changed), and lines up the questions the session raised: work
/// in a journal, copies of earlier sessions, a view-only file.
fn load(req: &OpenRequest, lock: bool) -> anyhow::Result<App> {
    // The article is opened first, so that a missing one is reported before anything
    // else, and read once the annotation file is parsed and its text let go: the two
    // files' texts are never in memory together.
    let article_file = Article::open(&req.article)?;
    let file = req
        .out
        .clone()
        .unwrap_or_else(|| store::annotation_path_for(&req.article));
    let options = store::Options {
        disk: store::Disk::real(),
        recovery_dir: req.recovery_dir.clone(),
        read_only: req.read_only,
        lock,
    };
    let (session, mut found) = store::Session::open(&file, options)?;
    if let Some(parsed) = &mut found.parsed {
        parsed.release_source();
    }
    let article = Article::read(&req.article, article_file)?;
    let mut drift = None;
    let on_disk = found.parsed.is_some();
    // The file's records go as soon as the model has them: the app is built without them.
    let annotations = if let Some(mut parsed) = found.parsed.take() {
        // The article changed: find every span again by its quote, for the user to review.
        let (annotations, mut problems) = if parsed.file.article.sha256 == article.sha256 {
            parsed.resolve_taking(&article)
        } else {
            let (annotations, report) = parsed.reanchor(&article);
            drift = Some(report);
            let problems = crate::model::check(&annotations, &article.text);
            (annotations, problems)
        };
        problems.extend(req.schema.check(&annotations));
        if !problems.is_empty() {
            anyhow::bail!(
                "{} has {} problem(s); nothing was changed. Run `glossator validate {}` \
                 and fix them first:\n{}",
                file.display(),
                problems.len(),
                file.display(),
                parsed.show(&problems)
            );
        }
        annotations
    } else {
        Annotations::new(
            ArticleRef::of(&req.article, &article),
            req.annotator.clone(),
        )
    };
    let mut app = App::new(
        article,
        annotations,
        req.schema.clone(),
        req.keymap.clone(),
        file,
        on_disk,
    );
    app.on_disk.session = session;
    app.on_disk.earlier = offers(&app, &found.earlier);
    if let Some(old) = app.on_disk.session.took_over() {
        app.message = Some(format!(
            "took over the lock of a glossator that is gone ({old})"
        ));
    }
    if let Some(report) = drift {
        app.start_triage(report);
    } else {
        // What a merge left for a person comes first.
        app.start_conflicts();
    }
    offer_recovery(&mut app, found.journal);
    app.next_question();
    if let Some(why) = app.on_disk.session.view_only() {
        app.message = Some(format!("view only: {why}; nothing can be saved here"));
    }
    app.look = Look::new(req.theme.clone(), req.depth, &req.schema);
    Ok(app)
}

/// Each copy of earlier work, read and compared with the file for the question.
fn offers(app: &App, earlier: &[store::session::Earlier]) -> Vec<app::Offer> {
    earlier
        .iter()
        .map(|e| {
            let annotations = store::read(&e.path)
                .map_err(|d| d.to_string())
                .and_then(|p| {
                    let (a, problems) = p.resolve(app.doc.article());
                    if problems.is_empty() {
                        Ok(a)
                    } else {
                        Err(format!("it has {} problem(s)", problems.len()))
                    }
                });
            let summary = match &annotations {
                Ok(copy) => crate::compare::summary(app.doc.article(), app.doc.annotations(), copy),
                Err(why) => why.clone(),
            };
            app::Offer {
                earlier: e.clone(),
                annotations,
                summary,
            }
        })
        .collect()
}

/// When the journal holds something the file does not, asks the user (the Recover mode)
/// before anything else.
fn offer_recovery(app: &mut App, journal: Option<(u64, String)>) {
    let Some((secs, ron)) = journal else {
        return;
    };
    let path = store::journal::journal_path(app.file());
    let parsed = store::read_str(&path, ron);
    let earlier_text = parsed
        .as_ref()
        .is_ok_and(|p| p.file.article.sha256 != app.doc.article().sha256);
    let recovered = parsed.map(|p| p.resolve(app.doc.article()));
    match recovered {
        Ok((mut annotations, problems)) if problems.is_empty() => {
            annotations.sort();
            if annotations == *app.doc.annotations() {
                app.on_disk.session.drop_journal();
            } else {
                // Written after the journal: another program changed it since (our saves
                // leave no older journal behind).
                app.on_disk.recovery_behind = std::fs::metadata(app.file())
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .is_some_and(|t| t.as_secs() > secs);
                app.on_disk.recovery = Some((annotations, secs));
                // After the triage of a changed article, if there is one.
                if app.mode != Mode::Triage {
                    app.mode = Mode::Recover;
                }
            }
        }
        _ => {
            let kept = app.on_disk.session.set_journal_aside();
            app.message = Some(match kept {
                Ok(aside) if earlier_text => format!(
                    "unsaved work in {} was made on an earlier text of the article; it was kept as {}",
                    path.display(),
                    aside.display()
                ),
                Ok(aside) => format!(
                    "{} could not be read back; it was kept as {}",
                    path.display(),
                    aside.display()
                ),
                Err(e) => format!("{} could not be read back ({e})", path.display()),
            });
        }
    }
}

/// Opens the TUI and runs it until the user quits.
pub fn open(req: &OpenRequest) -> anyhow::Result<()> {
    let mut app = load(req, true)?;
    let mut terminal = ratatui::try_init().context("starting the terminal interface")?;
    // Without mouse reports the terminal keeps its own selection; that is all we lose.
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = TerminalEvents::start()
        .context("starting the input and signal threads")
        .and_then(|mut events| run_guarded(&mut terminal, &mut app, &mut events));
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    if let Some(note) = app.exit_note() {
        errln!("{note}");
    }
    result
}

/// Opens the corpus browser of `project`; `Enter` annotates an article as `req.annotator`
/// with `req`'s keys and looks, and leaving it comes back to the browser.
pub fn open_project(project: crate::project::Project, req: &OpenRequest) -> anyhow::Result<()> {
    let look = Look::new(req.theme.clone(), req.depth, &req.schema);
    let mut browser = browser::Browser::new(project, &req.annotator, look);
    browser.recovery_dir.clone_from(&req.recovery_dir);
    browser.keymap = req.keymap.clone();
    let mut terminal = ratatui::try_init().context("starting the terminal interface")?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = TerminalEvents::start()
        .context("starting the input and signal threads")
        .and_then(|mut events| browse(&mut terminal, &mut browser, req, &mut events));
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// The browser and the articles it opens, until the user quits the browser.
pub fn browse<B: Backend>(
    terminal: &mut Terminal<B>,
    browser: &mut browser::Browser,
    req: &OpenRequest,
    events: &mut impl EventSource,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    // While files are read beside the loop it wakes every few milliseconds, to show the
    // screen as soon as they are in, and draws how far they got every frame or so.
    const READING_WAKE: Duration = Duration::from_millis(4);
    const READING_FRAME: Duration = Duration::from_millis(16);
    let mut redraw = true;
    let mut drawn = std::time::Instant::now();
    loop {
        if redraw {
            terminal.draw(|frame| browser::render(browser, frame))?;
            drawn = std::time::Instant::now();
        }
        if browser.quit {
            return Ok(());
        }
        if let Some(opening) = browser.open.take() {
            match open_from_project(browser, &opening, req) {
                Ok(mut app) => {
                    if let Some(at) = opening.at {
                        app.open_at(at);
                    }
                    run_guarded(terminal, &mut app, events)?;
                    browser.message = app.exit_note();
                }
                Err(e) => browser.message = Some(format!("{e:#}")),
            }
            browser.reload_after(Some(&opening.article));
            redraw = true;
            continue;
        }
        let wait = if browser.busy() {
            READING_WAKE
        } else {
            Duration::from_millis(500)
        };
        let next = events.next(wait);
        browser.tick();
        // Only the progress line moved: drawn once a frame.
        redraw = !matches!(next, Next::Idle) || !browser.busy() || drawn.elapsed() >= READING_FRAME;
        match next {
            Next::Event(Event::Key(key)) if key.kind != KeyEventKind::Release => browser.key(key),
            Next::Stop(reason) => {
                let saved = browser.stop();
                return Err(Stopped(format!("stopped by {reason}; {saved}")).into());
            }
            _ => {}
        }
    }
}

/// The app for one article of the browser's project, as the browser's annotator.
fn open_from_project(
    browser: &browser::Browser,
    opening: &browser::Opening,
    req: &OpenRequest,
) -> anyhow::Result<App> {
    let project = &browser.project;
    let name = &opening.article;
    let out = project.writable_annotation_path(&opening.annotator, name)?;
    let schema = project.schema().map_err(crate::diagnostic::Diagnostics)?;
    load(
        &OpenRequest {
            article: project.articles_dir().join(name),
            out: Some(out),
            schema,
            annotator: opening.annotator.clone(),
            read_only: req.read_only || opening.read_only,
            ..req.clone()
        },
        true,
    )
}

/// Why a session ended before the user quit: a signal or a vanished terminal. The work was
/// saved first (or the save's failure is in the message).
#[derive(Debug)]
pub struct Stopped(pub String);

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Stopped {}

/// Saves what is not saved yet because the session must end now, and says so.
fn stop(app: &mut App, reason: &str) -> anyhow::Error {
    // Text being typed in a form is work too.
    app.finish_pending();
    // Nothing is saved before the re-anchored spans are reviewed: the work goes where the
    // next open offers it back.
    if app.mode == Mode::Triage && app.dirty() {
        let kept = app
            .on_disk
            .session
            .rescue(app.doc.annotations(), app.doc.article());
        let kept: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
        return Stopped(format!(
            "stopped by {reason} while the re-anchored spans were being reviewed; the work is in {}",
            if kept.is_empty() {
                "memory only (nothing could be written)".to_owned()
            } else {
                kept.join(" and ")
            }
        ))
        .into();
    }
    let saved = if app.dirty() {
        perform(app, &Effect::Save);
        match &app.on_disk.save_state {
            SaveState::Saved => format!("the work was saved to {}", app.file().display()),
            SaveState::Failed(why) => format!("saving failed: {why}"),
            SaveState::Conflict(copy) => format!(
                "{} had been changed by another program; the work was saved to {copy}",
                app.file().display()
            ),
            SaveState::New | SaveState::Unsaved => String::new(),
        }
    } else {
        "nothing was unsaved".to_owned()
    };
    Stopped(format!("stopped by {reason}; {saved}")).into()
}

/// Draws, waits for an event, applies it; until the app wants to quit. A signal or a lost
/// terminal ends the session after saving.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut autosave = saving::Autosave::default();
    // Draw after something happened; an idle tick that changes nothing sends nothing, so a
    // quiet session costs no terminal (or SSH) traffic.
    let mut redraw = true;
    loop {
        // A save beside the loop came back: its outcome is shown.
        redraw |= saving::land(app, false);
        if redraw {
            let drawn = terminal.size().map(|size| {
                app.set_viewport(viewport(size.into()));
            });
            if let Err(e) =
                drawn.and_then(|()| terminal.draw(|frame| render(app, frame)).map(|_| ()))
            {
                return Err(stop(app, &format!("a terminal error ({e})")));
            }
        }
        redraw = true;
        if app.quit {
            saving::land(app, true);
            return Ok(());
        }
        // While a save is under way, wake up often to show its outcome soon; while a change
        // waits for the journal, soon enough to write it in time.
        let pending = app.on_disk.session.journal_pending(app.work_version());
        let wait = if saving::busy(app) {
            20
        } else if pending {
            200
        } else {
            500
        };
        let mut next = events.next(Duration::from_millis(wait));
        // Keys that arrived together (a held key, a paste, a fast typist) are handled
        // together and drawn once.
        let mut batch = 0;
        while let Next::Event(event) = &next {
            for effect in handle_event(app, event) {
                if effect == Effect::Suspend {
                    if app.dirty() {
                        perform(app, &Effect::Save);
                    }
                    if events.suspend() {
                        // A blank frame makes the next one repaint every cell, without
                        // `Terminal::clear`, whose cursor query the input thread would eat.
                        let _ = terminal.draw(|f| {
                            f.render_widget(ratatui::widgets::Clear, f.area());
                        });
                    } else {
                        app.message =
                            Some("ctrl-z: there is no shell to return to here".to_owned());
                    }
                } else if effect == Effect::Save && !app.quitting() {
                    saving::save_beside(app);
                } else {
                    perform(app, &effect);
                }
            }
            batch += 1;
            if app.quit || app.mode != Mode::Reading || batch >= 64 {
                break;
            }
            next = events.next(Duration::ZERO);
            if matches!(next, Next::Idle) {
                break;
            }
        }
        match next {
            Next::Event(_) => {}
            // Idle only when no key came: the end of a batch of keys is not idle time.
            Next::Idle if batch > 0 => {}
            Next::Idle => {
                if autosave.due(app) && !saving::busy(app) {
                    saving::save_beside(app);
                } else {
                    redraw = false;
                }
            }
            Next::Stop(reason) => return Err(stop(app, &reason)),
        }
        autosave.note(app);
        journal(app);
    }
}

/// Sends the unsaved work (what a form holds too) to the session's journal; the session
/// decides how often it is written.
fn journal(app: &mut App) {
    // The save under way empties the journal when it is done; what changes meanwhile goes
    // to the journal after it.
    if saving::busy(app) {
        return;
    }
    let version = app.work_version();
    let now = std::time::Instant::now();
    // Asked before the work is gathered: between entries, a key costs nothing here.
    if !app.on_disk.session.journal_due(version, now) {
        return;
    }
    if let Some(work) = app.unsaved_work() {
        app.on_disk
            .session
            .journal(&work, app.doc.article(), version, now);
    }
}

/// [`run`], and if a bug panics inside it, the unsaved work is written where it cannot hurt
/// the real file (the journal, and a copy in the recovery folder) before the error is
/// reported. (ratatui's panic hook has restored the terminal by then.)
pub fn run_guarded<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl EventSource,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(terminal, app, events)));
    let Ok(result) = outcome else {
        return Err(after_panic(app));
    };
    result
}

/// Keeps the unsaved work after a panic: the journal and a recovery copy.
fn after_panic(app: &mut App) -> anyhow::Error {
    saving::abandon(app);
    let kept = match app.unsaved_work() {
        Some(work) => app.on_disk.session.rescue(&work, app.doc.article()),
        None => Vec::new(),
    };
    let kept: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
    Stopped(format!(
        "glossator hit a bug and stopped; {}",
        if kept.is_empty() {
            "nothing was unsaved".to_owned()
        } else {
            format!(
                "your unsaved work is in {} and is offered back when you open the file again",
                kept.join(" and ")
            )
        }
    ))
    .into()
}

/// Carries out an effect and reports its outcome to the app. Every read and write goes
/// through the app's store session.
pub fn perform(app: &mut App, effect: &Effect) {
    // What the store is asked next waits for the save under way.
    let landed = *effect != Effect::Suspend && saving::land(app, true);
    match effect {
        // That save left nothing unsaved.
        Effect::Save if landed && !app.dirty() => app.nothing_left_to_save(),
        Effect::Save if app.mode == Mode::Triage => {
            app.message = Some(
                "the article changed: review the re-anchored spans first (a accepts them)".into(),
            );
        }
        Effect::Save => {
            let result = app
                .on_disk
                .session
                .save(app.doc.annotations(), app.doc.article());
            app.saved(result);
            // Text still being typed in the form was not in that save: journal it again.
            if app.unsaved_work().is_some() {
                app.on_disk.session.journal_again();
            }
        }
        Effect::SaveAs(to) => {
            let result = app
                .on_disk
                .session
                .save_as(to, app.doc.annotations(), app.doc.article());
            app.saved_as(to, result);
        }
        Effect::Reload => {
            let theirs = match app.on_disk.session.reload() {
                Ok(parsed) => {
                    let (theirs, problems) = parsed.resolve(app.doc.article());
                    if problems.is_empty() {
                        Ok(theirs)
                    } else {
                        Err(format!(
                            "their file has {} problem(s) and cannot be loaded",
                            problems.len()
                        ))
                    }
                }
                Err(d) => Err(d.to_string()),
            };
            app.reloaded(theirs);
        }
        Effect::SetAsideJournal => {
            if let Err(e) = app.on_disk.session.set_journal_aside() {
                app.message = Some(format!("the journal could not be set aside: {e}"));
            }
        }
        Effect::SetAsideEarlier => {
            if !app.on_disk.earlier.is_empty() {
                let offer = app.on_disk.earlier.remove(0);
                if let Err(e) = app.on_disk.session.set_aside(&offer.earlier) {
                    app.message = Some(format!("the copy could not be set aside: {e}"));
                }
            }
            app.next_question();
        }
        // The loop hands the terminal over; nothing to do without one.
        Effect::Suspend => {}
    }
}

/// One terminal event through the keymap into `update`; returns the effects it asks for.
pub fn handle_event(app: &mut App, event: &Event) -> Vec<Effect> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            // Ctrl-C always quits (saving first), whatever the keymap says.
            if key.code == KeyCode::Char('c') && ctrl {
                return app.request_quit();
            }
            // Raw mode turns Ctrl-Z into a key; suspend as the shell would.
            if key.code == KeyCode::Char('z') && ctrl {
                return vec![Effect::Suspend];
            }
            if app.takes_text() {
                return app.text_key(*key);
            }
            if let Some(action) = app.action_for(KeyCombo::from_event(*key)) {
                return app.update(action);
            }
            if app.mode == Mode::Object {
                app.object_unbound();
            }
            Vec::new()
        }
        Event::Mouse(m) => {
            app.mouse(*m);
            Vec::new()
        }
        _ => Vec::new(),
    }
}
