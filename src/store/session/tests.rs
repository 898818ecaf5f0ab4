use std::sync::Arc;

use super::*;
use crate::model::{ArticleRef, Span};
use crate::store::disk::Faults;
use crate::store::guard::backup_path;

const ENOSPC: i32 = 28;
const EACCES: i32 = 13;
const EIO: i32 = 5;

struct Fixture {
    _dir: tempfile::TempDir,
    /// The folder of the annotation file: the one the faults hit.
    data: PathBuf,
    recovery: PathBuf,
    file: PathBuf,
    article: Article,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("project");
    let recovery = dir.path().join("recovery");
    std::fs::create_dir_all(&data).unwrap();
    let article = Article::from_text(Path::new("a.txt"), "One two three four.\n".into());
    Fixture {
        file: data.join("a.ann.ron"),
        _dir: dir,
        data,
        recovery,
        article,
    }
}

fn annotations(f: &Fixture, mentions: usize) -> Annotations {
    let mut a = Annotations::new(
        ArticleRef {
            path: "a.txt".into(),
            sha256: f.article.sha256.clone(),
            chars: f.article.char_count(),
        },
        "t",
    );
    for i in 0..mentions {
        a.add_mention("Claim", vec![Span::new(i * 4, i * 4 + 3)]);
    }
    a
}

fn options(f: &Fixture, disk: Disk) -> Options {
    Options {
        disk,
        recovery_dir: Some(f.recovery.clone()),
        read_only: false,
        lock: true,
    }
}

fn mentions_in(f: &Fixture, path: &Path) -> usize {
    let parsed = crate::store::read(path).unwrap();
    let (a, problems) = parsed.resolve(&f.article);
    assert!(problems.is_empty(), "{problems:?}");
    a.mentions.len()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every step of a first save (the backup, then the file) fails in turn, with each error a
/// disk gives, and the disk stays broken: the file is old or new, never half; the backup is
/// the old file or absent, never truncated; a failed save leaves the work in a recovery copy
/// in the other folder; and no temporary file is left behind.
#[test]
fn a_failure_at_every_step_of_a_save_loses_nothing() {
    let f = fixture();
    let old = {
        let mut s = Session::open(&f.file, options(&f, Disk::real())).unwrap().0;
        s.save(&annotations(&f, 1), &f.article).unwrap();
        std::fs::read(&f.file).unwrap()
    };
    // How many steps a first save takes in the project folder.
    let counting = Arc::new(Faults::new(usize::MAX, ENOSPC).under(&f.data));
    {
        let (mut s, _) =
            Session::open(&f.file, options(&f, Disk::faulty(counting.clone()))).unwrap();
        s.save(&annotations(&f, 2), &f.article).unwrap();
    }
    let steps = counting.seen();
    assert!(steps >= 10, "backup and file: {steps} steps");
    for errno in [ENOSPC, EACCES, EIO] {
        for at in 0..steps {
            std::fs::write(&f.file, &old).unwrap();
            let _ = std::fs::remove_file(backup_path(&f.file));
            let _ = std::fs::remove_dir_all(&f.recovery);
            let faults = Arc::new(Faults::new(at, errno).under(&f.data).lasting());
            let (mut s, found) = Session::open(&f.file, options(&f, Disk::faulty(faults))).unwrap();
            assert!(found.parsed.is_some());
            let result = s.save(&annotations(&f, 3), &f.article);
            let now = std::fs::read(&f.file).unwrap();
            let what = format!("errno {errno}, step {at}: {result:?}");
            assert!(now == old || mentions_in(&f, &f.file) == 3, "{what}");
            if let Ok(backup) = std::fs::read(backup_path(&f.file)) {
                assert_eq!(backup, old, "{what}");
            }
            match result {
                Ok(_) => assert_ne!(now, old, "{what}"),
                Err(failed) => {
                    let copy = failed.recovery.clone().expect(&what);
                    assert!(copy.starts_with(&f.recovery), "{what}");
                    assert_eq!(mentions_in(&f, &copy), 3, "{what}");
                    assert!(failed.to_string().contains("safe in"), "{what}");
                    assert!(!s.may_autosave(Instant::now()), "backs off: {what}");
                }
            }
            let stray: Vec<_> = files_in(&f.data)
                .into_iter()
                .filter(|n| Path::new(n).extension().is_some_and(|x| x == "tmp"))
                .collect();
            assert!(stray.is_empty(), "{what}: {stray:?}");
        }
    }
}

#[test]
fn with_no_recovery_folder_the_copy_goes_beside_the_file_and_failing_that_says_so() {
    let f = fixture();
    std::fs::write(&f.file, "").unwrap();
    std::fs::remove_file(&f.file).unwrap();
    // The file's own write fails once; the copy beside it works.
    let once = Arc::new(Faults::new(0, ENOSPC).only(crate::store::disk::Step::Write));
    let (mut s, _) = Session::open(
        &f.file,
        Options {
            recovery_dir: None,
            ..options(&f, Disk::faulty(once))
        },
    )
    .unwrap();
    let failed = s.save(&annotations(&f, 2), &f.article).unwrap_err();
    let copy = failed.recovery.unwrap();
    assert!(copy.starts_with(&f.data), "{}", copy.display());
    assert!(copy.to_string_lossy().contains(".recovery-"));
    assert_eq!(mentions_in(&f, &copy), 2);
    // The next save works: the stale copy goes.
    s.save(&annotations(&f, 2), &f.article).unwrap();
    assert!(!copy.exists());
    drop(s);
    // Everything fails: the message says no copy could be written.
    let all = Arc::new(Faults::new(0, ENOSPC).lasting());
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::faulty(all))).unwrap();
    let failed = s.save(&annotations(&f, 3), &f.article).unwrap_err();
    assert_eq!(failed.recovery, None);
    assert!(
        failed.to_string().contains("no copy could be written"),
        "{failed}"
    );
}

