//! The real binary in a pseudo-terminal, as a person uses it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::PtySession;

#[test]
fn the_demo_opens_scrolls_and_quits_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let mut s = PtySession::spawn(&[], data.path(), 80, 24);
    let first = s.wait_for_text("Iran Rejects Military Cooperation with Anti-ISIS");
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
    let mut s = PtySession::spawn(&["tests/fixtures/v1/park.txt"], data.path(), 100, 24);
    let screen = s.wait_for_text("Council Backs Riverside Park Plan");
    assert!(screen.contains("14 mentions"), "{screen}");
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
    let screen = s.wait_for_text("Claim  'Council Backs'");
    assert!(screen.contains("1 mentions"), "{screen}");
    assert!(screen.contains("saved"), "{screen}");
    s.send("q");
    assert!(s.wait_exit().success());
}
