//! Error messages for hand-editable RON files (annotations, schema, keymap, config): the
//! file, line and column, a window of the offending line with a caret under the column, and
//! what to do. A file with many problems lists the first [`MAX_LISTED`] and counts the rest.

use std::fmt;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthChar;

/// How many problems of one file are listed; the rest are counted in one last line.
pub const MAX_LISTED: usize = 40;

/// How many characters of the line are shown on each side of the caret.
const WINDOW: usize = 60;

/// A position-bearing problem in a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a position.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// A window of the line the position points into (see [`caret_in_window`]), shown
    /// under the message.
    pub excerpt: Option<String>,
    pub hint: String,
}

impl Diagnostic {
    pub fn new(path: &Path, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            position: None,
            message: message.into(),
            excerpt: None,
            hint: hint.into(),
        }
    }

    /// Points the diagnostic at `line`:`col` (1-based) of `source`.
    #[must_use]
    pub fn at(self, source: &str, line: usize, col: usize) -> Self {
        let text = source.lines().nth(line.saturating_sub(1));
        self.at_line(text, line, col)
    }

    /// Points the diagnostic at `line`:`col` (1-based) whose text is `text`; only a window
    /// of the line around the column is kept, so a problem on a 10 MB line costs no more
    /// than one on a short line.
    #[must_use]
    pub fn at_line(mut self, text: Option<&str>, line: usize, col: usize) -> Self {
        self.position = Some((line, col));
        self.excerpt = text.map(|t| window(t, col.saturating_sub(1)));
        self
    }

    /// From a ron parse error, keeping its position.
    pub fn from_ron(path: &Path, source: &str, err: &ron::error::SpannedError, hint: &str) -> Self {
        let pos = err.span.start;
        let mut message = ron_message(&err.code);
        if !matches!(err.code, ron::Error::Eof) && !source.trim_end().ends_with(')') {
            message.push_str(" (the file looks cut short: it does not end with the closing `)`)");
        }
        Self::new(path, message, hint).at(source, pos.line, pos.col)
    }
}

/// The characters of `line` around char index `caret`, with `…` where it was cut.
fn window(line: &str, caret: usize) -> String {
    let from = caret.saturating_sub(WINDOW);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut chars = line.chars().skip(from);
    out.extend(chars.by_ref().take(2 * WINDOW));
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// How many characters of the window of a line come before the caret at 1-based `col`.
pub fn caret_in_window(col: usize) -> usize {
    let caret = col.saturating_sub(1);
    if caret > WINDOW { WINDOW + 1 } else { caret }
}

/// Limits `diagnostics` of the file `path` to [`MAX_LISTED`], the last line counting the
/// ones left out.
pub fn capped(mut diagnostics: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    let total = diagnostics.len();
    if total > MAX_LISTED {
        diagnostics.truncate(MAX_LISTED);
        diagnostics.push(more(path, total - MAX_LISTED));
    }
    diagnostics
}

/// The line that stands for `n` problems not listed.
pub fn more(path: &Path, n: usize) -> Diagnostic {
    let s = if n == 1 { "" } else { "s" };
    Diagnostic::new(
        path,
        format!("and {n} more problem{s} (only the first {MAX_LISTED} are listed)"),
        "fix the ones above and check the file again",
    )
}

/// ron's words for an error, in the file's terms: what was expected where, never the
/// names of the program's own types.
fn ron_message(code: &ron::Error) -> String {
    use ron::Error as E;
    let one_of = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match code {
        E::Eof => "the file ends too early: it is truncated or a bracket is missing".to_owned(),
        E::ExpectedDifferentStructName { found, .. } => {
            format!("unexpected name `{found}` before `(`: write the group without a name")
        }
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "expected an opening `(` here".to_owned()
        }
        E::ExpectedStructName(_) => "expected a name before `(` here".to_owned(),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!("unknown value `{found}`; write one of {}", one_of(expected)),
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field `{found}`; the fields here are {}",
            one_of(expected)
        ),
        E::MissingStructField { field, .. } => format!("the field `{field}` is missing here"),
        E::DuplicateStructField { field, .. } => {
            format!("the field `{field}` is written twice here")
        }
        E::ExceededRecursionLimit => {
            "brackets are nested too deeply (more than 128 levels); no file of this kind needs \
             that many"
                .to_owned()
        }
        E::UnclosedLineComment => "a comment is not closed".to_owned(),
        E::ExpectedRawValue => "expected a value here".to_owned(),
        E::IntegerOutOfBounds => "this number is too large".to_owned(),
        other => plain(&other.to_string()),
    }
}

