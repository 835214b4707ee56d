import Foundation
import Testing
@testable import Workbench

/// Each scheme's bucket and variant against values computed by the peers (hashlib, mmh3 and the
/// GrowthBook Python SDK's gbhash/getBucketRanges/chooseVariation) in Fixtures/audit/make_fixtures.py.
@Suite("Bucketing schemes")
struct BucketingSchemeTests {
    struct Config: Decodable {
        var name: String
        var hash: String
        var variants: [String]
        var weights: [Double]
        var coverage: Double?
        var seed: String?
        var salt: String?
        var rollout: Double?
        var variantSeed: UInt32?
        var totalShards: Int?
        var cases: [Case]
    }

    struct Case: Decodable {
        var unit: String
        var experiment: String
        var bucket: Double
        var variant: String?
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    static let configs: [Config] = {
        guard let data = try? fixtureData("audit/scheme-vectors.json"),
              let configs = try? Self.decoder.decode([Config].self, from: data) else { return [] }
        return configs
    }()

    @Test("fixture has every scheme")
    func fixtureLoaded() {
        #expect(Set(Self.configs.map(\.hash)) == Set(BucketingHash.allCases.map(\.rawValue)))
    }

    @Test("bucket and variant match the peers", arguments: BucketingSchemeTests.configs.map(\.name))
    func matchesPeers(name: String) throws {
        let config = try #require(Self.configs.first { $0.name == name })
        let hash = try #require(BucketingHash(rawValue: config.hash))
        var scheme = BucketingScheme(hash: hash, variants: config.variants, weights: config.weights)
        scheme.seed = config.seed
        scheme.salt = config.salt
        if let coverage = config.coverage { scheme.coverage = coverage }
        if let rollout = config.rollout { scheme.rolloutPercentage = rollout }
        if let seed = config.variantSeed { scheme.unleashVariantSeed = seed }
        if let shards = config.totalShards { scheme.totalShards = shards }
        try scheme.validate()
        var outside = 0
        for testCase in config.cases {
            let assignment = scheme.assignment(unit: testCase.unit, experiment: testCase.experiment)
            // Buckets are exact integers or short decimals, except LaunchDarkly's 60-bit fraction.
            #expect(abs(assignment.bucket - testCase.bucket) <= 1e-15 * max(1, abs(testCase.bucket)),
                    "\(testCase.experiment):\(testCase.unit)")
            #expect(assignment.variantIndex.map { scheme.variants[$0] } == testCase.variant,
                    "\(testCase.experiment):\(testCase.unit)")
            if testCase.variant == nil { outside += 1 }
        }
        // Coverage 0.8 and rollout 70% must put some units outside, or those paths are untested.
        if name == "growthbook-v2-coverage" || name == "unleash" { #expect(outside > 0) }
    }

    @Test("invalid parameters throw a sentence saying what to do")
    func validation() {
        #expect(throws: AuditError.self) { try BucketingScheme(hash: .launchDarkly, variants: ["a", "b"]).validate() }
        #expect(throws: AuditError.self) { try BucketingScheme(hash: .sha256Mod100, variants: ["A", "B"], weights: [1]).validate() }
        #expect(throws: AuditError.self) { try BucketingScheme(hash: .unleash, variants: ["a", "b"], weights: [0.5, 0.5]).validate() }
        #expect(throws: AuditError.self) { try BucketingScheme(hash: .sha256Mod100, variants: ["A", "A"]).validate() }
    }
}
