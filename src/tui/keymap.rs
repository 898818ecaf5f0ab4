//! Keys -> actions, per mode. The defaults ship as `assets/keymap.ron`; a file that binds
//! one key twice in a mode, names an unknown key or an unknown action is refused with the
//! file, the position and what to do. Help text is generated from the bindings.

use std::collections::HashMap;
use std::fmt;
use std::mem::take;
use std::path::Path;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::action::Action;
use super::mode::Mode;
use super::screen::{
    AgreementAction, BrowserAction, CompareAction, CurationAction, DashboardAction, ReviewAction,
};
use crate::diagnostic::Diagnostic;

/// The default keymap, compiled in.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.ron");

/// A key with its modifiers. Shift is folded into the character for printable keys
/// ("G", not "shift-g"), because terminals report it inconsistently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCombo {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("space", KeyCode::Char(' ')),
];

impl KeyCombo {
    pub fn from_event(event: KeyEvent) -> Self {
        let mut mods =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                // Ctrl with a letter arrives as the lower-case letter on most terminals.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            other => other,
        };
        Self { code, mods }
    }
}

impl FromStr for KeyCombo {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => {
                if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
                    && (1..=12).contains(&n)
                {
                    KeyCode::F(n)
                } else {
                    NAMED
                        .iter()
                        .find(|(name, _)| *name == rest)
                        .map(|(_, code)| *code)
                        .ok_or_else(|| {
                            format!(
                                "unknown key {s:?}: use one character, a named key ({}, f1..f12), \
                                 optionally after ctrl-, alt- or shift-",
                                NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                            )
                        })?
                }
            }
        };
        Ok(Self { code, mods })
    }
}

impl fmt::Display for KeyCombo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMED
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| *n);
                f.write_str(name)
            }
        }
    }
}

/// Bindings of one mode (or screen) in file order, duplicates kept so they can be reported.
struct Bindings<T = Action>(Vec<(String, T)>);

impl<T> Default for Bindings<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Bindings<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Bindings<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of keys to actions, like { \"j\": cursor_down }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bindings<T>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Bindings(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// The bindings of the browser's screens, one section each, in file order.
#[derive(Debug, Clone, Default)]
pub struct ScreenKeys {
    pub browser: Vec<(KeyCombo, BrowserAction)>,
    pub review: Vec<(KeyCombo, ReviewAction)>,
    pub dashboard: Vec<(KeyCombo, DashboardAction)>,
    pub agreement: Vec<(KeyCombo, AgreementAction)>,
    pub compare: Vec<(KeyCombo, CompareAction)>,
    pub curation: Vec<(KeyCombo, CurationAction)>,
}

impl ScreenKeys {
    fn over(&mut self, user: Self) {
        overlay(&mut self.browser, user.browser);
        overlay(&mut self.review, user.review);
        overlay(&mut self.dashboard, user.dashboard);
        overlay(&mut self.agreement, user.agreement);
        overlay(&mut self.compare, user.compare);
        overlay(&mut self.curation, user.curation);
    }
}

/// `user`'s bindings laid over `mine`: a key the user binds means what the user says.
fn overlay<A>(mine: &mut Vec<(KeyCombo, A)>, user: Vec<(KeyCombo, A)>) {
    let mut index: HashMap<KeyCombo, usize> =
        mine.iter().enumerate().map(|(i, (c, _))| (*c, i)).collect();
    for (combo, action) in user {
        if let Some(&i) = index.get(&combo) {
            mine[i].1 = action;
        } else {
            index.insert(combo, mine.len());
            mine.push((combo, action));
        }
    }
}

/// No action of a screen is refused for itself.
fn none<A>(_: A) -> Option<(String, &'static str)> {
    None
}

/// What a key no section may bind does, whatever the keymap says: Ctrl-C quits (saving
/// first) from every screen, and in the editor Ctrl-Z suspends as the shell would. A
/// binding of one would never be reached, and the help would name it.
fn reserved(combo: KeyCombo, section: &str) -> Option<&'static str> {
    use crossterm::event::{KeyCode, KeyModifiers};
    if combo.mods != KeyModifiers::CONTROL {
        return None;
    }
    match combo.code {
        KeyCode::Char('c') => Some("always quits (saving first) from every screen"),
        KeyCode::Char('z') if section.ends_with(" mode") => {
            Some("always suspends the editor, as in a shell")
        }
        _ => None,
    }
}

