//! The real binary in a pseudo-terminal, as a person uses it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::PtySession;

#[test]
fn the_demo_opens_scrolls_and_quits_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let mut s = PtySession::spawn(&[], data.path(), 80, 24);
    // The frame can reach the pseudo-terminal in pieces: wait for its last line too.
    let first = s.wait_for("the first screen with its status bar", |screen| {
        screen.contains("Iran Rejects Military Cooperation with Anti-ISIS")
            && screen.contains("q quit")
    });
    assert!(
        first.contains("TEHRAN (FNA)- Iran rejected military cooperation"),
        "{first}"
    );
    assert!(first.contains("1 Speaker"), "legend missing:\n{first}");
    assert!(first.contains("tester"), "annotator missing:\n{first}");
    assert!(
        first.contains("¶ 1/13 · 0 mentions · ? help · q quit"),
        "{first}"
    );
    assert!(
        !s.terminal_restored(),
        "the TUI should be on the alternate screen"
    );

    // The last paragraph is far below the first screen; G goes there.
    assert!(!first.contains("Leave a Reply"));
    s.send("G");
    s.wait_for_text("Leave a Reply");
    s.send("g");
    s.wait_for_text("Iran Rejects Military Cooperation");

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    s.wait_for("the terminal to be restored", |_| s.terminal_restored());
    // The demo was copied into the data folder; nothing was saved because nothing changed.
    let demo = data.path().join("demo");
    assert!(
        demo.join("fna_iran_rejects_military_cooperation.txt")
            .is_file()
    );
    assert!(
        !demo
            .join("fna_iran_rejects_military_cooperation.ann.ron")
            .exists()
    );
}

#[test]
fn an_annotated_article_shows_its_mentions() {
    let data = tempfile::tempdir().unwrap();
    support::copy_fixture(data.path(), "park.ann.ron");
    let article = support::copy_fixture(data.path(), "park.txt");
    let mut s = PtySession::spawn(&[&article], data.path(), 100, 24);
    // A frame is drawn in pieces: wait for the whole of it.
    s.wait_for("the title and the status bar", |t| {
        t.contains("Council Backs Riverside Park Plan") && t.contains("14 mentions")
    });
    s.send("}");
    s.wait_for_text("Speaker  'Mayor Ana Ruiz'");
    s.send("\u{3}");
    assert!(s.wait_exit().success());
}

