//! The hostile-input table: each input built to exhaust time, memory or the stack, given to
//! the release `glossator` binary, with its exit code, the first line it printed, the wall
//! time and the child's peak memory. Prints a markdown table (the one in BENCHMARKS.md).
//!
//! Usage: cargo run --release --example hostile_table
//!
//! Peak memory comes from `/usr/bin/time -f %M` when it is installed, else from the child's
//! `VmHWM` in /proc, read while polling.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::cast_precision_loss
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use glossator::model::{Annotations, ArticleRef, Span};
use glossator::text::Article;

/// How long one run may take before it is killed and reported as such.
const TIMEOUT: Duration = Duration::from_secs(30);

struct Case {
    name: &'static str,
    /// Arguments after `glossator`; `{dir}` stands for the case's folder.
    args: Vec<String>,
}

struct Outcome {
    code: String,
    first_line: String,
    wall: Duration,
    peak_kib: Option<u64>,
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The release binary beside this example, built when it is missing.
fn binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let release = exe.parent().unwrap().parent().unwrap().to_path_buf();
    let bin = release.join("glossator");
    if !bin.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let ok = Command::new(cargo)
            .args(["build", "--release", "--bin", "glossator"])
            .current_dir(manifest())
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not build the release binary");
    }
    bin
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

/// A file of `size` bytes that takes no room on disk.
fn sparse(path: &Path, size: u64) {
    std::fs::File::create(path).unwrap().set_len(size).unwrap();
}

fn park() -> (String, String) {
    let dir = manifest().join("tests/fixtures/v1");
    (
        std::fs::read_to_string(dir.join("park.txt")).unwrap(),
        std::fs::read_to_string(dir.join("park.ann.ron")).unwrap(),
    )
}

/// `dir/name/park.txt` and `dir/name/park.ann.ron` with `edit` applied to the annotations.
fn park_case(dir: &Path, name: &str, edit: impl Fn(&str) -> String) -> String {
    let (text, ron) = park();
    let case = dir.join(name);
    write(&case.join("park.txt"), text);
    let file = case.join("park.ann.ron");
    write(&file, edit(&ron));
    file.display().to_string()
}

fn init_project(bin: &Path, dir: &Path) -> String {
    let p = dir.join("project");
    if !p.exists() {
        let ok = Command::new(bin)
            .arg("init")
            .arg(&p)
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success();
        assert!(ok, "glossator init failed");
    }
    p.display().to_string()
}

/// A 4 MB novel (the corpus's, when it is there) and 20,000 one-word mentions spread over it.
fn novel(dir: &Path) -> String {
    let corpus = manifest().join("../shared/corpus/large/austen_six_novels.txt");
    let text = std::fs::read_to_string(&corpus).unwrap_or_else(|_| {
        let mut t = String::new();
        let mut i = 0usize;
        while t.len() < 4_000_000 {
            let _ = write!(t, "word{} ", i % 997);
            i += 1;
            if i.is_multiple_of(120) {
                t.push_str("\n\n");
            }
        }
        t
    });
    let case = dir.join("novel");
    let novel_txt = case.join("novel.txt");
    write(&novel_txt, &text);
    let article = Article::load(&novel_txt).unwrap();
    let mut a = Annotations::new(ArticleRef::of(Path::new("novel.txt"), &article), "bench");
    let text = &article.text;
    let n = 20_000;
    let step = text.len() / n;
    let labels = ["Speaker", "Claim", "Cue", "Source", "Target"];
    for i in 0..n {
        let mut start = i * step;
        while start < text.len()
            && !(text.is_char_boundary(start)
                && text[start..].starts_with(|c: char| c.is_alphanumeric())
                && (start == 0 || text.as_bytes()[start - 1].is_ascii_whitespace()))
        {
            start += 1;
        }
        let end = text[start..]
            .find(|c: char| !c.is_alphanumeric())
            .map_or(text.len(), |e| start + e);
        if end > start && end <= (i + 1) * step {
            a.add_mention(labels[i % labels.len()], vec![Span::new(start, end)]);
        }
    }
    let file = case.join("novel.ann.ron");
    glossator::store::session::write_once(&file, &a, &article, None).unwrap();
    file.display().to_string()
}

