import Foundation
import Testing
@testable import Workbench

/// MurmurHash3 x86_32 against Python's `mmh3` (Fixtures/audit/make_fixtures.py).
@Suite("MurmurHash3 x86_32")
struct MurmurHash3Tests {
    struct Vector: Decodable {
        var text: String
        var seed: UInt32
        var hash: UInt32
    }

    @Test("matches mmh3.hash(text, seed, signed=False) for 0...13+ bytes, non-ASCII text and 5 seeds")
    func matchesMmh3() throws {
        let vectors = try JSONDecoder().decode([Vector].self, from: try fixtureData("audit/murmur3-vectors.json"))
        #expect(vectors.count >= 100)
        for vector in vectors {
            #expect(MurmurHash3.x86_32(vector.text, seed: vector.seed) == vector.hash, "\(vector.text) seed \(vector.seed)")
        }
    }

    @Test("published vectors: empty string seed 0 -> 0, seed 1 -> 0x514e28b7")
    func publishedVectors() {
        #expect(MurmurHash3.x86_32("", seed: 0) == 0)
        #expect(MurmurHash3.x86_32("", seed: 1) == 0x514e_28b7)
    }
}
