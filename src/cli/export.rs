//! `glossator export`: reads the files, writes the dataset, reports what was lost.

use std::path::PathBuf;

use anyhow::Context;

use super::Outcome;
use super::args::{ExportFormat, OffsetsArg, StatusArg};
use crate::diagnostic::Diagnostics;
use crate::export::{self, ExtraOffsets, Filter, Format};
use crate::model::Status;
use crate::project::Project;
use crate::schema::Schema;

pub struct Request {
    pub paths: Vec<PathBuf>,
    pub format: ExportFormat,
    pub output: PathBuf,
    pub status: Option<StatusArg>,
    pub offsets: Option<OffsetsArg>,
    pub report: Option<PathBuf>,
    pub annotator: Option<String>,
    pub schema: Schema,
}

pub fn run(req: &Request) -> anyhow::Result<Outcome> {
    let filter = Filter {
        annotator: req.annotator.clone(),
        status: req.status.map(|s| match s {
            StatusArg::Todo => Status::Todo,
            StatusArg::InProgress => Status::InProgress,
            StatusArg::Done => Status::Done,
            StatusArg::Reviewed => Status::Reviewed,
        }),
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
    };
    let extra = req.offsets.map(|o| match o {
        OffsetsArg::Utf16 => ExtraOffsets::Utf16,
        OffsetsArg::Bytes => ExtraOffsets::Bytes,
    });
    if extra.is_some() && format != Format::Jsonl {
        errln!("glossator export: --offsets applies to --format jsonl only");
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
    let docs = loaded.docs;
    if docs.is_empty() {
        anyhow::bail!(
            "no annotation files matched in {}; nothing was written",
            req.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let loss = export::export(&docs, &schema, format, extra, &req.output)?;
    err!("{}", loss.render(name));
    if let Some(path) = &req.report {
        let json = serde_json::to_string_pretty(&loss).context("writing the loss report")?;
        crate::store::Disk::real().write_atomic(path, (json + "\n").as_bytes())?;
    }
    Ok(Outcome::Clean)
}
