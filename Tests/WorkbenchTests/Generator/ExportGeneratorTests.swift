import Foundation
import Testing

@testable import Workbench

/// End-to-end checks of `workbench generate` output: byte determinism, file shapes, and that
/// the rates in the data match the parameters recorded in truth.json.
///
/// Tolerances are about 4-5 standard errors of each estimate at the sample size used, so a
/// correct generator passes for any seed while a wrong rate, multiplier or window fails.
@Suite struct ExportGeneratorTests {
    static let dayInSeconds: Int64 = 86_400
    /// Units in the shared exports: enough for ~5% standard errors on the rarest rates.
    static let units = 4000

    /// Large effects so that their presence is measurable at a few thousand units.
    static var effectParameters: GeneratorParameters {
        var parameters = GeneratorParameters()
        parameters.units = units
        parameters.seed = 11
        parameters.bothVariantsFraction = 0.05
        parameters.effects = [
            TreatmentEffect(
                variant: "on", conversionLift: 0.5, revenueLift: 0.4, latencyChange: 0.2, errorRateChange: 1.0)
        ]
        return parameters
    }

    static let effectExport = Result { try ParsedExport.generate(effectParameters) }
    static let srmExport = Result {
        var parameters = effectParameters
        parameters.srmDropFraction = 0.3
        return try ParsedExport.generate(parameters)
    }

    // MARK: Determinism

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws {
        var parameters = GeneratorParameters()
        parameters.units = 400
        let first = try ParsedExport.generate(parameters)
        let second = try ParsedExport.generate(parameters)
        for name in ["exposures.csv", "events.csv", "truth.json", "spec.yaml"] {
            #expect(first.files[name] == second.files[name], "\(name) differs between runs with the same seed")
        }
        parameters.seed = 2
        let other = try ParsedExport.generate(parameters)
        #expect(other.files["exposures.csv"] != first.files["exposures.csv"])
        #expect(other.files["events.csv"] != first.files["events.csv"])
        #expect(other.truth.seed == 2)
    }

    // MARK: Shapes

    @Test func filesHaveTheAgreedHeadersAndRowShapes() throws {
        let export = try Self.effectExport.get()
        #expect(export.exposureLines.first == "timestamp,unit_id,experiment,variant,country,platform")
        #expect(export.eventLines.first == "timestamp,unit_id,event,value")
        let countries = Set(SegmentLevel.defaultCountries.map(\.name))
        let platforms = Set(SegmentLevel.defaultPlatforms.map(\.name))
        // Count bad rows and expect once: one #expect per row is too slow for 100k rows.
        let badExposures = export.exposures.filter { exposure in
            exposure.experiment != "checkout-v2" || !["off", "on"].contains(exposure.variant)
                || !countries.contains(exposure.country) || !platforms.contains(exposure.platform)
                || !Self.isUnitId(exposure.unit)
        }
        #expect(badExposures.isEmpty, "first bad exposure: \(String(describing: badExposures.first))")
        #expect(Set(export.exposures.map(\.unit)).count == Self.units, "every unit is exposed when there is no SRM")
        let badEvents = export.events.filter { event in
            guard Self.isUnitId(event.unit) else { return true }
            switch event.event {
            case "page_view", "error": return !event.value.isEmpty
            case "request": return !Self.isDecimal(event.value, decimals: 1)
            case "purchase": return !Self.isDecimal(event.value, decimals: 2)
            default: return true
            }
        }
        #expect(badEvents.isEmpty, "first bad event: \(String(describing: badEvents.first))")
        #expect(Set(export.events.map(\.event)) == ["page_view", "request", "error", "purchase"])
        // Attributes are a property of the unit, not of the exposure.
        var attributes: [String: String] = [:]
        var changedAttributes = 0
        for exposure in export.exposures {
            let value = exposure.country + "/" + exposure.platform
            if attributes[exposure.unit, default: value] != value { changedAttributes += 1 }
            attributes[exposure.unit] = value
        }
        #expect(changedAttributes == 0)
    }

