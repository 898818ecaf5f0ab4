//! The ids of spaCy's string store: MurmurHash64A (the 64-bit hash of MurmurHash2, as the
//! `murmurhash` package's `hash64`) of the UTF-8 bytes with seed 1, except the empty string
//! (0) and spaCy's reserved symbols, which keep their fixed numbers.

use super::symbols::SYMBOLS;

/// MurmurHash64A of `key` with `seed`, reading 8-byte blocks little-endian.
pub fn murmurhash64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut blocks = key.chunks_exact(8);
    for block in &mut blocks {
        let mut b = [0u8; 8];
        b.copy_from_slice(block);
        let mut k = u64::from_le_bytes(b);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        for (i, &byte) in tail.iter().enumerate() {
            h ^= u64::from(byte) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// The id spaCy's `StringStore` gives `s` (`spacy.strings.get_string_id`).
pub fn string_id(s: &str) -> u64 {
    if s.is_empty() {
        return 0;
    }
    match SYMBOLS.binary_search_by_key(&s, |(name, _)| name) {
        Ok(i) => SYMBOLS[i].1,
        Err(_) => murmurhash64a(s.as_bytes(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `spacy.strings.hash_string` in spaCy 3.8.
    #[test]
    fn hashes_are_spacys() {
        let cases: &[(&str, u64)] = &[
            ("", 14_313_749_767_032_693_980),
            ("a", 11_901_859_001_352_538_922),
            ("Claim", 3_739_622_847_784_396_310),
            ("Speaker", 10_232_593_935_884_218_637),
            ("sc", 9_416_492_980_273_960_644),
            ("Grüße", 5_201_817_338_987_001_324),
            ("👩\u{200d}💻", 1_203_080_215_470_486_503),
            ("中文新闻说", 16_189_003_438_814_564_738),
            (" ", 8_532_415_787_641_010_193),
            ("\n", 962_983_613_142_996_970),
            ("hello world", 2_758_594_965_276_909_933),
        ];
        for &(s, h) in cases {
            assert_eq!(murmurhash64a(s.as_bytes(), 1), h, "{s:?}");
        }
        assert_eq!(
            murmurhash64a("x".repeat(100).as_bytes(), 1),
            8_460_673_862_528_987_856
        );
    }

    /// `spacy.strings.get_string_id`: the empty string and symbols are not hashed.
    #[test]
    fn the_empty_string_and_symbols_keep_their_numbers() {
        assert_eq!(string_id(""), 0);
        assert_eq!(string_id("ORTH"), 65);
        assert_eq!(string_id("PERSON"), 380);
        assert_eq!(string_id("Claim"), 3_739_622_847_784_396_310);
        assert!(SYMBOLS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
