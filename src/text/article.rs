//! Reading an article file into normalised text: BOM removed, CRLF and CR turned into LF,
//! invalid UTF-8 refused with the byte offset of the first bad byte.

use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::offsets::OffsetMap;
use super::paragraphs::paragraphs;

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("{path}: cannot read the article: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: not UTF-8 text: invalid byte 0x{byte:02x} at byte offset {offset}. \
         Convert the file to UTF-8 (for example `iconv -f latin1 -t utf-8`) and try again"
    )]
    InvalidUtf8 {
        path: PathBuf,
        offset: usize,
        byte: u8,
    },
    #[error(
        "{path}: {encoding} text, not UTF-8. Convert it: {}",
        encoding.conversion(path)
    )]
    OtherEncoding {
        path: PathBuf,
        encoding: crate::input::Encoding,
    },
    #[error(
        "{path}: looks like a binary file (NUL byte at byte offset {offset}); \
         glossator annotates plain UTF-8 text"
    )]
    Binary { path: PathBuf, offset: usize },
}

/// A loaded article: its normalised text and what every view of it needs.
#[derive(Debug, Clone)]
pub struct Article {
    /// Where it was read from; used in messages only.
    pub path: PathBuf,
    pub text: String,
    pub offsets: OffsetMap,
    /// Byte ranges of the paragraphs, in order, without their line breaks.
    pub paragraphs: Vec<Range<usize>>,
    /// SHA-256 of the normalised text, lower-case hex.
    pub sha256: String,
}

impl Article {
    /// Reads and normalises a file.
    pub fn load(path: &Path) -> Result<Self, TextError> {
        Self::read(path, Self::open(path)?)
    }

    /// Opens the file, refusing what is not a regular file: [`Self::read`] reads it.
    pub fn open(path: &Path) -> Result<std::fs::File, TextError> {
        crate::input::open_regular(path).map_err(|source| TextError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Reads and normalises a file [`Self::open`] opened.
    pub fn read(path: &Path, mut file: std::fs::File) -> Result<Self, TextError> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|source| TextError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_vec(path, bytes)
    }

    /// Normalises raw bytes as if read from `path`.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, TextError> {
        Self::from_vec(path, bytes.to_vec())
    }

    /// [`Self::from_bytes`] on bytes it owns: the text keeps their memory when they need
    /// no change, instead of a second copy of a 4 MB article alive beside the first.
    pub fn from_vec(path: &Path, bytes: Vec<u8>) -> Result<Self, TextError> {
        if let Some(encoding) = crate::input::Encoding::of_bom(&bytes) {
            return Err(TextError::OtherEncoding {
                path: path.to_path_buf(),
                encoding,
            });
        }
        let raw = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            TextError::InvalidUtf8 {
                path: path.to_path_buf(),
                offset,
                byte: e.as_bytes().get(offset).copied().unwrap_or(0),
            }
        })?;
        if let Some(offset) = memchr_nul(raw.as_bytes()) {
            return Err(TextError::Binary {
                path: path.to_path_buf(),
                offset,
            });
        }
        let text = if raw.starts_with('\u{feff}') || raw.contains('\r') {
            normalise(&raw)
        } else {
            raw
        };
        Ok(Self::from_text(path, text))
    }

    /// Wraps text that is already normalised.
    pub fn from_text(path: &Path, text: String) -> Self {
        let offsets = OffsetMap::new(&text);
        let paragraphs = paragraphs(&text);
        let sha256 = sha256_hex(&text);
        Self {
            path: path.to_path_buf(),
            text,
            offsets,
            paragraphs,
            sha256,
        }
    }

    /// Number of code points in the text (the `chars` recorded in annotation files).
    pub fn char_count(&self) -> usize {
        self.offsets.char_count()
    }

    /// Index of the paragraph that contains `byte`, or the one after it when `byte` falls in
    /// the blank lines between two paragraphs.
    pub fn paragraph_at(&self, byte: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end < byte)
            .min(self.paragraphs.len().saturating_sub(1))
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Removes a leading BOM and turns CRLF and lone CR into LF: the text Python's
/// `open(f, encoding="utf-8-sig")` gives, which is what offsets in exports refer to.
pub fn normalise(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Lower-case hex SHA-256 of a string's UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        use std::fmt::Write as _;
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_line_endings_are_normalised() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalise("\r\r\n"), "\n\n");
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset() {
        let err = Article::from_bytes(Path::new("x.txt"), b"abc\xffdef").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("x.txt"), "{msg}");
        assert!(msg.contains("byte offset 3"), "{msg}");
        assert!(msg.contains("0xff"), "{msg}");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = Article::from_bytes(Path::new("b.bin"), b"ab\0c").unwrap_err();
        assert!(err.to_string().contains("binary file"), "{err}");
        assert!(err.to_string().contains("byte offset 2"), "{err}");
    }

    #[test]
    fn owned_bytes_are_checked_and_normalised_as_borrowed_ones_are() {
        for bytes in [&b"\xef\xbb\xbfa\r\nb"[..], b"plain\n", b"a\rb", b""] {
            let owned = Article::from_vec(Path::new("t"), bytes.to_vec()).unwrap();
            let raw = std::str::from_utf8(bytes).unwrap();
            assert_eq!(owned.text, normalise(raw));
        }
        let err = Article::from_vec(Path::new("x.txt"), b"ab\xffc".to_vec()).unwrap_err();
        assert!(err.to_string().contains("byte offset 2"), "{err}");
        let err = Article::from_vec(Path::new("b.bin"), b"ab\0c".to_vec()).unwrap_err();
        assert!(err.to_string().contains("binary file"), "{err}");
    }

    #[test]
    fn sha256_of_empty_text_is_the_known_digest() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn paragraph_at_maps_blank_lines_to_the_next_paragraph() {
        let a = Article::from_text(Path::new("t"), "ab\n\ncd\n".to_owned());
        assert_eq!(a.paragraphs, vec![0..2, 4..6]);
        assert_eq!(a.paragraph_at(0), 0);
        assert_eq!(a.paragraph_at(2), 0);
        assert_eq!(a.paragraph_at(3), 1);
        assert_eq!(a.paragraph_at(6), 1);
        assert_eq!(a.paragraph_at(99), 1);
    }
}
