//! brat standoff: reading `.ann` files (T, R, E, A, M, N, `*` and `#` lines, discontinuous
//! spans) and importing them into a project through a mapping of brat types to labels.

pub mod import;
pub mod manifest;
mod mapping;
mod parse;

pub use import::{FileReport, ImportError, Imported, Mapping, import_dir};
pub use parse::{Ann, parse};
