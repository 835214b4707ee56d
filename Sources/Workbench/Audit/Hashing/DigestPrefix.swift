import Crypto

/// Leading hex digits of a cryptographic digest read as an integer, the way flag services do
/// `int(sha256_hex(...)[0:8], 16)`.
///
/// Reading the first `hexDigits` hex digits equals reading the first bytes big-endian and
/// dropping the trailing half byte when `hexDigits` is odd; no hex string is built.
public enum DigestPrefix {
    /// The first `hexDigits` (1...16) hex digits of `digest` as an unsigned integer.
    public static func value<D: Digest>(of digest: D, hexDigits: Int) -> UInt64 {
        precondition((1...16).contains(hexDigits), "hexDigits must be 1...16, got \(hexDigits)")
        let byteCount = (hexDigits + 1) / 2
        var value: UInt64 = 0
        var taken = 0
        for byte in digest where taken < byteCount {
            value = value << 8 | UInt64(byte)
            taken += 1
        }
        return hexDigits % 2 == 1 ? value >> 4 : value
    }

    /// `int(sha256_hex(text)[0:hexDigits], 16)` over `text`'s UTF-8 bytes.
    public static func sha256(_ text: String, hexDigits: Int) -> UInt64 {
        value(of: SHA256.hash(data: Array(text.utf8)), hexDigits: hexDigits)
    }

    /// `int(sha1_hex(text)[0:hexDigits], 16)` over `text`'s UTF-8 bytes.
    public static func sha1(_ text: String, hexDigits: Int) -> UInt64 {
        value(of: Insecure.SHA1.hash(data: Array(text.utf8)), hexDigits: hexDigits)
    }

    /// `int(md5_hex(text)[0:hexDigits], 16)` over `text`'s UTF-8 bytes.
    public static func md5(_ text: String, hexDigits: Int) -> UInt64 {
        value(of: Insecure.MD5.hash(data: Array(text.utf8)), hexDigits: hexDigits)
    }
}
