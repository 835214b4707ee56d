import Stats

/// Turns a `StatisticsTable` into `ExperimentResults`: every comparison of every metric against
/// control, overall and per segment, with the corrections, sequential intervals, Bayesian
/// figures, guardrails, SRM and the ship decision the spec asks for.
///
/// Families for multiple testing (documented in docs/spec-format.md): the overall comparisons of
/// the success metrics (metrics x treatment variants) form one family; each guardrail is judged
/// by its own non-inferiority test at `alpha` (the decision rule accounts for their number);
/// per-segment comparisons form one family per metric and dimension.
struct ResultsBuilder {
    let spec: ExperimentSpec
    let table: StatisticsTable

    private var confidenceLevel: Double { 1 - spec.alpha }
    /// Each arm's clustered quantile estimate is needed by the variant summary, the comparison
    /// and the decision: computed once per (metric, segment, variant).
    private let quantileEstimates = QuantileEstimateCache()

    func build() throws -> ExperimentResults {
        let control = 0
        let treatments = Array(table.variants.indices.dropFirst())
        var metricResults: [ExperimentResults.MetricResult] = []
        // Relative effects of the overall comparisons, for the family correction and decision.
        var overallEffects: [[ComparisonOutcome<EffectEstimate>]] = []
        for (metricIndex, metric) in spec.metrics.enumerated() {
            let metricTable = table.metrics[metricIndex]
            var comparisons: [ExperimentResults.Comparison] = []
            var effects: [ComparisonOutcome<EffectEstimate>] = []
            for treatment in treatments {
                let (comparison, relative) = compare(metric: metric, table: metricTable, segment: nil, control: control, treatment: treatment)
                comparisons.append(comparison)
                effects.append(relative)
            }
            overallEffects.append(effects)
            let segmentKeys = (metricTable.unitValues == nil ? Array(metricTable.segments.keys) : Array((metricTable.segmentUnitValues ?? [:]).keys)).sorted()
            for key in segmentKeys {
                for treatment in treatments {
                    comparisons.append(compare(metric: metric, table: metricTable, segment: key, control: control, treatment: treatment).0)
                }
            }
            metricResults.append(ExperimentResults.MetricResult(
                name: metric.name, type: metric.kind.typeName, direction: metric.increaseIsGood ? "increase" : "decrease",
                role: metric.guardrail == nil ? "success" : "guardrail",
                variants: table.variants.indices.map { variantSummary(metric: metric, table: metricTable, variant: $0) },
                comparisons: comparisons))
        }
        try applyCorrections(to: &metricResults)
        let srm = sampleRatioCheck()
        let decision = decide(effects: overallEffects, srm: srm)
        var units: [String: Int] = [:]
        for (index, name) in table.variants.enumerated() { units[name] = table.units[index] }
        return ExperimentResults(
            experiment: spec.experiment, control: spec.control, units: units, excluded: table.excluded, srm: srm,
            metrics: metricResults, decision: decision,
            settings: ExperimentResults.Settings(
                alpha: spec.alpha, correction: spec.correction.rawValue,
                correctionFamily: "overall: the success metrics x treatment variants form one family; each segment breakdown (metric x dimension) is its own family; guardrails are tested for non-inferiority at alpha without correction",
                windowDays: spec.windowDays, prePeriodDays: spec.prePeriodDays, sequentialTuning: spec.sequential?.tuning,
                bayesianPriorMean: spec.bayesian?.priorMean, bayesianPriorStandardDeviation: spec.bayesian?.priorStandardDeviation),
            timeline: timeline(), dataQuality: table.dataQuality, generatedBy: "workbench \(WorkbenchVersion.current)")
    }

    // MARK: - One comparison

    private func sums(_ table: StatisticsTable.MetricTable, segment: StatisticsTable.SegmentKey?, variant: Int) -> MomentSums? {
        if let segment { return table.segments[segment]?[variant] }
        return table.overall.indices.contains(variant) ? table.overall[variant] : nil
    }

