//! `kill -9` in a loop: the release `glossator` binary, in a pseudo-terminal, labels a few
//! words of an article and is killed at a random moment (right after a key, right after
//! `Ctrl-s`, mid-edit, during the 3 s autosave, or at any other time). After every kill the
//! files beside the article are checked through the library: the annotation file, its
//! backup `…~` and the journal must each read back and resolve against the article with no
//! problem, and the newest of the file and the journal must hold every edit sent more than
//! about a second before the kill. The annotation file persists from run to run, so later
//! runs open a file with a history, a backup and often a journal (answered with `r`).
//!
//! Usage: cargo build --release && cargo run --release --example kill_loop -- \
//!        [--runs N] [--seed S] [--article PATH]
//!
//! (default: 1000 runs, seed 1, the demo article). Prints one summary line and a histogram
//! of the losses; exits with 1 when anything read back corrupt, 2 when the binary is
//! missing or the arguments are wrong.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::expect_used,
    reason = "a measuring tool: it prints a report, rounds durations for it, and stops with a \
              message when its own temporary folder or terminal cannot be made"
)]

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use glossator::store::{self, journal};
use glossator::text::Article;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const COLS: u16 = 100;
const ROWS: u16 = 30;
/// The schema's labels behind keys 1..5; Speaker and Source (1, 4) open the entity picker.
const LABELS: [&str; 5] = ["Speaker", "Claim", "Cue", "Source", "Target"];
/// Edits sent longer ago than this before the kill must survive it.
const PROMISE: Duration = Duration::from_secs(1);

/// A small deterministic generator (splitmix64): the same seed gives the same runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn millis(&mut self, from: u64, to: u64) -> Duration {
        Duration::from_millis(from + self.below(to - from + 1))
    }
}

struct Args {
    runs: usize,
    seed: u64,
    article: PathBuf,
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        runs: 1000,
        seed: 1,
        article: manifest().join("assets/demo/fna_iran_rejects_military_cooperation.txt"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--runs" => args.runs = value.parse().map_err(|e| format!("--runs: {e}"))?,
            "--seed" => args.seed = value.parse().map_err(|e| format!("--seed: {e}"))?,
            "--article" => args.article = PathBuf::from(value),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(args)
}

/// glossator in a pseudo-terminal, its screen kept by a terminal emulator fed on a thread.
struct Pty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _master: Box<dyn MasterPty + Send>,
}

