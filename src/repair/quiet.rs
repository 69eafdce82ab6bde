//! Quiet characters, recognised 32 bytes at a time: what lets the scan of
//! [`fastpath`](super::fastpath) pass over clean text without decoding it.
//!
//! A character is *quiet* when the scan would set no flag for it and no suspicious pair
//! ([`Pairs`](super::badness::Pairs)) can be made of two quiet characters, nor of a quiet
//! character and an ASCII one: its first-role mask holds none of the [`Quiet::s_bits`] (the
//! second-role bits of ASCII) and its second-role mask holds nothing else. So in a run of quiet characters (and ASCII without
//! controls or `&`) the scan has nothing to find, and only the characters at the run's two ends
//! need looking at, with their neighbours outside it.
//!
//! The SIMD test ([`Quiet::block`], AVX2 with runtime detection) knows a quiet character by its
//! first bytes: a two-byte character by its group of 16 code points (the lead byte and the top
//! bits of the continuation byte), a three-byte one by its lead byte (blocks of 4,096 code points
//! that are all quiet: CJK, Hangul) or, for U+0800–U+1FFF (Indic, Thai, Georgian, Ethiopic...),
//! by its group of 16 (its first three bytes). A group counts as quiet only when every code
//! point in it is; the scan looks a character of a group with a loud member up exactly
//! ([`Quiet::knows`]). Four-byte characters and loud ones are left to the scan's
//! character-by-character loop.
//!
//! The same tables exist for *silent* characters ([`Quiet::silent`]): no flag of their own,
//! whatever their roles in pairs, which is all the scan need look for in a line it has flagged
//! as possible mojibake already.
// (Only x86_64 has a block test so far: elsewhere the tables are built by tests alone.)
#![cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]

/// The tables of the quiet test: for quiet characters, and for silent ones.
pub(crate) struct Quiet {
    /// The second-role bits of ASCII (a quiet character's second-role mask holds only these,
    /// its first-role mask none of them).
    pub(crate) s_bits: u64,
    /// Quiet characters.
    pub(crate) quiet: Groups,
    /// Silent characters: no flag of their own, whatever their roles in pairs (what the scan
    /// need look for in a line that has [`Scan::MOJIBAKE`](super::fastpath::Scan::MOJIBAKE)
    /// already).
    pub(crate) silent: Groups,
    /// The index of each BMP code point's kind in the scan's table.
    kind: &'static [u8; 0x10000],
}

/// The marks of U+0800–U+0FFF (Indic viramas, Thai vowel and tone marks...) that the block
/// test passes as quiet unless the character before them may make a pair with them (see
/// [`MARK_LO`](super::fastpath::MARK_LO)): by the kind of each BMP code point, and by code
/// point. (Other marks are never quiet: their groups are loud.)
pub(crate) struct Marks<A: Fn(u32) -> bool, B: Fn(u32) -> bool> {
    /// Kinds that are marks (a second role of a mark bit): never known exactly.
    pub(crate) kinds: [bool; 256],
    /// Code points of U+0800–U+1FFF that start a pair (the first role of `MARK_HI`).
    pub(crate) first: A,
    /// Marks of U+0800–U+0FFF that end a pair with those (the second role of `MARK_HI`): known
    /// by the groups when their kind, mark roles aside, is.
    pub(crate) second: B,
}

/// Which characters a test knows, by groups of code points.
pub(crate) struct Groups {
    /// Two-byte characters: bit `g % 8` of byte `g / 8` for each group `g = cp >> 4`
    /// (`cp` < U+0800) whose every member is known.
    two: [u8; 16],
    /// Three-byte characters of U+0800–U+1FFF: bit `g % 8` of byte `g / 8` for each group
    /// `g = cp >> 4 & 0x1FF` of 16 code points whose every member is known, in four tables of
    /// 16 bytes.
    three: [[u8; 16]; 4],
    /// Three-byte lead bytes (by their low nibble) whose every character is known: 0xFF, else 0.
    lead3: [u8; 16],
    /// Whether each kind of the scan's table is known: the exact test, for the characters
    /// the block test cannot tell.
    kinds: [bool; 256],
    /// Groups of U+0800–U+1FFF with a mark the groups know (`Marks::second`), as `three`.
    mark_second: [[u8; 16]; 4],
    /// Groups of U+0800–U+1FFF with a character such a mark may follow (`Marks::first`), as
    /// `three`.
    mark_first: [[u8; 16]; 4],
}

