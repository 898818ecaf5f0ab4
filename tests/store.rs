//! The annotation file: committed version-1 files keep loading, saving is deterministic and
//! lossless, and every kind of damage gives a message that says where and what to do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use glossator::model::{
    Agent, Annotations, ArticleRef, Attribution, AttributionId, Entity, EntityId, Mention,
    MentionId, Note, NoteId, Sourcing, SourcingId, Span, Specificity, Stance, StanceId, Status,
    Target,
};
use glossator::schema::Schema;
use glossator::store;
use glossator::text::{Article, next_grapheme_boundary};
use proptest::prelude::*;

const FIXTURE: &str = "tests/fixtures/v1/park.ann.ron";

fn park() -> Article {
    Article::load(Path::new("tests/fixtures/v1/park.txt")).unwrap()
}

#[test]
fn the_committed_v1_file_loads_clean_and_resaves_byte_for_byte() {
    let article = park();
    let parsed = store::read(Path::new(FIXTURE)).unwrap();
    let (annotations, problems) = parsed.resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(Schema::news().check(&annotations), vec![]);
    assert_eq!(annotations.mentions.len(), 14);
    assert_eq!(annotations.status, Status::InProgress);
    let a1 = &annotations.attributions[0];
    let claim = annotations.mention(a1.claim).unwrap();
    let f = claim.fragments[0];
    assert_eq!(
        &article.text[f.start..f.end],
        "We will build the park, and we will build it this year"
    );
    let written = store::to_ron(Path::new(FIXTURE), &annotations, &article).unwrap();
    let committed = std::fs::read_to_string(FIXTURE).unwrap();
    assert_eq!(written, committed);
}

/// Text from pieces that stress offsets: curly quotes, emoji with ZWJ, combining marks, CJK,
/// CRLF (normalised away on load), tabs and control characters.
fn article_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Afkham",
        " ",
        " said ",
        "\n\n",
        "\r\n",
        "“",
        "”",
        "’",
        "\"",
        "e\u{301}",
        "👩\u{200d}👩\u{200d}👧",
        "🇮🇷",
        "中文",
        "한국",
        "\t",
        "\u{1b}[31m",
        "ß",
        "(",
        ")",
        "\\",
    ]);
    prop::collection::vec(pieces, 1..50).prop_map(|v| v.concat())
}

/// Grapheme boundaries of `text`, so spans never split a character.
fn boundaries(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut at = 0;
    while at < text.len() {
        at = next_grapheme_boundary(text, at);
        out.push(at);
    }
    out
}

fn free_text() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "plain",
        "with \"quotes\" and \\ backslash",
        "line\nbreak",
        "tab\there",
        "\u{0}nul",
        "",
        "emoji 👩\u{200d}👧 and ’curly’",
        "r#\"raw\"#",
    ])
    .prop_map(str::to_owned)
}

/// Random annotations on `text`: mentions with 1-3 fragments, entities, and links between
/// them that all resolve.
fn annotations_on(
    article: &Article,
    picks: &[(usize, usize, u8)],
    notes: &[String],
) -> Annotations {
    let bounds = boundaries(&article.text);
    let article_ref = ArticleRef {
        path: "a.txt".into(),
        sha256: article.sha256.clone(),
        chars: article.char_count(),
    };
    let mut a = Annotations::new(article_ref, notes.first().cloned().unwrap_or_default());
    a.status = Status::Done;
    let labels = ["Speaker", "Claim", "Cue", "Source", "Target"];
    for (i, &(x, y, n)) in picks.iter().enumerate() {
        let mut cuts: Vec<usize> = (0..=usize::from(n % 3) * 2 + 1)
            .map(|k| bounds[(x * 7 + y * 13 * k + k) % bounds.len()])
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let fragments: Vec<Span> = cuts
            .chunks_exact(2)
            .map(|c| Span::new(c[0], c[1]))
            .collect();
        if fragments.is_empty() {
            continue;
        }
        let id = u32::try_from(i + 1).unwrap();
        let entity = (n % 2 == 0).then(|| {
            a.entities.push(Entity {
                id: EntityId(id),
                kind: "Person".into(),
                name: notes
                    .get(i % notes.len().max(1))
                    .cloned()
                    .unwrap_or_default(),
                kb: (n % 4 == 0).then(|| "wikidata:Q1".to_owned()),
                named: n % 3 == 0,
            });
            EntityId(id)
        });
        let mut attrs = std::collections::BTreeMap::new();
        if n % 5 == 0 {
            attrs.insert("quote_type".to_owned(), "direct".to_owned());
        }
        a.mentions.push(
            Mention {
                id: MentionId(id),
                label: labels[usize::from(n) % labels.len()].into(),
                fragments,
                entity,
                attrs,
            }
            .into(),
        );
    }
    let ids: Vec<MentionId> = a.mentions.iter().map(|m| m.id).collect();
    for (i, pair) in ids.windows(2).enumerate() {
        let n = u32::try_from(i + 1).unwrap();
        a.attributions.push(Attribution {
            id: AttributionId(n),
            claim: pair[0],
            speaker: Agent::Mention(pair[1]),
            cue: (i % 2 == 0).then_some(pair[1]),
        });
        a.sourcings.push(Sourcing {
            id: SourcingId(n),
            claim: pair[1],
            source: Agent::Mention(pair[0]),
            specificity: [None, Some(Specificity::Named), Some(Specificity::Vague)][i % 3],
        });
        a.stances.push(Stance {
            id: StanceId(n),
            holder: Agent::Mention(pair[0]),
            target: if i % 2 == 0 {
                Target::Mention(pair[1])
            } else {
                Target::Text(
                    notes
                        .get(i % notes.len().max(1))
                        .cloned()
                        .unwrap_or_else(|| "topic".into())
                        + "x",
                )
            },
            polarity: "deny".into(),
        });
    }
    for (i, text) in notes.iter().enumerate() {
        a.notes.push(Note {
            id: NoteId(u32::try_from(i + 1).unwrap()),
            on: None,
            text: text.clone(),
        });
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn model_to_ron_to_model_is_identity(
        raw in article_text(),
        picks in prop::collection::vec((0usize..1000, 0usize..1000, 0u8..30), 0..12),
        notes in prop::collection::vec(free_text(), 0..4),
    ) {
        let article = Article::from_bytes(Path::new("a.txt"), raw.as_bytes()).unwrap();
        let mut original = annotations_on(&article, &picks, &notes);
        prop_assert_eq!(glossator::model::check(&original, &article.text), vec![]);
        let ron = store::to_ron(Path::new("a.ann.ron"), &original, &article).unwrap();
        let parsed = store::read_str(Path::new("a.ann.ron"), ron.clone()).unwrap();
        let (back, problems) = parsed.resolve(&article);
        prop_assert_eq!(problems, vec![]);
        original.sort();
        prop_assert_eq!(&back, &original);
        // Same data, same bytes: writing what was read gives the file again.
        let again = store::to_ron(Path::new("a.ann.ron"), &back, &article).unwrap();
        prop_assert_eq!(again, ron);
    }

    #[test]
    fn saving_twice_gives_identical_bytes(
        raw in article_text(),
        picks in prop::collection::vec((0usize..1000, 0usize..1000, 0u8..30), 0..8),
        notes in prop::collection::vec(free_text(), 0..3),
    ) {
        let article = Article::from_bytes(Path::new("a.txt"), raw.as_bytes()).unwrap();
        let mut annotations = annotations_on(&article, &picks, &notes);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ann.ron");
        store::session::write_once(&path, &annotations, &article, None).unwrap();
        let first = std::fs::read(&path).unwrap();
        // Order in memory must not matter.
        annotations.mentions.reverse();
        annotations.entities.reverse();
        store::session::write_once(&path, &annotations, &article, None).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| Path::new(n).extension().is_some_and(|x| x == "tmp"))
            .collect();
        prop_assert!(names.is_empty(), "{:?}", names);
    }
}

