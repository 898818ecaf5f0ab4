//! `glossator git-setup` (and `init --git`): a project shared through git merges its
//! annotation files by meaning. Writes `.gitattributes` and `.gitignore` (keeping what they
//! hold) and registers the merge driver in the repository's own config.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};

use super::Outcome;

/// The line that sends annotation files to the driver.
pub const ATTRIBUTES: &[&str] = &["*.ann.ron merge=glossator"];

/// What glossator leaves beside annotation files that belongs to one machine: locks,
/// journals, backups, copies kept after an outside change or a failed save, temporary
/// files of an atomic write, and the project's summary cache.
pub const IGNORED: &[&str] = &[
    "*.ann.ron.lock",
    "*.ann.ron.journal",
    "*.ann.ron.journal~",
    "*.ann.ron~",
    "*.ann.ron.conflict-*",
    "*.ann.ron.recovery-*",
    ".*.tmp",
    ".cache/",
];

pub fn run(dir: &Path, init: bool) -> anyhow::Result<Outcome> {
    if !dir.is_dir() {
        bail!(
            "{}: no such folder; give the project folder (or run it inside one)",
            dir.display()
        );
    }
    if git(dir, &["rev-parse", "--git-dir"]).is_err() {
        if init {
            git(dir, &["init", "--quiet"])?;
            outln!("created a git repository in {}", dir.display());
        } else {
            bail!(
                "{}: not in a git repository; run `git init` there first (or create the \
                 project with `glossator init --git`)",
                dir.display()
            );
        }
    }
    let added_attributes = keep_lines(&dir.join(".gitattributes"), ATTRIBUTES)?;
    let added_ignored = keep_lines(&dir.join(".gitignore"), IGNORED)?;
    let driver = format!("{} merge-file %O %A %B %P", program());
    git(
        dir,
        &[
            "config",
            "merge.glossator.name",
            "glossator annotation merge",
        ],
    )?;
    git(dir, &["config", "merge.glossator.driver", &driver])?;
    outln!(
        "{}: .gitattributes ({added_attributes} line(s) added), .gitignore ({added_ignored} \
         line(s) added); merge driver registered: {driver}",
        dir.display()
    );
    outln!("commit .gitattributes and .gitignore; each clone runs `glossator git-setup` once");
    Ok(Outcome::Clean)
}

/// The command git should run: this glossator, by its full path, so the driver works
/// whatever git's PATH is; `glossator` when that cannot be told.
fn program() -> String {
    let exe = std::env::current_exe()
        .ok()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| !p.contains(['"', '\'', '\\', '$', '`']));
    match exe {
        Some(p) if p.contains(' ') => format!("\"{p}\""),
        Some(p) => p,
        None => "glossator".to_owned(),
    }
}

/// Adds to `file` each of `lines` it does not hold yet; the rest of it stays as it is.
fn keep_lines(file: &Path, lines: &[&str]) -> anyhow::Result<usize> {
    let old = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
    };
    let have: std::collections::HashSet<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&&str> = lines.iter().filter(|l| !have.contains(**l)).collect();
    if missing.is_empty() {
        return Ok(0);
    }
    let mut text = old.clone();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for l in &missing {
        text.push_str(l);
        text.push('\n');
    }
    crate::store::Disk::real()
        .write_atomic(file, text.as_bytes())
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(missing.len())
}

/// Runs git in `dir`; its error output when it fails.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("cannot run git; install it, or put it on PATH")?;
    if !out.status.success() {
        bail!(
            "`git {}` failed in {}: {}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
