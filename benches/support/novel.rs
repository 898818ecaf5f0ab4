//! The 4 MB novel with 20,000 mentions and their links, for the benches that need a large
//! article: `../shared/corpus/large/austen_six_novels.txt` when present (public domain),
//! otherwise a generated text of the same size.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use glossator::model::{Agent, Annotations, ArticleRef, MentionId, Span, Target};
use glossator::schema::Schema;
use glossator::text::{Article, is_word_char};

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

/// `MENTIONS` mentions of one to three words, spread evenly, labels in turn.
pub fn annotations(article: &Article, schema: &Schema) -> Annotations {
    let text = &article.text;
    let mut a = Annotations::new(
        ArticleRef {
            path: "novel.txt".into(),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "bench",
    );
    let step = text.len() / MENTIONS;
    let bytes = text.as_bytes();
    for i in 0..MENTIONS {
        let mut start = i * step;
        while start < text.len()
            && !(text.is_char_boundary(start)
                && text[start..].chars().next().is_some_and(is_word_char)
                && (start == 0 || bytes[start - 1] == b' ' || bytes[start - 1] == b'\n'))
        {
            start += 1;
        }
        let mut end = start;
        let mut words = 0;
        while end < text.len() && words < 1 + i % 3 {
            let c = text[end..].chars().next().unwrap();
            if c == '\n' {
                break;
            }
            end += c.len_utf8();
            if c == ' ' {
                words += 1;
            }
        }
        let end = text[..end].trim_end().len();
        if end > start && end <= (i + 1) * step {
            let label = &schema.labels[i % schema.labels.len()].name;
            a.add_mention(label, vec![Span::new(start, end)]);
        }
    }
    link(&mut a, schema);
    a
}

/// Every claim said by the speaker and cue before it and sourced to the source before it,
/// and every other claim also held by its speaker with a stance: links as the schema allows.
pub fn link(a: &mut Annotations, schema: &Schema) {
    let rules = &schema.links;
    let (mut speaker, mut cue, mut source) = (None, None, None);
    let mentions: Vec<(MentionId, String)> =
        a.mentions.iter().map(|m| (m.id, m.label.clone())).collect();
    for (n, (id, label)) in mentions.into_iter().enumerate() {
        if rules.attribution.speaker.contains(&label) {
            speaker = Some(id);
        } else if rules.attribution.cue.contains(&label) {
            cue = Some(id);
        } else if rules.sourcing.source.contains(&label) {
            source = Some(id);
        }
        if rules.attribution.claim.contains(&label)
            && let Some(s) = speaker
        {
            a.attribute(id, Some(Agent::Mention(s)), cue);
            if let Some(src) = source {
                a.add_sourcing(id, Agent::Mention(src), None);
            }
            if n % 2 == 0 {
                a.add_stance(
                    Agent::Mention(s),
                    Target::Mention(id),
                    &schema.polarities[0],
                );
            }
        }
    }
}
