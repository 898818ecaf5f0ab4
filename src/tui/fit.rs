//! One line of text in the room a footer or the status bar has: every screen's footer and
//! the editor's status bar go through here, so a cut is always shown (`…`) and always keeps
//! what matters most. A message keeps its start (messages say the outcome first) and a
//! path's file name over its folders; a list of key hints keeps whole hints, the help key
//! among them, and says that more are in the help. The whole text stays where `?` shows it.

/// The mark of a cut.
pub const ELLIPSIS: char = '…';

fn width_of(s: &str) -> usize {
    s.chars().count()
}

/// `text` in at most `width` characters: as it is when it fits; else with each path's
/// folders given up for `…` (`…/council.ann.ron`); else cut at the end with `…`.
pub fn line(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_owned();
    }
    let short = short_paths(text);
    if width_of(&short) <= width {
        return short;
    }
    cut(&short, width)
}

/// The first `width - 1` characters and `…` (nothing when there is no room at all).
fn cut(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let head: String = text.chars().take(width - 1).collect();
    format!("{}{ELLIPSIS}", head.trim_end())
}

/// Each word that is a path with folders (`/tmp/x/recovery/council.ann.ron`) as `…/` and
/// its file name; the rest as it was.
fn short_paths(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let bare = word.trim_end_matches([',', ';', ':', ')', '.']);
            let tail = &word[bare.len()..];
            match bare.rfind('/') {
                Some(at) if at > 0 && at + 1 < bare.len() && bare[..at].contains('/') => {
                    format!("{ELLIPSIS}/{}{tail}", &bare[at + 1..])
                }
                _ => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Key hints ("enter open", "q quit", ...) joined with " · " in at most `width` characters,
/// with a space before the first: whole hints only, in order; when some do not fit, the
/// line ends with `…` (the rest are in the `?` help) and the hint at `keep` (the help key)
/// is kept in place of one before it.
pub fn hints(parts: &[String], keep: Option<usize>, width: usize) -> String {
    let join = |shown: &[&String], more: bool| {
        let mut out = String::new();
        for p in shown {
            out.push_str(if out.is_empty() { " " } else { " · " });
            out.push_str(p);
        }
        if more {
            out.push_str(if out.is_empty() { " " } else { " · " });
            out.push(ELLIPSIS);
        }
        out
    };
    let all: Vec<&String> = parts.iter().collect();
    let whole = join(&all, false);
    if width_of(&whole) < width {
        return whole;
    }
    // As many as fit in order, then the kept one if it was left out.
    for n in (0..parts.len()).rev() {
        let mut shown: Vec<&String> = parts.iter().take(n).collect();
        if let Some(k) = keep.filter(|k| *k >= n)
            && let Some(p) = parts.get(k)
        {
            shown.push(p);
        }
        let out = join(&shown, true);
        if width_of(&out) < width {
            return out;
        }
    }
    String::new()
}

/// A message whole, wrapped at spaces in lines of at most `width` characters, under a bold
/// "Last message" and a blank line: how `?` shows what a footer or the status bar cut.
pub fn said_lines(message: &str, width: usize) -> Vec<ratatui::text::Line<'static>> {
    use ratatui::style::{Modifier, Style};
    use ratatui::text::Line;
    let mut out = vec![Line::styled(
        " Last message",
        Style::default().add_modifier(Modifier::BOLD),
    )];
    let mut row = String::new();
    for word in crate::text::sanitize_line(message).split_whitespace() {
        if !row.is_empty() && width_of(&row) + 1 + width_of(word) > width {
            out.push(Line::raw(format!(" {row}")));
            row.clear();
        }
        if !row.is_empty() {
            row.push(' ');
        }
        // A word longer than a line is cut into lines of its own.
        let mut word = word.to_owned();
        while width_of(&word) > width {
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            if !row.is_empty() {
                out.push(Line::raw(format!(" {}", row.trim_end())));
                row.clear();
            }
            out.push(Line::raw(format!(" {head}")));
        }
        row.push_str(&word);
    }
    if !row.is_empty() {
        out.push(Line::raw(format!(" {row}")));
    }
    out.push(Line::raw(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<String> {
        s.split(" · ").map(str::to_owned).collect()
    }

    #[test]
    fn a_message_that_fits_is_left_alone() {
        assert_eq!(line("gold saved", 20), "gold saved");
    }

    #[test]
    fn a_long_path_gives_up_its_folders_before_the_message_is_cut() {
        let m = "not saved: /home/lead/projects/iran/annotations/gold/council.ann.ron is read-only";
        assert_eq!(line(m, 60), "not saved: …/council.ann.ron is read-only");
        // Still too long: the start is kept, the cut is shown.
        assert_eq!(line(m, 20), "not saved: …/counci…");
        assert_eq!(width_of(&line(m, 20)), 20);
        assert_eq!(line(m, 0), "");
    }

    #[test]
    fn hints_that_do_not_fit_are_left_out_whole_and_the_cut_is_shown() {
        assert_eq!(hints(&parts("a one · b two"), None, 40), " a one · b two");
        assert_eq!(
            hints(&parts("a one · b two · c three"), None, 16),
            " a one · …"
        );
        assert_eq!(
            hints(&parts("a one · b two · c three · ? help"), Some(3), 24),
            " a one · ? help · …"
        );
        assert_eq!(hints(&parts("a one"), None, 3), " …");
        assert_eq!(hints(&parts("a one"), None, 2), "");
        for w in 0..40 {
            let h = hints(&parts("a one · b two · c three · ? help"), Some(3), w);
            assert!(width_of(&h) < w.max(1), "{w}: {h}");
        }
    }
}
