//! One keystroke and the frame after it, at 200x60, on a 4 MB novel with 20,000 mentions
//! and the attributions, sourcings and stances that link them:
//! the work an analyst waits for on every key. It must not grow with the article or the
//! number of annotations, so it is measured at the start, the middle and the end.
//!
//! The novel is `../shared/corpus/large/austen_six_novels.txt` when present (public
//! domain); otherwise a generated text of the same size.
//!
//! The same is measured on 4 MB texts in Cyrillic, Arabic and CJK when
//! `examples/gen_scripts.rs` has written them (see `support/scripts.rs`); without them the
//! bench says so and measures the novel alone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/novel.rs"]
mod novel;
#[path = "support/scripts.rs"]
mod scripts;
#[path = "support/spread.rs"]
mod spread;

use novel::{MENTIONS, novel};

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyEvent};
use glossator::model::Annotations;
use glossator::schema::Schema;
use glossator::text::Article;
use glossator::tui::{
    App, KeyCombo, Keymap, OpenRequest, handle_event, load_app, render, viewport,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn annotations(article: &Article, schema: &Schema) -> Annotations {
    spread::annotations(article, schema, MENTIONS)
}

fn key(k: &str) -> Event {
    let combo: KeyCombo = k.parse().unwrap();
    Event::Key(KeyEvent::new(combo.code, combo.mods))
}

struct Rig {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Rig {
    fn new() -> Self {
        Self::on(novel())
    }

    fn on(article: Article) -> Self {
        let annotations = annotations(&article, &Schema::news());
        Self::with(article, annotations)
    }

    fn with(article: Article, annotations: Annotations) -> Self {
        let schema = Schema::news();
        let app = App::new(
            article,
            annotations,
            schema,
            Keymap::default_keys(),
            std::env::temp_dir().join("glossator-bench.ann.ron"),
            false,
        );
        let mut rig = Self {
            app,
            terminal: Terminal::new(TestBackend::new(200, 60)).unwrap(),
        };
        rig.frame();
        rig
    }

    fn frame(&mut self) {
        let area = ratatui::layout::Rect::new(0, 0, 200, 60);
        self.app.set_viewport(viewport(area));
        let app = &self.app;
        self.terminal.draw(|f| render(app, f)).unwrap();
    }

    /// One key through the binary's path, then the frame.
    fn press(&mut self, k: &str) {
        black_box(handle_event(&mut self.app, &key(k)));
        self.frame();
    }

    fn go(&mut self, fraction: f64) {
        let text = &self.app.doc.article().text;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let mut at = ((text.len() as f64) * fraction) as usize;
        at = at.min(text.len().saturating_sub(1));
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let p = self.app.doc.article().paragraph_at(at);
        self.app.view.cursor = self.app.doc.article().paragraphs[p].start;
        self.app.view.anchor = None;
        self.frame();
    }
}

/// A cursor move, a selection extended, and a label undone, at the start, middle and end.
fn keys(c: &mut Criterion, group: &str, rig: &mut Rig) {
    println!(
        "{group}: {} bytes, {} paragraphs, {} mentions, {} attributions, {} sourcings, {} stances",
        rig.app.doc.article().text.len(),
        rig.app.doc.article().paragraphs.len(),
        rig.app.doc.annotations().mentions.len(),
        rig.app.doc.annotations().attributions.len(),
        rig.app.doc.annotations().sourcings.len(),
        rig.app.doc.annotations().stances.len(),
    );
    // A word of the middle paragraph, in upper case: found in any case by `n`.
    let query: String = {
        let text = &rig.app.doc.article().text;
        let p = &rig.app.doc.article().paragraphs[rig.app.doc.article().paragraphs.len() / 2];
        text[p.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.chars().count() >= 2)
            .unwrap_or("the")
            .chars()
            .take(4)
            .collect::<String>()
            .to_uppercase()
    };
    println!("{group}: searching for {query:?}");
    let mut group = c.benchmark_group(group);
    for (name, at) in [("start", 0.0), ("middle", 0.5), ("end", 0.999)] {
        rig.go(at);
        rig.app.search.last = Some(query.clone());
        // n and N in turn: to the next match and back, near this place.
        group.bench_function(BenchmarkId::new("search_next", name), |b| {
            let mut next = true;
            b.iter(|| {
                rig.press(if next { "n" } else { "N" });
                next = !next;
            });
        });
        rig.go(at);
        group.bench_function(BenchmarkId::new("cursor_move", name), |b| {
            let mut down = true;
            b.iter(|| {
                rig.press(if down { "j" } else { "k" });
                down = !down;
            });
        });
        rig.go(at);
        rig.press("v");
        group.bench_function(BenchmarkId::new("selection_extend", name), |b| {
            let mut right = true;
            b.iter(|| {
                rig.press(if right { "l" } else { "h" });
                right = !right;
            });
        });
        rig.press("esc");
        rig.go(at);
        // Label a word and undo it: two keystrokes and two frames per iteration.
        group.bench_function(BenchmarkId::new("label_then_undo", name), |b| {
            b.iter(|| {
                rig.press("v");
                rig.press("2");
                rig.press("u");
            });
        });
    }
    group.finish();
}

fn keystroke(c: &mut Criterion) {
    for (name, article) in scripts::present() {
        let group = format!(
            "keystroke_and_frame_200x60_{}",
            name.trim_end_matches(".txt")
        );
        keys(c, &group, &mut Rig::on(article));
    }
    let mut rig = Rig::new();
    keys(c, "keystroke_and_frame_200x60", &mut rig);
    // The same novel with every suggestion the rules make on it, unreviewed.
    let schema = Schema::news();
    let article = rig.app.doc.article().clone();
    let found = glossator::suggest::suggest(
        &article,
        &glossator::suggest::Rules::builtin(),
        &glossator::schema::Schema::news(),
    );
    let mut annotations = rig.app.doc.annotations().clone();
    let offered = annotations.offer(found, &schema);
    println!("{offered} suggestions");
    let mut rig = Rig::with(article, annotations);
    let mut group = c.benchmark_group("with_suggestions_200x60");
    rig.go(0.5);
    group.bench_function("cursor_move/middle", |b| {
        let mut down = true;
        b.iter(|| {
            rig.press(if down { "j" } else { "k" });
            down = !down;
        });
    });
    group.bench_function("next_suggestion_accept_undo/middle", |b| {
        b.iter(|| {
            rig.press(")");
            rig.press("y");
            rig.press("u");
        });
    });
    group.finish();
}

/// From the loaded text and annotations to the first frame: indexing, wrapping, drawing.
/// And a resize, which wraps again at the new width what the screen shows (no frame).
fn first_frame(c: &mut Criterion) {
    let schema = Schema::news();
    let article = novel();
    let annotations = annotations(&article, &schema);
    let mut group = c.benchmark_group("novel_200x60");
    group.sample_size(10);
    group.bench_function("app_and_first_frame", |b| {
        b.iter(|| {
            let mut rig = Rig {
                app: App::new(
                    article.clone(),
                    annotations.clone(),
                    schema.clone(),
                    Keymap::default_keys(),
                    std::env::temp_dir().join("glossator-bench.ann.ron"),
                    false,
                ),
                terminal: Terminal::new(TestBackend::new(200, 60)).unwrap(),
            };
            rig.frame();
            black_box(rig.app.view.top);
        });
    });
    let mut rig = Rig::new();
    group.bench_function("resize_rewrap_visible", |b| {
        let mut wide = true;
        b.iter(|| {
            let w = if wide { 120 } else { 200 };
            wide = !wide;
            let area = ratatui::layout::Rect::new(0, 0, w, 60);
            rig.app.set_viewport(viewport(area));
            black_box(rig.app.view.rows.wrapped());
        });
    });
    group.finish();
}

/// Saving 20,000 annotations atomically, and reading them back against the novel.
fn save_and_reload(c: &mut Criterion) {
    let schema = Schema::news();
    let article = novel();
    let annotations = annotations(&article, &schema);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("novel.ann.ron");
    let mut group = c.benchmark_group("annotations_20000");
    group.sample_size(10);
    group.bench_function("save", |b| {
        // One session, as the editor has: each save is the stamp check and the atomic write.
        let (mut session, _) =
            glossator::store::Session::open(&file, glossator::store::Options::default()).unwrap();
        b.iter(|| session.save(&annotations, &article).unwrap());
    });
    group.bench_function("reload", |b| {
        b.iter(|| {
            let parsed = glossator::store::read(&file).unwrap();
            black_box(parsed.resolve(&article));
        });
    });
    // What `glossator novel.txt` does before the user sees anything: read and normalise the
    // text, read and check the annotation file, build the app, draw the first frame.
    let text = dir.path().join("novel.txt");
    std::fs::write(&text, &article.text).unwrap();
    let mut on_disk = annotations.clone();
    on_disk.article.path = "novel.txt".into();
    glossator::store::session::write_once(
        &dir.path().join("novel.ann.ron"),
        &on_disk,
        &article,
        None,
    )
    .unwrap();
    let request = OpenRequest::new(text, "bench", schema.clone());
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    group.bench_function("open_from_disk_and_first_frame", |b| {
        b.iter(|| {
            let mut app = load_app(&request).unwrap();
            app.set_viewport(viewport(ratatui::layout::Rect::new(0, 0, 200, 60)));
            terminal.draw(|f| render(&app, f)).unwrap();
            black_box(app.view.top);
        });
    });
    group.finish();
}

/// Opening each text in another script from disk with its 20,000 annotations, to the first
/// frame: what `glossator cyrillic.txt` does before the user sees anything.
fn open_scripts(c: &mut Criterion) {
    let schema = Schema::news();
    for (name, article) in scripts::present() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join(name);
        std::fs::write(&text, &article.text).unwrap();
        let mut on_disk = annotations(&article, &schema);
        on_disk.article.path = name.into();
        glossator::store::session::write_once(
            &text.with_extension("ann.ron"),
            &on_disk,
            &article,
            None,
        )
        .unwrap();
        let request = OpenRequest::new(text, "bench", schema.clone());
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        let mut group = c.benchmark_group(format!("open_{}", name.trim_end_matches(".txt")));
        group.sample_size(10);
        group.bench_function("open_from_disk_and_first_frame", |b| {
            b.iter(|| {
                let mut app = load_app(&request).unwrap();
                app.set_viewport(viewport(ratatui::layout::Rect::new(0, 0, 200, 60)));
                terminal.draw(|f| render(&app, f)).unwrap();
                black_box(app.view.top);
            });
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = keystroke, first_frame, save_and_reload, open_scripts
}
criterion_main!(benches);
