//! Two annotators' work on one article, aligned: mentions with the same span and label agree;
//! mentions that overlap differ in bounds (or in label); the rest are on one side only. For
//! claims both marked, the speaker and the stance are compared too. Adjudication copies
//! chosen items, with the links that come with them, into a gold set.

use std::collections::HashMap;

use crate::model::{Agent, Annotations, Index, Mention, MentionId, Target};
use crate::text::Article;

mod gold;

pub use gold::{Gold, Side};

/// How one pair (or one lone mention) compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Same span and label (and, for claims, the same speaker and stance).
    Agree,
    /// Overlapping spans with the same label, different bounds.
    Bounds,
    /// Overlapping spans, different labels.
    Label,
    /// The same claim, attributed or judged differently: what differs ("speaker", "cue",
    /// "stance", joined by "and"), and what each side says of it ("said by Ana Ruiz",
    /// "stance oppose").
    Links {
        what: String,
        a: String,
        b: String,
    },
    OnlyA,
    OnlyB,
}

impl Verdict {
    /// What each side says of the claim where their links differ: "A: said by Ana · B: said
    /// by Bob"; `None` for the other verdicts.
    pub fn detail(&self) -> Option<String> {
        match self {
            Self::Links { a, b, .. } => Some(format!("A: {a} · B: {b}")),
            _ => None,
        }
    }

    pub fn word(&self) -> String {
        match self {
            Self::Agree => "agree".into(),
            Self::Bounds => "bounds differ".into(),
            Self::Label => "label differs".into(),
            Self::Links { what, .. } => format!("{what} differs"),
            Self::OnlyA => "only A".into(),
            Self::OnlyB => "only B".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub a: Option<MentionId>,
    pub b: Option<MentionId>,
    pub verdict: Verdict,
    /// Where the pair starts in the text, for ordering and jumping.
    pub at: usize,
}

fn overlap(x: &Mention, y: &Mention) -> usize {
    x.fragments
        .iter()
        .flat_map(|f| {
            y.fragments
                .iter()
                .map(move |g| f.end.min(g.end).saturating_sub(f.start.max(g.start)))
        })
        .sum()
}

/// The name an agent stands for: the entity's name, else the mention's words.
pub fn agent_name(a: &Annotations, text: &str, agent: Agent) -> String {
    agent_name_in(a, None, text, agent)
}

/// [`agent_name`], looking mentions up in `index` when there is one.
pub fn agent_name_in(a: &Annotations, index: Option<&Index>, text: &str, agent: Agent) -> String {
    let mention = |m| match index {
        Some(i) => i.mention(a, m),
        None => a.mention(m),
    };
    let entity = match agent {
        Agent::Entity(e) => Some(e),
        Agent::Mention(m) => mention(m).and_then(|m| m.entity),
    };
    if let Some(e) = entity.and_then(|e| a.entity(e)) {
        return e.name.to_lowercase();
    }
    match agent {
        Agent::Mention(m) => mention(m)
            .map(|m| m.words(text, " ").to_lowercase())
            .unwrap_or_default(),
        Agent::Entity(_) => String::new(),
    }
}

/// Who a claim's attribution names.
#[derive(Debug, PartialEq, Eq)]
enum Said {
    By(String),
    /// No one: "it was reported that".
    ByNoOne,
}

/// One annotator's links by claim, so that aligning two files of thousands of mentions
/// does not walk every link for every pair.
pub(crate) struct ByClaim<'a> {
    annotations: &'a Annotations,
    index: Index,
    /// The first attribution's speaker (`None`: no one named) and cue, for each of its
    /// contents.
    speaker: HashMap<MentionId, (Option<Agent>, Option<MentionId>)>,
    /// The polarities of the stances on it, sorted.
    polarities: HashMap<MentionId, Vec<String>>,
}

impl<'a> ByClaim<'a> {
    pub(crate) fn new(a: &'a Annotations) -> Self {
        let mut speaker = HashMap::new();
        for x in &a.attributions {
            for c in x.claims() {
                speaker.entry(c).or_insert((x.speaker, x.cue));
            }
        }
        let mut polarities: HashMap<MentionId, Vec<String>> = HashMap::new();
        for s in &a.stances {
            if let Target::Mention(m) = s.target {
                polarities.entry(m).or_default().push(s.polarity.clone());
            }
        }
        for p in polarities.values_mut() {
            p.sort();
        }
        Self {
            annotations: a,
            index: Index::build(a),
            speaker,
            polarities,
        }
    }

