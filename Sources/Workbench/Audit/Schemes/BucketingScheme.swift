/// A flag service's bucketing rule with its parameters: recomputes which variant a unit must be in.
///
/// The hashed text is built from the experiment (flag) key and the unit id exactly as each
/// service does (see `docs/audit.md` and `/work/shared/reference/bucketing.md`). Variants are
/// picked from `weights` (relative; normalised to sum 1, except Unleash, which uses the integer
/// weights themselves as its hash modulus). Each `assignment` call is O(length of the key +
/// number of variants): one hash and a scan of the cumulative weights.
public struct BucketingScheme: Sendable, Equatable {
    public var hash: BucketingHash
    /// Variant names, in the service's order (the order of its weights / variations).
    public var variants: [String]
    /// Relative weight of each variant; same count as `variants`, non-negative, positive sum.
    public var weights: [Double]
    /// GrowthBook hash seed; `nil` uses the experiment key, as GrowthBook does.
    public var seed: String?
    /// LaunchDarkly flag salt or Eppo allocation salt (required for those two).
    public var salt: String?
    /// GrowthBook coverage in [0, 1]: the share of units included, default 1.
    public var coverage: Double = 1
    /// Unleash gradual-rollout percentage 0...100, default 100.
    public var rolloutPercentage: Double = 100
    /// Unleash variant hash seed: 86028157 in SDKs from late 2023, 0 before.
    public var unleashVariantSeed: UInt32 = 86_028_157
    /// Eppo shard count, default 10000.
    public var totalShards = 10_000

    /// A scheme with equal weights over `variants`.
    public init(hash: BucketingHash, variants: [String], weights: [Double]? = nil) {
        self.hash = hash
        self.variants = variants
        self.weights = weights ?? Array(repeating: 1, count: variants.count)
    }

    /// The reference service's A/B rule: sha256-mod100 on `"{experiment}:{unit}"`, bucket < 50 -> "A".
    public static let referenceService = BucketingScheme(hash: .sha256Mod100, variants: ["A", "B"])

