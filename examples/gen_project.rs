//! Writes a generated project for trying glossator at corpus scale: N articles of about 3 KB
//! with twelve attributed quotations each, annotated by `ana` and (two articles in three)
//! `ben`.
//!
//! Usage: cargo run --release --example gen_project -- DIR [N]   (N defaults to 10000)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../benches/support/news.rs"]
mod news;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_project DIR [N]");
        std::process::exit(2);
    };
    let n = args
        .next()
        .map_or(10_000, |s| s.parse().expect("N is a number"));
    let start = std::time::Instant::now();
    news::write_project(&dir, n, &["ana", "ben"]);
    println!(
        "{n} articles written to {} in {:.1} s",
        dir.display(),
        start.elapsed().as_secs_f64()
    );
}
