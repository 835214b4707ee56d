/// A small, fast, seeded pseudo-random generator: SplitMix64 (Steele, Lea & Flood 2014).
///
/// The state advances by the golden-ratio increment 0x9E3779B97F4A7C15 and each output is the
/// state passed through the variant-13 finaliser of MurmurHash3 (Stafford's mix). Period 2^64;
/// passes BigCrush. It is the generator Java's `SplittableRandom` uses and the one that seeds
/// xoshiro generators. The same seed gives the same sequence on every platform and Swift
/// version, which is what reproducible bootstrap intervals need (Swift's
/// `SystemRandomNumberGenerator` cannot be seeded). Not for cryptography.
///
/// Check values: seed 0 gives 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The current state; any value is valid.
    public private(set) var state: UInt64

    /// Creates a generator from a seed. Any seed is valid, including 0.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits. O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits (the top bits of `next()`).
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0 ..< upperBound, without modulo bias (Lemire 2019). O(1) expected.
    ///
    /// Written out here rather than taken from the standard library's `next(upperBound:)` so
    /// that the sequence cannot change with the Swift version.
    public mutating func nextIndex(below upperBound: Int) -> Int {
        precondition(upperBound > 0, "upper bound must be positive, got \(upperBound)")
        let bound = UInt64(upperBound)
        var product = bound.multipliedFullWidth(by: next())
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = bound.multipliedFullWidth(by: next()) }
        }
        return Int(product.high)
    }
}