impl Pty {
    fn spawn(bin: &Path, article: &Path, work: &Path) -> Result<Self, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("open a pty: {e}"))?;
        let mut cmd = CommandBuilder::new(bin);
        cmd.arg(article);
        cmd.cwd(work);
        cmd.env("TERM", "xterm-256color");
        cmd.env("GLOSSATOR_DATA_DIR", work.join("data"));
        cmd.env("GLOSSATOR_CONFIG", work.join("config.ron"));
        cmd.env("GLOSSATOR_ANNOTATOR", "killer");
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("spawn glossator: {e}"))?;
        drop(pair.slave);
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        let writer = pair
            .master
            .take_writer()
            .map_err(|e| format!("pty writer: {e}"))?;
        let size = |n| NonZeroU16::new(n).expect("the terminal size is not zero");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(ROWS), size(COLS), 0)));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("the screen lock is never poisoned")
                    .process(&buf[..n]);
            }
        });
        Ok(Self {
            child,
            writer,
            screen,
            _master: pair.master,
        })
    }

    fn contents(&self) -> String {
        self.screen
            .lock()
            .expect("the screen lock is never poisoned")
            .screen()
            .contents()
    }

    /// Waits until `pred` holds on the screen; the screen as it was when it did not.
    fn wait(&self, limit: Duration, pred: impl Fn(&str) -> bool) -> Result<String, String> {
        let end = Instant::now() + limit;
        loop {
            let text = self.contents();
            if pred(&text) {
                return Ok(text);
            }
            if Instant::now() >= end {
                return Err(text);
            }
            std::thread::sleep(Duration::from_millis(3));
        }
    }

    fn send(&mut self, keys: &str) {
        // A write to a program that died is seen when checking, not here.
        let _ = self.writer.write_all(keys.as_bytes());
        let _ = self.writer.flush();
    }

    /// `kill -9`, and the moment it returned (the signal was delivered by then).
    fn kill9(&mut self) -> Instant {
        if let Some(pid) = self.child.process_id() {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
        }
        let at = Instant::now();
        let end = at + Duration::from_secs(10);
        while Instant::now() < end {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        at
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The largest mention number in status messages `m<N> labelled <Label>` on the screen.
fn labelled_on(screen: &str) -> Option<u32> {
    let mut best = None;
    for (at, _) in screen.match_indices(" labelled ") {
        let head = &screen[..at];
        let digits: String = head
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        let before = head.len() - digits.len();
        if digits.is_empty() || !head[..before].ends_with('m') {
            continue;
        }
        let n: u32 = digits
            .chars()
            .rev()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        best = best.max(Some(n));
    }
    best
}

/// One edit the harness sent: the mention it made and when its label key went out.
struct Edit {
    id: u32,
    at: Instant,
}

#[derive(Default)]
struct Tally {
    runs: usize,
    corrupt_main: usize,
    corrupt_backup: usize,
    corrupt_journal: usize,
    stray: usize,
    unswept: usize,
    largest_loss: Duration,
    /// Losses in tenths of a second: 0 (none), 1 = (0, 0.1], ... , 30 = over 2.9 s.
    histogram: [usize; 31],
    recovered: usize,
    stale_journals: usize,
    reopen_mismatch: usize,
    stuck: usize,
    edits: usize,
    saves: usize,
    modes: [usize; 5],
    problems: Vec<String>,
    seen_stray: BTreeSet<String>,
    seen_unswept: BTreeSet<String>,
}

impl Tally {
    fn note(&mut self, what: String) {
        if self.problems.len() < 40 {
            self.problems.push(what);
        }
    }
}

/// The mention numbers of an annotation file's text, when it reads and resolves cleanly.
fn mentions_of(path: &Path, text: String, article: &Article) -> Result<BTreeSet<u32>, String> {
    let parsed = store::read_str(path, text).map_err(|d| d.to_string())?;
    let (annotations, problems) = parsed.resolve(article);
    if let Some(first) = problems.first() {
        return Err(format!("{} problem(s), first: {first}", problems.len()));
    }
    Ok(annotations.mentions.iter().map(|m| m.id.0).collect())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Our temporary files beside the annotation file (`.story.ann.ron….tmp`).
fn temporaries(file: &Path) -> Vec<String> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(dir) = file.parent() else {
        return Vec::new();
    };
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    n.starts_with(&format!(".{name}"))
                        && Path::new(n).extension().is_some_and(|x| x == "tmp")
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What the files say after a kill: the mentions of the newest of the file and the journal,
/// and of the state the next open will show (the journal when there is one).
struct Check {
    newest: BTreeSet<u32>,
    opens_with: BTreeSet<u32>,
}

fn check(file: &Path, article: &Article, tally: &mut Tally, run: usize) -> Check {
    let mut main = None;
    if file.exists() {
        match std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|t| mentions_of(file, t, article))
        {
            Ok(ids) => main = Some((modified(file), ids)),
            Err(why) => {
                tally.corrupt_main += 1;
                tally.note(format!("run {run}: main file: {why}"));
            }
        }
    }
    let backup = store::guard::backup_path(file);
    if let Ok(meta) = std::fs::metadata(&backup) {
        let read = if meta.len() == 0 {
            Err("0 bytes".to_owned())
        } else {
            std::fs::read_to_string(&backup)
                .map_err(|e| e.to_string())
                .and_then(|t| mentions_of(&backup, t, article))
        };
        if let Err(why) = read {
            tally.corrupt_backup += 1;
            tally.note(format!("run {run}: backup: {why}"));
        }
    }
    let jpath = journal::journal_path(file);
    let mut journal = None;
    if jpath.exists() {
        match journal::last(file)
            .ok_or_else(|| "no complete entry".to_owned())
            .and_then(|(_, ron)| mentions_of(&jpath, ron, article))
        {
            Ok(ids) => journal = Some((modified(&jpath), ids)),
            Err(why) => {
                tally.corrupt_journal += 1;
                tally.note(format!("run {run}: journal: {why}"));
            }
        }
    }
    // Each counted once: a leftover the next open fails to sweep is seen again after it.
    let stray: Vec<String> = temporaries(file)
        .into_iter()
        .filter(|n| tally.seen_stray.insert(n.clone()))
        .collect();
    if !stray.is_empty() {
        tally.stray += stray.len();
        tally.note(format!(
            "run {run}: left after the kill: {}",
            stray.join(", ")
        ));
    }
    let (newest, opens_with) = match (main, journal) {
        (None, None) => (BTreeSet::new(), BTreeSet::new()),
        (Some((_, m)), None) => (m.clone(), m),
        (None, Some((_, j))) => (j.clone(), j),
        (Some((mt, m)), Some((jt, j))) => {
            if jt < mt && j != m {
                tally.stale_journals += 1;
                let lost: Vec<u32> = m.difference(&j).copied().collect();
                tally.note(format!(
                    "run {run}: the journal is older than the file and differs from it \
                     (mentions only in the file: {lost:?})"
                ));
                (m, j)
            } else {
                (j.clone(), j)
            }
        }
    };
    Check { newest, opens_with }
}

/// Where the article's first line shows: the screen is up.
fn first_words(article: &Article) -> String {
    let line = article
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut words = String::new();
    for w in line.split_whitespace() {
        if !words.is_empty() && words.len() + w.len() > 24 {
            break;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(w);
    }
    words
}

/// How one run ends.
#[derive(Clone, Copy)]
enum Kill {
    /// Right after the last label key, before its label shows.
    AfterKey,
    /// Right after `Ctrl-s`.
    AfterSave,
    /// With a selection half made.
    MidEdit,
    /// Any time up to 1.8 s after the last edit.
    Anytime,
    /// Around the autosave, 3 s after the last edit.
    Autosave,
}

struct Run<'a> {
    bin: &'a Path,
    article_copy: &'a Path,
    work: &'a Path,
    title: &'a str,
    wait_limit: Duration,
}

/// One run: open, edit, kill. Returns the edits sent and the moment of the kill.
fn one_run(
    r: &Run,
    rng: &mut Rng,
    last_id: &mut u32,
    tally: &mut Tally,
    run: usize,
) -> Result<(Vec<Edit>, Instant), String> {
    let file = store::annotation_path_for(r.article_copy);
    let mut pty = Pty::spawn(r.bin, r.article_copy, r.work)?;
    let prompt = "Unsaved work was found";
    // The status bar is the last row drawn: once it shows, so does any popup above it.
    let screen = pty
        .wait(r.wait_limit, |s| {
            (s.contains(r.title) || s.contains(prompt)) && s.contains(" · killer · ")
        })
        .map_err(|s| format!("the article never showed:\n{s}"))?;
    if screen.contains(prompt) {
        pty.send("r");
        pty.wait(r.wait_limit, |s| {
            s.contains("the unsaved work was restored")
        })
        .map_err(|s| format!("recovery did not finish:\n{s}"))?;
        tally.recovered += 1;
    }
    let left: Vec<String> = temporaries(&file)
        .into_iter()
        .filter(|n| tally.seen_unswept.insert(n.clone()))
        .collect();
    if !left.is_empty() {
        tally.unswept += left.len();
        tally.note(format!(
            "run {run}: left after opening: {}",
            left.join(", ")
        ));
    }
    let mode = match rng.below(100) {
        0..20 => Kill::AfterKey,
        20..40 => Kill::AfterSave,
        40..55 => Kill::MidEdit,
        55..85 => Kill::Anytime,
        _ => Kill::Autosave,
    };
    tally.modes[mode as usize] += 1;
    let count = 1 + rng.below(4);
    let mut edits = Vec::new();
    let mut first = true;
    for k in 0..count {
        let moves = format!(
            "{}{}",
            "}".repeat(rng.below(3) as usize),
            "w".repeat(rng.below(7) as usize)
        );
        let key = 1 + rng.below(5) as usize;
        pty.send(&format!("{moves}vw{key}"));
        let at = Instant::now();
        let last = k + 1 == count;
        if last && matches!(mode, Kill::AfterKey) {
            *last_id += 1;
            edits.push(Edit { id: *last_id, at });
            break;
        }
        let shown = pty
            .wait(r.wait_limit, |s| {
                labelled_on(s).is_some_and(|n| n > *last_id)
            })
            .map_err(|s| format!("the label never showed:\n{s}"))?;
        let id = labelled_on(&shown).unwrap_or(*last_id + 1);
        if first && id != *last_id + 1 {
            tally.reopen_mismatch += 1;
            tally.note(format!(
                "run {run}: the file opened with mention {} as the last, the check expected {}",
                id - 1,
                *last_id
            ));
        }
        first = false;
        *last_id = id;
        edits.push(Edit { id, at });
        if LABELS[key - 1] == "Speaker" || LABELS[key - 1] == "Source" {
            // The entity picker opened: Esc leaves the mention without an entity.
            pty.send("\x1b");
            std::thread::sleep(Duration::from_millis(60));
        }
        if !last {
            if rng.below(4) == 0 {
                pty.send("\x13");
                tally.saves += 1;
            }
            std::thread::sleep(rng.millis(0, 300));
        }
    }
    tally.edits += edits.len();
    Ok((edits, finish(mode, &mut pty, rng, tally)))
}

/// Kills the run the way `mode` says; the moment of the kill.
fn finish(mode: Kill, pty: &mut Pty, rng: &mut Rng, tally: &mut Tally) -> Instant {
    match mode {
        Kill::AfterKey => pty.kill9(),
        Kill::AfterSave => {
            pty.send("\x13");
            tally.saves += 1;
            std::thread::sleep(rng.millis(0, 30));
            pty.kill9()
        }
        Kill::MidEdit => {
            pty.send(&format!("{}vw", "w".repeat(rng.below(4) as usize)));
            std::thread::sleep(rng.millis(0, 50));
            pty.kill9()
        }
        Kill::Anytime => {
            std::thread::sleep(rng.millis(0, 1800));
            pty.kill9()
        }
        Kill::Autosave => {
            std::thread::sleep(rng.millis(2900, 3400));
            pty.kill9()
        }
    }
}

/// The release binary beside this example (`target/release/glossator`).
fn binary() -> Result<PathBuf, String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| manifest().join("target"), PathBuf::from);
    let bin = target.join("release").join("glossator");
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "{} is missing: build it first with `cargo build --release`",
            bin.display()
        ))
    }
}

