//! Every review row, file after file, each file's rows in a list of their own: on 10,000
//! articles review holds some 800,000 rows (51 MB), and moving them into one list when
//! review opened from the screens cache, then looking at each again for its annotator, was
//! a sixth of that opening. A row is found by its place in the whole through the places
//! where each file's rows start.

use super::words::Item;

#[derive(Debug, Default)]
pub struct Rows {
    files: Vec<Vec<Item>>,
    /// Where each file's rows start among all the rows.
    starts: Vec<usize>,
    len: usize,
}

impl Rows {
    /// These files' rows, in this order (a file may have none).
    pub fn of(files: Vec<Vec<Item>>) -> Self {
        let mut starts = Vec::with_capacity(files.len());
        let mut len = 0;
        for f in &files {
            starts.push(len);
            len += f.len();
        }
        Self { files, starts, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The row at place `n` among all the rows.
    pub fn get(&self, n: usize) -> Option<&Item> {
        if n >= self.len {
            return None;
        }
        // The last file starting at or before `n` that has rows.
        let k = self.starts.partition_point(|&s| s <= n) - 1;
        self.files[k].get(n - self.starts[k])
    }

    /// Every row, file after file.
    pub fn iter(&self) -> impl Iterator<Item = &Item> {
        self.files.iter().flatten()
    }

    /// Each file's rows, in order.
    pub fn files(&self) -> &[Vec<Item>] {
        &self.files
    }

    /// The files' rows, taken back.
    pub fn into_files(self) -> Vec<Vec<Item>> {
        self.files
    }

    /// Every row, copied into one list.
    pub fn to_vec(&self) -> Vec<Item> {
        self.iter().cloned().collect()
    }

    /// The places of the rows `keep` lets through, in order, and how many rows `count`
    /// holds for: a long list is gone through on two threads, half the files each (the
    /// first frame of review waits for it).
    pub fn places_where(
        &self,
        keep: impl Fn(usize, &Item) -> bool + Sync,
        count: impl Fn(&Item) -> bool + Sync,
    ) -> (Vec<usize>, usize) {
        /// Fewer rows than this are gone through on the calling thread alone.
        const ALONE: usize = 50_000;
        let of = |files: std::ops::Range<usize>| {
            let (mut places, mut n) = (Vec::new(), 0);
            for k in files {
                let start = self.starts[k];
                for (j, i) in self.files[k].iter().enumerate() {
                    if keep(start + j, i) {
                        places.push(start + j);
                    }
                    n += usize::from(count(i));
                }
            }
            (places, n)
        };
        let all = 0..self.files.len();
        if self.len < ALONE {
            return of(all);
        }
        let half = self.starts.partition_point(|&s| s < self.len / 2);
        std::thread::scope(|scope| {
            let first = std::thread::Builder::new().spawn_scoped(scope, || of(0..half));
            let (second, m) = of(half..all.end);
            let (mut places, n) = match first.map(std::thread::ScopedJoinHandle::join) {
                Ok(Ok(got)) => got,
                // No second thread: this one does the first half too.
                _ => of(0..half),
            };
            places.extend(second);
            (places, n + m)
        })
    }
}

impl<'a> IntoIterator for &'a Rows {
    type Item = &'a Item;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<Item>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.files.iter().flatten()
    }
}

impl std::ops::Index<usize> for Rows {
    type Output = Item;

    fn index(&self, n: usize) -> &Item {
        self.get(n)
            .unwrap_or_else(|| panic!("row {n} of {}", self.len))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::tui::review::words::FileWords;

    fn file(name: &str, n: usize) -> Vec<Item> {
        let words = Arc::new(FileWords {
            article: name.to_owned(),
            annotator: "ana".to_owned(),
            words: "Claim".to_owned(),
        });
        (0..n)
            .map(|at| Item::new(&words, [(0, 5); 6], at).unwrap())
            .collect()
    }

    #[test]
    fn a_row_is_found_by_its_place_across_files_with_none_between() {
        let rows = Rows::of(vec![file("a", 2), file("b", 0), file("c", 0), file("d", 3)]);
        assert_eq!(rows.len(), 5);
        let shown: Vec<(String, usize)> = (0..rows.len())
            .map(|n| (rows[n].article().to_owned(), rows[n].at))
            .collect();
        let want = [("a", 0), ("a", 1), ("d", 0), ("d", 1), ("d", 2)];
        assert_eq!(
            shown,
            want.map(|(a, at)| (a.to_owned(), at)).to_vec(),
            "by place"
        );
        let iterated: Vec<(String, usize)> = rows
            .iter()
            .map(|i| (i.article().to_owned(), i.at))
            .collect();
        assert_eq!(iterated, shown, "in order");
        assert!(rows.get(5).is_none());
        assert!(Rows::of(vec![file("a", 0)]).get(0).is_none());
        assert!(Rows::default().is_empty());
    }

    #[test]
    fn places_where_are_in_order_and_counted_on_one_thread_or_two() {
        // Long enough to be split between two threads, with files of no rows between.
        let long: Vec<Vec<Item>> = (0..30_000)
            .map(|k| file(&k.to_string(), [0, 2, 3, 0][k % 4]))
            .collect();
        for rows in [
            Rows::of(long),
            Rows::of(vec![file("a", 7), file("b", 0), file("c", 5)]),
        ] {
            let odd = |i: &Item| i.at % 2 == 1;
            let (places, n) = rows.places_where(|_, i| odd(i), |i| i.at == 0);
            let want: Vec<usize> = (0..rows.len()).filter(|&n| odd(&rows[n])).collect();
            assert_eq!(places, want);
            assert_eq!(n, rows.iter().filter(|i| i.at == 0).count());
            assert!(!places.is_empty());
        }
    }
}
