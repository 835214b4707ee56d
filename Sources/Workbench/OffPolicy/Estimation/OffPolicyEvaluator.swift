import Stats

/// Off-policy evaluation of "treatment when score >= threshold, else control" policies from a
/// logged percentage rollout: IPS, self-normalised IPS, direct method and doubly robust, with
/// seeded unit-level bootstrap intervals, effective sample sizes and support diagnostics.
///
/// The bootstrap redraws units with replacement (`SplitMix64(seed)`, `nextIndex(below: n)`,
/// n draws per replicate, replicates in order) and repeats the whole procedure on each
/// replicate: estimated propensities are re-estimated and the outcome models refitted (same
/// folds, a drawn unit keeps its fold), so the intervals include the uncertainty of both.
/// Formulas and references: `docs/off-policy.md`.
///
/// Complexity: O((B + 1) x (n x (p^2 + p x V + V) + P x V)) for B replicates, n units, p design
/// columns, V reward variables and P policies; a sweep over many thresholds costs almost nothing
/// extra (`PolicyGrid`).
public enum OffPolicyEvaluator {
    /// A policy to evaluate and where it starts treating in the `PolicyGrid`.
    struct Descriptor {
        var name: String
        var kind: PolicyEvaluation.Kind
        var threshold: Double?
        var firstTreated: Int
    }

