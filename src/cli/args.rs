//! The command line, as clap definitions only. `build.rs` includes this file to write the
//! man page, so it depends on nothing but clap and std.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "glossator",
    version,
    about = "Annotate who said what in news articles: speakers, claims, cues, sources, stances",
    long_about = "glossator is a terminal annotator for news articles. Open an article, mark \
                  speakers, claims, the cues that introduce them, sources and stances, link \
                  claims to who said them, and save it all as readable RON files.\n\n\
                  With no PATH it opens a bundled demo article.",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  glossator                      open the demo article\n  \
                  glossator story.txt            annotate story.txt (saves story.ann.ron)\n  \
                  glossator validate story.ann.ron\n  glossator stats annotations/"
)]
pub struct Cli {
    /// Article (.txt) to annotate; with no PATH the bundled demo opens.
    pub path: Option<PathBuf>,

    /// Annotation file to save to (default: the article's name with .ann.ron).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Open view-only: read and search, nothing is changed or saved (a read-only file opens
    /// this way by itself).
    #[arg(long)]
    pub read_only: bool,

    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command understands.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Who is annotating (default: the config file's annotator, then $USER).
    #[arg(long, global = true, env = "GLOSSATOR_ANNOTATOR", value_name = "NAME")]
    pub annotator: Option<String>,

    /// Schema file (default: the built-in news schema).
    #[arg(long, global = true, env = "GLOSSATOR_SCHEMA", value_name = "FILE")]
    pub schema: Option<PathBuf>,

    /// Colour theme: dark, light or a theme file (default: the config file's theme, then
    /// dark). NO_COLOR is honoured.
    #[arg(long, global = true, env = "GLOSSATOR_THEME", value_name = "NAME|FILE")]
    pub theme: Option<String>,

    /// Configuration file (default: glossator/config.ron in the user's config folder).
    #[arg(long, global = true, env = "GLOSSATOR_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Folder for glossator's own data, such as the demo article and its annotations.
    #[arg(long, global = true, env = "GLOSSATOR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project folder for a corpus of articles.
    #[command(after_help = "Example:\n  glossator init iran-coverage --schema my-schema.ron")]
    Init {
        /// Folder to create.
        dir: PathBuf,
        /// Also set the folder up for a team sharing it through git (see `git-setup`);
        /// runs `git init` there when it is in no repository yet.
        #[arg(long)]
        git: bool,
    },
    /// Import articles (.txt, .md, .html) into a project.
    #[command(
        after_help = "Example:\n  glossator add iran-coverage ~/Downloads/*.html notes/story.md"
    )]
    Add {
        /// The project folder.
        dir: PathBuf,
        /// Files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Give articles to annotators, take them back, or list who has what.
    #[command(
        after_help = "Assignments live in the project's assignments.ron; `stats` and the \
                      browser show them.\n\n\
                      Examples:\n  glossator assign iran-coverage                       # who has what\n  \
                      glossator assign iran-coverage --to alice story.txt\n  \
                      glossator assign iran-coverage --to alice,bob,cy --spread 2\n  \
                      glossator assign iran-coverage --to bob --remove story.txt"
    )]
    Assign(AssignArgs),
    /// Remove articles from a project, keeping them and every annotator's file of them in
    /// the project's .trash/ folder.
    #[command(
        after_help = "An article open in glossator somewhere is not removed. To restore one, \
                      copy the contents of its .trash/ folder back into the project.\n\n\
                      Example:\n  glossator rm iran-coverage story.txt other-story"
    )]
    Rm {
        /// The project folder.
        dir: PathBuf,
        /// Articles, by file name in articles/ (the .txt may be left out).
        #[arg(required = true)]
        articles: Vec<String>,
    },
    /// Check annotation files against their article and schema.
    #[command(
        after_help = "Prints every problem with file, line and column and what to do.\n\
                            Exit status: 0 when every file is clean, 1 when not.\n\n\
                            Examples:\n  glossator validate story.ann.ron\n  \
                            glossator validate annotations/alice/*.ann.ron --schema my.ron\n  \
                            glossator validate corpus/"
    )]
    Validate {
        /// Annotation files (.ann.ron), folders that contain them, or a project.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The article to check against (default: the one the file names, found beside it
        /// or in the project's articles/ folder).
        #[arg(long, value_name = "FILE")]
        article: Option<PathBuf>,
    },
    /// Count labels, entity kinds, attributions, sourcings and stances.
    #[command(
        after_help = "For a project: totals per annotator (with progress) and a row per \
                            article; --json prints the same as JSON.\n\n\
                            Examples:\n  glossator stats story.ann.ron\n  \
                            glossator stats annotations/alice/\n  glossator stats iran-coverage --json"
    )]
    Stats {
        /// Annotation files, folders that contain them, or a project.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// For a project: print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export labeled datasets (JSONL, claims CSV, CoNLL, brat, Hugging Face, doccano, Label
    /// Studio, W3C Web Annotation, WebAnno TSV, spaCy DocBin).
    #[command(
        after_help = "What the format cannot carry is reported on stderr (and with \
                            --report as JSON).\n\
                            --annotator given on the command line keeps that annotator's \
                            files only.\n\n\
                            Examples:\n  glossator export iran-coverage --format jsonl -o all.jsonl\n  \
                            glossator export iran-coverage --format claims-csv --status done -o claims.csv\n  \
                            glossator export story.ann.ron --format brat -o brat/\n  \
                            glossator export iran-coverage --format spacy -o train.spacy\n  \
                            glossator export iran-coverage --format conll --conll-style 2003 -o - | head\n\n\
                            A file that cannot be read or has problems is skipped with its first \
                            problem on stderr; the others are exported and the exit status is 1."
    )]
    Export {
        /// Annotation files, folders of them, or a project.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (a folder for brat, hf and webanno); `-` for standard output.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// Only files with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// JSONL: add fragments_utf16 or fragments_bytes beside the code-point offsets.
        #[arg(long, value_enum)]
        offsets: Option<OffsetsArg>,
        /// CoNLL: `columns` (offsets, a tag column per label, comments; the default) or
        /// `2003` (`token tag`, -DOCSTART- lines, no comments: for spaCy and seqeval).
        #[arg(long, value_enum, value_name = "STYLE")]
        conll_style: Option<ConllStyleArg>,
        /// Also write the loss report as JSON to this file.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// JSONL: also write the pending suggestions, accepted as they are, each mention,
        /// entity and attribution marked "suggested": true (to evaluate a pre-annotator).
        #[arg(long)]
        include_suggestions: bool,
    },
    /// Import annotations from other tools (brat, CoNLL, doccano, Label Studio).
    #[command(
        after_help = "Reads every .ann below DIR with its .txt (beside it, or in a sibling \
                            text/ folder; `story_4b22.ann` beside `story.txt` is annotator 4b22). \
                            Types map to labels through --map: a RON mapping file, or `polnear` \
                            (Source -> Speaker, Content -> Claim, Cue -> Cue), chosen by itself \
                            when the files use Content spans. Existing files are never \
                            overwritten.\n\n\
                            Examples:\n  glossator import brat polnear/ --into iran-coverage\n  \
                            glossator import brat exported/ --into iran-coverage --map my-map.ron\n  \
                            glossator import conll wnut17.conll --into social --map wnut-map.ron\n  \
                            glossator import doccano admin.jsonl --into iran-coverage\n  \
                            glossator import label-studio project-1.json --into iran-coverage\n\n\
                            conll, doccano and label-studio read a file or the files below a folder; \
                            each article (a CoNLL document, a doccano line, a Label Studio \
                            annotation) is added with its annotations; --map names labels as for brat."
    )]
    Import {
        /// Source format.
        #[arg(value_enum)]
        format: ImportFormat,
        /// Folder of .txt and .ann files (brat), or a file or folder of them (others).
        dir: PathBuf,
        /// Project to import into.
        #[arg(long, value_name = "PROJECT")]
        into: PathBuf,
        /// Mapping of brat types to labels: a RON file, `polnear`, or `identity`.
        #[arg(long, value_name = "FILE|polnear|identity")]
        map: Option<String>,
    },
    /// Inter-annotator agreement for a project.
    #[command(
        after_help = "Per pair of annotators: precision, recall and F1 per label (exact and \
                            overlap match), speaker and cue agreement on claims both marked, Cohen's \
                            kappa on stance polarity, and the disagreements; over all annotators: \
                            token-level Krippendorff's alpha per label and Fleiss' kappa on stances.\n\n\
                            Example:\n  glossator agree iran-coverage --annotators alice,bob --json"
    )]
    Agree {
        /// The project folder.
        project: PathBuf,
        /// Annotators to compare (default: all but gold).
        #[arg(long, value_delimiter = ',')]
        annotators: Vec<String>,
        /// Only files with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        /// Also print, per pair, which label B gave where A gave which (a label confusion
        /// matrix; "(none)" where one side marked nothing). `--json` always has it.
        #[arg(long)]
        confusion: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Suggest quotations, cues, speakers and sources by rule.
    ///
    /// Suggestions are kept apart from the annotator's own annotations until accepted in
    /// glossator; a claim already marked, or a suggestion rejected before, is not proposed.
    /// The rules are assets/suggest.ron, or a project's own suggest.ron.
    #[command(
        after_help = "Examples:\n  glossator suggest story.txt\n  glossator suggest corpus/ --annotator alice\n  \
                            glossator suggest --evaluate gold-brat/"
    )]
    Suggest {
        /// Articles, annotation files, folders of them, or a project.
        #[arg(required_unless_present = "evaluate")]
        paths: Vec<PathBuf>,
        /// Score the rules against the gold attributions in this folder of brat files
        /// (precision, recall and F1 per layer, exact and overlapping) instead.
        #[arg(long, value_name = "GOLD_DIR")]
        evaluate: Option<PathBuf>,
        /// Print the evaluation as JSON.
        #[arg(long, requires = "evaluate")]
        json: bool,
        /// With --evaluate: also list the misses by kind (how each near miss differs at its
        /// start and end, what was missed or found extra), with examples.
        #[arg(long, requires = "evaluate")]
        misses: bool,
        /// With --evaluate: score only the gold files at even or odd places in sorted order,
        /// to develop rules on one half and check them on the other.
        #[arg(long, value_enum, requires = "evaluate")]
        half: Option<HalfArg>,
    },
    /// Print shell completions.
    #[command(
        after_help = "Examples:\n  glossator completions bash > ~/.local/share/bash-completion/completions/glossator\n  \
                            glossator completions zsh > ~/.zfunc/_glossator"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  glossator man > glossator.1 && man ./glossator.1")]
    Man,
    /// Merge three versions of an annotation file by meaning: git's merge driver.
    #[command(
        after_help = "Writes the result to OURS. Exit status: 0 merged cleanly, 1 merged with \
                            conflict records for a person to settle (open the file in glossator), \
                            2 an input could not be read.\n\n\
                            git runs it as `glossator merge-file %O %A %B %P` once `glossator \
                            git-setup` registered it.\n\n\
                            Example:\n  glossator merge-file base.ann.ron mine.ann.ron theirs.ann.ron story.ann.ron"
    )]
    MergeFile {
        /// The common ancestor (git's %O; an empty file when both sides added the file).
        base: PathBuf,
        /// This side's version, overwritten with the result (git's %A).
        ours: PathBuf,
        /// The other side's version (git's %B).
        theirs: PathBuf,
        /// The file's name in the repository, for messages (git's %P).
        path: Option<PathBuf>,
    },
    /// Set a project in a git repository up for a team: .gitattributes, .gitignore and the
    /// merge driver in the repository's config.
    #[command(
        after_help = "Writes `*.ann.ron merge=glossator` to .gitattributes, ignores glossator's \
                            locks, journals, backups, recovery copies and caches in .gitignore (lines \
                            already there are kept), and registers `merge-file` as the driver with \
                            `git config`. Safe to run again; every clone runs it once.\n\n\
                            Example:\n  glossator git-setup iran-coverage"
    )]
    GitSetup {
        /// The project (or any folder in the repository); default the current folder.
        dir: Option<PathBuf>,
    },
}