/// One section's bindings checked: known keys, one action per key. `refuse` says why an
/// action cannot be bound (and what to do) when it cannot.
fn checked<A: Copy + fmt::Debug>(
    errors: &mut Errors<'_>,
    section: &str,
    bindings: Bindings<A>,
    refuse: impl Fn(A) -> Option<(String, &'static str)>,
) -> Vec<(KeyCombo, A)> {
    let mut seen: Vec<(KeyCombo, A)> = Vec::new();
    let mut index: HashMap<KeyCombo, usize> = HashMap::new();
    // How many bindings of each spelling came before, to point at the right one.
    let mut spelled: HashMap<String, usize> = HashMap::new();
    for (name, action) in bindings.0 {
        let nth = spelled.entry(name.clone()).or_default();
        let at = (name.as_str(), *nth);
        *nth += 1;
        if let Some((why, hint)) = refuse(action) {
            errors.push(at, why, hint);
            continue;
        }
        match name.parse::<KeyCombo>() {
            Err(msg) => errors.push(at, msg, "fix the key name"),
            Ok(combo) if reserved(combo, section).is_some() => {
                let what = reserved(combo, section).unwrap_or_default();
                errors.push(
                    at,
                    format!("{combo} {what}, so it cannot be bound in {section}"),
                    "bind the action to another key",
                );
            }
            Ok(combo) => {
                if let Some(&i) = index.get(&combo) {
                    let first = seen[i].1;
                    errors.push(
                        at,
                        format!(
                            "key {combo} is bound twice in {section}: to {first:?} and to {action:?}"
                        ),
                        if section.ends_with(" mode") {
                            "keep one binding per key in each mode"
                        } else {
                            "keep one binding per key in each section"
                        },
                    );
                } else {
                    index.insert(combo, seen.len());
                    seen.push((combo, action));
                }
            }
        }
    }
    seen
}

/// A keymap file. Every section may be left out: a user file names only what it changes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    reading: Bindings,
    #[serde(default)]
    pane: Bindings,
    #[serde(default)]
    form: Bindings,
    #[serde(default)]
    conflicts: Bindings,
    #[serde(default)]
    help: Bindings,
    #[serde(default)]
    object: Bindings,
    #[serde(default)]
    picker: Bindings,
    #[serde(default)]
    search: Bindings,
    #[serde(default)]
    recover: Bindings,
    #[serde(default)]
    changed: Bindings,
    #[serde(default)]
    triage: Bindings,
    #[serde(default)]
    earlier: Bindings,
    #[serde(default)]
    quit_failed: Bindings,
    // The browser's screens.
    #[serde(default)]
    browser: Bindings<BrowserAction>,
    #[serde(default)]
    review: Bindings<ReviewAction>,
    #[serde(default)]
    dashboard: Bindings<DashboardAction>,
    #[serde(default)]
    agreement: Bindings<AgreementAction>,
    #[serde(default)]
    compare: Bindings<CompareAction>,
    #[serde(default)]
    curation: Bindings<CurationAction>,
}

impl KeymapFile {
    fn screens(&mut self, errors: &mut Errors<'_>) -> ScreenKeys {
        ScreenKeys {
            browser: checked(errors, "the browser section", take(&mut self.browser), none),
            review: checked(errors, "the review section", take(&mut self.review), none),
            dashboard: checked(
                errors,
                "the dashboard section",
                take(&mut self.dashboard),
                none,
            ),
            agreement: checked(
                errors,
                "the agreement section",
                take(&mut self.agreement),
                none,
            ),
            compare: checked(errors, "the compare section", take(&mut self.compare), none),
            curation: checked(
                errors,
                "the curation section",
                take(&mut self.curation),
                none,
            ),
        }
    }

    fn sections(self) -> [(Mode, Bindings); 13] {
        [
            (Mode::Reading, self.reading),
            (Mode::Pane, self.pane),
            (Mode::Form, self.form),
            (Mode::Conflicts, self.conflicts),
            (Mode::Help, self.help),
            (Mode::Object, self.object),
            (Mode::Picker, self.picker),
            (Mode::Search, self.search),
            (Mode::Recover, self.recover),
            (Mode::Changed, self.changed),
            (Mode::Triage, self.triage),
            (Mode::Earlier, self.earlier),
            (Mode::QuitFailed, self.quit_failed),
        ]
    }
}

/// Parsed and checked bindings per mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    modes: HashMap<Mode, Vec<(KeyCombo, Action)>>,
    /// The browser's screens.
    pub screens: ScreenKeys,
}

