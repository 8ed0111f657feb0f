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

/// Checksum of a model file's payload (format version 2 on).
///
/// FNV-1a takes one byte per multiply, and every multiply waits for the one
/// before: over a 2 MB model that alone was a few milliseconds of start-up.
/// This mixes eight bytes per step in four independent lanes instead. Each
/// step is a bijection of the lane state for a fixed input word, and so is
/// folding the lanes together, so changing any one word of the input always
/// changes the checksum. Frozen like [`fnv1a`]: model files store it.
pub fn checksum(bytes: &[u8]) -> u64 {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |lane: u64, word: u64| (lane ^ word).wrapping_mul(MIX).rotate_left(31);
    let mut lanes = [OFFSET, OFFSET ^ 1, OFFSET ^ 2, OFFSET ^ 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, le_word(word));
        }
    }
    // The tail: whole words to lanes in turn, then the last bytes zero-padded
    // (the length, folded in below, tells padding from real zero bytes).
    for (k, word) in blocks.remainder().chunks(8).enumerate() {
        lanes[k] = step(lanes[k], le_word(word));
    }
    let mut h = bytes.len() as u64;
    for lane in lanes {
        h = (h ^ lane).wrapping_mul(MIX);
        h ^= h >> 32;
    }
    h
}

/// Up to eight bytes as a little-endian word, zero-padded.
#[inline]
fn le_word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(word)
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
    fn checksum_is_frozen_and_sees_every_byte() {
        // Model files store this value: it must never change.
        assert_eq!(checksum(b""), 0x8b7a06c66555f270);
        assert_eq!(checksum(b"stance"), 0x88497340672c08dc);
        assert_eq!(
            checksum(b"0123456789abcdef0123456789abcdef0123456789"),
            0x361382faae0219d6
        );
        let text: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let base = checksum(&text);
        for i in 0..text.len() {
            let mut flipped = text.clone();
            flipped[i] ^= 0x01;
            assert_ne!(checksum(&flipped), base, "byte {i}");
        }
        // Zero padding of the tail is not the same as real zero bytes.
        assert_ne!(checksum(b"ab"), checksum(b"ab\0"));
        assert_ne!(checksum(&text[..999]), base);
    }

    #[test]
    fn fnv_in_steps_equals_fnv_of_the_whole() {
        let whole = fnv1a(b"b:talk_resum");
        let steps = Fnv::new().str("b:").str("talk").bytes(b"_").str("resum");
        assert_eq!(steps.finish(), whole);
        assert_eq!(Fnv::new().finish(), fnv1a(b""));
    }
}
