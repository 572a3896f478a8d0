//! Character signatures: the scorer's cheap Jaro-Winkler bound (`score::may_reach`) from
//! precomputed bitmasks instead of a pass over both spellings for every comparison.
//!
//! The bound needs, for each spelling, how many of its bytes occur at all in the other one
//! (bytes folded to 6 bits, as the bound does). With `levels[k]` the set of folded bytes
//! occurring more than `k` times, the bytes of `a` occurring in `b` number
//! `Σ_k |levels_a[k] ∩ levels_b[0]|`: the same integer the byte loop counts, so the bound
//! decides exactly as before. Vocabulary tokens and joins get their signature once, at
//! index build; query words once per query.

/// Folded bytes counted up to this many occurrences; a spelling with more of one falls back
/// to the byte loop.
const LEVELS: usize = 4;

/// The multiset of a spelling's folded bytes (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CharSig {
    levels: [u64; LEVELS],
    /// Length in bytes; `u32::MAX` when the signature cannot stand for the spelling (a byte
    /// more than `LEVELS` times, or 255 bytes or more): callers then use the byte loop.
    len: u32,
    /// Distinct folded bytes (`levels[0]`'s bits).
    distinct: u32,
}

impl CharSig {
    /// No signature: the bound is computed from the spellings.
    pub const UNKNOWN: CharSig = CharSig {
        levels: [0; LEVELS],
        len: u32::MAX,
        distinct: 0,
    };

    pub fn of(text: &str) -> CharSig {
        let bytes = text.as_bytes();
        let mut levels = [0u64; LEVELS];
        let mut exact = bytes.len() < 255;
        for &c in bytes {
            let bit = 1u64 << (c & 63);
            match levels.iter_mut().find(|l| **l & bit == 0) {
                Some(l) => *l |= bit,
                None => exact = false,
            }
        }
        CharSig {
            levels,
            len: if exact { bytes.len() as u32 } else { u32::MAX },
            distinct: levels[0].count_ones(),
        }
    }

    /// Bytes of this spelling occurring in the spelling with byte set `other`.
    fn in_other(&self, other: u64) -> u32 {
        let [a, b, c, d] = self.levels.map(|l| l & other);
        if c | d == 0 {
            // The common case: no byte of the other spelling three times or more here.
            popcount_sum2(a, b)
        } else {
            popcount_sum(a, b, c, d)
        }
    }

    /// `score::may_reach` of the two spellings (`None`: a signature cannot tell).
    #[inline]
    pub fn may_reach(&self, other: &CharSig) -> Option<bool> {
        if self.len == u32::MAX || other.len == u32::MAX {
            return None;
        }
        // First a bound from the distinct bytes alone, which settles most pairs: the bytes
        // of a spelling occurring in the other are at most the distinct ones it shares
        // with it plus its repeated bytes. The bound only errs upwards, so a pair it
        // rejects the exact count rejects too (the same expression, larger counts).
        let shared = popcount_sum2(self.levels[0] & other.levels[0], 0);
        let bound =
            (shared + self.len - self.distinct).min(shared + other.len - other.distinct) as f32;
        if (bound / self.len as f32 + bound / other.len as f32) < 1.2 {
            return Some(false);
        }
        let c = self
            .in_other(other.levels[0])
            .min(other.in_other(self.levels[0])) as f32;
        // The very expression of `score::may_reach`, on the same integers.
        Some(c / self.len as f32 + c / other.len as f32 >= 1.2)
    }
}

const M1: u64 = 0x5555_5555_5555_5555;
const M2: u64 = 0x3333_3333_3333_3333;
const M4: u64 = 0x0f0f_0f0f_0f0f_0f0f;
const BYTES: u64 = 0x0101_0101_0101_0101;

/// Per nibble: its set bits (at most 4).
fn nibble_counts(x: u64) -> u64 {
    let x = x - ((x >> 1) & M1);
    (x & M2) + ((x >> 2) & M2)
}

/// Per byte: the set bits of both words (at most 16).
fn byte_counts(x: u64, y: u64) -> u64 {
    let s = nibble_counts(x) + nibble_counts(y);
    (s & M4) + ((s >> 4) & M4)
}

/// Total set bits of two words.
fn popcount_sum2(a: u64, b: u64) -> u32 {
    (byte_counts(a, b).wrapping_mul(BYTES) >> 56) as u32
}

/// Total set bits of four words (at most 255 in all: the signature's length bound), by
/// adding their bit counts in parallel before the one final sum.
fn popcount_sum(a: u64, b: u64, c: u64, d: u64) -> u32 {
    // Per byte at most 32; every byte summed into the top one (at most 255 by the bound).
    ((byte_counts(a, b) + byte_counts(c, d)).wrapping_mul(BYTES) >> 56) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn popcount_sum_adds_bit_counts() {
        assert_eq!(popcount_sum2(u64::MAX, u64::MAX), 128);
        assert_eq!(popcount_sum2(0b1011, 1 << 63), 4);
        assert_eq!(popcount_sum(0, 0, 0, 0), 0);
        assert_eq!(popcount_sum(u64::MAX, u64::MAX, u64::MAX, 0), 192);
        assert_eq!(popcount_sum(0b1011, 1 << 63, 0, 0b11), 6);
    }

    #[test]
    fn repeated_bytes_beyond_the_levels_fall_back() {
        assert!(CharSig::of("aaaaa").may_reach(&CharSig::of("a")).is_none());
        assert!(CharSig::of("aaaa").may_reach(&CharSig::of("a")).is_some());
        let long = "ab".repeat(130);
        assert!(CharSig::of(&long).may_reach(&CharSig::of("a")).is_none());
        assert!(CharSig::UNKNOWN.may_reach(&CharSig::of("a")).is_none());
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_byte_loop(a in "[a-z0-9 ]{0,20}", b in "[a-zA-Z0-9]{0,20}") {
            let (sa, sb) = (CharSig::of(&a), CharSig::of(&b));
            if let Some(r) = sa.may_reach(&sb) {
                proptest::prop_assert_eq!(r, crate::score::may_reach(a.as_bytes(), b.as_bytes()));
            }
        }

        #[test]
        fn agrees_with_the_byte_loop_on_names(a in "[aeiou]{0,3}[a-z]{1,8}[aeiou]{0,3}", b in "[aeiou]{0,3}[a-z]{1,8}[aeiou]{0,3}") {
            let (sa, sb) = (CharSig::of(&a), CharSig::of(&b));
            if let Some(r) = sa.may_reach(&sb) {
                proptest::prop_assert_eq!(r, crate::score::may_reach(a.as_bytes(), b.as_bytes()));
            }
        }
    }
}