    /// Evaluates the policies of `settings` on `units`.
    ///
    /// - Parameters:
    ///   - metrics: the metrics, over `units.rewards` variables.
    ///   - folds: cross-fitting fold per unit, in `0 ..< settings.foldCount` (see `folds(unitCount:foldCount:seed:)`).
    /// - Throws: `OffPolicyError` when there are no units, a threshold or score is not finite, or
    ///   a setting is out of range.
    public static func evaluate(
        _ originalUnits: LoggedUnits, metrics: [OffPolicyMetric], folds: [Int], settings: OffPolicySettings
    ) throws -> OffPolicyEvaluation {
        try validate(originalUnits, metrics: metrics, settings: settings)
        precondition(folds.count == originalUnits.count, "\(folds.count) folds for \(originalUnits.count) units")
        // Units are processed grouped by fold (stable within a fold) so the outcome models read
        // and write contiguous memory; `position` maps an original unit to its place, which keeps
        // the bootstrap's draws (over original unit numbers) independent of this choice.
        let order = originalUnits.arms.indices.sorted { (folds[$0], $0) < (folds[$1], $1) }
        var position = [Int](repeating: 0, count: order.count)
        for (place, unit) in order.enumerated() { position[unit] = place }
        let units = originalUnits.reordered(order)
        let sortedFolds = order.map { folds[$0] }
        let requested = settings.thresholds.reduce(into: [Double]()) { list, value in if !list.contains(value) { list.append(value) } }
        let sweep = Array(Set(settings.sweepThresholds)).sorted()
        let grid = PolicyGrid(scores: units.scores, thresholds: requested + sweep)
        var descriptors = requested.map {
            Descriptor(name: "score >= \(ReportNumberFormat.value($0))", kind: .threshold, threshold: $0,
                       firstTreated: grid.firstTreatedBucket(threshold: $0))
        }
        descriptors.append(Descriptor(name: "all control", kind: .allControl, threshold: nil, firstTreated: grid.bucketCount))
        descriptors.append(Descriptor(name: "all treatment", kind: .allTreatment, threshold: nil, firstTreated: 0))
        let mainCount = descriptors.count
        descriptors += sweep.map {
            Descriptor(name: "score >= \(ReportNumberFormat.value($0))", kind: .threshold, threshold: $0,
                       firstTreated: grid.firstTreatedBucket(threshold: $0))
        }
        let design = OutcomeDesign(units: units, folds: sortedFolds, foldCount: settings.foldCount)
        let calculator = SlotCalculator(descriptors: descriptors, metrics: metrics, bucketCount: grid.bucketCount)

        // The original data.
        let ones = [Double](repeating: 1, count: units.count)
        let propensities = PropensityTable(specification: settings.propensity, units: units, multiplicity: ones)
        let outcomes = CrossFittedOutcomeModel(design: design, units: units, multiplicity: ones, ridge: settings.ridge)
        let sums = PolicySums(units: units, grid: grid, multiplicity: ones, propensities: propensities, outcomes: outcomes)
        let point = calculator.values(sums)
        let reasons = calculator.reasons(sums, outcomes: outcomes, units: units)

        // The bootstrap: replicate b's values are replicateValues[slot * B + b].
        let replicates = settings.replicates
        var replicateValues = [Double](repeating: .nan, count: calculator.slotCount * replicates)
        var generator = Stats.SplitMix64(seed: settings.seed)
        var multiplicity = [Double](repeating: 0, count: units.count)
        for replicate in 0..<replicates {
            for index in multiplicity.indices { multiplicity[index] = 0 }
            for _ in 0..<units.count { multiplicity[position[generator.nextIndex(below: units.count)]] += 1 }
            let table = PropensityTable(specification: settings.propensity, units: units, multiplicity: multiplicity)
            let fitted = CrossFittedOutcomeModel(design: design, units: units, multiplicity: multiplicity, ridge: settings.ridge)
            let replicateSums = PolicySums(units: units, grid: grid, multiplicity: multiplicity, propensities: table, outcomes: fitted)
            for (slot, value) in calculator.values(replicateSums).enumerated() { replicateValues[slot * replicates + replicate] = value }
        }
        func interval(_ slot: Int) -> EstimateInterval {
            EstimateInterval(estimate: point[slot], reason: reasons[slot],
                             replicates: Array(replicateValues[(slot * replicates)..<((slot + 1) * replicates)]),
                             level: settings.confidenceLevel)
        }

        var evaluations: [PolicyEvaluation] = []
        for (index, descriptor) in descriptors.enumerated() {
            let totals = sums.totals(firstTreated: descriptor.firstTreated)
            var estimates: [PolicyEvaluation.MetricEstimate] = []
            for (metricIndex, metric) in metrics.enumerated() {
                for (estimatorIndex, estimator) in OffPolicyEstimator.offPolicy.enumerated() {
                    let slot = calculator.slot(policy: index, metric: metricIndex, estimator: estimatorIndex)
                    estimates.append(PolicyEvaluation.MetricEstimate(
                        metric: metric.name, estimator: estimator, value: interval(slot), differenceFromAllControl: interval(slot + 1)))
                }
            }
            evaluations.append(PolicyEvaluation(
                name: descriptor.name, kind: descriptor.kind, threshold: descriptor.threshold,
                treatedShare: totals.treatedUnits / totals.units, supportCoverage: 1 - totals.unsupported / totals.units,
                unsupportedUnits: Int(totals.unsupported.rounded()), effectiveSampleSize: totals.effectiveSampleSize,
                effectiveSampleShare: totals.effectiveSampleSize / totals.units, estimates: estimates))
        }
        let logged = PolicyEvaluation(
            name: "logged (the rollout)", kind: .logged, threshold: nil,
            treatedShare: Double(units.arms.filter { $0 == .treatment }.count) / Double(units.count),
            supportCoverage: 1, unsupportedUnits: 0, effectiveSampleSize: Double(units.count), effectiveSampleShare: 1,
            estimates: metrics.indices.map { metricIndex in
                PolicyEvaluation.MetricEstimate(
                    metric: metrics[metricIndex].name, estimator: .observed,
                    value: interval(calculator.loggedSlot(metric: metricIndex)), differenceFromAllControl: nil)
            })
        let mainPolicies = Array(evaluations[..<mainCount]) + [logged]
        let sweepPolicies = Array(evaluations[mainCount...])
        let deciles = supportDeciles(originalUnits, minimum: settings.minimumArmUnitsPerDecile)
        let strata = propensityStrata(units, table: propensities, specification: settings.propensity, level: settings.confidenceLevel)
        let counts = (0..<3).map { arm in units.arms.filter { $0.rawValue == arm }.count }
        return OffPolicyEvaluation(
            policies: mainPolicies, sweep: sweepPolicies, metrics: metrics, deciles: deciles, propensityStrata: strata,
            propensitySource: settings.propensity == .estimatedPerStratum ? "estimated" : "known", units: units.count,
            treatmentUnits: counts[1], controlUnits: counts[0], otherUnits: counts[2], outcomeModelColumns: design.columnNames,
            folds: settings.foldCount, replicates: replicates, seed: settings.seed, confidenceLevel: settings.confidenceLevel,
            warnings: warnings(policies: mainPolicies + sweepPolicies, deciles: deciles, units: units, strata: strata,
                               specification: settings.propensity, minimum: settings.minimumArmUnitsPerDecile))
    }

