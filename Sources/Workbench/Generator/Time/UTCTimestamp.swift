/// Formats whole seconds since the Unix epoch as ISO-8601 UTC text, `2026-01-05T13:45:12Z`.
///
/// Formatting is done by hand from ``CivilDate`` so that output is byte-identical on every
/// machine, independent of locale, time zone database and Foundation's date formatters.
public enum UTCTimestamp {
    /// Seconds in a UTC day (leap seconds do not exist in Unix time).
    public static let secondsPerDay = 86_400

    /// The 20-byte text `YYYY-MM-DDTHH:MM:SSZ` for `epochSeconds`.
    ///
    /// - Precondition: the year is within 0 ... 9999 (the fixed-width form).
    public static func format(epochSeconds: Int64) -> String {
        let seconds = Int(epochSeconds)
        let days = seconds >= 0 ? seconds / secondsPerDay : (seconds - secondsPerDay + 1) / secondsPerDay
        let secondOfDay = seconds - days * secondsPerDay
        var bytes = datePrefix(daysSinceEpoch: days)
        appendTimeOfDay(secondOfDay, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 11 bytes `YYYY-MM-DDT` for a day, cached per day by the writers.
    ///
    /// - Precondition: the year is within 0 ... 9999.
    public static func datePrefix(daysSinceEpoch days: Int) -> [UInt8] {
        let date = CivilDate(daysSinceEpoch: days)
        precondition((0...9999).contains(date.year), "timestamp year \(date.year) is outside 0...9999")
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        appendDigits(date.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(date.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(date.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        return bytes
    }

    /// Appends `HH:MM:SSZ` (9 bytes) for a second of the day in 0 ..< 86400.
    static func appendTimeOfDay(_ secondOfDay: Int, to bytes: inout [UInt8]) {
        appendDigits(secondOfDay / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    private static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var remaining = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
            remaining %= divisor
            divisor /= 10
        }
    }
}
