//! The lead's screens on a generated project, in process: each screen's first frame (the
//! browser with and without its summary cache; review, the dashboard and agreement with every
//! annotation file read first; compare and curation on the first article) and a `j` handled
//! and drawn in each, at 120x40.
//!
//! Usage: `cargo run --release --example gen_project -- /tmp/p10k 10000`, then
//! `GLOSSATOR_SCREENS_PROJECT=/tmp/p10k cargo bench --bench screens`. Without the variable,
//! a project of 1,000 articles is written to `target/screens-project` on first use. A filter
//! (`-- review`, `-- "agreement/j"`) runs only the benches it names and opens only their
//! screens. Review's and the dashboard's first frames read every file again each time (the
//! screens cache left in place: as a lead reopens them); agreement reads them all.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/news.rs"]
mod news;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use glossator::project::Project;
use glossator::tui::Look;
use glossator::tui::browser::{Browser, View, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn project_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("GLOSSATOR_SCREENS_PROJECT") {
        return PathBuf::from(dir);
    }
    let dir = PathBuf::from("target/screens-project");
    if !dir.join("articles").is_dir() {
        news::write_project(&dir, 1000, &["ana", "ben"]);
    }
    dir
}

fn press(b: &mut Browser, code: KeyCode) {
    b.key(KeyEvent::new(code, KeyModifiers::NONE));
    b.settle();
}

fn draw(b: &Browser, t: &mut Terminal<TestBackend>) {
    t.draw(|f| render(b, f)).unwrap();
}

fn browser(dir: &std::path::Path) -> Browser {
    Browser::new(Project::open(dir).unwrap(), "ana", Look::default())
}

/// The filter given on the command line (`cargo bench --bench screens -- FILTER`), if any.
fn filter() -> Option<String> {
    std::env::args().skip(1).find(|a| !a.starts_with('-'))
}

/// Whether a bench of this name runs: a filter runs only what it names, so the screens it
/// leaves out are not opened in setup either (each takes seconds on 10,000 articles).
fn wanted(name: &str) -> bool {
    filter().is_none_or(|f| {
        regex::Regex::new(&f).map_or_else(|_| name.contains(&f), |re| re.is_match(name))
    })
}

/// A screen's first frame from its key(s), every file read anew each time, then a `j` there.
fn screen(c: &mut Criterion, b: &mut Browser, name: &str, keys: &[KeyCode]) {
    let (first, j) = (format!("{name}/first frame"), format!("{name}/j"));
    if !wanted(&first) && !wanted(&j) {
        return;
    }
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function(&first, |bench| {
        bench.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                press(b, KeyCode::Esc);
                // Review, the dashboard and agreement read every file again.
                b.reload();
                let start = Instant::now();
                for k in keys {
                    press(b, *k);
                }
                draw(b, &mut t);
                spent += start.elapsed();
            }
            spent
        });
    });
    // Opened here when a filter left the first frame out.
    if matches!(b.view, View::List) {
        for k in keys {
            press(b, *k);
        }
    }
    assert!(
        !matches!(b.view, View::List),
        "{name} opened: {:?}",
        b.message
    );
    c.bench_function(&j, |bench| {
        bench.iter(|| {
            press(b, KeyCode::Char('j'));
            draw(b, &mut t);
        });
    });
    press(b, KeyCode::Esc);
}

fn screens(c: &mut Criterion) {
    let dir = project_dir();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    if wanted("browser/first frame, no summary cache") {
        c.bench_function("browser/first frame, no summary cache", |bench| {
            bench.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(dir.join(".cache"));
                },
                |()| draw(&browser(&dir), &mut t),
                BatchSize::PerIteration,
            );
        });
    }
    // The cache as the last opening wrote it.
    drop(browser(&dir));
    if wanted("browser/first frame, summary cache") {
        c.bench_function("browser/first frame, summary cache", |bench| {
            bench.iter(|| draw(&browser(&dir), &mut t));
        });
    }
    let mut b = browser(&dir);
    if wanted("browser/j") {
        c.bench_function("browser/j", |bench| {
            bench.iter(|| {
                press(&mut b, KeyCode::Char('j'));
                draw(&b, &mut t);
            });
        });
    }
    press(&mut b, KeyCode::Home);
    screen(c, &mut b, "review", &[KeyCode::Char('r')]);
    screen(c, &mut b, "dashboard", &[KeyCode::Char('d')]);
    screen(c, &mut b, "agreement", &[KeyCode::Char('A')]);
    // The second article: the first has one annotator.
    press(&mut b, KeyCode::Down);
    screen(
        c,
        &mut b,
        "compare",
        &[KeyCode::Char('c'), KeyCode::Enter, KeyCode::Enter],
    );
    screen(c, &mut b, "curation", &[KeyCode::Char('C')]);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    targets = screens
}
criterion_main!(benches);
