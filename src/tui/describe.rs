//! Annotations in words, one line each, for the panes, the pickers and the status bar:
//! "Afkham --said--> 'We deny the news reports...' (deny: Iran-US military cooperation)".
//! Everything taken from the article or a note is made safe for the terminal here.

use crate::model::{Agent, Annotations, AnyId, EntityId, Index, Mention, MentionId, Target};

/// Where an attribution that names no speaker shows one.
pub const NO_SPEAKER: &str = "(no speaker)";

pub use crate::text::sanitize_line;

/// At most `max` characters, with "..." when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let head: String = s.chars().take(max.saturating_sub(3)).collect();
    format!("{}...", head.trim_end())
}

/// The words a mention covers; fragments joined with " … ".
pub fn mention_text(text: &str, m: &Mention) -> String {
    sanitize_line(&m.words(text, " … "))
}

/// Words for the annotations of one article.
pub struct Describe<'a> {
    pub annotations: &'a Annotations,
    pub text: &'a str,
    /// Lookups without a scan; without it every lookup scans.
    pub index: Option<&'a Index>,
}

impl<'a> Describe<'a> {
    fn mention(&self, id: MentionId) -> Option<&'a Mention> {
        match self.index {
            Some(index) => index.mention(self.annotations, id),
            None => self.annotations.mention(id),
        }
    }

    fn count(&self, e: EntityId) -> usize {
        match self.index {
            Some(index) => index.count(e),
            None => self.annotations.mention_count(e),
        }
    }

    fn mention_words(&self, id: MentionId) -> String {
        self.annotations
            .mention(id)
            .map_or_else(|| format!("{id}?"), |m| mention_text(self.text, m))
    }

    /// A speaker, source or holder: the entity's name when the mention has one.
    /// (An attribution without a speaker shows [`NO_SPEAKER`] in its place.)
    pub fn agent(&self, agent: Agent) -> String {
        match agent {
            Agent::Mention(id) => match self.mention(id) {
                Some(m) => match m.entity.and_then(|e| self.annotations.entity(e)) {
                    Some(e) => sanitize_line(&e.name),
                    None => mention_text(self.text, m),
                },
                None => format!("{id}?"),
            },
            Agent::Entity(id) => self
                .annotations
                .entity(id)
                .map_or_else(|| format!("{id}?"), |e| sanitize_line(&e.name)),
        }
    }

    pub fn target(&self, target: &Target) -> String {
        match target {
            Target::Mention(id) => {
                let m = self.mention(*id);
                if m.is_some_and(|m| m.label == "Claim") {
                    format!("'{}'", clip(&self.mention_words(*id), 40))
                } else {
                    clip(&self.mention_words(*id), 40)
                }
            }
            Target::Entity(id) => self.agent(Agent::Entity(*id)),
            Target::Text(t) => sanitize_line(t),
        }
    }

    /// The entity an agent stands for, when it has one.
    fn entity_of(&self, agent: Agent) -> Option<EntityId> {
        match agent {
            Agent::Entity(e) => Some(e),
            Agent::Mention(m) => self.mention(m).and_then(|m| m.entity),
        }
    }

    fn same_agent(&self, a: Agent, b: Agent) -> bool {
        a == b
            || self
                .entity_of(a)
                .is_some_and(|e| Some(e) == self.entity_of(b))
    }

    /// One line for any annotation.
    pub fn line(&self, id: AnyId) -> String {
        let a = self.annotations;
        match id {
            AnyId::Mention(m) => match self.mention(m) {
                Some(mention) => {
                    let mut s = format!("'{}'", clip(&mention_text(self.text, mention), 50));
                    if let Some(e) = mention.entity.and_then(|e| a.entity(e)) {
                        s = format!("{s} = {}", sanitize_line(&e.name));
                    }
                    for (k, v) in &mention.attrs {
                        s = format!("{s} {k}:{}", sanitize_line(v));
                    }
                    s
                }
                None => format!("{m}?"),
            },
            AnyId::Entity(e) => match a.entity(e) {
                Some(entity) => format!(
                    "{} ({}, {} mention{})",
                    sanitize_line(&entity.name),
                    entity.kind,
                    self.count(e),
                    if self.count(e) == 1 { "" } else { "s" }
                ),
                None => format!("{e}?"),
            },
            AnyId::Attribution(id) => {
                let Some(at) = a.attributions.iter().find(|x| x.id == id) else {
                    return format!("{id}?");
                };
                let cue = at
                    .cue
                    .map_or_else(|| "said".to_owned(), |c| clip(&self.mention_words(c), 24));
                let mut s = format!(
                    "{} --{cue}--> '{}'",
                    at.speaker
                        .map_or_else(|| NO_SPEAKER.to_owned(), |sp| self.agent(sp)),
                    clip(&self.mention_words(at.claim), 40)
                );
                for m in &at.more {
                    s = format!("{s} + '{}'", clip(&self.mention_words(*m), 30));
                }
                let stances: Vec<String> = a
                    .stances
                    .iter()
                    .filter(|st| at.speaker.is_some_and(|sp| self.same_agent(st.holder, sp)))
                    .filter(|st| match &st.target {
                        Target::Mention(m) => *m == at.claim,
                        Target::Text(_) => true,
                        Target::Entity(_) => false,
                    })
                    .map(|st| {
                        if st.target == Target::Mention(at.claim) {
                            st.polarity.clone()
                        } else {
                            format!("{}: {}", st.polarity, self.target(&st.target))
                        }
                    })
                    .collect();
                if !stances.is_empty() {
                    s = format!("{s} ({})", stances.join("; "));
                }
                s
            }
            AnyId::Sourcing(id) => {
                let Some(so) = a.sourcings.iter().find(|x| x.id == id) else {
                    return format!("{id}?");
                };
                let spec = so.specificity.map_or(String::new(), |s| {
                    format!(" ({})", format!("{s:?}").to_lowercase())
                });
                format!(
                    "'{}' <--per-- {}{spec}",
                    clip(&self.mention_words(so.claim), 40),
                    self.agent(so.source)
                )
            }
            AnyId::Stance(id) => {
                let Some(st) = a.stances.iter().find(|x| x.id == id) else {
                    return format!("{id}?");
                };
                format!(
                    "{} --{}--> {}",
                    self.agent(st.holder),
                    st.polarity,
                    self.target(&st.target)
                )
            }
        }
    }
}