    /// Frequentist effect on `scale` for a moment-sums metric.
    private func effect(metric: MetricSpec, control: MomentSums, treatment: MomentSums, scale: LiftScale) -> ComparisonOutcome<EffectEstimate> {
        let options = ComparisonOptions(scale: scale, alternative: .twoSided, confidenceLevel: confidenceLevel)
        switch metric.kind {
        case .proportion:
            return Frequentist.proportionTest(
                control: BinomialCounts(successes: control.sums[0], trials: control.count),
                treatment: BinomialCounts(successes: treatment.sums[0], trials: treatment.count), options: options)
        case .mean:
            if control.dimension == 2 { return CUPED.test(control: control.firstPair, treatment: treatment.firstPair, options: options) }
            return Frequentist.welchTest(control: control.first, treatment: treatment.first, options: options)
        case .ratio:
            if control.dimension == 4 { return CUPED.ratioTest(control: control.ratioCUPED, treatment: treatment.ratioCUPED, options: options) }
            return Frequentist.ratioTest(control: control.firstPair, treatment: treatment.firstPair, options: options)
        case .quantile:
            return .undefined(reason: .invalidInput("quantile metrics are compared from event values"))
        }
    }

    /// Absolute and relative effects of a quantile metric from unit-clustered event values.
    private func quantileEffects(metric: MetricSpec, probability: Double, segment: StatisticsTable.SegmentKey?,
                                 control: (Int, UnitGroupedValues), treatment: (Int, UnitGroupedValues))
        -> (absolute: ComparisonOutcome<EffectEstimate>, relative: ComparisonOutcome<EffectEstimate>) {
        do {
            let controlEstimate = try quantileEstimate(metric: metric, probability: probability, segment: segment,
                                                       variant: control.0, values: control.1).get()
            let treatmentEstimate = try quantileEstimate(metric: metric, probability: probability, segment: segment,
                                                         variant: treatment.0, values: treatment.1).get()
            let difference = Quantiles.difference(treatment: treatmentEstimate, control: controlEstimate)
            let notes = difference.note.map { [$0] } ?? []
            let z = NormalDistribution.standard.inverseSurvival(spec.alpha / 2)
            let absolute = EffectEstimate(
                scale: .absolute, estimate: difference.difference, standardError: difference.standardError, lowerBound: difference.lower,
                upperBound: difference.upper, pValue: difference.pValue,
                statistic: difference.standardError > 0 ? difference.difference / difference.standardError : 0,
                degreesOfFreedom: .infinity, alternative: .twoSided, confidenceLevel: confidenceLevel, notes: notes)
            let controlQuantile = difference.control.quantile
            guard controlQuantile != 0 else {
                return (.estimated(absolute), .undefined(reason: .zeroControlMean))
            }
            // Delta method for (q_t - q_c) / |q_c|, the two arms independent.
            let ratio = difference.treatment.quantile / controlQuantile
            let relativeError = (difference.treatment.standardError * difference.treatment.standardError
                + ratio * ratio * difference.control.standardError * difference.control.standardError).squareRoot() / abs(controlQuantile)
            let relativeEstimate = difference.difference / abs(controlQuantile)
            let relative = EffectEstimate(
                scale: .relative, estimate: relativeEstimate, standardError: relativeError,
                lowerBound: relativeEstimate - z * relativeError, upperBound: relativeEstimate + z * relativeError,
                pValue: difference.pValue, statistic: absolute.statistic, degreesOfFreedom: .infinity, alternative: .twoSided,
                confidenceLevel: confidenceLevel, notes: notes)
            return (.estimated(absolute), .estimated(relative))
        } catch {
            let reason = UndefinedReason.invalidInput("\(error)")
            return (.undefined(reason: reason), .undefined(reason: reason))
        }
    }