/// serde's and ron's names for kinds of value, as a person would say them: `struct Label`
/// becomes "a `(...)` group", `u32` "a whole number", and so on.
fn plain(text: &str) -> String {
    fn core(word: &str) -> (&str, &str) {
        let word = word.trim_start_matches('`');
        let end = word
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(word.len());
        (&word[..end], word[end..].trim_start_matches('`'))
    }
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        let (bare, rest) = core(word);
        let named_type = matches!(bare, "struct" | "enum" | "variant" | "tuple")
            && words
                .peek()
                .is_some_and(|w| core(w).0.chars().next().is_some_and(char::is_uppercase));
        let said = if named_type {
            let (_, rest) = core(words.next().unwrap_or_default());
            format!("a `(...)` group{rest}")
        } else {
            match bare {
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
                | "i128" | "isize" => format!("a whole number{rest}"),
                "f32" | "f64" => format!("a number{rest}"),
                "sequence" => format!("list `[...]`{rest}"),
                _ => word.to_owned(),
            }
        };
        out.push(said);
    }
    out.join(" ")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)?;
        if let (Some((line, col)), Some(excerpt)) = (self.position, &self.excerpt) {
            let gutter = line.to_string().len();
            let shown: String = excerpt
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let pad: String = shown
                .chars()
                .take(caret_in_window(col))
                .map(|c| " ".repeat(c.width().unwrap_or(1)))
                .collect();
            write!(
                f,
                "\n{:gutter$} |\n{line} | {shown}\n{:gutter$} | {pad}^",
                "", ""
            )?;
        }
        if !self.hint.is_empty() {
            write!(f, "\n  = {}", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// 1-based line and column (in characters) of byte offset `at` of `source`.
pub fn line_col(source: &str, at: usize) -> (usize, usize) {
    let before = &source[..at.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Several diagnostics as one error, one per line.
#[derive(Debug)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_and_a_caret() {
        let src = "(\n    a: 1\n    b 2,\n)";
        let d = Diagnostic::new(Path::new("f.ron"), "Expected colon", "fix it").at(src, 3, 7);
        assert_eq!(
            d.to_string(),
            "f.ron:3:7: Expected colon\n  |\n3 |     b 2,\n  |       ^\n  = fix it"
        );
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(100_000), "b".repeat(100_000));
        let d = Diagnostic::new(Path::new("f.ron"), "here", "").at(&line, 1, 100_001);
        let text = d.to_string();
        assert!(text.len() < 400, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[2].chars().nth(caret), Some('X'), "{text}");
        assert!(lines[2].contains('…'));
    }

    #[test]
    fn many_problems_end_with_a_count_of_the_rest() {
        let p = Path::new("f.ron");
        let all = (0..1000)
            .map(|i| Diagnostic::new(p, format!("{i}"), ""))
            .collect();
        let shown = capped(all, p);
        assert_eq!(shown.len(), MAX_LISTED + 1);
        assert!(
            shown[MAX_LISTED]
                .to_string()
                .contains("and 960 more problems")
        );
    }

    #[test]
    fn type_names_become_words() {
        assert_eq!(
            plain("invalid type: string \"x\", expected u32"),
            "invalid type: string \"x\", expected a whole number"
        );
        assert_eq!(
            plain("expected struct `Label`, found a sequence"),
            "expected a `(...)` group, found a list `[...]`"
        );
    }
}