    /// Cross-fitting folds: a seeded Fisher-Yates shuffle of the units (`SplitMix64(seed)`),
    /// then position modulo `foldCount`, so folds differ in size by at most one. O(units).
    public static func folds(unitCount: Int, foldCount: Int, seed: UInt64) -> [Int] {
        precondition(foldCount >= 1 && unitCount >= 0, "folds: \(unitCount) units, \(foldCount) folds")
        var order = Array(0..<unitCount)
        var generator = Stats.SplitMix64(seed: seed)
        if unitCount > 1 {
            for position in stride(from: unitCount - 1, to: 0, by: -1) {
                order.swapAt(position, generator.nextIndex(below: position + 1))
            }
        }
        var folds = [Int](repeating: 0, count: unitCount)
        for (position, unit) in order.enumerated() { folds[unit] = position % foldCount }
        return folds
    }

    private static func validate(_ units: LoggedUnits, metrics: [OffPolicyMetric], settings: OffPolicySettings) throws {
        guard units.count > 0 else { throw OffPolicyError("there are no units to evaluate; check that the exposures hold the experiment and that its units have one variant each") }
        guard !metrics.isEmpty else { throw OffPolicyError("no metric to evaluate; the spec needs at least one proportion, mean or ratio metric") }
        for metric in metrics {
            precondition(metric.numerator < units.rewards.count && (metric.denominator ?? 0) < units.rewards.count,
                         "metric \(metric.name) names reward variables beyond \(units.rewards.count)")
        }
        guard !settings.thresholds.isEmpty || !settings.sweepThresholds.isEmpty else {
            throw OffPolicyError("give at least one --threshold (or a sweep) to evaluate")
        }
        for threshold in settings.thresholds + settings.sweepThresholds where !threshold.isFinite {
            throw OffPolicyError("the threshold \(threshold) is not a finite number; give thresholds such as 0.3")
        }
        if let index = units.scores.firstIndex(where: { !$0.isFinite }) {
            throw OffPolicyError("the model gave a non-finite score (\(units.scores[index])) to unit number \(index + 1); check the model and its features")
        }
        guard settings.foldCount >= 2 else { throw OffPolicyError("--folds must be at least 2 for cross-fitting, got \(settings.foldCount)") }
        guard settings.replicates == 0 || settings.replicates >= 50 else {
            throw OffPolicyError("--bootstrap must be 0 (no intervals) or at least 50 replicates, got \(settings.replicates)")
        }
        guard settings.confidenceLevel > 0 && settings.confidenceLevel < 1 else {
            throw OffPolicyError("the confidence level must be in (0, 1), got \(settings.confidenceLevel)")
        }
        guard settings.ridge >= 0 && settings.ridge.isFinite else { throw OffPolicyError("the ridge penalty must be >= 0, got \(settings.ridge)") }
        if case .known(let treatment, let control) = settings.propensity {
            guard treatment >= 0, control >= 0, treatment + control <= 1 + 1e-12 else {
                throw OffPolicyError("the known shares (treatment \(treatment), control \(control)) must be in [0, 1] and sum to at most 1; fix --treatment-share")
            }
        }
    }

