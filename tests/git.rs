//! A team sharing a project through real git: two clones of one project annotate the same
//! article, one pushes, the other pulls, and git hands the annotation file to
//! `glossator merge-file`. Every git here runs with its global and system config shut
//! out, so the user's own config is never read or touched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/screen.rs"]
mod screen;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use glossator::model::{Agent, Annotations, EntityId, Mention, MentionId, Span};
use glossator::schema::Schema;
use glossator::store;
use glossator::text::Article;
use glossator::tui::{Mode, OpenRequest, handle_event, load_app, perform};
use screen::{key, play, screen_text};

const ANNOTATIONS: &str = "annotations/alice/park.ann.ron";
const ARTICLE: &str = "articles/park.txt";

/// The environment every git (and every glossator that runs git) gets here.
fn isolate(cmd: &mut Command, home: &Path) {
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("GIT_AUTHOR_NAME", "Test Annotator")
        .env("GIT_AUTHOR_EMAIL", "annotator@example.org")
        .env("GIT_COMMITTER_NAME", "Test Annotator")
        .env("GIT_COMMITTER_EMAIL", "annotator@example.org")
        .env("GIT_CONFIG_COUNT", "2")
        .env("GIT_CONFIG_KEY_0", "init.defaultBranch")
        .env("GIT_CONFIG_VALUE_0", "main")
        .env("GIT_CONFIG_KEY_1", "pull.rebase")
        .env("GIT_CONFIG_VALUE_1", "false")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
}

/// Two clones of one project whose article has the park annotations, pushed to a bare
/// repository; each clone ran `glossator git-setup`.
struct Team {
    root: tempfile::TempDir,
}

