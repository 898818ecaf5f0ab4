//! The actions of each screen, named in snake_case in the screen's section of the keymap
//! file, each with its footer word and its `?` help line.

use serde::Deserialize;

use super::ScreenAction;

/// An action enum for one screen: its keymap section, and for each action the footer's
/// word (or `None`) and the help's line.
macro_rules! screen_actions {
    ($(#[$meta:meta])* $name:ident, $section:literal {
        $($(#[$vmeta:meta])* $variant:ident => ($word:expr, $describe:literal),)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl ScreenAction for $name {
            const SECTION: &'static str = $section;

            fn word(self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => $word,)*
                }
            }

            fn describe(self) -> &'static str {
                match self {
                    $(Self::$variant => $describe,)*
                }
            }
        }
    };
}

screen_actions! {
    /// The list of articles.
    BrowserAction, "browser" {
        Open => (Some("open"), "annotate the highlighted article"),
        Quit => (Some("quit"), "quit (the first press clears a filter that is set)"),
        Back => (None, "clear the filters; stop reading the annotation files"),
        Down => (None, "next article"),
        Up => (None, "previous article"),
        PageDown => (None, "ten articles down"),
        PageUp => (None, "ten articles up"),
        First => (None, "first article"),
        Last => (None, "last article"),
        Filter => (Some("filter"), "type a filter on titles and file names"),
        Status => (Some("status"), "show only one status (the next status each press)"),
        Whose => (Some("whose"), "the status filter looks at the next annotator's files"),
        Sort => (Some("sort"), "sort by file name, title, status, mentions"),
        Review => (Some("review"), "review every claim of the corpus"),
        Compare => (Some("compare"), "compare two annotators of the highlighted article"),
        Curate => (Some("curate"), "curate the highlighted article across its annotators"),
        Agreement => (Some("agree"), "agreement between every pair of annotators"),
        Dashboard => (Some("dashboard"), "counts of labels, stances and speakers"),
        Help => (Some("help"), "this help"),
    }
}

screen_actions! {
    /// Review across the corpus.
    ReviewAction, "review" {
        Open => (Some("open (read-only)"), "open the highlighted mention in its article, read-only"),
        Edit => (Some("edit"), "open the highlighted mention in its article to edit it"),
        Back => (Some("back"), "back to the list"),
        Down => (None, "next mention"),
        Up => (None, "previous mention"),
        PageDown => (None, "ten mentions down"),
        PageUp => (None, "ten mentions up"),
        First => (None, "first mention"),
        Last => (None, "last mention"),
        Speaker => (Some("speaker/source"), "type a speaker or source name (matched loosely); enter takes the best"),
        Label => (Some("label"), "show one label (the next each press, then all)"),
        Annotator => (Some("annotator"), "show one annotator (the next each press, then all)"),
        Stance => (Some("stance"), "show one stance polarity (the next each press, then all)"),
        Text => (Some("text"), "type a filter on text, speaker, cue, sources and article"),
        Help => (Some("help"), "this help"),
    }
}

screen_actions! {
    /// The dashboard.
    DashboardAction, "dashboard" {
        Back => (Some("back"), "back to the list"),
        Help => (Some("help"), "this help"),
    }
}

screen_actions! {
    /// Agreement between every pair of annotators.
    AgreementAction, "agreement" {
        Open => (Some("compare there"), "open the compare view at the highlighted disagreement"),
        Confusion => (Some("labels table/list"), "the label confusion matrix instead of the disagreements, and back"),
        NextPair => (Some("next pair"), "the next pair of annotators"),
        Down => (None, "next disagreement"),
        Up => (None, "previous disagreement"),
        Back => (Some("back"), "back to the list"),
        Help => (Some("help"), "this help"),
    }
}

screen_actions! {
    /// Compare two sides of one article, and adjudicate into gold.
    CompareAction, "compare" {
        TakeA => (Some("take A"), "take A's item into gold (with the links that come with it), in place of B's"),
        TakeB => (Some("take B"), "take B's item into gold, in place of A's"),
        Neither => (Some("neither"), "take the pair's items out of gold"),
        Edit => (Some("edit gold here"), "open gold in the editor at the pair (gold is saved first)"),
        NextB => (Some("next as B"), "compare A with the next annotator (or gold) as B"),
        NextDifference => (Some("next difference"), "the next pair that does not agree"),
        Save => (Some("save"), "save gold"),
        Back => (Some("back"), "save gold if it changed, and go back to the list"),
        Down => (None, "next pair"),
        Up => (None, "previous pair"),
        First => (None, "first pair"),
        Last => (None, "last pair"),
        Help => (Some("help"), "this help"),
    }
}

screen_actions! {
    /// Curation of one article across all its annotators.
    CurationAction, "curation" {
        Accept => (Some("accept"), "take the reading into gold, and the rival gold held for its text out"),
        Reject => (Some("reject"), "leave the reading out of gold"),
        NextDispute => (Some("next dispute"), "the next open reading where annotators differ"),
        Save => (Some("save"), "save gold"),
        Back => (Some("back"), "save gold if it changed, and go back to the list"),
        PrefillAll => (Some("gold: all agree"), "take into gold every reading all annotators agree on"),
        PrefillMajority => (Some("gold: most agree"), "take into gold every reading most annotators agree on"),
        Edit => (Some("edit gold"), "open gold in the editor at the reading (gold is saved first)"),
        NextArticle => (Some("next article"), "save gold if it changed; curate the next article annotated"),
        PrevArticle => (None, "save gold if it changed; curate the article before"),
        Down => (None, "next reading"),
        Up => (None, "previous reading"),
        First => (None, "first reading"),
        Last => (None, "last reading"),
        Help => (Some("help"), "this help"),
    }
}
