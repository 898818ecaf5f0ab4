//! Suggestions in the article: accept the one under the cursor, reject it, accept all of a
//! paragraph's, go to the next, or run the rules on the article. Each change is one undo
//! step; what a suggestion becomes is ordinary annotations.

use super::App;
use crate::project::Project;
use crate::suggest::{Rules, suggest};
use crate::tui::effect::Effect;

impl App {
    /// The suggestion under the cursor, by its place in the list.
    pub fn suggestion_here(&self) -> Option<usize> {
        self.doc
            .index()
            .suggestion_at(self.doc.annotations(), self.cursor)
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
        let before = self.doc.annotations().clone();
        let free = self.doc.free_mention_id();
        let schema = &self.schema;
        let made = self
            .doc
            .edit_with_text(|a, text| a.accept_suggestion_from(i, schema, text, free));
        self.selected = made;
        self.commit(before, format!("accepted {said}"))
    }

    pub(super) fn reject_suggestion(&mut self) -> Vec<Effect> {
        let Some(i) = self.suggestion_here() else {
            return self.nothing_here();
        };
        let said = self.describe_suggestion(i);
        let before = self.doc.annotations().clone();
        self.doc.edit(|a| a.reject_suggestion(i));
        self.commit(
            before,
            format!("rejected {said}; it will not be suggested again"),
        )
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
        let before = self.doc.annotations().clone();
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
        self.commit(
            before,
            format!("accepted {accepted} suggestion(s) in this paragraph"),
        )
    }

    /// Moves to the next suggestion after the cursor, round to the first.
    pub(super) fn next_suggestion(&mut self) -> Vec<Effect> {
        let next = self
            .doc
            .index()
            .next_suggestion(self.doc.annotations(), self.cursor)
            .or_else(|| {
                // The index is out of date: look at them all.
                let first = |s: &crate::model::Shared<crate::model::Suggestion>| {
                    s.spans().map(|x| x.start).min()
                };
                let starts = self.doc.annotations().suggestions.iter().filter_map(first);
                starts
                    .clone()
                    .filter(|&s| s > self.cursor)
                    .min()
                    .or_else(|| starts.min())
                    .map(|f| (0, f))
            });
        let Some((_, to)) = next else {
            return self.nothing_here();
        };
        self.cursor = to;
        self.anchor = None;
        if let Some(i) = self.suggestion_here() {
            self.message = Some(format!(
                "suggested ({}): {} · y accepts, d rejects, Y accepts the paragraph's",
                self.doc.annotations().suggestions[i].rule,
                self.describe_suggestion(i)
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
        let before = self.doc.annotations().clone();
        let schema = &self.schema;
        let added = self.doc.edit(|a| a.offer(found, schema));
        let total = self.doc.annotations().suggestions.len();
        self.commit(
            before,
            format!("{added} new suggestion(s), {total} in all; ) goes to the next"),
        )
    }
}
