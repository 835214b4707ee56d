import Foundation
import Testing

@testable import Workbench

/// Rollout buckets against the reference service's hash (Python hashlib) and the published
/// check values of /work/shared/reference/bucketing.md.
@Suite struct RolloutBucketTests {
    struct Buckets: Decodable {
        struct Check: Decodable { var unit: String; var flag: String; var bucket: Int }
        struct Flag: Decodable { var units: [String]; var buckets: [Int] }
        var check_values: [Check]
        var flags: [String: Flag]
    }

    @Test func sha256MatchesTheReferenceService() throws {
        let reference = try JSONDecoder().decode(Buckets.self, from: try fixtureData("simulation/buckets.json"))
        for check in reference.check_values {
            #expect(RolloutBucket.bucket(unit: check.unit, flagKey: check.flag, hash: .sha256Mod100, salt: nil) == check.bucket)
        }
        // u1 with feature_a -> 56, straight from CONTEXT.md.
        #expect(RolloutBucket.bucket(unit: "u1", flagKey: "feature_a", hash: .sha256Mod100, salt: nil) == 56)
        for (flag, expected) in reference.flags {
            let buckets = expected.units.map { RolloutBucket.bucket(unit: $0, flagKey: flag, hash: .sha256Mod100, salt: nil) }
            #expect(buckets == expected.buckets, "flag \(flag)")
        }
    }

    /// GrowthBook and LaunchDarkly positions map to floor(100 x position).
    @Test func otherServicesCheckValues() {
        #expect(RolloutBucket.bucket(unit: "a", flagKey: "", hash: .growthBookV1, salt: nil) == 22)  // 0.22
        #expect(RolloutBucket.bucket(unit: "a", flagKey: "seed", hash: .growthBookV2, salt: nil) == 5)  // 0.0505
        #expect(RolloutBucket.bucket(unit: "userKeyA", flagKey: "hashKey", hash: .launchDarkly, salt: "saltyA") == 42)  // 0.42157587
        for unit in ["u1", "u2", "abc"] {
            let unleash = RolloutBucket.bucket(unit: unit, flagKey: "f", hash: .unleash, salt: nil)
            #expect(unleash == Int(BucketingScheme.unleashNormalizedHash("f:\(unit)", modulus: 100, seed: 0)) - 1)
        }
    }

    /// Salted pseudo-buckets: every bucket is used about equally (chi-square with 99 degrees
    /// of freedom below its 0.999 quantile, 148.2), and different salts re-hash independently.
    @Test func saltedBucketsAreUniform() {
        var counts = [Int](repeating: 0, count: 100)
        var same = 0
        for unit in 0..<50_000 {
            let key = RolloutBucket.unitKey("u\(unit)")
            let first = RolloutBucket.salted(unitKey: key, salt: 11)
            counts[first] += 1
            if first == RolloutBucket.salted(unitKey: key, salt: 12) { same += 1 }
        }
        let expected = 500.0
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 148.2)
        // Independent salts agree on 1 % of units: 500 expected, 5 sd = 110.
        #expect(abs(same - 500) < 110)
    }
}
