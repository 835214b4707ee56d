import Testing
@testable import Stats

@Suite struct SampleSummaryTests {
    @Test func meanAndVarianceOfKnownValues() {
        let summary = SampleSummary([1, 2, 3, 4])
        #expect(summary.count == 4)
        #expect(summary.mean == 2.5)
        #expect(summary.variance == 5.0 / 3.0)
    }

    @Test func varianceNeedsTwoUnits() {
        #expect(SampleSummary([7]).variance == nil)
        #expect(SampleSummary.empty.mean == nil)
    }

    @Test func summariesAddAcrossPartitions() {
        let whole = SampleSummary([1, 2, 3, 4, 5])
        let merged = SampleSummary([1, 2]) + SampleSummary([3, 4, 5])
        #expect(whole == merged)
    }
}
