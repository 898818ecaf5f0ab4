//! Drives the corpus browser as its loop does: each key through `Browser::press`, which
//! performs the effects the browser can; what it hands on (an article to open in the editor)
//! is kept for the test to look at, and any other effect fails the test, as the loop would
//! not know it. The screen is drawn on a `TestBackend` and read back as text.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::Path;

use crossterm::event::Event;
use glossator::project::Project;
use glossator::schema::Schema;
use glossator::tui::Look;
use glossator::tui::browser::{Browser, Opening, render};
use glossator::tui::screen::Effect;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::screen::key;

pub struct Harness {
    pub browser: Browser,
    /// Articles the browser asked its loop to open, not yet looked at by the test.
    opened: Vec<Opening>,
    terminal: Terminal<TestBackend>,
}

impl Harness {
    pub fn new(browser: Browser, width: u16, height: u16) -> Self {
        Self {
            browser,
            opened: Vec::new(),
            terminal: Terminal::new(TestBackend::new(width, height)).unwrap(),
        }
    }

    /// Presses `keys` ("j", "enter", "ctrl-c", "G"...) one by one; between two, the files
    /// read beside the loop come in, as the loop takes them in before the next key.
    pub fn press(&mut self, keys: &[&str]) -> &mut Self {
        for k in keys {
            let Event::Key(ev) = key(k) else {
                panic!("{k} is not a key")
            };
            for effect in self.browser.press(ev) {
                match effect {
                    Effect::Open(o) => self.opened.push(o),
                    other => panic!("the browser's loop does not handle {other:?} (after {k})"),
                }
            }
            self.browser.settle();
        }
        self
    }

    /// Presses `keys` as [`Harness::press`] does, but without waiting for what is read or
    /// worked out beside the loop: the loop draws and takes keys meanwhile.
    pub fn press_now(&mut self, keys: &[&str]) -> &mut Self {
        for k in keys {
            let Event::Key(ev) = key(k) else {
                panic!("{k} is not a key")
            };
            for effect in self.browser.press(ev) {
                match effect {
                    Effect::Open(o) => self.opened.push(o),
                    other => panic!("the browser's loop does not handle {other:?} (after {k})"),
                }
            }
        }
        self
    }

    /// Types `text` into whatever takes typed text.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.press(&[&c.to_string()]);
        }
        self
    }

    /// The article the browser asked to open; fails when it asked for none.
    pub fn opened(&mut self) -> Opening {
        assert!(
            !self.opened.is_empty(),
            "no article was opened: {:?}",
            self.browser.message
        );
        self.opened.remove(0)
    }

    /// The screen as text, one line per row, trailing blanks cut.
    pub fn screen(&mut self) -> String {
        let b = &self.browser;
        self.terminal.draw(|f| render(b, f)).unwrap();
        let buf = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The footer, the screen's last line.
    pub fn footer(&mut self) -> String {
        self.screen().lines().last().unwrap_or_default().to_owned()
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        assert!(
            self.opened.is_empty() || std::thread::panicking(),
            "the browser opened {:?} and the test never looked (call opened())",
            self.opened
        );
    }
}

/// A project with the self-written park article annotated by a1 (done) and by bob (a1's
/// work with the first claim shortened and the last left out), and a second, untouched
/// article.
pub fn two_annotators(dir: &Path) -> Project {
    let p = Project::init(&dir.join("corpus"), None).unwrap();
    let imported = glossator::brat::import_dir(
        Path::new("tests/fixtures/brat/polnear-style"),
        &p,
        &glossator::brat::Mapping::polnear(),
        &Schema::news(),
        "a1",
    )
    .unwrap();
    assert_eq!((imported.done.len(), imported.failed.len()), (1, 0));
    p.add_text("second", "A Second Story\n\nNobody said anything yet.\n")
        .unwrap();
    add_bob(&p);
    p
}

/// The browser of [`two_annotators`] as a1, with `keymap` (a user file's text) laid over
/// the default keys when given.
pub fn browser(dir: &Path, keymap: Option<&str>) -> Browser {
    let mut b = Browser::new(two_annotators(dir), "a1", Look::default());
    if let Some(src) = keymap {
        b.keymap = glossator::tui::Keymap::default_keys()
            .with_user_file(Path::new("mine.ron"), src)
            .unwrap();
    }
    b
}

/// bob: a1's work on the park article with the first claim shortened and the last claim
/// left out, written beside a1's; the article and the part of the claim bob kept.
pub fn add_bob(p: &Project) -> (glossator::text::Article, glossator::model::Span) {
    let a1 = p.annotation_path("a1", "council.txt");
    let article = glossator::text::Article::load(&p.articles_dir().join("council.txt")).unwrap();
    let (mut bob, problems) = glossator::store::read(&a1).unwrap().resolve(&article);
    assert_eq!(problems, vec![]);
    bob.annotator = "bob".into();
    let first = bob
        .mentions
        .iter()
        .find(|m| m.fragments.len() == 2)
        .unwrap()
        .id;
    let kept = bob.mention(first).unwrap().fragments[0];
    bob.resize_mention(first, kept);
    let last = bob
        .mentions
        .iter()
        .find(|m| m.label == "Claim" && m.extent().start > 240)
        .unwrap()
        .id;
    bob.remove_mention(last);
    let bob_file = p.annotation_path("bob", "council.txt");
    std::fs::create_dir_all(bob_file.parent().unwrap()).unwrap();
    glossator::store::session::write_once(&bob_file, &bob, &article, None).unwrap();
    (article, kept)
}
