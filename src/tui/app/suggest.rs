//! Suggestions in the article: accept the one under the cursor, reject it, accept all of a
//! paragraph's, go to the next, or run the rules on the article. Each change is one undo
//! step; what a suggestion becomes is ordinary annotations.

use super::App;
use crate::project::Project;
use crate::suggest::{Rules, suggest};
use crate::tui::action::Action;
use crate::tui::effect::Effect;

impl App {
    /// The suggestion under the cursor, by its place in the list.
    pub fn suggestion_here(&self) -> Option<usize> {
        self.doc
            .index()
            .suggestion_at(self.doc.annotations(), self.view.cursor)
    }

    fn nothing_here(&mut self) -> Vec<Effect> {
        self.message = Some(if self.doc.annotations().suggestions.is_empty() {
            "no suggestions; R runs the rules on this article".into()
        } else {
            "no suggestion under the cursor; ) goes to the next".into()
        });
        Vec::new()
    }

    fn describe_suggestion(&self, i: usize) -> String {
        let s = &self.doc.annotations().suggestions[i];
        let words = |c: crate::model::Span| {
            crate::tui::describe::clip(&self.doc.article().text[c.start..c.end], 40)
        };
        let who = s.entity.as_ref().map_or("no speaker", |(n, _)| n.as_str());
        match (s.claim.first(), s.source, s.cue) {
            (Some(c), _, _) => format!("{who}: '{}'", words(*c)),
            (None, Some(_), _) => format!("the source {who}"),
            (None, None, Some(c)) => format!("the cue '{}'", words(c)),
            (None, None, None) => String::new(),
        }
    }

    pub(super) fn accept_suggestion(&mut self) -> Vec<Effect> {
        let Some(i) = self.suggestion_here() else {
            return self.nothing_here();
        };
        let said = self.describe_suggestion(i);
        let free = self.doc.free_mention_id();
        let schema = &self.schema;
        let made = self
            .doc
            .edit_with_text(|a, text| a.accept_suggestion_from(i, schema, text, free));
        self.panes.selected = made;
        let effects = self.commit(format!("accepted {said}"));
        self.move_on(made);
        effects
    }

    /// After accepting or rejecting: stays on a suggestion still under the cursor, else
    /// goes to the next one, naming it after what was done; after the last, the cursor
    /// goes to the claim just made (`made`), to link it further.
    fn move_on(&mut self, made: Option<crate::model::MentionId>) {
        let done = self.message.take().unwrap_or_default();
        if self.suggestion_here().is_none() && !self.doc.annotations().suggestions.is_empty() {
            self.next_suggestion();
        }
        if let Some(i) = self.suggestion_here() {
            self.message = Some(format!("{done} · next: {}", self.describe_suggestion(i)));
            return;
        }
        if let Some(start) = made
            .and_then(|m| self.doc.annotations().mention(m))
            .and_then(|m| m.fragments.first())
            .map(|f| f.start)
        {
            self.view.cursor = start;
            self.view.anchor = None;
        }
        self.message = Some(format!("{done} · no suggestion left"));
    }

    pub(super) fn reject_suggestion(&mut self) -> Vec<Effect> {
        let Some(i) = self.suggestion_here() else {
            return self.nothing_here();
        };
        let said = self.describe_suggestion(i);
        self.doc.edit(|a| a.reject_suggestion(i));
        let effects = self.commit(format!("rejected {said}; it will not be suggested again"));
        self.move_on(None);
        effects
    }

