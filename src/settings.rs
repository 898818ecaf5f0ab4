//! Where glossator keeps its configuration and data (from `directories`, overridable by
//! `--config` / `--data-dir` and their environment variables so tests stay hermetic), the
//! annotator's name, and the bundled demo article.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::project::{BadAnnotator, NameSource, annotator};

/// The demo article shipped in `assets/`.
pub const DEMO_ARTICLE: &str =
    include_str!("../assets/demo/fna_iran_rejects_military_cooperation.txt");
/// Its file name in the data folder.
pub const DEMO_FILE_NAME: &str = "fna_iran_rejects_military_cooperation.txt";

/// The user's configuration file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Name written into annotation files.
    #[serde(default)]
    pub annotator: Option<String>,
    /// "dark", "light" or the path of a theme file.
    #[serde(default)]
    pub theme: Option<String>,
}

impl Config {
    /// Reads `path`; a missing file is an empty configuration unless `required`.
    pub fn load(path: &Path, required: bool) -> Result<Self, Diagnostic> {
        if !required && !path.exists() {
            return Ok(Self::default());
        }
        let source = crate::input::read_text(path, "configuration", crate::input::CONFIG_LIMIT)
            .map_err(|e| match e {
                crate::input::ReadError::Io { source, .. } => Diagnostic::new(
                    path,
                    format!("cannot read the configuration: {source}"),
                    "check the path given with --config or GLOSSATOR_CONFIG",
                ),
                other => other.diagnostic(),
            })?;
        let body = source.strip_prefix('\u{feff}').unwrap_or(&source);
        ron::from_str(body).map_err(|e| {
            Diagnostic::from_ron(
                path,
                body,
                &e,
                "the configuration is a RON struct such as (annotator: Some(\"alice\"))",
            )
        })
    }
}

/// The user's keymap file: `keymap.ron` beside the configuration file.
pub fn keymap_path(config: Option<&Path>) -> Option<PathBuf> {
    config_path(config).and_then(|c| c.parent().map(|d| d.join("keymap.ron")))
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "glossator")
}

/// The configuration file: the one given, else `config.ron` in the user's config folder.
pub fn config_path(given: Option<&Path>) -> Option<PathBuf> {
    given
        .map(Path::to_path_buf)
        .or_else(|| project_dirs().map(|d| d.config_dir().join("config.ron")))
}

/// glossator's data folder: the one given, else the user's data folder.
pub fn data_dir(given: Option<&Path>) -> Option<PathBuf> {
    given
        .map(Path::to_path_buf)
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
}

/// The annotator: `--annotator`, then the configuration (read from `config_path`), then
/// `user` (`$USER`), then "annotator". The first of them that is set is the name, and it
/// must be one an annotator can have (see [`crate::project::annotator`]): a bad one is
/// refused, not passed over. An empty `$USER` counts as unset.
pub fn annotator(
    given: Option<&str>,
    config: &Config,
    config_path: &Path,
    user: Option<&str>,
) -> Result<String, BadAnnotator> {
    annotator_and_source(given, config, config_path, user).map(|(name, _)| name)
}

/// [`annotator`], with where the name came from (`None` for the fallback "annotator").
pub fn annotator_and_source(
    given: Option<&str>,
    config: &Config,
    config_path: &Path,
    user: Option<&str>,
) -> Result<(String, Option<NameSource>), BadAnnotator> {
    let (name, from) = if let Some(n) = given {
        (n, NameSource::Flag)
    } else if let Some(n) = &config.annotator {
        (n.as_str(), NameSource::Config(config_path.to_path_buf()))
    } else if let Some(n) = user.filter(|u| !u.is_empty()) {
        (n, NameSource::User)
    } else {
        return Ok(("annotator".to_owned(), None));
    };
    annotator::check(name, &from)?;
    Ok((name.to_owned(), Some(from)))
}

/// The demo article in the data folder, copied there on first use so its annotations
/// persist beside it. An existing copy is never overwritten.
pub fn demo_article(data_dir: &Path) -> Result<PathBuf, crate::store::DiskError> {
    let disk = crate::store::Disk::real();
    let dir = data_dir.join("demo");
    disk.create_dir_all(&dir)?;
    let path = dir.join(DEMO_FILE_NAME);
    if std::fs::symlink_metadata(&path).is_err() {
        disk.write_atomic(&path, DEMO_ARTICLE.as_bytes())?;
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotator_prefers_the_flag_then_the_config() {
        let config = Config {
            theme: None,
            annotator: Some("bob".into()),
        };
        let path = Path::new("config.ron");
        assert_eq!(
            annotator(Some("alice"), &config, path, Some("carol")).unwrap(),
            "alice"
        );
        assert_eq!(
            annotator(None, &config, path, Some("carol")).unwrap(),
            "bob"
        );
        let none = Config::default();
        assert_eq!(
            annotator(None, &none, path, Some("carol")).unwrap(),
            "carol"
        );
        assert_eq!(annotator(None, &none, path, Some("")).unwrap(), "annotator");
        assert_eq!(annotator(None, &none, path, None).unwrap(), "annotator");
    }

    #[test]
    fn a_bad_name_is_refused_naming_its_source_not_passed_over() {
        let config = Config {
            theme: None,
            annotator: Some("../x".into()),
        };
        let path = Path::new("/home/a/config.ron");
        let e = annotator(Some(""), &config, path, Some("carol")).unwrap_err();
        assert_eq!(e.from, NameSource::Flag);
        let e = annotator(None, &config, path, Some("carol")).unwrap_err();
        assert_eq!(e.from, NameSource::Config(path.into()));
        let e = annotator(None, &Config::default(), path, Some(".x")).unwrap_err();
        assert_eq!(e.from, NameSource::User);
        assert!(e.to_string().contains("$USER"), "{e}");
    }

    #[test]
    fn demo_is_copied_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = demo_article(dir.path()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), DEMO_ARTICLE);
        std::fs::write(&path, "edited").unwrap();
        demo_article(dir.path()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
    }

    #[test]
    fn config_errors_point_at_the_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(annotater: Some(\"x\"))").unwrap();
        let err = Config::load(&path, true).unwrap_err().to_string();
        assert!(err.contains("config.ron:1:"), "{err}");
        assert!(err.contains("annotater"), "{err}");
        assert_eq!(
            Config::load(&dir.path().join("none.ron"), false).unwrap(),
            Config::default()
        );
    }
}
