#if canImport(Glibc)
import Glibc
#endif

/// Parses decimal numbers straight from bytes, without building a `String`.
///
/// The common case (at most 19 significant digits, decimal exponent within +-22) is exact:
/// the integer mantissa and the power of ten are both exact doubles, so one multiplication or
/// division rounds correctly (Clinger's fast path). Everything else falls back to `strtod`
/// on a NUL-terminated copy, which is correctly rounded too. Accepts an optional sign,
/// digits with an optional fraction, an optional exponent, and `nan`/`inf` spelled as
/// `strtod` accepts them; leading or trailing spaces are rejected.
enum NumberParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The value of `field`, or `nil` when it is not a number. O(length).
    static func parseDouble(_ field: FieldSlice) -> Double? {
        let count = field.count
        if count == 0 { return nil }
        let bytes = field.start
        var position = 0
        var negative = false
        if bytes[0] == 0x2D || bytes[0] == 0x2B {
            negative = bytes[0] == 0x2D
            position = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        while position < count {
            let digit = bytes[position] &- 0x30
            if digit > 9 { break }
            sawDigit = true
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { significantDigits += 1 }
            } else {
                exponent += 1
            }
            position += 1
        }
        if position < count && bytes[position] == 0x2E {
            position += 1
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                sawDigit = true
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    if mantissa != 0 { significantDigits += 1 }
                    exponent -= 1
                }
                position += 1
            }
        }
        if !sawDigit { return slowPath(field) }
        if position < count && (bytes[position] | 0x20) == 0x65 {  // e or E
            position += 1
            var exponentNegative = false
            if position < count && (bytes[position] == 0x2D || bytes[position] == 0x2B) {
                exponentNegative = bytes[position] == 0x2D
                position += 1
            }
            var explicitExponent = 0
            var sawExponentDigit = false
            while position < count {
                let digit = bytes[position] &- 0x30
                if digit > 9 { break }
                sawExponentDigit = true
                if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(digit) }
                position += 1
            }
            if !sawExponentDigit { return nil }
            exponent += exponentNegative ? -explicitExponent : explicitExponent
        }
        if position != count { return nil }
        if significantDigits >= 19 || mantissa > (1 << 53) || exponent < -22 || exponent > 22 {
            return slowPath(field)
        }
        var value = Double(mantissa)
        if exponent < 0 { value /= powersOfTen[-exponent] } else if exponent > 0 { value *= powersOfTen[exponent] }
        return negative ? -value : value
    }

    /// Correctly rounded conversion of anything the fast path declines.
    private static func slowPath(_ field: FieldSlice) -> Double? {
        // strtod skips leading blanks; a field with blanks around the number is rejected.
        if field.count > 400 || field.count == 0 || field.start[0] <= 0x20 { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: field.count + 1) { scratch in
            guard let base = scratch.baseAddress else { return nil }
            field.start.withMemoryRebound(to: CChar.self, capacity: field.count) { source in
                base.update(from: source, count: field.count)
            }
            base[field.count] = 0
            var endPointer: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &endPointer)
            guard let endPointer, endPointer == base + field.count else { return nil }
            return value
        }
    }

    /// Parses an optionally signed decimal integer, or `nil`. O(length).
    static func parseInteger(_ field: FieldSlice) -> Int64? {
        let count = field.count
        if count == 0 || count > 19 { return nil }
        var position = 0
        var negative = false
        if field.start[0] == 0x2D {
            negative = true
            position = 1
            if count == 1 { return nil }
        }
        var value: Int64 = 0
        while position < count {
            let digit = field.start[position] &- 0x30
            if digit > 9 { return nil }
            value = value * 10 + Int64(digit)
            position += 1
        }
        return negative ? -value : value
    }
}
