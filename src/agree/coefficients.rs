//! Agreement coefficients, each checked against its published worked example: Krippendorff's
//! alpha (nominal, any number of coders, missing values), Cohen's kappa (two raters) and
//! Fleiss' kappa (many raters). Where a coefficient is not defined the reason is returned,
//! never a NaN.

use std::collections::{BTreeMap, BTreeSet};

/// A coefficient, or why it is not defined for these data.
pub type Coefficient = Result<f64, String>;

/// How often each ordered pair of values (c, k) occurs within a unit, counted apart by the
/// number of values `m` the unit holds: the sufficient statistics of nominal alpha. Counts
/// add up exactly, so a corpus's coincidences are the sum of its parts' in any order.
pub type Coincidences<T> = BTreeMap<(T, T), BTreeMap<usize, u64>>;

/// Krippendorff's alpha for nominal data. `units[u][c]` is coder `c`'s value for unit `u`,
/// `None` when missing; units with fewer than two values are not pairable and are skipped.
pub fn krippendorff_nominal<T: Ord + Clone>(units: &[Vec<Option<T>>]) -> Coefficient {
    let mut pairs: Coincidences<T> = BTreeMap::new();
    for unit in units {
        let values: Vec<&T> = unit.iter().flatten().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                if i != j {
                    *pairs
                        .entry(((*a).clone(), (*b).clone()))
                        .or_default()
                        .entry(m)
                        .or_default() += 1;
                }
            }
        }
    }
    krippendorff_of(&pairs)
}

/// `x` as a float: exact below 2^53, far beyond any corpus's count of token pairs.
fn exact(x: u64) -> f64 {
    let (hi, lo) = (
        u32::try_from(x >> 32).unwrap_or(u32::MAX),
        u32::try_from(x & 0xffff_ffff).unwrap_or(0),
    );
    f64::from(hi) * 4_294_967_296.0 + f64::from(lo)
}

