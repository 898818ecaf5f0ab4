//! Reading annotation files: 1,000 generated news files as glossator writes them (about
//! 9 KB each: 48 mentions, their entities and attributions), parsed by the quick reader
//! that every path goes through (`glossator::store::read_str`) and by the full RON reader
//! it falls back on, in MB/s of RON.
//!
//! `cargo bench --bench read`
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/news.rs"]
mod news;

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use glossator::store::{Current, read_str, to_ron};

fn files(c: &mut Criterion) {
    let bodies: Vec<String> = (0..1_000)
        .map(|i| {
            let d = news::doc(i);
            to_ron(Path::new("a.ann.ron"), &d.annotations, &d.article).unwrap()
        })
        .collect();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let mut group = c.benchmark_group("read_1000_files");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    let path = Path::new("a.ann.ron");
    group.bench_function("quick (read_str)", |b| {
        b.iter(|| {
            for body in &bodies {
                std::hint::black_box(read_str(path, body.clone()).unwrap());
            }
        });
    });
    group.bench_function("full RON", |b| {
        b.iter(|| {
            for body in &bodies {
                std::hint::black_box(ron::from_str::<Current>(body).unwrap());
            }
        });
    });
    group.finish();
}

criterion_group!(benches, files);
criterion_main!(benches);
