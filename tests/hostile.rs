//! Hostile input through every loader, parser and importer, and through the TUI: a clear
//! error or a correct display, never a panic, a hang or a wrong offset. The inputs are made
//! here (invalid UTF-8, NUL bytes, a binary file, an empty file, a 10 MB single line, RTL with
//! combining marks, ZWJ emoji, wide CJK, ANSI escape sequences, truncated and mangled RON, a
//! schema with unknown labels), and property tests feed arbitrary bytes to every parser.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use std::fmt::Write as _;
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

// Inputs built to exhaust time, memory or the stack. Each is refused up front or answered
// with a bounded message; none may panic, abort or print without end.

fn glossator() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("glossator").unwrap();
    cmd.env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .env_remove("GLOSSATOR_ANNOTATOR")
        .env("GLOSSATOR_DATA_DIR", "/nonexistent-glossator-test-dir");
    cmd
}

/// The park fixture beside `dir/park.ann.ron`, its first mention given `fragments`.
fn park_with_fragments(dir: &Path, fragments: usize) -> std::path::PathBuf {
    std::fs::copy("tests/fixtures/v1/park.txt", dir.join("park.txt")).unwrap();
    let good = std::fs::read_to_string("tests/fixtures/v1/park.ann.ron").unwrap();
    let many = "(start: 1, end: 2, quote: \"x\"), ".repeat(fragments);
    let bad = good.replacen(
        "fragments: [(start: 36,",
        &format!("fragments: [{many}(start: 36,"),
        1,
    );
    let path = dir.join("park.ann.ron");
    std::fs::write(&path, bad).unwrap();
    path
}

#[test]
fn thousands_of_problems_on_one_long_line_give_a_bounded_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = park_with_fragments(dir.path(), 2_000);
    let out = glossator().arg("validate").arg(&file).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.len() < 100_000,
        "{} bytes of diagnostics: {}",
        stderr.len(),
        &stderr[..2_000.min(stderr.len())]
    );
    assert!(stderr.contains("more problem"), "{}", &stderr[..2_000]);
    // The excerpt is a window of the line around the caret, not the whole 70 KB line.
    assert!(
        stderr.lines().all(|l| l.chars().count() < 400),
        "a line is too long"
    );
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("park.ann.ron: 3999 problems"), "{stdout}");
}

#[test]
fn a_keymap_with_thousands_of_unknown_keys_lists_a_few_dozen() {
    let src = format!(
        "(reading: {{{}}})",
        (0..5_000)
            .map(|i| format!("\"hyper-{i}\": quit, "))
            .collect::<Vec<_>>()
            .concat()
    );
    let errs = Keymap::parse(Path::new("k.ron"), &src).unwrap_err();
    assert!(errs.len() <= 60, "{} diagnostics", errs.len());
    let last = errs.last().unwrap().to_string();
    assert!(last.contains("and 4960 more problems"), "{last}");
    let all: usize = errs.iter().map(|d| d.to_string().len()).sum();
    assert!(all < 100_000, "{all} bytes");
}

/// A file of `size` bytes that takes no room on disk.
fn sparse(path: &Path, size: u64) {
    std::fs::File::create(path).unwrap().set_len(size).unwrap();
}

