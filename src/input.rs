//! Reading the files people hand glossator: each kind has a size limit, checked before a byte
//! is read, and a file in another encoding is named as such with the command that converts it.
//!
//! The limits leave real files plenty of room: 20,000 annotations on a 4 MB novel make an
//! annotation file of about 4 MB; keymaps, configurations and schemas are a few kilobytes.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Annotation files (`.ann.ron`, journals).
pub const ANNOTATION_LIMIT: u64 = 64 << 20;
/// brat `.ann` files.
pub const BRAT_LIMIT: u64 = 64 << 20;
/// Keymap files.
pub const KEYMAP_LIMIT: u64 = 1 << 20;
/// Configuration files.
pub const CONFIG_LIMIT: u64 = 1 << 20;
/// Schema files.
pub const SCHEMA_LIMIT: u64 = 4 << 20;
/// HTML pages given to `glossator add`.
pub const HTML_LIMIT: u64 = 8 << 20;

/// A text encoding other than UTF-8, told by its byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl Encoding {
    /// The encoding whose byte-order mark `bytes` start with.
    pub fn of_bom(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0xff, 0xfe, 0, 0, ..] => Some(Self::Utf32Le),
            [0, 0, 0xfe, 0xff, ..] => Some(Self::Utf32Be),
            [0xff, 0xfe, ..] => Some(Self::Utf16Le),
            [0xfe, 0xff, ..] => Some(Self::Utf16Be),
            _ => None,
        }
    }

    /// The name `iconv -f` knows it by (the byte-order mark tells the byte order).
    pub fn iconv_name(self) -> &'static str {
        match self {
            Self::Utf16Le | Self::Utf16Be => "UTF-16",
            Self::Utf32Le | Self::Utf32Be => "UTF-32",
        }
    }

    /// The command that converts `path` to UTF-8.
    pub fn conversion(self, path: &Path) -> String {
        let name = path
            .file_name()
            .map_or_else(|| "FILE".to_owned(), |n| n.to_string_lossy().into_owned());
        format!(
            "iconv -f {} -t UTF-8 '{name}' > '{name}.utf8' and use the converted file",
            self.iconv_name()
        )
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Utf16Le => "UTF-16 (little-endian)",
            Self::Utf16Be => "UTF-16 (big-endian)",
            Self::Utf32Le => "UTF-32 (little-endian)",
            Self::Utf32Be => "UTF-32 (big-endian)",
        })
    }
}

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: cannot read the {what}: {source}", path.display())]
    Io {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: the {what} is {size} bytes ({}), over the limit of {limit} bytes ({}) for {what}s",
        path.display(), human(*size), human(*limit)
    )]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        size: u64,
        limit: u64,
    },
    #[error("{}: the {what} is {encoding} text; glossator reads UTF-8", path.display())]
    OtherEncoding {
        path: PathBuf,
        what: &'static str,
        encoding: Encoding,
    },
    #[error(
        "{}: the {what} is not UTF-8 text (invalid byte 0x{byte:02x} at byte offset {offset})",
        path.display()
    )]
    NotUtf8 {
        path: PathBuf,
        what: &'static str,
        offset: usize,
        byte: u8,
    },
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::TooLarge { path, .. }
            | Self::OtherEncoding { path, .. }
            | Self::NotUtf8 { path, .. } => path,
        }
    }

    /// What to do about it.
    pub fn hint(&self) -> String {
        match self {
            Self::Io { .. } => "check the path and its permissions".to_owned(),
            Self::TooLarge { .. } => {
                "check that this is the right file; no file of this kind needs to be that large"
                    .to_owned()
            }
            Self::OtherEncoding { path, encoding, .. } => {
                format!("convert it: {}", encoding.conversion(path))
            }
            Self::NotUtf8 { .. } => {
                "save the file as UTF-8, or restore it from its backup or version control"
                    .to_owned()
            }
        }
    }

    /// As a diagnostic: the file, the message and what to do.
    pub fn diagnostic(&self) -> Diagnostic {
        let message = self.to_string();
        let prefix = format!("{}: ", self.path().display());
        let message = message.strip_prefix(&prefix).unwrap_or(&message).to_owned();
        Diagnostic::new(self.path(), message, self.hint())
    }
}

impl From<ReadError> for Diagnostic {
    fn from(e: ReadError) -> Self {
        e.diagnostic()
    }
}

/// `n` bytes for a person: "1.5 MiB".
pub fn human(n: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "one decimal is shown")]
    let x = n as f64;
    if n >= 1 << 30 {
        format!("{:.1} GiB", x / f64::from(1u32 << 30))
    } else if n >= 1 << 20 {
        format!("{:.1} MiB", x / f64::from(1u32 << 20))
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", x / f64::from(1u32 << 10))
    } else {
        format!("{n} bytes")
    }
}

/// Opens `path` for reading if it is a regular file. A FIFO, a device or a folder is
/// refused at once (opening never waits for a writer on the other side of a FIFO).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, a device or a folder); give a text file",
        ));
    }
    Ok(file)
}

/// The bytes of `path`, a `what` ("keymap"), refused when over `limit` before anything is
/// read. A file that grows while it is read is cut at the limit and refused too.
pub fn read_limited(path: &Path, what: &'static str, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        what,
        source,
    };
    let file = open_regular(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let too_large = |size| ReadError::TooLarge {
        path: path.to_path_buf(),
        what,
        size,
        limit,
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(too_large(read));
    }
    Ok(bytes)
}

/// [`read_limited`], as UTF-8 text; another encoding is named by its byte-order mark.
pub fn read_text(path: &Path, what: &'static str, limit: u64) -> Result<String, ReadError> {
    let bytes = read_limited(path, what, limit)?;
    text(path, what, bytes)
}

/// `bytes` of `path` as UTF-8 text.
pub fn text(path: &Path, what: &'static str, bytes: Vec<u8>) -> Result<String, ReadError> {
    if let Some(encoding) = Encoding::of_bom(&bytes) {
        return Err(ReadError::OtherEncoding {
            path: path.to_path_buf(),
            what,
            encoding,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        ReadError::NotUtf8 {
            path: path.to_path_buf(),
            what,
            offset,
            byte: e.as_bytes().get(offset).copied().unwrap_or(0),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_name_their_encoding() {
        assert_eq!(Encoding::of_bom(b"\xff\xfea\0"), Some(Encoding::Utf16Le));
        assert_eq!(Encoding::of_bom(b"\xfe\xff\0a"), Some(Encoding::Utf16Be));
        assert_eq!(Encoding::of_bom(b"\xff\xfe\0\0"), Some(Encoding::Utf32Le));
        assert_eq!(Encoding::of_bom(b"\xef\xbb\xbfa"), None);
        assert_eq!(Encoding::of_bom(b"plain"), None);
    }

    #[test]
    fn a_file_over_its_limit_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.ron");
        std::fs::write(&path, "x".repeat(2000)).unwrap();
        let err = read_text(&path, "keymap", 1024).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the keymap is 2000 bytes (2.0 KiB), over the limit of 1024 bytes (1.0 KiB) for keymaps",
                path.display()
            )
        );
        assert_eq!(read_text(&path, "keymap", 4096).unwrap().len(), 2000);
    }
}
