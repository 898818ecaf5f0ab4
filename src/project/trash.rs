//! Taking an article out of a project without losing anything: the article and every
//! annotator's file of it (with the backup and conflict copies beside them) move to
//! `.trash/<article>-<when>/`, in the same layout as the project, so putting them back is a
//! copy of that folder's contents into the project. An article open in glossator somewhere
//! (its lock held) is not removed.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Project;
use crate::diagnostic::Diagnostic;
use crate::store::Disk;
use crate::store::guard::FileLock;

/// What a removal moved, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The article's file name, `story.txt`.
    pub article: String,
    /// The trash folder that now holds everything, `.trash/story-2026-12-01T23-05-12/`.
    pub trash: PathBuf,
    /// The files moved, as paths inside the project (and so inside the trash folder).
    pub moved: Vec<PathBuf>,
    /// How many of them are annotation files (the rest: the article, backups, conflict copies).
    pub annotation_files: usize,
}

/// UTC "2026-12-01T23-05-12" (no colons: every file system takes it).
fn stamp(at: SystemTime) -> String {
    let secs = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

impl Project {
    /// The article's file name in `articles/` for what a user typed: `story`, `story.txt`
    /// or `articles/story.txt`.
    pub fn article_named(&self, name: &str) -> Result<String, Diagnostic> {
        let base = Path::new(name)
            .file_name()
            .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned());
        let file = if Path::new(&base)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            base
        } else {
            format!("{base}.txt")
        };
        let articles = self.articles();
        if articles.contains(&file) {
            return Ok(file);
        }
        let stem = file.trim_end_matches(".txt").to_lowercase();
        let like: Vec<&String> = articles
            .iter()
            .filter(|a| a.to_lowercase().contains(&stem))
            .take(5)
            .collect();
        Err(Diagnostic::new(
            &self.articles_dir().join(&file),
            "no such article in this project",
            if like.is_empty() {
                "`glossator stats PROJECT` lists the articles".to_owned()
            } else {
                format!(
                    "did you mean {}?",
                    like.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        ))
    }

    /// Moves the article `name` and every annotator's file of it into the trash.
    pub fn remove_article(&self, name: &str) -> Result<Removed, Diagnostic> {
        let article = self.article_named(name)?;
        let stem = article.trim_end_matches(".txt").to_owned();
        let listing = self.list_annotation_files();
        let files: Vec<PathBuf> = listing
            .found
            .into_iter()
            .filter(|f| f.article == article)
            .map(|f| f.path)
            .collect();
        // Hold every file's lock while moving, so no session saves into a file that is gone.
        let mut locks = Vec::new();
        for file in &files {
            match FileLock::acquire(file) {
                Ok(lock) => locks.push(lock),
                Err(who) => {
                    return Err(Diagnostic::new(
                        file,
                        format!("the article is open in glossator: {who}"),
                        "close it there first; nothing was removed",
                    ));
                }
            }
        }
        let mut moving = vec![self.articles_dir().join(&article)];
        for file in &files {
            moving.push(file.clone());
            moving.extend(sidecars(file));
        }
        let disk = Disk::real();
        let trash_root = self.root.join(".trash");
        let cant = |path: &Path, e: &dyn std::fmt::Display| {
            Diagnostic::new(
                path,
                format!("cannot move into the trash: {e}"),
                "check the project folder's permissions; what was moved is in the trash folder",
            )
        };
        disk.create_dir_all(&trash_root)
            .map_err(|e| cant(&trash_root, &e))?;
        let ignore = trash_root.join(".gitignore");
        if !ignore.exists() {
            disk.write_atomic(
                &ignore,
                b"# glossator's trash: removed articles, kept here\n*\n",
            )
            .map_err(|e| cant(&ignore, &e))?;
        }
        let base = format!("{stem}-{}", stamp(SystemTime::now()));
        let mut trash = trash_root.join(&base);
        let mut n = 2;
        while std::fs::symlink_metadata(&trash).is_ok() {
            trash = trash_root.join(format!("{base}-{n}"));
            n += 1;
        }
        let mut moved = Vec::new();
        for from in moving {
            let Ok(inside) = from.strip_prefix(&self.root) else {
                continue;
            };
            let to = trash.join(inside);
            disk.create_dir_all(crate::store::disk::folder_of(&to))
                .map_err(|e| cant(&to, &e))?;
            disk.rename(&from, &to).map_err(|e| cant(&from, &e))?;
            moved.push(inside.to_path_buf());
        }
        drop(locks);
        Ok(Removed {
            article,
            trash,
            moved,
            annotation_files: files.len(),
        })
    }
}

/// The backup and conflict copies beside an annotation file (`story.ann.ron~`,
/// `story.ann.ron.conflict-…`), not its lock.
fn sidecars(file: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return Vec::new();
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.strip_prefix(name.as_ref())
                    .is_some_and(|rest| rest == "~" || rest.starts_with(".conflict-"))
            })
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_is_the_utc_date_and_time() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_796_166_312);
        assert_eq!(stamp(at), "2026-12-01T23-05-12");
        assert_eq!(stamp(SystemTime::UNIX_EPOCH), "1970-01-01T00-00-00");
        let leap = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(951_782_400);
        assert_eq!(stamp(leap), "2000-02-29T00-00-00");
    }
}