#[test]
fn failing_saves_keep_one_recovery_copy_replaced_and_back_off() {
    let f = fixture();
    let broken = Arc::new(Faults::new(0, ENOSPC).under(&f.data).lasting());
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::faulty(broken))).unwrap();
    let t0 = Instant::now();
    for n in 1..=5 {
        assert!(s.save(&annotations(&f, n % 4 + 1), &f.article).is_err());
    }
    assert_eq!(s.failures(), 5);
    let copies = files_in(&f.recovery);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(mentions_in(&f, &f.recovery.join(&copies[0])), 5 % 4 + 1);
    // The same work again is not written again.
    let before = std::fs::metadata(f.recovery.join(&copies[0]))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let _ = s.save(&annotations(&f, 5 % 4 + 1), &f.article);
    let after = std::fs::metadata(f.recovery.join(&copies[0]))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
    // Five failures in a row: the next autosave waits a minute at most, and some seconds.
    assert!(!s.may_autosave(t0 + Duration::from_secs(30)));
    assert!(s.may_autosave(t0 + Duration::from_secs(61)));
}

#[test]
fn an_outside_change_is_found_by_content_and_the_work_goes_to_a_conflict_copy() {
    let f = fixture();
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    s.save(&annotations(&f, 1), &f.article).unwrap();
    let mine = std::fs::read(&f.file).unwrap();
    let when = std::fs::metadata(&f.file).unwrap().modified().unwrap();
    // Another program writes bytes of the same length and puts the time back.
    let theirs = String::from_utf8(mine.clone())
        .unwrap()
        .replace("annotator: \"t\"", "annotator: \"u\"")
        .into_bytes();
    assert_eq!(theirs.len(), mine.len());
    assert_ne!(theirs, mine);
    std::fs::write(&f.file, &theirs).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&f.file)
        .unwrap()
        .set_modified(when)
        .unwrap();
    let saved = s.save(&annotations(&f, 2), &f.article).unwrap();
    let Saved::Diverted { copy, first: true } = saved else {
        panic!("{saved:?}")
    };
    assert_eq!(
        std::fs::read(&f.file).unwrap(),
        theirs,
        "theirs left as it is"
    );
    assert_eq!(mentions_in(&f, &copy), 2);
    assert_eq!(s.diverted(), Some(copy.as_path()));
    drop(s);
    // The next open offers it.
    let (_, found) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    assert_eq!(found.earlier.len(), 1);
    assert_eq!(found.earlier[0].kind, EarlierKind::Conflict);
    assert_eq!(found.earlier[0].path, copy);
}

