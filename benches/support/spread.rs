//! Annotations spread over a long text for the benches and `examples/gen_scripts.rs`: a
//! number of mentions of one to three words (two to six characters in a text written
//! without spaces, such as Chinese), spread evenly, labels in turn, linked as real work
//! links them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use glossator::model::{Agent, Annotations, ArticleRef, MentionId, Span, Target};
use glossator::schema::Schema;
use glossator::text::{Article, is_word_char};

/// Whether words in `text` are separated by spaces (not so in Chinese or Japanese).
fn spaced(text: &str) -> bool {
    let spaces = text.bytes().filter(|&b| b == b' ').count();
    spaces * 50 > text.len()
}

/// `count` mentions spread evenly over the article, then linked by [`link`].
pub fn annotations(article: &Article, schema: &Schema, count: usize) -> Annotations {
    let text = &article.text;
    let mut a = Annotations::new(
        ArticleRef {
            path: "novel.txt".into(),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        },
        "bench",
    );
    let spaced = spaced(text);
    let step = text.len() / count;
    let bytes = text.as_bytes();
    for i in 0..count {
        let mut start = i * step;
        while start < text.len()
            && !(text.is_char_boundary(start)
                && text[start..].chars().next().is_some_and(is_word_char)
                && (!spaced || start == 0 || bytes[start - 1] == b' ' || bytes[start - 1] == b'\n'))
        {
            start += 1;
        }
        let mut end = start;
        if spaced {
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
        } else {
            for c in text[start..].chars().take(2 * (1 + i % 3)) {
                if !is_word_char(c) {
                    break;
                }
                end += c.len_utf8();
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
