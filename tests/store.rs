//! The annotation file: committed version-1 and version-2 files keep loading, saving is deterministic and
//! lossless, and every kind of damage gives a message that says where and what to do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use glossator::model::{
    Agent, Annotations, AnyId, ArticleRef, Attribution, AttributionId, Entity, EntityId, Mention,
    MentionId, Note, NoteId, Sourcing, SourcingId, Span, Specificity, Stance, StanceId, Status,
    Suggestion, Target,
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
    // Saved again, it is format 2: the number and the speakers' `Some` change, nothing else.
    let written = store::to_ron(Path::new(FIXTURE), &annotations, &article).unwrap();
    let committed = std::fs::read_to_string(FIXTURE).unwrap();
    assert_eq!(written, as_format_2(&committed));
}

/// What a format-1 file becomes when it is saved again: format 2, every attribution's
/// speaker written as `Some(...)`.
fn as_format_2(v1: &str) -> String {
    let v2 = v1.replacen("format: 1,", "format: 2,", 1);
    let mut out = String::new();
    for line in v2.split_inclusive('\n') {
        match (line.find("speaker: \""), line.contains("(id: \"a")) {
            (Some(at), true) => {
                let rest = &line[at + "speaker: ".len()..];
                let end = rest[1..].find('"').unwrap() + 2;
                out.push_str(&line[..at]);
                out.push_str("speaker: Some(");
                out.push_str(&rest[..end]);
                out.push(')');
                out.push_str(&rest[end..]);
            }
            _ => out.push_str(line),
        }
    }
    out
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
            more: Vec::new(),
            speaker: Some(Agent::Mention(pair[1])),
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

const EVERY_FIELD: &str = "tests/fixtures/v1/every_field.ann.ron";
const EVERY_FIELD_V2: &str = "tests/fixtures/v2/every_field.ann.ron";

/// The byte span of the first `quote` in `text` at or after `from`.
fn find(text: &str, quote: &str, from: usize) -> Span {
    let start = from + text[from..].find(quote).unwrap();
    Span::new(start, start + quote.len())
}

/// Annotations that use every field of the file, and every variant of its enums but the
/// status (one per file; see the status test below). Long on purpose: the fixture's whole
/// content in one place.
#[allow(clippy::too_many_lines)]
fn every_field(article: &Article) -> Annotations {
    let t = &article.text;
    let mut a = Annotations::new(
        ArticleRef {
            path: "every_field.txt".into(),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "bo",
    );
    a.status = Status::Reviewed;
    a.entities = glossator::model::Shared::from(vec![
        Entity {
            id: EntityId(1),
            kind: "Government".into(),
            name: "the minister".into(),
            kb: Some("wikidata:Q83307".into()),
            named: false,
        },
        Entity {
            id: EntityId(2),
            kind: "Media".into(),
            name: "Reuters".into(),
            kb: None,
            named: true,
        },
    ]);
    let mention = |id, label: &str, fragments: Vec<Span>, entity, attrs: &[(&str, &str)]| {
        Mention {
            id: MentionId(id),
            label: label.into(),
            fragments,
            entity,
            attrs: attrs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
        .into()
    };
    a.mentions = glossator::model::Shared::from(vec![
        mention(1, "Target", vec![find(t, "Zürich", 0)], None, &[]),
        mention(
            2,
            "Claim",
            vec![
                find(t, "We will not sign", 0),
                find(t, "unless the tariffs fall", 0),
            ],
            None,
            &[("check_worthy", "yes"), ("quote_type", "direct")],
        ),
        mention(
            3,
            "Speaker",
            vec![find(t, "the minister", 0)],
            Some(EntityId(1)),
            &[],
        ),
        mention(4, "Cue", vec![find(t, "said", 0)], None, &[]),
        mention(
            5,
            "Source",
            vec![find(t, "unnamed officials", 0)],
            None,
            &[],
        ),
        mention(
            6,
            "Claim",
            vec![find(t, "talks resumed on Tuesday", 0)],
            None,
            &[],
        ),
        mention(
            7,
            "Source",
            vec![find(t, "Reuters", 0)],
            Some(EntityId(2)),
            &[],
        ),
    ]);
    a.attributions = glossator::model::Shared::from(vec![
        Attribution {
            id: AttributionId(1),
            claim: MentionId(2),
            more: Vec::new(),
            speaker: Some(Agent::Mention(MentionId(3))),
            cue: Some(MentionId(4)),
        },
        Attribution {
            id: AttributionId(2),
            claim: MentionId(6),
            more: Vec::new(),
            speaker: Some(Agent::Entity(EntityId(2))),
            cue: None,
        },
    ]);
    a.sourcings = glossator::model::Shared::from(vec![
        Sourcing {
            id: SourcingId(1),
            claim: MentionId(6),
            source: Agent::Mention(MentionId(5)),
            specificity: Some(Specificity::Unnamed),
        },
        Sourcing {
            id: SourcingId(2),
            claim: MentionId(6),
            source: Agent::Mention(MentionId(7)),
            specificity: Some(Specificity::Named),
        },
        Sourcing {
            id: SourcingId(3),
            claim: MentionId(2),
            source: Agent::Entity(EntityId(1)),
            specificity: Some(Specificity::Vague),
        },
        Sourcing {
            id: SourcingId(4),
            claim: MentionId(2),
            source: Agent::Mention(MentionId(7)),
            specificity: None,
        },
    ]);
    a.stances = glossator::model::Shared::from(vec![
        Stance {
            id: StanceId(1),
            holder: Agent::Mention(MentionId(3)),
            target: Target::Mention(MentionId(1)),
            polarity: "oppose".into(),
        },
        Stance {
            id: StanceId(2),
            holder: Agent::Entity(EntityId(1)),
            target: Target::Entity(EntityId(2)),
            polarity: "neutral".into(),
        },
        Stance {
            id: StanceId(3),
            holder: Agent::Entity(EntityId(2)),
            target: Target::Text("the \"tariff\" talks".into()),
            polarity: "support".into(),
        },
    ]);
    let on = [
        None,
        Some(AnyId::Mention(MentionId(2))),
        Some(AnyId::Entity(EntityId(1))),
        Some(AnyId::Attribution(AttributionId(1))),
        Some(AnyId::Sourcing(SourcingId(1))),
        Some(AnyId::Stance(StanceId(3))),
    ];
    a.notes = on
        .into_iter()
        .zip(1..)
        .map(|(on, n)| Note {
            id: NoteId(n),
            on,
            text: format!("note {n}: ok"),
        })
        .collect();
    let from = find(t, "Reuters", 0).start;
    a.suggestions = vec![
        Suggestion {
            claim: vec![find(t, "the same", from)],
            cue: Some(find(t, "reported", from)),
            speaker: Some(find(t, "Reuters", from)),
            entity: Some(("Reuters".into(), "Media".into())),
            source: None,
            rule: "said-after".into(),
        }
        .into(),
        Suggestion {
            claim: vec![],
            cue: None,
            speaker: None,
            entity: None,
            source: Some(find(t, "Ministers", 0)),
            rule: "dateline".into(),
        }
        .into(),
    ]
    .into();
    a.rejected = vec![find(t, "Ministers Meet", 0)];
    a
}

/// [`every_field`] on the longer text of the format-2 fixture, with what format 2 added:
/// an attribution with no speaker ("It was reported that ...") and one with two contents.
fn every_field_v2(article: &Article) -> Annotations {
    let t = &article.text;
    let mut a = every_field(article);
    let from = find(t, "It was reported", 0).start;
    let mention = |id, label: &str, quote: &str| {
        Mention {
            id: MentionId(id),
            label: label.into(),
            fragments: vec![find(t, quote, from)],
            entity: None,
            attrs: std::collections::BTreeMap::new(),
        }
        .into()
    };
    a.mentions.extend([
        mention(8, "Cue", "reported"),
        mention(9, "Claim", "the talks would go on"),
        mention(10, "Speaker", "Officials"),
        mention(11, "Cue", "said"),
        mention(12, "Claim", "the talks went well"),
        mention(13, "Claim", "a deal was near"),
    ]);
    a.attributions.extend([
        Attribution {
            id: AttributionId(3),
            claim: MentionId(9),
            more: Vec::new(),
            speaker: None,
            cue: Some(MentionId(8)),
        },
        Attribution {
            id: AttributionId(4),
            claim: MentionId(12),
            more: vec![MentionId(13)],
            speaker: Some(Agent::Mention(MentionId(10))),
            cue: Some(MentionId(11)),
        },
    ]);
    a
}

/// What format 2 looks like, byte for byte: a change to the model that would change the
/// file fails here, and the fixture is never rewritten by a test.
#[test]
fn format_2_is_written_exactly_as_the_committed_fixture() {
    let article = Article::load(Path::new("tests/fixtures/v2/every_field.txt")).unwrap();
    let a = every_field_v2(&article);
    assert_eq!(glossator::model::check(&a, &article.text), vec![]);
    assert_eq!(Schema::news().check(&a), vec![]);
    let written = store::to_ron(Path::new(EVERY_FIELD_V2), &a, &article).unwrap();
    let committed = std::fs::read_to_string(EVERY_FIELD_V2).unwrap();
    assert_eq!(written, committed);
    let back = store::read_str(Path::new(EVERY_FIELD_V2), committed).unwrap();
    assert_eq!(back.resolve(&article), (a, vec![]));
}

/// The old format keeps loading: format 1 read through the upgrade to format 2 is the same
/// model, and a format-2 reader given `speaker: "m3"` (format 1's spelling) refuses it
/// rather than guess.
#[test]
fn format_1_loads_through_the_upgrade_and_format_2_keeps_its_own_spelling() {
    let article = Article::load(Path::new("tests/fixtures/v1/every_field.txt")).unwrap();
    let committed = std::fs::read_to_string(EVERY_FIELD).unwrap();
    let v1 = store::read_str(Path::new(EVERY_FIELD), committed.clone()).unwrap();
    assert_eq!(v1.file.format, 2, "upgraded on reading");
    let (loaded, problems) = v1.resolve(&article);
    assert_eq!(problems, vec![]);
    assert!(loaded.attributions.iter().all(|a| a.speaker.is_some()));
    assert!(loaded.attributions.iter().all(|a| a.more.is_empty()));
    let relabelled = committed.replacen("format: 1,", "format: 2,", 1);
    let err = store::read_str(Path::new("x.ann.ron"), relabelled).unwrap_err();
    assert!(err.message.contains("Expected option"), "{err}");
}

/// Every status has its spelling in format 1.
#[test]
fn format_1_spells_each_status() {
    let article = Article::load(Path::new("tests/fixtures/v1/every_field.txt")).unwrap();
    let mut a = every_field(&article);
    for (status, word) in [
        (Status::Todo, "Todo"),
        (Status::InProgress, "InProgress"),
        (Status::Done, "Done"),
        (Status::Reviewed, "Reviewed"),
    ] {
        a.status = status;
        let text = store::to_ron(Path::new(EVERY_FIELD), &a, &article).unwrap();
        assert!(text.contains(&format!("\n    status: {word},\n")), "{text}");
        let back = store::read_str(Path::new(EVERY_FIELD), text).unwrap();
        assert_eq!(back.resolve(&article).0.status, status);
    }
}

/// The committed format-1 files load to the same annotations, clean, and write back as
/// they are.
#[test]
fn committed_format_1_files_keep_loading_to_the_same_model() {
    let article = Article::load(Path::new("tests/fixtures/v1/every_field.txt")).unwrap();
    let parsed = store::read(Path::new(EVERY_FIELD)).unwrap();
    let (loaded, problems) = parsed.resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(loaded, every_field(&article));
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/v1")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".ann.ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 2, "{files:?}");
    for file in files {
        let parsed = store::read(&file).unwrap();
        let text = file.with_file_name(&parsed.file.article.path);
        let article = Article::load(&text).unwrap();
        let (loaded, problems) = parsed.resolve(&article);
        assert_eq!(problems, vec![], "{}", file.display());
        let written = store::to_ron(&file, &loaded, &article).unwrap();
        assert_eq!(
            written,
            as_format_2(&std::fs::read_to_string(&file).unwrap()),
            "{}",
            file.display()
        );
    }
}

/// The committed format-2 files load clean and write back as they are.
#[test]
fn committed_format_2_files_keep_loading() {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/v2")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".ann.ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let parsed = store::read(&file).unwrap();
        let article = Article::load(&file.with_file_name(&parsed.file.article.path)).unwrap();
        let (loaded, problems) = parsed.resolve(&article);
        assert_eq!(problems, vec![], "{}", file.display());
        let written = store::to_ron(&file, &loaded, &article).unwrap();
        assert_eq!(written, std::fs::read_to_string(&file).unwrap());
    }
}

/// A file from a newer glossator is refused, and says so, rather than read in part.
#[test]
fn a_newer_format_is_refused_with_what_to_do() {
    let committed = std::fs::read_to_string(EVERY_FIELD).unwrap();
    let newer = committed.replace("format: 1,", "format: 99,");
    let err = store::read_str(Path::new("x.ann.ron"), newer).unwrap_err();
    assert_eq!(
        err.message,
        "written in annotation format 99, by a newer glossator; this one reads formats up to 3"
    );
    assert_eq!(
        err.hint,
        "upgrade glossator to open it; the file was left unchanged"
    );
    // A newer file may have fields this one does not know: still the same answer.
    let newer = committed.replace("format: 1,", "format: 99,\n    reviewer: \"cy\",");
    let err = store::read_str(Path::new("x.ann.ron"), newer).unwrap_err();
    assert!(
        err.message.contains("format 99, by a newer glossator"),
        "{err}"
    );
    let zero = committed.replace("format: 1,", "format: 0,");
    let err = store::read_str(Path::new("x.ann.ron"), zero).unwrap_err();
    assert_eq!(err.message, "unknown annotation format 0");
}

const CONFLICT_V3: &str = "tests/fixtures/v3/park_conflict.ann.ron";

/// What format 3 looks like, byte for byte: the park annotations, "Council" labelled
/// Source on this side, and a conflict record holding the other side's Speaker there.
#[test]
fn format_3_is_written_exactly_as_the_committed_fixture_and_loads_its_conflict() {
    use glossator::model::{Conflict, ConflictId, Side, Take};
    let article = Article::load(Path::new("tests/fixtures/v3/park.txt")).unwrap();
    let (mut a, problems) = store::read(Path::new(FIXTURE)).unwrap().resolve(&article);
    assert_eq!(problems, vec![]);
    let council = |id, label: &str| Mention {
        id: MentionId(id),
        label: label.into(),
        fragments: vec![find(&article.text, "Council", 0)],
        entity: None,
        attrs: std::collections::BTreeMap::new(),
    };
    a.mentions.push(council(15, "Source").into());
    a.conflicts.push(Conflict {
        id: ConflictId(1),
        what: "\"Council\" was labelled Source here (m15) and Speaker there".into(),
        ours: vec![AnyId::Mention(MentionId(15))],
        theirs: Side {
            mentions: vec![council(16, "Speaker")],
            ..Side::default()
        },
    });
    a.sort();
    let written = store::to_ron(Path::new(CONFLICT_V3), &a, &article).unwrap();
    let committed = std::fs::read_to_string(CONFLICT_V3).unwrap();
    assert_eq!(written, committed);
    let back = store::read_str(Path::new(CONFLICT_V3), committed).unwrap();
    assert_eq!(back.file.format, 3);
    let (mut loaded, problems) = back.resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(loaded, a);
    // Settled, nothing of format 3 is left: it is written as format 2.
    assert!(loaded.settle(ConflictId(1), Take::Theirs));
    let settled = store::to_ron(Path::new(CONFLICT_V3), &loaded, &article).unwrap();
    assert!(settled.starts_with("(\n    format: 2,"), "{settled}");
    assert!(!settled.contains("conflicts"));
}

/// Older formats read through both upgrades; a file with no conflict stays format 2.
#[test]
fn format_1_and_2_files_read_as_format_3_without_conflicts() {
    for file in [EVERY_FIELD, EVERY_FIELD_V2] {
        let parsed = store::read(Path::new(file)).unwrap();
        assert_eq!(parsed.file.format, 2, "{file}");
        assert!(parsed.file.conflicts.is_empty());
    }
}

/// A file git merged as text is named with the line of its first marker and what to do.
#[test]
fn git_conflict_markers_are_explained_with_the_ways_out() {
    let committed = std::fs::read_to_string(FIXTURE).unwrap();
    let marked = committed.replacen(
        "    status: InProgress,\n",
        "<<<<<<< HEAD\n    status: InProgress,\n=======\n    status: Done,\n>>>>>>> other\n",
        1,
    );
    let err = store::read_str(Path::new("park.ann.ron"), marked).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("park.ann.ron:9:1"), "{text}");
    assert!(text.contains("conflict markers"), "{text}");
    assert!(text.contains("git checkout --ours park.ann.ron`"), "{text}");
    assert!(text.contains("glossator merge-file"), "{text}");
}
