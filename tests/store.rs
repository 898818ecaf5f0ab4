//! The annotation file: committed version-1 files keep loading, saving is deterministic and
//! lossless, and every kind of damage gives a message that says where and what to do.

use std::path::Path;

use glossator::model::{
    Agent, Annotations, ArticleRef, Attribution, AttributionId, Entity, EntityId, Mention,
    MentionId, Note, NoteId, Sourcing, SourcingId, Span, Specificity, Stance, StanceId, Status,
    Target,
};
use glossator::schema::Schema;
use glossator::store;
use glossator::text::{Article, is_grapheme_boundary, next_grapheme_boundary};
use proptest::prelude::*;

const FIXTURE: &str = "tests/fixtures/v1/park.ann.ron";

fn park() -> Article {
    Article::load(Path::new("tests/fixtures/v1/park.txt")).unwrap()
}

#[test]
fn the_committed_v1_file_loads_clean_and_resaves_byte_for_byte() {
    let article = park();
    let parsed = store::read(Path::new(FIXTURE)).unwrap();
    let (annotations, problems) = parsed.resolve(&article);
    assert_eq!(problems, vec![]);
    assert_eq!(Schema::news().check(&annotations), vec![]);
    assert_eq!(annotations.mentions.len(), 14);
    assert_eq!(annotations.status, Status::InProgress);
    let a1 = &annotations.attributions[0];
    let claim = annotations.mention(a1.claim).unwrap();
    let f = claim.fragments[0];
    assert_eq!(
        &article.text[f.start..f.end],
        "We will build the park, and we will build it this year"
    );
    let written = store::to_ron(Path::new(FIXTURE), &annotations, &article).unwrap();
    let committed = std::fs::read_to_string(FIXTURE).unwrap();
    assert_eq!(written, committed);
}
