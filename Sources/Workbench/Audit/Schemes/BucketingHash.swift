/// Which flag service's bucketing rule to recompute.
public enum BucketingHash: String, Sendable, Codable, CaseIterable {
    /// The reference Python service: `int(sha256_hex("{experiment}:{unit}")[0:8], 16) % 100`.
    case sha256Mod100 = "sha256-mod100"
    /// GrowthBook hash version 1: `(fnv1a32(unit + seed) % 1000) / 1000`.
    case growthBookV1 = "growthbook-v1"
    /// GrowthBook hash version 2: `(fnv1a32(decimal(fnv1a32(seed + unit))) % 10000) / 10000`.
    case growthBookV2 = "growthbook-v2"
    /// LaunchDarkly: `sha1_hex("{flag}.{salt}.{unit}")[0:15] / 0xFFFFFFFFFFFFFFF`.
    case launchDarkly = "launchdarkly"
    /// Unleash: MurmurHash3 x86_32 of `"{groupId}:{unit}"` (rollout seed 0, variant seed 86028157).
    case unleash
    /// Eppo: `int(md5_hex("{salt}-{unit}")[0:8], 16) % totalShards`.
    case eppo
}