    /// Who `claim` is attributed to: `None` when it is not attributed.
    fn speaker_of(&self, text: &str, claim: MentionId) -> Option<Said> {
        self.speaker.get(&claim).map(|(s, _)| match s {
            Some(s) => Said::By(agent_name_in(self.annotations, Some(&self.index), text, *s)),
            None => Said::ByNoOne,
        })
    }

    /// The words of the cue of `claim`'s attribution (empty for none), when it names no
    /// speaker: what such an attribution is compared by, besides its claim.
    fn speakerless_cue(&self, text: &str, claim: MentionId) -> Option<String> {
        match self.speaker.get(&claim) {
            Some((None, cue)) => Some(
                cue.and_then(|c| self.index.mention(self.annotations, c))
                    .map(|m| m.words(text, " ").to_lowercase())
                    .unwrap_or_default(),
            ),
            _ => None,
        }
    }

    fn polarities_of(&self, claim: MentionId) -> &[String] {
        self.polarities.get(&claim).map_or(&[], Vec::as_slice)
    }

    /// Everything this side links to `claim`, for a person to read and for telling two
    /// annotators' readings of one claim apart: "said by Ana Ruiz · stance oppose" (a
    /// speakerless attribution names its cue); empty for a mention no link names so.
    pub(crate) fn summary(&self, text: &str, claim: MentionId) -> String {
        let mut what = Vec::new();
        match self.speaker.get(&claim) {
            Some((Some(_), _)) => what.push("speaker"),
            Some((None, _)) => what.extend(["speaker", "cue"]),
            None => {}
        }
        if !self.polarities_of(claim).is_empty() {
            what.push("stance");
        }
        if what.is_empty() {
            String::new()
        } else {
            self.shown(text, claim, &what)
        }
    }