impl Groups {
    /// The groups of the kinds `known`, with the index of each BMP code point's kind and
    /// `lead_known(lead)` (true when every character of a three-byte lead byte is known).
    /// Marks are never known exactly; the groups know those of `marks.second` whose kind,
    /// mark roles aside, is `known`, and the block test finds them where they may end a pair.
    fn build(
        kind: &'static [u8; 0x10000],
        known: [bool; 256],
        lead_known: impl Fn(u8) -> bool,
        marks: &Marks<impl Fn(u32) -> bool, impl Fn(u32) -> bool>,
    ) -> Groups {
        let exact: [bool; 256] = std::array::from_fn(|k| known[k] && !marks.kinds[k]);
        let known_cp = |cp: u32| {
            let k = kind[cp as usize] as usize;
            exact[k] || known[k] && (marks.second)(cp)
        };
        let mut mark_second = [[0u8; 16]; 4];
        let mut mark_first = [[0u8; 16]; 4];
        for g in 0x80u32..0x200 {
            let group = g * 16..g * 16 + 16;
            let (at, bit) = ((g / 128) as usize, 1 << (g % 8));
            if group
                .clone()
                .any(|cp| exact[kind[cp as usize] as usize] != known_cp(cp))
            {
                mark_second[at][(g / 8 % 16) as usize] |= bit;
            }
            if group.clone().any(&marks.first) {
                mark_first[at][(g / 8 % 16) as usize] |= bit;
            }
        }
        let mut two = [0u8; 16];
        for g in 0x08u32..0x80 {
            if (g * 16..g * 16 + 16).all(known_cp) {
                two[(g / 8) as usize] |= 1 << (g % 8);
            }
        }
        let mut three = [[0u8; 16]; 4];
        for g in 0x80u32..0x200 {
            if (g * 16..g * 16 + 16).all(known_cp) {
                three[(g / 128) as usize][(g / 8 % 16) as usize] |= 1 << (g % 8);
            }
        }
        let mut lead3 = [0u8; 16];
        for lead in 0xE0u8..=0xEF {
            if lead_known(lead) {
                lead3[(lead & 0x0F) as usize] = 0xFF;
            }
        }
        Groups {
            two,
            three,
            lead3,
            kinds: exact,
            mark_second,
            mark_first,
        }
    }
}

/// True when the scan's kind `first`, `second`, `flags` of a character make it quiet for the
/// ASCII second-role bits `s_bits`.
#[inline]
pub(crate) fn is_quiet_kind(first: u64, second: u64, flags: u16, s_bits: u64) -> bool {
    flags == 0 && first & s_bits == 0 && second & !s_bits == 0
}

impl Quiet {
    /// The tables, from the index of each BMP code point's kind, whether each kind is quiet
    /// and silent, and `lead_quiet(lead)` (true when every character of a three-byte lead byte
    /// is quiet).
    /// The kinds are judged with their mark roles aside; `marks` says which are marks.
    pub(crate) fn build(
        s_bits: u64,
        kind: &'static [u8; 0x10000],
        quiet_kind: [bool; 256],
        silent_kind: [bool; 256],
        lead_quiet: impl Fn(u8) -> bool,
        marks: &Marks<impl Fn(u32) -> bool, impl Fn(u32) -> bool>,
    ) -> Quiet {
        Quiet {
            s_bits,
            quiet: Groups::build(kind, quiet_kind, &lead_quiet, marks),
            silent: Groups::build(
                kind,
                silent_kind,
                |lead| {
                    lead_quiet(lead)
                        || (u32::from(lead & 0x0F) << 12..(u32::from(lead & 0x0F) + 1) << 12)
                            .filter(|cp| !(0xD800..0xE000).contains(cp) && *cp >= 0x800)
                            .all(|cp| {
                                let k = kind[cp as usize] as usize;
                                silent_kind[k] && !marks.kinds[k]
                            })
                },
                marks,
            ),
            kind,
        }
    }

