//! Everything the command line prints goes through here, output and errors alike, so that no
//! text from a file (an article title, a note, a file name, an annotator) reaches the
//! terminal raw: control, C1 and bidi characters are shown as the placeholders the article
//! view uses ([`crate::text::sanitize_lines`]). JSON keeps every character, written as a
//! `\u` escape instead. Use [`outln!`], [`out!`], [`errln!`] and [`err!`] in place of
//! `println!`, `print!`, `eprintln!` and `eprint!`.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::text::{is_unsafe, sanitize_lines};

/// `text` on stdout, made safe.
pub fn stdout(text: &str) {
    print!("{}", sanitize_lines(text));
}

/// `text` on stderr, made safe. Reporting never fails a command (the terminal may be gone).
pub fn stderr(text: &str) {
    let _ = std::io::stderr().write_all(sanitize_lines(text).as_bytes());
}

/// `value` as pretty JSON on stdout: the characters a terminal would act on are written as
/// `\u` escapes, which is the same JSON to any reader.
pub fn json<T: serde::Serialize>(value: &T) -> serde_json::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    println!("{}", escape_json(&text));
    Ok(())
}

/// JSON text with every control, C1 and bidi character as a `\uXXXX` escape. Outside
/// strings JSON has only ASCII punctuation, so this only ever changes string contents.
pub fn escape_json(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `println!`, made safe for the terminal.
macro_rules! outln {
    () => { $crate::out::stdout("\n") };
    ($($arg:tt)*) => {
        $crate::out::stdout(&::std::format!("{}\n", ::std::format_args!($($arg)*)))
    };
}

/// `print!`, made safe for the terminal.
macro_rules! out {
    ($($arg:tt)*) => { $crate::out::stdout(&::std::format!($($arg)*)) };
}

/// `eprintln!`, made safe for the terminal.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::out::stderr(&::std::format!("{}\n", ::std::format_args!($($arg)*)))
    };
}

/// `eprint!`, made safe for the terminal.
macro_rules! err {
    ($($arg:tt)*) => { $crate::out::stderr(&::std::format!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_the_characters_as_escapes() {
        let value = serde_json::json!({"title": "a\u{1b}]0;x\u{7} \u{9b} \u{202e}b \u{1F600}"});
        let text = escape_json(&serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text}");
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