fn histogram(tally: &Tally) {
    println!("losses (seconds between the earliest lost edit and the kill):");
    let row = |label: String, n: usize| {
        if n > 0 {
            println!(
                "  {label:>11}  {n:>5}  {}",
                "#".repeat(n.div_ceil(20).min(60))
            );
        }
    };
    row("none".to_owned(), tally.histogram[0]);
    for (i, n) in tally.histogram.iter().enumerate().skip(1).take(29) {
        row(
            format!("{:.1}-{:.1}", (i - 1) as f64 / 10.0, i as f64 / 10.0),
            *n,
        );
    }
    row("over 2.9".to_owned(), tally.histogram[30]);
}

/// The run's loss: from the earliest edit the newest file lacks to the kill.
fn account(tally: &mut Tally, edits: &[Edit], killed: Instant, found: &Check, run: usize) {
    let lost = edits
        .iter()
        .filter(|e| !found.newest.contains(&e.id))
        .map(|e| killed.saturating_duration_since(e.at))
        .max()
        .unwrap_or_default();
    if lost > PROMISE {
        tally.note(format!(
            "run {run}: lost edits up to {:.2} s old",
            lost.as_secs_f64()
        ));
    }
    tally.largest_loss = tally.largest_loss.max(lost);
    let bucket = if lost.is_zero() {
        0
    } else {
        (lost.as_secs_f64() * 10.0).ceil().clamp(1.0, 30.0) as usize
    };
    tally.histogram[bucket] += 1;
}