#[expect(
    clippy::too_many_lines,
    reason = "the table's cases one after the other, in the order they are reported"
)]
fn cases(bin: &Path, dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    let d = |p: &str| dir.join(p).display().to_string();

    // 12: problems without end.
    let file = park_case(dir, "fragments", |ron| {
        let many = "(start: 1, end: 2, quote: \"x\"), ".repeat(200_000);
        ron.replacen(
            "fragments: [(start: 36,",
            &format!("fragments: [{many}(start: 36,"),
            1,
        )
    });
    out.push(Case {
        name: "one mention with 200,000 fragments (a 6.6 MB line)",
        args: vec!["validate".into(), file],
    });
    let file = park_case(dir, "labels", |ron| {
        let line = "        (id: \"m1\", label: \"Claim\", fragments: [(start: 36, end: 90, quote: \"We will build the park, and we will build it this year\")], entity: None, attrs: {}),\n";
        let mut many = String::new();
        for i in 100..20_100 {
            many.push_str(
                &line
                    .replace("\"m1\"", &format!("\"m{i}\""))
                    .replace("Claim", "Rumour"),
            );
        }
        ron.replacen("    mentions: [\n", &format!("    mentions: [\n{many}"), 1)
    });
    out.push(Case {
        name: "20,000 problems (unknown labels)",
        args: vec!["validate".into(), file],
    });
    for (name, sub, count) in [
        ("keymap: 200,000 unknown keys (4 MB)", "keys-big", 200_000),
        (
            "keymap: 40,000 unknown keys (under the limit)",
            "keys",
            40_000,
        ),
    ] {
        let keys = (0..count)
            .map(|i| format!("\"hyper-{i}\": quit, "))
            .collect::<Vec<_>>()
            .concat();
        write(
            &dir.join(sub).join("keymap.ron"),
            format!("(reading: {{{keys}}})"),
        );
        write(&dir.join(sub).join("config.ron"), "()");
        out.push(Case {
            name,
            args: vec![
                "--config".into(),
                d(&format!("{sub}/config.ron")),
                d("fragments/park.txt"),
            ],
        });
    }
    sparse(&dir.join("big.ann.ron"), 1 << 30);
    out.push(Case {
        name: "annotation file of 1 GiB",
        args: vec!["validate".into(), d("big.ann.ron")],
    });
    std::fs::create_dir_all(dir.join("big-config")).unwrap();
    sparse(&dir.join("big-config/config.ron"), 1 << 30);
    out.push(Case {
        name: "configuration file of 1 GiB",
        args: vec![
            "--config".into(),
            d("big-config/config.ron"),
            d("fragments/park.txt"),
        ],
    });
    sparse(&dir.join("big-schema.ron"), 1 << 30);
    out.push(Case {
        name: "schema file of 1 GiB",
        args: vec![
            "validate".into(),
            "--schema".into(),
            d("big-schema.ron"),
            d("fragments/park.ann.ron"),
        ],
    });
    out.push(Case {
        name: "4 MB novel with 20,000 annotations (must open)",
        args: vec!["validate".into(), novel(dir)],
    });

    // 13: brat.
    let project = init_project(bin, dir);
    let words: Vec<String> = (0..60_000).map(|i| format!("w{i}")).collect();
    let mut ann = String::new();
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        let end = at + w.len();
        let _ = writeln!(ann, "T{i}\tSpeaker {at} {end}\t{w}");
        at = end + 1;
    }
    let ids: Vec<String> = (0..60_000).map(|i| format!("T{i}")).collect();
    let _ = writeln!(ann, "*\tEquiv {}", ids.join(" "));
    write(&dir.join("brat-equiv/equiv.txt"), words.join(" "));
    write(&dir.join("brat-equiv/equiv.ann"), &ann);
    out.push(Case {
        name: "brat: an Equiv line of 60,000 ids",
        args: vec![
            "import".into(),
            "brat".into(),
            d("brat-equiv"),
            "--into".into(),
            project.clone(),
        ],
    });
    let words: Vec<String> = (0..100_000).map(|i| format!("v{i}")).collect();
    let mut ann = String::new();
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        let end = at + w.len();
        let _ = writeln!(ann, "T{i}\tClaim {at} {end}\t{w}");
        at = end + 1;
    }
    write(&dir.join("brat-lines/lines.txt"), words.join(" "));
    write(&dir.join("brat-lines/lines.ann"), &ann);
    write(&dir.join("brat-lines/bad.txt"), "Ana said.");
    write(&dir.join("brat-lines/bad.ann"), "T1\tSpeaker 0 99\tAna\n");
    out.push(Case {
        name: "brat: 100,000 text-bound lines, and a bad file beside them",
        args: vec![
            "import".into(),
            "brat".into(),
            d("brat-lines"),
            "--into".into(),
            project.clone(),
        ],
    });

    // 14: HTML.
    let html_cases: Vec<(&str, &str, String)> = vec![
        (
            "HTML: 10,000 nested <div>s",
            "deep.html",
            format!(
                "<html><body>{}<p>Words.</p>{}</body></html>",
                "<div>".repeat(10_000),
                "</div>".repeat(10_000)
            ),
        ),
        (
            "HTML: 2,000,000 entities (10 MB)",
            "amp.html",
            format!(
                "<html><body><p>{}</p></body></html>",
                "&amp;".repeat(2_000_000)
            ),
        ),
        (
            "HTML: 1,000,000 entities (5 MB)",
            "amp-5mb.html",
            format!(
                "<html><body><p>{}</p></body></html>",
                "&amp;".repeat(1_000_000)
            ),
        ),
        (
            "HTML: 20 MB of flat <div>s",
            "flat.html",
            format!(
                "<html><body>{}</body></html>",
                "<div>x</div>".repeat(20_000_000 / 12)
            ),
        ),
        (
            "HTML at the limits: 99,000 paragraphs with 99,000 entities, 18 deep (6 MB)",
            "edge.html",
            format!(
                "<html><head><title>Edge</title></head><body>{}<article>{}</article>{}</body></html>",
                "<div>".repeat(18),
                "<p>The minister said the plan &amp; the budget would hold.</p>".repeat(99_000),
                "</div>".repeat(18)
            ),
        ),
        (
            "HTML at the limits: 250 deep, 7,500 paragraphs",
            "edge-deep.html",
            format!(
                "<html><body>{}<article>{}</article>{}</body></html>",
                "<div>".repeat(249),
                "<p>The minister said the plan &amp; the budget would hold.</p>".repeat(7_500),
                "</div>".repeat(249)
            ),
        ),
        (
            "HTML: 100,000 paragraphs 100 deep",
            "deep-wide.html",
            format!(
                "<html><body>{}<article>{}</article>{}</body></html>",
                "<div>".repeat(100),
                "<p>The minister said the plan and the budget would hold.</p>".repeat(99_000),
                "</div>".repeat(100)
            ),
        ),
        (
            "HTML at the limits: 99,000 entities in one paragraph",
            "amp-edge.html",
            format!(
                "<html><body><article><p>{}</p></article></body></html>",
                "a &amp; b ".repeat(99_000)
            ),
        ),
    ];
    for (name, file, page) in html_cases {
        write(&dir.join(file), page);
        out.push(Case {
            name,
            args: vec!["add".into(), project.clone(), d(file)],
        });
    }

    // 15: numbers at the edge.
    let file = park_case(dir, "offset", |ron| {
        ron.replace("start: 36", "start: 18446744073709551615")
    });
    out.push(Case {
        name: "offset start: 18446744073709551615",
        args: vec!["validate".into(), file],
    });
    let file = park_case(dir, "id", |ron| ron.replace("\"m14\"", "\"m4294967295\""));
    out.push(Case {
        name: "id m4294967295",
        args: vec!["validate".into(), file],
    });
    write(
        &dir.join("label0/keymap.ron"),
        "(reading: {\"x\": label(0)})",
    );
    write(&dir.join("label0/config.ron"), "()");
    out.push(Case {
        name: "keymap entry label(0)",
        args: vec![
            "--config".into(),
            d("label0/config.ron"),
            d("fragments/park.txt"),
        ],
    });

    // 18: messages.
    let utf16: Vec<u8> = std::iter::once(0xfeff_u16)
        .chain("Ana said the park would open.\n".encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    write(&dir.join("utf16.txt"), &utf16);
    out.push(Case {
        name: "UTF-16 article",
        args: vec!["add".into(), project.clone(), d("utf16.txt")],
    });
    write(&dir.join("utf16.ann.ron"), &utf16);
    out.push(Case {
        name: "UTF-16 annotation file",
        args: vec!["validate".into(), d("utf16.ann.ron")],
    });
    let file = park_case(dir, "probe", |_| "[]".to_owned());
    out.push(Case {
        name: "annotation file `[]`",
        args: vec!["validate".into(), file],
    });
    let file = park_case(dir, "deep", |_| {
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))
    });
    out.push(Case {
        name: "10,000 nested brackets",
        args: vec!["validate".into(), file],
    });
    let file = park_case(dir, "self-stance", |ron| {
        ron.replace(
            "holder: \"e1\", target: Mention(\"m11\")",
            "holder: \"m4\", target: Mention(\"m4\")",
        )
    });
    out.push(Case {
        name: "stance held toward itself",
        args: vec!["validate".into(), file],
    });

    // From tests/hostile.rs.
    let mut long = "word ".repeat(2_000_000).into_bytes();
    long.push(b'\n');
    write(&dir.join("ten-megabyte-line.txt"), long);
    out.push(Case {
        name: "article: one 10 MB line",
        args: vec!["add".into(), project.clone(), d("ten-megabyte-line.txt")],
    });
    write(&dir.join("invalid-utf8.txt"), b"caf\xe9 au lait\n");
    out.push(Case {
        name: "article: invalid UTF-8",
        args: vec!["add".into(), project.clone(), d("invalid-utf8.txt")],
    });
    write(&dir.join("nul.txt"), b"one\0two\n");
    out.push(Case {
        name: "article: NUL byte",
        args: vec!["add".into(), project, d("nul.txt")],
    });
    let file = park_case(dir, "truncated", |ron| ron[..ron.len() / 2].to_owned());
    out.push(Case {
        name: "truncated annotation file",
        args: vec!["validate".into(), file],
    });
    out
}