/// The paragraph of the article around byte `at`, each character styled by every mark whose
/// spans cover it (a later mark patched over an earlier one): how compare and curation show
/// the readings they are about in their text.
pub fn marked_paragraph(
    article: &crate::text::Article,
    at: usize,
    marks: &[(Vec<crate::model::Span>, ratatui::style::Style)],
) -> ratatui::text::Line<'static> {
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};
    let p = article.paragraph_at(at);
    let Some(range) = article.paragraphs.get(p).cloned() else {
        return Line::raw("");
    };
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_style = Style::default();
    for (i, ch) in article.text[range.clone()].char_indices() {
        let at = range.start + i;
        let style = marks
            .iter()
            .filter(|(f, _)| f.iter().any(|s| s.start <= at && at < s.end))
            .fold(Style::default(), |style, (_, mark)| style.patch(*mark));
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(sanitize_line(&run), run_style));
            run.clear();
        }
        run_style = style;
        run.push(ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(sanitize_line(&run), run_style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleRef, Span};

    #[test]
    fn an_attribution_reads_like_a_sentence_with_the_speakers_stance() {
        let text = "\"We deny the news reports,\" Afkham said.";
        let mut a = Annotations::new(
            ArticleRef {
                path: "a".into(),
                sha256: String::new(),
                chars: text.chars().count(),
            },
            "t",
        );
        let claim = a.add_mention("Claim", vec![Span::new(1, 26)]);
        let speaker = a.add_mention("Speaker", vec![Span::new(28, 34)]);
        let cue = a.add_mention("Cue", vec![Span::new(35, 39)]);
        let e = a.add_entity("Person", "Marziyeh Afkham", true);
        a.mention_mut(speaker).unwrap().entity = Some(e);
        let at = a.attribute(claim, Some(Agent::Mention(speaker)), Some(cue));
        a.add_stance(
            Agent::Entity(e),
            Target::Text("Iran-US military cooperation".into()),
            "deny",
        );
        let d = Describe {
            annotations: &a,
            text,
            index: None,
        };
        assert_eq!(
            d.line(AnyId::Attribution(at)),
            "Marziyeh Afkham --said--> 'We deny the news reports,' \
             (deny: Iran-US military cooperation)"
        );
        assert_eq!(
            d.line(AnyId::Entity(e)),
            "Marziyeh Afkham (Person, 1 mention)"
        );
        assert_eq!(clip("abcdefghij", 6), "abc...");
    }
}
