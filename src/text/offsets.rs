//! The code point <-> byte offset map. Files and exports count code points; the program
//! slices by bytes. The text is cut into blocks of [`BLOCK`] code points; only blocks that
//! hold a multi-byte character are recorded, each with the byte offset it starts at and the
//! UTF-8 length of each of its characters in two bits. The map of an ASCII text is empty;
//! that of a Cyrillic, Arabic or Chinese text takes half a byte a character. Each lookup is
//! one binary search over the recorded blocks and a few bit operations.

/// Code points in a block.
const BLOCK: usize = 64;

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

/// A block of [`BLOCK`] code points holding at least one multi-byte character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide {
    /// Which block: its first code point is `block * BLOCK`.
    block: usize,
    /// Byte offset of its first code point.
    byte: usize,
    /// For each of its code points, from the lowest bits up: UTF-8 length minus one.
    lens: u128,
}

/// The low bit of every two-bit length.
const LOW: u128 = 0x5555_5555_5555_5555_5555_5555_5555_5555;

impl Wide {
    /// Bytes taken by the block's first `n` code points (`n <= BLOCK`).
    fn bytes_of_first(&self, n: usize) -> usize {
        let mask = if n >= BLOCK {
            u128::MAX
        } else {
            (1u128 << (2 * n)) - 1
        };
        let l = self.lens & mask;
        n + (l & LOW).count_ones() as usize + 2 * ((l >> 1) & LOW).count_ones() as usize
    }

    fn len_of(&self, i: usize) -> usize {
        usize::try_from((self.lens >> (2 * i)) & 3).unwrap_or(0) + 1
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// The blocks that hold a multi-byte character, in order.
    wide: Vec<Wide>,
    bytes: usize,
    chars: usize,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut chars = 0;
        if text.is_ascii() {
            chars = text.len();
        } else {
            let mut block = Wide {
                block: 0,
                byte: 0,
                lens: 0,
            };
            let mut any = false;
            for (byte, c) in text.char_indices() {
                let i = chars % BLOCK;
                if i == 0 {
                    if any {
                        wide.push(block);
                    }
                    block = Wide {
                        block: chars / BLOCK,
                        byte,
                        lens: 0,
                    };
                    any = false;
                }
                let len = c.len_utf8();
                if len > 1 {
                    any = true;
                    block.lens |= (len as u128 - 1) << (2 * i);
                }
                chars += 1;
            }
            if any {
                wide.push(block);
            }
            wide.shrink_to_fit();
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

    /// Code points in block `w` (the last block may be short).
    fn chars_in(&self, w: &Wide) -> usize {
        (self.chars - w.block * BLOCK).min(BLOCK)
    }

    /// Byte offset of code point `cp` (`cp == char_count()` gives the end of the text).
    pub fn byte_of_char(&self, cp: usize) -> Result<usize, OffsetError> {
        if cp > self.chars {
            return Err(OffsetError::CharPastEnd {
                offset: cp,
                len: self.chars,
            });
        }
        let block = cp / BLOCK;
        let at = self.wide.partition_point(|w| w.block <= block);
        Ok(match at.checked_sub(1).map(|i| &self.wide[i]) {
            None => cp,
            Some(w) if w.block == block => w.byte + w.bytes_of_first(cp % BLOCK),
            // After a wide block, every code point up to `cp` is one byte.
            Some(w) => {
                let end = w.byte + w.bytes_of_first(BLOCK);
                end + (cp - (w.block + 1) * BLOCK)
            }
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
        let at = self.wide.partition_point(|w| w.byte <= byte);
        let Some(w) = at.checked_sub(1).map(|i| &self.wide[i]) else {
            return Ok(byte);
        };
        let n = self.chars_in(w);
        let end = w.byte + w.bytes_of_first(n);
        if byte >= end {
            return Ok(w.block * BLOCK + n + (byte - end));
        }
        let mut b = w.byte;
        for i in 0..n {
            if b == byte {
                return Ok(w.block * BLOCK + i);
            }
            b += w.len_of(i);
            if b > byte {
                break;
            }
        }
        Err(OffsetError::NotCharBoundary { offset: byte })
    }

    /// Bytes the map keeps on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.wide.capacity() * std::mem::size_of::<Wide>()
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

    /// Long texts in several scripts, crossing many blocks: Cyrillic, Arabic with its
    /// vowel marks, Chinese, Devanagari, combining marks, emoji sequences, ASCII runs.
    fn long_mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "abc def ",
            "Всеобщая ",
            "декларация",
            "الإعلان ",
            "لمّا كان",
            "世界人权宣言",
            "，",
            "मानव ",
            "e\u{301}\u{302}",
            "👩\u{200d}👩\u{200d}👧",
            "🇮🇷",
            "\n\n",
            "x",
            "𝔘",
        ]);
        prop::collection::vec(pieces, 0..300).prop_map(|v| v.concat())
    }

    fn assert_exact(text: &str) -> Result<(), TestCaseError> {
        let m = OffsetMap::new(text);
        let mut cp = 0;
        for (byte, _) in text.char_indices() {
            prop_assert_eq!(m.byte_of_char(cp), Ok(byte));
            prop_assert_eq!(m.char_of_byte(byte), Ok(cp));
            cp += 1;
        }
        prop_assert_eq!(m.char_count(), cp);
        prop_assert_eq!(m.byte_of_char(cp), Ok(text.len()));
        prop_assert_eq!(m.char_of_byte(text.len()), Ok(cp));
        prop_assert!(m.byte_of_char(cp + 1).is_err());
        prop_assert!(m.char_of_byte(text.len() + 1).is_err());
        for byte in 0..text.len() {
            prop_assert_eq!(m.char_of_byte(byte).is_ok(), text.is_char_boundary(byte));
        }
        Ok(())
    }

    #[test]
    fn texts_in_other_scripts_take_under_a_byte_a_character() {
        for piece in [
            "Всеобщая декларация прав человека. ",
            "الإعلان العالمي لحقوق الإنسان. ",
            "世界人权宣言。",
        ] {
            let text = piece.repeat(10_000);
            let m = OffsetMap::new(&text);
            let chars = text.chars().count();
            assert!(
                m.heap_bytes() <= chars,
                "{} bytes of map for {chars} characters",
                m.heap_bytes()
            );
            assert_exact(&text).unwrap();
        }
        assert_eq!(OffsetMap::new(&"ascii ".repeat(1000)).heap_bytes(), 0);
    }

    #[test]
    fn block_edges_are_exact() {
        // A wide character on each side of every block boundary, and a short last block.
        for n in [63, 64, 65, 127, 128, 129, 191] {
            for wide in ["é", "中", "😀"] {
                let mut text = "a".repeat(n);
                text.push_str(wide);
                text.push_str(&"b".repeat(n));
                assert_exact(&text).unwrap();
                let text = format!("{wide}{}", "c".repeat(n));
                assert_exact(&text).unwrap();
            }
        }
    }

    proptest! {
        #[test]
        fn long_texts_in_many_scripts_map_exactly(text in long_mixed_text()) {
            assert_exact(&text)?;
        }

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
