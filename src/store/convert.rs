//! The boundary between the file and the model: every item written has its on-disk type in
//! `format`, and these conversions are the only place the two meet. Spans are not here:
//! they need the article to turn code points into bytes (`read` and `save` do that).

use super::format::{
    AgentV1, AnyIdV1, ArticleV1, AttributionIdV1, AttributionV2, EntityIdV1, EntityV1, MentionIdV1,
    NoteIdV1, NoteV1, SourcingIdV1, SourcingV1, SpecificityV1, StanceIdV1, StanceV1, StatusV1,
    TargetV1,
};
use crate::model::{
    Agent, AnyId, ArticleRef, Attribution, AttributionId, Entity, EntityId, MentionId, Note,
    NoteId, Sourcing, SourcingId, Specificity, Stance, StanceId, Status, Target,
};

/// Both ways between an on-disk type and its model type.
macro_rules! both_ways {
    ($disk:ty, $model:ty, |$d:ident| $to_model:expr, |$m:ident| $to_disk:expr) => {
        impl From<$disk> for $model {
            fn from($d: $disk) -> Self {
                $to_model
            }
        }
        impl From<$model> for $disk {
            fn from($m: $model) -> Self {
                $to_disk
            }
        }
    };
}

/// Ids are numbers on both sides; only their spelling on disk is the format's.
macro_rules! ids {
    ($($disk:ident <-> $model:ident),*) => {
        $(both_ways!($disk, $model, |d| $model(d.0), |m| $disk(m.0));)*
    };
}

ids!(
    MentionIdV1 <-> MentionId,
    EntityIdV1 <-> EntityId,
    AttributionIdV1 <-> AttributionId,
    SourcingIdV1 <-> SourcingId,
    StanceIdV1 <-> StanceId,
    NoteIdV1 <-> NoteId
);

both_ways!(
    AgentV1,
    Agent,
    |d| match d {
        AgentV1::Mention(id) => Agent::Mention(id.into()),
        AgentV1::Entity(id) => Agent::Entity(id.into()),
    },
    |m| match m {
        Agent::Mention(id) => AgentV1::Mention(id.into()),
        Agent::Entity(id) => AgentV1::Entity(id.into()),
    }
);

both_ways!(
    AnyIdV1,
    AnyId,
    |d| match d {
        AnyIdV1::Mention(id) => AnyId::Mention(id.into()),
        AnyIdV1::Entity(id) => AnyId::Entity(id.into()),
        AnyIdV1::Attribution(id) => AnyId::Attribution(id.into()),
        AnyIdV1::Sourcing(id) => AnyId::Sourcing(id.into()),
        AnyIdV1::Stance(id) => AnyId::Stance(id.into()),
    },
    |m| match m {
        AnyId::Mention(id) => AnyIdV1::Mention(id.into()),
        AnyId::Entity(id) => AnyIdV1::Entity(id.into()),
        AnyId::Attribution(id) => AnyIdV1::Attribution(id.into()),
        AnyId::Sourcing(id) => AnyIdV1::Sourcing(id.into()),
        AnyId::Stance(id) => AnyIdV1::Stance(id.into()),
    }
);

both_ways!(
    StatusV1,
    Status,
    |d| match d {
        StatusV1::Todo => Status::Todo,
        StatusV1::InProgress => Status::InProgress,
        StatusV1::Done => Status::Done,
        StatusV1::Reviewed => Status::Reviewed,
    },
    |m| match m {
        Status::Todo => StatusV1::Todo,
        Status::InProgress => StatusV1::InProgress,
        Status::Done => StatusV1::Done,
        Status::Reviewed => StatusV1::Reviewed,
    }
);

both_ways!(
    SpecificityV1,
    Specificity,
    |d| match d {
        SpecificityV1::Named => Specificity::Named,
        SpecificityV1::Unnamed => Specificity::Unnamed,
        SpecificityV1::Vague => Specificity::Vague,
    },
    |m| match m {
        Specificity::Named => SpecificityV1::Named,
        Specificity::Unnamed => SpecificityV1::Unnamed,
        Specificity::Vague => SpecificityV1::Vague,
    }
);

both_ways!(
    ArticleV1,
    ArticleRef,
    |d| ArticleRef {
        path: d.path,
        sha256: d.sha256,
        chars: d.chars,
    },
    |m| ArticleV1 {
        path: m.path,
        sha256: m.sha256,
        chars: m.chars,
    }
);

both_ways!(
    EntityV1,
    Entity,
    |d| Entity {
        id: d.id.into(),
        kind: d.kind,
        name: d.name,
        kb: d.kb,
        named: d.named,
    },
    |m| EntityV1 {
        id: m.id.into(),
        kind: m.kind,
        name: m.name,
        kb: m.kb,
        named: m.named,
    }
);

both_ways!(
    AttributionV2,
    Attribution,
    |d| Attribution {
        id: d.id.into(),
        claim: d.claim.into(),
        more: all(&d.more),
        speaker: d.speaker.map(Into::into),
        cue: d.cue.map(Into::into),
    },
    |m| AttributionV2 {
        id: m.id.into(),
        claim: m.claim.into(),
        more: all(&m.more),
        speaker: m.speaker.map(Into::into),
        cue: m.cue.map(Into::into),
    }
);

both_ways!(
    SourcingV1,
    Sourcing,
    |d| Sourcing {
        id: d.id.into(),
        claim: d.claim.into(),
        source: d.source.into(),
        specificity: d.specificity.map(Into::into),
    },
    |m| SourcingV1 {
        id: m.id.into(),
        claim: m.claim.into(),
        source: m.source.into(),
        specificity: m.specificity.map(Into::into),
    }
);

both_ways!(
    TargetV1,
    Target,
    |d| match d {
        TargetV1::Mention(id) => Target::Mention(id.into()),
        TargetV1::Entity(id) => Target::Entity(id.into()),
        TargetV1::Text(t) => Target::Text(t),
    },
    |m| match m {
        Target::Mention(id) => TargetV1::Mention(id.into()),
        Target::Entity(id) => TargetV1::Entity(id.into()),
        Target::Text(t) => TargetV1::Text(t),
    }
);

both_ways!(
    StanceV1,
    Stance,
    |d| Stance {
        id: d.id.into(),
        holder: d.holder.into(),
        target: d.target.into(),
        polarity: d.polarity,
    },
    |m| StanceV1 {
        id: m.id.into(),
        holder: m.holder.into(),
        target: m.target.into(),
        polarity: m.polarity,
    }
);

both_ways!(
    NoteV1,
    Note,
    |d| Note {
        id: d.id.into(),
        on: d.on.map(Into::into),
        text: d.text,
    },
    |m| NoteV1 {
        id: m.id.into(),
        on: m.on.map(Into::into),
        text: m.text,
    }
);

/// Every item of a list converted.
pub fn all<A: Clone + Into<B>, B>(items: &[A]) -> Vec<B> {
    items.iter().cloned().map(Into::into).collect()
}
