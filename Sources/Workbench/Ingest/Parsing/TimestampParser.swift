/// How timestamps are written in a file.
public enum TimestampFormat: String, Sendable, Codable, CaseIterable {
    /// ISO-8601 text or epoch numbers, told apart per value: text with `-` is ISO-8601; a
    /// number of magnitude >= 1e11 is epoch milliseconds, smaller is epoch seconds. The cut is
    /// unambiguous for every date from 1973-03-03 to the year 5138.
    case auto
    /// ISO-8601 only: `2026-01-05T13:45:12Z`, `2026-01-05 13:45:12.250+02:00`, `...+0200`.
    case iso8601
    /// Seconds since 1970-01-01T00:00:00Z, integer or fractional.
    case epochSeconds = "epoch-seconds"
    /// Milliseconds since 1970-01-01T00:00:00Z.
    case epochMilliseconds = "epoch-milliseconds"
}

/// Parses timestamps into milliseconds since the Unix epoch (UTC), straight from bytes.
///
/// ISO-8601 without a zone is ambiguous (whose local time?), so it is rejected unless the
/// caller says naive times are UTC. Leap seconds (`:60`) are accepted and folded into the next
/// second, as POSIX time does. Cost: a few nanoseconds per value, no allocation.
struct TimestampParser {
    var format: TimestampFormat
    /// Treat ISO-8601 values without `Z` or an offset as UTC instead of rejecting them.
    var naiveIsUTC: Bool

    /// Why a value was rejected, for the error message.
    enum Failure: Error {
        case malformed
        case noTimeZone
        case outOfRange
    }

    /// Milliseconds since the epoch, or the reason the field is not a timestamp.
    func parse(_ field: FieldSlice) -> Result<Int64, Failure> {
        let count = field.count
        if count == 0 { return .failure(.malformed) }
        let looksISO = count >= 10 && field.start[4] == 0x2D
        switch format {
        case .iso8601:
            return parseISO(field)
        case .epochSeconds:
            return parseEpoch(field, multiplier: 1000)
        case .epochMilliseconds:
            return parseEpoch(field, multiplier: 1)
        case .auto:
            if looksISO { return parseISO(field) }
            guard let value = NumberParser.parseDouble(field) else { return .failure(.malformed) }
            return parseEpoch(value: value, multiplier: abs(value) >= 1e11 ? 1 : 1000)
        }
    }

    private func parseEpoch(_ field: FieldSlice, multiplier: Double) -> Result<Int64, Failure> {
        guard let value = NumberParser.parseDouble(field) else { return .failure(.malformed) }
        return parseEpoch(value: value, multiplier: multiplier)
    }

    private func parseEpoch(value: Double, multiplier: Double) -> Result<Int64, Failure> {
        let milliseconds = (value * multiplier).rounded()
        guard milliseconds.isFinite, abs(milliseconds) < 1e15 else { return .failure(.outOfRange) }
        return .success(Int64(milliseconds))
    }

    @inline(__always)
    private func digits(_ bytes: UnsafePointer<UInt8>, _ offset: Int, _ length: Int) -> Int? {
        var value = 0
        for index in offset..<(offset + length) {
            let digit = bytes[index] &- 0x30
            if digit > 9 { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    private func parseISO(_ field: FieldSlice) -> Result<Int64, Failure> {
        let bytes = field.start
        let count = field.count
        // YYYY-MM-DD
        guard count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2)
        else { return .failure(.malformed) }
        guard (1...12).contains(month), day >= 1, day <= Self.daysInMonth(year: year, month: month) else {
            return .failure(.outOfRange)
        }
        var seconds = 0
        var milliseconds = 0
        var position = 10
        if position < count {
            guard bytes[position] == 0x54 || bytes[position] == 0x20 || bytes[position] == 0x74 else {
                return .failure(.malformed)
            }
            // HH:MM[:SS[.fff]]
            guard count >= position + 6, bytes[position + 3] == 0x3A,
                  let hour = digits(bytes, position + 1, 2), let minute = digits(bytes, position + 4, 2)
            else { return .failure(.malformed) }
            position += 6
            var second = 0
            if position < count && bytes[position] == 0x3A {
                guard count >= position + 3, let value = digits(bytes, position + 1, 2) else { return .failure(.malformed) }
                second = value
                position += 3
                if position < count && (bytes[position] == 0x2E || bytes[position] == 0x2C) {
                    position += 1
                    var scale = 100
                    var sawDigit = false
                    while position < count {
                        let digit = bytes[position] &- 0x30
                        if digit > 9 { break }
                        milliseconds += Int(digit) * scale
                        scale /= 10
                        sawDigit = true
                        position += 1
                    }
                    if !sawDigit { return .failure(.malformed) }
                }
            }
            guard hour <= 24, minute <= 59, second <= 60 else { return .failure(.outOfRange) }
            if hour == 24 && (minute != 0 || second != 0) { return .failure(.outOfRange) }
            seconds = hour * 3600 + minute * 60 + second
            // Zone: Z, +HH:MM, +HHMM, +HH
            if position == count {
                if !naiveIsUTC { return .failure(.noTimeZone) }
            } else if bytes[position] == 0x5A || bytes[position] == 0x7A {
                position += 1
            } else if bytes[position] == 0x2B || bytes[position] == 0x2D {
                let sign = bytes[position] == 0x2B ? 1 : -1
                guard count >= position + 3, let offsetHours = digits(bytes, position + 1, 2) else {
                    return .failure(.malformed)
                }
                position += 3
                var offsetMinutes = 0
                if position < count {
                    if bytes[position] == 0x3A { position += 1 }
                    guard count >= position + 2, let value = digits(bytes, position, 2) else { return .failure(.malformed) }
                    offsetMinutes = value
                    position += 2
                }
                guard offsetHours <= 23, offsetMinutes <= 59 else { return .failure(.outOfRange) }
                seconds -= sign * (offsetHours * 3600 + offsetMinutes * 60)
            } else {
                return .failure(.malformed)
            }
            if position != count { return .failure(.malformed) }
        } else if !naiveIsUTC {
            // A bare date is midnight of some zone; a date is accepted as UTC midnight only when
            // naive times are declared UTC.
            return .failure(.noTimeZone)
        }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        return .success((Int64(days) * 86_400 + Int64(seconds)) * 1000 + Int64(milliseconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
