/// FNV-1a, 32-bit, over the UTF-16 code units of a string: the hash GrowthBook's SDKs use.
///
/// GrowthBook's JavaScript SDK hashes `String.charCodeAt(i)` (UTF-16 code units), not UTF-8
/// bytes, so non-ASCII ids only match when hashed the same way. Offset basis 0x811c9dc5,
/// prime 16777619, arithmetic mod 2^32. O(n) in the string's UTF-16 length.
public enum FNV1a {
    /// The 32-bit FNV-1a hash of `text`'s UTF-16 code units.
    public static func hash32(utf16 text: String) -> UInt32 {
        var value: UInt32 = 0x811c_9dc5
        for unit in text.utf16 {
            value ^= UInt32(unit)
            value = value &* 16_777_619
        }
        return value
    }
}
