//! The 4 MB novel for the benches that need a large article (its 20,000 mentions and their
//! links come from `spread.rs`): `../shared/corpus/large/austen_six_novels.txt` when present (public domain),
//! otherwise a generated text of the same size.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use glossator::text::Article;

pub const NOVEL: &str = "../shared/corpus/large/austen_six_novels.txt";
pub const SIZE: usize = 4_025_044;
pub const MENTIONS: usize = 20_000;

/// The novel, or a generated text of the same size with paragraphs of varied length.
pub fn novel() -> Article {
    if let Ok(article) = Article::load(Path::new(NOVEL)) {
        return article;
    }
    let words = [
        "the",
        "minister",
        "said",
        "that",
        "reports",
        "were",
        "untrue",
        "and",
        "officials",
        "denied",
        "any",
        "cooperation",
        "with",
        "coalition",
        "forces",
        "in",
        "Iraq",
        "“quote”",
    ];
    let mut text = String::with_capacity(SIZE + 64);
    let mut seed: u64 = 42;
    while text.len() < SIZE {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let w = words[usize::try_from(seed >> 59).unwrap() % words.len()];
        text.push_str(w);
        if (seed >> 40).is_multiple_of(97) {
            text.push_str("\n\n");
        } else {
            text.push(' ');
        }
    }
    Article::from_text(&PathBuf::from("generated.txt"), text)
}