/// The summary line, the details, the histogram and what went wrong.
fn report(tally: &Tally, took: Duration) {
    println!(
        "runs {} · corrupt main files {} · corrupt backups {} · corrupt journals {} · largest loss {:.2} s · stray temporaries {}",
        tally.runs,
        tally.corrupt_main,
        tally.corrupt_backup,
        tally.corrupt_journal,
        tally.largest_loss.as_secs_f64(),
        tally.stray
    );
    println!(
        "edits {} · explicit saves {} · recoveries answered {} · kills after a key {} / after ctrl-s {} / mid-edit {} / any time {} / near autosave {} · stale journals {} · reopen mismatches {} · temporaries left after an open {} · runs that stalled {} · {:.0} s",
        tally.edits,
        tally.saves,
        tally.recovered,
        tally.modes[0],
        tally.modes[1],
        tally.modes[2],
        tally.modes[3],
        tally.modes[4],
        tally.stale_journals,
        tally.reopen_mismatch,
        tally.unswept,
        tally.stuck,
        took.as_secs_f64()
    );
    histogram(tally);
    for p in &tally.problems {
        println!("  {p}");
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("kill_loop: {e}");
            return ExitCode::from(2);
        }
    };
    let bin = match binary() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("kill_loop: {e}");
            return ExitCode::from(2);
        }
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let work = dir.path();
    std::fs::write(work.join("config.ron"), "()\n").expect("write the config");
    std::fs::create_dir_all(work.join("data")).expect("make the data folder");
    let name = args.article.file_name().map_or_else(
        || "article.txt".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let article_copy = work.join(&name);
    if let Err(e) = std::fs::copy(&args.article, &article_copy) {
        eprintln!("kill_loop: {}: {e}", args.article.display());
        return ExitCode::from(2);
    }
    let article = match Article::load(&article_copy) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("kill_loop: {e}");
            return ExitCode::from(2);
        }
    };
    let file = store::annotation_path_for(&article_copy);
    let title = first_words(&article);
    // A large article takes longer to open and to draw.
    let wait_limit = Duration::from_secs(10 + (article.text.len() / 100_000) as u64);
    let r = Run {
        bin: &bin,
        article_copy: &article_copy,
        work,
        title: &title,
        wait_limit,
    };
    println!(
        "kill_loop: {} runs on {} ({} bytes), seed {}, binary {}",
        args.runs,
        args.article.display(),
        article.text.len(),
        args.seed,
        bin.display()
    );
    let mut rng = Rng(args.seed);
    let mut tally = Tally::default();
    let mut last_id = 0u32;
    let started = Instant::now();
    for run in 1..=args.runs {
        let outcome = one_run(&r, &mut rng, &mut last_id, &mut tally, run);
        tally.runs += 1;
        let (edits, killed) = match outcome {
            Ok(o) => o,
            Err(why) => {
                tally.stuck += 1;
                let first = why.lines().next().unwrap_or("").to_owned();
                tally.note(format!("run {run}: {first}"));
                if tally.stuck <= 3 {
                    eprintln!("run {run}: {why}");
                }
                (Vec::new(), Instant::now())
            }
        };
        let found = check(&file, &article, &mut tally, run);
        account(&mut tally, &edits, killed, &found, run);
        // The next run continues from what its open will show.
        last_id = found.opens_with.iter().max().copied().unwrap_or(0);
        if run % 100 == 0 {
            eprintln!(
                "  {run} runs, {:.0} s, largest loss so far {:.2} s",
                started.elapsed().as_secs_f64(),
                tally.largest_loss.as_secs_f64()
            );
        }
    }
    report(&tally, started.elapsed());
    if tally.corrupt_main + tally.corrupt_backup + tally.corrupt_journal > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
