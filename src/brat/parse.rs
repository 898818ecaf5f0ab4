//! The `.ann` line grammar. Offsets are code points into the `.txt`; a text-bound span may
//! have several fragments (`start end;start end`).

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// One line of an `.ann` file, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ann {
    /// `T1<TAB>Type 0 5;7 9<TAB>text`
    Text {
        line: usize,
        id: String,
        kind: String,
        fragments: Vec<(usize, usize)>,
        text: String,
    },
    /// `R1<TAB>Type Arg1:T1 Arg2:T2`
    Relation {
        line: usize,
        id: String,
        kind: String,
        args: Vec<(String, String)>,
    },
    /// `E1<TAB>Type:T3 Role:T1 Role2:T2`
    Event {
        line: usize,
        id: String,
        kind: String,
        trigger: String,
        args: Vec<(String, String)>,
    },
    /// `A1<TAB>Name T1 Value` (or a binary `A1<TAB>Name T1`; `M` lines are the old form)
    Attribute {
        line: usize,
        name: String,
        target: String,
        value: Option<String>,
    },
    /// `N1<TAB>Reference T1 Wikipedia:123<TAB>text`
    Normalization {
        line: usize,
        target: String,
        kb: String,
        text: String,
    },
    /// `*<TAB>Equiv T1 T2`
    Equiv { line: usize, ids: Vec<String> },
    /// `#1<TAB>AnnotatorNotes T1<TAB>text`
    Note {
        line: usize,
        id: String,
        target: String,
        text: String,
    },
}

fn bad(path: &Path, source: &str, line: usize, message: String) -> Diagnostic {
    let d = Diagnostic::new(
        path,
        message,
        "brat lines are `T1<TAB>Type start end<TAB>text`, `R1<TAB>Type Arg1:T1 Arg2:T2`, `E1<TAB>Type:T1 Role:T2`, ...",
    );
    d.at(source, line, 1)
}

fn role_args(parts: &[&str]) -> Vec<(String, String)> {
    parts
        .iter()
        .filter_map(|p| p.split_once(':'))
        .map(|(r, id)| (r.to_owned(), id.to_owned()))
        .collect()
}

/// Every annotation line of `source`; blank lines are skipped, a malformed line is an
/// error naming it.
pub fn parse(path: &Path, source: &str) -> Result<Vec<Ann>, Diagnostic> {
    let mut out = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        let mut cols = raw.splitn(3, '\t');
        let id = cols.next().unwrap_or_default();
        let body = cols.next().unwrap_or_default();
        let rest = cols.next();
        let words: Vec<&str> = body.split_whitespace().collect();
        let fail = |what: &str| bad(path, source, line, format!("{what}: {raw:?}"));
        let ann = match id.chars().next() {
            Some('T') => {
                let (kind, offsets) = body
                    .split_once(' ')
                    .ok_or_else(|| fail("a text-bound line without offsets"))?;
                let mut fragments = Vec::new();
                for frag in offsets.split(';') {
                    let mut nums = frag.split_whitespace().map(str::parse::<usize>);
                    match (nums.next(), nums.next(), nums.next()) {
                        (Some(Ok(s)), Some(Ok(e)), None) if s <= e => fragments.push((s, e)),
                        _ => return Err(fail("offsets that are not `start end` pairs")),
                    }
                }
                Ann::Text {
                    line,
                    id: id.to_owned(),
                    kind: kind.to_owned(),
                    fragments,
                    text: rest.unwrap_or_default().to_owned(),
                }
            }
            Some('R') => Ann::Relation {
                line,
                id: id.to_owned(),
                kind: (*words
                    .first()
                    .ok_or_else(|| fail("a relation without a type"))?)
                .to_owned(),
                args: role_args(&words[1..]),
            },
            Some('E') => {
                let head = words
                    .first()
                    .ok_or_else(|| fail("an event without a type"))?;
                let (kind, trigger) = head
                    .split_once(':')
                    .ok_or_else(|| fail("an event without a trigger"))?;
                Ann::Event {
                    line,
                    id: id.to_owned(),
                    kind: kind.to_owned(),
                    trigger: trigger.to_owned(),
                    args: role_args(&words[1..]),
                }
            }
            Some('A' | 'M') => Ann::Attribute {
                line,
                name: (*words
                    .first()
                    .ok_or_else(|| fail("an attribute without a name"))?)
                .to_owned(),
                target: (*words
                    .get(1)
                    .ok_or_else(|| fail("an attribute without a target"))?)
                .to_owned(),
                value: words.get(2).map(|v| (*v).to_owned()),
            },
            Some('N') => Ann::Normalization {
                line,
                target: (*words
                    .get(1)
                    .ok_or_else(|| fail("a normalization without a target"))?)
                .to_owned(),
                kb: (*words
                    .get(2)
                    .ok_or_else(|| fail("a normalization without a reference"))?)
                .to_owned(),
                text: rest.unwrap_or_default().to_owned(),
            },
            Some('*') => Ann::Equiv {
                line,
                ids: words.iter().skip(1).map(|w| (*w).to_owned()).collect(),
            },
            Some('#') => Ann::Note {
                line,
                id: id.to_owned(),
                target: (*words
                    .get(1)
                    .ok_or_else(|| fail("a note without a target"))?)
                .to_owned(),
                text: rest.unwrap_or_default().to_owned(),
            },
            _ => return Err(fail("a line that is no brat annotation")),
        };
        out.push(ann);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_type_parses() {
        let src = "T1\tContent 0 5;7 9\tHello wo\nT2\tSource 10 12\tme\nE1\tAttribution:T3 Content:T1 Source:T2\n\
                   R1\tSourcing_Vague Arg1:T1 Arg2:T2\nA1\tquote_type T1 direct\nM1\tNegation E1\n\
                   N1\tReference T2 Wikipedia:64488\tCarlos\n*\tEquiv T2 T4\n#1\tAnnotatorNotes T1\tcheck this\n";
        let lines = parse(Path::new("x.ann"), src).unwrap();
        assert_eq!(lines.len(), 9);
        assert_eq!(
            lines[0],
            Ann::Text {
                line: 1,
                id: "T1".into(),
                kind: "Content".into(),
                fragments: vec![(0, 5), (7, 9)],
                text: "Hello wo".into()
            }
        );
        assert!(
            matches!(&lines[2], Ann::Event { trigger, args, .. } if trigger == "T3" && args.len() == 2)
        );
        assert!(matches!(&lines[5], Ann::Attribute { value: None, .. }));
        assert!(matches!(&lines[7], Ann::Equiv { ids, .. } if ids == &["T2", "T4"]));
    }

    #[test]
    fn a_malformed_line_is_named() {
        let err = parse(
            Path::new("x.ann"),
            "T1\tContent 0 5\tok\nT2\tContent five 9\tx\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("x.ann:2:1: offsets that are not `start end` pairs"),
            "{err}"
        );
    }
}
