//! Export speed: a generated corpus of 1,000 articles (about 3 KB each, with speakers,
//! claims, cues, sources, entities and attributions) to each format, in MB/s of output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/news.rs"]
mod news;

use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use glossator::export::{Doc, Format, Options, export};
use glossator::schema::Schema;

const ARTICLES: usize = 1_000;

fn size(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum()
    } else {
        std::fs::metadata(path).unwrap().len()
    }
}

fn corpus(c: &mut Criterion) {
    let docs: Vec<Doc> = (0..ARTICLES).map(news::doc).collect();
    let schema = Schema::news();
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("export_1000_articles");
    group.sample_size(10);
    for (name, format) in [
        ("jsonl", Format::Jsonl),
        ("claims-csv", Format::ClaimsCsv),
        ("conll", Format::Conll),
        ("brat", Format::Brat),
    ] {
        let out = dir.path().join(name);
        export(&docs, &schema, format, Options::default(), &out).unwrap();
        let bytes = size(&out);
        println!("{name}: {bytes} bytes of output");
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| export(&docs, &schema, format, Options::default(), &out).unwrap());
        });
    }
    group.finish();
}

criterion_group!(benches, corpus);
criterion_main!(benches);
