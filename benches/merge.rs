//! `glossator merge-file` on the novel's annotation file (4 MB, 20,000 mentions with their
//! links): two copies changed in a few hundred places each, merged with their base the way
//! git's driver does it: three files read, merged by meaning, the result written as text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/novel.rs"]
mod novel;
#[path = "support/spread.rs"]
mod spread;

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use glossator::model::{MentionId, Span};
use glossator::schema::Schema;
use glossator::store;
use novel::{MENTIONS, novel};

fn annotations(
    article: &glossator::text::Article,
    schema: &glossator::schema::Schema,
) -> glossator::model::Annotations {
    spread::annotations(article, schema, MENTIONS)
}

fn merge_file(c: &mut Criterion) {
    let article = novel();
    let schema = Schema::news();
    let base = annotations(&article, &schema);
    let path = Path::new("novel.ann.ron");
    // This side relabels 300 mentions; the other deletes 150 and relabels 150 others,
    // and adds 100 mentions on words already marked.
    let mut ours = base.clone();
    let ids: Vec<MentionId> = base.mentions.iter().map(|m| m.id).collect();
    for id in ids.iter().step_by(ids.len() / 300).take(300) {
        ours.mention_mut(*id).unwrap().label = "Target".into();
    }
    let mut theirs = base.clone();
    for id in ids.iter().skip(7).step_by(ids.len() / 150).take(150) {
        theirs.remove_mention(*id);
    }
    for id in ids.iter().skip(13).step_by(ids.len() / 150).take(150) {
        if let Some(m) = theirs.mention_mut(*id) {
            m.label = "Source".into();
        }
    }
    let spans: Vec<Span> = base
        .mentions
        .iter()
        .skip(29)
        .step_by(ids.len() / 100)
        .take(100)
        .map(|m| m.fragments[0])
        .collect();
    for s in spans {
        theirs.add_mention("Cue", vec![s]);
    }
    let text = |a| store::to_ron(path, a, &article).unwrap();
    let (b, o, t) = (text(&base), text(&ours), text(&theirs));
    let mut group = c.benchmark_group("merge_file");
    group.sample_size(10);
    group.bench_function("novel_20k_mentions_few_hundred_changes_each", |bench| {
        bench.iter(|| {
            let parse = |s: &str| store::read_str(path, s.to_owned()).unwrap().file;
            let merged = glossator::merge::merge(&parse(&b), &parse(&o), &parse(&t));
            store::encode(path, merged.file).unwrap()
        });
    });
    group.finish();
    // The same three files on disk, for the command line (see BENCHMARKS.md).
    if let Ok(dir) = std::env::var("GLOSSATOR_MERGE_BENCH_DIR") {
        let dir = Path::new(&dir);
        for (name, body) in [("base", &b), ("ours", &o), ("theirs", &t)] {
            std::fs::write(dir.join(format!("{name}.ann.ron")), body).unwrap();
        }
    }
}

criterion_group!(benches, merge_file);
criterion_main!(benches);