impl Command {
    /// The word typed on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Init { .. } => "init",
            Self::Add { .. } => "add",
            Self::Rm { .. } => "rm",
            Self::Assign(_) => "assign",
            Self::Validate { .. } => "validate",
            Self::Stats { .. } => "stats",
            Self::Export { .. } => "export",
            Self::Import { .. } => "import",
            Self::Agree { .. } => "agree",
            Self::Suggest { .. } => "suggest",
            Self::Completions { .. } => "completions",
            Self::Man => "man",
            Self::MergeFile { .. } => "merge-file",
            Self::GitSetup { .. } => "git-setup",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    ClaimsCsv,
    Conll,
    Brat,
    /// Hugging Face token classification: a folder with tokens.jsonl and labels.json.
    Hf,
    /// doccano sequence labelling JSONL.
    Doccano,
    /// doccano relation extraction JSONL.
    DoccanoRelations,
    /// Label Studio JSON tasks.
    LabelStudio,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// WebAnno TSV 3.3 for INCEpTION: a folder with a .tsv per file (or one file).
    Webanno,
    /// spaCy DocBin (.spacy): a Doc per file, its mentions as spans (group sc) and ents.
    Spacy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Brat,
    /// BIO tags in the last column of token lines (or glossator's own CoNLL export).
    Conll,
    /// doccano JSONL, sequence labelling or relation extraction.
    Doccano,
    /// Label Studio JSON tasks.
    LabelStudio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Todo,
    InProgress,
    Done,
    Reviewed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConllStyleArg {
    Columns,
    #[value(name = "2003")]
    Conll2003,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OffsetsArg {
    Utf16,
    Bytes,
}

/// `glossator assign`'s arguments.
#[derive(Debug, Args)]
pub struct AssignArgs {
    /// The project folder.
    pub dir: PathBuf,
    /// Articles (default with --spread or --remove: every article of the project).
    pub articles: Vec<String>,
    /// The annotators to give the articles to (without it, the assignments are listed).
    #[arg(long, value_delimiter = ',', value_name = "ANNOTATORS")]
    pub to: Vec<String>,
    /// Give each article to N of the annotators in all, the least loaded first.
    #[arg(long, value_name = "N", requires = "to", conflicts_with = "remove")]
    pub spread: Option<usize>,
    /// Take the articles back from the annotators instead.
    #[arg(long, requires = "to")]
    pub remove: bool,
}

/// Which gold files `suggest --evaluate` scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HalfArg {
    Even,
    Odd,
}
