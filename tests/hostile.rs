//! Hostile input through every loader, parser and importer, and through the TUI: a clear
//! error or a correct display, never a panic, a hang or a wrong offset. The inputs are made
//! here (invalid UTF-8, NUL bytes, a binary file, an empty file, a 10 MB single line, RTL with
//! combining marks, ZWJ emoji, wide CJK, ANSI escape sequences, truncated and mangled RON, a
//! schema with unknown labels), and property tests feed arbitrary bytes to every parser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use std::path::Path;

use glossator::schema::Schema;
use glossator::text::Article;
use glossator::tui::Keymap;
use proptest::prelude::*;

const HOSTILE: &str = "tests/fixtures/hostile";

/// The small hostile articles, by name, as committed in `tests/fixtures/hostile/` (a test
/// checks they are what this makes; `GLOSSATOR_WRITE_HOSTILE=1` writes them again).
fn small_articles() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("invalid-utf8.txt", b"caf\xe9 au lait\n".to_vec()),
        ("nul.txt", b"one\0two\n".to_vec()),
        ("binary.txt", (0u8..=255).cycle().take(4096).collect()),
        ("empty.txt", Vec::new()),
        (
            "rtl.txt",
            "مرحبا بالعالم\u{64b}\u{650} and עִבְרִית\n\nsecond \u{200f}line\u{200e} here\n"
                .as_bytes()
                .to_vec(),
        ),
        ("zwj.txt", "👩‍👩‍👧‍👦 family 🏳️‍🌈 flag 👍🏽\n".as_bytes().to_vec()),
        (
            "cjk.txt",
            "中文新闻：伊朗拒绝与反伊斯兰国联盟进行军事合作。\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "ansi.txt",
            b"red \x1b[31mRED\x1b[0m, title \x1b]0;pwned\x07, bell \x07, c1 \xc2\x9b2J\n".to_vec(),
        ),
    ]
}