    /// `u` followed by exactly seven digits.
    static func isUnitId(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 8 && bytes[0] == UInt8(ascii: "u")
            && bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Digits, a point, then exactly `decimals` digits.
    static func isDecimal(_ text: String, decimals: Int) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        func digits(_ part: Substring) -> Bool { !part.isEmpty && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        return parts.count == 2 && digits(parts[0]) && digits(parts[1]) && parts[1].count == decimals
    }

    @Test func rowsAreSortedByTimeAndInsideTheTimeline() throws {
        let export = try Self.effectExport.get()
        #expect(zip(export.exposures, export.exposures.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(zip(export.events, export.events.dropFirst()).allSatisfy { $0.time <= $1.time })
        let start: Int64 = 1_767_571_200  // 2026-01-05T00:00:00Z
        let firsts = export.firstExposures()
        let enrolmentEnd = start + 14 * Self.dayInSeconds
        #expect(firsts.values.allSatisfy { $0.time >= start && $0.time < enrolmentEnd })
        let outside = export.events.filter { event in
            guard let first = firsts[event.unit]?.time else { return true }
            return event.time < first - 14 * Self.dayInSeconds || event.time >= first + 14 * Self.dayInSeconds
        }
        #expect(outside.isEmpty, "events outside their unit's pre-period + window: \(outside.count)")
        #expect(export.truth.timeline.dataStart == "2025-12-22T00:00:00Z")
        #expect(export.truth.timeline.dataEnd == "2026-02-02T00:00:00Z")
    }

    @Test func enrolmentDecaysOverTheEnrolmentDays() throws {
        let export = try Self.effectExport.get()
        let start: Int64 = 1_767_571_200
        var perDay = [Int](repeating: 0, count: 14)
        for (_, first) in export.firstExposures() { perDay[Int((first.time - start) / Self.dayInSeconds)] += 1 }
        // Day d has weight 0.9^d: share of day 0 = 0.1 / (1 - 0.9^14).
        let firstDayShare = 0.1 / (1 - Foundation.pow(0.9, 14))
        let standardError = (firstDayShare * (1 - firstDayShare) / Double(Self.units)).squareRoot()
        #expect(abs(Double(perDay[0]) / Double(Self.units) - firstDayShare) < 5 * standardError)
        #expect(perDay[0] > 2 * perDay[13])
    }

    @Test func specIsTheAnalysisIssueFormat() throws {
        let export = try Self.effectExport.get()
        #expect(export.spec == Self.expectedSpec)
    }

    @Test func truthRecordsTheParametersAndTheRealisedCounts() throws {
        let export = try Self.effectExport.get()
        let truth = export.truth
        #expect(truth.parameters == Self.effectParameters)
        #expect(truth.seed == 11 && truth.control == "off" && truth.variants == ["off", "on"])
        #expect(truth.plannedWeights == [0.5, 0.5])
        #expect(truth.srm.dropFraction == 0 && truth.srm.expectedObservedWeights == [0.5, 0.5])
        #expect(truth.realized.exposureRows == export.exposures.count)
        #expect(truth.realized.eventRows == export.events.count)
        #expect(truth.realized.exposureBytes == Int64(try #require(export.files["exposures.csv"]).count))
        #expect(truth.realized.eventBytes == Int64(try #require(export.files["events.csv"]).count))
        for name in ["page_view", "request", "error", "purchase"] {
            #expect(truth.realized.eventRowsByName[name] == export.events.filter { $0.event == name }.count)
        }
        let effect = try #require(truth.effects.first)
        expectClose(effect.conversionRelativeLift, 0.5, relativeTolerance: 1e-12)
        expectClose(effect.revenuePerUnitRelativeLift, 0.4, relativeTolerance: 1e-12)
        expectClose(effect.latencyMultiplier, 1.2, relativeTolerance: 1e-12)
        expectClose(effect.errorRateMultiplier, 2.0, relativeTolerance: 1e-12)
        #expect(truth.realized.unitsPerVariant.reduce(0, +) == Self.units)
    }

    // MARK: Rates against the truth

    /// Per-variant sums over each unit's metric window, excluding units seen in both variants
    /// (as the analysis does).
    struct WindowTotals {
        var units = 0
        var converted = 0
        var purchases = 0
        var revenue = 0.0
        var requests = 0
        var latencySum = 0.0
        var latencies: [Double] = []
        var errors = 0
    }

    static func windowTotals(_ export: ParsedExport) throws -> [String: WindowTotals] {
        let firsts = export.firstExposures()
        let variants = export.truth.variants
        // Mutate totals in place through an array: copying a total out of a dictionary and back
        // would copy its latency array on every event.
        var totals = [WindowTotals](repeating: .init(), count: variants.count)
        let variantIndex = Dictionary(uniqueKeysWithValues: variants.enumerated().map { ($1, $0) })
        var convertedUnits = Set<String>()
        for (_, first) in firsts where first.variants.count == 1 {
            totals[try #require(variantIndex[first.variant])].units += 1
        }
        for event in export.events {
            guard let first = firsts[event.unit], first.variants.count == 1, event.time >= first.time,
                event.time < first.time + 14 * dayInSeconds, let index = variantIndex[first.variant]
            else { continue }
            switch event.event {
            case "purchase":
                totals[index].purchases += 1
                totals[index].revenue += try #require(Double(event.value))
                if convertedUnits.insert(event.unit).inserted { totals[index].converted += 1 }
            case "request":
                let latency = try #require(Double(event.value))
                totals[index].requests += 1
                totals[index].latencySum += latency
                totals[index].latencies.append(latency)
            case "error":
                totals[index].errors += 1
            default:
                break
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(variants, totals))
    }

    @Test func windowRatesMatchTheTruth() throws {
        let export = try Self.effectExport.get()
        let totals = try Self.windowTotals(export)
        for metrics in export.truth.variantMetrics {
            let total = try #require(totals[metrics.variant])
            let units = Double(total.units)
            #expect(total.units > Self.units * 4 / 10)
            let conversion = Double(total.converted) / units
            let conversionError = (metrics.conversionRate * (1 - metrics.conversionRate) / units).squareRoot()
            #expect(
                abs(conversion - metrics.conversionRate) < 4.5 * conversionError,
                "\(metrics.variant) conversion \(conversion) vs \(metrics.conversionRate)")
            // Purchases per unit: a share b of buyers making Poisson(c A) purchases, A ~ Gamma(2, 1/2):
            // variance b c + c^2 (1.5 b - b^2).
            let purchases = Double(total.purchases) / units
            let buyers = export.truth.parameters.buyerFraction
            let perBuyer = metrics.purchasesPerUnit / buyers
            let purchasesVariance = buyers * perBuyer + perBuyer * perBuyer * (1.5 * buyers - buyers * buyers)
            let purchasesError = (purchasesVariance / units).squareRoot()
            #expect(abs(purchases - metrics.purchasesPerUnit) < 4.5 * purchasesError, "\(metrics.variant) purchases \(purchases)")
            // Revenue per purchase: log-normal with total log sd sqrt(0.5^2 + 0.6^2), CV ~0.92.
            let perPurchase = total.revenue / Double(total.purchases)
            expectClose(
                perPurchase, metrics.revenuePerPurchase, relativeTolerance: 4.5 * 0.92 / Double(total.purchases).squareRoot(),
                "\(metrics.variant) revenue per purchase")
            // Requests per unit: Gamma-Poisson with mean 0.31 * 14.
            let requests = Double(total.requests) / units
            let requestsError = ((metrics.requestsPerUnit + metrics.requestsPerUnit * metrics.requestsPerUnit / 2) / units).squareRoot()
            #expect(abs(requests - metrics.requestsPerUnit) < 4.5 * requestsError, "\(metrics.variant) requests \(requests)")
            // Mean latency per request (CV of one latency ~0.95 under the slow tail).
            expectClose(
                total.latencySum / Double(total.requests), metrics.meanLatencyMilliseconds,
                relativeTolerance: 4.5 * 0.95 / Double(total.requests).squareRoot(), "\(metrics.variant) mean latency")
            let sorted = total.latencies.sorted()
            let p95 = sorted[Int(0.95 * Double(sorted.count))]
            expectClose(p95, metrics.latencyP95Milliseconds, relativeTolerance: 0.06, "\(metrics.variant) p95 latency")
            let errorRate = Double(total.errors) / Double(total.requests)
            let errorError = (metrics.errorRate / Double(total.requests)).squareRoot()
            #expect(abs(errorRate - metrics.errorRate) < 4.5 * errorError, "\(metrics.variant) error rate \(errorRate)")
        }
    }

    @Test func preAndPostActivityCorrelateThroughTheActivityLevel() throws {
        let export = try Self.effectExport.get()
        let firsts = export.firstExposures()
        var before: [String: Double] = [:]
        var after: [String: Double] = [:]
        for event in export.events where event.event == "page_view" {
            let first = try #require(firsts[event.unit]).time
            if event.time < first { before[event.unit, default: 0] += 1 } else { after[event.unit, default: 0] += 1 }
        }
        let units = Array(firsts.keys)
        let x = units.map { before[$0, default: 0] }
        let y = units.map { after[$0, default: 0] }
        let n = Double(units.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) } / n
        let varianceX = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) } / n
        let varianceY = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) } / n
        let correlation = covariance / (varianceX * varianceY).squareRoot()
        // Counts are Poisson(m A) with A ~ Gamma(2, 1/2): corr = (m^2 / 2) / (m + m^2 / 2), m = 0.4 * 14.
        let m = 0.4 * 14
        let expected = (m * m / 2) / (m + m * m / 2)
        #expect(abs(correlation - expected) < 0.06, "correlation \(correlation) vs \(expected)")
        expectClose(meanX, m, relativeTolerance: 0.05)
        expectClose(meanY, m, relativeTolerance: 0.05)
    }

    @Test func buyersPurchaseInBothPeriods() throws {
        // Control units only, so pre and post share the control purchase rate c per buyer.
        let export = try Self.effectExport.get()
        let firsts = export.firstExposures().filter { $0.value.variant == "off" && $0.value.variants.count == 1 }
        var before: [String: Double] = [:]
        var after: [String: Double] = [:]
        for event in export.events where event.event == "purchase" {
            guard let first = firsts[event.unit]?.time else { continue }
            if event.time < first { before[event.unit, default: 0] += 1 } else { after[event.unit, default: 0] += 1 }
        }
        let units = Array(firsts.keys)
        let correlation = Self.correlation(units.map { before[$0, default: 0] }, units.map { after[$0, default: 0] })
        // Counts share buyer status B ~ Bernoulli(b) and activity A: with m = c A B,
        // corr = Var(m) / (E[m] + Var(m)), Var(m) = c^2 (1.5 b - b^2), E[m] = b c.
        let buyers = export.truth.parameters.buyerFraction
        let perBuyer = export.truth.variantMetrics[0].purchasesPerUnit / buyers
        let varianceOfMean = perBuyer * perBuyer * (1.5 * buyers - buyers * buyers)
        let expected = varianceOfMean / (buyers * perBuyer + varianceOfMean)
        #expect(abs(correlation - expected) < 0.12, "purchase-count correlation \(correlation) vs \(expected)")
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) } / n
        let varianceX = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) } / n
        let varianceY = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) } / n
        return covariance / (varianceX * varianceY).squareRoot()
    }

    @Test func exposureRowsPerUnitFollowTheRepeatRate() throws {
        let export = try Self.effectExport.get()
        // One first exposure, Poisson(0.8 A) repeats, and one extra for units in both variants.
        let expected: Double = 1 + 0.8 + 0.05
        let perUnit = Double(export.exposures.count) / Double(Self.units)
        let variance: Double = 0.8 + 0.64 / 2 + 0.05
        let tolerance = 4.5 * (variance / Double(Self.units)).squareRoot()
        #expect(abs(perUnit - expected) < tolerance, "exposures per unit \(perUnit)")
    }

    // MARK: Contamination and SRM

    @Test func bothVariantsFractionIsHonoured() throws {
        let export = try Self.effectExport.get()
        let firsts = export.firstExposures()
        let mixed = firsts.values.filter { $0.variants.count == 2 }.count
        let share = Double(mixed) / Double(firsts.count)
        #expect(abs(share - 0.05) < 4.5 * (0.05 * 0.95 / Double(firsts.count)).squareRoot(), "both-variants share \(share)")
        #expect(export.truth.realized.unitsInBothVariants == mixed)
    }

    @Test func defaultBothVariantsFractionIsSmallAndZeroMeansNone() throws {
        var parameters = GeneratorParameters()
        parameters.units = 300
        parameters.bothVariantsFraction = 0
        let clean = try ParsedExport.generate(parameters)
        #expect(clean.firstExposures().values.allSatisfy { $0.variants.count == 1 })
        #expect(GeneratorParameters().bothVariantsFraction == 0.005)
    }

    @Test func srmSkewsTheLoggedAllocationAndLeavesEventsUntouched() throws {
        let balanced = try Self.effectExport.get()
        let skewed = try Self.srmExport.get()
        func treatmentShare(_ export: ParsedExport) -> Double {
            let firsts = export.firstExposures()
            return Double(firsts.values.filter { $0.variant == "on" }.count) / Double(firsts.count)
        }
        // Expected logged share: 0.5 * 0.7 / (0.5 + 0.5 * 0.7).
        let expected = 0.35 / 0.85
        #expect(abs(treatmentShare(skewed) - expected) < 0.03, "treatment share \(treatmentShare(skewed))")
        #expect(abs(treatmentShare(balanced) - 0.5) < 0.03)
        expectClose(skewed.truth.srm.expectedObservedWeights[1], expected, relativeTolerance: 1e-12)
        let dropped = Double(skewed.truth.realized.unitsDroppedFromExposureLog)
        #expect(abs(dropped - 0.3 * 0.5 * Double(Self.units)) < 4.5 * (Double(Self.units) * 0.5 * 0.3 * 0.85).squareRoot())
        #expect(skewed.firstExposures().count == Self.units - skewed.truth.realized.unitsDroppedFromExposureLog)
        // A chi-square test on the logged counts must reject 50/50 at this size.
        let logged = Double(skewed.firstExposures().count)
        let treated = logged * treatmentShare(skewed)
        let chiSquare = 2 * Foundation.pow(treated - logged / 2, 2) / (logged / 2)
        #expect(chiSquare > 50)
        // Only the exposure log changes: the same seed gives the same events.
        #expect(skewed.files["events.csv"] == balanced.files["events.csv"])
    }

    // MARK: Validation

    @Test func invalidParametersThrowSentences() {
        var parameters = GeneratorParameters()
        parameters.units = 0
        #expect(throws: GeneratorError.self) { try ExportGenerator(parameters: parameters) }
        parameters = GeneratorParameters()
        parameters.weights = [1]
        #expect(throws: GeneratorError.self) { try ExportGenerator(parameters: parameters) }
        parameters = GeneratorParameters()
        parameters.variants = ["off", "o,n"]
        #expect(throws: GeneratorError.self) { try parameters.validate() }
        parameters = GeneratorParameters()
        parameters.effects = [TreatmentEffect(variant: "on", conversionLift: 20)]
        #expect(throws: GeneratorError.self) { try parameters.validate() }
        parameters = GeneratorParameters()
        parameters.srmDropFraction = 1
        #expect(throws: GeneratorError.self) { try parameters.validate() }
        #expect(throws: Never.self) { try GeneratorParameters().validate() }
    }

    @Test func effectListsBroadcastOrMatchTheTreatments() throws {
        let effects = try TreatmentEffect.broadcast(
            variants: ["off", "a", "b"], conversionLift: [0.05], revenueLift: [0.01, 0.02], latencyChange: [0],
            errorRateChange: [0.1])
        #expect(effects.map(\.variant) == ["a", "b"])
        #expect(effects.map(\.conversionLift) == [0.05, 0.05])
        #expect(effects.map(\.revenueLift) == [0.01, 0.02])
        #expect(throws: GeneratorError.self) {
            try TreatmentEffect.broadcast(
                variants: ["off", "a", "b"], conversionLift: [0.1, 0.2, 0.3], revenueLift: [0], latencyChange: [0],
                errorRateChange: [0])
        }
    }

    @Test func specQuotesNamesYamlWouldMisread() {
        #expect(ExperimentSpecTemplate.scalar("checkout-v2") == "checkout-v2")
        #expect(ExperimentSpecTemplate.scalar("off") == "\"off\"")
        #expect(ExperimentSpecTemplate.scalar("2026") == "\"2026\"")
    }

    /// The spec from the analysis issue, verbatim (for the default parameters).
    static let expectedSpec = """
        experiment: checkout-v2
        control: "off"
        window_days: 14          # metric window after each unit's first exposure
        pre_period_days: 14      # covariate window before first exposure (CUPED)
        alpha: 0.05
        correction: holm         # none | bonferroni | holm | bh | by
        sequential: {tuning: 5000}          # optional: always-valid intervals
        bayesian: {prior_mean: 0, prior_sd: 0.3}   # optional
        dimensions: [country, platform]
        metrics:
          - {name: conversion, type: proportion, event: purchase}
          - {name: revenue, type: mean, event: purchase, aggregate: sum, cuped: true, cap: {quantile: 0.999}}
          - {name: latency, type: ratio, numerator: {event: request, aggregate: sum},
             denominator: {event: request, aggregate: count}, direction: decrease,
             guardrail: {margin: 0.02}}
          - {name: error_rate, type: ratio, numerator: {event: error, aggregate: count},
             denominator: {event: request, aggregate: count}, direction: decrease, guardrail: {margin: 0.05}}
          - {name: latency_p95, type: quantile, event: request, quantile: 0.95, direction: decrease}

        """
}

