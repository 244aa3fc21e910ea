//! The substring scan of the search index: each row's text in a fixed 32-byte slot, compared 16
//! bytes at a time (SSE2 on x86_64 through `safe_arch`, plain loops elsewhere) into a bit mask of
//! the places where the needle starts. A row is tested with a few compares and no branch per
//! byte, so a query that matches every row (`1`, `310800` at a million customers) costs the same
//! per row as one that matches none; a sparse query is first located with `memchr::memmem` over
//! the slots (SIMD skipping), switching per chunk of rows to the slot compare where hits are dense.
//!
//! The occurrence mask of a match is kept, so a query that extends the last one at its end (typing)
//! is one compare per remaining row: `occ(q + c) = occ(q) & eq(c) >> |q|`.

/// Bytes of a row's slot. Texts of at most `W - 1` bytes live in slots (a 0 byte always ends them, so
/// a needle, which never holds a 0, never spans two rows); longer ones are "long rows", searched
/// one by one with `memmem` (about 1 % of a demo book: company names).
pub(super) const W: usize = 32;

/// One row's lowercased text, zero-padded.
pub(super) type Slot = [u8; W];

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod lanes {
    use super::Slot;
    use safe_arch::{cmp_eq_mask_i8_m128i, m128i, move_mask_i8_m128i, set_splat_i8_m128i};

    /// A byte repeated in every lane.
    #[derive(Clone, Copy)]
    pub struct Splat(m128i);

    /// A slot in two registers.
    #[derive(Clone, Copy)]
    pub struct Row(m128i, m128i);

    pub fn splat(b: u8) -> Splat {
        Splat(set_splat_i8_m128i(b as i8))
    }

    pub fn load(s: &Slot) -> Row {
        let lo: [u8; 16] = std::array::from_fn(|i| s[i]);
        let hi: [u8; 16] = std::array::from_fn(|i| s[16 + i]);
        Row(m128i::from(lo), m128i::from(hi))
    }

    /// Bit `p` set ⇔ byte `p` of the row equals the splat byte.
    pub fn eq(r: Row, s: Splat) -> u32 {
        (move_mask_i8_m128i(cmp_eq_mask_i8_m128i(r.0, s.0)) as u32 & 0xFFFF)
            | ((move_mask_i8_m128i(cmp_eq_mask_i8_m128i(r.1, s.0)) as u32) << 16)
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
mod lanes {
    use super::Slot;

    #[derive(Clone, Copy)]
    pub struct Splat(u8);

    #[derive(Clone, Copy)]
    pub struct Row<'a>(&'a Slot);

    pub fn splat(b: u8) -> Splat {
        Splat(b)
    }

    pub fn load(s: &Slot) -> Row<'_> {
        Row(s)
    }

    pub fn eq(r: Row<'_>, s: Splat) -> u32 {
        r.0.iter().enumerate().fold(0, |m, (i, &b)| m | (u32::from(b == s.0) << i))
    }
}

/// A needle ready to compare with slots: its distinct bytes once, and per needle position which.
pub(super) struct Pattern {
    len: usize,
    splats: Vec<lanes::Splat>,
    /// Per needle position: its byte's index in `splats`.
    at: Vec<usize>,
}

impl Pattern {
    /// `needle`: 1 ..= `W - 1` bytes, no 0 byte (longer needles only match long rows).
    pub fn new(needle: &[u8]) -> Pattern {
        let mut distinct: Vec<u8> = Vec::new();
        let at = needle
            .iter()
            .map(|b| {
                distinct.iter().position(|d| d == b).unwrap_or_else(|| {
                    distinct.push(*b);
                    distinct.len() - 1
                })
            })
            .collect();
        Pattern { len: needle.len(), splats: distinct.into_iter().map(lanes::splat).collect(), at }
    }

    /// Bit `p` set ⇔ the needle starts at byte `p` of the slot (0: not in this row).
    #[inline]
    pub fn occ(&self, slot: &Slot) -> u32 {
        let m = self.len;
        if m == 0 || m >= W {
            return 0;
        }
        let row = lanes::load(slot);
        let mut cand =
            lanes::eq(row, self.splats[self.at[0]]) & (lanes::eq(row, self.splats[self.at[m - 1]]) >> (m - 1));
        if cand == 0 || m <= 2 {
            return cand;
        }
        let mut masks = [0u32; W];
        for (i, s) in self.splats.iter().enumerate() {
            masks[i] = lanes::eq(row, *s);
        }
        for (j, &i) in self.at.iter().enumerate().take(m - 1).skip(1) {
            cand &= masks[i] >> j;
        }
        cand
    }

    /// The occurrence mask of the whole needle from `occ`, the mask of its first `from` bytes
    /// (a query extended at its end): only the added bytes are compared.
    #[inline]
    pub fn extend(&self, slot: &Slot, occ: u32, from: usize) -> u32 {
        if occ == 0 || self.len >= W {
            return 0;
        }
        let row = lanes::load(slot);
        let mut cand = occ;
        for (j, &i) in self.at.iter().enumerate().skip(from) {
            cand &= lanes::eq(row, self.splats[i]) >> j;
            if cand == 0 {
                break;
            }
        }
        cand
    }
}

/// Ascending positions of the set bits of a bitset.
pub(super) fn ones(bits: &[u64]) -> impl Iterator<Item = u32> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut x = word;
        std::iter::from_fn(move || {
            if x == 0 {
                return None;
            }
            let b = x.trailing_zeros();
            x &= x - 1;
            Some(w as u32 * 64 + b)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(t: &str) -> Slot {
        let mut s = [0u8; W];
        s[..t.len()].copy_from_slice(t.as_bytes());
        s
    }

    #[test]
    fn occ_marks_every_start_and_extend_agrees() {
        let s = slot("ab 310800100011 0011");
        assert_eq!(Pattern::new(b"1").occ(&s), (1 << 4) | (1 << 9) | (1 << 13) | (1 << 14) | (1 << 18) | (1 << 19));
        assert_eq!(Pattern::new(b"0011").occ(&s), (1 << 11) | (1 << 16));
        assert_eq!(Pattern::new(b"310800100011 0011").occ(&s), 1 << 3);
        assert_eq!(Pattern::new(b"0011x").occ(&s), 0);
        assert_eq!(Pattern::new(b"b 3").occ(&s), 1 << 1);
        // the zero padding never matches, and the needle cannot run past the slot
        assert_eq!(Pattern::new(b"0011 ").occ(&s), 1 << 11);
        let p = Pattern::new(b"0011");
        assert_eq!(p.extend(&s, Pattern::new(b"00").occ(&s), 2), p.occ(&s));
        assert_eq!(p.extend(&s, Pattern::new(b"0").occ(&s), 1), p.occ(&s));
    }

    #[test]
    fn ones_lists_set_bits_in_order() {
        assert_eq!(ones(&[0b1010, 0, 1 << 63]).collect::<Vec<_>>(), vec![1, 3, 191]);
    }
}
