//! Gold written by another program while compare or curation adjudicated it. The store
//! session found it at a save, left that gold as it is and kept the lead's in a conflict
//! copy; the screen then asks, as the editor does, with the keys of the keymap's `changed`
//! section: take theirs (the lead's stays in the copy) or go on in the copy.

use std::path::Path;

use crossterm::event::KeyEvent;

use crate::model::Annotations;
use crate::text::Article;
use crate::tui::action::Action;
use crate::tui::keymap::{KeyCombo, Keymap};
use crate::tui::mode::Mode;

/// What a key answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    TakeTheirs,
    GoOn,
    /// Not an answer: ask again.
    Again,
}

/// What happened and the keys that answer.
pub fn question(copy: &Path, keymap: &Keymap) -> String {
    // The keys come before the copy's path, so that a narrow footer keeps them.
    format!(
        "gold changed on disk (another program wrote it) and was left as it is: {} takes \
         theirs, {} goes on in your copy · yours is saved in {}",
        keymap.hint(Mode::Changed, Action::Reload),
        keymap.hint(Mode::Changed, Action::KeepMine),
        copy.display()
    )
}

pub fn answer(keymap: &Keymap, key: KeyEvent) -> Answer {
    match keymap.action(Mode::Changed, KeyCombo::from_event(key)) {
        Some(Action::Reload) => Answer::TakeTheirs,
        Some(Action::KeepMine) => Answer::GoOn,
        _ => Answer::Again,
    }
}

/// What going on in the copy is.
pub fn going_on(copy: &Path) -> String {
    format!(
        "gold on disk stays as the other program wrote it; your adjudication goes on in {}",
        copy.display()
    )
}

/// Gold as the other program wrote it, placed on `article`; from then on the session saves
/// to the gold file again. A gold that cannot be read, or has problems, is left alone (the
/// session goes on saving to the copy), with why.
pub fn take_theirs(
    session: &mut crate::store::Session,
    article: &Article,
    copy: &Path,
) -> Result<Annotations, String> {
    let path = session.file().to_path_buf();
    let cannot = |why: String| {
        format!(
            "their gold cannot be read ({why}; run glossator validate {}); your adjudication \
             goes on in {}",
            path.display(),
            copy.display()
        )
    };
    let parsed = crate::store::read(&path).map_err(|d| cannot(d.to_string()))?;
    let problems = parsed.resolve(article).1;
    if !problems.is_empty() {
        return Err(cannot(format!("it has {} problem(s)", problems.len())));
    }
    session
        .reload()
        .map(|p| p.resolve(article).0)
        .map_err(|d| cannot(d.to_string()))
}

/// What taking theirs did.
pub fn taken(copy: &Path) -> String {
    format!("their gold is loaded; yours is kept in {}", copy.display())
}