    /// What this side says of `claim` in the respects `what` names, for a person to read:
    /// "said by Ana Ruiz", "said by no one", "cue “wrote”", "stance oppose".
    fn shown(&self, text: &str, claim: MentionId, what: &[&str]) -> String {
        let words = |m: MentionId| {
            self.index
                .mention(self.annotations, m)
                .map(|m| m.words(text, " "))
                .unwrap_or_default()
        };
        let said = self.speaker.get(&claim);
        what.iter()
            .map(|w| match *w {
                "speaker" => match said {
                    None => "not attributed".to_owned(),
                    Some((None, _)) => "said by no one".to_owned(),
                    Some((Some(agent), _)) => {
                        let entity = match *agent {
                            Agent::Entity(e) => Some(e),
                            Agent::Mention(m) => self
                                .index
                                .mention(self.annotations, m)
                                .and_then(|m| m.entity),
                        };
                        let name = match (entity.and_then(|e| self.annotations.entity(e)), agent) {
                            (Some(e), _) => e.name.clone(),
                            (None, Agent::Mention(m)) => words(*m),
                            (None, Agent::Entity(_)) => String::new(),
                        };
                        format!("said by {name}")
                    }
                },
                "cue" => match said.and_then(|(_, cue)| *cue) {
                    Some(c) => format!("cue \u{201c}{}\u{201d}", words(c)),
                    None => "no cue".to_owned(),
                },
                _ => match self.polarities_of(claim) {
                    [] => "no stance".to_owned(),
                    p => format!("stance {}", p.join(", ")),
                },
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// For each of A's mentions, the B mention it is aligned with: the first unused one with the
/// same fragments and label; failing that, the unused one it overlaps most (the later one on
/// a tie).
fn match_mentions(a: &Annotations, b: &Annotations) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut used_b = vec![false; b.mentions.len()];
    let mut matched_a = vec![None; a.mentions.len()];
    let mut exact: HashMap<(&[crate::model::Span], &str), std::collections::VecDeque<usize>> =
        HashMap::new();
    for (j, mb) in b.mentions.iter().enumerate() {
        exact
            .entry((&mb.fragments, &mb.label))
            .or_default()
            .push_back(j);
    }
    for (i, ma) in a.mentions.iter().enumerate() {
        if let Some(j) = exact
            .get_mut(&(&ma.fragments[..], &ma.label[..]))
            .and_then(std::collections::VecDeque::pop_front)
        {
            used_b[j] = true;
            matched_a[i] = Some(j);
        }
    }
    // B's mentions by where they start; one that overlaps A's starts before A's end and at
    // most the longest extent before A's start.
    let mut by_start: Vec<usize> = (0..b.mentions.len()).collect();
    by_start.sort_by_key(|&j| b.mentions[j].extent().start);
    let longest = b
        .mentions
        .iter()
        .map(|m| m.extent().len())
        .max()
        .unwrap_or(0);
    for (i, ma) in a.mentions.iter().enumerate() {
        if matched_a[i].is_some() {
            continue;
        }
        let e = ma.extent();
        let lo = by_start.partition_point(|&j| b.mentions[j].extent().start + longest < e.start);
        let hi = by_start.partition_point(|&j| b.mentions[j].extent().start < e.end);
        let best = by_start[lo..hi.max(lo)]
            .iter()
            .filter(|&&j| !used_b[j])
            .map(|&j| (overlap(ma, &b.mentions[j]), j))
            .filter(|(o, _)| *o > 0)
            .max();
        if let Some((_, j)) = best {
            used_b[j] = true;
            matched_a[i] = Some(j);
        }
    }
    (matched_a, used_b)
}

/// How `copy` differs from `file`, in a line: "3 only in the copy, 1 only in the file,
/// 2 differ, 12 the same".
pub fn summary(article: &Article, file: &Annotations, copy: &Annotations) -> String {
    let pairs = align(article, file, copy);
    let count = |f: &dyn Fn(&Verdict) -> bool| pairs.iter().filter(|p| f(&p.verdict)).count();
    let (same, only_file, only_copy) = (
        count(&|v| *v == Verdict::Agree),
        count(&|v| *v == Verdict::OnlyA),
        count(&|v| *v == Verdict::OnlyB),
    );
    let differ = pairs.len() - same - only_file - only_copy;
    let meta = if file.status == copy.status {
        String::new()
    } else {
        format!(
            "; status {} in the file, {} in the copy",
            file.status, copy.status
        )
    };
    format!(
        "{only_copy} mention(s) only in the copy, {only_file} only in the file, {differ} differ, {same} the same{meta}"
    )
}

/// Aligns A's and B's mentions: exact matches first, then the largest overlaps.
pub fn align(article: &Article, a: &Annotations, b: &Annotations) -> Vec<Pair> {
    let text = &article.text;
    let mut pairs = Vec::new();
    let (matched_a, used_b) = match_mentions(a, b);
    let (links_a, links_b) = (ByClaim::new(a), ByClaim::new(b));
    for (i, ma) in a.mentions.iter().enumerate() {
        let Some(j) = matched_a[i] else {
            pairs.push(Pair {
                a: Some(ma.id),
                b: None,
                verdict: Verdict::OnlyA,
                at: ma.extent().start,
            });
            continue;
        };
        let mb = &b.mentions[j];
        let verdict = if mb.label != ma.label {
            Verdict::Label
        } else if mb.fragments != ma.fragments {
            Verdict::Bounds
        } else {
            let mut differs = Vec::new();
            if links_a.speaker_of(text, ma.id) != links_b.speaker_of(text, mb.id) {
                differs.push("speaker");
            } else if links_a.speakerless_cue(text, ma.id) != links_b.speakerless_cue(text, mb.id) {
                differs.push("cue");
            }
            if links_a.polarities_of(ma.id) != links_b.polarities_of(mb.id) {
                differs.push("stance");
            }
            if differs.is_empty() {
                Verdict::Agree
            } else {
                Verdict::Links {
                    what: differs.join(" and "),
                    a: links_a.shown(text, ma.id, &differs),
                    b: links_b.shown(text, mb.id, &differs),
                }
            }
        };
        pairs.push(Pair {
            a: Some(ma.id),
            b: Some(mb.id),
            verdict,
            at: ma.extent().start.min(mb.extent().start),
        });
    }
    for (j, mb) in b.mentions.iter().enumerate() {
        if !used_b[j] {
            pairs.push(Pair {
                a: None,
                b: Some(mb.id),
                verdict: Verdict::OnlyB,
                at: mb.extent().start,
            });
        }
    }
    pairs.sort_by_key(|p| p.at);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleRef, Span, check};
    use std::path::Path;

    fn set(article: &Article, who: &str) -> Annotations {
        Annotations::new(ArticleRef::of(Path::new("a.txt"), article), who)
    }

    #[test]
    fn a_speakerless_attribution_compares_by_claim_and_cue() {
        let article = Article::from_text(
            Path::new("a.txt"),
            "It was reported that the plan is costly, Ana said and wrote.\n".into(),
        );
        let t = &article.text;
        let span = |s: &str| {
            let at = t.find(s).unwrap();
            Span::new(at, at + s.len())
        };
        // Each side: the claim, the cues "reported" and "wrote", and the speaker Ana.
        let side = |who: &str, speaker: bool, cue: &str| {
            let mut x = set(&article, who);
            let claim = x.add_mention("Claim", vec![span("the plan is costly")]);
            let reported = x.add_mention("Cue", vec![span("reported")]);
            let wrote = x.add_mention("Cue", vec![span("wrote")]);
            let ana = x.add_mention("Speaker", vec![span("Ana")]);
            let cue = if cue == "reported" { reported } else { wrote };
            x.attribute(claim, speaker.then_some(Agent::Mention(ana)), Some(cue));
            x
        };
        let claim_verdict = |a: &Annotations, b: &Annotations| {
            let pairs = align(&article, a, b);
            let claim = a.mentions.iter().find(|m| m.label == "Claim").unwrap().id;
            pairs
                .into_iter()
                .find(|p| p.a == Some(claim))
                .unwrap()
                .verdict
                .word()
        };
        let a = side("a", false, "reported");
        assert_eq!(claim_verdict(&a, &side("b", false, "reported")), "agree");
        assert_eq!(
            claim_verdict(&a, &side("b", true, "reported")),
            "speaker differs",
            "one side names no speaker"
        );
        assert_eq!(claim_verdict(&a, &side("b", false, "wrote")), "cue differs");
        let claim = a.mentions.iter().find(|m| m.label == "Claim").unwrap().id;
        let cue_pair = align(&article, &a, &side("b", false, "wrote"))
            .into_iter()
            .find(|p| p.a == Some(claim))
            .unwrap();
        assert_eq!(
            cue_pair.verdict.detail().as_deref(),
            Some("A: cue \u{201c}reported\u{201d} · B: cue \u{201c}wrote\u{201d}")
        );
        let speaker_pair = align(&article, &a, &side("b", true, "reported"))
            .into_iter()
            .find(|p| p.a == Some(claim))
            .unwrap();
        assert_eq!(
            speaker_pair.verdict.detail().as_deref(),
            Some("A: said by no one · B: said by Ana")
        );
        // In gold, the attribution comes along without a speaker.
        let mut gold = Gold::new(set(&article, "gold"));
        for m in &a.mentions {
            gold.accept(Side::A, &a, m.id);
        }
        let [at] = gold.annotations.attributions.as_slice() else {
            panic!("{:?}", gold.annotations.attributions)
        };
        assert_eq!(at.speaker, None);
        assert!(at.cue.is_some());
    }

    #[test]
    fn pairs_are_agreements_bound_label_and_link_differences_or_one_sided() {
        let article = Article::from_text(
            Path::new("a.txt"),
            "Ana said the plan is costly and Bob said it is cheap today.\n".into(),
        );
        let t = &article.text;
        let span = |s: &str| {
            let at = t.find(s).unwrap();
            Span::new(at, at + s.len())
        };
        let mut a = set(&article, "a");
        let mut b = set(&article, "b");
        let ana_a = a.add_mention("Speaker", vec![span("Ana")]);
        let claim_a = a.add_mention("Claim", vec![span("the plan is costly")]);
        a.attribute(claim_a, Some(Agent::Mention(ana_a)), None);
        let bob_claim_a = a.add_mention("Claim", vec![span("it is cheap")]);
        a.add_mention("Cue", vec![span("today")]);
        let ana_b = b.add_mention("Speaker", vec![span("Ana")]);
        let bob_b = b.add_mention("Speaker", vec![span("Bob")]);
        let claim_b = b.add_mention("Claim", vec![span("the plan is costly")]);
        b.attribute(claim_b, Some(Agent::Mention(bob_b)), None);
        b.add_mention("Claim", vec![span("it is cheap today")]);
        let _ = ana_b;
        let pairs = align(&article, &a, &b);
        let verdicts: Vec<String> = pairs.iter().map(|p| p.verdict.word()).collect();
        assert_eq!(
            verdicts,
            [
                "agree",
                "speaker differs",
                "only B",
                "bounds differ",
                "only A"
            ]
        );
        assert_eq!(
            pairs[1].verdict.detail().as_deref(),
            Some("A: said by Ana · B: said by Bob"),
            "a row that says the speaker differs names both speakers"
        );
        assert_eq!(pairs[0].verdict.detail(), None);

        let mut gold = Gold::new(set(&article, "gold"));
        gold.accept(Side::A, &a, claim_a);
        assert!(
            gold.annotations.attributions.is_empty(),
            "the speaker is not in gold yet"
        );
        gold.accept(Side::A, &a, ana_a);
        assert_eq!(
            gold.annotations.attributions.len(),
            1,
            "now the attribution comes along"
        );
        gold.accept(Side::A, &a, bob_claim_a);
        assert!(gold.has(Side::A, bob_claim_a));
        gold.reject(Side::A, bob_claim_a);
        assert_eq!(gold.annotations.mentions.len(), 2);
        assert_eq!(check(&gold.annotations, t), vec![]);
    }
}
