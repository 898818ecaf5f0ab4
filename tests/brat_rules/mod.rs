//! brat's own file rules, checked the way brat's server reads a folder (its `annotation.py`
//! loader and `verify_annotations.py`): lines as Python's `str.splitlines` gives them, valid and
//! unique ids, a `T` line's text equal to the slice of the `.txt` (code points, fragments joined
//! by one space) with no line break inside a fragment and fragments that do not overlap, every
//! reference resolving, every event trigger a `T` of the event's type that nothing but events
//! and relations refers to, and every type, role and attribute value declared in the folder's
//! `annotation.conf`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What the checker found in a folder.
#[derive(Debug, Default)]
pub struct Report {
    pub files: usize,
    pub t_lines: usize,
    /// `T` lines whose text is not the slice of the `.txt`.
    pub t_text_differs: usize,
    /// Files with at least one broken rule, and the rules.
    pub rejected: BTreeMap<PathBuf, Vec<String>>,
}

#[derive(Debug, Default)]
struct Conf {
    entities: HashSet<String>,
    relations: HashSet<String>,
    events: HashMap<String, HashSet<String>>,
    /// Attribute name to its values (empty for a binary attribute).
    attributes: HashMap<String, HashSet<String>>,
}

fn conf(text: &str) -> Conf {
    let mut c = Conf::default();
    let mut section = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            line[1..line.len() - 1].clone_into(&mut section);
            continue;
        }
        let (name, rest) = line.split_once(['\t', ' ']).unwrap_or((line, ""));
        let name = name.trim_start_matches('!').to_owned();
        match section.as_str() {
            "entities" => {
                c.entities.insert(name);
            }
            "relations" => {
                c.relations.insert(name);
            }
            "events" => {
                let roles = rest
                    .split(',')
                    .filter_map(|a| a.trim().split_once(':'))
                    .map(|(r, _)| r.trim_end_matches(['?', '*', '+']).to_owned())
                    .collect();
                c.events.insert(name, roles);
            }
            "attributes" => {
                let values = rest
                    .split(',')
                    .filter_map(|a| a.trim().strip_prefix("Value:"))
                    .flat_map(|v| v.split('|').map(str::to_owned))
                    .collect();
                c.attributes.insert(name, values);
            }
            _ => {}
        }
    }
    c
}