/// Non-default designs: three variants, another start date, other windows.
@Suite struct ExportGeneratorDesignTests {
    @Test func threeVariantsGetTheirWeightsAndEffects() throws {
        var parameters = GeneratorParameters()
        parameters.units = 2000
        parameters.seed = 21
        parameters.variants = ["off", "a", "b"]
        parameters.weights = [2, 1, 1]
        parameters.bothVariantsFraction = 0.1
        parameters.effects = try TreatmentEffect.broadcast(
            variants: parameters.variants, conversionLift: [0.05, 0.10], revenueLift: [0.0], latencyChange: [0, 0.08],
            errorRateChange: [0])
        let export = try ParsedExport.generate(parameters)
        #expect(export.truth.plannedWeights == [0.5, 0.25, 0.25])
        #expect(export.truth.effects.map(\.variant) == ["a", "b"])
        expectClose(export.truth.variantMetrics[2].conversionRate, 0.077, relativeTolerance: 1e-12)
        expectClose(export.truth.effects[1].latencyMultiplier, 1.08, relativeTolerance: 1e-12)
        let firsts = export.firstExposures()
        for (variant, share) in [("off", 0.5), ("a", 0.25), ("b", 0.25)] {
            let observed = Double(firsts.values.filter { $0.variant == variant }.count) / 2000
            #expect(abs(observed - share) < 4.5 * (share * (1 - share) / 2000).squareRoot(), "\(variant) share \(observed)")
        }
        // Crossovers go to each of the other variants.
        let crossedPairs = Set(firsts.values.filter { $0.variants.count == 2 }.map { $0.variants.sorted().joined(separator: "+") })
        #expect(crossedPairs == ["a+off", "b+off", "a+b"])
        #expect(export.spec.contains("control: \"off\""))
    }

