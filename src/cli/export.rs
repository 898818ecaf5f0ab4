//! `glossator export`: reads the files, writes the dataset, reports what was lost.

use std::path::PathBuf;

use anyhow::Context;

use super::Outcome;
use super::args::{ConllStyleArg, ExportFormat, OffsetsArg, StatusArg};
use crate::diagnostic::Diagnostics;
use crate::export::{self, ConllStyle, ExtraOffsets, Filter, Format, Options};
use crate::project::Project;
use crate::schema::Schema;

pub struct Request {
    pub paths: Vec<PathBuf>,
    pub format: ExportFormat,
    pub output: PathBuf,
    pub status: Option<StatusArg>,
    pub offsets: Option<OffsetsArg>,
    pub conll_style: Option<ConllStyleArg>,
    pub report: Option<PathBuf>,
    pub include_suggestions: bool,
    pub annotator: Option<String>,
    pub schema: Schema,
}

pub fn run(req: &Request) -> anyhow::Result<Outcome> {
    let filter = Filter {
        annotator: req.annotator.clone(),
        status: req.status.map(Into::into),
    };
    let (format, name) = match req.format {
        ExportFormat::Jsonl => (Format::Jsonl, "jsonl"),
        ExportFormat::ClaimsCsv => (Format::ClaimsCsv, "claims-csv"),
        ExportFormat::Conll => (Format::Conll, "conll"),
        ExportFormat::Brat => (Format::Brat, "brat"),
        ExportFormat::Hf => (Format::Hf, "hf"),
        ExportFormat::Doccano => (Format::Doccano, "doccano"),
        ExportFormat::DoccanoRelations => (Format::DoccanoRelations, "doccano-relations"),
        ExportFormat::LabelStudio => (Format::LabelStudio, "label-studio"),
        ExportFormat::W3c => (Format::W3c, "w3c"),
        ExportFormat::Webanno => (Format::Webanno, "webanno"),
        ExportFormat::Spacy => (Format::Spacy, "spacy"),
    };
    let options = Options {
        offsets: req.offsets.map(|o| match o {
            OffsetsArg::Utf16 => ExtraOffsets::Utf16,
            OffsetsArg::Bytes => ExtraOffsets::Bytes,
        }),
        conll: match req.conll_style {
            None | Some(ConllStyleArg::Columns) => ConllStyle::Columns,
            Some(ConllStyleArg::Conll2003) => ConllStyle::Conll2003,
        },
    };
    if options.offsets.is_some() && format != Format::Jsonl {
        errln!("glossator export: --offsets applies to --format jsonl only");
        return Ok(Outcome::Usage);
    }
    if req.include_suggestions && format != Format::Jsonl {
        errln!("glossator export: --include-suggestions applies to --format jsonl only");
        return Ok(Outcome::Usage);
    }
    if req.conll_style.is_some() && format != Format::Conll {
        errln!("glossator export: --conll-style applies to --format conll only");
        return Ok(Outcome::Usage);
    }
    if format == Format::Brat && export::is_stdout(&req.output) {
        errln!("glossator export: brat writes a folder; name one with -o");
        return Ok(Outcome::Usage);
    }
    if format == Format::Spacy
        && export::is_stdout(&req.output)
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        errln!("glossator export: spacy writes a binary file; name one with -o or pipe it");
        return Ok(Outcome::Usage);
    }
    // A project's own schema names the labels, columns and brat types.
    let schema = match req.paths.iter().find(|p| Project::is_project(p)) {
        Some(p) => Project::open(p)?.schema().map_err(Diagnostics)?,
        None => req.schema.clone(),
    };
    let loaded = export::load_docs(&req.paths, &schema, &filter)?;
    for s in &loaded.skipped {
        errln!("note: {s}");
    }
    for u in &loaded.unread {
        errln!("{u}");
    }
    let mut docs = loaded.docs;
    if req.include_suggestions {
        docs = docs
            .into_iter()
            .map(|d| d.with_suggestions(&schema))
            .collect();
    }
    if docs.is_empty() {
        anyhow::bail!(
            "no annotation files {} in {}; nothing was written",
            if loaded.unread.is_empty() {
                "matched"
            } else {
                "could be exported"
            },
            req.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let loss = export::export(&docs, &schema, format, options, &req.output)?;
    err!("{}", loss.render(name));
    if let Some(path) = &req.report {
        let json = serde_json::to_string_pretty(&loss).context("writing the loss report")?;
        crate::store::Disk::real().write_atomic(path, (json + "\n").as_bytes())?;
    }
    if loaded.unread.is_empty() {
        Ok(Outcome::Clean)
    } else {
        errln!(
            "{} file(s) skipped for the problems above; the rest were exported",
            loaded.unread.len()
        );
        Ok(Outcome::Findings)
    }
}
