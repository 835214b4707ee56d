import Foundation
import Testing

@testable import Workbench

/// Checks the generator's building blocks against generator_reference.json, written by
/// Fixtures/generator/make_fixtures.py (C reference transcriptions, Python datetime, scipy).
@Suite struct GeneratorReferenceTests {
    static func reference() throws -> [String: Any] {
        let data = try fixtureData("generator/generator_reference.json")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func words(_ value: Any?) throws -> [UInt64] {
        let strings = try #require(value as? [String])
        return try strings.map { try #require(UInt64($0)) }
    }

    @Test func splitMix64MatchesTheReference() throws {
        let entry = try #require(try Self.reference()["splitmix64"] as? [String: Any])
        let seed = try #require(entry["seed"] as? Int)
        var generator = SplitMix64(seed: UInt64(seed))
        let outputs = (0..<5).map { _ in generator.next() }
        #expect(outputs == (try Self.words(entry["outputs"])))
    }

    @Test func xoshiro256StarStarMatchesTheReference() throws {
        let entry = try #require(try Self.reference()["xoshiro256starstar"] as? [String: Any])
        let state = try Self.words(entry["state"])
        var explicit = Xoshiro256StarStar(state: (state[0], state[1], state[2], state[3]))
        #expect((0..<6).map { _ in explicit.next() } == (try Self.words(entry["outputs"])))

        let seed = try #require(entry["splitmixSeed"] as? Int)
        var seeded = Xoshiro256StarStar(seed: UInt64(seed))
        #expect((0..<6).map { _ in seeded.next() } == (try Self.words(entry["seededOutputs"])))
    }

    @Test func calendarConversionsMatchPythonDatetime() throws {
        let cases = try #require(try Self.reference()["calendar"] as? [[String: Any]])
        #expect(cases.count >= 10)
        for entry in cases {
            let seconds = try #require(entry["epochSeconds"] as? Int)
            let text = try #require(entry["text"] as? String)
            let days = try #require(entry["daysSinceEpoch"] as? Int)
            #expect(UTCTimestamp.format(epochSeconds: Int64(seconds)) == text)
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.description == String(text.prefix(10)))
            #expect(date.daysSinceEpoch == days)
            #expect(try CivilDate(parsing: String(text.prefix(10))) == date)
        }
    }

    @Test func civilDateRoundTripsEveryDayOfFourCenturies() {
        // 1900-01-01 ... 2300-01-01 covers every leap-year rule.
        var previous = CivilDate(daysSinceEpoch: -25568)
        var failures: [Int] = []
        for days in -25567...120_000 {
            let date = CivilDate(daysSinceEpoch: days)
            if date.daysSinceEpoch != days || !(previous < date) { failures.append(days) }
            previous = date
        }
        #expect(failures.isEmpty, "first failing day \(String(describing: failures.first))")
        #expect(CivilDate(daysSinceEpoch: 120_000).description == "2298-07-20")
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-05", "20260105", "2026-01-00", "abcd-01-01"])
    func invalidDatesAreRejected(_ text: String) {
        #expect(throws: GeneratorError.invalidDate(text)) { try CivilDate(parsing: text) }
    }

    @Test func purchaseRatesSolveTheNegativeBinomialZeroLikeScipy() throws {
        let cases = try #require(try Self.reference()["purchasesPerWindow"] as? [[String: Any]])
        for entry in cases {
            let shape = try #require(entry["shape"] as? Double)
            let buyers = try #require(entry["buyerFraction"] as? Double)
            let conversion = try #require(entry["conversion"] as? Double)
            let expected = try #require(entry["purchases"] as? Double)
            var parameters = GeneratorParameters()
            parameters.activityShape = shape
            parameters.buyerFraction = buyers
            parameters.baseConversionRate = conversion
            parameters.effects = [TreatmentEffect(variant: "on")]
            #expect(throws: Never.self) { try parameters.validate() }
            let model = BehaviourModel(parameters: parameters)
            expectClose(
                model.buyerPurchasesPerWindow[0], expected, relativeTolerance: 1e-10,
                "shape \(shape) buyers \(buyers) p \(conversion)")
            expectClose(model.purchasesPerUnit[0], buyers * expected, relativeTolerance: 1e-10)
        }
    }

    @Test func treatmentPurchaseRateReachesTheLiftedConversion() throws {
        // 0.0735 = 0.07 * 1.05: the treatment rate must equal scipy's solution for 0.0735.
        let cases = try #require(try Self.reference()["purchasesPerWindow"] as? [[String: Any]])
        let lifted = try #require(
            cases.first { ($0["conversion"] as? Double) == 0.0735 && ($0["buyerFraction"] as? Double) == 0.15 })
        var parameters = GeneratorParameters()
        parameters.effects = [TreatmentEffect(variant: "on", conversionLift: 0.05, revenueLift: 0.03)]
        let generator = try ExportGenerator(parameters: parameters)
        expectClose(
            generator.model.buyerPurchasesPerWindow[1], try #require(lifted["purchases"] as? Double),
            relativeTolerance: 1e-10)
        let truth = generator.groundTruth(realized: Self.emptySummary)
        expectClose(truth.effects[0].conversionRelativeLift, 0.05, relativeTolerance: 1e-12)
        expectClose(truth.effects[0].revenuePerUnitRelativeLift, 0.03, relativeTolerance: 1e-12)
        expectClose(truth.variantMetrics[1].conversionRate, 0.0735, relativeTolerance: 1e-12)
    }

    @Test func latencyTruthMatchesScipyMixture() throws {
        let latency = try #require(try Self.reference()["latency"] as? [String: Double])
        let generator = try ExportGenerator(parameters: GeneratorParameters())
        let truth = generator.groundTruth(realized: Self.emptySummary)
        expectClose(truth.variantMetrics[0].meanLatencyMilliseconds, try #require(latency["mean"]), relativeTolerance: 1e-12)
        expectClose(truth.variantMetrics[0].latencyP95Milliseconds, try #require(latency["p95"]), relativeTolerance: 1e-9)
        expectClose(generator.model.latency.quantile(0.5), try #require(latency["p50"]), relativeTolerance: 1e-9)
    }

    static let emptySummary = ExportSummary(
        unitsPerVariant: [], loggedUnitsPerVariant: [], unitsDroppedFromExposureLog: 0, unitsInBothVariants: 0,
        exposureRows: 0, eventRows: 0, eventRowsByName: [:], exposureBytes: 0, eventBytes: 0, firstTimestamp: "",
        lastTimestamp: "")
}