#[test]
fn a_file_deleted_from_outside_is_written_again_not_taken_for_a_change() {
    let f = fixture();
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    s.save(&annotations(&f, 1), &f.article).unwrap();
    std::fs::remove_file(&f.file).unwrap();
    assert_eq!(
        s.save(&annotations(&f, 2), &f.article).unwrap(),
        Saved::Recreated
    );
    assert_eq!(mentions_in(&f, &f.file), 2);
    assert!(s.diverted().is_none());
}

#[test]
fn no_sidecar_is_written_through_a_link() {
    let f = fixture();
    let precious = f.data.join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    {
        let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
        s.save(&annotations(&f, 1), &f.article).unwrap();
    }
    // The backup.
    std::os::unix::fs::symlink(&precious, backup_path(&f.file)).unwrap();
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    let failed = s.save(&annotations(&f, 2), &f.article).unwrap_err();
    assert!(failed.reason.contains("symbolic link"), "{failed}");
    assert!(failed.recovery.is_some());
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    drop(s);
    std::fs::remove_file(backup_path(&f.file)).unwrap();
    // The journal.
    std::os::unix::fs::symlink(&precious, journal::journal_path(&f.file)).unwrap();
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    s.journal(&annotations(&f, 3), &f.article, 1, Instant::now());
    drop(s);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    std::fs::remove_file(journal::journal_path(&f.file)).unwrap();
    // The file itself: refused at open, with the reason.
    std::fs::remove_file(&f.file).unwrap();
    std::os::unix::fs::symlink(&precious, &f.file).unwrap();
    let err = Session::open(&f.file, options(&f, Disk::real())).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
}

#[test]
fn a_read_only_file_opens_view_only_and_refuses_to_save() {
    use std::os::unix::fs::PermissionsExt;
    let f = fixture();
    {
        let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
        s.save(&annotations(&f, 1), &f.article).unwrap();
    }
    std::fs::set_permissions(&f.file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (mut s, found) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    assert!(found.parsed.is_some());
    // Root writes anyway; the explicit flag is the same path.
    if s.view_only().is_none() {
        s = Session::open(
            &f.file,
            Options {
                read_only: true,
                ..options(&f, Disk::real())
            },
        )
        .unwrap()
        .0;
    }
    assert!(s.view_only().is_some());
    let failed = s.save(&annotations(&f, 2), &f.article).unwrap_err();
    assert!(failed.reason.contains("view-only"), "{failed}");
    assert_eq!(mentions_in(&f, &f.file), 1);
}

#[test]
fn when_both_the_folder_and_the_recovery_folder_fail_the_copy_goes_to_the_temporary_folder() {
    let f = fixture();
    // Everything in this test's folders fails: the project's and the recovery folder.
    let root = f.data.parent().unwrap().to_path_buf();
    let broken = Arc::new(Faults::new(0, ENOSPC).under(&root).lasting());
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::faulty(broken))).unwrap();
    let failed = s.save(&annotations(&f, 2), &f.article).unwrap_err();
    let copy = failed.recovery.clone().expect("a copy somewhere");
    assert!(copy.starts_with(std::env::temp_dir()), "{}", copy.display());
    assert!(!copy.starts_with(&root));
    assert_eq!(mentions_in(&f, &copy), 2);
    std::fs::remove_file(&copy).unwrap();
}

#[test]
fn a_view_only_session_takes_no_lock_so_a_writer_can_open() {
    let f = fixture();
    {
        let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
        s.save(&annotations(&f, 1), &f.article).unwrap();
    }
    let reader = Session::open(
        &f.file,
        Options {
            read_only: true,
            ..options(&f, Disk::real())
        },
    )
    .unwrap();
    assert!(reader.0.view_only().is_some());
    let writer = Session::open(&f.file, options(&f, Disk::real()));
    assert!(writer.is_ok(), "{:?}", writer.err());
}