    @Test func startDateAndWindowsShapeTheTimeline() throws {
        var parameters = GeneratorParameters()
        parameters.units = 500
        parameters.startDate = try CivilDate(parsing: "2024-02-28")
        parameters.enrolmentDays = 3
        parameters.windowDays = 5
        parameters.prePeriodDays = 2
        let export = try ParsedExport.generate(parameters)
        let start: Int64 = 1_709_078_400  // 2024-02-28T00:00:00Z (Python datetime)
        let day: Int64 = 86_400
        let firsts = export.firstExposures()
        #expect(firsts.values.allSatisfy { $0.time >= start && $0.time < start + 3 * day })
        let outside = export.events.filter { event in
            guard let first = firsts[event.unit]?.time else { return true }
            return event.time < first - 2 * day || event.time >= first + 5 * day
        }
        #expect(outside.isEmpty)
        #expect(export.exposures.contains { $0.time >= start + day && $0.time < start + 2 * day }, "2024-02-29 exists")
        #expect(export.eventLines.contains { $0.hasPrefix("2024-02-29T") })
        #expect(export.truth.timeline.dataStart == "2024-02-26T00:00:00Z")
        #expect(export.truth.timeline.dataEnd == "2024-03-07T00:00:00Z")
        #expect(export.spec.contains("window_days: 5 "))
        #expect(export.spec.contains("pre_period_days: 2 "))
        expectClose(export.truth.variantMetrics[0].requestsPerUnit, 0.31 * 5, relativeTolerance: 1e-12)
    }
}
