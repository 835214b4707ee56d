import Testing
@testable import Stats

/// SRM chi-square against 300 references (scipy `chisquare` on the positive-weight arms,
/// mpmath incomplete gamma for the tail): 2-6 arms, zero-weight arms with and without leaked
/// units, 10 to 1e8 units, p-values down to the double range.
@Suite struct SRMFixtureTests {
    struct Case: Decodable {
        var observed: [Double]
        var weights: [Double]
        var undefined: Bool?
        var statistic: Double?
        var degreesOfFreedom: Double?
        var pValue: Double?
        var droppedUnits: Double?
    }

    @Test func chiSquareGoodnessOfFit() throws {
        let cases = try loadFixture([Case].self, "srm/srm.json")
        #expect(cases.count >= 300)
        for (index, item) in cases.enumerated() {
            let result = try SRM.test(observed: item.observed, plannedWeights: item.weights)
            if item.undefined == true {
                #expect(result.value == nil, "case \(index)")
                continue
            }
            let value = try #require(result.value, "case \(index)")
            expectClose(value.statistic, try #require(item.statistic), relativeTolerance: 1e-9, absoluteFloor: 1e-9, "case \(index) statistic")
            #expect(value.degreesOfFreedom == item.degreesOfFreedom, "case \(index)")
            expectClose(value.pValue, try #require(item.pValue), relativeTolerance: 1e-7, absoluteFloor: 1e-300, "case \(index) p")
            #expect(value.unitsInDroppedArms == item.droppedUnits, "case \(index)")
        }
    }

    @Test func inputErrorsSayWhatToDo() {
        #expect(throws: SRMInputError.lengthMismatch(counts: 2, weights: 3)) {
            try SRM.test(observed: [1, 2], plannedWeights: [0.3, 0.3, 0.4])
        }
        #expect(throws: SRMInputError.invalidWeight(index: 1, value: -0.5)) {
            try SRM.test(observed: [1, 2], plannedWeights: [0.5, -0.5])
        }
    }

    @Test func fewerThanTwoArmsIsUndefined() throws {
        #expect(try SRM.test(observed: [10, 3], plannedWeights: [1, 0]).undefinedReason == .fewerThanTwoArms)
        #expect(try SRM.test(observed: [0, 0], plannedWeights: [0.5, 0.5]).undefinedReason == .noUnits)
    }
}
