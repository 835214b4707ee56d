/// MurmurHash3 x86_32 (Austin Appleby, public domain): the hash Unleash's SDKs use.
///
/// Written here because no maintained Swift package providing MurmurHash3 is available to
/// this project (and the algorithm is 30 lines); it is tested against vectors from Python's
/// `mmh3` package (`Tests/WorkbenchTests/Fixtures/audit/make_murmur3_vectors.py`).
/// Unleash hashes the UTF-8 bytes of `"{groupId}:{unit}"`. O(n) in the byte count.
public enum MurmurHash3 {
    /// The 32-bit x86 MurmurHash3 of `bytes` with `seed` (unsigned result, as `mmh3.hash(..., signed=False)`).
    public static func x86_32<Bytes: Collection>(_ bytes: Bytes, seed: UInt32 = 0) -> UInt32 where Bytes.Element == UInt8 {
        let c1: UInt32 = 0xcc9e_2d51
        let c2: UInt32 = 0x1b87_3593
        var hash = seed
        var block: UInt32 = 0
        var blockLength = 0
        var length = 0
        // Little-endian 4-byte blocks, read one byte at a time so any Collection works.
        for byte in bytes {
            block |= UInt32(byte) << (8 * UInt32(blockLength))
            blockLength += 1
            length += 1
            if blockLength == 4 {
                var k = block &* c1
                k = k.rotatedLeft(15) &* c2
                hash ^= k
                hash = hash.rotatedLeft(13) &* 5 &+ 0xe654_6b64
                block = 0
                blockLength = 0
            }
        }
        if blockLength > 0 {
            var k = block &* c1
            k = k.rotatedLeft(15) &* c2
            hash ^= k
        }
        hash ^= UInt32(truncatingIfNeeded: length)
        hash ^= hash >> 16
        hash = hash &* 0x85eb_ca6b
        hash ^= hash >> 13
        hash = hash &* 0xc2b2_ae35
        hash ^= hash >> 16
        return hash
    }

    /// The 32-bit x86 MurmurHash3 of `text`'s UTF-8 bytes.
    public static func x86_32(_ text: String, seed: UInt32 = 0) -> UInt32 {
        x86_32(Array(text.utf8), seed: seed)
    }
}

extension UInt32 {
    fileprivate func rotatedLeft(_ count: UInt32) -> UInt32 {
        (self << count) | (self >> (32 - count))
    }
}
