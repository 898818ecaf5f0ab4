//! Review and the dashboard open from the screens cache: what they show is exactly what
//! reading every annotation file gives, a file changed on disk is read again (and only it),
//! and a damaged or older cache is rebuilt without a word to the user.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;
#[path = "support/browser.rs"]
mod support;

use std::path::Path;

use glossator::export::{Doc, load_doc};
use glossator::project::Project;
use glossator::tui::Look;
use glossator::tui::browser::{Browser, View};
use glossator::tui::review::{Dashboard, Item, items};
use support::{Harness, two_annotators};

/// Every annotation file read against its article, in the project's order.
fn read_every_file(p: &Project) -> Vec<Doc> {
    let schema = p.schema().unwrap();
    let mut docs: Vec<Doc> = p
        .annotation_files()
        .iter()
        .map(|f| load_doc(&f.path, &schema).unwrap())
        .collect();
    docs.sort_by(|a, b| a.file.cmp(&b.file));
    docs
}

fn open(root: &Path) -> Harness {
    Harness::new(
        Browser::new(Project::open(root).unwrap(), "a1", Look::default()),
        120,
        16,
    )
}

/// Review's rows, its screen, the dashboard and its screen; and how many files came from
/// the cache and how many were read.
fn screens(root: &Path) -> (Vec<Item>, String, Dashboard, String, (usize, usize)) {
    let mut h = open(root);
    h.press(&["r"]);
    let View::Review(r) = &h.browser.view else {
        panic!("review is open: {:?}", h.browser.message)
    };
    let rows = r.items.to_vec();
    let review = h.screen();
    let read = h.browser.sheets_read().unwrap();
    h.press(&["esc", "d"]);
    let View::Dashboard(d) = &h.browser.view else {
        panic!("the dashboard is open: {:?}", h.browser.message)
    };
    let dashboard = Dashboard {
        labels: d.labels.clone(),
        polarities: d.polarities.clone(),
        speakers: d.speakers.clone(),
    };
    (rows, review, dashboard, h.screen(), read)
}

#[test]
fn review_and_the_dashboard_from_the_cache_are_what_reading_every_file_gives() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_annotators(dir.path());
    let docs = read_every_file(&p);
    let cold = screens(&p.root);
    assert_eq!(cold.4, (0, 2), "no cache yet: both files are read");
    assert_eq!(cold.0, items(&docs));
    assert_eq!(cold.2, Dashboard::new(&docs));
    assert!(p.root.join(".cache/screens.bin").is_file());
    let warm = screens(&p.root);
    assert_eq!(warm.4, (2, 0), "both files come from the cache");
    assert_eq!(warm.0, cold.0);
    assert_eq!(warm.1, cold.1);
    assert_eq!(warm.2, cold.2);
    assert_eq!(warm.3, cold.3);
    assert!(warm.1.contains("Review · "), "{}", warm.1);
}

#[test]
fn a_file_changed_between_two_openings_is_read_again_and_only_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_annotators(dir.path());
    let before = screens(&p.root);
    // bob's file loses a claim on disk while the browser is closed.
    let bob = p.annotation_path("bob", "council.txt");
    let article = glossator::text::Article::load(&p.articles_dir().join("council.txt")).unwrap();
    let (mut set, _) = glossator::store::read(&bob).unwrap().resolve(&article);
    let claim = set.mentions.iter().find(|m| m.label == "Claim").unwrap().id;
    set.remove_mention(claim);
    glossator::store::session::write_once(&bob, &set, &article, None).unwrap();
    let after = screens(&p.root);
    assert_eq!(
        after.4,
        (1, 1),
        "a1's file from the cache, bob's read again"
    );
    let docs = read_every_file(&p);
    assert_eq!(after.0, items(&docs));
    assert_eq!(after.2, Dashboard::new(&docs));
    assert_eq!(after.0.len() + 1, before.0.len());
    assert_ne!(after.1, before.1);
    // And a reading with no cache at all shows the same.
    std::fs::remove_file(p.root.join(".cache/screens.bin")).unwrap();
    let cold = screens(&p.root);
    assert_eq!(cold.4, (0, 2));
    assert_eq!(
        (&cold.0, &cold.1, &cold.2, &cold.3),
        (&after.0, &after.1, &after.2, &after.3)
    );
}