    /// Throws when the parameters cannot describe a real configuration of the service.
    public func validate() throws {
        guard !variants.isEmpty else {
            throw AuditError("No variants: pass --variants NAME,NAME,... in the service's order.")
        }
        guard weights.count == variants.count else {
            throw AuditError("\(weights.count) weights for \(variants.count) variants: pass one --weights value per variant.")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.reduce(0, +) > 0 else {
            throw AuditError("Weights must be non-negative with a positive sum, got \(weights): fix --weights.")
        }
        guard Set(variants).count == variants.count else {
            throw AuditError("Variant names repeat in \(variants): give each variant once.")
        }
        switch hash {
        case .launchDarkly where salt == nil:
            throw AuditError("LaunchDarkly hashes \"{flag}.{salt}.{unit}\": pass the flag's --salt (from the flag's JSON).")
        case .eppo where salt == nil:
            throw AuditError("Eppo hashes \"{salt}-{unit}\": pass the allocation's --salt.")
        case .unleash where weights.contains(where: { $0 != $0.rounded() }):
            throw AuditError("Unleash variant weights are integers (usually summing to 1000), got \(weights): fix --weights.")
        case .eppo where totalShards <= 0:
            throw AuditError("Eppo needs a positive --total-shards, got \(totalShards).")
        default:
            break
        }
        guard (0...1).contains(coverage) else {
            throw AuditError("Coverage must be in [0, 1], got \(coverage): fix --coverage.")
        }
        guard (0...100).contains(rolloutPercentage) else {
            throw AuditError("Rollout must be a percentage 0...100, got \(rolloutPercentage): fix --rollout.")
        }
    }

    /// The bucket and variant the service computes for `unit` in `experiment`.
    ///
    /// Call `validate()` first; an invalid scheme breaks the preconditions here.
    public func assignment(unit: String, experiment: String) -> Assignment {
        precondition(!variants.isEmpty && weights.count == variants.count,
                     "scheme has \(variants.count) variants and \(weights.count) weights")
        switch hash {
        case .sha256Mod100:
            let bucket = Self.referenceBucket("\(experiment):\(unit)")
            return Assignment(bucket: Double(bucket), variantIndex: firstCumulative(exceeding: Double(bucket) / 100))
        case .growthBookV1, .growthBookV2:
            let position = Self.growthBookHash(seed: seed ?? experiment, value: unit, version: hash == .growthBookV1 ? 1 : 2)
            return Assignment(bucket: position, variantIndex: growthBookVariation(position))
        case .launchDarkly:
            let bucket = Self.launchDarklyBucket(flagKey: experiment, salt: salt ?? "", key: unit)
            // LaunchDarkly falls back to the last variation when weights sum below 100%.
            return Assignment(bucket: bucket, variantIndex: firstCumulative(exceeding: bucket) ?? variants.count - 1)
        case .unleash:
            let rolloutBucket = Self.unleashNormalizedHash("\(experiment):\(unit)", modulus: 100, seed: 0)
            guard Double(rolloutBucket) <= rolloutPercentage else {
                return Assignment(bucket: Double(rolloutBucket), variantIndex: nil)
            }
            return unleashVariant(unit: unit, groupID: experiment)
        case .eppo:
            let shard = Self.eppoShard(salt: salt ?? "", subject: unit, totalShards: totalShards)
            return Assignment(bucket: Double(shard), variantIndex: firstCumulative(exceeding: (Double(shard) + 0.5) / Double(totalShards)))
        }
    }

    // MARK: - The services' hashes

    /// `int(sha256_hex(text)[0:8], 16) % 100`: the reference Python service's bucket 0...99.
    public static func referenceBucket(_ text: String) -> Int {
        Int(DigestPrefix.sha256(text, hexDigits: 8) % 100)
    }

    /// GrowthBook's `hash(seed, value, version)`: a position in [0, 1) at 3 (v1) or 4 (v2) decimals.
    public static func growthBookHash(seed: String, value: String, version: Int) -> Double {
        precondition(version == 1 || version == 2, "GrowthBook hash version must be 1 or 2, got \(version)")
        if version == 1 {
            return Double(FNV1a.hash32(utf16: value + seed) % 1000) / 1000
        }
        let inner = FNV1a.hash32(utf16: seed + value)
        return Double(FNV1a.hash32(utf16: String(inner)) % 10_000) / 10_000
    }

    /// LaunchDarkly's bucket in [0, 1]: 15 hex digits of SHA-1 over `"{flagKey}.{salt}.{key}"` / 0xFFFFFFFFFFFFFFF.
    public static func launchDarklyBucket(flagKey: String, salt: String, key: String) -> Double {
        Double(DigestPrefix.sha1("\(flagKey).\(salt).\(key)", hexDigits: 15)) / Double(0xFFF_FFFF_FFFF_FFFF as UInt64)
    }

    /// Unleash's `normalizedHash`: `murmur3_x86_32(text, seed) % modulus + 1`, in 1...modulus.
    public static func unleashNormalizedHash(_ text: String, modulus: UInt32, seed: UInt32) -> UInt32 {
        precondition(modulus > 0, "modulus must be positive, got \(modulus)")
        return MurmurHash3.x86_32(text, seed: seed) % modulus + 1
    }

    /// Eppo's shard: `int(md5_hex("{salt}-{subject}")[0:8], 16) % totalShards`.
    public static func eppoShard(salt: String, subject: String, totalShards: Int) -> Int {
        precondition(totalShards > 0, "totalShards must be positive, got \(totalShards)")
        return Int(DigestPrefix.md5("\(salt)-\(subject)", hexDigits: 8) % UInt64(totalShards))
    }

    // MARK: - Variant choice

    /// The first variant whose cumulative normalised weight exceeds `position`, or nil past the end.
    private func firstCumulative(exceeding position: Double) -> Int? {
        let total = weights.reduce(0, +)
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight / total
            if position < cumulative { return index }
        }
        return nil
    }

    /// GrowthBook's `chooseVariation(n, getBucketRanges(count, coverage, weights))`.
    private func growthBookVariation(_ position: Double) -> Int? {
        let total = weights.reduce(0, +)
        var start = 0.0
        for (index, weight) in weights.enumerated() {
            let share = weight / total
            if position >= start && position < start + coverage * share { return index }
            start += share
        }
        return nil
    }

    /// Unleash's variant: target = normalizedHash(seed 86028157, modulus total weight); the first
    /// variant (skipping zero weights) whose running weight reaches the target.
    private func unleashVariant(unit: String, groupID: String) -> Assignment {
        let totalWeight = UInt32(weights.reduce(0, +))
        let target = Self.unleashNormalizedHash("\(groupID):\(unit)", modulus: totalWeight, seed: unleashVariantSeed)
        var counter: UInt32 = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            counter += UInt32(weight)
            if counter >= target { return Assignment(bucket: Double(target), variantIndex: index) }
        }
        return Assignment(bucket: Double(target), variantIndex: nil)
    }
}