#[test]
fn files_over_their_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let gib = 1 << 30;
    let check = |what: &str, msg: String, name: &str| {
        assert!(msg.contains(name), "{what}: names the file: {msg}");
        assert!(msg.contains("1073741824 bytes"), "{what}: its size: {msg}");
        assert!(msg.contains("limit"), "{what}: the limit: {msg}");
    };
    let ann = dir.path().join("big.ann.ron");
    sparse(&ann, gib);
    check(
        "annotations",
        glossator::store::read(&ann).unwrap_err().to_string(),
        "big.ann.ron",
    );
    let keymap = dir.path().join("keymap.ron");
    sparse(&keymap, gib);
    check(
        "keymap",
        Keymap::load(Some(&keymap)).unwrap_err()[0].to_string(),
        "keymap.ron",
    );
    let schema = dir.path().join("schema.ron");
    sparse(&schema, gib);
    check(
        "schema",
        Schema::load(&schema).unwrap_err()[0].to_string(),
        "schema.ron",
    );
    let config = dir.path().join("config.ron");
    sparse(&config, gib);
    check(
        "config",
        glossator::settings::Config::load(&config, true)
            .unwrap_err()
            .to_string(),
        "config.ron",
    );
    // The command line says the same, and exits with "invalid data".
    glossator()
        .arg("validate")
        .arg(&ann)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("limit"));
}

#[test]
fn a_brat_equiv_line_with_sixty_thousand_ids_imports_and_the_folder_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("brat");
    std::fs::create_dir(&src).unwrap();
    let words: Vec<String> = (0..60_000).map(|i| format!("w{i}")).collect();
    let text = words.join(" ");
    let mut ann = String::new();
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        let end = at + w.len();
        writeln!(ann, "T{i}\tSpeaker {at} {end}\t{w}").unwrap();
        at = end + 1;
    }
    let ids: Vec<String> = (0..60_000).map(|i| format!("T{i}")).collect();
    writeln!(ann, "*\tEquiv {}", ids.join(" ")).unwrap();
    std::fs::write(src.join("a.txt"), &text).unwrap();
    std::fs::write(src.join("a.ann"), &ann).unwrap();
    // A broken file beside it, and a good one: the broken one is named, the others import.
    std::fs::write(src.join("b.txt"), "Ana said.").unwrap();
    std::fs::write(src.join("b.ann"), "T1\tSpeaker 0 99\tAna\n").unwrap();
    std::fs::write(src.join("c.txt"), "Ana said.").unwrap();
    std::fs::write(src.join("c.ann"), "T1\tSpeaker 0 3\tAna\n").unwrap();
    let p = dir.path().join("corpus");
    glossator().arg("init").arg(&p).assert().success();
    let out = glossator()
        .args(["import", "brat"])
        .arg(&src)
        .arg("--into")
        .arg(&p)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stdout.contains("imported 2 file(s), 1 failed"),
        "{stdout}\n{stderr}"
    );
    assert!(stdout.contains("1 entities"), "{stdout}");
    assert!(stderr.contains("b.ann"), "{stderr}");
}