/// All hostile articles: the committed ones, and a 10 MB single line made here (too big to
/// commit).
fn articles() -> Vec<(&'static str, Vec<u8>)> {
    let mut all: Vec<(&'static str, Vec<u8>)> = small_articles()
        .into_iter()
        .map(|(name, _)| (name, std::fs::read(format!("{HOSTILE}/{name}")).unwrap()))
        .collect();
    let mut long = "word ".repeat(2_000_000).into_bytes();
    long.push(b'\n');
    all.push(("ten-megabyte-line.txt", long));
    all
}

#[test]
fn the_committed_hostile_files_are_what_the_helper_makes() {
    let write = std::env::var("GLOSSATOR_WRITE_HOSTILE").is_ok();
    for (name, bytes) in small_articles() {
        let path = format!("{HOSTILE}/{name}");
        if write {
            std::fs::write(&path, &bytes).unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{path}");
    }
}

#[test]
fn every_hostile_article_loads_with_a_clear_error_or_displays_safely() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in articles() {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        // The importer says the same as the loader.
        let imported = glossator::ingest::text_of(&path);
        assert_eq!(imported.is_ok(), Article::load(&path).is_ok(), "{name}");
        match Article::load(&path) {
            Err(e) => {
                let msg = e.to_string();
                assert!(
                    msg.contains(name),
                    "{name}: the error names the file: {msg}"
                );
                assert!(
                    ["invalid-utf8.txt", "nul.txt", "binary.txt"].contains(&name),
                    "{name} should load: {msg}"
                );
            }
            Ok(article) => {
                // Offsets round-trip at every character.
                for (i, (b, _)) in article.text.char_indices().enumerate().step_by(997) {
                    assert_eq!(article.offsets.char_of_byte(b).unwrap(), i);
                    assert_eq!(article.offsets.byte_of_char(i).unwrap(), b);
                }
                let mut app = screen::app(path.to_str().unwrap());
                for (w, h) in [(80, 24), (40, 10)] {
                    let t = screen::play(&mut app, &["G", "v", "b", "1", "esc", "g"], w, h);
                    for line in screen::screen_text(&t) {
                        assert!(
                            !line.chars().any(char::is_control),
                            "{name} at {w}x{h}: a control character reached the screen: {line:?}"
                        );
                    }
                }
            }
        }
    }
}

/// Annotation files that are broken in the ways files break.
fn bad_ron() -> Vec<(&'static str, String)> {
    let good = std::fs::read_to_string("tests/fixtures/v1/park.ann.ron").unwrap();
    vec![
        ("truncated", good[..good.len() / 2].to_owned()),
        ("empty", String::new()),
        (
            "mangled",
            good.replace("mentions: [", "mentions: [[")
                .replace("\"m3\"", "m3"),
        ),
        ("nul", good.replace("alice", "al\0ice")),
        (
            "deep",
            format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        ),
        (
            "huge number",
            good.replace("start: 36", "start: 99999999999999999999999"),
        ),
        ("negative", good.replace("start: 36", "start: -36")),
        ("escape", good.replace("Ana Ruiz", "Ana\\u{1b}[31mRuiz")),
    ]
}

#[test]
fn broken_annotation_files_are_refused_with_a_position() {
    let article = Article::load(Path::new("tests/fixtures/v1/park.txt")).unwrap();
    for (name, source) in bad_ron() {
        match glossator::store::read_str(Path::new("x.ann.ron"), source) {
            Err(d) => {
                let msg = d.to_string();
                assert!(msg.starts_with("x.ann.ron"), "{name}: {msg}");
            }
            Ok(parsed) => {
                // What parses must still be checked against the text before use; odd
                // characters inside a name are data, and the screen shows them as
                // placeholders (checked with the articles above).
                let (_, problems) = parsed.resolve(&article);
                assert!(
                    matches!(name, "escape" | "nul") || !problems.is_empty(),
                    "{name}: accepted without a problem"
                );
            }
        }
    }
}

#[test]
fn a_schema_with_unknown_labels_in_its_links_is_refused_with_every_reason() {
    let src = glossator::schema::DEFAULT_SCHEMA
        .replace(
            "claim: [\"Claim\"], speaker: [\"Speaker\"]",
            "claim: [\"Claim\"], speaker: [\"Spokesperson\"]",
        )
        .replace("holder: [\"Speaker\", \"Source\"]", "holder: [\"Pundit\"]");
    let errs = Schema::parse(Path::new("s.ron"), &src).unwrap_err();
    let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
    let joined = text.join("\n");
    assert!(joined.contains("Spokesperson"), "{joined}");
    assert!(joined.contains("Pundit"), "{joined}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_parser_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let p = Path::new("x");
        let _ = Article::from_bytes(p, &bytes);
        let _ = glossator::store::read_str(p, text.clone());
        let _ = glossator::brat::parse(p, &text);
        let _ = Keymap::parse(p, &text);
        let _ = Schema::parse(p, &text);
        let _ = glossator::tui::Theme::parse(p, &text);
        let _ = glossator::ingest::markdown(&text);
        let _ = glossator::ingest::html(p, &text);
    }

    #[test]
    fn no_parser_panics_on_text_that_looks_like_its_format(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("(".to_owned()), Just(")".to_owned()), Just("[".to_owned()), Just("]".to_owned()),
                Just("format: 1,".to_owned()), Just("mentions:".to_owned()), Just("\"m1\"".to_owned()),
                Just("T1\tClaim 0 5\tabc\n".to_owned()), Just("E1\tAttribution:T1 Content:T2\n".to_owned()),
                Just("start: 3".to_owned()), Just(";".to_owned()), Just("\t".to_owned()),
                Just("\n".to_owned()), "[a-z0-9 ]{0,8}".prop_map(|s| s),
            ],
            0..40,
        )
    ) {
        let text: String = pieces.concat();
        let p = Path::new("x");
        let _ = glossator::store::read_str(p, text.clone());
        let _ = glossator::brat::parse(p, &text);
        let _ = Keymap::parse(p, &text);
    }
}
