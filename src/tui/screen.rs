//! One shape for the browser's screens (the list, review, the dashboard, agreement, compare
//! and curation): each is a component with its own actions, bound to keys in its own
//! section of the keymap file; `update` turns an action into changes of the screen's own
//! state and the [`Effect`]s it asks of the browser (open an article, read the annotation
//! files, close), and does no I/O; the footer and the `?` help are generated from the
//! section's bindings, so a user keymap that rebinds a key changes them too.

mod actions;
pub mod changed;
mod help;

pub use actions::{
    AgreementAction, BrowserAction, CompareAction, CurationAction, DashboardAction, ReviewAction,
};
pub use help::Help;

use crossterm::event::KeyEvent;

use super::keymap::KeyCombo;

/// An article to open: its name, whose annotations, and where to put the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub article: String,
    pub annotator: String,
    pub at: Option<usize>,
    /// Opened to look at, not to change (from review, unless the lead chose to edit).
    pub read_only: bool,
}

/// The screen that waits for every annotation file to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Review,
    Dashboard,
    Agreement,
}

/// What a screen asks of the browser; performed in one place (`Browser::perform`). The ones
/// the browser cannot carry out itself (opening an article in the editor) go on to its loop.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Effect {
    /// Annotate (or look at) an article in the editor, then come back.
    Open(Opening),
    /// Read every annotation file beside the loop, then open this screen.
    LoadDocs(Then),
    /// Stop reading the annotation files.
    StopLoading,
    /// Compare two sides of the highlighted article, the lead choosing A and B among its
    /// annotators and gold (`after` is not used).
    CompareHighlighted { after: Option<String> },
    /// Compare `a` and `b` on `article`, on the pair at code point `at` when given.
    Compare {
        article: String,
        a: String,
        b: String,
        at: Option<usize>,
    },
    /// The curation view of the highlighted article.
    Curate,
    /// Save the gold of the curation view shown if it changed; once it is saved, curate the
    /// next (or, not `forward`, the previous) article of the list an annotator has a file for.
    CurateNext { forward: bool },
    /// Save the gold of the compare or curation view shown; it says how that went.
    SaveGold,
    /// Save the gold shown if it changed; once it is saved, open gold in the editor at this
    /// byte.
    EditGold { at: usize },
    /// Save the gold shown if it changed; once it is saved, compare A with the next
    /// annotator (or gold) as B.
    NextB,
    /// Show the `?` help of the screen shown.
    Help,
    /// Close the screen shown and go back to the list (compare and curation save their
    /// gold first when it changed, and stay when it cannot be saved).
    Close,
    /// End the program.
    Quit,
}

/// What an action means on its screen: its section in the keymap file, the word the footer
/// gives it and the line the `?` help gives it.
pub trait ScreenAction: Copy + Eq + std::fmt::Debug + 'static {
    /// The section of the keymap file.
    const SECTION: &'static str;
    /// The footer's word for it ("open"); `None` keeps it out of the footer (but in help).
    fn word(self) -> Option<&'static str>;
    /// What the `?` help says it does.
    fn describe(self) -> &'static str;
}

/// A screen of the browser.
pub trait Component {
    type Action: ScreenAction;
    /// The action's changes to this screen, and what it asks of the browser. No I/O.
    fn update(&mut self, action: Self::Action) -> Vec<Effect>;
    /// Whether the screen takes keys itself now (text typed into a filter).
    fn typing(&self) -> bool {
        false
    }
    /// A key while [`Component::typing`].
    fn type_key(&mut self, _key: KeyEvent) -> Vec<Effect> {
        Vec::new()
    }
}

/// The action bound to `key` in a section.
pub fn lookup<A: Copy>(bindings: &[(KeyCombo, A)], key: KeyCombo) -> Option<A> {
    bindings.iter().find(|(k, _)| *k == key).map(|(_, a)| *a)
}

/// A key through the screen's section to its `update`, or to the screen itself while it
/// takes typed text.
pub fn route<C: Component>(
    screen: &mut C,
    bindings: &[(KeyCombo, C::Action)],
    key: KeyEvent,
) -> Vec<Effect> {
    if screen.typing() {
        return screen.type_key(key);
    }
    lookup(bindings, KeyCombo::from_event(key)).map_or_else(Vec::new, |a| screen.update(a))
}

/// Each action of a section with its keys, in the order the section first binds them.
pub fn grouped<A: ScreenAction>(bindings: &[(KeyCombo, A)]) -> Vec<(A, Vec<KeyCombo>)> {
    let mut out: Vec<(A, Vec<KeyCombo>)> = Vec::new();
    for (key, action) in bindings {
        match out.iter_mut().find(|(a, _)| a == action) {
            Some((_, keys)) => keys.push(*key),
            None => out.push((*action, vec![*key])),
        }
    }
    out
}

/// The footer: the first key of each action that has a word, as many as fit in `width`
/// ("enter open · q quit · / filter").
/// When some do not fit, the help key stays and the line ends with `…`.
pub fn footer<A: ScreenAction>(bindings: &[(KeyCombo, A)], width: usize) -> String {
    let words: Vec<(&'static str, String)> = grouped(bindings)
        .into_iter()
        .filter_map(|(a, keys)| {
            let word = a.word()?;
            Some((word, format!("{} {word}", keys[0])))
        })
        .collect();
    let keep = words.iter().position(|(w, _)| *w == "help");
    let parts: Vec<String> = words.into_iter().map(|(_, p)| p).collect();
    super::fit::hints(&parts, keep, width)
}

/// A message in a footer `width` wide: made safe, cut with `…` when it does not fit (its
/// start and its paths' file names kept; `?` shows it whole).
pub fn footer_message(message: &str, width: usize) -> String {
    super::fit::line(
        &format!(" {} ", super::describe::sanitize_line(message).trim()),
        width,
    )
}

/// The two rows under a comparing screen's table: the paragraph with its marks, under a
/// title saying what the marks mean, and the footer (the message when there is one, else
/// the section's keys).
pub fn draw_context_and_footer<A: ScreenAction>(
    frame: &mut ratatui::Frame,
    (context, foot): (ratatui::layout::Rect, ratatui::layout::Rect),
    paragraph: ratatui::text::Line<'static>,
    title: &str,
    message: Option<&str>,
    keys: &[(KeyCombo, A)],
    look: &super::look::Look,
) {
    use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
    frame.render_widget(
        Paragraph::new(paragraph).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::TOP)
                .title(title.to_owned()),
        ),
        context,
    );
    let width = usize::from(foot.width);
    let hint = message.map_or_else(|| footer(keys, width), |m| footer_message(m, width));
    frame.render_widget(ratatui::text::Line::styled(hint, look.dim()), foot);
}

/// The `?` help rows of a section: each action's keys joined, and what it does.
pub fn help_rows<A: ScreenAction>(bindings: &[(KeyCombo, A)]) -> Vec<(String, &'static str)> {
    grouped(bindings)
        .into_iter()
        .map(|(a, keys)| {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            (keys.join(", "), a.describe())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> KeyCombo {
        s.parse().unwrap()
    }

    #[test]
    fn the_footer_and_help_come_from_the_bindings() {
        let b = [
            (key("enter"), BrowserAction::Open),
            (key("j"), BrowserAction::Down),
            (key("down"), BrowserAction::Down),
            (key("x"), BrowserAction::Quit),
        ];
        assert_eq!(footer(&b, 200), " enter open · x quit");
        let rows = help_rows(&b);
        assert_eq!(rows[1].0, "j, down");
        assert_eq!(rows[2], ("x".to_owned(), BrowserAction::Quit.describe()));
    }
}
