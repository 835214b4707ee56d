import Foundation
import Testing
@testable import Workbench

@Suite struct ParsingTests {
    private func field<T>(_ text: String, _ body: (FieldSlice) -> T) -> T {
        var copy = text
        return copy.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return body(FieldSlice(start: UnsafePointer(bitPattern: 1)!, count: 0)) }
            return body(FieldSlice(start: base, count: buffer.count))
        }
    }

    private func timestamp(_ text: String, _ format: TimestampFormat = .auto, naive: Bool = false) -> Int64? {
        field(text) { try? TimestampParser(format: format, naiveIsUTC: naive).parse($0).get() }
    }

    @Test func isoTimestampsWithZonesAndFractions() {
        let noon = epochMilliseconds(2026, 1, 5, 12)
        #expect(timestamp("2026-01-05T12:00:00Z") == noon)
        #expect(timestamp("2026-01-05t12:00:00z") == noon)
        #expect(timestamp("2026-01-05T14:00:00+02:00") == noon)
        #expect(timestamp("2026-01-05T14:00:00+0200") == noon)
        #expect(timestamp("2026-01-05T07:30:00-04:30") == noon)
        #expect(timestamp("2026-01-05 12:00:00.5Z") == noon + 500)
        #expect(timestamp("2026-01-05T12:00:00.123456789Z") == noon + 123)
        #expect(timestamp("2026-01-05T12:00Z") == noon)
        #expect(timestamp("2024-02-29T00:00:00Z") == epochMilliseconds(2024, 2, 29))
        #expect(timestamp("1969-12-31T23:59:59Z") == -1000)
    }

    @Test func rejectsImpossibleOrAmbiguousTimes() {
        #expect(timestamp("2026-02-29T00:00:00Z") == nil)
        #expect(timestamp("2026-01-05T25:00:00Z") == nil)
        #expect(timestamp("2026-01-05T12:00:00") == nil)
        #expect(timestamp("2026-01-05T12:00:00", naive: true) == epochMilliseconds(2026, 1, 5, 12))
        #expect(timestamp("2026-01-05T12:00:00Zjunk") == nil)
        #expect(timestamp("yesterday") == nil)
        #expect(timestamp("") == nil)
    }

    @Test func epochSecondsAndMillisecondsAreToldApart() {
        #expect(timestamp("1767614400") == 1_767_614_400_000)
        #expect(timestamp("1767614400.25") == 1_767_614_400_250)
        #expect(timestamp("1767614400123") == 1_767_614_400_123)
        #expect(timestamp("1767614400", .epochMilliseconds) == 1_767_614_400)
        #expect(timestamp("1767614400123", .epochSeconds) == nil)  // out of range as seconds
        #expect(timestamp("2026-01-05T12:00:00Z", .epochSeconds) == nil)
    }

    @Test func civilDaysMatchFoundation() {
        for (year, month, day) in [(1970, 1, 1), (2000, 2, 29), (2026, 12, 31), (1900, 3, 1), (2400, 2, 29)] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day))!
            #expect(TimestampParser.daysFromCivil(year: year, month: month, day: day) * 86_400 == Int(date.timeIntervalSince1970))
        }
    }

    @Test(arguments: ["0", "-0", "12", "12.5", "-3.25", "1e10", "1.5E-7", "0.1", "123456789012345678901234", "9007199254740993",
                      "1e-320", "2.2250738585072014e-308", "1.7976931348623157e308", "+4", "0.30000000000000004", ".5", "5."])
    func numbersMatchSwiftParsing(_ text: String) {
        let parsed = field(text) { NumberParser.parseDouble($0) }
        let expected = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text)
        #expect(parsed == expected, "\(text)")
    }

    @Test(arguments: ["", "-", "abc", "1,5", "12 ", " 12", "1e", "1.2.3", "--1", "0x10"])
    func nonNumbersAreRejected(_ text: String) {
        #expect(field(text) { NumberParser.parseDouble($0) } == nil, "\(text)")
    }
}
