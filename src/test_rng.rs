//! A small random source for tests (xorshift64): the same numbers on every run, so that a
//! failure can be run again.

/// Xorshift64 from a seed (not zero).
pub(crate) struct Rng(u64);

impl Rng {
    /// A source started at `seed`.
    pub(crate) fn new(seed: u64) -> Rng {
        assert_ne!(seed, 0, "xorshift stays at zero");
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (not zero).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