    /// Turns the suggestion under the cursor down but keeps its speaker (or source) as a
    /// mention linked to its entity; the cursor goes to the kept mention's last word, where
    /// labelling it by hand would have left it, to go on from there (a stance, a source).
    pub(super) fn keep_speaker(&mut self) -> Vec<Effect> {
        let Some(i) = self.suggestion_here() else {
            return self.nothing_here();
        };
        let said = self.describe_suggestion(i);
        let schema = &self.schema;
        let Some(m) = self.doc.edit(|a| a.keep_speaker_of(i, schema)) else {
            self.refuse(format!("{said} names no speaker or source to keep"));
            return Vec::new();
        };
        let (kept, last_word) = self.doc.annotations().mention(m).map_or_else(
            || (String::new(), self.view.cursor),
            |mention| {
                let f = mention.fragments[0];
                let words = &self.doc.article().text[f.start..f.end];
                let last = words.rfind(char::is_whitespace).map_or(0, |w| w + 1);
                (format!("{} '{words}'", mention.label), f.start + last)
            },
        );
        self.panes.selected = Some(m);
        self.view.cursor = last_word;
        self.view.anchor = None;
        self.commit(format!("kept the {kept}; turned down the rest of {said}"))
    }

    /// Accepts every suggestion that starts in the cursor's paragraph.
    pub(super) fn accept_paragraph(&mut self) -> Vec<Effect> {
        let Some(range) = self
            .doc
            .article()
            .paragraphs
            .get(self.current_paragraph())
            .cloned()
        else {
            return Vec::new();
        };
        let schema = &self.schema;
        let accepted = self.doc.edit_with_text(|a, text| {
            let mut accepted = 0;
            while let Some(i) = a
                .suggestions
                .iter()
                .position(|s| s.key().is_some_and(|k| range.contains(&k.start)))
            {
                a.accept_suggestion(i, schema, text);
                accepted += 1;
            }
            accepted
        });
        if accepted == 0 {
            return self.nothing_here();
        }
        self.commit(format!(
            "accepted {accepted} suggestion(s) in this paragraph"
        ))
    }

    /// Moves to the next suggestion after the cursor, round to the first.
    pub(super) fn next_suggestion(&mut self) -> Vec<Effect> {
        let next = self
            .doc
            .index()
            .next_suggestion(self.doc.annotations(), self.view.cursor)
            .or_else(|| {
                // The index is out of date: look at them all.
                let all = &self.doc.annotations().suggestions;
                let under = |s: &crate::model::Shared<crate::model::Suggestion>| {
                    s.spans()
                        .any(|x| x.start <= self.view.cursor && self.view.cursor < x.end)
                };
                let starts: Vec<(usize, usize)> = all
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| s.spans().map(move |x| (x.start, i)))
                    .collect();
                starts
                    .iter()
                    .copied()
                    .filter(|&(s, i)| s > self.view.cursor && !under(&all[i]))
                    .min()
                    .or_else(|| starts.iter().copied().min())
                    .map(|(s, i)| (i, s))
            });
        let Some((_, to)) = next else {
            return self.nothing_here();
        };
        self.view.cursor = to;
        self.view.anchor = None;
        if let Some(i) = self.suggestion_here() {
            self.message = Some(format!(
                "suggested ({}): {} · {} accepts, {} rejects, {} keeps only its speaker, {} \
                 accepts the paragraph's",
                self.doc.annotations().suggestions[i].rule,
                self.describe_suggestion(i),
                self.key_for(Action::AcceptSuggestion),
                self.key_for(Action::RejectSuggestion),
                self.key_for(Action::KeepSpeaker),
                self.key_for(Action::AcceptParagraph),
            ));
        }
        Vec::new()
    }

    /// Runs the suggestion rules (the project's `suggest.ron`, else the built-in ones) on
    /// the article.
    pub(super) fn run_rules(&mut self) -> Vec<Effect> {
        let root = Project::root_of(self.file());
        let rules = match Rules::for_project(root.as_deref()) {
            Ok(r) => r,
            Err(d) => {
                self.message = Some(format!("{d}"));
                return Vec::new();
            }
        };
        let found = suggest(self.doc.article(), &rules, &self.schema);
        let schema = &self.schema;
        let added = self.doc.edit(|a| a.offer(found, schema));
        let total = self.doc.annotations().suggestions.len();
        self.commit(format!(
            "{added} new suggestion(s), {total} in all; ) goes to the next"
        ))
    }
}
