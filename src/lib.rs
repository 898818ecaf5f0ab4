//! glossator: a terminal annotator for news articles.
//!
//! Module map (the library API serves the binary, tests and benches; it is not stable):
//! - [`text`]: article text: normalisation, paragraphs, code point <-> byte offsets,
//!   graphemes, terminal-safe display and wrapping.
//! - [`model`]: mentions, entities, attributions, sourcings, stances, notes, ids, invariants.
//! - [`schema`]: the schema file (labels, entity kinds, attributes, polarities, link rules).
//! - [`boundary`]: where a span's edges go by its label's conventions; quote type from text.
//! - [`store`]: the versioned RON annotation file, migrations, atomic save.
//! - [`project`]: a project folder: settings, articles, annotations per annotator; the one
//!   folder walk (never through a symbolic link) and the annotator-name check.
//! - [`ingest`]: article text from .txt, Markdown and HTML pages.
//! - [`agree`]: agreement coefficients and their use on annotations.
//! - [`compare`]: two annotators' work aligned, and a gold set built from it.
//! - [`merge`]: three-way merge of annotation files by meaning, with conflict records.
//! - [`export`]: labeled datasets (JSONL, claims CSV, CoNLL, brat) with a loss report.
//! - [`brat`]: brat standoff: reading `.ann` files and importing them into a project.
//! - [`import`]: CoNLL, doccano and Label Studio files into a project.
//! - [`diagnostic`]: file:line:column messages with an excerpt and what to do.
//! - [`input`]: reading files with size limits checked first, other encodings named.
//! - [`settings`]: where config and data live, the annotator's name, the demo article.
//! - [`cli`]: the command line and its subcommands; everything it prints is made
//!   terminal-safe in `out.rs`.
//! - [`tui`]: the terminal interface: event -> action -> update -> effects, views, keymap.
//!
//! Domain modules (`text`, `model`, `schema`, `store`, `project`, `export`, `brat`) never
//! import ratatui.

// First, so that every module after it can print with `outln!` and `errln!`.
#[macro_use]
pub(crate) mod out;

pub mod agree;
pub mod boundary;
pub mod brat;
pub mod cli;
pub mod compare;
pub mod curation;
pub mod diagnostic;
pub mod export;
pub mod import;
pub mod ingest;
pub mod input;
pub mod merge;
pub mod model;
pub mod project;
pub mod schema;
pub mod settings;
pub mod store;
pub mod suggest;
pub mod text;
pub mod tui;