/// Python's `str.splitlines` line ends.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn valid_id(id: &str) -> bool {
    if id == "*" {
        return true;
    }
    let letters = id.trim_start_matches('#');
    let letters_end = letters
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(letters.len());
    let (prefix, digits) = letters.split_at(letters_end);
    (!prefix.is_empty() || id.starts_with('#'))
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// One `.ann` against its `.txt`: (T lines, T lines whose text differs, broken rules).
fn check_ann(ann: &str, txt_file: &str, c: &Conf) -> (usize, usize, Vec<String>) {
    let text: Vec<char> = txt_file.chars().collect();
    let mut problems = Vec::new();
    let (mut t_lines, mut differs) = (0, 0);
    // id -> (prefix letter, type)
    let mut ids: HashMap<String, (char, String)> = HashMap::new();
    let mut refs: Vec<(String, String, char)> = Vec::new();
    let mut triggers: Vec<(String, String, String)> = Vec::new();
    for line in ann.split(is_line_break).filter(|l| !l.is_empty()) {
        let Some((id, tail)) = line.split_once('\t') else {
            problems.push(format!("a line without a tab: {line:?}"));
            continue;
        };
        if !valid_id(id) {
            problems.push(format!("an invalid id: {line:?}"));
            continue;
        }
        let (data, rest) = tail.split_once('\t').unwrap_or((tail, ""));
        let words: Vec<&str> = data.split_whitespace().collect();
        let kind = words.first().copied().unwrap_or_default().to_owned();
        let first = id.chars().next().unwrap_or(' ');
        if first != '*' && ids.insert(id.to_owned(), (first, kind.clone())).is_some() {
            problems.push(format!("a duplicate id {id}"));
        }
        let mut refer = |target: &str| refs.push((id.to_owned(), target.to_owned(), first));
        match first {
            'T' => {
                t_lines += 1;
                let Some((kind, offsets)) = data.split_once(' ') else {
                    problems.push(format!("{id}: no offsets"));
                    continue;
                };
                if !c.entities.contains(kind) && !c.events.contains_key(kind) {
                    problems.push(format!("{id}: type {kind} is not declared"));
                }
                let mut seen: Vec<(usize, usize)> = Vec::new();
                let mut pieces = Vec::new();
                let mut ok = true;
                for f in offsets.split(';') {
                    let nums: Vec<Option<usize>> = f.split(' ').map(|n| n.parse().ok()).collect();
                    let [Some(s), Some(e)] = nums[..] else {
                        problems.push(format!("{id}: bad offsets {offsets:?}"));
                        ok = false;
                        break;
                    };
                    if s > e || e > text.len() {
                        problems.push(format!("{id}: offsets {s} {e} outside the text"));
                        ok = false;
                        break;
                    }
                    if seen.iter().any(|&(os, oe)| e >= os && s < oe) {
                        problems.push(format!("{id}: fragments overlap"));
                    }
                    seen.push((s, e));
                    let piece: String = text[s..e].iter().collect();
                    if piece.chars().any(is_line_break) {
                        problems.push(format!("{id}: a line break inside a fragment"));
                    }
                    pieces.push(piece);
                }
                if ok && pieces.join(" ") != rest {
                    differs += 1;
                    problems.push(format!(
                        "{id}: the text {rest:?} is not the slice {:?}",
                        pieces.join(" ")
                    ));
                }
            }
            'E' => {
                let Some((kind, trigger)) = kind.split_once(':') else {
                    problems.push(format!("{id}: an event without a trigger"));
                    continue;
                };
                let Some(roles) = c.events.get(kind) else {
                    problems.push(format!("{id}: event type {kind} is not declared"));
                    continue;
                };
                triggers.push((id.to_owned(), trigger.to_owned(), kind.to_owned()));
                for arg in &words[1..] {
                    let Some((role, target)) = arg.split_once(':') else {
                        problems.push(format!("{id}: an argument without a role: {arg}"));
                        continue;
                    };
                    let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
                    if !roles.contains(role) {
                        problems.push(format!("{id}: role {role} is not declared for {kind}"));
                    }
                    refer(target);
                }
            }
            'R' => {
                if !c.relations.contains(&kind) {
                    problems.push(format!("{id}: relation type {kind} is not declared"));
                }
                let args: Vec<&str> = words[1..]
                    .iter()
                    .filter_map(|a| a.split_once(':').map(|(_, t)| t))
                    .collect();
                if args.len() != 2 {
                    problems.push(format!("{id}: a relation needs two arguments"));
                }
                args.into_iter().for_each(&mut refer);
            }
            'A' | 'M' => {
                match (c.attributes.get(&kind), words.get(2)) {
                    (None, _) => problems.push(format!("{id}: attribute {kind} is not declared")),
                    (Some(values), Some(v)) if !values.contains(*v) => {
                        problems.push(format!("{id}: value {v} is not declared for {kind}"));
                    }
                    (Some(values), None) if !values.is_empty() => {
                        problems.push(format!("{id}: attribute {kind} needs a value"));
                    }
                    _ => {}
                }
                match words.get(1) {
                    Some(t) => refer(t),
                    None => problems.push(format!("{id}: an attribute without a target")),
                }
            }
            'N' => {
                if kind != "Reference" || words.len() != 3 || !words[2].contains(':') {
                    problems.push(format!("{id}: not `Reference T db:id`: {data:?}"));
                }
                if let Some(t) = words.get(1) {
                    refer(t);
                }
            }
            '*' => {
                if !c.relations.contains(&kind) || words.len() < 3 {
                    problems.push(format!("*: not a declared Equiv of two or more: {data:?}"));
                }
                words[1..].iter().for_each(|t| refer(t));
            }
            '#' => match words.get(1) {
                Some(t) if words.len() == 2 => refer(t),
                _ => problems.push(format!("{id}: not `AnnotatorNotes ID`: {data:?}")),
            },
            _ => problems.push(format!("{id}: an unknown line type")),
        }
    }
    for (from, to, _) in &refs {
        if !ids.contains_key(to) {
            problems.push(format!("{from} refers to {to}, which is not there"));
        }
    }
    let mut trigger_ids = HashSet::new();
    for (e, t, kind) in &triggers {
        match ids.get(t) {
            Some(('T', k)) if k == kind => {
                trigger_ids.insert(t.clone());
            }
            _ => problems.push(format!("{e}: trigger {t} is not a T of type {kind}")),
        }
    }
    for (from, to, first) in &refs {
        if trigger_ids.contains(to) && *first != 'E' && *first != 'R' {
            problems.push(format!("{from} refers to trigger {to}"));
        }
    }
    (t_lines, differs, problems)
}

