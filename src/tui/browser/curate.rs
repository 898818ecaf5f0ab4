//! The browser's side of curation and adjudication: opening gold through its store session
//! (shared with compare), opening the curation view of an article, and performing the
//! effects compare and the curation view return.

use super::{Browser, Opening, View};
use crate::model::{Annotations, ArticleRef, Status};
use crate::text::Article;
use crate::tui::curation::CurationView;
use crate::tui::screen::Effect;

impl Browser {
    /// The gold file of `article` through its session (locked while open), and the gold it
    /// holds, placed on `on`. A gold file with a problem is shown, never taken for an empty
    /// one (the next save would replace it): then `None`, with the message set.
    pub(super) fn gold_session(
        &mut self,
        article: &str,
        on: &Article,
        schema: &crate::schema::Schema,
    ) -> Option<(crate::store::Session, Option<Annotations>)> {
        let gold_path = match self.project.writable_annotation_path("gold", article) {
            Ok(p) => p,
            Err(e) => {
                self.message = Some(format!("the gold copy cannot be opened: {e}"));
                return None;
            }
        };
        let (gold_file, found) = match crate::store::Session::open(
            &gold_path,
            crate::store::Options::writer(self.recovery_dir.clone()),
        ) {
            Ok(x) => x,
            Err(e) => {
                self.message = Some(format!("the gold copy cannot be opened: {e}"));
                return None;
            }
        };
        if let Some(why) = gold_file.view_only() {
            self.message = Some(format!("the gold copy cannot be written: {why}"));
            return None;
        }
        let existing = match found.parsed {
            Some(parsed) => {
                let (gold, problems) = parsed.resolve_checked(on, schema);
                if !problems.is_empty() {
                    self.message = Some(format!(
                        "{} has {} problem(s) and was left as it is; run `glossator validate {}` and fix them, then open it again: {}",
                        gold_path.display(),
                        problems.len(),
                        gold_path.display(),
                        parsed.show(&problems[..1])
                    ));
                    return None;
                }
                Some(gold)
            }
            None => None,
        };
        Some((gold_file, existing))
    }

    /// The curation view of the highlighted article: every annotator's file but gold's.
    pub(super) fn curate(&mut self) {
        let Some(article) = self.visible().get(self.index).map(|a| (*a).clone()) else {
            return;
        };
        let who: Vec<String> = article
            .files
            .keys()
            .filter(|w| *w != "gold")
            .cloned()
            .collect();
        if who.is_empty() {
            self.message = Some(format!(
                "no annotator has a file for {} yet: nothing to curate",
                article.name
            ));
            return;
        }
        let schema = self
            .project
            .schema()
            .unwrap_or_else(|_| crate::schema::Schema::news());
        let mut docs = Vec::new();
        for w in &who {
            match crate::export::load_doc(&self.project.annotation_path(w, &article.name), &schema)
            {
                Ok(d) => docs.push(d),
                Err(e) => {
                    self.message = Some(format!("{e:#}"));
                    return;
                }
            }
        }
        let on = std::sync::Arc::unwrap_or_clone(docs[0].article.clone());
        let Some((gold_file, existing)) = self.gold_session(&article.name, &on, &schema) else {
            return;
        };
        let gold = existing.unwrap_or_else(|| {
            let mut g = Annotations::new(
                ArticleRef {
                    path: docs[0].annotations.article.path.clone(),
                    sha256: on.sha256.clone(),
                    chars: on.char_count(),
                },
                "gold",
            );
            g.status = Status::InProgress;
            g
        });
        let files = docs.into_iter().map(|d| d.annotations).collect();
        let curation = crate::curation::Curation::new(&on, who, files, gold);
        self.view = View::Curation(Box::new(CurationView::new(
            article.name.clone(),
            on,
            curation,
            gold_file,
        )));
    }