    private func compare(metric: MetricSpec, table: StatisticsTable.MetricTable, segment: StatisticsTable.SegmentKey?,
                         control: Int, treatment: Int) -> (ExperimentResults.Comparison, ComparisonOutcome<EffectEstimate>) {
        var comparison = ExperimentResults.Comparison(
            variant: table.variantName(treatment, in: self.table), dimension: segment.map { .init(name: $0.dimension, value: $0.value) })
        let absolute: ComparisonOutcome<EffectEstimate>
        let relative: ComparisonOutcome<EffectEstimate>
        var totalUnits = 0.0
        if case .quantile(_, let probability) = metric.kind {
            let values: [UnitGroupedValues]? = segment.map { table.segmentUnitValues?[$0] ?? [] } ?? table.unitValues
            let controlValues = values.flatMap { $0.indices.contains(control) ? $0[control] : nil } ?? UnitGroupedValues()
            let treatmentValues = values.flatMap { $0.indices.contains(treatment) ? $0[treatment] : nil } ?? UnitGroupedValues()
            if values == nil || (segment != nil && table.segmentUnitValues == nil) {
                let reason = UndefinedReason.invalidInput("a quantile metric needs event-level values; warehouse aggregates carry sums only")
                (absolute, relative) = (.undefined(reason: reason), .undefined(reason: reason))
            } else {
                comparison.units = treatmentValues.unitCount
                comparison.controlUnits = controlValues.unitCount
                totalUnits = Double(controlValues.unitCount + treatmentValues.unitCount)
                (absolute, relative) = quantileEffects(metric: metric, probability: probability, segment: segment,
                                                       control: (control, controlValues), treatment: (treatment, treatmentValues))
            }
        } else if let controlSums = sums(table, segment: segment, variant: control), let treatmentSums = sums(table, segment: segment, variant: treatment) {
            comparison.units = Int(treatmentSums.count)
            comparison.controlUnits = Int(controlSums.count)
            totalUnits = controlSums.count + treatmentSums.count
            absolute = effect(metric: metric, control: controlSums, treatment: treatmentSums, scale: .absolute)
            relative = effect(metric: metric, control: controlSums, treatment: treatmentSums, scale: .relative)
        } else {
            absolute = .undefined(reason: .noUnits)
            relative = .undefined(reason: .noUnits)
        }
        switch absolute {
        case .estimated(let value):
            comparison.absoluteLift = finite(value.estimate)
            comparison.absoluteCILow = finite(value.lowerBound)
            comparison.absoluteCIHigh = finite(value.upperBound)
            comparison.notes += value.notes
        case .undefined(let reason):
            comparison.notes.append("absolute lift undefined: \(reason)")
        }
        switch relative {
        case .estimated(let value):
            comparison.relativeLift = finite(value.estimate)
            comparison.ciLow = finite(value.lowerBound)
            comparison.ciHigh = finite(value.upperBound)
            comparison.pValue = finite(value.pValue)
            comparison.adjustedPValue = comparison.pValue
            comparison.cupedApplied = value.notes.contains { $0.hasPrefix("CUPED applied") }
            if let sequential = spec.sequential, totalUnits > 0, value.standardError > 0 {
                let always = Sequential.confidenceSequence(value, totalUnits: totalUnits, tuningUnits: sequential.tuning)
                comparison.sequentialCILow = finite(always.lowerBound)
                comparison.sequentialCIHigh = finite(always.upperBound)
                comparison.sequentialPValue = finite(always.pValue)
            }
            if let bayesian = spec.bayesian {
                let prior: EffectPrior = bayesian.priorStandardDeviation.map { .normal(mean: bayesian.priorMean, variance: $0 * $0) } ?? .flat
                if case .estimated(let posterior) = Bayesian.gaussianEffect(value, prior: prior, credibleLevel: confidenceLevel) {
                    comparison.chanceToWin = metric.increaseIsGood ? posterior.chanceToWin : 1 - posterior.chanceToWin
                    comparison.risk = metric.increaseIsGood ? posterior.riskTreatment : posterior.riskControl
                    comparison.riskControl = metric.increaseIsGood ? posterior.riskControl : posterior.riskTreatment
                }
            }
            if let guardrail = metric.guardrail {
                let scaleEffect = guardrail.relative ? relative : absolute
                if case .estimated(let effect) = scaleEffect {
                    let test = Guardrails.nonInferiorityTest(
                        effect, margin: NonInferiorityMargin(guardrail.margin, scale: guardrail.relative ? .relative : .absolute),
                        direction: metric.increaseIsGood ? .increase : .decrease, alpha: spec.alpha)
                    comparison.guardrail = .init(margin: guardrail.margin, relative: guardrail.relative, pValue: finite(test.pValue),
                                                 nonInferior: test.isNonInferior)
                } else {
                    comparison.guardrail = .init(margin: guardrail.margin, relative: guardrail.relative, pValue: nil, nonInferior: false)
                }
            }
        case .undefined(let reason):
            comparison.notes.append("relative lift undefined: \(reason)")
        }
        return (comparison, relative)
    }