impl Keymap {
    /// The compiled-in default keymap.
    #[expect(
        clippy::expect_used,
        reason = "compile-time asset, parsed by a unit test"
    )]
    pub fn default_keys() -> Self {
        Self::parse(Path::new("assets/keymap.ron"), DEFAULT_KEYMAP)
            .expect("default keymap is valid")
    }

    pub fn parse(path: &Path, source: &str) -> Result<Self, Vec<Diagnostic>> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let mut file: KeymapFile = ron::from_str(source).map_err(|e| {
            vec![Diagnostic::from_ron(
                path,
                source,
                &e,
                "fix the keymap; assets/keymap.ron lists every action",
            )]
        })?;
        let mut errors = Errors::new(path, source);
        let screens = file.screens(&mut errors);
        let mut modes = HashMap::new();
        for (mode, bindings) in file.sections() {
            let label = |action| match action {
                Action::Label(n) if !(1..=9).contains(&n) => Some((
                    format!(
                        "label({n}) is not a label number: labels are numbered 1 to 9, \
                         label(1) being the schema's first label"
                    ),
                    "write label(1) to label(9)",
                )),
                _ => None,
            };
            let seen = checked(&mut errors, &format!("{mode:?} mode"), bindings, label);
            modes.insert(mode, seen);
        }
        errors.finish().map(|()| Self { modes, screens })
    }

    /// The defaults with a user's file laid over them: a key the user binds means what the
    /// user says in that mode; every other default stays. The user's file is checked like
    /// the defaults (one action per key, known keys and actions).
    pub fn with_user_file(mut self, path: &Path, source: &str) -> Result<Self, Vec<Diagnostic>> {
        let user = Self::parse(path, source)?;
        for (mode, bindings) in user.modes {
            overlay(self.modes.entry(mode).or_default(), bindings);
        }
        self.screens.over(user.screens);
        Ok(self)
    }

    /// The defaults, with `path` laid over them when that file exists.
    pub fn load(path: Option<&Path>) -> Result<Self, Vec<Diagnostic>> {
        let defaults = Self::default_keys();
        let Some(path) = path.filter(|p| p.exists()) else {
            return Ok(defaults);
        };
        let source = crate::input::read_text(path, "keymap", crate::input::KEYMAP_LIMIT)
            .map_err(|e| vec![e.diagnostic()])?;
        defaults.with_user_file(path, &source)
    }

    pub fn action(&self, mode: Mode, key: KeyCombo) -> Option<Action> {
        self.modes
            .get(&mode)?
            .iter()
            .find(|(c, _)| *c == key)
            .map(|(_, a)| *a)
    }

    /// Bindings of a mode in file order.
    pub fn bindings(&self, mode: Mode) -> &[(KeyCombo, Action)] {
        self.modes.get(&mode).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to `action` in `mode`, as hints and messages name it: "u" for
    /// undo; "(unbound)" when no key is.
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.keys_for(mode, action)
            .first()
            .map_or_else(|| "(unbound)".to_owned(), ToString::to_string)
    }

    /// The keys bound to `action` in `mode`, e.g. "q" for quit, for hints.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<KeyCombo> {
        self.bindings(mode)
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }
}

/// The problems of one keymap file: the first few dozen with their place in the file, the
/// rest only counted, so a file of thousands of bad keys costs no more than one.
struct Errors<'a> {
    path: &'a Path,
    source: &'a str,
    listed: Vec<Diagnostic>,
    more: usize,
}

impl<'a> Errors<'a> {
    fn new(path: &'a Path, source: &'a str) -> Self {
        Self {
            path,
            source,
            listed: Vec::new(),
            more: 0,
        }
    }

    /// A problem with the `nth` binding spelled `name` (counting from 0).
    fn push(&mut self, (name, nth): (&str, usize), msg: String, hint: &str) {
        if self.listed.len() >= crate::diagnostic::MAX_LISTED {
            self.more += 1;
            return;
        }
        let quoted = format!("{name:?}");
        let at = self
            .source
            .match_indices(&quoted)
            .nth(nth)
            .or_else(|| self.source.match_indices(&quoted).last())
            .map(|(i, _)| i);
        self.listed
            .push(diag(self.path, self.source, at, msg, hint));
    }

    fn finish(mut self) -> Result<(), Vec<Diagnostic>> {
        if self.more > 0 {
            self.listed
                .push(crate::diagnostic::more(self.path, self.more));
        }
        if self.listed.is_empty() {
            Ok(())
        } else {
            Err(self.listed)
        }
    }
}

