//! The command line: parse, dispatch to a subcommand, map the outcome to an exit code
//! (0 ok, 1 invalid data or findings, 2 usage error).

mod agree;
mod args;
mod assign;
mod export;
mod git_setup;
mod import;
mod import_tools;
mod merge_file;
mod stats;
mod suggest;
mod validate;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser};

pub use args::{Cli, Command, ExportFormat, GlobalArgs, ImportFormat};

use crate::diagnostic::Diagnostics;
use crate::project::{BadAnnotator, GOLD, NameSource};
use crate::schema::Schema;
use crate::settings::{self, Config};

/// What a command found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, nothing wrong.
    Clean,
    /// Done, and the data has problems (printed).
    Findings,
    /// The command cannot run as asked (printed).
    Usage,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Clean => Self::SUCCESS,
            Outcome::Findings => Self::from(1),
            Outcome::Usage => Self::from(2),
        }
    }
}

/// Parses the process's arguments and runs them.
pub fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // A usage error can quote what was typed, a file name among it: plain and safe.
            err!("{}", e.render());
            return ExitCode::from(2);
        }
        Err(e) => {
            // Help and version: glossator's own text, with its colours.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    match run(cli) {
        Ok(outcome) => outcome.into(),
        Err(e) => {
            errln!("error: {e:#}");
            if e.downcast_ref::<crate::project::BadAnnotator>().is_some()
                || e.downcast_ref::<GoldNotAnAnnotator>().is_some()
            {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// `glossator stats DIR | head` closes the pipe early; like other command-line tools, stop
/// quietly (status 141, as a SIGPIPE would give) instead of printing a panic.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}

impl From<args::StatusArg> for crate::model::Status {
    fn from(s: args::StatusArg) -> Self {
        match s {
            args::StatusArg::Todo => Self::Todo,
            args::StatusArg::InProgress => Self::InProgress,
            args::StatusArg::Done => Self::Done,
            args::StatusArg::Reviewed => Self::Reviewed,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let g = &cli.global;
    match cli.command {
        None => open(cli.path.as_deref(), cli.out, cli.read_only, g),
        Some(Command::Validate { files, article }) => {
            let schema = schema(g)?;
            Ok(validate::run(&files, article.as_deref(), &schema))
        }
        Some(Command::Stats { paths, json }) => stats::run(&paths, json),
        Some(Command::Export {
            paths,
            format,
            output,
            status,
            offsets,
            conll_style,
            report,
            include_suggestions,
        }) => export::run(&export::Request {
            paths,
            format,
            output,
            status,
            offsets,
            conll_style,
            report,
            include_suggestions,
            annotator: annotator_flag(g)?,
            schema: schema(g)?,
        }),
        Some(Command::Import {
            format,
            dir,
            into,
            map,
        }) => match format {
            ImportFormat::Brat => import::run(&dir, &into, map.as_deref(), g),
            other => import_tools::run(other, &dir, &into, map.as_deref(), g),
        },
        Some(Command::Add { dir, files }) => add(&dir, &files),
        Some(Command::Rm { dir, articles }) => rm(&dir, &articles),
        Some(Command::Assign(a)) => assign::run(&a),
        Some(Command::Agree {
            project,
            annotators,
            status,
            confusion,
            json,
        }) => agree::run(
            &project,
            &annotators,
            status.map(Into::into),
            agree::Show { confusion, json },
        ),
        Some(Command::Init { dir, git }) => init(&dir, git, g),
        Some(Command::MergeFile {
            base,
            ours,
            theirs,
            path,
        }) => Ok(merge_file::run(&base, &ours, &theirs, path.as_deref())),
        Some(Command::GitSetup { dir }) => {
            git_setup::run(dir.as_deref().unwrap_or(Path::new(".")), false)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "glossator", &mut std::io::stdout());
            Ok(Outcome::Clean)
        }
        Some(Command::Man) => {
            std::io::stdout()
                .write_all(include_bytes!(concat!(env!("OUT_DIR"), "/glossator.1")))
                .context("writing the man page")?;
            Ok(Outcome::Clean)
        }
        Some(Command::Suggest {
            paths,
            evaluate,
            json,
            misses,
            half,
        }) => {
            let config = config(g)?;
            suggest::run(&suggest::Request {
                paths,
                evaluate,
                json,
                options: crate::suggest::evaluate::Options {
                    half: match half {
                        None => crate::suggest::evaluate::Half::All,
                        Some(args::HalfArg::Even) => crate::suggest::evaluate::Half::Even,
                        Some(args::HalfArg::Odd) => crate::suggest::evaluate::Half::Odd,
                    },
                    misses,
                },
                annotator: annotator(g, &config)?,
                schema: schema(g)?,
            })
        }
    }
}

/// `glossator init`: the project, and with `--git` its git setup.
fn init(dir: &Path, git: bool, g: &GlobalArgs) -> anyhow::Result<Outcome> {
    let p = crate::project::Project::init(dir, g.schema.as_deref())?;
    outln!(
        "created the project {} in {}: add articles with `glossator add {} FILES...`",
        p.config.name,
        dir.display(),
        dir.display()
    );
    if git {
        return git_setup::run(dir, true);
    }
    Ok(Outcome::Clean)
}

/// Imports article files into a project, each on its own: one that fails is reported and
/// the others still come in.
fn add(dir: &Path, files: &[PathBuf]) -> anyhow::Result<Outcome> {
    let project = crate::project::Project::open(dir)?;
    let mut failed = 0;
    for file in files {
        let result = crate::ingest::text_of(file).and_then(|text| {
            let stem = file.file_stem().map_or_else(
                || "article".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            Ok(project.add_text(&stem, &text)?)
        });
        match result {
            Ok(crate::project::Added::New(name)) => {
                outln!("{} -> articles/{name}", file.display());
            }
            Ok(crate::project::Added::Duplicate(name)) => outln!(
                "{}: the same text is already articles/{name}; not added again",
                file.display()
            ),
            Err(e) => {
                errln!("{e:#}");
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// `glossator rm`: each article and its annotations to the trash, or why not.
fn rm(dir: &Path, articles: &[String]) -> anyhow::Result<Outcome> {
    let project = crate::project::Project::open(dir)?;
    let mut failed = 0;
    for name in articles {
        match project.remove_article(name) {
            Ok(r) => {
                let files = r.annotation_files;
                let s = if files == 1 { "" } else { "s" };
                outln!(
                    "removed articles/{} with {files} annotation file{s}; kept in {} (copy its \
                     contents back into the project to restore it)",
                    r.article,
                    r.trash.display()
                );
            }
            Err(e) => {
                errln!("{e}");
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// `--annotator` when it was typed on the command line (not from the environment), for
/// commands where it filters or names whose files are imported; a name that cannot be an
/// annotator's is refused.
pub(crate) fn annotator_flag(g: &GlobalArgs) -> Result<Option<String>, BadAnnotator> {
    let typed = std::env::args().any(|a| a == "--annotator" || a.starts_with("--annotator="));
    let name = g.annotator.clone().filter(|_| typed);
    if let Some(n) = &name {
        crate::project::annotator::check(n, &NameSource::Flag)?;
    }
    Ok(name)
}

/// The schema named on the command line, or the default one.
fn schema(g: &GlobalArgs) -> anyhow::Result<Schema> {
    match &g.schema {
        None => Ok(Schema::news()),
        Some(path) => Ok(Schema::load(path).map_err(Diagnostics)?),
    }
}

/// Who is annotating: `--annotator`, then the configuration, then `$USER`, checked.
fn annotator(g: &GlobalArgs, config: &Config) -> Result<String, BadAnnotator> {
    annotator_and_source(g, config).map(|(name, _)| name)
}

fn annotator_and_source(
    g: &GlobalArgs,
    config: &Config,
) -> Result<(String, Option<NameSource>), BadAnnotator> {
    let config_path = settings::config_path(g.config.as_deref()).unwrap_or_default();
    settings::annotator_and_source(
        g.annotator.as_deref(),
        config,
        &config_path,
        std::env::var("USER").ok().as_deref(),
    )
}

/// Gold asked for as the annotator of the editor: gold is written only by curation and
/// compare, which hold its lock and take the annotators' work into it, so the editor does
/// not write it under a name of its own.
#[derive(Debug, thiserror::Error)]
#[error(
    "\"{GOLD}\" from {from} is the name of the adjudicated copy, not an annotator's: gold is \
     edited through curation or compare, which lock it while they write it. Open the project \
     as yourself (--annotator NAME), highlight the article and press {curate} (curation) or \
     {compare} (compare), then {edit} to edit gold there; --read-only opens gold to look at"
)]
pub struct GoldNotAnAnnotator {
    from: String,
    curate: String,
    compare: String,
    edit: String,
}

impl GoldNotAnAnnotator {
    fn new(from: Option<&NameSource>, keymap: &crate::tui::Keymap) -> Self {
        use crate::tui::screen::{BrowserAction, CurationAction};
        fn first<A: PartialEq>(keys: &[(crate::tui::KeyCombo, A)], a: &A) -> String {
            keys.iter()
                .find(|(_, x)| x == a)
                .map_or_else(|| "(unbound)".to_owned(), |(k, _)| k.to_string())
        }
        let screens = &keymap.screens;
        Self {
            from: from.map_or_else(|| "the default".to_owned(), ToString::to_string),
            curate: first(&screens.browser, &BrowserAction::Curate),
            compare: first(&screens.browser, &BrowserAction::Compare),
            edit: first(&screens.curation, &CurationAction::Edit),
        }
    }
}

fn config(g: &GlobalArgs) -> anyhow::Result<Config> {
    match settings::config_path(g.config.as_deref()) {
        Some(path) => Ok(Config::load(&path, g.config.is_some())?),
        None => Ok(Config::default()),
    }
}

/// Opens the TUI on an article, or on the demo.
fn open(
    path: Option<&Path>,
    out: Option<PathBuf>,
    read_only: bool,
    g: &GlobalArgs,
) -> anyhow::Result<Outcome> {
    let config = config(g)?;
    let (annotator, from) = annotator_and_source(g, &config)?;
    let schema = schema(g)?;
    let article = if let Some(p) = path {
        p.to_path_buf()
    } else {
        let data = settings::data_dir(g.data_dir.as_deref()).context(
            "no data folder could be found for the demo; pass --data-dir or set GLOSSATOR_DATA_DIR",
        )?;
        settings::demo_article(&data)
            .with_context(|| format!("copying the demo article into {}", data.display()))?
    };
    let project = if article.is_dir() {
        Some(crate::project::Project::open(&article)?)
    } else {
        None
    };
    let keymap_file = settings::keymap_path(g.config.as_deref());
    let keymap = crate::tui::Keymap::load(keymap_file.as_deref()).map_err(Diagnostics)?;
    if annotator == GOLD && !read_only {
        return Err(GoldNotAnAnnotator::new(from.as_ref(), &keymap).into());
    }
    let theme_name = g
        .theme
        .clone()
        .or(config.theme)
        .unwrap_or_else(|| "dark".into());
    let theme = crate::tui::Theme::named(&theme_name)?;
    let depth = crate::tui::Depth::detect(|k| std::env::var(k).ok());
    let recovery_dir = settings::data_dir(g.data_dir.as_deref()).map(|d| d.join("recovery"));
    let req = crate::tui::OpenRequest {
        out,
        keymap,
        theme,
        depth,
        recovery_dir,
        read_only,
        ..crate::tui::OpenRequest::new(article, &annotator, schema)
    };
    match project {
        Some(project) => crate::tui::open_project(project, &req).map(|()| Outcome::Clean),
        None => crate::tui::open(&req).map(|()| Outcome::Clean),
    }
}