#[test]
fn label_save_quit_and_reopen_shows_the_mention() {
    let data = tempfile::tempdir().unwrap();
    let article = data.path().join("park.txt");
    std::fs::copy("tests/fixtures/v1/park.txt", &article).unwrap();
    let path = article.to_str().unwrap();
    let mut s = PtySession::spawn(&[path], data.path(), 100, 24);
    s.wait_for_text("Council Backs Riverside Park Plan");
    // Select "Council Backs" and label it Claim, then quit: q saves first.
    s.send("vw2");
    s.wait_for_text("m1 labelled Claim");
    s.send("q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(data.path().join("park.ann.ron")).unwrap();
    assert!(
        saved.contains("(start: 0, end: 13, quote: \"Council Backs\")"),
        "{saved}"
    );
    let mut s = PtySession::spawn(&[path], data.path(), 100, 24);
    // A frame is drawn in pieces: wait for the whole of it.
    let screen = s.wait_for("the mention and the status bar", |t| {
        t.contains("Claim  'Council Backs'") && t.contains("1 mentions")
    });
    assert!(screen.contains("saved"), "{screen}");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_claim_and_its_speaker_linked_in_a_real_article_survive_save_and_reopen() {
    let data = tempfile::tempdir().unwrap();
    let article = data.path().join("fna.txt");
    std::fs::copy(
        "assets/demo/fna_iran_rejects_military_cooperation.txt",
        &article,
    )
    .unwrap();
    let path = article.to_str().unwrap();
    let mut s = PtySession::spawn(&[path], data.path(), 120, 40);
    s.wait_for_text("Iran Rejects Military Cooperation");
    s.send("/We deny\r");
    s.wait_for_text("/We deny: 1 match(es)");
    s.send("vwwwwwww2");
    s.wait_for_text("m1 labelled Claim");
    s.send("/she\r");
    s.wait_for_text("/she: ");
    s.send("v1");
    s.wait_for_text("Entity of m2");
    s.send("Marziyeh Afkham\r");
    s.wait_for_text("Kind of 'Marziyeh Afkham'");
    s.send("\r");
    s.wait_for_text("m2 is the new Person e1 'Marziyeh Afkham'");
    s.send("/We deny\r");
    s.wait_for_text("search wrapped");
    s.send("a");
    s.wait_for_text("Who said m1?");
    s.send("\r");
    s.wait_for_text("Cue of m1?");
    s.send("\r");
    s.wait_for_text("a1: Marziyeh Afkham --said--> '“We deny");
    s.send("q");
    assert!(s.wait_exit().success());

    let saved = std::fs::read_to_string(data.path().join("fna.ann.ron")).unwrap();
    let text = glossator::text::Article::load(&article).unwrap().text;
    let chars = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    let claim = "“We deny the news reports on military cooperation,”";
    let (c, sp) = (chars(claim), chars("she reiterated"));
    assert!(
        saved.contains(&format!(
            "fragments: [(start: {c}, end: {}, quote: \"{claim}\")]",
            c + claim.chars().count()
        )),
        "{saved}"
    );
    assert!(
        saved.contains(&format!(
            "fragments: [(start: {sp}, end: {}, quote: \"she\")], entity: Some(\"e1\")",
            sp + 3
        )),
        "{saved}"
    );
    assert!(
        saved.contains("(id: \"a1\", claim: \"m1\", speaker: Some(\"m2\"), cue: None)"),
        "{saved}"
    );
    // The offsets are code points: the curly quotes before the claim make bytes differ.
    assert_ne!(c, text.find(claim).unwrap());

    let mut s = PtySession::spawn(&[path], data.path(), 120, 40);
    s.wait_for_text("2 mentions");
    s.send("/We deny\r");
    let screen = s.wait_for_text("said  Marziyeh Afkham --said-->");
    assert!(
        screen.contains("Speaker  'she' = Marziyeh Afkham"),
        "{screen}"
    );
    assert!(
        screen.contains("Marziyeh Afkham (Person, 1 mention)"),
        "{screen}"
    );
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_project_opens_in_its_browser_and_annotating_an_article_updates_its_row() {
    let data = tempfile::tempdir().unwrap();
    let root = data.path().join("corpus");
    let project = glossator::project::Project::init(&root, None).unwrap();
    project
        .add_text("first", "The First Story\n\nShe said it was fine.\n")
        .unwrap();
    project
        .add_text("second", "The Second Story\n\nNobody said anything yet.\n")
        .unwrap();
    let path = root.to_str().unwrap();
    let mut s = PtySession::spawn(&[path], data.path(), 100, 24);
    let screen = s.wait_for_text("The Second Story");
    assert!(screen.contains("2 articles · annotator tester"), "{screen}");
    assert!(screen.contains("0/2 done"), "{screen}");
    s.send("j\r");
    s.wait_for_text("Nobody said anything yet.");
    s.send("vw2");
    s.wait_for_text("m1 labelled Claim");
    s.send("q");
    let screen = s.wait_for_text("1 in-progress");
    let row = screen
        .lines()
        .find(|l| l.contains("The Second Story"))
        .unwrap()
        .to_owned();
    assert!(row.contains("in-progress"), "{row}");
    assert!(row.contains(" 1 "), "one mention now: {row}");
    s.send("q");
    assert!(s.wait_exit().success());
    assert!(root.join("annotations/tester/second.ann.ron").is_file());
}

/// A session ended by SIGTERM or by the terminal hanging up (SIGHUP, what the kernel sends
/// when the window closes or the SSH link drops) saves unsaved work, restores nothing it
/// cannot, and exits; it never spins or waits.
#[test]
fn sigterm_sighup_and_sigint_save_the_work_and_end_the_process() {
    for signal in ["TERM", "HUP", "INT"] {
        let data = tempfile::tempdir().unwrap();
        let article = support::copy_fixture(data.path(), "park.txt");
        let mut s = PtySession::spawn(&[&article], data.path(), 100, 24);
        s.wait_for_text("Council Backs Riverside Park Plan");
        s.send("vw2");
        s.wait_for_text("m1 labelled Claim");
        let file = data.path().join("park.ann.ron");
        assert!(
            !file.exists(),
            "autosave waits for 3 idle seconds; nothing on disk yet"
        );
        s.signal(signal);
        let status = s.wait_exit();
        assert!(!status.success(), "{signal}: a stop is not a clean quit");
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(
            saved.contains("quote: \"Council Backs\""),
            "{signal}: the unsaved label was saved: {saved}"
        );
    }
}

/// A signal arrives while the file cannot be saved (here a link planted where the backup
/// goes): the work is in a recovery copy in the data folder, the message says where, and
/// the link's target is untouched.
#[test]
fn a_signal_with_a_failing_save_leaves_the_work_in_a_recovery_copy_and_says_where() {
    for signal in ["TERM", "HUP"] {
        let data = tempfile::tempdir().unwrap();
        let article = support::copy_fixture(data.path(), "park.txt");
        support::copy_fixture(data.path(), "park.ann.ron");
        let precious = data.path().join("precious.txt");
        std::fs::write(&precious, "keep me").unwrap();
        std::os::unix::fs::symlink(&precious, data.path().join("park.ann.ron~")).unwrap();
        let mut s = PtySession::spawn(&[&article], data.path(), 120, 30);
        s.wait_for_text("Council Backs Riverside Park Plan");
        s.send("vw5");
        s.wait_for_text("labelled Target");
        s.signal(signal);
        let status = s.wait_exit();
        assert!(!status.success());
        let screen = s.wait_for("the message", |t| t.contains("safe in"));
        assert!(screen.contains("symbolic link"), "{signal}: {screen}");
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
        let copies: Vec<_> = std::fs::read_dir(data.path().join("recovery"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(copies.len(), 1, "{signal}");
        let copy = std::fs::read_to_string(&copies[0]).unwrap();
        assert!(copy.contains("label: \"Target\""), "{signal}: {copy}");
        let name = copies[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            screen.replace('\n', "").contains(&name),
            "{signal}: {screen}"
        );
    }
}

#[test]
fn ctrl_z_without_a_shell_to_return_to_says_so_and_carries_on() {
    let data = tempfile::tempdir().unwrap();
    let article = support::copy_fixture(data.path(), "park.txt");
    let mut s = PtySession::spawn(&[&article], data.path(), 100, 24);
    s.wait_for_text("Council Backs Riverside Park Plan");
    // Started directly in its own session, nothing could resume a stopped glossator.
    s.send("\u{1a}");
    s.wait_for_text("ctrl-z: there is no shell to return to here");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_second_instance_on_the_same_file_is_refused_with_the_first_ones_pid() {
    let data = tempfile::tempdir().unwrap();
    let article = data.path().join("park.txt");
    std::fs::copy("tests/fixtures/v1/park.txt", &article).unwrap();
    let file = data.path().join("park.ann.ron");
    let held = glossator::store::guard::FileLock::acquire(&file).unwrap();
    let config = data.path().join("config.ron");
    std::fs::write(&config, "()\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_glossator"))
        .arg(&article)
        .env("GLOSSATOR_DATA_DIR", data.path())
        .env("GLOSSATOR_CONFIG", &config)
        .env_remove("GLOSSATOR_ANNOTATOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "park.ann.ron is open in another glossator (pid {}",
            std::process::id()
        )),
        "{err}"
    );
    drop(held);
    // Once the first lets go, a new instance opens it.
    let mut s = PtySession::spawn(&[article.to_str().unwrap()], data.path(), 100, 24);
    s.wait_for_text("Council Backs Riverside Park Plan");
    s.send("q");
    assert!(s.wait_exit().success());
}

/// kill -9 at different moments after an edit: every edit older than a second comes back
/// through the journal, and the annotation file always loads.
#[test]
fn kill_9_loses_at_most_the_last_second_and_recovery_restores_the_rest() {
    let data = tempfile::tempdir().unwrap();
    let article = data.path().join("fna.txt");
    std::fs::copy(
        "assets/demo/fna_iran_rejects_military_cooperation.txt",
        &article,
    )
    .unwrap();
    let text = glossator::text::Article::load(&article).unwrap();
    let file = data.path().join("fna.ann.ron");
    let path = article.to_str().unwrap();
    // (paragraph whose first word is labelled, milliseconds before the kill)
    let plan = [
        (1, 1300),
        (2, 100),
        (3, 1600),
        (4, 400),
        (5, 2200),
        (6, 1200),
    ];
    let mut must_have = Vec::new();
    for (paragraph, wait) in plan {
        let mut s = PtySession::spawn(&[path], data.path(), 100, 30);
        let screen = s.wait_for_text("Iran Rejects Military Cooperation");
        if screen.contains("Unsaved work was found") || s.contents().contains("Recover") {
            s.send("r");
            s.wait_for_text("the unsaved work was restored");
        }
        s.send(&"}".repeat(paragraph));
        s.send("v2");
        s.wait_for_text("labelled Claim");
        std::thread::sleep(std::time::Duration::from_millis(wait));
        s.signal("KILL");
        s.wait_exit();
        // `v` at a paragraph's start selects its first word, or its opening quote mark.
        let start = text.paragraphs[paragraph].start;
        let rest = &text.text[start..];
        let first = rest.chars().next().unwrap();
        let quote: String = if first.is_alphanumeric() {
            rest.chars().take_while(|c| c.is_alphanumeric()).collect()
        } else {
            first.to_string()
        };
        if wait >= 1100 {
            must_have.push(format!(
                "(start: {}, end: {}, quote: \"{quote}\")",
                text.offsets.char_of_byte(start).unwrap(),
                text.offsets.char_of_byte(start + quote.len()).unwrap()
            ));
        }
        if file.exists() {
            glossator::store::read(&file).expect("the annotation file always loads");
        }
    }
    let mut s = PtySession::spawn(&[path], data.path(), 100, 30);
    s.wait_for_text("Unsaved work was found");
    s.send("r");
    s.wait_for_text("the unsaved work was restored");
    s.send("q");
    assert!(s.wait_exit().success());
    let saved = std::fs::read_to_string(&file).unwrap();
    for fragment in &must_have {
        assert!(
            saved.contains(fragment.as_str()),
            "{fragment} lost:\n{saved}"
        );
    }
    assert!(!glossator::store::journal::journal_path(&file).exists());
}

/// The terminal goes away under a running instance (the window closed, tmux killed, the SSH
/// link dropped): the unsaved work is saved and the process ends, instead of spinning on a
/// dead terminal for ever (crossterm#793).
#[test]
fn closing_the_terminal_saves_the_work_and_ends_the_process() {
    let data = tempfile::tempdir().unwrap();
    let article = support::copy_fixture(data.path(), "park.txt");
    let mut s = PtySession::spawn(&[&article], data.path(), 100, 24);
    s.wait_for_text("Council Backs Riverside Park Plan");
    s.send("vw2");
    s.wait_for_text("m1 labelled Claim");
    let file = data.path().join("park.ann.ron");
    assert!(!file.exists());
    s.close_terminal();
    s.wait_exit();
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("quote: \"Council Backs\""), "{saved}");
}