    private func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// One arm's clustered quantile estimate, computed once per (metric, segment, variant).
    private func quantileEstimate(metric: MetricSpec, probability: Double, segment: StatisticsTable.SegmentKey?, variant: Int,
                                  values: UnitGroupedValues) -> Result<ClusteredQuantileEstimate, any Error> {
        let key = QuantileEstimateCache.Key(metric: metric.name, segment: segment, variant: variant)
        if let known = quantileEstimates.results[key] { return known }
        let arm = variant == 0 ? "control" : "treatment"  // variant 0 is the control
        let result = Result { try Quantiles.clusteredEstimate(unitEvents: values, probability: probability, confidenceLevel: confidenceLevel, arm: arm) }
        quantileEstimates.results[key] = result
        return result
    }

    // MARK: - Summaries

    private func variantSummary(metric: MetricSpec, table: StatisticsTable.MetricTable, variant: Int) -> ExperimentResults.VariantSummary {
        let name = self.table.variants[variant]
        if case .quantile(_, let probability) = metric.kind {
            let values = table.unitValues.flatMap { $0.indices.contains(variant) ? $0[variant] : nil } ?? UnitGroupedValues()
            let estimate = try? quantileEstimate(metric: metric, probability: probability, segment: nil, variant: variant,
                                                 values: values).get()
            return .init(variant: name, units: self.table.units[variant], mean: estimate.map(\.quantile).flatMap(finite),
                         standardError: estimate.map(\.standardError).flatMap(finite))
        }
        guard table.overall.indices.contains(variant) else { return .init(variant: name, units: 0, mean: nil, standardError: nil) }
        let sums = table.overall[variant]
        let n = sums.count
        guard n > 0 else { return .init(variant: name, units: 0, mean: nil, standardError: nil) }
        switch metric.kind {
        case .ratio:
            let pair = sums.firstPair
            guard pair.sumY != 0 else { return .init(variant: name, units: Int(n), mean: nil, standardError: nil) }
            let ratio = pair.sumX / pair.sumY
            var standardError: Double?
            if let varianceX = pair.x.variance, let varianceY = pair.y.variance, let covariance = pair.covariance {
                let meanY = pair.sumY / n
                let unitVariance = max(0, varianceX - 2 * ratio * covariance + ratio * ratio * varianceY) / (meanY * meanY)
                standardError = (unitVariance / n).squareRoot()
            }
            return .init(variant: name, units: Int(n), mean: finite(ratio), standardError: standardError.flatMap(finite))
        default:
            let summary = sums.first
            return .init(variant: name, units: Int(n), mean: summary.mean.flatMap(finite),
                         standardError: summary.variance.map { ($0 / n).squareRoot() }.flatMap(finite))
        }
    }

    // MARK: - Corrections

    private func applyCorrections(to metrics: inout [ExperimentResults.MetricResult]) throws {
        guard let method = multipleTestingMethod else { return }
        // Family 1: overall comparisons of success metrics.
        var family: [(metric: Int, comparison: Int)] = []
        for (metricIndex, metric) in metrics.enumerated() where metric.role == "success" {
            for (index, comparison) in metric.comparisons.enumerated() where comparison.dimension == nil { family.append((metricIndex, index)) }
        }
        try adjust(family, in: &metrics, method: method)
        // One family per metric and dimension.
        for metricIndex in metrics.indices {
            var byDimension: [String: [(metric: Int, comparison: Int)]] = [:]
            for (index, comparison) in metrics[metricIndex].comparisons.enumerated() {
                if let dimension = comparison.dimension { byDimension[dimension.name, default: []].append((metricIndex, index)) }
            }
            for key in byDimension.keys.sorted() { try adjust(byDimension[key] ?? [], in: &metrics, method: method) }
        }
    }

