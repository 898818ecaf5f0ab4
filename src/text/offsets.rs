//! The code point <-> byte offset map. Files and exports count code points; the program
//! slices by bytes. Only multi-byte characters are recorded, so the map of an ASCII text is
//! empty, and each lookup is one binary search: O(log m) for m non-ASCII characters.

/// A code point or byte offset that does not fit the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OffsetError {
    #[error("offset {offset} is past the end of the text ({len} code points)")]
    CharPastEnd { offset: usize, len: usize },
    #[error("byte offset {offset} is past the end of the text ({len} bytes)")]
    BytePastEnd { offset: usize, len: usize },
    #[error("byte offset {offset} falls inside a character")]
    NotCharBoundary { offset: usize },
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// For each multi-byte character: (byte offset, code point index, byte length).
    wide: Vec<(usize, usize, usize)>,
    bytes: usize,
    chars: usize,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut chars = 0;
        for (byte, c) in text.char_indices() {
            let len = c.len_utf8();
            if len > 1 {
                wide.push((byte, chars, len));
            }
            chars += 1;
        }
        Self {
            wide,
            bytes: text.len(),
            chars,
        }
    }

    pub fn char_count(&self) -> usize {
        self.chars
    }

    pub fn byte_len(&self) -> usize {
        self.bytes
    }

    /// Byte offset of code point `cp` (`cp == char_count()` gives the end of the text).
    pub fn byte_of_char(&self, cp: usize) -> Result<usize, OffsetError> {
        if cp > self.chars {
            return Err(OffsetError::CharPastEnd {
                offset: cp,
                len: self.chars,
            });
        }
        // Wide characters before `cp`: each adds (len - 1) bytes beyond one per code point.
        let before = self.wide.partition_point(|&(_, c, _)| c < cp);
        Ok(match before.checked_sub(1).map(|i| self.wide[i]) {
            None => cp,
            Some((byte, c, len)) => byte + len + (cp - c - 1),
        })
    }

    /// Code point index of byte offset `byte`, which must be a character boundary.
    pub fn char_of_byte(&self, byte: usize) -> Result<usize, OffsetError> {
        if byte > self.bytes {
            return Err(OffsetError::BytePastEnd {
                offset: byte,
                len: self.bytes,
            });
        }
        let before = self.wide.partition_point(|&(b, _, _)| b < byte);
        Ok(match before.checked_sub(1).map(|i| self.wide[i]) {
            None => byte,
            Some((b, c, len)) => {
                if byte < b + len {
                    return Err(OffsetError::NotCharBoundary { offset: byte });
                }
                c + 1 + (byte - b - len)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_maps_to_itself() {
        let m = OffsetMap::new("hello");
        assert_eq!(m.byte_of_char(3), Ok(3));
        assert_eq!(m.char_of_byte(5), Ok(5));
        assert!(matches!(
            m.byte_of_char(6),
            Err(OffsetError::CharPastEnd { .. })
        ));
    }

    #[test]
    fn curly_quotes_and_emoji() {
        let text = "“We” 👩‍👩‍👧 x";
        let m = OffsetMap::new(text);
        for (cp, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(m.byte_of_char(cp), Ok(byte));
            assert_eq!(m.char_of_byte(byte), Ok(cp));
        }
        assert_eq!(
            m.char_of_byte(1),
            Err(OffsetError::NotCharBoundary { offset: 1 })
        );
        assert_eq!(m.byte_of_char(m.char_count()), Ok(text.len()));
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            " ",
            "\n",
            "\r\n",
            "“",
            "”",
            "’",
            "é",
            "e\u{301}",
            "👩‍👩‍👧",
            "🇮🇷",
            "中文",
            "한",
            "\u{200d}",
            "\t",
            "ß",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn maps_round_trip(text in mixed_text()) {
            let m = OffsetMap::new(&text);
            let mut cp = 0;
            for (byte, _) in text.char_indices() {
                prop_assert_eq!(m.byte_of_char(cp), Ok(byte));
                prop_assert_eq!(m.char_of_byte(byte), Ok(cp));
                cp += 1;
            }
            prop_assert_eq!(m.char_count(), cp);
            prop_assert_eq!(m.byte_of_char(cp), Ok(text.len()));
            prop_assert_eq!(m.char_of_byte(text.len()), Ok(cp));
            for byte in 0..text.len() {
                prop_assert_eq!(m.char_of_byte(byte).is_ok(), text.is_char_boundary(byte));
            }
        }
    }
}