/// The peak resident memory of process `pid` so far, in KiB.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn run(bin: &Path, case: &Case, work: &Path) -> Outcome {
    let time = Path::new("/usr/bin/time");
    let rss_file = work.join("rss");
    let _ = std::fs::remove_file(&rss_file);
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(&case.args)
        .env("GLOSSATOR_DATA_DIR", work.join("data"))
        .env_remove("GLOSSATOR_CONFIG")
        .env_remove("GLOSSATOR_SCHEMA")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(work.join("stdout")).unwrap())
        .stderr(std::fs::File::create(work.join("stderr")).unwrap());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let mut peak = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if !time.exists() {
            peak = vm_hwm(child.id()).max(peak);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let wall = start.elapsed();
    if time.exists() {
        peak = std::fs::read_to_string(&rss_file)
            .ok()
            .and_then(|s| s.lines().filter_map(|l| l.trim().parse().ok()).next_back());
    }
    let stderr = std::fs::read_to_string(work.join("stderr")).unwrap_or_default();
    let stdout = std::fs::read_to_string(work.join("stdout")).unwrap_or_default();
    // /usr/bin/time adds "Command exited with non-zero status" to the child's stderr.
    let said = |s: &str| {
        s.lines()
            .find(|l| !l.trim().is_empty() && !l.starts_with("Command exited with"))
            .map(str::to_owned)
    };
    let first_line = said(&stderr).or_else(|| said(&stdout)).unwrap_or_default();
    let code = match status {
        None => format!("killed after {} s", TIMEOUT.as_secs()),
        Some(s) => s
            .code()
            .map_or_else(|| format!("signal ({s})"), |c| c.to_string()),
    };
    let stderr_size = std::fs::metadata(work.join("stderr")).map_or(0, |m| m.len());
    let first_line = if stderr_size > 100_000 {
        format!("{first_line} [{stderr_size} bytes of stderr]")
    } else {
        first_line
    };
    Outcome {
        code,
        first_line,
        wall,
        peak_kib: peak,
    }
}

/// A message as a table cell: the temporary folder named `$TMP`, control characters
/// shown as `?`, pipes escaped, at most 160 characters.
fn cell(s: &str, dir: &Path) -> String {
    let s = s.replace(&dir.display().to_string(), "$TMP");
    let mut out: String = s
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(160)
        .collect();
    if s.chars().count() > 160 {
        out.push('…');
    }
    out.replace('|', "\\|")
}

fn main() {
    let bin = binary();
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let cases = cases(&bin, dir.path());
    println!("| case | command | exit | first line of the message | wall | peak RSS |");
    println!("|---|---|---|---|---|---|");
    for case in &cases {
        let o = run(&bin, case, work.path());
        let command = format!("glossator {}", case.args.join(" "));
        let rss = o.peak_kib.map_or_else(
            || "?".to_owned(),
            |k| format!("{:.1} MB", k as f64 / 1024.0),
        );
        println!(
            "| {} | `{}` | {} | {} | {:.2} s | {} |",
            case.name,
            cell(&command, dir.path()),
            o.code,
            cell(&o.first_line, dir.path()),
            o.wall.as_secs_f64(),
            rss
        );
    }
}
