//! Error messages for hand-editable RON files (annotations, schema, keymap, config): the
//! file, line and column, the offending line with a caret under the column, and what to do.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position-bearing problem in a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a position.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The line the position points into, shown under the message.
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
    pub fn at(mut self, source: &str, line: usize, col: usize) -> Self {
        self.position = Some((line, col));
        self.excerpt = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_owned);
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

/// ron's words for an error, plus what a person would call it.
fn ron_message(code: &ron::Error) -> String {
    let text = code.to_string();
    if matches!(code, ron::Error::Eof) {
        return "the file ends too early: it is truncated or a bracket is missing".to_owned();
    }
    text
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
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
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
}
