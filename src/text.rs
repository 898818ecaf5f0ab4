//! Article text: loading and normalising a file, paragraphs, the code point <-> byte offset
//! map, grapheme-safe span boundaries, terminal-safe display of untrusted characters and
//! display-width-aware wrapping.
//!
//! Inside the program every offset is a byte offset into the normalised text; code points
//! appear only at the boundary (files on disk, exports), converted through [`OffsetMap`].

mod article;
mod display;
mod graphemes;
mod offsets;
mod paragraphs;
mod raw;
pub mod search;
mod words;
mod wrap;

pub use article::{Article, TextError, normalise, sha256_hex};
pub use display::{
    byte_at_column, cell_symbol, display_width, display_width_of, is_unsafe, sanitize_line,
    sanitize_lines,
};
pub use graphemes::{is_grapheme_boundary, next_grapheme_boundary, prev_grapheme_boundary};
pub use offsets::{OffsetError, OffsetMap};
pub use paragraphs::paragraphs;
pub use raw::{RawOffsets, one_line};
pub use search::Search;
pub use words::{
    GLUE, is_named, is_word_char, next_word_start, prev_word_start, pronoun_kind, snap_to_words,
};
pub use wrap::{VisualLine, wrap};