    /// The same tables with every character of the lead bytes `left_out` unknown to the
    /// block test (the exact test, [`Quiet::knows`], is the caller's to restrict).
    pub(crate) fn without_leads(mut self, left_out: impl Fn(u8) -> bool) -> Quiet {
        for g in [&mut self.quiet, &mut self.silent] {
            for group in 0x08u32..0x80 {
                if left_out(0xC0 | (group >> 2) as u8) {
                    g.two[(group / 8) as usize] &= !(1 << (group % 8));
                }
            }
            for group in 0x80u32..0x200 {
                if left_out(0xE0 | (group >> 8) as u8) {
                    g.three[(group / 128) as usize][(group / 8 % 16) as usize] &=
                        !(1 << (group % 8));
                }
            }
            for lead in 0xE0u8..=0xEF {
                if left_out(lead) {
                    g.lead3[(lead & 0x0F) as usize] = 0;
                }
            }
        }
        self
    }

    /// True when BMP code point `cp` (U+0080 or above) is known to `groups`.
    #[inline(always)]
    pub(crate) fn knows(&self, groups: &Groups, cp: u32) -> bool {
        groups.kinds[self.kind[cp as u16 as usize] as usize]
    }

    /// True when the quiet test recognises the character at the start of `bytes` (valid
    /// UTF-8) as quiet, by the same rule as [`Quiet::block`] (for tests).
    #[cfg(test)]
    pub(crate) fn recognises(&self, g: &Groups, bytes: &[u8]) -> bool {
        let b = bytes[0];
        match b {
            0x00..=0x7F => ASCII_QUIET[b as usize],
            0xC0..=0xDF => {
                let k = ((b & 0x1F) << 2) | ((bytes[1] >> 4) & 3);
                g.two[(k >> 3) as usize] & (1 << (k & 7)) != 0
            }
            0xE0..=0xEF => {
                let k = ((b as usize & 1) << 8)
                    | ((bytes[1] as usize & 0x3F) << 2)
                    | (bytes[2] as usize >> 4 & 3);
                g.lead3[(b & 0x0F) as usize] != 0
                    || b <= 0xE1 && g.three[k / 128][k / 8 % 16] & (1 << (k % 8)) != 0
            }
            _ => false,
        }
    }

    /// True when the block test finds the character at the start of `bytes` (valid UTF-8)
    /// where a mark may end a pair ([`Quiet::block`]'s rule), after the character `before`
    /// (`None` at the start of a block), for tests.
    #[cfg(test)]
    pub(crate) fn may_end_mark_pair(
        &self,
        g: &Groups,
        before: Option<&[u8]>,
        bytes: &[u8],
    ) -> bool {
        let group = |t: &[[u8; 16]; 4], b: &[u8]| {
            let k = ((b[0] as usize & 1) << 8)
                | ((b[1] as usize & 0x3F) << 2)
                | (b[2] as usize >> 4 & 3);
            t[k / 128][k / 8 % 16] & (1 << (k % 8)) != 0
        };
        if bytes[0] & 0xFE != 0xE0 || !group(&g.mark_second, bytes) {
            return false;
        }
        match before {
            None => true,
            Some(b) if b[0] < 0x80 => false,
            Some(b) if b[0] & 0xFE == 0xE0 => group(&g.mark_first, b),
            Some(_) => true,
        }
    }
}

/// ASCII bytes that are quiet: no flag of their own (not a control other than tab and form
/// feed, not `&`, not DEL); `\n` is told apart by the block test, as it ends a line.
#[cfg(test)]
const ASCII_QUIET: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = matches!(b, 0x09 | 0x0C | 0x20..=0x7E) && b != b'&' as usize;
        b += 1;
    }
    t
};

/// What [`Quiet::block`] found in 32 bytes: bit `j` of `loud` for a byte `j` that starts a
/// character that is not recognised as quiet (a `\n` is not in `loud`), bit `j` of
/// `newlines` for a `\n`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Block {
    pub(crate) loud: u32,
    pub(crate) newlines: u32,
}

