//! Export speed: a generated corpus of 1,000 articles (about 3 KB each, with speakers,
//! claims, cues, sources, entities and attributions) to each format, in MB/s of output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use glossator::export::{Doc, Format, export};
use glossator::model::{Agent, Annotations, ArticleRef, Span};
use glossator::schema::Schema;
use glossator::text::Article;

const ARTICLES: usize = 1_000;

fn doc(i: usize) -> Doc {
    let mut text = format!("Article {i}: officials deny the report\n\n");
    let mut quotes = Vec::new();
    for p in 0..12 {
        let start = text.len();
        let _ = write!(
            text,
            "“The plan number {p} will not change anything,” Minister Ana Ruiz told reporters in the capital on day {i}, according to local media reports.\n\n"
        );
        quotes.push(start);
    }
    let article = Article::from_text(Path::new("a.txt"), text);
    let t = &article.text;
    let mut a = Annotations::new(
        ArticleRef {
            path: format!("article-{i}.txt"),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "bench",
    );
    let ruiz = a.add_entity("Person", "Ana Ruiz", true);
    let media = a.add_entity("Media", "local media", false);
    for start in quotes {
        let find = |s: &str| {
            let at = start + t[start..].find(s).unwrap();
            Span::new(at, at + s.len())
        };
        let claim = a.add_mention("Claim", vec![find("The plan number")]);
        let m = a.mention_mut(claim).unwrap();
        let end = start + t[start..].find(" anything").unwrap() + " anything".len();
        m.fragments = vec![Span::new(m.fragments[0].start, end)];
        m.attrs.insert("quote_type".into(), "direct".into());
        let speaker = a.add_mention("Speaker", vec![find("Minister Ana Ruiz")]);
        a.mention_mut(speaker).unwrap().entity = Some(ruiz);
        let cue = a.add_mention("Cue", vec![find("told reporters")]);
        let source = a.add_mention("Source", vec![find("local media reports")]);
        a.mention_mut(source).unwrap().entity = Some(media);
        a.attribute(claim, Agent::Mention(speaker), Some(cue));
        a.add_sourcing(claim, Agent::Mention(source), None);
    }
    a.sort();
    Doc {
        article,
        annotations: a,
        name: format!("article-{i}.txt"),
        file: PathBuf::from(format!("article-{i}.ann.ron")),
    }
}

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
    let docs: Vec<Doc> = (0..ARTICLES).map(doc).collect();
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
        export(&docs, &schema, format, None, &out).unwrap();
        let bytes = size(&out);
        println!("{name}: {bytes} bytes of output");
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| export(&docs, &schema, format, None, &out).unwrap());
        });
    }
    group.finish();
}

criterion_group!(benches, corpus);
criterion_main!(benches);