#[test]
fn offsets_on_disk_are_code_points() {
    let article =
        Article::from_bytes(Path::new("a.txt"), "“Ja,” sagte 中文 Afkham.".as_bytes()).unwrap();
    let start = article.text.find("Afkham").unwrap();
    let mut a = Annotations::new(
        ArticleRef {
            path: "a.txt".into(),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "t",
    );
    a.mentions.push(
        Mention {
            id: MentionId(1),
            label: "Speaker".into(),
            fragments: vec![Span::new(start, start + 6)],
            entity: None,
            attrs: std::collections::BTreeMap::new(),
        }
        .into(),
    );
    let ron = store::to_ron(Path::new("a.ann.ron"), &a, &article).unwrap();
    // Python: "“Ja,” sagte 中文 Afkham.".index("Afkham") == 15
    assert!(
        ron.contains("(start: 15, end: 21, quote: \"Afkham\")"),
        "{ron}"
    );
}

#[test]
fn a_save_into_a_missing_folder_fails_and_says_where() {
    let article = park();
    let parsed = store::read(Path::new(FIXTURE)).unwrap();
    let (annotations, _) = parsed.resolve(&article);
    // A file stands where the folder should be.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x"), "").unwrap();
    let target = dir.path().join("x").join("park.ann.ron");
    let err = store::session::write_once(&target, &annotations, &article, None).unwrap_err();
    let folder = dir.path().join("x");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot create the folder", folder.display())),
        "{err}"
    );
}

#[test]
fn crlf_and_bom_articles_keep_the_same_offsets() {
    let lf = Article::from_bytes(Path::new("a"), b"One\n\nTwo words\n").unwrap();
    let crlf =
        Article::from_bytes(Path::new("a"), b"\xef\xbb\xbfOne\r\n\r\nTwo words\r\n").unwrap();
    assert_eq!(lf.text, crlf.text);
    assert_eq!(lf.sha256, crlf.sha256);
}

#[cfg(unix)]
#[test]
fn a_new_file_is_readable_by_others_and_a_saved_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("park.ann.ron");
    let parsed = store::read(Path::new("tests/fixtures/v1/park.ann.ron")).unwrap();
    let (annotations, problems) = parsed.resolve(&park());
    assert_eq!(problems, vec![]);
    store::session::write_once(&file, &annotations, &park(), None).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o644);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    store::session::write_once(&file, &annotations, &park(), None).unwrap();
    assert_eq!(mode(&file), 0o600);
}

/// The disk fills up half-way through a save, or the write fails: the old file is intact,
/// no temporary file is left, and the error says what happened.
#[test]
fn a_save_that_fails_half_way_leaves_the_old_file_intact_and_no_leftovers() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("park.ann.ron");
    std::fs::copy(FIXTURE, &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let new = b"(format: 1, truncated on purpose";
    for (kind, what) in [
        (std::io::ErrorKind::StorageFull, "No space left on device"),
        (std::io::ErrorKind::Other, "Input/output error"),
    ] {
        let err = store::Disk::real()
            .write_atomic_with(&file, new, |f, bytes| {
                f.write_all(&bytes[..bytes.len() / 2])?;
                Err(std::io::Error::new(kind, what))
            })
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}: cannot write: {what}", file.display())
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{what}: the old file is intact"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["park.ann.ron"], "{what}: no temporary file left");
    }
}
