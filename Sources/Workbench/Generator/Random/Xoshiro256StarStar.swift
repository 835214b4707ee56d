/// xoshiro256**, a fast all-purpose 64-bit generator (Blackman & Vigna 2018).
///
/// Period 2^256 - 1, 4-dimensionally equidistributed, passes BigCrush and PractRand. The
/// 256-bit state is filled from a 64-bit seed with ``SplitMix64`` as its authors recommend,
/// which also guarantees the state is never all zeros in practice (four consecutive SplitMix64
/// outputs cannot all be zero).
///
/// The generator owns no Foundation state, so the same seed yields the same sequence on every
/// run and machine. Matches the public-domain C reference `xoshiro256starstar.c`.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator whose state is the next four outputs of `SplitMix64(seed: seed)`.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// Creates an independent generator for one (seed, stream, substream) key.
    ///
    /// The key is hashed with the SplitMix64 finaliser into a 64-bit seed, so streams for
    /// different units or days never share a prefix in practice (a collision needs two keys
    /// whose hashes coincide, probability ~2^-64 per pair). Deriving a stream costs ~5 ns,
    /// which lets the generator create one per (unit, day) and stay order-independent.
    public init(seed: UInt64, stream: UInt64, substream: UInt64) {
        var key = SplitMix64.mix(seed &+ SplitMix64.increment)
        key = SplitMix64.mix(key ^ (stream &* 0xD1B5_4A32_D192_ED03))
        key = SplitMix64.mix(key ^ (substream &* 0xAEF1_7502_108E_F2D9))
        self.init(seed: key)
    }

    /// Creates a generator from an explicit 256-bit state (for tests against the reference).
    ///
    /// - Precondition: the state is not all zeros (the one fixed point of the recurrence).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(
            state.0 | state.1 | state.2 | state.3 != 0,
            "xoshiro256** state must not be all zeros")
        (s0, s1, s2, s3) = state
    }

    /// Returns the next 64 random bits. O(1), about 1 ns.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    @inlinable @inline(__always)
    func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