#[test]
fn a_damaged_or_older_cache_is_read_as_empty_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_annotators(dir.path());
    let good = screens(&p.root);
    let cache = p.root.join(".cache/screens.bin");
    let bytes = std::fs::read(&cache).unwrap();
    // The file starts with the format's line, then the cache's own version.
    let magic = b"glossator cache 2\n";
    assert!(bytes.starts_with(magic), "{:?}", &bytes[..magic.len()]);
    let with = |at: usize, byte: u8| {
        let mut b = bytes.clone();
        b[at] = byte;
        b
    };
    let mut longer = bytes.clone();
    longer.push(0);
    for damaged in [
        // Another format, another version of this cache, the JSON of an older build.
        with(magic.len() - 2, b'9'),
        with(magic.len(), 99),
        b"{\"version\":2,\"schema\":\"\",\"files\":{}}".to_vec(),
        bytes[..bytes.len() / 2].to_vec(),
        longer,
        b"\0garbage".to_vec(),
    ] {
        std::fs::write(&cache, damaged).unwrap();
        let again = screens(&p.root);
        assert_eq!(again.4, (0, 2), "the cache is not used");
        assert_eq!(
            (&again.0, &again.1, &again.2, &again.3),
            (&good.0, &good.1, &good.2, &good.3)
        );
        assert_eq!(screens(&p.root).4, (2, 0), "and it was rebuilt");
    }
}

/// Agreement's figures and disagreements, as the view holds them.
type Figures = (
    Vec<glossator::agree::measures::Pairwise>,
    std::collections::BTreeMap<String, String>,
    std::collections::BTreeMap<String, String>,
);

/// Agreement opened in a fresh browser: its figures, its screen, and how many files came
/// from the cache and how many were read.
fn agreement(root: &Path) -> (Figures, String, (usize, usize)) {
    let mut h = open(root);
    h.press(&["A"]);
    let View::Agreement(g) = &h.browser.view else {
        panic!("agreement is open: {:?}", h.browser.message)
    };
    let figures = (g.pairs.clone(), g.alpha.clone(), g.alpha_u.clone());
    let read = h.browser.agreement_read().unwrap();
    (figures, h.screen(), read)
}

/// Agreement as `glossator agree` works it out, from every file read.
fn agreement_of_every_file(p: &Project) -> Figures {
    use glossator::agree::measures::{all_pairs, by_article, has_annotations, show};
    let docs: Vec<Doc> = read_every_file(p)
        .into_iter()
        .filter(|d| !d.is_gold() && has_annotations(&d.annotations))
        .collect();
    let labels: Vec<String> = p
        .schema()
        .unwrap()
        .labels
        .iter()
        .map(|l| l.name.clone())
        .collect();
    let mut annotators: Vec<String> = docs
        .iter()
        .map(|d| d.annotations.annotator.clone())
        .collect();
    annotators.sort();
    annotators.dedup();
    let articles = by_article(&docs, &annotators);
    let shown = |m: std::collections::BTreeMap<
        String,
        glossator::agree::coefficients::Coefficient,
    >| { m.iter().map(|(l, c)| (l.clone(), show(c))).collect() };
    (
        all_pairs(&articles, &annotators, &labels),
        shown(glossator::agree::measures::token_alpha(&articles, &labels)),
        shown(glossator::agree::measures::unitizing_alpha(
            &articles, &labels,
        )),
    )
}

