//! Agreement coefficients, each checked against its published worked example: Krippendorff's
//! alpha (nominal, any number of coders, missing values), Cohen's kappa (two raters) and
//! Fleiss' kappa (many raters). Where a coefficient is not defined the reason is returned,
//! never a NaN.

use std::collections::{BTreeMap, BTreeSet};

/// A coefficient, or why it is not defined for these data.
pub type Coefficient = Result<f64, String>;

/// Krippendorff's alpha for nominal data. `units[u][c]` is coder `c`'s value for unit `u`,
/// `None` when missing; units with fewer than two values are not pairable and are skipped.
pub fn krippendorff_nominal<T: Ord + Clone>(units: &[Vec<Option<T>>]) -> Coefficient {
    // Coincidences o[(c, k)]: each ordered pair of values within a unit, weighted 1/(m_u - 1).
    let mut o: BTreeMap<(T, T), f64> = BTreeMap::new();
    for unit in units {
        let values: Vec<&T> = unit.iter().flatten().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let w = 1.0 / f64::from(u32::try_from(m - 1).unwrap_or(u32::MAX));
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                if i != j {
                    *o.entry(((*a).clone(), (*b).clone())).or_default() += w;
                }
            }
        }
    }
    let mut n_c: BTreeMap<T, f64> = BTreeMap::new();
    for ((c, _), v) in &o {
        *n_c.entry(c.clone()).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    if n < 2.0 {
        return Err("not defined: fewer than two pairable values".into());
    }
    let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let expected: f64 = n_c
        .iter()
        .flat_map(|(c, a)| {
            n_c.iter()
                .filter(move |(k, _)| *k != c)
                .map(move |(_, b)| a * b)
        })
        .sum();
    if expected == 0.0 {
        return Err("not defined: every value is the same, so no disagreement is expected".into());
    }
    Ok(1.0 - (n - 1.0) * observed / expected)
}

/// Cohen's kappa for two raters' labels of the same items.
pub fn cohen<T: Ord + Clone>(pairs: &[(T, T)]) -> Coefficient {
    if pairs.is_empty() {
        return Err("not defined: no items both raters judged".into());
    }
    let n = f64::from(u32::try_from(pairs.len()).unwrap_or(u32::MAX));
    let agree = pairs.iter().filter(|(a, b)| a == b).count();
    let p_o = f64::from(u32::try_from(agree).unwrap_or(u32::MAX)) / n;
    let mut first: BTreeMap<&T, f64> = BTreeMap::new();
    let mut second: BTreeMap<&T, f64> = BTreeMap::new();
    for (a, b) in pairs {
        *first.entry(a).or_default() += 1.0;
        *second.entry(b).or_default() += 1.0;
    }
    let p_e: f64 = first
        .iter()
        .map(|(k, a)| a * second.get(k).copied().unwrap_or(0.0))
        .sum::<f64>()
        / (n * n);
    if (1.0 - p_e).abs() < f64::EPSILON {
        return Err("not defined: both raters used one and the same category throughout".into());
    }
    Ok((p_o - p_e) / (1.0 - p_e))
}

/// Fleiss' kappa: `counts[i][j]` raters put subject `i` in category `j`; every subject has
/// the same number of raters.
pub fn fleiss(counts: &[Vec<u32>]) -> Coefficient {
    let Some(first) = counts.first() else {
        return Err("not defined: no subjects".into());
    };
    let raters: u32 = first.iter().sum();
    if raters < 2 {
        return Err("not defined: fewer than two raters per subject".into());
    }
    if counts.iter().any(|row| row.iter().sum::<u32>() != raters) {
        return Err("not defined: subjects have different numbers of raters".into());
    }
    let n = f64::from(raters);
    let subjects = f64::from(u32::try_from(counts.len()).unwrap_or(u32::MAX));
    let categories = first.len();
    let p_j: Vec<f64> = (0..categories)
        .map(|j| counts.iter().map(|row| f64::from(row[j])).sum::<f64>() / (subjects * n))
        .collect();
    let p_bar = counts
        .iter()
        .map(|row| {
            let s: f64 = row
                .iter()
                .map(|&x| f64::from(x) * (f64::from(x) - 1.0))
                .sum();
            s / (n * (n - 1.0))
        })
        .sum::<f64>()
        / subjects;
    let p_e: f64 = p_j.iter().map(|p| p * p).sum();
    if (1.0 - p_e).abs() < f64::EPSILON {
        return Err("not defined: every rating is in one category".into());
    }
    Ok((p_bar - p_e) / (1.0 - p_e))
}