/// Every `.ann` below `dir`, each against its `.txt` and the nearest `annotation.conf`.
pub fn check_dir(dir: &Path) -> Report {
    let conf = conf(&std::fs::read_to_string(dir.join("annotation.conf")).unwrap_or_default());
    let mut report = Report::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "ann") {
                continue;
            }
            report.files += 1;
            let ann = std::fs::read_to_string(&path).unwrap();
            let txt = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_default();
            let (t, differs, problems) = check_ann(&ann, &txt, &conf);
            report.t_lines += t;
            report.t_text_differs += differs;
            if !problems.is_empty() {
                report.rejected.insert(path, problems);
            }
        }
    }
    report
}

#[test]
fn the_checker_catches_each_broken_rule() {
    let c = conf(
        "[entities]\nSpeaker\nClaim\n[relations]\nEquiv\tArg1:<ANY>, Arg2:<ANY>\n\
         [events]\nAttribution\tSource:Speaker, Content:Claim\n[attributes]\nq\tArg:Claim, Value:a|b\n",
    );
    let txt = "Ann said\u{a0}it  rains.\nYes.";
    let good = "T1\tSpeaker 0 3\tAnn\nT2\tClaim 9 19;20 23\tit  rains. Yes\nT3\tAttribution 4 8\tsaid\n\
                E1\tAttribution:T3 Source:T1 Content:T2\nA1\tq T2 a\n#1\tAnnotatorNotes E1\tok\n";
    assert_eq!(check_ann(good, txt, &c), (3, 0, vec![]));
    for (bad, what) in [
        (
            "T1\tSpeaker 0 3\tAnn\nT1\tClaim 4 8\tsaid\n",
            "duplicate id",
        ),
        ("T1\tClaim 9 19\tit rains.\n", "is not the slice"),
        ("T1\tClaim 9 23\tit  rains.\nYes\n", "a line break inside"),
        ("T1\tClaim 0 3;2 8\tAnn n said\n", "overlap"),
        ("T1\tPlace 0 3\tAnn\n", "type Place is not declared"),
        (
            "T1\tSpeaker 0 3\tAnn\nE1\tAttribution:T1 Source:T1\n",
            "is not a T of type",
        ),
        (
            "T1\tSpeaker 0 3\tAnn\nA1\tq T1 c\n",
            "value c is not declared",
        ),
        (
            "T1\tSpeaker 0 3\tAnn\n#1\tAnnotatorNotes T9\tx\n",
            "refers to T9",
        ),
        (
            "T1\tSpeaker 0 3\tAnn\nT3\tAttribution 4 8\tsaid\nE1\tAttribution:T3 Source:T1\n\
             #1\tAnnotatorNotes T3\tx\n",
            "refers to trigger T3",
        ),
    ] {
        let (_, _, problems) = check_ann(bad, txt, &c);
        assert!(
            problems.iter().any(|p| p.contains(what)),
            "{what}: {problems:?}"
        );
    }
}