#[test]
fn agreement_from_its_cache_is_what_reading_every_file_gives_and_follows_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_annotators(dir.path());
    let truth = agreement_of_every_file(&p);
    let cold = agreement(&p.root);
    assert_eq!(cold.2, (0, 2), "no cache yet: both files are read");
    assert_eq!(cold.0, truth);
    let warm = agreement(&p.root);
    assert_eq!(warm.2, (2, 0), "both files come from the cache");
    assert_eq!((&warm.0, &warm.1), (&cold.0, &cold.1));
    // bob's file loses a claim on disk: its article is measured again.
    let bob = p.annotation_path("bob", "council.txt");
    let article = glossator::text::Article::load(&p.articles_dir().join("council.txt")).unwrap();
    let (mut set, _) = glossator::store::read(&bob).unwrap().resolve(&article);
    let claim = set.mentions.iter().find(|m| m.label == "Claim").unwrap().id;
    set.remove_mention(claim);
    glossator::store::session::write_once(&bob, &set, &article, None).unwrap();
    let after = agreement(&p.root);
    assert_eq!(after.2, (0, 2), "the changed file's article is read again");
    assert_eq!(after.0, agreement_of_every_file(&p));
    assert_ne!(after.0, cold.0);
    // The figures last shown are damaged: they are added up again from the files' parts.
    let figures = p.root.join(".cache/agreement-figures.bin");
    std::fs::write(&figures, "{\"version\":").unwrap();
    let again = agreement(&p.root);
    assert_eq!(again.2, (2, 0), "the parts are still there");
    assert_eq!((&again.0, &again.1), (&after.0, &after.1));
    // The parts are damaged and the figures still match every file: the figures are shown.
    std::fs::write(p.root.join(".cache/agreement.bin"), "{\"version\":").unwrap();
    let again = agreement(&p.root);
    assert_eq!((&again.0, &again.1, again.2), (&after.0, &after.1, (2, 0)));
    // Both damaged: every file is read again and both are rebuilt.
    std::fs::write(&figures, "[").unwrap();
    let again = agreement(&p.root);
    assert_eq!(again.2, (0, 2));
    assert_eq!((&again.0, &again.1), (&after.0, &after.1));
    assert_eq!(agreement(&p.root).2, (2, 0));
    std::fs::remove_file(&figures).unwrap();
    assert_eq!(agreement(&p.root).2, (2, 0));
    assert_eq!(agreement(&p.root).0, after.0);
}

/// The figures kept from the last opening are those of its status filter: with another
/// filter they are worked out again from the parts, for the files at that status only.
#[test]
fn agreement_under_a_status_filter_is_not_the_unfiltered_figures_kept() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_annotators(dir.path());
    let all = agreement(&p.root);
    assert_eq!(all.0, agreement_of_every_file(&p));
    // Both files are done: nothing is at "todo".
    let mut h = open(&p.root);
    h.browser.status = Some("todo");
    h.press(&["A"]);
    assert!(matches!(h.browser.view, View::List));
    assert_eq!(
        h.browser.message.as_deref(),
        Some("agreement needs two annotators' files; this project has 0")
    );
    let mut h = open(&p.root);
    h.browser.status = Some("done");
    h.press(&["A"]);
    let View::Agreement(g) = &h.browser.view else {
        panic!("agreement is open: {:?}", h.browser.message)
    };
    assert_eq!(g.pairs, all.0.0);
    assert_eq!(h.browser.agreement_read(), Some((2, 0)));
    assert_eq!(agreement(&p.root).0, all.0);
}

#[test]
fn after_an_article_is_annotated_review_reads_its_files_again_and_keeps_the_others_rows() {
    let dir = tempfile::tempdir().unwrap();
    let p = two_annotators(dir.path());
    // A second annotated article, before council in no order and after it in the files'.
    let council = std::fs::read_to_string(p.articles_dir().join("council.txt")).unwrap();
    p.add_text("zcopy", &council).unwrap();
    std::fs::copy(
        p.annotation_path("a1", "council.txt"),
        p.annotation_path("a1", "zcopy.txt"),
    )
    .unwrap();
    let mut h = open(&p.root);
    h.press(&["r"]);
    let View::Review(r) = &h.browser.view else {
        panic!("review is open: {:?}", h.browser.message)
    };
    assert_eq!(r.items.to_vec(), items(&read_every_file(&p)));
    let docs = read_every_file(&p);
    assert_eq!(docs.len(), 3, "a1's two files and bob's");
    assert!(docs.iter().all(|d| !d.annotations.mentions.is_empty()));
    // bob's council file loses a claim, as the editor saves it.
    let bob = p.annotation_path("bob", "council.txt");
    let article = glossator::text::Article::load(&p.articles_dir().join("council.txt")).unwrap();
    let (mut set, _) = glossator::store::read(&bob).unwrap().resolve(&article);
    let claim = set.mentions.iter().find(|m| m.label == "Claim").unwrap().id;
    set.remove_mention(claim);
    glossator::store::session::write_once(&bob, &set, &article, None).unwrap();
    h.browser.reload_after(Some("council.txt"));
    let docs = read_every_file(&p);
    let View::Review(r) = &h.browser.view else {
        panic!("review is still open")
    };
    assert_eq!(r.items.to_vec(), items(&docs), "in the files' order");
    let review = h.screen();
    h.press(&["esc", "d"]);
    let View::Dashboard(d) = &h.browser.view else {
        panic!("the dashboard is open")
    };
    assert_eq!(*d, Dashboard::new(&docs));
    // A fresh browser reading the changed file shows the same review.
    let again = screens(&p.root);
    assert_eq!(again.0, items(&docs));
    assert_eq!(again.1, review);
}

