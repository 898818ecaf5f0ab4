//! How things look: a theme (dark and light ship in `assets/themes/`, or a user's file) and
//! the terminal's colour depth. True colour is used as is; 256- and 16-colour terminals get
//! the nearest colours; with `NO_COLOR` every distinction is made by style alone (bold,
//! underline, italic, reverse), so labels and the selection stay apart.

use std::collections::HashMap;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::schema::{Schema, parse_color};

pub const DARK: &str = include_str!("../../assets/themes/dark.ron");
pub const LIGHT: &str = include_str!("../../assets/themes/light.ron");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub name: String,
    /// Text drawn over a label's colour.
    pub on_label: String,
    pub selection_bg: String,
    pub selection_fg: String,
    /// The search match.
    pub found_bg: String,
    /// The current paragraph's mark in the margin.
    pub marker: String,
    pub dim: String,
    pub status_bg: String,
    pub status_fg: String,
    /// The border of the focused pane.
    pub focus: String,
}

impl Theme {
    pub fn parse(path: &Path, source: &str) -> Result<Self, Diagnostic> {
        let theme: Self = ron::from_str(source).map_err(|e| {
            Diagnostic::from_ron(path, source, &e, "assets/themes/dark.ron shows every field")
        })?;
        for (field, value) in theme.colors() {
            if parse_color(value).is_none() {
                let at = source.find(value).unwrap_or(0);
                let (line, col) = crate::diagnostic::line_col(source, at);
                return Err(Diagnostic::new(
                    path,
                    format!("{field} is {value:?}, not a colour"),
                    "write colours as \"#rrggbb\"",
                )
                .at(source, line, col));
            }
        }
        Ok(theme)
    }

    fn colors(&self) -> [(&'static str, &str); 9] {
        [
            ("on_label", &self.on_label),
            ("selection_bg", &self.selection_bg),
            ("selection_fg", &self.selection_fg),
            ("found_bg", &self.found_bg),
            ("marker", &self.marker),
            ("dim", &self.dim),
            ("status_bg", &self.status_bg),
            ("status_fg", &self.status_fg),
            ("focus", &self.focus),
        ]
    }

    #[expect(
        clippy::expect_used,
        reason = "compile-time asset, parsed by a unit test"
    )]
    pub fn dark() -> Self {
        Self::parse(Path::new("assets/themes/dark.ron"), DARK).expect("the dark theme is valid")
    }

    /// "dark", "light" or a theme file.
    pub fn named(name: &str) -> Result<Self, Diagnostic> {
        match name {
            "dark" => Ok(Self::dark()),
            "light" => Self::parse(Path::new("assets/themes/light.ron"), LIGHT),
            path => {
                let path = Path::new(path);
                let source = std::fs::read_to_string(path).map_err(|e| {
                    Diagnostic::new(
                        path,
                        format!("cannot read the theme: {e}"),
                        "use --theme dark, --theme light or the path of a theme file",
                    )
                })?;
                Self::parse(path, &source)
            }
        }
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    True,
    Ansi256,
    Ansi16,
    /// `NO_COLOR`: styles only.
    None,
}