    /// Gold saved, then the curation view of the next (or previous) article of the list
    /// that an annotator has a file for: a lead curates article after article without going
    /// back to the list. At either end of the list the view stays, and says so.
    pub(super) fn curate_next(&mut self, forward: bool) {
        let Some(article) = self.gold_article() else {
            return;
        };
        let curated =
            |a: &crate::project::summary::ArticleSummary| a.files.keys().any(|w| w != "gold");
        let visible = self.visible();
        let here = visible.iter().position(|a| a.name == article);
        let next = match (here, forward) {
            (Some(h), true) => (h + 1..visible.len()).find(|&i| curated(visible[i])),
            (Some(h), false) => (0..h).rev().find(|&i| curated(visible[i])),
            (None, _) => None,
        };
        let Some(next) = next.map(|i| visible[i].name.clone()) else {
            if let View::Curation(v) = &mut self.view {
                let way = if forward { "after" } else { "before" };
                v.message = Some(format!(
                    "no article {way} this one in the list has an annotator's file to curate"
                ));
            }
            return;
        };
        if !self.gold_saved() {
            return;
        }
        // The gold copy's lock goes with this view before the next one takes it.
        self.view = View::List;
        self.reload_after(Some(&article));
        if let Some(i) = self.visible().iter().position(|a| a.name == next) {
            self.index = i;
        }
        self.curate();
    }

    /// Saves the gold of the compare or curation view shown, saying how it went.
    pub(super) fn save_gold(&mut self) {
        match &mut self.view {
            View::Compare(c) => {
                c.save_with_message();
                c.ask_changed(&self.keymap);
            }
            View::Curation(v) => {
                v.save_with_message();
                v.ask_changed(&self.keymap);
            }
            _ => {}
        }
    }

    /// Saves the gold of the view shown when it changed; true when nothing is left unsaved
    /// (a failed save keeps the view, with its message, and its work).
    pub(super) fn gold_saved(&mut self) -> bool {
        match &mut self.view {
            View::Compare(c) => {
                if c.dirty {
                    c.save_with_message();
                    c.ask_changed(&self.keymap);
                }
                // A gold changed on disk is asked about before compare closes.
                !c.dirty && c.changed_on_disk.is_none()
            }
            View::Curation(v) => {
                if v.dirty {
                    v.save_with_message();
                    v.ask_changed(&self.keymap);
                }
                !v.dirty && v.changed_on_disk.is_none()
            }
            _ => true,
        }
    }

    /// The article whose gold the view shown adjudicates.
    fn gold_article(&self) -> Option<String> {
        match &self.view {
            View::Compare(c) => Some(c.a.name.clone()),
            View::Curation(v) => Some(v.name.clone()),
            _ => None,
        }
    }

    /// Gold saved, then opened in the editor at byte `at`: the effect for the loop.
    pub(super) fn edit_gold(&mut self, at: usize) -> Option<Effect> {
        let article = self.gold_article()?;
        if !self.gold_saved() {
            return None;
        }
        self.go_back();
        Some(Effect::Open(Opening {
            article,
            annotator: "gold".to_owned(),
            at: Some(at),
            read_only: false,
        }))
    }

    /// Gold saved, then A compared with the next annotator (or gold) as B.
    pub(super) fn next_b(&mut self) {
        let View::Compare(c) = &self.view else {
            return;
        };
        let (article, a, b) = (
            c.a.name.clone(),
            c.a.annotations.annotator.clone(),
            c.b.annotations.annotator.clone(),
        );
        if !self.gold_saved() {
            return;
        }
        // The gold copy's lock goes with this view before the next one takes it.
        self.view = View::List;
        self.compare_next_b(&article, &a, &b);
        if matches!(self.view, View::List) {
            self.go_back();
        }
    }

    /// Back to the screen before (the list, or agreement for a compare opened from it);
    /// compare and curation save their gold first, and their article's files are read again.
    pub(super) fn close_view(&mut self) {
        let article = self.gold_article();
        if !self.gold_saved() {
            return;
        }
        self.go_back();
        if let Some(a) = article {
            self.reload_after(Some(&a));
        }
    }
}