#[test]
fn deeply_nested_html_is_refused_before_extraction() {
    let page = format!(
        "<html><body>{}<p>Words.</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let err = glossator::ingest::html(Path::new("deep.html"), &page)
        .unwrap_err()
        .to_string();
    assert!(err.contains("deep.html"), "{err}");
    assert!(err.contains("nested"), "{err}");
    let page = format!(
        "<html><body><p>{}</p></body></html>",
        "&amp;".repeat(2_000_000)
    );
    let err = glossator::ingest::html(Path::new("amp.html"), &page)
        .unwrap_err()
        .to_string();
    assert!(err.contains("amp.html"), "{err}");
    assert!(err.contains("limit"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.html");
    sparse(&big, 1 << 30);
    let err = glossator::ingest::text_of(&big).unwrap_err().to_string();
    assert!(err.contains("big.html") && err.contains("limit"), "{err}");
}

#[test]
fn hand_edited_numbers_at_the_edge_are_refused_not_overflowed() {
    let article = Article::load(Path::new("tests/fixtures/v1/park.txt")).unwrap();
    let good = std::fs::read_to_string("tests/fixtures/v1/park.ann.ron").unwrap();
    // An offset at the top of the range is a problem of that mention, not an overflow.
    let src = good.replace("start: 36", "start: 18446744073709551615");
    let parsed = glossator::store::read_str(Path::new("x.ann.ron"), src).unwrap();
    let (_, problems) = parsed.resolve(&article);
    assert!(
        problems.iter().any(|p| p.id.as_deref() == Some("m1")),
        "{problems:?}"
    );
    // An id with no successor is refused where it is written.
    let src = good.replace("\"m14\"", "\"m4294967295\"");
    let err = glossator::store::read_str(Path::new("x.ann.ron"), src)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("x.ann.ron:29:"), "{err}");
    assert!(err.contains("m4294967295"), "{err}");
    // A label key numbered from 0 is refused with its place.
    let errs = Keymap::parse(Path::new("k.ron"), "(reading: {\"x\": label(0)})").unwrap_err();
    let msg = errs[0].to_string();
    assert!(msg.starts_with("k.ron:1:"), "{msg}");
    assert!(msg.contains("label(1)"), "{msg}");
}

#[test]
fn utf16_files_are_named_as_utf16_with_the_command_that_converts_them() {
    let utf16: Vec<u8> = std::iter::once(0xfeff_u16)
        .chain("Ana said.\n".encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = Article::from_bytes(Path::new("story.txt"), &utf16)
        .unwrap_err()
        .to_string();
    assert!(err.contains("story.txt") && err.contains("UTF-16"), "{err}");
    assert!(err.contains("iconv -f UTF-16 -t UTF-8"), "{err}");
    assert!(!err.contains("latin1"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("x.ann.ron");
    std::fs::write(&ron, &utf16).unwrap();
    let err = glossator::store::read(&ron).unwrap_err().to_string();
    assert!(err.contains("UTF-16") && err.contains("iconv"), "{err}");
    let keymap = dir.path().join("keymap.ron");
    std::fs::write(&keymap, &utf16).unwrap();
    let err = Keymap::load(Some(&keymap)).unwrap_err()[0].to_string();
    assert!(err.contains("UTF-16"), "{err}");
}

#[test]
fn messages_never_name_the_programs_own_types() {
    let good = std::fs::read_to_string("tests/fixtures/v1/park.ann.ron").unwrap();
    let mut messages = Vec::new();
    for src in [
        "[]".to_owned(),
        "(format: 1)".to_owned(),
        "Foo(format: 1)".to_owned(),
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
        good.replace("format: 1", "format: \"one\""),
        good.replace("start: 36", "start: (1)"),
        good.replace("status: InProgress", "status: Busy"),
    ] {
        let err = glossator::store::read_str(Path::new("x.ann.ron"), src).unwrap_err();
        messages.push(err.to_string());
    }
    for src in [
        "[]",
        "Keys(reading: {})",
        "(reading: [])",
        "(reading: {\"x\": 5})",
    ] {
        messages.push(Keymap::parse(Path::new("k.ron"), src).unwrap_err()[0].to_string());
    }
    for src in ["[]", "(name: 5)", "(labels: [(name: \"x\")])"] {
        messages.push(Schema::parse(Path::new("s.ron"), src).unwrap_err()[0].to_string());
    }
    for m in &messages {
        for word in [
            "Probe",
            "serde_stacker",
            "FileV1",
            "MentionV1",
            "KeymapFile",
            "Schema`",
            "struct",
            "ron::",
            "u32",
            "usize",
            "Bindings",
        ] {
            assert!(!m.contains(word), "{word:?} reached the user: {m}");
        }
    }
}

#[test]
fn a_stance_held_by_its_own_target_fails_validation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/v1/park.txt", dir.path().join("park.txt")).unwrap();
    let good = std::fs::read_to_string("tests/fixtures/v1/park.ann.ron").unwrap();
    let file = dir.path().join("park.ann.ron");
    std::fs::write(
        &file,
        good.replace(
            "holder: \"e1\", target: Mention(\"m11\")",
            "holder: \"m11\", target: Mention(\"m11\")",
        ),
    )
    .unwrap();
    glossator()
        .arg("validate")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "st1: the stance's holder m11 is also its target",
        ));
}