impl Depth {
    /// From `NO_COLOR`, `COLORTERM` and `TERM`, as given by `var`.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> Self {
        if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Self::None;
        }
        let colorterm = var("COLORTERM").unwrap_or_default().to_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return Self::True;
        }
        let term = var("TERM").unwrap_or_default();
        if term == "dumb" {
            Self::None
        } else if term.contains("256") {
            Self::Ansi256
        } else {
            Self::Ansi16
        }
    }

    pub fn color(self, rgb: (u8, u8, u8)) -> Option<Color> {
        match self {
            Self::True => Some(Color::Rgb(rgb.0, rgb.1, rgb.2)),
            Self::Ansi256 => Some(Color::Indexed(nearest_256(rgb))),
            Self::Ansi16 => Some(nearest_16(rgb)),
            Self::None => None,
        }
    }
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).unsigned_abs().pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// The nearest colour of the xterm 6x6x6 cube and grey ramp.
fn nearest_256(rgb: (u8, u8, u8)) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let level = |v: u8| {
        (0u8..6)
            .min_by_key(|&i| (i32::from(LEVELS[usize::from(i)]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (r, g, b) = (level(rgb.0), level(rgb.1), level(rgb.2));
    let cube = (
        16 + 36 * r + 6 * g + b,
        (
            LEVELS[usize::from(r)],
            LEVELS[usize::from(g)],
            LEVELS[usize::from(b)],
        ),
    );
    let grey = (0u8..24)
        .map(|i| (232 + i, (8 + 10 * i, 8 + 10 * i, 8 + 10 * i)))
        .min_by_key(|(_, c)| dist(*c, rgb))
        .unwrap_or(cube);
    if dist(grey.1, rgb) < dist(cube.1, rgb) {
        grey.0
    } else {
        cube.0
    }
}

/// The nearest of the 16 standard colours (xterm's values).
fn nearest_16(rgb: (u8, u8, u8)) -> Color {
    const TABLE: [(Color, (u8, u8, u8)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (205, 0, 0)),
        (Color::Green, (0, 205, 0)),
        (Color::Yellow, (205, 205, 0)),
        (Color::Blue, (0, 0, 238)),
        (Color::Magenta, (205, 0, 205)),
        (Color::Cyan, (0, 205, 205)),
        (Color::Gray, (229, 229, 229)),
        (Color::DarkGray, (127, 127, 127)),
        (Color::LightRed, (255, 0, 0)),
        (Color::LightGreen, (0, 255, 0)),
        (Color::LightYellow, (255, 255, 0)),
        (Color::LightBlue, (92, 92, 255)),
        (Color::LightMagenta, (255, 0, 255)),
        (Color::LightCyan, (0, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    TABLE
        .iter()
        .min_by_key(|(_, c)| dist(*c, rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

/// Styles for everything the view draws, resolved once.
#[derive(Debug, Clone)]
pub struct Look {
    pub depth: Depth,
    pub theme: Theme,
    labels: HashMap<String, Style>,
}

/// Without colour, labels differ by these, in schema order.
const NO_COLOR_LABELS: [Modifier; 6] = [
    Modifier::BOLD,
    Modifier::UNDERLINED,
    Modifier::ITALIC,
    Modifier::BOLD.union(Modifier::UNDERLINED),
    Modifier::BOLD.union(Modifier::ITALIC),
    Modifier::UNDERLINED.union(Modifier::ITALIC),
];

impl Default for Look {
    fn default() -> Self {
        Self::new(Theme::dark(), Depth::True, &Schema::news())
    }
}

impl Look {
    pub fn new(theme: Theme, depth: Depth, schema: &Schema) -> Self {
        let mut look = Self {
            depth,
            theme,
            labels: HashMap::new(),
        };
        let on_label = look.color(&look.theme.on_label.clone());
        for (i, l) in schema.labels.iter().enumerate() {
            let style = if depth == Depth::None {
                Style::default().add_modifier(
                    NO_COLOR_LABELS
                        .get(i)
                        .copied()
                        .unwrap_or(Modifier::CROSSED_OUT),
                )
            } else {
                let mut s = Style::default();
                if let Some(bg) = look.color(&l.color) {
                    s = s.bg(bg);
                }
                if let Some(fg) = on_label {
                    s = s.fg(fg);
                }
                s
            };
            look.labels.insert(l.name.clone(), style);
        }
        look
    }

    fn color(&self, hex: &str) -> Option<Color> {
        parse_color(hex).and_then(|rgb| self.depth.color(rgb))
    }

    fn fg_bg(&self, fg: &str, bg: &str) -> Style {
        let mut s = Style::default();
        if let Some(c) = self.color(fg) {
            s = s.fg(c);
        }
        if let Some(c) = self.color(bg) {
            s = s.bg(c);
        }
        s
    }

    pub fn label(&self, name: &str) -> Style {
        self.labels.get(name).copied().unwrap_or_default()
    }

    /// A suggested span: its label's colour, dimmed and in italics, so it reads as not yet
    /// the annotator's.
    pub fn suggested(&self, label: &str) -> Style {
        // The label's colour on the text, not behind it: a mention has it behind.
        let label = self.label(label);
        let base = match (self.depth, label.bg) {
            (Depth::None, _) | (_, None) => Style::default(),
            (_, Some(colour)) => Style::default().fg(colour),
        };
        base.add_modifier(Modifier::DIM | Modifier::ITALIC | Modifier::UNDERLINED)
    }

    pub fn selection(&self) -> Style {
        match self.depth {
            Depth::None => Style::default().add_modifier(Modifier::REVERSED),
            _ => self
                .fg_bg(&self.theme.selection_fg, &self.theme.selection_bg)
                .add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn found(&self) -> Style {
        match self.depth {
            Depth::None => Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            _ => self.fg_bg(&self.theme.on_label, &self.theme.found_bg),
        }
    }

    /// Applied over whatever the cursor's cell has.
    pub fn cursor(&self, base: Style) -> Style {
        if base.add_modifier.contains(Modifier::REVERSED) {
            base.remove_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            base.add_modifier(Modifier::REVERSED)
        }
    }

    pub fn marker(&self) -> Style {
        self.fg_bg(&self.theme.marker, "")
    }

    pub fn dim(&self) -> Style {
        match self.depth {
            Depth::None => Style::default().add_modifier(Modifier::DIM),
            _ => self.fg_bg(&self.theme.dim, ""),
        }
    }

    pub fn status(&self) -> Style {
        match self.depth {
            Depth::None => Style::default().add_modifier(Modifier::REVERSED),
            _ => self.fg_bg(&self.theme.status_fg, &self.theme.status_bg),
        }
    }

    pub fn focus(&self) -> Style {
        match self.depth {
            Depth::None => Style::default().add_modifier(Modifier::BOLD),
            _ => self
                .fg_bg(&self.theme.focus, "")
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The highlighted row of a list.
    pub fn highlight(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shipped_themes_parse() {
        assert_eq!(Theme::named("dark").unwrap().name, "dark");
        assert_eq!(Theme::named("light").unwrap().name, "light");
        let err = Theme::parse(Path::new("t.ron"), &DARK.replace("#000000", "black"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("on_label is \"black\", not a colour"), "{err}");
    }

    #[test]
    fn depth_follows_no_color_colorterm_and_term() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            Depth::detect(env(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")])),
            Depth::None
        );
        assert_eq!(Depth::detect(env(&[("COLORTERM", "24bit")])), Depth::True);
        assert_eq!(
            Depth::detect(env(&[("TERM", "xterm-256color")])),
            Depth::Ansi256
        );
        assert_eq!(Depth::detect(env(&[("TERM", "linux")])), Depth::Ansi16);
        assert_eq!(Depth::detect(env(&[("NO_COLOR", "")])), Depth::Ansi16);
    }

    #[test]
    fn colours_map_to_the_nearest_of_256_and_16() {
        assert_eq!(nearest_256((255, 175, 0)), 214);
        assert_eq!(nearest_256((88, 88, 88)), 240);
        assert_eq!(nearest_16((95, 175, 255)), Color::LightBlue);
        assert_eq!(nearest_16((255, 175, 0)), Color::Yellow);
    }

    #[test]
    fn without_colour_every_label_has_its_own_style() {
        let schema = Schema::news();
        let look = Look::new(Theme::dark(), Depth::None, &schema);
        let styles: Vec<Style> = schema.labels.iter().map(|l| look.label(&l.name)).collect();
        for (i, a) in styles.iter().enumerate() {
            assert_eq!(a.bg, None);
            for b in &styles[i + 1..] {
                assert_ne!(a, b);
            }
            assert_ne!(*a, look.selection());
        }
    }
}