/// Whether this CPU runs [`Quiet::block`].
pub(crate) fn simd_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[cfg(target_arch = "x86_64")]
impl Quiet {
    /// Classify by `g` the 32 bytes at `bytes[at..]`, of which `bytes[at]` starts a character; needs
    /// `at + 34 <= bytes.len()` (the two bytes after each lead byte are read).
    ///
    /// # Safety
    /// The CPU must support AVX2 ([`simd_available`]).
    #[target_feature(enable = "avx2")]
    #[inline]
    pub(crate) unsafe fn block(&self, g: &Groups, bytes: &[u8], at: usize) -> Block {
        use std::arch::x86_64::*;
        assert!(at + 34 <= bytes.len());
        let p = bytes[at..].as_ptr();
        // SAFETY: `at + 34 <= bytes.len()`: the loads read inside `bytes`.
        let (v, n, m) = unsafe {
            (
                _mm256_loadu_si256(p.cast()),
                _mm256_loadu_si256(p.add(1).cast()),
                _mm256_loadu_si256(p.add(2).cast()),
            )
        };
        let set = |b: u8| _mm256_set1_epi8(b as i8);
        let table = |t: &[u8; 16]| {
            // SAFETY: `t` is 16 bytes.
            let t = unsafe { _mm_loadu_si128(t.as_ptr().cast()) };
            _mm256_broadcastsi128_si256(t)
        };
        // ASCII without controls (but tab and form feed), `&` and DEL.
        let printable = _mm256_and_si256(
            _mm256_cmpgt_epi8(v, set(0x1F)),
            _mm256_cmpgt_epi8(set(0x7F), v),
        );
        let ascii_ok = _mm256_or_si256(
            _mm256_andnot_si256(_mm256_cmpeq_epi8(v, set(b'&')), printable),
            _mm256_or_si256(_mm256_cmpeq_epi8(v, set(9)), _mm256_cmpeq_epi8(v, set(12))),
        );
        let newline = _mm256_cmpeq_epi8(v, set(b'\n'));
        let cont = _mm256_cmpeq_epi8(_mm256_and_si256(v, set(0xC0)), set(0x80));
        let lead2 = _mm256_cmpeq_epi8(_mm256_and_si256(v, set(0xE0)), set(0xC0));
        let lead3 = _mm256_cmpeq_epi8(_mm256_and_si256(v, set(0xF0)), set(0xE0));
        let bits = table(&[1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128]);
        let low4 = set(0x0F);
        // Two-byte characters: group (lead & 0x1F) << 2 | (cont >> 4) & 3, byte g >> 3.
        let byte2 = _mm256_shuffle_epi8(
            table(&g.two),
            _mm256_and_si256(_mm256_srli_epi16(v, 1), low4),
        );
        let bit2 = _mm256_shuffle_epi8(
            bits,
            _mm256_or_si256(
                _mm256_slli_epi16(_mm256_and_si256(v, set(1)), 2),
                _mm256_and_si256(_mm256_srli_epi16(n, 4), set(3)),
            ),
        );
        let quiet2 = _mm256_cmpeq_epi8(_mm256_and_si256(byte2, bit2), bit2);
        // Three-byte characters: quiet lead bytes, or group (lead & 1) << 8 | (n & 0x3F) << 2 |
        // (m >> 4) & 3 of U+0800–U+1FFF: byte g >> 3 of table g >> 7 (lead & 1, n & 0x20),
        // at (n >> 1) & 15.
        let lead_quiet = _mm256_shuffle_epi8(table(&g.lead3), _mm256_and_si256(v, low4));
        let low_block = _mm256_cmpeq_epi8(_mm256_and_si256(v, set(0xFE)), set(0xE0));
        // (Most blocks hold no character of U+0800–U+1FFF: their groups are not looked up.)
        let mut pairs = 0u32;
        let quiet3 = if _mm256_movemask_epi8(low_block) == 0 {
            lead_quiet
        } else {
            let index3 = _mm256_and_si256(_mm256_srli_epi16(n, 1), low4);
            let which = _mm256_or_si256(
                _mm256_slli_epi16(_mm256_and_si256(v, set(1)), 1),
                _mm256_and_si256(_mm256_srli_epi16(n, 5), set(1)),
            );
            let bit3 = _mm256_shuffle_epi8(
                bits,
                _mm256_or_si256(
                    _mm256_slli_epi16(_mm256_and_si256(n, set(1)), 2),
                    _mm256_and_si256(_mm256_srli_epi16(m, 4), set(3)),
                ),
            );
            // (The marks the groups know are of U+0800–U+0FFF: blocks without such a
            // character, Vietnamese or Georgian ones, need no look at marks.)
            if _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, set(0xE0))) != 0 {
                // SAFETY: AVX2 is enabled in this function.
                pairs = unsafe { mark_pairs(g, [v, index3, which, bit3, low_block]) };
            }
            _mm256_or_si256(lead_quiet, unsafe {
                in_groups3(&g.three, index3, which, bit3, low_block)
            })
        };
        let ok = _mm256_or_si256(
            _mm256_or_si256(ascii_ok, _mm256_or_si256(cont, newline)),
            _mm256_or_si256(
                _mm256_and_si256(lead2, quiet2),
                _mm256_and_si256(lead3, quiet3),
            ),
        );
        Block {
            loud: !(_mm256_movemask_epi8(ok) as u32) | pairs,
            newlines: _mm256_movemask_epi8(newline) as u32,
        }
    }
}