/// Fleiss' kappa from each subject's labels (one per rater).
pub fn fleiss_from_labels<T: Ord + Clone>(subjects: &[Vec<T>]) -> Coefficient {
    let categories: BTreeSet<&T> = subjects.iter().flatten().collect();
    let counts: Vec<Vec<u32>> = subjects
        .iter()
        .map(|labels| {
            categories
                .iter()
                .map(|c| u32::try_from(labels.iter().filter(|l| l == c).count()).unwrap_or(0))
                .collect()
        })
        .collect();
    fleiss(&counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal to the three decimals a worked example gives.
    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 0.0005,
            "{actual} is not {expected}"
        );
    }

    /// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four
    /// coders, twelve units, missing values; nominal alpha = 0.743.
    #[test]
    fn krippendorffs_worked_example_gives_0_743() {
        let coders: [[Option<u8>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        let units: Vec<Vec<Option<u8>>> = (0..12)
            .map(|u| coders.iter().map(|c| c[u]).collect())
            .collect();
        close(krippendorff_nominal(&units).unwrap(), 0.743);
    }

    #[test]
    fn alpha_is_one_for_identical_coding_and_undefined_without_variation() {
        let same: Vec<Vec<Option<&str>>> =
            vec![vec![Some("a"), Some("a")], vec![Some("b"), Some("b")]];
        close(krippendorff_nominal(&same).unwrap(), 1.0);
        let flat: Vec<Vec<Option<&str>>> = vec![vec![Some("a"), Some("a")]; 3];
        assert!(
            krippendorff_nominal(&flat)
                .unwrap_err()
                .starts_with("not defined")
        );
        let single: Vec<Vec<Option<&str>>> = vec![vec![Some("a"), None]];
        assert!(
            krippendorff_nominal(&single)
                .unwrap_err()
                .starts_with("not defined")
        );
    }

    /// The textbook two-rater example (Wikipedia, "Cohen's kappa"): 50 proposals, yes/yes 20,
    /// yes/no 5, no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    #[test]
    fn cohens_worked_example_gives_0_4() {
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("yes", "yes"), 20));
        pairs.extend(std::iter::repeat_n(("yes", "no"), 5));
        pairs.extend(std::iter::repeat_n(("no", "yes"), 10));
        pairs.extend(std::iter::repeat_n(("no", "no"), 15));
        close(cohen(&pairs).unwrap(), 0.4);
        assert!(cohen::<&str>(&[]).is_err());
        assert!(
            cohen(&[("a", "a"), ("a", "a")])
                .unwrap_err()
                .starts_with("not defined")
        );
    }

    /// Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa"): 10 subjects, 14 raters, 5
    /// categories; P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210.
    #[test]
    fn fleiss_worked_example_gives_0_210() {
        let counts = vec![
            vec![0, 0, 0, 0, 14],
            vec![0, 2, 6, 4, 2],
            vec![0, 0, 3, 5, 6],
            vec![0, 3, 9, 2, 0],
            vec![2, 2, 8, 1, 1],
            vec![7, 7, 0, 0, 0],
            vec![3, 2, 6, 3, 0],
            vec![2, 5, 3, 2, 2],
            vec![6, 5, 2, 1, 0],
            vec![0, 2, 2, 3, 7],
        ];
        close(fleiss(&counts).unwrap(), 0.210);
        assert!(
            fleiss(&[vec![1, 1], vec![2, 1]])
                .unwrap_err()
                .contains("different numbers")
        );
        let labels = vec![
            vec!["a", "a", "b"],
            vec!["b", "b", "b"],
            vec!["a", "b", "a"],
        ];
        assert!(fleiss_from_labels(&labels).is_ok());
    }
}
