/// A unit's rollout bucket 0...99: the unit is enabled at a stage of r % when its bucket is below r.
///
/// The real bucket reuses the assignment audit's hashes (``BucketingScheme``): sha256-mod100
/// is the reference service's `int(sha256("{unit}:{flag}")[0:8], 16) % 100`, hence its check
/// values (`u1` with flag `feature_a` -> 56). The hashes that give a position in [0, 1)
/// (GrowthBook, LaunchDarkly) map to `floor(100 x position)`, Unleash's 1...100 to 0...99 and
/// an Eppo shard to `floor(100 x shard / totalShards)`. Replicates use ``salted(unitKey:salt:)``.
public enum RolloutBucket {
    /// The flag service's rollout bucket 0...99 of `unit` under `flagKey`.
    ///
    /// sha256-mod100 hashes `"{unit}:{flag}"` (the reference service's rollout order, see
    /// CONTEXT.md), the others the way their service hashes a rollout. O(length of the ids).
    public static func bucket(unit: String, flagKey: String, hash: BucketingHash, salt: String?) -> Int {
        switch hash {
        case .sha256Mod100:
            return BucketingScheme.referenceBucket("\(unit):\(flagKey)")
        case .growthBookV1, .growthBookV2:
            let position = BucketingScheme.growthBookHash(seed: flagKey, value: unit, version: hash == .growthBookV1 ? 1 : 2)
            return clamp(Int((position * 100).rounded(.down)))
        case .launchDarkly:
            return clamp(Int((BucketingScheme.launchDarklyBucket(flagKey: flagKey, salt: salt ?? "", key: unit) * 100).rounded(.down)))
        case .unleash:
            return Int(BucketingScheme.unleashNormalizedHash("\(flagKey):\(unit)", modulus: 100, seed: 0)) - 1
        case .eppo:
            let shards = 10_000
            return clamp(BucketingScheme.eppoShard(salt: salt ?? "", subject: unit, totalShards: shards) * 100 / shards)
        }
    }

    /// A fresh pseudo-bucket 0...99 for a replicate: SplitMix64's finaliser of the unit's key
    /// xor the salt, reduced mod 100.
    ///
    /// Not a flag service's hash, deliberately: replicates need independent re-hashes, and
    /// SplitMix64's finaliser passes BigCrush as a hash of sequential inputs while costing
    /// ~2 ns against ~400 ns for SHA-256. The mod-100 bias is below 1e-17.
    @inline(__always)
    public static func salted(unitKey: UInt64, salt: UInt64) -> Int {
        var z = unitKey ^ salt &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % 100)
    }

    /// A 64-bit key of a unit id for ``salted(unitKey:salt:)``: FNV-1a 64 over its UTF-8 bytes.
    public static func unitKey(_ unit: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in unit.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func clamp(_ bucket: Int) -> Int { min(99, max(0, bucket)) }
}
