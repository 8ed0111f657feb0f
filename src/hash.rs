//! A frozen 64-bit hash (FNV-1a) for feature identities and model checksums.
//!
//! Frozen on purpose: a model file stores features by name, and the scorer finds
//! them by this hash, so the function must never change under us the way a
//! randomly seeded or versioned hasher (ahash, FxHash 2.0) would.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    Fnv::new().bytes(bytes).finish()
}

/// FNV-1a in steps: hashing "w:" then "attack" gives `fnv1a(b"w:attack")`.
/// The scorer hashes a feature name piece by piece (prefix, stem, separator,
/// stem) this way, so it never has to build the name as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv(u64);

impl Fnv {
    pub const fn new() -> Fnv {
        Fnv(OFFSET)
    }

    /// The state after `bytes`. `const` so that fixed prefixes ("w:", "b:") hash at compile time.
    #[inline]
    pub const fn bytes(self, bytes: &[u8]) -> Fnv {
        let mut h = self.0;
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(PRIME);
            i += 1;
        }
        Fnv(h)
    }

    #[inline]
    pub fn str(self, s: &str) -> Fnv {
        self.bytes(s.as_bytes())
    }

    #[inline]
    pub const fn finish(self) -> u64 {
        self.0
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

/// A fast `Hasher` for in-process maps keyed by short strings (the stem cache).
/// Not frozen and never stored: it only has to be quick and spread keys well.
/// It mixes eight bytes at a time, where FNV-1a (or std's SipHash) takes one.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown takes its control bits from the top of the hash: fold the
        // well-mixed high bits of the last multiply down into the low ones too.
        self.0 ^ (self.0 >> 29)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
}

pub type WordBuild = std::hash::BuildHasherDefault<WordHasher>;

/// A `Hasher` for maps keyed by values that are already FNV hashes: passes the
/// key through instead of hashing it again.
#[derive(Default, Clone, Copy)]
pub struct PassThroughHasher(u64);

impl std::hash::Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type PassThroughBuild = std::hash::BuildHasherDefault<PassThroughHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_published_vectors() {
        // Reference values of the FNV-1a 64-bit specification.
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn fnv_in_steps_equals_fnv_of_the_whole() {
        let whole = fnv1a(b"b:talk_resum");
        let steps = Fnv::new().str("b:").str("talk").bytes(b"_").str("resum");
        assert_eq!(steps.finish(), whole);
        assert_eq!(Fnv::new().finish(), fnv1a(b""));
    }
}