/// The lanes of the characters of U+0800–U+1FFF (`low_block`) whose group is in `tables`
/// (as [`Groups::three`]), from each lane's table index, table and bit.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn in_groups3(
    tables: &[[u8; 16]; 4],
    index3: std::arch::x86_64::__m256i,
    which: std::arch::x86_64::__m256i,
    bit3: std::arch::x86_64::__m256i,
    low_block: std::arch::x86_64::__m256i,
) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::*;
    let mut byte3 = _mm256_setzero_si256();
    for (k, t) in tables.iter().enumerate() {
        // SAFETY: `t` is 16 bytes.
        let t = _mm256_broadcastsi128_si256(unsafe { _mm_loadu_si128(t.as_ptr().cast()) });
        byte3 = _mm256_or_si256(
            byte3,
            _mm256_and_si256(
                _mm256_cmpeq_epi8(which, _mm256_set1_epi8(k as i8)),
                _mm256_shuffle_epi8(t, index3),
            ),
        );
    }
    _mm256_and_si256(
        low_block,
        _mm256_cmpeq_epi8(_mm256_and_si256(byte3, bit3), bit3),
    )
}

/// The lanes of marks of U+0800–U+0FFF that [`Groups`] knows (`mark_second`) where they may
/// end a pair with the character before them: after a character of a group of `mark_first`,
/// any other character outside ASCII, or at the block's start (whose character before the
/// test does not see). Only blocks with characters of U+0800–U+0FFF need it. (Out of line,
/// it cost 8 M instructions more on the bench's prose: the call clobbers the loop's vector
/// registers.)
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn mark_pairs(
    g: &Groups,
    [v, index3, which, bit3, low_block]: [std::arch::x86_64::__m256i; 5],
) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY: AVX2 is enabled in this function.
    let second = unsafe { in_groups3(&g.mark_second, index3, which, bit3, low_block) };
    let second = _mm256_movemask_epi8(second) as u32;
    if second == 0 {
        return 0;
    }
    let first = unsafe { in_groups3(&g.mark_first, index3, which, bit3, low_block) };
    let first = _mm256_movemask_epi8(first) as u32;
    let lead = |mask: u8, value: u8| {
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(
            _mm256_and_si256(v, _mm256_set1_epi8(mask as i8)),
            _mm256_set1_epi8(value as i8),
        )) as u32
    };
    let other3 = lead(0xF0, 0xE0) & !_mm256_movemask_epi8(low_block) as u32;
    second & ((first | other3) << 3 | lead(0xE0, 0xC0) << 2 | lead(0xF8, 0xF0) << 4 | 1)
}

#[cfg(not(target_arch = "x86_64"))]
impl Quiet {
    /// Never called: [`simd_available`] is false.
    pub(crate) unsafe fn block(&self, _g: &Groups, _bytes: &[u8], _at: usize) -> Block {
        unreachable!("no SIMD quiet test on this architecture")
    }
}