#[test]
fn a_fifo_in_place_of_the_file_or_its_lock_is_refused_at_once() {
    let f = fixture();
    let made = std::process::Command::new("mkfifo")
        .arg(&f.file)
        .status()
        .unwrap();
    assert!(made.success());
    let err = Session::open(&f.file, options(&f, Disk::real())).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    std::fs::remove_file(&f.file).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(crate::store::guard::lock_path(&f.file))
        .status()
        .unwrap();
    assert!(made.success());
    let err = Session::open(&f.file, options(&f, Disk::real())).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

#[test]
fn a_save_keeps_the_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let f = fixture();
    {
        let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
        s.save(&annotations(&f, 1), &f.article).unwrap();
    }
    std::fs::set_permissions(&f.file, std::fs::Permissions::from_mode(0o664)).unwrap();
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    s.save(&annotations(&f, 2), &f.article).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&f.file), 0o664);
    assert_eq!(mode(&backup_path(&f.file)), 0o664);
}

/// A kill between writing the file and removing the journal (here: the removal fails) never
/// leaves a journal older than the file, which the next open would offer back as unsaved
/// work: the journal holds exactly what was saved, so it is seen to add nothing.
#[test]
fn a_journal_left_behind_by_a_save_holds_what_was_saved() {
    let f = fixture();
    let faults = Arc::new(
        Faults::new(0, EIO)
            .only(crate::store::disk::Step::Remove)
            .lasting(),
    );
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::faulty(faults))).unwrap();
    // One change reaches the journal; the next two are made within its second, then saved.
    s.journal(&annotations(&f, 1), &f.article, 1, Instant::now());
    s.save(&annotations(&f, 3), &f.article).unwrap();
    drop(s);
    let (_, ron) = journal::last(&f.file).expect("the removal failed: the journal is there");
    assert_eq!(ron, std::fs::read_to_string(&f.file).unwrap());
    assert_eq!(mentions_in(&f, &f.file), 3);
}

#[test]
fn a_new_file_saved_twice_keeps_no_backup_of_the_sessions_own_work() {
    let f = fixture();
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    s.save(&annotations(&f, 1), &f.article).unwrap();
    s.save(&annotations(&f, 2), &f.article).unwrap();
    assert!(!backup_path(&f.file).exists());
    drop(s);
    // The next session keeps the file as it found it, once.
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
    s.save(&annotations(&f, 3), &f.article).unwrap();
    s.save(&annotations(&f, 4), &f.article).unwrap();
    assert_eq!(mentions_in(&f, &backup_path(&f.file)), 2);
}

#[test]
fn a_view_only_session_leaves_a_live_sessions_journal_and_copies_alone() {
    let f = fixture();
    {
        let (mut s, _) = Session::open(&f.file, options(&f, Disk::real())).unwrap();
        s.save(&annotations(&f, 1), &f.article).unwrap();
    }
    journal::write(&Disk::real(), &f.file, "(format: 2)").unwrap();
    let conflict = PathBuf::from(format!("{}.conflict-1", f.file.display()));
    std::fs::write(&conflict, "x").unwrap();
    let (_, found) = Session::open(
        &f.file,
        Options {
            read_only: true,
            ..options(&f, Disk::real())
        },
    )
    .unwrap();
    assert!(
        found.journal.is_none(),
        "not offered: another glossator may be writing it"
    );
    assert!(found.earlier.is_empty());
    assert!(journal::journal_path(&f.file).exists());
    assert!(conflict.exists());
}

#[test]
fn a_folder_flush_failing_after_the_rename_is_not_taken_for_an_outside_change() {
    let f = fixture();
    let flush = Arc::new(
        Faults::new(0, EIO)
            .under(&f.data)
            .only(crate::store::disk::Step::SyncFolder),
    );
    let (mut s, _) = Session::open(&f.file, options(&f, Disk::faulty(flush))).unwrap();
    assert!(s.save(&annotations(&f, 1), &f.article).is_err());
    assert_eq!(mentions_in(&f, &f.file), 1, "the bytes are in place");
    assert_eq!(s.save(&annotations(&f, 2), &f.article), Ok(Saved::File));
    assert!(s.diverted().is_none());
}