    private var multipleTestingMethod: MultipleTestingMethod? {
        switch spec.correction {
        case .none: return nil
        case .bonferroni: return .bonferroni
        case .holm: return .holm
        case .bh: return .benjaminiHochberg
        case .by: return .benjaminiYekutieli
        }
    }

    /// Adjusts the p-values and relative intervals of one family. Members without a defined
    /// relative lift are left out (and keep a null adjusted p-value).
    private func adjust(_ family: [(metric: Int, comparison: Int)], in metrics: inout [ExperimentResults.MetricResult],
                        method: MultipleTestingMethod) throws {
        let members = family.filter { member in
            let comparison = metrics[member.metric].comparisons[member.comparison]
            return comparison.relativeLift != nil && comparison.ciLow != nil && comparison.ciHigh != nil && comparison.pValue != nil
        }
        guard !members.isEmpty else { return }
        let z = NormalDistribution.standard.inverseSurvival(spec.alpha / 2)
        let estimates = members.map { metrics[$0.metric].comparisons[$0.comparison].relativeLift ?? 0 }
        // The standard error implied by the reported interval (t or z), so adjusted intervals
        // stay consistent with the unadjusted ones.
        let errors = members.map { member -> Double in
            let comparison = metrics[member.metric].comparisons[member.comparison]
            return ((comparison.ciHigh ?? 0) - (comparison.ciLow ?? 0)) / (2 * z)
        }
        let adjusted = try MultipleTesting.adjustedComparisons(estimates: estimates, standardErrors: errors, method: method, alpha: spec.alpha)
        let pValues = try MultipleTesting.adjustedPValues(members.map { metrics[$0.metric].comparisons[$0.comparison].pValue ?? 1 }, method: method)
        for (position, member) in members.enumerated() {
            metrics[member.metric].comparisons[member.comparison].adjustedPValue = pValues[position]
            metrics[member.metric].comparisons[member.comparison].adjustedCILow = finite(adjusted[position].lower)
            metrics[member.metric].comparisons[member.comparison].adjustedCIHigh = finite(adjusted[position].upper)
        }
    }

    // MARK: - SRM and decision

    private func sampleRatioCheck() -> ExperimentResults.SampleRatioCheck {
        let threshold = 0.001
        var planned: [Double]
        if let weights = spec.weights {
            planned = table.variants.map { weights[$0] ?? 0 }
        } else {
            planned = Array(repeating: 1, count: table.variants.count)
        }
        let total = planned.reduce(0, +)
        if total > 0 { planned = planned.map { $0 / total } }
        var plannedByName: [String: Double] = [:]
        for (index, name) in table.variants.enumerated() { plannedByName[name] = planned[index] }
        do {
            switch try SRM.test(observed: table.units.map(Double.init), plannedWeights: planned) {
            case .estimated(let result):
                return .init(pValue: result.pValue, chiSquare: result.statistic, plannedWeights: plannedByName,
                             mismatch: result.isMismatch(threshold: threshold), threshold: threshold, note: nil)
            case .undefined(let reason):
                return .init(pValue: nil, chiSquare: nil, plannedWeights: plannedByName, mismatch: false, threshold: threshold,
                             note: "SRM check undefined: \(reason)")
            }
        } catch {
            return .init(pValue: nil, chiSquare: nil, plannedWeights: plannedByName, mismatch: false, threshold: threshold,
                         note: "SRM check impossible: \(error)")
        }
    }

