//! Offsets written against a text file as it was on disk (another tool's standoff: brat,
//! Label Studio), placed on the normalised article text, which drops a leading byte-order
//! mark and turns CR LF into LF.

use super::Article;

/// Code point offsets of the raw file to byte offsets of the normalised text: identical
/// unless the file had a byte-order mark or CR line ends.
#[derive(Debug, Clone)]
pub struct RawOffsets {
    /// For each raw code point, the normalised code point; `None` when they are the same.
    map: Option<Vec<usize>>,
}

impl RawOffsets {
    pub fn new(raw: &str) -> Self {
        if !raw.starts_with('\u{feff}') && !raw.contains('\r') {
            return Self { map: None };
        }
        let chars: Vec<char> = raw.chars().collect();
        let mut map = Vec::with_capacity(chars.len() + 1);
        let mut n = 0;
        for (i, c) in chars.iter().enumerate() {
            map.push(n);
            let dropped =
                (i == 0 && *c == '\u{feff}') || (*c == '\r' && chars.get(i + 1) == Some(&'\n'));
            if !dropped {
                n += 1;
            }
        }
        map.push(n);
        Self { map: Some(map) }
    }

    /// The byte offset in `article` of raw code point `cp`.
    pub fn byte(&self, article: &Article, cp: usize) -> Option<usize> {
        let cp = match &self.map {
            Some(m) => *m.get(cp)?,
            None => cp,
        };
        article.offsets.byte_of_char(cp).ok()
    }
}

/// Runs of white space as one space: how two tools' copies of a span's text are compared.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