    /// Logged arm counts per score decile (deciles by rank: the n/10 lowest scores form decile 1;
    /// ties are split in unit order). O(n log n).
    static func supportDeciles(_ units: LoggedUnits, minimum: Int) -> [SupportDecile] {
        let order = units.scores.indices.sorted { units.scores[$0] < units.scores[$1] || (units.scores[$0] == units.scores[$1] && $0 < $1) }
        let count = order.count
        return (0..<10).compactMap { decile in
            let members = order[(decile * count / 10)..<((decile + 1) * count / 10)]
            guard let first = members.first, let last = members.last else { return nil }
            let treatment = members.filter { units.arms[$0] == .treatment }.count
            let control = members.filter { units.arms[$0] == .control }.count
            let warning = min(treatment, control) < minimum
                ? "only \(treatment) treatment and \(control) control units (fewer than \(minimum) in an arm)" : nil
            return SupportDecile(decile: decile + 1, minimumScore: units.scores[first], maximumScore: units.scores[last],
                                 units: members.count, treatment: treatment, control: control, warning: warning)
        }
    }

    static func propensityStrata(_ units: LoggedUnits, table: PropensityTable, specification: PropensitySpecification,
                                 level: Double) -> [PropensityStratum] {
        var counts = Array(repeating: [0, 0, 0], count: units.strataLabels.count)
        for unit in 0..<units.count { counts[units.strata[unit]][Int(units.arms[unit].rawValue)] += 1 }
        let z = NormalDistribution.standard.quantile((1 + level) / 2)
        return units.strataLabels.indices.map { stratum in
            let total = counts[stratum].reduce(0, +)
            var entry = PropensityStratum(
                label: units.strataLabels[stratum], units: total, treatment: counts[stratum][1], control: counts[stratum][0],
                treatmentPropensity: table.treatment[stratum], controlPropensity: table.control[stratum])
            if specification == .estimatedPerStratum, let interval = PropensityStratum.wilson(successes: counts[stratum][1], trials: total, z: z) {
                entry.treatmentShareLower = interval.0
                entry.treatmentShareUpper = interval.1
            }
            return entry
        }
    }

    static func warnings(policies: [PolicyEvaluation], deciles: [SupportDecile], units: LoggedUnits, strata: [PropensityStratum],
                         specification: PropensitySpecification, minimum: Int) -> [String] {
        var warnings: [String] = []
        let thin = deciles.filter { $0.warning != nil }.map { "\($0.decile) (\($0.treatment) treatment, \($0.control) control)" }
        if !thin.isEmpty {
            warnings.append("score deciles with fewer than \(minimum) units in an arm: \(thin.joined(separator: ", ")); policies that change the arm of these units rest on few logged units")
        }
        for policy in policies where policy.unsupportedUnits > 0 {
            warnings.append("\(policy.name): \(policy.unsupportedUnits) units would get an arm the rollout never gave in their stratum (logging propensity 0); IPS, SNIPS and DR are undefined and DM extrapolates")
        }
        for policy in policies where policy.unsupportedUnits == 0 && policy.kind != .logged
            && policy.effectiveSampleSize < max(100, 0.05 * Double(units.count)) {
            warnings.append("\(policy.name): the importance weights leave an effective sample of only \(ReportNumberFormat.value(policy.effectiveSampleSize)) units; IPS-type intervals are wide and may be unreliable")
        }
        if case .known(let treatment, let control) = specification, treatment + control > 0 {
            // A known share far from the logged one means the propensities are wrong (or an SRM).
            let logged = Double(strata.reduce(0) { $0 + $1.treatment })
            let armUnits = Double(strata.reduce(0) { $0 + $1.treatment + $1.control })
            let expected = treatment / (treatment + control)
            if armUnits > 0, expected > 0, expected < 1 {
                let z = (logged / armUnits - expected) / (expected * (1 - expected) / armUnits).squareRoot()
                if abs(z) > 4 {
                    warnings.append("the log's treatment share \(ReportNumberFormat.value(logged / armUnits)) is far from the given share \(ReportNumberFormat.value(expected)) (z = \(ReportNumberFormat.value(z))); the known propensities may be wrong, consider estimating them from the log")
                }
            }
        }
        return warnings
    }
}
