import Testing
@testable import Stats

@Suite struct ReadableNumberTests {
    @Test(arguments: [
        (0.05, "0.05"), (0.016666666666666666, "0.01667"), (0.0004924405414449633, "4.924e-04"),
        (-0.02087848021261087, "-0.02088"), (12.345678, "12.35"), (1234.56, "1235"), (0, "0"), (1e-300, "1.000e-300"),
    ])
    func reasonsShowFourSignificantDigits(value: Double, expected: String) {
        #expect(readable(value) == expected)
    }
}
