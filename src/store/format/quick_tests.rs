use super::from_str;
use crate::store::format::{FileV1, FileV2, FileV3, v3};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{rel}")).unwrap()
}

/// `file` as glossator writes it.
fn written(file: &FileV3) -> String {
    crate::store::encode(std::path::Path::new("a.ann.ron"), file.clone()).unwrap()
}

fn demo() -> FileV3 {
    ron::from_str(&fixture(
        "demo/fna_iran_rejects_military_cooperation.ann.ron",
    ))
    .unwrap()
}

#[test]
fn what_glossator_writes_is_read_quickly_and_means_what_ron_reads() {
    for file in [
        demo(),
        ron::from_str(&fixture("v3/park_conflict.ann.ron")).unwrap(),
    ] {
        let body = written(&file);
        let quick: FileV3 = from_str(&body).expect("read without RON");
        assert_eq!(quick, file);
    }
}

#[test]
fn every_committed_file_means_the_same_read_either_way() {
    let each = |rel: &str| {
        let body = fixture(rel);
        let v1 = (
            from_str::<FileV1>(&body).ok(),
            ron::from_str::<FileV1>(&body).ok(),
        );
        let v2 = (
            from_str::<FileV2>(&body).ok(),
            ron::from_str::<FileV2>(&body).ok(),
        );
        let v3 = (
            from_str::<FileV3>(&body).ok(),
            ron::from_str::<FileV3>(&body).ok(),
        );
        // Read quickly, it is what RON reads; refused, RON reads it (or refuses it).
        assert!(v1.0.is_none() || v1.0 == v1.1, "{rel} as format 1");
        assert!(v2.0.is_none() || v2.0 == v2.1, "{rel} as format 2");
        assert!(v3.0.is_none() || v3.0 == v3.1, "{rel} as format 3");
        v1.0.is_some() || v2.0.is_some() || v3.0.is_some()
    };
    for rel in [
        "v1/every_field.ann.ron",
        "v1/park.ann.ron",
        "v2/every_field.ann.ron",
        "v3/park_conflict.ann.ron",
        "demo/fna_iran_rejects_military_cooperation.ann.ron",
    ] {
        assert!(
            each(rel),
            "{rel} is written as glossator writes and reads quickly"
        );
    }
    for rel in [
        "invalid/bad_label.ann.ron",
        "invalid/dangling_id.ann.ron",
        "invalid/empty.ann.ron",
        "invalid/newer_version.ann.ron",
        "invalid/span_past_end.ann.ron",
        "invalid/truncated.ann.ron",
        "invalid/unknown_field.ann.ron",
        "invalid/wrong_quote.ann.ron",
    ] {
        each(rel);
    }
}

#[test]
fn escaped_and_unusual_text_reads_back_exactly() {
    let mut file = demo();
    let words = [
        "say \"no\" \\ or 'yes'",
        "two\nlines\tand a tab\r",
        "zero \0 and bell \u{7} and a joiner \u{200d}",
        "é 漢字 🙂 \u{301}combining",
        "",
    ];
    for (m, w) in file.mentions.iter_mut().zip(words) {
        m.fragments[0].quote = w.to_owned();
    }
    file.entities[0].name = "\u{1b}[31mred\u{1b}[0m".to_owned();
    let body = written(&file);
    assert!(body.contains("\\u{"), "the writer escapes: {body}");
    let quick: FileV3 = from_str(&body).expect("read without RON");
    assert_eq!(quick, file);
}

#[test]
fn what_is_not_written_so_is_left_to_ron() {
    let body = written(&demo());
    let variants = [
        format!("// a comment\n{body}"),
        body.replacen('(', "FileV3(", 1),
        format!("#![enable(implicit_some)]\n{body}"),
        body.replacen("format: ", "format: 0x", 1),
        body.replacen("format: ", "format: 0", 1),
        body.replacen("status: Done", "status: Done()", 1),
        body.replacen("annotator: \"", "annotator: r\"", 1),
        format!("{body} trailing"),
        body.replacen("chars: ", "chars: 1_0", 1),
    ];
    for v in &variants {
        assert!(from_str::<FileV3>(v).is_err(), "left to RON:\n{v}");
    }
    // The full reader still reads the ones RON reads.
    let path = std::path::Path::new("a.ann.ron");
    let commented = super::super::parse(path, &variants[0]).unwrap();
    assert_eq!(commented, demo());
}

#[test]
fn a_damaged_file_read_quickly_is_never_read_otherwise_than_ron_reads_it() {
    let body = written(&demo());
    let bytes = body.as_bytes();
    let marks = b"()[]{},:\"\\ \nSomeNone0123456789-_a";
    // A fixed sequence of edits: each deletes, inserts or replaces one byte somewhere.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut quick_read, mut tried) = (0, 0);
    for _ in 0..3000 {
        let at = usize::try_from(next() % bytes.len() as u64).unwrap();
        let mark = marks[usize::try_from(next() % marks.len() as u64).unwrap()];
        let mut edited = bytes.to_vec();
        match next() % 3 {
            0 => {
                edited.remove(at);
            }
            1 => edited.insert(at, mark),
            _ => edited[at] = mark,
        }
        let Ok(text) = String::from_utf8(edited) else {
            continue;
        };
        tried += 1;
        if let Ok(quick) = from_str::<FileV3>(&text) {
            quick_read += 1;
            let full = v3::parse(&text);
            assert_eq!(
                ron::from_str::<FileV3>(&text).ok(),
                Some(quick.clone()),
                "{text}"
            );
            assert_eq!(full.ok(), Some(quick));
        }
    }
    assert!(tried > 2000 && quick_read > 100, "{quick_read} of {tried}");
}
