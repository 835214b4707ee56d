/// One field of a row: a view of bytes inside the reader's buffer.
///
/// Valid only until the reader is asked for the next row; consumers copy (or intern) what they
/// keep. Quotes are already removed and doubled quotes already un-doubled.
struct FieldSlice {
    var start: UnsafePointer<UInt8>
    var count: Int

    var isEmpty: Bool { count == 0 }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    /// The field as a Swift string (invalid UTF-8 repaired), for messages and rare paths.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The field for an error message: quoted, at most 40 characters.
    var quotedForMessage: String {
        let text = string
        return text.count > 40 ? "\"\(text.prefix(40))...\"" : "\"\(text)\""
    }

    /// Whether the field equals `literal` byte for byte.
    func equals(_ literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount == count else { return false }
        return memcmp(start, literal.utf8Start, count) == 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
