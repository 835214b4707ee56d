import Testing
@testable import Workbench

@Suite("Report number formatting and escaping")
struct ReportFormattingTests {
    @Test(arguments: [
        (0.0123, "0.0123"), (0.04999, "0.0500"), (1.0, "1.0000"), (3.2e-5, "3.2e-05"), (1e-12, "< 1e-10"), (0.0, "< 1e-10"),
        (0.0001, "0.0001"),
    ])
    func pValues(value: Double, expected: String) {
        #expect(ReportNumberFormat.pValue(value) == expected)
    }

    @Test(arguments: [
        (0.0321, "+3.21%"), (-0.012, "−1.20%"), (0.25, "+25.0%"), (-1.5, "−150%"), (0.0004, "+0.040%"), (0.0, "0.00%"),
        (-0.00001, "−0.001%"),
    ])
    func signedPercents(value: Double, expected: String) {
        #expect(ReportNumberFormat.signedPercent(value) == expected)
    }

    @Test func missingAndNonFinite() {
        for value in [nil, Double.nan, .infinity, -.infinity] as [Double?] {
            #expect(ReportNumberFormat.signedPercent(value) == "—")
            #expect(ReportNumberFormat.pValue(value) == "—")
            #expect(ReportNumberFormat.value(value) == "—")
        }
        #expect(ReportNumberFormat.percentInterval(nil, nil) == "—")
        #expect(ReportNumberFormat.percentInterval(-0.01, nil) == "[−1.00%, —]")
        #expect(ReportNumberFormat.coordinate(.nan) == "0")
    }

    @Test func valuesAndCounts() {
        #expect(ReportNumberFormat.count(1_234_567) == "1,234,567")
        #expect(ReportNumberFormat.count(999) == "999")
        #expect(ReportNumberFormat.count(-1000) == "−1,000")
        #expect(ReportNumberFormat.value(0.10123) == "0.1012")
        #expect(ReportNumberFormat.value(12.3456) == "12.35")
        #expect(ReportNumberFormat.value(412.04) == "412")
        #expect(ReportNumberFormat.value(0.0004) == "0.0004")
        #expect(ReportNumberFormat.value(12_345.6) == "12,346")
        #expect(ReportNumberFormat.value(-0.5) == "−0.5")
        #expect(ReportNumberFormat.value(2.5e-6) == "2.5e-06")
        #expect(ReportNumberFormat.value(-1.23456e8) == "−1.235e+08")
        #expect(ReportNumberFormat.tickPercent(0.1) == "+10%")
        #expect(ReportNumberFormat.tickPercent(-0.025) == "−2.5%")
        #expect(ReportNumberFormat.tickPercent(0) == "0%")
        #expect(ReportNumberFormat.percent(1.0 / 3) == "33.3%")
    }

    @Test func escapes() {
        #expect(ReportEscaping.html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(ReportEscaping.markdown("a|b") == "a\\|b")
        #expect(ReportEscaping.markdown("ends with \\") == "ends with \\\\")
        #expect(ReportEscaping.markdown("two\nlines") == "two lines")
        #expect(ReportEscaping.markdown("<script>") == "&lt;script&gt;")
        #expect(ReportEscaping.markdown("`*_[x]") == "\\`\\*\\_\\[x\\]")
    }

    @Test func niceScale() {
        let scale = LinearScale(covering: [-0.023, 0.0722], padding: 0, rangeLow: 0, rangeHigh: 100)
        #expect(scale.domainLow <= -0.023 && scale.domainHigh >= 0.0722)
        #expect(scale.ticks().contains(0))
        #expect(LinearScale.niceStep(span: 0.1, count: 5) == 0.02)
        let flat = LinearScale(covering: [], rangeLow: 0, rangeHigh: 1)
        #expect(flat.domainHigh > flat.domainLow)
    }
}