/// Review's rows hold each mention's words as the document's own accessors name them: its
/// label, its words (fragments joined by " … "), its speaker, its cue, its sources and the
/// polarities of the stances on it or its speaker.
#[test]
fn review_rows_hold_each_mentions_words_as_the_document_names_them() {
    use glossator::model::{Agent, Target};
    let dir = tempfile::tempdir().unwrap();
    let name = "fna_iran_rejects_military_cooperation";
    std::fs::copy(
        format!("assets/demo/{name}.txt"),
        dir.path().join(format!("{name}.txt")),
    )
    .unwrap();
    let file = dir.path().join(format!("{name}.ann.ron"));
    std::fs::copy(format!("tests/fixtures/demo/{name}.ann.ron"), &file).unwrap();
    let schema = glossator::schema::Schema::news();
    let doc = load_doc(&file, &schema).unwrap();
    // A claim and its cue in two fragments each, as discontinuous spans are.
    let mut a = doc.annotations.clone();
    let (claim, cue) = {
        let x = a
            .attributions
            .iter()
            .find(|x| x.cue.is_some() && x.speaker.is_some())
            .unwrap();
        (x.claims().next().unwrap(), x.cue.unwrap())
    };
    for m in a
        .mentions
        .iter_mut()
        .filter(|m| m.id == claim || m.id == cue)
    {
        let f = m.fragments[0];
        // Split around one character inside it.
        let text = &doc.article.text;
        let mid = (f.start + 1..f.end)
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        let next = (mid + 1..f.end)
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        m.fragments = vec![
            glossator::model::Span::new(f.start, mid),
            glossator::model::Span::new(next, f.end),
        ];
    }
    let doc = Doc::new(doc.article, a, doc.name, doc.file);
    let rows = items(std::slice::from_ref(&doc));
    let a = &doc.annotations;
    assert_eq!(rows.len(), a.mentions.len());
    assert!(!a.sourcings.is_empty() && !a.stances.is_empty());
    for (row, m) in rows.iter().zip(&a.mentions) {
        let speaker = doc.speaker_of(m.id);
        let cue = doc
            .attribution_of(m.id)
            .and_then(|x| x.cue)
            .map(|c| doc.mention_text(c))
            .unwrap_or_default();
        let polarity: Vec<&str> = a
            .stances
            .iter()
            .filter(|s| {
                s.target == Target::Mention(m.id)
                    || s.holder == Agent::Mention(m.id)
                    || speaker.is_some_and(|sp| s.holder == sp)
            })
            .map(|s| s.polarity.as_str())
            .collect();
        assert_eq!(row.label(), m.label);
        assert_eq!(row.text(), doc.text_of(m));
        assert_eq!(
            row.speaker(),
            speaker.map(|s| doc.agent_name(s)).unwrap_or_default()
        );
        assert_eq!(row.cue(), cue);
        assert_eq!(row.sources(), doc.source_names(m.id).join("; "));
        assert_eq!(row.polarity(), polarity.join("; "));
        assert_eq!(row.at, m.extent().start);
        assert_eq!(row.article(), doc.name);
        assert_eq!(row.annotator(), a.annotator);
    }
    let joined: Vec<&Item> = rows.iter().filter(|r| r.text().contains(" … ")).collect();
    assert!(joined.len() >= 2, "the two-fragment claim and cue");
    assert!(rows.iter().any(|r| r.cue().contains(" … ")));
    assert!(rows.iter().any(|r| !r.sources().is_empty()));
    assert!(rows.iter().any(|r| !r.polarity().is_empty()));
}
