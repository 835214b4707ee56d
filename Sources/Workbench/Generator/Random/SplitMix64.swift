/// SplitMix64, the 64-bit generator Vigna recommends for seeding the xoshiro family.
///
/// Each call adds the golden-ratio increment 0x9E3779B97F4A7C15 to the state and returns the
/// state passed through a bijective finaliser (Stafford's "Mix13" variant), so the output is
/// equidistributed over 64 bits with period 2^64. It is used here only to expand one 64-bit
/// seed into the 256-bit state of ``Xoshiro256StarStar`` and to hash stream keys; it is not
/// the workhorse generator.
///
/// Matches the public-domain C reference `splitmix64.c` (Steele, Lea & Flood 2014; Vigna):
/// seed 1234567 gives 6457827717110365317, 3203168211198807973, ...
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The golden-ratio increment added to the state on every call.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The raw 64-bit state; any value, including zero, is valid.
    public var state: UInt64

    /// Creates a generator whose first output is `mix(seed &+ 0x9E3779B97F4A7C15)`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits. O(1), no allocation.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijection on 64-bit words with good avalanche.
    ///
    /// Used to derive independent stream keys from (seed, unit, day) without running a
    /// generator.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