/// Krippendorff's nominal alpha from the coincidences of pairable values (units of two or
/// more values): each pair weighs 1/(m - 1) in a unit of `m` values.
pub fn krippendorff_of<T: Ord + Clone>(pairs: &Coincidences<T>) -> Coefficient {
    // Coincidences o[(c, k)]: each ordered pair of values within a unit, weighted 1/(m - 1).
    let o: BTreeMap<&(T, T), f64> = pairs
        .iter()
        .map(|(ck, by_m)| {
            let v: f64 = by_m
                .iter()
                .map(|(&m, &n)| exact(n) / exact(u64::try_from(m - 1).unwrap_or(u64::MAX)))
                .sum();
            (ck, v)
        })
        .filter(|(_, v)| *v != 0.0)
        .collect();
    let mut n_c: BTreeMap<&T, f64> = BTreeMap::new();
    for ((c, _), v) in &o {
        *n_c.entry(c).or_default() += v;
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

/// A section of one coder's partition of the continuum: a unit or a gap.
#[derive(Debug, Clone, Copy)]
struct Section {
    begin: f64,
    len: f64,
    unit: bool,
}

/// Each coder's units (as `begin..end`, sorted, not overlapping) and the gaps between them,
/// covering `0..length`.
fn sections(length: usize, units: &[(usize, usize)]) -> Vec<Section> {
    let f = |x: usize| f64::from(u32::try_from(x).unwrap_or(u32::MAX));
    let mut out = Vec::new();
    let mut at = 0;
    for &(b, e) in units {
        if b > at {
            out.push(Section {
                begin: f(at),
                len: f(b - at),
                unit: false,
            });
        }
        out.push(Section {
            begin: f(b),
            len: f(e - b),
            unit: true,
        });
        at = e;
    }
    if at < length {
        out.push(Section {
            begin: f(at),
            len: f(length - at),
            unit: false,
        });
    }
    out
}

/// How much two coders' sections disagree (Krippendorff 2004): overlapping units by their
/// squared differences of begin and end, a unit inside the other's gap by its squared length.
fn delta(g: Section, h: Section) -> f64 {
    let d = g.begin - h.begin;
    if g.unit && h.unit && -g.len < d && d < h.len {
        return d.powi(2) + (g.begin + g.len - h.begin - h.len).powi(2);
    }
    if g.unit && !h.unit && d >= 0.0 && d <= h.len - g.len {
        return g.len.powi(2);
    }
    if !g.unit && h.unit && d <= 0.0 && d >= h.len - g.len {
        return h.len.powi(2);
    }
    0.0
}

/// The disagreement of coder `g`'s sections with coder `h`'s, both in order and covering the
/// same continuum: [`delta`] of every pair that overlaps.
fn overlapping_delta(g: &[Section], h: &[Section]) -> f64 {
    let mut sum = 0.0;
    let mut k = 0;
    for a in g {
        let end = a.begin + a.len;
        // The other coder's sections that end before this one begins are behind us.
        while k < h.len() && h[k].begin + h[k].len <= a.begin {
            k += 1;
        }
        let mut n = k;
        while n < h.len() && h[n].begin < end {
            sum += delta(*a, h[n]);
            n += 1;
        }
    }
    sum
}

/// Krippendorff's unitizing alpha (alpha_U, "Measuring the reliability of qualitative text
/// analysis data", 2004) for one category on a continuum of `length`: `coders[c]` holds
/// coder `c`'s units as sorted, non-overlapping `begin..end` ranges. Returns the alpha and
/// the observed and expected disagreement.
pub fn unitizing(length: usize, coders: &[Vec<(usize, usize)>]) -> Result<(f64, f64, f64), String> {
    let m = coders.len();
    if m < 2 {
        return Err("not defined: fewer than two coders".into());
    }
    if length < 2 {
        return Err("not defined: the continuum is shorter than two positions".into());
    }
    let l = f64::from(u32::try_from(length).unwrap_or(u32::MAX));
    let mf = f64::from(u32::try_from(m).unwrap_or(u32::MAX));
    let parts: Vec<Vec<Section>> = coders.iter().map(|u| sections(length, u)).collect();
    // Only overlapping sections disagree ([`delta`] is zero otherwise), and each coder's
    // sections are in order and cover the continuum: a sweep pairs each section with the
    // other coder's sections it overlaps, so this grows with the sections, not their square.
    let mut observed = 0.0;
    for (i, gi) in parts.iter().enumerate() {
        for (j, hj) in parts.iter().enumerate() {
            if i != j {
                observed += overlapping_delta(gi, hj);
            }
        }
    }
    let d_o = observed / (mf * (mf - 1.0) * l * l);
    let n_units = f64::from(
        u32::try_from(parts.iter().flatten().filter(|s| s.unit).count()).unwrap_or(u32::MAX),
    );
    if n_units == 0.0 {
        return Err("not defined: no coder marked any unit".into());
    }
    // For each unit, the gaps at least as long as it: from the gaps sorted by length and the
    // sums of their lengths from the longest down.
    let mut gaps: Vec<f64> = parts
        .iter()
        .flatten()
        .filter(|s| !s.unit)
        .map(|s| s.len)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let mut longer = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        longer[k] = longer[k + 1] + gaps[k];
    }
    let mut numerator = 0.0;
    let mut lengths_term = 0.0;
    for g in parts.iter().flatten().filter(|s| s.unit) {
        let lg = g.len;
        let first = gaps.partition_point(|&h| h < lg);
        let count = f64::from(u32::try_from(gaps.len() - first).unwrap_or(u32::MAX));
        let within = longer[first] - count * (lg - 1.0);
        numerator += (n_units - 1.0) / 3.0 * (2.0 * lg.powi(3) - 3.0 * lg.powi(2) + lg)
            + lg.powi(2) * within;
        lengths_term += lg * (lg - 1.0);
    }
    let d_e = (2.0 / l) * numerator / (mf * l * (mf * l - 1.0) - lengths_term);
    if d_e == 0.0 {
        return Err("not defined: no disagreement is expected".into());
    }
    Ok((1.0 - d_o / d_e, d_o, d_e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The disagreements summed over every pair of sections, as the 2004 paper writes it.
    fn naive(length: usize, coders: &[Vec<(usize, usize)>]) -> (f64, f64) {
        let parts: Vec<Vec<Section>> = coders.iter().map(|u| sections(length, u)).collect();
        let mut observed = 0.0;
        for (i, gi) in parts.iter().enumerate() {
            for (j, hj) in parts.iter().enumerate() {
                if i != j {
                    for g in gi {
                        for h in hj {
                            observed += delta(*g, *h);
                        }
                    }
                }
            }
        }
        let units = parts.iter().flatten().filter(|s| s.unit);
        let gaps: Vec<f64> = parts
            .iter()
            .flatten()
            .filter(|s| !s.unit)
            .map(|s| s.len)
            .collect();
        let within: f64 = units
            .map(|g| {
                g.len.powi(2)
                    * gaps
                        .iter()
                        .filter(|&&h| h >= g.len)
                        .map(|h| h - g.len + 1.0)
                        .sum::<f64>()
            })
            .sum();
        (observed, within)
    }

    #[test]
    fn the_sweep_gives_what_every_pair_of_sections_gives() {
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap() % n
        };
        for _ in 0..200 {
            let length = 20 + next(200);
            let coders: Vec<Vec<(usize, usize)>> = (0..2 + next(3))
                .map(|_| {
                    let mut units = Vec::new();
                    let mut at = next(10);
                    while at + 2 < length {
                        let len = 1 + next(15);
                        let end = (at + len).min(length);
                        units.push((at, end));
                        at = end + next(20);
                    }
                    units
                })
                .collect();
            let (observed, within) = naive(length, &coders);
            let parts: Vec<Vec<Section>> = coders.iter().map(|u| sections(length, u)).collect();
            let mut swept = 0.0;
            for (i, gi) in parts.iter().enumerate() {
                for (j, hj) in parts.iter().enumerate() {
                    if i != j {
                        swept += overlapping_delta(gi, hj);
                    }
                }
            }
            assert!((swept - observed).abs() < 1e-6, "{swept} {observed}");
            // The whole coefficient agrees with one computed from the naive sums.
            if let Ok((_, d_o, d_e)) = unitizing(length, &coders) {
                let m = f64::from(u32::try_from(coders.len()).unwrap());
                let l = f64::from(u32::try_from(length).unwrap());
                assert!((d_o - observed / (m * (m - 1.0) * l * l)).abs() < 1e-9);
                let units: Vec<f64> = parts
                    .iter()
                    .flatten()
                    .filter(|s| s.unit)
                    .map(|s| s.len)
                    .collect();
                let n = f64::from(u32::try_from(units.len()).unwrap());
                let cubic: f64 = units
                    .iter()
                    .map(|lg| (n - 1.0) / 3.0 * (2.0 * lg.powi(3) - 3.0 * lg.powi(2) + lg))
                    .sum();
                let lengths: f64 = units.iter().map(|lg| lg * (lg - 1.0)).sum();
                let expected = (2.0 / l) * (cubic + within) / (m * l * (m * l - 1.0) - lengths);
                assert!(
                    (d_e - expected).abs() < 1e-9 * expected.abs().max(1.0),
                    "{d_e} {expected}"
                );
            }
        }
    }

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

    /// Krippendorff (2004), "Measuring the reliability of qualitative text analysis data",
    /// worked example, category c on the continuum 150..450 (here 0..300):
    ///   coder i: units 225..295 and 370..400      -> 75..145, 220..250
    ///   coder j: units 220..300, 355..375, 400..420 -> 70..150, 205..225, 250..270
    /// Observed: the overlapping units 75..145 / 70..150 give 5² + 5² = 50 each way, and
    /// 220..250 / 205..225 give 15² + 25² = 850 each way; j's unit 250..270 lies in i's gap
    /// 250..300 (20² = 400 each way): (2·50 + 2·850 + 2·400) / (2·1·300²) = 0.0144.
    /// Expected 0.0532 and alpha 0.7285 (0.73 in the paper, rounded at each step).
    #[test]
    fn krippendorffs_unitizing_example() {
        let i = vec![(75, 145), (220, 250)];
        let j = vec![(70, 150), (205, 225), (250, 270)];
        let (alpha, d_o, d_e) = unitizing(300, &[i.clone(), j]).unwrap();
        close(d_o, 0.0144);
        close(d_e, 0.0532);
        assert!((alpha - 0.7285).abs() < 0.0001, "{alpha}");
        let (same, _, _) = unitizing(300, &[i.clone(), i]).unwrap();
        close(same, 1.0);
        assert!(
            unitizing(300, &[vec![], vec![]])
                .unwrap_err()
                .contains("no coder marked")
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
