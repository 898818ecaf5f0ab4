//! Finding where an annotation is written in a RON file, so a problem found after parsing
//! can still name a line and column.

use crate::diagnostic::line_col;

/// Line and column (1-based) of the item whose `id` field is `id`.
pub fn locate_id(source: &str, id: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{id}\"");
    let mut from = 0;
    while let Some(found) = source[from..].find(&quoted) {
        let at = from + found;
        let before = source[..at].trim_end();
        if let Some(field) = before.strip_suffix(':')
            && field.trim_end().ends_with("id")
            && !field.trim_end().ends_with("_id")
        {
            let field_start = field.trim_end().len() - 2;
            return Some(line_col(source, field_start));
        }
        from = at + quoted.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_defining_id_not_a_link() {
        let src = "(\n  links: [(id: \"a1\", claim: \"m2\")],\n  m: [\n    (id: \"m2\", label: \"x\"),\n  ],\n)";
        assert_eq!(locate_id(src, "m2"), Some((4, 6)));
        assert_eq!(locate_id(src, "a1"), Some((2, 12)));
        assert_eq!(locate_id(src, "m9"), None);
    }
}