    private func decide(effects: [[ComparisonOutcome<EffectEstimate>]], srm: ExperimentResults.SampleRatioCheck) -> ExperimentResults.Decision {
        let successMetrics = spec.metrics.filter { $0.guardrail == nil }
        guard !successMetrics.isEmpty else {
            return .init(ship: false, reasons: ["do not ship: the spec has no success metric (every metric is a guardrail), so nothing can show an improvement"])
        }
        var reasons: [String] = []
        var shipAny = false
        let treatments = Array(table.variants.indices.dropFirst())
        for (position, treatment) in treatments.enumerated() {
            let evaluations = spec.metrics.enumerated().map { index, metric in
                MetricEvaluation(
                    name: metric.name,
                    role: metric.guardrail.map { .guardrail(NonInferiorityMargin($0.margin, scale: $0.relative ? .relative : .absolute)) } ?? .success,
                    direction: metric.increaseIsGood ? .increase : .decrease,
                    effect: metric.guardrail?.relative == false ? absoluteEffect(metricIndex: index, treatment: treatment) : effects[index][position])
            }
            let decision = Guardrails.decide(metrics: evaluations, alpha: spec.alpha)
            let prefix = treatments.count > 1 ? "\(table.variants[treatment]): " : ""
            reasons += decision.reasons.map { prefix + $0 }
            shipAny = shipAny || decision.shouldShip
        }
        if srm.mismatch {
            let p = srm.pValue.map { "\($0)" } ?? "?"
            reasons.insert("do not ship: sample ratio mismatch (p = \(p) < \(srm.threshold)): the assignment or logging is broken, so no result can be trusted", at: 0)
            return .init(ship: false, reasons: reasons)
        }
        return .init(ship: shipAny, reasons: reasons)
    }

    private func absoluteEffect(metricIndex: Int, treatment: Int) -> ComparisonOutcome<EffectEstimate> {
        let metric = spec.metrics[metricIndex]
        let metricTable = table.metrics[metricIndex]
        if case .quantile(_, let probability) = metric.kind {
            let values = metricTable.unitValues ?? []
            return quantileEffects(metric: metric, probability: probability, segment: nil,
                                   control: (0, values.first ?? UnitGroupedValues()),
                                   treatment: (treatment, values.indices.contains(treatment) ? values[treatment] : UnitGroupedValues())).absolute
        }
        guard let control = sums(metricTable, segment: nil, variant: 0), let treated = sums(metricTable, segment: nil, variant: treatment) else {
            return .undefined(reason: .noUnits)
        }
        return effect(metric: metric, control: control, treatment: treated, scale: .absolute)
    }

    // MARK: - Timeline

    private func timeline() -> ExperimentResults.Timeline {
        var exposures: [String: [Int]] = [:]
        for (index, name) in table.variants.enumerated() { exposures[name] = table.newUnitsPerDay.map { $0[index] } }
        var series: [ExperimentResults.CumulativeLift] = []
        for (metricIndex, metric) in spec.metrics.enumerated() {
            let metricTable = table.metrics[metricIndex]
            guard metricTable.unitValues == nil, !metricTable.daily.isEmpty else { continue }
            for treatment in table.variants.indices.dropFirst() {
                var control = MomentSums(dimension: metricTable.daily[0][0].dimension)
                var treated = control
                var lift: [Double?] = [], low: [Double?] = [], high: [Double?] = []
                for day in metricTable.daily {
                    control.merge(day[0])
                    treated.merge(day[treatment])
                    if case .estimated(let value) = effect(metric: metric, control: control, treatment: treated, scale: .relative) {
                        var interval = value
                        if let sequential = spec.sequential, value.standardError > 0 {
                            interval = Sequential.confidenceSequence(value, totalUnits: control.count + treated.count, tuningUnits: sequential.tuning)
                        }
                        lift.append(finite(value.estimate))
                        low.append(finite(interval.lowerBound))
                        high.append(finite(interval.upperBound))
                    } else {
                        lift.append(nil)
                        low.append(nil)
                        high.append(nil)
                    }
                }
                series.append(.init(metric: metric.name, variant: table.variants[treatment], lift: lift, low: low, high: high,
                                    interval: spec.sequential == nil ? "fixed" : "sequential"))
            }
        }
        return .init(days: table.days, exposuresPerDay: exposures, cumulativeLift: series)
    }
}

extension StatisticsTable.MetricTable {
    func variantName(_ index: Int, in table: StatisticsTable) -> String { table.variants[index] }
}

/// Memo of clustered quantile estimates for one `ResultsBuilder` (a class so the builder's
/// non-mutating methods can fill it).
private final class QuantileEstimateCache {
    struct Key: Hashable {
        var metric: String
        var segment: StatisticsTable.SegmentKey?
        var variant: Int
    }
    var results: [Key: Result<ClusteredQuantileEstimate, any Error>] = [:]
}
