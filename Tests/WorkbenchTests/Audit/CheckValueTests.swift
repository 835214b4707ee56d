import Testing
@testable import Workbench

/// Every check value of `/work/shared/reference/bucketing.md` and `/work/shared/CONTEXT.md`.
@Suite("Bucketing check values")
struct CheckValueTests {
    @Test("reference service: int(sha256(text)[0:8], 16) % 100", arguments: [
        ("u1:feature_a", 56), ("257597:item_355908", 98), ("user_123:checkout_upsell", 64), ("1:u1", 7), ("1:user_123", 74),
    ])
    func referenceBucket(text: String, bucket: Int) {
        #expect(BucketingScheme.referenceBucket(text) == bucket)
    }

    @Test("reference service A/B on \"{experiment}:{unit}\": 1:u1 -> A, 1:user_123 -> B")
    func referenceVariant() {
        let scheme = BucketingScheme.referenceService
        #expect(scheme.assignment(unit: "u1", experiment: "1") == Assignment(bucket: 7, variantIndex: 0))
        #expect(scheme.assignment(unit: "user_123", experiment: "1") == Assignment(bucket: 74, variantIndex: 1))
    }

    @Test("GrowthBook v1: seed \"\", value \"a\" -> 0.22; v2: seed \"seed\", value \"a\" -> 0.0505")
    func growthBook() {
        #expect(BucketingScheme.growthBookHash(seed: "", value: "a", version: 1) == 0.22)
        #expect(BucketingScheme.growthBookHash(seed: "seed", value: "a", version: 2) == 0.0505)
    }

    @Test("LaunchDarkly: (hashKey, saltyA, userKeyA) -> 0.42157587")
    func launchDarkly() {
        let bucket = BucketingScheme.launchDarklyBucket(flagKey: "hashKey", salt: "saltyA", key: "userKeyA")
        #expect(abs(bucket - 0.42157587) < 5e-9)
    }

    @Test("FNV-1a 32-bit: published vectors (empty string -> offset basis, \"a\" -> 0xe40c292c)")
    func fnv() {
        #expect(FNV1a.hash32(utf16: "") == 0x811c_9dc5)
        #expect(FNV1a.hash32(utf16: "a") == 0xe40c_292c)
        #expect(FNV1a.hash32(utf16: "foobar") == 0xbf9c_f968)
    }
}