impl Team {
    fn new() -> Self {
        let team = Self {
            root: tempfile::tempdir().unwrap(),
        };
        let seed = team.path("seed");
        let out = team.glossator(team.root.path(), &["init", "seed", "--git"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::copy("tests/fixtures/v1/park.txt", seed.join(ARTICLE)).unwrap();
        std::fs::create_dir_all(seed.join("annotations/alice")).unwrap();
        let (base, problems) = store::read(Path::new("tests/fixtures/v1/park.ann.ron"))
            .unwrap()
            .resolve(&park());
        assert_eq!(problems, vec![]);
        write(&seed.join(ANNOTATIONS), &base);
        team.git(&seed, &["add", "-A"]);
        team.git(&seed, &["commit", "-q", "-m", "park annotated"]);
        team.git(team.root.path(), &["init", "-q", "--bare", "origin.git"]);
        team.git(&seed, &["push", "-q", "../origin.git", "main"]);
        for clone in ["a", "b"] {
            team.git(team.root.path(), &["clone", "-q", "origin.git", clone]);
            let out = team.glossator(&team.path(clone), &["git-setup"]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        team
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    fn file(&self, clone: &str) -> PathBuf {
        self.path(clone).join(ANNOTATIONS)
    }

    fn run(&self, mut cmd: Command, dir: &Path) -> Output {
        isolate(&mut cmd, self.root.path());
        cmd.current_dir(dir).output().unwrap()
    }

    fn git(&self, dir: &Path, args: &[&str]) -> Output {
        let out = self.try_git(dir, args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn try_git(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new("git");
        cmd.args(args);
        self.run(cmd, dir)
    }

    fn glossator(&self, dir: &Path, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_glossator"));
        cmd.args(args).env("GLOSSATOR_DATA_DIR", self.root.path());
        self.run(cmd, dir)
    }

    /// Edits the annotation file of `clone` and commits it.
    fn annotate(&self, clone: &str, edit: impl FnOnce(&mut Annotations)) {
        let file = self.file(clone);
        let mut a = load(&file);
        edit(&mut a);
        write(&file, &a);
        self.git(&self.path(clone), &["commit", "-q", "-am", "annotated"]);
    }

    /// `a` pushes; `b` pulls and git merges. The pull's output.
    fn push_a_then_pull_b(&self) -> Output {
        self.git(&self.path("a"), &["push", "-q"]);
        self.try_git(&self.path("b"), &["pull", "-q"])
    }

    fn validate(&self, clone: &str) -> Output {
        self.glossator(&self.path(clone), &["validate", ANNOTATIONS])
    }
}

fn park() -> Article {
    Article::load(Path::new("tests/fixtures/v1/park.txt")).unwrap()
}

fn load(file: &Path) -> Annotations {
    let (a, problems) = store::read(file).unwrap().resolve(&park());
    assert_eq!(problems, vec![], "{}", file.display());
    a
}

fn write(file: &Path, a: &Annotations) {
    std::fs::write(file, store::to_ron(file, a, &park()).unwrap()).unwrap();
}

fn span(quote: &str) -> Span {
    let start = park().text.find(quote).unwrap();
    Span::new(start, start + quote.len())
}

fn add(a: &mut Annotations, label: &str, quote: &str) -> MentionId {
    let id = MentionId(a.mentions.iter().map(|m| m.id.0).max().unwrap_or(0) + 1);
    a.mentions.push(
        Mention {
            id,
            label: label.into(),
            fragments: vec![span(quote)],
            entity: None,
            attrs: std::collections::BTreeMap::new(),
        }
        .into(),
    );
    id
}

fn on<'a>(a: &'a Annotations, quote: &str) -> Vec<&'a Mention> {
    let s = span(quote);
    a.mentions
        .iter()
        .filter(|m| m.fragments == [s])
        .map(|m| &**m)
        .collect()
}

fn ok(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    text
}

#[test]
fn setup_writes_attributes_ignores_and_the_driver_and_running_it_again_changes_nothing() {
    let team = Team::new();
    let a = team.path("a");
    let attributes = std::fs::read_to_string(a.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.ann.ron merge=glossator\n");
    let ignore = std::fs::read_to_string(a.join(".gitignore")).unwrap();
    for name in [
        "*.ann.ron.lock",
        "*.ann.ron.journal",
        "*.ann.ron~",
        ".cache/",
    ] {
        assert!(ignore.lines().any(|l| l == name), "{ignore}");
    }
    let driver = team.git(&a, &["config", "merge.glossator.driver"]);
    let driver = String::from_utf8_lossy(&driver.stdout);
    assert!(
        driver.trim().ends_with("glossator merge-file %O %A %B %P"),
        "{driver}"
    );
    // Lines of the user's own are kept, and a second run adds nothing.
    std::fs::write(a.join(".gitignore"), format!("notes/\n{ignore}")).unwrap();
    ok(&team.glossator(&a, &["git-setup"]));
    let again = std::fs::read_to_string(a.join(".gitignore")).unwrap();
    assert_eq!(again, format!("notes/\n{ignore}"));
    assert_eq!(
        std::fs::read_to_string(a.join(".gitattributes")).unwrap(),
        attributes
    );
    // Nothing glossator leaves beside a file is committed by accident.
    std::fs::write(a.join("annotations/alice/park.ann.ron.lock"), "").unwrap();
    std::fs::write(a.join("annotations/alice/park.ann.ron~"), "").unwrap();
    let status = team.git(&a, &["status", "--porcelain"]);
    assert_eq!(String::from_utf8_lossy(&status.stdout), " M .gitignore\n");
}

#[test]
fn work_on_different_paragraphs_merges_clean_with_everything_of_both() {
    let team = Team::new();
    team.annotate("a", |a| {
        add(a, "Source", "Council");
    });
    team.annotate("b", |a| {
        let critics = MentionId(4);
        let claim = add(a, "Claim", "the budget would grow");
        a.attribute(claim, Some(Agent::Mention(critics)), None);
    });
    ok(&team.push_a_then_pull_b());
    let merged = load(&team.file("b"));
    assert_eq!(on(&merged, "Council")[0].label, "Source");
    let claim = on(&merged, "the budget would grow")
        .into_iter()
        .find(|m| m.label == "Claim")
        .unwrap()
        .id;
    assert!(merged.attributions.iter().any(|a| a.claim == claim));
    assert_eq!(merged.mentions.len(), 16);
    let text = ok(&team.validate("b"));
    assert!(text.contains(": ok"), "{text}");
    // b pushes the merge; a pulls it as it is.
    team.git(&team.path("b"), &["push", "-q"]);
    team.git(&team.path("a"), &["pull", "-q"]);
    assert_eq!(
        std::fs::read(team.file("a")).unwrap(),
        std::fs::read(team.file("b")).unwrap()
    );
}

#[test]
fn the_same_words_labelled_differently_become_a_conflict_settled_in_the_tui() {
    let team = Team::new();
    team.annotate("a", |a| {
        add(a, "Source", "Council");
    });
    team.annotate("b", |a| {
        add(a, "Speaker", "Council");
    });
    let pull = team.push_a_then_pull_b();
    assert!(!pull.status.success(), "git stops for a person");
    let stderr = String::from_utf8_lossy(&pull.stderr);
    assert!(
        stderr.contains("conflict for a person to settle"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(team.file("b")).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    let out = team.validate("b");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unresolved merge conflict"), "{err}");
    // Opened, the conflict comes first, with both sides.
    let b = team.path("b");
    let mut req = OpenRequest::new(b.join(ARTICLE), "alice", Schema::news());
    req.out = Some(team.file("b"));
    let mut app = load_app(&req).unwrap();
    assert_eq!(app.mode, Mode::Conflicts);
    let screen = screen_text(&play(&mut app, &[], 140, 40)).join("\n");
    assert!(screen.contains("here (this side):"), "{screen}");
    assert!(screen.contains("there (the other side):"), "{screen}");
    assert!(
        screen.contains("o this side"),
        "hints from the keymap: {screen}"
    );
    // b (Speaker) takes the other side's label (a's Source), and saves.
    play(&mut app, &["t"], 140, 40);
    assert_eq!(app.mode, Mode::Reading, "{:?}", app.message);
    for e in handle_event(&mut app, &key("ctrl-s")) {
        perform(&mut app, &e);
    }
    drop(app);
    let settled = load(&team.file("b"));
    assert!(settled.conflicts.is_empty());
    let labels: Vec<_> = on(&settled, "Council").iter().map(|m| &*m.label).collect();
    assert_eq!(labels, ["Source"]);
    assert!(ok(&team.validate("b")).contains(": ok"));
    team.git(&b, &["commit", "-q", "-am", "merged"]);
}

#[test]
fn a_deletion_against_an_edit_is_a_conflict_record_the_file_still_loads_with() {
    let team = Team::new();
    team.annotate("a", |a| {
        a.remove_mention(MentionId(6));
    });
    team.annotate("b", |a| {
        a.mention_mut(MentionId(6))
            .unwrap()
            .attrs
            .insert("quote_type".into(), "direct".into());
    });
    assert!(!team.push_a_then_pull_b().status.success());
    let merged = load(&team.file("b"));
    assert_eq!(merged.conflicts.len(), 1);
    assert!(
        merged.conflicts[0].what.contains("deleted there"),
        "{}",
        merged.conflicts[0].what
    );
    // This side's edit is in the lists; the other side's deletion is the record's.
    assert_eq!(
        merged.mention(MentionId(6)).unwrap().attrs["quote_type"],
        "direct"
    );
    let out = team.glossator(
        &team.path("b"),
        &["export", ".", "--format", "jsonl", "-o", "out.jsonl"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unresolved merge conflict"), "{err}");
}

#[test]
fn clashing_new_ids_are_renumbered_with_their_links() {
    let team = Team::new();
    team.annotate("a", |a| {
        let council = add(a, "Source", "Council");
        assert_eq!(council, MentionId(15));
        a.add_sourcing(MentionId(1), Agent::Mention(council), None);
    });
    team.annotate("b", |a| {
        let reporters = add(a, "Speaker", "reporters");
        assert_eq!(reporters, MentionId(15));
        let claim = add(a, "Claim", "the budget would grow");
        a.attribute(claim, Some(Agent::Mention(reporters)), None);
    });
    ok(&team.push_a_then_pull_b());
    let merged = load(&team.file("b"));
    let council = on(&merged, "Council")[0].id;
    let reporters = on(&merged, "reporters")[0].id;
    assert_ne!(council, reporters);
    assert!(
        merged
            .sourcings
            .iter()
            .any(|s| s.source == Agent::Mention(council))
    );
    assert!(
        merged
            .attributions
            .iter()
            .any(|a| a.speaker == Some(Agent::Mention(reporters)))
    );
    assert!(ok(&team.validate("b")).contains(": ok"));
}

#[test]
fn an_entity_renamed_on_one_side_keeps_the_mentions_the_other_side_gave_it() {
    let team = Team::new();
    team.annotate("a", |a| {
        a.entity_mut(EntityId(1)).unwrap().name = "Mayor Ana Ruiz".into();
    });
    team.annotate("b", |a| {
        let council = add(a, "Speaker", "Council");
        a.mention_mut(council).unwrap().entity = Some(EntityId(1));
    });
    ok(&team.push_a_then_pull_b());
    let merged = load(&team.file("b"));
    assert_eq!(merged.entity(EntityId(1)).unwrap().name, "Mayor Ana Ruiz");
    assert_eq!(on(&merged, "Council")[0].entity, Some(EntityId(1)));
    assert!(ok(&team.validate("b")).contains(": ok"));
}

/// A pull that changes the file under an open session is an outside change: the session
/// sees it by content, keeps the user's work aside, and loading theirs shows the merge's
/// conflicts first.
#[test]
fn a_file_changed_by_git_pull_under_an_open_session_goes_the_outside_change_path() {
    let team = Team::new();
    team.annotate("a", |a| {
        add(a, "Source", "Council");
    });
    team.annotate("b", |a| {
        add(a, "Speaker", "Council");
    });
    let b = team.path("b");
    let mut req = OpenRequest::new(b.join(ARTICLE), "alice", Schema::news());
    req.out = Some(team.file("b"));
    let mut app = load_app(&req).unwrap();
    assert_eq!(app.mode, Mode::Reading);
    assert!(!team.push_a_then_pull_b().status.success());
    // An edit in the open session, then a save: the pulled file is not written over.
    play(&mut app, &["G", "v", "5"], 120, 40);
    for e in handle_event(&mut app, &key("ctrl-s")) {
        perform(&mut app, &e);
    }
    assert_eq!(app.mode, Mode::Changed, "{:?}", app.message);
    assert!(
        std::fs::read_to_string(team.file("b"))
            .unwrap()
            .contains("conflicts: [")
    );
    // r loads theirs: the merge, its conflict first.
    for e in handle_event(&mut app, &key("r")) {
        perform(&mut app, &e);
    }
    assert_eq!(app.mode, Mode::Conflicts, "{:?}", app.message);
}

/// A clone without the driver gets git's textual merge; the file is then explained, and the
/// commands the explanation gives merge it by meaning.
#[test]
fn a_file_with_git_markers_is_explained_and_the_commands_given_merge_it() {
    let team = Team::new();
    let b = team.path("b");
    team.git(&b, &["config", "--remove-section", "merge.glossator"]);
    team.annotate("a", |a| {
        a.status = glossator::model::Status::Done;
        add(a, "Source", "Council");
    });
    team.annotate("b", |a| {
        a.status = glossator::model::Status::Reviewed;
        add(a, "Target", "reporters");
    });
    let pull = team.push_a_then_pull_b();
    assert!(
        !pull.status.success(),
        "{}",
        String::from_utf8_lossy(&pull.stderr)
    );

    assert!(
        std::fs::read_to_string(team.file("b"))
            .unwrap()
            .contains("<<<<<<<")
    );
    let out = team.validate("b");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains(&format!("{ANNOTATIONS}:")), "{err}");
    assert!(err.contains("conflict markers"), "{err}");
    assert!(
        err.contains(&format!("git checkout --ours {ANNOTATIONS}")),
        "{err}"
    );
    // The explanation's commands, as a person would paste them.
    let commands: Vec<&str> = err
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.starts_with("git show")
                || l.starts_with("glossator merge-file")
                || l.starts_with("cp ")
        })
        .collect();
    assert_eq!(commands.len(), 5, "{err}");
    let bin = Path::new(env!("CARGO_BIN_EXE_glossator"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap()
    );
    for line in commands {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(line).env("PATH", &path);
        let out = team.run(cmd, &b);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let merged = load(&team.file("b"));
    assert_eq!(merged.status, glossator::model::Status::Reviewed);
    assert_eq!(on(&merged, "Council")[0].label, "Source");
    assert_eq!(on(&merged, "reporters")[0].label, "Target");
    assert!(ok(&team.validate("b")).contains(": ok"));
}

/// The browser's summary (with its cache) shows what a pull brought.
#[test]
fn the_project_summary_shows_the_fresh_state_after_a_pull() {
    use glossator::project::{Project, summary::Summary};
    let team = Team::new();
    let a = team.path("a");
    let before = Summary::load(&Project::open(&a).unwrap());
    assert_eq!(before.totals(Some("alice")).mentions, 14);
    team.annotate("b", |x| {
        add(x, "Source", "Council");
        x.status = glossator::model::Status::Done;
    });
    team.git(&team.path("b"), &["push", "-q"]);
    team.git(&a, &["pull", "-q"]);
    let after = Summary::load(&Project::open(&a).unwrap());
    assert_eq!(after.totals(Some("alice")).mentions, 15);
    assert_eq!(after.progress("alice")["done"], 1);
    let status = team.git(&a, &["status", "--porcelain"]);
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        "",
        "the cache is not committed"
    );
}