fn diag(path: &Path, source: &str, at: Option<usize>, msg: String, hint: &str) -> Diagnostic {
    let d = Diagnostic::new(path, msg, hint);
    match at {
        Some(byte) => {
            let (line, col) = crate::diagnostic::line_col(source, byte);
            d.at(source, line, col)
        }
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keymap_parses_and_has_the_design_keys() {
        let k = Keymap::default_keys();
        let key = |s: &str| s.parse::<KeyCombo>().unwrap();
        assert_eq!(k.action(Mode::Reading, key("q")), Some(Action::Quit));
        assert_eq!(k.action(Mode::Reading, key("G")), Some(Action::GoEnd));
        assert_eq!(k.action(Mode::Reading, key("ctrl-s")), Some(Action::Save));
        assert_eq!(k.action(Mode::Reading, key("3")), Some(Action::Label(3)));
        assert_eq!(
            k.action(Mode::Reading, key("pagedown")),
            Some(Action::PageDown)
        );
        assert_eq!(k.action(Mode::Help, key("esc")), Some(Action::Cancel));
        for (mode, name) in Mode::MAPPED {
            assert!(
                !k.bindings(mode).is_empty(),
                "the default keymap has no {name} section"
            );
        }
        assert_eq!(k.action(Mode::Pane, key("enter")), Some(Action::OpenDetail));
        assert_eq!(k.action(Mode::Form, key("right")), Some(Action::NextValue));
    }

    #[test]
    fn a_user_file_remaps_keys_and_keeps_the_other_defaults() {
        let src = "(reading: {\"x\": undo, \"D\": delete})";
        let k = Keymap::default_keys()
            .with_user_file(Path::new("mine.ron"), src)
            .unwrap();
        let key = |s: &str| s.parse::<KeyCombo>().unwrap();
        assert_eq!(k.action(Mode::Reading, key("x")), Some(Action::Undo));
        assert_eq!(k.action(Mode::Reading, key("D")), Some(Action::Delete));
        assert_eq!(k.action(Mode::Reading, key("q")), Some(Action::Quit));
        let bad = "(\n  pane: {\n    \"j\": cursor_down,\n    \"j\": delete,\n  },\n)";
        let msg = Keymap::default_keys()
            .with_user_file(Path::new("mine.ron"), bad)
            .unwrap_err()[0]
            .to_string();
        assert!(
            msg.starts_with("mine.ron:4:5: key j is bound twice in Pane mode"),
            "{msg}"
        );
    }

    #[test]
    fn a_key_bound_twice_is_refused_with_its_line() {
        let src = "(\n reading: {\n  \"j\": cursor_down,\n  \"j\": quit,\n },\n help: {},\n)";
        let errs = Keymap::parse(Path::new("k.ron"), src).unwrap_err();
        assert_eq!(errs.len(), 1);
        let msg = errs[0].to_string();
        assert!(
            msg.starts_with("k.ron:4:3: key j is bound twice in Reading mode"),
            "{msg}"
        );
    }

    #[test]
    fn unknown_keys_and_actions_are_refused() {
        let src = "(reading: {\"hyper-x\": quit}, help: {})";
        let msg = Keymap::parse(Path::new("k.ron"), src).unwrap_err()[0].to_string();
        assert!(msg.contains("unknown key \"hyper-x\""), "{msg}");
        let src = "(reading: {\"x\": explode}, help: {})";
        let msg = Keymap::parse(Path::new("k.ron"), src).unwrap_err()[0].to_string();
        assert!(msg.starts_with("k.ron:1:"), "{msg}");
        assert!(msg.contains("explode"), "{msg}");
    }

    #[test]
    fn key_names_round_trip() {
        for s in [
            "j",
            "G",
            "ctrl-s",
            "ctrl-r",
            "alt-enter",
            "pagedown",
            "f5",
            "space",
            "?",
            "{",
        ] {
            assert_eq!(s.parse::<KeyCombo>().unwrap().to_string(), s);
        }
        assert_eq!("shift-g".parse::<KeyCombo>().unwrap().to_string(), "G");
    }

    #[test]
    fn events_fold_shift_into_characters() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyCombo::from_event(ev), "G".parse().unwrap());
        let ev = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(KeyCombo::from_event(ev), "ctrl-s".parse().unwrap());
    }
}
